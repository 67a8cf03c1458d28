// The wizard's store and form logic (pure: no DOM), as a user meets them: a bad field blocks the step and
// says why, the steps cannot be skipped past a problem, a scenario file round-trips through the form
// unchanged in meaning, and kept state (setState) restores the wizard even when old or tampered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { parseScenario } from '../../src/engine/scenario.ts';
import { createWizardStore, stepFlagged, visibleError, type Persisted } from '../../webview/src/store.ts';
import { defaultForm, fromScenarioInput, toScenarioInput, validate, FIELD_OF_PATH, STEP_FIELDS } from '../../webview/src/form.ts';
import { STEP_IDS, type Settings } from '../../src/protocol/messages.ts';

const settings: Settings = { region: 'eu-west-1', defaultRuntime: 'python', freeTier: true, preferredIac: 'cdk' };
const examplesDir = new URL('../../examples/scenarios/', import.meta.url);
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(readFileSync(new URL(f, examplesDir), 'utf8')) as Record<string, unknown> }));

test('a new scenario starts from the settings and is complete except for its source', () => {
  const s = createWizardStore();
  s.getState().setSettings(settings);
  const st = s.getState();
  assert.equal(st.form.region, 'eu-west-1');
  assert.equal(st.form.runtime, 'python');
  assert.equal(st.form.freeTier, true);
  assert.equal(st.step, 'workload');
  assert.deepEqual(Object.keys(st.validation.errors), ['source']);
  assert.equal(st.validation.scenario, null);
});

test('the stepper flags no step on a new scenario, and a step once the user tried to go past it', () => {
  const s = createWizardStore();
  const flagged = () => STEP_IDS.filter((id) => stepFlagged(s.getState(), id));
  // The new form lacks its source (step 2), but the user has not reached step 2 yet.
  assert.deepEqual(Object.keys(s.getState().validation.errors), ['source']);
  assert.deepEqual(flagged(), [], 'nothing needs attention before the user acts');
  assert.equal(s.getState().next(), true);
  assert.equal(s.getState().step, 'source');
  assert.deepEqual(flagged(), [], 'arriving on step 2 does not flag it yet');
  assert.equal(s.getState().next(), false, 'Next without a source is refused');
  assert.deepEqual(flagged(), ['source'], 'after trying to go past step 2 without a source, step 2 needs attention');
  s.getState().setField('source', 'sqs');
  assert.deepEqual(flagged(), [], 'choosing a source clears the flag');
});

test('a step the user left with a problem stays flagged; a reset flags nothing again', () => {
  const s = createWizardStore();
  s.getState().next(); // on the source step, nothing chosen
  s.getState().back(); // left it without trying Next
  assert.equal(s.getState().step, 'workload');
  assert.equal(stepFlagged(s.getState(), 'source'), true, 'a visited step with a problem is flagged once left');
  assert.equal(stepFlagged(s.getState(), 'workload'), false, 'a step without a problem is never flagged');
  s.getState().reset();
  assert.equal(STEP_IDS.some((id) => stepFlagged(s.getState(), id)), false);
});

test('jumping ahead in the stepper flags the step that blocks it, not the later ones', () => {
  const s = createWizardStore();
  s.getState().setField('targetP99Ms', 'soon'); // a bad field on step 3, typed by the user
  assert.equal(stepFlagged(s.getState(), 'latency'), true, 'a touched bad field flags its step');
  s.getState().setField('targetP99Ms', '');
  assert.equal(s.getState().goTo('design'), false);
  assert.equal(s.getState().step, 'source');
  assert.equal(stepFlagged(s.getState(), 'source'), true);
  assert.equal(stepFlagged(s.getState(), 'budget'), false);
});

