// Records processed concurrently within a batch (work.recordsInParallel). The model: the records' I/O
// waits overlap, their CPU-bound parts queue on the work's threads, so a batch lasts
// max(one record, records × one record's CPU-bound part). Memory is pinned at the 10,240 MB the work
// was measured at (peak use 8,534 MB + 20% is above the maximum), so durations are the measured ones;
// "io" work is 10% CPU-bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, type Design } from '../../src/engine/index.ts';
import { batchMsAt } from '../../src/engine/model/performance.ts';
import { scaffold } from '../../src/engine/scaffold/index.ts';

const work = { averageDurationMs: 100, p99DurationMs: 200, measuredAtMemoryMb: 10_240, maxMemoryUsedMb: 8_534, profile: 'io' };

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}

test('the batch model: one after another sums the records, concurrently the slowest record or the queued CPU work', () => {
  const w = { durationMs: 200, measuredAtMemoryMb: 10_240, profile: 'io' as const, parallelism: 1 };
  assert.equal(batchMsAt(w, 10_240, 50, false), 10_000); // 50 × 200 ms
  assert.equal(batchMsAt(w, 10_240, 50, true), 1_000); // max(200, 50 × 20 ms CPU-bound)
  assert.equal(batchMsAt(w, 10_240, 5, true), 200); // max(200, 5 × 20): the slowest record decides
  assert.equal(batchMsAt(w, 10_240, 1, true), batchMsAt(w, 10_240, 1, false)); // one record is one record
});

test('SQS, records concurrently: a batch of 50 fits a 2 s target where one after another fits only 10', () => {
  // Target 2,000 ms; the window may use half (1 s). One after another: w = 0, 10 records × 200 ms = 2,000 ms
  // (batches above 10 need a window; with 1 s only 1,000 / 200 = 5 fit). Concurrently: w = 1 s and
  // 50 records (one second of the 50/s traffic): max(200, 50 × 20) = 1,000 ms + 1 s = 2,000 ms.
  const base = { source: 'sqs', traffic: { averagePerSecond: 50 }, latency: { targetP99Ms: 2_000 } };
  const seq = design({ ...base, work });
  const par = design({ ...base, work: { ...work, recordsInParallel: true } });
  assert.equal(seq.batching?.batchSize, 10);
  assert.equal(seq.batching?.maximumBatchingWindowSeconds, 0);
  assert.equal(seq.batching?.recordsInParallel, undefined);
  assert.equal(par.batching?.batchSize, 50);
  assert.equal(par.batching?.maximumBatchingWindowSeconds, 1);
  assert.equal(par.batching?.recordsInParallel, true);
  assert.equal(par.estimatedP99Ms, 2_000);
  // Timeout = 3 × the batch's p99: 3 × 1,000 ms = 3 s, against 3 × 2,000 ms = 6 s one after another.
  assert.equal(par.timeoutSeconds, 3);
  assert.equal(seq.timeoutSeconds, 6);
  assert.match(par.rationale.batching.why, /50 records processed concurrently, max\(200 ms p99 of one, 50 × 20 ms CPU-bound each\) = 1,000 ms/);
  assert.match(par.rationale.batching.why, /downstream calls at once/);
  assert.ok(par.cost.assumptions.some((a) => /processed concurrently \(work\.recordsInParallel\)/.test(a)));
  // Five times fewer invocations: 50 records each instead of 10.
  const req = (d: Design) => d.cost.lines.find((l) => l.id === 'lambda-requests')?.usd ?? NaN;
  assert.ok(Math.abs(req(seq) / req(par) - 5) < 1e-6, `${req(seq)} vs ${req(par)}`);
});

test('an ordered source with per-key order keeps records one after another, and says why', () => {
  const d = design({ source: 'kinesis', traffic: { averagePerSecond: 50, shards: 2 }, work: { ...work, recordsInParallel: true }, ordering: 'per-key' });
  assert.equal(d.batching?.recordsInParallel, undefined);
  assert.match(d.rationale.batching.why, /Records stay one after another although work\.recordsInParallel asks for concurrency: the Kinesis data stream keeps order per key/);
  // Without an order to keep, the same stream processes its batches' records concurrently.
  const free = design({ source: 'kinesis', traffic: { averagePerSecond: 50, shards: 2 }, work: { ...work, recordsInParallel: true }, ordering: 'none' });
  assert.equal(free.batching?.recordsInParallel, true);
});

test('the scaffolded handler follows the design: processInParallel written either way; Python uses the async processor', () => {
  const par = design({ source: 'sqs', traffic: { averagePerSecond: 50 }, latency: { targetP99Ms: 2_000 }, work: { ...work, recordsInParallel: true } });
  const ordered = design({ source: 'kinesis', traffic: { averagePerSecond: 50, shards: 2 }, work: { ...work, recordsInParallel: true }, ordering: 'per-key' });
  const handler = (d: Design, language: 'typescript' | 'python') =>
    scaffold(d, { iac: 'sam', language })
      .filter((f) => /src\/(handler|app)\.(ts|py)$|handler\.(ts|py)$/.test(f.path))
      .map((f) => f.contents)
      .join('\n');
  assert.match(handler(par, 'typescript'), /processPartialResponse\(event, processRecord, processor, \{ context, processInParallel: true \}\)/);
  // Powertools' BatchProcessor defaults to parallel: an ordered stream must say false.
  assert.match(handler(ordered, 'typescript'), /processInParallel: false/);
  const py = handler(par, 'python');
  assert.match(py, /AsyncBatchProcessor\(event_type=EventType\.SQS\)/);
  assert.match(py, /async_process_partial_response\(/);
  assert.match(handler(ordered, 'python'), /BatchProcessor\(event_type=EventType\.KinesisDataStreams\)/);
});

test('work.recordsInParallel must be true or false', () => {
  const r = advise({ name: 'fn', source: 'sqs', traffic: { averagePerSecond: 1 }, work: { ...work, recordsInParallel: 'yes' } });
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.errors, [{ path: 'work.recordsInParallel', message: 'must be true or false' }]);
});

test('records concurrently: a 50-connection downstream allows 50 ÷ the records in flight per invocation', () => {
  // The SQS case above: batches of 50 concurrent records at peak (50/s, 1 s window). MaximumConcurrency
  // = ⌊50 connections ÷ 50 in flight⌋ = 1, clamped to the minimum of 2 (and the warning says to limit inside the function).
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 50 }, latency: { targetP99Ms: 2_000 }, work: { ...work, recordsInParallel: true }, downstream: { maxConcurrency: 50 } });
  assert.equal(d.batching?.batchSize, 50);
  assert.equal(d.concurrency.maximumConcurrency, 2);
  assert.match(d.rationale.concurrency.why, /each invocation holds up to 50 at once \(its batch's records run concurrently\): 50 ÷ 50 = 1/);
  assert.ok(d.warnings.some((w) => w.id === 'downstream-overload' && /cannot go below 2/.test(w.message)), 'two invocations of 50 records still exceed 50 connections: said');
  // One after another, every invocation holds one connection: MaximumConcurrency 50 stays as before.
  const seq = design({ source: 'sqs', traffic: { averagePerSecond: 50 }, latency: { targetP99Ms: 2_000 }, work, downstream: { maxConcurrency: 50 } });
  assert.equal(seq.concurrency.maximumConcurrency, 50);
});
