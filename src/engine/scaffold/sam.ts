/**
 * The SAM template (`template.yaml`), rendered from the infrastructure plan (infra.ts) by one small
 * emitter per element: exactly the knobs the design sets, least-privilege policies (SAM policy
 * templates or statements scoped to resources, never `Resource: "*"`), the queue with its redrive
 * DLQ, the idempotency table, the log group and the alarms.
 */
import { endpointLogicalId, getAtt, ref, renderYaml, sub, type CfnValue } from './cfn.ts';
import { emitAll, infraPlan, type AlarmElement, type DestinationType, type Emitters, type EnvValue, type GrantId, type Ref } from './infra.ts';
import type { ProvisionedPollersPlan } from '../design.ts';
import type { Plan } from './plan.ts';
// The compute shapes (issue 11).
import { stateMachineDefinition } from './infra.ts';
import { SAM_TRANSFORM } from '../templates/sam.ts';

type Obj = { [key: string]: CfnValue };

const FUNCTION_ID = 'Function';

/** What the emitters build up; `samTemplate` assembles it. */
interface Sam {
  readonly parameters: Obj;
  readonly resources: Obj;
  /** Resources written after the function (its alarms). */
  readonly afterFunction: Obj;
  /** The function's properties; written in FUNCTION_KEYS order. */
  readonly fn: Obj;
  readonly policies: CfnValue[];
  readonly env: Obj;
  readonly events: Obj;
  readonly outputs: Obj;
  /** What invokes the function when SAM does not wire it (ALB targets): the function, or its alias. */
  target: CfnValue;
  destination: { arn: CfnValue; type: string } | null;
}

const FUNCTION_KEYS = [
  'Description', 'Runtime', 'Architectures', 'MemorySize', 'Timeout', 'EphemeralStorage', 'Tracing', 'LoggingConfig', 'CodeUri', 'Handler',
  'FunctionUrlConfig', 'EventInvokeConfig', 'ReservedConcurrentExecutions', 'AutoPublishAlias', 'DeploymentPreference', 'ProvisionedConcurrencyConfig', 'SnapStart', 'VpcConfig',
  'CapacityProviderConfig', 'DurableConfig',
  'Environment', 'Policies', 'Events',
];

const capitalised = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
/** The logical id of a planned resource: `failureQueue` → `FailureQueue`. */
const logicalId = (r: Ref): string => capitalised(r);

const ENCRYPTED_BUCKET: Obj = {
  BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
};

const envValue = (v: EnvValue): CfnValue => ('literal' in v ? v.literal : v.nameOf === 'settingsParameter' ? sub('/${SettingsParameterName}') : ref('IdempotencyTable'));

/** The SAM policy template (or statement) for each grant; null where the SAM event source adds it. */
const POLICIES: Record<GrantId, CfnValue | null> = {
  ReadSettings: { SSMParameterReadPolicy: { ParameterName: ref('SettingsParameterName') } },
  IdempotencyRecords: { DynamoDBCrudPolicy: { TableName: ref('IdempotencyTable') } },
  SendFailures: { SQSSendMessagePolicy: { QueueName: getAtt('FailureQueue', 'QueueName') } },
  PublishFailures: { SNSPublishMessagePolicy: { TopicName: getAtt('FailureTopic', 'TopicName') } },
  WriteFailures: { S3WritePolicy: { BucketName: ref('FailureBucket') } },
  PutFailures: { EventBridgePutEventsPolicy: { EventBusName: 'default' } },
  InvokeOnFailure: { Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ref('OnFailureFunctionArn') }] },
  PollSourceQueue: null,
  ReadStream: null,
  // By name, not !Ref UploadBucket: the bucket's notification already depends on the function.
  ReadUploads: { S3ReadPolicy: { BucketName: ref('UploadBucketName') } },
};

