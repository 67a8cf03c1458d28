// The design wizard in real VS Code (code-server + Chromium through harness.ts), against the packaged .vsix:
// the command opens it, an SQS worker is entered step by step, the design shows the engine's numbers, the
// charts are drawn, a traffic change moves the bill, the state survives a window reload, the scenario is
// saved into the workspace. Screenshots in test-output/e2e/ (dark; the design page also light and high contrast).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
// The wizard shows amounts and counts through the engine's one formatter, as the hover and the CLI do.
import { usd, whole } from '../../src/engine/format.ts';
import { E2E_TEST_TIMEOUT, startVSCode } from './harness.ts';
import type { Design } from '../../src/engine/index.ts';
import { expectedDesign, runWhenListed, wizardFrame as wizard } from './ui.ts';


/** What the test types: an SQS worker. The expected design is the engine's answer for exactly this. */
const SQS_WORKER = {
  name: 'orders-worker',
  region: 'us-east-1',
  runtime: 'nodejs',
  architecture: 'auto',
  source: 'sqs',
  traffic: { requestsPerMonth: 5_000_000, peakPerSecond: 40, payloadKb: 4 },
  work: { averageDurationMs: 120, p99DurationMs: 400, measuredAtMemoryMb: 1024, profile: 'mixed' },
  latency: { coldStarts: 'tolerate' },
  budget: { freeTier: false },
  network: { privateResources: false, internetEgress: false, awsServices: [] },
  downstream: { maxConcurrency: 20 },
  ordering: 'none',
  idempotent: true,
};

async function stepTitle(f: Frame): Promise<string> {
  return ((await f.locator('[data-testid="step-title"]').textContent()) ?? '').trim();
}

async function fill(f: Frame, field: string, value: string): Promise<void> {
  const input = f.locator(`#f-${field} input`);
  await input.fill(value);
}

async function next(f: Frame, expectTitle: RegExp): Promise<void> {
  await f.locator('[data-testid="next"]').click();
  await f.locator('[data-testid="step-title"]', { hasText: expectTitle }).waitFor({ timeout: 10_000 });
}

/** How many pixels of a canvas are drawn (not fully transparent). */
async function inkedPixels(f: Frame, testId: string): Promise<number> {
  return f.evaluate((id) => {
    type Canvas = { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
    const doc = (globalThis as unknown as { document: { querySelector(s: string): Canvas | null } }).document;
    const c = doc.querySelector(`canvas[data-testid="${id}"]`);
    if (!c || c.width === 0 || c.height === 0) return 0;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return 0;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) n++;
    return n;
  }, testId);
}

async function assertDesignShown(f: Frame, d: Design): Promise<void> {
  await f.locator('[data-decision="memory"]').waitFor({ timeout: 20_000 });
  assert.equal(((await f.locator('[data-testid="value-memory"]').textContent()) ?? '').trim(), `${whole(d.memoryMb)} MB on ${d.architecture}`);
  assert.equal(((await f.locator('[data-testid="value-timeout"]').textContent()) ?? '').trim(), `${whole(d.timeoutSeconds)} s`);
  assert.ok(d.batching, 'an SQS worker is batched');
  assert.match((await f.locator('[data-testid="value-batching"]').textContent()) ?? '', new RegExp(`batch size ${whole(d.batching.batchSize)}\\b`));
  assert.match((await f.locator('[data-testid="value-invocation"]').textContent()) ?? '', /^poll, synchronous/);
  assert.equal(((await f.locator('[data-testid="bill-total"]').textContent()) ?? '').trim(), usd(d.cost.total));
  for (const id of ['invocation', 'memory', 'timeout', 'batching', 'concurrency', 'failures', 'vpc', 'coldStart'] as const) {
    const card = f.locator(`[data-decision="${id}"]`);
    assert.equal(await card.count(), 1, `one ${id} card`);
    assert.ok(((await card.textContent()) ?? '').includes(d.rationale[id].summary), `the ${id} card shows the engine's summary "${d.rationale[id].summary}"`);
  }
  assert.equal(await f.locator('.warning').count(), d.warnings.length, 'one banner per warning');
}

