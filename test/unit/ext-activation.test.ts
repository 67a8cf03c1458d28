// The real activate() (src/extension/extension.ts) run against an in-process fake `vscode`
// (test/unit/fake-vscode): every command package.json contributes is registered, every command
// registered is contributed, and the menus and walkthrough name only commands that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { COMMAND_IDS } from '../../src/protocol/commands.ts';
import { WIZARD_VIEW_TYPE } from '../../src/protocol/messages.ts';
import { installFakeVscode, type FakeCall as Call } from './fake-vscode/install.ts';

const fake = installFakeVscode();
const load = () => import('../../src/extension/extension.ts');

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const contributed: string[] = (pkg.contributes.commands as { command: string }[]).map((c) => c.command);

/** activate() with a fresh context; the calls it made to the vscode API. */
async function activate(drop: readonly string[] = []): Promise<Call[]> {
  fake.calls = [];
  fake.dropCommands = new Set(drop);
  const context = { subscriptions: [] as { dispose(): unknown }[], extensionUri: { scheme: 'file', path: '/ext' }, globalState: { get: () => undefined, update: async () => {} } };
  const extension = await load();
  await extension.activate(context as never);
  return fake.calls;
}

function registeredCommands(calls: readonly Call[]): string[] {
  return calls.filter((c) => c.api === 'commands.registerCommand').map((c) => String(c.args[0]));
}

/** Every disagreement between package.json's commands and the registered ones, as a sentence each. */
function commandMismatches(contributedIds: readonly string[], registeredIds: readonly string[]): string[] {
  const problems: string[] = [];
  for (const id of contributedIds) if (!registeredIds.includes(id)) problems.push(`${id} is contributed in package.json but activate() never registers it`);
  for (const id of registeredIds) if (!contributedIds.includes(id)) problems.push(`${id} is registered by activate() but not contributed in package.json`);
  for (const id of new Set(registeredIds)) if (registeredIds.filter((x) => x === id).length > 1) problems.push(`${id} is registered more than once`);
  return problems;
}

test('activate() registers exactly the commands package.json contributes, each once', async () => {
  const registered = registeredCommands(await activate());
  assert.deepEqual(commandMismatches(contributed, registered), []);
  assert.deepEqual([...registered].sort(), [...COMMAND_IDS].sort(), 'src/protocol/commands.ts lists the registered commands');
  assert.equal(registered.length, 13); // 7 + the workspace view (issue 15): refresh, reveal, and three context actions + Import Measurements (issue 14)
});

test('the check reports a contributed command whose registration was removed', async () => {
  const registered = registeredCommands(await activate(['lambdaAdvisor.scaffold']));
  assert.deepEqual(commandMismatches(contributed, registered), ['lambdaAdvisor.scaffold is contributed in package.json but activate() never registers it']);
});

test('the check reports a registered command that package.json does not contribute', async () => {
  const registered = registeredCommands(await activate());
  const withoutApply = contributed.filter((id) => id !== 'lambdaAdvisor.applyDesignToTemplate');
  assert.deepEqual(commandMismatches(withoutApply, registered), ['lambdaAdvisor.applyDesignToTemplate is registered by activate() but not contributed in package.json']);
});

test('activate() registers the wizard serializer on the view type that activates it, and the template providers', async () => {
  const calls = await activate();
  const serializers = calls.filter((c) => c.api === 'window.registerWebviewPanelSerializer').map((c) => c.args[0]);
  assert.deepEqual(serializers, [WIZARD_VIEW_TYPE]);
  assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${WIZARD_VIEW_TYPE}`));
  for (const api of ['languages.registerHoverProvider', 'languages.registerCodeLensProvider', 'languages.registerCodeActionsProvider', 'workspace.registerTextDocumentContentProvider']) {
    assert.equal(calls.filter((c) => c.api === api).length, 1, `${api} once`);
  }
});

test('activate() registers the language-model tools package.json contributes, each once', async () => {
  const calls = await activate();
  const tools = calls.filter((c) => c.api === 'lm.registerTool').map((c) => String(c.args[0]));
  const contributedTools = (pkg.contributes.languageModelTools as { name: string }[]).map((t) => t.name);
  assert.deepEqual(tools, contributedTools);
  assert.equal(tools.length, 4);
});

test('menus, walkthrough links and completion events name only registered commands', () => {
  const named: string[] = [];
  for (const items of Object.values(pkg.contributes.menus as Record<string, { command: string }[]>)) named.push(...items.map((i) => i.command));
  for (const w of pkg.contributes.walkthroughs as { steps: { description: string; completionEvents: string[] }[] }[]) {
    for (const s of w.steps) {
      for (const m of s.description.matchAll(/\(command:([\w.]+)/g)) named.push(m[1] as string);
      for (const e of s.completionEvents) if (e.startsWith('onCommand:')) named.push(e.slice('onCommand:'.length));
    }
  }
  assert.ok(named.length >= 5, named.join(', '));
  const ours = named.filter((id) => id.startsWith('lambdaAdvisor.'));
  assert.deepEqual(ours.filter((id) => !(COMMAND_IDS as readonly string[]).includes(id)), []);
});

test('activation stays lazy: the wizard, the template engine, the recommender and the YAML parser load on first use', async (t) => {
  await activate();
  const loaded = Object.keys(createRequire(import.meta.url).cache).map((f) => f.replaceAll('\\', '/'));
  if (!loaded.some((f) => f.endsWith('/src/extension/extension.ts'))) {
    t.skip('the extension loaded as ESM here, so require.cache does not show what activation loaded');
    return;
  }
  for (const lazy of ['/src/extension/wizardPanel.ts', '/src/extension/templates/guidance.ts', '/src/engine/templates/', '/src/engine/recommend/', '/src/engine/cost/', '/node_modules/yaml/', '/src/mcp/tools.ts', '/src/extension/lmToolsImpl.ts', '/src/engine/scenario-schema.ts']) {
    assert.deepEqual(loaded.filter((f) => f.includes(lazy)), [], `activate() loads nothing under ${lazy}`);
  }
});
