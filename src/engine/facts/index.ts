/**
 * The facts module: every AWS limit, default and price the advisor uses, each tied to its source
 * (title, URL, date read). Nothing outside this folder writes a number about AWS.
 */
import { SOURCES, type Source, type SourceId } from './sources.ts';

export { SOURCES, type Source, type SourceId } from './sources.ts';
export { LIMITS, CONCURRENCY, EVENT_SOURCES, COLD_STARTS, RUNTIMES, ARTICLE_2019, type Fact, type Runtime } from './limits.ts';
export { MANAGED_INSTANCES, DURABLE_FUNCTIONS, STEP_FUNCTIONS, DIRECT_INTEGRATIONS, COMPUTE_SOURCES, type InstanceType } from './compute.ts';
export { DEPLOYMENT, type DeploymentConfiguration, type DeploymentType } from './deployment.ts';
export { SOURCE_LIMITS } from './source-limits.ts';
export {
  RUNTIME_FAMILIES,
  RUNTIME_TABLE,
  RUNTIME_VALUES,
  FAMILY_DEFAULT,
  TODAY,
  runtimeInfo,
  runtimeLifecycle,
  runtimeLifecycleMessage,
  type RuntimeFamily,
  type RuntimeInfo,
  type RuntimeLifecycle,
} from './runtimes.ts';
export {
  COMMERCIAL_REGIONS,
  COMMERCIAL_REGIONS_READ,
  SNAPSTART_UNAVAILABLE_REGIONS,
  isCommercialRegionCode,
  commercialRegionPattern,
  isListedRegion,
  regionName,
  type RegionInfo,
} from './regions.ts';
export {
  PRICING_UNITS,
  REGION_PRICES,
  US_EAST_1_PRICES,
  DEFAULT_REGION,
  regionPrices,
  supportedRegions,
  armDurationDiscount,
  type Architecture,
  type CompleteRegionPrices,
  type Maybe,
  type Priced,
  type RegionPrices,
  type Tier,
} from './pricing.ts';

/** The source record behind a fact. */
export function source(id: SourceId): Source {
  return SOURCES[id];
}

/** The distinct sources behind a list of facts (or source ids), in first-seen order. */
export function references(...items: Array<SourceId | { readonly source: SourceId }>): Source[] {
  const seen = new Set<SourceId>();
  const out: Source[] = [];
  for (const item of items) {
    const id = typeof item === 'string' ? item : item.source;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(SOURCES[id]);
    }
  }
  return out;
}
