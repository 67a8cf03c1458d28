/** SQS FIFO queue: one batch per message group at a time, batches of at most 10, no batching window. */
import { PRICING_UNITS } from '../facts/index.ts';
import { EVENT_SOURCES } from '../facts/index.ts';
import { num } from '../format.ts';
import { lambdaTimeout, POLL_QUEUE, SQS_CONCURRENCY_CORRECTION, SQS_MESSAGE_PAYLOAD, SQS_SCALING_SENTENCE, sqsPricing } from './common.ts';
import { SQS_POLLERS } from './sqs.ts';
import type { SourceModule } from './types.ts';

export const sqsFifo: SourceModule = {
  id: 'sqs-fifo',
  cheaperAlternative: () => `larger batches and a batching window (fewer receive and delete calls), and payloads under ${num(PRICING_UNITS.sqsChunkKb.value)} KB (each ${num(PRICING_UNITS.sqsChunkKb.value)} KB is billed as a request)`,
  kind: 'queue',
  label: 'SQS FIFO queue',
  withoutFunction: { integration: 'EventBridge Pipes from the queue to the target', startsWorkflow: true },
  invocation: POLL_QUEUE,
  callerWaits: false,
  payload: [SQS_MESSAGE_PAYLOAD],
  timeout: lambdaTimeout(true),
  streaming: null,
  rateLimit: null,
  lanes: {
    unit: 'message group',
    count: (s) => s.traffic.messageGroups,
    assumeWhenUnknown: null,
    maxPerLane: 1,
    references: 'sqsScaling',
    writeLimit: null,
    userControlled: true,
    retention: null,
    fix: (n) =>
      `Use at least ${num(n)} message groups (finer MessageGroupId values, if order only matters per key), make each message faster, or process a batch's messages of different groups concurrently.`,
  },
  pollers: SQS_POLLERS,
  // FIFO queues: concurrency is bounded by the message groups, which provisioned pollers cannot lift.
  provisionedPollers: null,
  scaling: { sentence: `${SQS_SCALING_SENTENCE}, never more than the number of active message groups`, references: 'sqsScaling' },
  batching: {
    defaultSize: EVENT_SOURCES.sqsFifoBatchMax,
    maxSize: EVENT_SOURCES.sqsFifoBatchMax,
    windowSupported: false,
    defaultWindowSeconds: null,
    largeBatchNeedsWindow: null,
    fillUnits: () => 1,
    limitNote: `FIFO queues take at most ${EVENT_SOURCES.sqsFifoBatchMax.value} messages per batch and no batching window`,
    references: 'sqsParameters',
  },
  concurrencyControl: 'maximum-concurrency',
  failures: { model: 'queue' },
  destinations: ['dead-letter-queue'],
  ordering: {
    perKey: true,
    singleLane: (s) => s.traffic.messageGroups === 1,
    strictMessage:
      'Strict ordering across all messages needs a single message group, which limits the consumer to one batch at a time; with several groups, order holds only within each group.',
    unorderedNote: '',
  },
  pricing: sqsPricing('SQS FIFO requests (send, receive, delete)', (p) => p.sqs.fifoPerMillion),
  samEventType: 'SQS',
  articleCorrections: { invocation: null, concurrency: SQS_CONCURRENCY_CORRECTION },
  articleNotes: [],
};
