/**
 * Scaffolding follows the design's compute shape (issue 11): Lambda Managed Instances, durable
 * functions, Step Functions Standard and Express. Each shape × language is generated once into
 * test-output/ and checked by the real tools, each run ONCE (2 cores): cfn-lint over every SAM
 * template (with a broken control template it must reject), tsc over the TypeScript handlers and their
 * tests, python3 -m py_compile over the Python ones. Structural tests (one per shape) fail if the
 * element the shape needs went missing.
 *
 * cfn-lint 1.51's resource spec predates Lambda Managed Instances' longer timeout: it reports E3034
 * ("greater than the maximum of 900") on the Timeout of a function with CapacityProviderConfig, which
 * AWS allows up to 90 minutes for asynchronous and event-source invocations (issue 11; newer cfn-lint
 * versions accept it). That exact finding, on that property of such a function, is the only one ignored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Design } from '../../src/engine/design.ts';
import { scaffold, ScaffoldError, type ScaffoldFile, type ScaffoldOptions } from '../../src/engine/scaffold/index.ts';
import { LIMITS } from '../../src/engine/facts/index.ts';
import { lintTemplate } from '../../src/engine/templates/index.ts';
import { computeDesign, MANAGED_INSTANCES, SHAPES, WORKFLOW } from '../fixtures/scaffold/compute-designs.ts';
import { designFor, SOURCES_LIST } from '../fixtures/scaffold/designs.ts';
import { parse as parseHcl } from '@cdktf/hcl2json';

const projectRoot = join(__dirname, '..', '..');
const out = join(projectRoot, 'test-output', `scaffold-compute-${process.pid}`);
const durableTypes = join(__dirname, '..', 'fixtures', 'scaffold', 'durable-execution-sdk-js.d.ts');
const LANGS = ['typescript', 'python'] as const;

interface Project {
  readonly dir: string;
  readonly design: Design;
  readonly options: ScaffoldOptions;
  readonly files: ScaffoldFile[];
}
const projects: Project[] = [];

/** A 40-minute job on Managed Instances from an SQS queue: a Timeout above 900 s that AWS allows there. */
function longManagedInstancesJob(): Design {
  const d = computeDesign('managed-instances', 'sqs');
  const timeoutSeconds = 2400;
  return { ...d, name: 'lmi-long-job', timeoutSeconds, errorHandling: { ...d.errorHandling, queue: { ...d.errorHandling.queue!, visibilityTimeoutSeconds: timeoutSeconds * 6 + (d.batching?.maximumBatchingWindowSeconds ?? 0) } } };
}

