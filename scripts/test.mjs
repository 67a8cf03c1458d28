// `npm test`: everything, in this order, stopping at the first failing stage:
//   0. npm ci, when node_modules is missing or older than package-lock.json (a fresh clone)
//   1. type check (tsc, both tsconfigs)   2. lint (layering, floating promises)   3. build
//   4. one run of node's own test runner over every test file (unit, webview, e2e), so its closing
//      lines ("# pass N" / "# fail N") count every test.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureDependencies } from './deps.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function run(label, cmd, args, extraEnv = {}) {
  process.stdout.write(`\n== ${label}: ${cmd} ${args.join(' ')}\n`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (res.status !== 0) {
    process.stdout.write(`\n== ${label} failed (exit ${res.status ?? res.signal})\n`);
    process.exit(res.status || 1);
  }
}

function findTests(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, p));
  }
  return out;
}

ensureDependencies();

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (only.length === 0) {
  run('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  if (existsSync(join(root, 'webview/tsconfig.json'))) run('typecheck webview', npx, ['tsc', '-p', 'webview/tsconfig.json', '--noEmit']);
  run('lint', npx, ['eslint', '--max-warnings', '0', 'src', 'test', 'webview', 'scripts', 'bench']);
  run('build', process.execPath, ['scripts/build.mjs']);
}
const files = only.length ? only : findTests(join(root, 'test'));
if (files.length === 0) {
  process.stdout.write('no test files found\n');
  process.exit(1);
}
run('tests', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files]);
