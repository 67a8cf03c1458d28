/**
 * The scenario: what the user told us about the workload. One JSON object, produced by the wizard,
 * read by the CLI. Validated here, at the edge; every problem is reported with its field path.
 *
 * Built with `zod/mini`, the tree-shakable form of zod 4: the same checks and messages as classic
 * zod at a fraction of the bundle weight (each face bundles this file). Mini has no methods, so a
 * check is `.check(z.gte(…))`, a default `z._default(schema, value)`, an optional field
 * `z.optional(schema)`. The helpers below keep that noise out of the schema; add new fields with
 * them. The schema is a plain zod 4 schema: `z.toJSONSchema(scenarioSchema, { io: 'input' })` (from
 * `zod/mini` or `zod/v4/core`) turns it into a JSON Schema, so keep every check a built-in where
 * one exists (a `refine` is invisible to JSON Schema).
 */
import * as z from 'zod/mini';
import { CONCURRENCY, LIMITS, DEFAULT_REGION, RUNTIME_FAMILIES, RUNTIME_VALUES, isCommercialRegionCode, runtimeInfo } from './facts/index.ts';
import { whole } from './format.ts';
import { SOURCE_KINDS } from './source-kinds.ts';

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
/** The shapes a workload can run on (design.compute); `direct-integration` only with work.logic "forward-only". */
export const COMPUTE_KIND_LIST = ['on-demand', 'managed-instances', 'durable-functions', 'step-functions-standard', 'step-functions-express', 'direct-integration'] as const;
export const WORK_LOGIC_LIST = ['compute', 'forward-only'] as const;
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
  /** work.steps: the steps a workflow (durable functions, Step Functions) splits the work into. */
  workflowSteps: 1_000,
  targetP99Ms: 3_600_000,
  logKbPerInvocation: 1_048_576,
  gbPerMonth: 10_000_000,
  monthlyUsd: 1e9,
  downstreamRps: 1e7,
  /** work.measurements: one entry per memory size measured. */
  measuredMemorySizes: 64,
  /** Invocations (or cold starts) counted at one memory size: a million a second for 30 years. */
  measuredInvocations: 1e15,
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
const atLeast = (min: number, error = 'must be >= ' + min) => z.gte(min, { error });
const atMost = (max: number, error = 'must be <= ' + max) => z.lte(max, { error });
const nonNegative = () => num().check(atLeast(0));
const positive = () => num().check(z.gt(0, { error: 'must be > 0' }));
const positiveInt = () => num('a whole number').check(z.int({ error: 'must be a whole number' }), atLeast(1));
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });
const bool = () => z.boolean({ error: 'must be true or false' });
const opt = z.optional;
/** A number with an upper bound that is not an AWS limit (BOUNDS), or is one (facts), with its unit. */
const bounded = <T extends z.ZodMiniNumber>(schema: T, max: number, unit = '') => schema.check(atMost(max, `must be <= ${whole(max)}${unit}`));
const withDefault = z._default;
/** A nested object that rejects unknown keys. */
const section = <S extends z.core.$ZodLooseShape>(shape: S) => z.strictObject(shape, { error: 'must be an object' });

const memoryMb = () =>
  num('a whole number of MB').check(
    z.int({ error: 'must be a whole number of MB' }),
    atLeast(LIMITS.memoryMinMb.value, `must be >= ${LIMITS.memoryMinMb.value} (MB)`),
    atMost(LIMITS.memoryMaxMb.value, `must be <= ${LIMITS.memoryMaxMb.value} (MB)`),
  );

