// The source catalogue: one module per event source, and the decisions ask it instead of branching
// on a source's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES_LIST } from '../../src/engine/scenario.ts';
import { CATALOGUE, sourceOf } from '../../src/engine/sources/index.ts';
import { SOURCES } from '../../src/engine/facts/index.ts';

test('every source in the scenario schema has exactly one module, under its own id', () => {
  assert.deepEqual(Object.keys(CATALOGUE).sort(), [...SOURCES_LIST].sort());
  for (const id of SOURCES_LIST) {
    const m = sourceOf(id);
    assert.equal(m.id, id);
    assert.ok(m.label.length > 0);
    // Push sources have no batching; pollers do, and their invocation model says so.
    assert.equal(m.batching !== null, m.invocation.model === 'poll', id);
    assert.equal(m.callerWaits, m.invocation.model === 'push' && m.invocation.type === 'RequestResponse', id);
  }
  const files = readdirSync(join('src', 'engine', 'sources')).filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts', 'common.ts'].includes(f));
  assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), [...SOURCES_LIST].sort(), 'one file per source, named after it');
});

test('every limit a source states is a sourced fact', () => {
  const urls = new Set(Object.values(SOURCES).map((s) => s.url));
  for (const m of Object.values(CATALOGUE)) {
    for (const p of m.payload) {
      assert.ok(p.kb > 0 && Number.isFinite(p.kb), `${m.id} payload`);
      assert.ok(urls.has(SOURCES[p.fact.source].url));
      assert.ok(p.references.length > 0, `${m.id} payload references`);
    }
    assert.ok(m.timeout.capSeconds >= 1 && m.timeout.capSeconds <= 900, `${m.id} timeout cap`);
    assert.ok(SOURCES[m.timeout.fact.source].url.startsWith('https://'));
  }
});

test('the catalogue says what the review found missing: HTTP API 30 s, ALB 1 MB and its idle timeout, streaming only on REST and function URLs, Kafka batches for 500 ms', () => {
  assert.equal(sourceOf('api-gateway-http').timeout.capSeconds, 30);
  assert.equal(sourceOf('api-gateway-rest').timeout.capSeconds, 29);
  assert.ok(sourceOf('alb').payload.every((p) => p.kb === 1_024));
  assert.equal(sourceOf('alb').timeout.raisable?.defaultSeconds.value, 60);
  assert.equal(sourceOf('api-gateway-http').streaming, null);
  assert.equal(sourceOf('alb').streaming, null);
  assert.notEqual(sourceOf('api-gateway-rest').streaming, null);
  assert.notEqual(sourceOf('function-url').streaming, null);
  assert.equal(sourceOf('kafka').batching?.defaultWindowSeconds?.value, 0.5);
  assert.equal(sourceOf('sqs-fifo').lanes?.unit, 'message group');
  assert.equal(sourceOf('kafka').lanes?.unit, 'partition');
  assert.equal(sourceOf('sqs').pollers?.ceiling.value, 1_250);
  assert.deepEqual(sourceOf('kafka').destinations, ['sqs', 'sns', 's3', 'kafka']);
});

test('no decision and no bill line branches on a source\'s name: they ask the catalogue', () => {
  const dirs = [join('src', 'engine', 'recommend'), join('src', 'engine', 'cost')];
  const names = SOURCES_LIST.map((s) => s.replace(/[-]/g, '\\-')).join('|');
  // Also a table keyed by source ids (`'api-gateway-rest': '…'`) or a list of them (`['function-url', 'alb']`).
  const branch = new RegExp(`(source|kind)\\s*[!=]==\\s*'|'(${names})'\\s*[!=]==|case\\s+'(${names})'|^\\s*'?(${names})'?\\s*:\\s*'|'(${names})',\\s*'(${names})'`);
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const hit = text.split('\n').find((line) => branch.test(line));
      assert.equal(hit, undefined, `${dir}/${f} branches on a source: ${hit}`);
    }
  }
});

test('the light kind table the scenario validator reads agrees with every source module', async () => {
  const { SOURCE_KINDS } = await import('../../src/engine/source-kinds.ts');
  const { SOURCE_KIND } = await import('../../src/engine/sources/index.ts');
  assert.deepEqual({ ...SOURCE_KINDS }, { ...SOURCE_KIND });
});
