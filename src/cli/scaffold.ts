/**
 * `lambda-advisor scaffold <scenario.json | -> --out DIR [--iac sam|cdk|terraform] [--language typescript|python] [--force]`
 *
 * Recommends the design, generates the project with the engine's scaffolder and writes it under DIR.
 * Every check happens before the first byte is written: each path must be a safe relative path with no
 * symbolic link on the way and no file where a folder is needed, and not name an existing file unless
 * `--force` is given (exit 3, listing the files, nothing written). The files are then written as one
 * transaction: all of them, or none (src/node/transaction.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { commit, preflight, type Preflight } from '../node/transaction.ts';
import { scaffold, checkScaffoldPath, ScaffoldError, type HandlerLanguage, type IacDialect, type ScaffoldFile } from '../engine/scaffold/index.ts';
import { insertIntoTemplate } from '../engine/templates/insert.ts';
import { parseCommandArgs } from './args.ts';
import { type CliIo, EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK, printable, UsageError } from './io.ts';
import { designFor } from './recommend.ts';

/** Exit code when files exist and `--force` was not given. */
export const EXIT_EXISTS = 3;

const IACS: readonly IacDialect[] = ['sam', 'cdk', 'terraform'];
const LANGUAGES: readonly HandlerLanguage[] = ['typescript', 'python'];

