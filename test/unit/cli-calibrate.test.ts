import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, run } from './cli-helpers.ts';
import { README_URL, insightsCsv, invocations, jsonLog, powerTuningResult, textLog, writeFiles } from './calibrate-fixtures.ts';

const INVS = invocations(2_000, 1024, 80, { seed: 21, coldEvery: 100 });
const FIELDS = ['memoryMb', 'invocations', 'coldStarts', 'averageDurationMs', 'p99DurationMs', 'maxMemoryUsedMb', 'initDurationMs'];

interface Out {
  schemaVersion: number;
  measurements: Array<Record<string, number | null>>;
  model: { source: string; cpuShare: number; parallelism: number };
  scenario: Record<string, unknown>;
  summary: { invocations: number; coldStarts: number; memorySizesMb: number[] };
}

test('calibrate --json on each format: exact counts, memory in MB, the contract fields, and a scenario recommend accepts', async () => {
  const files = writeFiles({
    'tail.log': textLog(INVS),
    'json.log': jsonLog(INVS),
    'insights.csv': insightsCsv(INVS),
    'url.txt': `Power Tuning said: ${README_URL}\n`,
    'result.json': powerTuningResult([
      { memoryMb: 512, durationMs: 300, cost: 2e-6 },
      { memoryMb: 1024, durationMs: 160, cost: 2.1e-6 },
    ]),
  });
  for (const [name, path] of Object.entries(files)) {
    const r = await run(['calibrate', path, '--json']);
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as Out;
    assert.equal(out.schemaVersion, 1);
    for (const m of out.measurements) assert.deepEqual(Object.keys(m), FIELDS, name);
    assert.ok(typeof out.model.cpuShare === 'number' && typeof out.model.parallelism === 'number');
    if (name.endsWith('.log') || name.endsWith('.csv')) {
      assert.equal(out.measurements.length, 1);
      const m = out.measurements[0]!;
      assert.equal(m['memoryMb'], 1024);
      assert.equal(m['invocations'], 2_000);
      assert.equal(m['coldStarts'], 20);
      assert.equal(m['maxMemoryUsedMb'], Math.max(...INVS.map((i) => i.maxUsedMb)));
      assert.equal(out.model.source, 'profile');
    } else {
      assert.equal(out.model.source, 'measured');
      for (const m of out.measurements) {
        assert.equal(m['invocations'], null);
        assert.equal(m['maxMemoryUsedMb'], null, 'Power Tuning has no memory use');
      }
    }
    if (name === 'url.txt') assert.deepEqual(out.summary.memorySizesMb, [128, 256, 512, 1024, 1536, 3008]);
    const scenarioPath = join(path + '.scenario.json');
    writeFileSync(scenarioPath, JSON.stringify(out.scenario));
    const rec = await run(['recommend', scenarioPath, '--json']);
    assert.equal(rec.code, 0, `${name}: ${rec.stderr}`);
  }
});

test('a file with no measurements: exit 2 naming the file and what was looked for', async () => {
  const { 'notes.txt': notes, 'tail.log': tail } = writeFiles({ 'notes.txt': 'START RequestId: 1\nnothing to see\n', 'tail.log': textLog(INVS) });
  for (const argv of [['calibrate', notes!], ['calibrate', tail!, notes!]]) {
    const r = await run(argv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no measurements in .*notes\.txt: looked for REPORT RequestId lines/);
    assert.match(r.stderr, /platform\.report/);
    assert.match(r.stderr, /Logs Insights CSV/);
    assert.match(r.stderr, /lambda-power-tuning\.show/);
    assert.equal(r.stdout, '');
  }
});

test('several functions: exit 2 asking for --function; --function picks one; an unknown one is named', async () => {
  const files = writeFiles({ 'a.csv': insightsCsv(INVS, 'alpha'), 'b.csv': insightsCsv(INVS.slice(0, 500), 'beta') });
  const ask = await run(['calibrate', files['a.csv']!, files['b.csv']!]);
  assert.equal(ask.code, 2);
  assert.match(ask.stderr, /choose one with --function NAME: alpha: 2,000 invocations at 1024 MB; beta: 500 invocations/);
  const beta = await run(['calibrate', files['a.csv']!, files['b.csv']!, '--function', 'beta', '--json']);
  assert.equal(beta.code, 0, beta.stderr);
  const out = JSON.parse(beta.stdout) as Out;
  assert.equal(out.summary.invocations, 500);
  assert.equal(out.scenario['name'], 'beta');
  const gamma = await run(['calibrate', files['a.csv']!, '--function', 'gamma']);
  assert.equal(gamma.code, 2);
  assert.match(gamma.stderr, /no measurements for function 'gamma'/);
});

test('--scenario keeps the rest of the scenario; a bad one, a missing file or no file is exit 2 with the problem named', async () => {
  const files = writeFiles({ 'tail.log': textLog(INVS), 'bad.json': '{"name":"x","source":"sqs","traffic":{},"work":{}}' });
  const ok = await run(['calibrate', files['tail.log']!, '--scenario', join(EXAMPLES, 'api-backend.json'), '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  const out = JSON.parse(ok.stdout) as Out;
  assert.equal(out.scenario['source'], 'api-gateway-http');
  const bad = await run(['calibrate', files['tail.log']!, '--scenario', files['bad.json']!]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid scenario/);
  assert.match(bad.stderr, /work\.averageDurationMs: is required/);
  const missing = await run(['calibrate', '/no/such/file.log']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read \/no\/such\/file\.log: no such file/);
  const none = await run(['calibrate']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /calibrate needs at least one file/);
});

test("'-' reads the log from stdin; the text output shows the table, the model and the scenario", async () => {
  const r = await run(['calibrate', '-'], { stdinText: textLog(INVS.slice(0, 100)) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Measurements: 100 invocations, 1 cold starts, 1 memory size/);
  assert.match(r.stdout, /Memory MB +Invocations +Cold starts +Average ms +p99 ms +Max used MB +Init ms/);
  assert.match(r.stdout, /Model \(profile\): Measured at one memory size \(1024 MB\)/);
  assert.match(r.stdout, /"measuredAtMemoryMb": 1024/);
  const help = await run(['calibrate', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: lambda-advisor calibrate/);
  const main = await run(['--help']);
  assert.match(main.stdout, /lambda-advisor calibrate <file \| -> \.\.\./);
});
