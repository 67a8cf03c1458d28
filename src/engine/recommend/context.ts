/**
 * What every rule needs to know about a scenario, derived once: rates, the kind of source, the
 * work measures, the memory floor. The model's own choices (headroom, safety factor, tolerances) live
 * here too, named, so the rationale can state them; they are design choices, not AWS facts.
 */
import { LIMITS, PRICING_UNITS } from '../facts/index.ts';
import type { WorkMeasure } from '../model/performance.ts';
import { workModel } from '../model/measured.ts';
import { monthlyRequests, type EventSource, type Scenario } from '../scenario.ts';

/** How a source reaches the function. */
export type SourceKind = 'sync' | 'async' | 'queue' | 'stream';

export const SOURCE_KIND: Readonly<Record<EventSource, SourceKind>> = {
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

export const SOURCE_LABEL: Readonly<Record<EventSource, string>> = {
  'api-gateway-rest': 'API Gateway REST API',
  'api-gateway-http': 'API Gateway HTTP API',
  'function-url': 'function URL',
  alb: 'Application Load Balancer',
  'direct-sync': 'direct synchronous Invoke',
  s3: 'S3 event notification',
  sns: 'SNS topic',
  eventbridge: 'EventBridge rule',
  schedule: 'EventBridge schedule',
  'direct-async': 'direct asynchronous Invoke',
  sqs: 'SQS standard queue',
  'sqs-fifo': 'SQS FIFO queue',
  kinesis: 'Kinesis data stream',
  'dynamodb-streams': 'DynamoDB stream',
  kafka: 'Kafka topic (MSK or self-managed)',
};

/** Model choices (ours, not AWS's). Each is stated to the user where it matters. */
export const MODEL = {
  /** Memory kept above the measured peak use, as a share of it. */
  memoryHeadroom: 0.2,
  /** Two memory settings whose monthly cost differs by at most this share are "about the same". */
  costTieTolerance: 0.01,
  /** Timeout = p99 duration × this factor (rounded up to whole seconds). */
  timeoutSafetyFactor: 3,
  /** Share of the latency target a poller's batching window may use; the rest is for processing. */
  windowShareOfTarget: 0.5,
  /** Without a latency target, a full batch is kept to about this much processing at its p99 (ms). */
  batchMsWithoutTarget: 10_000,
  /** Without a latency target, the batching window stays at most this long (s). */
  windowWithoutTargetSeconds: 5,
  /** Stream retries before a batch goes to the on-failure destination. */
  streamRetryAttempts: 3,
  /** Stream records older than this (s) are sent to the on-failure destination (floor; raised for long batches). */
  streamRecordAgeSeconds: 3_600,
  /** Room kept for the on-failure record's envelope (request context, error) beside the payload, KB. */
  destinationEnvelopeKb: 64,
  /** Common memory sizes shown as alternatives. 3,008 was the 2019 maximum; still a common setting. */
  commonMemoriesMb: [512, 1_024, LIMITS.mbPerVcpu.value, 3_008] as readonly number[],
} as const;

export const SECONDS_PER_MONTH = PRICING_UNITS.hoursPerMonth.value * 3_600;

export interface Context {
  readonly s: Scenario;
  readonly kind: SourceKind;
  readonly label: string;
  /** Requests, messages or records per month. */
  readonly monthly: number;
  /** Average arrivals per second. */
  readonly avgRate: number;
  /** Peak arrivals per second (the average when no peak was given). */
  readonly peakRate: number;
  readonly peakGiven: boolean;
  readonly avgWork: WorkMeasure;
  readonly p99Work: WorkMeasure;
  /** The lowest memory the function may get: measured peak use plus headroom. */
  readonly floorMb: number;
  /** Latency target, ms (undefined: none given). */
  readonly target: number | undefined;
  /** The source's cap on the function timeout, seconds. */
  readonly timeoutCapSeconds: number;
  /** Payload limit of one invocation, KB (1 MB async, 6 MB sync and pollers). */
  readonly payloadLimitKb: number;
}

export function isApiGateway(source: EventSource): boolean {
  return source === 'api-gateway-rest' || source === 'api-gateway-http';
}

export function buildContext(s: Scenario): Context {
  const kind = SOURCE_KIND[s.source];
  const monthly = monthlyRequests(s, SECONDS_PER_MONTH);
  const avgRate = s.traffic.averagePerSecond ?? monthly / SECONDS_PER_MONTH;
  const peakGiven = s.traffic.peakPerSecond !== undefined;
  const peakRate = Math.max(avgRate, s.traffic.peakPerSecond ?? avgRate);
  const w = s.work;
  const model = workModel(s);
  const floorRaw = w.maxMemoryUsedMb === undefined ? LIMITS.memoryMinMb.value : Math.ceil(w.maxMemoryUsedMb * (1 + MODEL.memoryHeadroom));
  const floorMb = Math.min(LIMITS.memoryMaxMb.value, Math.max(LIMITS.memoryMinMb.value, floorRaw, model.report.cheapestMeasuredMb ?? 0));
  return {
    s,
    kind,
    label: SOURCE_LABEL[s.source],
    monthly,
    avgRate,
    peakRate,
    peakGiven,
    avgWork: model.avg,
    p99Work: model.p99,
    floorMb,
    target: s.latency.targetP99Ms,
    timeoutCapSeconds: isApiGateway(s.source) ? LIMITS.apiGatewayIntegrationTimeoutSeconds.value : LIMITS.timeoutMaxSeconds.value,
    payloadLimitKb: kind === 'async' ? LIMITS.asyncPayloadKb.value : LIMITS.syncPayloadMb.value * 1_024,
  };
}
