/**
 * The lambda-advisor CLI: `recommend`, `cost`, `scaffold`, `lint` and `calibrate` around the engine. Argument
 * parsing and printing only; every decision and every number comes from src/engine.
 *
 * Exit codes: 0 done, 2 invalid input (named on stderr), 1 anything else (and, for `lint`, findings
 * at or above --fail-on; for `scaffold`, 3 when files exist and --force was not given).
 */
import { version } from '../../package.json';
import { runCost } from './cost.ts';
import { runCalibrate } from './calibrate.ts';
import { LINT_HELP, MAIN_HELP } from './help.ts';
import { type CliIo, EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK, UsageError, processIo } from './io.ts';
import { runRecommend } from './recommend.ts';
import { runScaffold } from './scaffold.ts';

export { version };

export type { CliIo };

/** `lint` loads the template rules (and the YAML parser) only when it runs. */
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
      if (rest[0] === 'recommend' || rest[0] === 'cost' || rest[0] === 'lint' || rest[0] === 'scaffold' || rest[0] === 'calibrate') return dispatch([rest[0], '--help'], io);
      throw new UsageError(`unknown command '${rest[0]}' (commands: recommend, cost, lint, scaffold, calibrate)`);
    case '--version':
    case '-v':
      io.stdout.write(`${version}\n`);
      return EXIT_OK;
    case 'recommend':
      return runRecommend(rest, io);
    case 'cost':
      return runCost(rest, io);
    case 'lint':
      return runLintCommand(rest, io);
    case 'scaffold':
      return runScaffold(rest, io);
    case 'calibrate':
      return runCalibrate(rest, io);
    default:
      if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (see: lambda-advisor --help)`);
      throw new UsageError(`unknown command '${first}' (commands: recommend, cost, lint, scaffold, calibrate; see: lambda-advisor --help)`);
  }
}

/** Run the CLI. Resolves to the exit code; never throws and never exits the process itself. */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...processIo(), ...io };
  if (io.stdout === undefined) {
    // `lambda-advisor recommend x.json | head`: a closed pipe is the reader's choice, not an error.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(EXIT_OK);
    });
  }
  try {
    return await dispatch(argv, full);
  } catch (err) {
    if (err instanceof UsageError) {
      full.stderr.write(`lambda-advisor: ${err.message}\n`);
      for (const line of err.details) full.stderr.write(`  ${line}\n`);
      return EXIT_INVALID_INPUT;
    }
    const message = err instanceof Error ? err.message : String(err);
    full.stderr.write(`lambda-advisor: unexpected error: ${message}\n`);
    if (full.env['LAMBDA_ADVISOR_DEBUG'] === '1' && err instanceof Error && err.stack) {
      full.stderr.write(`${err.stack}\n`);
    } else {
      full.stderr.write('(set LAMBDA_ADVISOR_DEBUG=1 to see the stack trace)\n');
    }
    return EXIT_FAILURE;
  }
}
