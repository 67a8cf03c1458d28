/**
 * The invocation sources as the wizard presents them: push or poll, sync or async, in one sentence,
 * with the trade-off the 2019 article teaches (who retries, who waits, how it scales).
 */
import type { Design, SourceKind } from '../../src/engine/design.ts';
import type { EventSource } from '../../src/engine/scenario.ts';
import { SOURCES_LIST } from '../../src/engine/scenario.ts';
import { SOURCE_KIND, SOURCE_LABEL } from '../../src/engine/sources/index.ts';

export interface SourceCard {
  readonly id: EventSource;
  readonly title: string;
  readonly model: Design['invocation']['model'];
  /** Whether the source waits for the result (pollers do, batch by batch). */
  readonly type: Extract<SourceKind, 'sync' | 'async'>;
  readonly group: 'Request/response' | 'Events' | 'Queues' | 'Streams';
  readonly sentence: string;
  readonly tradeOff: string;
}

const SYNC_TRADE = 'The caller waits and sees every error, so it owns retries; latency and cold starts are felt by a person or a client.';
const ASYNC_TRADE = 'Lambda queues the event and retries failures itself, so the function must be idempotent; send failures to an on-failure destination, not into the void.';
const QUEUE_TRADE = 'Scaling is gradual, not instant; a failed batch returns to the queue and retries until it goes to the dead-letter queue, so report partial batch failures and stay idempotent.';
const STREAM_TRADE = 'Concurrency follows shards, records stay in order per shard, and one failing record blocks its shard until it succeeds or expires: bound the retries and bisect batches.';

const SENTENCE: Readonly<Record<EventSource, string>> = {
  'api-gateway-rest': 'API Gateway pushes each HTTP request to the function and waits for the response (push, synchronous).',
  'api-gateway-http': 'The cheaper, simpler HTTP API pushes each request and waits for the response (push, synchronous).',
  'function-url': 'A built-in HTTPS endpoint invokes the function directly and waits for the response (push, synchronous).',
  alb: 'The load balancer pushes each HTTP request to the function as a target and waits (push, synchronous).',
  'direct-sync': 'Your code calls Invoke with RequestResponse and waits for the result (push, synchronous).',
  s3: 'S3 pushes an event for each object change and does not wait for the outcome (push, asynchronous).',
  sns: 'SNS pushes each message to the function and returns at once (push, asynchronous).',
  eventbridge: 'An EventBridge rule pushes matching events and does not wait (push, asynchronous).',
  schedule: 'EventBridge Scheduler invokes the function on a timetable without waiting (push, asynchronous).',
  'direct-async': 'Your code calls Invoke with the Event type; Lambda only acknowledges receipt (push, asynchronous).',
  sqs: 'Lambda polls the queue for you and invokes the function with a batch, waiting for each batch (poll, synchronous).',
  'sqs-fifo': 'Lambda polls the FIFO queue and hands one message group at a time to an invocation, in order (poll, synchronous).',
  kinesis: 'Lambda polls each shard and invokes the function with batches of records in order (poll, synchronous).',
  'dynamodb-streams': 'Lambda polls the table\'s change stream, shard by shard, in order (poll, synchronous).',
  kafka: 'Lambda polls the topic\'s partitions and invokes with batches of records (poll, synchronous).',
};

const TRADE: Readonly<Record<SourceKind, string>> = { sync: SYNC_TRADE, async: ASYNC_TRADE, queue: QUEUE_TRADE, stream: STREAM_TRADE };
const GROUP: Readonly<Record<SourceKind, SourceCard['group']>> = { sync: 'Request/response', async: 'Events', queue: 'Queues', stream: 'Streams' };

function kindOf(id: EventSource): SourceKind {
  return SOURCE_KIND[id];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const SOURCE_CARDS: readonly SourceCard[] = SOURCES_LIST.map((id) => {
  const kind = kindOf(id);
  return {
    id,
    title: capitalise(SOURCE_LABEL[id]),
    model: kind === 'queue' || kind === 'stream' ? 'poll' : 'push',
    type: kind === 'async' ? 'async' : 'sync',
    group: GROUP[kind],
    sentence: SENTENCE[id],
    tradeOff: TRADE[kind],
  };
});
