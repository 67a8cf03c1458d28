export function installReason(stats: { hasNodeModules: boolean; lockMtimeMs: number | undefined; markerMtimeMs: number | undefined }): string | null;
export function ensureDependencies(options?: { log?: (message: string) => void; cwd?: string }): boolean;
