/**
 * Reading a scenario document: a file path or `-` for stdin. Every failure a user can fix (no such
 * file, a directory, permissions, empty input, malformed JSON) becomes a UsageError that names the
 * file and the problem; JSON errors carry the line and column.
 */
import { parseJson } from '../engine/json.ts';
import { type CliIo, UsageError } from './io.ts';

/** The name used in messages for where the scenario came from. */
export function describeSource(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

async function readStdin(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) io.stderr.write('lambda-advisor: reading the scenario from stdin (end with Ctrl-D)\n');
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

export function fileProblem(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a scenario file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** A scenario is a small JSON object; anything larger is refused before it is parsed. */
export const MAX_SCENARIO_BYTES = 1_048_576;

/** Read and JSON-parse the scenario at `path` (`-` = stdin). Throws UsageError for anything the user can fix. */
export async function readScenarioJson(path: string, io: CliIo): Promise<unknown> {
  const name = describeSource(path);
  let text: string;
  try {
    text = path === '-' ? await readStdin(io) : await io.readFile(path);
  } catch (err) {
    throw new UsageError(`cannot read scenario ${name}: ${fileProblem(err)}`);
  }
  if (text.length > MAX_SCENARIO_BYTES) {
    throw new UsageError(`${name}: the scenario is ${(text.length / 1_048_576).toFixed(1)} MB; a scenario is one small JSON object (at most ${MAX_SCENARIO_BYTES / 1_048_576} MB), so this file is not read`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark some editors write
  if (text.trim() === '') throw new UsageError(`${name}: the scenario is empty (expected a JSON object)`);
  const parsed = parseJson(text);
  if (!parsed.ok) throw new UsageError(`${name}: invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`);
  return parsed.value;
}
