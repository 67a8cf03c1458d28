/**
 * What the CLI touches outside itself: its output streams, stdin, the file system and the environment.
 * `main()` takes these as a parameter so tests run the CLI in-process with captured output.
 */
import { readFile } from 'node:fs/promises';
import { fileLines } from '../node/lines.ts';

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

/**
 * A process stream whose write failures are kept instead of lost: a full disk (ENOSPC), a closed pipe
 * (EPIPE) or a closed descriptor (EBADF) make `failure()` report the first error, and `main()` then
 * ends with exit 1 and says so on stderr (when stderr still works). Never throws from `write`.
 */
export class CheckedStream implements TextSink {
  private error: Error | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    readonly name: 'stdout' | 'stderr',
  ) {
    stream.on('error', (err: Error) => this.fail(err));
  }

  private fail(err: unknown): void {
    this.error ??= err instanceof Error ? err : new Error(String(err));
  }

  write(text: string): boolean {
    if (this.error !== undefined) return false;
    try {
      return this.stream.write(text, (err) => {
        if (err) this.fail(err);
      });
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  /** Waits until everything written so far is flushed (or failed), then gives the first failure. */
  async failure(): Promise<Error | undefined> {
    if (this.error === undefined && !this.stream.destroyed) {
      await new Promise<void>((resolveFlush) => {
        const timer = setTimeout(resolveFlush, 5_000);
        try {
          this.stream.write('', () => {
            clearTimeout(timer);
            resolveFlush();
          });
        } catch (err) {
          this.fail(err);
          clearTimeout(timer);
          resolveFlush();
        }
      });
    }
    return this.error;
  }
}

/** The real process: stdout, stderr, stdin, the file system and `process.env`. */
export function processIo(): CliIo {
  return {
    stdout: new CheckedStream(process.stdout, 'stdout'),
    stderr: new CheckedStream(process.stderr, 'stderr'),
    stdin: process.stdin,
    readFile: (path) => readFile(path, 'utf8'),
    readLines: fileLines,
    env: process.env,
  };
}

export { fileLines };

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

/** At most this many problems are listed; the rest are counted ("… and 12 more"). */
export const MAX_LISTED_PROBLEMS = 20;
/** A line of user-controlled text is cut to this many characters in a message. */
export const MAX_MESSAGE_CHARS = 500;

/**
 * Text from the user's input, safe to print on a terminal: control characters (terminal escape
 * sequences, NUL, newlines inside a value) and bidirectional overrides are shown as `\u001b`, and a very
 * long line is cut with its length said.
 */
export function printable(text: string, max = MAX_MESSAGE_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max)}… (${escaped.length} characters)` : escaped;
}

/** The detail lines of an error, capped at MAX_LISTED_PROBLEMS, each printable. */
export function boundedLines(lines: readonly string[]): string[] {
  const shown = lines.slice(0, MAX_LISTED_PROBLEMS).map((l) => printable(l));
  if (lines.length > MAX_LISTED_PROBLEMS) shown.push(`… and ${lines.length - MAX_LISTED_PROBLEMS} more`);
  return shown;
}
