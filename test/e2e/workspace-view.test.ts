// The workspace view and the status bar item in real VS Code (code-server + Chromium, see harness.ts): the
// "Lambda Advisor" tree in the Explorer lists the template, its function with its monthly cost (assumed) and its
// findings; the status bar shows "≈ $X/mo · N findings" for the active template and opens the view. Screenshots
// in the dark and the light theme (test-output/e2e/workspace-view-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { E2E_TEST_TIMEOUT, startVSCode } from './harness.ts';
import { openThroughExplorer, waitFor } from './ui.ts';

for (const theme of ['dark', 'light'] as const) {
  test(`workspace view and status bar item (${theme} theme)`, { timeout: E2E_TEST_TIMEOUT }, async (t) => {
    const vs = await startVSCode({ workspace: 'test/fixtures/e2e-templates', theme, viewport: { width: 1400, height: 900 } });
    t.after(() => vs.stop());
    const { page } = vs;

    // Opening the template activates the extension; the status bar item appears for it.
    await openThroughExplorer(page, ['orders', 'template.yaml'], () => vs.runCommand('View: Show Explorer'));
    const status = page.locator('.statusbar-item', { hasText: /≈ \$.* · \d+ findings?/ }).first();
    await status.waitFor({ state: 'visible', timeout: 60_000 });
    const statusText = ((await status.textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(statusText, /≈ \$\d+\.\d\d\/mo \(assumed\) · \d+ findings?/, statusText);

    // The status bar item opens the Lambda Advisor view; the tree lists the template and its function with its cost.
    await status.click();
    const header = page.locator('.pane-header', { hasText: 'Lambda Advisor' }).first();
    await header.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    // Only this pane's rows (the Explorer's folder tree lists template.yaml too).
    const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Lambda Advisor' }) }).first();
    const rows = await waitFor(
      'the template and its function in the Lambda Advisor tree',
      async () => {
        const texts = (await pane.locator('.monaco-list-row').allTextContents()).map((x) => x.replace(/\u00a0/g, ' '));
        return texts.some((x) => x.includes('OrderWorker') && x.includes('≈ $')) ? texts : undefined;
      },
      60_000,
    );
    const template = rows.find((x) => x.includes('template.yaml'));
    assert.ok(template, rows.join(' | '));
    assert.match(template, /≈ \$[\d.,]+\/mo \(assumed\) · \d+ findings?/);
    const fn = rows.find((x) => x.includes('OrderWorker'))!;
    // 1M requests x 100 ms at 1,024 MB arm64 (us-east-1): the CodeLens's $1.53.
    assert.match(fn, /≈ \$1\.53\/mo \(assumed\)/);
    await vs.screenshot(`workspace-view-${theme}`);

    // Selecting the function opens its resource in the editor.
    await pane.locator('.monaco-list-row', { hasText: 'OrderWorker' }).first().click();
    await page.locator('.monaco-editor[data-uri$="template.yaml"]').first().waitFor({ state: 'visible' });
  });
}
