/* global exports */
// The in-editor suite of `npm run test:desktop` (scripts/test-desktop.mjs, @vscode/test-electron) and of the
// "Extension Tests (desktop)" launch configuration. It runs INSIDE a desktop VS Code's extension host, so it
// can use the `vscode` API directly. Not part of `npm test` (CI has no desktop VS Code; it uses the code-server
// e2e tests in test/e2e/ instead). Plain CommonJS, no test framework: run() rejects on the first failure.
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const id = `${manifest.publisher}.${manifest.name}`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    console.error(`not ok - ${name}\n${e && e.stack ? e.stack : e}`);
    throw e;
  }
}

exports.run = async function run() {
  await check(`the extension ${id} is present and activates`, async () => {
    const ext = vscode.extensions.getExtension(id);
    assert.ok(ext, `${id} is not loaded in this VS Code`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  await check('every contributed command is registered by activate()', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = ((manifest.contributes && manifest.contributes.commands) || []).map((c) => c.command);
    assert.ok(contributed.includes('lambdaAdvisor.designFunction'), 'package.json does not contribute lambdaAdvisor.designFunction');
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  await check('Design a Function… opens the wizard as a webview tab', async () => {
    await vscode.commands.executeCommand('lambdaAdvisor.designFunction');
    const deadline = Date.now() + 20000;
    let webviewTab;
    while (!webviewTab && Date.now() < deadline) {
      webviewTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
      if (!webviewTab) await sleep(200);
    }
    assert.ok(webviewTab, 'no webview tab opened within 20 s');
  });
};
