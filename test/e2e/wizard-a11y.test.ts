// The design wizard's promises beyond the happy path, in real VS Code (code-server + Chromium through harness.ts):
// usable by keyboard alone with a visible focus, charts redrawn in the new colours when the theme changes,
// "Lambda Advisor: Show Cost…" bringing the bill and charts of the current scenario into view (every time it runs,
// and from a scenario file open in the editor), and a source link opened by the host exactly once, never inside
// the webview. Screenshots in test-output/e2e/wizard-a11y-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
// The wizard shows amounts and counts through the engine's one formatter, as the hover and the CLI do.
import { usd, whole } from '../../src/engine/format.ts';
import { E2E_TEST_TIMEOUT, startVSCode, type VSCode } from './harness.ts';
import { expectedDesign, runWhenListed, sleep, wizardFrame as wizard } from './ui.ts';


async function stepTitle(f: Frame): Promise<string> {
  return ((await f.locator('[data-testid="step-title"]').textContent()) ?? '').trim();
}

/** Open a workspace scenario file through Open Scenario… and its dialog (as a user does). */
async function openScenario(vs: VSCode, file: string): Promise<void> {
  await runWhenListed(vs, 'Lambda Advisor: Open Scenario…');
  const dialogInput = vs.page.locator('.quick-input-widget input');
  await dialogInput.waitFor({ state: 'visible', timeout: 15_000 });
  for (let i = 0; i < 50 && !(await dialogInput.inputValue()).endsWith('/'); i++) await sleep(200);
  for (let attempt = 0; attempt < 5; attempt++) {
    await dialogInput.fill(file);
    await sleep(1_000);
    if ((await dialogInput.inputValue()) === file) break;
  }
  await vs.page.locator('.quick-input-widget .monaco-button', { hasText: 'Open Scenario' }).click();
}

// ---- focus, seen from inside the webview ----

interface Focused {
  /** A number the page gives each element the first time it is focused: the same element keeps its number. */
  readonly key: number;
  /** host > inner element, e.g. "VSCODE-TEXTFIELD#f-name > INPUT#input". */
  readonly chain: string;
  readonly id: string;
  readonly testId: string;
  readonly value: string;
  /** The type of a focused native input (radio, checkbox, text…), '' for anything else. */
  readonly type: string;
  readonly href: string;
  /** Does the document inside the webview have focus at all (false: focus is in the workbench around it)? */
  readonly inWebview: boolean;
  /** What makes the focus visible: an outline, a focus-coloured border or a box shadow on the element, its shadow parts or (focus-within) its two nearest ancestors. */
  readonly ring: readonly string[];
  /** The focused element's box, to check it is on screen. */
  readonly box: { top: number; bottom: number; height: number; viewport: number } | null;
}

