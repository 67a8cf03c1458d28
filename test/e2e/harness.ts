// The end-to-end driver: the packaged .vsix installed in a real VS Code (code-server 4.100.3 = VS Code 1.100.3),
// driven by Playwright in Debian's Chromium. Use it from any test/e2e/*.test.ts:
//
//   import { test } from 'node:test';
//   import { startVSCode, E2E_TEST_TIMEOUT } from './harness.ts';
//   test('…', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
//     const vs = await startVSCode({ workspace: 'examples', theme: 'dark' });
//     t.after(() => vs.stop());                       // always: kills code-server and Chromium even on failure
//     await vs.runCommand('Lambda Advisor: Design a Function…');
//     const frame = await vs.webviewFrame('#root');   // the frame INSIDE the webview that has this selector
//     await vs.screenshot('wizard-dark');             // test-output/e2e/wizard-dark.png
//     await vs.reload();                              // Developer: Reload Window; frames from before are gone,
//     const again = await vs.webviewFrame('#root');   // so ask for the webview frame again
//   });
//
// Each startVSCode() gets a fresh temp folder with a COPY of the workspace (tests never touch examples/), its own
// user-data and extensions folders, a free port and its own Chromium. The first startVSCode() of a test run
// packages the extension once (a lock + marker in test-output/e2e/ shared by the parallel test files).
// Environment: LAMBDA_ADVISOR_VSIX=FILE uses that .vsix instead; CHROMIUM_PATH overrides /usr/bin/chromium;
// LDA_E2E_KEEP=1 keeps the temp folder; LDA_E2E_HEADED=1 shows the browser (needs a display).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import {
  ensureCodeServer,
  installExtension,
  listExtensions,
  startCodeServer,
  withLock,
  writeUserSettings,
  CODE_SERVER_VERSION,
  type RunningCodeServer,
} from '../../scripts/code-server.mjs';
import { defaultVsixPath, packageExtension, projectRoot } from '../../scripts/package.mjs';

/** A per-test timeout for node:test that covers a first-time code-server install on a slow 2-core machine. */
export const E2E_TEST_TIMEOUT = 10 * 60_000;
export const outputDir = join(projectRoot, 'test-output', 'e2e');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

const THEMES: Record<string, string> = {
  dark: 'Default Dark Modern',
  light: 'Default Light Modern',
  'high-contrast': 'Default High Contrast',
  'high-contrast-light': 'Default High Contrast Light',
};

export interface StartOptions {
  /** A folder (relative to the project root, or absolute) copied into a temp dir and opened as the workspace. */
  workspace: string;
  /** 'dark' | 'light' | 'high-contrast' | 'high-contrast-light', or a theme's full name. */
  theme?: string;
  /** Extra user settings (written to <user-data-dir>/User/settings.json before start). */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
}

