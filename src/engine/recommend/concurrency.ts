/**
 * Decision 5: concurrency. Needed concurrency at peak by Little's law (arrival rate × time in the
 * function); limits that protect a downstream (reserved concurrency for push sources, SQS
 * MaximumConcurrency for queues, the parallelization factor for streams); the account's limits.
 */
import { CONCURRENCY, references } from '../facts/index.ts';
import type { Design, Rationale, Warning } from '../design.ts';
import { type Context } from './context.ts';
import { expectedFill, fillUnits } from './batching.ts';
import { ms, num } from './format.ts';
import { pollerRampMinutes, throughputWarnings } from './throughput.ts';
import { decideProvisionedPollers } from './pollers.ts';

export interface ConcurrencyInput {
  /** Average duration of one record (one request for push sources) at the chosen memory, ms. */
  readonly perRecordAvgMs: number;
  readonly batchSize: number;
  readonly windowSeconds: number;
  /** Provisioned concurrency chosen by the cold-start rule (null: none). */
  readonly provisioned: boolean;
  /** CPU-bound part of one record at the chosen memory, ms: what still queues when records run concurrently (c.parallel). */
  readonly perRecordCpuMs?: number;
}

export interface ConcurrencyDecision {
  readonly value: Design['concurrency'];
  readonly rationale: Rationale;
  readonly warnings: Warning[];
  /** Event poller unit hours a month (provisioned mode), for the bill. */
  readonly eventPollerHours: number;
}

/** ceil, forgiving floating-point dust (200 × 0.35 = 70.00000000000001 is 70). */
export function ceilish(x: number): number {
  return Math.ceil(x - 1e-9);
}

/** Concurrency needed to serve `rate` arrivals/s that each keep an environment busy `seconds`. */
export function littlesLaw(rate: number, seconds: number): number {
  if (rate <= 0 || seconds <= 0) return 0;
  return Math.max(1, ceilish(rate * seconds));
}

