/**
 * The cost CodeLens above a function: "≈ $X/month (assumed workload: …)". The workload is the scenario
 * attached in `Metadata.LambdaAdvisor` when it is valid, otherwise the defaults from the settings
 * (`lambdaAdvisor.codeLens.assumedRequestsPerMonth`, `…assumedDurationMs`), and the lens says which.
 * The function's own settings (memory, architecture, /tmp) come from the template, AWS defaults where
 * it leaves them out. Uses only the engine's public API (`src/engine/index.ts`).
 */
import {
  averageWork,
  DEFAULT_REGION,
  durationAt,
  expectedFill,
  formatErrors,
  LIMITS,
  monthlyRequests,
  parseScenario,
  priceDesign,
  pricePlainFunction,
  SECONDS_PER_MONTH,
  type Bill,
  type PricedConfig,
  type Scenario,
} from '../index.ts';
import { mb, ms, shortCount, usd } from '../format.ts';
import { FUNCTION_DEFAULTS, type FunctionFacts } from './function-facts.ts';

export interface LensDefaults {
  readonly requestsPerMonth: number;
  readonly durationMs: number;
  readonly region: string;
}

export const LENS_DEFAULTS: LensDefaults = { requestsPerMonth: 1_000_000, durationMs: 100, region: DEFAULT_REGION };

export interface CostLens {
  /** The CodeLens text. */
  readonly title: string;
  /** The hover text of the lens: the assumptions in full and how to change them. */
  readonly tooltip: string;
  readonly totalUsd: number | undefined;
  readonly basis: 'scenario' | 'defaults';
  /** The bill behind the title (undefined when the cost could not be estimated). */
  readonly bill: Bill | undefined;
}

export { shortCount };

/** The unwrapped scenario of `Metadata.LambdaAdvisor`: the object itself, or its `scenario` field. */
export function attachedScenarioInput(attached: unknown): unknown {
  if (attached !== null && typeof attached === 'object' && !Array.isArray(attached) && 'scenario' in attached) {
    return (attached as { scenario: unknown }).scenario;
  }
  return attached;
}

const UNIT: Partial<Record<Scenario['source'], string>> = {
  sqs: 'messages',
  'sqs-fifo': 'messages',
  kinesis: 'records',
  'dynamodb-streams': 'records',
  kafka: 'records',
};

const POLLED: ReadonlySet<Scenario['source']> = new Set(['sqs', 'sqs-fifo', 'kinesis', 'dynamodb-streams', 'kafka']);

export function costLens(f: FunctionFacts, defaults: LensDefaults = LENS_DEFAULTS): CostLens {
  const memoryMb = f.memoryMb ?? FUNCTION_DEFAULTS.memoryMb;
  const architecture = f.architecture ?? FUNCTION_DEFAULTS.architecture;
  const ephemeralMb = f.ephemeralMb ?? FUNCTION_DEFAULTS.ephemeralMb;
  const settingsNote = [
    f.memoryMb === undefined ? `MemorySize not set as a number: priced at the ${mb(memoryMb)} default` : undefined,
    f.architecture === undefined ? `Architectures not set: priced as ${architecture}` : undefined,
  ].filter((x): x is string => x !== undefined);
  const config = `${mb(memoryMb)} ${architecture}`;
  const change =
    'Change the assumed workload in the settings (Lambda Advisor › Code Lens: Assumed Requests Per Month / Assumed Duration Ms), ' +
    'or run "Advise on this function" to describe the real one.';

  let invalid: string | undefined;
  if (f.attachedScenario !== undefined) {
    const parsed = parseScenario(attachedScenarioInput(f.attachedScenario));
    if (parsed.ok && memoryMb >= LIMITS.memoryMinMb.value && memoryMb <= LIMITS.memoryMaxMb.value) {
      const s = parsed.scenario;
      const monthly = monthlyRequests(s, SECONDS_PER_MONTH);
      let records = 1;
      if (POLLED.has(s.source) && f.source?.batchSize !== undefined && f.source.batchSize > 1) {
        const units = s.source === 'kinesis' || s.source === 'dynamodb-streams' ? (s.traffic.shards ?? 1) : 1;
        const rate = monthly / SECONDS_PER_MONTH / units;
        records = expectedFill(rate, f.source.batchingWindowSeconds ?? 0, f.source.batchSize);
      }
      // The scenario's duration curve: measured (work.measurements) or from its profile.
      const perRecordMs = durationAt(averageWork(s), memoryMb);
      const priced: PricedConfig = {
        memoryMb,
        architecture,
        ephemeralStorageMb: ephemeralMb,
        recordsPerInvocation: records,
        provisionedConcurrency: 0,
        provisionedHours: 0,
        vpc: null,
        averageInvocationMs: perRecordMs * records,
        initMs: s.work.initDurationMs ?? 0,
      };
      const bill = priceDesign(s, priced);
      const unit = UNIT[s.source] ?? 'requests';
      const workload = `${shortCount(monthly)} ${unit}/month × ${ms(s.work.averageDurationMs)} at ${mb(s.work.measuredAtMemoryMb)}`;
      return {
        title: `≈ ${usd(bill.total)}/month (workload from Metadata.LambdaAdvisor: ${workload})`,
        tooltip: [
          `Estimated monthly cost of ${f.id} in ${bill.region} at ${config}, for the workload attached in Metadata.LambdaAdvisor (${workload}).`,
          records > 1 ? `About ${Number(records.toFixed(1))} records per invocation (BatchSize ${f.source?.batchSize}), processed one after another.` : undefined,
          ...settingsNote,
          f.vpcAttached ? 'VPC networking (NAT gateways, interface endpoints) is not included.' : undefined,
          ...bill.assumptions,
          `Prices as of ${bill.pricesAsOf}.`,
        ]
          .filter((x): x is string => x !== undefined)
          .join('\n'),
        totalUsd: bill.total,
        basis: 'scenario',
        bill,
      };
    }
    if (!parsed.ok) invalid = formatErrors(parsed.errors).split('\n').slice(0, 3).join('; ');
  }

  const workload = `${shortCount(defaults.requestsPerMonth)} requests/month × ${ms(defaults.durationMs)}`;
  const result = pricePlainFunction({
    requestsPerMonth: defaults.requestsPerMonth,
    durationMs: defaults.durationMs,
    memoryMb,
    architecture,
    region: defaults.region,
    freeTier: false,
    ephemeralMb,
  });
  const lines = [
    invalid === undefined ? undefined : `Metadata.LambdaAdvisor is not a valid scenario, so it was ignored: ${invalid}`,
    `Estimated monthly cost of ${f.id} in ${defaults.region} at ${config} for an ASSUMED workload of ${workload} (not measured).`,
    ...settingsNote,
    'Requests and compute only: no free tier, event source, logs or networking.',
    change,
  ].filter((x): x is string => x !== undefined);
  if (!result.ok) {
    return {
      title: `Cost not estimated: ${formatErrors(result.errors).split('\n')[0] ?? 'invalid settings'}`,
      tooltip: lines.join('\n'),
      totalUsd: undefined,
      basis: 'defaults',
      bill: undefined,
    };
  }
  return {
    title: `≈ ${usd(result.bill.total)}/month (assumed workload: ${workload}${invalid === undefined ? '' : '; Metadata.LambdaAdvisor invalid'})`,
    tooltip: [...lines, `Prices as of ${result.bill.pricesAsOf}.`].join('\n'),
    totalUsd: result.bill.total,
    basis: 'defaults',
    bill: result.bill,
  };
}
