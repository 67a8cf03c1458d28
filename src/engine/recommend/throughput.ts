/**
 * Throughput the event source can actually carry, whatever the memory: API Gateway's account
 * throttle, a stream's write limit per shard, the lanes (message groups, shards, partitions) that
 * each run a bounded number of batches at once, and where Lambda's pollers stop. A load above one is
 * an error (or, where records only age, a warning) that names the limit, its value and the fix.
 */
import { LIMITS, references } from '../facts/index.ts';
import { durationAt } from '../model/performance.ts';
import type { Warning } from '../design.ts';
import type { Context } from './context.ts';
import { ms, num } from './format.ts';

export interface ThroughputInput {
  /** Concurrent batches (executions for push sources) needed at peak, by Little's law. */
  readonly neededAtPeak: number;
  /** Concurrency the design runs at most (after MaximumConcurrency, message groups…). */
  readonly effective: number;
  /** Average duration of one record at the chosen memory, ms. */
  readonly perRecordAvgMs: number;
  /** The mapping runs in provisioned mode (recommend/pollers.ts checks its limits instead of standard mode's). */
  readonly provisionedPollers?: boolean;
}

/** Minutes for standard-mode pollers to grow from their start to `target` concurrent batches. */
export function pollerRampMinutes(c: Context, target: number): number {
  const p = c.src.pollers;
  if (p === null) return 0;
  const to = Math.min(target, p.ceiling.value);
  return Math.max(0, Math.ceil((to - p.initial.value) / p.addPerMinute.value));
}

/** A duration in seconds as a person reads it: "45 s", "12 min", "3.7 h", "2.1 days". */
export function span(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'for ever';
  if (seconds < 90) return `${num(seconds)} s`;
  if (seconds < 5_400) return `${num(seconds / 60)} min`;
  if (seconds < 172_800) return `${num(seconds / 3_600)} h`;
  return `${num(seconds / 86_400)} days`;
}