export function decideConcurrency(c: Context, input: ConcurrencyInput): ConcurrencyDecision {
  const s = c.s;
  const warnings: Warning[] = [];
  const recS = input.perRecordAvgMs / 1_000;
  const poll = c.src.batching !== null;
  const control = c.src.concurrencyControl;
  const units = fillUnits(c);
  const peakFill = poll ? expectedFill(c.peakRate / units, input.windowSeconds, input.batchSize) : 1;
  const batchesPerSecond = c.peakRate / peakFill;
  // Records one after another: fill × one record; concurrently: max(one record, fill × its CPU-bound part).
  const cpuS = (input.perRecordCpuMs ?? input.perRecordAvgMs) / 1_000;
  const batchSeconds = c.parallel.on ? Math.max(recS, peakFill * cpuS) : peakFill * recS;
  const neededAtPeak = littlesLaw(batchesPerSecond, batchSeconds);
  const avgFill = poll ? expectedFill(c.avgRate / units, input.windowSeconds, input.batchSize) : 1;
  const neededAtAverage = c.parallel.on ? littlesLaw(c.avgRate / avgFill, Math.max(recS, avgFill * cpuS)) : littlesLaw(c.avgRate, recS);
  const littleWhy = poll
    ? `At peak ${num(c.peakRate)} records/s arrive in batches of about ${num(peakFill)}: ${num(batchesPerSecond)} batches/s × ${ms(batchSeconds * 1_000)} per batch = ${num(batchesPerSecond * batchSeconds)}, so ${num(neededAtPeak)} concurrent batches (Little's law).`
    : `Peak ${num(c.peakRate)}/s × ${ms(input.perRecordAvgMs)} average duration = ${num(c.peakRate * recS)}, so ${num(neededAtPeak)} concurrent executions (Little's law).`;
  const peakNote = c.peakGiven ? '' : ' No peak rate was given, so the average rate stands in for it: give traffic.peakPerSecond for a safer figure.';

  // What the downstream can take, in concurrent executions (one downstream request per record assumed).
  const dsConc = s.downstream.maxConcurrency;
  const dsRps = s.downstream.maxRequestsPerSecond;
  let allowed = Infinity;
  const dsWhy: string[] = [];
  // Records processed concurrently: one invocation holds a whole batch of downstream calls at once, and
  // makes fill ÷ batch time of them a second, so the downstream allows fewer invocations.
  const inFlight = c.parallel.on && poll ? Math.max(1, ceilish(peakFill)) : 1;
  if (dsConc !== undefined) {
    allowed = inFlight > 1 ? Math.floor(dsConc / inFlight) : dsConc;
    dsWhy.push(
      inFlight > 1
        ? `the downstream accepts ${num(dsConc)} concurrent connections and each invocation holds up to ${num(inFlight)} at once (its batch's records run concurrently): ${num(dsConc)} ÷ ${num(inFlight)} = ${num(allowed)}`
        : `the downstream accepts ${num(dsConc)} concurrent connections`,
    );
  }
  if (dsRps !== undefined && recS > 0) {
    const perInvocationSeconds = inFlight > 1 ? batchSeconds / peakFill : recS;
    const fromRps = Math.max(0, Math.floor(dsRps * perInvocationSeconds + 1e-9));
    allowed = Math.min(allowed, fromRps);
    dsWhy.push(
      inFlight > 1
        ? `${num(dsRps)} requests/s ÷ ${num(peakFill / batchSeconds)} requests/s per invocation (${num(peakFill)} records in ${ms(batchSeconds * 1_000)}) = ${num(dsRps * perInvocationSeconds)} concurrent executions`
        : `${num(dsRps)} requests/s × ${ms(input.perRecordAvgMs)} per record = ${num(dsRps * recS)} concurrent executions (one downstream request per record assumed)`,
    );
  }
  const protect = Number.isFinite(allowed);

  let reserved: number | null = null;
  let maximumConcurrency: number | null = null;
  let parallelizationFactor: number | null = null;
  let effective = neededAtPeak;
  const parts: string[] = [littleWhy + peakNote];
  let tradeOff = '';
  const refs = references('scaling', 'limits');

  if (control === 'reserved') {
    if (protect) {
      const maxReservable = CONCURRENCY.accountDefault.value - CONCURRENCY.unreservedFloor.value;
      reserved = Math.min(maxReservable, Math.max(1, allowed));
      effective = Math.min(neededAtPeak, reserved);
      parts.push(`Reserved concurrency ${reserved} caps the function because ${dsWhy.join(' and ')}.`);
      if (neededAtPeak > reserved) {
        warnings.push({
          id: 'downstream-overload',
          severity: 'warning',
          message:
            c.src.callerWaits
              ? `At peak the function needs ${neededAtPeak} concurrent executions but the downstream takes ${reserved}: callers beyond that get HTTP 429 (throttled). Put a queue between them, cache, or raise the downstream's limit.`
              : `At peak the function needs ${neededAtPeak} concurrent executions but the downstream takes ${reserved}: Lambda holds throttled events and retries them for up to the maximum event age, so they are delayed, not lost.`,
          references: references('concurrency', 'scaling'),
        });
      }
      tradeOff = 'Reserved concurrency is free and guarantees that slice to this function, but it is also a hard cap and is taken away from every other function in the account.';
      refs.push(...references('concurrency'));
    } else {
      parts.push('No downstream limit was given, so no reserved concurrency: the function scales with demand.');
      tradeOff = 'Without a cap a burst can reach every dependency at full speed; set reserved concurrency if something behind the function cannot scale with it.';
    }
  } else if (control === 'maximum-concurrency') {
    const lanes = c.src.lanes;
    if (protect) {
      const min = CONCURRENCY.sqsMaximumConcurrencyMin.value;
      const max = CONCURRENCY.sqsMaximumConcurrencyMax.value;
      maximumConcurrency = Math.min(max, Math.max(min, allowed));
      effective = Math.min(neededAtPeak, maximumConcurrency);
      parts.push(`The event source mapping's MaximumConcurrency is ${maximumConcurrency} (allowed ${min}–${num(max)}) because ${dsWhy.join(' and ')}; messages beyond it wait in the queue instead of overloading the downstream.`);
      if (allowed < min) {
        warnings.push({
          id: 'downstream-overload',
          severity: 'warning',
          message: `The downstream takes less than ${min} concurrent executions, but MaximumConcurrency cannot go below ${min}: limit the rate inside the function (or with a token bucket) as well.`,
          references: references(CONCURRENCY.sqsMaximumConcurrencyMin),
        });
      }
      if (neededAtAverage > maximumConcurrency) {
        warnings.push({
          id: 'downstream-overload',
          severity: 'error',
          message: `Even average traffic needs ${neededAtAverage} concurrent executions, more than the ${maximumConcurrency} the downstream allows: the queue will grow without bound. Raise the downstream's capacity or make each record cheaper.`,
          references: references(CONCURRENCY.sqsMaximumConcurrencyMax),
        });
      }
    } else {
      parts.push(
        `No downstream limit was given, so no MaximumConcurrency: the pollers may scale to ${num(CONCURRENCY.sqsMaxConcurrencyDefault.value)} concurrent invocations in standard mode` +
          (c.src.provisionedPollers !== null && neededAtPeak > CONCURRENCY.sqsMaxConcurrencyDefault.value ? ', which this peak exceeds (see provisioned mode below).' : '.'),
      );
    }
    parts.push(
      `No reserved concurrency on an SQS consumer: below ${CONCURRENCY.sqsOverPollingBelow.value}, Lambda's pollers (which start at ${CONCURRENCY.sqsInitialConcurrency.value}) still take messages they cannot hand to the function; the throttled messages return to the queue and can reach the dead-letter queue unprocessed ("over-polling"). MaximumConcurrency limits the pollers themselves.`,
    );
    if (lanes !== null) {
      const groups = lanes.count(s);
      if (groups !== undefined) {
        parts.push(`A FIFO queue runs at most one batch per message group: ${num(groups)} groups cap concurrency at ${num(groups)}.`);
        effective = Math.min(effective, groups);
      } else {
        parts.push('A FIFO queue runs at most one batch per message group: concurrency is capped by the number of active groups.');
      }
    }
    tradeOff = 'A cap turns overload into queueing delay: messages wait longer at peak, but nothing downstream falls over and nothing is lost while the retention period lasts.';
    refs.push(...references('sqsScaling', 'scalingConfig'));
  } else if (control === 'partitions') {
    const partitions = c.src.lanes?.count(s);
    parts.push(
      partitions !== undefined
        ? `The topic's ${num(partitions)} partition${partitions === 1 ? '' : 's'} run at most ${num(partitions)} batch${partitions === 1 ? '' : 'es'} at once (one per partition, so each partition's offsets are committed in order).`
        : `Lambda runs one batch per partition at a time: the topic needs at least ${num(neededAtPeak)} partitions for this peak. No partition count was given (traffic.partitions), so the design cannot check it: give it.`,
    );
    if (partitions !== undefined) effective = Math.min(effective, partitions);
    if (protect) {
      const cap = Math.max(1, allowed);
      parts.push(
        `To protect the downstream (${dsWhy.join(' and ')}), keep the topic at ${num(cap)} partitions or fewer, or give the function a reserved concurrency of ${num(cap)} (Lambda reduces its pollers when the function is throttled); MaximumPollers does not cap concurrency.`,
      );
      effective = Math.min(effective, cap);
    }
    tradeOff = 'More partitions allow more parallel batches; order is kept only within a partition, and a partition is read by one batch at a time whatever the pollers.';
    refs.push(...references('kafkaScaling'));
  } else {
    const shards = s.traffic.shards ?? 1;
    const min = CONCURRENCY.parallelizationFactorMin.value;
    const max = CONCURRENCY.parallelizationFactorMax.value;
    let factor = Math.min(max, Math.max(min, Math.ceil(neededAtPeak / shards - 1e-9)));
    if (protect && shards * factor > allowed) factor = Math.max(min, Math.floor(allowed / shards));
    parallelizationFactor = factor;
    effective = shards * factor;
    parts.push(
      `${num(shards)} shard${shards === 1 ? '' : 's'}${s.traffic.shards === undefined ? ' (assumed; give traffic.shards)' : ''} × parallelization factor ${factor} = ${num(shards * factor)} concurrent batches` +
        (protect ? `, kept within the downstream's limit (${dsWhy.join(' and ')})` : '') +
        '; records with the same partition key stay in order at any factor.',
    );
    if (protect && shards > allowed) {
      warnings.push({
        id: 'downstream-overload',
        severity: 'warning',
        message: `${num(shards)} shards run at least ${num(shards)} batches at once, more than the downstream's ${num(allowed)}: fewer shards, or a queue between the stream and the downstream.`,
        references: references('kinesisParameters'),
      });
    }
    tradeOff = 'A higher factor drains a busy shard faster but multiplies the load on whatever the function writes to; per-key order holds, order across keys does not.';
    refs.push(...references('kinesisParameters'));
  }

  const pp = decideProvisionedPollers(c, { neededAtPeak, neededAtAverage, effective, maximumConcurrency });
  if (pp.value !== null) {
    parts.push(pp.sentence);
    refs.push(...references(...pp.references));
  }
  warnings.push(...pp.warnings);
  // What one record costs a lane: its share of the batch's time (less than a record's duration when records run concurrently).
  const laneRecordMs = c.parallel.on ? (batchSeconds * 1_000) / peakFill : input.perRecordAvgMs;
  warnings.push(...throughputWarnings(c, { neededAtPeak, effective, perRecordAvgMs: laneRecordMs, provisionedPollers: pp.value !== null }));
  // In provisioned mode the standard mode's ramp and ceiling no longer apply.
  const pollers = pp.value === null ? c.src.pollers : null;
  if (pollers !== null && effective > pollers.initial.value) {
    const minutes = pollerRampMinutes(c, effective);
    parts.push(
      `Lambda's pollers start at ${num(pollers.initial.value)} concurrent batches and add up to ${num(pollers.addPerMinute.value)} a minute, so a burst reaches ${num(Math.min(effective, pollers.ceiling.value))} after about ${num(minutes)} minute${minutes === 1 ? '' : 's'}; messages wait in the queue meanwhile.`,
    );
  }
  const account = CONCURRENCY.accountDefault.value;
  const spare = account - CONCURRENCY.unreservedFloor.value;
  if (effective > spare) {
    const scaleUp = Math.ceil(effective / CONCURRENCY.scalingPerTenSeconds.value) * 10;
    const provisionedRate = pp.value !== null ? (c.src.provisionedPollers?.scalePerMinute ?? null) : null;
    const scaling =
      pollers !== null
        ? `Lambda's pollers reach ${num(Math.min(effective, pollers.ceiling.value))} after about ${num(pollerRampMinutes(c, effective))} minutes (+${num(pollers.addPerMinute.value)} a minute${effective > pollers.ceiling.value ? `, and stop at ${num(pollers.ceiling.value)} in standard mode` : ''}).`
        : provisionedRate !== null
          ? `Provisioned pollers scale by up to ${num(provisionedRate.value)} concurrent executions a minute: about ${num(Math.ceil(effective / provisionedRate.value - 1e-9))} minutes to reach it from idle (MinimumPollers are ready at once).`
          : `Scaling to it takes about ${scaleUp} s at ${num(CONCURRENCY.scalingPerTenSeconds.value)} more every ${CONCURRENCY.scalingPeriodSeconds.value} s.`;
    warnings.push({
      id: 'account-concurrency',
      severity: effective > account ? 'error' : 'warning',
      message:
        effective > account
          ? `At peak the function needs ${num(effective)} concurrent executions, above the account's default ${num(account)} per Region (shared by every function): request a quota increase before launch. ${scaling}`
          : `At peak the function needs ${num(effective)} of the account's default ${num(account)} concurrent executions, leaving less than ${num(CONCURRENCY.unreservedFloor.value)} for every other function in the Region: request a quota increase.`,
      references: references(CONCURRENCY.accountDefault, CONCURRENCY.scalingPerTenSeconds),
    });
  }
  // AWS rejects provisioned concurrency above the function's reserved concurrency, and the account
  // keeps its unreserved floor: cap it at both.
  const pcCap = Math.min(reserved ?? Infinity, CONCURRENCY.accountDefault.value - CONCURRENCY.unreservedFloor.value);
  const provisioned = input.provisioned ? Math.max(1, Math.min(neededAtPeak, pcCap)) : null;
  if (provisioned !== null) {
    parts.push(
      provisioned < neededAtPeak
        ? `Provisioned concurrency: ${provisioned} environments (chosen by the cold-start rule), not the ${neededAtPeak} needed at peak: it cannot exceed ${reserved !== null ? `the reserved concurrency of ${reserved}` : `the ${num(pcCap)} the account can reserve`}, so requests beyond it may still start cold.`
        : `Provisioned concurrency: ${provisioned} environments, chosen by the cold-start rule.`,
    );
  }

  return {
    value: { neededAtPeak, reserved, provisioned, maximumConcurrency, parallelizationFactor, provisionedPollers: pp.value },
    eventPollerHours: pp.eventPollerHours,
    warnings,
    rationale: {
      title: 'Concurrency',
      summary:
        `${num(neededAtPeak)} needed at peak` +
        (reserved !== null ? `, reserved ${reserved}` : '') +
        (maximumConcurrency !== null ? `, MaximumConcurrency ${maximumConcurrency}` : '') +
        (parallelizationFactor !== null ? `, parallelization factor ${parallelizationFactor}` : '') +
        (pp.value !== null ? `, provisioned pollers ${pp.value.minimumPollers}–${pp.value.maximumPollers}` : '') +
        (provisioned !== null ? `, provisioned ${provisioned}` : ''),
      why:
        parts.join(' ') +
        ` The account has ${num(account)} concurrent executions per Region by default; a function scales by up to ${num(CONCURRENCY.scalingPerTenSeconds.value)} every 10 seconds.`,
      tradeOff,
      references: refs.filter((r, i) => refs.indexOf(r) === i),
      ...(c.src.articleCorrections.concurrency !== null ? { articleCorrection: c.src.articleCorrections.concurrency } : {}),
    },
  };
}
