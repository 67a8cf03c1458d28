import type { SourceId } from './sources.ts';

/** One number (or value) about AWS, tied to the page it comes from. */
export interface Fact<T> {
  readonly value: T;
  readonly source: SourceId;
  /** A short remark shown with the fact (e.g. what the 2019 article said instead). */
  readonly note?: string;
}

export function fact<T>(value: T, source: SourceId, note?: string): Fact<T> {
  return note === undefined ? { value, source } : { value, source, note };
}

/** Limits and defaults of classic (event) Lambda functions and their event sources. */
export const LIMITS = {
  memoryMinMb: fact(128, 'memory'),
  memoryMaxMb: fact(10_240, 'memory', 'The 2019 article said 3,008 MB in 44 steps; since December 2020 the range is 128–10,240 MB in 1 MB steps.'),
  memoryStepMb: fact(1, 'memory'),
  memoryDefaultMb: fact(128, 'memory'),
  mbPerVcpu: fact(1_769, 'memory', 'The 2019 article said 1,792 MB = 1 vCPU; AWS now states 1,769 MB.'),
  maxVcpus: fact(6, 'graviton', 'Up to 6 vCPUs at 10,240 MB.'),
  timeoutMaxSeconds: fact(900, 'quotas'),
  timeoutDefaultSeconds: fact(3, 'quotas'),
  timeoutMinSeconds: fact(1, 'createFunction'),
  initMaxSeconds: fact(10, 'initBilling'),
  ephemeralMinMb: fact(512, 'ephemeral'),
  ephemeralMaxMb: fact(10_240, 'ephemeral', 'The 2019 article said 500 MB of /tmp; it is now 512 MB free, configurable to 10,240 MB.'),
  syncPayloadMb: fact(6, 'invoke'),
  asyncPayloadKb: fact(1_024, 'asyncPayload', 'Asynchronous payloads went from 256 KB to 1 MB in October 2025.'),
  /** Largest SQS message (also the most an SQS on-failure destination can hold). */
  sqsMessageMaxKb: fact(1_024, 'asyncPayload', 'SQS messages went from 256 KB to 1 MB with the same change.'),
  envVarsTotalKb: fact(4, 'quotas'),
  functionNameMaxLength: fact(64, 'quotas'),
  /** API Gateway's default integration timeout (REST regional/private can be raised by quota request). */
  apiGatewayIntegrationTimeoutSeconds: fact(29, 'apiGatewayTimeout'),
  /** HTTP APIs (API Gateway v2): maximum integration timeout, not raisable. */
  httpApiIntegrationTimeoutSeconds: fact(30, 'httpApiQuotas'),
  /** Application Load Balancer connection idle timeout by default (configurable on the load balancer). */
  albIdleTimeoutDefaultSeconds: fact(60, 'albAttributes'),
  vpcMaxSubnets: fact(16, 'vpcConfig'),
  vpcMaxSecurityGroups: fact(5, 'vpcConfig'),
} as const;

export const CONCURRENCY = {
  accountDefault: fact(1_000, 'limits'),
  unreservedFloor: fact(100, 'concurrency'),
  scalingPerTenSeconds: fact(1_000, 'scaling', 'Per function, every 10 seconds (since November 2023).'),
  scalingPeriodSeconds: fact(10, 'scaling'),
  sqsInitialConcurrency: fact(5, 'sqsScaling'),
  sqsScaleUpPerMinute: fact(300, 'sqsScaling', 'The 2019 article said +60 per minute; since November 2023 it is up to +300 per minute.'),
  sqsMaxConcurrencyDefault: fact(1_250, 'sqsScaling'),
  sqsMaximumConcurrencyMin: fact(2, 'scalingConfig'),
  sqsMaximumConcurrencyMax: fact(1_000, 'scalingConfig'),
  /** Below this reserved concurrency an SQS consumer is throttled by its own pollers ("over-polling"). */
  sqsOverPollingBelow: fact(5, 'sqsScaling', 'Lambda starts with 5 pollers whatever the reserved concurrency.'),
  parallelizationFactorMin: fact(1, 'kinesisParameters'),
  parallelizationFactorMax: fact(10, 'kinesisParameters'),
} as const;

