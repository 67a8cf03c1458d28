// Scaffolding in real VS Code (code-server + Chromium through harness.ts), against the packaged .vsix, in a folder
// that holds only a scenario file (test/fixtures/e2e-scaffold/orders-worker.lambda-advisor.json, an SQS worker):
//   1. "Lambda Advisor: Scaffold from Scenario…": pick the scenario, the workspace folder itself, AWS SAM and
//      TypeScript; the preview lists every generated file as new and ticked and opens one read-only; accept it:
//      the files are on disk with exactly the generated contents, and the Explorer shows them.
//   2. Run it again on the same folder: the preview marks every file "exists" and ticks none; tick template.yaml:
//      the conflict choice offers insert, skip, overwrite and write beside.
//   3. Cancel at the conflict choice (Escape), at the overwrite confirmation (Cancel) and at the preview (Escape):
//      every file in the folder is byte-identical to before (SHA-256 of each), and no file is added.
// Screenshots: test-output/e2e/scaffold-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, outputDir, startVSCode, type VSCode } from './harness.ts';
import { sleep, waitFor as waitForUi } from './ui.ts';
import { advise } from '../../src/engine/index.ts';
import { scaffold } from '../../src/engine/scaffold/index.ts';

const SCENARIO_FILE = 'orders-worker.lambda-advisor.json';
const COMMAND = 'Lambda Advisor: Scaffold from Scenario…';
const TITLE = 'Scaffold from Scenario';

const quickInput = '.quick-input-widget';
const quickRows = `${quickInput} .quick-input-list .monaco-list-row`;
const waitFor = <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, page?: Page): Promise<T> =>
  waitForUi(what, probe, timeoutMs, page ? () => page.screenshot({ path: join(outputDir, `failed-scaffold-${Date.now()}.png`) }) : undefined);

interface Row {
  label: string;
  description: string;
  checked: string | null;
}

