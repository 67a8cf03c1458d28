// "Import Measurements…" in real VS Code: a CloudWatch log with REPORT lines at two memory sizes is picked through
// the wizard's button (the quick pick, then VS Code's own open dialog); the workload fields fill from it, the
// summary says what was read, and the Design step's memory chart follows the measured points. The expected numbers
// come from the engine's calibrate reader run on the same file, as the other tests take theirs from recommend().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { Calibrator, measurementImport, type MeasurementImport } from '../../src/engine/calibrate/index.ts';
import { mb, whole } from '../../src/engine/format.ts';
import { invocations, textLog } from '../unit/calibrate-fixtures.ts';
import { E2E_TEST_TIMEOUT, startVSCode } from './harness.ts';
import { runWhenListed, sleep, waitFor, wizardFrame } from './ui.ts';

/** What the engine reads from the log: the same reader the extension streams the file through. */
function expectedImport(file: string, draft: unknown): MeasurementImport {
  const c = new Calibrator();
  c.beginFile('logs/orders-worker.log');
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) c.feed(line);
  c.endFile();
  const r = measurementImport(c.result(), draft);
  assert.ok(r.ok, `the test's log is readable: ${JSON.stringify(r)}`);
  return r.value;
}

async function fieldNumber(f: Frame, field: string): Promise<number> {
  const v = await f.locator(`#f-${field} input`).inputValue();
  return Number(v.replace(/,/g, ''));
}

async function next(f: Frame, expectTitle: RegExp): Promise<void> {
  await f.locator('[data-testid="next"]').click();
  await f.locator('[data-testid="step-title"]', { hasText: expectTitle }).waitFor({ timeout: 10_000 });
}

test('Import Measurements…: a log file fills the workload, the summary says what was read, the memory chart shows the measured points', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'examples', theme: 'dark' });
  t.after(() => vs.stop());
  // 300 invocations at 512 MB and 300 at 1,024 MB, every 50th a cold start, as `aws logs tail` prints them.
  const logFile = join(vs.workspaceDir, 'logs', 'orders-worker.log');
  mkdirSync(join(vs.workspaceDir, 'logs'), { recursive: true });
  writeFileSync(
    logFile,
    textLog(invocations(300, 512, 240, { seed: 3, coldEvery: 50, maxUsedMb: 90 })) +
      textLog(invocations(300, 1024, 130, { seed: 4, coldEvery: 50, maxUsedMb: 92, start: new Date('2026-11-30T11:00:00.000Z') }), 9),
  );

  await runWhenListed(vs, 'Lambda Advisor: Design a Function…');
  const f = await wizardFrame(vs);
  await f.locator('#f-name input').fill('orders-worker');
  await f.locator('[data-testid="import-measurements-button"]').click();

  // The quick pick asks where the measurements are; then VS Code's open dialog takes the file's path.
  const quickInput = vs.page.locator('.quick-input-widget');
  await quickInput.locator('.monaco-list-row', { hasText: 'Log files' }).first().click({ timeout: 15_000 });
  const dialogInput = vs.page.locator('.quick-input-widget input');
  for (let i = 0; i < 50 && !(await dialogInput.inputValue()).endsWith('/'); i++) await sleep(200);
  for (let attempt = 0; attempt < 5; attempt++) {
    await dialogInput.fill(logFile);
    await sleep(1_000);
    if ((await dialogInput.inputValue()) === logFile) break;
  }
  await vs.page.locator('.quick-input-widget .monaco-button', { hasText: 'Import' }).click();

  // The summary names what was read: invocations, cold starts, the memory sizes, the file.
  const draft = { work: {} };
  const imported = expectedImport(logFile, draft);
  assert.deepEqual(imported.summary.memorySizesMb, [512, 1024], 'the log holds two memory sizes');
  const summary = f.locator('.measured-summary[data-testid="measured-summary"]');
  await summary.waitFor({ timeout: 60_000 });
  const text = ((await summary.textContent()) ?? '').replace(/\s+/g, ' ');
  assert.ok(text.includes(`${whole(imported.summary.invocations)} invocations, ${whole(imported.summary.coldStarts)} cold starts`), `the summary counts what was read: ${text}`);
  assert.ok(text.includes(`measured at ${mb(512)}, ${mb(1024)}`), `the summary lists both memory sizes: ${text}`);
  assert.ok(text.includes('orders-worker.log'), `the summary names the file: ${text}`);
  assert.ok(text.includes('2026-11-30 10:00:00 UTC to 2026-11-30 11:04:59 UTC'), `the summary gives the time span as a person reads it: ${text}`);
  await vs.screenshot('wizard-import-summary-dark');

  // The workload fields hold the measured numbers.
  for (const k of ['averageDurationMs', 'p99DurationMs', 'measuredAtMemoryMb'] as const) {
    const want = imported.work[k];
    assert.equal(typeof want, 'number', `the import sets work.${k}`);
    const got = await waitFor(`the ${k} field to show the measured value`, async () => {
      const v = await fieldNumber(f, k);
      return Math.abs(v - (want as number)) <= Math.max(0.01, Math.abs(want as number) * 1e-3) ? v : undefined;
    }, 10_000);
    assert.ok(Number.isFinite(got));
  }

  // On to the Design step (an SQS worker): the memory chart says it follows the measurements, at both sizes.
  await f.locator('#f-requestsPerMonth input').fill('5000000');
  await next(f, /^2\. Invocation source/);
  await f.locator('[data-source="sqs"]').click();
  await next(f, /^3\. Latency/);
  await next(f, /^4\. Budget/);
  await next(f, /^5\. Constraints/);
  await next(f, /^6\. Design/);
  const note = f.locator('[data-testid="measured-note"]');
  await note.waitFor({ timeout: 20_000 });
  const noteText = ((await note.textContent()) ?? '').trim();
  assert.match(noteText, /^Measured at 512, 1024 MB: fitted /, `the chart says its curve follows the measurements: ${noteText}`);
  const chartLabel = (await f.locator('canvas[data-testid="chart-memory"]').getAttribute('aria-label')) ?? '';
  assert.ok(chartLabel.includes(`Measured at ${mb(512)}, ${mb(1024)}`), `the memory chart marks the measured points: ${chartLabel}`);
  await f.locator('[data-testid="chart-memory"]').scrollIntoViewIfNeeded();
  await vs.screenshot('wizard-import-memory-chart-dark');
});
