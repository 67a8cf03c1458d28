/**
 * `lambda-advisor apply <template> [--function LOGICAL_ID] [--scenario FILE] [--write]`
 *
 * "Apply Recommended Values" from a terminal, on the same engine as the VS Code command (the template's
 * `TemplateSession.applyPlan`): for each function (or the one named), the scenario from `--scenario`, else
 * the function's `Metadata.LambdaAdvisor`, else the assumed workload (said on stderr); its design; the
 * minimal edits that write it. Without `--write` it prints the unified diff of the exact edits and the
 * list of changes; with `--write` it replaces the file atomically (a temporary file beside it, then a
 * rename). Skipped values (an `!Ref`, a YAML anchor shared with another resource …) are listed on stderr
 * with the reason. Functions are applied one after the other, each on the text the previous one left, so
 * two functions sharing a queue never produce overlapping edits.
 *
 * Exit codes: 0 done (also: nothing to change), 2 invalid input (unreadable or unparseable template,
 * unknown function, bad scenario), 3 values to change but none could be applied without rewriting the
 * user's file (all skipped), 1 anything else (including a result that would not parse: nothing written).
 */
import { lstat, realpath } from 'node:fs/promises';
import { formatErrors, parseScenario } from '../engine/scenario.ts';
import { unifiedDiff } from '../engine/templates/diff.ts';
import { parseTemplate } from '../engine/templates/parse.ts';
import { applyToFunctions, TemplateSession } from '../engine/templates/session.ts';
import type { DesignChange, SkippedChange } from '../engine/templates/apply-design.ts';
import { writeFileAtomic } from '../node/transaction.ts';
import { parseCommandArgs } from './args.ts';
import { describeSource, readScenarioJson } from './input.ts';
import { boundedLines, type CliIo, EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK, printable, UsageError } from './io.ts';

/** Exit code when every value to change was skipped (nothing could be applied without rewriting the file). */
export const EXIT_NOTHING_APPLIED = 3;

export const APPLY_HELP = `Usage: lambda-advisor apply <template> [--function LOGICAL_ID] [--scenario FILE] [--write]

Writes the recommended values (memory, timeout, architecture, reserved concurrency, the event
source's batching, scaling and failure settings, the source queue's visibility timeout and
maxReceiveCount) into a SAM or CloudFormation template, as "Apply Recommended Values" does in
VS Code. Only the lines concerned change: comments, quoting, anchors, line endings stay.

The workload of each function comes from --scenario, else from its Metadata.LambdaAdvisor,
else it is assumed (said on stderr: replace it with measured values).

Arguments:
  <template>             the template file (YAML or JSON)

Options:
  --function ID          only this function (default: every function of the template)
  --scenario FILE        the workload scenario (JSON; '-' reads stdin) for every function applied
  --write                write the file in place (atomically); without it, print the diff only
  -h, --help             show this help

Values that cannot be changed without rewriting your file (set with !Ref or !If, shared through a
YAML anchor or alias, a block list of another length …) are skipped and listed on stderr with why.

Exit codes: 0 done (or nothing to change), 2 invalid input (unreadable or unparseable template,
unknown function, invalid scenario), 3 nothing could be applied without rewriting the file,
1 anything else.

Examples:
  lambda-advisor apply template.yaml                       # the diff for every function
  lambda-advisor apply template.yaml --function Worker --scenario worker.json --write
`;