export const SCAFFOLD_HELP = `Usage: lambda-advisor scaffold <scenario.json | -> --out DIR [--iac sam|cdk|terraform]
                                [--language typescript|python] [--force] [--insert]

Recommends the design for a scenario and writes a project for it under DIR: the handler
(Powertools for AWS Lambda: logger, tracer, metrics, batch, idempotency where delivery is
at-least-once), its unit test, sample events under events/, and the infrastructure as code
(SAM template.yaml, a CDK app or Terraform) that sets exactly what the design says.

Arguments:
  <scenario.json>       a scenario file; '-' reads it from stdin

Options:
  --out DIR             the folder to write into (created when missing)
  --iac D               sam, cdk or terraform (default: sam)
  --language L          typescript or python (default: python for a python scenario, else typescript)
  --force               overwrite files that already exist
  --insert              DIR has a template.yaml: add the generated Parameters, Resources and
                        Outputs it lacks, keeping every byte of yours (SAM only); the other
                        files follow the usual rules
  -h, --help            show this help

Nothing is written when a file exists and --force is not given (exit code 3, the files listed),
or when a path would leave DIR (through '..' or a symbolic link).

Exit codes: 0 written, 2 invalid input (also a path that would leave DIR), 3 files exist or
template.yaml cannot take the insertion without being rewritten (nothing written), 1 anything else.

Examples:
  lambda-advisor scaffold examples/scenarios/sqs-worker-database.json --out invoice-writer --iac sam
  lambda-advisor scaffold worker.json --out . --insert     # into the project's own template.yaml
`;

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got '${String(value)}') (see: lambda-advisor scaffold --help)`);
}

function errCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

export interface TargetCheck {
  readonly path: string;
  readonly absolute: string;
  readonly exists: boolean;
}

/**
 * Check every generated path against the output folder before anything is written (src/node/transaction.ts:
 * no `..`, no symbolic link on the way, no file where a folder is needed). Returns the targets, or the
 * problems (one line per path) when any path is unsafe.
 */
export async function checkTargets(outDir: string, files: readonly ScaffoldFile[]): Promise<{ ok: true; targets: TargetCheck[]; plan: Extract<Preflight, { ok: true }> } | { ok: false; problems: string[] }> {
  const named: string[] = [];
  for (const f of files) {
    const bad = checkScaffoldPath(f.path);
    if (bad !== null) named.push(`${f.path}: ${bad}`);
  }
  if (named.length > 0) return { ok: false, problems: named };
  const plan = await preflight(outDir, files);
  if (!plan.ok) return plan;
  return { ok: true, plan, targets: plan.targets.map(({ path, absolute, exists }) => ({ path, absolute, exists })) };
}

export async function runScaffold(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'scaffold',
    argv,
    {
      out: { type: 'string', short: 'o' },
      iac: { type: 'string' },
      language: { type: 'string' },
      force: { type: 'boolean' },
      insert: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    1,
  );
  if (values['help']) {
    io.stdout.write(SCAFFOLD_HELP);
    return EXIT_OK;
  }
  const path = positionals[0];
  if (path === undefined) throw new UsageError("scaffold needs a scenario file, or '-' to read stdin (see: lambda-advisor scaffold --help)");
  const out = values['out'];
  if (typeof out !== 'string' || out.trim() === '') throw new UsageError('scaffold needs --out DIR, the folder to write into (see: lambda-advisor scaffold --help)');
  if (out.includes('\0')) throw new UsageError('--out contains a NUL character');
  const iac = oneOf('iac', values['iac'], IACS, 'sam');
  const insert = values['insert'] === true;
  if (insert && iac !== 'sam') throw new UsageError(`--insert adds the generated resources to an existing SAM template.yaml, so it needs --iac sam (got '${iac}')`);
  const languageFlag = values['language'];
  if (languageFlag !== undefined) oneOf('language', languageFlag, LANGUAGES, 'typescript');

  let outStat: Awaited<ReturnType<typeof stat>> | null = null;
  try {
    outStat = await stat(resolve(out));
  } catch (err) {
    if (errCode(err) !== 'ENOENT') throw new UsageError(`cannot use --out ${out}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (outStat !== null && !outStat.isDirectory()) throw new UsageError(`--out ${out} exists and is not a folder`);

  const design = await designFor(path, io);
  const language = oneOf('language', languageFlag, LANGUAGES, design.runtimeFamily === 'python' ? 'python' : 'typescript');

  let files: ScaffoldFile[];
  try {
    files = scaffold(design, { iac, language });
  } catch (err) {
    if (err instanceof ScaffoldError) throw new UsageError(`cannot scaffold this design: ${err.message}`);
    throw err;
  }

  const checked = await checkTargets(out, files);
  if (!checked.ok) {
    io.stderr.write(`lambda-advisor: refusing to scaffold into ${out}; nothing was written:\n`);
    for (const p of checked.problems) io.stderr.write(`  ${p}\n`);
    return EXIT_INVALID_INPUT;
  }
  // --insert: an existing template.yaml takes the generated Parameters/Resources/Outputs it lacks, every
  // byte of the user's file kept (the engine's insertion, as in VS Code); it is then not a conflict.
  let plan = checked.plan;
  const inserted = new Map<string, string>();
  const template = checked.plan.targets.find((t) => t.path === 'template.yaml' && t.exists);
  if (insert && template !== undefined) {
    let mine: string;
    try {
      mine = await readFile(template.absolute, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${join(out, 'template.yaml')} to insert into it: ${err instanceof Error ? err.message : String(err)}`);
    }
    const generated = typeof template.contents === 'string' ? template.contents : new TextDecoder().decode(template.contents);
    const res = insertIntoTemplate(mine, generated, join(out, 'template.yaml'));
    if (!res.ok) {
      io.stderr.write(`lambda-advisor: cannot insert into ${join(out, 'template.yaml')}: ${printable(res.message)}\n`);
      return EXIT_EXISTS;
    }
    inserted.set('template.yaml', res.added.length === 0 ? 'nothing to add' : `inserted ${res.added.join(', ')}${res.kept.length > 0 ? `; kept yours: ${res.kept.join(', ')}` : ''}`);
    plan = {
      ...plan,
      targets: res.insertions.length === 0 ? plan.targets.filter((t) => t !== template) : plan.targets.map((t) => (t === template ? { ...t, contents: res.text } : t)),
    };
  }
  const existing = plan.targets.filter((t) => t.exists && !inserted.has(t.path));
  if (existing.length > 0 && values['force'] !== true) {
    const n = existing.length;
    io.stderr.write(`lambda-advisor: ${n} file${n === 1 ? '' : 's'} already exist${n === 1 ? 's' : ''} in ${out}; nothing was written (use --force to overwrite):\n`);
    for (const t of existing) io.stderr.write(`  ${t.path}\n`);
    return EXIT_EXISTS;
  }

  try {
    await commit(plan);
  } catch (err) {
    io.stderr.write(`lambda-advisor: writing into ${out} failed, so nothing was written: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_FAILURE;
  }
  const written = plan.targets;

  io.stdout.write(`Scaffolded ${design.name} (${iac}, ${language}) into ${out}: ${written.length} files\n`);
  for (const t of written) io.stdout.write(`  ${inserted.has(t.path) ? `${inserted.get(t.path) ?? ''} into` : t.exists ? 'overwrote' : 'created  '} ${t.path}\n`);
  if (inserted.get('template.yaml') === 'nothing to add') io.stdout.write('  template.yaml already has every generated resource; left as it is\n');
  io.stdout.write(`Next: read ${join(out, 'README.md')}\n`);
  return EXIT_OK;
}
