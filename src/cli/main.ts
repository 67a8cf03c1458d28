/**
 * The lambda-advisor CLI: `recommend`, `cost`, `scaffold`, `lint`, `apply` and `calibrate` around the engine, and `mcp`, the
 * same as tools for AI agents. Argument
 * parsing and printing only; every decision and every number comes from src/engine.
 *
 * Exit codes: 0 done, 2 invalid input (named on stderr), 1 anything else (and, for `lint`, findings
 * at or above --fail-on; for `scaffold`, 3 when files exist and --force was not given; for `apply`, 3 when
 * nothing could be applied without rewriting the template).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { version } from '../../package.json';
import { parseCommandArgs } from './args.ts';
import { LINT_HELP, MAIN_HELP, MCP_HELP } from './help.ts';
import { boundedLines, CheckedStream, type CliIo, EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK, printable, UsageError, processIo } from './io.ts';

export { version };

export type { CliIo };

/**
 * Each command loads its own code when it runs (the build gives each its own chunk): `lint` needs the
 * YAML parser and the template rules, never the scenario schema, the recommender or the scaffolder.
 */
async function runLintCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout.write(LINT_HELP);
    return EXIT_OK;
  }
  const { runLint } = await import('./lint.ts');
  return runLint(argv, {
    stdout: (s) => io.stdout.write(s),
    stderr: (s) => io.stderr.write(s),
    readFile: io.readFile,
  });
}

function isStream(x: unknown): x is NodeJS.ReadableStream & NodeJS.WritableStream {
  return typeof x === 'object' && x !== null && typeof (x as { once?: unknown }).once === 'function';
}

/** `mcp` serves the tools until stdin ends; the server (and the MCP SDK) load only when it runs. */
async function runMcpCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('mcp', argv, { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, 0);
  if (values['help']) {
    io.stdout.write(MCP_HELP);
    return EXIT_OK;
  }
  const root = values['root'];
  if (typeof root === 'string') {
    const st = await stat(root).catch(() => null);
    if (st === null || !st.isDirectory()) throw new UsageError(`--root ${root}: not a folder`);
  }
  const { serveStdio } = await import('../mcp/server.ts');
  await serveStdio({
    version,
    cwd: resolve(typeof root === 'string' ? root : process.cwd()),
    stdin: isStream(io.stdin) ? io.stdin : process.stdin,
    stdout: isStream(io.stdout) ? io.stdout : process.stdout,
  });
  return EXIT_OK;
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      io.stderr.write(MAIN_HELP);
      return EXIT_INVALID_INPUT;
    case '--help':
    case '-h':
      io.stdout.write(MAIN_HELP);
      return EXIT_OK;
    case 'help':
      if (rest[0] === undefined) {
        io.stdout.write(MAIN_HELP);
        return EXIT_OK;
      }
      if (rest[0] === 'recommend' || rest[0] === 'cost' || rest[0] === 'lint' || rest[0] === 'scaffold' || rest[0] === 'apply' || rest[0] === 'mcp' || rest[0] === 'calibrate') return dispatch([rest[0], '--help'], io);
      throw new UsageError(`unknown command '${rest[0]}' (commands: recommend, cost, lint, scaffold, apply, mcp, calibrate)`);
    case '--version':
    case '-v':
      io.stdout.write(`${version}\n`);
      return EXIT_OK;
    case 'recommend':
      return (await import('./recommend.ts')).runRecommend(rest, io);
    case 'cost':
      return (await import('./cost.ts')).runCost(rest, io);
    case 'lint':
      return runLintCommand(rest, io);
    case 'scaffold':
      return (await import('./scaffold.ts')).runScaffold(rest, io);
    case 'apply':
      return (await import('./apply.ts')).runApply(rest, io);
    case 'mcp':
      return runMcpCommand(rest, io);
    case 'calibrate':
      return (await import('./calibrate.ts')).runCalibrate(rest, io);
    default:
      if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (see: lambda-advisor --help)`);
      throw new UsageError(`unknown command '${first}' (commands: recommend, cost, lint, scaffold, apply, mcp, calibrate; see: lambda-advisor --help)`);
  }
}

/** Run the CLI. Resolves to the exit code; never throws and never exits the process itself. */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...processIo(), ...io };
  const code = await run(argv, full);
  return outputFailed(full, code);
}

/** A write to stdout or stderr that failed (full disk, closed pipe) turns any result into exit 1. */
async function outputFailed(io: CliIo, code: number): Promise<number> {
  const out = io.stdout instanceof CheckedStream ? await io.stdout.failure() : undefined;
  const err = io.stderr instanceof CheckedStream ? await io.stderr.failure() : undefined;
  if (out === undefined && err === undefined) return code;
  if (out !== undefined) io.stderr.write(`lambda-advisor: could not write the output to stdout (${out.message}); the output is incomplete\n`);
  return EXIT_FAILURE;
}

async function run(argv: string[], full: CliIo): Promise<number> {
  try {
    return await dispatch(argv, full);
  } catch (err) {
    if (err instanceof UsageError) {
      full.stderr.write(`lambda-advisor: ${printable(err.message, 2_000)}\n`);
      for (const line of boundedLines(err.details)) full.stderr.write(`  ${line}\n`);
      return EXIT_INVALID_INPUT;
    }
    const message = err instanceof Error ? err.message : String(err);
    full.stderr.write(`lambda-advisor: unexpected error: ${printable(message)}\n`);
    if (full.env['LAMBDA_ADVISOR_DEBUG'] === '1' && err instanceof Error && err.stack) {
      full.stderr.write(`${err.stack}\n`);
    } else {
      full.stderr.write('(set LAMBDA_ADVISOR_DEBUG=1 to see the stack trace)\n');
    }
    return EXIT_FAILURE;
  }
}
