/**
 * The design and the chart curves, computed here in the webview with the engine itself (pure
 * TypeScript bundled by esbuild), so every keystroke redraws without a round trip to the host.
 */
import {
  averageWork as avgWork,
  p99Work,
  pricedConfigOf,
  costByMemory,
  costByTraffic,
  batchMsAt,
  monthlyRequests,
  monthlyTotal,
  recommend,
  LIMITS,
  PRICING_UNITS,
  type Design,
  type Scenario,
} from '../../src/engine/index.ts';
import { computeCurve, type ComputeCurve } from './compute.ts';

const SECONDS_PER_MONTH = PRICING_UNITS.hoursPerMonth.value * 3_600;

/** Memory settings the memory chart samples: 128 MB, every 64 MB up to 10,240 MB, and the recommended one. */
export function chartMemories(recommendedMb: number, measuredMb: readonly number[] = []): number[] {
  const min = LIMITS.memoryMinMb.value;
  const max = LIMITS.memoryMaxMb.value;
  const out = new Set<number>([min, max, recommendedMb, ...measuredMb]);
  for (let m = 192; m < max; m += 64) out.add(m);
  return [...out].sort((a, b) => a - b);
}

export interface MemoryCurve {
  readonly memories: readonly number[];
  /** Monthly USD at each memory. */
  readonly cost: Float64Array;
  /** Estimated p99 of one invocation (a full batch for pollers) plus the batching window, ms. */
  readonly p99: Float64Array;
  /** The sizes measured (work.measurements), priced at their measured average; p99 where measured. */
  readonly measured: readonly MeasuredPoint[];
}

export interface MeasuredPoint {
  readonly memoryMb: number;
  readonly cost: number;
  /** Measured p99 of one invocation (a full batch) plus the window, ms; null where the source gave averages only. */
  readonly p99: number | null;
}

export function memoryCurve(s: Scenario, d: Design): MemoryCurve {
  const points = s.work.measurements ?? [];
  const memories = chartMemories(d.memoryMb, points.map((p) => p.memoryMb));
  const config = pricedConfigOf(s, d);
  const records = config.recordsPerInvocation;
  const avg = avgWork(s);
  const concurrent = d.batching?.recordsInParallel === true;
  const cost = costByMemory(s, config, (m) => batchMsAt(avg, m, records, concurrent), memories);
  const batch = d.batching ? d.batching.batchSize : 1;
  const windowMs = d.batching ? d.batching.maximumBatchingWindowSeconds * 1_000 : 0;
  const p99w = p99Work(s);
  const p99 = new Float64Array(memories.length);
  for (let i = 0; i < memories.length; i++) p99[i] = batchMsAt(p99w, memories[i] as number, batch, concurrent) + windowMs;
  const avgAt = new Map(points.map((p) => [p.memoryMb, p.averageDurationMs]));
  const sizes = [...avgAt.keys()].sort((a, b) => a - b);
  const measuredCost = costByMemory(s, config, (m) => records * (avgAt.get(m) ?? 0), sizes);
  const measured = sizes.map((memoryMb, i): MeasuredPoint => {
    const p = points.find((x) => x.memoryMb === memoryMb);
    const p99m = p && typeof p.p99DurationMs === 'number' ? batch * p.p99DurationMs + windowMs : null;
    return { memoryMb, cost: measuredCost[i] as number, p99: p99m };
  });
  return { memories, cost, p99, measured };
}

export interface TrafficCurve {
  readonly requests: readonly number[];
  readonly current: number;
  /** The recommended design as it is. */
  readonly cost: Float64Array;
  /** The same design without provisioned concurrency (null when it has none). */
  readonly withoutProvisioned: Float64Array | null;
}

/** The traffic charts' volumes: 1/100 to 100 × the scenario's monthly traffic, ten steps a decade. */
export function trafficRequests(s: Scenario): { requests: number[]; current: number } {
  const current = monthlyRequests(s, SECONDS_PER_MONTH);
  const base = current > 0 ? current : 1_000;
  const requests: number[] = [];
  for (let i = -20; i <= 20; i++) requests.push(Math.round(base * 10 ** (i / 10)));
  return { requests, current };
}

/** Cost from 1/100 to 100 × the scenario's monthly traffic, the design unchanged. */
export function trafficCurve(s: Scenario, d: Design): TrafficCurve {
  const { requests, current } = trafficRequests(s);
  const config = pricedConfigOf(s, d);
  const cost = costByTraffic(s, config, requests);
  const withoutProvisioned =
    config.provisionedConcurrency > 0 ? costByTraffic(s, { ...config, provisionedConcurrency: 0, provisionedHours: 0 }, requests) : null;
  return { requests, current, cost, withoutProvisioned };
}

export interface Computed {
  readonly design: Design;
  readonly memory: MemoryCurve;
  readonly traffic: TrafficCurve;
  /** Each compute shape's monthly cost at the same volumes (issue 11). */
  readonly compute: ComputeCurve;
  /** The bill rebuilt from the design's knobs (equals design.cost.total; a check the charts rest on). */
  readonly configTotal: number;
}

export function compute(s: Scenario): Computed {
  const design = recommend(s);
  const { requests, current } = trafficRequests(s);
  return {
    design,
    memory: memoryCurve(s, design),
    traffic: trafficCurve(s, design),
    compute: computeCurve(s, requests, current),
    configTotal: monthlyTotal(s, pricedConfigOf(s, design)),
  };
}
