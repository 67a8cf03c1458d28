// code-server: a real VS Code (workbench, extension host, webviews) that runs on Node. Used by `npm start`
// and by the end-to-end tests (test/e2e/harness.ts). Nothing here downloads anything except from the npm
// registry: code-server's own postinstall (ripgrep from GitHub, kerberos headers) is skipped on purpose.
//
//   ensureCodeServer()      install code-server into .vscode-test/code-server-<version>/ once (cached, locked)
//   installExtension()      code-server --install-extension FILE.vsix into an extensions folder
//   startCodeServer()       start it on 127.0.0.1:PORT in its own process group, wait until it answers HTTP
//   writeUserSettings()     <user-data-dir>/User/settings.json with quiet defaults + the caller's settings
//   killProcessGroup()      stop a detached child and everything it started
//
// Run directly (`node scripts/code-server.mjs install`) to install ahead of time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// LDA_CODE_SERVER_DIR moves the install (e.g. to a CI cache); by default it lives in the gitignored .vscode-test/.
export const cacheDir = process.env.LDA_CODE_SERVER_DIR ? resolve(process.env.LDA_CODE_SERVER_DIR) : join(projectRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const packageDir = join(cacheDir, 'node_modules', 'code-server');
const entry = join(packageDir, 'out', 'node', 'entry.js');
// The marker records what the native modules were built against: a different Node ABI means rebuild.
const marker = join(cacheDir, '.installed.json');
const markerContent = { codeServer: CODE_SERVER_VERSION, nodeAbi: process.versions.modules, platform: `${process.platform}-${process.arch}` };

/** Quiet, deterministic defaults for a test or demo profile. The caller's settings win. */
export const baseUserSettings = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

function isInstalled() {
  if (!existsSync(marker) || !existsSync(entry)) return false;
  try {
    const m = JSON.parse(readFileSync(marker, 'utf8'));
    return Object.entries(markerContent).every(([k, v]) => m[k] === v);
  } catch {
    return false;
  }
}

/** Where the code-server entry point is, or null when it is not installed (no side effects). */
export function codeServerEntry() {
  return isInstalled() ? entry : null;
}

// node-gyp (the native rebuilds) needs Node's headers; it would download them from nodejs.org. Point it at the
// headers installed with this Node (Debian's nodejs puts them in /usr/include/node) unless npm is told already.
const nodePrefix = dirname(dirname(process.execPath));
const headerEnv = !process.env.npm_config_nodedir && existsSync(join(nodePrefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: nodePrefix } : {};

function sh(label, cmd, args, cwd, log, extraEnv = {}) {
  const started = Date.now();
  log(`code-server install: ${label} …`);
  const res = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...headerEnv, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extraEnv },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60 * 1000,
  });
  if (res.status !== 0) {
    const out = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(
      `code-server install failed at "${label}" (${cmd} ${args.join(' ')} in ${cwd}, exit ${res.status ?? res.signal ?? res.error?.message}).\n` +
        `It needs the npm registry and a C/C++ toolchain (make, g++, python3) to rebuild native modules.\n${out}`,
    );
  }
  log(`code-server install: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** A lock folder (mkdir is atomic) so two processes (parallel test files, npm start) never install at once. */
export async function withLock(lockDir, fn, { timeoutMs = 20 * 60 * 1000 } = {}) {
  mkdirSync(dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        /* the holder is just creating it */
      }
      const age = (() => {
        try {
          return Date.now() - statSync(lockDir).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if ((Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) || (Number.isNaN(holder) && age > 60_000)) {
        rmSync(lockDir, { recursive: true, force: true }); // stale: its owner died
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for the lock ${lockDir} (held by pid ${holder})`);
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Install code-server into .vscode-test/code-server-<version>/ (outside the project's dependency tree), once.
 * A second call is instant (marker file). Returns the path of its entry point (run it with `node`).
 */
export async function ensureCodeServer({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (isInstalled()) return entry;
  return withLock(`${cacheDir}.lock`, async () => {
    if (isInstalled()) return entry; // another process finished it while we waited
    const started = Date.now();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    rmSync(marker, { force: true });
    mkdirSync(cacheDir, { recursive: true });
    // A package.json of its own, so npm does not walk up and treat the project as the prefix.
    writeFileSync(join(cacheDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
    sh(`npm install code-server@${CODE_SERVER_VERSION}`, npm, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-save', '--no-package-lock', '--prefix', cacheDir], cacheDir, log);
    const vscodeDir = join(packageDir, 'lib', 'vscode');
    sh('npm install (lib/vscode)', npm, ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vscodeDir, log);
    sh('npm rebuild native modules (lib/vscode)', npm, ['rebuild', '@vscode/spdlog', 'node-pty', 'native-watchdog', '@parcel/watcher'], vscodeDir, log);
    const asar = join(vscodeDir, 'node_modules.asar');
    rmSync(asar, { force: true, recursive: true });
    symlinkSync('node_modules', asar);
    // argon2 (password hashing, loaded at start even with --auth none) is hoisted next to code-server.
    sh('npm rebuild argon2', npm, ['rebuild', 'argon2'], cacheDir, log);
    if (!existsSync(entry)) throw new Error(`code-server install finished but ${entry} is missing`);
    const check = spawnSync(process.execPath, [entry, '--version'], { encoding: 'utf8', timeout: 60_000 });
    if (check.status !== 0 || !check.stdout.includes(CODE_SERVER_VERSION)) {
      throw new Error(`code-server was installed but does not run (\`code-server --version\` exit ${check.status}):\n${check.stdout}${check.stderr}`);
    }
    writeFileSync(marker, JSON.stringify({ ...markerContent, installedAt: new Date().toISOString() }, null, 2));
    log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s into ${cacheDir}`);
    return entry;
  });
}

function runCodeServerSync(args, { timeoutMs = 120_000 } = {}) {
  const bin = codeServerEntry();
  if (!bin) throw new Error('code-server is not installed: call ensureCodeServer() first');
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, VSCODE_CLI: undefined } });
}

/** Install a .vsix into an extensions folder. Throws with code-server's own output when it fails. */
export function installExtension({ vsix, extensionsDir, userDataDir }) {
  if (!existsSync(vsix)) throw new Error(`no .vsix at ${vsix}: run \`npm run package\` first`);
  mkdirSync(extensionsDir, { recursive: true });
  const args = ['--extensions-dir', extensionsDir];
  if (userDataDir) args.push('--user-data-dir', userDataDir);
  args.push('--install-extension', vsix, '--force');
  const res = runCodeServerSync(args);
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`code-server could not install ${vsix} (exit ${res.status ?? res.signal}):\n${out.trim()}`);
  }
  return out.trim();
}

/** The extensions code-server sees in a folder, as `publisher.name@version` lines. */
export function listExtensions({ extensionsDir, userDataDir }) {
  const args = ['--extensions-dir', extensionsDir];
  if (userDataDir) args.push('--user-data-dir', userDataDir);
  const res = runCodeServerSync([...args, '--list-extensions', '--show-versions']);
  if (res.status !== 0) throw new Error(`code-server --list-extensions failed (exit ${res.status}): ${res.stderr}`);
  return res.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}

/** Write <userDataDir>/User/settings.json (quiet defaults merged with `settings`). */
export function writeUserSettings(userDataDir, settings = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  writeFileSync(file, `${JSON.stringify({ ...baseUserSettings, ...settings }, null, 2)}\n`);
  return file;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

/** SIGTERM a detached child's whole process group, then SIGKILL what is left after `graceMs`. */
export async function killProcessGroup(child, graceMs = 5000) {
  if (!child || child.pid === undefined) return;
  const pid = child.pid;
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!groupAlive()) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive() && Date.now() < deadline) await sleep(100);
  if (groupAlive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Synchronous last-resort kill (for process 'exit' handlers, where nothing async runs). */
export function killProcessGroupSync(child) {
  if (!child || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

async function waitForHttp(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it answered on ${url}:\n${output()}`);
    }
    try {
      const res = await globalThis.fetch(url, { redirect: 'manual', signal: globalThis.AbortSignal.timeout(5000) });
      if (res.status < 500) return;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = e.message;
    }
    await sleep(250);
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s (${lastError}):\n${output()}`);
}

/**
 * Start code-server in its own process group. Returns { url, port, child, output(), stop() }.
 * `stop()` kills the whole group; it is also killed when this process exits.
 */
export async function startCodeServer({ workspace, userDataDir, extensionsDir, port, host = '127.0.0.1', timeoutMs = 90_000, stdio = 'pipe', extraArgs = [] }) {
  const bin = codeServerEntry();
  if (!bin) throw new Error('code-server is not installed: call ensureCodeServer() first');
  const p = port ?? (await freePort());
  const args = [
    bin,
    '--auth', 'none',
    '--bind-addr', `${host}:${p}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...extraArgs,
    workspace,
  ];
  const lines = [];
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group: stop() kills it and its extension host, pty host, watchers
    stdio: stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VSCODE_CLI: undefined, VSCODE_IPC_HOOK_CLI: undefined, CS_DISABLE_FILE_DOWNLOADS: '0' },
  });
  const keep = (chunk) => {
    for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(l);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const onExit = () => killProcessGroupSync(child);
  process.on('exit', onExit);
  const output = () => lines.slice(-60).join('\n');
  const url = `http://${host}:${p}/`;
  const stop = async () => {
    process.off('exit', onExit);
    await killProcessGroup(child);
  };
  try {
    await waitForHttp(`${url}healthz`, child, output, timeoutMs);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port: p, child, output, stop };
}

// (No top-level await: the e2e harness loads this file through tsx as CommonJS.)
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2] ?? 'install';
  if (cmd === 'install') {
    const t = Date.now();
    ensureCodeServer().then(
      (bin) => process.stdout.write(`code-server ${CODE_SERVER_VERSION} ready (${bin}) in ${((Date.now() - t) / 1000).toFixed(1)} s\n`),
      (e) => {
        process.stderr.write(`${e.message}\n`);
        process.exitCode = 1;
      },
    );
  } else {
    process.stderr.write(`usage: node scripts/code-server.mjs install\n`);
    process.exitCode = 2;
  }
}
