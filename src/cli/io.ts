/**
 * What the CLI touches outside itself: its output streams, stdin, the file system and the environment.
 * `main()` takes these as a parameter so tests run the CLI in-process with captured output.
 */
import { readFile } from 'node:fs/promises';

export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Where `-` reads the scenario from. `isTTY` (when true) makes the CLI say it is waiting for input. */
  readonly stdin: AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean };
  readonly readFile: (path: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process: stdout, stderr, stdin, the file system and `process.env`. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    readFile: (path) => readFile(path, 'utf8'),
    env: process.env,
  };
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
