/** SQS standard queue: Lambda's pollers read batches; standard mode scales +300/min up to 1,250. */
import { PRICING_UNITS } from '../facts/index.ts';
import { num } from '../format.ts';
import { ARTICLE_2019, CONCURRENCY, EVENT_SOURCES, POLLERS } from '../facts/index.ts';
import { lambdaTimeout, POLL_QUEUE, SQS_CONCURRENCY_CORRECTION, SQS_MESSAGE_PAYLOAD, SQS_SCALING_SENTENCE, sqsPricing, unordered } from './common.ts';
import type { PollerScaling, ProvisionedPollers, SourceModule } from './types.ts';

export const SQS_POLLERS: PollerScaling = {
  initial: CONCURRENCY.sqsInitialConcurrency,
  addPerMinute: CONCURRENCY.sqsScaleUpPerMinute,
  ceiling: CONCURRENCY.sqsMaxConcurrencyDefault,
  beyond: 'provisioned mode (ProvisionedPollerConfig: dedicated event pollers, billed per event poller unit)',
  references: ['sqsScaling'],
};

/** Provisioned mode of an SQS mapping: used only where standard mode's 1,250 concurrent invocations cannot carry the load. */
export const SQS_PROVISIONED: ProvisionedPollers = {
  minPollers: { min: POLLERS.sqsMinimumPollersMin, max: POLLERS.sqsMinimumPollersMax },
  maxPollers: { min: POLLERS.sqsMaximumPollersMin, max: POLLERS.sqsMaximumPollersMax },
  perPoller: { mbPerSecond: POLLERS.sqsPollerMbPerSecond, concurrentInvocations: POLLERS.sqsPollerConcurrentInvocations },
  use: 'beyond-standard',
  why:
    `standard mode stops at ${num(CONCURRENCY.sqsMaxConcurrencyDefault.value)} concurrent invocations; provisioned mode keeps dedicated event pollers ready, scales by up to ${num(POLLERS.sqsProvisionedScalePerMinute.value)} concurrent executions a minute (standard: +${num(CONCURRENCY.sqsScaleUpPerMinute.value)}) and reaches up to ${num(POLLERS.sqsProvisionedMaxConcurrency.value)}`,
  unlocks: [],
  excludes: 'MaximumConcurrency (ScalingConfig): the two are mutually exclusive on one mapping',
  concurrencyCeiling: POLLERS.sqsProvisionedMaxConcurrency,
  scalePerMinute: POLLERS.sqsProvisionedScalePerMinute,
  // No source gives an SQS rate per event poller unit (the transcribed $/EPU-hour is listed for Kafka): not priced.
  price: () => null,
  references: ['sqsScaling', 'esmProvisionedMode', 'provisionedPollerConfig', 'sqsProvisionedLaunch'],
};

export const sqs: SourceModule = {
  id: 'sqs',
  cheaperAlternative: () => `larger batches and a batching window (fewer receive and delete calls), and payloads under ${num(PRICING_UNITS.sqsChunkKb.value)} KB (each ${num(PRICING_UNITS.sqsChunkKb.value)} KB is billed as a request)`,
  kind: 'queue',
  label: 'SQS standard queue',
  withoutFunction: { integration: 'EventBridge Pipes from the queue to the target', startsWorkflow: true },
  invocation: POLL_QUEUE,
  callerWaits: false,
  payload: [SQS_MESSAGE_PAYLOAD],
  timeout: lambdaTimeout(true),
  streaming: null,
  rateLimit: null,
  lanes: null,
  pollers: SQS_POLLERS,
  provisionedPollers: SQS_PROVISIONED,
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
