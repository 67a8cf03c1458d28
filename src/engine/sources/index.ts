/**
 * The source catalogue: one module per event source, the single place where a source's limits and
 * semantics live. Decisions ask `sourceOf(s.source)`; none branches on a source's name.
 */
import type { EventSource } from '../scenario.ts';
import type { SourceKind, SourceModule } from './types.ts';
import { apiGatewayRest } from './api-gateway-rest.ts';
import { apiGatewayHttp } from './api-gateway-http.ts';
import { functionUrl } from './function-url.ts';
import { alb } from './alb.ts';
import { s3 } from './s3.ts';
import { sns } from './sns.ts';
import { eventbridge } from './eventbridge.ts';
import { schedule } from './schedule.ts';
import { sqs } from './sqs.ts';
import { sqsFifo } from './sqs-fifo.ts';
import { kinesis } from './kinesis.ts';
import { dynamodbStreams } from './dynamodb-streams.ts';
import { kafka } from './kafka.ts';
import { directSync } from './direct-sync.ts';
import { directAsync } from './direct-async.ts';

export type * from './types.ts';

export const CATALOGUE: Readonly<Record<EventSource, SourceModule>> = {
  'api-gateway-rest': apiGatewayRest,
  'api-gateway-http': apiGatewayHttp,
  'function-url': functionUrl,
  alb,
  s3,
  sns,
  eventbridge,
  schedule,
  sqs,
  'sqs-fifo': sqsFifo,
  kinesis,
  'dynamodb-streams': dynamodbStreams,
  kafka,
  'direct-sync': directSync,
  'direct-async': directAsync,
};

export function sourceOf(id: EventSource): SourceModule {
  return CATALOGUE[id];
}

/** How each source reaches the function. */
export const SOURCE_KIND: Readonly<Record<EventSource, SourceKind>> = Object.fromEntries(
  Object.values(CATALOGUE).map((m) => [m.id, m.kind]),
) as Record<EventSource, SourceKind>;

/** Each source as a person reads it. */
export const SOURCE_LABEL: Readonly<Record<EventSource, string>> = Object.fromEntries(
  Object.values(CATALOGUE).map((m) => [m.id, m.label]),
) as Record<EventSource, string>;
