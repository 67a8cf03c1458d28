/**
 * What every dialect and language needs to know about a design, worked out once: the source's
 * family, the runtime, names, the graceful-stop margin. Also the checks that refuse a design the
 * scaffolder cannot turn into a deployable project (each error names the design field).
 */
import type { Design } from '../design.ts';
import type { EventSource } from '../scenario.ts';
import { COLD_STARTS, EVENT_SOURCES, RUNTIMES, runtimeInfo, runtimeLifecycle, type Runtime } from '../facts/index.ts';
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
function runtimeFor(language: HandlerLanguage, design: Design): { id: string; family: Runtime; snapStart: boolean } {
  const family: Runtime = language === 'typescript' ? 'nodejs' : 'python';
  const own = design.runtimeIdentifier === undefined ? undefined : runtimeInfo(design.runtimeIdentifier);
  if (own !== undefined && own.family === family && !own.preview && runtimeLifecycle(own).state !== 'create-blocked') return { id: own.id, family, snapStart: own.snapStart };
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

export function makePlan(design: Design, options: ScaffoldOptions): Plan {
  checkDesign(design);
  if (options.iac !== 'sam' && options.iac !== 'cdk' && options.iac !== 'terraform') {
    throw new ScaffoldError('options.iac', `must be sam, cdk or terraform (got ${JSON.stringify(options.iac)})`);
  }
  if (options.language !== 'typescript' && options.language !== 'python') {
    throw new ScaffoldError('options.language', `must be typescript or python (got ${JSON.stringify(options.language)})`);
  }
  const source = design.source;
  const family = FAMILY[source];
  const runtime = runtimeFor(options.language, design);
  const batch: BatchKind | null =
    source === 'sqs' || source === 'sqs-fifo' || source === 'kinesis' || source === 'dynamodb-streams' ? source : null;
  const async = family === 'async-event' || source === 'direct-async' || design.invocation.type === 'Event';
  const idempotent = design.errorHandling.idempotency === 'powertools-idempotency';
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
    snapStart: design.coldStart.strategy === 'snapstart' && runtime.snapStart,
    stopMarginMs,
    displayName: design.name,
    slug: slugOf(design.name),
    idempotencyKeyPath: idempotent ? IDEMPOTENCY_KEY[source] : null,
    timeoutSeconds: design.timeoutSeconds,
    window: design.batching?.maximumBatchingWindowSeconds ?? 0,
  };
}
