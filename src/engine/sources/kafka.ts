/**
 * Kafka topic (Amazon MSK or self-managed): pollers read partitions, at most one concurrent batch per
 * partition (a consumer group keeps each partition in order); batching window 500 ms by default.
 * Retries, bisect and partial batch responses need the event source mapping in provisioned mode, so
 * the design always uses it for Kafka.
 */
import { EVENT_SOURCES, POLLERS, SOURCE_LIMITS } from '../facts/index.ts';
import { num } from '../format.ts';
import { lambdaTimeout, POLL_STREAM } from './common.ts';
import type { ProvisionedPollers, SourceModule } from './types.ts';

const KAFKA_CONTROLS = ['MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError', 'ReportBatchItemFailures'] as const;

export const KAFKA_PROVISIONED: ProvisionedPollers = {
  minPollers: { min: POLLERS.kafkaMinimumPollersMin, max: POLLERS.kafkaMinimumPollersMax },
  maxPollers: { min: POLLERS.kafkaMaximumPollersMin, max: POLLERS.kafkaMaximumPollersMax },
  perPoller: { mbPerSecond: POLLERS.kafkaPollerMbPerSecond, concurrentInvocations: POLLERS.kafkaPollerConcurrentInvocations },
  use: 'always',
  why:
    `the error handling controls the design sets (finite retries, a record age limit, bisect on error, partial batch responses) exist for Kafka only in provisioned mode; ` +
    'without them a failing record is retried without end (the default) and stalls its partition',
  unlocks: KAFKA_CONTROLS,
  excludes: null,
  concurrencyCeiling: null,
  scalePerMinute: null,
  price: (p) => p.lambda.eventPollerUnitHour,
  references: ['kafkaScaling', 'kafkaRetry', 'provisionedPollerConfig'],
};

export const kafka: SourceModule = {
  id: 'kafka',
  kind: 'stream',
  label: 'Kafka topic (MSK or self-managed)',
  withoutFunction: { integration: 'EventBridge Pipes from the Kafka topic to the target', startsWorkflow: true },
  invocation: POLL_STREAM,
  callerWaits: false,
  payload: [],
  timeout: lambdaTimeout(true),
  streaming: null,
  rateLimit: null,
  lanes: {
    unit: 'partition',
    count: (s) => s.traffic.partitions,
    // Without traffic.partitions nothing bounds the concurrency the design can count on: no bound assumed (the design says so).
    assumeWhenUnknown: null,
    maxPerLane: 1,
    references: 'kafkaScaling',
    writeLimit: null,
    userControlled: true,
    // The topic's retention (retention.ms) is the cluster's setting, not Lambda's: not modelled.
    retention: null,
    fix: (n) =>
      `Give the topic at least ${num(n)} partitions (Lambda runs one batch per partition at a time, and records with one key stay on one partition), make each record faster, or process a batch's records concurrently where per-key order allows.`,
  },
  pollers: null,
  provisionedPollers: KAFKA_PROVISIONED,
  scaling: {
    sentence: 'Lambda runs one batch per partition at a time (per-partition order), and never more pollers than the topic has partitions',
    references: 'kafkaScaling',
  },
  batching: {
    defaultSize: EVENT_SOURCES.kafkaBatchDefault,
    maxSize: EVENT_SOURCES.kafkaBatchMax,
    windowSupported: true,
    defaultWindowSeconds: SOURCE_LIMITS.kafkaBatchingWindowDefaultSeconds,
    largeBatchNeedsWindow: null,
    // A Kafka batch may carry records of several partitions: it fills from the whole topic.
    fillUnits: () => 1,
    limitNote: `Kafka batches for ${num(SOURCE_LIMITS.kafkaBatchingWindowDefaultSeconds.value * 1_000)} ms when no window is set; the window is set in whole seconds, so once changed the ${num(SOURCE_LIMITS.kafkaBatchingWindowDefaultSeconds.value * 1_000)} ms default cannot be restored`,
    references: 'esmBatchSize',
  },
  concurrencyControl: 'partitions',
  failures: {
    model: 'stream',
    references: 'kafkaRetry',
    needsFullRecords: false,
    note:
      `For Kafka these controls (${KAFKA_CONTROLS.join(', ')}) exist only in provisioned mode, which the design therefore uses. ` +
      'An SQS, SNS or S3 destination needs a VPC endpoint for that service in the cluster\'s VPC; a Kafka topic in the same cluster (kafka://topic) is the alternative that needs none and keeps the full records.',
    recordPointer: 'the topic, partition and offsets',
    recordAgeMax: POLLERS.kafkaRecordAgeMaxSeconds,
  },
  destinations: ['sqs', 'sns', 's3', 'kafka'],
  ordering: {
    perKey: true,
    singleLane: (s) => s.traffic.partitions === 1,
    strictMessage: 'Strict ordering across all records needs a topic with a single partition, which limits the consumer to one batch at a time: order holds only per partition (per record key).',
    unorderedNote: '',
  },
  pricing: { line: null, note: 'The Kafka cluster (MSK or self-managed) is not priced here.' },
  samEventType: 'MSK',
  articleCorrections: { invocation: null, concurrency: null },
  articleNotes: [],
};
