import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Calibrator, DurationQuantiles, EXACT_LIMIT, calibratedScenario, decodePowerTuningHash, selectFunction, type CalibrationRead } from '../../src/engine/calibrate/index.ts';
import { advise } from '../../src/engine/index.ts';
import { README_URL, insightsCsv, invocations, jsonLog, nearestRank, powerTuningResult, powerTuningUrl, random, textLog, type Inv } from './calibrate-fixtures.ts';

function read(files: Record<string, string>): CalibrationRead {
  const c = new Calibrator();
  for (const [name, text] of Object.entries(files)) {
    c.beginFile(name);
    for (const line of text.split(/\r?\n/)) c.feed(line);
    c.endFile();
  }
  return c.result();
}

function expected(invs: readonly Inv[]) {
  const d = invs.map((i) => i.durationMs);
  const inits = invs.filter((i) => i.initMs !== undefined).map((i) => i.initMs as number);
  return {
    memoryMb: invs[0]!.memoryMb,
    invocations: invs.length,
    coldStarts: inits.length,
    averageDurationMs: Math.round((d.reduce((a, b) => a + b, 0) / d.length) * 1000) / 1000,
    p99DurationMs: nearestRank(d, 0.99),
    maxMemoryUsedMb: Math.max(...invs.map((i) => i.maxUsedMb)),
    initDurationMs: inits.length > 0 ? nearestRank(inits, 0.5) : null,
  };
}

const INVS_512 = invocations(1_000, 512, 120, { seed: 3, coldEvery: 50 });
const INVS_1024 = invocations(700, 1024, 70, { seed: 4, coldEvery: 70, start: new Date('2026-11-30T12:00:00.000Z') });

test('text logs: REPORT lines among timestamps, START/END and app lines give exact counts, durations, memory and INIT', () => {
  const r = read({ 'a.log': textLog([...INVS_512, ...INVS_1024]) });
  assert.equal(r.functions.length, 1);
  const f = r.functions[0]!;
  assert.deepEqual(f.measurements, [expected(INVS_512), expected(INVS_1024)]);
  assert.equal(f.invocations, 1_700);
  assert.equal(f.coldStarts, 20 + 10);
  assert.equal(f.firstTime, '2026-11-30T10:00:00.000Z');
  assert.equal(f.lastTime, new Date(Date.parse('2026-11-30T12:00:00.000Z') + 699_000).toISOString());
  assert.equal(r.formats['report-lines'], 1_700);
  // START, END, INIT_START and the app line that says "Duration: 99 ms" are not measurements.
  assert.equal(r.ignoredLines, 1_700 * 3 + 30);
});

test('the JSON log format: platform.report records among other records give the same numbers', () => {
  const r = read({ 'a.jsonl': jsonLog([...INVS_512, ...INVS_1024]) });
  assert.deepEqual(r.functions[0]!.measurements, [expected(INVS_512), expected(INVS_1024)]);
  assert.equal(r.formats['json-platform-report'], 1_700);
});

test('Logs Insights CSV: memory in bytes becomes MB, the @log column names the function, quoted cells and CRLF', () => {
  const r = read({ 'q.csv': insightsCsv(INVS_512, 'orders') });
  assert.equal(r.functions.length, 1);
  assert.equal(r.functions[0]!.name, 'orders');
  assert.deepEqual(r.functions[0]!.measurements, [expected(INVS_512)]);
  assert.equal(r.formats['insights-csv'], 1_000);
  assert.equal(r.functions[0]!.firstTime, '2026-11-30T10:00:00.000Z');
});

test("Power Tuning's README example URL decodes to its six sizes, durations and costs", () => {
  const hash = README_URL.split('#')[1]!;
  const d = decodePowerTuningHash(hash);
  assert.ok(d.ok);
  assert.deepEqual(d.points.map((p) => p.memoryMb), [128, 256, 512, 1024, 1536, 3008]);
  assert.deepEqual(d.points.map((p) => Math.round(p.averageDurationMs)), [37002, 18648, 8489, 3891, 2512, 2010]);
  assert.ok(Math.abs((d.points[0]!.averagePriceUsd as number) - 0.000077168) < 1e-9);
  // The same URL percent-encoded (as some chat tools paste it) reads the same.
  const enc = decodePowerTuningHash(encodeURIComponent(hash));
  assert.deepEqual(enc, d);
  const bad = decodePowerTuningHash('gAAAAQ;ZooQR4yv');
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.match(bad.problem, /three parts/);
  const mismatch = decodePowerTuningHash('gAAAAQACAAQABsAL;ZooQR4yv;QdWhOEMk');
  assert.equal(mismatch.ok, false);
  if (!mismatch.ok) assert.match(mismatch.problem, /do not match/);
});

