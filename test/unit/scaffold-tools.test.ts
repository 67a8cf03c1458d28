/**
 * Proof that scaffolded projects are real: every source × language × dialect is generated into
 * test-output/, then checked by the real tools, each run ONCE over all projects (2 cores):
 * cfn-lint (SAM templates and the CDK apps' synthesised templates), tsc (TypeScript handlers, tests
 * and CDK apps against the real packages in node_modules), CDK synth (offline, no credentials),
 * python3 -m py_compile, @cdktf/hcl2json (Terraform), and the generated handlers run with tsx.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { advise } from '../../src/engine/index.ts';
import type { Design } from '../../src/engine/design.ts';
import { scaffold, type ScaffoldOptions } from '../../src/engine/scaffold/index.ts';
import { designFor, SOURCES_LIST } from '../fixtures/scaffold/designs.ts';

const projectRoot = join(__dirname, '..', '..');
const out = join(projectRoot, 'test-output', `scaffold-tools-${process.pid}`);
const runHandlers = join(__dirname, '..', 'fixtures', 'scaffold', 'run-handlers.mts');
const IACS = ['sam', 'cdk', 'terraform'] as const;
const LANGS = ['typescript', 'python'] as const;

interface Project {
  dir: string;
  design: Design;
  options: ScaffoldOptions;
}
const projects: Project[] = [];

function write(dir: string, design: Design, options: ScaffoldOptions): void {
  for (const f of scaffold(design, options)) {
    const p = join(out, dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  projects.push({ dir, design, options });
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? out, env: { ...process.env, ...opts.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Scenario used to get recommend()'s designs for every source. */
function recommendedDesigns(): Design[] {
  const base = JSON.parse(readFileSync(join(projectRoot, 'examples/scenarios/api-backend.json'), 'utf8')) as Record<string, unknown>;
  const designs: Design[] = [];
  for (const source of SOURCES_LIST) {
    const traffic = { ...(base.traffic as object), ...(source === 'kinesis' || source === 'dynamodb-streams' ? { shards: 2 } : {}) };
    const r = advise({ ...base, name: `rec-${source}`, source, traffic });
    assert.ok(r.ok, `the example scenario with source ${source} is valid: ${JSON.stringify(r.ok ? '' : r.errors)}`);
    designs.push(r.design);
  }
  for (const f of readdirSync(join(projectRoot, 'examples/scenarios')).filter((n) => n.endsWith('.json')).sort()) {
    const r = advise(JSON.parse(readFileSync(join(projectRoot, 'examples/scenarios', f), 'utf8')));
    if (r.ok) designs.push({ ...r.design, name: `example-${f.replace(/\W+/g, '-')}` });
  }
  return designs;
}

before(() => {
  rmSync(out, { recursive: true, force: true });
  for (const source of SOURCES_LIST) {
    for (const iac of IACS) for (const language of LANGS) write(`${source}-${iac}-${language}`, designFor(source), { iac, language });
  }
  // Designs from the recommendation engine (SAM, both languages): what users will actually scaffold.
  for (const d of recommendedDesigns()) for (const language of LANGS) write(`rec-${d.name}-sam-${language}`, d, { iac: 'sam', language });
  // A control template cfn-lint must reject, so that a silent linter cannot pass the test.
  mkdirSync(join(out, 'control-broken'), { recursive: true });
  writeFileSync(
    join(out, 'control-broken/template.yaml'),
    'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs24.x\n      Handler: h.h\n      CodeUri: ./\n      MemorySize: 99999999\n',
  );
});

after(() => {
  if (!process.env.KEEP_SCAFFOLD_OUTPUT) rmSync(out, { recursive: true, force: true });
});

const cdkTs = () => projects.filter((p) => p.options.iac === 'cdk').filter((p) => p.options.language === 'typescript' || ['sqs', 'direct-sync', 'kinesis'].includes(p.design.source));

