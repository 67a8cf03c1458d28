// design.deployment: how a new version reaches traffic, with the numbers worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, type Design } from '../../src/engine/index.ts';
import { DEPLOYMENT } from '../../src/engine/facts/index.ts';
import { MIN_SAMPLES_PER_STEP } from '../../src/engine/recommend/deployment.ts';

const work = { averageDurationMs: 80, p99DurationMs: 250, measuredAtMemoryMb: 1_024 };

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', work, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}

test('a synchronous API gets a canary through the live alias, rolled back by errors and by p99 against the latency target', () => {
  const d = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 50 }, latency: { targetP99Ms: 400 } });
  // 10% of 50/s for 5 minutes = 1,500 requests on the new version: plenty, so the shortest canary.
  assert.equal(d.deployment.strategy, 'canary');
  assert.equal(d.deployment.type, 'Canary10Percent5Minutes');
  assert.equal(d.deployment.aliasName, 'live');
  const errors = d.deployment.alarms.find((a) => a.id === 'errors');
  const p99 = d.deployment.alarms.find((a) => a.id === 'p99-duration');
  assert.ok(errors && p99);
  assert.equal(errors.metric, 'Errors');
  // 0.1% of 3,000 invocations a minute.
  assert.equal(errors.threshold, 3);
  assert.equal(p99.metric, 'Duration');
  assert.equal(p99.statistic, 'p99');
  assert.equal(p99.threshold, 400);
  assert.match(d.rationale.deployment.why, /Canary10Percent5Minutes/);
  assert.match(d.rationale.deployment.why, /400 ms latency target/);
});

test('the rationale covers the three 2019 methods, the read-only version and a hotfix, and the cost (CodeDeploy free, alarms in the bill)', () => {
  const d = design({ source: 'api-gateway-rest', traffic: { averagePerSecond: 10 } });
  const r = d.rationale.deployment;
  assert.match(r.articleCorrection ?? '', /per-stage aliases/);
  assert.match(r.articleCorrection ?? '', /blue\/green/);
  assert.match(r.articleCorrection ?? '', /whole stack/);
  assert.match(r.tradeOff, /read-only/);
  assert.match(r.tradeOff, /hotfix/);
  assert.match(r.tradeOff, /CodeDeploy costs nothing for Lambda/);
  assert.ok(r.references.some((x) => x.url.includes('codedeploy/pricing')));
  assert.ok(r.references.some((x) => x.url.includes('cloudwatch/pricing')));
  const line = d.cost.lines.find((l) => l.id === 'deployment-alarms');
  assert.ok(line, 'the alarms are a line of the bill');
  assert.equal(line.usd, d.deployment.alarms.length * DEPLOYMENT.standardAlarmPerMonthUsd.value);
  const sum = d.cost.lines.reduce((s, l) => s + l.usd, 0);
  assert.ok(Math.abs(sum - d.cost.total) < 1e-9, 'the total includes the alarms');
});

test('an SQS worker gets a linear shift with an errors alarm only (no caller waits, no latency target)', () => {
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 20 } });
  assert.equal(d.deployment.strategy, 'linear');
  assert.equal(d.deployment.type, 'Linear10PercentEvery1Minute');
  assert.deepEqual(d.deployment.alarms.map((a) => a.id), ['errors']);
  assert.match(d.rationale.deployment.why, /retried/);
});

test('a worker with too little traffic for any step to be judged ships all at once, and says why', () => {
  // 10% of one event every 10 minutes, even over 10 minutes a step, is far below the samples an alarm needs.
  const d = design({ source: 'schedule', traffic: { requestsPerMonth: 4_380 } });
  assert.equal(d.deployment.strategy, 'all-at-once');
  assert.equal(d.deployment.type, undefined);
  assert.match(d.rationale.deployment.why, new RegExp(`fewer than the ${MIN_SAMPLES_PER_STEP}`));
});

test('a low-traffic customer-facing API keeps a gradual shift (the longest canary) and is told to add a PreTraffic hook', () => {
  const d = design({ source: 'function-url', traffic: { averagePerSecond: 0.01 } });
  assert.equal(d.deployment.strategy, 'canary');
  assert.equal(d.deployment.type, 'Canary10Percent30Minutes');
  assert.match(d.rationale.deployment.why, /PreTraffic hook/);
  // Without a target, the p99 alarm is against twice the estimated p99, never above the timeout.
  const p99 = d.deployment.alarms.find((a) => a.id === 'p99-duration');
  assert.ok(p99 && p99.threshold <= d.timeoutSeconds * 1_000);
});

test('outside the Regions the alarm price was read for, the alarms are listed as unpriced, not guessed', () => {
  const d = design({ source: 'api-gateway-http', region: 'eu-west-1', traffic: { averagePerSecond: 5 } });
  const line = d.cost.lines.find((l) => l.id === 'deployment-alarms');
  assert.ok(line);
  assert.equal(line.usd, 0);
  assert.ok(d.cost.unpriced.includes(line.item));
});