/** Each failure destination: the resources or parameters it needs, and how SAM names it. */
const DESTINATIONS: Record<DestinationType, (s: Sam) => { arn: CfnValue; type: string }> = {
  sqs: (s) => {
    s.resources.FailureQueue = { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } };
    return { arn: getAtt('FailureQueue', 'Arn'), type: 'SQS' };
  },
  sns: (s) => {
    s.resources.FailureTopic = { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } };
    return { arn: ref('FailureTopic'), type: 'SNS' };
  },
  s3: (s) => {
    s.resources.FailureBucket = { Type: 'AWS::S3::Bucket', Properties: ENCRYPTED_BUCKET };
    return { arn: getAtt('FailureBucket', 'Arn'), type: 'S3' };
  },
  eventbridge: () => ({ arn: sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default'), type: 'EventBridge' }),
  lambda: (s) => {
    s.parameters.OnFailureFunctionArn = { Type: 'String', Description: 'ARN of the function that receives failed events', AllowedPattern: '^arn:aws[a-z-]*:lambda:.+' };
    return { arn: ref('OnFailureFunctionArn'), type: 'Lambda' };
  },
};

const fifoQueue = (fifo: boolean): Obj => (fifo ? { FifoQueue: true, ContentBasedDeduplication: true } : {});
const onFailure = (s: Sam, wanted: boolean): CfnValue => (wanted && s.destination !== null ? { OnFailure: { Destination: s.destination.arn } } : undefined);
const windowOf = (seconds: number | null): number | undefined => seconds ?? undefined;
/** ProvisionedPollerConfig of an event source mapping in provisioned mode. */
const pollerConfig = (p: ProvisionedPollersPlan | null) => (p === null ? undefined : { MinimumPollers: p.minimumPollers, MaximumPollers: p.maximumPollers });

function alarm(a: AlarmElement): Obj {
  const dimension = 'queue' in a.subject ? { Name: 'QueueName', Value: getAtt(logicalId(a.subject.queue), 'QueueName') } : { Name: 'FunctionName', Value: ref(FUNCTION_ID) };
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: a.description,
      Namespace: a.namespace,
      MetricName: a.metric,
      Dimensions: [dimension],
      Statistic: a.statistic,
      Period: a.periodSeconds,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    },
  };
}

