/**
 * How often invocations start cold, from the traffic pattern (a model, not an AWS fact; AWS says
 * only that cold starts are typically under 1% of invocations in production).
 *
 * Three causes, added up (and capped at every invocation):
 *   - recycling: Lambda replaces execution environments now and then even under steady load, so
 *     the environments busy on average (Little's law) each start again every `recycleHours`;
 *   - scaling: the traffic climbs from its average to its peak; each climb starts the difference in
 *     concurrency cold. Push sources are assumed to swing once an hour, pollers (whose queue or
 *     stream smooths the load) once a day; with no peak given there is no swing;
 *   - idle gaps: an environment is kept about `idleMinutes` after its last invocation, so with
 *     Poisson arrivals at rate λ an invocation finds none warm with probability exp(-λ·idle).
 * A steady poller therefore has almost none (a few hundred a month), a function called a few times
 * an hour has nearly all of them cold. `work.coldStartRate` overrides the estimate.
 */

/** The model's choices (ours, not AWS's), stated with the bill. */
import { PRICING_UNITS } from '../facts/index.ts';

export const COLD_START_MODEL = {
  recycleHours: 2,
  idleMinutes: 10,
  /** Once an hour. */
  pushSwingsPerMonth: PRICING_UNITS.hoursPerMonth.value,
  pollerSwingsPerMonth: 30,
} as const;

export interface ColdStartInput {
  /** Invocations per second on average (batches for pollers). */
  readonly invocationsPerSecond: number;
  /** Invocations per second at peak. */
  readonly peakInvocationsPerSecond: number;
  /** Average duration of one invocation, seconds. */
  readonly invocationSeconds: number;
  readonly poller: boolean;
  /** The scenario's own rate, if given (0–1). */
  readonly given?: number;
}

const HOURS = PRICING_UNITS.hoursPerMonth.value;
const SECONDS_PER_MONTH = HOURS * 3_600;

/** Share of invocations that start cold (0–1). */
export function coldStartShare(i: ColdStartInput): number {
  if (i.given !== undefined) return i.given;
  const rate = i.invocationsPerSecond;
  if (!(rate > 0)) return 0;
  const invocations = rate * SECONDS_PER_MONTH;
  const m = COLD_START_MODEL;
  const busy = Math.max(1, rate * i.invocationSeconds);
  const recycling = Math.ceil(busy) * (HOURS / m.recycleHours);
  const peakBusy = Math.max(busy, i.peakInvocationsPerSecond * i.invocationSeconds);
  const scaling = Math.max(0, peakBusy - busy) * (i.poller ? m.pollerSwingsPerMonth : m.pushSwingsPerMonth);
  const idle = invocations * Math.exp(-rate * m.idleMinutes * 60);
  return Math.min(1, (recycling + scaling + idle) / invocations);
}

export function coldStartAssumption(share: number, given: boolean): string {
  const pct = share * 100;
  const shown = pct >= 1 ? pct.toFixed(1) : pct >= 0.01 ? pct.toFixed(2) : pct.toPrecision(2);
  return given
    ? `Cold starts are ${shown}% of invocations, as measured in your logs (work.coldStartRate in the scenario, which lambda-advisor calibrate fills).`
    : `Cold starts are estimated at ${shown}% of invocations from the traffic: environments recycled every ${COLD_START_MODEL.recycleHours} h, ` +
        `a climb from average to peak concurrency once an hour for push sources (once a day for pollers), ` +
        `and an environment kept ${COLD_START_MODEL.idleMinutes} min after its last call (a model; AWS says typically under 1%). Give work.coldStartRate if you know yours.`;
}
