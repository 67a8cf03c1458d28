/**
 * Terraform (HCL, AWS provider): `main.tf`, `variables.tf`, `outputs.tf`, rendered from the
 * infrastructure plan (infra.ts) by one small emitter per element, so they hold the same resources
 * and knobs as the SAM template. Written through the escaping HCL emitter in hcl.ts, laid out as
 * `terraform fmt` does.
 */
import { block, call, expr, renderFile, type Block, type Body, type HclValue } from './hcl.ts';
import { emitAll, infraPlan, type AliasElement, type DestinationType, type Emitters, type EnvValue, type FunctionElement, type PermissionElement, type Ref, type Scope, type SnapStartElement, type VpcElement } from './infra.ts';
import type { ProvisionedPollersPlan } from '../design.ts';
import type { Plan } from './plan.ts';
// The compute shapes (issue 11).
import { stateMachineDefinition, type CapacityProviderElement, type DurableElement } from './infra.ts';
import type { ScaffoldFile } from './types.ts';
import { DEPLOYMENT } from '../facts/index.ts';

/** provisioned_poller_config of an event source mapping in provisioned mode. */
const pollerConfig = (p: ProvisionedPollersPlan | null): Block[] =>
  p === null ? [] : [block('provisioned_poller_config', [], [['minimum_pollers', p.minimumPollers], ['maximum_pollers', p.maximumPollers]])];

const resource = (type: string, name: string, body: Body): Block => block('resource', [type, name], body);
const policyArn = (name: string) => expr(`"arn:\${data.aws_partition.current.partition}:iam::aws:policy/${name}"`);
const HERE = '${data.aws_partition.current.partition}:${service}:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}';
const regional = (service: string, rest: string): string => `"arn:${HERE.replace('${service}', service)}:${rest}"`;
const jsonPolicy = (statements: HclValue[]) => call('jsonencode', { Version: '2012-10-17', Statement: statements });
const assumedBy = (service: string) => jsonPolicy([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: service } }]);

/** The HCL reference of each planned resource's ARN. */
const ARN: Record<Ref, string> = {
  settingsParameter: regional('ssm', 'parameter/${var.settings_parameter_name}'),
  idempotencyTable: 'aws_dynamodb_table.idempotency.arn',
  failureQueue: 'aws_sqs_queue.failure.arn',
  failureTopic: 'aws_sns_topic.failure.arn',
  failureBucket: 'aws_s3_bucket.failure.arn',
  defaultEventBus: regional('events', 'event-bus/default'),
  onFailureFunction: 'var.on_failure_function_arn',
  sourceQueue: 'aws_sqs_queue.source.arn',
  deadLetterQueue: 'aws_sqs_queue.dead_letter.arn',
  sourceStream: 'aws_kinesis_stream.source.arn',
  sourceTable: 'aws_dynamodb_table.source.arn',
  uploadBucket: 'aws_s3_bucket.upload.arn',
};
const attribute = (r: Ref, name: string): string => ARN[r].replace(/\.arn$/, `.${name}`);
const scoped = (s: Scope): HclValue => (s.part === 'objects' ? expr(`"\${${ARN[s.ref]}}/*"`) : expr(s.part === 'stream' ? attribute(s.ref, 'stream_arn') : ARN[s.ref]));

/** What the emitters build up; `terraformFiles` assembles it. */
interface Tf {
  /** Provider set-up and the function's role, first in main.tf. */
  readonly head: Block[];
  readonly main: Block[];
  /** The alias and its provisioned concurrency, after the function. */
  readonly afterFunction: Block[];
  /** Alarms on the function, last. */
  readonly tail: Block[];
  readonly vars: Block[];
  readonly outs: Block[];
  readonly statements: HclValue[];
  fn: FunctionElement | null;
  logGroup: boolean;
  alias: AliasElement | null;
  snapStart: SnapStartElement | null;
  vpc: VpcElement | null;
  destination: string | null;
  /** The compute shape's settings on the function (issue 11). */
  capacityProvider: CapacityProviderElement | null;
  durable: DurableElement | null;
}

/** Replace the placeholder string with an HCL reference, anywhere in a JSON value. */
function withReference(v: unknown, placeholder: string, reference: string): HclValue {
  if (v === placeholder) return expr(reference);
  if (Array.isArray(v)) return v.map((x) => withReference(x, placeholder, reference));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withReference(x, placeholder, reference)]));
  return v as HclValue;
}

const variable = (t: Tf, name: string, type: string, description: string, def?: HclValue) =>
  t.vars.push(block('variable', [name], [['type', expr(type)], ['description', description], ...(def === undefined ? [] : ([['default', def]] as Body))]));
