/**
 * The CDK app (TypeScript, aws-cdk-lib): `bin/app.ts` with the App, `lib/stack.ts` with the Stack,
 * `cdk.json`. The same resources and knobs as the SAM template. Values from the design are written
 * with JSON.stringify, so any name is a valid TS literal.
 */
import { OBSERVABILITY } from '../facts/observability.ts';
import type { Plan } from './plan.ts';
import { ALIAS_NAME, endpointLogicalId, endpointService } from './sam.ts';
import type { ScaffoldFile } from './types.ts';

const lit = (v: unknown): string => JSON.stringify(v);
// Text inside a block comment: a comment terminator (star, slash) in it would end the comment early.
const inComment = (s: string): string => s.replace(/\*\//g, '*\\/');

/** CDK's RetentionDays enum member for a number of days (the enum's values are those days). */
const RETENTION_NAMES: Record<number, string> = {
  1: 'ONE_DAY', 3: 'THREE_DAYS', 5: 'FIVE_DAYS', 7: 'ONE_WEEK', 14: 'TWO_WEEKS', 30: 'ONE_MONTH', 60: 'TWO_MONTHS',
  90: 'THREE_MONTHS', 120: 'FOUR_MONTHS', 150: 'FIVE_MONTHS', 180: 'SIX_MONTHS', 365: 'ONE_YEAR', 400: 'THIRTEEN_MONTHS',
  545: 'EIGHTEEN_MONTHS', 731: 'TWO_YEARS', 1096: 'THREE_YEARS', 1827: 'FIVE_YEARS', 2192: 'SIX_YEARS', 2557: 'SEVEN_YEARS',
  2922: 'EIGHT_YEARS', 3288: 'NINE_YEARS', 3653: 'TEN_YEARS',
};

export function stackId(plan: Plan): string {
  return plan.slug.split('-').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('').replace(/^[^A-Za-z]+/, '') || 'LambdaApp';
}

function stackSource(plan: Plan): string {
  const d = plan.design;
  const b = d.batching;
  const e = d.errorHandling;
  const c = d.concurrency;
  const ts = plan.options.language === 'typescript';
  const imports = new Set<string>([
    "import * as path from 'node:path';",
    "import { fileURLToPath } from 'node:url';",
    "import { Aws, CfnOutput, CfnParameter, Duration, Fn, Size, Stack, type StackProps } from 'aws-cdk-lib';",
    "import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as logs from 'aws-cdk-lib/aws-logs';",
    "import type { Construct } from 'constructs';",
  ]);
  if (ts) imports.add("import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';");
  const body: string[] = [];
  const add = (...lines: string[]) => body.push(...lines);
  const period = `Duration.seconds(${OBSERVABILITY.alarmPeriodSeconds.value})`;
  const alarm = (id: string, metric: string, description: string) =>
    add(
      `    new cloudwatch.Alarm(this, ${lit(id)}, {`,
      `      metric: ${metric},`,
      '      threshold: 0,',
      '      evaluationPeriods: 1,',
      '      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,',
      '      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,',
      `      alarmDescription: ${lit(description)},`,
      '    });',
    );

  add(
    `    const settingsParameterName = new CfnParameter(this, 'SettingsParameterName', {`,
    "      type: 'String',",
    `      default: ${lit(`${plan.slug}/settings`)},`,
    `      allowedPattern: ${lit('^[A-Za-z0-9_.\\-][A-Za-z0-9_.\\-/]*$')},`,
    "      description: 'SSM parameter (SecureString, JSON) holding settings and secrets, without the leading slash',",
    '    });',
    '',
  );
  const retention = RETENTION_NAMES[OBSERVABILITY.logRetentionDays.value];
  add(
    `    const logGroup = new logs.LogGroup(this, 'LogGroup', { retention: ${retention ? `logs.RetentionDays.${retention}` : `${OBSERVABILITY.logRetentionDays.value} as logs.RetentionDays`} });`,
  );
  if (plan.idempotent) {
    imports.add("import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';");
    add(
      "    const idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {",
      "      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },",
      '      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,',
      "      timeToLiveAttribute: 'expiration',",
      '      encryption: dynamodb.TableEncryption.AWS_MANAGED,',
      '    });',
    );
  }
  const env: string[] = [
    `        POWERTOOLS_SERVICE_NAME: ${lit(plan.displayName)},`,
    `        POWERTOOLS_METRICS_NAMESPACE: ${lit(plan.slug)},`,
    "        POWERTOOLS_LOG_LEVEL: 'INFO',",
    "        SETTINGS_PARAMETER_NAME: Fn.join('', ['/', settingsParameterName.valueAsString]),",
  ];
  if (plan.idempotent) env.push('        IDEMPOTENCY_TABLE_NAME: idempotencyTable.tableName,');
  const common = [
    `      runtime: new lambda.Runtime(${lit(plan.runtime)}, lambda.RuntimeFamily.${ts ? 'NODEJS' : 'PYTHON'}${plan.snapStart ? ', { supportsSnapStart: true }' : ''}),`,
    `      architecture: lambda.Architecture.${d.architecture === 'arm64' ? 'ARM_64' : 'X86_64'},`,
    `      memorySize: ${d.memoryMb},`,
    `      timeout: Duration.seconds(${d.timeoutSeconds}),`,
    `      ephemeralStorageSize: Size.mebibytes(${d.ephemeralStorageMb}),`,
    '      tracing: lambda.Tracing.ACTIVE,',
    '      loggingFormat: lambda.LoggingFormat.JSON,',
    '      logGroup,',
    `      description: ${lit(`${plan.displayName} (${plan.source})`)},`,
    '      environment: {',
    ...env,
    '      },',
  ];
  if (c.reserved !== null) common.push(`      reservedConcurrentExecutions: ${c.reserved},`);
  if (plan.snapStart) common.push('      snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS,');
  if (ts) {
    add(
      "    const fn = new NodejsFunction(this, 'Function', {",
      "      entry: path.join(here, '..', 'src', 'handler.ts'),",
      "      handler: 'handler',",
      ...common,
      "      bundling: { format: OutputFormat.ESM, target: 'es2022', sourceMap: true },",
      '    });',
    );
  } else {
    add(
      "    const fn = new lambda.Function(this, 'Function', {",
      "      handler: 'handler.lambda_handler',",
      `      code: lambda.Code.fromAsset(path.join(here, '..', 'src'), {`,
      '        bundling: {',
      `          image: new lambda.Runtime(${lit(plan.runtime)}, lambda.RuntimeFamily.PYTHON).bundlingImage,`,
      "          command: ['bash', '-c', 'pip install -r requirements.txt -t /asset-output && cp -au . /asset-output'],",
      '        },',
      '      }),',
      ...common,
      '    });',
    );
  }
  add(
    '    // Settings and secrets: read only this parameter (its name is in the environment, never its value).',
    '    fn.addToRolePolicy(',
    '      new iam.PolicyStatement({',
    "        actions: ['ssm:GetParameter', 'ssm:GetParameters'],",
    "        resources: [Stack.of(this).formatArn({ service: 'ssm', resource: 'parameter', resourceName: settingsParameterName.valueAsString })],",
    '      }),',
    '    );',
  );
  if (plan.idempotent) add('    idempotencyTable.grantReadWriteData(fn);');
  const needsAlias = c.provisioned !== null || plan.snapStart;
  if (needsAlias) {
    add(
      `    const target = new lambda.Alias(this, 'LiveAlias', {`,
      `      aliasName: ${lit(ALIAS_NAME)},`,
      '      version: fn.currentVersion,',
      ...(c.provisioned !== null ? [`      provisionedConcurrentExecutions: ${c.provisioned},`] : []),
      '    });',
    );
  } else {
    add('    const target = fn;');
  }

  // The failure destination (async invocations and stream/Kafka on-failure).
  const destKind = e.onFailureDestination;
  const usesDest = destKind !== null && (plan.async || plan.family === 'stream' || plan.family === 'kafka');
  if (usesDest) {
    if (destKind === 'sqs') {
      imports.add("import * as sqs from 'aws-cdk-lib/aws-sqs';");
      add("    const failureQueue = new sqs.Queue(this, 'FailureQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED });");
      alarm('FailureQueueDepthAlarm', `failureQueue.metricApproximateNumberOfMessagesVisible({ period: ${period}, statistic: 'Maximum' })`, `${plan.displayName}: failed events are waiting in the on-failure queue`);
    } else if (destKind === 'sns') {
      imports.add("import * as sns from 'aws-cdk-lib/aws-sns';");
      add("    const failureTopic = new sns.Topic(this, 'FailureTopic');");
    } else if (destKind === 's3') {
      imports.add("import * as s3 from 'aws-cdk-lib/aws-s3';");
      add("    const failureBucket = new s3.Bucket(this, 'FailureBucket', { encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true });");
    } else if (destKind === 'lambda') {
      add(
        "    const onFailureFunctionArn = new CfnParameter(this, 'OnFailureFunctionArn', { type: 'String', description: 'ARN of the function that receives failed events' });",
      );
    }
  }
  const asyncDest = (): string | null => {
    if (!usesDest) return null;
    imports.add("import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';");
    switch (destKind) {
      case 'sqs':
        return 'new destinations.SqsDestination(failureQueue)';
      case 'sns':
        return 'new destinations.SnsDestination(failureTopic)';
      case 's3':
        return 'new destinations.S3Destination(failureBucket)';
      case 'eventbridge':
        imports.add("import * as events from 'aws-cdk-lib/aws-events';");
        return "new destinations.EventBridgeDestination(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'))";
      case 'lambda':
        return "new destinations.LambdaDestination(lambda.Function.fromFunctionArn(this, 'OnFailureFunction', onFailureFunctionArn.valueAsString))";
      default:
        return null;
    }
  };
  const streamDest = (): string | null => {
    if (!usesDest) return null;
    switch (destKind) {
      case 'sqs':
        return 'new sources.SqsDlq(failureQueue)';
      case 'sns':
        return 'new sources.SnsDlq(failureTopic)';
      case 's3':
        return 'new sources.S3OnFailureDestination(failureBucket)';
      default:
        return null;
    }
  };

  if (plan.family === 'queue' && b !== null) {
    imports.add("import * as sqs from 'aws-cdk-lib/aws-sqs';");
    imports.add("import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';");
    const q = e.queue!;
    const fifo = plan.source === 'sqs-fifo';
    const fifoProps = fifo ? ' fifo: true, contentBasedDeduplication: true,' : '';
    if (q.deadLetterQueue) {
      add(`    const deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {${fifoProps} encryption: sqs.QueueEncryption.SQS_MANAGED });`);
      alarm('DeadLetterQueueDepthAlarm', `deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ${period}, statistic: 'Maximum' })`, `${plan.displayName}: messages are in the dead-letter queue`);
    }
    add(
      "    const sourceQueue = new sqs.Queue(this, 'SourceQueue', {",
      ...(fifo ? ['      fifo: true,', '      contentBasedDeduplication: true,'] : []),
      `      visibilityTimeout: Duration.seconds(${q.visibilityTimeoutSeconds}),`,
      '      encryption: sqs.QueueEncryption.SQS_MANAGED,',
      ...(q.deadLetterQueue ? [`      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: ${q.maxReceiveCount} },`] : []),
      '    });',
      '    target.addEventSource(',
      '      new sources.SqsEventSource(sourceQueue, {',
      `        batchSize: ${b.batchSize},`,
      ...(b.maximumBatchingWindowSeconds > 0 ? [`        maxBatchingWindow: Duration.seconds(${b.maximumBatchingWindowSeconds}),`] : []),
      ...(b.reportBatchItemFailures ? ['        reportBatchItemFailures: true,'] : []),
      ...(c.maximumConcurrency !== null ? [`        maxConcurrency: ${c.maximumConcurrency},`] : []),
      '      }),',
      '    );',
      "    new CfnOutput(this, 'SourceQueueUrl', { value: sourceQueue.queueUrl });",
    );
  } else if (plan.family === 'stream' && b !== null) {
    imports.add("import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';");
    const kinesis = plan.source === 'kinesis';
    if (kinesis) {
      imports.add("import * as kinesis from 'aws-cdk-lib/aws-kinesis';");
      add("    const sourceStream = new kinesis.Stream(this, 'SourceStream', { streamMode: kinesis.StreamMode.ON_DEMAND, encryption: kinesis.StreamEncryption.MANAGED });");
    } else {
      imports.add("import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';");
      add(
        "    const sourceTable = new dynamodb.Table(this, 'SourceTable', {",
        "      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },",
        '      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,',
        '      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,',
        '      encryption: dynamodb.TableEncryption.AWS_MANAGED,',
        '    });',
      );
    }
    const onFailure = streamDest();
    add(
      '    target.addEventSource(',
      `      new sources.${kinesis ? 'KinesisEventSource(sourceStream' : 'DynamoEventSource(sourceTable'}, {`,
      '        startingPosition: lambda.StartingPosition.LATEST,',
      `        batchSize: ${b.batchSize},`,
      ...(b.maximumBatchingWindowSeconds > 0 ? [`        maxBatchingWindow: Duration.seconds(${b.maximumBatchingWindowSeconds}),`] : []),
      ...(c.parallelizationFactor !== null ? [`        parallelizationFactor: ${c.parallelizationFactor},`] : []),
      ...(e.bisectBatchOnFunctionError !== null ? [`        bisectBatchOnError: ${e.bisectBatchOnFunctionError},`] : []),
      ...(e.retryAttempts !== null ? [`        retryAttempts: ${e.retryAttempts},`] : []),
      ...(e.maximumRecordAgeSeconds !== null ? [`        maxRecordAge: Duration.seconds(${e.maximumRecordAgeSeconds}),`] : []),
      ...(b.reportBatchItemFailures ? ['        reportBatchItemFailures: true,'] : []),
      ...(onFailure !== null ? [`        onFailure: ${onFailure},`] : []),
      '      }),',
      '    );',
    );
  } else if (plan.source === 'kafka' && b !== null) {
    imports.add("import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';");
    const onFailure = streamDest();
    add(
      "    const kafkaClusterArn = new CfnParameter(this, 'KafkaClusterArn', { type: 'String', description: 'ARN of the Amazon MSK cluster' });",
      "    // The topic is part of the event source's construct id, so it is a literal rather than a parameter.",
      "    const kafkaTopic = 'orders';",
      '    target.addEventSource(',
      '      new sources.ManagedKafkaEventSource({',
      '        clusterArn: kafkaClusterArn.valueAsString,',
      '        topic: kafkaTopic,',
      '        startingPosition: lambda.StartingPosition.LATEST,',
      `        batchSize: ${b.batchSize},`,
      ...(b.maximumBatchingWindowSeconds > 0 ? [`        maxBatchingWindow: Duration.seconds(${b.maximumBatchingWindowSeconds}),`] : []),
      ...(onFailure !== null ? [`        onFailure: ${onFailure},`] : []),
      '      }),',
      '    );',
    );
  } else if (plan.http === 'rest') {
    imports.add("import * as apigateway from 'aws-cdk-lib/aws-apigateway';");
    add(
      "    const api = new apigateway.LambdaRestApi(this, 'Api', { handler: target, proxy: false });",
      "    api.root.addResource('orders').addMethod('POST');",
      "    new CfnOutput(this, 'ApiUrl', { value: api.urlForPath('/orders') });",
    );
  } else if (plan.http === 'http') {
    imports.add("import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';");
    imports.add("import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';");
    add(
      "    const api = new apigwv2.HttpApi(this, 'HttpApi');",
      "    api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('Orders', target) });",
      "    new CfnOutput(this, 'ApiUrl', { value: `${api.apiEndpoint}/orders` });",
    );
  } else if (plan.http === 'url') {
    add(
      '    const url = target.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });',
      "    new CfnOutput(this, 'FunctionUrl', { value: url.url });",
    );
  } else if (plan.http === 'alb') {
    imports.add("import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';");
    imports.add("import * as elbTargets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';");
    add(
      "    const listenerArn = new CfnParameter(this, 'ListenerArn', { type: 'String', description: 'ARN of the Application Load Balancer listener' });",
      "    const listenerRulePriority = new CfnParameter(this, 'ListenerRulePriority', { type: 'Number', default: 100, minValue: 1, description: 'Priority of the listener rule' });",
      "    const targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', { targets: [new elbTargets.LambdaTarget(target)] });",
      "    new elbv2.CfnListenerRule(this, 'ListenerRule', {",
      '      listenerArn: listenerArn.valueAsString,',
      '      priority: listenerRulePriority.valueAsNumber,',
      "      conditions: [{ field: 'path-pattern', pathPatternConfig: { values: ['/orders'] } }],",
      "      actions: [{ type: 'forward', targetGroupArn: targetGroup.targetGroupArn }],",
      '    });',
    );
  } else if (plan.source === 's3') {
    imports.add("import * as s3 from 'aws-cdk-lib/aws-s3';");
    imports.add("import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';");
    add(
      "    const uploadBucket = new s3.Bucket(this, 'UploadBucket', { encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true });",
      '    uploadBucket.grantRead(fn);',
      '    target.addEventSource(new sources.S3EventSource(uploadBucket, { events: [s3.EventType.OBJECT_CREATED] }));',
    );
  } else if (plan.source === 'sns') {
    imports.add("import * as sns from 'aws-cdk-lib/aws-sns';");
    imports.add("import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';");
    add(
      "    const sourceTopic = new sns.Topic(this, 'SourceTopic');",
      '    target.addEventSource(new sources.SnsEventSource(sourceTopic));',
      "    new CfnOutput(this, 'SourceTopicArn', { value: sourceTopic.topicArn });",
    );
  } else if (plan.source === 'eventbridge') {
    imports.add("import * as events from 'aws-cdk-lib/aws-events';");
    imports.add("import * as eventTargets from 'aws-cdk-lib/aws-events-targets';");
    add(
      "    new events.Rule(this, 'Rule', {",
      `      eventPattern: { source: [${lit(plan.slug)}], detailType: ['OrderPlaced'] },`,
      '      targets: [new eventTargets.LambdaFunction(target)],',
      '    });',
    );
  } else if (plan.source === 'schedule') {
    imports.add("import * as scheduler from 'aws-cdk-lib/aws-scheduler';");
    imports.add("import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';");
    add(
      "    const scheduleExpression = new CfnParameter(this, 'ScheduleExpression', { type: 'String', default: 'rate(1 hour)', description: 'When to run: rate(...) or cron(...)' });",
      "    new scheduler.Schedule(this, 'Schedule', {",
      '      schedule: scheduler.ScheduleExpression.expression(scheduleExpression.valueAsString),',
      '      target: new schedulerTargets.LambdaInvoke(target, {',
      '        // EventBridge Scheduler fills in the context attributes; scheduledTime is the idempotency key.',
      '        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime, executionId: scheduler.ContextAttribute.executionId }),',
      '      }),',
      '    });',
    );
  }

  if (plan.async) {
    const dest = asyncDest();
    add(
      '    target.configureAsyncInvoke({',
      ...(e.retryAttempts !== null ? [`      retryAttempts: ${e.retryAttempts},`] : []),
      ...(e.maximumEventAgeSeconds !== null ? [`      maxEventAge: Duration.seconds(${e.maximumEventAgeSeconds}),`] : []),
      ...(dest !== null ? [`      onFailure: ${dest},`] : []),
      '    });',
    );
  }

  if (d.vpc.attach) {
    imports.add("import * as ec2 from 'aws-cdk-lib/aws-ec2';");
    add(
      `    const subnetIds = new CfnParameter(this, 'SubnetIds', { type: 'List<AWS::EC2::Subnet::Id>', description: ${lit(`Private subnets for the function, one per Availability Zone (${d.vpc.subnets})`)} });`,
      "    const securityGroupIds = new CfnParameter(this, 'SecurityGroupIds', { type: 'List<AWS::EC2::SecurityGroup::Id>', description: 'Security groups for the function' });",
      '    (fn.node.defaultChild as lambda.CfnFunction).vpcConfig = {',
      '      subnetIds: subnetIds.valueAsList,',
      '      securityGroupIds: securityGroupIds.valueAsList,',
      ...(d.vpc.ipv6Egress ? ['      ipv6AllowedForDualStack: true,'] : []),
      '    };',
      "    fn.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'));",
    );
    const gateways = [...new Set(d.vpc.gatewayEndpoints.map(endpointService))].sort();
    const interfaces = [...new Set(d.vpc.interfaceEndpoints.map(endpointService))].sort();
    if (gateways.length + interfaces.length > 0) {
      add("    const vpcId = new CfnParameter(this, 'VpcId', { type: 'AWS::EC2::VPC::Id', description: 'The VPC of the subnets' });");
    }
    if (gateways.length > 0) {
      add("    const routeTableIds = new CfnParameter(this, 'RouteTableIds', { type: 'CommaDelimitedList', description: 'Route tables of the private subnets' });");
    }
    for (const g of gateways) {
      add(
        `    new ec2.CfnVPCEndpoint(this, ${lit(endpointLogicalId(g, 'Gateway'))}, { vpcEndpointType: 'Gateway', vpcId: vpcId.valueAsString, serviceName: \`com.amazonaws.\${Aws.REGION}.\${${lit(g)}}\`, routeTableIds: routeTableIds.valueAsList });`,
      );
    }
    for (const i of interfaces) {
      add(
        `    new ec2.CfnVPCEndpoint(this, ${lit(endpointLogicalId(i, 'Interface'))}, { vpcEndpointType: 'Interface', vpcId: vpcId.valueAsString, serviceName: \`com.amazonaws.\${Aws.REGION}.\${${lit(i)}}\`, subnetIds: subnetIds.valueAsList, securityGroupIds: securityGroupIds.valueAsList, privateDnsEnabled: true });`,
      );
    }
  }

  alarm('ErrorsAlarm', `fn.metricErrors({ period: ${period}, statistic: 'Sum' })`, `${plan.displayName}: the function reported errors`);
  alarm('ThrottlesAlarm', `fn.metricThrottles({ period: ${period}, statistic: 'Sum' })`, `${plan.displayName}: invocations were throttled`);
  add("    new CfnOutput(this, 'FunctionArn', { value: fn.functionArn });");
  const cdkImport = `import { ${['Aws', 'CfnOutput', 'CfnParameter', 'Duration', 'Fn', 'Size', 'Stack'].filter((n) => n !== 'Aws' || body.join('\n').includes('Aws.')).join(', ')}, type StackProps } from 'aws-cdk-lib';`;
  const importLines = [...imports].filter((l) => !l.includes("from 'aws-cdk-lib';"));
  importLines.splice(2, 0, cdkImport);

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
