/**
 * What every dialect and language needs to know about a design, worked out once: the source's
 * family, the runtime, names, the graceful-stop margin. Also the checks that refuse a design the
 * scaffolder cannot turn into a deployable project (each error names the design field).
 */
import type { ComputeDecision, ComputeKind, Design, ManagedInstancesPlan, WorkflowPlan } from '../design.ts';
import type { EventSource } from '../scenario.ts';
import { COLD_STARTS, EVENT_SOURCES, LIMITS, RUNTIMES, runtimeInfo, runtimeLifecycle, type Runtime } from '../facts/index.ts';
import { ScaffoldError, type HandlerLanguage, type ScaffoldOptions } from './types.ts';
import { SQS_VISIBILITY_MULTIPLIER, sqsVisibilityFor } from '../sqs-visibility.ts';
import { sourceOf } from '../sources/index.ts';

export type SourceFamily = 'http' | 'queue' | 'stream' | 'kafka' | 'async-event' | 'direct';
export type HttpFlavour = 'rest' | 'http' | 'url' | 'alb';
export type BatchKind = 'sqs' | 'sqs-fifo' | 'kinesis' | 'dynamodb-streams';

export interface Plan {
  readonly design: Design;
  readonly options: ScaffoldOptions;
  readonly source: EventSource;
  readonly family: SourceFamily;
  readonly http: HttpFlavour | null;
  /** Sources whose records the Powertools batch utility handles with partial batch responses. */
  readonly batch: BatchKind | null;
  /** Lambda invokes the function asynchronously (EventInvokeConfig applies). */
  readonly async: boolean;
  readonly idempotent: boolean;
  /** Lambda runtime identifier for the handler language. */
  readonly runtime: string;
  readonly snapStart: boolean;
  /** Stop taking new work when fewer milliseconds than this remain (the 2019 article's advice). */
  readonly stopMarginMs: number;
  /** The design's name as the user wrote it (quotes, colons, unicode kept). */
  readonly displayName: string;
  /** A slug safe for parameter paths, metric namespaces and package names. */
  readonly slug: string;
  /** The JMESPath that picks the idempotency key out of one unit of work. */
  readonly idempotencyKeyPath: string | null;
  readonly timeoutSeconds: number;
  readonly window: number;
  /**
   * The shape the project is scaffolded for (design.compute's recommended or pinned kind; on-demand
   * when the design has no compute decision). `source`, `family` and the handler follow it: a Step
   * Functions task is invoked synchronously by the state machine with the execution's JSON, so its
   * handler is the direct-sync one; `design.source` stays what the scenario said.
   */
  readonly compute: Exclude<ComputeKind, 'direct-integration'>;
  /** Set when `compute` is managed-instances. */
  readonly managedInstances: ManagedInstancesPlan | null;
  /** Set when `compute` is durable-functions or a step-functions kind. */
  readonly workflow: WorkflowPlan | null;
}

const FAMILY: Record<EventSource, SourceFamily> = {
  'api-gateway-rest': 'http',
  'api-gateway-http': 'http',
  'function-url': 'http',
  alb: 'http',
  s3: 'async-event',
  sns: 'async-event',
  eventbridge: 'async-event',
  schedule: 'async-event',
  sqs: 'queue',
  'sqs-fifo': 'queue',
  kinesis: 'stream',
  'dynamodb-streams': 'stream',
  kafka: 'kafka',
  'direct-sync': 'direct',
  'direct-async': 'direct',
};

const HTTP: Partial<Record<EventSource, HttpFlavour>> = {
  'api-gateway-rest': 'rest',
  'api-gateway-http': 'http',
  'function-url': 'url',
  alb: 'alb',
};

/** What identifies one unit of work across redeliveries, per source. */
const IDEMPOTENCY_KEY: Record<EventSource, string> = {
  'api-gateway-rest': 'orderId',
  'api-gateway-http': 'orderId',
  'function-url': 'orderId',
  alb: 'orderId',
  s3: 'Records[*].s3.object.[key, sequencer]',
  sns: 'Records[*].Sns.MessageId',
  eventbridge: 'id',
  schedule: 'scheduledTime',
  sqs: 'messageId',
  'sqs-fifo': 'messageId',
  kinesis: 'eventID',
  'dynamodb-streams': 'eventID',
  kafka: '[topic, partition, offset]',
  'direct-sync': '@',
  'direct-async': '@',
};

export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug === '' ? 'lambda-app' : /^[a-z]/.test(slug) ? slug : `fn-${slug}`;
}

/**
 * The runtime identifier the scaffold writes: the design's own when it is of the handler's language
 * and AWS still lets a function be created on it, else the language's newest runtime.
 */
