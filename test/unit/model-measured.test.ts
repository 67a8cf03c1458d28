import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, durationAt, fitDurations, monotonePoints, parseScenario, recommend, workModel, type Scenario } from '../../src/engine/index.ts';
import { usableVcpus } from '../../src/engine/model/performance.ts';
import { random } from './calibrate-fixtures.ts';

/** Duration at `m` of work that is `share` CPU-bound at `refMb`, with `threads` busy threads. */
function truth(share: number, refMb: number, refMs: number, threads = 1) {
  return (m: number) => refMs * (share * (usableVcpus(refMb, threads) / usableVcpus(m, threads)) + (1 - share));
}

function scenarioWith(work: Record<string, unknown>, extra: Record<string, unknown> = {}): Scenario {
  const parsed = parseScenario({ name: 'fit', source: 'api-gateway-http', traffic: { requestsPerMonth: 10_000_000 }, work, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenario;
}

test('three memory sizes recover a known CPU-bound share within ±0.1, with 3% noise, for several shares', () => {
  const r = random(42);
  for (const share of [0.1, 0.35, 0.6, 0.9]) {
    const f = truth(share, 1024, 400);
    const sizes = [256, 1024, 1769];
    const measurements = sizes.map((memoryMb) => ({ memoryMb, averageDurationMs: f(memoryMb) * (1 + (r() - 0.5) * 0.06) }));
    const s = scenarioWith({ averageDurationMs: measurements[1]!.averageDurationMs, p99DurationMs: measurements[1]!.averageDurationMs * 1.5, measuredAtMemoryMb: 1024, measurements });
    const report = workModel(s).report;
    assert.equal(report.source, 'measured');
    assert.ok(Math.abs(report.cpuShare - share) <= 0.1, `share ${share}: fitted ${report.cpuShare}`);
    assert.deepEqual(report.measuredAtMb, sizes);
    assert.ok(report.rmsErrorPct !== null && report.rmsErrorPct < 5, `error ${report.rmsErrorPct}`);
  }
});

test('the fit finds the parallelism when sizes above 1 vCPU tell it apart, and keeps the given one when none do', () => {
  const f = truth(0.8, 1024, 1_000, 2);
  const pts = [1024, 2048, 4096, 8192].map((memoryMb) => ({ memoryMb, durationMs: f(memoryMb) }));
  const fit = fitDurations(pts, 1);
  assert.equal(fit.parallelism, 2);
  assert.equal(fit.parallelismFitted, true);
  assert.ok(fit.rmsErrorPct < 1e-6);
  const low = fitDurations([256, 512, 1024].map((memoryMb) => ({ memoryMb, durationMs: f(memoryMb) })), 3);
  assert.equal(low.parallelism, 3, 'under 1 vCPU every parallelism fits the same: the scenario keeps its own');
  assert.equal(low.parallelismFitted, false);
});

test('between measured sizes the curve passes through the measured points; outside it follows the fit', () => {
  const measurements = [
    { memoryMb: 512, averageDurationMs: 800 },
    { memoryMb: 1024, averageDurationMs: 430 },
    { memoryMb: 2048, averageDurationMs: 300 },
  ];
  const s = scenarioWith({ averageDurationMs: 430, p99DurationMs: 600, measuredAtMemoryMb: 1024, measurements });
  const avg = workModel(s).avg;
  for (const m of measurements) assert.ok(Math.abs(durationAt(avg, m.memoryMb) - m.averageDurationMs) < 1e-9, `${m.memoryMb} MB`);
  const mid = durationAt(avg, 1500);
  assert.ok(mid < 430 && mid > 300);
  assert.ok(durationAt(avg, 4096) <= 300 && durationAt(avg, 256) >= 800);
  // Without p99 per point, the p99 curve has the average's shape scaled to the scenario's p99.
  assert.ok(Math.abs(durationAt(workModel(s).p99, 2048) - (600 * 300) / 430) < 1e-9);
});

test('one memory size keeps the profile, and the design says so', () => {
  const s = scenarioWith({ averageDurationMs: 100, p99DurationMs: 200, measuredAtMemoryMb: 512, profile: 'cpu', measurements: [{ memoryMb: 512, averageDurationMs: 100 }] });
  const d = recommend(s);
  assert.equal(d.model.source, 'profile');
  assert.equal(d.model.cpuShare, 0.9);
  assert.match(d.model.note, /one memory size \(512 MB\)/);
  assert.match(d.rationale.memory.why, /one memory size measured, so the profile gives the curve's shape/);
});

test('with several sizes the design reports a measured model and the memory decision cites the sizes', () => {
  const f = truth(0.9, 1024, 1_000);
  const measurements = [512, 1024, 2048].map((memoryMb) => ({ memoryMb, averageDurationMs: f(memoryMb), p99DurationMs: f(memoryMb) * 1.4, invocations: 1000, coldStarts: 5 }));
  const s = scenarioWith({ averageDurationMs: f(1024), p99DurationMs: f(1024) * 1.4, measuredAtMemoryMb: 1024, measurements, coldStartRate: 0.005, initDurationMs: 300 });
  const d = recommend(s);
  assert.equal(d.model.source, 'measured');
  assert.deepEqual(d.model.measuredAtMb, [512, 1024, 2048]);
  assert.match(d.rationale.memory.why, /Measured at 512, 1024, 2048 MB/);
  assert.match(d.rationale.memory.tradeOff, /The duration curve is measured at 512 MB, 1,024 MB, 2,048 MB/);
  assert.match(d.rationale.timeout.why, /at the chosen memory is about [\d,.]+ m?s \(measured at 512, 1024, 2048 MB\)/);
  const init = d.cost.lines.find((l) => l.id === 'lambda-init');
  assert.ok(init, 'the bill has an INIT line');
  assert.match(init.detail, /0\.5% of invocations \(measured\)/);
  assert.ok(d.cost.assumptions.some((a) => /as measured in your logs/.test(a)));
});

test('noise is evened out so the search can rely on its invariants; sizes below a cheaper measured one are skipped', () => {
  const noisy = monotonePoints([
    { memoryMb: 1024, durationMs: 100 },
    { memoryMb: 2048, durationMs: 110 }, // slower at more memory: noise
    { memoryMb: 4096, durationMs: 45 }, // faster than the memory grew over 2048 (noise), though dearer than 1024
  ]);
  assert.deepEqual(noisy.points.map((p) => p.durationMs), [100, 100, 50]);
  assert.equal(noisy.adjusted, 2);
  const superlinear = monotonePoints([
    { memoryMb: 128, durationMs: 4_000 },
    { memoryMb: 256, durationMs: 1_500 },
    { memoryMb: 512, durationMs: 800 },
  ]);
  assert.equal(superlinear.cheapestMeasuredMb, 256);
  assert.deepEqual(superlinear.points.map((p) => p.durationMs), [4_000, 1_500, 800]);
});

test('work.measurements and work.coldStartRate are validated with their field paths', () => {
  const base = { name: 'x', source: 'sqs', traffic: { requestsPerMonth: 1 }, work: { averageDurationMs: 10, p99DurationMs: 20, measuredAtMemoryMb: 512 } };
  const bad = advise({
    ...base,
    work: {
      ...base.work,
      coldStartRate: 1.5,
      measurements: [
        { memoryMb: 512, averageDurationMs: 10, invocations: 5, coldStarts: 6 },
        { memoryMb: 512, averageDurationMs: 12, p99DurationMs: 3 },
        { memoryMb: 64, averageDurationMs: 0 },
      ],
    },
  });
  assert.equal(bad.ok, false);
  if (bad.ok) return;
  const paths = bad.errors.map((e) => `${e.path}: ${e.message}`);
  assert.ok(paths.includes('work.coldStartRate: must be <= 1 (a share of invocations)'), paths.join('\n'));
  assert.ok(paths.some((p) => p.startsWith('work.measurements[2].memoryMb: must be >= 128')), paths.join('\n'));
  assert.ok(paths.some((p) => p.startsWith('work.measurements[2].averageDurationMs: must be > 0')), paths.join('\n'));
  const refine = advise({ ...base, work: { ...base.work, measurements: [{ memoryMb: 512, averageDurationMs: 10, invocations: 5, coldStarts: 6 }, { memoryMb: 512, averageDurationMs: 12, p99DurationMs: 3 }] } });
  assert.equal(refine.ok, false);
  if (refine.ok) return;
  const msgs = refine.errors.map((e) => `${e.path}: ${e.message}`);
  assert.ok(msgs.includes('work.measurements[1].memoryMb: 512 MB is measured twice (one entry per memory size)'), msgs.join('\n'));
  assert.ok(!msgs.some((m) => m.includes('p99DurationMs')), 'a measured p99 below the average is data (a few very long invocations), not an error');
  assert.ok(msgs.includes('work.measurements[0].coldStarts: cannot exceed invocations'), msgs.join('\n'));
});

test('property: with a measured curve the memory search still finds the cheapest setting an exhaustive scan finds', async () => {
  const fc = (await import('fast-check')).default;
  const { ALL_MEMORIES, costByMemory, RECOMMENDATION_MODEL, pricedConfigOf } = await import('../../src/engine/index.ts');
  const arb = fc.record({
    sizes: fc.uniqueArray(fc.integer({ min: 128, max: 10_240 }), { minLength: 2, maxLength: 5 }),
    base: fc.double({ min: 5, max: 20_000, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    noise: fc.array(fc.double({ min: 0.7, max: 1.3, noNaN: true }), { minLength: 5, maxLength: 5 }),
    target: fc.option(fc.double({ min: 10, max: 100_000, noNaN: true }), { nil: undefined }),
    source: fc.constantFrom('api-gateway-http', 'direct-sync', 's3'),
    rate: fc.double({ min: 0.01, max: 500, noNaN: true }),
  });
  fc.assert(
    fc.property(arb, (r) => {
      const sorted = [...r.sizes].sort((a, b) => a - b);
      const f = truth(r.share, sorted[0]!, r.base);
      const measurements = sorted.map((memoryMb, i) => ({ memoryMb, averageDurationMs: Math.max(0.01, f(memoryMb) * r.noise[i]!) }));
      const ref = measurements[0]!;
      const parsed = parseScenario({
        name: 'p',
        // The memory search is the on-demand shape's: pinned, whatever the compute decision would choose.
        compute: 'on-demand',
        source: r.source,
        traffic: { averagePerSecond: r.rate },
        work: { averageDurationMs: ref.averageDurationMs, p99DurationMs: ref.averageDurationMs * 2, measuredAtMemoryMb: ref.memoryMb, measurements },
        latency: r.target === undefined ? { coldStarts: 'tolerate' } : { targetP99Ms: r.target, coldStarts: 'tolerate' },
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const s = parsed.scenario;
      const d = recommend(s);
      const { avg, p99, report } = workModel(s);
      const config = pricedConfigOf(s, d);
      const costs = costByMemory(s, config, (m) => durationAt(avg, m), ALL_MEMORIES);
      const capMs = (s.source === 'api-gateway-http' ? 29 : 900) * 1_000;
      const target = s.latency.targetP99Ms ?? Infinity;
      const floor = Math.max(128, report.cheapestMeasuredMb ?? 128);
      let best = Infinity;
      for (let m = floor; m <= 10_240; m++) {
        const p = durationAt(p99, m);
        if (p <= target && p * RECOMMENDATION_MODEL.timeoutSafetyFactor <= capMs) best = Math.min(best, costs[m - 128] as number);
      }
      if (!Number.isFinite(best)) return;
      assert.ok(d.memoryMb >= floor);
      assert.ok(durationAt(p99, d.memoryMb) <= target + 1e-6, 'the chosen memory meets the target');
      const chosen = costs[d.memoryMb - 128] as number;
      // The search's own slack: above 200 ms an invocation's 1 ms billing rounding moves the cost by under 0.5%.
      assert.ok(chosen <= best * (1 + RECOMMENDATION_MODEL.costTieTolerance + 0.005) + 1e-9, `chosen ${d.memoryMb} MB ${chosen} vs cheapest ${best}`);
    }),
    { numRuns: 60 },
  );
});
