/**
 * Tick values for a logarithmic chart axis that never crowd: Chart.js's own log ticks put a label at
 * every 1..9 × 10^n (or finer on a short range), so a p99 axis from 3.1K to 10K got 3.2K, 3.4K,
 * 3.6K, 3.8K a few pixels apart. Here the finest "nice" set is chosen whose closest two labels are
 * at least `minGapPx` apart on an axis `lengthPx` long: 1-2-5 × 10^n where it fits, decades (or
 * every k-th decade) on a long range, and on a range too short for any of those, round numbers at a
 * 1-2-5 step. Pure, so it is tested without a canvas.
 */

/** Mantissa sets from finest to coarsest; all are "nice" numbers a reader can interpolate between. */
const MANTISSAS: readonly (readonly number[])[] = [[1, 2, 3, 4, 5, 6, 8], [1, 2, 3, 5], [1, 2, 5], [1, 3], [1]];

/** The smallest distance in pixels between neighbouring values on a log axis (Infinity for 0 or 1 value). */
export function minLogGapPx(values: readonly number[], min: number, max: number, lengthPx: number): number {
  const perDecade = lengthPx / (Math.log10(max) - Math.log10(min));
  let gap = Infinity;
  for (let i = 1; i < values.length; i++) gap = Math.min(gap, (Math.log10(values[i] as number) - Math.log10(values[i - 1] as number)) * perDecade);
  return gap;
}

/** Round a float to 12 significant digits (3 × 0.1 = 0.30000000000000004 becomes 0.3). */
const clean = (v: number): number => Number(v.toPrecision(12));

function fromMantissas(min: number, max: number, mantissas: readonly number[], decadeStride: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    if (mantissas.length === 1 && e % decadeStride !== 0) continue;
    for (const m of mantissas) {
      const v = clean(m * 10 ** e);
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

function linearSteps(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max * (1 + 1e-9); v += step) out.push(clean(v));
  return out;
}

/**
 * Tick values in [min, max] (min > 0) for a log axis `lengthPx` long: at least two when the range
 * allows a round number twice, never two closer than `minGapPx`, never more than `maxCount`.
 */
export function logTicks(min: number, max: number, lengthPx: number, minGapPx = 20, maxCount = 8): number[] {
  if (!(min > 0) || !(max > min) || !Number.isFinite(max) || !(lengthPx > 0)) return Number.isFinite(min) && min > 0 ? [clean(min)] : [];
  const fits = (vs: readonly number[]) => vs.length >= 2 && vs.length <= maxCount && minLogGapPx(vs, min, max, lengthPx) >= minGapPx;
  for (const m of MANTISSAS) {
    const vs = fromMantissas(min, max, m, 1);
    if (fits(vs)) return vs;
  }
  // A long range: every k-th decade.
  for (let stride = 2; stride <= 10; stride++) {
    const vs = fromMantissas(min, max, [1], stride);
    if (fits(vs)) return vs;
  }
  // A short range (inside one decade): round numbers at the finest 1-2-5 step that does not crowd.
  const span = max - min;
  for (let e = Math.floor(Math.log10(span)) - 1; e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const vs = linearSteps(min, max, m * 10 ** e);
      if (fits(vs)) return vs;
    }
  }
  // Too short to hold two labels apart: one round number in the middle.
  const step = 10 ** Math.floor(Math.log10(span));
  return [clean(Math.round((min + max) / 2 / step) * step)];
}