function add(dir: string, design: Design, options: ScaffoldOptions): void {
  const files = scaffold(design, options);
  for (const f of files) {
    const p = join(out, dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  projects.push({ dir, design, options, files });
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: out, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed template is walked freely; each value is asserted
type Loose = any;
type Template = { Parameters?: Record<string, unknown>; Resources: Record<string, { Type: string; Properties: Record<string, Loose> }>; Outputs?: Record<string, unknown> };
const template = (p: Project): Template => parse(p.files.find((f) => f.path === 'template.yaml')!.contents) as Template;
const project = (dir: string): Project => projects.find((p) => p.dir === dir)!;
const fileOf = (p: Project, path: string): string => p.files.find((f) => f.path === path)?.contents ?? assert.fail(`${p.dir}: ${path} was generated`);

before(() => {
  rmSync(out, { recursive: true, force: true });
  for (const kind of SHAPES) for (const language of LANGS) add(`${kind}-sam-${language}`, computeDesign(kind), { iac: 'sam', language });
  add('lmi-long-job-sam-typescript', longManagedInstancesJob(), { iac: 'sam', language: 'typescript' });
  add('durable-sqs-sam-python', computeDesign('durable-functions', 'sqs'), { iac: 'sam', language: 'python' });
  for (const kind of SHAPES) add(`${kind}-cdk-typescript`, computeDesign(kind), { iac: 'cdk', language: 'typescript' });
  add('durable-functions-cdk-python', computeDesign('durable-functions'), { iac: 'cdk', language: 'python' });
  for (const kind of SHAPES) for (const language of LANGS) add(`${kind}-terraform-${language}`, computeDesign(kind), { iac: 'terraform', language });
  for (const source of SOURCES_LIST) for (const language of LANGS) add(`durable-key-${source}-${language}`, computeDesign('durable-functions', source), { iac: 'sam', language });
  mkdirSync(join(out, 'control-broken'), { recursive: true });
  writeFileSync(
    join(out, 'control-broken/template.yaml'),
    'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs24.x\n      Handler: h.h\n      CodeUri: ./\n      DurableConfig:\n        ExecutionTimeout: 99999999999\n',
  );
});

after(() => {
  if (!process.env.KEEP_SCAFFOLD_OUTPUT) rmSync(out, { recursive: true, force: true });
});

test('Managed Instances: a capacity provider in the VPC with its operator role, CapacityProviderConfig on the function, no provisioned concurrency or SnapStart', () => {
  for (const language of LANGS) {
    const p = project(`managed-instances-sam-${language}`);
    const t = template(p);
    const cp = t.Resources.CapacityProvider!;
    assert.equal(cp.Type, 'AWS::Serverless::CapacityProvider');
    assert.deepEqual(cp.Properties.InstanceRequirements, { Architectures: ['arm64'], AllowedTypes: [MANAGED_INSTANCES.instanceType] });
    assert.deepEqual(cp.Properties.ScalingConfig, { MaxVCpuCount: MANAGED_INSTANCES.maxVCpuCount });
    assert.ok(cp.Properties.VpcConfig.SubnetIds, 'the instances run in the subnets given');
    assert.equal(t.Resources.CapacityProviderSecurityGroup?.Type, 'AWS::EC2::SecurityGroup');
    assert.equal(t.Resources.CapacityProviderSecurityGroup?.Properties.SecurityGroupIngress, undefined, 'nothing may connect to the instances');
    const role = t.Resources.OperatorRole!;
    assert.equal(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service, 'lambda.amazonaws.com');
    assert.equal(role.Properties.ManagedPolicyArns.length, 1, 'the operator role has only the documented minimum');
    assert.match(JSON.stringify(role.Properties.ManagedPolicyArns), /AWSLambdaManagedEC2ResourceOperator/);
    const fn = t.Resources.Function!.Properties;
    assert.equal(fn.MemorySize, MANAGED_INSTANCES.environmentMemoryMb, 'MemorySize is one execution environment');
    assert.equal(fn.CapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu, MANAGED_INSTANCES.memoryGiBPerVCpu);
    assert.equal(fn.CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency, MANAGED_INSTANCES.perEnvironmentMaxConcurrency);
    for (const absent of ['ProvisionedConcurrencyConfig', 'SnapStart', 'VpcConfig']) assert.equal(fn[absent], undefined, `${p.dir}: no ${absent} on a Managed Instances function`);
    assert.match(fileOf(p, 'README.md'), /Managed Instances[\s\S]*private subnets in 3 Availability Zones/);
  }
});

test('Managed Instances: provisioned concurrency and SnapStart in the design are not written (the instances are already running)', () => {
  const d = computeDesign('managed-instances', 'api-gateway-rest');
  const snap = { ...d, runtime: 'python3.13', runtimeIdentifier: 'python3.13', runtimeFamily: 'python', coldStart: { strategy: 'snapstart', expectedInitMs: 300 } } as Design;
  const t = parse(scaffold(snap, { iac: 'sam', language: 'python' }).find((f) => f.path === 'template.yaml')!.contents) as Template;
  assert.equal(t.Resources.Function!.Properties.SnapStart, undefined);
  const pc = parse(scaffold({ ...d, concurrency: { ...d.concurrency, reserved: 10, provisioned: 5 } }, { iac: 'sam', language: 'typescript' }).find((f) => f.path === 'template.yaml')!.contents) as Template;
  assert.equal(pc.Resources.Function!.Properties.ProvisionedConcurrencyConfig, undefined);
  assert.equal(pc.Resources.Function!.Properties.ReservedConcurrentExecutions, 10, 'the reserved concurrency (a ceiling) is kept');
});

test('durable functions: DurableConfig from the workflow plan, and a handler written with the durable execution SDK whose steps are keyed', () => {
  for (const language of LANGS) {
    const p = project(`durable-functions-sam-${language}`);
    const fn = template(p).Resources.Function!.Properties;
    assert.deepEqual(fn.DurableConfig, { ExecutionTimeout: WORKFLOW.durable.executionTimeoutSeconds, RetentionPeriodInDays: WORKFLOW.durable.retentionDays });
    assert.ok(fn.Timeout <= LIMITS.timeoutMaxSeconds.value, 'each invocation stays within the classic timeout');
    assert.ok(fn.AutoPublishAlias, 'durable functions are invoked through a qualified ARN (the alias)');
    const handler = fileOf(p, language === 'typescript' ? 'src/handler.ts' : 'src/handler.py');
    if (language === 'typescript') {
      assert.match(handler, /from '@aws\/durable-execution-sdk-js'/);
      assert.match(handler, /withDurableExecution\(/);
      assert.match(handler, /context\.step\(name, async \(\) => work\(\{ runKey: key, part, of: STEPS \}, `\$\{key\}:\$\{name\}`\)\)/);
      assert.match(handler, /export const STEPS = 3;/);
      assert.match(fileOf(p, 'package.json'), /"@aws\/durable-execution-sdk-js"/);
    } else {
      assert.match(handler, /from aws_durable_execution_sdk_python import/);
      assert.match(handler, /@durable_execution\ndef lambda_handler/);
      assert.match(handler, /@durable_step/);
      assert.match(handler, /f"\{key\}:part-\{part\}"/);
      assert.match(fileOf(p, 'src/requirements.txt'), /aws-durable-execution-sdk-python/);
    }
  }
});

test('durable functions: the checkpoint permissions come with the role SAM makes for DurableConfig', () => {
  const p = project('durable-functions-sam-typescript');
  // SAM attaches AWSLambdaBasicDurableExecutionRolePolicy to the role it makes for a function with DurableConfig.
  assert.equal(template(p).Resources.Function!.Properties.Role, undefined, 'SAM makes the role');
  assert.match(fileOf(p, 'README.md'), /lambda:CheckpointDurableExecution, lambda:GetDurableExecutionState/);
});

test('Step Functions: the function is a Task with Retry on Lambda service errors and a Catch to a Fail state; the role may invoke only the alias', () => {
  for (const [kind, type] of [['step-functions-standard', 'STANDARD'], ['step-functions-express', 'EXPRESS']] as const) {
    for (const language of LANGS) {
      const p = project(`${kind}-sam-${language}`);
      const t = template(p);
      const sm = t.Resources.StateMachine!;
      assert.equal(sm.Type, 'AWS::Serverless::StateMachine');
      assert.equal(sm.Properties.Type, type);
      const def = sm.Properties.Definition;
      const plan = kind === 'step-functions-express' ? WORKFLOW.express : WORKFLOW.standard;
      assert.equal(def.TimeoutSeconds, plan.executionTimeoutSeconds);
      const tasks = Object.values(def.States as Record<string, Loose>).filter((s) => s.Type === 'Task');
      assert.equal(tasks.length, plan.steps);
      for (const task of tasks) {
        assert.equal(task.Resource, 'arn:aws:states:::lambda:invoke');
        assert.equal(task.Parameters.FunctionName, '${FunctionArn}');
        const retried = task.Retry[0].ErrorEquals as string[];
        for (const e of ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException']) assert.ok(retried.includes(e), `${p.dir}: retries ${e}`);
        assert.ok(task.Retry[0].BackoffRate > 1, 'with backoff');
        assert.equal(def.States[task.Catch[0].Next].Type, 'Fail');
      }
      assert.match(fileOf(p, 'template.yaml'), /DefinitionSubstitutions:\n\s+FunctionArn: !Ref Function\.Alias\n/, 'the tasks invoke the alias');
      const invoke = sm.Properties.Policies[0].Statement[0];
      assert.deepEqual(invoke.Action, ['lambda:InvokeFunction']);
      assert.equal(JSON.stringify(invoke.Resource), JSON.stringify(sm.Properties.DefinitionSubstitutions.FunctionArn), 'only the alias the tasks invoke');
      assert.equal(sm.Properties.Logging !== undefined, type === 'EXPRESS', 'Express logs its executions to CloudWatch Logs');
      // The function is invoked by the state machine only: no event source of its own.
      assert.equal(t.Resources.Function!.Properties.Events, undefined);
      assert.match(fileOf(p, 'README.md'), new RegExp(`Not scaffolded: starting executions from the ${p.design.source} source`));
    }
  }
});

test('direct integration: no function is scaffolded, and the message says what to build instead', () => {
  assert.throws(
    () => scaffold(computeDesign('direct-integration'), { iac: 'sam', language: 'typescript' }),
    (e: unknown) => e instanceof ScaffoldError && e.field === 'compute.recommended' && /needs no function/.test(e.message) && /pin "compute"/.test(e.message),
  );
});

test('direct integration is refused in every dialect and language (never a function nobody needs)', () => {
  for (const iac of ['sam', 'cdk', 'terraform'] as const) {
    for (const language of LANGS) {
      assert.throws(() => scaffold(computeDesign('direct-integration'), { iac, language }), (e: unknown) => e instanceof ScaffoldError && e.field === 'compute.recommended');
    }
  }
});

test('a design without a compute decision, or with on-demand, scaffolds exactly as before', () => {
  const d = designFor('sqs');
  const { compute: _, ...bare } = d;
  const before = bare as unknown as Design; // a design JSON written before issue 11 has no compute decision
  for (const iac of ['sam', 'cdk', 'terraform'] as const) assert.deepEqual(scaffold(d, { iac, language: 'typescript' }), scaffold(before, { iac, language: 'typescript' }));
});

test('a pinned shape that cannot run the work is not scaffolded (the message says why)', () => {
  const express = computeDesign('step-functions-express');
  const c = (express as Design & { compute: { options: Array<{ kind: string; feasible: boolean; why: string }> } }).compute;
  const infeasible = { ...express, compute: { ...c, options: c.options.map((o) => (o.kind === 'step-functions-express' ? { ...o, feasible: false, why: 'an Express execution lasts at most 5 minutes.' } : o)) } } as Design;
  assert.throws(
    () => scaffold(infeasible, { iac: 'sam', language: 'typescript' }),
    (e: unknown) => e instanceof ScaffoldError && e.field === 'compute.recommended' && /cannot run this work: an Express execution lasts at most 5 minutes/.test(e.message),
  );
});

test('a durable execution longer than 15 minutes behind a source that waits for it is refused (it would stop at 900 s)', () => {
  const sqs = computeDesign('durable-functions', 'sqs');
  const c = (sqs as Design & { compute: { workflow: object } }).compute;
  const long = { ...sqs, compute: { ...c, workflow: { ...c.workflow, executionTimeoutSeconds: 3_600 } } } as Design;
  assert.throws(
    () => scaffold(long, { iac: 'sam', language: 'python' }),
    (e: unknown) => e instanceof ScaffoldError && e.field === 'compute.workflow.executionTimeoutSeconds' && /start long executions asynchronously/.test(e.message),
  );
  scaffold(sqs, { iac: 'sam', language: 'python' }); // within 900 s: scaffolded
});

test('an incomplete compute plan is refused with the field named', () => {
  const lmi = computeDesign('managed-instances');
  const noPlan = { ...lmi, compute: { ...(lmi as Design & { compute: object }).compute, managedInstances: null } } as Design;
  assert.throws(() => scaffold(noPlan, { iac: 'sam', language: 'typescript' }), (e: unknown) => e instanceof ScaffoldError && e.field === 'compute.managedInstances');
  const durable = computeDesign('durable-functions');
  const tooLong = { ...durable, timeoutSeconds: LIMITS.timeoutMaxSeconds.value + 1 };
  assert.throws(() => scaffold(tooLong, { iac: 'sam', language: 'python' }), (e: unknown) => e instanceof ScaffoldError && e.field === 'timeoutSeconds');
});

const cdkProjects = () => projects.filter((p) => p.options.iac === 'cdk');
type Synth = { Resources: Record<string, { Type: string; Properties?: Record<string, Loose>; DependsOn?: string[] }> };
const synthesised = (p: Project): Synth => JSON.parse(readFileSync(join(out, 'cdk.out', `${p.dir}.template.json`), 'utf8')) as Synth;
const ofType = (t: Synth, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

test('the CDK apps synthesise offline, each with the element its shape needs', () => {
  const dirs = cdkProjects().map((p) => p.dir);
  writeFileSync(
    join(out, 'synth.mts'),
    `import { App } from 'aws-cdk-lib';
const app = new App({ outdir: 'cdk.out', context: { 'aws:cdk:bundling-stacks': [] } });
for (const dir of ${JSON.stringify(dirs)}) {
  const { AppStack } = await import('./' + dir + '/lib/stack.ts');
  new AppStack(app, dir);
}
app.synth();
`,
  );
  const env = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'synth.mts'], { cwd: out, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `cdk synth failed:\n${(r.stderr ?? '').slice(-4000)}`);
  const fnOf = (t: Synth) => ofType(t, 'AWS::Lambda::Function').map(([, x]) => x).find((x) => x.Properties?.Handler !== undefined && String(x.Properties?.Description ?? '').length > 0)!;

  const lmi = synthesised(project('managed-instances-cdk-typescript'));
  const cp = ofType(lmi, 'AWS::Lambda::CapacityProvider')[0]![1] as { Properties: Record<string, Loose> };
  assert.deepEqual(cp.Properties.InstanceRequirements, { Architectures: ['arm64'], AllowedInstanceTypes: [MANAGED_INSTANCES.instanceType] });
  assert.equal(cp.Properties.CapacityProviderScalingConfig.MaxVCpuCount, MANAGED_INSTANCES.maxVCpuCount);
  const lmiFn = fnOf(lmi).Properties!;
  assert.equal(lmiFn.MemorySize, MANAGED_INSTANCES.environmentMemoryMb);
  assert.equal(lmiFn.CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency, MANAGED_INSTANCES.perEnvironmentMaxConcurrency);
  assert.equal(lmiFn.VpcConfig, undefined);
  assert.equal(ofType(lmi, 'AWS::Lambda::Alias')[0]![1].Properties?.ProvisionedConcurrencyConfig, undefined);
  assert.match(JSON.stringify(ofType(lmi, 'AWS::IAM::Role')), /AWSLambdaManagedEC2ResourceOperator/);

  for (const dir of ['durable-functions-cdk-typescript', 'durable-functions-cdk-python']) {
    const durable = synthesised(project(dir));
    assert.deepEqual(fnOf(durable).Properties!.DurableConfig, { ExecutionTimeout: WORKFLOW.durable.executionTimeoutSeconds, RetentionPeriodInDays: WORKFLOW.durable.retentionDays }, dir);
    assert.match(JSON.stringify(ofType(durable, 'AWS::IAM::Role')), /AWSLambdaBasicDurableExecutionRolePolicy/, `${dir}: the checkpoint permissions`);
  }

  for (const [kind, type] of [['step-functions-standard', 'STANDARD'], ['step-functions-express', 'EXPRESS']] as const) {
    const t = synthesised(project(`${kind}-cdk-typescript`));
    const sm = ofType(t, 'AWS::StepFunctions::StateMachine')[0]![1] as { Properties: Record<string, Loose> };
    assert.equal(sm.Properties.StateMachineType, type);
    const def = JSON.parse(sm.Properties.DefinitionString) as Loose;
    const plan = kind === 'step-functions-express' ? WORKFLOW.express : WORKFLOW.standard;
    assert.equal(def.TimeoutSeconds, plan.executionTimeoutSeconds);
    const tasks = Object.values(def.States as Record<string, Loose>).filter((x) => x.Type === 'Task');
    assert.equal(tasks.length, plan.steps);
    assert.ok(tasks.every((x) => x.Retry[0].ErrorEquals.includes('Lambda.TooManyRequestsException') && def.States[x.Catch[0].Next].Type === 'Fail'));
    const aliasId = ofType(t, 'AWS::Lambda::Alias')[0]![0];
    assert.deepEqual(sm.Properties.DefinitionSubstitutions, { FunctionArn: { Ref: aliasId } }, 'the tasks invoke the alias');
    const invoke = ofType(t, 'AWS::IAM::Policy').flatMap(([, x]) => x.Properties!.PolicyDocument.Statement as Loose[]).filter((st) => JSON.stringify(st.Action).includes('lambda:InvokeFunction'));
    assert.deepEqual(invoke.map((st) => st.Resource), [{ Ref: aliasId }], 'the role may invoke only the alias');
    assert.equal(sm.Properties.LoggingConfiguration !== undefined, type === 'EXPRESS');
  }
});

test('every compute-shape SAM template and synthesised CDK template passes cfn-lint (one run); only E3034 on a Managed Instances Timeout above 900 s is ignored', () => {
  const probe = run('cfn-lint', ['--version']);
  if (probe.error || probe.status !== 0) assert.fail('cfn-lint is not on PATH: the scaffolded templates cannot be checked. Install it (pip install cfn-lint) and run the tests again.');
  const sam = projects.filter((p) => p.options.iac === 'sam').map((p) => `${p.dir}/template.yaml`);
  const cdk = cdkProjects().map((p) => `cdk.out/${p.dir}.template.json`);
  for (const f of cdk) assert.ok(existsSync(join(out, f)), `${f} was synthesised (the CDK synth test runs first)`);
  const r = run('cfn-lint', ['--format', 'json', '--', ...sam, ...cdk, 'control-broken/template.yaml']);
  type Finding = { Level: string; Filename: string; Message: string; Rule: { Id: string }; Location: { Start: { LineNumber: number }; Path: Array<string | number> } };
  let findings: Finding[];
  try {
    findings = JSON.parse(r.stdout) as Finding[];
  } catch {
    assert.fail(`cfn-lint did not produce JSON (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
  }
  const errors = findings.filter((f) => f.Level === 'Error');
  assert.ok(errors.some((f) => f.Filename.includes('control-broken')), 'cfn-lint flags the deliberately broken control template (the linter really ran)');
  const lmiTimeout = (f: Finding): boolean => {
    if (f.Rule.Id !== 'E3034' || f.Location.Path.join('/') !== 'Resources/Function/Properties/Timeout') return false;
    const p = projects.find((x) => f.Filename.startsWith(`${x.dir}/`));
    return p !== undefined && template(p).Resources.Function!.Properties.CapacityProviderConfig !== undefined;
  };
  const ignored = errors.filter(lmiTimeout);
  assert.deepEqual(ignored.map((f) => f.Filename), ['lmi-long-job-sam-typescript/template.yaml'], 'the one finding ignored is the known stale E3034, on the long Managed Instances job');
  const real = errors.filter((f) => !f.Filename.includes('control-broken') && !lmiTimeout(f));
  assert.deepEqual(real.map((f) => `${f.Filename}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`), [], 'no cfn-lint errors in generated templates');
});

test('the TypeScript handlers, their tests and the CDK apps type-check (the durable one against the SDK declaration transcribed in test/fixtures)', () => {
  const ts = projects.filter((p) => p.options.language === 'typescript' || p.options.iac === 'cdk');
  const own = JSON.parse(fileOf(ts[0]!, 'tsconfig.json')) as { compilerOptions: object };
  const include = [...ts.flatMap((p) => [`${p.dir}/src/**/*.ts`, `${p.dir}/test/**/*.ts`, `${p.dir}/bin/**/*.ts`, `${p.dir}/lib/**/*.ts`]), durableTypes];
  writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({ compilerOptions: own.compilerOptions, include }, null, 2));
  const check = run(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--listFiles']);
  const listed = check.stdout.split('\n').filter((l) => l.startsWith(out));
  assert.ok(listed.some((l) => l.endsWith('durable-functions-sam-typescript/src/handler.ts')), 'tsc sees the durable handler');
  assert.equal(check.status, 0, `tsc found errors in generated code:\n${check.stdout.split('\n').filter((l) => l.includes('error TS')).slice(0, 40).join('\n')}`);
});

test('the Python handlers and their tests compile (python3 -m py_compile)', () => {
  const files = projects.filter((p) => p.options.language === 'python').flatMap((p) => [`${p.dir}/src/handler.py`, `${p.dir}/tests/test_handler.py`]);
  assert.ok(files.length >= 8);
  const r = run('python3', ['-m', 'py_compile', ...files]);
  assert.equal(r.status, 0, `py_compile failed:\n${r.stderr.slice(0, 4000)}`);
});

test('the generated durable TypeScript test passes: each part once, a replay runs none again', () => {
  const dir = 'durable-functions-sam-typescript';
  // The SDK is only imported for its types by the test; the handler module is loaded with a stub of the SDK.
  const stub = join(out, dir, 'node_modules/@aws/durable-execution-sdk-js');
  mkdirSync(stub, { recursive: true });
  writeFileSync(join(stub, 'package.json'), JSON.stringify({ name: '@aws/durable-execution-sdk-js', type: 'module', exports: './index.js' }));
  writeFileSync(join(stub, 'index.js'), 'export const withDurableExecution = (handler) => handler;\n');
  // test-output/ is inside the project: tsx and @types resolve from its node_modules.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // a child test run reports on stdout only outside the parent's runner
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', 'test/handler.test.ts'], { cwd: join(out, dir), encoding: 'utf8', env });
  assert.equal(r.status, 0, `the generated test failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  assert.match(r.stdout, /# pass 1/);
});

type Hcl = { resource?: Record<string, Record<string, Array<Record<string, Loose>>>>; variable?: Record<string, unknown>; output?: Record<string, unknown>; terraform?: Array<Record<string, Loose>> };

async function hclOf(p: Project): Promise<Hcl> {
  const parsed: Hcl = {};
  for (const f of ['main.tf', 'variables.tf', 'outputs.tf']) {
    const h = (await parseHcl(f, fileOf(p, f))) as Hcl;
    Object.assign(parsed, { ...parsed, ...h, resource: { ...parsed.resource, ...h.resource } });
  }
  return parsed;
}

test('Terraform: each shape writes its resources (capacity provider, durable_config, state machine), with a provider that has them', async () => {
  for (const language of LANGS) {
    const one = (h: Hcl, type: string, name: string) => h.resource?.[type]?.[name]?.[0] ?? assert.fail(`${language}: resource ${type}.${name}`);
    const lmi = await hclOf(project(`managed-instances-terraform-${language}`));
    const cp = one(lmi, 'aws_lambda_capacity_provider', 'function');
    assert.deepEqual(cp.instance_requirements[0].allowed_instance_types, [MANAGED_INSTANCES.instanceType]);
    assert.equal(cp.capacity_provider_scaling_config[0].max_vcpu_count, MANAGED_INSTANCES.maxVCpuCount);
    assert.match(String(cp.permissions_config[0].capacity_provider_operator_role_arn), /aws_iam_role\.operator\.arn/);
    assert.match(String(one(lmi, 'aws_iam_role_policy_attachment', 'operator').policy_arn), /AWSLambdaManagedEC2ResourceOperator/);
    const lmiFn = one(lmi, 'aws_lambda_function', 'function');
    assert.equal(lmiFn.memory_size, MANAGED_INSTANCES.environmentMemoryMb);
    assert.equal(lmiFn.capacity_provider_config[0].lambda_managed_instances_capacity_provider_config[0].per_execution_environment_max_concurrency, MANAGED_INSTANCES.perEnvironmentMaxConcurrency);
    assert.equal(lmiFn.vpc_config, undefined);
    assert.equal(lmi.resource?.aws_lambda_provisioned_concurrency_config, undefined);
    assert.match(JSON.stringify(lmi.terraform), />= 6\.25/, 'the AWS provider version that has capacity providers and durable_config');

    const durable = await hclOf(project(`durable-functions-terraform-${language}`));
    assert.deepEqual(one(durable, 'aws_lambda_function', 'function').durable_config, [{ execution_timeout: WORKFLOW.durable.executionTimeoutSeconds, retention_period: WORKFLOW.durable.retentionDays }]);
    const policy = String(one(durable, 'aws_iam_role_policy', 'function').policy);
    assert.match(policy, /lambda:CheckpointDurableExecution/);
    assert.match(policy, /function:\$\{var\.function_name\}:\*/, 'the checkpoint permissions only on this function');

    for (const [kind, type] of [['step-functions-standard', 'STANDARD'], ['step-functions-express', 'EXPRESS']] as const) {
      const h = await hclOf(project(`${kind}-terraform-${language}`));
      const sm = one(h, 'aws_sfn_state_machine', 'workflow');
      assert.equal(sm.type, type);
      const definition = String(sm.definition);
      assert.match(definition, /arn:aws:states:::lambda:invoke/);
      assert.match(definition, /Lambda\.TooManyRequestsException/);
      assert.match(definition, /FunctionName = aws_lambda_alias\.live\.arn\n/, 'the tasks invoke the alias');
      assert.match(String(one(h, 'aws_iam_role_policy', 'state_machine').policy), /aws_lambda_alias\.live\.arn/);
      assert.equal(sm.logging_configuration !== undefined, type === 'EXPRESS');
      assert.equal(h.resource?.aws_lambda_event_source_mapping, undefined);
    }
  }
});

test('Terraform: the compute-shape files are terraform fmt clean (one run, a misformatted control file must be the only one listed)', () => {
  const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) assert.fail('terraform is not on PATH: the scaffolded files cannot be checked.');
  mkdirSync(join(out, 'control-fmt'), { recursive: true });
  writeFileSync(join(out, 'control-fmt', 'main.tf'), 'variable "x" {\ntype=string\n}\n');
  const r = run('terraform', ['fmt', '-check', '-list=true', '-recursive', '.']);
  assert.ok(projects.some((p) => p.options.iac === 'terraform'));
  assert.deepEqual(r.stdout.trim().split('\n'), ['control-fmt/main.tf'], `terraform fmt -check lists only the control file:\n${r.stdout}${r.stderr}`);
});

test("the durable handler keys its side effects on every source's sample event (TypeScript and Python, one run each)", () => {
  // The SDK is stubbed (not installed here): only the event -> run key logic runs.
  const stubJs = join(out, 'node_modules/@aws/durable-execution-sdk-js');
  mkdirSync(stubJs, { recursive: true });
  writeFileSync(join(stubJs, 'package.json'), JSON.stringify({ name: '@aws/durable-execution-sdk-js', type: 'module', exports: './index.js' }));
  writeFileSync(join(stubJs, 'index.js'), 'export const withDurableExecution = (handler) => handler;\n');
  const stubPy = join(out, 'pystub/aws_durable_execution_sdk_python');
  mkdirSync(stubPy, { recursive: true });
  writeFileSync(join(stubPy, '__init__.py'), 'DurableContext = object\nStepContext = object\n\ndef durable_execution(f):\n    return f\n\ndef durable_step(f):\n    return f\n');
  const ts = SOURCES_LIST.map((source) => `durable-key-${source}-typescript`);
  writeFileSync(
    join(out, 'keys.mts'),
    `import { readFileSync } from 'node:fs';\nconst out: Record<string, string> = {};\nfor (const dir of ${JSON.stringify(ts)}) {\n  const { runKey } = await import('./' + dir + '/src/handler.ts');\n  out[dir] = runKey(JSON.parse(readFileSync(dir + '/events/event.json', 'utf8')));\n}\nconsole.log(JSON.stringify(out));\n`,
  );
  const r = run(process.execPath, ['--import', 'tsx', 'keys.mts']);
  assert.equal(r.status, 0, `a TypeScript durable handler found no key:\n${r.stderr.slice(-3000)}`);
  const keys = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, string>;
  for (const dir of ts) assert.ok(keys[dir] !== undefined && keys[dir] !== '', `${dir}: a key`);
  const py = SOURCES_LIST.map((source) => `durable-key-${source}-python`);
  const script = `import importlib.util, json, sys\nsys.path.insert(0, 'pystub')\nout = {}\nfor d in ${JSON.stringify(py)}:\n    spec = importlib.util.spec_from_file_location('h_' + d.replace('-', '_'), d + '/src/handler.py')\n    m = importlib.util.module_from_spec(spec)\n    spec.loader.exec_module(m)\n    out[d] = m.run_key(json.load(open(d + '/events/event.json')))\nprint(json.dumps(out))\n`;
  writeFileSync(join(out, 'keys.py'), script);
  const p = run('python3', ['keys.py']);
  assert.equal(p.status, 0, `a Python durable handler found no key:\n${p.stderr.slice(-3000)}`);
  const pyKeys = JSON.parse(p.stdout.trim()) as Record<string, string>;
  for (const source of SOURCES_LIST) assert.equal(pyKeys[`durable-key-${source}-python`], keys[`durable-key-${source}-typescript`], `${source}: both languages key the same event alike`);
});

test("the advisor's own template rules raise no error or warning on the scaffolded shapes (lambda-advisor lint)", () => {
  const sam = projects.filter((p) => p.options.iac === 'sam' && !p.dir.startsWith('durable-key-'));
  assert.ok(sam.some((p) => p.dir === 'lmi-long-job-sam-typescript'), 'including a Managed Instances function with a timeout above 900 s');
  for (const p of sam) {
    const r = lintTemplate(fileOf(p, 'template.yaml'));
    assert.equal(r.isTemplate, true);
    assert.deepEqual(r.parseErrors, [], p.dir);
    assert.deepEqual(r.ruleErrors, [], p.dir);
    assert.deepEqual(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}: ${f.message}`), [], `${p.dir}: no false finding`);
  }
});
