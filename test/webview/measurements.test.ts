// "Import Measurements…" in the wizard, as a user meets it: the form fills from the data (and keeps the
// rest), a summary says what was read, and the memory chart shows the measured points on the curve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Calibrator, measurementImport } from '../../src/engine/calibrate/index.ts';
import { parseScenario } from '../../src/engine/scenario.ts';
import { MeasurementsImported } from '../../src/protocol/messages.ts';
import { compute } from '../../webview/src/curves.ts';
import { createWizardStore, importedText } from '../../webview/src/store.ts';
import { invocations, textLog } from '../unit/calibrate-fixtures.ts';

function importOf(text: string, draft: unknown) {
  const c = new Calibrator();
  c.beginFile('orders.log');
  for (const line of text.split('\n')) c.feed(line);
  c.endFile();
  const r = measurementImport(c.result(), draft);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

const LOG = textLog([
  ...invocations(600, 512, 200, { seed: 1, coldEvery: 60 }),
  ...invocations(400, 1024, 110, { seed: 2, coldEvery: 80, start: new Date('2026-11-30T11:00:00.000Z') }),
  ...invocations(300, 2048, 70, { seed: 3, start: new Date('2026-11-30T12:00:00.000Z') }),
]);

test('importing a log fills the work fields, keeps the rest of the form, and says what was read', () => {
  const s = createWizardStore();
  s.getState().setField('name', 'orders');
  s.getState().setField('source', 'sqs');
  s.getState().setField('requestsPerMonth', '5000000');
  const imported = importOf(LOG, s.getState().scenarioJson());
  assert.ok(MeasurementsImported.params(imported).ok, 'the import passes the protocol guard');
  s.getState().importMeasurements(imported);
  const st = s.getState();
  assert.equal(st.form.name, 'orders');
  assert.equal(st.form.source, 'sqs');
  assert.equal(st.form.requestsPerMonth, '5000000');
  assert.equal(st.form.measuredAtMemoryMb, '512', 'the size with the most invocations');
  assert.equal(st.form.averageDurationMs, String(imported.work['averageDurationMs']));
  assert.ok(Number(st.form.maxMemoryUsedMb) >= 60);
  const work = st.scenarioJson()['work'] as Record<string, unknown>;
  assert.equal((work['measurements'] as unknown[]).length, 3);
  assert.equal(work['coldStartRate'], 15 / 1_300);
  assert.ok(st.validation.scenario, 'the imported scenario is valid');
  assert.deepEqual(st.measured?.memorySizesMb, [512, 1024, 2048]);
  assert.equal(st.notice?.text, importedText(imported.summary));
  assert.match(st.notice?.text ?? '', /^Imported measurements: 1,300 invocations \(15 cold starts\) at 3 memory sizes, 512 MB, 1,024 MB, 2,048 MB from 2026-11-30 10:00:00 UTC to 2026-11-30 12:04:59 UTC\.$/);
});

test('the memory chart shows the measured points, and the cost curve passes through them', () => {
  const s = createWizardStore();
  s.getState().setField('source', 'api-gateway-http');
  s.getState().importMeasurements(importOf(LOG, s.getState().scenarioJson()));
  const parsed = parseScenario(s.getState().scenarioJson());
  assert.ok(parsed.ok);
  const c = compute(parsed.scenario);
  assert.equal(c.design.model.source, 'measured');
  assert.deepEqual(c.memory.measured.map((p) => p.memoryMb), [512, 1024, 2048]);
  for (const p of c.memory.measured) {
    const i = c.memory.memories.indexOf(p.memoryMb);
    assert.ok(i >= 0, `${p.memoryMb} MB is a point of the chart`);
    assert.ok(p.p99 !== null && p.p99 > 0, 'logs give a p99 per size');
    // The curve runs through each measured point unless noise had to be evened out there.
    if (c.design.model.adjustedPoints === 0) assert.ok(Math.abs((c.memory.cost[i] as number) - p.cost) <= 1e-9 * p.cost, `${p.memoryMb} MB`);
  }
  assert.equal(c.design.model.adjustedPoints, 0, 'these durations fall with memory, so nothing was evened out');
});

test('a new scenario or loading a file clears the import summary; the measurements stay in the scenario they came with', () => {
  const s = createWizardStore();
  s.getState().setField('source', 'sqs');
  s.getState().importMeasurements(importOf(LOG, s.getState().scenarioJson()));
  const json = s.getState().scenarioJson();
  s.getState().reset();
  assert.equal(s.getState().measured, null);
  s.getState().load(json, null);
  assert.equal(s.getState().measured, null);
  assert.equal(((s.getState().scenarioJson()['work'] as Record<string, unknown>)['measurements'] as unknown[]).length, 3);
});