async function assertChartsDrawn(f: Frame): Promise<void> {
  for (const id of ['chart-bill', 'chart-memory', 'chart-traffic']) {
    await f.locator(`canvas[data-testid="${id}"]`).waitFor({ timeout: 10_000 });
    const ink = await inkedPixels(f, id);
    assert.ok(ink > 500, `${id} is drawn (${ink} pixels inked)`);
  }
}

/** Content-Security-Policy violations the page counted, with the last one described. */
async function cspViolations(f: Frame): Promise<{ count: number; last: string }> {
  const d = await f.evaluate(() => ({ ...(globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body.dataset }));
  return { count: Number(d['cspViolations'] ?? 'NaN'), last: d['cspLast'] ?? '' };
}

test('Design a Function: fill an SQS worker, see the engine\'s design and charts, change traffic, reload, save', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'examples', theme: 'dark' });
  t.after(() => vs.stop());
  await runWhenListed(vs, 'Lambda Advisor: Design a Function…');
  let f = await wizard(vs);
  assert.match(await stepTitle(f), /^1\. Workload/);

  // 1 Workload, with a bad value first: the field says what is wrong and the wizard does not go on.
  await fill(f, 'name', SQS_WORKER.name);
  await fill(f, 'requestsPerMonth', '5,000,000');
  await fill(f, 'peakPerSecond', '40');
  await fill(f, 'payloadKb', '4');
  await fill(f, 'averageDurationMs', '120');
  await fill(f, 'p99DurationMs', 'fast');
  await f.locator('#f-p99DurationMs-error', { hasText: 'must be a number' }).waitFor({ timeout: 5_000 });
  await f.locator('[data-testid="next"]').click();
  assert.match(await stepTitle(f), /^1\. Workload/, 'a bad field keeps the wizard on its step');
  await fill(f, 'p99DurationMs', '50');
  await f.locator('#f-p99DurationMs-error', { hasText: 'must be >= work.averageDurationMs' }).waitFor({ timeout: 5_000 });
  await fill(f, 'p99DurationMs', '400');
  await fill(f, 'measuredAtMemoryMb', '1024');
  assert.equal(await f.locator('.field-error:not(:empty)').count(), 0, 'no error left on the workload step');
  await vs.screenshot('wizard-1-workload-dark');
  await next(f, /^2\. Invocation source/);

  // 2 Invocation source: the SQS card.
  await f.locator('[data-source="sqs"]').click();
  await vs.screenshot('wizard-2-source-dark');
  await next(f, /^3\. Latency/);
  await vs.screenshot('wizard-3-latency-dark');
  await next(f, /^4\. Budget/);
  await vs.screenshot('wizard-4-budget-dark');
  await next(f, /^5\. Constraints/);
  await fill(f, 'maxConcurrency', '20');
  await vs.screenshot('wizard-5-constraints-dark');
  await next(f, /^6\. Design/);

  // 6 Design: the numbers recommend() gives for this scenario, and the charts drawn.
  const d1 = expectedDesign(SQS_WORKER);
  await assertDesignShown(f, d1);
  await assertChartsDrawn(f);
  await vs.screenshot('wizard-6-design-dark');
  await f.locator('#cost').scrollIntoViewIfNeeded();
  await vs.screenshot('wizard-6-cost-dark');
  const csp = await cspViolations(f);
  assert.equal(csp.count, 0, `no Content-Security-Policy violation (vscode-elements, chart.js, React); last: ${csp.last}`);

  // Change the traffic: the bill follows, with the engine's new numbers.
  await f.locator('button[data-step="workload"]').click();
  await fill(f, 'requestsPerMonth', '50000000');
  await f.locator('button[data-step="design"]').click();
  const d2 = expectedDesign({ ...SQS_WORKER, traffic: { ...SQS_WORKER.traffic, requestsPerMonth: 50_000_000 } });
  assert.notEqual(usd(d2.cost.total), usd(d1.cost.total));
  await f.locator('[data-testid="bill-total"]', { hasText: usd(d2.cost.total) }).waitFor({ timeout: 10_000 });
  await assertDesignShown(f, d2);
  await assertChartsDrawn(f);

  // Reload the window: the serializer revives the panel and the page restores its state.
  await vs.reload();
  f = await wizard(vs);
  await f.locator('[data-testid="bill-total"]', { hasText: usd(d2.cost.total) }).waitFor({ timeout: 30_000 });
  assert.match(await stepTitle(f), /^6\. Design/);
  await assertChartsDrawn(f);
  await vs.screenshot('wizard-after-reload-dark');

  // Save: the save dialog defaults into the workspace; the file is exactly the scenario (CLI-compatible).
  await f.locator('[data-testid="save"]').click();
  const dialogInput = vs.page.locator('.quick-input-widget input');
  await dialogInput.waitFor({ state: 'visible', timeout: 15_000 });
  // The simple file dialog fills in the folder first, then the proposed name.
  let proposed = '';
  for (let i = 0; i < 50 && !proposed.endsWith('.json'); i++) {
    proposed = await dialogInput.inputValue();
    await new Promise((r) => setTimeout(r, 200));
  }
  await vs.screenshot('wizard-save-dialog-dark');
  assert.match(proposed, /orders-worker\.lambda-advisor\.json$/, `the dialog proposes NAME.lambda-advisor.json (${proposed})`);
  await vs.screenshot('wizard-save-dialog-dark');
  await vs.page.keyboard.press('Enter');
  const saved = join(vs.workspaceDir, 'orders-worker.lambda-advisor.json');
  const deadline = Date.now() + 15_000;
  while (!existsSync(saved) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  assert.ok(existsSync(saved), `${saved} was written`);
  const json = JSON.parse(readFileSync(saved, 'utf8'));
  assert.deepEqual(json, { ...SQS_WORKER, traffic: { ...SQS_WORKER.traffic, requestsPerMonth: 50_000_000 } });
  assert.equal(expectedDesign(json).cost.total, d2.cost.total, 'the saved file gives the same design');
});

