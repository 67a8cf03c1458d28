/**
 * The scenario as JSON Schema, generated from the one zod schema (src/engine/scenario.ts), never
 * written by hand. Two uses:
 *   - the input schema of the agent tools (MCP and VS Code language-model tools): `scenarioJsonSchema()`;
 *   - the editor's schema for `*.lambda-advisor.json` files (completion, hover, errors), written at
 *     build time to dist/scenario.schema.json: `scenarioFileJsonSchema()`, which adds the cross-field
 *     rules JSON Schema can express (the tools' schema leaves them out: several agent hosts reject
 *     `if`/`allOf` in a tool's schema, and the tools report those rules by field path anyway).
 *
 * Generation goes through `toJSONSchema` from `zod/v4/core`, which classic zod and `zod/mini` share,
 * so it works whichever of the two builds the scenario schema. Zod cannot see into a `refine`, so the
 * few facts that live there (the priced Regions) are added here from the same source the refine uses.
 */
import { toJSONSchema, type $ZodType } from 'zod/v4/core';
import { commercialRegionPattern, supportedRegions } from './facts/index.ts';
import { RUNTIME_LIST, scenarioSchema, SOURCES_LIST } from './scenario.ts';

/** A JSON Schema node (the subset the generator and its consumers read). */
export type JsonSchema = { [key: string]: unknown };

/**
 * What each field means, by dotted path: the hover text in the editor and what an agent reads before
 * it fills a scenario in. A field added to the scenario schema needs a line here (a test says which).
 */
