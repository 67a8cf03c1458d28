// Failure handling, memory selection and warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, durationAt, type Design } from '../../src/engine/index.ts';

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}
const work = { averageDurationMs: 100, p99DurationMs: 200, measuredAtMemoryMb: 1_024 };

test('async: 2 retries, 6 h event age, SQS on-failure destination (not a DLQ)', () => {
  const d = design({ source: 's3', traffic: { averagePerSecond: 1 }, work });
  assert.equal(d.errorHandling.retryAttempts, 2);
  assert.equal(d.errorHandling.maximumEventAgeSeconds, 21_600);
  assert.equal(d.errorHandling.onFailureDestination, 'sqs');
  assert.equal(d.errorHandling.queue, null);
  assert.match(d.rationale.failures.articleCorrection ?? '', /dead-letter/);
  assert.ok(d.warnings.some((w) => w.id === 'article-superseded' && /dead-letter/.test(w.message)));
});

test('async, not idempotent: no retries, request-id de-dupe and a not-idempotent warning', () => {
  const d = design({ source: 'eventbridge', traffic: { averagePerSecond: 1 }, work, idempotent: false });
  assert.equal(d.errorHandling.retryAttempts, 0);
  assert.equal(d.errorHandling.idempotency, 'request-id-dedupe');
  const w = d.warnings.find((x) => x.id === 'not-idempotent');
  assert.ok(w);
  assert.match(w.message, /Saga/);
});

test('async with a 1,000 KB payload: the failure record goes to S3 (1,000 + 64 KB envelope > 1 MB SQS message)', () => {
  const d = design({ source: 'direct-async', traffic: { averagePerSecond: 1, payloadKb: 1_000 }, work });
  assert.equal(d.errorHandling.onFailureDestination, 's3');
});

test('payload too large: 2 MB async, 7 MB sync', () => {
  const a = design({ source: 'sns', traffic: { averagePerSecond: 1, payloadKb: 2_048 }, work });
  assert.ok(a.warnings.some((w) => w.id === 'payload-too-large' && w.severity === 'error'));
  const s = design({ source: 'direct-sync', traffic: { averagePerSecond: 1, payloadKb: 7 * 1_024 }, work });
  assert.ok(s.warnings.some((w) => w.id === 'payload-too-large'));
  const ok = design({ source: 'direct-sync', traffic: { averagePerSecond: 1, payloadKb: 5 * 1_024 }, work });
  assert.ok(!ok.warnings.some((w) => w.id === 'payload-too-large'));
});

test('DynamoDB Streams: finite retries, record age below the 24 h retention, bisect, S3 destination', () => {
  const d = design({ source: 'dynamodb-streams', traffic: { averagePerSecond: 10 }, work });
  const e = d.errorHandling;
  assert.ok(e.retryAttempts !== null && e.retryAttempts >= 0);
  assert.ok(e.maximumRecordAgeSeconds !== null && e.maximumRecordAgeSeconds >= 60 && e.maximumRecordAgeSeconds < 24 * 3_600);
  assert.equal(e.bisectBatchOnFunctionError, true);
  assert.equal(e.onFailureDestination, 's3');
  assert.equal(d.batching?.reportBatchItemFailures, true);
});

test('sync: the caller owns retries', () => {
  const d = design({ source: 'api-gateway-rest', traffic: { averagePerSecond: 1 }, work });
  assert.equal(d.errorHandling.idempotency, 'caller-retries');
  assert.equal(d.errorHandling.retryAttempts, null);
  assert.equal(d.errorHandling.onFailureDestination, null);
});

test('ordering: strict order on a standard queue is flagged', () => {
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 1 }, work, ordering: 'strict' });
  assert.ok(d.warnings.some((w) => w.id === 'ordering'));
  const fifo = design({ source: 'sqs-fifo', traffic: { averagePerSecond: 1, messageGroups: 1 }, work, ordering: 'strict' });
  assert.ok(!fifo.warnings.some((w) => w.id === 'ordering'));
});

