// Property tests: invariants of the recommendation across random VALID scenarios (built by an
// arbitrary and checked with parseScenario), and rejection of invalid ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  advise,
  ALL_MEMORIES,
  costByMemory,
  durationAt,
  LIMITS,
  parseScenario,
  recommend,
  RECOMMENDATION_MODEL,
  RUNTIME_LIST,
  SOURCES_LIST,
  AWS_SERVICE_LIST,
  type Design,
  type Scenario,
} from '../../src/engine/index.ts';

const RUNS = { numRuns: 150 };

const scenarioInput = fc
  .record({
    source: fc.constantFrom(...SOURCES_LIST),
    runtime: fc.constantFrom(...RUNTIME_LIST),
    architecture: fc.constantFrom('auto', 'arm64', 'x86_64'),
    byMonth: fc.boolean(),
    rate: fc.double({ min: 0, max: 5_000, noNaN: true }),
    peakFactor: fc.option(fc.double({ min: 1, max: 20, noNaN: true }), { nil: undefined }),
    payloadKb: fc.double({ min: 0.1, max: 2_000, noNaN: true }),
    shards: fc.integer({ min: 1, max: 64 }),
    groups: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
    avg: fc.double({ min: 1, max: 60_000, noNaN: true }),
    p99Factor: fc.double({ min: 1, max: 5, noNaN: true }),
    measuredAt: fc.integer({ min: 128, max: 10_240 }),
    usedShare: fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }), { nil: undefined }),
    profile: fc.constantFrom('cpu', 'io', 'mixed'),
    parallelism: fc.integer({ min: 1, max: 6 }),
    tmp: fc.integer({ min: 512, max: 10_240 }),
    init: fc.option(fc.integer({ min: 0, max: 9_000 }), { nil: undefined }),
    target: fc.option(fc.double({ min: 10, max: 200_000, noNaN: true }), { nil: undefined }),
    coldStarts: fc.constantFrom('avoid', 'tolerate'),
    budget: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }), { nil: undefined }),
    freeTier: fc.boolean(),
    privateResources: fc.boolean(),
    internetEgress: fc.boolean(),
    egressGb: fc.double({ min: 0, max: 5_000, noNaN: true }),
    awsServices: fc.uniqueArray(fc.constantFrom(...AWS_SERVICE_LIST), { maxLength: 5 }),
    dsConc: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
    dsRps: fc.option(fc.double({ min: 0.5, max: 10_000, noNaN: true }), { nil: undefined }),
    ordering: fc.constantFrom('none', 'per-key', 'strict'),
    idempotent: fc.boolean(),
  })
  .map((r) => {
    const traffic: Record<string, unknown> = r.byMonth ? { requestsPerMonth: Math.round(r.rate * 2_628_000) } : { averagePerSecond: r.rate };
    if (r.peakFactor !== undefined) traffic.peakPerSecond = r.rate * r.peakFactor;
    traffic.payloadKb = r.payloadKb;
    if (r.source === 'kinesis' || r.source === 'dynamodb-streams') traffic.shards = r.shards;
    if (r.source === 'sqs-fifo' && r.groups !== undefined) traffic.messageGroups = r.groups;
    const work: Record<string, unknown> = {
      averageDurationMs: r.avg,
      p99DurationMs: r.avg * r.p99Factor,
      measuredAtMemoryMb: r.measuredAt,
      profile: r.profile,
      parallelism: r.parallelism,
      tmpStorageMb: r.tmp,
    };
    if (r.usedShare !== undefined) work.maxMemoryUsedMb = Math.max(1, Math.floor(r.measuredAt * r.usedShare));
    if (r.init !== undefined) work.initDurationMs = r.init;
    const downstream: Record<string, unknown> = {};
    if (r.dsConc !== undefined) downstream.maxConcurrency = r.dsConc;
    if (r.dsRps !== undefined) downstream.maxRequestsPerSecond = r.dsRps;
    return {
      name: 'prop-fn',
      // These properties are the on-demand shape's (memory, VPC only for private resources): pinned; the
      // other shapes are checked by invariants.test.ts.
      compute: 'on-demand',
      runtime: r.runtime,
      architecture: r.architecture,
      source: r.source,
      traffic,
      work,
      latency: r.target === undefined ? { coldStarts: r.coldStarts } : { targetP99Ms: r.target, coldStarts: r.coldStarts },
      budget: r.budget === undefined ? { freeTier: r.freeTier } : { monthlyUsd: r.budget, freeTier: r.freeTier },
      network: { privateResources: r.privateResources, internetEgress: r.internetEgress, egressGbPerMonth: r.egressGb, awsServices: r.awsServices },
      downstream,
      ordering: r.ordering,
      idempotent: r.idempotent,
    };
  });

const validScenario = scenarioInput.map((input) => {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`arbitrary produced an invalid scenario: ${JSON.stringify(parsed.errors)}`);
  return parsed.scenario;
});

