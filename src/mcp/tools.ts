/**
 * The engine as tools for AI agents: recommend, cost, lint and scaffold, independent of how they are
 * served. The MCP server (server.ts) and the VS Code language-model tools (src/extension/lmTools.ts)
 * both list these specs and run them, so an agent gets the same answer from either, and the same JSON
 * as the CLI's `--json` output (the builders in src/engine/contracts.ts).
 *
 * Every input schema is generated from the one scenario schema (src/engine/scenario-schema.ts). Input
 * is validated here, never trusted: a bad field becomes an error outcome that names it by path
 * (`scenario.traffic.peakPerSecond: must be >= 0`), never an exception. No tool writes anything:
 * `scaffold` returns the files for the agent to create with its own edit tools, so the user reviews each.
 */
import { advise } from '../engine/index.ts';
import { pricePlainFunction, type PlainFunction } from '../engine/cost/index.ts';
import type { Design } from '../engine/design.ts';
import { DEFAULT_REGION, LIMITS, PRICING_UNITS } from '../engine/facts/index.ts';
import { billJson, designJson, lintJson } from '../engine/contracts.ts';
import type { FieldError } from '../engine/scenario.ts';
import { scenarioJsonSchema, type JsonSchema } from '../engine/scenario-schema.ts';
import { count as formatCount, usd } from '../engine/format.ts';

export type ToolName = 'recommend' | 'cost' | 'lint' | 'scaffold';
export const TOOL_NAMES: readonly ToolName[] = ['recommend', 'cost', 'lint', 'scaffold'];

/** What a tool needs from where it runs: reading a template the agent named by path. */
export interface ToolHost {
  /**
   * The text of the template at `path` (relative to the host's root), or why it cannot be read: a path
   * that leaves the root (through `..`, an absolute path or a symbolic link) is refused.
   */
  readTemplate(path: string): Promise<{ ok: true; text: string } | { ok: false; message: string }>;
}

export type ToolOutcome =
  | { readonly ok: true; readonly structured: Record<string, unknown>; readonly summary: string }
  | { readonly ok: false; readonly errors: readonly FieldError[]; readonly summary: string };

export interface ToolSpec {
  readonly name: ToolName;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
  run(args: unknown, host: ToolHost): Promise<ToolOutcome>;
}

// ---- input checking -------------------------------------------------------------------------------

type Args = Record<string, unknown>;

function invalid(tool: ToolName, errors: readonly FieldError[]): ToolOutcome {
  const n = errors.length;
  const lines = errors.map((e) => `  ${e.path ? `${e.path}: ` : ''}${e.message}`);
  return { ok: false, errors, summary: `Invalid input for ${tool} (${n} problem${n === 1 ? '' : 's'}):\n${lines.join('\n')}` };
}

/** The arguments as an object with only `allowed` keys, or the problems. */
function objectArgs(args: unknown, allowed: readonly string[]): { ok: true; args: Args } | { ok: false; errors: FieldError[] } {
  if (args === undefined || args === null) return { ok: true, args: {} };
  if (typeof args !== 'object' || Array.isArray(args)) return { ok: false, errors: [{ path: '', message: 'the arguments must be a JSON object' }] };
  const unknown = Object.keys(args).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    return { ok: false, errors: [{ path: '', message: `unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (expected: ${allowed.join(', ')})` }] };
  }
  return { ok: true, args: args as Args };
}

/** Validate `value` as a scenario and recommend its design; errors carry `scenario.` paths. */
function designOf(value: unknown): { ok: true; design: Design } | { ok: false; errors: FieldError[] } {
  if (value === undefined) return { ok: false, errors: [{ path: 'scenario', message: 'is required' }] };
  const r = advise(value);
  if (r.ok) return r;
  return { ok: false, errors: r.errors.map((e) => ({ path: e.path ? `scenario.${e.path}` : 'scenario', message: e.message })) };
}

function oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T | FieldError | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return { path, message: `must be one of: ${allowed.join(', ')}` };
}

// ---- schemas -------------------------------------------------------------------------------------

function scenarioProperty(): JsonSchema {
  return {
    ...scenarioJsonSchema(),
    description:
      'The workload scenario (the same JSON object as a *.lambda-advisor.json file). Required: name, source, ' +
      'traffic (requestsPerMonth or averagePerSecond) and work (averageDurationMs, p99DurationMs, measuredAtMemoryMb); ' +
      'everything else has a default.',
  };
}