test('memory never goes below peak use + 20% (300 MB -> 360 MB) and the p99 meets the target', () => {
  const d = design({
    source: 'api-gateway-http',
    traffic: { averagePerSecond: 10 },
    work: { ...work, maxMemoryUsedMb: 300, profile: 'io' },
    latency: { targetP99Ms: 1_000 },
  });
  assert.ok(d.memoryMb >= 360, String(d.memoryMb));
  assert.ok(d.estimatedP99Ms <= 1_000);
  assert.equal(d.architecture, 'arm64');
});

test('memory: the lowest setting that meets a tight target is found (CPU-bound work, 300 ms at 1,024 MB, 200 ms target)', () => {
  const w = { averageDurationMs: 150, p99DurationMs: 300, measuredAtMemoryMb: 1_024, profile: 'cpu' as const };
  const d = design({ source: 'function-url', traffic: { averagePerSecond: 1 }, work: w, latency: { targetP99Ms: 200 } });
  // p99(m) = 300 x (0.9 x 1024/m + 0.1) <= 200  <=>  m >= 0.9 x 1024 / (2/3 - 0.1) = 1,626.4 -> 1,627 MB.
  const m = { durationMs: 300, measuredAtMemoryMb: 1_024, profile: 'cpu' as const, parallelism: 1 };
  assert.ok(durationAt(m, 1_627) <= 200 && durationAt(m, 1_626) > 200);
  assert.ok(d.memoryMb >= 1_627, String(d.memoryMb));
  assert.ok(d.estimatedP99Ms <= 200);
  const cheapest = d.memoryOptions.find((o) => o.memoryMb === 1_627 && o.architecture === 'arm64');
  if (d.memoryMb !== 1_627) assert.ok(cheapest && cheapest.monthlyUsd * 1.01 >= d.cost.total - 1e-9, 'a faster choice only within 1%');
});

test('x86_64 when the scenario requires it; the other architecture is shown as an option', () => {
  const d = design({ source: 's3', traffic: { averagePerSecond: 1 }, work, architecture: 'x86_64' });
  assert.equal(d.architecture, 'x86_64');
  const arm = d.memoryOptions.find((o) => o.architecture === 'arm64' && o.memoryMb === d.memoryMb);
  assert.ok(arm && arm.monthlyUsd < d.cost.total, 'arm64 is cheaper at the same memory');
});

test('latency unreachable: I/O-bound 300 ms cannot meet 100 ms at any memory', () => {
  const d = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 200, p99DurationMs: 300, measuredAtMemoryMb: 1_024, profile: 'io' }, latency: { targetP99Ms: 100 } });
  assert.equal(d.warnings.find((w) => w.id === 'latency-unreachable')?.severity, 'error');
  // I/O-bound, one thread: speed stops growing at 1,769 MB (1 vCPU), so no more memory than that.
  assert.equal(d.memoryMb, 1_769);
});

test('budget exceeded names the cheapest design that meets the latency, or says none does', () => {
  const d = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 100 }, work, budget: { monthlyUsd: 1 } });
  const w = d.warnings.find((x) => x.id === 'budget-exceeded');
  assert.ok(w);
  assert.match(w.message, /\$1\.00 budget/);
  const none = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 100 }, work: { ...work, profile: 'io' }, latency: { targetP99Ms: 10 }, budget: { monthlyUsd: 1 } });
  assert.match(none.warnings.find((x) => x.id === 'budget-exceeded')?.message ?? '', /No design meets the latency target/);
});

test('article corrections: memory above 3,008 MB and /tmp above 512 MB are flagged', () => {
  const d = design({ source: 's3', traffic: { averagePerSecond: 1 }, work: { ...work, measuredAtMemoryMb: 6_000, maxMemoryUsedMb: 5_000, tmpStorageMb: 2_048 } });
  const notes = d.warnings.filter((w) => w.id === 'article-superseded').map((w) => w.message);
  assert.ok(notes.some((m) => /3,008 MB/.test(m)));
  assert.ok(notes.some((m) => /500 MB/.test(m)));
  assert.match(d.rationale.memory.articleCorrection ?? '', /1,769/);
});
