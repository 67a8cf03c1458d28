// Timeout, batching and SQS failure handling, checked against numbers worked out by hand.
// Memory is pinned at 10,240 MB (peak use 8,534 MB + 20% headroom = 10,241, capped at the maximum),
// so durations equal the measured ones and every figure below can be computed on paper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, type Design } from '../../src/engine/index.ts';

const pinned = { measuredAtMemoryMb: 10_240, maxMemoryUsedMb: 8_534 };

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}

test('SQS worker without a latency target: batch 25, window 5 s, timeout from p99, visibility 6 × timeout + window', () => {
  const d = design({
    source: 'sqs',
    traffic: { averagePerSecond: 2, peakPerSecond: 20 },
    work: { averageDurationMs: 100, p99DurationMs: 200, ...pinned },
  });
  assert.equal(d.memoryMb, 10_240);
  // No target: window <= 5 s, a full batch <= 10 s of p99 processing (200 ms each -> 50 records at W=0).
  // W=0: SQS standard caps at 10, fill = 2/s x 1 s = 2.   W=2: cap floor(8000/200)=40, useful 40, fill 4.
  // W=3: cap 35, fill 6.   W=5: cap floor(5000/200)=25, fill min(25, 2 x 5) = 10 -> best.
  assert.deepEqual(d.batching, { batchSize: 25, maximumBatchingWindowSeconds: 5, reportBatchItemFailures: true, expectedRecordsPerBatch: 10 });
  // A full batch at p99: 25 x 200 ms = 5 s; timeout = ceil(3 x 5 s) = 15 s.
  assert.equal(d.timeoutSeconds, 15);
  assert.equal(d.estimatedP99Ms, 5_000 + 5_000);
  assert.deepEqual(d.errorHandling.queue, { visibilityTimeoutSeconds: 6 * 15 + 5, maxReceiveCount: 5, deadLetterQueue: true });
  assert.equal(d.errorHandling.onFailureDestination, null, 'the queue redrive DLQ handles failures');
  assert.equal(d.errorHandling.idempotency, 'powertools-idempotency');
  assert.equal(d.invocation.model, 'poll');
  assert.equal(d.invocation.type, 'RequestResponse');
  assert.equal(d.concurrency.reserved, null, 'never reserved concurrency on an SQS consumer');
});

test('SQS with a 5 s target: the window uses at most half of it and the batch fits the rest', () => {
  const d = design({
    source: 'sqs',
    traffic: { averagePerSecond: 10, peakPerSecond: 100 },
    work: { averageDurationMs: 100, p99DurationMs: 200, ...pinned },
    latency: { targetP99Ms: 5_000 },
  });
  // W=0: min(floor(5000/200)=25, 10) = 10 records, fill 10.  W=1: cap 20, fill 10 (no gain).
  // W=2: cap floor(3000/200) = 15, fill min(15, 20) = 15 -> best.  W=3 > 2.5 s (half the target).
  assert.equal(d.batching?.batchSize, 15);
  assert.equal(d.batching?.maximumBatchingWindowSeconds, 2);
  assert.equal(d.batching?.expectedRecordsPerBatch, 15);
  assert.ok(d.estimatedP99Ms <= 5_000, `p99 ${d.estimatedP99Ms} within target`);
  // 15 x 200 ms = 3 s -> timeout 9 s; visibility 6 x 9 + 2 = 56 s.
  assert.equal(d.timeoutSeconds, 9);
  assert.equal(d.errorHandling.queue?.visibilityTimeoutSeconds, 56);
});

test('FIFO: at most 10 per batch and no batching window', () => {
  const d = design({
    source: 'sqs-fifo',
    traffic: { averagePerSecond: 500, messageGroups: 50 },
    work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned },
  });
  assert.equal(d.batching?.batchSize, 10);
  assert.equal(d.batching?.maximumBatchingWindowSeconds, 0);
});

test('batch size respects the 6 MB invocation payload', () => {
  const d = design({
    source: 'kinesis',
    traffic: { averagePerSecond: 1_000, payloadKb: 100, shards: 1 },
    work: { averageDurationMs: 1, p99DurationMs: 2, ...pinned },
  });
  // 6,144 KB / 100 KB = 61 records.
  assert.equal(d.batching?.batchSize, 61);
});

test('API Gateway: timeout capped at 29 s with a warning when 3 x p99 needs more', () => {
  const d = design({
    source: 'api-gateway-rest',
    traffic: { averagePerSecond: 1 },
    work: { averageDurationMs: 5_000, p99DurationMs: 12_000, ...pinned },
  });
  assert.equal(d.timeoutSeconds, 29);
  const w = d.warnings.find((x) => x.id === 'timeout-capped');
  assert.ok(w, 'timeout-capped warning');
  assert.equal(w.severity, 'warning', 'p99 (12 s) still fits in 29 s');
  assert.match(w.message, /stream|poll/i);
});

test('API Gateway: work longer than 29 s at p99 is an error', () => {
  const d = design({
    // A REST API (29 s); an HTTP API allows 30 s (test/unit/sources-limits.test.ts).
    source: 'api-gateway-rest',
    traffic: { averagePerSecond: 1 },
    work: { averageDurationMs: 20_000, p99DurationMs: 40_000, ...pinned },
  });
  assert.equal(d.timeoutSeconds, 29);
  assert.equal(d.warnings.find((x) => x.id === 'timeout-capped')?.severity, 'error');
});

test('short work gets at least 3 s; other sources are capped at 900 s', () => {
  const quick = design({ source: 'function-url', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 5, p99DurationMs: 10, ...pinned } });
  assert.equal(quick.timeoutSeconds, 3);
  const long = design({ source: 'direct-async', traffic: { averagePerSecond: 0.01 }, work: { averageDurationMs: 400_000, p99DurationMs: 600_000, ...pinned } });
  assert.equal(long.timeoutSeconds, 900);
  assert.equal(long.warnings.find((x) => x.id === 'timeout-capped')?.severity, 'warning');
});

test('push sources: no batching, the right invocation type', () => {
  const api = design({ source: 'alb', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 5, p99DurationMs: 10, measuredAtMemoryMb: 512 } });
  assert.equal(api.batching, null);
  assert.deepEqual(api.invocation, { model: 'push', type: 'RequestResponse', pollerKind: null });
  const s3 = design({ source: 's3', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 5, p99DurationMs: 10, measuredAtMemoryMb: 512 } });
  assert.deepEqual(s3.invocation, { model: 'push', type: 'Event', pollerKind: null });
  const ddb = design({ source: 'dynamodb-streams', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 5, p99DurationMs: 10, measuredAtMemoryMb: 512 } });
  assert.deepEqual(ddb.invocation, { model: 'poll', type: 'RequestResponse', pollerKind: 'stream' });
});
