/**
 * The compute shape in the wizard (issue 11): how each shape reads, the pin choices, and the
 * "monthly cost against traffic" curves per shape with the points where the cheapest shape changes.
 * Pure (no DOM, no React), so the crossovers are tested in plain Node.
 */
import { computeCostByTraffic, type ComputeKind, type Scenario } from '../../src/engine/index.ts';
import { COMPUTE_KIND_LIST } from '../../src/engine/scenario.ts';
import { shortCount } from '../../src/engine/format.ts';

/** Each shape as a person reads it. */
export const COMPUTE_LABEL: Readonly<Record<ComputeKind, string>> = {
  'on-demand': 'On-demand Lambda',
  'managed-instances': 'Lambda Managed Instances',
  'durable-functions': 'Lambda durable functions',
  'step-functions-standard': 'Step Functions Standard',
  'step-functions-express': 'Step Functions Express',
  'direct-integration': 'Direct service integration (no function)',
};

/** The "Compute shape" select: Automatic, then every kind the scenario schema accepts. */
export const COMPUTE_PINS: readonly { value: string; label: string }[] = [
  { value: 'auto', label: 'Automatic: the advisor chooses (recommended)' },
  ...COMPUTE_KIND_LIST.map((k) => ({ value: k, label: COMPUTE_LABEL[k] })),
];

/** One shape's monthly cost at each traffic volume (null where the shape has no sourced price). */
export interface ShapeSeries {
  readonly kind: ComputeKind;
  readonly feasible: boolean;
  readonly usd: Float64Array | null;
}

/** A volume where the cheapest drawn shape changes, from `from` (cheaper below) to `to` (cheaper above). */
export interface Crossover {
  readonly from: ComputeKind;
  readonly to: ComputeKind;
  readonly requestsPerMonth: number;
  readonly usd: number;
  readonly label: string;
}

/** The shapes the chart draws: feasible, and priced. */
export function drawnSeries(series: readonly ShapeSeries[]): (ShapeSeries & { usd: Float64Array })[] {
  return series.filter((s): s is ShapeSeries & { usd: Float64Array } => s.feasible && s.usd !== null);
}

function cheapestAt(series: readonly (ShapeSeries & { usd: Float64Array })[], i: number, previous: ComputeKind | null): ComputeKind | null {
  let best: ComputeKind | null = null;
  let bestUsd = Infinity;
  for (const s of series) {
    const v = s.usd[i] as number;
    if (!Number.isFinite(v)) continue;
    // A tie keeps the shape that was cheapest so far (no crossover on equal costs).
    if (v < bestUsd || (v === bestUsd && s.kind === previous)) {
      best = s.kind;
      bestUsd = v;
    }
  }
  return best;
}

/**
 * Where the cheapest feasible, priced shape changes along the traffic axis. Between two samples the
 * crossing is interpolated linearly in cost against log(volume) (the chart's x axis), so the label
 * reads the volume where the two lines meet, not the sample after it.
 */
export function crossovers(requests: readonly number[], series: readonly ShapeSeries[]): Crossover[] {
  const drawn = drawnSeries(series);
  const out: Crossover[] = [];
  let prev: ComputeKind | null = null;
  for (let i = 0; i < requests.length; i++) {
    const cur = cheapestAt(drawn, i, prev);
    if (prev !== null && cur !== null && cur !== prev && i > 0) {
      const a = drawn.find((s) => s.kind === prev)!.usd;
      const b = drawn.find((s) => s.kind === cur)!.usd;
      const d0 = (b[i - 1] as number) - (a[i - 1] as number);
      const d1 = (b[i] as number) - (a[i] as number);
      const t = d0 === d1 ? 1 : Math.min(1, Math.max(0, d0 / (d0 - d1)));
      const x0 = Math.log(Math.max(requests[i - 1] as number, 1));
      const x1 = Math.log(Math.max(requests[i] as number, 1));
      const at = Math.exp(x0 + t * (x1 - x0));
      const usdAt = (a[i - 1] as number) + t * ((a[i] as number) - (a[i - 1] as number));
      out.push({ from: prev, to: cur, requestsPerMonth: at, usd: usdAt, label: `${COMPUTE_LABEL[cur]} cheaper than ${COMPUTE_LABEL[prev]} above ${shortCount(at)} requests/month` });
    }
    if (cur !== null) prev = cur;
  }
  return out;
}

export interface ComputeCurve {
  readonly requests: readonly number[];
  /** The scenario's own monthly volume. */
  readonly current: number;
  readonly series: readonly ShapeSeries[];
  readonly crossovers: readonly Crossover[];
}

/** Every shape priced at the traffic chart's volumes (1/100 to 100 × the scenario's), and their crossovers. */
export function computeCurve(s: Scenario, requests: readonly number[], current: number): ComputeCurve {
  const series = computeCostByTraffic(s, requests);
  return { requests, current, series, crossovers: crossovers(requests, series) };
}
