import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costByMemory, costByTraffic, monthlyTotal, priceDesign, pricePlainFunction, vpcMonthlyUsd } from '../../src/engine/cost/index.ts';
import { PRICING_UNITS, US_EAST_1_PRICES } from '../../src/engine/facts/index.ts';
import { parseScenario, type Scenario } from '../../src/engine/scenario.ts';
import type { PricedConfig } from '../../src/engine/design.ts';

const usEast = US_EAST_1_PRICES;
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);

function plain(over: Partial<Parameters<typeof pricePlainFunction>[0]> = {}) {
  const r = pricePlainFunction({ requestsPerMonth: 1e6, durationMs: 100, memoryMb: 1024, architecture: 'x86_64', region: 'us-east-1', freeTier: false, ...over });
  assert.ok(r.ok, JSON.stringify(r));
  return r.bill;
}

function scenario(over: Record<string, unknown> = {}): Scenario {
  const r = parseScenario({
    name: 'worker',
    source: 'sqs',
    traffic: { requestsPerMonth: 10_000_000, payloadKb: 2 },
    work: { averageDurationMs: 50, p99DurationMs: 200, measuredAtMemoryMb: 1024, logKbPerInvocation: 0 },
    ...over,
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.scenario;
}

const config = (over: Partial<PricedConfig> = {}): PricedConfig => ({
  memoryMb: 1024,
  architecture: 'arm64',
  ephemeralStorageMb: 512,
  recordsPerInvocation: 1,
  provisionedConcurrency: 0,
  provisionedHours: 0,
  vpc: null,
  averageInvocationMs: 50,
  initMs: 0,
  ...over,
});

test('a plain x86 function: 1M requests × 100 ms × 1,024 MB is $0.20 of requests plus 100,000 GB-s of compute', () => {
  const bill = plain();
  // Hand arithmetic with the us-east-1 rates: 1M × $0.20/M; 1M × 0.1 s × 1 GB = 100,000 GB-s × first-tier x86 rate.
  const requests = 1 * usEast.lambda.requestsPerMillion.value;
  const compute = 100_000 * usEast.lambda.duration.value.x86_64[0]!.rate;
  close(bill.lines.find((l) => l.id === 'lambda-requests')!.usd, requests, 'requests');
  close(bill.lines.find((l) => l.id === 'lambda-compute')!.usd, compute, 'compute');
  close(bill.total, requests + compute, 'total');
  assert.equal(Math.round(bill.total * 100) / 100, 1.87);
  assert.equal(bill.currency, 'USD');
  assert.equal(bill.region, 'us-east-1');
  assert.match(bill.pricesAsOf, /^\d{4}-\d{2}-\d{2}$/);
});

test('arm64 costs 20% less compute than x86_64 for the same GB-seconds', () => {
  const x86 = plain({ architecture: 'x86_64' }).lines.find((l) => l.id === 'lambda-compute')!.usd;
  const arm = plain({ architecture: 'arm64' }).lines.find((l) => l.id === 'lambda-compute')!.usd;
  // AWS rounds both published rates to 10 decimals, so the ratio is 0.8 to within 1e-5.
  assert.ok(Math.abs(arm / x86 - 0.8) < 1e-5, `arm/x86 ratio ${arm / x86}`);
});

test('the free tier covers 1M requests and 400,000 GB-s, and only when asked for', () => {
  assert.equal(plain({ freeTier: true }).total, 0);
  assert.ok(plain({ freeTier: false }).total > 0);
  // 2M requests × 300 ms × 1 GB = 600,000 GB-s: 200,000 GB-s and 1M requests remain billable.
  const bill = plain({ freeTier: true, requestsPerMonth: 2e6, durationMs: 300 });
  close(bill.total, 0.2 + 200_000 * usEast.lambda.duration.value.x86_64[0]!.rate, 'total after free tier');
  assert.equal(bill.freeTierApplied, true);
});

test('duration volume tiers: arm64 GB-seconds beyond 7.5 billion are billed at the second tier', () => {
  // 8e9 GB-s: 1 GB × 8 s × 1e9 requests.
  const bill = plain({ architecture: 'arm64', requestsPerMonth: 1e9, durationMs: 8_000, memoryMb: 1024 });
  const [t1, t2] = usEast.lambda.duration.value.arm64;
  close(bill.lines.find((l) => l.id === 'lambda-compute')!.usd, 7.5e9 * t1!.rate + 0.5e9 * t2!.rate, 'tiered compute');
});

test('billing is per 1 ms: 100.2 ms is billed as 101 ms', () => {
  const a = plain({ durationMs: 100.2 }).lines.find((l) => l.id === 'lambda-compute')!.usd;
  const b = plain({ durationMs: 101 }).lines.find((l) => l.id === 'lambda-compute')!.usd;
  close(a, b, 'rounded up to the ms');
});

test('provisioned concurrency: 10 × 1 GB kept all month costs about $10.95 per GB on x86', () => {
  const bill = plain({ provisionedConcurrency: 10, requestsPerMonth: 0 });
  const pc = bill.lines.find((l) => l.id === 'provisioned-concurrency')!;
  close(pc.usd, 10 * 730 * 3600 * usEast.lambda.provisioned.value.x86_64.configuredPerGbSecond, 'configured');
  assert.ok(Math.abs(pc.usd / 10 - 10.95) < 0.01, `${pc.usd / 10} per GB-month`);
});

test('provisioned concurrency moves execution to the cheaper executed rate', () => {
  // 1M × 100 ms = 100,000 s of execution; 10 environments × 730 h absorb all of it.
  const bill = plain({ provisionedConcurrency: 10 });
  const executed = bill.lines.find((l) => l.id === 'provisioned-executed')!;
  close(executed.usd, 100_000 * usEast.lambda.provisioned.value.x86_64.executedPerGbSecond, 'executed');
  close(bill.lines.find((l) => l.id === 'lambda-compute')!.usd, 0, 'no on-demand compute left');
});

test('ephemeral storage above the free 512 MB is billed per GB-second of execution', () => {
  const bill = plain({ ephemeralMb: 1024 });
  const line = bill.lines.find((l) => l.id === 'ephemeral-storage')!;
  close(line.usd, 0.5 * 100_000 * usEast.lambda.ephemeralPerGbSecond.value, 'ephemeral');
  assert.equal(plain().lines.some((l) => l.id === 'ephemeral-storage'), false);
});

test('plain function input errors name each field', () => {
  const r = pricePlainFunction({ requestsPerMonth: -1, durationMs: 0, memoryMb: 64, architecture: 'sparc' as never, region: 'mars-1', freeTier: false });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.errors.map((e) => e.path).sort(), ['arch', 'duration-ms', 'memory', 'region', 'requests']);
});

test('SQS worker: messages sent per 64 KB chunk plus receive and delete calls, and fewer Lambda requests with batches', () => {
  const s = scenario({ traffic: { requestsPerMonth: 10_000_000, payloadKb: 100 } });
  const bill = priceDesign(s, config({ recordsPerInvocation: 10, averageInvocationMs: 500 }));
  // 10M messages × 2 chunks (100 KB) sent + 1M invocations × (1 receive + 1 delete).
  const sqsRequests = 10e6 * 2 + 2 * 1e6;
  close(bill.lines.find((l) => l.id === 'source')!.usd, (sqsRequests / 1e6) * usEast.sqs.standardPerMillion.value, 'sqs');
  close(bill.lines.find((l) => l.id === 'lambda-requests')!.usd, 1 * usEast.lambda.requestsPerMillion.value, 'lambda requests for 1M batches');
});

test('API Gateway REST requests use the per-million tiers', () => {
  const s = scenario({ source: 'api-gateway-rest', traffic: { requestsPerMonth: 400e6 } });
  const bill = priceDesign(s, config());
  const [t1, t2] = usEast.apiGateway.restPerMillion.value;
  close(bill.lines.find((l) => l.id === 'source')!.usd, 333 * t1!.rate + 67 * t2!.rate, 'rest tiers');
});

test('Kinesis: shard-hours plus 25 KB PUT units', () => {
  const s = scenario({ source: 'kinesis', traffic: { requestsPerMonth: 1e6, payloadKb: 30, shards: 2 } });
  const line = priceDesign(s, config()).lines.find((l) => l.id === 'source')!;
  close(line.usd, 2 * 730 * usEast.kinesis.shardHour.value + 2 * usEast.kinesis.putUnitsPerMillion.value, 'kinesis');
});

test('INIT duration is billed for the cold-start share of invocations', () => {
  const s = scenario({ source: 'direct-sync', traffic: { requestsPerMonth: 1e6 }, work: { averageDurationMs: 50, p99DurationMs: 200, measuredAtMemoryMb: 1024, logKbPerInvocation: 0, coldStartRate: 0.01 } });
  const bill = priceDesign(s, config({ initMs: 1000 }));
  // 1% of 1M = 10,000 cold starts × 1 s × 1 GB = 10,000 GB-s at the arm64 first tier.
  close(bill.lines.find((l) => l.id === 'lambda-init')!.usd, 10_000 * usEast.lambda.duration.value.arm64[0]!.rate, 'init');
});

test('VPC: NAT gateways by the hour and per GB, interface endpoints per AZ', () => {
  const s = scenario({ network: { privateResources: true, internetEgress: true, egressGbPerMonth: 100 } });
  const vpc = { attach: true, subnets: 2, natGateways: 2, gatewayEndpoints: ['s3'], interfaceEndpoints: ['secretsmanager'], ipv6Egress: false, monthlyUsd: 0 };
  const expected = 2 * 730 * usEast.nat.perHour.value + 100 * usEast.nat.perGb.value + 1 * 2 * 730 * usEast.interfaceEndpoint.perHourPerAz.value;
  close(vpcMonthlyUsd(s, vpc), expected, 'vpc');
  const bill = priceDesign(s, config({ vpc }));
  close(bill.lines.find((l) => l.id === 'vpc-nat')!.usd + bill.lines.find((l) => l.id === 'vpc-endpoints')!.usd, expected, 'vpc lines');
});

test('the fast total, the curves and the detailed bill agree', () => {
  const s = scenario({ work: { averageDurationMs: 80, p99DurationMs: 200, measuredAtMemoryMb: 1024, logKbPerInvocation: 2 } });
  const c = config({ recordsPerInvocation: 5, averageInvocationMs: 400, initMs: 300 });
  const bill = priceDesign(s, c);
  close(monthlyTotal(s, c), bill.total, 'monthlyTotal');
  close(bill.lines.reduce((a, l) => a + l.usd, 0), bill.total, 'sum of lines');
  const curve = costByMemory(s, c, () => 400, [512, 1024, 2048]);
  close(curve[1]!, bill.total, 'curve at the configured memory');
  assert.ok(curve[0]! < curve[1]! && curve[1]! < curve[2]!, 'same duration, more memory, more cost');
  const traffic = costByTraffic(s, c, [1e5, 1e6, 1e7]);
  assert.ok(traffic[0]! < traffic[1]! && traffic[1]! < traffic[2]!, 'more traffic, more cost');
});

test('the month is 730 hours, from the facts', () => {
  assert.equal(PRICING_UNITS.hoursPerMonth.value, 730);
});

test('eu-west-1 uses its own prices: the REST API second tier is dearer than in us-east-1', () => {
  const s = { ...scenario({ source: 'api-gateway-rest', traffic: { requestsPerMonth: 400e6 } }), region: 'eu-west-1' };
  const line = priceDesign(s, config()).lines.find((l) => l.id === 'source')!;
  // 333M at $3.50/M + 67M at $3.19/M (eu-west-1 price list).
  close(line.usd, 333 * 3.5 + 67 * 3.19, 'eu-west-1 REST');
  assert.ok(line.references.some((r) => r.url.includes('eu-west-1')), 'cites the eu-west-1 price list');
});

test('a price a Region lacks is shown as not priced, listed, and never guessed', () => {
  // me-central-1: a duration rate is sourced, a request rate is not (af-south-1's requests are now priced).
  const s = { ...scenario({ source: 'kinesis', traffic: { requestsPerMonth: 1e6, shards: 2 } }), region: 'me-central-1' };
  const bill = priceDesign(s, config({ initMs: 0 }));
  const compute = bill.lines.find((l) => l.id === 'lambda-compute')!;
  // 1M × 50 ms × 1 GB = 50,000 GB-s at me-central-1's arm64 rate.
  close(compute.usd, 50_000 * 0.0000165334, 'me-central-1 compute');
  const requests = bill.lines.find((l) => l.id === 'lambda-requests')!;
  assert.equal(requests.usd, 0);
  assert.match(requests.detail, /not priced for me-central-1/);
  assert.ok(bill.unpriced.includes('Lambda requests') && bill.unpriced.some((u) => u.startsWith('Kinesis')));
  assert.match(bill.assumptions[0]!, /lower bound/);
  assert.deepEqual(priceDesign(scenario(), config()).unpriced, [], 'us-east-1 prices everything');
});

test('where provisioned concurrency has no sourced price (eu-west-1), its share is priced on demand, never free, and the bill says so', () => {
  const s = scenario({ region: 'eu-west-1', source: 'api-gateway-http' });
  const withPc = priceDesign(s, config({ provisionedConcurrency: 5, provisionedHours: PRICING_UNITS.hoursPerMonth.value }));
  const without = priceDesign(s, config());
  const compute = (b: typeof withPc) => b.lines.find((l) => l.id === 'lambda-compute')?.usd ?? NaN;
  // 10M × 50 ms × 1 GB = 500,000 GB-s, all of it on demand in both bills.
  assert.ok(compute(without) > 0);
  close(compute(withPc), compute(without), 'the execution PC would serve is priced at the on-demand rate');
  assert.ok(withPc.unpriced.some((u) => u.startsWith('Provisioned concurrency')), withPc.unpriced.join('; '));
  assert.ok(withPc.assumptions.some((a) => /Provisioned concurrency has no sourced price for eu-west-1/.test(a)));
  // In us-east-1 (priced) the same environments take execution off the on-demand line.
  const us = priceDesign(scenario({ source: 'api-gateway-http' }), config({ provisionedConcurrency: 5, provisionedHours: PRICING_UNITS.hoursPerMonth.value }));
  assert.ok(compute(us) < compute(priceDesign(scenario({ source: 'api-gateway-http' }), config())));
});
