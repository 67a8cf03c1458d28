/**
 * Decision 4: batching for poll sources (null for push sources). The batch is sized at the cheapest
 * memory where one record meets every constraint (so batching never forces a more expensive memory):
 * the fill that cuts invocations the most while window + batch size × p99 per record stays within
 * the target.
 */
import { ARTICLE_2019, EVENT_SOURCES, LIMITS, references } from '../facts/index.ts';
import type { Design, Rationale, Warning } from '../design.ts';
import { MODEL, type Context } from './context.ts';
import { batchMsAt, cpuPartAt, durationAt } from '../model/performance.ts';
import { PARALLEL_ASSUMPTION } from './parallel.ts';
import { ms, num, round } from './format.ts';

export type Batching = NonNullable<Design['batching']>;

export interface BatchingDecision {
  readonly value: Batching | null;
  /** Records per invocation for the bill (1 for push sources). */
  readonly recordsPerInvocation: number;
  /** Records in a full batch (the p99 latency counts a full batch); 1 for push sources. */
  readonly batchSize: number;
  readonly windowSeconds: number;
  readonly rationale: Rationale;
  readonly warnings: Warning[];
}

const WINDOWS = [0, 1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300] as const;

/** The fill assumption, said with every batching decision. */
export const FILL_ASSUMPTION =
  'Batch fill: a poller hands over what arrived during the batching window (or about one second of traffic without a window), between 1 record and the batch size; for streams, per shard.';

export const SEQUENTIAL_ASSUMPTION =
  'A batch is processed one record after another: its duration is the per-record duration × records (the model does not assume parallel work inside a batch).';

/** Units records are spread over when a batch fills: shards for Kinesis / DynamoDB Streams, else 1. */
export function fillUnits(c: Context): number {
  return c.src.batching?.fillUnits(c.s) ?? 1;
}

export function expectedFill(ratePerUnit: number, windowSeconds: number, batchSize: number): number {
  return Math.min(batchSize, Math.max(1, ratePerUnit * Math.max(windowSeconds, 1)));
}

const PUSH_RATIONALE: Rationale = {
  title: 'Batching',
  summary: 'None: one event per invocation',
  why: 'Push sources invoke the function once per event; batch size and batching window are settings of event source mappings (poll sources) only.',
  tradeOff: 'If invocation count matters more than latency, put a queue in front and let Lambda poll it in batches.',
  references: references('lambdaServices', 'esmSemantics'),
};

