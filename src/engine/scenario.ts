/**
 * The scenario: what the user told us about the workload. One JSON object, produced by the wizard,
 * read by the CLI. Validated here, at the edge; every problem is reported with its field path.
 */
import { z } from 'zod';
import { CONCURRENCY, LIMITS, DEFAULT_REGION, RUNTIME_FAMILIES, RUNTIME_VALUES, isCommercialRegionCode, runtimeInfo } from './facts/index.ts';

export const SOURCES_LIST = [
  'api-gateway-rest',
  'api-gateway-http',
  'function-url',
  'alb',
  's3',
  'sns',
  'eventbridge',
  'schedule',
  'sqs',
  'sqs-fifo',
  'kinesis',
  'dynamodb-streams',
  'kafka',
  'direct-sync',
  'direct-async',
] as const;
export type EventSource = (typeof SOURCES_LIST)[number];

/** Every accepted `runtime`: the family names, then every Lambda runtime identifier (facts/runtimes.ts). */
export const RUNTIME_LIST = RUNTIME_VALUES;
export const OPTIMIZE_FOR_LIST = ['cost', 'balanced', 'speed'] as const;
export type OptimizeFor = (typeof OPTIMIZE_FOR_LIST)[number];

/**
 * Upper bounds of scenario numbers that are not AWS limits (those come from facts): far above any
 * real workload, low enough that every bill stays finite. One place, so every face refuses the same.
 */
export const BOUNDS = {
  /** About 1,000,000 requests a second for a whole month. */
  requestsPerMonth: 2.6e12,
  perSecond: 1e6,
  peakPerSecond: 1e7,
  payloadKb: 1_048_576,
  shards: 100_000,
  messageGroups: 10_000_000,
  /** One record's measured duration: an hour (an invocation lasts at most 900 s at any memory). */
  durationMs: 3_600_000,
  targetP99Ms: 3_600_000,
  logKbPerInvocation: 1_048_576,
  gbPerMonth: 10_000_000,
  monthlyUsd: 1e9,
  downstreamRps: 1e7,
} as const;
export const AWS_SERVICE_LIST = [
  's3',
  'dynamodb',
  'sqs',
  'sns',
  'eventbridge',
  'kinesis',
  'secretsmanager',
  'ssm',
  'kms',
  'sts',
  'stepfunctions',
  'cloudwatch',
] as const;

const num = (what = 'a number') => z.number({ error: `must be ${what}` });
const nonNegative = () => num().min(0, { error: 'must be >= 0' });
const positive = () => num().gt(0, { error: 'must be > 0' });
const atMost = <T extends z.ZodNumber>(schema: T, max: number, unit = '') => schema.max(max, { error: `must be <= ${max.toLocaleString('en-US')}${unit}` });
const positiveInt = () => num('a whole number').int({ error: 'must be a whole number' }).min(1, { error: 'must be >= 1' });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });
const bool = () => z.boolean({ error: 'must be true or false' });

const memoryMb = () =>
  num('a whole number of MB')
    .int({ error: 'must be a whole number of MB' })
    .min(LIMITS.memoryMinMb.value, { error: `must be >= ${LIMITS.memoryMinMb.value} (MB)` })
    .max(LIMITS.memoryMaxMb.value, { error: `must be <= ${LIMITS.memoryMaxMb.value} (MB)` });


