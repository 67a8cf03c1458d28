// Concurrency, VPC and cold-start rules, with numbers worked out by hand (memory pinned at 10,240 MB
// so durations equal the measured ones).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, type Design } from '../../src/engine/index.ts';

const pinned = { measuredAtMemoryMb: 10_240, maxMemoryUsedMb: 8_534 };

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}

test("API: Little's law, peak 200/s x 0.35 s = 70 concurrent; reserved concurrency protects a 50-connection database", () => {
  const d = design({
    source: 'api-gateway-http',
    traffic: { averagePerSecond: 20, peakPerSecond: 200 },
    work: { averageDurationMs: 350, p99DurationMs: 700, ...pinned },
    downstream: { maxConcurrency: 50 },
  });
  assert.equal(d.concurrency.neededAtPeak, 70);
  assert.equal(d.concurrency.reserved, 50);
  assert.equal(d.concurrency.maximumConcurrency, null);
  const w = d.warnings.find((x) => x.id === 'downstream-overload');
  assert.ok(w);
  assert.match(w.message, /429/);
  assert.match(d.rationale.concurrency.why, /200\/s × 350 ms/);
});

test('SQS: MaximumConcurrency protects the downstream, clamped to 2..1,000; no reserved concurrency', () => {
  const base = { source: 'sqs', traffic: { averagePerSecond: 5, peakPerSecond: 50 }, work: { averageDurationMs: 100, p99DurationMs: 200, ...pinned } };
  const d = design({ ...base, downstream: { maxConcurrency: 40 } });
  assert.equal(d.concurrency.maximumConcurrency, 40);
  assert.equal(d.concurrency.reserved, null);
  assert.match(d.rationale.concurrency.why, /over-polling/);
  const one = design({ ...base, downstream: { maxConcurrency: 1 } });
  assert.equal(one.concurrency.maximumConcurrency, 2);
  assert.ok(one.warnings.some((x) => x.id === 'downstream-overload'));
  // 100 requests/s x 0.1 s per record = 10 concurrent executions.
  const rps = design({ ...base, downstream: { maxRequestsPerSecond: 100 } });
  assert.equal(rps.concurrency.maximumConcurrency, 10);
});

test('Kinesis: 4 shards, peak 1,200 records/s x 20 ms = 24 concurrent batches -> parallelization factor 6', () => {
  const d = design({
    source: 'kinesis',
    traffic: { averagePerSecond: 1_000, peakPerSecond: 1_200, shards: 4 },
    work: { averageDurationMs: 20, p99DurationMs: 50, ...pinned },
  });
  // No target: a full batch <= 10 s at 50 ms p99 = 200 records; at 250 records/s per shard a
  // window adds nothing, so batch 200 with no window.
  assert.equal(d.batching?.batchSize, 200);
  assert.equal(d.batching?.maximumBatchingWindowSeconds, 0);
  assert.equal(d.concurrency.neededAtPeak, 24);
  assert.equal(d.concurrency.parallelizationFactor, 6);
  assert.equal(d.errorHandling.bisectBatchOnFunctionError, true);
  assert.equal(d.errorHandling.onFailureDestination, 'sqs');
  assert.ok(d.errorHandling.retryAttempts !== null && d.errorHandling.retryAttempts >= 0 && d.errorHandling.retryAttempts < 10_000);
});

test('Kinesis beyond shards x 10 warns that the iterator age will grow', () => {
  const d = design({
    source: 'kinesis',
    traffic: { averagePerSecond: 100, peakPerSecond: 4_000, shards: 1 },
    work: { averageDurationMs: 20, p99DurationMs: 50, ...pinned },
  });
  // 4,000/s x 20 ms = 80 > 1 shard x 10.
  assert.equal(d.concurrency.parallelizationFactor, 10);
  assert.ok(d.warnings.some((x) => /iterator age/.test(x.message)));
});

test('account concurrency: 2,000/s x 1 s = 2,000 concurrent is above the 1,000 default', () => {
  const d = design({ source: 'function-url', traffic: { averagePerSecond: 500, peakPerSecond: 2_000 }, work: { averageDurationMs: 1_000, p99DurationMs: 1_500, ...pinned } });
  assert.equal(d.concurrency.neededAtPeak, 2_000);
  assert.equal(d.warnings.find((x) => x.id === 'account-concurrency')?.severity, 'error');
});

