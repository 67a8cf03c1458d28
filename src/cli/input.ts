/**
 * Reading a scenario document: a file path or `-` for stdin. Every failure a user can fix (no such
 * file, a directory, permissions, empty input, malformed JSON) becomes a UsageError that names the
 * file and the problem; JSON errors carry the line and column.
 */
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

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** A JSON.parse error as "line 3, column 5: Expected ',' or '}' after property value". */
export function describeJsonError(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  // V8 messages: "... in JSON at position 42" (Node 20) or "... in JSON at position 42 (line 3 column 5)" (Node 22+).
  const m = /^(.*?)(?: in JSON)? at position (\d+)/s.exec(raw);
  if (m && m[1] !== undefined && m[2] !== undefined) {
    const { line, column } = lineColumn(text, Number(m[2]));
    return `line ${line}, column ${column}: ${m[1].trim()}`;
  }
  if (/Unexpected end of JSON input/i.test(raw)) {
    const { line, column } = lineColumn(text, text.length);
    return `line ${line}, column ${column}: the JSON ends too early (a missing '}' or ']'?)`;
  }
  return raw;
}

/** Read and JSON-parse the scenario at `path` (`-` = stdin). Throws UsageError for anything the user can fix. */
export async function readScenarioJson(path: string, io: CliIo): Promise<unknown> {
  const name = describeSource(path);
  let text: string;
  try {
    text = path === '-' ? await readStdin(io) : await io.readFile(path);
  } catch (err) {
    throw new UsageError(`cannot read scenario ${name}: ${fileProblem(err)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark some editors write
  if (text.trim() === '') throw new UsageError(`${name}: the scenario is empty (expected a JSON object)`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`${name}: invalid JSON at ${describeJsonError(text, err)}`);
  }
}
