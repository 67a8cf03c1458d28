/**
 * The engine's public API: what the CLI, the extension host and the webview use.
 *   recommend(scenario)  a valid Scenario -> Design
 *   advise(input)        untrusted JSON -> Design, or every problem with its field path
 */
import type { Design } from './design.ts';
import { parseScenario, type FieldError } from './scenario.ts';
import { recommend } from './recommend/index.ts';

export { recommend, computeCostByTraffic } from './recommend/index.ts';
export { COMPUTE_MODEL } from './recommend/compute.ts';
export { MODEL as RECOMMENDATION_MODEL } from './recommend/context.ts';
export { ALL_MEMORIES } from './recommend/memory.ts';
/** Seconds in the pricing month (730 h), as every decision and the cost lens count them. */
export { SECONDS_PER_MONTH } from './recommend/context.ts';
/** Records a poller puts in one batch at a rate, window and batch size (what a template's BatchSize costs). */
export { expectedFill } from './recommend/batching.ts';
/** The rationale's formatters, for faces that print next to it (the cost lens). */
export { mb as formatMb, ms as formatMs, usd as formatDesignUsd } from './recommend/format.ts';

export type AdviseResult = { ok: true; design: Design } | { ok: false; errors: FieldError[] };

/** Validate untrusted input and recommend a design. Never throws on bad input. */
export function advise(input: unknown): AdviseResult {
  const parsed = parseScenario(input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, design: recommend(parsed.scenario) };
}

export {
  parseScenario,
  formatErrors,
  monthlyRequests,
  scenarioSchema,
  SOURCES_LIST,
  COMPUTE_KIND_LIST,
  WORK_LOGIC_LIST,
  RUNTIME_LIST,
  AWS_SERVICE_LIST,
  type Scenario,
  type ScenarioInput,
  type FieldError,
  type ParseResult,
  type EventSource,
} from './scenario.ts';
export {
  DESIGN_SCHEMA_VERSION,
  type Design,
  type DecisionId,
  type Rationale,
  type Warning,
  type MemoryOption,
  type CostLine,
  type Bill,
  type PricedConfig,
  type ComputeKind,
  type ComputeOption,
  type ComputeDecision,
  type ManagedInstancesPlan,
  type WorkflowPlan,
} from './design.ts';
export * from './facts/index.ts';
export { priceDesign, monthlyTotal, vpcMonthlyUsd, costByMemory, costByTraffic, pricePlainFunction, formatUsd, type PlainFunction, type PlainResult } from './cost/index.ts';
export { averageWork, p99Work, pricedConfigOf, invocationMsAt, recordsPerInvocation } from './cost/config.ts';
export { durationAt, curveAt, vcpus, usableVcpus, CPU_SHARE, PERFORMANCE_ASSUMPTIONS, type Profile, type WorkMeasure, type MeasuredCurve } from './model/performance.ts';
export { workModel, fitDurations, cpuShareAt, monotonePoints, type ModelReport, type DurationFit, type DurationPoint } from './model/measured.ts';
export { measurementSchema, type Measurement } from './scenario.ts';