function runtimeFor(language: HandlerLanguage, design: Design, managedInstances: boolean): { id: string; family: Runtime; snapStart: boolean } {
  const family: Runtime = language === 'typescript' ? 'nodejs' : 'python';
  const own = design.runtimeIdentifier === undefined ? undefined : runtimeInfo(design.runtimeIdentifier);
  // Managed Instances run only the newer runtimes (multi-concurrency): the language's newest one is always among them.
  if (!managedInstances && own !== undefined && own.family === family && !own.preview && runtimeLifecycle(own).state !== 'create-blocked') return { id: own.id, family, snapStart: own.snapStart };
  const id = RUNTIMES.identifiers.value[family][0];
  if (id === undefined) throw new ScaffoldError('runtime', `no managed runtime is known for ${family}`);
  return { id, family, snapStart: runtimeInfo(id)?.snapStart ?? COLD_STARTS.snapstartRuntimes.value.includes(family) };
}

function wholeNumber(value: number, field: string, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new ScaffoldError(field, `must be a whole number >= ${min} (got ${value})`);
}

/** Refuse designs that cannot be deployed as written; the message names the field. */
export function checkDesign(design: Design): void {
  wholeNumber(design.memoryMb, 'memoryMb', 1);
  wholeNumber(design.timeoutSeconds, 'timeoutSeconds', 1);
  wholeNumber(design.ephemeralStorageMb, 'ephemeralStorageMb', 1);
  if (typeof design.name !== 'string' || design.name.trim() === '') throw new ScaffoldError('name', 'must not be empty');
  const family = FAMILY[design.source];
  if (family === undefined) throw new ScaffoldError('source', `unknown source ${JSON.stringify(design.source)}`);
  const b = design.batching;
  if (family === 'queue' || family === 'stream' || family === 'kafka') {
    if (b === null) throw new ScaffoldError('batching', `a ${design.source} source needs batching settings`);
    wholeNumber(b.batchSize, 'batching.batchSize', 1);
    // The source's own default window (Kafka's 0.5 s) is kept by writing none; any other value is whole seconds.
    if (b.maximumBatchingWindowSeconds !== sourceOf(design.source).batching?.defaultWindowSeconds?.value) {
      wholeNumber(b.maximumBatchingWindowSeconds, 'batching.maximumBatchingWindowSeconds', 0);
    }
    if (b.maximumBatchingWindowSeconds > EVENT_SOURCES.batchingWindowMaxSeconds.value) {
      throw new ScaffoldError('batching.maximumBatchingWindowSeconds', `must be <= ${EVENT_SOURCES.batchingWindowMaxSeconds.value}`);
    }
    if (design.source === 'sqs-fifo') {
      if (b.batchSize > EVENT_SOURCES.sqsFifoBatchMax.value) {
        throw new ScaffoldError('batching.batchSize', `an SQS FIFO source takes at most ${EVENT_SOURCES.sqsFifoBatchMax.value} messages per batch (got ${b.batchSize})`);
      }
      if (b.maximumBatchingWindowSeconds !== 0) {
        throw new ScaffoldError('batching.maximumBatchingWindowSeconds', 'an SQS FIFO source does not support a batching window; it must be 0');
      }
    }
    if (design.source === 'sqs' && b.batchSize > EVENT_SOURCES.sqsBatchWithoutWindowMax.value && b.maximumBatchingWindowSeconds < 1) {
      throw new ScaffoldError('batching.maximumBatchingWindowSeconds', `a batch size above ${EVENT_SOURCES.sqsBatchWithoutWindowMax.value} needs a batching window of at least 1 s`);
    }
  }
  if (family === 'queue') {
    const q = design.errorHandling.queue;
    if (q === null) throw new ScaffoldError('errorHandling.queue', `a ${design.source} source needs queue settings (visibility timeout, redrive)`);
    const window = b?.maximumBatchingWindowSeconds ?? 0;
    // What the recommendation sets (capped at the SQS maximum, which it says in a warning).
    const needed = sqsVisibilityFor(design.timeoutSeconds, window).settable;
    if (q.visibilityTimeoutSeconds < needed) {
      throw new ScaffoldError(
        'errorHandling.queue.visibilityTimeoutSeconds',
        `must be >= ${SQS_VISIBILITY_MULTIPLIER} × timeout + batching window = ${needed} s (got ${q.visibilityTimeoutSeconds})`,
      );
    }
    if (q.visibilityTimeoutSeconds > EVENT_SOURCES.sqsVisibilityMaxSeconds.value) {
      throw new ScaffoldError('errorHandling.queue.visibilityTimeoutSeconds', `must be <= ${EVENT_SOURCES.sqsVisibilityMaxSeconds.value} s`);
    }
    if (q.maxReceiveCount < EVENT_SOURCES.sqsMaxReceiveCountMin.value) {
      throw new ScaffoldError('errorHandling.queue.maxReceiveCount', `must be >= ${EVENT_SOURCES.sqsMaxReceiveCountMin.value} so that a throttled message is not sent to the DLQ too soon`);
    }
  }
  const dest = design.errorHandling.onFailureDestination;
  const mappingDestinations = EVENT_SOURCES.mappingFailureDestinations.value;
  if ((family === 'stream' || family === 'kafka') && dest !== null && !mappingDestinations.includes(dest)) {
    throw new ScaffoldError(
      'errorHandling.onFailureDestination',
      `a ${design.source} source sends records of failed batches only to ${mappingDestinations.join(', ')} (got ${dest}); ${dest} destinations are for asynchronous invocations`,
    );
  }
  const c = design.concurrency;
  if (c.reserved !== null) wholeNumber(c.reserved, 'concurrency.reserved', 0);
  if (c.provisioned !== null) wholeNumber(c.provisioned, 'concurrency.provisioned', 1);
  if (c.reserved !== null && c.provisioned !== null && c.provisioned > c.reserved) {
    throw new ScaffoldError('concurrency.provisioned', `cannot exceed reserved concurrency (${c.reserved})`);
  }
}

