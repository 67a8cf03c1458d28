// The wizard's compute shape (issue 11): the crossovers the chart marks are where the cheapest shape
// really changes, the labels read the volume where the lines meet, and the "Compute shape" pin is kept
// like every other field (the scenario JSON, the store's persisted state, validation on the field).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario, type ScenarioInput } from '../../src/engine/index.ts';
import { COMPUTE_KIND_LIST } from '../../src/engine/scenario.ts';
import { COMPUTE_PINS, crossovers, type ShapeSeries } from '../../webview/src/compute.ts';
import { compute } from '../../webview/src/curves.ts';
import { defaultForm, fromScenarioInput, toScenarioInput, validate } from '../../webview/src/form.ts';
import { createWizardStore, restoreForm, type Persisted } from '../../webview/src/store.ts';
import type { Settings } from '../../src/protocol/messages.ts';

const settings: Settings = { region: 'us-east-1', defaultRuntime: 'nodejs', freeTier: false, preferredIac: 'sam' };
const grid = Array.from({ length: 41 }, (_, i) => Math.round(1_000_000 * 10 ** ((i - 20) / 10)));
const series = (kind: ShapeSeries['kind'], f: (x: number) => number, feasible = true): ShapeSeries => ({ kind, feasible, usd: Float64Array.from(grid, f) });

test('a crossover is marked where the cheapest shape changes, at the volume where the two lines meet', () => {
  // On-demand: $2 per million; Managed Instances: $30 a month flat plus $0.20 per million: 2x = 30 + 0.2x at x = 16.67 M.
  const onDemand = series('on-demand', (x) => (2 * x) / 1e6);
  const lmi = series('managed-instances', (x) => 30 + (0.2 * x) / 1e6);
  const out = crossovers(grid, [onDemand, lmi]);
  assert.equal(out.length, 1);
  const [x] = out;
  assert.equal(x!.from, 'on-demand');
  assert.equal(x!.to, 'managed-instances');
  const exact = 30 / (1.8 / 1e6);
  assert.ok(Math.abs(x!.requestsPerMonth - exact) / exact < 0.03, `interpolated ${x!.requestsPerMonth} ≈ ${exact}`);
  assert.ok(Math.abs(x!.usd - (2 * exact) / 1e6) / ((2 * exact) / 1e6) < 0.05, 'the marker sits on the lines');
  assert.equal(x!.label, 'Lambda Managed Instances cheaper than On-demand Lambda above 16.6M requests/month');
});

test('shapes that cannot run the work or have no price draw no line and make no crossover; equal costs make none', () => {
  const onDemand = series('on-demand', (x) => (2 * x) / 1e6);
  const cheapButInfeasible = series('step-functions-express', () => 0.01, false);
  const unpriced: ShapeSeries = { kind: 'durable-functions', feasible: true, usd: null };
  assert.deepEqual(crossovers(grid, [onDemand, cheapButInfeasible, unpriced]), []);
  assert.deepEqual(crossovers(grid, [onDemand, series('managed-instances', (x) => (2 * x) / 1e6)]), [], 'a tie is not a crossover');
  // Two changes: A cheapest, then B, then A again.
  const a = series('on-demand', () => 10);
  const b = series('durable-functions', (x) => Math.abs(Math.log10(x) - 6) * 10 + 5);
  const both = crossovers(grid, [a, b]);
  assert.deepEqual(both.map((c) => `${c.from}->${c.to}`), ['on-demand->durable-functions', 'durable-functions->on-demand']);
  assert.ok(both[0]!.requestsPerMonth < 1e6 && both[1]!.requestsPerMonth > 1e6);
});

const STEADY: ScenarioInput = {
  name: 'steady-api',
  source: 'api-gateway-http',
  traffic: { averagePerSecond: 3_000, peakPerSecond: 4_000 },
  work: { averageDurationMs: 200, p99DurationMs: 400, measuredAtMemoryMb: 1_024, profile: 'io', maxMemoryUsedMb: 200 },
};

test('the wizard\'s chart for a steady high-volume API: one line per feasible shape, Managed Instances cheapest at its traffic, a labelled crossover', () => {
  const r = parseScenario(STEADY);
  assert.ok(r.ok);
  const c = compute(r.scenario);
  assert.equal(c.design.compute.recommended, 'managed-instances');
  assert.deepEqual(c.compute.requests, c.traffic.requests, 'the same volumes as the traffic chart');
  const at = c.compute.requests.indexOf(Math.round(c.compute.current));
  assert.ok(at >= 0);
  const drawn = c.compute.series.filter((s) => s.feasible && s.usd !== null);
  const cheapest = drawn.reduce((best, s) => ((s.usd![at] as number) < (best.usd![at] as number) ? s : best));
  assert.equal(cheapest.kind, 'managed-instances', 'the recommended shape is the cheapest line at the scenario traffic');
  const toLmi = c.compute.crossovers.find((x) => x.to === 'managed-instances');
  assert.ok(toLmi, `a crossover into Managed Instances below the scenario traffic: ${JSON.stringify(c.compute.crossovers)}`);
  assert.ok(toLmi.requestsPerMonth < c.compute.current);
  assert.match(toLmi.label, /^Lambda Managed Instances cheaper than .+ above [\d.]+[KMB]? requests\/month$/);
});

test('the Compute shape select offers Automatic and every shape the scenario accepts', () => {
  assert.deepEqual(
    COMPUTE_PINS.map((p) => p.value),
    ['auto', ...COMPUTE_KIND_LIST],
  );
});

test('pinning a shape writes scenario.compute, survives a reload and a saved file, and Automatic leaves the field out', () => {
  const persisted: Persisted[] = [];
  const s = createWizardStore({ persist: (p) => persisted.push(p) });
  s.getState().load({ ...STEADY }, null);
  assert.equal(s.getState().form.compute, 'auto');
  assert.equal('compute' in s.getState().scenarioJson(), false, 'the default is left out of the file');
  s.getState().setField('compute', 'on-demand');
  assert.equal(s.getState().scenarioJson()['compute'], 'on-demand');
  assert.equal(s.getState().validation.scenario?.compute, 'on-demand');
  const c = compute(s.getState().validation.scenario!);
  assert.equal(c.design.compute.recommended, 'on-demand');
  assert.equal(c.design.compute.pinned, true);
  // A reload restores the pin from the kept state.
  const kept = persisted[persisted.length - 1]!;
  const again = createWizardStore({}, JSON.parse(JSON.stringify(kept)));
  assert.equal(again.getState().form.compute, 'on-demand');
  assert.equal(restoreForm({ ...kept.form, compute: 42 }, settings).compute, 'auto', 'a tampered value gets the default');
  // A saved file round-trips.
  const json = toScenarioInput(fromScenarioInput(s.getState().scenarioJson(), settings));
  assert.equal(json['compute'], 'on-demand');
});

test('a pin the scenario cannot take is reported on the Compute shape field', () => {
  const f = { ...fromScenarioInput({ ...STEADY }, settings), compute: 'direct-integration' };
  const v = validate(f);
  assert.equal(v.scenario, null);
  assert.match(v.errors.compute ?? '', /forward-only/);
  const unknown = validate({ ...defaultForm(settings), source: 'sqs', compute: 'kubernetes' });
  assert.ok(unknown.errors.compute, 'an unknown shape names the field');
});