const CPU_POINTS = [128, 256, 512, 1024, 2048].map((memoryMb) => ({
  memoryMb,
  durationMs: Math.fround(20_000 / Math.min(1, memoryMb / 1769) / 1 + 50),
  cost: Math.fround(memoryMb * 1e-9),
}));

test('a Power Tuning result JSON, pretty-printed over many lines, is read once (not again from its own URL)', () => {
  const r = read({ 'out.json': powerTuningResult(CPU_POINTS) });
  assert.equal(r.formats['power-tuning-json'], 5);
  assert.equal(r.formats['power-tuning-url'], 0);
  const f = r.functions[0]!;
  assert.equal(f.name, null);
  assert.deepEqual(
    f.measurements.map((m) => [m.memoryMb, m.invocations, m.p99DurationMs, m.maxMemoryUsedMb]),
    CPU_POINTS.map((p) => [p.memoryMb, null, null, null]),
  );
  // describe-execution output: the result as a JSON string in "output", on one line.
  const wrapped = read({ 'exec.json': JSON.stringify({ executionArn: 'arn', status: 'SUCCEEDED', output: powerTuningResult(CPU_POINTS) }) });
  assert.equal(wrapped.formats['power-tuning-json'], 5);
});

test('mixed formats in one file and several files add up; a URL alone counts', () => {
  const mixed = textLog(INVS_512.slice(0, 300)) + jsonLog(INVS_512.slice(300)) + `${powerTuningUrl(CPU_POINTS)}\n`;
  const r = read({ 'mixed.log': mixed, 'more.csv': insightsCsv(INVS_1024, 'orders') });
  assert.equal(r.formats['report-lines'], 300);
  assert.equal(r.formats['json-platform-report'], 700);
  assert.equal(r.formats['power-tuning-url'], 5);
  assert.equal(r.formats['insights-csv'], 700);
  // The CSV names 'orders'; the rest names no function and joins it.
  const sel = selectFunction(r);
  assert.ok(sel.ok);
  if (!sel.ok) return;
  assert.equal(sel.data.name, 'orders');
  const at512 = sel.data.measurements.find((m) => m.memoryMb === 512)!;
  assert.deepEqual(at512, expected(INVS_512));
  assert.deepEqual(sel.data.measurements.map((m) => m.memoryMb), [128, 256, 512, 1024, 2048]);
  assert.ok(sel.notes.includes("Data naming no function at 1024 MB was left out: 'orders' has its own there."), sel.notes.join('\n'));
  assert.ok(sel.notes.includes('Power Tuning points at 512 MB were left out: the logs measured those sizes invocation by invocation.'), sel.notes.join('\n'));
});

test('several functions: a question naming each, unless one is chosen', () => {
  const a = textLog(INVS_512).replace(/ REPORT/g, ' /aws/lambda/alpha REPORT');
  const b = insightsCsv(INVS_1024, 'beta');
  const r = read({ 'a.log': a, 'b.csv': b });
  const ask = selectFunction(r);
  assert.equal(ask.ok, false);
  if (!ask.ok) {
    assert.match(ask.message, /2 functions; choose one with --function NAME/);
    assert.match(ask.message, /alpha: 1,000 invocations at 512 MB/);
    assert.match(ask.message, /beta: 700 invocations at 1024 MB/);
  }
  const beta = selectFunction(r, 'beta');
  assert.ok(beta.ok && beta.data.name === 'beta' && beta.data.invocations === 700);
  const none = selectFunction(r, 'gamma');
  assert.equal(none.ok, false);
  if (!none.ok) assert.match(none.message, /no measurements for function 'gamma'/);
});

test('garbage, truncated and malformed lines are skipped, never thrown on', () => {
  const r = random(9);
  const junk: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    const n = Math.floor(r() * 120);
    junk.push(Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(r() * 95))).join(''));
  }
  junk.push('REPORT RequestId: x Duration: abc ms', 'REPORT RequestId: x\tDuration: 12.00 ms\tMemory Size: 99999 MB', '{"type":"platform.report","record":{"metrics":{"durationMs":"x"}}}', '{"type":"platform.report"', '@duration,@memorySize', '"unterminated,12', 'https://lambda-power-tuning.show/#@@@;;');
  const out = read({ 'junk.txt': junk.join('\n') });
  assert.equal(out.functions.length, 0);
  assert.equal(out.files[0]!.measurements, 0);
  assert.ok(out.problems.some((p) => /junk\.txt:\d+: /.test(p)), 'a broken Power Tuning URL is named with its line');
});