/** The design's compute decision, when the engine made one (designs from before issue 11 have none). */
export function computeOf(design: Design): ComputeDecision | null {
  return (design as Design & { readonly compute?: ComputeDecision | null }).compute ?? null;
}

/** The compute shapes each dialect renders (on-demand everywhere). */
const SHAPES_BY_DIALECT: Record<ScaffoldOptions['iac'], readonly ComputeKind[]> = {
  sam: ['managed-instances', 'durable-functions', 'step-functions-standard', 'step-functions-express'],
  cdk: ['managed-instances', 'durable-functions', 'step-functions-standard', 'step-functions-express'],
  terraform: ['managed-instances', 'durable-functions', 'step-functions-standard', 'step-functions-express'],
};
const DIALECTS_FOR = (kind: ComputeKind): string =>
  (Object.entries(SHAPES_BY_DIALECT) as Array<[string, readonly ComputeKind[]]>).filter(([, kinds]) => kinds.includes(kind)).map(([d]) => d).join(', ') || 'no dialect';

const STEP_FUNCTIONS: ReadonlySet<ComputeKind> = new Set(['step-functions-standard', 'step-functions-express']);

/** Refuse a compute decision the scaffold cannot build as written; the message names the field. */
export function checkCompute(design: Design): void {
  const c = computeOf(design);
  if (c === null) return;
  const kind = c.recommended;
  if (kind === 'direct-integration') {
    const option = c.options.find((o) => o.kind === kind);
    throw new ScaffoldError(
      'compute.recommended',
      `the design needs no function (direct-integration).${option ? ` ${option.why}` : ''} Build that service integration instead of a Lambda project, or pin "compute" to a function shape (for example "on-demand") to scaffold one.`,
    );
  }
  // A pinned shape that cannot run the work (the design says so in an error) is not scaffolded: it would fail in production.
  const chosen = c.options.find((o) => o.kind === kind);
  if (chosen !== undefined && !chosen.feasible) {
    throw new ScaffoldError('compute.recommended', `${kind} cannot run this work: ${chosen.why} Pin a shape that can (or "auto") and scaffold again.`);
  }
  if (kind === 'managed-instances') {
    const m = c.managedInstances;
    if (m === null) throw new ScaffoldError('compute.managedInstances', 'a managed-instances design needs its plan (instance type, memory per vCPU, concurrency per environment)');
    if (typeof m.instanceType !== 'string' || !/^[a-z0-9-]+\.[a-z0-9]+$/.test(m.instanceType)) throw new ScaffoldError('compute.managedInstances.instanceType', `must be an EC2 instance type such as m7g.xlarge (got ${JSON.stringify(m.instanceType)})`);
    wholeNumber(m.environmentMemoryMb, 'compute.managedInstances.environmentMemoryMb', 1);
    wholeNumber(m.perEnvironmentMaxConcurrency, 'compute.managedInstances.perEnvironmentMaxConcurrency', 1);
    wholeNumber(m.maxVCpuCount, 'compute.managedInstances.maxVCpuCount', 1);
    if (!(m.memoryGiBPerVCpu > 0)) throw new ScaffoldError('compute.managedInstances.memoryGiBPerVCpu', `must be a positive number (got ${m.memoryGiBPerVCpu})`);
  }
  if (kind === 'durable-functions' || STEP_FUNCTIONS.has(kind)) {
    const w = c.workflow;
    if (w === null) throw new ScaffoldError('compute.workflow', `a ${kind} design needs its workflow plan (steps, execution timeout)`);
    wholeNumber(w.steps, 'compute.workflow.steps', 1);
    wholeNumber(w.executionTimeoutSeconds, 'compute.workflow.executionTimeoutSeconds', 1);
    if (kind === 'durable-functions') {
      if (w.retentionDays === null) throw new ScaffoldError('compute.workflow.retentionDays', 'a durable function needs the retention of its execution history (DurableConfig.RetentionPeriodInDays)');
      wholeNumber(w.retentionDays, 'compute.workflow.retentionDays', 1);
    }
    // A caller that waits (a synchronous source, an event source mapping) waits for the whole durable execution.
    const waits = FAMILY[design.source] !== 'async-event' && design.source !== 'direct-async' && design.invocation.type !== 'Event';
    if (kind === 'durable-functions' && waits && w.executionTimeoutSeconds > LIMITS.timeoutMaxSeconds.value) {
      throw new ScaffoldError(
        'compute.workflow.executionTimeoutSeconds',
        `a ${design.source} source waits for the whole durable execution, which then stops at ${LIMITS.timeoutMaxSeconds.value} s (got ${w.executionTimeoutSeconds}); start long executions asynchronously, or keep the execution within ${LIMITS.timeoutMaxSeconds.value} s`,
      );
    }
    // Each invocation of a durable function, and each task of a state machine, is a classic invocation.
    if (design.timeoutSeconds > LIMITS.timeoutMaxSeconds.value) {
      throw new ScaffoldError('timeoutSeconds', `each invocation of a ${kind} design runs at most ${LIMITS.timeoutMaxSeconds.value} s (got ${design.timeoutSeconds}); the whole run's limit is compute.workflow.executionTimeoutSeconds`);
    }
  }
}

