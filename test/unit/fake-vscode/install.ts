/**
 * Make `vscode` resolve to the in-process stub (vscode.cjs) for this test process, whether the
 * module asking loads as CommonJS (require, how tsx runs this project's .ts today) or as ESM
 * (import, through a node:module resolve hook). Returns the record the stub writes to.
 */
import { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface FakeCall {
  readonly api: string;
  readonly args: readonly unknown[];
}
export interface FakeVscode {
  /** Every register*, create*, on* … call, in order. */
  calls: FakeCall[];
  /** registerCommand calls for these ids are swallowed (to prove a check notices a missing one). */
  dropCommands: Set<string>;
}

export function installFakeVscode(): FakeVscode {
  const g = globalThis as { __fakeVscode?: FakeVscode };
  if (g.__fakeVscode) return g.__fakeVscode;
  const fake: FakeVscode = { calls: [], dropCommands: new Set() };
  g.__fakeVscode = fake;
  const stub = fileURLToPath(new URL('./vscode.cjs', import.meta.url));
  const Module = createRequire(import.meta.url)('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
  };
  register('./hooks.mjs', import.meta.url);
  return fake;
}
