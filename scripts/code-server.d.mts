// Types for scripts/code-server.mjs (used by test/e2e/harness.ts).
import type { ChildProcess } from 'node:child_process';

export const CODE_SERVER_VERSION: string;
export const projectRoot: string;
export const cacheDir: string;
export const baseUserSettings: Record<string, unknown>;
export function codeServerEntry(): string | null;
export function withLock<T>(lockDir: string, fn: () => Promise<T> | T, options?: { timeoutMs?: number }): Promise<T>;
export function ensureCodeServer(options?: { log?: (message: string) => void }): Promise<string>;
export function installExtension(options: { vsix: string; extensionsDir: string; userDataDir?: string }): string;
export function listExtensions(options: { extensionsDir: string; userDataDir?: string }): string[];
export function writeUserSettings(userDataDir: string, settings?: Record<string, unknown>): string;
export function freePort(): Promise<number>;
export function killProcessGroup(child: ChildProcess | undefined, graceMs?: number): Promise<void>;
export function killProcessGroupSync(child: ChildProcess | undefined): void;
export interface RunningCodeServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** The last lines code-server printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}
export function startCodeServer(options: {
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  port?: number;
  host?: string;
  timeoutMs?: number;
  stdio?: 'pipe' | 'inherit';
  extraArgs?: string[];
}): Promise<RunningCodeServer>;