export const SAM_EMITTERS: Emitters<Sam> = {
  settings: (e, s) => {
    s.parameters.SettingsParameterName = {
      Type: 'String',
      Description: 'SSM parameter (SecureString, JSON) holding settings and secrets, without the leading slash',
      Default: e.defaultName,
      AllowedPattern: e.allowedPattern,
    };
  },
  logGroup: (e, s) => {
    s.resources.LogGroup = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: e.retentionDays } };
    s.fn.LoggingConfig = { LogFormat: e.format, LogGroup: ref('LogGroup') };
  },
  idempotencyTable: (e, s) => {
    s.resources.IdempotencyTable = {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: e.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: e.partitionKey, KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: e.ttlAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    };
  },
  function: (e, s) => {
    const ts = e.language === 'typescript';
    Object.assign(s.fn, {
      Description: e.description,
      Runtime: e.runtime,
      Architectures: [e.architecture],
      MemorySize: e.memoryMb,
      Timeout: e.timeoutSeconds,
      EphemeralStorage: { Size: e.ephemeralStorageMb },
      Tracing: e.tracing,
      CodeUri: ts ? './' : 'src/',
      Handler: ts ? 'handler.handler' : 'handler.lambda_handler',
      ReservedConcurrentExecutions: e.reservedConcurrency ?? undefined,
    });
    for (const [name, value] of e.environment) s.env[name] = envValue(value);
    s.outputs.FunctionArn = { Description: 'The function', Value: getAtt(FUNCTION_ID, 'Arn') };
  },
  alias: (e, s) => {
    s.fn.AutoPublishAlias = e.name;
    if (e.provisionedConcurrency !== null) s.fn.ProvisionedConcurrencyConfig = { ProvisionedConcurrentExecutions: e.provisionedConcurrency };
    s.target = ref(`${FUNCTION_ID}.Alias`);
  },
  deployment: (e, s) => {
    // SAM makes the CodeDeploy application, deployment group and role; each alarm watches the alias.
    const alias = String(s.fn.AutoPublishAlias ?? 'live');
    const ids = e.alarms.map((a) => `${a.id === 'errors' ? 'Errors' : 'P99Duration'}RollbackAlarm`);
    e.alarms.forEach((a, i) => {
      s.afterFunction[ids[i]!] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmDescription: a.description,
          Namespace: 'AWS/Lambda',
          MetricName: a.metric,
          Dimensions: [
            { Name: 'FunctionName', Value: ref(FUNCTION_ID) },
            { Name: 'Resource', Value: sub(`\${${FUNCTION_ID}}:${alias}`) },
          ],
          ...(a.statistic === 'p99' ? { ExtendedStatistic: 'p99' } : { Statistic: a.statistic }),
          Period: a.periodSeconds,
          EvaluationPeriods: a.evaluationPeriods,
          Threshold: a.threshold,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
        },
      };
    });
    s.fn.DeploymentPreference = { Type: e.samType, Alarms: ids.map((id) => ref(id)) };
  },
  snapStart: (e, s) => {
    s.fn.SnapStart = { ApplyOn: e.applyOn };
  },
  grant: (e, s) => {
    const policy = POLICIES[e.id];
    if (policy !== null) s.policies.push(policy);
  },
  failureDestination: (e, s) => {
    s.destination = DESTINATIONS[e.type](s);
  },
  alarm: (e, s) => {
    const id = `${capitalised(e.id)}Alarm`;
    if ('function' in e.subject) s.afterFunction[id] = alarm(e);
    else s.resources[id] = alarm(e);
  },
  permission: (e, s) => {
    // SAM's event sources add their own permission; a load balancer target is the one SAM does not wire.
    if (e.invoker !== 'loadBalancer') return;
    s.resources.LoadBalancerPermission = { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: s.target, Principal: e.principal } };
  },
  deadLetterQueue: (e, s) => {
    s.resources.DeadLetterQueue = { Type: 'AWS::SQS::Queue', Properties: { ...fifoQueue(e.fifo), SqsManagedSseEnabled: true } };
  },
  queueSource: (e, s) => {
    s.resources.SourceQueue = {
      Type: 'AWS::SQS::Queue',
      Properties: {
        ...fifoQueue(e.fifo),
        VisibilityTimeout: e.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: e.deadLetter !== null ? { deadLetterTargetArn: getAtt('DeadLetterQueue', 'Arn'), maxReceiveCount: e.deadLetter.maxReceiveCount } : undefined,
      },
    };
    s.events.Queue = {
      Type: 'SQS',
      Properties: {
        Queue: getAtt('SourceQueue', 'Arn'),
        BatchSize: e.batchSize,
        MaximumBatchingWindowInSeconds: windowOf(e.windowSeconds),
        FunctionResponseTypes: e.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
        ScalingConfig: e.maximumConcurrency !== null ? { MaximumConcurrency: e.maximumConcurrency } : undefined,
        ProvisionedPollerConfig: pollerConfig(e.provisionedPollers),
      },
    };
    s.outputs.SourceQueueUrl = { Description: 'Send messages here', Value: ref('SourceQueue') };
  },
  streamSource: (e, s) => {
    const kinesis = e.stream === 'kinesis';
    if (kinesis) {
      s.resources.SourceStream = {
        Type: 'AWS::Kinesis::Stream',
        Properties: { StreamModeDetails: { StreamMode: 'ON_DEMAND' }, StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } },
      };
      s.outputs.SourceStreamName = { Description: 'Put records here', Value: ref('SourceStream') };
    } else {
      s.resources.SourceTable = {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: e.tableKey, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: e.tableKey, KeyType: 'HASH' }],
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          SSESpecification: { SSEEnabled: true },
        },
      };
      s.outputs.SourceTableName = { Description: 'Write items here', Value: ref('SourceTable') };
    }
    s.events.Stream = {
      Type: kinesis ? 'Kinesis' : 'DynamoDB',
      Properties: {
        Stream: kinesis ? getAtt('SourceStream', 'Arn') : getAtt('SourceTable', 'StreamArn'),
        StartingPosition: e.startingPosition,
        BatchSize: e.batchSize,
        MaximumBatchingWindowInSeconds: windowOf(e.windowSeconds),
        ParallelizationFactor: e.parallelizationFactor ?? undefined,
        BisectBatchOnFunctionError: e.bisectBatchOnFunctionError ?? undefined,
        MaximumRetryAttempts: e.retryAttempts ?? undefined,
        MaximumRecordAgeInSeconds: e.maximumRecordAgeSeconds ?? undefined,
        FunctionResponseTypes: e.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
        DestinationConfig: onFailure(s, e.onFailure),
      },
    };
  },
  kafkaSource: (e, s) => {
    s.parameters.KafkaClusterArn = { Type: 'String', Description: 'ARN of the Amazon MSK cluster', AllowedPattern: '^arn:aws[a-z-]*:kafka:.+' };
    s.parameters.KafkaTopic = { Type: 'String', Description: 'Topic to consume', Default: e.defaultTopic };
    s.policies.push(sub(`arn:\${AWS::Partition}:iam::aws:policy/${e.managedPolicy}`));
    s.events.Kafka = {
      Type: 'MSK',
      Properties: {
        Stream: ref('KafkaClusterArn'),
        Topics: [ref('KafkaTopic')],
        StartingPosition: e.startingPosition,
        BatchSize: e.batchSize,
        MaximumBatchingWindowInSeconds: windowOf(e.windowSeconds),
        BisectBatchOnFunctionError: e.bisectBatchOnFunctionError ?? undefined,
        MaximumRetryAttempts: e.retryAttempts ?? undefined,
        MaximumRecordAgeInSeconds: e.maximumRecordAgeSeconds ?? undefined,
        FunctionResponseTypes: e.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
        ProvisionedPollerConfig: pollerConfig(e.provisionedPollers),
        DestinationConfig: onFailure(s, e.onFailure),
      },
    };
  },
  restApi: (e, s) => {
    s.events.Api = { Type: 'Api', Properties: { Path: e.path, Method: e.method.toLowerCase() } };
    s.outputs.ApiUrl = { Description: `${e.method} ${e.path} here`, Value: sub(`https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/Prod${e.path}`) };
  },
  httpApi: (e, s) => {
    s.events.HttpApi = { Type: 'HttpApi', Properties: { Path: e.path, Method: e.method.toLowerCase() } };
    s.outputs.ApiUrl = { Description: `${e.method} ${e.path} here`, Value: sub(`https://\${ServerlessHttpApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}${e.path}`) };
  },
  functionUrl: (e, s) => {
    s.fn.FunctionUrlConfig = { AuthType: e.authType };
    s.outputs.FunctionUrl = { Description: 'The function URL (IAM auth)', Value: getAtt(`${FUNCTION_ID}Url`, 'FunctionUrl') };
  },
  loadBalancer: (e, s) => {
    s.parameters.ListenerArn = { Type: 'String', Description: 'ARN of the Application Load Balancer listener', AllowedPattern: '^arn:aws[a-z-]*:elasticloadbalancing:.+' };
    s.parameters.ListenerRulePriority = { Type: 'Number', Description: 'Priority of the listener rule (unique on the listener)', Default: e.defaultPriority, MinValue: 1 };
    s.resources.TargetGroup = {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      DependsOn: 'LoadBalancerPermission',
      Properties: { TargetType: 'lambda', Targets: [{ Id: s.target }] },
    };
    s.resources.ListenerRule = {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: {
        ListenerArn: ref('ListenerArn'),
        Priority: ref('ListenerRulePriority'),
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [e.path] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: ref('TargetGroup') }],
      },
    };
  },
  uploadBucket: (e, s) => {
    s.parameters.UploadBucketName = {
      Type: 'String',
      Description: 'Name of the bucket whose new objects invoke the function (globally unique, lower case)',
      AllowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    };
    s.resources.UploadBucket = { Type: 'AWS::S3::Bucket', Properties: { BucketName: ref('UploadBucketName'), ...ENCRYPTED_BUCKET } };
    s.events.Upload = { Type: 'S3', Properties: { Bucket: ref('UploadBucket'), Events: `s3:${e.events}:*` } };
  },
  topicSource: (_e, s) => {
    s.resources.SourceTopic = { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } };
    s.events.Topic = { Type: 'SNS', Properties: { Topic: ref('SourceTopic') } };
    s.outputs.SourceTopicArn = { Description: 'Publish here', Value: ref('SourceTopic') };
  },
  eventRule: (e, s) => {
    s.events.Rule = { Type: 'EventBridgeRule', Properties: { Pattern: { source: [...e.pattern.source], 'detail-type': [...e.pattern['detail-type']] } } };
  },
  schedule: (e, s) => {
    s.parameters.ScheduleExpression = { Type: 'String', Description: 'When to run: rate(...) or cron(...)', Default: e.defaultExpression };
    s.events.Schedule = {
      Type: 'ScheduleV2',
      Properties: {
        ScheduleExpression: ref('ScheduleExpression'),
        // EventBridge Scheduler fills in the context attributes; scheduledTime is the idempotency key.
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>', executionId: '<aws.scheduler.execution-id>' }),
      },
    };
  },
  asyncInvoke: (e, s) => {
    s.fn.EventInvokeConfig = {
      MaximumRetryAttempts: e.retryAttempts ?? undefined,
      MaximumEventAgeInSeconds: e.maximumEventAgeSeconds ?? undefined,
      DestinationConfig: e.onFailure && s.destination !== null ? { OnFailure: { Type: s.destination.type, Destination: s.destination.arn } } : undefined,
    };
  },
  vpc: (e, s) => {
    s.parameters.SubnetIds = { Type: 'List<AWS::EC2::Subnet::Id>', Description: `Private subnets for the function, one per Availability Zone (${e.subnets})` };
    s.parameters.SecurityGroupIds = { Type: 'List<AWS::EC2::SecurityGroup::Id>', Description: 'Security groups for the function' };
    s.fn.VpcConfig = { SubnetIds: ref('SubnetIds'), SecurityGroupIds: ref('SecurityGroupIds'), Ipv6AllowedForDualStack: e.ipv6 ? true : undefined };
    if (e.gatewayEndpoints.length + e.interfaceEndpoints.length > 0) s.parameters.VpcId = { Type: 'AWS::EC2::VPC::Id', Description: 'The VPC of the subnets' };
    if (e.gatewayEndpoints.length > 0) {
      s.parameters.RouteTableIds = { Type: 'CommaDelimitedList', Description: 'Route tables of the private subnets (for the gateway endpoints)' };
    }
    const endpoint = (name: string, extra: Obj): Obj => ({
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: { VpcEndpointType: extra.VpcEndpointType, VpcId: ref('VpcId'), ServiceName: sub(`com.amazonaws.\${AWS::Region}.${name}`), ...extra },
    });
    for (const name of e.gatewayEndpoints) s.resources[endpointLogicalId(name, 'Gateway')] = endpoint(name, { VpcEndpointType: 'Gateway', RouteTableIds: ref('RouteTableIds') });
    for (const name of e.interfaceEndpoints) {
      s.resources[endpointLogicalId(name, 'Interface')] = endpoint(name, {
        VpcEndpointType: 'Interface',
        SubnetIds: ref('SubnetIds'),
        SecurityGroupIds: ref('SecurityGroupIds'),
        PrivateDnsEnabled: true,
      });
    }
  },
  capacityProvider: (e, s) => {
    // The instances run in the user's VPC: private subnets in several AZs, a security group with no inbound rule.
    s.parameters.VpcId = { Type: 'AWS::EC2::VPC::Id', Description: 'The VPC the Managed Instances run in' };
    s.parameters.SubnetIds = {
      Type: 'List<AWS::EC2::Subnet::Id>',
      Description: `Private subnets for the Managed Instances, one in each of ${e.availabilityZones} Availability Zones (the plan keeps ${e.instancesAtAverage} instances at average load, spread across them)`,
    };
    s.resources.CapacityProviderSecurityGroup = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'Managed Instances of the function: no inbound rule, outbound to the AWS APIs it calls', VpcId: ref('VpcId') },
    };
    s.resources.OperatorRole = {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'Lets Lambda launch and manage the EC2 instances of the capacity provider (the AWS managed policy is the documented minimum)',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: e.operatorPrincipal }, Action: 'sts:AssumeRole' }] },
        ManagedPolicyArns: [sub(`arn:\${AWS::Partition}:iam::aws:policy/${e.operatorPolicy}`)],
      },
    };
    s.resources.CapacityProvider = {
      Type: 'AWS::Serverless::CapacityProvider',
      Properties: {
        VpcConfig: { SubnetIds: ref('SubnetIds'), SecurityGroupIds: [ref('CapacityProviderSecurityGroup')] },
        OperatorRole: getAtt('OperatorRole', 'Arn'),
        InstanceRequirements: { Architectures: [e.architecture], AllowedTypes: [...e.instanceTypes] },
        ScalingConfig: { MaxVCpuCount: e.maxVCpuCount },
      },
    };
    s.fn.CapacityProviderConfig = {
      Arn: getAtt('CapacityProvider', 'Arn'),
      ExecutionEnvironmentMemoryGiBPerVCpu: e.memoryGiBPerVCpu,
      PerExecutionEnvironmentMaxConcurrency: e.perEnvironmentMaxConcurrency,
    };
  },
  durable: (e, s) => {
    // SAM gives the role the durable execution managed policy (checkpoints and logs) for a function with DurableConfig.
    s.fn.DurableConfig = { ExecutionTimeout: e.executionTimeoutSeconds, RetentionPeriodInDays: e.retentionDays };
  },
  stateMachine: (e, s) => {
    const policies: CfnValue[] = [{ Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ref(`${FUNCTION_ID}.Alias`) }] }];
    let logging: CfnValue;
    if (e.logging !== null) {
      s.resources.StateMachineLogGroup = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: e.logging.retentionDays } };
      // Log delivery actions take no resource ARN (Step Functions' documented policy).
      policies.push({ Statement: [{ Effect: 'Allow', Action: [...e.logging.deliveryActions], Resource: '*' }] });
      logging = { Level: e.logging.level, IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: getAtt('StateMachineLogGroup', 'Arn') } }] };
    }
    s.resources.StateMachine = {
      Type: 'AWS::Serverless::StateMachine',
      Properties: {
        Type: e.type,
        Definition: stateMachineDefinition(e, '${FunctionArn}') as CfnValue,
        DefinitionSubstitutions: { FunctionArn: ref(`${FUNCTION_ID}.Alias`) },
        Policies: policies,
        Logging: logging,
      },
    };
    s.outputs.StateMachineArn = { Description: `Start executions here (aws stepfunctions start-execution); the ${e.unwiredSource} source is not wired to it`, Value: ref('StateMachine') };
  },
};

