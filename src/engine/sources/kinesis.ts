/** Kinesis data stream: batches per shard, 1,000 records and 1 MB per second of writes per shard. */
import { PRICING_UNITS, SOURCE_LIMITS } from '../facts/index.ts';
import { chunks, rate } from '../cost/rates.ts';
import { num } from '../format.ts';
import { lambdaTimeout, POLL_STREAM, qty, SHARD_BLOCKING_NOTE, SHARD_ORDERING, shardLanes, STREAM_CONCURRENCY_CORRECTION, STREAM_SCALING_SENTENCE, streamBatching } from './common.ts';
import type { SourceModule } from './types.ts';

export const kinesis: SourceModule = {
  id: 'kinesis',
  cheaperAlternative: () => 'fewer shards, or on-demand capacity if the traffic is spiky',
  kind: 'stream',
  label: 'Kinesis data stream',
  withoutFunction: { integration: 'EventBridge Pipes from the stream to the target', startsWorkflow: true },
  invocation: POLL_STREAM,
  callerWaits: false,
  payload: [],
  timeout: lambdaTimeout(true),
  streaming: null,
  rateLimit: null,
  lanes: shardLanes({
    writeLimit: { recordsPerSecond: SOURCE_LIMITS.kinesisShardWriteRecordsPerSecond, kbPerSecond: SOURCE_LIMITS.kinesisShardWriteKbPerSecond },
    userControlled: true,
    retention: { hours: SOURCE_LIMITS.kinesisRetentionDefaultHours, raisable: `raise the stream's retention (up to ${SOURCE_LIMITS.kinesisRetentionMaxDays.value} days)` },
    fix: (n) =>
      `Use at least ${num(n)} shards (or on-demand capacity mode), make each record faster, or process a batch's records concurrently where per-key order allows.`,
  }),
  pollers: null,
  provisionedPollers: null,
  scaling: { sentence: STREAM_SCALING_SENTENCE, references: 'kinesisParameters' },
  batching: streamBatching('kinesisParameters', true),
  concurrencyControl: 'parallelization-factor',
  failures: { model: 'stream', references: 'kinesisParameters', needsFullRecords: false, note: null, recordPointer: 'the shard and sequence numbers' },
  destinations: ['sqs', 'sns', 's3'],
  ordering: SHARD_ORDERING,
  pricing: {
    line: {
      item: 'Kinesis shard-hours and PUT units',
      priceSource: 'kinesisPricing',
      prices: (p) => [p.kinesis.shardHour, p.kinesis.putUnitsPerMillion],
      usd: (x) =>
        x.shards * PRICING_UNITS.hoursPerMonth.value * rate(x.region.kinesis.shardHour) +
        ((x.requestsPerMonth * chunks(x.payloadKb, PRICING_UNITS.kinesisPutUnitKb.value)) / 1e6) * rate(x.region.kinesis.putUnitsPerMillion),
      detail: (x) => `${x.shards} shards × ${PRICING_UNITS.hoursPerMonth.value} h + ${qty(x.requestsPerMonth)} records × ${chunks(x.payloadKb, PRICING_UNITS.kinesisPutUnitKb.value)} PUT units`,
    },
    note: null,
  },
  samEventType: 'Kinesis',
  articleCorrections: { invocation: null, concurrency: STREAM_CONCURRENCY_CORRECTION },
  articleNotes: [SHARD_BLOCKING_NOTE],
};
