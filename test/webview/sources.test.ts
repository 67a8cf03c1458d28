// The wizard's source cards and the engine classify every source with the one SourceKind: the card's
// push/poll and sync/async say what the recommended design then does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { advise } from '../../src/engine/index.ts';
import { SOURCE_KIND } from '../../src/engine/recommend/context.ts';
import { SOURCES_LIST } from '../../src/engine/scenario.ts';
import { SOURCE_CARDS } from '../../webview/src/sources.ts';

const base = JSON.parse(readFileSync(new URL('../../examples/scenarios/api-backend.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The example API scenario moved to another source, with what that source requires. */
function scenarioFor(source: string): Record<string, unknown> {
  const traffic = { ...(base.traffic as Record<string, unknown>) };
  if (source === 'kinesis' || source === 'dynamodb-streams') traffic.shards = 4;
  return { ...base, source, traffic };
}

test('every source card says push or poll, sync or async, as the recommended invocation does', () => {
  assert.deepEqual(SOURCE_CARDS.map((c) => c.id), [...SOURCES_LIST]);
  for (const card of SOURCE_CARDS) {
    const r = advise(scenarioFor(card.id));
    assert.ok(r.ok, `${card.id}: ${r.ok ? '' : JSON.stringify(r.errors)}`);
    const inv = r.design.invocation;
    assert.equal(card.model, inv.model, `${card.id}: push or poll`);
    assert.equal(card.type === 'async', inv.type === 'Event', `${card.id}: async means the Event invocation type`);
    const kind = SOURCE_KIND[card.id];
    assert.equal(inv.pollerKind, kind === 'queue' || kind === 'stream' ? kind : null, `${card.id}: the poller kind is the source kind`);
  }
});