export const FIELD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '': 'A workload scenario for Lambda Design Advisor: what the function does and how much, from which the advisor recommends a design (memory, timeout, batching, concurrency, failure handling, VPC, cold starts) and prices it.',
  name: 'The function name: letters, digits, - and _ (used for the function and the scaffolded project).',
  region: 'The AWS Region whose prices the bill uses (only Regions the advisor has sourced prices for).',
  runtime: 'The Lambda runtime: an identifier (nodejs22.x, python3.13, java21, dotnet8, provided.al2023 …) or a family name (nodejs, python …), which stands for its newest runtime. Sets SnapStart support, deprecation warnings, the cold-start estimate and the scaffolded handler language.',
  optimizeFor: 'What the memory choice optimises, as AWS Lambda Power Tuning: cost (the default, the cheapest setting that meets the constraints), balanced (cost and duration weighed equally) or speed (the fastest).',
  compute: 'The shape the workload runs on: auto (the default: the advisor compares on-demand, Managed Instances, durable functions and Step Functions Standard and Express, priced side by side, and picks one) or one of them to pin it (direct-integration needs work.logic "forward-only"). A pinned shape that cannot run the work is an error naming why and the fix.',
  architecture: 'auto (the default) lets the advisor choose (it picks arm64); arm64 or x86_64 fixes it, e.g. for a native dependency built for one of them.',
  source: 'What invokes the function: an API (api-gateway-rest, api-gateway-http, function-url, alb), an event (s3, sns, eventbridge, schedule), a poller (sqs, sqs-fifo, kinesis, dynamodb-streams, kafka) or a direct call (direct-sync, direct-async).',
  traffic: 'How much work arrives. Give requestsPerMonth or averagePerSecond (one of them, not both).',
  'traffic.requestsPerMonth': 'Invocations (or messages, or records) per month. Give this or averagePerSecond, not both.',
  'traffic.averagePerSecond': 'Average arrival rate per second over the month. Give this or requestsPerMonth, not both.',
  'traffic.peakPerSecond': 'The busiest rate per second: sizes concurrency (Little\u2019s law) and batching. Defaults to the average.',
  'traffic.payloadKb': 'Size of one event or message, in KB.',
  'traffic.responseKb': 'Size of one response a synchronous caller receives, in KB (checked against the buffered and streamed response limits of the source).',
  'traffic.shards': 'Number of shards of the stream: required for kinesis, allowed for dynamodb-streams, not for other sources.',
  'traffic.messageGroups': 'Number of FIFO message groups in use at once (sqs-fifo only): bounds the useful concurrency.',
  work: 'What one invocation costs, as measured (or estimated) at one memory size.',
  'work.averageDurationMs': 'Average duration of one invocation for one event, in ms, at measuredAtMemoryMb.',
  'work.p99DurationMs': 'p99 duration of one invocation for one event, in ms, at measuredAtMemoryMb; must be >= averageDurationMs.',
  'work.measuredAtMemoryMb': 'The memory size (MB) the durations were measured at; the advisor scales them to other sizes.',
  'work.steps': 'Steps the work is split into for durable functions or Step Functions (1 to 1,000, optional): each step must finish within one invocation (15 minutes). Without it the advisor splits the work into the fewest steps that fit.',
  'work.logic': 'compute (the default: the function has logic of its own) or forward-only (it only maps a request onto one AWS service call): then a direct integration (API Gateway service integration, EventBridge Pipes or a rule target) is priced as an option, with what it gives up.',
  'work.profile': 'cpu (speeds up with more memory and vCPUs), io (waits on the network; barely does) or mixed.',
  'work.maxMemoryUsedMb': 'Peak memory used (MB, from the REPORT line\u2019s Max Memory Used); the advisor keeps headroom above it. Cannot exceed measuredAtMemoryMb.',
  'work.tmpStorageMb': 'Ephemeral storage (/tmp) the function needs, in MB; above the included size it is billed.',
  'work.coldStartRate': 'Share of invocations that start cold (0 to 1), if measured; otherwise estimated from the traffic pattern.',
  'work.measurements': 'Measured per memory size (what lambda-advisor calibrate prints): memoryMb, averageDurationMs, and where known invocations, coldStarts, p99DurationMs, maxMemoryUsedMb, initDurationMs. With two or more sizes the duration curve is fitted to them.',
  'work.efs': 'true when the function mounts an Amazon EFS file system (SnapStart does not support EFS).',
  'work.initDurationMs': 'INIT duration of a cold start, in ms, if measured; otherwise the runtime\u2019s typical value is assumed.',
  'work.parallelism': 'How many threads the CPU-bound part can keep busy (1 for most Node.js and Python code): caps the speed-up from extra vCPUs.',
  'work.logKbPerInvocation': 'Log output per invocation, in KB (priced as CloudWatch Logs ingestion).',
  latency: 'The latency the callers need.',
  'latency.targetP99Ms': 'The p99 latency target, in ms: the cheapest memory that meets it wins.',
  'latency.coldStarts': 'avoid (pay for provisioned concurrency or SnapStart where it helps) or tolerate.',
  budget: 'What the bill may cost.',
  'budget.monthlyUsd': 'A monthly budget in USD: the advisor warns when the design costs more.',
  'budget.freeTier': 'Subtract the monthly Lambda free tier (only if no other function in the account uses it).',
  network: 'What the function reaches over the network: decides VPC attachment, NAT and endpoints.',
  'network.privateResources': 'The function reaches resources in a VPC (RDS, ElastiCache, private APIs): it is attached to the VPC.',
  'network.internetEgress': 'The function calls the public internet (in a VPC this needs NAT gateways).',
  'network.egressGbPerMonth': 'Data sent to the internet per month, in GB (priced as NAT gateway data processing when the function is in a VPC with internetEgress).',
  'network.awsServicesGbPerMonth': 'GB a month exchanged with the AWS APIs in awsServices (priced through NAT or interface endpoints in a VPC); default: one payload per invocation.',
  'network.awsServices': 'AWS services the function calls; in a VPC each gets a gateway or interface endpoint instead of NAT where that is cheaper.',
  downstream: 'Limits of what the function calls (a database, a partner API): the advisor caps concurrency to protect it.',
  'downstream.maxConcurrency': 'The most concurrent connections or calls the downstream accepts.',
  'downstream.maxRequestsPerSecond': 'The most requests per second the downstream accepts.',
  ordering: 'none, per-key (order within a key, e.g. a FIFO message group or a stream partition) or strict (one at a time).',
  idempotent: 'true (the default): processing the same event twice can be made harmless (the design uses Powertools idempotency where delivery is at least once). false: the advisor warns and de-duplicates on the event ID instead.',
};

/** zod writes a whole number's bounds as ±MAX_SAFE_INTEGER when none was given; that is noise to a reader. */
function dropSafeIntegerBounds(node: JsonSchema): void {
  if (node['maximum'] === Number.MAX_SAFE_INTEGER) delete node['maximum'];
  if (node['minimum'] === Number.MIN_SAFE_INTEGER) delete node['minimum'];
}

