/**
 * The scenario JSON Schema (editor validation of *.lambda-advisor.json and the agent tools' input)
 * agrees with the scenario validator: the examples pass, and every invalid case the validator knows
 * is rejected by the schema too, or, where JSON Schema cannot say it, named in the field's description.
 *
 * Evaluated with a small validator of the draft-07 subset the schema uses; it throws on any keyword it
 * does not know, so a schema that grows a new keyword fails here instead of passing unchecked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as classic from 'zod';
import * as mini from 'zod/mini';
import { parseScenario } from '../../src/engine/scenario.ts';
import { FIELD_DESCRIPTIONS, inputJsonSchema, scenarioFileJsonSchema, scenarioJsonSchema, schemaFields, type JsonSchema } from '../../src/engine/scenario-schema.ts';
import { supportedRegions } from '../../src/engine/facts/index.ts';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples', 'scenarios');

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default', 'errorMessage']);

/** Problems of `value` against `schema` ('' when it is valid), each with its JSON path. */
function validate(schema: JsonSchema, value: unknown, path = ''): string[] {
  const problems: string[] = [];
  const at = path || '(root)';
  for (const key of Object.keys(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    const rule = schema[key];
    switch (key) {
      case 'type': {
        const ok =
          rule === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value)
          : rule === 'array' ? Array.isArray(value)
          : rule === 'integer' ? Number.isInteger(value)
          : rule === 'number' ? typeof value === 'number'
          : rule === 'string' ? typeof value === 'string'
          : rule === 'boolean' ? typeof value === 'boolean'
          : (() => { throw new Error(`type ${String(rule)}`); })();
        if (!ok) return [`${at}: not ${String(rule)}`];
        break;
      }
      case 'enum':
        if (!(rule as unknown[]).includes(value)) problems.push(`${at}: not in enum`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (rule as number)) problems.push(`${at}: < minimum`);
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (rule as number)) problems.push(`${at}: > maximum`);
        break;
      case 'exclusiveMinimum':
        if (typeof value === 'number' && value <= (rule as number)) problems.push(`${at}: <= exclusiveMinimum`);
        break;
      case 'minLength':
        if (typeof value === 'string' && value.length < (rule as number)) problems.push(`${at}: too short`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && value.length > (rule as number)) problems.push(`${at}: too long`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(rule as string, 'u').test(value)) problems.push(`${at}: pattern`);
        break;
      case 'required':
        if (typeof value === 'object' && value !== null) for (const r of rule as string[]) if (!(r in value)) problems.push(`${path ? `${path}.` : ''}${r}: required`);
        break;
      case 'properties':
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          for (const [k, sub] of Object.entries(rule as Record<string, JsonSchema>)) {
            const v = (value as Record<string, unknown>)[k];
            if (v !== undefined) problems.push(...validate(sub, v, path ? `${path}.${k}` : k));
          }
        }
        break;
      case 'additionalProperties':
        if (rule !== false) throw new Error('additionalProperties other than false');
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const known = Object.keys((schema['properties'] as object | undefined) ?? {});
          for (const k of Object.keys(value)) if (!known.includes(k)) problems.push(`${at}: additional property ${k}`);
        }
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((v, i) => problems.push(...validate(rule as JsonSchema, v, `${path}[${i}]`)));
        break;
      case 'anyOf':
        if (!(rule as JsonSchema[]).some((s) => validate(s, value, path).length === 0)) problems.push(`${at}: anyOf`);
        break;
      case 'allOf':
        for (const s of rule as JsonSchema[]) problems.push(...validate(s, value, path));
        break;
      case 'not':
        if (validate(rule as JsonSchema, value, path).length === 0) problems.push(`${at}: not`);
        break;
      case 'if':
        if (validate(rule as JsonSchema, value, path).length === 0 && schema['then']) problems.push(...validate(schema['then'] as JsonSchema, value, path));
        break;
      case 'then':
        break;
      default:
        throw new Error(`the test validator does not know the keyword '${key}' (at ${at})`);
    }
  }
  return problems;
}

const fileSchema = scenarioFileJsonSchema();
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
const read = (f: string) => JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as Record<string, unknown>;

test('every example scenario is valid against the schema (and against the validator)', () => {
  assert.ok(examples.some((f) => f.endsWith('.lambda-advisor.json')));
  for (const f of examples) {
    assert.ok(parseScenario(read(f)).ok, f);
    assert.deepEqual(validate(fileSchema, read(f)), [], f);
  }
});