export function makePlan(design: Design, options: ScaffoldOptions): Plan {
  checkDesign(design);
  checkCompute(design);
  if (options.iac !== 'sam' && options.iac !== 'cdk' && options.iac !== 'terraform') {
    throw new ScaffoldError('options.iac', `must be sam, cdk or terraform (got ${JSON.stringify(options.iac)})`);
  }
  if (options.language !== 'typescript' && options.language !== 'python') {
    throw new ScaffoldError('options.language', `must be typescript or python (got ${JSON.stringify(options.language)})`);
  }
  const decision = computeOf(design);
  const compute = (decision?.recommended ?? 'on-demand') as Plan['compute'];
  const rendered = SHAPES_BY_DIALECT[options.iac];
  if (compute !== 'on-demand' && !rendered.includes(compute)) {
    throw new ScaffoldError(
      'options.iac',
      `the design's shape is ${compute}, which this version scaffolds in ${DIALECTS_FOR(compute)} only; choose that dialect, or pin "compute" to on-demand for a ${options.iac} project`,
    );
  }
  const stateMachine = STEP_FUNCTIONS.has(compute);
  // A state machine's task is invoked synchronously with the execution's input: the function's own event is that JSON.
  const source: EventSource = stateMachine ? 'direct-sync' : design.source;
  const family = FAMILY[source];
  const runtime = runtimeFor(options.language, design, compute === 'managed-instances');
  const batch: BatchKind | null =
    source === 'sqs' || source === 'sqs-fifo' || source === 'kinesis' || source === 'dynamodb-streams' ? source : null;
  const async = !stateMachine && (family === 'async-event' || source === 'direct-async' || design.invocation.type === 'Event');
  // A durable function's steps are checkpointed: the durable SDK, not Powertools idempotency, keeps a step from running twice.
  const idempotent = compute !== 'durable-functions' && design.errorHandling.idempotency === 'powertools-idempotency';
  // One unit of work (one record for pollers) at p99, so that what is started can finish before the timeout.
  const perItems = design.batching === null ? 1 : Math.max(1, design.batching.expectedRecordsPerBatch);
  const perItemMs = Math.ceil(design.estimatedP99Ms / perItems);
  const stopMarginMs = Math.min(Math.max(perItemMs, 1), design.timeoutSeconds * 1000);
  return {
    design,
    options,
    source,
    family,
    http: HTTP[source] ?? null,
    batch,
    async,
    idempotent,
    runtime: runtime.id,
    // Managed Instances have no cold start to restore from a snapshot, and do not support SnapStart.
    snapStart: compute !== 'managed-instances' && design.coldStart.strategy === 'snapstart' && runtime.snapStart,
    stopMarginMs,
    displayName: design.name,
    slug: slugOf(design.name),
    idempotencyKeyPath: idempotent ? IDEMPOTENCY_KEY[source] : null,
    timeoutSeconds: design.timeoutSeconds,
    window: design.batching?.maximumBatchingWindowSeconds ?? 0,
    compute,
    managedInstances: compute === 'managed-instances' ? (decision?.managedInstances ?? null) : null,
    workflow: compute === 'durable-functions' || stateMachine ? (decision?.workflow ?? null) : null,
  };
}
