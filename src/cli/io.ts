/**
 * What the CLI touches outside itself: its output streams, stdin, the file system and the environment.
 * `main()` takes these as a parameter so tests run the CLI in-process with captured output.
 */
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Where `-` reads the scenario from. `isTTY` (when true) makes the CLI say it is waiting for input. */
  readonly stdin: AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean };
  readonly readFile: (path: string) => Promise<string>;
  /** The lines of a file, streamed (bounded memory whatever its size); `calibrate` reads logs this way. */
  readonly readLines: (path: string) => AsyncIterable<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process: stdout, stderr, stdin, the file system and `process.env`. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    readFile: (path) => readFile(path, 'utf8'),
    readLines: fileLines,
    env: process.env,
  };
}

/** Lines of a file (LF or CRLF), read as a stream. Errors (no such file…) surface from the iteration. */
export async function* fileLines(path: string): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  const input = handle.createReadStream({ encoding: 'utf8' });
  let failure: unknown;
  const lines = createInterface({ input, crlfDelay: Infinity });
  input.on('error', (err) => {
    failure = err;
    lines.close();
  });
  try {
    for await (const line of lines) yield line;
  } finally {
    input.destroy();
  }
  if (failure !== undefined) throw failure;
}

/** Thrown for input the user can fix (bad flags, unreadable file, invalid JSON or scenario): exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Extra lines printed after the message (e.g. one per invalid field). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID_INPUT = 2;