function objectSchema(properties: Record<string, JsonSchema>, required: readonly string[] = []): JsonSchema {
  return { type: 'object', properties, ...(required.length > 0 ? { required: [...required] } : {}), additionalProperties: false };
}

/** The fields of a plain function for `cost`, and the `cost` flag and pricePlainFunction field of each. */
const PLAIN_FIELDS = {
  requests: { flag: 'requests', field: 'requestsPerMonth' },
  durationMs: { flag: 'duration-ms', field: 'durationMs' },
  memoryMb: { flag: 'memory', field: 'memoryMb' },
  architecture: { flag: 'arch', field: 'architecture' },
  region: { flag: 'region', field: 'region' },
  freeTier: { flag: 'free-tier', field: 'freeTier' },
  provisionedConcurrency: { flag: 'provisioned', field: 'provisionedConcurrency' },
  provisionedHours: { flag: 'provisioned-hours', field: 'provisionedHours' },
  ephemeralMb: { flag: 'ephemeral-mb', field: 'ephemeralMb' },
} as const;
type PlainField = keyof typeof PLAIN_FIELDS;
const PLAIN_NAMES = Object.keys(PLAIN_FIELDS) as PlainField[];

/** The plain-function fields' schemas; memory and Region are the scenario schema's own. */
function plainProperties(): Record<PlainField, JsonSchema> {
  const scenario = scenarioJsonSchema() as { properties: Record<string, JsonSchema & { properties?: Record<string, JsonSchema> }> };
  const memory = { ...scenario.properties['work']?.properties?.['measuredAtMemoryMb'] };
  const region = { ...scenario.properties['region'] };
  return {
    requests: { type: 'number', minimum: 0, description: 'Invocations per month (cost --requests).' },
    durationMs: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: LIMITS.timeoutMaxSeconds.value * 1_000,
      description: 'Average billed duration of one invocation, in ms (cost --duration-ms).',
    },
    memoryMb: { ...memory, description: 'Memory, in MB (cost --memory).' },
    architecture: { type: 'string', enum: ['arm64', 'x86_64'], default: 'x86_64', description: 'arm64 or x86_64 (cost --arch; x86_64 is Lambda\u2019s default).' },
    region: { ...region, default: DEFAULT_REGION, description: 'The AWS Region whose prices apply (cost --region).' },
    freeTier: { type: 'boolean', default: false, description: 'Subtract the monthly free tier (cost --free-tier).' },
    provisionedConcurrency: { type: 'integer', minimum: 0, description: 'Provisioned concurrency kept on (cost --provisioned).' },
    provisionedHours: {
      type: 'number',
      minimum: 0,
      maximum: PRICING_UNITS.hoursPerMonth.value,
      description: 'Hours per month provisioned concurrency is on; needs provisionedConcurrency (default: the whole month).',
    },
    ephemeralMb: {
      type: 'integer',
      minimum: LIMITS.ephemeralMinMb.value,
      maximum: LIMITS.ephemeralMaxMb.value,
      description: 'Ephemeral storage (/tmp), in MB; above the included size it is billed (cost --ephemeral-mb).',
    },
  };
}

const IACS = ['sam', 'cdk', 'terraform'] as const;
const LANGUAGES = ['typescript', 'python'] as const;

// ---- summaries -----------------------------------------------------------------------------------

function designSummary(d: Design): string {
  const parts = [
    `${d.name} (${d.source}, ${d.runtime}, ${d.region}): ${formatCount(d.memoryMb)} MB on ${d.architecture}, timeout ${formatCount(d.timeoutSeconds)} s`,
  ];
  if (d.batching) parts.push(`batch size ${formatCount(d.batching.batchSize)}, window ${formatCount(d.batching.maximumBatchingWindowSeconds)} s`);
  if (d.concurrency.reserved !== null) parts.push(`reserved concurrency ${formatCount(d.concurrency.reserved)}`);
  if (d.concurrency.provisioned !== null) parts.push(`provisioned concurrency ${formatCount(d.concurrency.provisioned)}`);
  if (d.vpc.attach) parts.push(`in a VPC (${formatCount(d.vpc.natGateways)} NAT gateways)`);
  const lines = [`${parts.join('; ')}.`, `Estimated p99 of one invocation${d.batching ? ' (one batch)' : ''}: ${formatCount(Math.round(d.estimatedP99Ms))} ms; ${billSummary(d.cost)}`];
  const serious = d.warnings.filter((w) => w.severity !== 'info');
  if (serious.length > 0) lines.push(`${serious.length} warning${serious.length === 1 ? '' : 's'}:`, ...serious.map((w) => `- ${w.severity}: ${w.message}`));
  lines.push('Every decision with its reason and sources is in the structured result (the same JSON as `lambda-advisor recommend --json`).');
  return lines.join('\n');
}

