/**
 * The infrastructure plan: what a design needs, decided once, as data. SAM (sam.ts), CDK (cdk.ts)
 * and Terraform (terraform.ts) each render the same list of elements with one small emitter per
 * element kind, so a dialect never re-decides what the design needs (which queue, which alarm, which
 * permission); it only says how that thing is written in its language. No dialect string lives here:
 * resources are named by logical `Ref`s that each dialect maps to its own references.
 *
 * The list is ordered: an element may rely on what an earlier one set up (the function before the
 * grants on its role, the alias before the sources that invoke it, the failure destination before
 * the sources and the async configuration that send to it).
 *
 * How to add a design element (a provisioned poller, a Kafka failure destination, a deployment alias
 * with CodeDeploy, Managed Instances …):
 *   1. add an interface with a new `kind` to `InfraElement` below and push it from `infraPlan()` where
 *      it belongs in the order (take every value from the design or the facts, never a literal AWS
 *      number);
 *   2. the type checker then names the three emitter tables that lack it (`SAM_EMITTERS`,
 *      `CDK_EMITTERS`, `TERRAFORM_EMITTERS`): add one emitter to each, under ~80 lines
 *      (test/unit/scaffold-emitters.test.ts checks the size);
 *   3. a new resource the element grants access to is a new `Ref`, mapped once per dialect.
 * A new setting of an existing element (a field of a source, say) is one field here and one line
 * in each of that element's three emitters.
 */
import { DEPLOYMENT, type Architecture, type DeploymentType, type Runtime } from '../facts/index.ts';
import type { ProvisionedPollersPlan } from '../design.ts';
import { OBSERVABILITY } from '../facts/observability.ts';
import { SHAPES } from '../facts/shapes.ts';
import { MANAGED_INSTANCES } from '../facts/compute.ts';
import type { Plan, SourceFamily } from './plan.ts';
import { sourceOf } from '../sources/index.ts';
import type { HandlerLanguage } from './types.ts';

/** A resource the plan refers to; each dialect maps it to its own reference (ARN, name, construct). */
export type Ref =
  | 'settingsParameter'
  | 'idempotencyTable'
  | 'failureQueue'
  | 'failureTopic'
  | 'failureBucket'
  | 'defaultEventBus'
  | 'onFailureFunction'
  | 'sourceQueue'
  | 'deadLetterQueue'
  | 'sourceStream'
  | 'sourceTable'
  | 'uploadBucket';

/** Which part of a resource a grant covers: the resource itself, the objects in a bucket, a table's stream. */
export interface Scope {
  readonly ref: Ref;
  readonly part: 'resource' | 'objects' | 'stream';
}

/** Why the function's role may call an API, on which resources (never `*`). */
export type GrantId =
  | 'ReadSettings'
  | 'IdempotencyRecords'
  | 'SendFailures'
  | 'PublishFailures'
  | 'WriteFailures'
  | 'PutFailures'
  | 'InvokeOnFailure'
  | 'PollSourceQueue'
  | 'ReadStream'
  | 'ReadUploads';

export type DestinationType = 'sqs' | 'sns' | 's3' | 'eventbridge' | 'lambda';

/** A value of an environment variable: a literal, or the name of a planned resource. */
export type EnvValue = { readonly literal: string } | { readonly nameOf: 'settingsParameter' | 'idempotencyTable' };

// ---------- the elements ----------

/** The SSM parameter (SecureString, JSON) that holds settings and secrets; only its name reaches the function. */
export interface SettingsElement {
  readonly kind: 'settings';
  readonly defaultName: string;
  readonly allowedPattern: string;
}

export interface LogGroupElement {
  readonly kind: 'logGroup';
  readonly retentionDays: number;
  readonly format: 'JSON';
}

/** The Powertools idempotency table (on-demand, TTL on `expiration`). */
export interface IdempotencyTableElement {
  readonly kind: 'idempotencyTable';
  readonly partitionKey: string;
  readonly ttlAttribute: string;
}

