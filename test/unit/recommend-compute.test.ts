/**
 * Issue 11's done-when checks for the compute decision (design.compute), with the numbers worked by
 * hand from the facts: a steady high-volume API goes to Managed Instances, a small spiky API stays on
 * demand, a 40-minute nightly job gets a shape that can run it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, computeCostByTraffic, parseScenario, type Design, type ScenarioInput } from '../../src/engine/index.ts';

function design(input: ScenarioInput): Design {
  const r = advise(input);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.design;
}
const option = (d: Design, kind: string) => {
  const o = d.compute.options.find((x) => x.kind === kind);
  assert.ok(o, `no ${kind} option`);
  return o;
};
/** What every shape shares: the on-demand bill without its Lambda lines. */
const LAMBDA_LINES = new Set(['lambda-requests', 'lambda-compute', 'lambda-init', 'snapstart-cache', 'snapstart-restore', 'provisioned-concurrency', 'provisioned-executed', 'ephemeral-storage']);

const STEADY: ScenarioInput = {
  name: 'steady-api',
  source: 'api-gateway-http',
  traffic: { averagePerSecond: 3_000, peakPerSecond: 4_000 },
  work: { averageDurationMs: 200, p99DurationMs: 400, measuredAtMemoryMb: 1_024, profile: 'io', maxMemoryUsedMb: 200 },
};
const SPIKY: ScenarioInput = {
  name: 'spiky-api',
  source: 'api-gateway-http',
  traffic: { averagePerSecond: 2, peakPerSecond: 200 },
  work: { averageDurationMs: 100, p99DurationMs: 300, measuredAtMemoryMb: 1_024 },
};
const NIGHTLY: ScenarioInput = {
  name: 'nightly-job',
  source: 'schedule',
  traffic: { requestsPerMonth: 30 },
  work: { averageDurationMs: 40 * 60_000, p99DurationMs: 45 * 60_000, measuredAtMemoryMb: 1_024, profile: 'cpu' },
};

test('a steady 3,000 requests/s API is recommended Managed Instances, with its monthly cost and on-demand beside it', () => {
  const d = design(STEADY);
  assert.equal(d.compute.recommended, 'managed-instances');
  assert.equal(d.compute.options[0]?.kind, 'managed-instances', 'the recommended shape comes first');
  const m = d.compute.managedInstances;
  assert.ok(m);
  // At 1,769 MB (1 vCPU) the 200 ms "io" request takes 200 × (0.1 × 1,024/1,769 + 0.9) = 191.6 ms, 10% of it on CPU.
  // A 2 GiB, 1-vCPU environment (c7g: 2 GiB per vCPU) serves min(5 at 50% CPU, 2,048/240 MB = 8, 64) = 5 at once,
  // so 3,000/s × 0.1916 s / 5 = 115 environments; a c7g.4xlarge holds (16 − 1) / 1 = 15 of them: 8 instances.
  assert.equal(m.instanceType, 'c7g.4xlarge');
  assert.equal(m.perEnvironmentMaxConcurrency, 5);
  assert.equal(m.environmentMemoryMb, 2_048);
  assert.equal(m.instancesAtAverage, 8);
  assert.equal(m.instancesAtPeak, 11); // 4,000/s → 154 environments → 11 instances
  assert.equal(m.maxVCpuCount, 11 * 16);
  const lmi = option(d, 'managed-instances');
  const od = option(d, 'on-demand');
  // On-demand is this design's bill priced as a classic function; its non-Lambda lines are what LMI keeps.
  const onDemand = advise({ ...STEADY, compute: 'on-demand' });
  assert.ok(onDemand.ok);
  const sharedUsd = onDemand.design.cost.lines.filter((l) => !LAMBDA_LINES.has(l.id)).reduce((s, l) => s + l.usd, 0);
  const ec2 = 8 * 0.58 * 730; // $3,387.20
  const fee = ec2 * 0.15; // $508.08
  const requests = ((3_000 * 730 * 3_600) / 1e6) * 0.2; // 7.884 billion × $0.20/M = $1,576.80
  assert.ok(Math.abs((lmi.monthlyUsd ?? NaN) - (ec2 + fee + requests + sharedUsd)) < 0.01, `${lmi.monthlyUsd} vs ${ec2 + fee + requests + sharedUsd}`);
  assert.equal(od.monthlyUsd, onDemand.design.cost.total);
  assert.ok((lmi.monthlyUsd as number) < (od.monthlyUsd as number));
  assert.match(lmi.why, /8 × c7g\.4xlarge/);
});

