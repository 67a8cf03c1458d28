/**
 * The model follows the data: with durations measured at two or more memory sizes
 * (`work.measurements`), the CPU-bound share and the parallelism are fitted by least squares and the
 * measured points give the curve between the sizes measured. One size keeps the profile's shape.
 */
import { CPU_SHARE, usableVcpus, type MeasuredCurve, type WorkMeasure } from './performance.ts';
import { LIMITS } from '../facts/index.ts';
import type { Scenario } from '../scenario.ts';

export interface DurationPoint {
  readonly memoryMb: number;
  readonly durationMs: number;
}

export interface DurationFit {
  /** duration ≈ cpuMs / usable vCPUs + fixedMs */
  readonly cpuMs: number;
  readonly fixedMs: number;
  readonly parallelism: number;
  /** False when no measured size tells parallelisms apart (all at or under 1 vCPU): the given one is kept. */
  readonly parallelismFitted: boolean;
  /** Root mean square of the relative residuals, %. */
  readonly rmsErrorPct: number;
  /** Largest relative residual, %. */
  readonly maxErrorPct: number;
}

/** Weighted least squares (weights 1/d², i.e. relative error) of d ≈ a·x + b with a, b ≥ 0. */
function fitLine(xs: readonly number[], ds: readonly number[]): { a: number; b: number } {
  let sw = 0, sx = 0, sd = 0, sxx = 0, sxd = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const d = ds[i] as number;
    const w = 1 / (d * d);
    sw += w; sx += w * x; sd += w * d; sxx += w * x * x; sxd += w * x * d;
  }
  const det = sw * sxx - sx * sx;
  let a = det > 1e-300 * sw * sxx ? (sw * sxd - sx * sd) / det : 0;
  let b = det > 1e-300 * sw * sxx ? (sxx * sd - sx * sxd) / det : sd / sw;
  if (a < 0 || !Number.isFinite(a)) {
    a = 0;
    b = sd / sw;
  } else if (b < 0) {
    b = 0;
    a = sxd / sxx;
  }
  return { a, b };
}

/**
 * Fit the duration model to points at two or more memory sizes. Every parallelism 1..6 is tried;
 * the one with the smallest error wins, and `preferParallelism` when the data cannot tell them apart.
 */
export function fitDurations(points: readonly DurationPoint[], preferParallelism = 1): DurationFit {
  const ms = points.map((p) => p.memoryMb);
  const ds = points.map((p) => p.durationMs);
  const tried: Array<DurationFit & { err: number }> = [];
  for (let p = 1; p <= LIMITS.maxVcpus.value; p++) {
    const xs = ms.map((m) => 1 / usableVcpus(m, p));
    const { a, b } = fitLine(xs, ds);
    let sq = 0, worst = 0;
    for (let i = 0; i < xs.length; i++) {
      const r = (a * (xs[i] as number) + b) / (ds[i] as number) - 1;
      sq += r * r;
      worst = Math.max(worst, Math.abs(r));
    }
    const rms = Math.sqrt(sq / xs.length);
    tried.push({ cpuMs: a, fixedMs: b, parallelism: p, parallelismFitted: true, rmsErrorPct: rms * 100, maxErrorPct: worst * 100, err: rms });
  }
  const best = Math.min(...tried.map((t) => t.err));
  const near = tried.filter((t) => t.err <= best + 1e-9);
  const identified = near.length < tried.length || !ms.some((m) => m > LIMITS.mbPerVcpu.value);
  const chosen = near.find((t) => t.parallelism === preferParallelism) ?? (near[0] as (typeof near)[number]);
  const { err: _err, ...fit } = chosen;
  return { ...fit, parallelismFitted: identified && near.length === 1 };
}

