// Smoke test in real VS Code (code-server + Chromium, see harness.ts): the packaged .vsix installs, VS Code
// lists it, and every command the manifest contributes under "Lambda Advisor" is in the command palette.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_TEST_TIMEOUT, startVSCode } from './harness.ts';
import { runWhenListed, wizardFrame } from './ui.ts';
import { projectRoot } from '../../scripts/package.mjs';

interface Manifest {
  name: string;
  publisher: string;
  version: string;
  displayName: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
}

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Manifest;
const hidden = new Set((manifest.contributes?.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
/** "Category: Title" of every command the palette should offer for "Lambda Advisor". */
const expectedCommands = (manifest.contributes?.commands ?? [])
  .filter((c) => c.category === 'Lambda Advisor' && !hidden.has(c.command))
  .map((c) => `${c.category}: ${c.title}`);

test('the packaged extension installs in real VS Code and its commands are in the command palette', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'examples', theme: 'dark' });
  t.after(() => vs.stop());

  // code-server itself reports the extension from the .vsix, with the manifest's id and version.
  const id = `${manifest.publisher}.${manifest.name}`;
  assert.ok(
    vs.installedExtensions().includes(`${id}@${manifest.version}`),
    `code-server --list-extensions does not list ${id}@${manifest.version}: ${vs.installedExtensions().join(', ')}`,
  );

  // The front door: the wizard command, then every other contributed command, under the category.
  assert.ok(expectedCommands.includes('Lambda Advisor: Design a Function…'), `package.json does not contribute "Lambda Advisor: Design a Function…" (it has: ${expectedCommands.join(', ') || 'no Lambda Advisor commands'})`);
  const entries = await vs.paletteEntries('Lambda Advisor', { keepOpen: true });
  await vs.screenshot('smoke-command-palette');
  for (const title of expectedCommands) {
    assert.ok(entries.includes(title), `the command palette lacks "${title}"; for "Lambda Advisor" it listed: ${entries.join(' | ') || '(nothing)'}`);
  }

  // The Extensions view shows the installed extension by its display name.
  await vs.runCommand('Extensions: Show Enabled Extensions');
  await vs.page
    .locator('.extensions-viewlet .extension-list-item .name', { hasText: manifest.displayName })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await vs.screenshot('smoke-extensions-view');

  // The extension activates from its split bundle: the command runs, requires dist/ext/wizard-host.js on
  // first use, and the wizard's webview renders its first step.
  await runWhenListed(vs, 'Lambda Advisor: Design a Function…');
  const wizard = await wizardFrame(vs);
  assert.ok(((await wizard.textContent('[data-testid="step-title"]')) ?? '').trim().length > 0, 'the wizard rendered an empty step title');
  await vs.screenshot('smoke-wizard-opened');
});