test('a small spiky API stays on demand: Managed Instances would idle and throttle on its bursts', () => {
  const d = design(SPIKY);
  assert.equal(d.compute.recommended, 'on-demand');
  assert.equal(d.compute.managedInstances, null);
  const lmi = option(d, 'managed-instances');
  // Three instances of the cheapest sourced type stay up all month: at least 3 × $0.145 × 730 × 1.15 = $365.27.
  assert.ok((lmi.monthlyUsd as number) >= 3 * 0.145 * 730 * 1.15);
  assert.ok((option(d, 'on-demand').monthlyUsd as number) < (lmi.monthlyUsd as number));
  assert.match(d.rationale.compute.why, /more than 2× the average/);
});

test('a 40-minute nightly job gets a shape that can run it: on-demand infeasible, durable functions and Step Functions both priced', () => {
  const d = design(NIGHTLY);
  const od = option(d, 'on-demand');
  assert.equal(od.feasible, false);
  assert.match(od.why, /900 s/);
  const durable = option(d, 'durable-functions');
  const standard = option(d, 'step-functions-standard');
  assert.equal(durable.feasible, true);
  assert.equal(standard.feasible, true);
  assert.ok(durable.monthlyUsd !== null && durable.monthlyUsd > 0);
  assert.ok(standard.monthlyUsd !== null && standard.monthlyUsd > 0);
  assert.equal(option(d, 'step-functions-express').feasible, false, 'Express runs 5 minutes at most');
  assert.ok(['durable-functions', 'step-functions-standard', 'managed-instances'].includes(d.compute.recommended));
  assert.notEqual(d.compute.recommended, 'on-demand');
  const w = d.compute.workflow;
  assert.ok(w);
  // The p99 (≈ 1,677 s at the chosen memory) × 3 split into 900 s invocations: each step fits one invocation.
  assert.ok(w.steps >= 2);
  assert.ok(w.executionTimeoutSeconds > 900);
  // Standard: 30 executions × (steps + 1) transitions, well inside the 4,000 free only when the free tier applies.
  const transitions = 30 * (w.steps + 1);
  assert.ok((standard.monthlyUsd as number) >= (transitions / 1_000) * 0.025);
});

test('scenario.compute pins a shape; a pinned shape that cannot run the work is an error naming why and the fix', () => {
  const pinned = design({ ...SPIKY, compute: 'managed-instances' });
  assert.equal(pinned.compute.recommended, 'managed-instances');
  assert.equal(pinned.compute.pinned, true);
  assert.ok(pinned.compute.managedInstances);
  const bad = design({ ...NIGHTLY, compute: 'step-functions-express' });
  assert.equal(bad.compute.recommended, 'step-functions-express');
  const err = bad.warnings.find((w) => w.id === 'compute-infeasible');
  assert.ok(err);
  assert.equal(err.severity, 'error');
  assert.match(err.message, /at most 300 s/);
  assert.match(err.message, /compute: "auto"/);
});

test('direct-integration is offered only for forward-only logic, and only where the source can integrate', () => {
  assert.equal(design(SPIKY).compute.options.some((o) => o.kind === 'direct-integration'), false);
  const fwd = design({ ...SPIKY, work: { ...(SPIKY.work as object), logic: 'forward-only' } } as ScenarioInput);
  const direct = option(fwd, 'direct-integration');
  assert.equal(direct.feasible, true);
  assert.ok((direct.monthlyUsd as number) < (option(fwd, 'on-demand').monthlyUsd as number));
  const url = design({ ...SPIKY, source: 'function-url', work: { ...(SPIKY.work as object), logic: 'forward-only' } } as ScenarioInput);
  assert.equal(option(url, 'direct-integration').feasible, false);
  const parsed = parseScenario({ ...SPIKY, compute: 'direct-integration' });
  assert.equal(parsed.ok, false);
  assert.ok(!parsed.ok && parsed.errors.some((e) => e.path === 'compute' && /forward-only/.test(e.message)));
});

