/**
 * Argument parsing on node:util `parseArgs` (strict), with messages a person can act on: an unknown
 * option or a missing value names the option and the command, and points at `--help`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

function optionName(message: string): string | undefined {
  return /'(-{1,2}[^' ]+)/.exec(message)?.[1];
}

/** Parse `argv` for `command` (used in messages). Throws UsageError; never exits. */
export function parseCommandArgs(command: string, argv: readonly string[], options: Options, maxPositionals: number): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
    const message = err instanceof Error ? err.message : String(err);
    const opt = optionName(message);
    const help = `(see: lambda-advisor ${command} --help)`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown option ${opt ?? message} for '${command}' ${help}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      if (/argument missing/.test(message)) throw new UsageError(`option ${opt ?? ''} needs a value ${help}`.replace('  ', ' '));
      if (/ambiguous/.test(message)) throw new UsageError(`option ${opt ?? ''} needs a value, but the next argument is an option ${help}`);
      if (/does not take an argument/.test(message)) throw new UsageError(`option ${opt ?? ''} takes no value ${help}`);
      throw new UsageError(`${message} ${help}`);
    }
    throw new UsageError(`${message} ${help}`);
  }
  const positionals = parsed.positionals;
  if (positionals.length > maxPositionals) {
    const extra = positionals.slice(maxPositionals).map((p) => `'${p}'`).join(', ');
    throw new UsageError(`unexpected argument${positionals.length - maxPositionals > 1 ? 's' : ''} ${extra} for '${command}' (see: lambda-advisor ${command} --help)`);
  }
  return { values: parsed.values as Parsed['values'], positionals };
}

/**
 * A number given on the command line: digits with an optional fraction or exponent, `_` or `,` as
 * thousands separators (`1_000_000`, `1,000,000`, `1e6`). Returns a message instead when it is not one.
 */
export function parseNumber(text: string): number | string {
  const cleaned = text.trim().replace(/[_,](?=\d)/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return `must be a number (got '${text}')`;
  const n = Number(cleaned);
  if (!Number.isFinite(n)) return `must be a finite number (got '${text}')`;
  return n;
}
