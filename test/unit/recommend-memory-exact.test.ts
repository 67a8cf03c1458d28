// The memory search with /tmp above 512 MB or provisioned concurrency (where the cost is not monotone
// in memory) is a branch and bound; it must choose exactly what the former scan of all 10,113 steps
// chose. The scan is kept here as the reference, computed from costByMemory over ALL_MEMORIES.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  ALL_MEMORIES,
  costByMemory,
  durationAt,
  LIMITS,
  parseScenario,
  PRICING_UNITS,
  recommend,
  RUNTIME_LIST,
  type Scenario,
} from '../../src/engine/index.ts';
import { buildContext, MODEL, type Context } from '../../src/engine/recommend/context.ts';
import { decideBatching } from '../../src/engine/recommend/batching.ts';
import { planColdStart } from '../../src/engine/recommend/coldStart.ts';
import { memorySearchInput } from '../../src/engine/recommend/index.ts';
import { cheapestFeasibleMemory, decideMemory, throughputLimit, type MemoryInput } from '../../src/engine/recommend/memory.ts';
import { decideVpc } from '../../src/engine/recommend/vpc.ts';

const MIN_MB = LIMITS.memoryMinMb.value;
const MAX_MB = LIMITS.memoryMaxMb.value;

interface Choice {
  memoryMb: number;
  cheapest: { memoryMb: number; monthlyUsd: number };
}

/** The former exhaustive search: every step priced with costByMemory, then the cheapest and the tie rule. */
function exhaustiveChoice(c: Context, input: MemoryInput): Choice | null {
  const p99 = (m: number): number => input.batchSize * durationAt(c.p99Work, m);
  const target = c.target === undefined ? Infinity : c.target - input.initAllowanceMs;
  const windowMs = input.windowSeconds * 1_000;
  const capMs = c.timeoutCapSeconds * 1_000;
  const ok = (m: number, level: 1 | 2, limitConc: number): boolean => {
    const p = p99(m);
    if (p + windowMs > target) return false;
    if ((level === 1 ? p * MODEL.timeoutSafetyFactor : p) > capMs) return false;
    return (c.avgRate * durationAt(c.avgWork, m)) / 1_000 <= limitConc + 1e-9;
  };
  // Where no memory lets the average load fit the source's lanes, memory is not bought for it: the
  // steps are those that meet the other constraints (as recommend() does since the source catalogue).
  const limits = Number.isFinite(throughputLimit(c)) ? [throughputLimit(c), Infinity] : [Infinity];
  let lowest = -1;
  for (const limitConc of limits) {
    for (const level of [1, 2] as const) {
      for (let m = c.floorMb; m <= MAX_MB && lowest < 0; m++) if (ok(m, level, limitConc)) lowest = m;
      if (lowest >= 0) break;
    }
    if (lowest >= 0) break;
  }
  if (lowest < 0) return null;
  const costs = costByMemory(c.s, { ...input.config, memoryMb: lowest, averageInvocationMs: 0 }, (m) => input.recordsPerInvocation * durationAt(c.avgWork, m), ALL_MEMORIES);
  let cheapest = lowest;
  for (let m = lowest; m <= MAX_MB; m++) if ((costs[m - MIN_MB] as number) < (costs[cheapest - MIN_MB] as number)) cheapest = m;
  const lowestCost = costs[cheapest - MIN_MB] as number;
  const limit = lowestCost * (1 + MODEL.costTieTolerance);
  let chosen = cheapest;
  for (let m = lowest; m <= MAX_MB; m++) {
    const cm = costs[m - MIN_MB] as number;
    if (cm > limit) continue;
    const p = p99(m);
    const pc = p99(chosen);
    if (p < pc || (p === pc && cm < (costs[chosen - MIN_MB] as number))) chosen = m;
  }
  return { memoryMb: chosen, cheapest: { memoryMb: cheapest, monthlyUsd: lowestCost } };
}

/**
 * The memory search's input exactly as `recommend` builds it: the engine's own `memorySearchInput`
 * (a copy here drifted once: it missed the cap on the provisioned-concurrency estimate, so above
 * 900 it searched another bill than recommend() did).
 */
function memoryInputOf(s: Scenario): { c: Context; input: MemoryInput } {
  const c = buildContext(s);
  const plan = planColdStart(c);
  const batching = decideBatching(c, cheapestFeasibleMemory(c, plan.initAllowanceMs), plan.initAllowanceMs);
  return { c, input: memorySearchInput(c, decideVpc(c), plan, batching) };
}

const SYNC = ['api-gateway-rest', 'api-gateway-http', 'function-url', 'alb', 'direct-sync'] as const;
const OTHER = ['s3', 'sns', 'eventbridge', 'schedule', 'direct-async', 'sqs', 'sqs-fifo', 'kinesis', 'dynamodb-streams', 'kafka'] as const;