function billSummary(b: ReturnType<typeof billJson>): string {
  const lines = b.lines.filter((l) => l.usd !== 0).map((l) => `${l.item} ${usd(l.usd)}`);
  const lower = b.unpriced.length > 0 ? ` (a lower bound: not priced in ${b.region}: ${b.unpriced.join(', ')})` : '';
  return `about ${usd(b.total)} a month${lower} in ${b.region}, prices as of ${b.pricesAsOf}, free tier ${b.freeTierApplied ? 'applied' : 'not applied'}${lines.length > 0 ? `: ${lines.join(', ')}` : ''}.`;
}

// ---- the tools -----------------------------------------------------------------------------------

const recommendTool = (): ToolSpec => ({
  name: 'recommend',
  title: 'Recommend a Lambda design',
  description:
    'Recommend an AWS Lambda design for a workload scenario, computed offline with sourced AWS limits and prices: ' +
    'invocation model, memory and architecture, timeout, batching, concurrency (reserved, provisioned, SQS maximum), ' +
    'failure handling (retries, destinations, DLQ, visibility timeout, idempotency), VPC, cold starts, warnings and the monthly bill. ' +
    'Use it before writing Lambda configuration (SAM, CDK, Terraform) and quote its numbers and reasons instead of guessing. ' +
    'Result: the same JSON as `lambda-advisor recommend --json`.',
  inputSchema: objectSchema({ scenario: scenarioProperty() }, ['scenario']),
  async run(raw) {
    const a = objectArgs(raw, ['scenario']);
    if (!a.ok) return invalid('recommend', a.errors);
    const r = designOf(a.args['scenario']);
    if (!r.ok) return invalid('recommend', r.errors);
    return { ok: true, structured: designJson(r.design) as unknown as Record<string, unknown>, summary: designSummary(r.design) };
  },
});

const costTool = (): ToolSpec => ({
  name: 'cost',
  title: 'Price a Lambda function',
  description:
    'Monthly AWS bill, line by line with the prices\u2019 sources, computed offline. Give EITHER `scenario` (prices the design ' +
    '`recommend` chooses: Lambda, the event source, VPC and logs) OR a plain function: `requests`, `durationMs` and `memoryMb` ' +
    '(optionally `architecture`, `region`, `freeTier`, `provisionedConcurrency`, `provisionedHours`, `ephemeralMb`). ' +
    'Result: the same JSON as `lambda-advisor cost --json`.',
  inputSchema: objectSchema({ scenario: scenarioProperty(), ...plainProperties() }),
  async run(raw) {
    const a = objectArgs(raw, ['scenario', ...PLAIN_NAMES]);
    if (!a.ok) return invalid('cost', a.errors);
    const args = a.args;
    const given = PLAIN_NAMES.filter((k) => args[k] !== undefined);
    if (args['scenario'] !== undefined) {
      if (given.length > 0) return invalid('cost', [{ path: '', message: `give scenario or the plain-function fields, not both (${given.join(', ')} with scenario)` }]);
      const r = designOf(args['scenario']);
      if (!r.ok) return invalid('cost', r.errors);
      const bill = billJson(r.design.cost);
      return { ok: true, structured: bill as unknown as Record<string, unknown>, summary: `${r.design.name}: ${billSummary(bill)}` };
    }
    if (given.length === 0) return invalid('cost', [{ path: '', message: 'give scenario, or requests, durationMs and memoryMb' }]);
    return pricePlain(args);
  },
});

