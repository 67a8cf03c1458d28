/**
 * The SAM template (`template.yaml`): exactly the knobs the design sets, least-privilege policies
 * (SAM policy templates or statements scoped to resources, never `Resource: "*"`), the queue with
 * its redrive DLQ, the idempotency table, the log group and the alarms.
 */
import { OBSERVABILITY } from '../facts/observability.ts';
import { getAtt, ref, renderYaml, sub, type CfnValue } from './cfn.ts';
import type { Plan } from './plan.ts';
import { SAM_TRANSFORM } from '../templates/sam.ts';

type Obj = { [key: string]: CfnValue };

export const FUNCTION_ID = 'Function';
export const ALIAS_NAME = 'live';

/** `s3` / `com.amazonaws.us-east-1.s3` → `s3`. */
export function endpointService(name: string): string {
  const parts = name.split('.');
  return (parts[parts.length - 1] ?? name).toLowerCase();
}

export function endpointLogicalId(service: string, kind: 'Gateway' | 'Interface'): string {
  const clean = service.replace(/[^A-Za-z0-9]/g, ' ').split(' ').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return `${clean || 'Service'}${kind}Endpoint`;
}

/** Where failed async invocations / stream records go, by the design's destination type. */
export function failureDestination(plan: Plan): null | {
  resources: Obj;
  arn: CfnValue;
  type: 'SQS' | 'SNS' | 'S3' | 'EventBridge' | 'Lambda';
  policy: Obj;
  queueId: string | null;
  parameters: Obj;
} {
  const d = plan.design.errorHandling.onFailureDestination;
  switch (d) {
    case null:
      return null;
    case 'sqs':
      return {
        resources: { FailureQueue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } } },
        arn: getAtt('FailureQueue', 'Arn'),
        type: 'SQS',
        policy: { SQSSendMessagePolicy: { QueueName: getAtt('FailureQueue', 'QueueName') } },
        queueId: 'FailureQueue',
        parameters: {},
      };
    case 'sns':
      return {
        resources: { FailureTopic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } } },
        arn: ref('FailureTopic'),
        type: 'SNS',
        policy: { SNSPublishMessagePolicy: { TopicName: getAtt('FailureTopic', 'TopicName') } },
        queueId: null,
        parameters: {},
      };
    case 's3':
      return {
        resources: {
          FailureBucket: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
              PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
            },
          },
        },
        arn: getAtt('FailureBucket', 'Arn'),
        type: 'S3',
        policy: { S3WritePolicy: { BucketName: ref('FailureBucket') } },
        queueId: null,
        parameters: {},
      };
    case 'eventbridge':
      return {
        resources: {},
        arn: sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default'),
        type: 'EventBridge',
        policy: { EventBridgePutEventsPolicy: { EventBusName: 'default' } },
        queueId: null,
        parameters: {},
      };
    case 'lambda':
      return {
        resources: {},
        arn: ref('OnFailureFunctionArn'),
        type: 'Lambda',
        policy: { Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ref('OnFailureFunctionArn') }] },
        queueId: null,
        parameters: { OnFailureFunctionArn: { Type: 'String', Description: 'ARN of the function that receives failed events', AllowedPattern: '^arn:aws[a-z-]*:lambda:.+' } },
      };
  }
}

function alarm(description: string, namespace: string, metric: string, dimension: Obj, statistic: string): Obj {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      Namespace: namespace,
      MetricName: metric,
      Dimensions: Object.entries(dimension).map(([Name, Value]) => ({ Name, Value })),
      Statistic: statistic,
      Period: OBSERVABILITY.alarmPeriodSeconds.value,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    },
  };
}

