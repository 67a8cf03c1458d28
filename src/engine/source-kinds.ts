/**
 * How each source reaches the function, as a table light enough for the scenario validator (which must
 * not load the whole catalogue: activation and `lint` evaluate it). Each source module states its kind
 * too; test/unit/sources-catalogue.test.ts checks the two agree.
 */
import type { SourceKind } from './design.ts';
import type { EventSource } from './scenario.ts';

export const SOURCE_KINDS: Readonly<Record<EventSource, SourceKind>> = {
  'api-gateway-rest': 'sync',
  'api-gateway-http': 'sync',
  'function-url': 'sync',
  alb: 'sync',
  'direct-sync': 'sync',
  s3: 'async',
  sns: 'async',
  eventbridge: 'async',
  schedule: 'async',
  'direct-async': 'async',
  sqs: 'queue',
  'sqs-fifo': 'queue',
  kinesis: 'stream',
  'dynamodb-streams': 'stream',
  kafka: 'stream',
};
