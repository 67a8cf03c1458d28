/**
 * The CDK app (TypeScript, aws-cdk-lib): `bin/app.ts` with the App, `lib/stack.ts` with the Stack,
 * `cdk.json`. The stack is rendered from the infrastructure plan (infra.ts) by one small emitter per
 * element, so it holds the same resources and knobs as the SAM template. Values from the design are
 * written with JSON.stringify, so any name is a valid TS literal.
 */
import { endpointLogicalId } from './cfn.ts';
import { emitAll, infraPlan, type DestinationType, type Emitters, type EnvValue, type FunctionElement, type GrantId, type UploadBucketElement } from './infra.ts';
import type { ProvisionedPollersPlan } from '../design.ts';
import type { Plan } from './plan.ts';
// The compute shapes (issue 11).
import { stateMachineDefinition } from './infra.ts';
import type { ScaffoldFile } from './types.ts';

const lit = (v: unknown): string => JSON.stringify(v);
/** A single-quoted TS string literal (the house style for constants in the generated stack). */
const sq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
// Text inside a block comment: a comment terminator (star, slash) in it would end the comment early.
const inComment = (s: string): string => s.replace(/\*\//g, '*\\/');

/** CDK's RetentionDays enum member for a number of days (the enum's values are those days). */
const RETENTION_NAMES: Record<number, string> = {
  1: 'ONE_DAY', 3: 'THREE_DAYS', 5: 'FIVE_DAYS', 7: 'ONE_WEEK', 14: 'TWO_WEEKS', 30: 'ONE_MONTH', 60: 'TWO_MONTHS',
  90: 'THREE_MONTHS', 120: 'FOUR_MONTHS', 150: 'FIVE_MONTHS', 180: 'SIX_MONTHS', 365: 'ONE_YEAR', 400: 'THIRTEEN_MONTHS',
  545: 'EIGHTEEN_MONTHS', 731: 'TWO_YEARS', 1096: 'THREE_YEARS', 1827: 'FIVE_YEARS', 2192: 'SIX_YEARS', 2557: 'SEVEN_YEARS',
  2922: 'EIGHT_YEARS', 3288: 'NINE_YEARS', 3653: 'TEN_YEARS',
};

const IMPORT = {
  sqs: "import * as sqs from 'aws-cdk-lib/aws-sqs';",
  sns: "import * as sns from 'aws-cdk-lib/aws-sns';",
  s3: "import * as s3 from 'aws-cdk-lib/aws-s3';",
  dynamodb: "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
  events: "import * as events from 'aws-cdk-lib/aws-events';",
  sources: "import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';",
  destinations: "import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';",
} as const;

/** What the emitters build up; `stackSource` assembles it. */
interface Cdk {
  readonly imports: Set<string>;
  /** Constructs the function refers to (parameters, log group, tables), before it. */
  readonly before: string[];
  /** The function's properties after `handler`/`code`, one or more lines each. */
  readonly props: string[];
  /** `const target = …`: the alias, or the function itself. */
  readonly target: string[];
  /** Everything wired to the function, after it. */
  readonly after: string[];
  fn: FunctionElement | null;
  snapStart: boolean;
  destination: null | { async: (c: Cdk) => string; stream: string | null };
}

const period = (seconds: number): string => `Duration.seconds(${seconds})`;
const window = (seconds: number | null): string[] => (seconds !== null ? [`        maxBatchingWindow: Duration.seconds(${seconds}),`] : []);
const optional = (value: unknown, line: string): string[] => (value !== null && value !== false ? [line] : []);
/** provisionedPollerConfig of an event source in provisioned mode. */
const pollers = (p: ProvisionedPollersPlan | null): string[] =>
  p === null ? [] : [`        provisionedPollerConfig: { minimumPollers: ${p.minimumPollers}, maximumPollers: ${p.maximumPollers} },`];
const envValue = (v: EnvValue): string =>
  'literal' in v ? lit(v.literal) : v.nameOf === 'settingsParameter' ? "Fn.join('', ['/', settingsParameterName.valueAsString])" : 'idempotencyTable.tableName';

/** The grants CDK does not make by itself (event sources and destinations grant their own). */
const GRANTS: Partial<Record<GrantId, (actions: readonly string[]) => string[]>> = {
  ReadSettings: (actions) => [
    '    // Settings and secrets: read only this parameter (its name is in the environment, never its value).',
    '    fn.addToRolePolicy(',
    '      new iam.PolicyStatement({',
    `        actions: [${actions.map(sq).join(', ')}],`,
    "        resources: [Stack.of(this).formatArn({ service: 'ssm', resource: 'parameter', resourceName: settingsParameterName.valueAsString })],",
    '      }),',
    '    );',
  ],
  IdempotencyRecords: () => ['    idempotencyTable.grantReadWriteData(fn);'],
  ReadUploads: () => ['    uploadBucket.grantRead(fn);'],
};

const S3_EVENTS: Record<UploadBucketElement['events'], string> = { ObjectCreated: 'OBJECT_CREATED' };
const ENCRYPTED_BUCKET = '{ encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true }';

/** Each failure destination: its construct, and how an async invocation or a stream mapping names it. */
const DESTINATIONS: Record<DestinationType, (c: Cdk) => NonNullable<Cdk['destination']>> = {
  sqs: (c) => {
    c.imports.add(IMPORT.sqs);
    c.after.push("    const failureQueue = new sqs.Queue(this, 'FailureQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED });");
    return { async: () => 'new destinations.SqsDestination(failureQueue)', stream: 'new sources.SqsDlq(failureQueue)' };
  },
  sns: (c) => {
    c.imports.add(IMPORT.sns);
    c.after.push("    const failureTopic = new sns.Topic(this, 'FailureTopic');");
    return { async: () => 'new destinations.SnsDestination(failureTopic)', stream: 'new sources.SnsDlq(failureTopic)' };
  },
  s3: (c) => {
    c.imports.add(IMPORT.s3);
    c.after.push(`    const failureBucket = new s3.Bucket(this, 'FailureBucket', ${ENCRYPTED_BUCKET});`);
    return { async: () => 'new destinations.S3Destination(failureBucket)', stream: 'new sources.S3OnFailureDestination(failureBucket)' };
  },
  eventbridge: () => ({
    async: (c) => {
      c.imports.add(IMPORT.events);
      return "new destinations.EventBridgeDestination(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'))";
    },
    stream: null,
  }),
  lambda: (c) => {
    c.after.push("    const onFailureFunctionArn = new CfnParameter(this, 'OnFailureFunctionArn', { type: 'String', description: 'ARN of the function that receives failed events' });");
    return { async: () => "new destinations.LambdaDestination(lambda.Function.fromFunctionArn(this, 'OnFailureFunction', onFailureFunctionArn.valueAsString))", stream: null };
  },
};

const streamFailure = (c: Cdk, wanted: boolean): string[] => (wanted && c.destination?.stream ? [`        onFailure: ${c.destination.stream},`] : []);

export const CDK_EMITTERS: Emitters<Cdk> = {
  settings: (e, c) => {
    c.before.push(
      `    const settingsParameterName = new CfnParameter(this, 'SettingsParameterName', {`,
      "      type: 'String',",
      `      default: ${lit(e.defaultName)},`,
      `      allowedPattern: ${lit(e.allowedPattern)},`,
      "      description: 'SSM parameter (SecureString, JSON) holding settings and secrets, without the leading slash',",
      '    });',
      '',
    );
  },
  logGroup: (e, c) => {
    const name = RETENTION_NAMES[e.retentionDays];
    c.before.push(`    const logGroup = new logs.LogGroup(this, 'LogGroup', { retention: ${name ? `logs.RetentionDays.${name}` : `${e.retentionDays} as logs.RetentionDays`} });`);
    c.props.push(`      loggingFormat: lambda.LoggingFormat.${e.format},`, '      logGroup,');
  },
  idempotencyTable: (e, c) => {
    c.imports.add(IMPORT.dynamodb);
    c.before.push(
      "    const idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {",
      `      partitionKey: { name: ${sq(e.partitionKey)}, type: dynamodb.AttributeType.STRING },`,
      '      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,',
      `      timeToLiveAttribute: ${sq(e.ttlAttribute)},`,
      '      encryption: dynamodb.TableEncryption.AWS_MANAGED,',
      '    });',
    );
  },
  function: (e, c) => {
    c.fn = e;
    c.props.push(`      description: ${lit(e.description)},`, '      environment: {', ...e.environment.map(([name, v]) => `        ${name}: ${envValue(v)},`), '      },');
    if (e.reservedConcurrency !== null) c.props.push(`      reservedConcurrentExecutions: ${e.reservedConcurrency},`);
    c.target.push('    const target = fn;');
  },
  alias: (e, c) => {
    c.target.splice(
      0,
      c.target.length,
      `    const target = new lambda.Alias(this, 'LiveAlias', {`,
      `      aliasName: ${lit(e.name)},`,
      '      version: fn.currentVersion,',
      ...(e.provisionedConcurrency !== null ? [`      provisionedConcurrentExecutions: ${e.provisionedConcurrency},`] : []),
      '    });',
    );
  },
  deployment: (e, c) => {
    c.imports.add("import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';");
    const names = e.alarms.map((a) => (a.id === 'errors' ? 'rollbackOnErrors' : 'rollbackOnP99'));
    e.alarms.forEach((a, i) => {
      c.after.push(
        `    // Rollback alarm (${a.id}): CodeDeploy moves the alias back when it fires during a shift.`,
        `    const ${names[i]} = new cloudwatch.Alarm(this, ${lit(a.id === 'errors' ? 'ErrorsRollbackAlarm' : 'P99DurationRollbackAlarm')}, {`,
        `      metric: target.metric${a.metric}({ period: ${period(a.periodSeconds)}, statistic: ${sq(a.statistic)} }),`,
        `      threshold: ${a.threshold},`,
        `      evaluationPeriods: ${a.evaluationPeriods},`,
        '      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,',
        '      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,',
        `      alarmDescription: ${lit(a.description)},`,
        '    });',
      );
    });
    c.after.push(
      `    // Each deploy publishes a version; CodeDeploy shifts the alias to it (${e.samType}) and rolls back on the alarms.`,
      "    new codedeploy.LambdaDeploymentGroup(this, 'Deployment', {",
      '      alias: target,',
      `      deploymentConfig: codedeploy.LambdaDeploymentConfig.${e.cdkConfig},`,
      `      alarms: [${names.join(', ')}],`,
      '    });',
    );
  },
  snapStart: (_e, c) => {
    c.snapStart = true;
    c.props.push('      snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS,');
  },
  grant: (e, c) => {
    c.after.push(...(GRANTS[e.id]?.(e.actions) ?? []));
  },
  failureDestination: (e, c) => {
    c.destination = DESTINATIONS[e.type](c);
  },
  alarm: (e, c) => {
    const subject = 'queue' in e.subject ? e.subject.queue : 'fn';
    c.after.push(
      `    new cloudwatch.Alarm(this, ${lit(`${e.id[0]!.toUpperCase()}${e.id.slice(1)}Alarm`)}, {`,
      `      metric: ${subject}.metric${e.metric}({ period: ${period(e.periodSeconds)}, statistic: ${sq(e.statistic)} }),`,
      '      threshold: 0,',
      '      evaluationPeriods: 1,',
      '      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,',
      '      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,',
      `      alarmDescription: ${lit(e.description)},`,
      '    });',
    );
  },
  // The constructs that wire an invoker (API, target group, bucket, topic, rule, schedule) add its permission.
  permission: () => undefined,
  deadLetterQueue: (e, c) => {
    c.imports.add(IMPORT.sqs);
    c.after.push(`    const deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {${e.fifo ? ' fifo: true, contentBasedDeduplication: true,' : ''} encryption: sqs.QueueEncryption.SQS_MANAGED });`);
  },
  queueSource: (e, c) => {
    c.imports.add(IMPORT.sqs).add(IMPORT.sources);
    c.after.push(
      "    const sourceQueue = new sqs.Queue(this, 'SourceQueue', {",
      ...(e.fifo ? ['      fifo: true,', '      contentBasedDeduplication: true,'] : []),
      `      visibilityTimeout: Duration.seconds(${e.visibilityTimeoutSeconds}),`,
      '      encryption: sqs.QueueEncryption.SQS_MANAGED,',
      ...(e.deadLetter !== null ? [`      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: ${e.deadLetter.maxReceiveCount} },`] : []),
      '    });',
      '    target.addEventSource(',
      '      new sources.SqsEventSource(sourceQueue, {',
      `        batchSize: ${e.batchSize},`,
      ...window(e.windowSeconds),
      ...optional(e.reportBatchItemFailures, '        reportBatchItemFailures: true,'),
      ...optional(e.maximumConcurrency, `        maxConcurrency: ${e.maximumConcurrency},`),
      ...pollers(e.provisionedPollers),
      '      }),',
      '    );',
      "    new CfnOutput(this, 'SourceQueueUrl', { value: sourceQueue.queueUrl });",
    );
  },
  streamSource: (e, c) => {
    const kinesis = e.stream === 'kinesis';
    c.imports.add(IMPORT.sources);
    if (kinesis) {
      c.imports.add("import * as kinesis from 'aws-cdk-lib/aws-kinesis';");
      c.after.push("    const sourceStream = new kinesis.Stream(this, 'SourceStream', { streamMode: kinesis.StreamMode.ON_DEMAND, encryption: kinesis.StreamEncryption.MANAGED });");
    } else {
      c.imports.add(IMPORT.dynamodb);
      c.after.push(
        "    const sourceTable = new dynamodb.Table(this, 'SourceTable', {",
        `      partitionKey: { name: ${sq(e.tableKey)}, type: dynamodb.AttributeType.STRING },`,
        '      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,',
        '      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,',
        '      encryption: dynamodb.TableEncryption.AWS_MANAGED,',
        '    });',
      );
    }
    c.after.push(
      '    target.addEventSource(',
      `      new sources.${kinesis ? 'KinesisEventSource(sourceStream' : 'DynamoEventSource(sourceTable'}, {`,
      `        startingPosition: lambda.StartingPosition.${e.startingPosition},`,
      `        batchSize: ${e.batchSize},`,
      ...window(e.windowSeconds),
      ...optional(e.parallelizationFactor, `        parallelizationFactor: ${e.parallelizationFactor},`),
      ...(e.bisectBatchOnFunctionError !== null ? [`        bisectBatchOnError: ${e.bisectBatchOnFunctionError},`] : []),
      ...optional(e.retryAttempts, `        retryAttempts: ${e.retryAttempts},`),
      ...optional(e.maximumRecordAgeSeconds, `        maxRecordAge: Duration.seconds(${e.maximumRecordAgeSeconds}),`),
      ...optional(e.reportBatchItemFailures, '        reportBatchItemFailures: true,'),
      ...streamFailure(c, e.onFailure),
      '      }),',
      '    );',
    );
  },
  kafkaSource: (e, c) => {
    c.imports.add(IMPORT.sources);
    c.after.push(
      "    const kafkaClusterArn = new CfnParameter(this, 'KafkaClusterArn', { type: 'String', description: 'ARN of the Amazon MSK cluster' });",
      "    // The topic is part of the event source's construct id, so it is a literal rather than a parameter.",
      `    const kafkaTopic = ${sq(e.defaultTopic)};`,
      '    target.addEventSource(',
      '      new sources.ManagedKafkaEventSource({',
      '        clusterArn: kafkaClusterArn.valueAsString,',
      '        topic: kafkaTopic,',
      `        startingPosition: lambda.StartingPosition.${e.startingPosition},`,
      `        batchSize: ${e.batchSize},`,
      ...window(e.windowSeconds),
      ...(e.bisectBatchOnFunctionError !== null ? [`        bisectBatchOnError: ${e.bisectBatchOnFunctionError},`] : []),
      ...optional(e.retryAttempts, `        retryAttempts: ${e.retryAttempts},`),
      ...optional(e.maximumRecordAgeSeconds, `        maxRecordAge: Duration.seconds(${e.maximumRecordAgeSeconds}),`),
      ...optional(e.reportBatchItemFailures, '        reportBatchItemFailures: true,'),
      ...pollers(e.provisionedPollers),
      ...streamFailure(c, e.onFailure),
      '      }),',
      '    );',
    );
  },
  restApi: (e, c) => {
    c.imports.add("import * as apigateway from 'aws-cdk-lib/aws-apigateway';");
    c.after.push(
      "    const api = new apigateway.LambdaRestApi(this, 'Api', { handler: target, proxy: false });",
      `    api.root.addResource(${sq(e.path.slice(1))}).addMethod(${sq(e.method)});`,
      `    new CfnOutput(this, 'ApiUrl', { value: api.urlForPath(${sq(e.path)}) });`,
    );
  },
  httpApi: (e, c) => {
    c.imports.add("import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';").add("import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';");
    c.after.push(
      "    const api = new apigwv2.HttpApi(this, 'HttpApi');",
      `    api.addRoutes({ path: '${e.path}', methods: [apigwv2.HttpMethod.${e.method}], integration: new HttpLambdaIntegration('Orders', target) });`,
      `    new CfnOutput(this, 'ApiUrl', { value: \`\${api.apiEndpoint}${e.path}\` });`,
    );
  },
  functionUrl: (e, c) => {
    c.after.push(`    const url = target.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.${e.authType} });`, "    new CfnOutput(this, 'FunctionUrl', { value: url.url });");
  },
  loadBalancer: (e, c) => {
    c.imports.add("import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';").add("import * as elbTargets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';");
    c.after.push(
      "    const listenerArn = new CfnParameter(this, 'ListenerArn', { type: 'String', description: 'ARN of the Application Load Balancer listener' });",
      `    const listenerRulePriority = new CfnParameter(this, 'ListenerRulePriority', { type: 'Number', default: ${e.defaultPriority}, minValue: 1, description: 'Priority of the listener rule' });`,
      "    const targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', { targets: [new elbTargets.LambdaTarget(target)] });",
      "    new elbv2.CfnListenerRule(this, 'ListenerRule', {",
      '      listenerArn: listenerArn.valueAsString,',
      '      priority: listenerRulePriority.valueAsNumber,',
      `      conditions: [{ field: 'path-pattern', pathPatternConfig: { values: ['${e.path}'] } }],`,
      "      actions: [{ type: 'forward', targetGroupArn: targetGroup.targetGroupArn }],",
      '    });',
    );
  },
  uploadBucket: (e, c) => {
    c.imports.add(IMPORT.s3).add(IMPORT.sources);
    c.after.push(
      `    const uploadBucket = new s3.Bucket(this, 'UploadBucket', ${ENCRYPTED_BUCKET});`,
      `    target.addEventSource(new sources.S3EventSource(uploadBucket, { events: [s3.EventType.${S3_EVENTS[e.events]}] }));`,
    );
  },
  topicSource: (_e, c) => {
    c.imports.add(IMPORT.sns).add(IMPORT.sources);
    c.after.push(
      "    const sourceTopic = new sns.Topic(this, 'SourceTopic');",
      '    target.addEventSource(new sources.SnsEventSource(sourceTopic));',
      "    new CfnOutput(this, 'SourceTopicArn', { value: sourceTopic.topicArn });",
    );
  },
  eventRule: (e, c) => {
    c.imports.add(IMPORT.events).add("import * as eventTargets from 'aws-cdk-lib/aws-events-targets';");
    c.after.push(
      "    new events.Rule(this, 'Rule', {",
      `      eventPattern: { source: [${e.pattern.source.map(lit).join(', ')}], detailType: [${e.pattern['detail-type'].map(sq).join(', ')}] },`,
      '      targets: [new eventTargets.LambdaFunction(target)],',
      '    });',
    );
  },
  schedule: (e, c) => {
    c.imports.add("import * as scheduler from 'aws-cdk-lib/aws-scheduler';").add("import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';");
    c.after.push(
      `    const scheduleExpression = new CfnParameter(this, 'ScheduleExpression', { type: 'String', default: ${sq(e.defaultExpression)}, description: 'When to run: rate(...) or cron(...)' });`,
      "    new scheduler.Schedule(this, 'Schedule', {",
      '      schedule: scheduler.ScheduleExpression.expression(scheduleExpression.valueAsString),',
      '      target: new schedulerTargets.LambdaInvoke(target, {',
      '        // EventBridge Scheduler fills in the context attributes; scheduledTime is the idempotency key.',
      '        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime, executionId: scheduler.ContextAttribute.executionId }),',
      '      }),',
      '    });',
    );
  },
  asyncInvoke: (e, c) => {
    const dest = e.onFailure && c.destination !== null ? (c.imports.add(IMPORT.destinations), c.destination.async(c)) : null;
    c.after.push(
      '    target.configureAsyncInvoke({',
      ...optional(e.retryAttempts, `      retryAttempts: ${e.retryAttempts},`),
      ...optional(e.maximumEventAgeSeconds, `      maxEventAge: Duration.seconds(${e.maximumEventAgeSeconds}),`),
      ...optional(dest, `      onFailure: ${dest},`),
      '    });',
    );
  },
  vpc: (e, c) => {
    c.imports.add("import * as ec2 from 'aws-cdk-lib/aws-ec2';");
    c.after.push(
      `    const subnetIds = new CfnParameter(this, 'SubnetIds', { type: 'List<AWS::EC2::Subnet::Id>', description: ${lit(`Private subnets for the function, one per Availability Zone (${e.subnets})`)} });`,
      "    const securityGroupIds = new CfnParameter(this, 'SecurityGroupIds', { type: 'List<AWS::EC2::SecurityGroup::Id>', description: 'Security groups for the function' });",
      '    (fn.node.defaultChild as lambda.CfnFunction).vpcConfig = {',
      '      subnetIds: subnetIds.valueAsList,',
      '      securityGroupIds: securityGroupIds.valueAsList,',
      ...optional(e.ipv6, '      ipv6AllowedForDualStack: true,'),
      '    };',
      `    fn.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(${sq(e.managedPolicy)}));`,
    );
    if (e.gatewayEndpoints.length + e.interfaceEndpoints.length > 0) {
      c.after.push("    const vpcId = new CfnParameter(this, 'VpcId', { type: 'AWS::EC2::VPC::Id', description: 'The VPC of the subnets' });");
    }
    if (e.gatewayEndpoints.length > 0) {
      c.after.push("    const routeTableIds = new CfnParameter(this, 'RouteTableIds', { type: 'CommaDelimitedList', description: 'Route tables of the private subnets' });");
    }
    const endpoint = (service: string, kind: 'Gateway' | 'Interface', extra: string) =>
      `    new ec2.CfnVPCEndpoint(this, ${lit(endpointLogicalId(service, kind))}, { vpcEndpointType: '${kind}', vpcId: vpcId.valueAsString, serviceName: \`com.amazonaws.\${Aws.REGION}.\${${lit(service)}}\`, ${extra} });`;
    for (const g of e.gatewayEndpoints) c.after.push(endpoint(g, 'Gateway', 'routeTableIds: routeTableIds.valueAsList'));
    for (const i of e.interfaceEndpoints) c.after.push(endpoint(i, 'Interface', 'subnetIds: subnetIds.valueAsList, securityGroupIds: securityGroupIds.valueAsList, privateDnsEnabled: true'));
  },
  capacityProvider: (e, c) => {
    c.imports.add("import * as ec2 from 'aws-cdk-lib/aws-ec2';");
    c.before.push(
      "    // Lambda Managed Instances: EC2 instances Lambda launches in your VPC (private subnets in several Availability Zones).",
      "    const vpcId = new CfnParameter(this, 'VpcId', { type: 'AWS::EC2::VPC::Id', description: 'The VPC the Managed Instances run in' });",
      `    const subnetIds = new CfnParameter(this, 'SubnetIds', { type: 'List<AWS::EC2::Subnet::Id>', description: ${lit(`Private subnets for the Managed Instances, one in each of ${e.availabilityZones} Availability Zones (${e.instancesAtAverage} instances at average load)`)} });`,
      "    const instancesSecurityGroup = new ec2.CfnSecurityGroup(this, 'CapacityProviderSecurityGroup', { groupDescription: 'Managed Instances of the function: no inbound rule', vpcId: vpcId.valueAsString });",
      "    const operatorRole = new iam.Role(this, 'OperatorRole', {",
      `      assumedBy: new iam.ServicePrincipal(${sq(e.operatorPrincipal)}),`,
      "      description: 'Lets Lambda launch and manage the EC2 instances of the capacity provider (the AWS managed policy is the documented minimum)',",
      `      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(${sq(e.operatorPolicy)})],`,
      '    });',
      "    const capacityProvider = new lambda.CfnCapacityProvider(this, 'CapacityProvider', {",
      '      vpcConfig: { subnetIds: subnetIds.valueAsList, securityGroupIds: [instancesSecurityGroup.attrGroupId] },',
      '      permissionsConfig: { capacityProviderOperatorRoleArn: operatorRole.roleArn },',
      `      instanceRequirements: { architectures: [${sq(e.architecture)}], allowedInstanceTypes: [${e.instanceTypes.map(sq).join(', ')}] },`,
      `      capacityProviderScalingConfig: { maxVCpuCount: ${e.maxVCpuCount} },`,
      '    });',
      '',
    );
    c.after.push(
      '    // The function runs on the capacity provider: no provisioned concurrency, SnapStart or VpcConfig here.',
      '    (fn.node.defaultChild as lambda.CfnFunction).capacityProviderConfig = {',
      '      lambdaManagedInstancesCapacityProviderConfig: {',
      '        capacityProviderArn: capacityProvider.attrArn,',
      `        executionEnvironmentMemoryGiBPerVCpu: ${e.memoryGiBPerVCpu},`,
      `        perExecutionEnvironmentMaxConcurrency: ${e.perEnvironmentMaxConcurrency},`,
      '      },',
      '    };',
    );
  },
  durable: (e, c) => {
    // CDK gives the role AWSLambdaBasicDurableExecutionRolePolicy (checkpoints and logs) for a durable function.
    c.props.push(`      durableConfig: { executionTimeout: Duration.seconds(${e.executionTimeoutSeconds}), retentionPeriod: Duration.days(${e.retentionDays}) },`);
  },
  stateMachine: (e, c) => {
    c.imports.add("import * as sfn from 'aws-cdk-lib/aws-stepfunctions';");
    c.after.push(
      "    const stateMachineRole = new iam.Role(this, 'StateMachineRole', { assumedBy: new iam.ServicePrincipal(" + sq(e.principal) + ') });',
      '    // The state machine may invoke only the alias its tasks name.',
      "    stateMachineRole.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.functionArn] }));",
    );
    if (e.logging !== null) {
      const name = RETENTION_NAMES[e.logging.retentionDays];
      c.after.push(
        `    const stateMachineLogGroup = new logs.LogGroup(this, 'StateMachineLogGroup', { retention: ${name ? `logs.RetentionDays.${name}` : `${e.logging.retentionDays} as logs.RetentionDays`} });`,
        '    // Log delivery actions take no resource ARN (Step Functions\' documented policy).',
        `    stateMachineRole.addToPolicy(new iam.PolicyStatement({ actions: [${e.logging.deliveryActions.map(sq).join(', ')}], resources: ['*'] }));`,
      );
    }
    c.after.push(
      "    const stateMachine = new sfn.CfnStateMachine(this, 'StateMachine', {",
      `      stateMachineType: ${sq(e.type)},`,
      '      roleArn: stateMachineRole.roleArn,',
      `      definitionString: ${lit(JSON.stringify(stateMachineDefinition(e, '${FunctionArn}'), null, 2))},`,
      '      definitionSubstitutions: { FunctionArn: target.functionArn },',
      ...(e.logging !== null
        ? [`      loggingConfiguration: { level: ${sq(e.logging.level)}, includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: stateMachineLogGroup.logGroupArn } }] },`]
        : []),
      '    });',
      '    // Created after its role\'s policy: Step Functions checks the log delivery permissions when it creates the state machine.',
      '    stateMachine.node.addDependency(stateMachineRole);',
      `    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.attrArn, description: ${lit(`Start executions here; the ${e.unwiredSource} source is not wired to it`)} });`,
    );
  },
};

/** `new NodejsFunction(…)` / `new lambda.Function(…)` with the properties the emitters collected. */
function functionConstruct(c: Cdk): string[] {
  const f = c.fn!;
  const ts = f.language === 'typescript';
  const props = [
    `      runtime: new lambda.Runtime(${lit(f.runtime)}, lambda.RuntimeFamily.${ts ? 'NODEJS' : 'PYTHON'}${c.snapStart ? ', { supportsSnapStart: true }' : ''}),`,
    `      architecture: lambda.Architecture.${f.architecture === 'arm64' ? 'ARM_64' : 'X86_64'},`,
    `      memorySize: ${f.memoryMb},`,
    `      timeout: Duration.seconds(${f.timeoutSeconds}),`,
    `      ephemeralStorageSize: Size.mebibytes(${f.ephemeralStorageMb}),`,
    `      tracing: lambda.Tracing.${f.tracing.toUpperCase()},`,
    ...c.props,
  ];
  if (ts) {
    return [
      "    const fn = new NodejsFunction(this, 'Function', {",
      "      entry: path.join(here, '..', 'src', 'handler.ts'),",
      "      handler: 'handler',",
      ...props,
      "      bundling: { format: OutputFormat.ESM, target: 'es2022', sourceMap: true },",
      '    });',
    ];
  }
  return [
    "    const fn = new lambda.Function(this, 'Function', {",
    "      handler: 'handler.lambda_handler',",
    `      code: lambda.Code.fromAsset(path.join(here, '..', 'src'), {`,
    '        bundling: {',
    `          image: new lambda.Runtime(${lit(f.runtime)}, lambda.RuntimeFamily.PYTHON).bundlingImage,`,
    "          command: ['bash', '-c', 'pip install -r requirements.txt -t /asset-output && cp -au . /asset-output'],",
    '        },',
    '      }),',
    ...props,
    '    });',
  ];
}

function stackSource(plan: Plan): string {
  const c = emitAll<Cdk>(infraPlan(plan), CDK_EMITTERS, {
    imports: new Set([
      "import * as path from 'node:path';",
      "import { fileURLToPath } from 'node:url';",
      "import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';",
      "import * as iam from 'aws-cdk-lib/aws-iam';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import * as logs from 'aws-cdk-lib/aws-logs';",
      "import type { Construct } from 'constructs';",
      ...(plan.options.language === 'typescript' ? ["import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';"] : []),
    ]),
    before: [],
    props: [],
    target: [],
    after: [],
    fn: null,
    snapStart: false,
    destination: null,
  });
  const body = [...c.before, ...functionConstruct(c), ...c.target, ...c.after, "    new CfnOutput(this, 'FunctionArn', { value: fn.functionArn });"];
  const core = ['Aws', 'CfnOutput', 'CfnParameter', 'Duration', 'Fn', 'Size', 'Stack'].filter((n) => n !== 'Aws' || body.join('\n').includes('Aws.'));
  const importLines = [...c.imports];
  importLines.splice(2, 0, `import { ${core.join(', ')}, type StackProps } from 'aws-cdk-lib';`);

  return `/**
 * ${plan.source} function ${inComment(lit(plan.displayName))}: the stack scaffolded by Lambda Design Advisor.
 * Every number below comes from the design (see README.md for the reasons).
 */
${importLines.join('\n')}

const here = path.dirname(fileURLToPath(import.meta.url));

export class AppStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

${body.join('\n')}
  }
}
`;
}

export function stackId(plan: Plan): string {
  return plan.slug.split('-').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('').replace(/^[^A-Za-z]+/, '') || 'LambdaApp';
}

export function cdkFiles(plan: Plan): ScaffoldFile[] {
  const app = `/** The CDK app: one environment-agnostic stack (synthesises without AWS credentials). */
import { App } from 'aws-cdk-lib';
import { AppStack } from '../lib/stack.ts';

const app = new App();
new AppStack(app, ${lit(stackId(plan))}, { description: ${lit(`${plan.displayName}: ${plan.source} function scaffolded by Lambda Design Advisor`)} });
app.synth();
`;
  const cdkJson = {
    app: 'npx tsx bin/app.ts',
    watch: { include: ['bin/**', 'lib/**', 'src/**'], exclude: ['cdk.out', 'node_modules'] },
    context: {
      '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
      '@aws-cdk/core:target-partitions': ['aws', 'aws-cn'],
    },
  };
  return [
    { path: 'bin/app.ts', contents: app, role: 'iac' },
    { path: 'lib/stack.ts', contents: stackSource(plan), role: 'iac' },
    { path: 'cdk.json', contents: `${JSON.stringify(cdkJson, null, 2)}\n`, role: 'config' },
  ];
}