export interface VSCode {
  page: Page;
  url: string;
  /** The copy of the workspace that VS Code has open (read files the test made here). */
  workspaceDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** Closes Chromium, kills code-server's process group and deletes the temp folder. Safe to call twice. */
  stop(): Promise<void>;
  /** Saves test-output/e2e/NAME.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Opens the command palette, picks the command with exactly this title ("Category: Title"), runs it. */
  runCommand(title: string, timeoutMs?: number): Promise<void>;
  /** The command palette's entries for a query; the palette is closed afterwards unless keepOpen (for a screenshot). */
  paletteEntries(query: string, options?: { timeoutMs?: number; keepOpen?: boolean }): Promise<string[]>;
  /** Waits for a webview's inner content frame in which `selector` matches; survives reloads (polls anew). */
  webviewFrame(selector: string, timeoutMs?: number): Promise<Frame>;
  /** Opens a workspace file (path relative to the workspace) in an editor through Quick Open. */
  openFile(relPath: string, timeoutMs?: number): Promise<void>;
  /** Developer: Reload Window, then waits for the workbench again. */
  reload(timeoutMs?: number): Promise<void>;
  /** The extensions code-server has installed in this instance (`publisher.name@version`). */
  installedExtensions(): string[];
  /** The last lines code-server printed. */
  serverOutput(): string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Fail loudly (never skip) when the machine lacks what the real-VS-Code tests need. */
export function assertPrerequisites(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}: the end-to-end tests drive real VS Code in it. ` +
        'Install it with `apt-get install -y chromium` (.ci/run does) or set CHROMIUM_PATH.',
    );
  }
}

let vsixPromise: Promise<string> | undefined;

/**
 * The .vsix under test, packaged once per test run. The run is identified by the test runner's pid (every test
 * file is a child of it), so parallel files and later files in the same run reuse the first one's package.
 */
export function ensureVsix(): Promise<string> {
  vsixPromise ??= (async () => {
    const override = process.env.LAMBDA_ADVISOR_VSIX;
    if (override) {
      const p = resolve(override);
      if (!existsSync(p)) throw new Error(`LAMBDA_ADVISOR_VSIX=${override}: no such file`);
      return p;
    }
    mkdirSync(outputDir, { recursive: true });
    const runId = process.env.LDA_E2E_RUN_ID ?? String(process.ppid);
    const target = join(outputDir, 'lambda-design-advisor.vsix');
    const markerFile = join(outputDir, '.packaged.json');
    return withLock(join(outputDir, '.package.lock'), () => {
      try {
        const m = JSON.parse(readFileSync(markerFile, 'utf8')) as { runId?: string; bytes?: number };
        if (m.runId === runId && existsSync(target) && statSync(target).size === m.bytes) return target;
      } catch {
        /* no marker yet */
      }
      const started = Date.now();
      const extensionJs = join(projectRoot, 'dist', 'extension.js');
      const sources = Math.max(
        newestMtime(join(projectRoot, 'src')),
        newestMtime(join(projectRoot, 'webview')),
        newestMtime(join(projectRoot, 'package.json')),
      );
      const built = existsSync(extensionJs) ? statSync(extensionJs).mtimeMs : 0;
      // `npm test` has just built dist/ (its build stage), and rebuilding would empty dist/ under the unit tests
      // that run beside us: trust it. A stand-alone e2e run builds when dist/ is missing or older than the sources.
      const underNpmTest = process.env.npm_lifecycle_event === 'test';
      const needBuild = built === 0 || (!underNpmTest && built < sources);
      const distVsix = defaultVsixPath;
      const distFresh =
        !needBuild &&
        existsSync(distVsix) &&
        statSync(distVsix).mtimeMs >= Math.max(built, newestMtime(join(projectRoot, 'dist', 'webview')), newestMtime(join(projectRoot, 'media')), sources);
      if (distFresh) {
        copyFileSync(distVsix, target);
        log(`reusing ${relative(projectRoot, distVsix)}`);
      } else {
        if (needBuild) log(built === 0 ? 'dist/extension.js is missing: building' : 'dist/ is older than the sources: building');
        packageExtension({ build: needBuild, production: false, out: target, log });
      }
      const bytes = statSync(target).size;
      writeFileSync(markerFile, JSON.stringify({ runId, bytes, packagedAt: new Date().toISOString() }, null, 2));
      log(`packaged ${relative(projectRoot, target)} (${(bytes / 1024).toFixed(1)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return target;
    });
  })();
  vsixPromise.catch(() => {
    vsixPromise = undefined; // let a later test retry and report the same clear error
  });
  return vsixPromise;
}

function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100);
  if (!s) throw new Error(`screenshot name ${JSON.stringify(name)} has no usable characters`);
  return s;
}