const output = (t: Tf, name: string, v: string, description: string) => t.outs.push(block('output', [name], [['description', description], ['value', expr(v)]]));
/** The function as an invoker names it: its alias when there is one. */
const invoked = (t: Tf) => (t.alias !== null ? 'aws_lambda_alias.live' : 'aws_lambda_function.function');
const qualifier = (t: Tf): Body => (t.alias !== null ? [['qualifier', expr('aws_lambda_alias.live.name')]] : []);
const onFailure = (t: Tf, wanted: boolean, key: 'destination' | 'destination_arn'): Body =>
  wanted && t.destination !== null ? [block('destination_config', [], [block('on_failure', [], [[key, expr(t.destination)]])])] : [];
const mapping = (t: Tf, arn: string, body: Body): Block =>
  resource('aws_lambda_event_source_mapping', 'source', [['function_name', expr(`${invoked(t)}.arn`)], ['event_source_arn', expr(arn)], ...body, ['depends_on', [expr('aws_iam_role_policy.function')]]]);
const envValue = (v: EnvValue): HclValue =>
  'literal' in v ? v.literal : v.nameOf === 'settingsParameter' ? expr('"/${var.settings_parameter_name}"') : expr('aws_dynamodb_table.idempotency.name');

/** Each failure destination: what it creates, and the ARN the configurations send to. */
const DESTINATIONS: Record<DestinationType, (t: Tf) => void> = {
  sqs: (t) => t.main.push(resource('aws_sqs_queue', 'failure', [['name_prefix', expr('"${var.function_name}-failure-"')], ['sqs_managed_sse_enabled', true]])),
  sns: (t) => t.main.push(resource('aws_sns_topic', 'failure', [['name_prefix', expr('"${var.function_name}-failure-"')], ['kms_master_key_id', 'alias/aws/sns']])),
  s3: (t) => t.main.push(resource('aws_s3_bucket', 'failure', [['bucket_prefix', expr('"${lower(substr(var.function_name, 0, 30))}-failure-"')]])),
  eventbridge: () => undefined,
  lambda: (t) => variable(t, 'on_failure_function_arn', 'string', 'ARN of the function that receives failed events'),
};

/** The resource-policy permission of each invoker: its name and the ARN it is limited to. */
const INVOKERS: Record<Exclude<PermissionElement['invoker'], 'schedule'>, { name: string; sourceArn: (route: PermissionElement['route']) => string }> = {
  restApi: { name: 'api', sourceArn: (r) => `"\${aws_api_gateway_rest_api.api.execution_arn}/*/${r!.method}${r!.path}"` },
  httpApi: { name: 'api', sourceArn: (r) => `"\${aws_apigatewayv2_api.api.execution_arn}/*/*${r!.path}"` },
  loadBalancer: { name: 'alb', sourceArn: () => 'aws_lb_target_group.function.arn' },
  uploadBucket: { name: 's3', sourceArn: () => 'aws_s3_bucket.upload.arn' },
  sourceTopic: { name: 'sns', sourceArn: () => 'aws_sns_topic.source.arn' },
  eventRule: { name: 'events', sourceArn: () => 'aws_cloudwatch_event_rule.orders.arn' },
};

const ENCRYPTED_TABLE: Body = [block('server_side_encryption', [], [['enabled', true]])];

