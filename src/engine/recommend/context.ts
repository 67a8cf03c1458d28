/**
 * What every rule needs to know about a scenario, derived once: rates, the kind of source, the
 * work measures, the memory floor. The model's own choices (headroom, safety factor, tolerances) live
 * here too, named, so the rationale can state them; they are design choices, not AWS facts.
 */
import { LIMITS, PRICING_UNITS, runtimeInfo, type RuntimeInfo } from '../facts/index.ts';
import type { WorkMeasure } from '../model/performance.ts';
import { workModel } from '../model/measured.ts';
import { monthlyRequests, type Scenario } from '../scenario.ts';
import { sourceOf, type SourceKind, type SourceModule } from '../sources/index.ts';
import { recordsConcurrency, type RecordsConcurrency } from './parallel.ts';

/** How a source reaches the function; each source's facts live in its module under src/engine/sources/. */
export { SOURCE_KIND, SOURCE_LABEL, type SourceKind } from '../sources/index.ts';

/** Model choices (ours, not AWS's). Each is stated to the user where it matters. */
export const MODEL = {
  /** Memory kept above the measured peak use, as a share of it. */
  memoryHeadroom: 0.2,
  /** Two memory settings whose monthly cost differs by at most this share are "about the same". */
  costTieTolerance: 0.01,
  /** Timeout = p99 duration × this factor (rounded up to whole seconds). */
  timeoutSafetyFactor: 3,
  /** Share of the latency target a poller's batching window may use; the rest is for processing. */
  windowShareOfTarget: 0.5,
  /** Without a latency target, a full batch is kept to about this much processing at its p99 (ms). */
  batchMsWithoutTarget: 10_000,
  /** Without a latency target, the batching window stays at most this long (s). */
  windowWithoutTargetSeconds: 5,
  /** Stream retries before a batch goes to the on-failure destination. */
  streamRetryAttempts: 3,
  /** Stream records older than this (s) are sent to the on-failure destination (floor; raised for long batches). */
  streamRecordAgeSeconds: 3_600,
  /** Room kept for the on-failure record's envelope (request context, error) beside the payload, KB. */
  destinationEnvelopeKb: 64,
  /**
   * AWS Lambda Power Tuning's `balancedWeight` default: "balanced" minimises
   * w × cost / max cost + (1 − w) × duration / max duration over the settings considered.
   */
  balancedWeight: 0.5,
  /** Grid (MB) the balanced search scans before refining to 1 MB steps around the best. */
  balancedGridMb: 128,
  /** Common memory sizes shown as alternatives. 3,008 was the 2019 maximum; still a common setting. */
  commonMemoriesMb: [512, 1_024, LIMITS.mbPerVcpu.value, 3_008] as readonly number[],
} as const;

export const SECONDS_PER_MONTH = PRICING_UNITS.hoursPerMonth.value * 3_600;

export interface Context {
  readonly s: Scenario;
  /** The runtime the scenario names (a family name stands for its newest identifier). */
  readonly runtime: RuntimeInfo;
  /** The event source's module: its limits, scaling, batching, failures and pricing. */
  readonly src: SourceModule;
  /** `src.kind`, kept for callers that still read it; decisions ask `src` for the property they need. */
  readonly kind: SourceKind;
  readonly label: string;
  /** Requests, messages or records per month. */
  readonly monthly: number;
  /** Average arrivals per second. */
  readonly avgRate: number;
  /** Peak arrivals per second (the average when no peak was given). */
  readonly peakRate: number;
  readonly peakGiven: boolean;
  readonly avgWork: WorkMeasure;
  readonly p99Work: WorkMeasure;
  /** The lowest memory the function may get: measured peak use plus headroom. */
  readonly floorMb: number;
  /** Latency target, ms (undefined: none given). */
  readonly target: number | undefined;
  /** The source's cap on the function timeout, seconds. */
  readonly timeoutCapSeconds: number;
  /** Whether a batch's records are processed concurrently (work.recordsInParallel where ordering allows), and why. */
  readonly parallel: RecordsConcurrency;
}

export function buildContext(s: Scenario): Context {
  const src = sourceOf(s.source);
  const monthly = monthlyRequests(s, SECONDS_PER_MONTH);
  const avgRate = s.traffic.averagePerSecond ?? monthly / SECONDS_PER_MONTH;
  const peakGiven = s.traffic.peakPerSecond !== undefined;
  const peakRate = Math.max(avgRate, s.traffic.peakPerSecond ?? avgRate);
  const w = s.work;
  const model = workModel(s);
  const floorRaw = w.maxMemoryUsedMb === undefined ? LIMITS.memoryMinMb.value : Math.ceil(w.maxMemoryUsedMb * (1 + MODEL.memoryHeadroom));
  const floorMb = Math.min(LIMITS.memoryMaxMb.value, Math.max(LIMITS.memoryMinMb.value, floorRaw, model.report.cheapestMeasuredMb ?? 0));
  const runtime = runtimeInfo(s.runtime);
  if (runtime === undefined) throw new Error(`unknown runtime ${s.runtime}: validate the scenario with parseScenario first`);
  return {
    s,
    runtime,
    src,
    kind: src.kind,
    label: src.label,
    monthly,
    avgRate,
    peakRate,
    peakGiven,
    avgWork: model.avg,
    p99Work: model.p99,
    floorMb,
    target: s.latency.targetP99Ms,
    timeoutCapSeconds: src.timeout.capSeconds,
    parallel: recordsConcurrency(s, src),
  };
}