async function waitForWorkbench(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
  // The explorer has read the workspace and the extension host has started: the palette is then complete.
  await page.waitForSelector('.monaco-workbench .part.sidebar, .monaco-workbench .part.editor', { timeout: timeoutMs });
}

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} .quick-input-box input`;
const quickRows = `${quickInput} .quick-input-list .monaco-list-row`;

async function openQuickInput(page: Page, key: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.locator(quickInputBox).isVisible()) await page.keyboard.press('Escape');
    await page.keyboard.press(key);
    try {
      await page.waitForSelector(quickInputBox, { state: 'visible', timeout: Math.min(5000, Math.max(500, deadline - Date.now())) });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`the quick input did not open with ${key} within ${timeoutMs / 1000} s (${(e as Error).message})`);
      await sleep(500);
    }
  }
}

async function rowLabels(page: Page): Promise<string[]> {
  return page.$$eval(quickRows, (rows) =>
    rows.map((r) => {
      const label = r.querySelector('.label-name')?.textContent ?? r.getAttribute('aria-label') ?? r.textContent ?? '';
      return label.replace(/\s+/g, ' ').trim();
    }),
  );
}

/** Types `query` into the open quick input and waits until the list stops changing. */
async function typeQuery(page: Page, query: string, prefix: string): Promise<void> {
  const box = page.locator(quickInputBox);
  await box.fill(`${prefix}${query}`);
  let last = '';
  let stable = 0;
  for (let i = 0; i < 40 && stable < 3; i++) {
    await sleep(150);
    const now = JSON.stringify(await rowLabels(page));
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

/** Polls the open quick input's rows until `match` picks one (returns its index) or time runs out (-1). */
async function waitForRow(page: Page, match: (labels: string[], ariaLabels: string[]) => number, timeoutMs: number): Promise<{ index: number; seen: string[] }> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  for (;;) {
    seen = await rowLabels(page);
    const aria = await page.$$eval(quickRows, (rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    const index = match(seen, aria);
    if (index >= 0 || Date.now() > deadline) return { index, seen };
    await sleep(200);
  }
}

/**
 * Opens the command palette with `query` and waits until `match` picks a row. The palette computes its list when
 * it opens, and an extension's contributions arrive a while after the workbench shows (20 s and more on a busy
 * machine), so it is closed and opened again every few seconds until the deadline.
 */
async function searchPalette(page: Page, query: string, match: (labels: string[]) => number, timeoutMs: number): Promise<{ index: number; seen: string[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openQuickInput(page, 'F1', Math.max(1000, deadline - Date.now()));
    await page.locator(quickInputBox).fill(`>${query}`);
    const found = await waitForRow(page, (labels) => match(labels), Math.min(4000, Math.max(0, deadline - Date.now())));
    if (found.index >= 0 || Date.now() >= deadline) return found;
    await page.keyboard.press('Escape');
  }
}

/** The first "Lambda Advisor" command of the manifest: once the palette has it, the extension is loaded. */
function readinessCommand(): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      contributes?: { commands?: { title?: string; category?: string }[] };
    };
    const c = manifest.contributes?.commands?.find((x) => x.title && !x.title.startsWith('%'));
    return c?.title ? (c.category ? `${c.category}: ${c.title}` : c.title) : undefined;
  } catch {
    return undefined;
  }
}

/** Start real VS Code with the packaged extension. Always pair with `t.after(() => vs.stop())`. */
export async function startVSCode(options: StartOptions): Promise<VSCode> {
  assertPrerequisites();
  const source = isAbsolute(options.workspace) ? options.workspace : join(projectRoot, options.workspace);
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new Error(`startVSCode: workspace folder ${source} does not exist`);

  const started = Date.now();
  await ensureCodeServer({ log }).catch((e: Error) => {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed and could not be installed: ${e.message}`);
  });
  const vsix = await ensureVsix();

  const tempRoot = mkdtempSync(join(tmpdir(), 'lda-e2e-'));
  const workspaceDir = join(tempRoot, basename(source));
  const userDataDir = join(tempRoot, 'user-data');
  const extensionsDir = join(tempRoot, 'extensions');
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let stopped = false;

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (process.env.LDA_E2E_KEEP === '1') log(`kept ${tempRoot}`);
    else rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    cpSync(source, workspaceDir, { recursive: true });
    const theme = options.theme ? (THEMES[options.theme] ?? options.theme) : undefined;
    writeUserSettings(userDataDir, { ...(theme ? { 'workbench.colorTheme': theme } : {}), ...options.settings });
    installExtension({ vsix, extensionsDir, userDataDir });
    server = await startCodeServer({ workspace: workspaceDir, userDataDir, extensionsDir, timeoutMs: 90_000 });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: process.env.LDA_E2E_HEADED !== '1',
      args: chromiumArgs,
      timeout: 60_000,
    });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('dialog', (d) => void d.accept().catch(() => undefined));
    await page.goto(server.url, { timeout: 60_000 });
    await waitForWorkbench(page, 90_000);
    const ready = readinessCommand();
    if (ready) {
      const { index, seen } = await searchPalette(page, ready, (labels) => labels.indexOf(ready), 120_000);
      await page.keyboard.press('Escape');
      if (index < 0) throw new Error(`the extension did not load: "${ready}" never appeared in the command palette (it showed: ${seen.join(', ') || 'nothing'})`);
    }
    log(`VS Code ${CODE_SERVER_VERSION} up at ${server.url}, extension loaded, in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const runningServer = server;
    const failureScreenshot = async (what: string): Promise<void> => {
      mkdirSync(outputDir, { recursive: true });
      const path = join(outputDir, `failed-${what}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
      await page.screenshot({ path }).then(
        () => log(`screenshot of the failure: ${relative(projectRoot, path)}`),
        () => undefined,
      );
    };
    const vs: VSCode = {
      page,
      url: server.url,
      workspaceDir,
      userDataDir,
      extensionsDir,
      stop: async () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await stop();
      },
      serverOutput: () => runningServer.output(),
      installedExtensions: () => listExtensions({ extensionsDir, userDataDir }),

      async screenshot(name) {
        mkdirSync(outputDir, { recursive: true });
        const path = join(outputDir, `${safeName(name)}.png`);
        await page.screenshot({ path });
        return path;
      },

      async paletteEntries(query, { timeoutMs = 30_000, keepOpen = false } = {}) {
        const real = (l: string) => l !== '' && !/^No matching commands$/i.test(l);
        await searchPalette(page, query, (labels) => labels.findIndex(real), timeoutMs);
        await typeQuery(page, query, '>'); // let the list settle
        const labels = await rowLabels(page);
        if (!keepOpen) await page.keyboard.press('Escape');
        return labels.filter(real);
      },

      async runCommand(title, timeoutMs = 60_000) {
        const { index, seen } = await searchPalette(page, title, (labels) => labels.indexOf(title), timeoutMs);
        if (index < 0) {
          await failureScreenshot('runCommand');
          await page.keyboard.press('Escape');
          throw new Error(`command "${title}" is not in the command palette; it showed: ${seen.length ? seen.map((l) => `"${l}"`).join(', ') : '(nothing)'}`);
        }
        await page.locator(quickRows).nth(index).click();
        await page.waitForSelector(quickInput, { state: 'hidden', timeout: 10_000 }).catch(() => undefined);
      },

      async webviewFrame(selector, timeoutMs = 30_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          for (const frame of page.frames()) {
            if (frame === page.mainFrame() || frame.isDetached() || !frame.url().includes('/webview/')) continue;
            try {
              if (await frame.$(selector)) return frame;
            } catch {
              /* the frame navigated or went away while we looked; poll again */
            }
          }
          if (Date.now() > deadline) {
            await failureScreenshot('webviewFrame');
            const urls = page.frames().map((f) => f.url().replace(/\?.*$/, '')).join('\n  ');
            throw new Error(`no webview frame with "${selector}" after ${timeoutMs / 1000} s; frames:\n  ${urls}`);
          }
          await sleep(200);
        }
      },

      async openFile(relPath, timeoutMs = 30_000) {
        const normalized = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
        const full = resolve(workspaceDir, normalized);
        if (relative(workspaceDir, full).startsWith('..') || !existsSync(full)) {
          throw new Error(`openFile: ${relPath} is not a file in the workspace ${workspaceDir}`);
        }
        const name = basename(normalized);
        const dir = normalized.includes('/') ? normalized.slice(0, normalized.lastIndexOf('/')) : '';
        await openQuickInput(page, 'Control+P', timeoutMs);
        await page.locator(quickInputBox).fill(normalized);
        // Quick Open lists files through ripgrep (shipped by code-server's npm dependencies); results come async.
        const matchRow = (labels: string[], aria: string[]) => labels.findIndex((l, i) => l === name && (!dir || (aria[i] ?? '').includes(dir)));
        // The list is refined while ripgrep answers (a row seen at index 1 can move or go): find the row and click
        // it again until the click lands, within the deadline.
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const { index: picked, seen } = await waitForRow(page, matchRow, Math.max(0, deadline - Date.now()));
          if (picked < 0) {
            await failureScreenshot('openFile');
            await page.keyboard.press('Escape');
            throw new Error(`openFile: Quick Open did not offer ${normalized}; it showed: ${seen.join(', ') || '(nothing)'}`);
          }
          const clicked = await page
            .locator(quickRows)
            .nth(picked)
            .click({ timeout: 5_000 })
            .then(() => true, () => false);
          if (clicked) break;
          if (Date.now() > deadline) throw new Error(`openFile: the Quick Open row for ${normalized} kept moving; no click landed in ${timeoutMs / 1000} s`);
        }
        await page.waitForSelector(`.tabs-container .tab.active[aria-label^="${name.replace(/"/g, '\\"')}"]`, { timeout: timeoutMs });
      },

      async reload(timeoutMs = 90_000) {
        await page.evaluate(() => {
          (globalThis as { __ldaBeforeReload?: boolean }).__ldaBeforeReload = true;
        });
        await vs.runCommand('Developer: Reload Window');
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          try {
            const fresh = await page.evaluate(() => !(globalThis as { __ldaBeforeReload?: boolean }).__ldaBeforeReload);
            if (fresh) break;
          } catch {
            /* the old document is going away */
          }
          if (Date.now() > deadline) throw new Error(`the window did not reload within ${timeoutMs / 1000} s`);
          await sleep(200);
        }
        await waitForWorkbench(page, Math.max(1000, deadline - Date.now()));
        const ready = readinessCommand();
        if (ready) {
          await searchPalette(page, ready, (labels) => labels.indexOf(ready), Math.max(1000, deadline - Date.now()));
          await page.keyboard.press('Escape');
        }
      },
    };
    return vs;
  } catch (e) {
    const out = server?.output() ?? '';
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const err = e as Error;
    err.message = `startVSCode failed: ${err.message}${out ? `\n--- code-server output ---\n${out}` : ''}`;
    throw err;
  }
}