export interface FunctionElement {
  readonly kind: 'function';
  readonly description: string;
  readonly language: HandlerLanguage;
  readonly runtime: string;
  readonly runtimeFamily: Runtime;
  readonly architecture: Architecture;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly ephemeralStorageMb: number;
  readonly tracing: 'Active';
  readonly reservedConcurrency: number | null;
  readonly environment: ReadonlyArray<readonly [string, EnvValue]>;
  /** AWS managed policies the role needs whatever the design (logs, X-Ray), by a short id. */
  readonly managedPolicies: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

/** A published version behind an alias: provisioned concurrency and SnapStart apply to versions. */
export interface AliasElement {
  readonly kind: 'alias';
  readonly name: string;
  readonly provisionedConcurrency: number | null;
}

/**
 * How CodeDeploy moves the alias to each new version (the design's `deployment`), and the alarms
 * that roll it back. The alarms watch the alias (FunctionName + Resource `function:alias`).
 */
export interface DeploymentElement {
  readonly kind: 'deployment';
  readonly strategy: 'canary' | 'linear' | 'all-at-once';
  /** SAM `DeploymentPreference.Type` (`AllAtOnce` for all at once). */
  readonly samType: DeploymentType;
  /** CodeDeploy's predefined configuration name (`CodeDeployDefault.Lambda…`). */
  readonly codeDeployConfig: string;
  /** CDK's `codedeploy.LambdaDeploymentConfig` member. */
  readonly cdkConfig: string;
  readonly alarms: readonly RollbackAlarm[];
  /** The AWS managed policy of the CodeDeploy service role (Terraform; SAM and CDK make the role). */
  readonly serviceRolePolicy: string;
}

export interface RollbackAlarm {
  readonly id: 'errors' | 'p99-duration';
  readonly metric: 'Errors' | 'Duration';
  readonly statistic: 'Sum' | 'p99';
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly description: string;
}

export interface SnapStartElement {
  readonly kind: 'snapStart';
  readonly applyOn: 'PublishedVersions';
}

/** One least-privilege statement on the function's role. */
export interface GrantElement {
  readonly kind: 'grant';
  readonly id: GrantId;
  readonly actions: readonly string[];
  readonly on: readonly Scope[];
}

/** Where failed async invocations or stream/Kafka records go. */
export interface FailureDestinationElement {
  readonly kind: 'failureDestination';
  readonly type: DestinationType;
  readonly ref: Ref;
}

/** An alarm on a metric that should stay at zero. */
export interface AlarmElement {
  readonly kind: 'alarm';
  /** Stable identity; dialects derive their logical ids from it. */
  readonly id: 'errors' | 'throttles' | 'deadLetterQueueDepth' | 'failureQueueDepth';
  readonly subject: { readonly function: true } | { readonly queue: Ref };
  readonly namespace: 'AWS/Lambda' | 'AWS/SQS';
  readonly metric: string;
  readonly statistic: 'Sum' | 'Maximum';
  readonly periodSeconds: number;
  readonly description: string;
}

/** An AWS service allowed to invoke the function: by resource policy, or through a role it assumes. */
export interface PermissionElement {
  readonly kind: 'permission';
  readonly invoker: 'restApi' | 'httpApi' | 'loadBalancer' | 'uploadBucket' | 'sourceTopic' | 'eventRule' | 'schedule';
  readonly principal: string;
  readonly mechanism: 'resource-policy' | 'role';
  /** The route an API may invoke the function on (APIs only). */
  readonly route: HttpRoute | null;
}

interface Batch {
  readonly batchSize: number;
  /** null when the design sets no batching window (0 s). */
  readonly windowSeconds: number | null;
  readonly reportBatchItemFailures: boolean;
}

/** The redrive target of the source queue (FIFO when the source is). */
export interface DeadLetterQueueElement {
  readonly kind: 'deadLetterQueue';
  readonly fifo: boolean;
}

export interface QueueSourceElement extends Batch {
  readonly kind: 'queueSource';
  readonly fifo: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly deadLetter: null | { readonly maxReceiveCount: number };
  readonly maximumConcurrency: number | null;
  /** ProvisionedPollerConfig (never together with maximumConcurrency), or null: standard mode. */
  readonly provisionedPollers: ProvisionedPollersPlan | null;
}

export interface StreamSourceElement extends Batch {
  readonly kind: 'streamSource';
  readonly stream: 'kinesis' | 'dynamodb';
  readonly startingPosition: 'LATEST';
  readonly parallelizationFactor: number | null;
  readonly bisectBatchOnFunctionError: boolean | null;
  readonly retryAttempts: number | null;
  readonly maximumRecordAgeSeconds: number | null;
  /** Failed records go to the failure destination. */
  readonly onFailure: boolean;
  /** Partition key of the source table (DynamoDB Streams). */
  readonly tableKey: string;
}

export interface KafkaSourceElement {
  readonly kind: 'kafkaSource';
  readonly batchSize: number;
  readonly windowSeconds: number | null;
  readonly startingPosition: 'LATEST';
  readonly defaultTopic: string;
  readonly onFailure: boolean;
  /** Kafka's error handling controls (they need provisioned mode, which the design then sets). */
  readonly reportBatchItemFailures: boolean;
  readonly bisectBatchOnFunctionError: boolean | null;
  readonly retryAttempts: number | null;
  readonly maximumRecordAgeSeconds: number | null;
  readonly provisionedPollers: ProvisionedPollersPlan | null;
  /** The MSK poller reads the cluster and manages network interfaces; the AWS managed policy scopes it. */
  readonly managedPolicy: string;
}

interface HttpRoute {
  readonly path: string;
  readonly method: 'POST';
}
export interface RestApiElement extends HttpRoute {
  readonly kind: 'restApi';
  /** The API's title (the design's name). */
  readonly title: string;
}
export interface HttpApiElement extends HttpRoute {
  readonly kind: 'httpApi';
}
/** A target group behind the user's Application Load Balancer listener (a rule on a path). */
export interface LoadBalancerElement extends HttpRoute {
  readonly kind: 'loadBalancer';
  readonly defaultPriority: number;
}

export interface FunctionUrlElement {
  readonly kind: 'functionUrl';
  readonly authType: 'AWS_IAM';
}

export interface UploadBucketElement {
  readonly kind: 'uploadBucket';
  readonly events: 'ObjectCreated';
}

export interface TopicSourceElement {
  readonly kind: 'topicSource';
}

export interface EventRuleElement {
  readonly kind: 'eventRule';
  readonly pattern: { readonly source: readonly string[]; readonly 'detail-type': readonly string[] };
}

export interface ScheduleElement {
  readonly kind: 'schedule';
  readonly defaultExpression: string;
}

/** Lambda's handling of asynchronous invocations: retries, event age, on-failure destination. */
export interface AsyncInvokeElement {
  readonly kind: 'asyncInvoke';
  readonly retryAttempts: number | null;
  readonly maximumEventAgeSeconds: number | null;
  readonly onFailure: boolean;
}

/** The function in the user's private subnets, with the VPC endpoints the design chose. NAT stays with the subnets. */
export interface VpcElement {
  readonly kind: 'vpc';
  readonly subnets: number;
  readonly natGateways: number;
  readonly ipv6: boolean;
  /** Service names (`s3`, `dynamodb`), de-duplicated and sorted. */
  readonly gatewayEndpoints: readonly string[];
  readonly interfaceEndpoints: readonly string[];
  readonly managedPolicy: string;
}

/**
 * Lambda Managed Instances (issue 11): the capacity provider that runs the function's published versions
 * on EC2 instances Lambda manages in the user's VPC, its operator role and its security group. The
 * function then has CapacityProviderConfig, and no VpcConfig, provisioned concurrency or SnapStart.
 */
export interface CapacityProviderElement {
  readonly kind: 'capacityProvider';
  readonly architecture: Architecture;
  /** The instance types the provider may launch (the one the plan priced). */
  readonly instanceTypes: readonly string[];
  readonly maxVCpuCount: number;
  readonly memoryGiBPerVCpu: number;
  readonly perEnvironmentMaxConcurrency: number;
  /** Instances the plan expects at average load. */
  readonly instancesAtAverage: number;
  /** Availability Zones to give subnets in: as many as the instances Lambda keeps by default for AZ resilience. */
  readonly availabilityZones: number;
  /** The operator role's AWS managed policy and the service that assumes it. */
  readonly operatorPolicy: string;
  readonly operatorPrincipal: string;
}

/** Lambda durable functions (issue 11): DurableConfig and the checkpoint permissions on the function's versions. */
export interface DurableElement {
  readonly kind: 'durable';
  readonly executionTimeoutSeconds: number;
  readonly retentionDays: number;
  readonly actions: readonly string[];
  /** What SAM attaches by itself for DurableConfig (the other dialects write the scoped statement instead). */
  readonly samManagedPolicy: string;
}

/** One Task state of the state machine: the function, invoked synchronously, with retries and a catch. */
export interface WorkflowTask {
  readonly name: string;
  readonly comment: string;
}

/**
 * Step Functions (issue 11): a state machine whose tasks invoke the function's alias, with the retry
 * AWS recommends for Lambda's service errors and a catch to a Fail state. Its role may invoke only
 * that alias (plus log delivery for Express, whose executions are visible only in the logs).
 */
export interface StateMachineElement {
  readonly kind: 'stateMachine';
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly timeoutSeconds: number;
  readonly tasks: readonly WorkflowTask[];
  readonly invokeResource: string;
  readonly retry: { readonly errors: readonly string[]; readonly intervalSeconds: number; readonly maxAttempts: number; readonly backoffRate: number };
  readonly principal: string;
  /** Express: log every failed execution to a log group (the history lives only in CloudWatch Logs). */
  readonly logging: null | { readonly level: 'ERROR'; readonly retentionDays: number; readonly deliveryActions: readonly string[] };
  /** The scenario's source, which the scaffold does not wire to the state machine (the README says how). */
  readonly unwiredSource: string;
}

/** The ASL definition of a state machine element; `functionArn` is each dialect's reference to the alias. */
export function stateMachineDefinition(e: StateMachineElement, functionArn: string): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  e.tasks.forEach((t, i) => {
    const last = i === e.tasks.length - 1;
    states[t.name] = {
      Type: 'Task',
      Comment: t.comment,
      Resource: e.invokeResource,
      Parameters: { FunctionName: functionArn, 'Payload.$': '$' },
      // The function's answer becomes the next step's input.
      OutputPath: '$.Payload',
      Retry: [{ ErrorEquals: [...e.retry.errors], IntervalSeconds: e.retry.intervalSeconds, MaxAttempts: e.retry.maxAttempts, BackoffRate: e.retry.backoffRate }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      ...(last ? { End: true } : { Next: e.tasks[i + 1]!.name }),
    };
  });
  states.Failed = { Type: 'Fail', Error: 'WorkflowFailed', Cause: 'A step failed after its retries; the execution history has the error.' };
  return { Comment: `Runs the function as ${e.tasks.length} step(s)`, StartAt: e.tasks[0]!.name, TimeoutSeconds: e.timeoutSeconds, States: states };
}

export type InfraElement =
  | SettingsElement
  | LogGroupElement
  | IdempotencyTableElement
  | FunctionElement
  | AliasElement
  | DeploymentElement
  | SnapStartElement
  | GrantElement
  | FailureDestinationElement
  | AlarmElement
  | PermissionElement
  | DeadLetterQueueElement
  | QueueSourceElement
  | StreamSourceElement
  | KafkaSourceElement
  | RestApiElement
  | HttpApiElement
  | LoadBalancerElement
  | FunctionUrlElement
  | UploadBucketElement
  | TopicSourceElement
  | EventRuleElement
  | ScheduleElement
  | AsyncInvokeElement
  | VpcElement
  | CapacityProviderElement
  | DurableElement
  | StateMachineElement;

export type InfraKind = InfraElement['kind'];

/** One emitter per element kind: the type checker names a dialect that forgets one. */
export type Emitters<Ctx> = { readonly [K in InfraKind]: (element: Extract<InfraElement, { kind: K }>, ctx: Ctx) => void };

/** Run each element through its emitter, in plan order. */
export function emitAll<Ctx>(elements: readonly InfraElement[], emitters: Emitters<Ctx>, ctx: Ctx): Ctx {
  for (const element of elements) (emitters[element.kind] as (e: InfraElement, c: Ctx) => void)(element, ctx);
  return ctx;
}

// ---------- building the plan ----------

const SERVICE_SUFFIX = '.amazonaws.com';

/** `s3` / `com.amazonaws.us-east-1.s3` → `s3`. */
function endpointService(name: string): string {
  const parts = name.split('.');
  return (parts[parts.length - 1] ?? name).toLowerCase();
}

const services = (names: readonly string[]): string[] => [...new Set(names.map(endpointService))].sort();

const DESTINATION_REF: Record<DestinationType, Ref> = {
  sqs: 'failureQueue',
  sns: 'failureTopic',
  s3: 'failureBucket',
  eventbridge: 'defaultEventBus',
  lambda: 'onFailureFunction',
};

const DESTINATION_GRANT: Record<DestinationType, Omit<GrantElement, 'kind'>> = {
  sqs: { id: 'SendFailures', actions: ['sqs:SendMessage'], on: [{ ref: 'failureQueue', part: 'resource' }] },
  sns: { id: 'PublishFailures', actions: ['sns:Publish'], on: [{ ref: 'failureTopic', part: 'resource' }] },
  s3: { id: 'WriteFailures', actions: ['s3:PutObject', 's3:ListBucket'], on: [{ ref: 'failureBucket', part: 'resource' }, { ref: 'failureBucket', part: 'objects' }] },
  eventbridge: { id: 'PutFailures', actions: ['events:PutEvents'], on: [{ ref: 'defaultEventBus', part: 'resource' }] },
  lambda: { id: 'InvokeOnFailure', actions: ['lambda:InvokeFunction'], on: [{ ref: 'onFailureFunction', part: 'resource' }] },
};

function alarm(id: AlarmElement['id'], subject: AlarmElement['subject'], metric: string, description: string): AlarmElement {
  const onQueue = 'queue' in subject;
  return {
    kind: 'alarm',
    id,
    subject,
    namespace: onQueue ? 'AWS/SQS' : 'AWS/Lambda',
    metric,
    statistic: onQueue ? 'Maximum' : 'Sum',
    periodSeconds: OBSERVABILITY.alarmPeriodSeconds.value,
    description,
  };
}

const invoker = (name: PermissionElement['invoker'], service: string, mechanism: PermissionElement['mechanism'] = 'resource-policy', route: HttpRoute | null = null): PermissionElement => ({
  kind: 'permission',
  invoker: name,
  principal: `${service}${SERVICE_SUFFIX}`,
  mechanism,
  route,
});
const ORDERS: HttpRoute = { path: '/orders', method: 'POST' };

function functionElement(plan: Plan): FunctionElement {
  const d = plan.design;
  const environment: Array<readonly [string, EnvValue]> = [
    ['POWERTOOLS_SERVICE_NAME', { literal: plan.displayName }],
    ['POWERTOOLS_METRICS_NAMESPACE', { literal: plan.slug }],
    ['POWERTOOLS_LOG_LEVEL', { literal: 'INFO' }],
    ['SETTINGS_PARAMETER_NAME', { nameOf: 'settingsParameter' }],
  ];
  if (plan.idempotent) environment.push(['IDEMPOTENCY_TABLE_NAME', { nameOf: 'idempotencyTable' }]);
  return {
    kind: 'function',
    description: `${plan.displayName} (${plan.source})`,
    language: plan.options.language,
    runtime: plan.runtime,
    runtimeFamily: plan.options.language === 'typescript' ? 'nodejs' : 'python',
    architecture: d.architecture,
    // On Managed Instances the memory is one execution environment's (it serves many requests at once).
    memoryMb: plan.managedInstances?.environmentMemoryMb ?? d.memoryMb,
    timeoutSeconds: d.timeoutSeconds,
    ephemeralStorageMb: d.ephemeralStorageMb,
    tracing: 'Active',
    reservedConcurrency: d.concurrency.reserved,
    environment,
    managedPolicies: [
      { id: 'logs', name: 'service-role/AWSLambdaBasicExecutionRole' },
      { id: 'xray', name: 'AWSXRayDaemonWriteAccess' },
    ],
  };
}

/** The batching window to write, or null: none set (0 s), or the source's own default (Kafka's 500 ms, which no whole-second value restores). */
const windowOf = (plan: Plan): number | null => {
  const seconds = plan.design.batching?.maximumBatchingWindowSeconds ?? 0;
  const sourceDefault = sourceOf(plan.source).batching?.defaultWindowSeconds?.value ?? 0;
  return seconds > 0 && seconds !== sourceDefault ? seconds : null;
};

function queueElements(plan: Plan): InfraElement[] {
  const d = plan.design;
  const b = d.batching!;
  const q = d.errorHandling.queue!;
  const fifo = plan.source === 'sqs-fifo';
  const elements: InfraElement[] = [];
  if (q.deadLetterQueue) {
    elements.push(
      { kind: 'deadLetterQueue', fifo },
      alarm('deadLetterQueueDepth', { queue: 'deadLetterQueue' }, 'ApproximateNumberOfMessagesVisible', `${plan.displayName}: messages are in the dead-letter queue`),
    );
  }
  elements.push(
    {
      kind: 'queueSource',
      fifo,
      visibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
      deadLetter: q.deadLetterQueue ? { maxReceiveCount: q.maxReceiveCount } : null,
      batchSize: b.batchSize,
      windowSeconds: windowOf(plan),
      reportBatchItemFailures: b.reportBatchItemFailures,
      maximumConcurrency: d.concurrency.maximumConcurrency,
      provisionedPollers: d.concurrency.provisionedPollers,
    },
    {
      kind: 'grant',
      id: 'PollSourceQueue',
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      on: [{ ref: 'sourceQueue', part: 'resource' }],
    },
  );
  return elements;
}

const STREAM_READ: Record<StreamSourceElement['stream'], Omit<GrantElement, 'kind'>> = {
  kinesis: {
    id: 'ReadStream',
    actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:SubscribeToShard'],
    on: [{ ref: 'sourceStream', part: 'resource' }],
  },
  dynamodb: {
    id: 'ReadStream',
    actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
    on: [{ ref: 'sourceTable', part: 'stream' }],
  },
};

function streamElements(plan: Plan, onFailure: boolean): InfraElement[] {
  const d = plan.design;
  const b = d.batching!;
  const e = d.errorHandling;
  const stream = plan.source === 'kinesis' ? 'kinesis' : 'dynamodb';
  return [
    {
      kind: 'streamSource',
      stream,
      startingPosition: 'LATEST',
      batchSize: b.batchSize,
      windowSeconds: windowOf(plan),
      reportBatchItemFailures: b.reportBatchItemFailures,
      parallelizationFactor: d.concurrency.parallelizationFactor,
      bisectBatchOnFunctionError: e.bisectBatchOnFunctionError,
      retryAttempts: e.retryAttempts,
      maximumRecordAgeSeconds: e.maximumRecordAgeSeconds,
      onFailure,
      tableKey: 'orderId',
    },
    { kind: 'grant', ...STREAM_READ[stream] },
  ];
}

function kafkaElements(plan: Plan, onFailure: boolean): InfraElement[] {
  const d = plan.design;
  const e = d.errorHandling;
  return [
    {
      kind: 'kafkaSource',
      batchSize: d.batching!.batchSize,
      windowSeconds: windowOf(plan),
      startingPosition: 'LATEST',
      defaultTopic: 'orders',
      onFailure,
      reportBatchItemFailures: d.batching!.reportBatchItemFailures,
      bisectBatchOnFunctionError: e.bisectBatchOnFunctionError,
      retryAttempts: e.retryAttempts,
      maximumRecordAgeSeconds: e.maximumRecordAgeSeconds,
      provisionedPollers: d.concurrency.provisionedPollers,
      managedPolicy: 'service-role/AWSLambdaMSKExecutionRole',
    },
  ];
}

function httpElements(plan: Plan): InfraElement[] {
  switch (plan.http) {
    case 'rest':
      return [invoker('restApi', 'apigateway', 'resource-policy', ORDERS), { kind: 'restApi', ...ORDERS, title: plan.displayName }];
    case 'http':
      return [invoker('httpApi', 'apigateway', 'resource-policy', ORDERS), { kind: 'httpApi', ...ORDERS }];
    case 'url':
      return [{ kind: 'functionUrl', authType: 'AWS_IAM' }];
    case 'alb':
      return [invoker('loadBalancer', 'elasticloadbalancing'), { kind: 'loadBalancer', ...ORDERS, defaultPriority: 100 }];
    default:
      return [];
  }
}

function eventElements(plan: Plan): InfraElement[] {
  switch (plan.source) {
    case 's3':
      return [
        invoker('uploadBucket', 's3'),
        { kind: 'uploadBucket', events: 'ObjectCreated' },
        { kind: 'grant', id: 'ReadUploads', actions: ['s3:GetObject'], on: [{ ref: 'uploadBucket', part: 'objects' }] },
      ];
    case 'sns':
      return [invoker('sourceTopic', 'sns'), { kind: 'topicSource' }];
    case 'eventbridge':
      return [invoker('eventRule', 'events'), { kind: 'eventRule', pattern: { source: [plan.slug], 'detail-type': ['OrderPlaced'] } }];
    case 'schedule':
      return [invoker('schedule', 'scheduler', 'role'), { kind: 'schedule', defaultExpression: 'rate(1 hour)' }];
    default:
      return [];
  }
}

/** The event source's elements, by family: what it creates, who may invoke the function, what the role may read. */
const SOURCE_ELEMENTS: Record<SourceFamily, (plan: Plan, onFailure: boolean) => InfraElement[]> = {
  queue: queueElements,
  stream: streamElements,
  kafka: kafkaElements,
  http: httpElements,
  'async-event': eventElements,
  direct: () => [],
};

function deploymentElement(plan: Plan): DeploymentElement {
  const dep = plan.design.deployment;
  const samType: DeploymentType = dep.type ?? 'AllAtOnce';
  const config = DEPLOYMENT.configurations.value.find((x) => x.type === samType);
  return {
    kind: 'deployment',
    strategy: dep.strategy,
    samType,
    codeDeployConfig: `CodeDeployDefault.Lambda${samType}`,
    cdkConfig: config?.cdk ?? 'ALL_AT_ONCE',
    alarms: dep.alarms.map((a) => ({ ...a, description: `${plan.displayName}: ${a.description} (rolls the deployment back)` })),
    serviceRolePolicy: 'service-role/AWSCodeDeployRoleForLambda',
  };
}

function capacityProviderElement(plan: Plan, m: NonNullable<Plan['managedInstances']>): CapacityProviderElement {
  return {
    kind: 'capacityProvider',
    architecture: plan.design.architecture,
    instanceTypes: [m.instanceType],
    maxVCpuCount: m.maxVCpuCount,
    memoryGiBPerVCpu: m.memoryGiBPerVCpu,
    perEnvironmentMaxConcurrency: m.perEnvironmentMaxConcurrency,
    instancesAtAverage: m.instancesAtAverage,
    availabilityZones: MANAGED_INSTANCES.defaultMinimumInstances.value,
    operatorPolicy: SHAPES.lmiOperatorPolicy.value,
    operatorPrincipal: SHAPES.lmiOperatorPrincipal.value,
  };
}

function stateMachineElement(plan: Plan): StateMachineElement {
  const w = plan.workflow!;
  const express = plan.compute === 'step-functions-express';
  const tasks: WorkflowTask[] = Array.from({ length: w.steps }, (_, i) => ({
    name: w.steps === 1 ? 'Work' : `Step${i + 1}`,
    comment: w.steps === 1 ? 'The whole job' : `Part ${i + 1} of ${w.steps}: each part must finish within the function's timeout (${plan.timeoutSeconds} s)`,
  }));
  return {
    kind: 'stateMachine',
    type: express ? 'EXPRESS' : 'STANDARD',
    timeoutSeconds: w.executionTimeoutSeconds,
    tasks,
    invokeResource: SHAPES.sfnLambdaInvoke.value,
    retry: SHAPES.sfnLambdaRetry.value,
    principal: `states${SERVICE_SUFFIX}`,
    logging: express ? { level: 'ERROR', retentionDays: OBSERVABILITY.logRetentionDays.value, deliveryActions: SHAPES.sfnLogDeliveryActions.value } : null,
    unwiredSource: plan.design.source,
  };
}

/** The plan for a design, in the order the dialects render it. */
export function infraPlan(plan: Plan): InfraElement[] {
  const d = plan.design;
  const e = d.errorHandling;
  const c = d.concurrency;
  const elements: InfraElement[] = [
    { kind: 'settings', defaultName: `${plan.slug}/settings`, allowedPattern: '^[A-Za-z0-9_.\\-][A-Za-z0-9_.\\-/]*$' },
    { kind: 'logGroup', retentionDays: OBSERVABILITY.logRetentionDays.value, format: 'JSON' },
  ];
  if (plan.idempotent) elements.push({ kind: 'idempotencyTable', partitionKey: 'id', ttlAttribute: 'expiration' });
  elements.push(functionElement(plan));
  elements.push({ kind: 'grant', id: 'ReadSettings', actions: ['ssm:GetParameter', 'ssm:GetParameters'], on: [{ ref: 'settingsParameter', part: 'resource' }] });
  if (plan.idempotent) {
    elements.push({
      kind: 'grant',
      id: 'IdempotencyRecords',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      on: [{ ref: 'idempotencyTable', part: 'resource' }],
    });
  }
  if (plan.managedInstances !== null) elements.push(capacityProviderElement(plan, plan.managedInstances));
  if (plan.compute === 'durable-functions' && plan.workflow !== null) {
    elements.push({
      kind: 'durable',
      executionTimeoutSeconds: plan.workflow.executionTimeoutSeconds,
      retentionDays: plan.workflow.retentionDays ?? 0,
      actions: SHAPES.durableActions.value,
      samManagedPolicy: SHAPES.durableManagedPolicy.value,
    });
  }
  // Every function is published behind an alias: event sources and APIs invoke the alias, never $LATEST.
  // (Managed Instances keep instances running instead of provisioned concurrency.)
  elements.push({ kind: 'alias', name: d.deployment.aliasName, provisionedConcurrency: plan.compute === 'managed-instances' ? null : c.provisioned });
  elements.push(deploymentElement(plan));
  if (plan.snapStart) elements.push({ kind: 'snapStart', applyOn: 'PublishedVersions' });
  if (plan.compute === 'step-functions-standard' || plan.compute === 'step-functions-express') elements.push(stateMachineElement(plan));

  const destination = e.onFailureDestination;
  const onFailure = destination !== null && (plan.async || plan.family === 'stream' || plan.family === 'kafka');
  if (onFailure) {
    elements.push({ kind: 'failureDestination', type: destination, ref: DESTINATION_REF[destination] });
    elements.push({ kind: 'grant', ...DESTINATION_GRANT[destination] });
    if (destination === 'sqs') {
      elements.push(alarm('failureQueueDepth', { queue: 'failureQueue' }, 'ApproximateNumberOfMessagesVisible', `${plan.displayName}: failed events are waiting in the on-failure queue`));
    }
  }
  elements.push(...SOURCE_ELEMENTS[plan.family](plan, onFailure));
  if (plan.async) {
    elements.push({ kind: 'asyncInvoke', retryAttempts: e.retryAttempts, maximumEventAgeSeconds: e.maximumEventAgeSeconds, onFailure });
  }
  // On Managed Instances the VPC belongs to the capacity provider (a function there takes no VpcConfig).
  if (d.vpc.attach && plan.compute !== 'managed-instances') {
    elements.push({
      kind: 'vpc',
      subnets: d.vpc.subnets,
      natGateways: d.vpc.natGateways,
      ipv6: d.vpc.ipv6Egress,
      gatewayEndpoints: services(d.vpc.gatewayEndpoints),
      interfaceEndpoints: services(d.vpc.interfaceEndpoints),
      managedPolicy: 'service-role/AWSLambdaVPCAccessExecutionRole',
    });
  }
  elements.push(
    alarm('errors', { function: true }, 'Errors', `${plan.displayName}: the function reported errors`),
    alarm('throttles', { function: true }, 'Throttles', `${plan.displayName}: invocations were throttled`),
  );
  return elements;
}