test('a bad number blocks Next and says what is wrong next to the field', () => {
  const s = createWizardStore();
  s.getState().setField('p99DurationMs', 'fast');
  assert.equal(visibleError(s.getState(), 'p99DurationMs', 'workload'), 'must be a number');
  assert.equal(s.getState().next(), false);
  assert.equal(s.getState().step, 'workload');
  s.getState().setField('p99DurationMs', '50'); // below the 100 ms average
  assert.equal(visibleError(s.getState(), 'p99DurationMs', 'workload'), 'must be >= work.averageDurationMs');
  assert.equal(s.getState().next(), false);
  s.getState().setField('p99DurationMs', '300');
  assert.equal(s.getState().next(), true);
  assert.equal(s.getState().step, 'source');
});

test('errors of untouched fields appear once the user tries to leave the step', () => {
  const s = createWizardStore();
  // Emptying a field touches it; simulate an untouched bad field through a loaded draft instead.
  s.setState({ form: { ...s.getState().form, averageDurationMs: '' }, validation: validate({ ...s.getState().form, averageDurationMs: '' }) });
  assert.equal(visibleError(s.getState(), 'averageDurationMs', 'workload'), undefined, 'not shouted before the user acts');
  assert.equal(s.getState().next(), false);
  assert.equal(visibleError(s.getState(), 'averageDurationMs', 'workload'), 'is required');
});

test('the stepper cannot jump past a step with a problem: it lands on that step', () => {
  const s = createWizardStore();
  assert.equal(s.getState().goTo('design'), false);
  assert.equal(s.getState().step, 'source', 'the source is the first thing missing');
  assert.ok(s.getState().attempted.has('source'));
  assert.equal(visibleError(s.getState(), 'source', 'source'), 'choose what invokes the function');
  s.getState().setField('source', 'sqs');
  assert.equal(s.getState().goTo('design'), true);
  assert.equal(s.getState().step, 'design');
  s.getState().back();
  assert.equal(s.getState().step, 'constraints');
});

test('a Kinesis source needs its shard count on the source step', () => {
  const s = createWizardStore();
  s.getState().setField('source', 'kinesis');
  assert.equal(s.getState().validation.errors.shards, 'is required for a Kinesis source');
  assert.equal(s.getState().goTo('design'), false);
  assert.equal(s.getState().step, 'source');
  s.getState().setField('shards', '4');
  assert.equal(s.getState().goTo('design'), true);
  assert.equal(s.getState().scenarioJson()['traffic'] && (s.getState().scenarioJson()['traffic'] as Record<string, unknown>)['shards'], 4);
});

test('traffic per month or per second: only the chosen form goes into the scenario; typed separators are accepted', () => {
  const f = { ...defaultForm(settings), source: 'sqs' as const, requestsPerMonth: '5,000,000', averagePerSecond: '7' };
  assert.deepEqual((toScenarioInput(f)['traffic'] as Record<string, unknown>)['requestsPerMonth'], 5_000_000);
  assert.equal((toScenarioInput(f)['traffic'] as Record<string, unknown>)['averagePerSecond'], undefined);
  const g = { ...f, trafficMode: 'perSecond' as const };
  assert.equal((toScenarioInput(g)['traffic'] as Record<string, unknown>)['averagePerSecond'], 7);
  assert.equal((toScenarioInput(g)['traffic'] as Record<string, unknown>)['requestsPerMonth'], undefined);
  assert.ok(validate(g).scenario);
  // An error on the one-of rule is shown on the field the user is using.
  assert.equal(validate({ ...g, averagePerSecond: '' }).errors.averagePerSecond, 'give requestsPerMonth or averagePerSecond');
});

test('every example scenario loads into the design step and round-trips with the same meaning', () => {
  assert.ok(examples.length >= 5);
  for (const { file, json } of examples) {
    const original = parseScenario(json);
    assert.ok(original.ok, `${file} is valid`);
    const s = createWizardStore();
    s.getState().load(json, `/w/${file}`);
    assert.equal(s.getState().step, 'design', `${file} opens on the design`);
    const again = parseScenario(s.getState().scenarioJson());
    assert.ok(again.ok, `${file} is still valid after the form: ${JSON.stringify(again)}`);
    assert.deepEqual(again.scenario, original.scenario, `${file} means the same after the form`);
  }
});

