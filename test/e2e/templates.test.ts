// Template guidance in real VS Code (code-server + Chromium, see harness.ts): open a SAM template with a known
// design problem (an SQS queue whose visibility timeout is 60 s for a consumer with a 30 s timeout), read the
// cost CodeLens, hover MemorySize and read the advice, see the warning squiggle, apply its quick fix through
// Ctrl+., and see the file change (only the value; the comment stays) and the squiggle go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, startVSCode } from './harness.ts';
import { openThroughExplorer, waitFor } from './ui.ts';

/** The editor's visible text, one string per rendered line (Monaco renders spaces as no-break spaces). */
async function editorLines(page: Page): Promise<string[]> {
  return page.$$eval('.monaco-editor .view-lines .view-line', (lines) =>
    lines
      .map((l) => ({ top: parseFloat((l as HTMLElement).style.top || '0'), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

test('template guidance: CodeLens, hover, diagnostic and quick fix on a SAM template in real VS Code', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'test/fixtures/e2e-templates', theme: 'dark' });
  t.after(() => vs.stop());
  const { page } = vs;
  const file = join(vs.workspaceDir, 'orders', 'template.yaml');
  const original = readFileSync(file, 'utf8');
  assert.match(original, /VisibilityTimeout: 60 # seconds/);

  await openThroughExplorer(vs.page, ['orders', 'template.yaml'], () => vs.runCommand('View: Show Explorer'));
  const editor = page.locator('.monaco-editor[data-uri$="template.yaml"]').first();
  await editor.waitFor({ state: 'visible' });

  // 1. The diagnostic: a warning squiggle, and the Problems panel names the rule and says what to do.
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 60_000 });
  await vs.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'VisibilityTimeout' }).first();
  await problem.waitFor({ state: 'visible' });
  const problemText = (await problem.textContent()) ?? '';
  assert.match(problemText, /below 6 × 30 s = 180 s/);
  assert.match(problemText, /Lambda Advisor/);
  assert.match(problemText, /LDA101/);
  await vs.screenshot('templates-diagnostic-problems');
  await vs.runCommand('View: Toggle Panel Visibility'); // give the editor its height back: the flagged line is below the fold

  // 2. The cost CodeLens above the function says the workload is assumed; "Advise on this function" is beside it.
  const lenses = await waitFor('the CodeLens above OrderWorker', async () => {
    const texts = await page.$$eval('.monaco-editor .codelens-decoration', (els) => els.map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')));
    return texts.some((x) => x.includes('≈ $')) ? texts.join(' | ') : undefined;
  });
  // 1M requests x 100 ms at 1,024 MB arm64 (us-east-1): 100,000 GB-s x $0.0000133334 + $0.20 = $1.53.
  assert.match(lenses, /≈ \$1\.53\/month \(assumed workload: 1M requests\/month × 100 ms\)/);
  assert.match(lenses, /Advise on this function/);

  // 3. Hover MemorySize: the advice widget shows what 1,024 MB means.
  const memoryKey = editor.locator('.view-line span', { hasText: /^MemorySize$/ }).first();
  await memoryKey.hover();
  const hover = await waitFor(
    'the hover on MemorySize',
    async () => {
      const text = await page.locator('.monaco-hover:visible').allTextContents();
      const joined = text.join('\n');
      return /vCPU/.test(joined) ? joined : undefined;
    },
    20_000,
  );
  assert.match(hover, /0\.58 vCPU/, `hover text: ${hover}`);
  await vs.screenshot('templates-hover-memory');
  await page.keyboard.press('Escape');

  // 4. The quick fix: cursor on the flagged value, Ctrl+., pick "Set VisibilityTimeout to 180".
  const valueSpan = editor.locator('.view-line', { hasText: 'VisibilityTimeout: 60' }).locator('span', { hasText: /^60$/ }).first();
  await valueSpan.click();
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Set VisibilityTimeout to 180' }).first();
  await fix.waitFor({ state: 'visible', timeout: 15_000 });
  await vs.screenshot('templates-quick-fix-menu');
  // The menu opens with the preferred fix focused (a click is swallowed by the menu's pointer block): Enter picks it.
  const focused = (await page.locator('.action-widget .monaco-list-row.focused').first().textContent()) ?? '';
  assert.match(focused, /Set VisibilityTimeout to 180/);
  await page.keyboard.press('Enter');

  const fixedLine = await waitFor('the edited line', async () => {
    const lines = await editorLines(page);
    return lines.find((l) => l.includes('VisibilityTimeout: 180'));
  });
  // Only the value changed: indentation and the comment are kept.
  assert.equal(fixedLine, '      VisibilityTimeout: 180 # seconds');

  // The squiggle goes once the document is linted again (debounced ~300 ms).
  await waitFor('the squiggle to go', async () => ((await page.locator('.monaco-editor .squiggly-warning').count()) === 0 ? true : undefined), 15_000);
  await vs.screenshot('templates-after-fix');

  // Saved to disk: exactly one line differs from the original.
  await page.keyboard.press('Control+S');
  const saved = await waitFor('the saved file', async () => {
    const now = readFileSync(file, 'utf8');
    return now !== original ? now : undefined;
  });
  assert.equal(saved, original.replace('VisibilityTimeout: 60 # seconds', 'VisibilityTimeout: 180 # seconds'));

  // 5. "Advise on this function" opens the wizard pre-filled from the template: the function's name and its SQS source.
  await editor.locator('.codelens-decoration a', { hasText: 'Advise on this function' }).first().click();
  const wizard = await vs.webviewFrame('[data-testid="step-title"]', 60_000);
  // A complete scenario goes straight to the design: an SQS source is polled.
  await wizard.locator('[data-decision="memory"]').waitFor({ timeout: 30_000 });
  assert.match((await wizard.locator('[data-testid="value-invocation"]').textContent()) ?? '', /^poll/);
  await vs.screenshot('templates-advise-wizard');
  await wizard.locator('[data-step="workload"]').click();
  await waitFor('the wizard pre-filled with OrderWorker', async () => ((await wizard.locator('#f-name input').inputValue()) === 'OrderWorker' ? true : undefined));
});
