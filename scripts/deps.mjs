// Set-up both README commands share: install the npm packages when node_modules is missing or older than
// package-lock.json, so `npm test` and `npm start` work on a fresh clone. Imports only Node's own modules,
// because it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Why packages must be installed, or null when node_modules is current. npm writes
 * node_modules/.package-lock.json at the end of every install, so its age tells when the last one ran.
 * Pure (takes the modification times), so it can be tested without touching the disk.
 *   lockMtimeMs     package-lock.json's mtime (undefined: no lock file)
 *   markerMtimeMs   node_modules/.package-lock.json's mtime (undefined: never installed here)
 */
export function installReason({ hasNodeModules, lockMtimeMs, markerMtimeMs }) {
  if (!hasNodeModules) return 'node_modules is missing';
  if (markerMtimeMs === undefined) return 'node_modules was not installed by npm (no node_modules/.package-lock.json)';
  if (lockMtimeMs !== undefined && lockMtimeMs > markerMtimeMs) return 'package-lock.json is newer than node_modules';
  return null;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : undefined);

/** Run `npm ci` when needed; says what it does and why. Exits the process if the install fails. */
export function ensureDependencies({ log = (m) => process.stdout.write(`${m}\n`), cwd = root } = {}) {
  const reason = installReason({
    hasNodeModules: existsSync(join(cwd, 'node_modules')),
    lockMtimeMs: mtime(join(cwd, 'package-lock.json')),
    markerMtimeMs: mtime(join(cwd, 'node_modules', '.package-lock.json')),
  });
  if (reason === null) return false;
  log(`Installing the npm packages with npm ci (${reason}); this takes a minute or two the first time …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd, stdio: 'inherit' });
  if (res.status !== 0) {
    log(`npm ci failed (exit ${res.status ?? res.signal}). The packages come from the npm registry: check the network, then run npm ci yourself to see the whole error.`);
    process.exit(res.status || 1);
  }
  return true;
}
