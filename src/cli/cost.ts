/**
 * `lambda-advisor cost <scenario.json | ->` prices the recommended design;
 * `lambda-advisor cost --requests N --duration-ms D --memory M [...]` prices a plain function.
 */
import { pricePlainFunction } from '../engine/cost/index.ts';
import type { Bill } from '../engine/design.ts';
import { parseCommandArgs, parseNumber } from './args.ts';
import { billJson, formatBill } from './format.ts';
import { COST_HELP } from './help.ts';
import { type CliIo, EXIT_OK, UsageError } from './io.ts';
import { designFor } from './recommend.ts';
import { parseTemplate } from '../engine/templates/parse.ts';
import { describeSource } from './input.ts';
import { assumedFrom, formatTemplateBill, priceTemplates, type CostFormat, type TemplateFile } from './template-cost.ts';

/** Read a file that may be a template; undefined for stdin or a file that cannot be read (the scenario path says why). */
async function readMaybe(path: string, io: CliIo): Promise<string | undefined> {
  if (path === '-') return undefined;
  try {
    return await io.readFile(path);
  } catch {
    return undefined;
  }
}

function formatOf(values: Record<string, string | boolean | undefined>): CostFormat {
  const f = values['format'];
  if (f === undefined) return values['json'] ? 'json' : 'text';
  if (f !== 'text' && f !== 'markdown' && f !== 'json') throw new UsageError(`--format must be text, markdown or json (got '${String(f)}')`);
  if (values['json'] && f !== 'json') throw new UsageError(`--json and --format ${f} contradict each other`);
  return f;
}

async function runTemplateCost(paths: readonly string[], values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number> {
  const files: TemplateFile[] = [];
  for (const path of paths) {
    const text = await readMaybe(path, io);
    if (text === undefined) throw new UsageError(`cannot read template ${describeSource(path)} (several files are priced as templates; a scenario is given alone)`);
    if (!parseTemplate(text).isTemplate) throw new UsageError(`${path}: not a SAM or CloudFormation template (several files are priced as templates; a scenario is given alone)`);
    files.push({ path, text });
  }
  const format = formatOf(values);
  const priced = priceTemplates(files, assumedFrom(values));
  io.stdout.write(`${formatTemplateBill(files, priced, format)}\n`);
  return EXIT_OK;
}

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  requests: { type: 'string' },
  'duration-ms': { type: 'string' },
  memory: { type: 'string' },
  arch: { type: 'string' },
  region: { type: 'string' },
  'free-tier': { type: 'boolean' },
  provisioned: { type: 'string' },
  'provisioned-hours': { type: 'string' },
  'ephemeral-mb': { type: 'string' },
  format: { type: 'string' },
  'assumed-requests': { type: 'string' },
  'assumed-duration-ms': { type: 'string' },
} as const;

/** The flags that describe a plain function, and the field of pricePlainFunction's input each sets. */
const PLAIN_FLAGS = {
  requests: 'requestsPerMonth',
  'duration-ms': 'durationMs',
  memory: 'memoryMb',
  arch: 'architecture',
  region: 'region',
  'free-tier': 'freeTier',
  provisioned: 'provisionedConcurrency',
  'provisioned-hours': 'provisionedHours',
  'ephemeral-mb': 'ephemeralMb',
} as const;
type PlainFlag = keyof typeof PLAIN_FLAGS;

/** The flag behind an error path from pricePlainFunction (it names flags, e.g. `duration-ms`, or input fields). */
function flagFor(field: string): string {
  const root = field.split('.')[0] ?? field;
  if (Object.hasOwn(PLAIN_FLAGS, root)) return `--${root}`;
  const entry = Object.entries(PLAIN_FLAGS).find(([, f]) => f === root);
  return entry ? `--${entry[0]}` : field;
}

type PlainInput = Parameters<typeof pricePlainFunction>[0];

