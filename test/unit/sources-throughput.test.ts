// Throughput the event source can carry, whatever the memory: FIFO message groups, Kinesis shard
// writes and consumption, DynamoDB stream backlog against its 24 h retention, SQS standard-mode
// pollers. Expected values are worked out by hand in the comments. Memory is pinned at 10,240 MB
// where a figure depends on the duration (peak use 8,534 MB + 20% = 10,241, capped at the maximum).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, type Design } from '../../src/engine/index.ts';
import type { Warning } from '../../src/engine/design.ts';

const pinned = { measuredAtMemoryMb: 10_240, maxMemoryUsedMb: 8_534 };

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}
const byId = (d: Design, id: Warning['id']): Warning[] => d.warnings.filter((w) => w.id === id);

// --- SQS FIFO: one batch per message group (lambda/latest/dg/services-sqs-scaling.html) -----------

test('FIFO: 3 message groups cannot carry a load needing 6 lanes: error with the drain rate and the fix', () => {
  // Batches of 10 (FIFO maximum, no window); 60/s × 100 ms = 6 concurrent batches needed.
  // 3 groups × 1 batch: 3 × 1,000 / 100 ms = 30 messages/s drained against 60/s; the average (60/s)
  // is above it, so the backlog never clears; it grows (60 − 30) × 3,600 = 108,000 an hour.
  const d = design({ source: 'sqs-fifo', traffic: { averagePerSecond: 60, messageGroups: 3 }, work: { averageDurationMs: 100, p99DurationMs: 200, ...pinned } });
  assert.equal(d.concurrency.neededAtPeak, 6);
  const [w] = byId(d, 'throughput-unreachable');
  assert.ok(w, 'throughput-unreachable');
  assert.equal(w.severity, 'error');
  assert.match(w.message, /needs 6 concurrent batches, but 3 message groups run at most 3 \(one batch per message group at a time\)/);
  assert.match(w.message, /drains about 30 records\/s against 60\/s arriving/);
  assert.match(w.message, /adds 108,000 messages of backlog, and even the average 60\/s is more than the consumer drains/);
  assert.match(w.message, /Use at least 6 message groups/);
});

test('FIFO, I/O-bound: memory is not bought to make up for missing message groups', () => {
  // 60/s × 100 ms (at 1,769 MB, 1 vCPU) needs 6 lanes; with 3 groups no memory fits (I/O work speeds up
  // by at most its 10% CPU share). The former search fell back to the fastest setting (1,769 MB).
  const d = design({
    source: 'sqs-fifo',
    traffic: { averagePerSecond: 60, messageGroups: 3 },
    work: { averageDurationMs: 100, p99DurationMs: 200, measuredAtMemoryMb: 1_769, maxMemoryUsedMb: 200, profile: 'io' },
  });
  assert.ok(d.memoryMb < 1_769, `memory ${d.memoryMb} MB`);
  const [w] = byId(d, 'throughput-unreachable');
  assert.ok(w);
  // At 10,240 MB the I/O work still takes about 100 ms: 3 × 1,000 / 100 = 30 messages/s at most.
  assert.match(w.message, /Even at 10,240 MB it would drain only about 30 records\/s: more memory cannot carry this peak/);
  assert.match(d.rationale.memory.why, /memory is not raised for it/);
});

test('FIFO with enough groups: no throughput error', () => {
  const d = design({ source: 'sqs-fifo', traffic: { averagePerSecond: 60, messageGroups: 6 }, work: { averageDurationMs: 100, p99DurationMs: 200, ...pinned } });
  assert.deepEqual(byId(d, 'throughput-unreachable'), []);
});

// --- Kinesis writes: 1,000 records/s and 1 MB/s per shard (streams/latest/dev/service-sizes-and-limits.html)