/** Valid scenarios with /tmp above 512 MB, or cold starts to avoid on a synchronous source, or both. */
const exhaustiveScenario = fc
  .record({
    sync: fc.constantFrom(true, true, false),
    syncSource: fc.constantFrom(...SYNC),
    otherSource: fc.constantFrom(...OTHER),
    runtime: fc.constantFrom(...RUNTIME_LIST),
    architecture: fc.constantFrom('auto', 'arm64', 'x86_64'),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    rate: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 3_000, noNaN: true })),
    peakFactor: fc.option(fc.double({ min: 1, max: 20, noNaN: true }), { nil: undefined }),
    payloadKb: fc.double({ min: 0.1, max: 200, noNaN: true }),
    shards: fc.integer({ min: 1, max: 16 }),
    // Short invocations make the 1 ms billing rounding matter; long ones make many billed durations.
    avg: fc.oneof(fc.double({ min: 1, max: 30, noNaN: true }), fc.double({ min: 1, max: 60_000, noNaN: true })),
    p99Factor: fc.double({ min: 1, max: 5, noNaN: true }),
    measuredAt: fc.integer({ min: 128, max: 10_240 }),
    usedShare: fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }), { nil: undefined }),
    profile: fc.constantFrom('cpu', 'io', 'mixed'),
    parallelism: fc.integer({ min: 1, max: 6 }),
    tmp: fc.oneof(fc.constant(512), fc.integer({ min: 513, max: 10_240 })),
    init: fc.option(fc.integer({ min: 0, max: 9_000 }), { nil: undefined }),
    target: fc.option(fc.double({ min: 10, max: 200_000, noNaN: true }), { nil: undefined }),
    freeTier: fc.boolean(),
    logKb: fc.double({ min: 0, max: 50, noNaN: true }),
  })
  .map((r) => {
    const source = r.sync ? r.syncSource : r.otherSource;
    // Without a synchronous source to avoid cold starts on, /tmp must be above 512 MB.
    const tmp = r.sync || r.tmp > 512 ? r.tmp : 513 + (r.measuredAt % 9_000);
    const traffic: Record<string, unknown> = { averagePerSecond: r.rate, payloadKb: r.payloadKb };
    if (r.peakFactor !== undefined) traffic.peakPerSecond = r.rate * r.peakFactor;
    if (source === 'kinesis' || source === 'dynamodb-streams') traffic.shards = r.shards;
    const work: Record<string, unknown> = {
      averageDurationMs: r.avg,
      p99DurationMs: r.avg * r.p99Factor,
      measuredAtMemoryMb: r.measuredAt,
      profile: r.profile,
      parallelism: r.parallelism,
      tmpStorageMb: tmp,
      logKbPerInvocation: r.logKb,
    };
    if (r.usedShare !== undefined) work.maxMemoryUsedMb = Math.max(1, Math.floor(r.measuredAt * r.usedShare));
    if (r.init !== undefined) work.initDurationMs = r.init;
    const input = {
      name: 'exact-fn',
      // The memory search is the on-demand shape's (Managed Instances size environments instead): pinned so
      // that recommend()'s memory is the search's whatever the compute decision would choose.
      compute: 'on-demand',
      region: r.region,
      runtime: r.runtime,
      architecture: r.architecture,
      source,
      traffic,
      work,
      latency: r.target === undefined ? { coldStarts: 'avoid' } : { targetP99Ms: r.target, coldStarts: 'avoid' },
      budget: { freeTier: r.freeTier },
      network: { awsServices: [] },
      ordering: 'none',
      idempotent: true,
    };
    const parsed = parseScenario(input);
    if (!parsed.ok) throw new Error(`arbitrary produced an invalid scenario: ${JSON.stringify(parsed.errors)}`);
    return parsed.scenario;
  });

function assertSameChoice(c: Context, input: MemoryInput, what: string): boolean {
  const fast = decideMemory(c, input);
  const ref = exhaustiveChoice(c, input);
  if (ref === null) return false; // nothing meets the constraints: the exhaustive branch is not used
  assert.equal(fast.memoryMb, ref.memoryMb, `${what}: chosen memory`);
  assert.deepEqual(fast.cheapestMeeting, ref.cheapest, `${what}: cheapest meeting the constraints`);
  return true;
}

