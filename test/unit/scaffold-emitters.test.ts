/**
 * The IaC is one dialect-neutral plan (src/engine/scaffold/infra.ts) rendered by small emitters:
 * the plan is plain data with no dialect syntax, every dialect has an emitter for every element,
 * no emitter (or other function of the renderers) grows past 80 lines, and what the plan says
 * (grants, invoker permissions, alias) is what each dialect writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { parse as parseYaml, type Tags } from 'yaml';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { scaffold, ScaffoldError } from '../../src/engine/scaffold/index.ts';
import { EVENT_SOURCES } from '../../src/engine/facts/index.ts';
import { infraPlan, type InfraElement } from '../../src/engine/scaffold/infra.ts';
import { makePlan } from '../../src/engine/scaffold/plan.ts';
import { SAM_EMITTERS } from '../../src/engine/scaffold/sam.ts';
import { CDK_EMITTERS } from '../../src/engine/scaffold/cdk.ts';
import { TERRAFORM_EMITTERS } from '../../src/engine/scaffold/terraform.ts';
import type { Design } from '../../src/engine/design.ts';
import { designFor, SOURCES_LIST } from '../fixtures/scaffold/designs.ts';

const scaffoldDir = join(__dirname, '..', '..', 'src', 'engine', 'scaffold');
const MAX_LINES = 80;

const variants = (): Design[] =>
  SOURCES_LIST.flatMap((source) => {
    const d = designFor(source);
    return [
      d,
      { ...d, concurrency: { ...d.concurrency, reserved: 9, provisioned: 3 }, coldStart: { ...d.coldStart, strategy: 'snapstart' } },
      { ...d, vpc: { ...d.vpc, attach: true, subnets: 2, gatewayEndpoints: ['s3'], interfaceEndpoints: ['sqs'] } },
    ];
  });

const plansFor = (d: Design): InfraElement[][] => (['typescript', 'python'] as const).map((language) => infraPlan(makePlan(d, { iac: 'sam', language })));

test('the plan is plain data without dialect syntax, and every dialect has an emitter for each element it holds', () => {
  const kinds = new Set<string>();
  for (const d of variants()) {
    for (const plan of plansFor(d)) {
      assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan, `${d.source}: the plan survives JSON (no classes, functions or undefined)`);
      const text = JSON.stringify(plan);
      assert.doesNotMatch(text, /AWS::|!Ref|!GetAtt|Fn::|\baws_[a-z]|\bnew [A-Z]|\bvar\./, `${d.source}: no CloudFormation, CDK or HCL in the plan`);
      for (const e of plan) kinds.add(e.kind);
    }
  }
  for (const [dialect, emitters] of Object.entries({ sam: SAM_EMITTERS, cdk: CDK_EMITTERS, terraform: TERRAFORM_EMITTERS })) {
    for (const kind of kinds) assert.equal(typeof (emitters as Record<string, unknown>)[kind], 'function', `${dialect} renders ${kind}`);
  }
  assert.deepEqual(Object.keys(CDK_EMITTERS).sort(), Object.keys(SAM_EMITTERS).sort(), 'CDK and SAM render the same element kinds');
  assert.deepEqual(Object.keys(TERRAFORM_EMITTERS).sort(), Object.keys(SAM_EMITTERS).sort(), 'Terraform and SAM render the same element kinds');
});

test(`no function of the plan or of an emitter is longer than ${MAX_LINES} lines`, () => {
  const long: string[] = [];
  for (const file of ['infra.ts', 'sam.ts', 'cdk.ts', 'terraform.ts']) {
    const source = ts.createSourceFile(file, readFileSync(join(scaffoldDir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
    let functions = 0;
    const visit = (node: ts.Node, name: string): void => {
      if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) {
        functions++;
        const lines = lineOf(node.getEnd()) - lineOf(node.getStart()) + 1;
        if (lines > MAX_LINES) long.push(`${file}: ${name || '(anonymous)'} has ${lines} lines`);
      }
      const here = ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) ? (node.name?.getText() ?? name) : name;
      ts.forEachChild(node, (child) => visit(child, here));
    };
    visit(source, '');
    assert.ok(functions > 10, `${file}: the size check saw its functions (${functions})`);
  }
  assert.deepEqual(long, []);
});

const CFN_TAGS: Tags = [
  { tag: '!Ref', resolve: (v: string) => ({ Ref: v }) },
  { tag: '!Sub', resolve: (v: string) => ({ 'Fn::Sub': v }) },
  { tag: '!GetAtt', resolve: (v: string) => ({ 'Fn::GetAtt': v.split('.') }) },
];
const file = (d: Design, iac: 'sam' | 'cdk' | 'terraform', path: string) => scaffold(d, { iac, language: 'python' }).find((f) => f.path === path)!.contents;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed template, read field by field
const samOf = (d: Design): any => parseYaml(file(d, 'sam', 'template.yaml'), { customTags: CFN_TAGS, version: '1.1' });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed HCL JSON
const tfOf = async (d: Design): Promise<any> => parseHcl('main.tf', file(d, 'terraform', 'main.tf'));

test('Terraform writes one statement per planned grant and one permission per invoker, on concrete resources', async () => {
  for (const d of variants()) {
    const plan = plansFor(d)[1]!;
    const tf = await tfOf(d);
    const policy = String(tf.resource.aws_iam_role_policy.function[0].policy);
    const sids = [...policy.matchAll(/Sid\s*=\s*"(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(sids, plan.filter((e) => e.kind === 'grant').map((e) => (e as { id: string }).id), `${d.source}: statements = grants`);
    assert.doesNotMatch(policy, /Resource\s*=\s*"\*"/, `${d.source}: no wildcard resource`);
    const invokers = plan.filter((e) => e.kind === 'permission' && e.mechanism === 'resource-policy');
    assert.ok(invokers.length <= 1, `${d.source}: at most one invoker`);
    assert.equal(Object.values(tf.resource.aws_lambda_permission ?? {}).length, invokers.length, `${d.source}: one aws_lambda_permission per invoker`);
  }
});

test('every invoker calls the published alias when the design has one (SnapStart and provisioned concurrency apply to versions only)', async () => {
  for (const source of ['alb', 'sns', 'eventbridge', 's3', 'api-gateway-http'] as const) {
    const d = { ...designFor(source), coldStart: { strategy: 'snapstart' as const, expectedInitMs: 300 } };
    const tf = JSON.stringify(await tfOf(d));
    assert.doesNotMatch(tf, /(target_id|endpoint|arn|lambda_function_arn|target)":"\$\{aws_lambda_function\.function\.arn\}"/, `${source}: Terraform targets the alias`);
    assert.match(tf, /aws_lambda_alias\.live/, `${source}: Terraform has the alias`);
  }
  // SAM wires API, SNS, EventBridge and S3 events to AutoPublishAlias itself; an ALB target it does not.
  const alb = samOf({ ...designFor('alb'), coldStart: { strategy: 'snapstart', expectedInitMs: 300 } });
  assert.equal(alb.Resources.Function.Properties.AutoPublishAlias, 'live');
  assert.deepEqual(alb.Resources.TargetGroup.Properties.Targets, [{ Id: { Ref: 'Function.Alias' } }], 'the ALB invokes the SnapStart version, not $LATEST');
  assert.deepEqual(alb.Resources.LoadBalancerPermission.Properties.FunctionName, { Ref: 'Function.Alias' });
  const plain = samOf(designFor('alb'));
  // Issue 15: every design now ships through the deployment alias, so even without SnapStart the target is the alias (was: the function itself).
  assert.deepEqual(plain.Resources.TargetGroup.Properties.Targets, [{ Id: { Ref: 'Function.Alias' } }], 'the deployment alias, never $LATEST');
  const stack = file({ ...designFor('alb'), coldStart: { strategy: 'snapstart', expectedInitMs: 300 } }, 'cdk', 'lib/stack.ts');
  assert.match(stack, /const target = new lambda\.Alias\(this, 'LiveAlias'/);
  assert.match(stack, /targets: \[new elbTargets\.LambdaTarget\(target\)\]/);
});

test('a stream or Kafka design whose failure destination the mapping cannot take is refused, naming the field', () => {
  for (const source of ['kinesis', 'dynamodb-streams', 'kafka'] as const) {
    for (const dest of ['lambda', 'eventbridge'] as const) {
      const d = designFor(source);
      for (const iac of ['sam', 'cdk', 'terraform'] as const) {
        assert.throws(
          () => scaffold({ ...d, errorHandling: { ...d.errorHandling, onFailureDestination: dest } }, { iac, language: 'typescript' }),
          (e: unknown) => e instanceof ScaffoldError && e.field === 'errorHandling.onFailureDestination' && e.message.includes('only to sqs, sns, s3') && e.message.includes(`got ${dest}`),
          `${source} → ${dest} (${iac})`,
        );
      }
    }
    for (const dest of EVENT_SOURCES.mappingFailureDestinations.value) {
      const d = designFor(source);
      const t = samOf({ ...d, errorHandling: { ...d.errorHandling, onFailureDestination: dest as 'sqs' | 'sns' | 's3' } });
      const event = Object.values(t.Resources.Function.Properties.Events as Record<string, { Properties: { DestinationConfig?: unknown } }>)[0]!;
      assert.ok(event.Properties.DestinationConfig, `${source} → ${dest}: the mapping sends failed batches there`);
    }
  }
  // Asynchronous invocations take every destination type.
  for (const dest of ['lambda', 'eventbridge'] as const) {
    const d = designFor('sns');
    const t = samOf({ ...d, errorHandling: { ...d.errorHandling, onFailureDestination: dest } });
    assert.ok(t.Resources.Function.Properties.EventInvokeConfig.DestinationConfig.OnFailure.Destination, `sns → ${dest}`);
  }
});

test('issue 15: every scaffold ships the design\'s deployment: SAM DeploymentPreference, CDK LambdaDeploymentGroup, Terraform CodeDeploy, same alarms', async () => {
  const base = designFor('api-gateway-http');
  assert.equal(base.deployment.type, 'Canary10Percent5Minutes');
  const t = samOf(base);
  const fn = t.Resources.Function.Properties;
  assert.equal(fn.AutoPublishAlias, base.deployment.aliasName);
  assert.equal(fn.DeploymentPreference.Type, 'Canary10Percent5Minutes');
  assert.deepEqual(fn.DeploymentPreference.Alarms, [{ Ref: 'ErrorsRollbackAlarm' }, { Ref: 'P99DurationRollbackAlarm' }]);
  const p99 = t.Resources.P99DurationRollbackAlarm.Properties;
  assert.equal(p99.ExtendedStatistic, 'p99');
  assert.equal(p99.Threshold, base.deployment.alarms[1]!.threshold);
  assert.deepEqual(p99.Dimensions[1], { Name: 'Resource', Value: { 'Fn::Sub': '${Function}:live' } }, 'the alarm watches the alias');
  const stack = file(base, 'cdk', 'lib/stack.ts');
  assert.match(stack, /new codedeploy\.LambdaDeploymentGroup\(this, 'Deployment', \{\n {6}alias: target,\n {6}deploymentConfig: codedeploy\.LambdaDeploymentConfig\.CANARY_10PERCENT_5MINUTES,\n {6}alarms: \[rollbackOnErrors, rollbackOnP99\],/);
  assert.match(stack, /metric: target\.metricDuration\(\{ period: Duration\.seconds\(60\), statistic: 'p99' \}\)/);
  const tf = JSON.stringify(await tfOf(base));
  assert.match(tf, /"publish":true/);
  assert.match(tf, /"deployment_config_name":"CodeDeployDefault.LambdaCanary10Percent5Minutes"/);
  assert.match(tf, /"compute_platform":"Lambda"/);
  assert.match(tf, /"extended_statistic":"p99"/);
  // The AppSpec CodeDeploy takes: version "0.0" as a string (a number would be printed 0 by jsonencode).
  const outputs = file(base, 'terraform', 'outputs.tf');
  assert.match(outputs, /jsonencode\(\{\s*version\s*=\s*"0\.0"/, 'AppSpec version "0.0"');
  // A linear worker: SAM type and the one errors alarm.
  const worker = samOf(designFor('sqs'));
  assert.equal(worker.Resources.Function.Properties.DeploymentPreference.Type, 'Linear10PercentEvery1Minute');
  assert.deepEqual(worker.Resources.Function.Properties.DeploymentPreference.Alarms, [{ Ref: 'ErrorsRollbackAlarm' }]);
  // All at once: SAM AllAtOnce, CDK ALL_AT_ONCE, CodeDeployDefault.LambdaAllAtOnce.
  const once = { ...designFor('schedule'), deployment: { strategy: 'all-at-once' as const, alarms: designFor('schedule').deployment.alarms, aliasName: 'live' } };
  assert.equal(samOf(once).Resources.Function.Properties.DeploymentPreference.Type, 'AllAtOnce');
  assert.match(file(once, 'cdk', 'lib/stack.ts'), /LambdaDeploymentConfig\.ALL_AT_ONCE/);
  assert.match(JSON.stringify(await tfOf(once)), /CodeDeployDefault.LambdaAllAtOnce/);
});
