/**
 * What several sources share (the synchronous invoke payload, Lambda's asynchronous queue, the SQS
 * event source mapping, stream shards), so each source module states only where it differs.
 */
import { ARTICLE_2019, CONCURRENCY, EVENT_SOURCES, LIMITS, PRICING_UNITS, SOURCE_LIMITS, type Priced, type RegionPrices, type SourceId } from '../facts/index.ts';
import { num, shortCount, whole } from '../format.ts';
import { chunks, rate } from '../cost/rates.ts';
import type { Scenario } from '../scenario.ts';
import type { ArticleNote, BatchingLimits, Lanes, OrderingFacts, PayloadLimit, PricingInput, RateLimit, SourceModule, TimeoutLimit } from './types.ts';

export const PUSH_SYNC = { model: 'push', type: 'RequestResponse', pollerKind: null } as const;
export const PUSH_ASYNC = { model: 'push', type: 'Event', pollerKind: null } as const;
export const POLL_QUEUE = { model: 'poll', type: 'RequestResponse', pollerKind: 'queue' } as const;
export const POLL_STREAM = { model: 'poll', type: 'RequestResponse', pollerKind: 'stream' } as const;

const SYNC_KB = LIMITS.syncPayloadMb.value * 1_024;

/** Lambda's synchronous invoke: 6 MB each way. */
export function syncInvokePayload(fix: string): PayloadLimit {
  return {
    direction: 'request',
    kb: SYNC_KB,
    fact: LIMITS.syncPayloadMb,
    severity: 'error',
    message: (kb) => `A ${num(kb)} KB payload is above the ${num(LIMITS.syncPayloadMb.value)} MB synchronous invocation limit: ${fix}.`,
    references: [LIMITS.syncPayloadMb.source],
  };
}

/** Lambda's asynchronous invoke: 1 MB. */
export const ASYNC_INVOKE_PAYLOAD: PayloadLimit = {
  direction: 'request',
  kb: LIMITS.asyncPayloadKb.value,
  fact: LIMITS.asyncPayloadKb,
  severity: 'error',
  message: (kb) =>
    `A ${num(kb)} KB payload is above the ${num(LIMITS.asyncPayloadKb.value / 1_024)} MB asynchronous invocation limit: put the body in S3 and pass a reference (claim check).`,
  references: [LIMITS.asyncPayloadKb.source],
};

/** An SQS message: 1 MB. */
export const SQS_MESSAGE_PAYLOAD: PayloadLimit = {
  direction: 'request',
  kb: LIMITS.sqsMessageMaxKb.value,
  fact: LIMITS.sqsMessageMaxKb,
  severity: 'error',
  message: (kb) => `A ${num(kb)} KB message is above SQS's ${num(LIMITS.sqsMessageMaxKb.value / 1_024)} MB message limit: store the body in S3 and queue a reference.`,
  references: [LIMITS.sqsMessageMaxKb.source],
};

export const CLAIM_CHECK = 'put the body in S3 and pass a reference (claim check)';

/** A synchronous response above Lambda's 6 MB buffered limit, with the source's own way out. */
export function syncInvokeResponse(fix: string): PayloadLimit {
  return {
    direction: 'response',
    kb: SYNC_KB,
    fact: LIMITS.syncPayloadMb,
    severity: 'error',
    message: (kb) => `A ${num(kb)} KB response is above the ${num(LIMITS.syncPayloadMb.value)} MB a synchronous invocation returns: ${fix}.`,
    references: [LIMITS.syncPayloadMb.source],
  };
}

/** A streamed response (function URL, InvokeWithResponseStream, REST STREAM mode): up to 200 MB. */
export function streamedResponse(how: string): PayloadLimit {
  return {
    direction: 'response',
    kb: SOURCE_LIMITS.streamedResponseMaxMb.value * 1_024,
    fact: SOURCE_LIMITS.streamedResponseMaxMb,
    severity: 'error',
    message: (kb) =>
      `A ${num(kb)} KB response is above the ${num(SOURCE_LIMITS.streamedResponseMaxMb.value)} MB even a streamed response (${how}) can carry: put it in S3 and return a presigned URL.`,
    references: [SOURCE_LIMITS.streamedResponseMaxMb.source],
  };
}