/** The element that really has focus: document.activeElement, then down each shadowRoot.activeElement. */
async function focused(f: Frame): Promise<Focused> {
  return f.evaluate(() => {
    const doc = document;
    const probe = doc.createElement('div');
    probe.style.color = 'var(--vscode-focusBorder)';
    doc.body.append(probe);
    const focusColor = getComputedStyle(probe).color;
    probe.remove();
    const chain: Element[] = [];
    let el: Element | null = doc.activeElement;
    while (el && el !== doc.body) {
      chain.push(el);
      el = el.shadowRoot ? el.shadowRoot.activeElement : null;
    }
    const deep = chain[chain.length - 1];
    const host = chain[0];
    const w = window as unknown as { __ldaKeys?: WeakMap<Element, number>; __ldaNext?: number };
    w.__ldaKeys ??= new WeakMap();
    w.__ldaNext ??= 1;
    let key = 0;
    if (deep) {
      key = w.__ldaKeys.get(deep) ?? 0;
      if (!key) {
        key = w.__ldaNext++;
        w.__ldaKeys.set(deep, key);
      }
    }
    // (No named functions in here: the test runner's transform would wrap them in a helper the page lacks.)
    const names = new Map<Element, string>();
    for (const e of [...chain, ...Array.from(doc.querySelectorAll('*')), ...chain.flatMap((c) => (c.shadowRoot ? Array.from(c.shadowRoot.querySelectorAll('*')) : []))]) {
      names.set(e, `${e.tagName}${e.id ? `#${e.id}` : ''}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''}`);
    }
    // Candidates for the focus indicator: the chain itself, everything in its shadow roots, and for the
    // last element two ancestors (cards and checkboxes show focus with :focus-within on their label).
    const strong = new Set<Element>();
    const weak = new Set<Element>();
    for (const e of chain) {
      strong.add(e);
      if (e.shadowRoot) for (const x of Array.from(e.shadowRoot.querySelectorAll('*'))) strong.add(x);
    }
    let p = deep?.parentElement ?? null;
    for (let i = 0; i < 2 && p; i++, p = p.parentElement) weak.add(p);
    if (host) {
      let q = host.parentElement;
      for (let i = 0; i < 2 && q; i++, q = q.parentElement) weak.add(q);
    }
    const ring: string[] = [];
    for (const c of [...strong, ...weak]) {
      const s = getComputedStyle(c);
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !(s.outlineColor === 'transparent' || /rgba\(.*,\s*0\)$/.test(s.outlineColor))) ring.push(`${names.get(c)} outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`);
      // A focus-coloured border counts only on the element itself or its parts (a selected card has one without focus).
      else if (strong.has(c) && parseFloat(s.borderTopWidth) > 0 && s.borderTopColor === focusColor) ring.push(`${names.get(c)} border ${s.borderTopColor}`);
      else if (s.boxShadow !== 'none' && strong.has(c)) ring.push(`${names.get(c)} box-shadow ${s.boxShadow}`);
    }
    const r = deep ? (deep.getBoundingClientRect().height > 2 ? deep : (deep.parentElement ?? deep)).getBoundingClientRect() : null;
    const input = deep as HTMLInputElement | undefined;
    return {
      key,
      chain: chain.map((c) => names.get(c)).join(' > '),
      id: host?.id ?? '',
      testId: host?.getAttribute('data-testid') ?? '',
      value: input && 'value' in input ? String(input.value) : '',
      type: deep instanceof HTMLInputElement ? deep.type : '',
      href: deep instanceof HTMLAnchorElement ? deep.href : '',
      inWebview: doc.hasFocus() && chain.length > 0,
      ring,
      box: r ? { top: r.top, bottom: r.bottom, height: r.height, viewport: window.innerHeight } : null,
    };
  });
}

/** Everything a Tab walk saw, to report a failure with the path that led to it. */
class Walk {
  readonly steps: string[] = [];
  private last = -1;
  private same = 0;
  maxSame = 0;

  constructor(
    private readonly page: Page,
    private readonly f: Frame,
  ) {}

  async press(key: string): Promise<Focused> {
    await this.page.keyboard.press(key);
    await sleep(60);
    const now = await focused(this.f);
    this.steps.push(`${key} → ${now.inWebview ? now.chain : '(outside the webview)'}${now.value ? `=${now.value}` : ''}`);
    if (key === 'Tab' || key === 'Shift+Tab') {
      this.same = now.inWebview && now.key === this.last ? this.same + 1 : 0;
      this.maxSame = Math.max(this.maxSame, this.same);
      assert.equal(this.same, 0, `${key} did not move the focus off ${now.chain}:\n  ${this.steps.slice(-12).join('\n  ')}`);
    }
    this.last = now.inWebview ? now.key : -1;
    return now;
  }

  /** Presses `key` until `match` holds for the focused element (and checks the focus is visible each time it is in the webview). */
  async until(match: (x: Focused) => boolean, what: string, key = 'Tab', max = 60): Promise<Focused> {
    for (let i = 0; i < max; i++) {
      const now = await this.press(key);
      if (now.inWebview) assert.ok(now.ring.length > 0, `the focus on ${now.chain} is visible (an outline, focus border or shadow):\n  ${this.steps.slice(-6).join('\n  ')}`);
      if (now.inWebview && match(now)) return now;
    }
    throw new Error(`${what} was not reached with ${max} presses of ${key}:\n  ${this.steps.slice(-30).join('\n  ')}`);
  }

