/**
 * Percentiles of a stream of durations in bounded memory.
 *
 * Up to EXACT_LIMIT values are kept as they are, and a percentile is read from them sorted: exact.
 * Past that, the values move into a fixed histogram: 0.01 ms buckets below FINE_LIMIT_MS (REPORT lines
 * print durations with two decimals, so below 10 s this is still exact for them) and 1 ms buckets up
 * to the longest timeout (values above land in the last bucket, the maximum is kept exactly). About
 * 7.6 MB, allocated only for a memory size with more than EXACT_LIMIT invocations.
 *
 * The percentile is the nearest rank: the smallest value with at least q of all values at or below it.
 */
import { LIMITS } from '../facts/index.ts';

export const EXACT_LIMIT = 100_000;
export const FINE_LIMIT_MS = 10_000;
const FINE_PER_MS = 100;
const FINE_BUCKETS = FINE_LIMIT_MS * FINE_PER_MS;
const COARSE_BUCKETS = LIMITS.timeoutMaxSeconds.value * 1_000 - FINE_LIMIT_MS + 1;

export class DurationQuantiles {
  private exact: Float64Array | null = new Float64Array(64);
  private n = 0;
  private fine: Uint32Array | null = null;
  private coarse: Uint32Array | null = null;
  private max = -Infinity;

  get count(): number {
    return this.n;
  }

  add(v: number): void {
    if (v > this.max) this.max = v;
    if (this.exact !== null) {
      if (this.n < EXACT_LIMIT) {
        if (this.n === this.exact.length) {
          const grown = new Float64Array(Math.min(EXACT_LIMIT, this.exact.length * 2));
          grown.set(this.exact);
          this.exact = grown;
        }
        this.exact[this.n++] = v;
        return;
      }
      this.toHistogram();
    }
    this.bucket(v);
    this.n++;
  }

  private toHistogram(): void {
    const values = this.exact as Float64Array;
    this.fine = new Uint32Array(FINE_BUCKETS);
    this.coarse = new Uint32Array(COARSE_BUCKETS);
    this.exact = null;
    for (let i = 0; i < this.n; i++) this.bucket(values[i] as number);
  }

  private bucket(v: number): void {
    const fine = this.fine as Uint32Array;
    const coarse = this.coarse as Uint32Array;
    if (v < FINE_LIMIT_MS) {
      const i = Math.max(0, Math.round(v * FINE_PER_MS));
      if (i < FINE_BUCKETS) {
        fine[i] = (fine[i] as number) + 1;
        return;
      }
    }
    const j = Math.min(COARSE_BUCKETS - 1, Math.max(0, Math.round(v) - FINE_LIMIT_MS));
    coarse[j] = (coarse[j] as number) + 1;
  }

  /** Nearest-rank percentile (q in (0, 1]); null with no values. */
  quantile(q: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.n - 1e-9));
    if (this.exact !== null) {
      const sorted = this.exact.slice(0, this.n).sort();
      return sorted[rank - 1] as number;
    }
    let seen = 0;
    const fine = this.fine as Uint32Array;
    for (let i = 0; i < fine.length; i++) {
      seen += fine[i] as number;
      if (seen >= rank) return i / FINE_PER_MS;
    }
    const coarse = this.coarse as Uint32Array;
    for (let j = 0; j < coarse.length; j++) {
      seen += coarse[j] as number;
      if (seen >= rank) return j === coarse.length - 1 ? this.max : j + FINE_LIMIT_MS;
    }
    return this.max;
  }
}