test('VPC: none without private resources', () => {
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned }, network: { internetEgress: true, awsServices: ['s3'] } });
  assert.equal(d.vpc.attach, false);
  assert.equal(d.vpc.natGateways, 0);
  assert.equal(d.vpc.monthlyUsd, 0);
});

test('VPC with internet egress: private subnets in 2 AZs, one NAT gateway per AZ (2 x 730 h x $0.045 = $65.70)', () => {
  const d = design({
    source: 'sqs',
    traffic: { averagePerSecond: 1 },
    work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned },
    network: { privateResources: true, internetEgress: true, awsServices: ['dynamodb'] },
  });
  assert.equal(d.vpc.attach, true);
  assert.equal(d.vpc.subnets, 2);
  assert.equal(d.vpc.natGateways, 2);
  assert.deepEqual(d.vpc.gatewayEndpoints, ['dynamodb']);
  assert.ok(Math.abs(d.vpc.monthlyUsd - 65.7) < 1e-6, String(d.vpc.monthlyUsd));
  assert.ok(d.rationale.vpc.articleCorrection?.includes('Hyperplane'));
});

test('VPC without egress: free gateway endpoint for DynamoDB, interface endpoint for Secrets Manager (2 AZ x 730 h x $0.01 = $14.60)', () => {
  const d = design({
    source: 'api-gateway-http',
    traffic: { averagePerSecond: 1 },
    work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned },
    network: { privateResources: true, awsServices: ['dynamodb', 'secretsmanager'], awsServicesGbPerMonth: 0 },
  });
  assert.equal(d.vpc.natGateways, 0);
  assert.deepEqual(d.vpc.gatewayEndpoints, ['dynamodb']);
  assert.deepEqual(d.vpc.interfaceEndpoints, ['secretsmanager']);
  assert.ok(Math.abs(d.vpc.monthlyUsd - 14.6) < 1e-6, String(d.vpc.monthlyUsd));
});

test('cold starts: avoid + Java + 1 s target -> SnapStart (300 ms p99 + 300 ms restore fits; 8 s INIT does not)', () => {
  const d = design({
    runtime: 'java',
    source: 'api-gateway-rest',
    traffic: { averagePerSecond: 5, peakPerSecond: 50 },
    work: { averageDurationMs: 100, p99DurationMs: 300, ...pinned },
    latency: { targetP99Ms: 1_000, coldStarts: 'avoid' },
  });
  assert.equal(d.coldStart.strategy, 'snapstart');
  assert.equal(d.concurrency.provisioned, null);
  assert.match(d.rationale.coldStart.articleCorrection ?? '', /ping/);
});

test('cold starts: avoid + Node.js when INIT does not fit -> provisioned concurrency for the peak (50/s x 0.1 s = 5)', () => {
  const d = design({
    runtime: 'nodejs',
    source: 'api-gateway-http',
    traffic: { averagePerSecond: 5, peakPerSecond: 50 },
    work: { averageDurationMs: 100, p99DurationMs: 300, ...pinned },
    latency: { targetP99Ms: 1_000, coldStarts: 'avoid' },
  });
  assert.equal(d.coldStart.strategy, 'provisioned-concurrency');
  assert.equal(d.concurrency.provisioned, 5);
  assert.ok(d.cost.lines.some((l) => l.id === 'provisioned-concurrency' && l.usd > 0));
});

test('cold starts: nothing needed when INIT fits the target, or for queue consumers', () => {
  const fits = design({
    source: 'api-gateway-http',
    traffic: { averagePerSecond: 5 },
    work: { averageDurationMs: 100, p99DurationMs: 300, initDurationMs: 400, ...pinned },
    latency: { targetP99Ms: 1_000, coldStarts: 'avoid' },
  });
  assert.equal(fits.coldStart.strategy, 'none-needed');
  assert.equal(fits.coldStart.expectedInitMs, 400);
  const queue = design({ source: 'sqs', traffic: { averagePerSecond: 5 }, work: { averageDurationMs: 100, p99DurationMs: 300, ...pinned }, latency: { coldStarts: 'avoid' } });
  assert.equal(queue.coldStart.strategy, 'none-needed');
});