/** API Gateway's account throttle: 10,000 requests/s with a 5,000 burst, 2,500 / 1,250 in some Regions. */
export const API_GATEWAY_THROTTLE: RateLimit = {
  steadyPerSecond: (s) =>
    (SOURCE_LIMITS.apiGatewayLowThrottleRegions.value.includes(s.region) ? SOURCE_LIMITS.apiGatewayThrottleRpsLowRegions : SOURCE_LIMITS.apiGatewayThrottleRps).value,
  burst: (s) => (SOURCE_LIMITS.apiGatewayLowThrottleRegions.value.includes(s.region) ? SOURCE_LIMITS.apiGatewayBurstLowRegions : SOURCE_LIMITS.apiGatewayBurst).value,
  fact: SOURCE_LIMITS.apiGatewayThrottleRps,
  what: (s) => `API Gateway's account throttle in ${s.region} (shared by every REST, HTTP and WebSocket API of the account there)`,
  fix: 'request a higher throttle quota through Service Quotas before launch (the burst follows it), cache responses (CloudFront, API Gateway caching), or split the traffic across accounts or Regions',
};

/** Lambda's own 900 s cap, with the fix for push or poll work. */
export function lambdaTimeout(poll: boolean): TimeoutLimit {
  return {
    capSeconds: LIMITS.timeoutMaxSeconds.value,
    fact: LIMITS.timeoutMaxSeconds,
    fix: poll
      ? 'Use smaller batches, split the work into steps (Step Functions or Lambda durable functions), or make it faster.'
      : 'Split the work into steps (Step Functions or Lambda durable functions) or make it faster.',
    fixReferences: [],
    raisable: null,
  };
}

/** Ordering of a source that keeps none. */
export function unordered(unorderedNote = ''): OrderingFacts {
  return { perKey: false, singleLane: () => false, strictMessage: null, unorderedNote };
}

export const STREAM_STRICT =
  'Strict ordering across all records needs a single shard (partition) and a parallelization factor of 1: order holds only per shard, or per partition key.';

export const NO_PRICING = { line: null, note: null } as const;

export const ASYNC_ARTICLE_NOTE: ArticleNote = {
  message:
    'The 2019 article sent failed asynchronous events to a dead-letter queue; on-failure destinations now carry the error and context too, and retries are configurable (' +
    `${EVENT_SOURCES.asyncRetriesMin.value}–${EVENT_SOURCES.asyncRetriesMax.value}).`,
  references: ['asyncRetain'],
};

/** Asynchronous push sources: Lambda's internal queue retries and sends failures to a destination. */
export const ASYNC_DESTINATIONS = ['sqs', 'sns', 's3', 'eventbridge', 'lambda'] as const;

/** The shared parts of an asynchronous push source. */
/**
 * What every synchronous push source shares (Lambda invoked by a caller that waits and owns retries):
 * spread first, then state where the source differs (its payload, timeout, streaming, throttle, event).
 */
export function syncPush(): Pick<
  SourceModule,
  'kind' | 'invocation' | 'callerWaits' | 'rateLimit' | 'lanes' | 'pollers' | 'provisionedPollers' | 'scaling' | 'batching' | 'concurrencyControl' | 'failures' | 'destinations' | 'ordering' | 'samEventType' | 'articleCorrections' | 'articleNotes'
> {
  return {
    kind: 'sync',
    invocation: PUSH_SYNC,
    callerWaits: true,
    rateLimit: null,
    lanes: null,
    pollers: null,
    provisionedPollers: null,
    scaling: null,
    batching: null,
    concurrencyControl: 'reserved',
    failures: { model: 'caller' },
    destinations: [],
    ordering: unordered(),
    samEventType: null,
    articleCorrections: { invocation: null, concurrency: null },
    articleNotes: [],
  };
}

export function asyncPush(): Pick<
  SourceModule,
  'kind' | 'invocation' | 'callerWaits' | 'timeout' | 'streaming' | 'rateLimit' | 'lanes' | 'pollers' | 'provisionedPollers' | 'scaling' | 'batching' | 'concurrencyControl' | 'failures' | 'destinations' | 'articleCorrections' | 'articleNotes'
> {
  return {
    kind: 'async',
    invocation: PUSH_ASYNC,
    callerWaits: false,
    timeout: lambdaTimeout(false),
    streaming: null,
    rateLimit: null,
    lanes: null,
    pollers: null,
    provisionedPollers: null,
    scaling: null,
    batching: null,
    concurrencyControl: 'reserved',
    failures: { model: 'async' },
    destinations: ASYNC_DESTINATIONS,
    articleCorrections: { invocation: null, concurrency: null },
    articleNotes: [ASYNC_ARTICLE_NOTE],
  };
}

// ---------------------------------------------------------------------------------------------
// SQS

export const SQS_SCALING_SENTENCE = `Lambda's pollers start with ${CONCURRENCY.sqsInitialConcurrency.value} concurrent batches and add up to ${CONCURRENCY.sqsScaleUpPerMinute.value} per minute while messages wait`;