function walkNumbers(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => walkNumbers(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkNumbers(v, `${path}.${k}`, out);
}

test('every valid scenario gets a design with memory, timeout, batching and visibility within their limits', () => {
  fc.assert(
    fc.property(validScenario, (s) => {
      const d = recommend(s);
      assert.ok(Number.isInteger(d.memoryMb) && d.memoryMb >= LIMITS.memoryMinMb.value && d.memoryMb <= LIMITS.memoryMaxMb.value, `memory ${d.memoryMb}`);
      if (s.work.maxMemoryUsedMb !== undefined) assert.ok(d.memoryMb >= s.work.maxMemoryUsedMb, `memory ${d.memoryMb} < used ${s.work.maxMemoryUsedMb}`);
      // REST APIs: 29 s integration timeout by default; HTTP APIs: 30 s; everything else Lambda's 900 s.
      const cap = s.source === 'api-gateway-rest' ? 29 : s.source === 'api-gateway-http' ? 30 : 900;
      assert.ok(Number.isInteger(d.timeoutSeconds) && d.timeoutSeconds >= 1 && d.timeoutSeconds <= cap, `timeout ${d.timeoutSeconds} (cap ${cap})`);
      if (s.source === 'sqs' || s.source === 'sqs-fifo') {
        const q = d.errorHandling.queue;
        assert.ok(q && d.batching);
        const wanted = 6 * d.timeoutSeconds + d.batching.maximumBatchingWindowSeconds;
        if (wanted <= 43_200) assert.ok(q.visibilityTimeoutSeconds >= wanted, `visibility ${q.visibilityTimeoutSeconds} < ${wanted}`);
        else assert.ok(d.warnings.some((w) => w.id === 'timeout-capped'));
        assert.ok(q.maxReceiveCount >= 5);
        assert.equal(d.concurrency.reserved, null);
        if (d.concurrency.maximumConcurrency !== null) assert.ok(d.concurrency.maximumConcurrency >= 2 && d.concurrency.maximumConcurrency <= 1_000);
      }
      if (s.source === 'sqs-fifo') {
        assert.ok(d.batching && d.batching.batchSize <= 10);
        assert.equal(d.batching.maximumBatchingWindowSeconds, 0);
      }
      if (d.batching) {
        assert.ok(d.batching.batchSize >= 1 && d.batching.batchSize <= 10_000);
        if (s.traffic.payloadKb <= 6 * 1_024) assert.ok(d.batching.batchSize * s.traffic.payloadKb <= 6 * 1_024, 'within the 6 MB payload');
        if (s.source === 'sqs' && d.batching.batchSize > 10) assert.ok(d.batching.maximumBatchingWindowSeconds >= 1);
        assert.ok(d.batching.maximumBatchingWindowSeconds >= 0 && d.batching.maximumBatchingWindowSeconds <= 300);
      } else {
        assert.equal(d.invocation.model, 'push');
      }
      if (d.concurrency.parallelizationFactor !== null) assert.ok(d.concurrency.parallelizationFactor >= 1 && d.concurrency.parallelizationFactor <= 10);
      if (d.errorHandling.retryAttempts !== null && d.invocation.type === 'Event') assert.ok(d.errorHandling.retryAttempts >= 0 && d.errorHandling.retryAttempts <= 2);
      if (!s.network.privateResources) assert.equal(d.vpc.attach, false);
      if (d.concurrency.provisioned !== null) assert.equal(d.coldStart.strategy, 'provisioned-concurrency');
    }),
    RUNS,
  );
});

test('no NaN or Infinity anywhere in the design, and every rationale and warning cites an https source', () => {
  fc.assert(
    fc.property(validScenario, (s) => {
      const d = recommend(s);
      const bad: string[] = [];
      walkNumbers(d, 'design', bad);
      assert.deepEqual(bad, []);
      assert.deepEqual(JSON.parse(JSON.stringify(d)), d, 'plain JSON round-trips');
      for (const [id, r] of Object.entries(d.rationale)) {
        assert.ok(r.references.length >= 1, `${id} has no reference`);
        for (const ref of r.references) assert.match(ref.url, /^https:\/\//, `${id}: ${ref.url}`);
        assert.ok(r.summary.length > 0 && r.why.length > 0 && r.tradeOff.length > 0, id);
        assert.doesNotMatch(r.why + r.summary, /NaN|undefined|Infinity/, id);
      }
      for (const w of d.warnings) {
        assert.ok(w.references.length >= 1 && w.references.every((ref) => ref.url.startsWith('https://')), w.id);
        assert.doesNotMatch(w.message, /NaN|undefined|Infinity/, w.id);
      }
    }),
    RUNS,
  );
});

test('monthly cost does not fall when traffic grows', () => {
  fc.assert(
    fc.property(validScenario, fc.double({ min: 1.01, max: 50, noNaN: true }), (s, k) => {
      const more: Scenario = {
        ...s,
        traffic: {
          ...s.traffic,
          ...(s.traffic.requestsPerMonth !== undefined ? { requestsPerMonth: s.traffic.requestsPerMonth * k } : { averagePerSecond: (s.traffic.averagePerSecond ?? 0) * k }),
          ...(s.traffic.peakPerSecond !== undefined ? { peakPerSecond: s.traffic.peakPerSecond * k } : {}),
        },
      };
      const a = recommend(s).cost.total;
      const b = recommend(more).cost.total;
      // A design may shift with traffic (bigger batches): allow rounding dust only.
      assert.ok(b >= a - 1e-6 * Math.max(1, a), `${a} -> ${b} at ×${k}`);
    }),
    RUNS,
  );
});

test('the memory search matches an exhaustive scan of every 1 MB step (costByMemory)', () => {
  // Scenarios whose constraints the scan below reproduces: no cold-start reserve, no throughput cap.
  const simple = validScenario.filter(
    (s) =>
      !(s.latency.coldStarts === 'avoid' && ['api-gateway-rest', 'api-gateway-http', 'function-url', 'alb', 'direct-sync'].includes(s.source)) &&
      !['kinesis', 'dynamodb-streams', 'sqs-fifo'].includes(s.source) &&
      s.downstream.maxConcurrency === undefined,
  );
  fc.assert(
    fc.property(simple, (s) => {
      const d: Design = recommend(s);
      const batch = d.batching?.batchSize ?? 1;
      const windowMs = (d.batching?.maximumBatchingWindowSeconds ?? 0) * 1_000;
      const records = d.batching?.expectedRecordsPerBatch ?? 1;
      const p99Work = { durationMs: s.work.p99DurationMs, measuredAtMemoryMb: s.work.measuredAtMemoryMb, profile: s.work.profile, parallelism: s.work.parallelism };
      const avgWork = { ...p99Work, durationMs: s.work.averageDurationMs };
      const config = {
        memoryMb: d.memoryMb,
        architecture: d.architecture,
        ephemeralStorageMb: d.ephemeralStorageMb,
        recordsPerInvocation: records,
        provisionedConcurrency: 0,
        provisionedHours: 0,
        vpc: d.vpc.attach ? d.vpc : null,
        averageInvocationMs: records * durationAt(avgWork, d.memoryMb),
        initMs: d.coldStart.expectedInitMs,
      };
      const costs = costByMemory(s, config, (m) => records * durationAt(avgWork, m), ALL_MEMORIES);
      const capMs = (s.source === 'api-gateway-rest' || s.source === 'api-gateway-http' ? 29 : 900) * 1_000;
      const target = s.latency.targetP99Ms ?? Infinity;
      const floor = s.work.maxMemoryUsedMb === undefined ? 128 : Math.min(10_240, Math.ceil(s.work.maxMemoryUsedMb * 1.2));
      let best = Infinity;
      for (let i = floor - 128; i < ALL_MEMORIES.length; i++) {
        const m = ALL_MEMORIES[i] as number;
        const p = batch * durationAt(p99Work, m);
        if (p + windowMs <= target && p * RECOMMENDATION_MODEL.timeoutSafetyFactor <= capMs) best = Math.min(best, costs[i] as number);
      }
      if (!Number.isFinite(best)) return; // infeasible at the strict level: covered by the warning tests
      const chosen = costs[d.memoryMb - 128] as number;
      const p = batch * durationAt(p99Work, d.memoryMb);
      assert.ok(p + windowMs <= target + 1e-6, 'the chosen memory meets the target');
      assert.ok(chosen <= best * (1 + RECOMMENDATION_MODEL.costTieTolerance) + 1e-9, `chosen ${chosen} vs cheapest ${best}`);
    }),
    { numRuns: 60 },
  );
});

test('invalid scenarios are always rejected with a field path', () => {
  type Mutable = { name: unknown; source: unknown; latency: unknown; traffic: Record<string, unknown>; work: Record<string, unknown> };
  const breakers: Array<[string, (x: Mutable) => void]> = [
    ['traffic.peakPerSecond', (x) => (x.traffic.peakPerSecond = -1)],
    ['source', (x) => (x.source = 'carrier-pigeon')],
    ['work.p99DurationMs', (x) => (x.work.p99DurationMs = (x.work.averageDurationMs as number) / 2)],
    ['work.measuredAtMemoryMb', (x) => (x.work.measuredAtMemoryMb = 20_000)],
    ['name', (x) => (x.name = 'has spaces!')],
    ['latency.targetP99Ms', (x) => (x.latency = { targetP99Ms: 'fast' })],
    ['traffic', (x) => (x.traffic.unknownField = 1)],
  ];
  fc.assert(
    fc.property(scenarioInput, fc.constantFrom(...breakers), (input, [path, breakIt]) => {
      const x = structuredClone(input) as unknown as Mutable;
      breakIt(x);
      const r = advise(x);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(r.errors.some((e) => e.path.startsWith(path)), `${path}: ${JSON.stringify(r.errors)}`);
    }),
    { numRuns: 200 },
  );
  for (const junk of [null, 42, 'scenario', [], {}]) {
    const r = advise(junk);
    assert.equal(r.ok, false);
  }
});
