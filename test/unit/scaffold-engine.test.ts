/**
 * The scaffolder as a pure function: determinism, path safety, refusal of undeployable designs,
 * SAM values equal to the design's, and property tests over random valid designs (parse, cross-checks,
 * no wildcard resource, hostile names round-trip through YAML and HCL).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as parseYaml, type Tags } from 'yaml';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { checkScaffoldPath, scaffold, ScaffoldError, type ScaffoldOptions } from '../../src/engine/scaffold/index.ts';
import { quote } from '../../src/engine/scaffold/hcl.ts';
import type { Design } from '../../src/engine/design.ts';
import { EVENT_SOURCES } from '../../src/engine/facts/index.ts';
import { designFor, SOURCES_LIST } from '../fixtures/scaffold/designs.ts';

const CFN_TAGS: Tags = [
  { tag: '!Ref', resolve: (v: string) => ({ Ref: v }) },
  { tag: '!Sub', resolve: (v: string) => ({ 'Fn::Sub': v }) },
  { tag: '!GetAtt', resolve: (v: string) => ({ 'Fn::GetAtt': v.split('.') }) },
];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field below
type Tpl = { Parameters: Record<string, unknown>; Resources: Record<string, { Type: string; Properties: Record<string, any>; Metadata?: unknown }>; Description: string };

function sam(design: Design, language: ScaffoldOptions['language'] = 'typescript'): Tpl {
  const file = scaffold(design, { iac: 'sam', language }).find((f) => f.path === 'template.yaml');
  assert.ok(file);
  return parseYaml(file.contents, { customTags: CFN_TAGS, version: '1.1' }) as Tpl;
}

function wildcardResources(node: unknown, path = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((x, i) => wildcardResources(x, `${path}[${i}]`));
  if (node !== null && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => {
      const here = `${path}.${k}`;
      const bad = k === 'Resource' && (v === '*' || (Array.isArray(v) && v.includes('*'))) ? [here] : [];
      return [...bad, ...wildcardResources(v, here)];
    });
  }
  return [];
}

test('same design, same options → byte-identical files, for every source × language × dialect', () => {
  for (const source of SOURCES_LIST) {
    for (const iac of ['sam', 'cdk', 'terraform'] as const) {
      for (const language of ['typescript', 'python'] as const) {
        const a = scaffold(designFor(source), { iac, language });
        const b = scaffold(structuredClone(designFor(source)), { iac, language });
        assert.deepEqual(a, b, `${source}/${iac}/${language}`);
        const paths = a.map((f) => f.path);
        assert.equal(new Set(paths).size, paths.length, 'no duplicate paths');
        for (const p of paths) assert.equal(checkScaffoldPath(p), null, p);
        const roles = new Set(a.map((f) => f.role));
        for (const role of ['handler', 'test', 'event', 'iac', 'readme'] as const) assert.ok(roles.has(role), `${source}/${iac}/${language} has a ${role} file`);
      }
    }
  }
});

test('checkScaffoldPath rejects paths that would leave the folder, and accepts ordinary ones', () => {
  assert.match(checkScaffoldPath('/etc/passwd')!, /absolute/);
  assert.match(checkScaffoldPath('\\\\server\\share')!, /absolute/);
  assert.match(checkScaffoldPath('../outside.txt')!, /\.\./);
  assert.match(checkScaffoldPath('src/../../x')!, /\.\./);
  assert.match(checkScaffoldPath('src\\..\\..\\x')!, /\.\./);
  assert.match(checkScaffoldPath('C:/Windows/x')!, /drive letter/);
  assert.match(checkScaffoldPath('c:relative')!, /drive letter/);
  assert.match(checkScaffoldPath('src/a\0b')!, /NUL/);
  assert.match(checkScaffoldPath('')!, /empty/);
  assert.equal(checkScaffoldPath('src/handler.ts'), null);
  assert.equal(checkScaffoldPath('events/partial-failure.json'), null);
  assert.equal(checkScaffoldPath('..hidden/file'), null, 'a name starting with .. is not a parent reference');
});

test('designs that cannot be deployed are refused with a message naming the field', () => {
  const fifo = designFor('sqs-fifo');
  assert.throws(() => scaffold({ ...fifo, batching: { ...fifo.batching!, batchSize: EVENT_SOURCES.sqsFifoBatchMax.value + 1 } }, { iac: 'sam', language: 'typescript' }), (e: unknown) => e instanceof ScaffoldError && e.field === 'batching.batchSize');
  const sqs = designFor('sqs');
  assert.throws(
    () => scaffold({ ...sqs, errorHandling: { ...sqs.errorHandling, queue: { ...sqs.errorHandling.queue!, visibilityTimeoutSeconds: 6 * sqs.timeoutSeconds } } }, { iac: 'sam', language: 'python' }),
    (e: unknown) => e instanceof ScaffoldError && e.field === 'errorHandling.queue.visibilityTimeoutSeconds' && /6 × timeout \+ batching window = 185/.test(e.message),
  );
  assert.throws(() => scaffold({ ...sqs, errorHandling: { ...sqs.errorHandling, queue: { ...sqs.errorHandling.queue!, maxReceiveCount: 2 } } }, { iac: 'cdk', language: 'typescript' }), /maxReceiveCount/);
  assert.throws(() => scaffold({ ...sqs, batching: null }, { iac: 'terraform', language: 'typescript' }), /batching/);
  assert.throws(() => scaffold(sqs, { iac: 'pulumi' as never, language: 'typescript' }), /options\.iac/);
});

test('the SAM template sets exactly the SQS design: batch, window, partial responses, max concurrency, visibility, redrive, alarms', () => {
  const d = designFor('sqs');
  const t = sam(d);
  const fn = t.Resources.Function!.Properties;
  assert.equal(fn.MemorySize, 1024);
  assert.equal(fn.Timeout, 30);
  assert.deepEqual(fn.Architectures, ['arm64']);
  const ev = fn.Events.Queue.Properties;
  assert.equal(ev.BatchSize, 50);
  assert.equal(ev.MaximumBatchingWindowInSeconds, 5);
  assert.deepEqual(ev.FunctionResponseTypes, ['ReportBatchItemFailures']);
  assert.deepEqual(ev.ScalingConfig, { MaximumConcurrency: 20 });
  const q = t.Resources.SourceQueue!.Properties;
  assert.equal(q.VisibilityTimeout, 185);
  assert.equal(q.RedrivePolicy.maxReceiveCount, 5);
  assert.deepEqual(q.RedrivePolicy.deadLetterTargetArn, { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] });
  assert.equal(t.Resources.DeadLetterQueueDepthAlarm!.Properties.MetricName, 'ApproximateNumberOfMessagesVisible');
  assert.equal(t.Resources.ErrorsAlarm!.Properties.MetricName, 'Errors');
  assert.equal(t.Resources.ThrottlesAlarm!.Properties.MetricName, 'Throttles');
  assert.equal(t.Resources.IdempotencyTable!.Properties.BillingMode, 'PAY_PER_REQUEST');
  assert.equal(t.Resources.IdempotencyTable!.Properties.TimeToLiveSpecification.Enabled, true);
  assert.ok(t.Resources.LogGroup!.Properties.RetentionInDays > 0);
  // Secrets: only the parameter's NAME is in the environment, and the policy reads only that parameter.
  assert.deepEqual(fn.Environment.Variables.SETTINGS_PARAMETER_NAME, { 'Fn::Sub': '/${SettingsParameterName}' });
  assert.deepEqual(fn.Policies[0], { SSMParameterReadPolicy: { ParameterName: { Ref: 'SettingsParameterName' } } });
});

test('the SAM template carries stream, async, concurrency, SnapStart and VPC decisions', () => {
  const k = sam(designFor('kinesis')).Resources.Function!.Properties.Events.Stream.Properties;
  assert.deepEqual(
    { p: k.ParallelizationFactor, b: k.BisectBatchOnFunctionError, r: k.MaximumRetryAttempts, a: k.MaximumRecordAgeInSeconds, d: k.DestinationConfig },
    { p: 2, b: true, r: 3, a: 3600, d: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailureQueue', 'Arn'] } } } },
  );
  const s3 = sam(designFor('s3')).Resources.Function!.Properties;
  assert.deepEqual(s3.EventInvokeConfig, {
    MaximumRetryAttempts: 2,
    MaximumEventAgeInSeconds: 3600,
    DestinationConfig: { OnFailure: { Type: 'SQS', Destination: { 'Fn::GetAtt': ['FailureQueue', 'Arn'] } } },
  });
  const rest = sam(designFor('api-gateway-rest')).Resources.Function!.Properties;
  assert.equal(rest.ReservedConcurrentExecutions, 50);
  assert.equal(rest.AutoPublishAlias, 'live');
  assert.deepEqual(rest.ProvisionedConcurrencyConfig, { ProvisionedConcurrentExecutions: 5 });
  assert.equal(sam(designFor('direct-sync'), 'python').Resources.Function!.Properties.SnapStart.ApplyOn, 'PublishedVersions');
  assert.equal(sam(designFor('direct-sync'), 'typescript').Resources.Function!.Properties.SnapStart, undefined, 'Node.js has no SnapStart: not emitted');
  const url = sam(designFor('function-url'));
  assert.deepEqual(url.Resources.Function!.Properties.VpcConfig, { SubnetIds: { Ref: 'SubnetIds' }, SecurityGroupIds: { Ref: 'SecurityGroupIds' } });
  assert.equal((url.Parameters.SubnetIds as { Type: string }).Type, 'List<AWS::EC2::Subnet::Id>');
  assert.equal(url.Resources.S3GatewayEndpoint!.Properties.VpcEndpointType, 'Gateway');
  assert.equal(url.Resources.DynamodbGatewayEndpoint!.Properties.VpcEndpointType, 'Gateway');
  assert.equal(url.Resources.SecretsmanagerInterfaceEndpoint!.Properties.VpcEndpointType, 'Interface');
  assert.equal(sam(designFor('sqs-fifo')).Resources.SourceQueue!.Properties.FifoQueue, true);
  assert.equal(sam(designFor('sqs-fifo')).Resources.DeadLetterQueue!.Properties.FifoQueue, true, 'a FIFO queue needs a FIFO DLQ');
});

test('the handler follows the design: batch utility per source, idempotency only when at-least-once, stop margin', () => {
  const h = (d: Design, language: ScaffoldOptions['language']) => scaffold(d, { iac: 'sam', language }).find((f) => f.role === 'handler' && /handler\.(ts|py)$/.test(f.path))!.contents;
  assert.match(h(designFor('sqs'), 'typescript'), /new BatchProcessor\(EventType\.SQS\)/);
  assert.match(h(designFor('sqs-fifo'), 'typescript'), /new SqsFifoPartialProcessorAsync\(\)/);
  assert.match(h(designFor('sqs-fifo'), 'python'), /SqsFifoPartialProcessor\(\)/);
  assert.match(h(designFor('kinesis'), 'typescript'), /EventType\.KinesisDataStreams/);
  assert.match(h(designFor('dynamodb-streams'), 'python'), /EventType\.DynamoDBStreams/);
  assert.match(h(designFor('sqs'), 'typescript'), /makeIdempotent/);
  assert.doesNotMatch(h(designFor('api-gateway-http'), 'typescript'), /makeIdempotent/, 'caller-retries: no idempotency layer');
  assert.match(h(designFor('api-gateway-http'), 'typescript'), /new Router/);
  assert.match(h(designFor('alb'), 'python'), /ALBResolver/);
  assert.match(h(designFor('sqs'), 'typescript'), /getRemainingTimeInMillis\(\)/);
  // 1,800 ms p99 for a batch of 20 → 90 ms per record.
  assert.match(h(designFor('sqs'), 'typescript'), /STOP_MARGIN_MS = 90;/);
  for (const source of SOURCES_LIST) {
    const ts = h(designFor(source), 'typescript');
    assert.doesNotMatch(ts, /process\.env\.(?!\w*NAME\b)\w+/, `${source}: env vars carry only names`);
  }
});

// ---------- property tests ----------

const hostileName = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('a"b', "it's: here", 'yes', 'on', '2010-09-09', 'x: y # z', '${AWS::Region}', 'naïve-ünïcødé-名前-🚀', '- item', '{braces}', '%{x}', 'back\\slash', 'new\nline'),
).filter((s) => s.trim() !== '');

const validDesign = fc
  .record({
    source: fc.constantFrom(...SOURCES_LIST),
    name: hostileName,
    memoryMb: fc.integer({ min: 128, max: 10240 }),
    timeout: fc.integer({ min: 1, max: 900 }),
    batch: fc.integer({ min: 1, max: 10000 }),
    window: fc.integer({ min: 0, max: 300 }),
    extraVisibility: fc.integer({ min: 0, max: 600 }),
    maxReceive: fc.integer({ min: 5, max: 50 }),
    arch: fc.constantFrom('arm64', 'x86_64') as fc.Arbitrary<'arm64' | 'x86_64'>,
    reserved: fc.option(fc.integer({ min: 1, max: 500 })),
    provisioned: fc.option(fc.integer({ min: 1, max: 5 })),
    dest: fc.constantFrom('sqs', 'sns', 's3', null) as fc.Arbitrary<'sqs' | 'sns' | 's3' | null>,
    vpc: fc.boolean(),
  })
  .map((r): Design => {
    const base = designFor(r.source);
    const fifo = r.source === 'sqs-fifo';
    const window = fifo ? 0 : r.window;
    let batchSize = fifo ? Math.min(r.batch, EVENT_SOURCES.sqsFifoBatchMax.value) : r.batch;
    if (r.source === 'sqs' && window < 1) batchSize = Math.min(batchSize, EVENT_SOURCES.sqsBatchWithoutWindowMax.value);
    const queue =
      base.errorHandling.queue === null
        ? null
        : { ...base.errorHandling.queue, visibilityTimeoutSeconds: Math.min(EVENT_SOURCES.sqsVisibilityMaxSeconds.value, 6 * r.timeout + window + r.extraVisibility), maxReceiveCount: r.maxReceive };
    const provisioned = r.provisioned !== null && r.reserved !== null && r.provisioned > r.reserved ? null : r.provisioned;
    return {
      ...base,
      name: r.name,
      memoryMb: r.memoryMb,
      architecture: r.arch,
      timeoutSeconds: r.timeout,
      batching: base.batching === null ? null : { ...base.batching, batchSize, maximumBatchingWindowSeconds: window },
      concurrency: { ...base.concurrency, reserved: r.reserved, provisioned },
      errorHandling: { ...base.errorHandling, queue, onFailureDestination: base.errorHandling.onFailureDestination === null ? null : r.dest },
      vpc: r.vpc ? { ...base.vpc, attach: true, subnets: 2, gatewayEndpoints: ['s3'] } : base.vpc,
    };
  });

test('property: random valid designs give SAM templates that parse and pass the cross-checks', () => {
  fc.assert(
    fc.property(validDesign, fc.constantFrom('typescript', 'python') as fc.Arbitrary<'typescript' | 'python'>, (d, language) => {
      const t = sam(d, language);
      const fn = t.Resources.Function!.Properties;
      assert.equal(fn.Timeout, d.timeoutSeconds);
      assert.equal(fn.MemorySize, d.memoryMb);
      // The user's name survives YAML whatever it holds (quotes, colons, unicode, YAML 1.1 booleans).
      assert.equal(fn.Environment.Variables.POWERTOOLS_SERVICE_NAME, d.name);
      assert.ok(t.Description.startsWith(`${d.name}: `));
      assert.deepEqual(wildcardResources(t), [], 'no Resource: "*"');
      const q = t.Resources.SourceQueue?.Properties;
      const ev = fn.Events?.Queue?.Properties;
      if (q !== undefined) {
        const window = ev.MaximumBatchingWindowInSeconds ?? 0;
        assert.ok(q.VisibilityTimeout >= EVENT_SOURCES.sqsVisibilityMultiplier.value * fn.Timeout + window, `visibility ${q.VisibilityTimeout} vs timeout ${fn.Timeout} + window ${window}`);
        assert.ok(q.RedrivePolicy.maxReceiveCount >= EVENT_SOURCES.sqsMaxReceiveCountMin.value);
      }
      if (q?.FifoQueue === true) {
        assert.ok(ev.BatchSize <= EVENT_SOURCES.sqsFifoBatchMax.value);
        assert.equal(ev.MaximumBatchingWindowInSeconds, undefined);
      }
    }),
    { numRuns: 300 },
  );
});

test('property: a design whose queue visibility is below 6 × timeout + window is refused, never emitted', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 900 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 1000 }), (timeout, window, short) => {
      const d = designFor('sqs');
      const needed = 6 * timeout + window;
      const bad: Design = {
        ...d,
        timeoutSeconds: timeout,
        batching: { ...d.batching!, maximumBatchingWindowSeconds: window },
        errorHandling: { ...d.errorHandling, queue: { ...d.errorHandling.queue!, visibilityTimeoutSeconds: Math.max(0, needed - short) } },
      };
      assert.throws(() => scaffold(bad, { iac: 'sam', language: 'typescript' }), ScaffoldError);
    }),
    { numRuns: 100 },
  );
});

/** hcl2json answers in Terraform's JSON syntax, where a literal `${` / `%{` is written `$${` / `%%{`. */
const asTerraformJson = (s: string): string => s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');