test('computeCostByTraffic gives each shape at each volume; its value at the scenario volume is the option price', () => {
  const parsed = parseScenario(STEADY);
  assert.ok(parsed.ok);
  const monthly = 3_000 * 730 * 3_600;
  const curves = computeCostByTraffic(parsed.scenario, [monthly / 100, monthly, monthly * 2]);
  const d = design(STEADY);
  for (const o of d.compute.options) {
    const curve = curves.find((x) => x.kind === o.kind);
    assert.ok(curve, o.kind);
    assert.equal(curve.feasible, o.feasible);
    if (o.monthlyUsd === null) assert.equal(curve.usd, null);
    else assert.ok(Math.abs((curve.usd?.[1] ?? NaN) - o.monthlyUsd) < 1e-6 * o.monthlyUsd + 1e-9, `${o.kind}: ${curve.usd?.[1]} vs ${o.monthlyUsd}`);
  }
  // Managed Instances keep their three-instance floor at a hundredth of the traffic; on-demand falls with it.
  const lmi = curves.find((x) => x.kind === 'managed-instances')?.usd;
  const od = curves.find((x) => x.kind === 'on-demand')?.usd;
  assert.ok(lmi && od);
  assert.ok((od[0] as number) < (lmi[0] as number), 'on demand is cheaper at low volume');
  assert.ok((lmi[1] as number) < (od[1] as number), 'Managed Instances are cheaper at the steady volume');
});

test('outside us-east-1 the shapes without a sourced price are null and say so; they are never recommended by comparison', () => {
  const d = design({ ...STEADY, region: 'eu-west-1' });
  const lmi = option(d, 'managed-instances');
  assert.equal(lmi.monthlyUsd, null);
  assert.match(lmi.why, /Not priced/);
  assert.equal(d.compute.recommended, 'on-demand');
});

test('the design is made for the chosen shape: Managed Instances size environments, attach a VPC and bill instances, not GB-seconds', () => {
  const d = design(STEADY);
  const m = d.compute.managedInstances;
  assert.ok(m);
  assert.equal(d.memoryMb, m.environmentMemoryMb, 'MemorySize is one execution environment');
  assert.equal(d.architecture, 'arm64', 'Graviton instance types');
  assert.equal(d.vpc.attach, true, 'Managed Instances run in a VPC');
  assert.equal(d.concurrency.provisioned, null);
  assert.equal(d.coldStart.strategy, 'none-needed');
  assert.deepEqual(d.memoryOptions, []);
  const ids = d.cost.lines.map((l) => l.id);
  assert.ok(ids.includes('lmi-instances') && ids.includes('lmi-management-fee') && ids.includes('lambda-requests'));
  assert.ok(!ids.includes('lambda-compute'), 'no per-GB-second duration charge');
  assert.equal(d.cost.total, option(d, 'managed-instances').monthlyUsd);
  assert.match(d.rationale.memory.why, /execution environments/);
});

test('on Managed Instances an event-source worker may time out after 900 s (up to 5,400 s); a synchronous one may not', () => {
  const worker = design({
    name: 'long-worker',
    source: 'sqs',
    compute: 'managed-instances',
    traffic: { averagePerSecond: 1 },
    work: { averageDurationMs: 1_200_000, p99DurationMs: 1_500_000, measuredAtMemoryMb: 2_048, profile: 'io' },
  });
  assert.equal(worker.warnings.some((w) => w.severity === 'error'), false, worker.warnings.map((w) => w.message).join('\n'));
  assert.ok(worker.timeoutSeconds > 900 && worker.timeoutSeconds <= 5_400, `timeout ${worker.timeoutSeconds}`);
  // SQS visibility stays at least 6 × the timeout, within the queue's 12 hours.
  assert.ok((worker.errorHandling.queue?.visibilityTimeoutSeconds ?? 0) >= 6 * worker.timeoutSeconds);
  const api = design({ ...STEADY, compute: 'managed-instances', work: { averageDurationMs: 60_000, p99DurationMs: 120_000, measuredAtMemoryMb: 1_024 } });
  assert.ok(api.timeoutSeconds <= 30, `behind an HTTP API the timeout stays within its 30 s: ${api.timeoutSeconds}`);
  assert.ok(api.warnings.some((w) => w.id === 'compute-infeasible'));
});