/** The plain-function form of `cost`: the same checks and defaults as `cost --requests … --duration-ms … --memory …`. */
function pricePlain(args: Args): ToolOutcome {
  const errors: FieldError[] = [];
  const num = (k: PlainField, required: boolean): number | undefined => {
    const v = args[k];
    if (v === undefined) {
      if (required) errors.push({ path: k, message: 'is required' });
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      errors.push({ path: k, message: 'must be a number' });
      return undefined;
    }
    return v;
  };
  const requestsPerMonth = num('requests', true);
  const durationMs = num('durationMs', true);
  const memoryMb = num('memoryMb', true);
  const provisionedConcurrency = num('provisionedConcurrency', false);
  const provisionedHours = num('provisionedHours', false);
  const ephemeralMb = num('ephemeralMb', false);
  const architecture = oneOf('architecture', args['architecture'], ['arm64', 'x86_64'] as const);
  if (typeof architecture === 'object') errors.push(architecture);
  const region = args['region'];
  if (region !== undefined && typeof region !== 'string') errors.push({ path: 'region', message: 'must be a string' });
  const freeTier = args['freeTier'];
  if (freeTier !== undefined && typeof freeTier !== 'boolean') errors.push({ path: 'freeTier', message: 'must be true or false' });
  if (args['provisionedHours'] !== undefined && args['provisionedConcurrency'] === undefined) {
    errors.push({ path: 'provisionedHours', message: 'needs provisionedConcurrency (how much provisioned concurrency)' });
  }
  if (errors.length > 0 || requestsPerMonth === undefined || durationMs === undefined || memoryMb === undefined) return invalid('cost', errors);
  const input: PlainFunction = {
    requestsPerMonth,
    durationMs,
    memoryMb,
    architecture: typeof architecture === 'string' ? architecture : 'x86_64',
    region: typeof region === 'string' ? region : DEFAULT_REGION,
    freeTier: freeTier === true,
    ...(provisionedConcurrency !== undefined ? { provisionedConcurrency } : {}),
    ...(provisionedHours !== undefined ? { provisionedHours } : {}),
    ...(ephemeralMb !== undefined ? { ephemeralMb } : {}),
  };
  const r = pricePlainFunction(input);
  if (!r.ok) {
    // pricePlainFunction names the CLI's flags (or its own fields): name the tool's fields instead.
    const fieldOf = (p: string) => PLAIN_NAMES.find((k) => PLAIN_FIELDS[k].flag === p || PLAIN_FIELDS[k].field === p) ?? p;
    return invalid('cost', r.errors.map((e) => ({ path: fieldOf(e.path), message: e.message })));
  }
  const bill = billJson(r.bill);
  return { ok: true, structured: bill as unknown as Record<string, unknown>, summary: `A plain function: ${billSummary(bill)}` };
}

const lintTool = (): ToolSpec => ({
  name: 'lint',
  title: 'Check a SAM or CloudFormation template',
  description:
    'Check an AWS SAM or CloudFormation template (YAML or JSON) against the advisor\u2019s Lambda design rules: SQS visibility ' +
    'timeout and partial batch failures, stream retries and on-failure destinations, async failure destinations, timeouts behind ' +
    'API Gateway or ALB, recursive S3 triggers, VPC endpoints, arm64, keep-warm pings, wide IAM statements and literal secrets. ' +
    'Give EITHER `path` (a file inside the working directory) OR `text` (the template itself, with an optional `fileName` used in the findings); ' +
    'in VS Code, with neither, the template in the active editor is checked. ' +
    'Result: the same JSON as `lambda-advisor lint --format json`: {findings:[{ruleId, severity, message, file, line, column, resource, property}]}.',
  inputSchema: objectSchema({
    path: { type: 'string', minLength: 1, description: 'Path of the template, relative to the working directory (in VS Code: the workspace folder); it may not leave it.' },
    text: { type: 'string', description: 'The template\u2019s text, when it is not a file (or has unsaved changes).' },
    fileName: { type: 'string', minLength: 1, description: 'The name to report findings under when `text` is given (default: template.yaml).' },
  }),
  async run(raw, host) {
    const a = objectArgs(raw, ['path', 'text', 'fileName']);
    if (!a.ok) return invalid('lint', a.errors);
    const { path, text, fileName } = a.args;
    const errors: FieldError[] = [];
    for (const [k, v] of [['path', path], ['text', text], ['fileName', fileName]] as const) {
      if (v !== undefined && typeof v !== 'string') errors.push({ path: k, message: 'must be a string' });
    }
    if (errors.length > 0) return invalid('lint', errors);
    if (path !== undefined && text !== undefined) return invalid('lint', [{ path: '', message: 'give path or text, not both' }]);
    if (path === undefined && text === undefined) return invalid('lint', [{ path: '', message: 'give path (a template file) or text (the template itself)' }]);
    if (path !== undefined && fileName !== undefined) return invalid('lint', [{ path: 'fileName', message: 'goes with text only (a path names its own file)' }]);
    let source: string;
    let file: string;
    if (typeof path === 'string') {
      const read = await host.readTemplate(path);
      if (!read.ok) return invalid('lint', [{ path: 'path', message: read.message }]);
      source = read.text;
      file = path;
    } else {
      source = String(text);
      file = typeof fileName === 'string' ? fileName : 'template.yaml';
    }
    const { lintTemplate } = await import('../engine/templates/index.ts');
    const r = lintTemplate(source, file);
    const json = lintJson([{ file, findings: r.findings, isTemplate: r.isTemplate, parseErrors: r.parseErrors.length }]);
    const notes: string[] = [];
    if (!r.isTemplate) notes.push(`${file} is not a CloudFormation or SAM template (no Resources with a Type); nothing was checked.`);
    const e = r.parseErrors[0];
    if (r.isTemplate && e !== undefined) notes.push(`${file}:${e.range.line + 1}:${e.range.column + 1}: YAML/JSON error: ${e.message} (checked what parses).`);
    const n = json.findings.length;
    const head = r.isTemplate ? (n === 0 ? `No findings in ${file}.` : `${n} finding${n === 1 ? '' : 's'} in ${file}:`) : '';
    const lines = json.findings.map((f) => `- ${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} (${f.resource}): ${f.message}`);
    return { ok: true, structured: json, summary: [...notes, head, ...lines].filter(Boolean).join('\n') };
  },
});