/** Turn the flags into pricePlainFunction's input, naming every bad or missing flag at once. */
function plainInput(values: Record<string, string | boolean | undefined>): PlainInput {
  const problems: string[] = [];
  const num = (flag: PlainFlag, required: boolean): number | undefined => {
    const raw = values[flag];
    if (raw === undefined) {
      if (required) problems.push(`--${flag}: is required`);
      return undefined;
    }
    const n = parseNumber(String(raw));
    if (typeof n === 'string') {
      problems.push(`--${flag}: ${n}`);
      return undefined;
    }
    return n;
  };
  const requestsPerMonth = num('requests', true);
  const durationMs = num('duration-ms', true);
  const memoryMb = num('memory', true);
  const provisionedConcurrency = num('provisioned', false);
  const provisionedHours = num('provisioned-hours', false);
  const ephemeralMb = num('ephemeral-mb', false);
  const arch = values['arch'] ?? 'x86_64';
  if (arch !== 'arm64' && arch !== 'x86_64') problems.push(`--arch: must be arm64 or x86_64 (got '${String(arch)}')`);
  if (values['provisioned-hours'] !== undefined && values['provisioned'] === undefined) {
    problems.push('--provisioned-hours: needs --provisioned N (how much provisioned concurrency)');
  }
  if (problems.length > 0 || requestsPerMonth === undefined || durationMs === undefined || memoryMb === undefined) {
    throw new UsageError(`invalid options for 'cost' (see: lambda-advisor cost --help):`, problems);
  }
  const input: PlainInput = {
    requestsPerMonth,
    durationMs,
    memoryMb,
    architecture: arch === 'arm64' ? 'arm64' : 'x86_64',
    region: typeof values['region'] === 'string' ? values['region'] : 'us-east-1',
    freeTier: values['free-tier'] === true,
    ...(provisionedConcurrency !== undefined ? { provisionedConcurrency } : {}),
    ...(provisionedHours !== undefined ? { provisionedHours } : {}),
    ...(ephemeralMb !== undefined ? { ephemeralMb } : {}),
  };
  return input;
}

function pricePlain(values: Record<string, string | boolean | undefined>): Bill {
  const result = pricePlainFunction(plainInput(values));
  if (!result.ok) {
    throw new UsageError(
      `invalid options for 'cost' (see: lambda-advisor cost --help):`,
      result.errors.map((e) => `${flagFor(e.path)}: ${e.message}`),
    );
  }
  return result.bill;
}

export async function runCost(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('cost', argv, OPTIONS, Number.MAX_SAFE_INTEGER);
  if (values['help']) {
    io.stdout.write(COST_HELP);
    return EXIT_OK;
  }
  const path = positionals[0];
  const plainFlags = Object.keys(PLAIN_FLAGS).filter((f) => values[f] !== undefined);
  const assumedFlags = ['assumed-requests', 'assumed-duration-ms'].filter((f) => values[f] !== undefined);
  // A template is recognised by its content, whatever its name; several files are all templates.
  const first = path === undefined ? undefined : await readMaybe(path, io);
  if (positionals.length > 1 || (first !== undefined && parseTemplate(first).isTemplate)) {
    const wrong = plainFlags.filter((f) => f !== 'region');
    if (wrong.length > 0) {
      throw new UsageError(
        `${wrong.map((f) => `--${f}`).join(', ')} price a plain function, not a template: for a template's functions without a scenario use --assumed-requests and --assumed-duration-ms`,
      );
    }
    return runTemplateCost(positionals, values, io);
  }
  if (assumedFlags.length > 0) throw new UsageError(`${assumedFlags.map((f) => `--${f}`).join(', ')}: only for a template (the assumed workload of functions without a scenario)`);
  if (values['format'] !== undefined && values['format'] !== 'json' && values['format'] !== 'text') {
    throw new UsageError(`--format ${String(values['format'])} is for templates; a scenario or plain function prints text or --json`);
  }
  const asJson = formatOf(values) === 'json';
  let bill: Bill;
  if (path !== undefined) {
    if (plainFlags.length > 0) {
      throw new UsageError(
        `give a scenario file or the plain-function options, not both (${plainFlags.map((f) => `--${f}`).join(', ')} with '${path}')`,
      );
    }
    bill = (await designFor(path, io)).cost;
  } else if (plainFlags.length > 0) {
    bill = pricePlain(values);
  } else {
    throw new UsageError("cost needs a scenario file ('-' for stdin) or --requests, --duration-ms and --memory (see: lambda-advisor cost --help)");
  }
  io.stdout.write(asJson ? `${billJson(bill)}\n` : `${formatBill(bill)}\n`);
  return EXIT_OK;
}