test('Managed Instances run Java 21+, Python 3.13+, Node.js 22+ and .NET 8+ only', () => {
  assert.equal(option(design({ ...STEADY, runtime: 'python3.12' }), 'managed-instances').feasible, false);
  assert.equal(option(design({ ...STEADY, runtime: 'python3.13' }), 'managed-instances').feasible, true);
  assert.equal(option(design({ ...STEADY, runtime: 'go' }), 'managed-instances').feasible, false);
  assert.equal(option(design({ ...STEADY, runtime: 'nodejs20.x' }), 'managed-instances').feasible, false);
  assert.equal(option(design({ ...STEADY, runtime: 'java21' }), 'managed-instances').feasible, true);
});

test('a durable-functions design times out each invocation within 900 s and bills its durable operations', () => {
  const d = design(NIGHTLY);
  assert.equal(d.compute.recommended, 'durable-functions');
  assert.ok(d.timeoutSeconds <= 900);
  assert.equal(d.warnings.some((w) => w.id === 'timeout-capped'), false, 'the 900 s cap no longer applies to the whole job');
  assert.ok(d.cost.lines.some((l) => l.id === 'durable-operations'));
  assert.equal(d.compute.workflow?.retentionDays, 14);
  assert.equal(d.cost.total, option(d, 'durable-functions').monthlyUsd);
  // Pinned to Step Functions Standard: its transitions are billed instead.
  const sfn = design({ ...NIGHTLY, compute: 'step-functions-standard', work: { ...(NIGHTLY.work as object), steps: 3 } } as ScenarioInput);
  assert.equal(sfn.compute.workflow?.steps, 3);
  assert.ok(sfn.cost.lines.some((l) => l.id === 'sfn-transitions'));
  assert.ok(sfn.timeoutSeconds <= 900);
});

test('a budget tips a near tie: Managed Instances less than 5% cheaper stay unchosen, unless on demand exceeds the budget and they do not', () => {
  const near: ScenarioInput = { ...STEADY, work: { averageDurationMs: 30, p99DurationMs: 60, measuredAtMemoryMb: 1_024, profile: 'io', maxMemoryUsedMb: 200 } };
  const free = design(near);
  const lmi = option(free, 'managed-instances').monthlyUsd as number;
  const od = option(free, 'on-demand').monthlyUsd as number;
  assert.ok(lmi < od && lmi > od * 0.95, `a near tie: ${lmi} vs ${od}`);
  assert.equal(free.compute.recommended, 'on-demand');
  const budget = (lmi + od) / 2;
  const tight = design({ ...near, budget: { monthlyUsd: budget } });
  assert.equal(tight.compute.recommended, 'managed-instances');
  assert.match(tight.rationale.compute.why, /budget/);
});

test('an ALB or a function URL cannot start a workflow; the CLI text shows the compute decision first, every shape priced', async () => {
  const alb = design({ ...SPIKY, source: 'alb' });
  assert.equal(option(alb, 'step-functions-express').feasible, false);
  assert.match(option(alb, 'step-functions-express').why, /can only invoke a function/);
  const { formatDesign } = await import('../../src/cli/format.ts');
  const text = formatDesign(design(STEADY));
  const lines = text.split('\n');
  assert.match(lines[2] ?? '', /^Compute: managed-instances, \$[\d,]+\.\d\d a month$/);
  assert.ok(text.indexOf('Compute:') < text.indexOf('Warnings'), 'the compute decision comes first');
  assert.match(text, /\n {2}\* managed-instances: \$[\d,]+\.\d\d\/month\n/);
  assert.match(text, /\n {4}on-demand: \$[\d,]+\.\d\d\/month\n/);
  assert.match(text, /instances: 8 × c7g\.4xlarge at the average load, 11 at the peak/);
});
