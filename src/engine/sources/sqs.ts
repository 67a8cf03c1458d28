/** SQS standard queue: Lambda's pollers read batches; standard mode scales +300/min up to 1,250. */
import { PRICING_UNITS } from '../facts/index.ts';
import { num } from '../format.ts';
import { ARTICLE_2019, CONCURRENCY, EVENT_SOURCES } from '../facts/index.ts';
import { lambdaTimeout, POLL_QUEUE, SQS_CONCURRENCY_CORRECTION, SQS_MESSAGE_PAYLOAD, SQS_SCALING_SENTENCE, sqsPricing, unordered } from './common.ts';
import type { PollerScaling, SourceModule } from './types.ts';

export const SQS_POLLERS: PollerScaling = {
  initial: CONCURRENCY.sqsInitialConcurrency,
  addPerMinute: CONCURRENCY.sqsScaleUpPerMinute,
  ceiling: CONCURRENCY.sqsMaxConcurrencyDefault,
  beyond: 'provisioned mode (ProvisionedPollerConfig: dedicated event pollers, billed per event poller unit)',
  references: ['sqsScaling'],
};

export const sqs: SourceModule = {
  id: 'sqs',
  cheaperAlternative: () => `larger batches and a batching window (fewer receive and delete calls), and payloads under ${num(PRICING_UNITS.sqsChunkKb.value)} KB (each ${num(PRICING_UNITS.sqsChunkKb.value)} KB is billed as a request)`,
  kind: 'queue',
  label: 'SQS standard queue',
  invocation: POLL_QUEUE,
  callerWaits: false,
  payload: [SQS_MESSAGE_PAYLOAD],
  timeout: lambdaTimeout(true),
  streaming: null,
  rateLimit: null,
  lanes: null,
  pollers: SQS_POLLERS,
  scaling: { sentence: SQS_SCALING_SENTENCE, references: 'sqsScaling' },
  batching: {
    defaultSize: EVENT_SOURCES.sqsBatchDefault,
    maxSize: EVENT_SOURCES.sqsBatchMax,
    windowSupported: true,
    defaultWindowSeconds: null,
    largeBatchNeedsWindow: { above: EVENT_SOURCES.sqsBatchWithoutWindowMax, minWindowSeconds: EVENT_SOURCES.sqsWindowForLargeBatchMinSeconds },
    fillUnits: () => 1,
    limitNote: null,
    references: 'sqsParameters',
  },
  concurrencyControl: 'maximum-concurrency',
  failures: { model: 'queue' },
  destinations: ['dead-letter-queue'],
  ordering: unordered(' (a standard queue delivers out of order and can duplicate)'),
  pricing: sqsPricing('SQS requests (send, receive, delete)', (p) => p.sqs.standardPerMillion),
  samEventType: 'SQS',
  articleCorrections: {
    invocation: `The 2019 article said SQS pollers scale by +${ARTICLE_2019.sqsScaleUpPerMinute.value} per minute; since November 2023 they add up to +${CONCURRENCY.sqsScaleUpPerMinute.value} per minute.`,
    concurrency: SQS_CONCURRENCY_CORRECTION,
  },
  articleNotes: [
    {
      message: `The 2019 article said SQS pollers add ${ARTICLE_2019.sqsScaleUpPerMinute.value} per minute; they now add up to ${CONCURRENCY.sqsScaleUpPerMinute.value} per minute, and MaximumConcurrency replaces low reserved concurrency as the way to throttle a consumer.`,
      references: ['sqsScaling'],
    },
  ],
};
