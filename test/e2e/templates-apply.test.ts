// "Apply recommended values" in real VS Code (code-server + Chromium, see harness.ts): click the CodeLens above
// a SAM function, see the diff of the edits open, confirm the modal, save, and find on disk the MemorySize and
// Timeout that recommend() gives for the scenario built from that template, with the comments elsewhere intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recommend } from '../../src/engine/index.ts';
import { modelOf } from '../../src/engine/templates/lint.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';
import { adviseRequest } from '../../src/engine/templates/advise.ts';
import { functionFacts } from '../../src/engine/templates/function-facts.ts';
import { E2E_TEST_TIMEOUT, startVSCode } from './harness.ts';
import { openThroughExplorer, waitFor } from './ui.ts';

const COMMENT = '  # Owned by the orders team: do not rename this queue (other stacks import its ARN).';

test('template: "Apply recommended values" shows a diff, then writes the recommended MemorySize and Timeout as one edit', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'test/fixtures/e2e-templates-apply', theme: 'dark' });
  t.after(() => vs.stop());
  const { page } = vs;
  const file = join(vs.workspaceDir, 'orders', 'template.yaml');
  const original = readFileSync(file, 'utf8');
  assert.ok(original.includes(`\n${COMMENT}\n`));

  // What the command should write: the design recommend() gives for the measured workload the template
  // carries in Metadata.LambdaAdvisor (an assumed one would never lower MemorySize or Timeout).
  const parsed = parseTemplate(original);
  const model = modelOf(parsed);
  const fn = model.functions.get('OrderWorker');
  assert.ok(fn);
  // The same assumption as the command: independent of the memory and timeout the apply writes.
  const advice = adviseRequest(functionFacts(model, fn), 'file:///orders/template.yaml', undefined, { independentOfSettings: true });
  assert.ok(advice.ok);
  const design = recommend(advice.request.scenario);
  // The fixture's values differ from the recommendation, so the test sees a real change.
  assert.notEqual(design.memoryMb, 1024);
  assert.notEqual(design.timeoutSeconds, 30);

  await openThroughExplorer(page, ['orders', 'template.yaml'], () => vs.runCommand('View: Show Explorer'));
  const editor = page.locator('.monaco-editor[data-uri$="template.yaml"]').first();
  await editor.waitFor({ state: 'visible' });

  const lens = editor.locator('.codelens-decoration a', { hasText: 'Apply recommended values' }).first();
  await lens.waitFor({ state: 'visible', timeout: 60_000 });
  await lens.click();

  // The diff opens first: the template on the left, the edited preview on the right.
  const diff = page.locator('.monaco-diff-editor').first();
  await diff.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.tabs-container .tab', { hasText: 'recommended values for OrderWorker' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  const dialogText = (await dialog.textContent()) ?? '';
  assert.match(dialogText, /Apply \d+ changes to OrderWorker\?/);
  assert.ok(dialogText.includes(`OrderWorker › MemorySize: 1024 → ${design.memoryMb}`), dialogText);
  assert.ok(dialogText.includes(`OrderWorker › Timeout: 30 → ${design.timeoutSeconds}`), dialogText);
  assert.ok(dialogText.includes(`OrderWorker › Orders event › BatchSize: 1 → ${design.batching?.batchSize}`), dialogText);
  assert.match(dialogText, /Workload from Metadata\.LambdaAdvisor/);
  // The inserted and changed lines are marked in the diff's modified side.
  const inserted = await page.locator('.monaco-diff-editor .editor.modified .line-insert, .monaco-diff-editor .editor.modified .char-insert').count();
  assert.ok(inserted > 0, 'the diff marks changed lines');
  await vs.screenshot('templates-apply-diff');

  await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Apply \d+ changes$/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
  // The preview closes; the template is back in front, edited and not yet saved.
  await waitFor('the diff to close', async () => ((await page.locator('.monaco-diff-editor').count()) === 0 ? true : undefined), 15_000);
  const edited = page.locator('.monaco-editor[data-uri$="template.yaml"]').first();
  await waitFor('the edited template in front', async () => {
    const text = ((await edited.locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
    return text.includes(`MemorySize: ${design.memoryMb}`) ? true : undefined;
  });
  // Not saved yet (like a quick fix): the tab is marked dirty until Ctrl+S.
  assert.equal(readFileSync(file, 'utf8'), original);
  await edited.locator('.view-line').first().click();
  await page.keyboard.press('Control+S');
  const saved = await waitFor('the saved file', async () => {
    const now = readFileSync(file, 'utf8');
    return now !== original ? now : undefined;
  });
  await vs.screenshot('templates-apply-after');

  assert.ok(saved.includes(`\n      MemorySize: ${design.memoryMb}\n`), saved);
  assert.ok(saved.includes(`\n      Timeout: ${design.timeoutSeconds}\n`), saved);
  // The comment line elsewhere, and the trailing comment on a changed line, are kept.
  assert.ok(saved.includes(`\n${COMMENT}\n  OrdersQueue:\n`), saved);
  assert.match(saved, /\n {6}VisibilityTimeout: \d+ # seconds\n/);
  const reparsed = modelOf(parseTemplate(saved));
  assert.equal(reparsed.functions.size, 1);

  // One edit: a single undo brings back every original value at once.
  await page.keyboard.press('Control+Z');
  await waitFor('one undo to revert every change', async () => {
    const text = ((await edited.locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
    return text.includes('MemorySize: 1024') && text.includes('Timeout: 30') && text.includes('BatchSize: 1') && !text.includes('MaximumBatchingWindowInSeconds') ? true : undefined;
  }, 15_000);
});
