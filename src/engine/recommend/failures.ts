/** Decision 6: failure handling per source, and the idempotency strategy. */
import { EVENT_SOURCES, LIMITS, references } from '../facts/index.ts';
import type { Design, Rationale, Warning } from '../design.ts';
import { MODEL, type Context } from './context.ts';
import { num } from './format.ts';
import { sqsVisibilityFor } from '../sqs-visibility.ts';

export type ErrorHandling = Design['errorHandling'];

export interface FailuresDecision {
  readonly value: ErrorHandling;
  readonly rationale: Rationale;
  readonly warnings: Warning[];
}

const DEDUPE =
  'As a last resort (the 2019 article\'s advice), de-duplicate on the request or message ID stored in a cache or table: one extra read and write per event, and a window in which a crash between the work and the record still repeats the work.';

export function decideFailures(c: Context, timeoutSeconds: number, batchSize: number, windowSeconds: number): FailuresDecision {
  const s = c.s;
  const warnings: Warning[] = [];
  const idem = s.idempotent;
  const base = {
    retryAttempts: null,
    maximumEventAgeSeconds: null,
    maximumRecordAgeSeconds: null,
    bisectBatchOnFunctionError: null,
    onFailureDestination: null,
    queue: null,
  } as const;
  // The failure record carries the event; above an SQS message it goes to S3 instead.
  const bigPayload = s.traffic.payloadKb + MODEL.destinationEnvelopeKb > LIMITS.sqsMessageMaxKb.value;
  const fm = c.src.failures;
  const atLeastOnce = fm.model !== 'caller';
  const idempotency: ErrorHandling['idempotency'] = !atLeastOnce ? 'caller-retries' : idem ? 'powertools-idempotency' : 'request-id-dedupe';
  const idemWhy = !atLeastOnce
    ? idem
      ? 'The caller owns retries; give it an idempotency key (a header) so a retried request does not repeat its effect.'
      : 'The caller owns retries, and a retried request gets a new request ID, so only a caller-supplied idempotency key can tell it is a repeat.'
    : idem
      ? 'Delivery is at least once, so the handler uses Powertools idempotency: a DynamoDB table records each event\'s key and result, and a repeat returns the stored result.'
      : `Delivery is at least once and the work cannot be made idempotent. ${DEDUPE}`;
  if (!idem) {
    warnings.push({
      id: 'not-idempotent',
      severity: 'warning',
      message:
        'The work is not idempotent, yet ' +
        (atLeastOnce ? 'Lambda can deliver the same event more than once' : 'callers retry failed requests') +
        '. Prefer making it idempotent (check-then-act on a stored transaction ID); if that is impossible, pair every action with a compensating one (Saga pattern). ' +
        (atLeastOnce ? 'Until then, de-duplicate on the event ID (see failure handling).' : ''),
      references: references('powertoolsIdempotency', 'esmSemantics'),
    });
  }

  if (fm.model === 'caller') {
    return {
      value: { ...base, idempotency },
      warnings,
      rationale: {
        title: 'Failure handling',
        summary: 'Caller owns retries',
        why: `A synchronous ${c.label} gets the error back and Lambda does not retry. ${idemWhy}`,
        tradeOff: 'Retrying at the caller keeps failures visible to the user, but retries at every layer multiply load during an incident: retry with back-off and jitter, in one layer only.',
        references: references('invoke', 'lambdaServices', 'powertoolsIdempotency'),
      },
    };
  }

  if (fm.model === 'async') {
    const retries = idem ? EVENT_SOURCES.asyncRetriesDefault.value : EVENT_SOURCES.asyncRetriesMin.value;
    const age = EVENT_SOURCES.asyncEventAgeMaxSeconds.value;
    const dest = bigPayload ? 's3' : 'sqs';
    return {
      value: { ...base, retryAttempts: retries, maximumEventAgeSeconds: age, onFailureDestination: dest, idempotency },
      warnings,
      rationale: {
        title: 'Failure handling',
        summary: `${retries} retries, events kept up to ${num(age / 3_600)} h, on-failure destination ${dest.toUpperCase()}`,
        why:
          (idem
            ? `Lambda retries a failed event ${retries} times (the most it allows) because the work is idempotent. `
            : 'Retries are off (0) because the work is not idempotent: a retry would repeat its effect; failed events go straight to the destination for a person or a script to replay. ') +
          `Events throttled or waiting are kept for up to ${num(age)} s (${num(age / 3_600)} h), the maximum, so a burst or an outage of the function does not drop them. ` +
          `After the last attempt the event and its error go to an on-failure destination (${dest === 's3' ? `S3, because a ${num(s.traffic.payloadKb)} KB event plus its error record may not fit in a ${num(LIMITS.sqsMessageMaxKb.value)} KB SQS message` : 'an SQS queue'}). ` +
          `Recursive loop detection stops a chain of about ${EVENT_SOURCES.recursiveLoopInvocations.value} invocations through SQS, SNS or S3 and sends the event there too. ${idemWhy}`,
        tradeOff: 'Retries recover from transient errors but delay the failure signal and repeat side effects; a destination keeps every failed event for replay, at the cost of a queue or bucket to watch.',
        references: references('eventInvokeConfig', 'asyncRetain', 'recursion', 'powertoolsIdempotency'),
        articleCorrection:
          'The 2019 article recommended a dead-letter queue; on-failure destinations (SQS, SNS, EventBridge, Lambda, S3) now replace it: they receive the error and context, not just the event, and retries are configurable from 0 to 2.',
      },
    };
  }

  if (fm.model === 'queue') {
    const { wanted, settable: visibility, capped } = sqsVisibilityFor(timeoutSeconds, windowSeconds);
    const maxVis = EVENT_SOURCES.sqsVisibilityMaxSeconds.value;
    if (capped) {
      warnings.push({
        id: 'timeout-capped',
        severity: 'warning',
        message: `${EVENT_SOURCES.sqsVisibilityMultiplier.value} × the ${timeoutSeconds} s timeout + ${windowSeconds} s window = ${num(wanted)} s is above SQS's maximum visibility timeout of ${num(maxVis)} s: the visibility timeout is capped, so a throttled message may be retried early. Shorten the timeout (smaller batches).`,
        references: references(EVENT_SOURCES.sqsVisibilityMaxSeconds),
      });
    }
    const receives = EVENT_SOURCES.sqsMaxReceiveCountMin.value;
    return {
      value: { ...base, queue: { visibilityTimeoutSeconds: visibility, maxReceiveCount: receives, deadLetterQueue: true }, idempotency },
      warnings,
      rationale: {
        title: 'Failure handling',
        summary: `Visibility timeout ${num(visibility)} s, redrive to a DLQ after ${receives} receives, partial batch response`,
        why:
          `Visibility timeout = ${EVENT_SOURCES.sqsVisibilityMultiplier.value} × the ${timeoutSeconds} s function timeout + the ${windowSeconds} s batching window = ${num(wanted)} s` +
          (capped ? `, capped at the SQS maximum of ${num(maxVis)} s` : '') +
          `, so a message being processed (or throttled and retried by the pollers) does not reappear while still in flight. ` +
          `The queue's redrive policy moves a message to a dead-letter queue after ${receives} receives (at least ${receives}, so throttling alone does not send good messages there). ` +
          `The function reports failed items (ReportBatchItemFailures) so only those return to the queue. The queue's DLQ handles failures, so the function needs no on-failure destination. ${idemWhy}`,
        tradeOff: 'A longer visibility timeout delays the retry of a failed message; a higher maxReceiveCount retries poison messages longer before they are set aside.',
        references: references('sqsConfigure', 'sqsWithLambda', 'batchItemFailures', EVENT_SOURCES.sqsVisibilityMaxSeconds, 'powertoolsIdempotency'),
      },
    };
  }

  // Streams: Kinesis, DynamoDB Streams, Kafka.
  const retries: number = idem ? MODEL.streamRetryAttempts : 0;
  const bisectRounds = Math.ceil(Math.log2(Math.max(1, batchSize))) + 1;
  const ddb = fm.needsFullRecords;
  const lanes = c.src.lanes;
  const unit = lanes?.unit ?? 'shard';
  const retention = lanes?.retention?.hours ?? null;
  // The age limit stays within half the lanes' retention; a source without one Lambda knows of (Kafka) has
  // its own maximum for the setting instead; else a day is assumed.
  const ageCap = retention !== null ? (retention.value * 3_600) / 2 : fm.recordAgeMax !== undefined ? fm.recordAgeMax.value : (EVENT_SOURCES.dynamodbStreamRetentionHours.value * 3_600) / 2;
  // Long enough for every retry and bisection of a batch, well inside the 24 h retention.
  const neededAge = timeoutSeconds * (retries + 1) * bisectRounds;
  const age = Math.min(ageCap, Math.max(MODEL.streamRecordAgeSeconds, EVENT_SOURCES.streamRecordAgeMinSeconds.value, neededAge));
  const dest = ddb || bigPayload ? 's3' : 'sqs';
  return {
    value: {
      ...base,
      retryAttempts: retries,
      maximumRecordAgeSeconds: age,
      bisectBatchOnFunctionError: true,
      onFailureDestination: dest,
      idempotency,
    },
    warnings,
    rationale: {
      title: 'Failure handling',
      summary: `${retries} retries, records older than ${num(age)} s set aside, bisect on error, on-failure destination ${dest.toUpperCase()}`,
      why:
        `A failed batch is retried ${retries} time${retries === 1 ? '' : 's'}${idem ? '' : ' (none: the work is not idempotent)'} and split in two on each error (BisectBatchOnFunctionError), isolating a bad record in about ${bisectRounds} rounds for a batch of ${num(batchSize)}; ` +
        `records older than ${num(age)} s are given up (${retention !== null ? `well inside the ${num(retention.value)} h retention of the ${c.label}` : 'keep the topic\'s retention (retention.ms) longer than that, or records expire before they are retried'}). ` +
        `Given-up batches go to ${dest === 's3' ? 'an S3 bucket, which keeps the full records' + (ddb ? ' (a DynamoDB stream keeps records only ' + `${EVENT_SOURCES.dynamodbStreamRetentionHours.value} h, so a pointer would soon be useless)` : '') : `an SQS queue (the record there points at ${fm.recordPointer}; read them before the retention expires)`}. ` +
        `Together with ReportBatchItemFailures, one bad record cannot block the ${unit}.` +
        (fm.note !== null ? ` ${fm.note}` : '') +
        ` ${idemWhy}`,
      tradeOff: `Finite retries keep the ${unit} moving at the price of setting records aside; they must then be replayed from the destination.`,
      references: references(fm.references, ...(retention !== null ? [retention] : []), 'batchItemFailures', 'powertoolsIdempotency'),
      articleCorrection:
        `The 2019 article said a failing record blocks its shard until it expires; that is now only the default: finite MaximumRetryAttempts, MaximumRecordAgeInSeconds, BisectBatchOnFunctionError, ReportBatchItemFailures and an on-failure destination (${c.src.destinations.map((d) => (d === 'kafka' ? 'a Kafka topic' : d.toUpperCase())).join(', ')}) keep the ${unit} moving.`,
    },
  };
}
