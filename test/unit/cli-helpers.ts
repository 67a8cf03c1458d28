/** Run the CLI in-process with captured output (shared by the cli-*.test.ts files). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main, type CliIo } from '../../src/cli/main.ts';

export const ROOT = join(__dirname, '..', '..');
export const EXAMPLES = join(ROOT, 'examples', 'scenarios');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function run(argv: string[], io: Partial<CliIo> & { stdinText?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const { stdinText, ...rest } = io;
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(stdinText === undefined ? [] : [Buffer.from(stdinText, 'utf8')]),
    readFile: (p: string) => readFile(p, 'utf8'),
    env: {},
    ...rest,
  });
  return { code, stdout, stderr };
}

/** A file system of one file, for inputs that need not exist on disk. */
export function oneFile(name: string, text: string): (p: string) => Promise<string> {
  return async (p) => {
    if (p === name) return text;
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
  };
}
