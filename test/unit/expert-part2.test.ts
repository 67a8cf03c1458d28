// Issue 10 ("expert-grade advice, part 2"), each item with expected values worked out by hand from
// the facts: SnapStart as AWS offers it and its charges, runtime identifiers and their lifecycle,
// every commercial Region, optimizeFor, provisioned <= reserved, the cold-start share, the Logs free
// tier, data transfer out, endpoint-versus-NAT from the given traffic, the budget warning, bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  advise,
  COMMERCIAL_REGIONS,
  parseScenario,
  priceDesign,
  runtimeInfo,
  runtimeLifecycle,
  type Design,
  type PricedConfig,
  type Scenario,
} from '../../src/engine/index.ts';
import { coldStartShare } from '../../src/engine/model/coldStarts.ts';
import { main } from '../../src/cli/main.ts';
import { applyEdits } from '../../src/engine/templates/edits.ts';
import { hoverAt } from '../../src/engine/templates/hover.ts';
import { lintTemplate } from '../../src/engine/templates/lint.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';

function scenario(over: Record<string, unknown> = {}): Scenario {
  const r = parseScenario({
    name: 'fn',
    source: 'api-gateway-http',
    traffic: { averagePerSecond: 10, peakPerSecond: 50 },
    work: { averageDurationMs: 100, p99DurationMs: 250, measuredAtMemoryMb: 1_024, profile: 'io', logKbPerInvocation: 0 },
    ...over,
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.scenario;
}
function design(over: Record<string, unknown> = {}): Design {
  const r = advise({
    name: 'fn',
    source: 'api-gateway-http',
    traffic: { averagePerSecond: 10, peakPerSecond: 50 },
    work: { averageDurationMs: 100, p99DurationMs: 250, measuredAtMemoryMb: 1_024, profile: 'io' },
    ...over,
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.design;
}
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} != ${b}`);
const config = (over: Partial<PricedConfig> = {}): PricedConfig => ({
  memoryMb: 1_024,
  architecture: 'arm64',
  ephemeralStorageMb: 512,
  recordsPerInvocation: 1,
  provisionedConcurrency: 0,
  provisionedHours: 0,
  vpc: null,
  averageInvocationMs: 100,
  initMs: 0,
  ...over,
});
const line = (d: { lines: readonly { id: string; usd: number }[] }, id: string) => d.lines.find((l) => l.id === id);

// ---- 1. SnapStart as AWS offers it ----
const avoid = { latency: { targetP99Ms: 1_000, coldStarts: 'avoid' } };

test('SnapStart: python3.13 with 512 MB of /tmp gets it; 2 GB of /tmp, EFS, python3.11 or ap-southeast-6 take provisioned concurrency and say why', () => {
  assert.equal(design({ runtime: 'python3.13', ...avoid }).coldStart.strategy, 'snapstart');
  const tmp = design({ runtime: 'python3.13', ...avoid, work: { averageDurationMs: 100, p99DurationMs: 250, measuredAtMemoryMb: 1_024, profile: 'io', tmpStorageMb: 2_048 } });
  assert.equal(tmp.coldStart.strategy, 'provisioned-concurrency');
  assert.match(tmp.rationale.coldStart.why, /SnapStart supports at most 512 MB of \/tmp and this function needs 2,048 MB/);
  assert.ok(tmp.warnings.some((w) => w.id === 'snapstart-unavailable'));
  const efs = design({ runtime: 'python3.13', ...avoid, work: { averageDurationMs: 100, p99DurationMs: 250, measuredAtMemoryMb: 1_024, profile: 'io', efs: true } });
  assert.equal(efs.coldStart.strategy, 'provisioned-concurrency');
  assert.match(efs.rationale.coldStart.why, /does not support functions that mount Amazon EFS/);
  const old = design({ runtime: 'python3.11', ...avoid });
  assert.equal(old.coldStart.strategy, 'provisioned-concurrency');
  assert.match(old.rationale.coldStart.why, /SnapStart does not support python3\.11/);
  const nz = design({ runtime: 'java21', region: 'ap-southeast-6', ...avoid });
  assert.equal(nz.coldStart.strategy, 'provisioned-concurrency');
  assert.match(nz.rationale.coldStart.why, /not offered in ap-southeast-6/);
  for (const d of [tmp, efs, old, nz]) assert.equal(d.coldStart.strategy === 'snapstart' && d.concurrency.provisioned !== null, false);
});

test('SnapStart charges (Python, .NET): 1,024 MB cached 730 h = $3.95; 10,000 restores of 1 GB = $1.40; Java pays neither', () => {
  const s = scenario({ runtime: 'python3.13', traffic: { requestsPerMonth: 1e6 }, work: { averageDurationMs: 100, p99DurationMs: 250, measuredAtMemoryMb: 1_024, logKbPerInvocation: 0, coldStartRate: 0.01 } });
  const bill = priceDesign(s, config({ initMs: 200, snapStartCharged: true }));
  // 1 GB × 730 h × 3,600 s × $0.0000015046 = $3.9540888; 1e6 × 1% = 10,000 restores × 1 GB × $0.0001397998.
  close(line(bill, 'snapstart-cache')!.usd, 730 * 3_600 * 0.0000015046, 'cache');
  close(line(bill, 'snapstart-restore')!.usd, 10_000 * 0.0001397998, 'restore');
  assert.equal(bill.lines.find((l) => l.id === 'snapstart-cache')!.references[0]!.verification, 'secondary', 'a transcribed price is marked secondary');
  const d = design({ runtime: 'dotnet10', ...avoid });
  assert.equal(d.coldStart.strategy, 'snapstart');
  const snapUsd = (line(d.cost, 'snapstart-cache')?.usd ?? 0) + (line(d.cost, 'snapstart-restore')?.usd ?? 0);
  assert.ok(snapUsd > 0);
  assert.ok(d.rationale.coldStart.tradeOff.includes(`$${snapUsd.toFixed(2)} a month in this bill`), d.rationale.coldStart.tradeOff);
  const java = design({ runtime: 'java21', ...avoid });
  assert.equal(java.coldStart.strategy, 'snapstart');
  assert.equal(line(java.cost, 'snapstart-cache'), undefined);
});

// ---- 2. Runtime identifiers ----
test('runtime identifiers: every one in the table and the family names are accepted; a family stands for its newest identifier', () => {
  for (const id of ['nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14', 'java11', 'java17', 'java21', 'java25', 'dotnet8', 'dotnet10', 'ruby3.3', 'ruby3.4', 'provided.al2', 'provided.al2023', 'nodejs', 'python', 'java', 'dotnet', 'go', 'ruby']) {
    assert.ok(parseScenario({ name: 'x', source: 'sqs', runtime: id, traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 10, p99DurationMs: 20, measuredAtMemoryMb: 512 } }).ok, id);
  }
  assert.equal(runtimeInfo('nodejs')?.id, 'nodejs24.x');
  assert.equal(runtimeInfo('go')?.id, 'provided.al2023');
  assert.equal(runtimeInfo('java21')?.snapStart, true);
  assert.equal(runtimeInfo('python3.11')?.snapStart, false);
  assert.equal(runtimeInfo('python3.12')?.snapStart, true);
  assert.equal(runtimeInfo('dotnet8')?.snapStart, true);
  assert.equal(runtimeInfo('nodejs24.x')?.snapStart, false);
  const bad = parseScenario({ name: 'x', source: 'sqs', runtime: 'nodejs16', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 10, p99DurationMs: 20, measuredAtMemoryMb: 512 } });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.match(bad.errors.find((e) => e.path === 'runtime')!.message, /Lambda runtime identifier \(e\.g\. nodejs22\.x/);
});

test('runtime lifecycle from "today": nodejs22.x supported until 2027-04-30, deprecated, then create-blocked from 2027-06-01', () => {
  const r = runtimeInfo('nodejs22.x')!;
  assert.equal(runtimeLifecycle(r, '2026-12-01').state, 'supported');
  assert.equal(runtimeLifecycle(r, '2027-05-01').state, 'deprecated');
  assert.equal(runtimeLifecycle(r, '2027-06-01').state, 'create-blocked');
  assert.equal(runtimeLifecycle(runtimeInfo('nodejs26.x')!, '2026-12-01').state, 'preview');
});

test('a deprecated identifier is flagged with its date: python3.10 a warning (2026-10-31), nodejs20.x an error (creation blocked since 2026-08-31)', () => {
  const py = design({ runtime: 'python3.10' }).warnings.find((w) => w.id === 'runtime-deprecated');
  assert.equal(py?.severity, 'warning');
  assert.match(py!.message, /deprecated on 2026-10-31/);
  const node = design({ runtime: 'nodejs20.x' }).warnings.find((w) => w.id === 'runtime-deprecated');
  assert.equal(node?.severity, 'error');
  assert.match(node!.message, /blocks creating functions on it since 2026-08-31/);
  assert.equal(design({ runtime: 'nodejs22.x' }).warnings.some((w) => w.id === 'runtime-deprecated'), false);
  const d = design({ runtime: 'nodejs' });
  assert.equal(d.runtimeIdentifier, 'nodejs24.x');
  assert.equal(d.runtimeFamily, 'nodejs');
});

// ---- 3. Every commercial Region ----
test('every commercial Region is accepted and gives a complete design; China, GovCloud and junk are refused', () => {
  assert.ok(COMMERCIAL_REGIONS.value.length >= 34);
  for (const { code } of COMMERCIAL_REGIONS.value) {
    const d = design({ region: code });
    assert.equal(d.region, code);
    assert.ok(Number.isFinite(d.cost.total) && d.cost.total >= 0, code);
    assert.ok(line(d.cost, 'lambda-compute')!.usd > 0, `${code}: compute priced`);
  }
  for (const bad of ['cn-north-1', 'us-gov-west-1', 'mars-north-1', 'EU-CENTRAL-1']) {
    const r = parseScenario({ name: 'x', source: 'sqs', region: bad, traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 10, p99DurationMs: 20, measuredAtMemoryMb: 512 } });
    assert.equal(r.ok, false, bad);
  }
});

test('Region prices: eu-central-1 requests $0.20/M and arm64 $0.0000133334/GB-s; ap-southeast-5 $0.18/M; af-south-1 $0.27/M', () => {
  const at = (region: string) => priceDesign({ ...scenario({ source: 'direct-sync', traffic: { requestsPerMonth: 10e6 } }), region }, config());
  const fra = at('eu-central-1');
  close(line(fra, 'lambda-requests')!.usd, 10 * 0.2, 'eu-central-1 requests');
  // 10M × 100 ms × 1 GB = 1,000,000 GB-s.
  close(line(fra, 'lambda-compute')!.usd, 1e6 * 0.0000133334, 'eu-central-1 compute');
  close(line(at('ap-southeast-5'), 'lambda-requests')!.usd, 10 * 0.18, 'Malaysia requests');
  close(line(at('af-south-1'), 'lambda-requests')!.usd, 10 * 0.27, 'Cape Town requests');
  const taipei = at('ap-east-2');
  assert.ok(taipei.unpriced.includes('Lambda requests'), 'no sourced request price: not priced, total a lower bound');
  close(line(taipei, 'lambda-compute')!.usd, 1e6 * 0.0000133334, 'base duration rate');
});

test('CLI: recommend accepts region eu-central-1 with nodejs22.x, python3.13, java21, dotnet8 and provided.al2023; cost --region eu-central-1', async () => {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) } };
  for (const runtime of ['nodejs22.x', 'python3.13', 'java21', 'dotnet8', 'provided.al2023']) {
    out = '';
    const input = JSON.stringify({ name: 'fn', region: 'eu-central-1', runtime, source: 'sqs', traffic: { averagePerSecond: 5 }, work: { averageDurationMs: 50, p99DurationMs: 120, measuredAtMemoryMb: 512 } });
    const code = await main(['recommend', '-', '--json'], { ...io, stdin: (async function* () { yield input; })() });
    assert.equal(code, 0, err);
    const d = JSON.parse(out) as Design;
    assert.equal(d.region, 'eu-central-1');
    assert.equal(d.runtimeIdentifier, runtime);
  }
  out = '';
  assert.equal(await main(['cost', '--requests', '1000000', '--duration-ms', '100', '--memory', '1024', '--region', 'eu-central-1', '--json'], io), 0, err);
  assert.equal(JSON.parse(out).region, 'eu-central-1');
});

// ---- 4. optimizeFor ----
test('optimizeFor: CPU-bound work optimised for balance gets about 1 vCPU (1,769 MB); speed the fastest; the others appear as options', () => {
  const base = { source: 'sqs', traffic: { averagePerSecond: 20 }, work: { averageDurationMs: 800, p99DurationMs: 1_500, measuredAtMemoryMb: 512, profile: 'cpu' } };
  const cost = design({ ...base });
  const balanced = design({ ...base, optimizeFor: 'balanced' });
  const speed = design({ ...base, optimizeFor: 'speed' });
  assert.equal(cost.optimizeFor, 'cost');
  assert.ok(cost.memoryMb < 1_000, `cost ${cost.memoryMb}`);
  assert.ok(Math.abs(balanced.memoryMb - 1_769) <= 1_769 * 0.01, `balanced ${balanced.memoryMb}`);
  // One thread: nothing is faster than 1 vCPU, and the lowest setting that fast wins.
  assert.equal(speed.memoryMb, 1_769);
  assert.ok(balanced.cost.total > cost.cost.total && balanced.estimatedP99Ms < cost.estimatedP99Ms);
  for (const m of [balanced.memoryMb, speed.memoryMb]) assert.ok(cost.memoryOptions.some((o) => o.memoryMb === m), `option ${m} shown`);
  assert.match(balanced.rationale.memory.why, /balancedWeight 0\.5/);
});

// ---- 5. provisioned <= reserved ----
test('an API whose database allows 5 connections, cold starts avoided: provisioned 5, reserved 5 (was provisioned 50 > reserved 5)', () => {
  const d = design({ runtime: 'nodejs22.x', traffic: { averagePerSecond: 100, peakPerSecond: 500 }, downstream: { maxConcurrency: 5 }, ...avoid });
  assert.equal(d.coldStart.strategy, 'provisioned-concurrency');
  assert.equal(d.concurrency.reserved, 5);
  assert.equal(d.concurrency.provisioned, 5);
});

// ---- 6. cost model ----
test('cold-start share from the traffic: 10 req/s of 100 ms steady = 365 recycles / 26.28M = 0.0014%; once an hour = every call; a given rate wins', () => {
  close(coldStartShare({ invocationsPerSecond: 10, peakInvocationsPerSecond: 10, invocationSeconds: 0.1, poller: false }), 365 / 26_280_000, 'steady');
  // Busy 1 → 365 recycles; a peak of 50/s adds (5 − 1) × 730 swings.
  close(coldStartShare({ invocationsPerSecond: 10, peakInvocationsPerSecond: 50, invocationSeconds: 0.1, poller: false }), (365 + 4 * 730) / 26_280_000, 'push with a peak');
  close(coldStartShare({ invocationsPerSecond: 10, peakInvocationsPerSecond: 50, invocationSeconds: 0.1, poller: true }), (365 + 4 * 30) / 26_280_000, 'poller with a peak');
  assert.equal(coldStartShare({ invocationsPerSecond: 1 / 3_600, peakInvocationsPerSecond: 1 / 3_600, invocationSeconds: 0.1, poller: false }), 1);
  assert.equal(coldStartShare({ invocationsPerSecond: 10, peakInvocationsPerSecond: 10, invocationSeconds: 0.1, poller: false, given: 0.02 }), 0.02);
  const bill = design({ traffic: { averagePerSecond: 10 }, work: { averageDurationMs: 100, p99DurationMs: 250, measuredAtMemoryMb: 1_024, profile: 'io', initDurationMs: 300 } }).cost;
  assert.ok(bill.assumptions.some((a) => /Cold starts are estimated at 0\.0014% of invocations/.test(a)), bill.assumptions.join('\n'));
});

test('CloudWatch Logs free tier: 10 GB of logs less 5 GB free × $0.50 = $2.50 (free tier on), $5.00 without', () => {
  const s = (freeTier: boolean) => scenario({ source: 'direct-sync', traffic: { requestsPerMonth: 10 * 1_048_576 }, work: { averageDurationMs: 10, p99DurationMs: 20, measuredAtMemoryMb: 1_024, logKbPerInvocation: 1 }, budget: { freeTier } });
  close(line(priceDesign(s(true), config()), 'cloudwatch-logs')!.usd, 2.5, 'with free tier');
  close(line(priceDesign(s(false), config()), 'cloudwatch-logs')!.usd, 5, 'without');
});

test('internet data transfer out: 1,000 GB × $0.09 = $90; less 100 GB free = $81; 20 TB = 10 TB × $0.09 + 10 TB × $0.085', () => {
  const s = (gb: number, freeTier: boolean) => scenario({ network: { internetEgress: true, egressGbPerMonth: gb }, budget: { freeTier } });
  close(line(priceDesign(s(1_000, false), config()), 'data-transfer-out')!.usd, 90, '1 TB');
  close(line(priceDesign(s(1_000, true), config()), 'data-transfer-out')!.usd, 81, '1 TB, free tier');
  close(line(priceDesign(s(20_480, false), config()), 'data-transfer-out')!.usd, 10_240 * 0.09 + 10_240 * 0.085, '20 TB');
  assert.equal(line(priceDesign(scenario(), config()), 'data-transfer-out'), undefined, 'no egress given, no line');
});

test('endpoint versus NAT from the given traffic: 100 GB to Secrets Manager: endpoints $14.60 + $1.00 = $15.60 against NAT $65.70 + $4.50 = $70.20; the rationale quotes the bill', () => {
  const d = design({ network: { privateResources: true, awsServices: ['secretsmanager'], awsServicesGbPerMonth: 100 } });
  assert.deepEqual(d.vpc.interfaceEndpoints, ['secretsmanager']);
  assert.equal(d.vpc.natGateways, 0);
  close(d.vpc.monthlyUsd, 15.6, 'vpc');
  close(line(d.cost, 'vpc-endpoints')!.usd, 15.6, 'bill');
  assert.match(d.rationale.vpc.why, /\(\$15\.60 a month\) cost less than NAT gateways \(\$70\.20\)/);
  // 20 TB a month through one endpoint: $14.60 + 20,480 × $0.01 = $219.40, still below NAT's $65.70 + 20,480 × $0.045 = $987.30.
  const big = design({ network: { privateResources: true, awsServices: ['secretsmanager'], awsServicesGbPerMonth: 20_480 } });
  close(big.vpc.monthlyUsd, 14.6 + 204.8, 'big');
});

test('budget warning names the lines that drive the bill and the cheaper alternative for each: a REST API at $45.99 → an HTTP API or a function URL', () => {
  const d = design({ source: 'api-gateway-rest', traffic: { averagePerSecond: 5 }, work: { averageDurationMs: 30, p99DurationMs: 80, measuredAtMemoryMb: 512, profile: 'io', logKbPerInvocation: 4 }, budget: { monthlyUsd: 2 } });
  const w = d.warnings.find((x) => x.id === 'budget-exceeded')!;
  // 5/s × 2,628,000 s = 13.14M requests × $3.50/M = $45.99.
  assert.match(w.message, /API Gateway REST API requests \$45\.99/);
  assert.match(w.message, /an HTTP API \(\$1\.00 instead of \$3\.50 per million requests\)/);
  assert.match(w.message, /function URL/);
  assert.match(w.message, /CloudWatch Logs ingestion/);
  assert.doesNotMatch(w.message, /relax the target/);
});

// ---- 5. bounds ----
test('scenario numbers have upper bounds: 1e308 ms, 1e8 peak requests/s and a 1e12 USD budget are refused with the field named', () => {
  const r = parseScenario({ name: 'x', source: 'sqs', traffic: { averagePerSecond: 1, peakPerSecond: 1e8 }, work: { averageDurationMs: 1e308, p99DurationMs: 1e308, measuredAtMemoryMb: 512 }, budget: { monthlyUsd: 1e12 } });
  assert.equal(r.ok, false);
  if (!r.ok) {
    const paths = r.errors.map((e) => e.path);
    for (const p of ['work.averageDurationMs', 'work.p99DurationMs', 'traffic.peakPerSecond', 'budget.monthlyUsd']) assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
  }
});

// ---- templates use the same runtime table ----
const SAM = (runtime: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: ${runtime}
      Architectures: [arm64]
      MemorySize: 512
`;

test('LDA607: nodejs20.x is an error (creation blocked since 2026-08-31) with a fix to nodejs24.x; python3.10 a warning; nodejs22.x clean', () => {
  const lint = (rt: string) => lintTemplate(SAM(rt), 't.yaml', { only: ['LDA607'] }).findings;
  const node = lint('nodejs20.x');
  assert.equal(node.length, 1);
  assert.equal(node[0]!.severity, 'error');
  assert.match(node[0]!.message, /blocks creating functions on it since 2026-08-31/);
  const fixed = applyEdits(SAM('nodejs20.x'), node[0]!.fix!.edits);
  assert.match(fixed, /Runtime: nodejs24\.x/);
  assert.deepEqual(lintTemplate(fixed, 't.yaml', { only: ['LDA607'] }).findings, []);
  const py = lint('python3.10');
  assert.equal(py[0]?.severity, 'warning');
  assert.match(py[0]!.message, /deprecated on 2026-10-31/);
  assert.deepEqual(lint('nodejs22.x'), []);
});

test('Runtime hover: the table row (deprecation and block dates, SnapStart, typical cold start)', () => {
  const text = SAM('dotnet8');
  const h = hoverAt(parseTemplate(text), text.indexOf('dotnet8') + 2)?.markdown ?? '';
  assert.match(h, /\*\*dotnet8\*\*: \.NET 8 on Amazon Linux 2023, deprecation 2026-11-10, creating functions blocked from 2027-07-29, updates from 2027-08-31/);
  assert.match(h, /SnapStart supported \(with \/tmp up to 512 MB/);
  assert.match(h, /Advice: dotnet8 \(\.NET 8\) was deprecated on 2026-11-10/);
});
