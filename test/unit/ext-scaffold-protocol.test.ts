import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scaffold, WEBVIEW_TO_HOST } from '../../src/protocol/messages.ts';

const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'scenarios', 'sqs-worker-database.json'), 'utf8')) as Record<string, unknown>;

test('the wizard Scaffold… request carries a valid scenario and nothing else', () => {
  assert.ok(WEBVIEW_TO_HOST.some((d) => d.method === 'wizard/scaffold'), 'sent by the webview');
  assert.equal(Scaffold.params({ scenario: example }).ok, true);
  for (const bad of [{}, { scenario: { name: 'x', source: 'sqs' } }, { scenario: example, path: '/etc/passwd' }, { scenario: null }, { scenario: [] }, { scenario: 'x' }, { scenario: {}, path: '/etc/passwd' }, null]) {
    assert.equal(Scaffold.params(bad).ok, false, JSON.stringify(bad));
  }
  assert.equal(Scaffold.result({ started: true }).ok, true);
  assert.equal(Scaffold.result({ started: 'yes' }).ok, false);
});