const scaffoldTool = (): ToolSpec => ({
  name: 'scaffold',
  title: 'Scaffold a Lambda project',
  description:
    'Generate a project for a scenario\u2019s recommended design, WITHOUT writing anything: the handler (Powertools for AWS Lambda), ' +
    'its unit test, sample events and the infrastructure as code (SAM, CDK or Terraform) that sets exactly what the design says. ' +
    'Returns {iac, language, files:[{path, contents}]} with relative paths; create the files with your own edit tools so the user reviews each one.',
  inputSchema: objectSchema(
    {
      scenario: scenarioProperty(),
      iac: { type: 'string', enum: [...IACS], default: 'sam', description: 'The infrastructure-as-code dialect: sam (template.yaml), cdk (TypeScript app) or terraform.' },
      language: { type: 'string', enum: [...LANGUAGES], description: 'The handler language (default: python for a python scenario, else typescript).' },
    },
    ['scenario'],
  ),
  async run(raw) {
    const a = objectArgs(raw, ['scenario', 'iac', 'language']);
    if (!a.ok) return invalid('scaffold', a.errors);
    const errors: FieldError[] = [];
    const iac = oneOf('iac', a.args['iac'], IACS);
    const language = oneOf('language', a.args['language'], LANGUAGES);
    if (typeof iac === 'object') errors.push(iac);
    if (typeof language === 'object') errors.push(language);
    const r = designOf(a.args['scenario']);
    if (!r.ok) errors.push(...r.errors);
    if (!r.ok || errors.length > 0) return invalid('scaffold', errors);
    const dialect = typeof iac === 'string' ? iac : 'sam';
    const lang = typeof language === 'string' ? language : r.design.runtime === 'python' ? 'python' : 'typescript';
    const { scaffold, ScaffoldError } = await import('../engine/scaffold/index.ts');
    let files;
    try {
      files = scaffold(r.design, { iac: dialect, language: lang });
    } catch (err) {
      if (err instanceof ScaffoldError) return invalid('scaffold', [{ path: `design.${err.field}`, message: `cannot scaffold this design: ${err.message}` }]);
      throw err;
    }
    const structured = { iac: dialect, language: lang, files: files.map((f) => ({ path: f.path, contents: f.contents })) };
    const summary = [
      `${files.length} files for ${r.design.name} (${dialect}, ${lang}); nothing was written. Create them with your edit tools:`,
      ...files.map((f) => `- ${f.path}`),
    ].join('\n');
    return { ok: true, structured, summary };
  },
});

let specs: readonly ToolSpec[] | undefined;

/** The tools, their schemas generated once. */
export function toolSpecs(): readonly ToolSpec[] {
  specs ??= [recommendTool(), costTool(), lintTool(), scaffoldTool()];
  return specs;
}

export function toolSpec(name: string): ToolSpec | undefined {
  return toolSpecs().find((t) => t.name === name);
}

/** Run a tool by name; an unexpected exception becomes an error outcome (the caller keeps serving). */
export async function runTool(name: string, args: unknown, host: ToolHost): Promise<ToolOutcome> {
  const spec = toolSpec(name);
  if (!spec) return { ok: false, errors: [{ path: '', message: `unknown tool ${name}` }], summary: `Unknown tool '${name}' (tools: ${TOOL_NAMES.join(', ')}).` };
  try {
    return await spec.run(args, host);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [{ path: '', message }], summary: `${name} failed unexpectedly: ${message}` };
  }
}