test('an invalid scenario file opens on the first step with a problem, every problem shown', () => {
  const s = createWizardStore();
  s.getState().load({ name: 'bad name!', source: 'sqs', traffic: { requestsPerMonth: -5 }, work: { averageDurationMs: 10, p99DurationMs: 20, measuredAtMemoryMb: 99999 } }, null);
  const st = s.getState();
  assert.equal(st.step, 'workload');
  assert.equal(visibleError(st, 'name', 'workload'), 'may contain only letters, digits, - and _');
  assert.equal(visibleError(st, 'requestsPerMonth', 'workload'), 'must be >= 0');
  assert.equal(visibleError(st, 'measuredAtMemoryMb', 'workload'), 'must be <= 10240 (MB)');
});

test('every scenario path the schema reports maps to a field on exactly one step', () => {
  const onSteps = Object.values(STEP_FIELDS).flat();
  for (const [path, key] of Object.entries(FIELD_OF_PATH)) {
    assert.equal(onSteps.filter((k) => k === key).length, 1, `${path} (${key}) is on one step`);
  }
});

test('state is kept on every change and restores the wizard (form, step, file)', () => {
  let kept: Persisted | undefined;
  const s = createWizardStore({ persist: (p) => (kept = p) });
  s.getState().setField('name', 'orders-worker');
  s.getState().setField('source', 'sqs');
  s.getState().goTo('design');
  assert.ok(kept);
  const restored = createWizardStore({}, JSON.parse(JSON.stringify(kept)));
  assert.equal(restored.getState().step, 'design');
  assert.equal(restored.getState().form.name, 'orders-worker');
  assert.deepEqual(restored.getState().scenarioJson(), s.getState().scenarioJson());
  assert.ok(restored.getState().validation.scenario);
});

test('kept text that is not a number yet survives a reload (it is not silently dropped)', () => {
  let kept: Persisted | undefined;
  const s = createWizardStore({ persist: (p) => (kept = p) });
  s.getState().setField('peakPerSecond', '12x');
  const restored = createWizardStore({}, JSON.parse(JSON.stringify(kept)));
  assert.equal(restored.getState().form.peakPerSecond, '12x');
  assert.equal(restored.getState().validation.errors.peakPerSecond, 'must be a number');
});

test('property: old or tampered kept state never breaks the wizard', () => {
  fc.assert(
    fc.property(
      fc.record({ v: fc.constant(1), step: fc.constantFrom('workload', 'source', 'design', 'nope'), form: fc.dictionary(fc.constantFrom(...Object.keys(defaultForm(settings))), fc.anything()), path: fc.anything() }, { requiredKeys: [] }),
      (kept) => {
        const s = createWizardStore({}, kept);
        const st = s.getState();
        // Whatever came in, the form has the right shape and validates without throwing.
        for (const [k, v] of Object.entries(defaultForm(settings))) {
          if (k === 'extra') continue;
          assert.equal(typeof (st.form as unknown as Record<string, unknown>)[k], typeof v, k);
        }
        validate(st.form);
        st.scenarioJson();
        return true;
      },
    ),
    { numRuns: 300 },
  );
});

test('property: whatever is typed into a text field, validation reports per field and never throws', () => {
  const textKeys = ['requestsPerMonth', 'peakPerSecond', 'payloadKb', 'averageDurationMs', 'p99DurationMs', 'measuredAtMemoryMb', 'maxMemoryUsedMb', 'targetP99Ms', 'monthlyUsd', 'maxConcurrency', 'maxRequestsPerSecond', 'name'] as const;
  fc.assert(
    fc.property(fc.constantFrom(...textKeys), fc.string(), (key, text) => {
      const f = { ...defaultForm(settings), source: 'sqs' as const, [key]: text };
      const v = validate(f);
      if (!v.scenario) assert.ok(Object.keys(v.errors).length + v.other.length > 0, 'an invalid form names a problem');
      return v.other.length === 0;
    }),
    { numRuns: 500 },
  );
});

