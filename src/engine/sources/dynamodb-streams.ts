/** DynamoDB stream: shards follow the table's partitions; records are kept 24 h. */
import { EVENT_SOURCES } from '../facts/index.ts';
import { lambdaTimeout, POLL_STREAM, SHARD_BLOCKING_NOTE, SHARD_ORDERING, shardLanes, STREAM_CONCURRENCY_CORRECTION, STREAM_SCALING_SENTENCE, streamBatching } from './common.ts';
import type { SourceModule } from './types.ts';

export const dynamodbStreams: SourceModule = {
  id: 'dynamodb-streams',
  kind: 'stream',
  label: 'DynamoDB stream',
  withoutFunction: { integration: 'EventBridge Pipes from the stream to the target', startsWorkflow: true },
  invocation: POLL_STREAM,
  callerWaits: false,
  payload: [],
  timeout: lambdaTimeout(true),
  streaming: null,
  rateLimit: null,
  lanes: shardLanes({
    writeLimit: null,
    userControlled: false,
    retention: { hours: EVENT_SOURCES.dynamodbStreamRetentionHours, raisable: null },
    fix: () =>
      "A DynamoDB stream's shards follow the table's partitions and cannot be added: make each record faster, process a batch's records concurrently where per-key order allows, or hand the heavy work to a queue (for example EventBridge Pipes to SQS), where more consumers can run.",
  }),
  pollers: null,
  provisionedPollers: null,
  scaling: { sentence: STREAM_SCALING_SENTENCE, references: 'kinesisParameters' },
  batching: streamBatching('kinesisParameters', true),
  concurrencyControl: 'parallelization-factor',
  failures: { model: 'stream', references: 'ddbParameters', needsFullRecords: true, note: null, recordPointer: 'the shard and sequence numbers' },
  destinations: ['sqs', 'sns', 's3'],
  ordering: SHARD_ORDERING,
  pricing: {
    line: {
      item: 'DynamoDB Streams reads by Lambda',
      priceSource: 'ddbStreamsCost',
      prices: () => [],
      usd: () => 0,
      detail: () => 'Stream reads made by Lambda triggers are free',
    },
    note: null,
  },
  samEventType: 'DynamoDB',
  articleCorrections: { invocation: null, concurrency: STREAM_CONCURRENCY_CORRECTION },
  articleNotes: [SHARD_BLOCKING_NOTE],
};
