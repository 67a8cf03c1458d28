/**
 * The scenario: what the user told us about the workload. One JSON object, produced by the wizard,
 * read by the CLI. Validated here, at the edge; every problem is reported with its field path.
 */
import { z } from 'zod';
import { CONCURRENCY, LIMITS, supportedRegions, DEFAULT_REGION } from './facts/index.ts';

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

export const RUNTIME_LIST = ['nodejs', 'python', 'java', 'dotnet', 'go', 'ruby'] as const;
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
const positiveInt = () => num('a whole number').int({ error: 'must be a whole number' }).min(1, { error: 'must be >= 1' });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });
const bool = () => z.boolean({ error: 'must be true or false' });

const memoryMb = () =>
  num('a whole number of MB')
    .int({ error: 'must be a whole number of MB' })
    .min(LIMITS.memoryMinMb.value, { error: `must be >= ${LIMITS.memoryMinMb.value} (MB)` })
    .max(LIMITS.memoryMaxMb.value, { error: `must be <= ${LIMITS.memoryMaxMb.value} (MB)` });

const regions = supportedRegions();

// --- Measurements (issue 14: lambda-advisor calibrate); the duration model follows them. ---
const countOrNull = () => num('a whole number').int({ error: 'must be a whole number' }).min(0, { error: 'must be >= 0' }).nullable().optional();
/** One memory size measured: what `lambda-advisor calibrate` prints; null where the source cannot tell. */
export const measurementSchema = z.strictObject(
  {
    memoryMb: memoryMb(),
    invocations: countOrNull(),
    coldStarts: countOrNull(),
    averageDurationMs: positive(),
    p99DurationMs: positive().nullable().optional(),
    maxMemoryUsedMb: positive().max(LIMITS.memoryMaxMb.value, { error: `must be <= ${LIMITS.memoryMaxMb.value} (MB)` }).nullable().optional(),
    initDurationMs: nonNegative().nullable().optional(),
  },
  { error: 'must be an object' },
);
export type Measurement = z.output<typeof measurementSchema>;
const measurementsField = () => z.array(measurementSchema, { error: 'must be a list' }).max(64, { error: 'must have at most 64 memory sizes' }).optional();
/** Share of invocations that are cold starts, measured (0..1). */
const coldStartRateField = () => num().min(0, { error: 'must be >= 0' }).max(1, { error: 'must be <= 1 (a share of invocations)' }).optional();
// --- end of measurements ---

export const scenarioSchema = z
  .object({
    name: z
      .string({ error: 'must be a string' })
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'may contain only letters, digits, - and _' })
      .min(1, { error: 'must not be empty' })
      .max(LIMITS.functionNameMaxLength.value, { error: `must be at most ${LIMITS.functionNameMaxLength.value} characters` }),
    region: z
      .string({ error: 'must be a string' })
      .refine((r) => regions.includes(r), { error: `must be one of the priced Regions: ${regions.join(', ')}` })
      .default(DEFAULT_REGION),
    runtime: oneOf(RUNTIME_LIST).default('nodejs'),
    architecture: oneOf(['auto', 'arm64', 'x86_64'] as const).default('auto'),
    source: oneOf(SOURCES_LIST),
    traffic: z.strictObject(
      {
        requestsPerMonth: nonNegative().optional(),
        averagePerSecond: nonNegative().optional(),
        peakPerSecond: nonNegative().optional(),
        payloadKb: positive().default(1),
        shards: positiveInt().optional(),
        messageGroups: positiveInt().optional(),
      },
      { error: 'must be an object' },
    ),
    work: z.strictObject(
      {
        averageDurationMs: positive(),
        p99DurationMs: positive(),
        measuredAtMemoryMb: memoryMb(),
        profile: oneOf(['cpu', 'io', 'mixed'] as const).default('mixed'),
        maxMemoryUsedMb: positive().max(LIMITS.memoryMaxMb.value, { error: `must be <= ${LIMITS.memoryMaxMb.value} (MB)` }).optional(),
        tmpStorageMb: num()
          .min(LIMITS.ephemeralMinMb.value, { error: `must be >= ${LIMITS.ephemeralMinMb.value} (MB)` })
          .max(LIMITS.ephemeralMaxMb.value, { error: `must be <= ${LIMITS.ephemeralMaxMb.value} (MB)` })
          .default(LIMITS.ephemeralMinMb.value),
        initDurationMs: nonNegative().optional(),
        /** How many threads the CPU-bound part can keep busy (1 for most Node.js and Python code). */
        parallelism: positiveInt().max(LIMITS.maxVcpus.value, { error: `must be <= ${LIMITS.maxVcpus.value}` }).default(1),
        logKbPerInvocation: nonNegative().default(1),
        measurements: measurementsField(),
        coldStartRate: coldStartRateField(),
      },
      { error: 'must be an object' },
    ),
    latency: z
      .strictObject(
        {
          targetP99Ms: positive().optional(),
          coldStarts: oneOf(['avoid', 'tolerate'] as const).default('tolerate'),
        },
        { error: 'must be an object' },
      )
      .default({ coldStarts: 'tolerate' }),
    budget: z
      .strictObject(
        {
          monthlyUsd: nonNegative().optional(),
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
          egressGbPerMonth: nonNegative().default(0),
          awsServices: z.array(oneOf(AWS_SERVICE_LIST), { error: 'must be a list' }).default([]),
        },
        { error: 'must be an object' },
      )
      .default({ privateResources: false, internetEgress: false, egressGbPerMonth: 0, awsServices: [] }),
    downstream: z
      .strictObject(
        {
          maxConcurrency: positiveInt().optional(),
          maxRequestsPerSecond: positive().optional(),
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
    const seen = new Set<number>();
    (s.work.measurements ?? []).forEach((m, i) => {
      if (seen.has(m.memoryMb)) ctx.addIssue({ code: 'custom', path: ['work', 'measurements', i, 'memoryMb'], message: `${m.memoryMb} MB is measured twice (one entry per memory size)` });
      seen.add(m.memoryMb);
      if (typeof m.coldStarts === 'number' && typeof m.invocations === 'number' && m.coldStarts > m.invocations)
        ctx.addIssue({ code: 'custom', path: ['work', 'measurements', i, 'coldStarts'], message: 'cannot exceed invocations' });
    });
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