export const SQS_CONCURRENCY_CORRECTION =
  `The 2019 article said SQS pollers start at ${ARTICLE_2019.sqsInitialConcurrency.value} and add ${ARTICLE_2019.sqsScaleUpPerMinute.value} per minute up to ${whole(ARTICLE_2019.sqsMaxConcurrency.value)}; ` +
  `they now add up to ${CONCURRENCY.sqsScaleUpPerMinute.value} per minute (up to ${whole(CONCURRENCY.sqsMaxConcurrencyDefault.value)} by default), ` +
  `and MaximumConcurrency (${CONCURRENCY.sqsMaximumConcurrencyMin.value}–${whole(CONCURRENCY.sqsMaximumConcurrencyMax.value)}) caps them without reserved concurrency.`;

/** SQS API requests a month: each message sent (per billing chunk, PRICING_UNITS.sqsChunkKb), then received and deleted in calls of up to 10. */
export function sqsRequests(x: PricingInput): number {
  const perCall = Math.min(EVENT_SOURCES.sqsFifoBatchMax.value, Math.max(1, x.recordsPerInvocation));
  const sends = x.requestsPerMonth * chunks(x.payloadKb, PRICING_UNITS.sqsChunkKb.value);
  const callsPerInvocation = Math.ceil(x.recordsPerInvocation / perCall);
  return sends + 2 * x.invocations * callsPerInvocation;
}

export function sqsPricing(item: string, price: (p: RegionPrices) => Priced<number> | null): SourceModule['pricing'] {
  return {
    line: {
      item,
      priceSource: 'sqsPricing',
      prices: (p) => [price(p)],
      usd: (x) => {
        const free = x.freeTier ? PRICING_UNITS.sqsFreeTierRequests.value : 0;
        return (Math.max(0, sqsRequests(x) - free) / 1e6) * rate(price(x.region));
      },
      detail: (x) =>
        `${qty(sqsRequests(x))} requests: ${qty(x.requestsPerMonth)} messages sent (${chunks(x.payloadKb, PRICING_UNITS.sqsChunkKb.value)} × ${num(PRICING_UNITS.sqsChunkKb.value)} KB chunk each), received and deleted in batches${x.freeTier ? `, first ${shortCount(PRICING_UNITS.sqsFreeTierRequests.value)} free` : ''}`,
    },
    note: null,
  };
}

/** Quantities in a bill's detail line: the one number format every face uses. */
export const qty = num;

// ---------------------------------------------------------------------------------------------
// Streams

export const STREAM_CONCURRENCY_CORRECTION = `The 2019 article said one invocation per shard; a parallelization factor of up to ${CONCURRENCY.parallelizationFactorMax.value} now runs several batches per shard at once.`;

export const STREAM_SCALING_SENTENCE = `Lambda runs one batch per shard at a time, or up to ${CONCURRENCY.parallelizationFactorMax.value} with a parallelization factor`;

export const SHARD_BLOCKING_NOTE: ArticleNote = {
  message:
    'The 2019 article said a failing record blocks its shard until it expires; that is only the default now: bisect, finite retries, a record age limit and an on-failure destination keep the shard moving.',
  references: ['kinesisParameters'],
};

/** Stream batching: default 100, up to 10,000, a window of up to 300 s; records fill per shard. */
export function streamBatching(references: SourceId, fillPerShard: boolean): BatchingLimits {
  return {
    defaultSize: EVENT_SOURCES.streamBatchDefault,
    maxSize: EVENT_SOURCES.streamBatchMax,
    windowSupported: true,
    defaultWindowSeconds: null,
    largeBatchNeedsWindow: null,
    fillUnits: (s) => (fillPerShard ? (s.traffic.shards ?? 1) : 1),
    limitNote: null,
    references,
  };
}

/** Shards of a Kinesis or DynamoDB stream: up to 10 concurrent batches each (parallelization factor). */
export function shardLanes(extra: Pick<Lanes, 'writeLimit' | 'userControlled' | 'retention' | 'fix'>): Lanes {
  return {
    unit: 'shard',
    count: (s: Scenario) => s.traffic.shards,
    assumeWhenUnknown: 1,
    maxPerLane: CONCURRENCY.parallelizationFactorMax.value,
    references: CONCURRENCY.parallelizationFactorMax.source,
    ...extra,
  };
}

/** Ordering of a sharded stream: per key always; all records only on one shard at factor 1. */
export const SHARD_ORDERING: OrderingFacts = {
  perKey: true,
  singleLane: (s, d) => (s.traffic.shards ?? 1) === 1 && d.concurrency.parallelizationFactor === 1,
  strictMessage: STREAM_STRICT,
  unorderedNote: '',
};
