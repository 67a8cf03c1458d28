// The chart curves the webview computes with the engine: they pass through the design's own numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseScenario } from '../../src/engine/index.ts';
import { compute } from '../../webview/src/curves.ts';

const dir = new URL('../../examples/scenarios/', import.meta.url);

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  test(`${file}: the memory and traffic curves pass through the recommended design's bill and p99`, () => {
    const r = parseScenario(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
    assert.ok(r.ok);
    const c = compute(r.scenario);
    const d = c.design;
    assert.ok(Math.abs(c.configTotal - d.cost.total) < 1e-9 * Math.max(1, d.cost.total), 'the charts price the same knobs as the bill');
    const i = c.memory.memories.indexOf(d.memoryMb);
    assert.ok(i >= 0, 'the recommended memory is a point of the memory chart');
    assert.ok(Math.abs((c.memory.cost[i] as number) - d.cost.total) < 1e-6, 'the memory curve meets the bill at the recommended point');
    assert.ok(Math.abs((c.memory.p99[i] as number) - d.estimatedP99Ms) < 0.1, 'and the p99 curve meets the estimated p99');
    assert.equal(c.memory.memories[0], 128);
    assert.equal(c.memory.memories[c.memory.memories.length - 1], 10_240);
    const j = c.traffic.requests.indexOf(Math.round(c.traffic.current));
    assert.ok(j >= 0, 'the traffic chart includes the scenario traffic');
    assert.ok(Math.abs((c.traffic.cost[j] as number) - d.cost.total) < 1e-6 * Math.max(1, d.cost.total));
    for (let k = 1; k < c.traffic.cost.length; k++) assert.ok((c.traffic.cost[k] as number) >= (c.traffic.cost[k - 1] as number) - 1e-9, 'more traffic never costs less');
    assert.equal(c.traffic.withoutProvisioned === null, (d.concurrency.provisioned ?? 0) === 0, 'the no-provisioned curve is drawn exactly when the design provisions');
  });
}