  /** Focus a text field by Tab and replace its text by typing. */
  async type(field: string, text: string): Promise<void> {
    await this.until((x) => x.id === `f-${field}`, `the field ${field}`);
    // Select the old text with End, Shift+Home (not Ctrl+A: VS Code also answers Ctrl+A in a webview with a
    // select-all sent back into the page, which can land after the first typed character and eat it).
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Shift+Home');
    await this.page.keyboard.type(text, { delay: 10 });
    let now = await focused(this.f);
    for (let i = 0; i < 20 && now.value !== text; i++) {
      await sleep(100);
      now = await focused(this.f);
    }
    assert.equal(now.value, text, `${field} holds what was typed`);
    this.steps.push(`typed ${JSON.stringify(text)} into ${field}`);
  }

  /** Tab to Next / See the design and press Enter: the step title must change to `title`. */
  async next(title: RegExp): Promise<void> {
    await this.until((x) => x.testId === 'next', 'the Next button');
    await this.page.keyboard.press('Enter');
    this.steps.push('Enter on Next');
    await this.f.locator('[data-testid="step-title"]', { hasText: title }).waitFor({ timeout: 10_000 });
  }
}

// ---- canvas pixels ----

/** Pixels of a chart's canvas that are (nearly) opaque and within 10 of this colour on each channel: text and axis labels. */
async function pixelsOfColour(f: Frame, testId: string, cssColour: string): Promise<{ matching: number; inked: number }> {
  return f.evaluate(
    ({ id, colour }) => {
      const probe = document.createElement('canvas').getContext('2d');
      if (!probe) return { matching: 0, inked: 0 };
      probe.fillStyle = colour; // normalises any CSS colour to #rrggbb
      const hex = String(probe.fillStyle);
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const c = document.querySelector<HTMLCanvasElement>(`canvas[data-testid="${id}"]`);
      const data = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      if (!data) return { matching: 0, inked: 0 };
      let matching = 0;
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] as number) > 0) inked++;
        if ((data[i + 3] as number) < 200) continue;
        if (Math.abs((data[i] as number) - (want[0] as number)) <= 10 && Math.abs((data[i + 1] as number) - (want[1] as number)) <= 10 && Math.abs((data[i + 2] as number) - (want[2] as number)) <= 10) matching++;
      }
      return { matching, inked };
    },
    { id: testId, colour: cssColour },
  );
}

async function themeState(f: Frame): Promise<{ bodyClass: string; foreground: string; chart: string }> {
  return f.evaluate(() => ({
    bodyClass: document.body.className,
    foreground: getComputedStyle(document.documentElement).getPropertyValue('--vscode-foreground').trim(),
    chart: document.querySelector<HTMLCanvasElement>('canvas[data-testid="chart-memory"]')?.toDataURL() ?? '',
  }));
}

async function costInView(f: Frame): Promise<{ top: number; viewport: number; focused: boolean }> {
  return f.evaluate(() => {
    const h = document.getElementById('cost');
    return { top: h ? h.getBoundingClientRect().top : Number.NaN, viewport: window.innerHeight, focused: document.activeElement === h };
  });
}

async function inked(f: Frame, testId: string): Promise<number> {
  return (await pixelsOfColour(f, testId, '#000000')).inked;
}

// ---- the tests ----

