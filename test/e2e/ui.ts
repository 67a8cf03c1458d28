/** Small helpers the end-to-end tests share on top of harness.ts: waiting for a condition, opening a file. */
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { parseScenario, recommend, type Design } from '../../src/engine/index.ts';
import type { VSCode } from './harness.ts';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `probe` until it returns a value (not undefined); errors thrown by the probe count as "not yet". After
 * `timeoutMs`, `onTimeout` runs (e.g. a screenshot) and the wait fails naming `what` and the last error.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  onTimeout?: () => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      if (onTimeout) await onTimeout().catch(() => undefined);
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    }
    await sleep(250);
  }
}

/** Open a workspace file by clicking through the Explorer, folder by folder, and wait for its editor tab. */
export async function openThroughExplorer(page: Page, segments: readonly string[], showExplorer: () => Promise<void>): Promise<void> {
  await showExplorer();
  const rows = '.explorer-folders-view .monaco-list-row';
  for (const [i, name] of segments.entries()) {
    const row = page.locator(rows, { has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const last = i === segments.length - 1;
    if (!last && (await row.getAttribute('aria-expanded')) === 'true') continue;
    await row.click();
  }
  const file = segments[segments.length - 1] ?? '';
  await page.waitForSelector(`.tabs-container .tab.active[aria-label^="${file}"]`, { timeout: 30_000 });
}

/**
 * Run a command once the extension's contributions are in the palette. On a loaded machine the
 * extension host can start minutes after the workbench; an open palette does not pick up commands
 * registered after it opened, so look again with a fresh palette each time.
 */
export async function runWhenListed(vs: VSCode, title: string, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await vs.paletteEntries(title, { timeoutMs: 10_000 }).catch(() => []);
    if (seen.includes(title)) return vs.runCommand(title, 30_000);
    await sleep(2_000);
  }
  throw new Error(`"${title}" never appeared in the command palette; last seen: ${seen.join(', ')}`);
}

/** The wizard's webview frame, once its step title is rendered. */
export function wizardFrame(vs: VSCode): Promise<Frame> {
  return vs.webviewFrame('[data-testid="step-title"]', 60_000);
}

/** What the engine recommends for a scenario the test types in (the numbers the UI must show). */
export function expectedDesign(scenario: unknown): Design {
  const r = parseScenario(scenario);
  assert.ok(r.ok, `the test's scenario is valid: ${JSON.stringify(r)}`);
  return recommend(r.scenario);
}
