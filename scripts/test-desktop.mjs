// `npm run test:desktop`: the desktop integration run with @vscode/test-electron. It DOWNLOADS VS Code
// (into .vscode-test/) and starts it with this folder as the extension under development, then runs
// test/desktop/suite.js inside its extension host. For machines that can download VS Code and show a window
// (on a Linux server: `xvfb-run -a npm run test:desktop`). CI does not run it: CI cannot download VS Code and
// uses the code-server end-to-end tests in test/e2e/ (part of `npm test`) instead.
//
//   VSCODE_VERSION=1.100.3 npm run test:desktop   (default: the version engines.vscode was written for)
//   VSCODE_VERSION=stable  npm run test:desktop
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const version = process.env.VSCODE_VERSION ?? '1.100.3';

async function main() {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`the build failed (exit ${build.status})`);

  let runTests;
  try {
    ({ runTests } = await import('@vscode/test-electron'));
  } catch (e) {
    throw new Error(`@vscode/test-electron is not installed (${e.message}); run npm ci`);
  }
  // A fresh copy of examples/ and a fresh profile, so the run never edits the project or your own settings.
  const temp = mkdtempSync(join(tmpdir(), 'lda-desktop-'));
  const workspace = join(temp, 'examples');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'test', 'desktop', 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(temp, 'user-data')],
    });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  () => process.stdout.write('desktop integration tests passed\n'),
  (e) => {
    process.stderr.write(
      `npm run test:desktop failed: ${e && e.message ? e.message : e}\n` +
        'It needs to download VS Code from update.code.visualstudio.com and a display (xvfb-run -a on a server). ' +
        'Without them, use `npm test`, whose e2e tests run real VS Code through code-server.\n',
    );
    process.exit(1);
  },
);