test('with /tmp above 512 MB or provisioned concurrency, the search chooses exactly what a scan of every step chose', () => {
  let compared = 0;
  let provisioned = 0;
  let tmp = 0;
  fc.assert(
    fc.property(exhaustiveScenario, (s) => {
      const { c, input } = memoryInputOf(s);
      const exhaustive = input.config.ephemeralStorageMb > PRICING_UNITS.ephemeralFreeMb.value || input.config.provisionedConcurrency > 0;
      assert.ok(exhaustive || c.kind === 'sync', 'the arbitrary makes /tmp above 512 MB or a synchronous source');
      if (!exhaustive) return;
      // The input above is the one recommend() searches with.
      assert.equal(recommend(s).memoryMb, decideMemory(c, input).memoryMb, 'same input as recommend()');
      if (assertSameChoice(c, input, JSON.stringify(s))) {
        compared++;
        if (input.config.provisionedConcurrency > 0) provisioned++;
        if (input.config.ephemeralStorageMb > PRICING_UNITS.ephemeralFreeMb.value) tmp++;
      }
    }),
    { numRuns: 300 },
  );
  // The comparison must have covered both causes, many times each.
  assert.ok(compared >= 150 && provisioned >= 30 && tmp >= 100, `compared ${compared} (provisioned ${provisioned}, /tmp ${tmp})`);
});

test('the search stays exact across provisioned concurrency, its hours, /tmp, batch records and INIT, set directly', () => {
  const variant = fc.record({
    pc: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 2_000 })),
    hoursShare: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    tmp: fc.integer({ min: 513, max: 10_240 }),
    withTmp: fc.boolean(),
    records: fc.oneof(fc.constant(1), fc.double({ min: 1, max: 500, noNaN: true })),
    initMs: fc.integer({ min: 0, max: 9_000 }),
    arch: fc.constantFrom('arm64', 'x86_64'),
  });
  let compared = 0;
  fc.assert(
    fc.property(exhaustiveScenario, variant, (s, v) => {
      const { c, input: base } = memoryInputOf(s);
      const pc = v.pc === 0 && !v.withTmp ? 1 : v.pc;
      const input: MemoryInput = {
        ...base,
        recordsPerInvocation: v.records,
        config: {
          ...base.config,
          architecture: v.arch,
          recordsPerInvocation: v.records,
          ephemeralStorageMb: v.withTmp ? v.tmp : PRICING_UNITS.ephemeralFreeMb.value,
          provisionedConcurrency: pc,
          provisionedHours: PRICING_UNITS.hoursPerMonth.value * v.hoursShare,
          initMs: v.initMs,
        },
      };
      if (assertSameChoice(c, input, `${JSON.stringify(s)} ${JSON.stringify(v)}`)) compared++;
    }),
    { numRuns: 200 },
  );
  assert.ok(compared >= 100, `compared ${compared}`);
});

test('the two example scenarios that take this path choose what the scan chose', () => {
  for (const name of ['api-backend', 's3-image-pipeline']) {
    const raw: unknown = JSON.parse(readFileSync(new URL(`../../examples/scenarios/${name}.json`, import.meta.url), 'utf8'));
    const parsed = parseScenario(raw);
    assert.ok(parsed.ok, name);
    if (!parsed.ok) continue;
    const { c, input } = memoryInputOf(parsed.scenario);
    assert.ok(input.config.ephemeralStorageMb > 512 || input.config.provisionedConcurrency > 0, `${name} takes the branch-and-bound path`);
    assert.ok(assertSameChoice(c, input, name), `${name} has a feasible setting`);
    assert.equal(recommend(parsed.scenario).memoryMb, decideMemory(c, input).memoryMb, name);
  }
});

test('with next to no traffic (costs equal to within rounding at every step) the search still chooses what the scan chose', () => {
  let compared = 0;
  for (const rate of [1e-300, 1e-40, 1e-12]) {
    for (const [source, tmpStorageMb, coldStarts] of [
      ['s3', 2_048, 'tolerate'],
      ['api-gateway-http', 512, 'avoid'],
      ['function-url', 4_096, 'avoid'],
    ] as const) {
      for (const averageDurationMs of [3, 250, 40_000]) {
        const parsed = parseScenario({
          name: 'idle-fn',
          runtime: 'python',
          source,
          traffic: { averagePerSecond: rate, payloadKb: 1 },
          work: { averageDurationMs, p99DurationMs: averageDurationMs * 2, measuredAtMemoryMb: 1_024, profile: 'mixed', parallelism: 2, tmpStorageMb, initDurationMs: 900 },
          latency: { coldStarts },
          budget: { freeTier: true },
          network: { awsServices: [] },
          ordering: 'none',
          idempotent: true,
        });
        assert.ok(parsed.ok, JSON.stringify(parsed));
        if (!parsed.ok) continue;
        const { c, input } = memoryInputOf(parsed.scenario);
        if (input.config.ephemeralStorageMb <= 512 && input.config.provisionedConcurrency === 0) continue;
        if (assertSameChoice(c, input, `${source} at ${rate}/s, ${averageDurationMs} ms`)) compared++;
      }
    }
  }
  assert.ok(compared >= 12, `compared ${compared}`);
});