test('keyboard alone: through every step to the design with Tab, arrows, Enter and typing; focus always visible, never stuck', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const started = Date.now();
  const vs = await startVSCode({ workspace: 'examples', theme: 'dark' });
  t.after(() => vs.stop());
  await runWhenListed(vs, 'Lambda Advisor: Design a Function…');
  const f = await wizard(vs);
  const page = vs.page;
  assert.match(await stepTitle(f), /^1\. Workload/);
  // Opening the panel puts the keyboard in it: no click is needed (and none is made from here on).
  for (let i = 0; i < 50 && !(await focused(f)).inWebview; i++) await sleep(100);
  assert.ok((await focused(f)).inWebview, 'the wizard has the keyboard focus when it opens');
  const walk = new Walk(page, f);

  // 1 Workload: type the values, choose "I/O" in a select with Enter + arrows + Enter.
  await walk.type('name', 'kbd-worker');
  await walk.type('requestsPerMonth', '3000000');
  await walk.type('peakPerSecond', '25');
  await walk.type('payloadKb', '2');
  await walk.type('averageDurationMs', '80');
  await walk.type('p99DurationMs', '250');
  await walk.type('measuredAtMemoryMb', '512');
  await walk.until((x) => x.id === 'f-profile', 'the "What the time is spent on" select');
  await page.keyboard.press('Enter'); // opens the list
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter'); // picks "I/O", the first option
  assert.equal(await f.evaluate(() => (document.querySelector('#f-profile') as HTMLSelectElement).value), 'io', 'the select changed by keyboard');
  // Shift+Tab goes back to the previous field, Tab forward again.
  const back = await walk.press('Shift+Tab');
  assert.equal(back.id, 'f-measuredAtMemoryMb', 'Shift+Tab moves focus back to the field before');
  const fwd = await walk.press('Tab');
  assert.equal(fwd.id, 'f-profile', 'Tab moves it forward again');
  await vs.screenshot('wizard-a11y-1-workload-select-focus');
  await walk.next(/^2\. Invocation source/);

  // 2 Invocation source: Tab into the radio group, arrows to the SQS card (arrows select, like any radio group).
  const firstCard = await walk.until((x) => x.type === 'radio', 'the first source card');
  assert.equal(firstCard.value, 'api-gateway-rest', 'Tab enters the source cards at the first one');
  let card = firstCard;
  for (let i = 0; i < 20 && card.value !== 'sqs'; i++) card = await walk.press('ArrowDown');
  assert.equal(card.value, 'sqs', 'arrow keys reach the SQS card');
  assert.ok(card.ring.some((r) => r.startsWith('LABEL')), `the focused card shows its focus ring (${card.ring.join('; ')})`);
  assert.ok(card.box && card.box.top >= 0 && card.box.top < card.box.viewport, `the focused card is scrolled into view (${JSON.stringify(card.box)})`);
  assert.deepEqual(await f.$$eval('.source-card.selected', (els) => els.map((e) => (e as HTMLElement).dataset['source'])), ['sqs'], 'exactly the SQS card is selected');
  await vs.screenshot('wizard-a11y-2-source-focus');
  await walk.next(/^3\. Latency/);

  // 3 Latency: a target; 4 Budget: free tier on with Space on the checkbox.
  await walk.type('targetP99Ms', '2000');
  await walk.next(/^4\. Budget/);
  const freeTier = await walk.until((x) => x.id === 'f-freeTier', 'the free-tier checkbox');
  assert.ok(freeTier.ring.length > 0);
  await page.keyboard.press('Space');
  assert.equal(await f.evaluate(() => (document.querySelector('#f-freeTier') as HTMLInputElement).checked), true, 'Space ticks the checkbox');
  await vs.screenshot('wizard-a11y-4-budget-checkbox-focus');
  await walk.next(/^5\. Constraints/);

  // 5 Constraints: a native checkbox with Space, a downstream limit, then "See the design" with Enter.
  const service = await walk.until((x) => x.chain === 'INPUT' && x.type === 'checkbox', 'the first AWS service checkbox');
  assert.ok(service.ring.some((r) => r.startsWith('LABEL')), `the service checkbox shows its focus (${service.ring.join('; ')})`);
  const serviceName = await f.evaluate(() => (document.activeElement?.parentElement?.textContent ?? '').trim());
  await page.keyboard.press('Space');
  await walk.type('maxConcurrency', '15');
  await vs.screenshot('wizard-a11y-5-constraints-focus');
  await walk.next(/^6\. Design/);

  // 6 Design: the cards with recommend()'s numbers for what was typed.
  const scenario = {
    name: 'kbd-worker',
    region: 'us-east-1',
    runtime: 'nodejs',
    architecture: 'auto',
    source: 'sqs',
    traffic: { requestsPerMonth: 3_000_000, peakPerSecond: 25, payloadKb: 2 },
    work: { averageDurationMs: 80, p99DurationMs: 250, measuredAtMemoryMb: 512, profile: 'io' },
    latency: { targetP99Ms: 2000, coldStarts: 'tolerate' },
    budget: { freeTier: true },
    network: { privateResources: false, internetEgress: false, awsServices: [serviceName] },
    downstream: { maxConcurrency: 15 },
    ordering: 'none',
    idempotent: true,
  };
  const d = expectedDesign(scenario);
  await f.locator('[data-decision="memory"]').waitFor({ timeout: 20_000 });
  for (const id of ['invocation', 'memory', 'timeout', 'batching', 'concurrency', 'failures', 'vpc', 'coldStart'] as const) {
    assert.equal(await f.locator(`[data-decision="${id}"]`).count(), 1, `the ${id} card is shown`);
  }
  assert.equal(((await f.locator('[data-testid="value-memory"]').textContent()) ?? '').trim(), `${whole(d.memoryMb)} MB on ${d.architecture}`);
  assert.equal(((await f.locator('[data-testid="value-timeout"]').textContent()) ?? '').trim(), `${whole(d.timeoutSeconds)} s`);
  assert.equal(((await f.locator('[data-testid="bill-total"]').textContent()) ?? '').trim(), usd(d.cost.total));
  assert.match(await stepTitle(f), /^6\. Design/);

  // On the design page Tab reaches a source link (with a visible focus) and the tables' "Show as table".
  const link = await walk.until((x) => x.href.startsWith('https://'), 'a source link');
  assert.ok(link.ring.length > 0);
  await vs.screenshot('wizard-a11y-6-design-link-focus');
  const summary = await walk.until((x) => x.chain === 'SUMMARY', 'a "Show as table" toggle', 'Tab', 120);
  await page.keyboard.press('Enter');
  assert.equal(await f.evaluate(() => (document.activeElement?.parentElement as HTMLDetailsElement | null)?.open ?? false), true, 'Enter opens the table');
  assert.ok(summary.ring.length > 0);
  // Tab on: every press moves on (asserted inside), and the focus reaches the end and leaves the webview (no trap).
  let left = false;
  for (let i = 0; i < 200 && !left; i++) left = !(await walk.press('Tab')).inWebview;
  assert.ok(left, `Tab eventually leaves the webview (no keyboard trap):\n  ${walk.steps.slice(-10).join('\n  ')}`);
  process.stderr.write(`[wizard-a11y] keyboard walk: ${walk.steps.length} steps, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
});

test('theme change: the charts redraw in the new theme\'s colours (dark → Light Modern through the palette)', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'examples', theme: 'dark' });
  t.after(() => vs.stop());
  const file = join(vs.workspaceDir, 'scenarios', 'orders-worker.lambda-advisor.json');
  await openScenario(vs, file);
  const f = await wizard(vs);
  await f.locator('[data-testid="step-title"]', { hasText: /^6\. Design/ }).waitFor({ timeout: 20_000 });
  await f.locator('canvas[data-testid="chart-memory"]').waitFor({ timeout: 20_000 });
  await f.locator('#cost').scrollIntoViewIfNeeded();
  for (let i = 0; i < 50 && (await inked(f, 'chart-memory')) < 500; i++) await sleep(200);

  const dark = await themeState(f);
  assert.ok(dark.bodyClass.split(/\s+/).includes('vscode-dark'), `starts dark (${dark.bodyClass})`);
  const darkText = await pixelsOfColour(f, 'chart-memory', dark.foreground);
  assert.ok(darkText.matching > 100, `the dark chart's labels are in the dark theme's foreground ${dark.foreground} (${darkText.matching} px)`);
  await vs.screenshot('wizard-a11y-theme-1-dark');

  await vs.runCommand('Preferences: Color Theme');
  const box = vs.page.locator('.quick-input-widget .quick-input-box input');
  await box.fill('Light Modern');
  await vs.page.locator('.quick-input-widget .monaco-list-row.focused[aria-label^="Light Modern"]').waitFor({ timeout: 15_000 });
  await vs.page.keyboard.press('Enter');

  let light = await themeState(f);
  for (let i = 0; i < 100 && (!light.bodyClass.split(/\s+/).includes('vscode-light') || light.chart === dark.chart); i++) {
    await sleep(100);
    light = await themeState(f);
  }
  assert.ok(light.bodyClass.split(/\s+/).includes('vscode-light'), `the webview's body class is now vscode-light (${light.bodyClass})`);
  assert.notEqual(light.foreground, dark.foreground, 'the theme foreground changed');
  assert.notEqual(light.chart, dark.chart, 'the memory chart was redrawn');
  for (const id of ['chart-bill', 'chart-memory', 'chart-traffic']) {
    const now = await pixelsOfColour(f, id, light.foreground);
    const stale = await pixelsOfColour(f, id, dark.foreground);
    assert.ok(now.matching > 100, `${id}: labels in the light foreground ${light.foreground} (${now.matching} px)`);
    assert.ok(stale.matching < now.matching / 20, `${id}: (almost) nothing left in the dark foreground ${dark.foreground} (${stale.matching} px vs ${now.matching})`);
  }
  await vs.screenshot('wizard-a11y-theme-2-light');
});