// --- Measurements (issue 14: lambda-advisor calibrate); the duration model follows them. ---
const countOrNull = () => opt(z.nullable(bounded(num('a whole number').check(z.int({ error: 'must be a whole number' }), atLeast(0)), BOUNDS.measuredInvocations)));
/** One memory size measured: what `lambda-advisor calibrate` prints; null where the source cannot tell. */
export const measurementSchema = section({
  memoryMb: memoryMb(),
  invocations: countOrNull(),
  coldStarts: countOrNull(),
  averageDurationMs: bounded(positive(), BOUNDS.durationMs, ' (ms)'),
  p99DurationMs: opt(z.nullable(bounded(positive(), BOUNDS.durationMs, ' (ms)'))),
  maxMemoryUsedMb: opt(z.nullable(positive().check(atMost(LIMITS.memoryMaxMb.value, `must be <= ${LIMITS.memoryMaxMb.value} (MB)`)))),
  initDurationMs: opt(z.nullable(nonNegative())),
});
export type Measurement = z.output<typeof measurementSchema>;
const measurementsField = () =>
  opt(z.array(measurementSchema, { error: 'must be a list' }).check(z.maxLength(BOUNDS.measuredMemorySizes, { error: `must have at most ${BOUNDS.measuredMemorySizes} memory sizes` })));
// --- end of measurements ---