function functionResource(s: Sam, typescript: boolean): Obj {
  const props: Obj = { ...s.fn, Environment: { Variables: s.env }, Policies: s.policies, Events: Object.keys(s.events).length > 0 ? s.events : undefined };
  const fnResource: Obj = { Type: 'AWS::Serverless::Function', Properties: Object.fromEntries(FUNCTION_KEYS.map((k) => [k, props[k]])) };
  if (typescript) {
    fnResource.Metadata = {
      BuildMethod: 'esbuild',
      BuildProperties: { Format: 'esm', OutExtension: ['.js=.mjs'], Target: 'es2022', Sourcemap: true, EntryPoints: ['src/handler.ts'] },
    };
  }
  return fnResource;
}

export function samTemplate(plan: Plan): string {
  const s = emitAll<Sam>(infraPlan(plan), SAM_EMITTERS, {
    parameters: {},
    resources: {},
    afterFunction: {},
    fn: {},
    policies: [],
    env: {},
    events: {},
    outputs: {},
    target: getAtt(FUNCTION_ID, 'Arn'),
    destination: null,
  });
  const template: Obj = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: SAM_TRANSFORM,
    Description: `${plan.displayName}: ${plan.source} function scaffolded by Lambda Design Advisor`,
    Parameters: s.parameters,
    Resources: { ...s.resources, [FUNCTION_ID]: functionResource(s, plan.options.language === 'typescript'), ...s.afterFunction },
    Outputs: s.outputs,
  };
  return renderYaml(
    template,
    `SAM template for ${JSON.stringify(plan.displayName)}, scaffolded by Lambda Design Advisor.\nEvery number below comes from the design (see README.md for the reasons).`,
  );
}
