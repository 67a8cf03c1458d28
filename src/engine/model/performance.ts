/**
 * The performance model: how a function's duration changes with its memory setting.
 *
 * Lambda allocates CPU in proportion to memory (1,769 MB = 1 vCPU, up to 6 vCPUs). The CPU-bound share
 * of the work speeds up with the vCPU share the code can use (capped by how many threads it keeps
 * busy: `parallelism`); the I/O-bound share (waiting on the network or a database) does not.
 * These shares are the model's assumptions, not AWS facts; they are said to the user with the design.
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

export interface WorkMeasure {
  /** Duration measured, ms. */
  readonly durationMs: number;
  readonly measuredAtMemoryMb: number;
  readonly profile: Profile;
  readonly parallelism: number;
}

/**
 * Estimated duration at `memoryMb` of work measured at `w.measuredAtMemoryMb`.
 * Architecture is not a factor: arm64 is assumed as fast as x86_64 (AWS claims up to 19% faster; we
 * do not count on it).
 */
export function durationAt(w: WorkMeasure, memoryMb: number): number {
  const cpu = CPU_SHARE[w.profile];
  const speedup = usableVcpus(w.measuredAtMemoryMb, w.parallelism) / usableVcpus(memoryMb, w.parallelism);
  return w.durationMs * (cpu * speedup + (1 - cpu));
}

export const PERFORMANCE_ASSUMPTIONS: readonly string[] = [
  `CPU-bound share of the duration: ${CPU_SHARE.cpu * 100}% for "cpu", ${CPU_SHARE.mixed * 100}% for "mixed", ${CPU_SHARE.io * 100}% for "io"; only that share speeds up with memory.`,
  'arm64 is assumed as fast as x86_64 (AWS claims up to 19% faster; measure yours).',
];