/** Share of the duration at `memoryMb` that is CPU-bound, under a fit. */
export function cpuShareAt(fit: Pick<DurationFit, 'cpuMs' | 'fixedMs' | 'parallelism'>, memoryMb: number): number {
  const cpu = fit.cpuMs / usableVcpus(memoryMb, fit.parallelism);
  const total = cpu + fit.fixedMs;
  return total > 0 ? cpu / total : 0;
}

/**
 * Points in ascending memory, made fit for the memory search (measurement noise can break what it
 * relies on): durations never grow with memory (each at most the one before), and, from the cheapest
 * measured size up, memory × duration never falls (each at least the previous × previous memory /
 * memory). Below the cheapest measured size the points stay as measured: every one of them is both
 * slower and costlier than it (Power Tuning often finds this at low memory, where work speeds up
 * more than the memory grows), so the search starts there (`cheapestMeasuredMb`).
 * `withCost: false` keeps durations non-increasing only (the p99 curve, which prices nothing).
 */
export function monotonePoints(points: readonly DurationPoint[], withCost = true): { points: DurationPoint[]; adjusted: number; cheapestMeasuredMb: number | null } {
  const sorted = [...points].sort((a, b) => a.memoryMb - b.memoryMb);
  const out: DurationPoint[] = [];
  let adjusted = 0;
  for (const p of sorted) {
    const prev = out[out.length - 1];
    const d = prev === undefined ? p.durationMs : Math.min(prev.durationMs, p.durationMs);
    if (d !== p.durationMs) adjusted++;
    out.push({ memoryMb: p.memoryMb, durationMs: d });
  }
  if (!withCost) return { points: out, adjusted, cheapestMeasuredMb: null };
  let k = 0;
  out.forEach((p, i) => {
    const best = out[k] as DurationPoint;
    if (p.memoryMb * p.durationMs < best.memoryMb * best.durationMs * (1 - 1e-12)) k = i;
  });
  for (let i = k + 1; i < out.length; i++) {
    const prev = out[i - 1] as DurationPoint;
    const p = out[i] as DurationPoint;
    const lo = (prev.durationMs * prev.memoryMb) / p.memoryMb;
    if (p.durationMs < lo * (1 - 1e-12)) {
      out[i] = { memoryMb: p.memoryMb, durationMs: lo };
      adjusted++;
    }
  }
  return { points: out, adjusted, cheapestMeasuredMb: k > 0 ? (out[k] as DurationPoint).memoryMb : null };
}

/** How the duration model was set for a scenario: shown in the design (`design.model`) and by `calibrate`. */
/** Whether the duration curve comes from measurements (two or more memory sizes) rather than the profile. */
export function isMeasured(m: Pick<ModelReport, 'source'>): boolean {
  return m.source === 'measured';
}

export interface ModelReport {
  /** 'measured': fitted to work.measurements at two or more sizes; 'profile': the profile's CPU share. */
  readonly source: 'measured' | 'profile';
  /** CPU-bound share of the duration at work.measuredAtMemoryMb (0..1). */
  readonly cpuShare: number;
  readonly parallelism: number;
  /** Whether the data fixed the parallelism (false: the scenario's value, the data cannot tell). */
  readonly parallelismFitted: boolean;
  /** Memory sizes measured, ascending (empty when none were given). */
  readonly measuredAtMb: readonly number[];
  /** Fit error over the measured points, % (null for the profile). */
  readonly rmsErrorPct: number | null;
  readonly maxErrorPct: number | null;
  /** Measured points moved to keep the curve monotone (noise), for the search. */
  readonly adjustedPoints: number;
  /** When smaller measured sizes were all slower and costlier: the cheapest size measured, where the search starts. */
  readonly cheapestMeasuredMb: number | null;
  /** One sentence for people. */
  readonly note: string;
}

export interface WorkModel {
  readonly avg: WorkMeasure;
  readonly p99: WorkMeasure;
  readonly report: ModelReport;
}