for (const theme of ['light', 'high-contrast'] as const) {
  test(`the design page in the ${theme} theme: opened from a scenario file, cards and charts drawn`, { timeout: E2E_TEST_TIMEOUT }, async (t) => {
    const vs = await startVSCode({ workspace: 'examples', theme });
    t.after(() => vs.stop());
    const file = join(vs.workspaceDir, 'scenarios', 'orders-worker.lambda-advisor.json');
    await runWhenListed(vs, 'Lambda Advisor: Open Scenario…');
    const dialogInput = vs.page.locator('.quick-input-widget input');
    await dialogInput.waitFor({ state: 'visible', timeout: 15_000 });
    // The simple dialog fills in its default folder asynchronously: type the path only after that, and
    // check it stayed before accepting with the dialog's button.
    for (let i = 0; i < 50 && !(await dialogInput.inputValue()).endsWith('/'); i++) await new Promise((r) => setTimeout(r, 200));
    for (let attempt = 0; attempt < 5; attempt++) {
      await dialogInput.fill(file);
      await new Promise((r) => setTimeout(r, 1_000));
      if ((await dialogInput.inputValue()) === file) break;
    }
    await vs.page.locator('.quick-input-widget .monaco-button', { hasText: 'Open Scenario' }).click();
    const f = await wizard(vs);
    await f.locator('[data-testid="step-title"]', { hasText: /^6\. Design/ }).waitFor({ timeout: 20_000 });
    const d = expectedDesign(JSON.parse(readFileSync(file, 'utf8')));
    await assertDesignShown(f, d);
    await assertChartsDrawn(f);
    const bodyClass = await f.evaluate(() => (globalThis as unknown as { document: { body: { className: string } } }).document.body.className);
    assert.ok(bodyClass.split(/\s+/).includes(`vscode-${theme}`), `the webview follows the ${theme} theme (body class "${bodyClass}")`);
    const csp = await cspViolations(f);
    assert.equal(csp.count, 0, `no Content-Security-Policy violation; last: ${csp.last}`);
    await vs.screenshot(`wizard-6-design-${theme}`);
    await f.locator('#cost').scrollIntoViewIfNeeded();
    await vs.screenshot(`wizard-6-cost-${theme}`);
  });
}