/** The rows of the open quick input: label, description and (multi-select) aria-checked. */
async function rows(page: Page): Promise<Row[]> {
  return page.$$eval(quickRows, (els) =>
    els
      .map((r) => ({
        top: parseFloat((r as HTMLElement).style.top || '0'),
        label: (r.querySelector('.label-name')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        description: (r.querySelector('.label-description')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        checked: r.getAttribute('aria-checked'),
      }))
      .sort((a, b) => a.top - b.top)
      .map(({ label, description, checked }) => ({ label, description, checked })),
  );
}

async function quickTitle(page: Page): Promise<string> {
  const title = page.locator(`${quickInput} .quick-input-title`);
  if (!(await page.locator(quickInput).isVisible())) return '';
  return ((await title.textContent()) ?? '').trim();
}

/** Waits until the visible quick input has this title and its rows satisfy `ready`; returns the rows. */
async function waitForQuickPick(page: Page, title: string | RegExp, ready: (rs: Row[]) => boolean = (rs) => rs.length > 0, timeoutMs = 60_000): Promise<Row[]> {
  let seen = '';
  return waitFor(
    `the quick pick "${String(title)}"`,
    async () => {
      const t = await quickTitle(page);
      const rs = await rows(page);
      seen = `title "${t}", rows ${JSON.stringify(rs.map((r) => r.label))}`;
      const titleOk = typeof title === 'string' ? t === title : title.test(t);
      return titleOk && ready(rs) ? rs : undefined;
    },
    timeoutMs,
    page,
  ).catch((e: Error) => {
    e.message += `; last seen: ${seen}`;
    throw e;
  });
}

function rowLocator(page: Page, label: string) {
  return page.locator(quickRows, { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) }).first();
}

async function clickRow(page: Page, label: string): Promise<void> {
  const row = rowLocator(page, label);
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

async function notifications(page: Page): Promise<string[]> {
  return page.$$eval('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message', (els) =>
    els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

async function clearNotifications(vs: VSCode): Promise<void> {
  await vs.runCommand('Notifications: Clear All Notifications');
  await waitFor('the notifications to clear', async () => ((await notifications(vs.page)).length === 0 ? true : undefined), 10_000);
}

/** Waits until a toast with this text is on screen and has finished sliding in (for a readable screenshot). */
async function toastShown(page: Page, text: string): Promise<void> {
  await page.locator('.notifications-toasts .notification-toast', { hasText: text }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await sleep(800);
}

/** SHA-256 of every file under `dir`, keyed by its path relative to `dir`. */
function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** Runs the command and answers the steps before the preview: scenario, folder (the workspace folder itself), SAM, TypeScript. */
async function scaffoldUpToPreview(vs: VSCode, workspaceName: string): Promise<Row[]> {
  const { page } = vs;
  // Clear old toasts now: the palette (F1) would close an open pick, so this cannot happen later in the flow.
  await clearNotifications(vs);
  await vs.runCommand(COMMAND, 180_000);
  // The scenario: the workspace's *.lambda-advisor.json file (found with findFiles).
  const scenarioRows = await waitForQuickPick(page, TITLE, (rs) => rs.some((r) => r.label === 'Browse…'));
  assert.ok(
    scenarioRows.some((r) => r.label === SCENARIO_FILE),
    `the scenario pick offers ${SCENARIO_FILE}; it showed ${JSON.stringify(scenarioRows.map((r) => r.label))}`,
  );
  await clickRow(page, SCENARIO_FILE);
  // The folder to write into: empty (the workspace folder itself) is proposed for a scenario at its root.
  const box = page.locator(`${quickInput} .quick-input-box input`);
  await waitFor('the folder input box', async () => ((await page.locator(`${quickInput} .quick-input-message`).textContent()) ?? '').includes(`Folder inside ${workspaceName}`) || undefined, 30_000, page);
  assert.equal(await box.inputValue(), '', 'the folder proposed is the workspace folder itself');
  await box.press('Enter');
  await waitForQuickPick(page, TITLE, (rs) => rs.some((r) => r.label === 'AWS SAM'));
  await clickRow(page, 'AWS SAM');
  await waitForQuickPick(page, TITLE, (rs) => rs.some((r) => r.label === 'TypeScript') && !rs.some((r) => r.label === 'AWS SAM'));
  await clickRow(page, 'TypeScript');
  return waitForQuickPick(page, `${TITLE}: orders-worker: sam, typescript into ${workspaceName}`, (rs) => rs.length >= expected.length);
}

// What the command must write: the engine's output for this scenario, SAM + TypeScript.
const scenario = JSON.parse(readFileSync(new URL(`../fixtures/e2e-scaffold/${SCENARIO_FILE}`, import.meta.url), 'utf8')) as unknown;
const advised = advise(scenario);
if (!advised.ok) throw new Error(`the fixture scenario is invalid: ${JSON.stringify(advised.errors)}`);
const expected = scaffold(advised.design, { iac: 'sam', language: 'typescript' });

test('Scaffold from Scenario in real VS Code: files written and shown in the Explorer; a second run marks them and offers the conflict choice; cancelling changes no byte', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  // Sanity of the expectation (by hand, not from the code): a SAM template, a TypeScript handler and sample events.
  const paths = expected.map((f) => f.path);
  for (const p of ['template.yaml', 'src/handler.ts', 'events/event.json']) assert.ok(paths.includes(p), `the engine generates ${p} (it generates ${paths.join(', ')})`);
  assert.match(expected.find((f) => f.path === 'template.yaml')?.contents ?? '', /^Transform: AWS::Serverless-2016-10-31$/m);

  const vs = await startVSCode({ workspace: 'test/fixtures/e2e-scaffold', theme: 'dark', viewport: { width: 1400, height: 1300 } });
  t.after(() => vs.stop());
  const { page } = vs;
  const ws = vs.workspaceDir;
  const workspaceName = 'e2e-scaffold';
  assert.deepEqual([...hashTree(ws).keys()], [SCENARIO_FILE], 'the workspace starts with the scenario file only');

  // ---- 1. First run: everything is new, ticked; accept; the files are on disk and in the Explorer. ----
  const preview1 = await scaffoldUpToPreview(vs, workspaceName);
  assert.deepEqual(preview1.map((r) => r.label).sort(), [...paths].sort(), 'the preview lists every generated file');
  for (const r of preview1) {
    assert.equal(r.description, 'new', `${r.label} is marked new`);
    assert.equal(r.checked, 'true', `${r.label} is ticked`);
  }
  // Each file is openable before anything is written: the row's button opens a read-only preview beside.
  const templateRow = rowLocator(page, 'template.yaml');
  await templateRow.hover();
  await templateRow.locator('.quick-input-list-entry-action-bar .action-label').first().click();
  const previewEditor = page.locator('.monaco-editor[data-uri^="lambda-advisor-preview:"][data-uri$="template.yaml"]').first();
  await previewEditor.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.monaco-editor .view-line', { hasText: 'Transform: AWS::Serverless-2016-10-31' }).first().waitFor({ timeout: 15_000 });
  assert.ok(!existsSync(join(ws, 'template.yaml')), 'opening the preview writes nothing');
  await waitForQuickPick(page, /^Scaffold from Scenario: orders-worker/); // the preview pick is still open
  await vs.screenshot('scaffold-1-preview-all-new');

  await page.locator(`${quickInput} .quick-input-box input`).press('Enter');
  const done = await waitFor('the "scaffolded" message', async () => (await notifications(page)).find((m) => m.includes('Lambda Advisor scaffolded')), 60_000, page);
  assert.match(done, new RegExp(`^Lambda Advisor scaffolded ${expected.length} files into ${workspaceName}\\. Edit > Undo takes it back\\.`));
  for (const f of expected) {
    const file = join(ws, f.path);
    await waitFor(`${f.path} on disk`, () => (existsSync(file) ? true : undefined), 30_000);
    assert.equal(readFileSync(file, 'utf8'), f.contents, `${f.path} holds exactly the generated contents`);
  }
  assert.deepEqual([...hashTree(ws).keys()].sort(), [SCENARIO_FILE, ...paths].sort(), 'no other file is written');
  await vs.runCommand('View: Close All Editors'); // the read-only preview of template.yaml

  // The Explorer shows them: top-level files and folders, and inside events/ and src/ once expanded.
  await vs.runCommand('View: Show Explorer');
  const explorerRow = (name: string) =>
    page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  for (const name of ['template.yaml', 'README.md', 'package.json', 'events', 'src', 'test']) await explorerRow(name).waitFor({ state: 'visible', timeout: 30_000 });
  for (const folder of ['events', 'src']) {
    if ((await explorerRow(folder).getAttribute('aria-expanded')) !== 'true') await explorerRow(folder).click();
  }
  for (const name of ['event.json', 'partial-failure.json', 'handler.ts']) await explorerRow(name).waitFor({ state: 'visible', timeout: 30_000 });
  // Open the written template from the Explorer: a file on disk now, no longer the read-only preview.
  await explorerRow('template.yaml').click();
  // (code-server names workspace files vscode-remote://…, the preview is lambda-advisor-preview:…)
  const diskEditor = page.locator('.monaco-editor[data-uri$="/template.yaml"]:not([data-uri^="lambda-advisor-preview:"])').first();
  await diskEditor.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match((await diskEditor.getAttribute('data-uri')) ?? '', new RegExp(`${workspaceName}/template\\.yaml$`));
  await toastShown(page, 'Lambda Advisor scaffolded').catch(() => undefined); // it may have timed out by now; its text was checked above
  await vs.screenshot('scaffold-1-explorer');

  // ---- 2. Second run on the same folder: every file marked "exists", none ticked; tick template.yaml. ----
  const before = hashTree(ws);
  const preview2 = await scaffoldUpToPreview(vs, workspaceName);
  assert.deepEqual(preview2.map((r) => r.label).sort(), [...paths].sort());
  for (const r of preview2) {
    assert.equal(r.description, 'exists', `${r.label} is marked as existing`);
    assert.notEqual(r.checked, 'true', `${r.label} (existing) is not ticked`);
  }
  const placeholder = await page.locator(`${quickInput} .quick-input-box input`).getAttribute('placeholder');
  assert.match(placeholder ?? '', new RegExp(`^${expected.length} files; ${expected.length} already exist`));
  await vs.screenshot('scaffold-2-preview-exists');
  await clickRow(page, 'template.yaml');
  await waitFor('template.yaml ticked', async () => ((await rowLocator(page, 'template.yaml').getAttribute('aria-checked')) === 'true' ? true : undefined), 10_000, page);
  await page.locator(`${quickInput} .quick-input-box input`).press('Enter');

  const conflictTitle = `${TITLE}: template.yaml already exists`;
  const choices = await waitForQuickPick(page, conflictTitle, (rs) => rs.length >= 4);
  assert.deepEqual(
    choices.map((r) => r.label),
    ['Insert resources into template.yaml', 'Skip: keep my file', 'Overwrite…', 'Write beside it'],
    'the conflict choice: insert, skip, overwrite, write beside',
  );
  assert.equal(choices.find((r) => r.label === 'Write beside it')?.description, 'as template.generated.yaml');
  assert.equal(choices.find((r) => r.label === 'Overwrite…')?.description, 'asks to confirm');
  await vs.screenshot('scaffold-2-conflict-choice');

  // ---- 3a. Escape at the conflict choice: nothing is written. ----
  await page.locator(`${quickInput} .quick-input-box input`).press('Escape');
  await page.waitForSelector(quickInput, { state: 'hidden', timeout: 15_000 });
  await waitFor('the "cancelled" message', async () => (await notifications(page)).find((m) => m === 'Scaffolding cancelled; nothing was written.'), 30_000, page);
  await toastShown(page, 'Scaffolding cancelled; nothing was written.');
  await vs.screenshot('scaffold-3-cancelled-at-conflict');
  await sleep(1000); // anything written late would show in the hashes
  assert.deepEqual(hashTree(ws), before, 'after Escape at the conflict choice every file is byte-identical and none is added');

  // ---- 3b. Overwrite… then Cancel in the modal confirmation: nothing is written. ----
  await scaffoldUpToPreview(vs, workspaceName);
  await clickRow(page, 'src/handler.ts');
  await waitFor('src/handler.ts ticked', async () => ((await rowLocator(page, 'src/handler.ts').getAttribute('aria-checked')) === 'true' ? true : undefined), 10_000, page);
  await page.locator(`${quickInput} .quick-input-box input`).press('Enter');
  const handlerChoices = await waitForQuickPick(page, `${TITLE}: src/handler.ts already exists`, (rs) => rs.length >= 3);
  assert.deepEqual(handlerChoices.map((r) => r.label), ['Skip: keep my file', 'Overwrite…', 'Write beside it'], 'insert is offered only for template.yaml');
  await clickRow(page, 'Overwrite…');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match((await dialog.textContent()) ?? '', /Overwrite 1 existing file with the generated version\?/);
  assert.match((await dialog.textContent()) ?? '', /src\/handler\.ts/);
  await vs.screenshot('scaffold-3-overwrite-confirmation');
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Cancel$/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
  await waitFor('the "cancelled" message', async () => (await notifications(page)).find((m) => m === 'Scaffolding cancelled; nothing was written.'), 30_000, page);
  await sleep(1000);
  assert.deepEqual(hashTree(ws), before, 'after Cancel at the overwrite confirmation every file is byte-identical');

  // ---- 3c. Escape at the preview: nothing is written. ----
  await scaffoldUpToPreview(vs, workspaceName);
  await clickRow(page, 'template.yaml'); // even with a file ticked, Escape writes nothing
  await waitFor('template.yaml ticked', async () => ((await rowLocator(page, 'template.yaml').getAttribute('aria-checked')) === 'true' ? true : undefined), 10_000, page);
  await page.locator(`${quickInput} .quick-input-box input`).press('Escape');
  await page.waitForSelector(quickInput, { state: 'hidden', timeout: 15_000 });
  await vs.screenshot('scaffold-3-cancelled-at-preview');
  await sleep(1500);
  assert.deepEqual(hashTree(ws), before, 'after Escape at the preview every file is byte-identical and none is added');
});