type Patch = (s: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Invalid cases of the validator: a change to a valid scenario and the field the validator names. */
const INVALID: Array<[string, string, Patch]> = [
  ['missing name', 'name', (s) => delete s.name],
  ['name with a space', 'name', (s) => (s.name = 'my function')],
  ['empty name', 'name', (s) => (s.name = '')],
  ['name too long', 'name', (s) => (s.name = 'x'.repeat(65))],
  ['name not a string', 'name', (s) => (s.name = 42)],
  ['unpriced Region', 'region', (s) => (s.region = 'mars-1')],
  ['unknown runtime', 'runtime', (s) => (s.runtime = 'cobol')],
  ['unknown architecture', 'architecture', (s) => (s.architecture = 'sparc')],
  ['missing source', 'source', (s) => delete s.source],
  ['unknown source', 'source', (s) => (s.source = 'carrier-pigeon')],
  ['unknown top-level field', '', (s) => (s.colour = 'blue')],
  ['traffic not an object', 'traffic', (s) => (s.traffic = 5)],
  ['neither requestsPerMonth nor averagePerSecond', 'traffic.requestsPerMonth', (s) => delete s.traffic.averagePerSecond],
  ['both requestsPerMonth and averagePerSecond', 'traffic.averagePerSecond', (s) => (s.traffic.requestsPerMonth = 3)],
  ['negative average', 'traffic.averagePerSecond', (s) => (s.traffic.averagePerSecond = -1)],
  ['average as a string', 'traffic.averagePerSecond', (s) => (s.traffic.averagePerSecond = '15')],
  ['negative peak', 'traffic.peakPerSecond', (s) => (s.traffic.peakPerSecond = -1)],
  ['zero payload', 'traffic.payloadKb', (s) => (s.traffic.payloadKb = 0)],
  ['shards for sqs', 'traffic.shards', (s) => (s.traffic.shards = 2)],
  ['messageGroups for sqs', 'traffic.messageGroups', (s) => (s.traffic.messageGroups = 2)],
  ['unknown traffic field', 'traffic', (s) => (s.traffic.burst = 1)],
  ['missing work', 'work', (s) => delete s.work],
  ['missing averageDurationMs', 'work.averageDurationMs', (s) => delete s.work.averageDurationMs],
  ['zero averageDurationMs', 'work.averageDurationMs', (s) => (s.work.averageDurationMs = 0)],
  ['memory below the minimum', 'work.measuredAtMemoryMb', (s) => (s.work.measuredAtMemoryMb = 64)],
  ['memory above the maximum', 'work.measuredAtMemoryMb', (s) => (s.work.measuredAtMemoryMb = 20_000)],
  ['memory not whole', 'work.measuredAtMemoryMb', (s) => (s.work.measuredAtMemoryMb = 1024.5)],
  ['unknown profile', 'work.profile', (s) => (s.work.profile = 'gpu')],
  ['maxMemoryUsedMb above the maximum', 'work.maxMemoryUsedMb', (s) => (s.work.maxMemoryUsedMb = 20_000)],
  ['tmp below the minimum', 'work.tmpStorageMb', (s) => (s.work.tmpStorageMb = 100)],
  ['tmp above the maximum', 'work.tmpStorageMb', (s) => (s.work.tmpStorageMb = 20_000)],
  ['negative init', 'work.initDurationMs', (s) => (s.work.initDurationMs = -1)],
  ['parallelism 0', 'work.parallelism', (s) => (s.work.parallelism = 0)],
  ['parallelism above the vCPUs', 'work.parallelism', (s) => (s.work.parallelism = 7)],
  ['negative logs', 'work.logKbPerInvocation', (s) => (s.work.logKbPerInvocation = -1)],
  ['zero latency target', 'latency.targetP99Ms', (s) => (s.latency = { targetP99Ms: 0 })],
  ['unknown coldStarts', 'latency.coldStarts', (s) => (s.latency = { coldStarts: 'never' })],
  ['negative budget', 'budget.monthlyUsd', (s) => (s.budget = { monthlyUsd: -1 })],
  ['freeTier as a string', 'budget.freeTier', (s) => (s.budget = { freeTier: 'yes' })],
  ['unknown AWS service', 'network.awsServices[0]', (s) => (s.network = { awsServices: ['s4'] })],
  ['awsServices not a list', 'network.awsServices', (s) => (s.network = { awsServices: 's3' })],
  ['negative egress', 'network.egressGbPerMonth', (s) => (s.network = { egressGbPerMonth: -1 })],
  ['downstream concurrency 0', 'downstream.maxConcurrency', (s) => (s.downstream = { maxConcurrency: 0 })],
  ['downstream rate 0', 'downstream.maxRequestsPerSecond', (s) => (s.downstream = { maxRequestsPerSecond: 0 })],
  ['unknown ordering', 'ordering', (s) => (s.ordering = 'fifo')],
  ['idempotent as a string', 'idempotent', (s) => (s.idempotent = 'yes')],
];

/** Rules JSON Schema cannot state: the description of the field says them instead. */
const DESCRIBED_ONLY: Array<[string, string, Patch, RegExp]> = [
  ['p99 below the average', 'work.p99DurationMs', (s) => (s.work.p99DurationMs = s.work.averageDurationMs / 2), />= averageDurationMs/],
  ['maxMemoryUsedMb above measuredAtMemoryMb', 'work.maxMemoryUsedMb', (s) => (s.work.maxMemoryUsedMb = s.work.measuredAtMemoryMb + 1), /Cannot exceed measuredAtMemoryMb/],
];

function mutated(patch: Patch): Record<string, unknown> {
  const s = structuredClone(read('sqs-worker-database.json'));
  patch(s);
  return s;
}

test('every invalid case the validator knows is rejected by the schema as well', () => {
  for (const [what, field, patch] of INVALID) {
    const s = mutated(patch);
    const parsed = parseScenario(s);
    assert.ok(!parsed.ok && parsed.errors.some((e) => e.path === field), `${what}: the validator names ${field}: ${JSON.stringify(parsed.ok ? null : parsed.errors)}`);
    assert.notDeepEqual(validate(fileSchema, s), [], `${what}: the schema rejects it too`);
  }
  const kinesis = read('kinesis-stream-processor.json') as { traffic: Record<string, unknown> };
  delete kinesis.traffic['shards'];
  assert.ok(!parseScenario(kinesis).ok);
  assert.notDeepEqual(validate(fileSchema, kinesis), [], 'kinesis without shards');
  const ddb = { ...read('kinesis-stream-processor.json'), source: 'dynamodb-streams' };
  assert.deepEqual(validate(fileSchema, ddb), [], 'shards are allowed for dynamodb-streams');
});

test('rules JSON Schema cannot express are stated in the field descriptions', () => {
  for (const [what, field, patch, said] of DESCRIBED_ONLY) {
    const parsed = parseScenario(mutated(patch));
    assert.ok(!parsed.ok && parsed.errors.some((e) => e.path === field), what);
    assert.match(FIELD_DESCRIPTIONS[field] ?? '', said, what);
  }
});

test('every field has a description (the hover text); every description names a field', () => {
  const fields = schemaFields(scenarioJsonSchema()).map((f) => f.path);
  const missing = fields.filter((p) => !FIELD_DESCRIPTIONS[p]);
  assert.deepEqual(missing, [], `add a line to FIELD_DESCRIPTIONS in src/engine/scenario-schema.ts for: ${missing.join(', ')}`);
  assert.deepEqual(Object.keys(FIELD_DESCRIPTIONS).filter((p) => !fields.includes(p)), []);
});

test('the schema states the Regions the validator accepts and drops zod\u2019s safe-integer noise', () => {
  const props = scenarioJsonSchema()['properties'] as Record<string, JsonSchema>;
  assert.deepEqual(props['region']?.['enum'], supportedRegions());
  assert.doesNotMatch(JSON.stringify(scenarioJsonSchema()), /9007199254740991/);
});

test('generation works the same on classic zod and zod/mini schemas', () => {
  const c = classic.strictObject({ n: classic.number().int().min(1).max(6).default(1), k: classic.enum(['a', 'b']), o: classic.optional(classic.string().min(2)) });
  const m = mini.strictObject({ n: mini._default(mini.number().check(mini.int(), mini.gte(1), mini.lte(6)), 1), k: mini.enum(['a', 'b']), o: mini.optional(mini.string().check(mini.minLength(2))) });
  const d = { n: 'How many.', k: 'Which.' };
  const expected = {
    type: 'object',
    properties: { n: { default: 1, type: 'integer', minimum: 1, maximum: 6, description: 'How many.' }, k: { type: 'string', enum: ['a', 'b'], description: 'Which.' }, o: { type: 'string', minLength: 2 } },
    required: ['k'],
    additionalProperties: false,
  };
  assert.deepEqual(inputJsonSchema(c, d), expected);
  assert.deepEqual(inputJsonSchema(m, d), expected);
});

test('the build writes dist/scenario.schema.json, contributed for *.lambda-advisor.json and shipped in the VSIX', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '*.lambda-advisor.json', url: './dist/scenario.schema.json' }]);
  assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!dist\/scenario\.schema\.json$/m);
  const file = join(ROOT, 'dist', 'scenario.schema.json');
  if (!existsSync(file)) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), fileSchema);
});