export const scenarioSchema = z
  .object({
    name: z
      .string({ error: 'must be a string' })
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'may contain only letters, digits, - and _' })
      .min(1, { error: 'must not be empty' })
      .max(LIMITS.functionNameMaxLength.value, { error: `must be at most ${LIMITS.functionNameMaxLength.value} characters` }),
    region: z
      .string({ error: 'must be a string' })
      .refine((r) => isCommercialRegionCode(r), { error: 'must be one of the priced Regions: any commercial AWS Region code, e.g. us-east-1 or eu-central-1 (not China or GovCloud)' })
      .default(DEFAULT_REGION),
    runtime: z
      .string({ error: 'must be a string' })
      .refine((r) => runtimeInfo(r) !== undefined, {
        error: `must be a Lambda runtime identifier (e.g. nodejs22.x, python3.13, java21, dotnet8, provided.al2023) or a family: ${RUNTIME_FAMILIES.join(', ')}`,
      })
      .default('nodejs'),
    /** As AWS Lambda Power Tuning's strategies: the cheapest, the fastest, or a balance of the two. */
    optimizeFor: oneOf(OPTIMIZE_FOR_LIST).default('cost'),
    architecture: oneOf(['auto', 'arm64', 'x86_64'] as const).default('auto'),
    source: oneOf(SOURCES_LIST),
    traffic: z.strictObject(
      {
        requestsPerMonth: atMost(nonNegative(), BOUNDS.requestsPerMonth).optional(),
        averagePerSecond: atMost(nonNegative(), BOUNDS.perSecond).optional(),
        peakPerSecond: atMost(nonNegative(), BOUNDS.peakPerSecond).optional(),
        payloadKb: atMost(positive(), BOUNDS.payloadKb, ' (KB)').default(1),
        shards: atMost(positiveInt(), BOUNDS.shards).optional(),
        messageGroups: atMost(positiveInt(), BOUNDS.messageGroups).optional(),
      },
      { error: 'must be an object' },
    ),
    work: z.strictObject(
      {
        averageDurationMs: atMost(positive(), BOUNDS.durationMs, ' (ms)'),
        p99DurationMs: atMost(positive(), BOUNDS.durationMs, ' (ms)'),
        measuredAtMemoryMb: memoryMb(),
        profile: oneOf(['cpu', 'io', 'mixed'] as const).default('mixed'),
        maxMemoryUsedMb: positive().max(LIMITS.memoryMaxMb.value, { error: `must be <= ${LIMITS.memoryMaxMb.value} (MB)` }).optional(),
        tmpStorageMb: num()
          .min(LIMITS.ephemeralMinMb.value, { error: `must be >= ${LIMITS.ephemeralMinMb.value} (MB)` })
          .max(LIMITS.ephemeralMaxMb.value, { error: `must be <= ${LIMITS.ephemeralMaxMb.value} (MB)` })
          .default(LIMITS.ephemeralMinMb.value),
        initDurationMs: atMost(nonNegative(), LIMITS.initMaxSeconds.value * 1_000, ` (ms): INIT may take at most ${LIMITS.initMaxSeconds.value} s on demand`).optional(),
        /** Share of invocations that start cold (0–1); by default the advisor estimates it from the traffic. */
        coldStartRate: atMost(nonNegative(), 1).optional(),
        /** The function mounts an Amazon EFS file system (SnapStart does not support EFS). */
        efs: bool().default(false),
        /** How many threads the CPU-bound part can keep busy (1 for most Node.js and Python code). */
        parallelism: positiveInt().max(LIMITS.maxVcpus.value, { error: `must be <= ${LIMITS.maxVcpus.value}` }).default(1),
        logKbPerInvocation: atMost(nonNegative(), BOUNDS.logKbPerInvocation, ' (KB)').default(1),
      },
      { error: 'must be an object' },
    ),
    latency: z
      .strictObject(
        {
          targetP99Ms: atMost(positive(), BOUNDS.targetP99Ms, ' (ms)').optional(),
          coldStarts: oneOf(['avoid', 'tolerate'] as const).default('tolerate'),
        },
        { error: 'must be an object' },
      )
      .default({ coldStarts: 'tolerate' }),
    budget: z
      .strictObject(
        {
          monthlyUsd: atMost(nonNegative(), BOUNDS.monthlyUsd, ' (USD)').optional(),
          freeTier: bool().default(false),
        },
        { error: 'must be an object' },
      )
      .default({ freeTier: false }),
    network: z
      .strictObject(
        {
          privateResources: bool().default(false),
          internetEgress: bool().default(false),
          egressGbPerMonth: atMost(nonNegative(), BOUNDS.gbPerMonth, ' (GB)').default(0),
          awsServices: z.array(oneOf(AWS_SERVICE_LIST), { error: 'must be a list' }).default([]),
          /** GB a month the function exchanges with the AWS APIs in awsServices (default: one payload per invocation). */
          awsServicesGbPerMonth: atMost(nonNegative(), BOUNDS.gbPerMonth, ' (GB)').optional(),
        },
        { error: 'must be an object' },
      )
      .default({ privateResources: false, internetEgress: false, egressGbPerMonth: 0, awsServices: [] }),
    downstream: z
      .strictObject(
        {
          maxConcurrency: positiveInt().optional(),
          maxRequestsPerSecond: atMost(positive(), BOUNDS.downstreamRps).optional(),
        },
        { error: 'must be an object' },
      )
      .default({}),
    ordering: oneOf(['none', 'per-key', 'strict'] as const).default('none'),
    idempotent: bool().default(true),
  })
  .strict()
  .superRefine((s, ctx) => {
    const t = s.traffic;
    if (t.requestsPerMonth === undefined && t.averagePerSecond === undefined) {
      ctx.addIssue({ code: 'custom', path: ['traffic', 'requestsPerMonth'], message: 'give requestsPerMonth or averagePerSecond' });
    }
    if (t.requestsPerMonth !== undefined && t.averagePerSecond !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['traffic', 'averagePerSecond'], message: 'give requestsPerMonth or averagePerSecond, not both' });
    }
    if (s.work.p99DurationMs < s.work.averageDurationMs) {
      ctx.addIssue({ code: 'custom', path: ['work', 'p99DurationMs'], message: 'must be >= work.averageDurationMs' });
    }
    if (s.source === 'kinesis' && t.shards === undefined) {
      ctx.addIssue({ code: 'custom', path: ['traffic', 'shards'], message: 'is required for a Kinesis source' });
    }
    if (t.shards !== undefined && s.source !== 'kinesis' && s.source !== 'dynamodb-streams') {
      ctx.addIssue({ code: 'custom', path: ['traffic', 'shards'], message: 'applies only to kinesis and dynamodb-streams sources' });
    }
    if (t.messageGroups !== undefined && s.source !== 'sqs-fifo') {
      ctx.addIssue({ code: 'custom', path: ['traffic', 'messageGroups'], message: 'applies only to the sqs-fifo source' });
    }
    if (s.work.maxMemoryUsedMb !== undefined && s.work.maxMemoryUsedMb > s.work.measuredAtMemoryMb) {
      ctx.addIssue({ code: 'custom', path: ['work', 'maxMemoryUsedMb'], message: 'cannot exceed work.measuredAtMemoryMb (the memory it was measured at)' });
    }
    if (s.downstream.maxConcurrency !== undefined && s.downstream.maxConcurrency > CONCURRENCY.accountDefault.value * 100) {
      ctx.addIssue({ code: 'custom', path: ['downstream', 'maxConcurrency'], message: 'is implausibly large' });
    }
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

export interface FieldError {
  /** Dotted path of the field, e.g. `traffic.peakPerSecond` (empty for the whole document). */
  readonly path: string;
  readonly message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] };

function dotted(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Validate an untrusted value as a scenario. Never throws. */
export function parseScenario(input: unknown): ParseResult {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, scenario: result.data };
  const errors = result.error.issues.map((issue): FieldError => {
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    } else if (issue.code === 'invalid_type' && issue.path.length === 0) {
      message = 'the scenario must be a JSON object';
    } else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      message = 'is required';
    }
    return { path: dotted(issue.path), message };
  });
  return { ok: false, errors };
}

/** `traffic.peakPerSecond: must be >= 0` lines, one per problem. */
export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n');
}

/** Monthly requests (or messages, records) from either form of traffic. */
export function monthlyRequests(s: Scenario, secondsPerMonth: number): number {
  return s.traffic.requestsPerMonth ?? (s.traffic.averagePerSecond ?? 0) * secondsPerMonth;
}