test('Show Cost…: the bill and charts of the current scenario come into view, every time, and from a scenario file in the editor', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'examples', theme: 'dark' });
  t.after(() => vs.stop());
  const rel = 'scenarios/orders-worker.lambda-advisor.json';
  const file = join(vs.workspaceDir, rel);
  const d = expectedDesign(JSON.parse(readFileSync(file, 'utf8')));

  // The scenario opened in the wizard: the design page at its top, the cost far below.
  await openScenario(vs, file);
  let f = await wizard(vs);
  await f.locator('[data-testid="step-title"]', { hasText: /^6\. Design/ }).waitFor({ timeout: 20_000 });
  await f.locator('[data-testid="bill-total"]').waitFor({ timeout: 20_000 });
  const before = await costInView(f);
  assert.ok(before.top > before.viewport, `the cost section starts below the fold (top ${before.top}, viewport ${before.viewport})`);

  const assertCostShown = async (what: string) => {
    let pos = await costInView(f);
    for (let i = 0; i < 100 && !(pos.top >= 0 && pos.top < pos.viewport / 2); i++) {
      await sleep(100);
      pos = await costInView(f);
    }
    assert.ok(pos.top >= -1 && pos.top < pos.viewport / 2, `${what}: the Cost heading is scrolled into view (top ${pos.top}, viewport ${pos.viewport})`);
    assert.ok(pos.focused, `${what}: the Cost heading has the focus (screen readers read it)`);
    assert.equal(((await f.locator('[data-testid="bill-total"]').textContent()) ?? '').trim(), usd(d.cost.total), `${what}: the bill total is recommend()'s cost.total`);
    assert.ok(await f.locator('[data-testid="bill-total"]').isVisible(), `${what}: the bill total is visible`);
    for (const id of ['chart-bill', 'chart-memory']) {
      let ink = await inked(f, id);
      for (let i = 0; i < 50 && ink < 500; i++) {
        await sleep(100);
        ink = await inked(f, id);
      }
      assert.ok(ink > 500, `${what}: ${id} is drawn (${ink} px)`);
    }
  };

  await vs.runCommand('Lambda Advisor: Show Cost…');
  await assertCostShown('first Show Cost');
  await vs.screenshot('wizard-a11y-showcost-1');

  // The user scrolls back up to read the cards, then asks for the cost again.
  await f.evaluate(() => window.scrollTo(0, 0));
  assert.ok((await costInView(f)).top > (await costInView(f)).viewport, 'scrolled back to the top');
  await vs.runCommand('Lambda Advisor: Show Cost…');
  await assertCostShown('second Show Cost');
  await vs.screenshot('wizard-a11y-showcost-2-again');

  // No wizard open, the scenario file in the editor: Show Cost shows that file's cost.
  await vs.runCommand('View: Close Editor'); // the wizard, the active editor
  await vs.page.waitForSelector('.tabs-container .tab[aria-label^="Lambda Advisor"]', { state: 'detached', timeout: 15_000 });
  await vs.openFile(rel);
  await vs.runCommand('Lambda Advisor: Show Cost…');
  f = await wizard(vs);
  await f.locator('[data-testid="step-title"]', { hasText: /^6\. Design/ }).waitFor({ timeout: 20_000 });
  await f.locator('[data-testid="bill-total"]').waitFor({ timeout: 20_000 });
  await assertCostShown('Show Cost from the open scenario file');
  await vs.screenshot('wizard-a11y-showcost-3-from-editor');
});

