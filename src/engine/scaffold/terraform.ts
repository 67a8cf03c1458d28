/**
 * Terraform (HCL, AWS provider): `main.tf`, `variables.tf`, `outputs.tf`, the same resources and
 * knobs as the SAM template. Written through the escaping HCL emitter in hcl.ts.
 */
import { OBSERVABILITY } from '../facts/observability.ts';
import { block, call, expr, renderFile, type Block, type Body, type HclValue } from './hcl.ts';
import type { Plan } from './plan.ts';
import { ALIAS_NAME, endpointService } from './infra.ts';
import type { ScaffoldFile } from './types.ts';

const resource = (type: string, name: string, body: Body): Block => block('resource', [type, name], body);
const policyArn = (name: string) => expr(`"arn:\${data.aws_partition.current.partition}:iam::aws:policy/${name}"`);

export function terraformFiles(plan: Plan): ScaffoldFile[] {
  const d = plan.design;
  const b = d.batching;
  const e = d.errorHandling;
  const c = d.concurrency;
  const ts = plan.options.language === 'typescript';
  const main: Block[] = [];
  const vars: Block[] = [];
  const outs: Block[] = [];
  const statements: Array<{ [k: string]: HclValue }> = [];
  const variable = (name: string, type: string, description: string, def?: HclValue) =>
    vars.push(block('variable', [name], [['type', expr(type)], ['description', description], ...(def === undefined ? [] : ([['default', def]] as Body))]));
  const output = (name: string, v: string, description: string) => outs.push(block('output', [name], [['description', description], ['value', expr(v)]]));
  const alarm = (name: string, description: string, namespace: string, metric: string, dims: { [k: string]: HclValue }, statistic: string) =>
    main.push(
      resource('aws_cloudwatch_metric_alarm', name, [
        ['alarm_name', expr(`"\${var.function_name}-${name.replace(/_/g, '-')}"`)],
        ['alarm_description', description],
        ['namespace', namespace],
        ['metric_name', metric],
        ['dimensions', dims],
        ['statistic', statistic],
        ['period', OBSERVABILITY.alarmPeriodSeconds.value],
        ['evaluation_periods', 1],
        ['threshold', 0],
        ['comparison_operator', 'GreaterThanThreshold'],
        ['treat_missing_data', 'notBreaching'],
      ]),
    );

  variable('region', 'string', 'AWS Region to deploy to', d.region);
  variable('function_name', 'string', 'Name of the Lambda function', plan.slug);
  variable('settings_parameter_name', 'string', 'SSM parameter (SecureString, JSON) with settings and secrets, without the leading slash', `${plan.slug}/settings`);

  main.push(
    block('terraform', [], [
      ['required_version', '>= 1.5'],
      block('required_providers', [], [
        ['aws', { source: 'hashicorp/aws', version: '>= 5.80' }],
        ['archive', { source: 'hashicorp/archive', version: '>= 2.4' }],
      ]),
    ]),
    block('provider', ['aws'], [['region', expr('var.region')]]),
    block('data', ['aws_partition', 'current'], []),
    block('data', ['aws_region', 'current'], []),
    block('data', ['aws_caller_identity', 'current'], []),
    block('data', ['archive_file', 'function'], [
      ['type', 'zip'],
      ...(ts
        ? ([['source_file', expr('"${path.module}/dist/handler.mjs"')]] as Body)
        : ([['source_dir', expr('"${path.module}/src"')]] as Body)),
      ['output_path', expr('"${path.module}/build/function.zip"')],
    ]),
    resource('aws_iam_role', 'function', [
      ['name_prefix', expr('"${substr(var.function_name, 0, 32)}-"')],
      [
        'assume_role_policy',
        call('jsonencode', {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
        }),
      ],
    ]),
    resource('aws_iam_role_policy_attachment', 'logs', [
      ['role', expr('aws_iam_role.function.name')],
      ['policy_arn', policyArn('service-role/AWSLambdaBasicExecutionRole')],
    ]),
    resource('aws_iam_role_policy_attachment', 'xray', [
      ['role', expr('aws_iam_role.function.name')],
      ['policy_arn', policyArn('AWSXRayDaemonWriteAccess')],
    ]),
    resource('aws_cloudwatch_log_group', 'function', [
      ['name', expr('"/aws/lambda/${var.function_name}"')],
      ['retention_in_days', OBSERVABILITY.logRetentionDays.value],
    ]),
  );
  statements.push({
    Sid: 'ReadSettings',
    Effect: 'Allow',
    Action: ['ssm:GetParameter', 'ssm:GetParameters'],
    Resource: expr('"arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:parameter/${var.settings_parameter_name}"'),
  });

  const env: { [k: string]: HclValue } = {
    POWERTOOLS_SERVICE_NAME: plan.displayName,
    POWERTOOLS_METRICS_NAMESPACE: plan.slug,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    SETTINGS_PARAMETER_NAME: expr('"/${var.settings_parameter_name}"'),
  };
  if (plan.idempotent) {
    main.push(
      resource('aws_dynamodb_table', 'idempotency', [
        ['name', expr('"${var.function_name}-idempotency"')],
        ['billing_mode', 'PAY_PER_REQUEST'],
        ['hash_key', 'id'],
        block('attribute', [], [['name', 'id'], ['type', 'S']]),
        block('ttl', [], [['attribute_name', 'expiration'], ['enabled', true]]),
        block('server_side_encryption', [], [['enabled', true]]),
      ]),
    );
    env.IDEMPOTENCY_TABLE_NAME = expr('aws_dynamodb_table.idempotency.name');
    statements.push({
      Sid: 'IdempotencyRecords',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      Resource: expr('aws_dynamodb_table.idempotency.arn'),
    });
  }

  const needsAlias = c.provisioned !== null || plan.snapStart;
  const fnRef = needsAlias ? 'aws_lambda_alias.live' : 'aws_lambda_function.function';
  const fnArn = needsAlias ? 'aws_lambda_alias.live.arn' : 'aws_lambda_function.function.arn';

  // Failure destination (async and stream/Kafka on-failure)
  const usesDest = e.onFailureDestination !== null && (plan.async || plan.family === 'stream' || plan.family === 'kafka');
  let destArn: string | null = null;
  if (usesDest) {
    switch (e.onFailureDestination) {
      case 'sqs':
        main.push(resource('aws_sqs_queue', 'failure', [['name_prefix', expr('"${var.function_name}-failure-"')], ['sqs_managed_sse_enabled', true]]));
        statements.push({ Sid: 'SendFailures', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: expr('aws_sqs_queue.failure.arn') });
        alarm('failure_queue_depth', `${plan.displayName}: failed events are waiting in the on-failure queue`, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: expr('aws_sqs_queue.failure.name') }, 'Maximum');
        destArn = 'aws_sqs_queue.failure.arn';
        break;
      case 'sns':
        main.push(resource('aws_sns_topic', 'failure', [['name_prefix', expr('"${var.function_name}-failure-"')], ['kms_master_key_id', 'alias/aws/sns']]));
        statements.push({ Sid: 'PublishFailures', Effect: 'Allow', Action: ['sns:Publish'], Resource: expr('aws_sns_topic.failure.arn') });
        destArn = 'aws_sns_topic.failure.arn';
        break;
      case 's3':
        main.push(resource('aws_s3_bucket', 'failure', [['bucket_prefix', expr('"${lower(substr(var.function_name, 0, 30))}-failure-"')]]));
        statements.push({ Sid: 'WriteFailures', Effect: 'Allow', Action: ['s3:PutObject', 's3:ListBucket'], Resource: [expr('aws_s3_bucket.failure.arn'), expr('"${aws_s3_bucket.failure.arn}/*"')] });
        destArn = 'aws_s3_bucket.failure.arn';
        break;
      case 'eventbridge':
        statements.push({ Sid: 'PutFailures', Effect: 'Allow', Action: ['events:PutEvents'], Resource: expr('"arn:${data.aws_partition.current.partition}:events:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:event-bus/default"') });
        destArn = '"arn:${data.aws_partition.current.partition}:events:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:event-bus/default"';
        break;
      case 'lambda':
        variable('on_failure_function_arn', 'string', 'ARN of the function that receives failed events');
        statements.push({ Sid: 'InvokeOnFailure', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: expr('var.on_failure_function_arn') });
        destArn = 'var.on_failure_function_arn';
        break;
      default:
        break;
    }
  }

  const esm: Body = [];
  if (plan.family === 'queue' && b !== null) {
    const q = e.queue!;
    const fifo = plan.source === 'sqs-fifo';
    const fifoArgs: Body = fifo ? [['fifo_queue', true], ['content_based_deduplication', true]] : [];
    if (q.deadLetterQueue) {
      main.push(resource('aws_sqs_queue', 'dead_letter', [['name', expr(`"\${var.function_name}-dlq${fifo ? '.fifo' : ''}"`)], ...fifoArgs, ['sqs_managed_sse_enabled', true]]));
      alarm('dead_letter_queue_depth', `${plan.displayName}: messages are in the dead-letter queue`, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: expr('aws_sqs_queue.dead_letter.name') }, 'Maximum');
    }
    main.push(
      resource('aws_sqs_queue', 'source', [
        ['name', expr(`"\${var.function_name}-source${fifo ? '.fifo' : ''}"`)],
        ...fifoArgs,
        ['visibility_timeout_seconds', q.visibilityTimeoutSeconds],
        ['sqs_managed_sse_enabled', true],
        ['redrive_policy', q.deadLetterQueue ? call('jsonencode', { deadLetterTargetArn: expr('aws_sqs_queue.dead_letter.arn'), maxReceiveCount: q.maxReceiveCount }) : undefined],
      ]),
    );
    statements.push({
      Sid: 'PollSourceQueue',
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      Resource: expr('aws_sqs_queue.source.arn'),
    });
    output('source_queue_url', 'aws_sqs_queue.source.url', 'Send messages here');
    esm.push(
      ['event_source_arn', expr('aws_sqs_queue.source.arn')],
      ['batch_size', b.batchSize],
      ['maximum_batching_window_in_seconds', b.maximumBatchingWindowSeconds > 0 ? b.maximumBatchingWindowSeconds : undefined],
      ['function_response_types', b.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined],
    );
    if (c.maximumConcurrency !== null) esm.push(block('scaling_config', [], [['maximum_concurrency', c.maximumConcurrency]]));
  } else if (plan.family === 'stream' && b !== null) {
    const kinesis = plan.source === 'kinesis';
    if (kinesis) {
      main.push(
        resource('aws_kinesis_stream', 'source', [
          ['name', expr('"${var.function_name}-source"')],
          ['encryption_type', 'KMS'],
          ['kms_key_id', 'alias/aws/kinesis'],
          block('stream_mode_details', [], [['stream_mode', 'ON_DEMAND']]),
        ]),
      );
      statements.push({
        Sid: 'ReadStream',
        Effect: 'Allow',
        Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:SubscribeToShard'],
        Resource: expr('aws_kinesis_stream.source.arn'),
      });
    } else {
      main.push(
        resource('aws_dynamodb_table', 'source', [
          ['name', expr('"${var.function_name}-source"')],
          ['billing_mode', 'PAY_PER_REQUEST'],
          ['hash_key', 'orderId'],
          ['stream_enabled', true],
          ['stream_view_type', 'NEW_AND_OLD_IMAGES'],
          block('attribute', [], [['name', 'orderId'], ['type', 'S']]),
          block('server_side_encryption', [], [['enabled', true]]),
        ]),
      );
      statements.push({
        Sid: 'ReadStream',
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        Resource: expr('aws_dynamodb_table.source.stream_arn'),
      });
    }
    esm.push(
      ['event_source_arn', expr(kinesis ? 'aws_kinesis_stream.source.arn' : 'aws_dynamodb_table.source.stream_arn')],
      ['starting_position', 'LATEST'],
      ['batch_size', b.batchSize],
      ['maximum_batching_window_in_seconds', b.maximumBatchingWindowSeconds > 0 ? b.maximumBatchingWindowSeconds : undefined],
      ['parallelization_factor', c.parallelizationFactor ?? undefined],
      ['bisect_batch_on_function_error', e.bisectBatchOnFunctionError ?? undefined],
      ['maximum_retry_attempts', e.retryAttempts ?? undefined],
      ['maximum_record_age_in_seconds', e.maximumRecordAgeSeconds ?? undefined],
      ['function_response_types', b.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined],
    );
    if (destArn !== null) esm.push(block('destination_config', [], [block('on_failure', [], [['destination_arn', expr(destArn)]])]));
  } else if (plan.source === 'kafka' && b !== null) {
    variable('kafka_cluster_arn', 'string', 'ARN of the Amazon MSK cluster');
    variable('kafka_topic', 'string', 'Topic to consume', 'orders');
    main.push(resource('aws_iam_role_policy_attachment', 'msk', [['role', expr('aws_iam_role.function.name')], ['policy_arn', policyArn('service-role/AWSLambdaMSKExecutionRole')]]));
    esm.push(
      ['event_source_arn', expr('var.kafka_cluster_arn')],
      ['topics', [expr('var.kafka_topic')]],
      ['starting_position', 'LATEST'],
      ['batch_size', b.batchSize],
      ['maximum_batching_window_in_seconds', b.maximumBatchingWindowSeconds > 0 ? b.maximumBatchingWindowSeconds : undefined],
    );
    if (destArn !== null) esm.push(block('destination_config', [], [block('on_failure', [], [['destination_arn', expr(destArn)]])]));
  } else if (plan.http === 'rest') {
    main.push(
      resource('aws_api_gateway_rest_api', 'api', [
        ['name', expr('var.function_name')],
        [
          'body',
          call('jsonencode', {
            openapi: '3.0.1',
            info: { title: plan.displayName, version: '1.0' },
            paths: {
              '/orders': {
                post: {
                  'x-amazon-apigateway-integration': {
                    type: 'aws_proxy',
                    httpMethod: 'POST',
                    uri: expr(`"arn:\${data.aws_partition.current.partition}:apigateway:\${data.aws_region.current.region}:lambda:path/2015-03-31/functions/\${${fnArn}}/invocations"`),
                  },
                },
              },
            },
          }),
        ],
      ]),
      resource('aws_api_gateway_deployment', 'api', [
        ['rest_api_id', expr('aws_api_gateway_rest_api.api.id')],
        ['triggers', { redeployment: call('sha1', call('jsonencode', expr('aws_api_gateway_rest_api.api.body'))) }],
        block('lifecycle', [], [['create_before_destroy', true]]),
      ]),
      resource('aws_api_gateway_stage', 'prod', [
        ['rest_api_id', expr('aws_api_gateway_rest_api.api.id')],
        ['deployment_id', expr('aws_api_gateway_deployment.api.id')],
        ['stage_name', 'prod'],
      ]),
      resource('aws_lambda_permission', 'api', [
        ['action', 'lambda:InvokeFunction'],
        ['function_name', expr(`${fnRef}.function_name`)],
        ...(needsAlias ? ([['qualifier', expr('aws_lambda_alias.live.name')]] as Body) : []),
        ['principal', 'apigateway.amazonaws.com'],
        ['source_arn', expr('"${aws_api_gateway_rest_api.api.execution_arn}/*/POST/orders"')],
      ]),
    );
    output('api_url', '"${aws_api_gateway_stage.prod.invoke_url}/orders"', 'POST /orders here');
  } else if (plan.http === 'http') {
    main.push(
      resource('aws_apigatewayv2_api', 'api', [
        ['name', expr('var.function_name')],
        ['protocol_type', 'HTTP'],
        ['route_key', 'POST /orders'],
        ['target', expr(fnArn)],
      ]),
      resource('aws_lambda_permission', 'api', [
        ['action', 'lambda:InvokeFunction'],
        ['function_name', expr(`${fnRef}.function_name`)],
        ...(needsAlias ? ([['qualifier', expr('aws_lambda_alias.live.name')]] as Body) : []),
        ['principal', 'apigateway.amazonaws.com'],
        ['source_arn', expr('"${aws_apigatewayv2_api.api.execution_arn}/*/*/orders"')],
      ]),
    );
    output('api_url', '"${aws_apigatewayv2_api.api.api_endpoint}/orders"', 'POST /orders here');
  } else if (plan.http === 'url') {
    main.push(
      resource('aws_lambda_function_url', 'function', [
        ['function_name', expr('aws_lambda_function.function.function_name')],
        ...(needsAlias ? ([['qualifier', expr('aws_lambda_alias.live.name')]] as Body) : []),
        ['authorization_type', 'AWS_IAM'],
      ]),
    );
    output('function_url', 'aws_lambda_function_url.function.function_url', 'The function URL (IAM auth)');
  } else if (plan.http === 'alb') {
    variable('listener_arn', 'string', 'ARN of the Application Load Balancer listener');
    variable('listener_rule_priority', 'number', 'Priority of the listener rule (unique on the listener)', 100);
    main.push(
      resource('aws_lb_target_group', 'function', [['name_prefix', 'fn-'], ['target_type', 'lambda']]),
      resource('aws_lambda_permission', 'alb', [
        ['action', 'lambda:InvokeFunction'],
        ['function_name', expr(`${fnRef}.function_name`)],
        ...(needsAlias ? ([['qualifier', expr('aws_lambda_alias.live.name')]] as Body) : []),
        ['principal', 'elasticloadbalancing.amazonaws.com'],
        ['source_arn', expr('aws_lb_target_group.function.arn')],
      ]),
      resource('aws_lb_target_group_attachment', 'function', [
        ['target_group_arn', expr('aws_lb_target_group.function.arn')],
        ['target_id', expr(fnArn)],
        ['depends_on', [expr('aws_lambda_permission.alb')]],
      ]),
      resource('aws_lb_listener_rule', 'function', [
        ['listener_arn', expr('var.listener_arn')],
        ['priority', expr('var.listener_rule_priority')],
        block('action', [], [['type', 'forward'], ['target_group_arn', expr('aws_lb_target_group.function.arn')]]),
        block('condition', [], [block('path_pattern', [], [['values', ['/orders']]])]),
      ]),
    );
  } else if (plan.source === 's3') {
    variable('upload_bucket_name', 'string', 'Name of the bucket whose new objects invoke the function (globally unique, lower case)');
    main.push(
      resource('aws_s3_bucket', 'upload', [['bucket', expr('var.upload_bucket_name')]]),
      resource('aws_s3_bucket_public_access_block', 'upload', [
        ['bucket', expr('aws_s3_bucket.upload.id')],
        ['block_public_acls', true],
        ['block_public_policy', true],
        ['ignore_public_acls', true],
        ['restrict_public_buckets', true],
      ]),
      resource('aws_lambda_permission', 's3', [
        ['action', 'lambda:InvokeFunction'],
        ['function_name', expr(`${fnRef}.function_name`)],
        ...(needsAlias ? ([['qualifier', expr('aws_lambda_alias.live.name')]] as Body) : []),
        ['principal', 's3.amazonaws.com'],
        ['source_arn', expr('aws_s3_bucket.upload.arn')],
      ]),
      resource('aws_s3_bucket_notification', 'upload', [
        ['bucket', expr('aws_s3_bucket.upload.id')],
        block('lambda_function', [], [['lambda_function_arn', expr(fnArn)], ['events', ['s3:ObjectCreated:*']]]),
        ['depends_on', [expr('aws_lambda_permission.s3')]],
      ]),
    );
    statements.push({ Sid: 'ReadUploads', Effect: 'Allow', Action: ['s3:GetObject'], Resource: expr('"${aws_s3_bucket.upload.arn}/*"') });
  } else if (plan.source === 'sns') {
    main.push(
      resource('aws_sns_topic', 'source', [['name_prefix', expr('"${var.function_name}-"')], ['kms_master_key_id', 'alias/aws/sns']]),
      resource('aws_sns_topic_subscription', 'function', [['topic_arn', expr('aws_sns_topic.source.arn')], ['protocol', 'lambda'], ['endpoint', expr(fnArn)]]),
      resource('aws_lambda_permission', 'sns', [
        ['action', 'lambda:InvokeFunction'],
        ['function_name', expr(`${fnRef}.function_name`)],
        ...(needsAlias ? ([['qualifier', expr('aws_lambda_alias.live.name')]] as Body) : []),
        ['principal', 'sns.amazonaws.com'],
        ['source_arn', expr('aws_sns_topic.source.arn')],
      ]),
    );
    output('source_topic_arn', 'aws_sns_topic.source.arn', 'Publish here');
  } else if (plan.source === 'eventbridge') {
    main.push(
      resource('aws_cloudwatch_event_rule', 'orders', [
        ['name_prefix', expr('"${substr(var.function_name, 0, 30)}-"')],
        ['event_pattern', call('jsonencode', { source: [plan.slug], 'detail-type': ['OrderPlaced'] })],
      ]),
      resource('aws_cloudwatch_event_target', 'function', [['rule', expr('aws_cloudwatch_event_rule.orders.name')], ['arn', expr(fnArn)]]),
      resource('aws_lambda_permission', 'events', [
        ['action', 'lambda:InvokeFunction'],
        ['function_name', expr(`${fnRef}.function_name`)],
        ...(needsAlias ? ([['qualifier', expr('aws_lambda_alias.live.name')]] as Body) : []),
        ['principal', 'events.amazonaws.com'],
        ['source_arn', expr('aws_cloudwatch_event_rule.orders.arn')],
      ]),
    );
  } else if (plan.source === 'schedule') {
    variable('schedule_expression', 'string', 'When to run: rate(...) or cron(...)', 'rate(1 hour)');
    main.push(
      resource('aws_iam_role', 'scheduler', [
        ['name_prefix', expr('"${substr(var.function_name, 0, 28)}-sched-"')],
        [
          'assume_role_policy',
          call('jsonencode', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' } }] }),
        ],
      ]),
      resource('aws_iam_role_policy', 'scheduler', [
        ['role', expr('aws_iam_role.scheduler.id')],
        ['policy', call('jsonencode', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: expr(fnArn) }] })],
      ]),
      resource('aws_scheduler_schedule', 'function', [
        ['name_prefix', expr('"${substr(var.function_name, 0, 30)}-"')],
        ['schedule_expression', expr('var.schedule_expression')],
        block('flexible_time_window', [], [['mode', 'OFF']]),
        block('target', [], [
          ['arn', expr(fnArn)],
          ['role_arn', expr('aws_iam_role.scheduler.arn')],
          // EventBridge Scheduler fills in the context attributes; scheduledTime is the idempotency key.
          ['input', call('jsonencode', { scheduledTime: '<aws.scheduler.scheduled-time>', executionId: '<aws.scheduler.execution-id>' })],
        ]),
      ]),
    );
  }
  if (esm.length > 0) {
    main.push(resource('aws_lambda_event_source_mapping', 'source', [['function_name', expr(fnArn)], ...esm, ['depends_on', [expr('aws_iam_role_policy.function')]]]));
  }

  if (plan.async) {
    main.push(
      resource('aws_lambda_function_event_invoke_config', 'function', [
        ['function_name', expr('aws_lambda_function.function.function_name')],
        ...(needsAlias ? ([['qualifier', expr('aws_lambda_alias.live.name')]] as Body) : []),
        ['maximum_retry_attempts', e.retryAttempts ?? undefined],
        ['maximum_event_age_in_seconds', e.maximumEventAgeSeconds ?? undefined],
        ...(destArn !== null ? [block('destination_config', [], [block('on_failure', [], [['destination', expr(destArn)]])])] : []),
      ]),
    );
  }

  const fnBody: Body = [
    ['function_name', expr('var.function_name')],
    ['description', `${plan.displayName} (${plan.source})`],
    ['role', expr('aws_iam_role.function.arn')],
    ['filename', expr('data.archive_file.function.output_path')],
    ['source_code_hash', expr('data.archive_file.function.output_base64sha256')],
    ['handler', ts ? 'handler.handler' : 'handler.lambda_handler'],
    ['runtime', plan.runtime],
    ['architectures', [d.architecture]],
    ['memory_size', d.memoryMb],
    ['timeout', d.timeoutSeconds],
    ['reserved_concurrent_executions', c.reserved ?? undefined],
    ['publish', needsAlias ? true : undefined],
    block('ephemeral_storage', [], [['size', d.ephemeralStorageMb]]),
    block('tracing_config', [], [['mode', 'Active']]),
    block('logging_config', [], [['log_format', 'JSON'], ['log_group', expr('aws_cloudwatch_log_group.function.name')]]),
    block('environment', [], [['variables', env]]),
  ];
  if (plan.snapStart) fnBody.push(block('snap_start', [], [['apply_on', 'PublishedVersions']]));
  if (d.vpc.attach) {
    variable('subnet_ids', 'list(string)', `Private subnets for the function, one per Availability Zone (${d.vpc.subnets})`);
    variable('security_group_ids', 'list(string)', 'Security groups for the function');
    fnBody.push(
      block('vpc_config', [], [
        ['subnet_ids', expr('var.subnet_ids')],
        ['security_group_ids', expr('var.security_group_ids')],
        ['ipv6_allowed_for_dual_stack', d.vpc.ipv6Egress ? true : undefined],
      ]),
    );
    main.push(resource('aws_iam_role_policy_attachment', 'vpc', [['role', expr('aws_iam_role.function.name')], ['policy_arn', policyArn('service-role/AWSLambdaVPCAccessExecutionRole')]]));
    const gateways = [...new Set(d.vpc.gatewayEndpoints.map(endpointService))].sort();
    const interfaces = [...new Set(d.vpc.interfaceEndpoints.map(endpointService))].sort();
    if (gateways.length + interfaces.length > 0) variable('vpc_id', 'string', 'The VPC of the subnets');
    if (gateways.length > 0) variable('route_table_ids', 'list(string)', 'Route tables of the private subnets (for the gateway endpoints)');
    for (const g of gateways) {
      main.push(
        resource('aws_vpc_endpoint', `${g.replace(/[^a-z0-9_]/g, '_')}_gateway`, [
          ['vpc_id', expr('var.vpc_id')],
          ['service_name', expr(`"com.amazonaws.\${data.aws_region.current.region}.${g}"`)],
          ['vpc_endpoint_type', 'Gateway'],
          ['route_table_ids', expr('var.route_table_ids')],
        ]),
      );
    }
    for (const i of interfaces) {
      main.push(
        resource('aws_vpc_endpoint', `${i.replace(/[^a-z0-9_]/g, '_')}_interface`, [
          ['vpc_id', expr('var.vpc_id')],
          ['service_name', expr(`"com.amazonaws.\${data.aws_region.current.region}.${i}"`)],
          ['vpc_endpoint_type', 'Interface'],
          ['subnet_ids', expr('var.subnet_ids')],
          ['security_group_ids', expr('var.security_group_ids')],
          ['private_dns_enabled', true],
        ]),
      );
    }
  }
  fnBody.push(['depends_on', [expr('aws_iam_role_policy_attachment.logs'), expr('aws_cloudwatch_log_group.function')]]);
  main.push(resource('aws_lambda_function', 'function', fnBody));
  if (needsAlias) {
    main.push(
      resource('aws_lambda_alias', 'live', [
        ['name', ALIAS_NAME],
        ['function_name', expr('aws_lambda_function.function.function_name')],
        ['function_version', expr('aws_lambda_function.function.version')],
      ]),
    );
    if (c.provisioned !== null) {
      main.push(
        resource('aws_lambda_provisioned_concurrency_config', 'live', [
          ['function_name', expr('aws_lambda_function.function.function_name')],
          ['qualifier', expr('aws_lambda_alias.live.name')],
          ['provisioned_concurrent_executions', c.provisioned],
        ]),
      );
    }
  }
  main.push(
    resource('aws_iam_role_policy', 'function', [
      ['name', 'least-privilege'],
      ['role', expr('aws_iam_role.function.id')],
      ['policy', call('jsonencode', { Version: '2012-10-17', Statement: statements })],
    ]),
  );
  alarm('errors', `${plan.displayName}: the function reported errors`, 'AWS/Lambda', 'Errors', { FunctionName: expr('aws_lambda_function.function.function_name') }, 'Sum');
  alarm('throttles', `${plan.displayName}: invocations were throttled`, 'AWS/Lambda', 'Throttles', { FunctionName: expr('aws_lambda_function.function.function_name') }, 'Sum');
  output('function_arn', 'aws_lambda_function.function.arn', 'The function');

  const head = `${JSON.stringify(plan.displayName)}: ${plan.source} function, scaffolded by Lambda Design Advisor.\nEvery number below comes from the design (see README.md for the reasons).`;
  return [
    { path: 'main.tf', contents: renderFile(main, head), role: 'iac' },
    { path: 'variables.tf', contents: renderFile(vars, 'Inputs of the stack.'), role: 'iac' },
    { path: 'outputs.tf', contents: renderFile(outs, 'What the stack exposes.'), role: 'iac' },
  ];
}