const cache = new WeakMap<object, WorkModel>();

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** The scenario's work as the model sees it: average and p99 measures (with a measured curve when there is one). */
export function workModel(s: Scenario): WorkModel {
  const hit = cache.get(s.work);
  if (hit) return hit;
  const w = s.work;
  const base = { measuredAtMemoryMb: w.measuredAtMemoryMb, profile: w.profile, parallelism: w.parallelism };
  const points = (w.measurements ?? []).map((m) => ({ memoryMb: m.memoryMb, durationMs: m.averageDurationMs }));
  const sizes = [...new Set(points.map((p) => p.memoryMb))].sort((a, b) => a - b);
  let model: WorkModel;
  if (sizes.length < 2) {
    const note =
      sizes.length === 1
        ? `Measured at one memory size (${sizes[0]} MB): the "${w.profile}" profile (${CPU_SHARE[w.profile] * 100}% CPU-bound) gives the curve's shape; measure a second size to fit it.`
        : `No measurements at several memory sizes: the "${w.profile}" profile (${CPU_SHARE[w.profile] * 100}% CPU-bound) gives the curve's shape.`;
    model = {
      avg: { ...base, durationMs: w.averageDurationMs },
      p99: { ...base, durationMs: w.p99DurationMs },
      report: { source: 'profile', cpuShare: CPU_SHARE[w.profile], parallelism: w.parallelism, parallelismFitted: false, measuredAtMb: sizes, rmsErrorPct: null, maxErrorPct: null, adjustedPoints: 0, cheapestMeasuredMb: null, note },
    };
  } else {
    const fit = fitDurations(points, w.parallelism);
    const avgPts = monotonePoints(points);
    const p99Given = (w.measurements ?? []).every((m) => typeof m.p99DurationMs === 'number');
    const p99Pts = p99Given
      ? monotonePoints((w.measurements ?? []).map((m) => ({ memoryMb: m.memoryMb, durationMs: m.p99DurationMs as number })), false)
      : avgPts;
    const curve = (pts: DurationPoint[]): MeasuredCurve => ({ cpuMs: fit.cpuMs, fixedMs: fit.fixedMs, parallelism: fit.parallelism, points: pts });
    const cpuShare = cpuShareAt(fit, w.measuredAtMemoryMb);
    const adjusted = avgPts.adjusted + (p99Given ? p99Pts.adjusted : 0);
    const note =
      `Measured at ${sizes.join(', ')} MB: fitted ${round(cpuShare * 100, 1)}% CPU-bound at ${w.measuredAtMemoryMb} MB` +
      `${fit.parallelismFitted ? `, ${fit.parallelism} busy thread${fit.parallelism === 1 ? '' : 's'}` : ''} (fit error ${round(fit.rmsErrorPct, 1)}% RMS); ` +
      `the measured points give the curve between ${sizes[0]} and ${sizes[sizes.length - 1]} MB, the fit outside` +
      `${avgPts.cheapestMeasuredMb !== null ? `; every size measured below ${avgPts.cheapestMeasuredMb} MB was both slower and costlier, so the search starts there` : ''}` +
      `${adjusted > 0 ? `; ${adjusted} point${adjusted === 1 ? '' : 's'} evened out where noise made a larger size slower or cheaper` : ''}.`;
    model = {
      avg: { ...base, parallelism: fit.parallelism, durationMs: w.averageDurationMs, curve: curve(avgPts.points) },
      p99: { ...base, parallelism: fit.parallelism, durationMs: w.p99DurationMs, curve: curve(p99Pts.points) },
      report: {
        source: 'measured',
        cpuShare: round(cpuShare, 4),
        parallelism: fit.parallelism,
        parallelismFitted: fit.parallelismFitted,
        measuredAtMb: sizes,
        rmsErrorPct: round(fit.rmsErrorPct, 2),
        maxErrorPct: round(fit.maxErrorPct, 2),
        adjustedPoints: adjusted,
        cheapestMeasuredMb: avgPts.cheapestMeasuredMb,
        note,
      },
    };
  }
  cache.set(s.work, model);
  return model;
}