test('Kinesis: 6,000 records/s of 1 KB into 4 shards exceeds 4,000 records/s: at least 6 shards', () => {
  const d = design({ source: 'kinesis', traffic: { averagePerSecond: 6_000, shards: 4 }, work: { averageDurationMs: 1, p99DurationMs: 2, ...pinned } });
  const w = byId(d, 'throughput-unreachable').find((x) => /written to/.test(x.message));
  assert.ok(w, 'write limit error');
  assert.match(w.message, /6,000 records\/s of 1 KB \(5.9 MB\/s\) are written to 4 shards, which take at most 4,000 records\/s and 4 MB\/s/);
  assert.match(w.message, /Use at least 6 shards/);
});

test('Kinesis: 6,000 records/s of 2 KB need 12 shards (11.7 MB/s at 1 MB/s each), not 6', () => {
  const d = design({ source: 'kinesis', traffic: { averagePerSecond: 6_000, payloadKb: 2, shards: 8 }, work: { averageDurationMs: 1, p99DurationMs: 2, ...pinned } });
  // 6,000 × 2 = 12,000 KB/s; 12,000 / 1,024 = 11.7 -> 12 shards; 8 shards take 8,000 records/s, so only bytes bind.
  const w = byId(d, 'throughput-unreachable').find((x) => /written to/.test(x.message));
  assert.ok(w);
  assert.match(w.message, /\(11.7 MB\/s\) are written to 8 shards, which take at most 8,000 records\/s and 8 MB\/s/);
  assert.match(w.message, /Use at least 12 shards/);
});

test('Kinesis within its write limit: no write error', () => {
  const d = design({ source: 'kinesis', traffic: { averagePerSecond: 3_000, shards: 4 }, work: { averageDurationMs: 1, p99DurationMs: 2, ...pinned } });
  assert.ok(!d.warnings.some((w) => /written to/.test(w.message)));
});

// --- Kinesis consumption with ParallelizationFactor (lambda/latest/dg/services-kinesis-parameters.html)

test('Kinesis: a 4,000/s peak on 1 shard at 20 ms per record cannot be drained (10 batches at most): error with iterator age and retention', () => {
  // Needed: 4,000 × 20 ms = 80 concurrent batches; 1 shard × factor 10 = 10, draining 10 × 1,000 / 20 = 500 records/s.
  // Per hour at peak: (4,000 − 500) × 3,600 = 12,600,000 records; iterator age + 3,600 × (1 − 500/4,000) = 3,150 s = 52.5 min;
  // cleared afterwards at (500 − 100) records/s: 12,600,000 / 400 = 31,500 s = 8.75 h;
  // the 24 h retention is reached after 86,400 × 4,000 / 3,500 = 98,743 s = 27.4 h of peak. 80 / 10 = 8 shards would do.
  const d = design({ source: 'kinesis', traffic: { averagePerSecond: 100, peakPerSecond: 4_000, shards: 1 }, work: { averageDurationMs: 20, p99DurationMs: 50, ...pinned } });
  assert.equal(d.concurrency.parallelizationFactor, 10);
  const w = byId(d, 'throughput-unreachable').find((x) => /concurrent batches/.test(x.message));
  assert.ok(w, 'consumption error');
  assert.equal(w.severity, 'error');
  assert.match(w.message, /needs 80 concurrent batches, but 1 shard runs at most 10 \(at most 10 batches per shard\)/);
  assert.match(w.message, /at 20 ms per record the consumer drains about 500 records\/s against 4,000\/s arriving/);
  assert.match(w.message, /adds 12,600,000 records of backlog and 52.5 min of iterator age, which take 8.8 h to clear/);
  assert.match(w.message, /24 h retention are lost: a peak lasting more than 27.4 h loses data/);
  assert.match(w.message, /Use at least 8 shards/);
});

// --- DynamoDB Streams: 24 h retention; shards follow the table (amazondynamodb/latest/developerguide/Streams.html)

