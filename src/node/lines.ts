/**
 * Reading a file line by line, streamed (any size, bounded memory), for every face that reads
 * measurements or logs from disk (the CLI's calibrate, the extension's Import Measurements…).
 * Node-only host code: the engine stays free of `fs`.
 */
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

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
