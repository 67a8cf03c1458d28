/**
 * The performance model: how a function's duration changes with its memory setting.
 *
 * Lambda allocates CPU in proportion to memory (1,769 MB = 1 vCPU, up to 6 vCPUs). The CPU-bound share
 * of the work speeds up with the vCPU share the code can use (capped by how many threads it keeps
 * busy: `parallelism`); the I/O-bound share (waiting on the network or a database) does not.
 * These shares are the model's assumptions, not AWS facts; they are said to the user with the design.
 *
 * With measurements at two or more memory sizes (`work.measurements`), the shares are fitted to the
 * data instead (src/engine/model/measured.ts) and the measured points themselves give the curve
 * between the sizes measured: `WorkMeasure.curve`.
 */
import { LIMITS } from '../facts/index.ts';

export type Profile = 'cpu' | 'io' | 'mixed';

/** Share of the measured duration that is CPU-bound, by profile (model assumption). */
export const CPU_SHARE: Readonly<Record<Profile, number>> = { cpu: 0.9, io: 0.1, mixed: 0.5 };

// Read once: `durationAt` runs thousands of times per recommendation.
const MB_PER_VCPU = LIMITS.mbPerVcpu.value;
const MAX_VCPUS = LIMITS.maxVcpus.value;

/** vCPUs allocated at a memory setting. */
export function vcpus(memoryMb: number): number {
  return Math.min(memoryMb / MB_PER_VCPU, MAX_VCPUS);
}

/** vCPUs the code can actually use: the allocation, capped by its parallelism. */
export function usableVcpus(memoryMb: number, parallelism: number): number {
  return Math.min(vcpus(memoryMb), Math.max(1, parallelism));
}

/**
 * A duration curve measured at several memory sizes: duration = cpuMs / usable vCPUs + fixedMs fitted
 * by least squares (the shape outside the measured range), and the measured points (the curve between
 * them, joined as power laws so that duration never grows and memory × duration never falls with
 * memory, the two properties the memory search relies on).
 */
export interface MeasuredCurve {
  /** Fitted CPU-bound time at one usable vCPU, ms (scale is irrelevant: only ratios are used). */
  readonly cpuMs: number;
  /** Fitted time that does not speed up with memory, ms. */
  readonly fixedMs: number;
  readonly parallelism: number;
  /** Measured points, ascending memory, adjusted to be monotone (see `monotonePoints`). */
  readonly points: readonly { readonly memoryMb: number; readonly durationMs: number }[];
}

export interface WorkMeasure {
  /** Duration measured, ms. */
  readonly durationMs: number;
  readonly measuredAtMemoryMb: number;
  readonly profile: Profile;
  readonly parallelism: number;
  /** Present when the work was measured at two or more memory sizes: the curve follows the data. */
  readonly curve?: MeasuredCurve;
}

function fittedAt(c: MeasuredCurve, memoryMb: number): number {
  return c.cpuMs / usableVcpus(memoryMb, c.parallelism) + c.fixedMs;
}

/** The measured curve's duration at a memory setting, ms (measured points between, fitted shape outside). */
export function curveAt(c: MeasuredCurve, memoryMb: number): number {
  const pts = c.points;
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first === undefined || last === undefined) return fittedAt(c, memoryMb);
  if (memoryMb <= first.memoryMb) return (first.durationMs * fittedAt(c, memoryMb)) / fittedAt(c, first.memoryMb);
  if (memoryMb >= last.memoryMb) return (last.durationMs * fittedAt(c, memoryMb)) / fittedAt(c, last.memoryMb);
  let i = 0;
  while (i < pts.length - 2 && (pts[i + 1] as (typeof pts)[number]).memoryMb < memoryMb) i++;
  const a = pts[i] as (typeof pts)[number];
  const b = pts[i + 1] as (typeof pts)[number];
  const slope = Math.log(b.durationMs / a.durationMs) / Math.log(b.memoryMb / a.memoryMb);
  return a.durationMs * Math.pow(memoryMb / a.memoryMb, slope);
}

/**
 * Estimated duration at `memoryMb` of work measured at `w.measuredAtMemoryMb`.
 * Architecture is not a factor: arm64 is assumed as fast as x86_64 (AWS claims up to 19% faster; we
 * do not count on it).
 */
export function durationAt(w: WorkMeasure, memoryMb: number): number {
  if (w.curve !== undefined) return (w.durationMs * curveAt(w.curve, memoryMb)) / curveAt(w.curve, w.measuredAtMemoryMb);
  const cpu = CPU_SHARE[w.profile];
  const speedup = usableVcpus(w.measuredAtMemoryMb, w.parallelism) / usableVcpus(memoryMb, w.parallelism);
  return w.durationMs * (cpu * speedup + (1 - cpu));
}

/** The CPU-bound part of one record's duration at `memoryMb`, ms: the part that cannot overlap with other records' waits. */
export function cpuPartAt(w: WorkMeasure, memoryMb: number): number {
  if (w.curve !== undefined) return (durationAt(w, memoryMb) * (w.curve.cpuMs / usableVcpus(memoryMb, w.curve.parallelism))) / fittedAt(w.curve, memoryMb);
  const speedup = usableVcpus(w.measuredAtMemoryMb, w.parallelism) / usableVcpus(memoryMb, w.parallelism);
  return w.durationMs * CPU_SHARE[w.profile] * speedup;
}

/**
 * One invocation of `records` records at `memoryMb`, ms. One after another: records × one record.
 * Concurrently (work.recordsInParallel): the records' waits overlap, but their CPU-bound parts still
 * queue on the threads the work can use (work.parallelism), so the batch lasts
 * max(one record, records × one record's CPU-bound part).
 */
export function batchMsAt(w: WorkMeasure, memoryMb: number, records: number, concurrent: boolean): number {
  const one = durationAt(w, memoryMb);
  return concurrent ? Math.max(one, records * cpuPartAt(w, memoryMb)) : records * one;
}

export const PERFORMANCE_ASSUMPTIONS: readonly string[] = [
  `CPU-bound share of the duration: ${CPU_SHARE.cpu * 100}% for "cpu", ${CPU_SHARE.mixed * 100}% for "mixed", ${CPU_SHARE.io * 100}% for "io"; only that share speeds up with memory.`,
  'arm64 is assumed as fast as x86_64 (AWS claims up to 19% faster; measure yours).',
];
