// The agent tools in real VS Code (code-server + Chromium, see harness.ts): the extension's language-model tools
// are registered in vscode.lm.tools and answer through vscode.lm.invokeTool, as chat would call them ("Lambda
// Advisor: Check Agent Tools" lists them and runs lint on a template, recommend on a scenario file, with the
// engine's own answer); and a *.lambda-advisor.json file is checked against the scenario JSON Schema as it is
// edited (a squiggle and the schema's message in the Problems panel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { lintTemplate } from '../../src/engine/templates/index.ts';
import { E2E_TEST_TIMEOUT, startVSCode } from './harness.ts';
import { expectedDesign, waitFor } from './ui.ts';

async function notifications(page: Page): Promise<string[]> {
  return page.$$eval('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message', (els) =>
    els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

const TOOLS = '4 agent tools are available to chat (#lambdaRecommend, #lambdaCost, #lambdaLint, #lambdaScaffold).';

test('language-model tools: registered in vscode.lm.tools and answering through vscode.lm.invokeTool; scenario files validated', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'test/fixtures/e2e-lm-tools', theme: 'dark' });
  t.after(() => vs.stop());
  const { page } = vs;

  // 1. lint on the template in the active editor: the engine's findings for that file.
  const template = 'template.yaml';
  const findings = lintTemplate(readFileSync(join(vs.workspaceDir, template), 'utf8'), template).findings.length;
  assert.ok(findings > 0);
  await vs.openFile(template);
  await vs.runCommand('Lambda Advisor: Check Agent Tools');
  const lint = await waitFor(
    'the lint result',
    async () => (await notifications(page)).find((m) => m.includes('lambdaAdvisor_lint on')),
    60_000,
    () => vs.screenshot('lm-tools-lint-timeout'),
  );
  assert.ok(lint.includes(TOOLS), `the tools are listed: ${lint}`);
  assert.ok(lint.includes(`lambdaAdvisor_lint on ${template}: ${findings} findings in ${template}:`), lint);
  await vs.screenshot('lm-tools-lint');
  await vs.runCommand('Notifications: Clear All Notifications');

  // 2. recommend on a scenario file: the design the engine recommends for it.
  const scenarioPath = 'orders-worker.lambda-advisor.json';
  const design = expectedDesign(JSON.parse(readFileSync(join(vs.workspaceDir, scenarioPath), 'utf8')));
  await vs.openFile(scenarioPath);
  await vs.runCommand('Lambda Advisor: Check Agent Tools');
  const rec = await waitFor(
    'the recommend result',
    async () => (await notifications(page)).find((m) => m.includes('lambdaAdvisor_recommend on')),
    60_000,
    () => vs.screenshot('lm-tools-recommend-timeout'),
  );
  const memory = design.memoryMb.toLocaleString('en-US');
  assert.ok(rec.includes(`lambdaAdvisor_recommend on ${scenarioPath}: ${design.name} (${design.source}, ${design.runtime}, ${design.region}): ${memory} MB on ${design.architecture}`), rec);
  await vs.screenshot('lm-tools-recommend');
  await vs.runCommand('Notifications: Clear All Notifications');

  // 3. The scenario JSON Schema: a runtime the validator refuses is flagged in the editor, with the allowed values.
  await vs.openFile('bad-runtime.lambda-advisor.json');
  await page.locator('.monaco-editor[data-uri$="bad-runtime.lambda-advisor.json"] .squiggly-warning, .monaco-editor[data-uri$="bad-runtime.lambda-advisor.json"] .squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
  await vs.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: '"nodejs"' }).first();
  await problem.waitFor({ state: 'visible', timeout: 30_000 });
  const problemText = (await problem.textContent()) ?? '';
  assert.match(problemText, /"nodejs"/, problemText);
  await vs.screenshot('lm-tools-scenario-schema');
});