test('a source link is opened by the host exactly once (VS Code asks first), never inside the webview', { timeout: E2E_TEST_TIMEOUT }, async (t) => {
  const vs = await startVSCode({ workspace: 'examples', theme: 'dark' });
  t.after(() => vs.stop());
  const context = vs.page.context();
  // The machine has no internet: answer the documentation pages locally so an opened tab keeps its URL.
  await context.route(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>doc</title>ok' }));
  const opened: string[] = [];
  context.on('page', (p) => {
    opened.push(p.url());
    p.on('framenavigated', (fr) => {
      if (fr === p.mainFrame()) opened.push(fr.url());
    });
  });

  await openScenario(vs, join(vs.workspaceDir, 'scenarios', 'orders-worker.lambda-advisor.json'));
  const f = await wizard(vs);
  await f.locator('[data-decision="memory"] .refs a').first().waitFor({ timeout: 20_000 });
  const link = f.locator('[data-decision="memory"] .refs a').first();
  const url = (await link.getAttribute('href')) ?? '';
  assert.match(url, /^https:\/\//);
  const frameUrl = f.url();
  const pagesBefore = context.pages().length;

  await link.click();
  const dialog = vs.page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 15_000 });
  assert.ok(((await dialog.textContent()) ?? '').includes(url), 'VS Code asks whether to open exactly this URL');
  await sleep(1_500);
  assert.equal(context.pages().length, pagesBefore, `nothing is opened before the user agrees (opened: ${opened.join(', ')})`);
  assert.equal(f.url(), frameUrl, 'the webview did not navigate');
  assert.ok(await f.locator('[data-decision="memory"]').isVisible(), 'the wizard still shows the design');
  await vs.screenshot('wizard-a11y-link-dialog');

  await dialog.locator('.monaco-button', { hasText: /^Open$/ }).click();
  const deadline = Date.now() + 15_000;
  while (context.pages().length === pagesBefore && Date.now() < deadline) await sleep(200);
  await sleep(2_000); // a second tab would come now
  const newPages = context.pages().slice(pagesBefore);
  assert.equal(newPages.length, 1, `one click opens one tab (opened: ${opened.join(', ')})`);
  const newPage = newPages[0];
  assert.ok(newPage);
  await newPage.waitForLoadState('domcontentloaded', { timeout: 15_000 }).catch(() => undefined);
  assert.equal(newPage.url(), url, 'the tab shows the source');
  assert.equal(f.url(), frameUrl, 'the webview still did not navigate');
  assert.equal(await vs.page.locator('.monaco-dialog-box').count(), 0, 'no second "open external website?" question');
});