test('quantiles are exact up to the exact limit and still exact for two-decimal durations past it (histogram)', () => {
  const r = random(11);
  for (const n of [1, 2, 99, 100, 101, 5_000, EXACT_LIMIT, EXACT_LIMIT + 50_000]) {
    const q = new DurationQuantiles();
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = Math.round(r() * (i % 97 === 0 ? 60_000 : 2_000) * 100) / 100;
      values.push(v);
      q.add(v);
    }
    for (const p of [0.5, 0.9, 0.99, 1]) {
      const want = nearestRank(values, p);
      const got = q.quantile(p) as number;
      if (want < 10_000) assert.equal(got, want, `n=${n} q=${p}`);
      else assert.ok(Math.abs(got - want) <= 0.5, `n=${n} q=${p}: ${got} vs ${want}`);
    }
  }
  assert.equal(new DurationQuantiles().quantile(0.99), null);
});

test('calibrated scenarios from each format are accepted by recommend', () => {
  const cases: Record<string, string> = {
    text: textLog([...INVS_512, ...INVS_1024]),
    json: jsonLog(INVS_512),
    csv: insightsCsv(INVS_1024),
    url: `${README_URL}\n`,
    result: powerTuningResult(CPU_POINTS),
  };
  for (const [name, text] of Object.entries(cases)) {
    const r = read({ [name]: text });
    const sel = selectFunction(r);
    assert.ok(sel.ok, name);
    if (!sel.ok) continue;
    const { scenario } = calibratedScenario(sel.data, undefined);
    const advice = advise(scenario);
    assert.ok(advice.ok, `${name}: ${advice.ok ? '' : JSON.stringify(advice.errors)}`);
  }
});

test('with a given scenario only work changes; the cold-start rate and INIT come from the logs', () => {
  const base = { name: 'orders', source: 'sqs', runtime: 'python', traffic: { requestsPerMonth: 5_000_000 }, work: { averageDurationMs: 999, p99DurationMs: 1999, measuredAtMemoryMb: 256, profile: 'io', tmpStorageMb: 1024 } };
  const sel = selectFunction(read({ 'a.log': textLog([...INVS_512, ...INVS_1024]) }));
  assert.ok(sel.ok);
  if (!sel.ok) return;
  const { scenario } = calibratedScenario(sel.data, base);
  const work = scenario['work'] as Record<string, unknown>;
  assert.equal(scenario['source'], 'sqs');
  assert.equal(scenario['runtime'], 'python');
  assert.deepEqual(scenario['traffic'], base.traffic);
  assert.equal(work['measuredAtMemoryMb'], 512, 'the size with the most invocations');
  assert.equal(work['averageDurationMs'], expected(INVS_512).averageDurationMs);
  assert.equal(work['p99DurationMs'], expected(INVS_512).p99DurationMs);
  assert.equal(work['maxMemoryUsedMb'], expected(INVS_512).maxMemoryUsedMb);
  assert.equal(work['initDurationMs'], expected(INVS_512).initDurationMs);
  assert.equal(work['coldStartRate'], 30 / 1_700);
  assert.equal(work['tmpStorageMb'], 1024, 'fields the data cannot give are kept');
  assert.equal((work['measurements'] as unknown[]).length, 2);
});

test('a Power Tuning result for CPU-bound work leads to a design near its measured cost optimum, and the memory card says the curve is measured', () => {
  // CPU-bound: duration halves with memory up to 1 vCPU; at 128 MB it is slower still (superlinear), so 256 MB is the cheapest measured.
  const points = [
    { memoryMb: 128, durationMs: 5_200, cost: 0 },
    { memoryMb: 256, durationMs: 2_400, cost: 0 },
    { memoryMb: 512, durationMs: 1_230, cost: 0 },
    { memoryMb: 1024, durationMs: 640, cost: 0 },
    { memoryMb: 2048, durationMs: 560, cost: 0 },
    { memoryMb: 3008, durationMs: 555, cost: 0 },
  ].map((p) => ({ ...p, cost: p.memoryMb * p.durationMs * 1.6e-11 }));
  const sel = selectFunction(read({ 'pt.json': powerTuningResult(points) }));
  assert.ok(sel.ok);
  if (!sel.ok) return;
  const base = { name: 'crunch', source: 'sqs', traffic: { requestsPerMonth: 10_000_000 }, work: { averageDurationMs: 100, p99DurationMs: 150, measuredAtMemoryMb: 1024 } };
  const advice = advise(calibratedScenario(sel.data, base).scenario);
  assert.ok(advice.ok);
  if (!advice.ok) return;
  const d = advice.design;
  const measuredOptimum = [...points].sort((a, b) => a.cost - b.cost)[0]!.memoryMb;
  assert.equal(measuredOptimum, 256);
  assert.ok(d.memoryMb >= 256 && d.memoryMb <= 1024, `chose ${d.memoryMb} MB`);
  assert.equal(d.model.source, 'measured');
  assert.match(d.rationale.memory.why, /Measured at 128, 256, 512, 1024, 2048, 3008 MB/);
  assert.match(d.rationale.memory.why, /The search starts at 256 MB, the cheapest size measured/);
});

