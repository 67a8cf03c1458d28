// `npm run package`: build the extension for production and pack it as dist/lambda-design-advisor.vsix
// with @vscode/vsce. The build bundles every dependency into dist/, so vsce runs with --no-dependencies
// and the allow-list .vscodeignore keeps sources, tests, maps and node_modules out.
//
//   node scripts/package.mjs              production build, then vsce
//   node scripts/package.mjs --no-build   pack what is in dist/ now (the e2e harness uses this after `npm test` built)
//   node scripts/package.mjs --out FILE   write the .vsix elsewhere
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultVsixPath = join(projectRoot, 'dist', 'lambda-design-advisor.vsix');
const vsceBin = join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

function run(label, args, log) {
  log(`package: ${label}`);
  const res = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60 * 1000 });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
  if (res.status !== 0) throw new Error(`package: ${label} failed (exit ${res.status ?? res.signal}):\n${out}`);
  return out;
}

/**
 * Build (unless build === false) and pack. Returns { vsix, bytes }.
 * Throws with a message naming what is missing (no extension entry point, vsce errors).
 */
export function packageExtension({ build = true, production = true, out = defaultVsixPath, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (build) run(`build${production ? ' --production' : ''}`, [join(projectRoot, 'scripts', 'build.mjs'), ...(production ? ['--production'] : [])], log);
  const entry = join(projectRoot, 'dist', 'extension.js');
  if (!existsSync(entry)) {
    throw new Error(`package: ${relative(projectRoot, entry)} is missing: the build makes it from src/extension/extension.ts (does that file exist?)`);
  }
  if (!existsSync(vsceBin)) throw new Error(`package: @vscode/vsce is not installed (${vsceBin}); run npm ci`);
  mkdirSync(dirname(out), { recursive: true });
  const text = run(`vsce package -> ${relative(projectRoot, out)}`, [vsceBin, 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], log);
  for (const line of text.split('\n')) if (/WARNING|ERROR/i.test(line)) log(`vsce: ${line}`);
  if (!existsSync(out)) throw new Error(`package: vsce finished but ${out} is missing:\n${text}`);
  return { vsix: out, bytes: statSync(out).size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const outIdx = argv.indexOf('--out');
  try {
    const started = Date.now();
    const { vsix, bytes } = packageExtension({
      build: !argv.includes('--no-build'),
      out: outIdx >= 0 && argv[outIdx + 1] ? resolve(argv[outIdx + 1]) : defaultVsixPath,
    });
    process.stdout.write(`${relative(process.cwd(), vsix)}  ${(bytes / 1024).toFixed(1)} KiB  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
