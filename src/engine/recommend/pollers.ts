/**
 * Provisioned mode of an SQS or Kafka event source mapping (ProvisionedPollerConfig), designed from the
 * load. One event poller carries a known throughput (SQS: about 1 MB/s or 10 concurrent invocations;
 * Kafka: about 5 MB/s or 5), so
 *   pollers needed = max(⌈MB/s ÷ MB/s per poller⌉, ⌈concurrent invocations ÷ invocations per poller⌉),
 * MinimumPollers from the steady average (always on, billed per event poller unit hour), MaximumPollers
 * from the peak, each within the source's range (and, for Kafka, never above the partitions).
 * The source says when the design uses the mode: SQS only where standard mode's ceiling cannot carry
 * the load; Kafka always, because the error handling controls the design sets need it.
 */
import { references, type SourceId } from '../facts/index.ts';
import { eventPollerHoursOf } from '../cost/config.ts';
import type { ProvisionedPollersPlan, Warning } from '../design.ts';
import type { Context } from './context.ts';
import { num } from './format.ts';

export interface PollersInput {
  /** Concurrent invocations needed at peak (Little's law over batches). */
  readonly neededAtPeak: number;
  /** Concurrent invocations needed at the average rate. */
  readonly neededAtAverage: number;
  /** Concurrency the design runs at most before pollers are considered (MaximumConcurrency, partitions…). */
  readonly effective: number;
  /** MaximumConcurrency chosen to protect a downstream (SQS), or null. */
  readonly maximumConcurrency: number | null;
}

export interface PollersDecision {
  readonly value: ProvisionedPollersPlan | null;
  /** Said in the concurrency rationale (empty in standard mode). */
  readonly sentence: string;
  readonly warnings: Warning[];
  readonly references: readonly SourceId[];
  /** Event poller unit hours a month the bill prices (MinimumPollers all month; one poller = one EPU). */
  readonly eventPollerHours: number;
}

const NONE: PollersDecision = { value: null, sentence: '', warnings: [], references: [], eventPollerHours: 0 };

/** Pollers that carry `mbPerSecond` and `concurrency` at once. */
export function pollersFor(mbPerSecond: number, concurrency: number, perMb: number, perConcurrency: number): number {
  return Math.max(1, Math.ceil(mbPerSecond / perMb - 1e-9), Math.ceil(concurrency / perConcurrency - 1e-9));
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The assumption the bill states with an event poller line. */
export const EPU_ASSUMPTION =
  'Provisioned mode: one event poller counts as one event poller unit (EPU); the bill prices MinimumPollers for the whole month, and pollers added above it during peaks add EPU hours for as long as they last (not priced).';

export function decideProvisionedPollers(c: Context, x: PollersInput): PollersDecision {
  const pp = c.src.provisionedPollers;
  if (pp === null || c.src.batching === null) return NONE;
  const standardCeiling = c.src.pollers?.ceiling.value ?? Infinity;
  if (pp.use === 'beyond-standard' && (x.maximumConcurrency !== null || x.effective <= standardCeiling)) return NONE;

  const s = c.s;
  const perMb = pp.perPoller.mbPerSecond.value;
  const perInv = pp.perPoller.concurrentInvocations.value;
  const mbAvg = (c.avgRate * s.traffic.payloadKb) / 1_024;
  const mbPeak = (c.peakRate * s.traffic.payloadKb) / 1_024;
  const lanes = c.src.lanes;
  const partitions = lanes?.unit === 'partition' ? lanes.count(s) : undefined;
  // Concurrency the pollers must feed: partitions bound it for Kafka (one batch per partition).
  const peakConc = Math.min(x.neededAtPeak, partitions ?? Infinity);
  const avgConc = Math.min(x.neededAtAverage, partitions ?? Infinity);
  const atAvg = pollersFor(mbAvg, avgConc, perMb, perInv);
  const atPeak = pollersFor(mbPeak, peakConc, perMb, perInv);

  const maxHi = Math.min(pp.maxPollers.max.value, partitions ?? Infinity);
  const maximumPollers = clamp(atPeak, pp.maxPollers.min.value, Math.max(pp.maxPollers.min.value, maxHi));
  const minimumPollers = Math.min(maximumPollers, clamp(atAvg, pp.minPollers.min.value, pp.minPollers.max.value));
  const value: ProvisionedPollersPlan = { minimumPollers, maximumPollers };

  const warnings: Warning[] = [];
  const carried = maximumPollers * perInv;
  const ceiling = pp.concurrencyCeiling?.value ?? Infinity;
  if (atPeak > pp.maxPollers.max.value || peakConc > ceiling) {
    warnings.push({
      id: 'throughput-unreachable',
      severity: 'error',
      message:
        `Even in provisioned mode the ${c.label} cannot carry this peak: it needs ${num(atPeak)} event pollers (${num(mbPeak)} MB/s and ${num(peakConc)} concurrent invocations, ` +
        `at ${num(perMb)} MB/s or ${num(perInv)} invocations per poller), but MaximumPollers stops at ${num(pp.maxPollers.max.value)}` +
        (Number.isFinite(ceiling) ? ` and provisioned mode at ${num(ceiling)} concurrent executions` : '') +
        '. Split the traffic over several queues (each with its own mapping), make each record faster, or process a batch\'s records concurrently.',
      references: references(pp.maxPollers.max, ...(pp.concurrencyCeiling ? [pp.concurrencyCeiling] : [])),
    });
    // A mode chosen only to lift standard mode's ceiling is not designed when it cannot carry the load
    // either: the design stays infeasible (both errors say why) instead of paying for pollers that fall short.
    if (pp.use === 'beyond-standard') return { ...NONE, warnings };
  }

  const fromLoad = (mb: number, conc: number) =>
    `max(${num(mb)} MB/s ÷ ${num(perMb)}, ${num(conc)} concurrent invocations ÷ ${num(perInv)}) = ${num(pollersFor(mb, conc, perMb, perInv))}`;
  const sentence =
    `Provisioned mode (ProvisionedPollerConfig) because ${pp.why}. One event poller carries about ${num(perMb)} MB/s or ${num(perInv)} concurrent invocations: ` +
    `MinimumPollers ${num(minimumPollers)} for the average (${fromLoad(mbAvg, avgConc)}, within ${num(pp.minPollers.min.value)}–${num(pp.minPollers.max.value)}), ` +
    `MaximumPollers ${num(maximumPollers)} for the peak (${fromLoad(mbPeak, peakConc)}, within ${num(pp.maxPollers.min.value)}–${num(pp.maxPollers.max.value)}` +
    (partitions !== undefined ? `, and never above the topic's ${num(partitions)} partitions` : '') +
    `). ` +
    (lanes?.unit === 'partition'
      ? `MaximumPollers is not a concurrency cap: the partitions bound the concurrency (one batch per partition at a time), and ${num(maximumPollers)} pollers can feed up to ${num(carried)} concurrent invocations.`
      : `${num(maximumPollers)} pollers feed up to ${num(carried)} concurrent invocations` +
        (pp.scalePerMinute ? `, and they scale by up to ${num(pp.scalePerMinute.value)} concurrent executions a minute` : '') +
        '.') +
    (pp.excludes !== null ? ` Provisioned mode excludes ${pp.excludes}.` : '') +
    ' MinimumPollers are billed all month, so they follow the average, not the peak.';
  return {
    value,
    sentence,
    warnings,
    references: pp.references,
    eventPollerHours: eventPollerHoursOf(value),
  };
}
