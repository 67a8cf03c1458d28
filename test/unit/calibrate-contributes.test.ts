// "Import Measurements…" is contributed, categorised, registered and offered on log files in the Explorer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const extensionSource = readFileSync(new URL('src/extension/extension.ts', root), 'utf8');
// Command ids are defined once, in src/protocol/commands.ts; extension.ts registers them.
const commandsSource = readFileSync(new URL('src/protocol/commands.ts', root), 'utf8');

test('Import Measurements… is in the palette under "Lambda Advisor", registered, and on .log/.csv files in the Explorer', () => {
  const c = (pkg.contributes.commands as { command: string; title: string; category: string }[]).find((x) => x.command === 'lambdaAdvisor.importMeasurements');
  assert.ok(c);
  assert.equal(c.title, 'Import Measurements…');
  assert.equal(c.category, 'Lambda Advisor');
  assert.ok(commandsSource.includes(`importMeasurements: 'lambdaAdvisor.importMeasurements'`));
  assert.ok(extensionSource.includes('registerCommand(COMMANDS.importMeasurements'));
  const menu = (pkg.contributes.menus['explorer/context'] as { command: string; when: string }[]).find((m) => m.command === 'lambdaAdvisor.importMeasurements');
  assert.ok(menu);
  const ext = /resourceExtname =~ \/(.*)\/$/.exec(menu.when)?.[1];
  assert.ok(ext);
  const re = new RegExp(ext.replace(/\\\\/g, '\\'));
  for (const yes of ['.log', '.csv', '.jsonl']) assert.ok(re.test(yes), yes);
  for (const no of ['.json', '.yaml', '.ts']) assert.ok(!re.test(no), no);
});