test('the CDK apps synthesise offline (no AWS credentials) into CloudFormation templates', () => {
  const dirs = cdkTs().map((p) => p.dir);
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
  const r = run(process.execPath, ['--import', 'tsx', 'synth.mts'], {
    env: { CDK_DISABLE_VERSION_CHECK: '1', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' },
  });
  assert.equal(r.status, 0, `cdk synth failed:\n${r.stderr.slice(-4000)}`);
  for (const dir of dirs) {
    const t = JSON.parse(readFileSync(join(out, 'cdk.out', `${dir}.template.json`), 'utf8')) as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
    const fn = Object.values(t.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && (r.Properties?.Description as string | undefined)?.startsWith('orders-'));
    assert.ok(fn, `${dir}: the synthesised template has the function`);
    const design = projects.find((p) => p.dir === dir)!.design;
    assert.equal(fn.Properties?.MemorySize, design.memoryMb, `${dir}: MemorySize`);
    assert.equal(fn.Properties?.Timeout, design.timeoutSeconds, `${dir}: Timeout`);
    assert.deepEqual(fn.Properties?.Architectures, [design.architecture], `${dir}: Architectures`);
  }
});

test('every SAM template and every synthesised CDK template passes cfn-lint with no errors (one cfn-lint run)', () => {
  const probe = run('cfn-lint', ['--version']);
  if (probe.error || probe.status !== 0) {
    assert.fail('cfn-lint is not on PATH: the scaffolded templates cannot be checked. Install it (pip install cfn-lint) and run the tests again.');
  }
  const sam = projects.filter((p) => p.options.iac === 'sam').map((p) => `${p.dir}/template.yaml`);
  const cdk = existsSync(join(out, 'cdk.out')) ? readdirSync(join(out, 'cdk.out')).filter((f) => f.endsWith('.template.json')).map((f) => `cdk.out/${f}`) : [];
  assert.ok(cdk.length > 0, 'the CDK synth test produced templates');
  const r = run('cfn-lint', ['--format', 'json', '--', ...sam, ...cdk, 'control-broken/template.yaml']);
  let findings: Array<{ Level: string; Filename: string; Message: string; Rule: { Id: string }; Location: { Start: { LineNumber: number } } }>;
  try {
    findings = JSON.parse(r.stdout);
  } catch {
    assert.fail(`cfn-lint did not produce JSON (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
  }
  const errors = findings.filter((f) => f.Level === 'Error');
  assert.ok(errors.some((f) => f.Filename.includes('control-broken')), 'cfn-lint flags the deliberately broken control template (the linter really ran)');
  const real = errors.filter((f) => !f.Filename.includes('control-broken'));
  assert.deepEqual(
    real.map((f) => `${f.Filename}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`),
    [],
    'no cfn-lint errors in generated templates',
  );
  assert.equal(sam.length, 15 * 2 + (projects.length - 15 * 6), 'every SAM project was linted');
});

test('TypeScript handlers, their tests and the CDK apps type-check against the real packages (one tsc run)', () => {
  const include = projects
    .filter((p) => p.options.language === 'typescript' || p.options.iac === 'cdk')
    .flatMap((p) => [`${p.dir}/src/**/*.ts`, `${p.dir}/test/**/*.ts`, `${p.dir}/bin/**/*.ts`, `${p.dir}/lib/**/*.ts`]);
  // Each project's own tsconfig, but with every project included in one program.
  const own = JSON.parse(readFileSync(join(out, 'sqs-sam-typescript/tsconfig.json'), 'utf8')) as { compilerOptions: object };
  writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({ compilerOptions: own.compilerOptions, include }, null, 2));
  // One run: --listFiles proves the generated files are in the program, the exit code says whether they type-check.
  const check = run(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--listFiles']);
  const listed = check.stdout.split('\n').filter((l) => l.startsWith(out) && !l.includes('node_modules'));
  assert.ok(listed.length >= 15 * 2 * 2, `tsc sees the generated files (${listed.length})`);
  assert.equal(check.status, 0, `tsc found errors in generated code:\n${check.stdout.split('\n').filter((l) => l.includes('error TS')).slice(0, 40).join('\n')}`);
});

test('Python handlers and their tests compile (python3 -m py_compile)', () => {
  const files = projects.filter((p) => p.options.language === 'python').flatMap((p) => [`${p.dir}/src/handler.py`, `${p.dir}/tests/test_handler.py`]);
  assert.ok(files.length >= 15 * 3 * 2);
  const r = run('python3', ['-m', 'py_compile', ...files]);
  assert.equal(r.status, 0, `py_compile failed:\n${r.stderr.slice(0, 4000)}`);
});

type Hcl = { resource?: Record<string, Record<string, Array<Record<string, unknown>>>>; variable?: Record<string, unknown>; output?: Record<string, unknown> };

test('Terraform files parse as HCL and hold the resources and arguments the design sets', async () => {
  for (const p of projects.filter((x) => x.options.iac === 'terraform')) {
    const parsed: Hcl = {};
    for (const f of ['main.tf', 'variables.tf', 'outputs.tf']) {
      const h = (await parseHcl(f, readFileSync(join(out, p.dir, f), 'utf8'))) as Hcl;
      Object.assign(parsed, { ...parsed, ...h, resource: { ...parsed.resource, ...h.resource } });
    }
    const res = parsed.resource ?? {};
    const one = (type: string, name: string) => {
      const r = res[type]?.[name]?.[0];
      assert.ok(r, `${p.dir}: resource ${type}.${name}`);
      return r;
    };
    const d = p.design;
    const fn = one('aws_lambda_function', 'function');
    assert.equal(fn.memory_size, d.memoryMb, `${p.dir}: memory_size`);
    assert.equal(fn.timeout, d.timeoutSeconds, `${p.dir}: timeout`);
    assert.deepEqual(fn.architectures, [d.architecture], `${p.dir}: architectures`);
    assert.equal((fn.environment as Array<{ variables: Record<string, string> }>)[0]!.variables.POWERTOOLS_SERVICE_NAME, d.name);
    assert.ok(one('aws_cloudwatch_log_group', 'function').retention_in_days);
    one('aws_cloudwatch_metric_alarm', 'errors');
    one('aws_cloudwatch_metric_alarm', 'throttles');
    const policy = String(one('aws_iam_role_policy', 'function').policy);
    assert.doesNotMatch(policy, /Resource"?\s*[=:]\s*"\*"/, `${p.dir}: no wildcard resource`);
    if (d.errorHandling.idempotency === 'powertools-idempotency') assert.ok(one('aws_dynamodb_table', 'idempotency').ttl);
    if (d.batching !== null) {
      const esm = one('aws_lambda_event_source_mapping', 'source');
      assert.equal(esm.batch_size, d.batching.batchSize, `${p.dir}: batch_size`);
    }
    if (d.errorHandling.queue !== null) {
      const q = one('aws_sqs_queue', 'source');
      assert.equal(q.visibility_timeout_seconds, d.errorHandling.queue.visibilityTimeoutSeconds);
      assert.match(String(q.redrive_policy), new RegExp(`maxReceiveCount\\W+${d.errorHandling.queue.maxReceiveCount}`));
    }
    if (['s3', 'sns', 'eventbridge', 'schedule', 'direct-async'].includes(d.source)) {
      const cfg = one('aws_lambda_function_event_invoke_config', 'function');
      assert.equal(cfg.maximum_retry_attempts, d.errorHandling.retryAttempts);
    }
    if (d.concurrency.provisioned !== null) assert.equal(one('aws_lambda_provisioned_concurrency_config', 'live').provisioned_concurrent_executions, d.concurrency.provisioned);
    if (d.vpc.attach) {
      assert.ok(fn.vpc_config, `${p.dir}: vpc_config`);
      for (const g of d.vpc.gatewayEndpoints) one('aws_vpc_endpoint', `${g}_gateway`);
    }
  }
});

test('generated TypeScript handlers run: partial batch failures, FIFO order, idempotency, graceful stop', () => {
  const list = ['sqs-sam-typescript', 'sqs-fifo-sam-typescript', 'kinesis-sam-typescript', 'dynamodb-streams-sam-typescript'];
  const r = run(process.execPath, ['--import', 'tsx', runHandlers, out, ...list], { env: { AWS_REGION: 'us-east-1', POWERTOOLS_METRICS_NAMESPACE: 'test' } });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(line, `the handlers ran:\n${r.stderr.slice(-3000)}`);
  type Res = { first: { batchItemFailures: Array<{ itemIdentifier: string }> }; second: { batchItemFailures: Array<{ itemIdentifier: string }> }; callsAfterFirst: string[]; callsAfterSecond: string[]; recordIds: string[]; callsWhenLate: number; late: unknown; error?: string; hasStore: boolean };
  const results = JSON.parse(line.slice('RESULT '.length)) as Record<string, Res>;
  for (const name of list) assert.equal(results[name]?.error, undefined, `${name} ran without error`);

  // SQS standard: exactly the failing record is reported, the others are done.
  const sqs = results['sqs-sam-typescript']!;
  assert.deepEqual(sqs.first.batchItemFailures, [{ itemIdentifier: sqs.recordIds[1] }]);
  assert.deepEqual(sqs.callsAfterFirst, ['o-1001', 'o-1002', 'o-1003']);
  // Idempotency: the same batch again does the finished work zero more times; only the failed record is retried.
  assert.ok(sqs.hasStore);
  assert.deepEqual(sqs.callsAfterSecond, ['o-1001', 'o-1002', 'o-1003', 'o-1002']);
  assert.deepEqual(sqs.second.batchItemFailures, [{ itemIdentifier: sqs.recordIds[1] }]);
  // Graceful stop: with 1 ms left nothing is started.
  assert.equal(sqs.callsWhenLate, 0);

  // FIFO: the first failure stops the batch; it and every later message are handed back, in order.
  const fifo = results['sqs-fifo-sam-typescript']!;
  assert.deepEqual(fifo.callsAfterFirst, ['o-1001', 'o-1002']);
  assert.deepEqual(fifo.first.batchItemFailures.map((f) => f.itemIdentifier), [fifo.recordIds[1], fifo.recordIds[2]]);

  for (const name of ['kinesis-sam-typescript', 'dynamodb-streams-sam-typescript']) {
    const s = results[name]!;
    assert.deepEqual(s.first.batchItemFailures, [{ itemIdentifier: s.recordIds[1] }], `${name}: the failing record's sequence number`);
    assert.deepEqual(s.callsAfterSecond.slice(3), ['o-1002'], `${name}: idempotency skips the records already done`);
  }
});