function properties(node: JsonSchema): Record<string, JsonSchema> | undefined {
  const p = node['properties'];
  return p !== null && typeof p === 'object' ? (p as Record<string, JsonSchema>) : undefined;
}

/** Every node of the generated schema with its dotted field path (objects' properties, recursively). */
export function schemaFields(root: JsonSchema): Array<{ path: string; node: JsonSchema }> {
  const out: Array<{ path: string; node: JsonSchema }> = [];
  const walk = (node: JsonSchema, path: string) => {
    out.push({ path, node });
    for (const [key, child] of Object.entries(properties(node) ?? {})) walk(child, path === '' ? key : `${path}.${key}`);
  };
  walk(root, '');
  return out;
}

/**
 * The JSON Schema of a zod 4 schema (classic or mini) as a scenario-like input: what may be written
 * (defaults make a field optional), draft-07 keywords, no `$schema`, field descriptions by path.
 */
export function inputJsonSchema(schema: $ZodType, descriptions: Readonly<Record<string, string>> = FIELD_DESCRIPTIONS): JsonSchema {
  const out = toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as JsonSchema;
  delete out['$schema'];
  for (const { path, node } of schemaFields(out)) {
    dropSafeIntegerBounds(node);
    const items = node['items'];
    if (items !== null && typeof items === 'object') dropSafeIntegerBounds(items as JsonSchema);
    const description = descriptions[path];
    if (description !== undefined) node['description'] = description;
  }
  return out;
}

function generate(): JsonSchema {
  const schema = inputJsonSchema(scenarioSchema);
  // The Region and the runtime are checked by refines (so their messages can say what is accepted):
  // state the same rules here: any commercial Region code, and the runtime identifiers and families.
  const region = properties(schema)?.['region'];
  if (region) {
    region['pattern'] = commercialRegionPattern();
    region['examples'] = supportedRegions();
  }
  const runtime = properties(schema)?.['runtime'];
  if (runtime) runtime['enum'] = [...RUNTIME_LIST];
  return schema;
}

let cached: JsonSchema | undefined;

/** The scenario's JSON Schema (draft-07 keywords, no `$schema`), for a tool's input. A fresh copy each call. */
export function scenarioJsonSchema(): JsonSchema {
  cached ??= generate();
  return structuredClone(cached);
}

const POLLED_WITH_SHARDS = ['kinesis', 'dynamodb-streams'] as const;

/**
 * The schema of a `*.lambda-advisor.json` file: the scenario schema plus the cross-field rules of the
 * validator that JSON Schema can express, each with the validator's own message.
 */
export function scenarioFileJsonSchema(): JsonSchema {
  const schema = scenarioJsonSchema();
  const traffic = properties(schema)?.['traffic'];
  if (traffic) {
    traffic['anyOf'] = [{ required: ['requestsPerMonth'] }, { required: ['averagePerSecond'] }];
    traffic['errorMessage'] = 'give requestsPerMonth or averagePerSecond';
    traffic['not'] = { required: ['requestsPerMonth', 'averagePerSecond'], errorMessage: 'give requestsPerMonth or averagePerSecond, not both' };
  }
  const sourceIs = (values: readonly string[]) => ({ required: ['source'], properties: { source: { enum: [...values] } } });
  const others = (values: readonly string[]) => SOURCES_LIST.filter((s) => !values.includes(s));
  schema['allOf'] = [
    { if: sourceIs(['kinesis']), then: { properties: { traffic: { required: ['shards'], errorMessage: 'traffic.shards is required for a Kinesis source' } } } },
    {
      if: sourceIs(others(POLLED_WITH_SHARDS)),
      then: { properties: { traffic: { not: { required: ['shards'] }, errorMessage: 'traffic.shards applies only to kinesis and dynamodb-streams sources' } } },
    },
    {
      if: sourceIs(others(['sqs-fifo'])),
      then: { properties: { traffic: { not: { required: ['messageGroups'] }, errorMessage: 'traffic.messageGroups applies only to the sqs-fifo source' } } },
    },
  ];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Lambda Design Advisor scenario',
    ...schema,
  };
}