test('property: numbers typed into the form come out as the same numbers in the scenario', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 900_000 }), (requests, avg) => {
      const f = fromScenarioInput(
        { name: 'x', source: 'sqs', traffic: { requestsPerMonth: requests }, work: { averageDurationMs: avg, p99DurationMs: avg * 2, measuredAtMemoryMb: 1024 } },
        settings,
      );
      const out = toScenarioInput(f);
      return (out['traffic'] as Record<string, unknown>)['requestsPerMonth'] === requests && (out['work'] as Record<string, unknown>)['averageDurationMs'] === avg;
    }),
  );
});

test('the response size is written for synchronous sources only, round-trips, and a bad one is flagged on the source step', () => {
  const alb = { ...defaultForm(settings), source: 'alb' as const, responseKb: '2048' };
  const json = toScenarioInput(alb) as { traffic: Record<string, unknown> };
  assert.equal(json.traffic['responseKb'], 2_048);
  assert.equal(fromScenarioInput(json, settings).responseKb, '2048');
  const queue = toScenarioInput({ ...alb, source: 'sqs' as const }) as { traffic: Record<string, unknown> };
  assert.equal(queue.traffic['responseKb'], undefined, 'a queue has no response');
  assert.ok(STEP_FIELDS.source.includes('responseKb'));
  assert.equal(FIELD_OF_PATH['traffic.responseKb'], 'responseKb');
  assert.ok(validate({ ...alb, responseKb: '-1' }).errors.responseKb, 'a negative response size is an error');
});

test('Kafka partitions: written for Kafka only, round-trip, and a fraction is flagged on the source step', () => {
  const kafka = { ...defaultForm(settings), source: 'kafka' as const, partitions: '24' };
  const json = toScenarioInput(kafka) as { traffic: Record<string, unknown> };
  assert.equal(json.traffic['partitions'], 24);
  assert.equal(fromScenarioInput(json, settings).partitions, '24');
  const queue = toScenarioInput({ ...kafka, source: 'sqs' as const }) as { traffic: Record<string, unknown> };
  assert.equal(queue.traffic['partitions'], undefined, 'an SQS queue has no partitions');
  assert.ok(STEP_FIELDS.source.includes('partitions'));
  assert.equal(validate({ ...kafka, partitions: '2.5' }).errors.partitions, 'must be a whole number');
  // The design step then shows the provisioned pollers the engine sized for the topic.
  const v = validate(kafka);
  assert.ok(v.scenario, 'a complete Kafka scenario');
});

test('records concurrently: the checkbox reaches work.recordsInParallel for poll sources, is left out when off, and round-trips', () => {
  const on = { ...defaultForm(settings), source: 'sqs' as const, recordsInParallel: true };
  const json = toScenarioInput(on) as { work: Record<string, unknown> };
  assert.equal(json.work['recordsInParallel'], true);
  assert.equal(fromScenarioInput(json, settings).recordsInParallel, true);
  assert.equal((toScenarioInput({ ...on, recordsInParallel: false }) as { work: Record<string, unknown> }).work['recordsInParallel'], undefined);
  assert.equal((toScenarioInput({ ...on, source: 'api-gateway-http' as const }) as { work: Record<string, unknown> }).work['recordsInParallel'], undefined, 'push sources have no batches');
  assert.equal(FIELD_OF_PATH['work.recordsInParallel'], 'recordsInParallel');
  assert.ok(STEP_FIELDS.constraints.includes('recordsInParallel'));
  assert.equal(validate(on).scenario?.work.recordsInParallel, true);
});