export function samTemplate(plan: Plan): string {
  const d = plan.design;
  const b = d.batching;
  const parameters: Obj = {
    SettingsParameterName: {
      Type: 'String',
      Description: 'SSM parameter (SecureString, JSON) holding settings and secrets, without the leading slash',
      Default: `${plan.slug}/settings`,
      AllowedPattern: '^[A-Za-z0-9_.\\-][A-Za-z0-9_.\\-/]*$',
    },
  };
  const resources: Obj = {};
  const policies: CfnValue[] = [{ SSMParameterReadPolicy: { ParameterName: ref('SettingsParameterName') } }];
  const env: Obj = {
    POWERTOOLS_SERVICE_NAME: plan.displayName,
    POWERTOOLS_METRICS_NAMESPACE: plan.slug,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    SETTINGS_PARAMETER_NAME: sub('/${SettingsParameterName}'),
  };
  const events: Obj = {};
  const fn: Obj = {
    Description: `${plan.displayName} (${plan.source})`,
    Runtime: plan.runtime,
    Architectures: [d.architecture],
    MemorySize: d.memoryMb,
    Timeout: d.timeoutSeconds,
    EphemeralStorage: { Size: d.ephemeralStorageMb },
    Tracing: 'Active',
    LoggingConfig: { LogFormat: 'JSON', LogGroup: ref('LogGroup') },
  };
  if (plan.options.language === 'typescript') {
    fn.CodeUri = './';
    fn.Handler = 'handler.handler';
  } else {
    fn.CodeUri = 'src/';
    fn.Handler = 'handler.lambda_handler';
  }

  resources.LogGroup = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: OBSERVABILITY.logRetentionDays.value } };

  if (plan.idempotent) {
    resources.IdempotencyTable = {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    };
    env.IDEMPOTENCY_TABLE_NAME = ref('IdempotencyTable');
    policies.push({ DynamoDBCrudPolicy: { TableName: ref('IdempotencyTable') } });
  }

  const dest = failureDestination(plan);
  if (dest !== null && (plan.async || plan.family === 'stream' || plan.family === 'kafka')) {
    Object.assign(resources, dest.resources);
    Object.assign(parameters, dest.parameters);
    policies.push(dest.policy);
    if (dest.queueId !== null) {
      resources.FailureQueueDepthAlarm = alarm(
        `${plan.displayName}: failed events are waiting in the on-failure queue`,
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        { QueueName: getAtt(dest.queueId, 'QueueName') },
        'Maximum',
      );
    }
  }
  const useDest = dest !== null && (plan.async || plan.family === 'stream' || plan.family === 'kafka');

  // --- the event source ---
  if (plan.family === 'queue' && b !== null) {
    const q = d.errorHandling.queue!;
    const fifo = plan.source === 'sqs-fifo';
    const fifoProps = fifo ? { FifoQueue: true, ContentBasedDeduplication: true } : {};
    if (q.deadLetterQueue) {
      resources.DeadLetterQueue = { Type: 'AWS::SQS::Queue', Properties: { ...fifoProps, SqsManagedSseEnabled: true } };
      resources.DeadLetterQueueDepthAlarm = alarm(
        `${plan.displayName}: messages are in the dead-letter queue`,
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        { QueueName: getAtt('DeadLetterQueue', 'QueueName') },
        'Maximum',
      );
    }
    resources.SourceQueue = {
      Type: 'AWS::SQS::Queue',
      Properties: {
        ...fifoProps,
        VisibilityTimeout: q.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: q.deadLetterQueue ? { deadLetterTargetArn: getAtt('DeadLetterQueue', 'Arn'), maxReceiveCount: q.maxReceiveCount } : undefined,
      },
    };
    events.Queue = {
      Type: 'SQS',
      Properties: {
        Queue: getAtt('SourceQueue', 'Arn'),
        BatchSize: b.batchSize,
        MaximumBatchingWindowInSeconds: b.maximumBatchingWindowSeconds > 0 ? b.maximumBatchingWindowSeconds : undefined,
        FunctionResponseTypes: b.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
        ScalingConfig: d.concurrency.maximumConcurrency !== null ? { MaximumConcurrency: d.concurrency.maximumConcurrency } : undefined,
      },
    };
  } else if (plan.family === 'stream' && b !== null) {
    const kinesis = plan.source === 'kinesis';
    if (kinesis) {
      resources.SourceStream = {
        Type: 'AWS::Kinesis::Stream',
        Properties: { StreamModeDetails: { StreamMode: 'ON_DEMAND' }, StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } },
      };
    } else {
      resources.SourceTable = {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          SSESpecification: { SSEEnabled: true },
        },
      };
    }
    const e = d.errorHandling;
    events.Stream = {
      Type: kinesis ? 'Kinesis' : 'DynamoDB',
      Properties: {
        Stream: kinesis ? getAtt('SourceStream', 'Arn') : getAtt('SourceTable', 'StreamArn'),
        StartingPosition: 'LATEST',
        BatchSize: b.batchSize,
        MaximumBatchingWindowInSeconds: b.maximumBatchingWindowSeconds > 0 ? b.maximumBatchingWindowSeconds : undefined,
        ParallelizationFactor: d.concurrency.parallelizationFactor ?? undefined,
        BisectBatchOnFunctionError: e.bisectBatchOnFunctionError ?? undefined,
        MaximumRetryAttempts: e.retryAttempts ?? undefined,
        MaximumRecordAgeInSeconds: e.maximumRecordAgeSeconds ?? undefined,
        FunctionResponseTypes: b.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
        DestinationConfig: useDest ? { OnFailure: { Destination: dest.arn } } : undefined,
      },
    };
  } else if (plan.source === 'kafka' && b !== null) {
    parameters.KafkaClusterArn = { Type: 'String', Description: 'ARN of the Amazon MSK cluster', AllowedPattern: '^arn:aws[a-z-]*:kafka:.+' };
    parameters.KafkaTopic = { Type: 'String', Description: 'Topic to consume', Default: 'orders' };
    // The MSK poller needs the cluster and its network interfaces; the AWS managed policy scopes it.
    policies.push(sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole'));
    events.Kafka = {
      Type: 'MSK',
      Properties: {
        Stream: ref('KafkaClusterArn'),
        Topics: [ref('KafkaTopic')],
        StartingPosition: 'LATEST',
        BatchSize: b.batchSize,
        MaximumBatchingWindowInSeconds: b.maximumBatchingWindowSeconds > 0 ? b.maximumBatchingWindowSeconds : undefined,
        DestinationConfig: useDest ? { OnFailure: { Destination: dest.arn } } : undefined,
      },
    };
  } else if (plan.http === 'rest') {
    events.Api = { Type: 'Api', Properties: { Path: '/orders', Method: 'post' } };
  } else if (plan.http === 'http') {
    events.HttpApi = { Type: 'HttpApi', Properties: { Path: '/orders', Method: 'post' } };
  } else if (plan.http === 'url') {
    fn.FunctionUrlConfig = { AuthType: 'AWS_IAM' };
  } else if (plan.http === 'alb') {
    parameters.ListenerArn = { Type: 'String', Description: 'ARN of the Application Load Balancer listener', AllowedPattern: '^arn:aws[a-z-]*:elasticloadbalancing:.+' };
    parameters.ListenerRulePriority = { Type: 'Number', Description: 'Priority of the listener rule (unique on the listener)', Default: 100, MinValue: 1 };
    const target = d.concurrency.provisioned !== null ? ref(`${FUNCTION_ID}.Alias`) : getAtt(FUNCTION_ID, 'Arn');
    resources.LoadBalancerPermission = {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: target, Principal: 'elasticloadbalancing.amazonaws.com' },
    };
    resources.TargetGroup = {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      DependsOn: 'LoadBalancerPermission',
      Properties: { TargetType: 'lambda', Targets: [{ Id: target }] },
    };
    resources.ListenerRule = {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: {
        ListenerArn: ref('ListenerArn'),
        Priority: ref('ListenerRulePriority'),
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/orders'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: ref('TargetGroup') }],
      },
    };
  } else if (plan.source === 's3') {
    parameters.UploadBucketName = {
      Type: 'String',
      Description: 'Name of the bucket whose new objects invoke the function (globally unique, lower case)',
      AllowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    };
    resources.UploadBucket = {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: ref('UploadBucketName'),
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
    };
    // By name, not !Ref UploadBucket: the bucket's notification already depends on the function.
    policies.push({ S3ReadPolicy: { BucketName: ref('UploadBucketName') } });
    events.Upload = { Type: 'S3', Properties: { Bucket: ref('UploadBucket'), Events: 's3:ObjectCreated:*' } };
  } else if (plan.source === 'sns') {
    resources.SourceTopic = { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } };
    events.Topic = { Type: 'SNS', Properties: { Topic: ref('SourceTopic') } };
  } else if (plan.source === 'eventbridge') {
    events.Rule = { Type: 'EventBridgeRule', Properties: { Pattern: { source: [plan.slug], 'detail-type': ['OrderPlaced'] } } };
  } else if (plan.source === 'schedule') {
    parameters.ScheduleExpression = { Type: 'String', Description: 'When to run: rate(...) or cron(...)', Default: 'rate(1 hour)' };
    events.Schedule = {
      Type: 'ScheduleV2',
      Properties: {
        ScheduleExpression: ref('ScheduleExpression'),
        // EventBridge Scheduler fills in the context attributes; scheduledTime is the idempotency key.
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>', executionId: '<aws.scheduler.execution-id>' }),
      },
    };
  }

  if (plan.async) {
    const e = d.errorHandling;
    fn.EventInvokeConfig = {
      MaximumRetryAttempts: e.retryAttempts ?? undefined,
      MaximumEventAgeInSeconds: e.maximumEventAgeSeconds ?? undefined,
      DestinationConfig: useDest ? { OnFailure: { Type: dest.type, Destination: dest.arn } } : undefined,
    };
  }

  const c = d.concurrency;
  if (c.reserved !== null) fn.ReservedConcurrentExecutions = c.reserved;
  if (c.provisioned !== null || plan.snapStart) fn.AutoPublishAlias = ALIAS_NAME;
  if (c.provisioned !== null) fn.ProvisionedConcurrencyConfig = { ProvisionedConcurrentExecutions: c.provisioned };
  if (plan.snapStart) fn.SnapStart = { ApplyOn: 'PublishedVersions' };

  if (d.vpc.attach) {
    parameters.SubnetIds = { Type: 'List<AWS::EC2::Subnet::Id>', Description: `Private subnets for the function, one per Availability Zone (${d.vpc.subnets})` };
    parameters.SecurityGroupIds = { Type: 'List<AWS::EC2::SecurityGroup::Id>', Description: 'Security groups for the function' };
    fn.VpcConfig = { SubnetIds: ref('SubnetIds'), SecurityGroupIds: ref('SecurityGroupIds'), Ipv6AllowedForDualStack: d.vpc.ipv6Egress ? true : undefined };
    if (d.vpc.gatewayEndpoints.length > 0 || d.vpc.interfaceEndpoints.length > 0) {
      parameters.VpcId = { Type: 'AWS::EC2::VPC::Id', Description: 'The VPC of the subnets' };
    }
    if (d.vpc.gatewayEndpoints.length > 0) {
      parameters.RouteTableIds = { Type: 'CommaDelimitedList', Description: 'Route tables of the private subnets (for the gateway endpoints)' };
    }
    for (const name of [...new Set(d.vpc.gatewayEndpoints.map(endpointService))].sort()) {
      resources[endpointLogicalId(name, 'Gateway')] = {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: { VpcEndpointType: 'Gateway', VpcId: ref('VpcId'), ServiceName: sub(`com.amazonaws.\${AWS::Region}.${name}`), RouteTableIds: ref('RouteTableIds') },
      };
    }
    for (const name of [...new Set(d.vpc.interfaceEndpoints.map(endpointService))].sort()) {
      resources[endpointLogicalId(name, 'Interface')] = {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: {
          VpcEndpointType: 'Interface',
          VpcId: ref('VpcId'),
          ServiceName: sub(`com.amazonaws.\${AWS::Region}.${name}`),
          SubnetIds: ref('SubnetIds'),
          SecurityGroupIds: ref('SecurityGroupIds'),
          PrivateDnsEnabled: true,
        },
      };
    }
  }

  fn.Environment = { Variables: env };
  fn.Policies = policies;
  if (Object.keys(events).length > 0) fn.Events = events;

  const fnResource: Obj = { Type: 'AWS::Serverless::Function', Properties: fn };
  if (plan.options.language === 'typescript') {
    fnResource.Metadata = {
      BuildMethod: 'esbuild',
      BuildProperties: { Format: 'esm', OutExtension: ['.js=.mjs'], Target: 'es2022', Sourcemap: true, EntryPoints: ['src/handler.ts'] },
    };
  }
  resources[FUNCTION_ID] = fnResource;
  resources.ErrorsAlarm = alarm(`${plan.displayName}: the function reported errors`, 'AWS/Lambda', 'Errors', { FunctionName: ref(FUNCTION_ID) }, 'Sum');
  resources.ThrottlesAlarm = alarm(`${plan.displayName}: invocations were throttled`, 'AWS/Lambda', 'Throttles', { FunctionName: ref(FUNCTION_ID) }, 'Sum');

  const outputs: Obj = {
    FunctionArn: { Description: 'The function', Value: getAtt(FUNCTION_ID, 'Arn') },
  };
  if (resources.SourceQueue) outputs.SourceQueueUrl = { Description: 'Send messages here', Value: ref('SourceQueue') };
  if (resources.SourceTopic) outputs.SourceTopicArn = { Description: 'Publish here', Value: ref('SourceTopic') };
  if (resources.SourceStream) outputs.SourceStreamName = { Description: 'Put records here', Value: ref('SourceStream') };
  if (resources.SourceTable) outputs.SourceTableName = { Description: 'Write items here', Value: ref('SourceTable') };
  if (plan.http === 'url') outputs.FunctionUrl = { Description: 'The function URL (IAM auth)', Value: getAtt(`${FUNCTION_ID}Url`, 'FunctionUrl') };
  if (plan.http === 'rest') outputs.ApiUrl = { Description: 'POST /orders here', Value: sub('https://${ServerlessRestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/Prod/orders') };
  if (plan.http === 'http') outputs.ApiUrl = { Description: 'POST /orders here', Value: sub('https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/orders') };

  const template: Obj = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: SAM_TRANSFORM,
    Description: `${plan.displayName}: ${plan.source} function scaffolded by Lambda Design Advisor`,
    Parameters: parameters,
    Resources: resources,
    Outputs: outputs,
  };
  return renderYaml(
    template,
    `SAM template for ${JSON.stringify(plan.displayName)}, scaffolded by Lambda Design Advisor.\nEvery number below comes from the design (see README.md for the reasons).`,
  );
}