function fileProblem(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a template';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/** `Events.Orders.Properties.BatchSize` -> `Orders event › BatchSize`. */
function label(property: string): string {
  return property.replace(/^Events\.([^.]+)\.Properties\./, '$1 event › ');
}

const changeLine = (c: DesignChange) => `${c.resource} › ${label(c.property)}: ${c.from ?? '(not set)'} → ${c.to}${c.note !== undefined ? ` (${c.note})` : ''}`;
const skipLine = (s: SkippedChange) => `${s.resource} › ${label(s.property)} (recommended ${s.to}): ${s.reason}`;

/** The diff's file name: `a/<path>` for a relative path (what `git apply` and `patch -p1` read), the path itself when absolute. */
function diffName(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

export async function runApply(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'apply',
    argv,
    {
      function: { type: 'string', short: 'f' },
      scenario: { type: 'string', short: 's' },
      write: { type: 'boolean', short: 'w' },
      help: { type: 'boolean', short: 'h' },
    },
    1,
  );
  if (values['help']) {
    io.stdout.write(APPLY_HELP);
    return EXIT_OK;
  }
  const path = positionals[0];
  if (path === undefined) throw new UsageError('apply needs a template file (see: lambda-advisor apply --help)');
  if (path === '-') throw new UsageError("apply edits a file, so it cannot read the template from stdin ('-'); give its path");

  // The scenario first (it may be stdin), validated with every problem named.
  let scenarioArg: unknown;
  const scenarioPath = values['scenario'];
  if (typeof scenarioPath === 'string') {
    const input = await readScenarioJson(scenarioPath, io);
    const checked = parseScenario(input);
    if (!checked.ok) {
      const n = checked.errors.length;
      throw new UsageError(`${describeSource(scenarioPath)}: invalid scenario (${n} problem${n === 1 ? '' : 's'}):`, formatErrors(checked.errors).split('\n'));
    }
    scenarioArg = input;
  }

  let text: string;
  try {
    text = await io.readFile(path);
  } catch (err) {
    throw new UsageError(`cannot read template ${path}: ${fileProblem(err)}`);
  }
  const shown = printable(path);
  const first = TemplateSession.open({ uri: path, version: 0, text, name: path });
  if (!first.isTemplate) throw new UsageError(`${shown} is not a SAM or CloudFormation template (no AWSTemplateFormatVersion, SAM Transform or AWS:: resource)`);
  const errors = first.parsed.errors;
  if (errors.length > 0) {
    throw new UsageError(
      `${shown} has ${errors.length} YAML/JSON error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} first, nothing was changed:`,
      errors.map((e) => `${path}:${e.range.line + 1}:${e.range.column + 1}: ${e.message}`),
    );
  }
  const all = first.functions();
  const wanted = values['function'];
  let ids: string[];
  if (typeof wanted === 'string') {
    if (first.fn(wanted) === undefined) {
      const known = all.map((f) => f.id);
      throw new UsageError(`${printable(wanted, 200)} is not a Lambda function of ${shown} (${known.length === 0 ? 'it has none' : `functions: ${boundedLines(known).join(', ')}`})`);
    }
    ids = [wanted];
  } else {
    if (all.length === 0) throw new UsageError(`${shown} has no Lambda function (AWS::Serverless::Function or AWS::Lambda::Function) to apply values to`);
    ids = all.map((f) => f.id);
  }

  // One function after the other, each on the text the previous one left.
  const applied = applyToFunctions({ uri: path, version: 0, text, name: path }, ids, scenarioArg);
  if (!applied.ok) throw new UsageError(applied.message);
  const { changes, skipped, notes } = applied;
  const current = applied.text;

  for (const n of notes) io.stderr.write(`${printable(n, 1_000)}\n`);
  if (skipped.length > 0) {
    io.stderr.write(`Not changed (${skipped.length}):\n`);
    for (const l of boundedLines(skipped.map(skipLine))) io.stderr.write(`  ${l}\n`);
  }
  if (current === text) {
    if (skipped.length > 0) {
      io.stderr.write(`lambda-advisor: nothing could be applied to ${shown} without rewriting it; the file is unchanged\n`);
      return EXIT_NOTHING_APPLIED;
    }
    io.stdout.write(`${shown} already has the recommended values${ids.length === 1 ? ` for ${printable(ids[0] ?? '')}` : ''}; nothing to change.\n`);
    return EXIT_OK;
  }

  // A safety net: the result must parse as the same kind of template, or nothing is written.
  const after = parseTemplate(current);
  if (!after.isTemplate || after.errors.length > 0) {
    io.stderr.write(`lambda-advisor: the edits would not leave ${shown} a valid template (${after.errors[0]?.message ?? 'not a template'}); nothing was written. Please report this.\n`);
    return EXIT_FAILURE;
  }

  const n = changes.length;
  const summary = `${n} change${n === 1 ? '' : 's'}`;
  if (values['write'] !== true) {
    io.stdout.write(unifiedDiff(text, current, diffName(path)));
    io.stdout.write(`\n${summary} (not written; add --write to apply them):\n`);
    for (const c of changes) io.stdout.write(`  ${printable(changeLine(c), 1_000)}\n`);
    return EXIT_OK;
  }

  // The file must still be what was read: an editor may have saved it meanwhile.
  let now: string | undefined;
  try {
    now = await io.readFile(path);
  } catch {
    now = undefined;
  }
  if (now !== text) {
    io.stderr.write(`lambda-advisor: ${shown} changed while the values were computed; nothing was written. Run apply again.\n`);
    return EXIT_FAILURE;
  }
  try {
    // A link would be replaced by a plain file (the rename): refuse rather than change what the user set up.
    if ((await lstat(path)).isSymbolicLink()) {
      io.stderr.write(`lambda-advisor: ${shown} is a symbolic link; nothing was written. Apply to the file it points to (${printable(await realpath(path).catch(() => '?'))}).\n`);
      return EXIT_INVALID_INPUT;
    }
    await writeFileAtomic(path, current);
  } catch (err) {
    io.stderr.write(`lambda-advisor: could not write ${shown}, so it is unchanged: ${printable(err instanceof Error ? err.message : String(err))}\n`);
    return EXIT_FAILURE;
  }
  io.stdout.write(`Applied ${summary} to ${shown}:\n`);
  for (const c of changes) io.stdout.write(`  ${printable(changeLine(c), 1_000)}\n`);
  return EXIT_OK;
}