export function decideBatching(c: Context, referenceMemoryMb: number, initAllowanceMs = 0): BatchingDecision {
  const warnings: Warning[] = [];
  const limits = c.src.batching;
  if (limits === null) {
    return { value: null, recordsPerInvocation: 1, batchSize: 1, windowSeconds: 0, rationale: PUSH_RATIONALE, warnings };
  }
  const s = c.s;
  const d = durationAt(c.p99Work, referenceMemoryMb);
  const largeNeedsWindow = limits.largeBatchNeedsWindow;
  const payloadCap = Math.floor((LIMITS.syncPayloadMb.value * 1_024) / s.traffic.payloadKb);
  const sourceMax = limits.maxSize.value;
  const cap = Math.min(sourceMax, payloadCap);
  // Records whose batch fits in `budgetMs` at its p99: one after another, or concurrently (recommend/parallel.ts).
  const par = c.parallel.on;
  const cpu = par ? cpuPartAt(c.p99Work, referenceMemoryMb) : 0;
  const recordsWithin = (budgetMs: number): number => (!par ? Math.floor(budgetMs / d) : d > budgetMs ? 0 : cpu > 0 ? Math.floor(budgetMs / cpu) : Number.MAX_SAFE_INTEGER);
  const batchP99 = (b: number): number => batchMsAt(c.p99Work, referenceMemoryMb, b, par);
  const timeCap = recordsWithin((LIMITS.timeoutMaxSeconds.value * 1_000) / MODEL.timeoutSafetyFactor);
  const units = fillUnits(c);
  const avgUnit = c.avgRate / units;
  const peakUnit = c.peakRate / units;
  const target = c.target === undefined ? undefined : c.target - initAllowanceMs;
  const windowCapS = target === undefined ? MODEL.windowWithoutTargetSeconds : (target * MODEL.windowShareOfTarget) / 1_000;
  const deflt = limits.defaultSize.value;

  let best = { w: 0, b: 1, e: 1 };
  let first = true;
  // A source whose mapping batches by default (Kafka: 500 ms) keeps that default instead of 0 when it
  // fits the latency target: setting 0 would change it for good (the window is set in whole seconds).
  const sourceDefault = limits.defaultWindowSeconds?.value ?? 0;
  const defaultFits = sourceDefault > 0 && sourceDefault <= windowCapS;
  for (const raw of WINDOWS) {
    const w = raw === 0 && defaultFits ? sourceDefault : raw;
    if (w > EVENT_SOURCES.batchingWindowMaxSeconds.value) break;
    if (!limits.windowSupported && w > 0) break; // e.g. FIFO queues: no batching window
    if (w > 0 && w > windowCapS) break;
    const latencyCap = recordsWithin((target === undefined ? MODEL.batchMsWithoutTarget : target) - w * 1_000);
    const useful = Math.max(deflt, Math.ceil(peakUnit * Math.max(w, 1)));
    let b = Math.min(cap, latencyCap, timeCap, useful);
    if (largeNeedsWindow !== null && w < largeNeedsWindow.minWindowSeconds.value) b = Math.min(b, largeNeedsWindow.above.value);
    b = Math.max(1, b);
    if (w > 0 && latencyCap < 1) break;
    const e = expectedFill(avgUnit, w, b);
    // More records per invocation wins; a longer window must cut invocations by more than the tie tolerance.
    if (first || e > best.e * (1 + MODEL.costTieTolerance)) best = { w, b, e };
    first = false;
  }

  if (payloadCap < 1) {
    warnings.push({
      id: 'payload-too-large',
      severity: 'error',
      message: `A ${num(s.traffic.payloadKb)} KB record does not fit in one invocation (${num(LIMITS.syncPayloadMb.value)} MB): store the body in S3 and pass a reference (claim check).`,
      references: references(LIMITS.syncPayloadMb),
    });
  }

  const value: Batching = {
    batchSize: best.b,
    maximumBatchingWindowSeconds: best.w,
    reportBatchItemFailures: true,
    expectedRecordsPerBatch: round(best.e, 2),
    ...(par ? { recordsInParallel: true } : {}),
  };
  const said: string[] = [];
  if (limits.limitNote !== null) said.push(limits.limitNote);
  if (payloadCap < sourceMax) said.push(`${num(s.traffic.payloadKb)} KB records × ${num(payloadCap)} fill the ${num(LIMITS.syncPayloadMb.value)} MB invocation payload`);
  if (largeNeedsWindow !== null && best.b > largeNeedsWindow.above.value)
    said.push(`SQS needs a batching window of at least ${largeNeedsWindow.minWindowSeconds.value} s for batches above ${largeNeedsWindow.above.value}`);
  const perBatch = par
    ? `${num(best.b)} records processed concurrently, max(${ms(d)} p99 of one, ${num(best.b)} × ${ms(cpu)} CPU-bound each) = ${ms(batchP99(best.b))}`
    : `${num(best.b)} records × ${ms(d)} p99 each`;
  const latencyWhy =
    target === undefined
      ? `No latency target was given, so the window is kept to at most ${MODEL.windowWithoutTargetSeconds} s and a full batch to about ${ms(MODEL.batchMsWithoutTarget)} of processing (${perBatch} at ${num(referenceMemoryMb)} MB, the cheapest memory that works).`
      : `Latency: window ${best.w} s + ${perBatch} (at ${num(referenceMemoryMb)} MB, the cheapest memory that works) = ${ms(best.w * 1_000 + batchP99(best.b))} against the ${ms(target)} target${initAllowanceMs > 0 ? ' (after the cold-start reserve)' : ''}; the window may use at most ${Math.round(MODEL.windowShareOfTarget * 100)}% of it.`;
  const fill =
    `At ${num(avgUnit)} records/s${units > 1 ? ` per shard (${num(c.avgRate)}/s over ${units} shards)` : ''} on average, a batch holds about ${num(value.expectedRecordsPerBatch)} records, ` +
    `so ${num(c.monthly)} records a month take about ${num(c.monthly / value.expectedRecordsPerBatch)} invocations.`;
  return {
    value,
    recordsPerInvocation: value.expectedRecordsPerBatch,
    batchSize: best.b,
    windowSeconds: best.w,
    warnings,
    rationale: {
      title: 'Batching',
      summary: `Batch size ${num(best.b)}, batching window ${best.w} s, ReportBatchItemFailures on`,
      why:
        `${latencyWhy} ${fill}` +
        (said.length ? ` Limits: ${said.join('; ')}.` : '') +
        ' ReportBatchItemFailures lets the function return only the records that failed, so the rest are not processed again. ' +
        FILL_ASSUMPTION +
        ' ' +
        (par ? PARALLEL_ASSUMPTION : SEQUENTIAL_ASSUMPTION) +
        (c.parallel.why !== null ? ` ${c.parallel.why}` : ''),
      tradeOff:
        'Bigger batches and longer windows mean fewer invocations (and fewer SQS requests) but more delay per record and more records retried when a batch fails; a partial batch response keeps the retry to the failed records.',
      references: references(
        limits.references,
        'batchingWindow',
        'batchItemFailures',
        LIMITS.syncPayloadMb,
      ),
      articleCorrection:
        `The 2019 article described batches of about ${ARTICLE_2019.batchSize.value} messages; SQS standard queues now take up to ${num(EVENT_SOURCES.sqsBatchMax.value)} per batch (with a batching window of at least ${EVENT_SOURCES.sqsWindowForLargeBatchMinSeconds.value} s above ${EVENT_SOURCES.sqsBatchWithoutWindowMax.value}), streams up to ${num(EVENT_SOURCES.streamBatchMax.value)}, FIFO still ${EVENT_SOURCES.sqsFifoBatchMax.value}, all within the ${LIMITS.syncPayloadMb.value} MB invocation payload.`,
    },
  };
}