test('property: HCL strings round-trip through a real HCL parser whatever they hold', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 30, unit: 'grapheme' }), async (s) => {
      const parsed = (await parseHcl('t.tf', `locals {\n  v = ${quote(s)}\n}\n`)) as { locals: Array<{ v: string }> };
      // HCL normalises string literals to Unicode NFC (as Terraform does); everything else is kept.
      assert.equal(parsed.locals[0]!.v, asTerraformJson(s.normalize('NFC')));
    }),
    { numRuns: 60 },
  );
});

test('Terraform and CDK keep a hostile name as data, not code', async () => {
  const name = 'evil" } resource "x" "y" { a = "${file("/etc/passwd")}\n\\ 名前';
  const files = scaffold({ ...designFor('sqs'), name }, { iac: 'terraform', language: 'typescript' });
  const main = files.find((f) => f.path === 'main.tf')!.contents;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed HCL JSON
  const parsed = (await parseHcl('main.tf', main)) as { resource: Record<string, Record<string, Array<Record<string, any>>>> };
  assert.deepEqual(Object.keys(parsed.resource).filter((k) => k === 'x'), [], 'no injected resource');
  assert.equal(parsed.resource.aws_lambda_function!.function![0]!.environment[0].variables.POWERTOOLS_SERVICE_NAME, asTerraformJson(name));
  const stack = scaffold({ ...designFor('sqs'), name }, { iac: 'cdk', language: 'typescript' }).find((f) => f.path === 'lib/stack.ts')!.contents;
  assert.ok(stack.includes(`POWERTOOLS_SERVICE_NAME: ${JSON.stringify(name)},`));
});
