/** Small helpers the end-to-end tests share on top of harness.ts: waiting for a condition, opening a file. */
import type { Page } from 'playwright-core';

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
