// Types for scripts/package.mjs (used by test/e2e/harness.ts).
export const projectRoot: string;
export const defaultVsixPath: string;
export function packageExtension(options?: {
  build?: boolean;
  production?: boolean;
  out?: string;
  log?: (message: string) => void;
}): { vsix: string; bytes: number };