test('REPORT variants: spaces instead of tabs, SnapStart restore fields, a request id ending in hex letters, timestamps with offsets', async () => {
  const { parseReportLine, parseTime } = await import('../../src/engine/calibrate/formats.ts');
  const spaced = parseReportLine('REPORT RequestId: f420d819-d07e-11e8-9ef2-4d8f649fd1ed Duration: 158.15 ms Billed Duration: 200 ms Memory Size: 128 MB Max Memory Used: 38 MB');
  assert.deepEqual(spaced, { memoryMb: 128, durationMs: 158.15, billedDurationMs: 200, maxMemoryUsedMb: 38, initDurationMs: null, functionName: null, timeMs: null });
  const snap = parseReportLine(
    '2026-11-30T10:00:00.000+02:00 REPORT RequestId: abc\tDuration: 20.50 ms\tBilled Duration: 21 ms\tMemory Size: 1024 MB\tMax Memory Used: 90 MB\tRestore Duration: 300.10 ms\tBilled Restore Duration: 120 ms',
  );
  assert.equal(snap?.durationMs, 20.5);
  assert.equal(snap?.initDurationMs, null, 'a SnapStart restore is not an INIT');
  assert.equal(snap?.timeMs, Date.parse('2026-11-30T08:00:00.000Z'));
  assert.equal(parseTime('2026-11-30 10:00:00,250'), Date.parse('2026-11-30T10:00:00.250Z'));
  assert.equal(parseTime('[app] at 2026-11-30T10:00:00Z'), Date.parse('2026-11-30T10:00:00Z'));
  assert.equal(parseTime('no time here'), null);
  assert.equal(parseReportLine('REPORT RequestId: x Billed Duration: 3 ms Memory Size: 128 MB'), null, 'no plain Duration');
  assert.equal(parseReportLine('/aws/lambda/orders-api REPORT RequestId: x Duration: 3.00 ms Memory Size: 128 MB')?.functionName, 'orders-api');
});

test('JSON log records after an `aws logs tail` prefix are read; a p99 below the average (a few timeouts) still gives a valid scenario', () => {
  const invs = invocations(200, 256, 10, { seed: 5 });
  const prefixed = jsonLog(invs)
    .split('\n')
    .map((l) => (l ? `2026-11-30T10:00:00.000000+00:00 2026/11/30/[$LATEST]abc ${l}` : l))
    .join('\n');
  const r = read({ 'tail.log': prefixed });
  assert.equal(r.formats['json-platform-report'], 200);
  assert.deepEqual(r.functions[0]!.measurements, [expected(invs)]);
  // 199 quick invocations and one that ran to a 900 s timeout: the mean is above the p99.
  const lines = invocations(199, 512, 10, { seed: 6 });
  const slow: Inv = { ...lines[0]!, durationMs: 900_000 };
  const sel = selectFunction(read({ 'a.log': textLog([...lines, slow]) }));
  assert.ok(sel.ok);
  if (!sel.ok) return;
  const m = sel.data.measurements[0]!;
  assert.ok((m.p99DurationMs as number) < m.averageDurationMs);
  const { scenario, notes } = calibratedScenario(sel.data, undefined);
  assert.ok(advise(scenario).ok);
  assert.equal((scenario['work'] as Record<string, unknown>)['p99DurationMs'], m.averageDurationMs);
  assert.ok(notes.some((n) => /is above the p99/.test(n)), notes.join('\n'));
});

test('feed() and result() alone (no beginFile) read the lines as one input', () => {
  const c = new Calibrator();
  for (const line of textLog(INVS_512.slice(0, 10)).split('\n')) c.feed(line);
  const r = c.result();
  assert.equal(r.files.length, 1);
  assert.equal(r.files[0]!.name, 'input');
  assert.equal(r.functions[0]!.invocations, 10);
});
