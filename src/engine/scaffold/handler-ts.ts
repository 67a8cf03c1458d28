/**
 * The TypeScript handler, its unit test and its in-memory idempotency store. Code is text, but every
 * value that comes from the design is written through JSON.stringify (a valid TS literal whatever
 * characters it holds).
 */
import type { Plan } from './plan.ts';
import type { ScaffoldFile } from './types.ts';

const lit = (v: unknown): string => JSON.stringify(v);
// Text inside a block comment: a comment terminator (star, slash) in it would end the comment early.
const inComment = (s: string): string => s.replace(/\*\//g, '*\\/');

function imports(plan: Plan): string {
  const lines = [
    "import { Logger } from '@aws-lambda-powertools/logger';",
    "import { Tracer } from '@aws-lambda-powertools/tracer';",
    "import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';",
    "import { getParameter } from '@aws-lambda-powertools/parameters/ssm';",
  ];
  if (plan.idempotent) {
    lines.push(
      "import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';",
      "import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';",
      "import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';",
    );
  }
  const types = ['Context'];
  switch (plan.batch) {
    case 'sqs':
      lines.push("import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';");
      types.push('SQSBatchResponse', 'SQSEvent', 'SQSRecord');
      break;
    case 'sqs-fifo':
      lines.push("import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';");
      types.push('SQSBatchResponse', 'SQSEvent', 'SQSRecord');
      break;
    case 'kinesis':
      lines.push("import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';");
      types.push('KinesisStreamBatchResponse', 'KinesisStreamEvent', 'KinesisStreamRecord');
      break;
    case 'dynamodb-streams':
      lines.push("import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';");
      types.push('DynamoDBBatchResponse', 'DynamoDBStreamEvent', 'DynamoDBRecord');
      break;
    default:
      break;
  }
  if (plan.family === 'http') {
    lines.push("import { Router, ServiceUnavailableError, BadRequestError } from '@aws-lambda-powertools/event-handler/http';");
  }
  if (plan.source === 'kafka') types.push('MSKEvent', 'MSKRecord');
  if (plan.source === 's3') types.push('S3Event');
  if (plan.source === 'sns') types.push('SNSEvent');
  if (plan.source === 'eventbridge') types.push('EventBridgeEvent');
  lines.push(`import type { ${types.sort().join(', ')} } from 'aws-lambda';`);
  return lines.join('\n');
}

function common(plan: Plan): string {
  const deps = [
    '  /** Reads settings and secrets (SSM Parameter Store, SecureString, JSON). */',
    '  loadSettings: () => Promise<Settings>;',
    '  /** The business logic for one order. Replace it in tests to observe or fail calls. */',
    '  work: (order: Order, settings: Settings) => Promise<void>;',
  ];
  if (plan.idempotent) {
    deps.unshift(
      '  /** Where idempotency records live: DynamoDB in Lambda, an in-memory store in tests. */',
      '  persistenceStore: BasePersistenceLayer;',
    );
  }
  return `
// Service name, metrics namespace and log level come from the POWERTOOLS_* environment variables
// set by the template.
export const logger = new Logger();
export const tracer = new Tracer();
export const metrics = new Metrics();

/**
 * Stop taking new work when less than this many milliseconds remain before the timeout
 * (one unit of work at the design's p99), so that the function ends cleanly instead of being
 * killed half-way: unfinished work is handed back to be retried.
 */
export const STOP_MARGIN_MS = ${plan.stopMarginMs};

export class TimeRunningOutError extends Error {
  constructor(remainingMs: number) {
    super(\`only \${remainingMs} ms left before the timeout; stopping before starting more work\`);
    this.name = 'TimeRunningOutError';
  }
}

function stopIfTimeIsShort(context: Context): void {
  const remaining = context.getRemainingTimeInMillis();
  if (remaining < STOP_MARGIN_MS) throw new TimeRunningOutError(remaining);
}

export interface Order {
  orderId: string;
  amount: number;
  simulateFailure?: boolean;
}

export type Settings = Record<string, unknown>;

export interface Dependencies {
${deps.join('\n')}
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(\`environment variable \${name} is not set (the template sets it)\`);
  return value;
}

/**
 * Secrets and settings come from SSM Parameter Store (a SecureString holding JSON). The
 * environment carries only the parameter's NAME, never the secret itself. For a secret that
 * rotates, use getSecret from '@aws-lambda-powertools/parameters/secrets' the same way.
 */
export async function loadSettingsFromSsm(): Promise<Settings> {
  const raw = await getParameter(requireEnv('SETTINGS_PARAMETER_NAME'), { decrypt: true });
  if (raw === undefined || raw === '') return {};
  const parsed: unknown = JSON.parse(raw);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the settings parameter must hold a JSON object');
  return parsed as Settings;
}

export function parseOrder(json: string): Order {
  const value: unknown = JSON.parse(json);
  if (value === null || typeof value !== 'object') throw new Error('the payload is not a JSON object');
  const o = value as Partial<Order>;
  if (typeof o.orderId !== 'string' || typeof o.amount !== 'number') throw new Error('the payload needs orderId (string) and amount (number)');
  return { orderId: o.orderId, amount: o.amount, simulateFailure: o.simulateFailure === true };
}

/** Sample business logic: replace with yours. Fails on purpose for a payload marked simulateFailure. */
export async function processOrder(order: Order, _settings: Settings): Promise<void> {
  if (order.simulateFailure === true) throw new Error(\`order \${order.orderId} failed (simulateFailure is set)\`);
  logger.info('order processed', { orderId: order.orderId, amount: order.amount });
  metrics.addMetric('ordersProcessed', MetricUnit.Count, 1);
}

function resolveDependencies(overrides: Partial<Dependencies>): Dependencies {
  return {
    loadSettings: overrides.loadSettings ?? loadSettingsFromSsm,
    work: overrides.work ?? processOrder,${
      plan.idempotent
        ? `
    persistenceStore: overrides.persistenceStore ?? new DynamoDBPersistenceLayer({ tableName: requireEnv('IDEMPOTENCY_TABLE_NAME') }),`
        : ''
    }
  };
}
`;
}

/** Wrap a unit-of-work function so that a redelivered unit is done once. */
function idem(plan: Plan, fn: string): string {
  return plan.idempotent ? `makeIdempotent(${fn}, { persistenceStore: deps.persistenceStore, config: idempotencyConfig })` : fn;
}

function idemConfig(plan: Plan): string {
  return plan.idempotent ? `\n  const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: ${lit(plan.idempotencyKeyPath)} });` : '';
}
function idemRegister(plan: Plan): string {
  return plan.idempotent ? '\n    idempotencyConfig.registerLambdaContext(context);' : '';
}

/**
 * processPartialResponse's options. Powertools' BatchProcessor runs records in parallel unless told
 * otherwise (processInParallel defaults to true), so the choice is always written: concurrently only
 * where the design says so (work.recordsInParallel and an order that allows it), else one after
 * another (a stream's per-key order, and the duration the design was sized for). FIFO's processor is
 * sequential by construction and takes no such option.
 */
function batchOptions(plan: Plan): string {
  if (plan.batch === 'sqs-fifo') return '{ context }';
  const parallel = plan.design.batching?.recordsInParallel === true;
  return `{ context, processInParallel: ${parallel} }`;
}

function batchBody(plan: Plan): string {
  const spec = {
    sqs: { event: 'SQSEvent', record: 'SQSRecord', result: 'SQSBatchResponse', processor: 'new BatchProcessor(EventType.SQS)', order: 'parseOrder(record.body)' },
    'sqs-fifo': {
      event: 'SQSEvent',
      record: 'SQSRecord',
      result: 'SQSBatchResponse',
      // FIFO: the first failure stops the batch so that later messages of the group keep their order.
      processor: 'new SqsFifoPartialProcessorAsync()',
      order: 'parseOrder(record.body)',
    },
    kinesis: {
      event: 'KinesisStreamEvent',
      record: 'KinesisStreamRecord',
      result: 'KinesisStreamBatchResponse',
      processor: 'new BatchProcessor(EventType.KinesisDataStreams)',
      order: "parseOrder(Buffer.from(record.kinesis.data, 'base64').toString('utf8'))",
    },
    'dynamodb-streams': {
      event: 'DynamoDBStreamEvent',
      record: 'DynamoDBRecord',
      result: 'DynamoDBBatchResponse',
      processor: 'new BatchProcessor(EventType.DynamoDBStreams)',
      order: 'orderFromImage(record)',
    },
  }[plan.batch as NonNullable<Plan['batch']>];
  const ddbHelper =
    plan.batch === 'dynamodb-streams'
      ? `
/** The order in a stream record's new image (DynamoDB attribute-value JSON). */
function orderFromImage(record: DynamoDBRecord): Order {
  const image = record.dynamodb?.NewImage;
  const orderId = image?.orderId?.S;
  const amount = image?.amount?.N;
  if (orderId === undefined || amount === undefined) throw new Error(\`record \${record.eventID ?? '?'} has no orderId/amount in its new image\`);
  return { orderId, amount: Number(amount), simulateFailure: image?.simulateFailure?.BOOL === true };
}
`
      : '';
  return `${ddbHelper}
/**
 * Builds the handler. Each record is processed on its own${plan.design.batching?.recordsInParallel === true ? ' (the records of a batch concurrently)' : ' (one after another)'}: a record that throws is reported in
 * batchItemFailures and retried alone, the others are not processed again.
 */
export function createHandler(overrides: Partial<Dependencies> = {}): (event: ${spec.event}, context: Context) => Promise<${spec.result}> {
  const deps = resolveDependencies(overrides);
  const processor = ${spec.processor};${idemConfig(plan)}
  return async (event, context) => {
    logger.addContext(context);
    tracer.annotateColdStart();${idemRegister(plan)}
    const settings = await deps.loadSettings();
    const processRecord = ${idem(
      plan,
      `async (record: ${spec.record}): Promise<{ orderId: string }> => {
      stopIfTimeIsShort(context);
      const order = ${spec.order};
      await deps.work(order, settings);
      return { orderId: order.orderId };
    }`,
    )};
    try {
      return await processPartialResponse(event, processRecord, processor, ${batchOptions(plan)});
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
`;
}

function kafkaBody(plan: Plan): string {
  return `
/**
 * Builds the handler. Kafka batches are retried as a whole (the Powertools batch utility covers
 * SQS, Kinesis and DynamoDB Streams), so records already done are skipped by idempotency.
 */
export function createHandler(overrides: Partial<Dependencies> = {}): (event: MSKEvent, context: Context) => Promise<void> {
  const deps = resolveDependencies(overrides);${idemConfig(plan)}
  return async (event, context) => {
    logger.addContext(context);
    tracer.annotateColdStart();${idemRegister(plan)}
    const settings = await deps.loadSettings();
    const processRecord = ${idem(
      plan,
      `async (record: MSKRecord): Promise<{ orderId: string }> => {
      const order = parseOrder(Buffer.from(record.value, 'base64').toString('utf8'));
      await deps.work(order, settings);
      return { orderId: order.orderId };
    }`,
    )};
    try {
      for (const records of Object.values(event.records)) {
        for (const record of records) {
          stopIfTimeIsShort(context);
          await processRecord(record);
        }
      }
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
`;
}

function httpBody(plan: Plan): string {
  const eventType = {
    rest: "import('aws-lambda').APIGatewayProxyEvent",
    http: "import('aws-lambda').APIGatewayProxyEventV2",
    url: "import('aws-lambda').APIGatewayProxyEventV2",
    alb: "import('aws-lambda').ALBEvent",
  }[plan.http as NonNullable<Plan['http']>];
  const resultType = {
    rest: "import('aws-lambda').APIGatewayProxyResult",
    http: "import('aws-lambda').APIGatewayProxyStructuredResultV2",
    url: "import('aws-lambda').APIGatewayProxyStructuredResultV2",
    alb: "import('aws-lambda').ALBResult",
  }[plan.http as NonNullable<Plan['http']>];
  return `
/**
 * Builds the handler: the Powertools HTTP router. When time runs short the caller gets a
 * 503 (a soft error it can retry) instead of a timeout.
 */
export function createHandler(overrides: Partial<Dependencies> = {}): (event: ${eventType}, context: Context) => Promise<${resultType}> {
  const deps = resolveDependencies(overrides);${idemConfig(plan)}
  const app = new Router({ logger });
  let settings: Settings | undefined;
  const placeOrder = ${idem(
    plan,
    `async (order: Order): Promise<{ orderId: string; status: string }> => {
    settings ??= await deps.loadSettings();
    await deps.work(order, settings);
    return { orderId: order.orderId, status: 'accepted' };
  }`,
  )};
  app.post('/orders', async ({ req, context }) => {
    try {
      stopIfTimeIsShort(context);
    } catch (error) {
      throw new ServiceUnavailableError(error instanceof Error ? error.message : 'time is running out');
    }
    let order: Order;
    try {
      order = parseOrder(await req.text());
    } catch (error) {
      throw new BadRequestError(error instanceof Error ? error.message : 'invalid order');
    }
    return placeOrder(order);
  });
  return async (event, context) => {
    logger.addContext(context);
    tracer.annotateColdStart();${idemRegister(plan)}
    try {
      return await app.resolve(event, context);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
`;
}

function singleBody(plan: Plan): string {
  const spec: { event: string; orders: string; result: string } = (() => {
    switch (plan.source) {
      case 's3':
        return {
          event: 'S3Event',
          result: 'void',
          // A real handler would read the object (GetObject); the sample derives the order id from the key.
          orders:
            "event.Records.map((r) => ({ orderId: decodeURIComponent(r.s3.object.key.replace(/\\+/g, ' ')), amount: r.s3.object.size }))",
        };
      case 'sns':
        return { event: 'SNSEvent', result: 'void', orders: 'event.Records.map((r) => parseOrder(r.Sns.Message))' };
      case 'eventbridge':
        return { event: "EventBridgeEvent<'OrderPlaced', Order>", result: 'void', orders: '[parseOrder(JSON.stringify(event.detail))]' };
      case 'schedule':
        return {
          event: '{ scheduledTime: string; executionId?: string }',
          result: 'void',
          orders: "[{ orderId: `scheduled-${event.scheduledTime}`, amount: 0 }]",
        };
      case 'direct-sync':
        return { event: 'Order', result: '{ orderId: string; status: string }', orders: '[parseOrder(JSON.stringify(event))]' };
      default:
        return { event: 'Order', result: 'void', orders: '[parseOrder(JSON.stringify(event))]' };
    }
  })();
  const sync = plan.source === 'direct-sync';
  const note = plan.async
    ? ' Lambda invokes it asynchronously: a thrown error is retried, then sent to the on-failure destination.'
    : ' The caller waits for the answer; an error is returned to the caller.';
  return `
/**
 * Builds the handler.${note}
 */
export function createHandler(overrides: Partial<Dependencies> = {}): (event: ${spec.event}, context: Context) => Promise<${spec.result}> {
  const deps = resolveDependencies(overrides);${idemConfig(plan)}
  const run = ${idem(
    plan,
    `async (event: ${spec.event}, context: Context): Promise<${spec.result}> => {
    const settings = await deps.loadSettings();
    const orders: Order[] = ${spec.orders};
    for (const order of orders) {
      stopIfTimeIsShort(context);
      await deps.work(order, settings);
    }${sync ? "\n    return { orderId: orders[0]?.orderId ?? '', status: 'done' };" : ''}
  }`,
  )};
  return async (event, context) => {
    logger.addContext(context);
    tracer.annotateColdStart();${idemRegister(plan)}
    try {
      return await run(event, context);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
`;
}

export function tsHandler(plan: Plan): string {
  let body: string;
  if (plan.batch !== null) body = batchBody(plan);
  else if (plan.source === 'kafka') body = kafkaBody(plan);
  else if (plan.family === 'http') body = httpBody(plan);
  else body = singleBody(plan);
  return `/**
 * ${plan.source} handler for ${inComment(lit(plan.displayName))}, scaffolded by Lambda Design Advisor.
 * Powertools for AWS Lambda: logger, tracer, metrics${plan.batch ? ', batch (partial batch responses)' : ''}${plan.idempotent ? ', idempotency (DynamoDB)' : ''}${plan.family === 'http' ? ', HTTP event handler' : ''}, parameters.
 */
${imports(plan)}
${common(plan)}${body}
let defaultHandler: ReturnType<typeof createHandler> | undefined;

/** The Lambda entry point; dependencies are built on the first invocation. */
export const handler: ReturnType<typeof createHandler> = (event, context) => {
  defaultHandler ??= createHandler();
  return defaultHandler(event, context);
};
`;
}

export const IN_MEMORY_STORE_TS = `/**
 * An in-memory idempotency store for tests: the same contract as the DynamoDB layer (put fails
 * when a live record exists), without AWS.
 */
import { IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError } from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, type IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';

export class InMemoryPersistenceLayer extends BasePersistenceLayer {
  readonly records = new Map<string, IdempotencyRecord>();

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const record = this.records.get(idempotencyKey);
    if (record === undefined) throw new IdempotencyItemNotFoundError(\`no record for \${idempotencyKey}\`);
    return record;
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing !== undefined && !existing.isExpired()) {
      throw new IdempotencyItemAlreadyExistsError(\`a record for \${record.idempotencyKey} already exists\`, existing);
    }
    this.records.set(record.idempotencyKey, record);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.records.set(record.idempotencyKey, record);
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.records.delete(record.idempotencyKey);
  }
}
`;

export function tsFiles(plan: Plan): ScaffoldFile[] {
  const files: ScaffoldFile[] = [
    { path: 'src/handler.ts', contents: tsHandler(plan), role: 'handler' },
    { path: 'test/handler.test.ts', contents: tsTest(plan), role: 'test' },
  ];
  if (plan.idempotent) files.push({ path: 'test/in-memory-persistence.ts', contents: IN_MEMORY_STORE_TS, role: 'test' });
  return files;
}

function tsTest(plan: Plan): string {
  const store = plan.idempotent
    ? "import { InMemoryPersistenceLayer } from './in-memory-persistence.ts';\n"
    : '';
  const storeArg = plan.idempotent ? ', persistenceStore: new InMemoryPersistenceLayer()' : '';
  const eventFile = plan.batch !== null ? 'partial-failure.json' : 'event.json';
  let expectation: string;
  if (plan.batch !== null) {
    expectation = `  const result = await handler(event, context);
  // The record marked simulateFailure, and only it, is reported for retry.
  assert.equal(result.batchItemFailures.length, 1);
  assert.equal(done.length, 2);`;
  } else if (plan.source === 'kafka') {
    expectation = `  await assert.rejects(handler(event, context), /simulateFailure/);
  assert.equal(done.length, 1);`;
  } else if (plan.family === 'http') {
    expectation = `  const result = await handler(event, context);
  assert.equal(result.statusCode, 200);
  assert.deepEqual(done, ['o-1001']);`;
  } else {
    expectation = `  await handler(event, context);
  assert.equal(done.length, 1);`;
  }
  return `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { createHandler, type Order } from '../src/handler.ts';
${store}
function fakeContext(remainingMs = 60_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test',
    memoryLimitInMB: '128',
    awsRequestId: \`req-\${Math.random()}\`,
    logGroupName: '/aws/lambda/test',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

test('the handler processes the sample event', async () => {
  const done: string[] = [];
  const handler = createHandler({
    loadSettings: async () => ({}),
    work: async (order: Order) => {
      if (order.simulateFailure === true) throw new Error('simulateFailure');
      done.push(order.orderId);
    }${storeArg},
  });
  const event = JSON.parse(readFileSync(new URL('../events/${eventFile}', import.meta.url), 'utf8'));
  const context = fakeContext();
${expectation}
});
`;
}
