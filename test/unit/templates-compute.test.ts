/**
 * Issue 11, templates: the rules know Lambda Managed Instances (CapacityProviderConfig: timeouts up to 5,400 s for
 * asynchronous and event-source invocations, environments of at least 2 GiB, no provisioned concurrency or
 * SnapStart) and durable functions (DurableConfig), and raise no error on a valid template of either.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../src/engine/templates/lint.ts';
import { applyEdits } from '../../src/engine/templates/edits.ts';
import type { Finding } from '../../src/engine/templates/types.ts';

const FIXTURES = join('test', 'fixtures', 'templates', 'compute');
const fixture = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');

function findings(text: string, only?: string[]): Finding[] {
  const r = lintTemplate(text, 'template.yaml', only === undefined ? {} : { only });
  assert.equal(r.isTemplate, true);
  assert.deepEqual(r.parseErrors, []);
  assert.deepEqual(r.ruleErrors, []);
  return [...r.findings];
}

test('no error on valid Managed Instances (SAM and CloudFormation) and durable-function templates', () => {
  for (const f of ['managed-instances.yaml', 'managed-instances-cfn.json', 'durable-function.yaml']) {
    const errors = findings(fixture(f)).filter((x) => x.severity === 'error');
    assert.deepEqual(errors.map((e) => `${e.ruleId}: ${e.message}`), [], f);
  }
});

const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n";
function lmi(props: string, events = ''): string {
  return `${HEADER}  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      CodeUri: src/
${props}      CapacityProviderConfig:
        Arn: arn:aws:lambda:us-east-1:123456789012:capacity-provider:workers
        ExecutionEnvironmentMemoryGiBPerVCpu: 4
${events}`;
}
const SQS_EVENT = `      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:us-east-1:123456789012:jobs
`;
const API_EVENT = `      Events:
        Get:
          Type: HttpApi
          Properties:
            Path: /
            Method: get
`;

test('LDA602: Timeout 3600 is valid with CapacityProviderConfig, above 5,400 s it is an error there, and above 900 s without it', () => {
  assert.deepEqual(findings(lmi('      MemorySize: 4096\n      Timeout: 3600\n', SQS_EVENT), ['LDA602']), []);
  const over = findings(lmi('      MemorySize: 4096\n      Timeout: 6000\n', SQS_EVENT), ['LDA602']);
  assert.equal(over.length, 1);
  assert.equal(over[0]?.severity, 'error');
  assert.match(over[0]?.message ?? '', /1–5,400 s on Managed Instances/);
  const fixed = applyEdits(lmi('      MemorySize: 4096\n      Timeout: 6000\n', SQS_EVENT), over[0]?.fix?.edits.filter((e) => e !== undefined) ?? []);
  assert.match(fixed, /Timeout: 5400/);
  // The classic function keeps its 900 s limit.
  const classic = findings(`${HEADER}  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs24.x\n      Handler: index.handler\n      CodeUri: src/\n      Timeout: 3600\n`, ['LDA602']);
  assert.equal(classic.length, 1);
  assert.match(classic[0]?.message ?? '', /1–900 s/);
});

test('LDA608: Managed Instances settings Lambda rejects or ignores', () => {
  const small = findings(lmi('      MemorySize: 1024\n'), ['LDA608']);
  assert.equal(small.length, 1);
  assert.equal(small[0]?.severity, 'error');
  assert.match(small[0]?.message ?? '', /at least 2,048 MB/);
  // LDA601 does not also fire on the environment's memory (it may exceed 10,240 MB there).
  assert.deepEqual(findings(lmi('      MemorySize: 16384\n'), ['LDA601', 'LDA608']), []);
  const ratio = findings(lmi('      MemorySize: 4096\n').replace('ExecutionEnvironmentMemoryGiBPerVCpu: 4', 'ExecutionEnvironmentMemoryGiBPerVCpu: 12'), ['LDA608']);
  assert.ok(ratio.some((f) => /2 to 8/.test(f.message)));
  const sync = findings(lmi('      MemorySize: 4096\n      Timeout: 3600\n', API_EVENT), ['LDA608']);
  assert.equal(sync.length, 1);
  assert.equal(sync[0]?.severity, 'warning');
  assert.match(sync[0]?.message ?? '', /stop at 900 s/);
  const pc = findings(lmi('      MemorySize: 4096\n      AutoPublishAlias: live\n      ProvisionedConcurrencyConfig:\n        ProvisionedConcurrentExecutions: 5\n'), ['LDA608']);
  assert.equal(pc.length, 1);
  assert.match(pc[0]?.message ?? '', /ProvisionedConcurrencyConfig does not apply/);
  const cfn = fixture('managed-instances-cfn.json').replace('"ExecutionEnvironmentMemoryGiBPerVCpu": 8', '"ExecutionEnvironmentMemoryGiBPerVCpu": 1');
  assert.ok(findings(cfn, ['LDA608']).some((f) => f.severity === 'error' && /GiB per vCPU/.test(f.message)), 'the CloudFormation form is read too');
});

function durable(config: string, events = ''): string {
  return `${HEADER}  Job:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
      Timeout: 900
      DurableConfig:
${config}${events}`;
}

test('LDA609: DurableConfig needs an ExecutionTimeout within a year and a retention of 1–90 days; long executions need an asynchronous start', () => {
  const missing = findings(durable('        RetentionPeriodInDays: 7\n'), ['LDA609']);
  assert.equal(missing.length, 1);
  assert.match(missing[0]?.message ?? '', /no ExecutionTimeout/);
  const tooLong = findings(durable('        ExecutionTimeout: 40000000\n'), ['LDA609']);
  assert.equal(tooLong[0]?.severity, 'error');
  assert.match(tooLong[0]?.message ?? '', /31,622,400/);
  assert.match(applyEdits(durable('        ExecutionTimeout: 40000000\n'), tooLong[0]?.fix?.edits.filter((e) => e !== undefined) ?? []), /ExecutionTimeout: 31622400/);
  const retention = findings(durable('        ExecutionTimeout: 3600\n        RetentionPeriodInDays: 120\n'), ['LDA609']);
  assert.match(retention[0]?.message ?? '', /1 to 90/);
  const viaQueue = findings(durable('        ExecutionTimeout: 3600\n', SQS_EVENT), ['LDA609']);
  assert.equal(viaQueue.length, 1);
  assert.equal(viaQueue[0]?.severity, 'warning');
  assert.match(viaQueue[0]?.message ?? '', /stop at 900 s/);
  assert.deepEqual(findings(fixture('durable-function.yaml'), ['LDA609']), [], 'a schedule starts it asynchronously: up to a year');
});

test('apply-recommended-values writes values for the shape the function is, and nothing for another shape', async () => {
  const { TemplateSession, applyToFunctions } = await import('../../src/engine/templates/session.ts');
  const text = fixture('managed-instances.yaml');
  const doc = { uri: 'file:///t/template.yaml', version: 1, text };
  // A Managed Instances function gets a Managed Instances design (the template's shape is pinned).
  const session = TemplateSession.open(doc);
  const fn = session.fn('Worker');
  assert.ok(fn);
  const plan = session.applyPlan(fn);
  assert.ok(plan.ok);
  assert.equal(plan.design.compute.recommended, 'managed-instances');
  const m = plan.design.compute.managedInstances;
  assert.ok(m);
  assert.ok(plan.design.memoryMb >= 2_048);
  const after = findings(plan.preview).filter((f) => f.severity === 'error');
  assert.deepEqual(after.map((f) => f.message), [], 'the applied template has no error');
  assert.ok(!plan.result.changes.some((c) => c.property === 'ReservedConcurrentExecutions'));
  // A scenario designed on demand is not written into it (1,769 MB would fail there), and says why.
  const od = applyToFunctions(doc, ['Worker'], {
    name: 'Worker',
    source: 'sqs',
    compute: 'on-demand',
    traffic: { averagePerSecond: 1 },
    work: { averageDurationMs: 100, p99DurationMs: 200, measuredAtMemoryMb: 1_024 },
  });
  assert.ok(od.ok);
  assert.equal(od.text, text);
  assert.ok(od.skipped.some((x) => /runs on Managed Instances/.test(x.reason)));
  // A classic function is never given a Managed Instances design's 5,400 s timeout.
  const classic = `${HEADER}  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs24.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:jobs\n`;
  const lmiScenario = {
    name: 'Fn',
    source: 'sqs',
    compute: 'managed-instances',
    traffic: { averagePerSecond: 1 },
    work: { averageDurationMs: 1_200_000, p99DurationMs: 1_500_000, measuredAtMemoryMb: 2_048, profile: 'io' },
  };
  const r = applyToFunctions({ uri: 'file:///t/classic.yaml', version: 1, text: classic }, ['Fn'], lmiScenario);
  assert.ok(r.ok);
  assert.equal(r.text, classic);
  assert.ok(r.skipped.some((x) => /no CapacityProviderConfig/.test(x.reason)));
});

test('apply on a durable function sets the step timeout and DurableConfig.ExecutionTimeout, valid afterwards', async () => {
  const { applyToFunctions } = await import('../../src/engine/templates/session.ts');
  const text = fixture('durable-function.yaml');
  const r = applyToFunctions({ uri: 'file:///t/durable.yaml', version: 1, text }, ['NightlyJob'], {
    name: 'NightlyJob',
    source: 'schedule',
    runtime: 'nodejs24.x',
    traffic: { requestsPerMonth: 30 },
    work: { averageDurationMs: 40 * 60_000, p99DurationMs: 45 * 60_000, measuredAtMemoryMb: 1_024, profile: 'cpu' },
  });
  assert.ok(r.ok);
  assert.ok(r.changes.some((c) => c.property === 'DurableConfig.ExecutionTimeout'), JSON.stringify(r.changes));
  assert.deepEqual(findings(r.text).filter((f) => f.severity === 'error').map((f) => f.message), []);
});

test('hovers say what Managed Instances and durable settings mean there', async () => {
  const { hoverAt } = await import('../../src/engine/templates/hover.ts');
  const { parseTemplate } = await import('../../src/engine/templates/parse.ts');
  const at = (text: string, needle: string): string => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    const h = hoverAt(parseTemplate(text), i + 1);
    assert.ok(h, needle);
    return h.markdown;
  };
  const lmiText = fixture('managed-instances.yaml');
  assert.match(at(lmiText, 'Timeout: 3600'), /up to 5,400 s for asynchronous and event-source invocations/);
  assert.match(at(lmiText, 'MemorySize: 4096'), /one execution environment/);
  assert.doesNotMatch(at(lmiText, 'MemorySize: 4096'), /1 M invocations of 100 ms/, 'no per-GB-second price on Managed Instances');
  assert.match(at(lmiText, 'CapacityProviderConfig:'), /15% management fee/);
  assert.match(at(lmiText, 'PerExecutionEnvironmentMaxConcurrency'), /1–1,600/);
  const durableText = fixture('durable-function.yaml');
  assert.match(at(durableText, 'ExecutionTimeout: 7200'), /31,622,400/);
  assert.match(at(durableText, 'ExecutionTimeout: 7200'), /2 h/);
  assert.match(at(durableText, 'Timeout: 900'), /whole execution's limit is DurableConfig\.ExecutionTimeout/);
});