export const scenarioSchema = z
  .strictObject({
    name: z
      .string({ error: 'must be a string' })
      .check(
        z.regex(/^[A-Za-z0-9_-]+$/, { error: 'may contain only letters, digits, - and _' }),
        z.minLength(1, { error: 'must not be empty' }),
        z.maxLength(LIMITS.functionNameMaxLength.value, { error: `must be at most ${LIMITS.functionNameMaxLength.value} characters` }),
      ),
    region: withDefault(
      z.string({ error: 'must be a string' }).check(
        z.refine((r) => isCommercialRegionCode(r), { error: 'must be one of the priced Regions: any commercial AWS Region code, e.g. us-east-1 or eu-central-1 (not China or GovCloud)' }),
      ),
      DEFAULT_REGION,
    ),
    runtime: withDefault(
      z.string({ error: 'must be a string' }).check(
        z.refine((r) => runtimeInfo(r) !== undefined, {
          error: `must be a Lambda runtime identifier (e.g. nodejs22.x, python3.13, java21, dotnet8, provided.al2023) or a family: ${RUNTIME_FAMILIES.join(', ')}`,
        }),
      ),
      'nodejs',
    ),
    /** As AWS Lambda Power Tuning's strategies: the cheapest, the fastest, or a balance of the two. */
    optimizeFor: withDefault(oneOf(OPTIMIZE_FOR_LIST), 'cost'),
    architecture: withDefault(oneOf(['auto', 'arm64', 'x86_64'] as const), 'auto'),
    /** The shape to run on (issue 11): "auto" lets the advisor choose; a kind pins it. */
    compute: withDefault(oneOf(['auto', ...COMPUTE_KIND_LIST] as const), 'auto'),
    source: oneOf(SOURCES_LIST),
    traffic: section({
      requestsPerMonth: opt(bounded(nonNegative(), BOUNDS.requestsPerMonth)),
      averagePerSecond: opt(bounded(nonNegative(), BOUNDS.perSecond)),
      peakPerSecond: opt(bounded(nonNegative(), BOUNDS.peakPerSecond)),
      payloadKb: withDefault(bounded(positive(), BOUNDS.payloadKb, ' (KB)'), 1),
      /** Response size of a synchronous source, KB, checked against its response limit (buffered or streamed). */
      responseKb: opt(bounded(positive(), BOUNDS.payloadKb, ' (KB)')),
      shards: opt(bounded(positiveInt(), BOUNDS.shards)),
      messageGroups: opt(bounded(positiveInt(), BOUNDS.messageGroups)),
    }),
    work: section({
      averageDurationMs: bounded(positive(), BOUNDS.durationMs, ' (ms)'),
      p99DurationMs: bounded(positive(), BOUNDS.durationMs, ' (ms)'),
      measuredAtMemoryMb: memoryMb(),
      profile: withDefault(oneOf(['cpu', 'io', 'mixed'] as const), 'mixed'),
      /** Steps a workflow shape splits the work into (durable functions, Step Functions); by default the advisor splits it. */
      steps: opt(bounded(positiveInt(), BOUNDS.workflowSteps)),
      /** "forward-only": the function only maps a request onto one AWS service call (a direct integration may replace it). */
      logic: withDefault(oneOf(WORK_LOGIC_LIST), 'compute'),
      maxMemoryUsedMb: opt(positive().check(atMost(LIMITS.memoryMaxMb.value, `must be <= ${LIMITS.memoryMaxMb.value} (MB)`))),
      tmpStorageMb: withDefault(
        num().check(
          atLeast(LIMITS.ephemeralMinMb.value, `must be >= ${LIMITS.ephemeralMinMb.value} (MB)`),
          atMost(LIMITS.ephemeralMaxMb.value, `must be <= ${LIMITS.ephemeralMaxMb.value} (MB)`),
        ),
        LIMITS.ephemeralMinMb.value,
      ),
      initDurationMs: opt(bounded(nonNegative(), LIMITS.initMaxSeconds.value * 1_000, ` (ms): INIT may take at most ${LIMITS.initMaxSeconds.value} s on demand`)),
      /** Share of invocations that start cold (0–1); by default the advisor estimates it from the traffic. */
      coldStartRate: opt(bounded(nonNegative(), 1, ' (a share of invocations)')),
      /** Measured per memory size (`lambda-advisor calibrate`); the duration model follows them. */
      measurements: measurementsField(),
      /** The function mounts an Amazon EFS file system (SnapStart does not support EFS). */
      efs: withDefault(bool(), false),
      /** How many threads the CPU-bound part can keep busy (1 for most Node.js and Python code). */
      parallelism: withDefault(positiveInt().check(atMost(LIMITS.maxVcpus.value)), 1),
      logKbPerInvocation: withDefault(bounded(nonNegative(), BOUNDS.logKbPerInvocation, ' (KB)'), 1),
    }),
    latency: withDefault(
      section({
        targetP99Ms: opt(bounded(positive(), BOUNDS.targetP99Ms, ' (ms)')),
        coldStarts: withDefault(oneOf(['avoid', 'tolerate'] as const), 'tolerate'),
      }),
      { coldStarts: 'tolerate' },
    ),
    budget: withDefault(
      section({
        monthlyUsd: opt(bounded(nonNegative(), BOUNDS.monthlyUsd, ' (USD)')),
        freeTier: withDefault(bool(), false),
      }),
      { freeTier: false },
    ),
    network: withDefault(
      section({
        privateResources: withDefault(bool(), false),
        internetEgress: withDefault(bool(), false),
        egressGbPerMonth: withDefault(bounded(nonNegative(), BOUNDS.gbPerMonth, ' (GB)'), 0),
        awsServices: withDefault(z.array(oneOf(AWS_SERVICE_LIST), { error: 'must be a list' }), []),
        /** GB a month the function exchanges with the AWS APIs in awsServices (default: one payload per invocation). */
        awsServicesGbPerMonth: opt(bounded(nonNegative(), BOUNDS.gbPerMonth, ' (GB)')),
      }),
      { privateResources: false, internetEgress: false, egressGbPerMonth: 0, awsServices: [] },
    ),
    downstream: withDefault(
      section({
        maxConcurrency: opt(positiveInt()),
        maxRequestsPerSecond: opt(bounded(positive(), BOUNDS.downstreamRps)),
      }),
      {},
    ),
    ordering: withDefault(oneOf(['none', 'per-key', 'strict'] as const), 'none'),
    idempotent: withDefault(bool(), true),
  })
  .check(
    z.superRefine((s, ctx) => {
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
      if (t.responseKb !== undefined && SOURCE_KINDS[s.source] !== 'sync') {
        ctx.addIssue({ code: 'custom', path: ['traffic', 'responseKb'], message: 'applies only to synchronous sources (API Gateway, function URL, ALB, direct-sync)' });
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
      if (s.compute === 'direct-integration' && s.work.logic !== 'forward-only') {
        ctx.addIssue({ code: 'custom', path: ['compute'], message: 'direct-integration needs work.logic "forward-only" (a function with logic of its own cannot be replaced by a service integration)' });
      }
      if (s.downstream.maxConcurrency !== undefined && s.downstream.maxConcurrency > CONCURRENCY.accountDefault.value * 100) {
        ctx.addIssue({ code: 'custom', path: ['downstream', 'maxConcurrency'], message: 'is implausibly large' });
      }
    }),
  );

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
