// package.json's contributions agree with the code: every contributed command is one of
// src/protocol/commands.ts with its category (ext-activation.test.ts activates the extension and
// checks that each is registered, and nothing else is), the settings offer exactly what the protocol and the facts accept, the serializer's view type activates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { COMMAND_IDS } from '../../src/protocol/commands.ts';
import { IAC_LIST, WIZARD_VIEW_TYPE } from '../../src/protocol/messages.ts';
import { RUNTIME_LIST } from '../../src/engine/scenario.ts';
import { supportedRegions, DEFAULT_REGION } from '../../src/engine/facts/index.ts';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

test('every lambdaAdvisor command in package.json is a defined command id and has the category', () => {
  const all = pkg.contributes.commands as { command: string; title: string; category: string }[];
  const mine = all.filter((c) => ['lambdaAdvisor.designFunction', 'lambdaAdvisor.openScenario', 'lambdaAdvisor.showCost'].includes(c.command));
  assert.deepEqual(mine.map((c) => c.title).sort(), ['Design a Function…', 'Open Scenario…', 'Show Cost…']);
  assert.deepEqual(all.map((c) => c.command).sort(), [...COMMAND_IDS].sort(), 'package.json contributes exactly src/protocol/commands.ts');
  for (const c of all) {
    assert.equal(c.category, 'Lambda Advisor');
    assert.ok(c.title.length > 5, `${c.command} has a title`);
  }
});

test('activation: no "*", the wizard serializer activates on its view type', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${WIZARD_VIEW_TYPE}`));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(pkg.capabilities.untrustedWorkspaces.description.length > 20);
});

test('settings offer exactly the values the protocol and the facts accept, each with a description', () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(props['lambdaAdvisor.region'].enum, supportedRegions(), 'the Region list is the priced Regions');
  assert.equal(props['lambdaAdvisor.region'].default, DEFAULT_REGION);
  assert.deepEqual(props['lambdaAdvisor.defaultRuntime'].enum, [...RUNTIME_LIST]);
  assert.deepEqual(props['lambdaAdvisor.preferredIac'].enum, [...IAC_LIST]);
  assert.equal(props['lambdaAdvisor.freeTier'].type, 'boolean');
  for (const key of ['region', 'defaultRuntime', 'freeTier', 'preferredIac']) {
    assert.ok((props[`lambdaAdvisor.${key}`].description ?? '').length > 20, `${key} has a description`);
  }
});

test('the walkthrough pages exist and every step completes on an event', () => {
  const w = pkg.contributes.walkthroughs.find((x: { id: string }) => x.id === 'lambdaAdvisor.gettingStarted');
  assert.ok(w);
  assert.ok(w.steps.length >= 3);
  for (const s of w.steps) {
    assert.ok(existsSync(new URL(s.media.markdown, root)), s.media.markdown);
    assert.ok(s.completionEvents.length > 0);
  }
  assert.ok(existsSync(new URL(pkg.icon, root)));
});