export function throughputWarnings(c: Context, x: ThroughputInput): Warning[] {
  const s = c.s;
  const out: Warning[] = [];
  const peak = c.peakRate;

  // The source's own throttle (API Gateway: per account and Region).
  const rl = c.src.rateLimit;
  if (rl !== null && peak > 0) {
    const steady = rl.steadyPerSecond(s);
    const burst = rl.burst(s);
    if (peak > steady) {
      out.push({
        id: 'throughput-unreachable',
        severity: 'error',
        message: `At peak ${num(peak)} requests/s exceed ${rl.what(s)} of ${num(steady)} requests/s${burst !== null ? ` (burst ${num(burst)})` : ''}: the excess gets HTTP 429. Fix: ${rl.fix}.`,
        references: references(rl.fact),
      });
    } else if (burst !== null && peak > burst) {
      out.push({
        id: 'limit-exceeded',
        severity: 'info',
        message: `The ${num(peak)} requests/s peak fits ${rl.what(s)} of ${num(steady)} requests/s, but its burst bucket holds ${num(burst)} requests: a jump from idle to the peak within a second is partly throttled (HTTP 429), so ramp clients up or retry with back-off.`,
        references: references(rl.fact),
      });
    }
  }

  const lanes = c.src.lanes;
  if (lanes === null) return [...out, ...pollerWarnings(c, x)];
  const count = lanes.count(s) ?? lanes.assumeWhenUnknown ?? undefined;

  // Writes into the lanes (Kinesis: 1,000 records/s and 1 MB/s per shard).
  const wl = lanes.writeLimit;
  if (wl !== null && count !== undefined && peak > 0) {
    const kbPerSecond = peak * s.traffic.payloadKb;
    const maxRecords = count * wl.recordsPerSecond.value;
    const maxKb = count * wl.kbPerSecond.value;
    if (peak > maxRecords + 1e-9 || kbPerSecond > maxKb + 1e-9) {
      const needed = Math.max(Math.ceil(peak / wl.recordsPerSecond.value - 1e-9), Math.ceil(kbPerSecond / wl.kbPerSecond.value - 1e-9));
      out.push({
        id: 'throughput-unreachable',
        severity: 'error',
        message:
          `At peak ${num(peak)} records/s of ${num(s.traffic.payloadKb)} KB (${num(kbPerSecond / 1_024)} MB/s) are written to ${num(count)} ${lanes.unit}${count === 1 ? '' : 's'}, which take at most ${num(maxRecords)} records/s and ${num(maxKb / 1_024)} MB/s ` +
          `(${num(wl.recordsPerSecond.value)} records and ${num(wl.kbPerSecond.value / 1_024)} MB per ${lanes.unit} per second): producers are throttled. Use at least ${num(needed)} ${lanes.unit}s, or on-demand capacity mode.`,
        references: references(wl.recordsPerSecond, wl.kbPerSecond),
      });
    }
  }

  // What the lanes can drain: each runs at most `maxPerLane` batches, records one after another.
  if (count !== undefined && x.perRecordAvgMs > 0 && peak > 0) {
    const capacity = count * lanes.maxPerLane;
    const drain = (capacity * 1_000) / x.perRecordAvgMs;
    if (x.neededAtPeak > capacity && peak > drain) {
      const avg = c.avgRate;
      const neverDrains = avg >= drain;
      const lanesNeeded = Math.ceil(x.neededAtPeak / lanes.maxPerLane - 1e-9);
      const perLane = lanes.maxPerLane > 1 ? ` (at most ${num(lanes.maxPerLane)} batches per ${lanes.unit})` : ` (one batch per ${lanes.unit} at a time)`;
      const drainAtMax = (capacity * 1_000) / durationAt(c.avgWork, LIMITS.memoryMaxMb.value);
      const memoryNote =
        peak > drainAtMax
          ? ` Even at ${num(LIMITS.memoryMaxMb.value)} MB it would drain only about ${num(drainAtMax)} records/s: more memory cannot carry this peak.`
          : '';
      const growPerHour = (peak - drain) * 3_600;
      const ageGrowth = 3_600 * (1 - drain / peak);
      const drainAfter = neverDrains ? Infinity : growPerHour / (drain - avg);
      const r = lanes.retention;
      const stream = r !== null;
      let backlog =
        `Each hour at peak adds ${num(growPerHour)} ${stream ? 'records' : 'messages'} of backlog` +
        (stream ? ` and ${span(ageGrowth)} of iterator age` : '') +
        (neverDrains ? `, and even the average ${num(avg)}/s is more than the consumer drains, so the backlog never clears.` : `, which take ${span(drainAfter)} to clear at the average ${num(avg)}/s afterwards.`);
      if (r !== null) {
        const rs = r.hours.value * 3_600;
        const lossAfter = (rs * peak) / (peak - drain);
        backlog += neverDrains
          ? ` Records older than the ${num(r.hours.value)} h retention are lost.`
          : ` Records older than the ${num(r.hours.value)} h retention are lost: a peak lasting more than ${span(lossAfter)} loses data.`;
      }
      const severe = neverDrains || lanes.userControlled;
      out.push({
        id: severe ? 'throughput-unreachable' : 'iterator-age',
        severity: severe ? 'error' : 'warning',
        message:
          `At peak the ${c.label} needs ${num(x.neededAtPeak)} concurrent batches, but ${num(count)} ${lanes.unit}${count === 1 ? '' : 's'}${lanes.count(s) === undefined ? ' (assumed)' : ''} ${count === 1 ? 'runs' : 'run'} at most ${num(capacity)}${perLane}: ` +
          `at ${ms(x.perRecordAvgMs)} per record the consumer drains about ${num(drain)} records/s against ${num(peak)}/s arriving. ${backlog} ` +
          `${lanes.fix(lanesNeeded)}${memoryNote}`,
        references: references(lanes.references, ...(r !== null ? [r.hours] : [])),
      });
    }
  }
  return [...out, ...pollerWarnings(c, x)];
}

/** Standard-mode pollers stop at a ceiling (SQS: 1,250 concurrent invocations). */
function pollerWarnings(c: Context, x: ThroughputInput): Warning[] {
  const p = c.src.pollers;
  if (p === null || x.provisionedPollers === true || x.effective <= p.ceiling.value) return [];
  return [
    {
      id: 'throughput-unreachable',
      severity: 'error',
      message:
        `At peak the ${c.label} needs ${num(x.effective)} concurrent batches, but in standard mode Lambda's pollers stop at ${num(p.ceiling.value)} concurrent invocations ` +
        `(reached about ${num(pollerRampMinutes(c, p.ceiling.value))} minutes into a burst, from ${num(p.initial.value)} and up to ${num(p.addPerMinute.value)} more per minute): messages back up. ` +
        `Use ${p.beyond}, or make each batch cheaper (faster records, records processed concurrently).`,
      references: references(p.ceiling, ...p.references),
    },
  ];
}