test('DynamoDB stream draining 400 records/s under a 3,000/s peak: iterator-age warning with drain time and retention', () => {
  // 1 shard (assumed) × 10 batches, 25 ms per record: 10 × 1,000 / 25 = 400 records/s.
  // Per hour at peak: 2,600 × 3,600 = 9,360,000 records; age + 3,600 × (1 − 400/3,000) = 3,120 s = 52 min;
  // cleared at (400 − 100)/s: 31,200 s = 8.7 h; retention reached after 86,400 × 3,000 / 2,600 = 99,692 s = 27.7 h.
  const d = design({ source: 'dynamodb-streams', traffic: { averagePerSecond: 100, peakPerSecond: 3_000 }, work: { averageDurationMs: 25, p99DurationMs: 50, ...pinned } });
  const [w] = byId(d, 'iterator-age');
  assert.ok(w, 'iterator-age');
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /1 shard \(assumed\) runs at most 10/);
  assert.match(w.message, /drains about 400 records\/s against 3,000\/s arriving/);
  assert.match(w.message, /adds 9,360,000 records of backlog and 52 min of iterator age, which take 8.7 h to clear/);
  assert.match(w.message, /24 h retention are lost: a peak lasting more than 27.7 h loses data/);
  assert.match(w.message, /shards follow the table's partitions/);
  assert.ok(w.references.some((r) => r.url === 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html'));
});

test('DynamoDB stream whose average (500/s) is above what it drains (400/s): error, records are lost', () => {
  const d = design({ source: 'dynamodb-streams', traffic: { averagePerSecond: 500, peakPerSecond: 3_000 }, work: { averageDurationMs: 25, p99DurationMs: 50, ...pinned } });
  const [w] = byId(d, 'throughput-unreachable');
  assert.ok(w);
  assert.equal(w.severity, 'error');
  assert.match(w.message, /the backlog never clears\. Records older than the 24 h retention are lost\./);
});

// --- SQS standard: +300/min up to 1,250 in standard mode (lambda/latest/dg/services-sqs-scaling.html) --

test('SQS burst needing 26,000 concurrent batches: error naming the 1,250 ceiling, the ramp and provisioned mode; no "270 s" promise', () => {
  // 2,600 messages/s × 10 s each = 26,000 concurrent (batches of 1: a 20 s p99 leaves no room for more
  // within 10 s of processing). From 5, +300/min: (1,250 − 5) / 300 = 4.15 -> about 5 minutes to 1,250.
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 100, peakPerSecond: 2_600 }, work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned } });
  assert.equal(d.concurrency.neededAtPeak, 26_000);
  const w = byId(d, 'throughput-unreachable').find((x) => /pollers stop/.test(x.message));
  assert.ok(w, 'poller ceiling error');
  assert.equal(w.severity, 'error');
  assert.match(w.message, /needs 26,000 concurrent batches, but in standard mode Lambda's pollers stop at 1,250 concurrent invocations \(reached about 5 minutes into a burst, from 5 and up to 300 more per minute\)/);
  assert.match(w.message, /provisioned mode/);
  assert.ok(!d.warnings.some((x) => /270 s/.test(x.message)), 'the account warning no longer promises 1,000 every 10 s for pollers');
  assert.match(byId(d, 'account-concurrency')[0]?.message ?? '', /pollers reach 1,250 after about 5 minutes \(\+300 a minute, and stop at 1,250 in standard mode\)/);
});

test('SQS needing 900 concurrent batches: no error; the rationale says the ramp takes about 3 minutes', () => {
  // 90/s × 10 s = 900; (900 − 5) / 300 = 2.98 -> 3 minutes.
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 10, peakPerSecond: 90 }, work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned } });
  assert.equal(d.concurrency.neededAtPeak, 900);
  assert.deepEqual(byId(d, 'throughput-unreachable'), []);
  assert.match(d.rationale.concurrency.why, /a burst reaches 900 after about 3 minutes/);
});