export const EVENT_SOURCES = {
  sqsBatchDefault: fact(10, 'sqsParameters'),
  sqsBatchMax: fact(10_000, 'sqsParameters'),
  /** Batch sizes above this need a batching window of at least 1 s (SQS standard). */
  sqsBatchWithoutWindowMax: fact(10, 'sqsParameters'),
  /** The batching window (seconds) that batch sizes above `sqsBatchWithoutWindowMax` need at least. */
  sqsWindowForLargeBatchMinSeconds: fact(1, 'sqsParameters'),
  sqsFifoBatchMax: fact(10, 'sqsParameters'),
  streamBatchDefault: fact(100, 'kinesisParameters'),
  streamBatchMax: fact(10_000, 'kinesisParameters'),
  kafkaBatchDefault: fact(100, 'esmBatchSize'),
  kafkaBatchMax: fact(10_000, 'esmBatchSize'),
  batchingWindowMaxSeconds: fact(300, 'batchingWindow'),
  /** A stream retry count of -1 means "until the record expires". */
  streamRetryMax: fact(10_000, 'kinesisParameters'),
  streamRecordAgeMaxSeconds: fact(604_800, 'kinesisParameters'),
  streamRecordAgeMinSeconds: fact(60, 'kinesisParameters'),
  dynamodbStreamRetentionHours: fact(24, 'ddbParameters'),
  sqsVisibilityMultiplier: fact(6, 'sqsConfigure', 'Still right: the 2019 article also said 6 × the function timeout.'),
  sqsVisibilityMaxSeconds: fact(43_200, 'sqsQuotas'),
  /** A queue without VisibilityTimeout gets this many seconds. */
  sqsVisibilityDefaultSeconds: fact(30, 'sqsQueueCfn'),
  sqsMaxReceiveCountMin: fact(5, 'sqsWithLambda', 'Still right: the 2019 article also said at least 5.'),
  asyncRetriesMin: fact(0, 'eventInvokeConfig'),
  asyncRetriesMax: fact(2, 'eventInvokeConfig'),
  asyncRetriesDefault: fact(2, 'eventInvokeConfig'),
  asyncEventAgeMinSeconds: fact(60, 'eventInvokeConfig'),
  asyncEventAgeMaxSeconds: fact(21_600, 'eventInvokeConfig'),
  /** Where a Kinesis, DynamoDB Streams or Kafka mapping can send records of failed batches (Lambda and EventBridge destinations are for async invocations only). */
  mappingFailureDestinations: fact<readonly string[]>(['sqs', 'sns', 's3'], 'esmOnFailure'),
  /** Lambda stops a recursive loop after about this many invocations from one originating event. */
  recursiveLoopInvocations: fact(16, 'recursion'),
} as const;

export type Runtime = 'nodejs' | 'python' | 'java' | 'dotnet' | 'go' | 'ruby';

/** Typical cold-start (INIT) durations of small functions, P50 and P99, in milliseconds. */
export const COLD_STARTS = {
  initMs: fact<Record<Runtime, { p50: number; p99: number }>>(
    {
      nodejs: { p50: 275, p99: 800 },
      python: { p50: 300, p99: 1_000 },
      java: { p50: 3_500, p99: 8_000 },
      dotnet: { p50: 1_200, p99: 3_000 },
      go: { p50: 75, p99: 200 },
      ruby: { p50: 300, p99: 1_000 },
    },
    'coldStartBenchmarks',
    'Midpoints of published ranges (Node.js 22 200–350 ms, Python 3.13 200–400 ms, Java 21 2–5 s, Go 50–100 ms). Ruby is not measured there and is assumed like Python. Heavy dependencies dominate real numbers.',
  ),
  snapstartInitMs: fact({ p50: 115, p99: 300 }, 'coldStartBenchmarks', 'Java 21 with SnapStart: 90–140 ms P50, 200–400 ms P99.'),
  snapstartRuntimes: fact<readonly Runtime[]>(['java', 'python', 'dotnet'], 'snapstart', 'Java 11+, Python 3.12+, .NET 8+ (per identifier: facts/runtimes.ts).'),
  /** SnapStart supports ephemeral storage up to this size (and neither EFS nor provisioned concurrency). */
  snapstartMaxEphemeralMb: fact(512, 'snapstart'),
  /** AWS: cold starts are typically under this share of invocations in production (the bill estimates its own, model/coldStarts.ts). */
  coldStartShare: fact(0.01, 'initBilling'),
  /** Since when the INIT phase is billed for every configuration (zip + managed runtime included). */
  initBilledSince: fact('1 August 2025', 'initBilling'),
} as const;

/** Current managed runtime identifiers, newest first; the advisor scaffolds and recommends the first. */
export const RUNTIMES = {
  identifiers: fact<Record<Runtime, readonly string[]>>(
    {
      nodejs: ['nodejs24.x', 'nodejs22.x', 'nodejs20.x'],
      python: ['python3.14', 'python3.13', 'python3.12'],
      java: ['java25', 'java21', 'java17'],
      dotnet: ['dotnet10', 'dotnet8'],
      go: ['provided.al2023'],
      ruby: ['ruby3.4', 'ruby3.3'],
    },
    'runtimes',
    'Python 3.14, Node.js 24 and Java 25 arrived in November 2025, .NET 10 in January 2026; Go runs on the OS-only runtime provided.al2023.',
  ),
} as const;

/**
 * What the 2019 article said where it is superseded. The advisor quotes these when it corrects the
 * article, so the old numbers live here too, beside the current ones.
 */
export const ARTICLE_2019 = {
  memoryMaxMb: fact(3_008, 'article2019'),
  memoryOptions: fact(44, 'article2019'),
  mbPerVcpu: fact(1_792, 'article2019'),
  tmpMb: fact(500, 'article2019'),
  sqsScaleUpPerMinute: fact(60, 'article2019'),
  sqsInitialConcurrency: fact(5, 'article2019'),
  sqsMaxConcurrency: fact(1_000, 'article2019'),
  batchSize: fact(10, 'article2019'),
  /** The asynchronous payload limit before October 2025 (the article implied it). */
  asyncPayloadKb: fact(256, 'asyncPayload'),
} as const;