export const TERRAFORM_EMITTERS: Emitters<Tf> = {
  settings: (e, t) => variable(t, 'settings_parameter_name', 'string', 'SSM parameter (SecureString, JSON) with settings and secrets, without the leading slash', e.defaultName),
  logGroup: (e, t) => {
    t.logGroup = true;
    t.main.push(resource('aws_cloudwatch_log_group', 'function', [['name', expr('"/aws/lambda/${var.function_name}"')], ['retention_in_days', e.retentionDays]]));
  },
  idempotencyTable: (e, t) => {
    t.main.push(
      resource('aws_dynamodb_table', 'idempotency', [
        ['name', expr('"${var.function_name}-idempotency"')],
        ['billing_mode', 'PAY_PER_REQUEST'],
        ['hash_key', e.partitionKey],
        block('attribute', [], [['name', e.partitionKey], ['type', 'S']]),
        block('ttl', [], [['attribute_name', e.ttlAttribute], ['enabled', true]]),
        ...ENCRYPTED_TABLE,
      ]),
    );
  },
  function: (e, t) => {
    t.fn = e;
    const ts = e.language === 'typescript';
    t.head.push(
      block('data', ['archive_file', 'function'], [
        ['type', 'zip'],
        ts ? ['source_file', expr('"${path.module}/dist/handler.mjs"')] : ['source_dir', expr('"${path.module}/src"')],
        ['output_path', expr('"${path.module}/build/function.zip"')],
      ]),
      resource('aws_iam_role', 'function', [['name_prefix', expr('"${substr(var.function_name, 0, 32)}-"')], ['assume_role_policy', assumedBy('lambda.amazonaws.com')]]),
    );
    for (const p of e.managedPolicies) t.head.push(resource('aws_iam_role_policy_attachment', p.id, [['role', expr('aws_iam_role.function.name')], ['policy_arn', policyArn(p.name)]]));
  },
  alias: (e, t) => {
    t.alias = e;
    t.afterFunction.push(
      resource('aws_lambda_alias', 'live', [
        ['name', e.name],
        ['function_name', expr('aws_lambda_function.function.function_name')],
        ['function_version', expr('aws_lambda_function.function.version')],
        // After the first apply, CodeDeploy moves the alias (see the create_deployment_input output).
        block('lifecycle', [], [['ignore_changes', [expr('function_version'), expr('routing_config')]]]),
      ]),
    );
    if (e.provisionedConcurrency !== null) {
      t.afterFunction.push(
        resource('aws_lambda_provisioned_concurrency_config', 'live', [
          ['function_name', expr('aws_lambda_function.function.function_name')],
          ['qualifier', expr('aws_lambda_alias.live.name')],
          ['provisioned_concurrent_executions', e.provisionedConcurrency],
        ]),
      );
    }
  },
  deployment: (e, t) => {
    const alarmName = (a: { id: string }) => `rollback_${a.id.replace(/-/g, '_')}`;
    for (const a of e.alarms) {
      t.tail.push(
        resource('aws_cloudwatch_metric_alarm', alarmName(a), [
          ['alarm_name', expr(`"\${var.function_name}-rollback-${a.id}"`)],
          ['alarm_description', a.description],
          ['namespace', 'AWS/Lambda'],
          ['metric_name', a.metric],
          ['dimensions', { FunctionName: expr('aws_lambda_function.function.function_name'), Resource: expr('"${aws_lambda_function.function.function_name}:${aws_lambda_alias.live.name}"') }],
          a.statistic === 'p99' ? ['extended_statistic', 'p99'] : ['statistic', a.statistic],
          ['period', a.periodSeconds],
          ['evaluation_periods', a.evaluationPeriods],
          ['threshold', a.threshold],
          ['comparison_operator', 'GreaterThanThreshold'],
          ['treat_missing_data', 'notBreaching'],
        ]),
      );
    }
    t.tail.push(
      resource('aws_codedeploy_app', 'function', [['name', expr('var.function_name')], ['compute_platform', 'Lambda']]),
      resource('aws_iam_role', 'codedeploy', [['name_prefix', expr('"${substr(var.function_name, 0, 26)}-deploy-"')], ['assume_role_policy', assumedBy('codedeploy.amazonaws.com')]]),
      resource('aws_iam_role_policy_attachment', 'codedeploy', [['role', expr('aws_iam_role.codedeploy.name')], ['policy_arn', policyArn(e.serviceRolePolicy)]]),
      resource('aws_codedeploy_deployment_group', 'function', [
        ['app_name', expr('aws_codedeploy_app.function.name')],
        ['deployment_group_name', expr('"${var.function_name}-${aws_lambda_alias.live.name}"')],
        ['service_role_arn', expr('aws_iam_role.codedeploy.arn')],
        ['deployment_config_name', e.codeDeployConfig],
        block('deployment_style', [], [['deployment_option', 'WITH_TRAFFIC_CONTROL'], ['deployment_type', 'BLUE_GREEN']]),
        block('auto_rollback_configuration', [], [['enabled', true], ['events', ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']]]),
        block('alarm_configuration', [], [['enabled', true], ['alarms', e.alarms.map((a) => expr(`aws_cloudwatch_metric_alarm.${alarmName(a)}.alarm_name`))]]),
      ]),
    );
    // terraform apply publishes the version; CodeDeploy moves the alias to it:
    //   aws deploy create-deployment --cli-input-json "$(terraform output -raw create_deployment_input)"
    const appSpec = {
      version: DEPLOYMENT.appSpecVersion.value,
      Resources: [{ live: { Type: 'AWS::Lambda::Function', Properties: { Name: expr('aws_lambda_function.function.function_name'), Alias: expr('aws_lambda_alias.live.name'), CurrentVersion: expr('aws_lambda_alias.live.function_version'), TargetVersion: expr('aws_lambda_function.function.version') } } }],
    };
    t.outs.push(
      block('output', ['create_deployment_input'], [
        ['description', `Input of aws deploy create-deployment: shifts the alias to the version just published (${e.samType}), rolled back by the alarms`],
        ['value', call('jsonencode', { applicationName: expr('aws_codedeploy_app.function.name'), deploymentGroupName: expr('aws_codedeploy_deployment_group.function.deployment_group_name'), revision: { revisionType: 'AppSpecContent', appSpecContent: { content: call('jsonencode', appSpec) } } })],
      ]),
    );
  },
  snapStart: (e, t) => {
    t.snapStart = e;
  },
  grant: (e, t) => {
    t.statements.push({ Sid: e.id, Effect: 'Allow', Action: [...e.actions], Resource: e.on.length === 1 ? scoped(e.on[0]!) : e.on.map(scoped) });
  },
  failureDestination: (e, t) => {
    DESTINATIONS[e.type](t);
    t.destination = ARN[e.ref];
  },
  alarm: (e, t) => {
    const name = e.id.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
    const dimensions = 'queue' in e.subject ? { QueueName: expr(attribute(e.subject.queue, 'name')) } : { FunctionName: expr('aws_lambda_function.function.function_name') };
    ('queue' in e.subject ? t.main : t.tail).push(
      resource('aws_cloudwatch_metric_alarm', name, [
        ['alarm_name', expr(`"\${var.function_name}-${name.replace(/_/g, '-')}"`)],
        ['alarm_description', e.description],
        ['namespace', e.namespace],
        ['metric_name', e.metric],
        ['dimensions', dimensions],
        ['statistic', e.statistic],
        ['period', e.periodSeconds],
        ['evaluation_periods', 1],
        ['threshold', 0],
        ['comparison_operator', 'GreaterThanThreshold'],
        ['treat_missing_data', 'notBreaching'],
      ]),
    );
  },
  permission: (e, t) => {
    if (e.invoker === 'schedule') {
      t.main.push(
        resource('aws_iam_role', 'scheduler', [['name_prefix', expr('"${substr(var.function_name, 0, 28)}-sched-"')], ['assume_role_policy', assumedBy(e.principal)]]),
        resource('aws_iam_role_policy', 'scheduler', [
          ['role', expr('aws_iam_role.scheduler.id')],
          ['policy', jsonPolicy([{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: expr(`${invoked(t)}.arn`) }])],
        ]),
      );
      return;
    }
    const { name, sourceArn } = INVOKERS[e.invoker];
    t.main.push(
      resource('aws_lambda_permission', name, [
        ['action', 'lambda:InvokeFunction'],
        ['function_name', expr(`${invoked(t)}.function_name`)],
        ...qualifier(t),
        ['principal', e.principal],
        ['source_arn', expr(sourceArn(e.route))],
      ]),
    );
  },
  deadLetterQueue: (e, t) => {
    const fifo: Body = e.fifo ? [['fifo_queue', true], ['content_based_deduplication', true]] : [];
    t.main.push(resource('aws_sqs_queue', 'dead_letter', [['name', expr(`"\${var.function_name}-dlq${e.fifo ? '.fifo' : ''}"`)], ...fifo, ['sqs_managed_sse_enabled', true]]));
  },
  queueSource: (e, t) => {
    const fifo: Body = e.fifo ? [['fifo_queue', true], ['content_based_deduplication', true]] : [];
    const redrive = e.deadLetter !== null ? call('jsonencode', { deadLetterTargetArn: expr(ARN.deadLetterQueue), maxReceiveCount: e.deadLetter.maxReceiveCount }) : undefined;
    t.main.push(
      resource('aws_sqs_queue', 'source', [
        ['name', expr(`"\${var.function_name}-source${e.fifo ? '.fifo' : ''}"`)],
        ...fifo,
        ['visibility_timeout_seconds', e.visibilityTimeoutSeconds],
        ['sqs_managed_sse_enabled', true],
        ['redrive_policy', redrive],
      ]),
      mapping(t, ARN.sourceQueue, [
        ['batch_size', e.batchSize],
        ['maximum_batching_window_in_seconds', e.windowSeconds ?? undefined],
        ['function_response_types', e.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined],
        ...(e.maximumConcurrency !== null ? [block('scaling_config', [], [['maximum_concurrency', e.maximumConcurrency]])] : []),
        ...pollerConfig(e.provisionedPollers),
      ]),
    );
    output(t, 'source_queue_url', 'aws_sqs_queue.source.url', 'Send messages here');
  },
  streamSource: (e, t) => {
    const kinesis = e.stream === 'kinesis';
    t.main.push(
      kinesis
        ? resource('aws_kinesis_stream', 'source', [
            ['name', expr('"${var.function_name}-source"')],
            ['encryption_type', 'KMS'],
            ['kms_key_id', 'alias/aws/kinesis'],
            block('stream_mode_details', [], [['stream_mode', 'ON_DEMAND']]),
          ])
        : resource('aws_dynamodb_table', 'source', [
            ['name', expr('"${var.function_name}-source"')],
            ['billing_mode', 'PAY_PER_REQUEST'],
            ['hash_key', e.tableKey],
            ['stream_enabled', true],
            ['stream_view_type', 'NEW_AND_OLD_IMAGES'],
            block('attribute', [], [['name', e.tableKey], ['type', 'S']]),
            ...ENCRYPTED_TABLE,
          ]),
      mapping(t, kinesis ? ARN.sourceStream : attribute('sourceTable', 'stream_arn'), [
        ['starting_position', e.startingPosition],
        ['batch_size', e.batchSize],
        ['maximum_batching_window_in_seconds', e.windowSeconds ?? undefined],
        ['parallelization_factor', e.parallelizationFactor ?? undefined],
        ['bisect_batch_on_function_error', e.bisectBatchOnFunctionError ?? undefined],
        ['maximum_retry_attempts', e.retryAttempts ?? undefined],
        ['maximum_record_age_in_seconds', e.maximumRecordAgeSeconds ?? undefined],
        ['function_response_types', e.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined],
        ...onFailure(t, e.onFailure, 'destination_arn'),
      ]),
    );
  },
  kafkaSource: (e, t) => {
    variable(t, 'kafka_cluster_arn', 'string', 'ARN of the Amazon MSK cluster');
    variable(t, 'kafka_topic', 'string', 'Topic to consume', e.defaultTopic);
    t.main.push(
      resource('aws_iam_role_policy_attachment', 'msk', [['role', expr('aws_iam_role.function.name')], ['policy_arn', policyArn(e.managedPolicy)]]),
      mapping(t, 'var.kafka_cluster_arn', [
        ['topics', [expr('var.kafka_topic')]],
        ['starting_position', e.startingPosition],
        ['batch_size', e.batchSize],
        ['maximum_batching_window_in_seconds', e.windowSeconds ?? undefined],
        ['bisect_batch_on_function_error', e.bisectBatchOnFunctionError ?? undefined],
        ['maximum_retry_attempts', e.retryAttempts ?? undefined],
        ['maximum_record_age_in_seconds', e.maximumRecordAgeSeconds ?? undefined],
        ['function_response_types', e.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined],
        ...pollerConfig(e.provisionedPollers),
        ...onFailure(t, e.onFailure, 'destination_arn'),
      ]),
    );
  },
  restApi: (e, t) => {
    const integration = {
      type: 'aws_proxy',
      httpMethod: e.method,
      uri: expr(`"arn:\${data.aws_partition.current.partition}:apigateway:\${data.aws_region.current.region}:lambda:path/2015-03-31/functions/\${${invoked(t)}.arn}/invocations"`),
    };
    const openapi = { openapi: '3.0.1', info: { title: e.title, version: '1.0' }, paths: { [e.path]: { [e.method.toLowerCase()]: { 'x-amazon-apigateway-integration': integration } } } };
    t.main.push(
      resource('aws_api_gateway_rest_api', 'api', [['name', expr('var.function_name')], ['body', call('jsonencode', openapi)]]),
      resource('aws_api_gateway_deployment', 'api', [
        ['rest_api_id', expr('aws_api_gateway_rest_api.api.id')],
        ['triggers', { redeployment: call('sha1', call('jsonencode', expr('aws_api_gateway_rest_api.api.body'))) }],
        block('lifecycle', [], [['create_before_destroy', true]]),
      ]),
      resource('aws_api_gateway_stage', 'prod', [['rest_api_id', expr('aws_api_gateway_rest_api.api.id')], ['deployment_id', expr('aws_api_gateway_deployment.api.id')], ['stage_name', 'prod']]),
    );
    output(t, 'api_url', `"\${aws_api_gateway_stage.prod.invoke_url}${e.path}"`, `${e.method} ${e.path} here`);
  },
  httpApi: (e, t) => {
    t.main.push(resource('aws_apigatewayv2_api', 'api', [['name', expr('var.function_name')], ['protocol_type', 'HTTP'], ['route_key', `${e.method} ${e.path}`], ['target', expr(`${invoked(t)}.arn`)]]));
    output(t, 'api_url', `"\${aws_apigatewayv2_api.api.api_endpoint}${e.path}"`, `${e.method} ${e.path} here`);
  },
  functionUrl: (e, t) => {
    t.main.push(resource('aws_lambda_function_url', 'function', [['function_name', expr('aws_lambda_function.function.function_name')], ...qualifier(t), ['authorization_type', e.authType]]));
    output(t, 'function_url', 'aws_lambda_function_url.function.function_url', 'The function URL (IAM auth)');
  },
  loadBalancer: (e, t) => {
    variable(t, 'listener_arn', 'string', 'ARN of the Application Load Balancer listener');
    variable(t, 'listener_rule_priority', 'number', 'Priority of the listener rule (unique on the listener)', e.defaultPriority);
    t.main.push(
      resource('aws_lb_target_group', 'function', [['name_prefix', 'fn-'], ['target_type', 'lambda']]),
      resource('aws_lb_target_group_attachment', 'function', [
        ['target_group_arn', expr('aws_lb_target_group.function.arn')],
        ['target_id', expr(`${invoked(t)}.arn`)],
        ['depends_on', [expr('aws_lambda_permission.alb')]],
      ]),
      resource('aws_lb_listener_rule', 'function', [
        ['listener_arn', expr('var.listener_arn')],
        ['priority', expr('var.listener_rule_priority')],
        block('action', [], [['type', 'forward'], ['target_group_arn', expr('aws_lb_target_group.function.arn')]]),
        block('condition', [], [block('path_pattern', [], [['values', [e.path]]])]),
      ]),
    );
  },
  uploadBucket: (e, t) => {
    variable(t, 'upload_bucket_name', 'string', 'Name of the bucket whose new objects invoke the function (globally unique, lower case)');
    t.main.push(
      resource('aws_s3_bucket', 'upload', [['bucket', expr('var.upload_bucket_name')]]),
      resource('aws_s3_bucket_public_access_block', 'upload', [
        ['bucket', expr('aws_s3_bucket.upload.id')],
        ['block_public_acls', true],
        ['block_public_policy', true],
        ['ignore_public_acls', true],
        ['restrict_public_buckets', true],
      ]),
      resource('aws_s3_bucket_notification', 'upload', [
        ['bucket', expr('aws_s3_bucket.upload.id')],
        block('lambda_function', [], [['lambda_function_arn', expr(`${invoked(t)}.arn`)], ['events', [`s3:${e.events}:*`]]]),
        ['depends_on', [expr('aws_lambda_permission.s3')]],
      ]),
    );
  },
  topicSource: (_e, t) => {
    t.main.push(
      resource('aws_sns_topic', 'source', [['name_prefix', expr('"${var.function_name}-"')], ['kms_master_key_id', 'alias/aws/sns']]),
      resource('aws_sns_topic_subscription', 'function', [['topic_arn', expr('aws_sns_topic.source.arn')], ['protocol', 'lambda'], ['endpoint', expr(`${invoked(t)}.arn`)]]),
    );
    output(t, 'source_topic_arn', 'aws_sns_topic.source.arn', 'Publish here');
  },
  eventRule: (e, t) => {
    t.main.push(
      resource('aws_cloudwatch_event_rule', 'orders', [
        ['name_prefix', expr('"${substr(var.function_name, 0, 30)}-"')],
        ['event_pattern', call('jsonencode', { source: [...e.pattern.source], 'detail-type': [...e.pattern['detail-type']] })],
      ]),
      resource('aws_cloudwatch_event_target', 'function', [['rule', expr('aws_cloudwatch_event_rule.orders.name')], ['arn', expr(`${invoked(t)}.arn`)]]),
    );
  },
  schedule: (e, t) => {
    variable(t, 'schedule_expression', 'string', 'When to run: rate(...) or cron(...)', e.defaultExpression);
    t.main.push(
      resource('aws_scheduler_schedule', 'function', [
        ['name_prefix', expr('"${substr(var.function_name, 0, 30)}-"')],
        ['schedule_expression', expr('var.schedule_expression')],
        block('flexible_time_window', [], [['mode', 'OFF']]),
        block('target', [], [
          ['arn', expr(`${invoked(t)}.arn`)],
          ['role_arn', expr('aws_iam_role.scheduler.arn')],
          // EventBridge Scheduler fills in the context attributes; scheduledTime is the idempotency key.
          ['input', call('jsonencode', { scheduledTime: '<aws.scheduler.scheduled-time>', executionId: '<aws.scheduler.execution-id>' })],
        ]),
      ]),
    );
  },
  asyncInvoke: (e, t) => {
    t.main.push(
      resource('aws_lambda_function_event_invoke_config', 'function', [
        ['function_name', expr('aws_lambda_function.function.function_name')],
        ...qualifier(t),
        ['maximum_retry_attempts', e.retryAttempts ?? undefined],
        ['maximum_event_age_in_seconds', e.maximumEventAgeSeconds ?? undefined],
        ...onFailure(t, e.onFailure, 'destination'),
      ]),
    );
  },
  vpc: (e, t) => {
    t.vpc = e;
    variable(t, 'subnet_ids', 'list(string)', `Private subnets for the function, one per Availability Zone (${e.subnets})`);
    variable(t, 'security_group_ids', 'list(string)', 'Security groups for the function');
    t.main.push(resource('aws_iam_role_policy_attachment', 'vpc', [['role', expr('aws_iam_role.function.name')], ['policy_arn', policyArn(e.managedPolicy)]]));
    if (e.gatewayEndpoints.length + e.interfaceEndpoints.length > 0) variable(t, 'vpc_id', 'string', 'The VPC of the subnets');
    if (e.gatewayEndpoints.length > 0) variable(t, 'route_table_ids', 'list(string)', 'Route tables of the private subnets (for the gateway endpoints)');
    const endpoint = (service: string, kind: 'Gateway' | 'Interface', extra: Body) =>
      resource('aws_vpc_endpoint', `${service.replace(/[^a-z0-9_]/g, '_')}_${kind.toLowerCase()}`, [
        ['vpc_id', expr('var.vpc_id')],
        ['service_name', expr(`"com.amazonaws.\${data.aws_region.current.region}.${service}"`)],
        ['vpc_endpoint_type', kind],
        ...extra,
      ]);
    for (const g of e.gatewayEndpoints) t.main.push(endpoint(g, 'Gateway', [['route_table_ids', expr('var.route_table_ids')]]));
    for (const i of e.interfaceEndpoints) {
      t.main.push(endpoint(i, 'Interface', [['subnet_ids', expr('var.subnet_ids')], ['security_group_ids', expr('var.security_group_ids')], ['private_dns_enabled', true]]));
    }
  },
  capacityProvider: (e, t) => {
    t.capacityProvider = e;
    variable(t, 'vpc_id', 'string', 'The VPC the Managed Instances run in');
    variable(t, 'subnet_ids', 'list(string)', `Private subnets for the Managed Instances, one in each of ${e.availabilityZones} Availability Zones (${e.instancesAtAverage} instances at average load)`);
    t.main.push(
      resource('aws_security_group', 'capacity_provider', [
        ['name_prefix', expr('"${substr(var.function_name, 0, 32)}-instances-"')],
        ['description', 'Managed Instances of the function: no inbound rule, outbound to the AWS APIs it calls'],
        ['vpc_id', expr('var.vpc_id')],
        block('egress', [], [['from_port', 0], ['to_port', 0], ['protocol', '-1'], ['cidr_blocks', ['0.0.0.0/0']]]),
      ]),
      resource('aws_iam_role', 'operator', [['name_prefix', expr('"${substr(var.function_name, 0, 28)}-operator-"')], ['assume_role_policy', assumedBy(e.operatorPrincipal)]]),
      resource('aws_iam_role_policy_attachment', 'operator', [['role', expr('aws_iam_role.operator.name')], ['policy_arn', policyArn(e.operatorPolicy)]]),
      resource('aws_lambda_capacity_provider', 'function', [
        ['name', expr('var.function_name')],
        block('vpc_config', [], [['subnet_ids', expr('var.subnet_ids')], ['security_group_ids', [expr('aws_security_group.capacity_provider.id')]]]),
        block('permissions_config', [], [['capacity_provider_operator_role_arn', expr('aws_iam_role.operator.arn')]]),
        block('instance_requirements', [], [['architectures', [e.architecture]], ['allowed_instance_types', [...e.instanceTypes]]]),
        block('capacity_provider_scaling_config', [], [['max_vcpu_count', e.maxVCpuCount], ['scaling_mode', 'Auto']]),
        ['depends_on', [expr('aws_iam_role_policy_attachment.operator')]],
      ]),
    );
  },
  durable: (e, t) => {
    t.durable = e;
    // The checkpoint permissions, on this function's versions only (function:NAME:*).
    t.statements.push({ Sid: 'DurableCheckpoints', Effect: 'Allow', Action: [...e.actions], Resource: expr(regional('lambda', 'function:${var.function_name}:*')) });
  },
  stateMachine: (e, t) => {
    const statements: HclValue[] = [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: expr('aws_lambda_alias.live.arn') }];
    if (e.logging !== null) {
      t.tail.push(resource('aws_cloudwatch_log_group', 'state_machine', [['name', expr('"/aws/vendedlogs/states/${var.function_name}"')], ['retention_in_days', e.logging.retentionDays]]));
      // Log delivery actions take no resource ARN (Step Functions' documented policy).
      statements.push({ Effect: 'Allow', Action: [...e.logging.deliveryActions], Resource: '*' });
    }
    const placeholder = '\u0000function-arn';
    t.tail.push(
      resource('aws_iam_role', 'state_machine', [['name_prefix', expr('"${substr(var.function_name, 0, 28)}-workflow-"')], ['assume_role_policy', assumedBy(e.principal)]]),
      // The state machine may invoke only the alias its tasks name.
      resource('aws_iam_role_policy', 'state_machine', [['name', 'invoke-the-alias'], ['role', expr('aws_iam_role.state_machine.id')], ['policy', jsonPolicy(statements)]]),
      resource('aws_sfn_state_machine', 'workflow', [
        ['name', expr('var.function_name')],
        ['type', e.type],
        ['role_arn', expr('aws_iam_role.state_machine.arn')],
        ['definition', call('jsonencode', withReference(stateMachineDefinition(e, placeholder), placeholder, 'aws_lambda_alias.live.arn'))],
        ...(e.logging !== null
          ? [block('logging_configuration', [], [['log_destination', expr('"${aws_cloudwatch_log_group.state_machine.arn}:*"')], ['include_execution_data', false], ['level', e.logging.level]])]
          : []),
        ['depends_on', [expr('aws_iam_role_policy.state_machine')]],
      ]),
    );
    output(t, 'state_machine_arn', 'aws_sfn_state_machine.workflow.arn', `Start executions here; the ${e.unwiredSource} source is not wired to it`);
  },
};

/** `aws_lambda_function.function` with what the function, log group, alias, SnapStart and VPC elements set. */
function functionBlock(t: Tf): Block {
  const f = t.fn!;
  const ts = f.language === 'typescript';
  const env: { [k: string]: HclValue } = Object.fromEntries(f.environment.map(([name, v]) => [name, envValue(v)]));
  const body: Body = [
    ['function_name', expr('var.function_name')],
    ['description', f.description],
    ['role', expr('aws_iam_role.function.arn')],
    ['filename', expr('data.archive_file.function.output_path')],
    ['source_code_hash', expr('data.archive_file.function.output_base64sha256')],
    ['handler', ts ? 'handler.handler' : 'handler.lambda_handler'],
    ['runtime', f.runtime],
    ['architectures', [f.architecture]],
    ['memory_size', f.memoryMb],
    ['timeout', f.timeoutSeconds],
    ['reserved_concurrent_executions', f.reservedConcurrency ?? undefined],
    ['publish', t.alias !== null ? true : undefined],
    block('ephemeral_storage', [], [['size', f.ephemeralStorageMb]]),
    block('tracing_config', [], [['mode', f.tracing]]),
    ...(t.logGroup ? [block('logging_config', [], [['log_format', 'JSON'], ['log_group', expr('aws_cloudwatch_log_group.function.name')]])] : []),
    block('environment', [], [['variables', env]]),
  ];
  if (t.snapStart !== null) body.push(block('snap_start', [], [['apply_on', t.snapStart.applyOn]]));
  if (t.capacityProvider !== null) {
    body.push(
      block('capacity_provider_config', [], [
        block('lambda_managed_instances_capacity_provider_config', [], [
          ['capacity_provider_arn', expr('aws_lambda_capacity_provider.function.arn')],
          ['execution_environment_memory_gib_per_vcpu', t.capacityProvider.memoryGiBPerVCpu],
          ['per_execution_environment_max_concurrency', t.capacityProvider.perEnvironmentMaxConcurrency],
        ]),
      ]),
    );
  }
  if (t.durable !== null) body.push(block('durable_config', [], [['execution_timeout', t.durable.executionTimeoutSeconds], ['retention_period', t.durable.retentionDays]]));
  if (t.vpc !== null) {
    body.push(
      block('vpc_config', [], [
        ['subnet_ids', expr('var.subnet_ids')],
        ['security_group_ids', expr('var.security_group_ids')],
        ['ipv6_allowed_for_dual_stack', t.vpc.ipv6 ? true : undefined],
      ]),
    );
  }
  body.push(['depends_on', [expr('aws_iam_role_policy_attachment.logs'), expr('aws_cloudwatch_log_group.function')]]);
  return resource('aws_lambda_function', 'function', body);
}

function prologue(plan: Plan, t: Tf): void {
  variable(t, 'region', 'string', 'AWS Region to deploy to', plan.design.region);
  variable(t, 'function_name', 'string', 'Name of the Lambda function', plan.slug);
  t.head.push(
    block('terraform', [], [
      ['required_version', '>= 1.5'],
      block('required_providers', [], [
        // Capacity providers and durable_config arrived in the AWS provider 6.24 and 6.25.
        ['aws', { source: 'hashicorp/aws', version: plan.compute === 'on-demand' ? '>= 5.80' : '>= 6.25' }],
        ['archive', { source: 'hashicorp/archive', version: '>= 2.4' }],
      ]),
    ]),
    block('provider', ['aws'], [['region', expr('var.region')]]),
    block('data', ['aws_partition', 'current'], []),
    block('data', ['aws_region', 'current'], []),
    block('data', ['aws_caller_identity', 'current'], []),
  );
}

export function terraformFiles(plan: Plan): ScaffoldFile[] {
  const t: Tf = { head: [], main: [], afterFunction: [], tail: [], vars: [], outs: [], statements: [], fn: null, logGroup: false, alias: null, snapStart: null, vpc: null, destination: null, capacityProvider: null, durable: null };
  prologue(plan, t);
  emitAll(infraPlan(plan), TERRAFORM_EMITTERS, t);
  const rolePolicy = resource('aws_iam_role_policy', 'function', [['name', 'least-privilege'], ['role', expr('aws_iam_role.function.id')], ['policy', jsonPolicy(t.statements)]]);
  const main = [...t.head, ...t.main, functionBlock(t), ...t.afterFunction, rolePolicy, ...t.tail];
  output(t, 'function_arn', 'aws_lambda_function.function.arn', 'The function');
  const head = `${JSON.stringify(plan.displayName)}: ${plan.source} function, scaffolded by Lambda Design Advisor.\nEvery number below comes from the design (see README.md for the reasons).`;
  return [
    { path: 'main.tf', contents: renderFile(main, head), role: 'iac' },
    { path: 'variables.tf', contents: renderFile(t.vars, 'Inputs of the stack.'), role: 'iac' },
    { path: 'outputs.tf', contents: renderFile(t.outs, 'What the stack exposes.'), role: 'iac' },
  ];
}
