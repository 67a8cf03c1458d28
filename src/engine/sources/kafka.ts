/**
 * Kafka topic (Amazon MSK or self-managed): pollers read partitions, at most one concurrent batch per
 * partition; batching window 500 ms by default. Retries, bisect and partial batch responses need
 * the event source mapping in provisioned mode.
 */
import { EVENT_SOURCES, SOURCE_LIMITS } from '../facts/index.ts';
import { lambdaTimeout, POLL_STREAM, STREAM_STRICT } from './common.ts';
import type { SourceModule } from './types.ts';

export const kafka: SourceModule = {
  id: 'kafka',
  kind: 'stream',
  label: 'Kafka topic (MSK or self-managed)',
  invocation: POLL_STREAM,
  callerWaits: false,
  payload: [],
  timeout: lambdaTimeout(true),
  streaming: null,
  rateLimit: null,
  lanes: {
    unit: 'partition',
    // The scenario does not carry a partition count yet: no bound.
    count: () => undefined,
    assumeWhenUnknown: null,
    maxPerLane: 1,
    references: 'kafkaScaling',
    writeLimit: null,
    userControlled: true,
    retention: null,
    fix: (n) => `Give the topic at least ${n} partitions, make each record faster, or process a batch's records concurrently where per-key order allows.`,
  },
  pollers: null,
  scaling: { sentence: 'Lambda adds pollers as the consumer lag grows, at most one per partition', references: 'kafkaScaling' },
  batching: {
    defaultSize: EVENT_SOURCES.kafkaBatchDefault,
    maxSize: EVENT_SOURCES.kafkaBatchMax,
    windowSupported: true,
    defaultWindowSeconds: SOURCE_LIMITS.kafkaBatchingWindowDefaultSeconds,
    largeBatchNeedsWindow: null,
    fillUnits: () => 1,
    limitNote: null,
    references: 'kafkaRetry',
  },
  concurrencyControl: 'partitions',
  failures: { model: 'stream', references: 'kafkaRetry', needsFullRecords: false, note: 'For Kafka these controls need the event source mapping in provisioned mode.', recordPointer: 'the partition and offset' },
  destinations: ['sqs', 'sns', 's3', 'kafka'],
  ordering: { perKey: true, singleLane: () => false, strictMessage: STREAM_STRICT, unorderedNote: '' },
  pricing: { line: null, note: 'The Kafka cluster (MSK or self-managed) is not priced here.' },
  samEventType: 'MSK',
  articleCorrections: { invocation: null, concurrency: null },
  articleNotes: [],
};
