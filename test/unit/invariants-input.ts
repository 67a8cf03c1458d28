// The scenarios and checks of invariants.test.ts. Invariants, proven over 10,000 random valid scenarios (every runtime identifier, every commercial
// Region, every strategy): each design is deployable as AWS would accept it, each bill is finite, and
// every amount a rationale quotes is the bill's own. Kept to a few seconds: recommend() is < 1 ms.
import fc from 'fast-check';
import {
  AWS_SERVICE_LIST,
  COLD_STARTS,
  COMMERCIAL_REGIONS,
  CONCURRENCY,
  EVENT_SOURCES,
  LIMITS,
  RUNTIME_VALUES,
  SNAPSTART_UNAVAILABLE_REGIONS,
  SOURCES_LIST,
  COMPUTE_KIND_LIST,
  DURABLE_FUNCTIONS,
  MANAGED_INSTANCES,
  STEP_FUNCTIONS,
  parseScenario,
  runtimeInfo,
  type Design,
  type Scenario,
} from '../../src/engine/index.ts';
import { usd } from '../../src/engine/recommend/format.ts';

export const invariantInput = fc
  .record({
    source: fc.constantFrom(...SOURCES_LIST),
    runtime: fc.constantFrom(...RUNTIME_VALUES),
    region: fc.constantFrom(...COMMERCIAL_REGIONS.value.map((r) => r.code)),
    optimizeFor: fc.constantFrom('cost', 'balanced', 'speed'),
    architecture: fc.constantFrom('auto', 'arm64', 'x86_64'),
    byMonth: fc.boolean(),
    rate: fc.double({ min: 0, max: 5_000, noNaN: true }),
    peakFactor: fc.option(fc.double({ min: 1, max: 20, noNaN: true }), { nil: undefined }),
    payloadKb: fc.double({ min: 0.1, max: 2_000, noNaN: true }),
    shards: fc.integer({ min: 1, max: 64 }),
    groups: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
    partitions: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
    recordsInParallel: fc.boolean(),
    avg: fc.double({ min: 1, max: 60_000, noNaN: true }),
    p99Factor: fc.double({ min: 1, max: 5, noNaN: true }),
    measuredAt: fc.integer({ min: 128, max: 10_240 }),
    usedShare: fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }), { nil: undefined }),
    profile: fc.constantFrom('cpu', 'io', 'mixed'),
    parallelism: fc.integer({ min: 1, max: 6 }),
    tmp: fc.oneof(fc.constant(512), fc.integer({ min: 512, max: 10_240 })),
    efs: fc.boolean(),
    init: fc.option(fc.integer({ min: 0, max: 9_000 }), { nil: undefined }),
    coldStartRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    target: fc.option(fc.double({ min: 10, max: 200_000, noNaN: true }), { nil: undefined }),
    coldStarts: fc.constantFrom('avoid', 'tolerate'),
    budget: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }), { nil: undefined }),
    freeTier: fc.boolean(),
    privateResources: fc.boolean(),
    internetEgress: fc.boolean(),
    egressGb: fc.double({ min: 0, max: 5_000, noNaN: true }),
    awsServices: fc.uniqueArray(fc.constantFrom(...AWS_SERVICE_LIST), { maxLength: 5 }),
    apiGb: fc.option(fc.double({ min: 0, max: 50_000, noNaN: true }), { nil: undefined }),
    dsConc: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
    dsRps: fc.option(fc.double({ min: 0.5, max: 10_000, noNaN: true }), { nil: undefined }),
    ordering: fc.constantFrom('none', 'per-key', 'strict'),
    idempotent: fc.boolean(),
    // Issue 11: the compute shape, chosen (mostly) or pinned, and the workflow fields.
    compute: fc.oneof({ weight: 3, arbitrary: fc.constant('auto') }, { weight: 2, arbitrary: fc.constantFrom(...COMPUTE_KIND_LIST.filter((k) => k !== 'direct-integration')) }),
    steps: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    forwardOnly: fc.boolean(),
    long: fc.option(fc.double({ min: 60_000, max: 3_000_000, noNaN: true }), { nil: undefined }),
  })
  .map((r) => {
    const traffic: Record<string, unknown> = r.byMonth ? { requestsPerMonth: Math.round(r.rate * 2_628_000) } : { averagePerSecond: r.rate };
    if (r.peakFactor !== undefined) traffic.peakPerSecond = r.rate * r.peakFactor;
    traffic.payloadKb = r.payloadKb;
    if (r.source === 'kinesis' || r.source === 'dynamodb-streams') traffic.shards = r.shards;
    if (r.source === 'sqs-fifo' && r.groups !== undefined) traffic.messageGroups = r.groups;
    if (r.source === 'kafka' && r.partitions !== undefined) traffic.partitions = r.partitions;
    const avg = r.long ?? r.avg;
    const work: Record<string, unknown> = {
      averageDurationMs: avg,
      p99DurationMs: Math.min(3_600_000, avg * r.p99Factor),
      measuredAtMemoryMb: r.measuredAt,
      profile: r.profile,
      parallelism: r.parallelism,
      tmpStorageMb: r.tmp,
      recordsInParallel: r.recordsInParallel,
      efs: r.efs,
    };
    if (r.usedShare !== undefined) work.maxMemoryUsedMb = Math.max(1, Math.floor(r.measuredAt * r.usedShare));
    if (r.init !== undefined) work.initDurationMs = r.init;
    if (r.coldStartRate !== undefined) work.coldStartRate = r.coldStartRate;
    if (r.steps !== undefined) work.steps = r.steps;
    if (r.forwardOnly) work.logic = 'forward-only';
    const downstream: Record<string, unknown> = {};
    if (r.dsConc !== undefined) downstream.maxConcurrency = r.dsConc;
    if (r.dsRps !== undefined) downstream.maxRequestsPerSecond = r.dsRps;
    const network: Record<string, unknown> = { privateResources: r.privateResources, internetEgress: r.internetEgress, egressGbPerMonth: r.egressGb, awsServices: r.awsServices };
    if (r.apiGb !== undefined) network.awsServicesGbPerMonth = r.apiGb;
    return {
      name: 'invariant-fn',
      region: r.region,
      runtime: r.runtime,
      optimizeFor: r.optimizeFor,
      architecture: r.architecture,
      source: r.source,
      traffic,
      work,
      latency: r.target === undefined ? { coldStarts: r.coldStarts } : { targetP99Ms: r.target, coldStarts: r.coldStarts },
      budget: r.budget === undefined ? { freeTier: r.freeTier } : { monthlyUsd: r.budget, freeTier: r.freeTier },
      network,
      downstream,
      ordering: r.ordering,
      idempotent: r.idempotent,
      compute: r.compute,
    };
  })
  .map((raw) => {
    const parsed = parseScenario(raw);
    if (!parsed.ok) throw new Error(`the arbitrary produced an invalid scenario: ${JSON.stringify(parsed.errors)}`);
    return parsed.scenario;
  });

function nonFinite(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => nonFinite(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFinite(v, `${path}.${k}`, out);
}

const lineUsd = (d: Design, ...ids: string[]): number => d.cost.lines.filter((l) => ids.includes(l.id)).reduce((a, l) => a + l.usd, 0);

/** Every violation of a deployability or consistency rule, as readable strings (empty: none). */
export function violations(s: Scenario, d: Design): string[] {
  const v: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) v.push(what);
  };
  check(Number.isInteger(d.memoryMb) && d.memoryMb >= LIMITS.memoryMinMb.value && d.memoryMb <= LIMITS.memoryMaxMb.value, `memory ${d.memoryMb}`);
  // Managed Instances allow 5,400 s for asynchronous and event-source invocations; everything else 900 s.
  const lmi = d.compute.recommended === 'managed-instances';
  const timeoutMax = lmi && d.invocation.type === 'Event' || (lmi && d.invocation.model === 'poll') ? MANAGED_INSTANCES.asyncTimeoutMaxSeconds.value : LIMITS.timeoutMaxSeconds.value;
  check(Number.isInteger(d.timeoutSeconds) && d.timeoutSeconds >= LIMITS.timeoutMinSeconds.value && d.timeoutSeconds <= timeoutMax, `timeout ${d.timeoutSeconds}`);
  v.push(...computeViolations(s, d));
  check(d.ephemeralStorageMb >= LIMITS.ephemeralMinMb.value && d.ephemeralStorageMb <= LIMITS.ephemeralMaxMb.value, `/tmp ${d.ephemeralStorageMb}`);
  if (d.batching) {
    const max = s.source === 'sqs-fifo' ? EVENT_SOURCES.sqsFifoBatchMax.value : EVENT_SOURCES.sqsBatchMax.value;
    check(Number.isInteger(d.batching.batchSize) && d.batching.batchSize >= 1 && d.batching.batchSize <= max, `batch ${d.batching.batchSize}`);
    const w = d.batching.maximumBatchingWindowSeconds;
    check(w >= 0 && w <= EVENT_SOURCES.batchingWindowMaxSeconds.value, `window ${w}`);
    if (s.source === 'sqs' && d.batching.batchSize > EVENT_SOURCES.sqsBatchWithoutWindowMax.value) check(w >= EVENT_SOURCES.sqsWindowForLargeBatchMinSeconds.value, `batch ${d.batching.batchSize} with window ${w}`);
  }
  const e = d.errorHandling;
  if (e.retryAttempts !== null) {
    if (d.invocation.type === 'Event') check(e.retryAttempts >= EVENT_SOURCES.asyncRetriesMin.value && e.retryAttempts <= EVENT_SOURCES.asyncRetriesMax.value, `async retries ${e.retryAttempts}`);
    else check(e.retryAttempts >= -1 && e.retryAttempts <= EVENT_SOURCES.streamRetryMax.value, `stream retries ${e.retryAttempts}`);
  }
  if (e.maximumEventAgeSeconds !== null) check(e.maximumEventAgeSeconds >= EVENT_SOURCES.asyncEventAgeMinSeconds.value && e.maximumEventAgeSeconds <= EVENT_SOURCES.asyncEventAgeMaxSeconds.value, `event age ${e.maximumEventAgeSeconds}`);
  if (e.maximumRecordAgeSeconds !== null && e.maximumRecordAgeSeconds !== -1) {
    check(e.maximumRecordAgeSeconds >= EVENT_SOURCES.streamRecordAgeMinSeconds.value && e.maximumRecordAgeSeconds <= EVENT_SOURCES.streamRecordAgeMaxSeconds.value, `record age ${e.maximumRecordAgeSeconds}`);
  }
  if (e.queue) check(e.queue.visibilityTimeoutSeconds >= d.timeoutSeconds && e.queue.visibilityTimeoutSeconds <= EVENT_SOURCES.sqsVisibilityMaxSeconds.value, `visibility ${e.queue.visibilityTimeoutSeconds} vs timeout ${d.timeoutSeconds}`);
  const c = d.concurrency;
  if (c.provisioned !== null) {
    check(c.provisioned >= 1, `provisioned ${c.provisioned}`);
    if (c.reserved !== null) check(c.provisioned <= c.reserved, `provisioned ${c.provisioned} > reserved ${c.reserved}`);
    check(c.provisioned <= CONCURRENCY.accountDefault.value - CONCURRENCY.unreservedFloor.value, `provisioned ${c.provisioned} above what the account can reserve`);
  }
  if (c.reserved !== null) check(c.reserved >= 1 && c.reserved <= CONCURRENCY.accountDefault.value - CONCURRENCY.unreservedFloor.value, `reserved ${c.reserved}`);
  if (c.maximumConcurrency !== null) check(c.maximumConcurrency >= CONCURRENCY.sqsMaximumConcurrencyMin.value && c.maximumConcurrency <= CONCURRENCY.sqsMaximumConcurrencyMax.value, `MaximumConcurrency ${c.maximumConcurrency}`);
  if (c.parallelizationFactor !== null) check(c.parallelizationFactor >= 1 && c.parallelizationFactor <= 10, `parallelization ${c.parallelizationFactor}`);
  if (d.coldStart.strategy === 'snapstart') {
    const rt = runtimeInfo(s.runtime);
    check(rt?.snapStart === true, `SnapStart on ${s.runtime}`);
    check(d.ephemeralStorageMb <= COLD_STARTS.snapstartMaxEphemeralMb.value, `SnapStart with ${d.ephemeralStorageMb} MB /tmp`);
    check(!s.work.efs, 'SnapStart with EFS');
    check(!SNAPSTART_UNAVAILABLE_REGIONS.value.includes(s.region), `SnapStart in ${s.region}`);
    check(c.provisioned === null, 'SnapStart with provisioned concurrency');
  }
  const bad: string[] = [];
  nonFinite(d, 'design', bad);
  v.push(...bad);
  const sum = d.cost.lines.reduce((a, l) => a + l.usd, 0);
  check(Math.abs(sum - d.cost.total) <= 1e-9 * Math.max(1, d.cost.total), `lines ${sum} != total ${d.cost.total}`);
  // Amounts quoted by rationales are the bill's.
  check(d.rationale.memory.summary.includes(`about ${usd(d.cost.total)} a month`), `memory summary ${d.rationale.memory.summary} vs total ${usd(d.cost.total)}`);
  // The cheaper setting the tie rule passed over is quoted at the price its runner-up line (and so the bill) gives.
  const tieQuote = /(\d[\d,]*) MB would cost (\$[\d,.]+);/.exec(d.rationale.memory.why);
  if (tieQuote) {
    const mbQuoted = Number((tieQuote[1] as string).replace(/,/g, ''));
    const option = d.memoryOptions.find((o) => o.memoryMb === mbQuoted && o.architecture === d.architecture);
    if (option) check(usd(option.monthlyUsd) === tieQuote[2], `memory why quotes ${tieQuote[0]}, its option ${usd(option.monthlyUsd)}`);
  }
  if (d.vpc.attach) {
    const vpcBill = lineUsd(d, 'vpc-nat', 'vpc-endpoints');
    check(d.cost.unpriced.length > 0 || Math.abs(vpcBill - d.vpc.monthlyUsd) <= 1e-9 * Math.max(1, vpcBill), `vpc ${d.vpc.monthlyUsd} vs bill ${vpcBill}`);
    check(d.rationale.vpc.summary.includes(`(${usd(d.vpc.monthlyUsd)} a month)`), `vpc summary ${d.rationale.vpc.summary}`);
    // Where the rationale compares layouts, the one it chose is quoted at the bill's amount.
    const quoted = /the VPC costs (\$[\d,.]+) a month (with them|that way)/.exec(d.rationale.vpc.why);
    if (quoted) check(quoted[1] === usd(d.vpc.monthlyUsd), `vpc why quotes ${quoted[1]}, the bill ${usd(d.vpc.monthlyUsd)}`);
  }
  if (d.coldStart.strategy === 'provisioned-concurrency') check(d.rationale.coldStart.why.includes(`about ${usd(lineUsd(d, 'provisioned-concurrency'))} a month`), `cold start quotes ${d.rationale.coldStart.why}`);
  if (d.coldStart.strategy === 'snapstart' && runtimeInfo(s.runtime)?.family !== 'java') {
    check(d.rationale.coldStart.tradeOff.includes(usd(lineUsd(d, 'snapstart-cache', 'snapstart-restore'))), `SnapStart charge quoted: ${d.rationale.coldStart.tradeOff}`);
  }
  return v;
}


/** Issue 11: the compute decision is complete, priced from the design's own bill, and its shape's settings are deployable. */
function computeViolations(s: Scenario, d: Design): string[] {
  const v: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) v.push(what);
  };
  const k = d.compute;
  const kinds = k.options.map((o) => o.kind);
  const expected = COMPUTE_KIND_LIST.filter((x) => x !== 'direct-integration' || s.work.logic === 'forward-only');
  check(kinds.length === expected.length && expected.every((x) => kinds.includes(x)), `compute options ${kinds.join(',')}`);
  check(k.options[0]?.kind === k.recommended, `recommended ${k.recommended} is not first`);
  check(k.pinned === (s.compute !== 'auto'), `pinned ${k.pinned} with compute ${s.compute}`);
  if (s.compute !== 'auto') check(k.recommended === s.compute, `pinned ${s.compute}, recommended ${k.recommended}`);
  const rec = k.options[0];
  const infeasible = d.warnings.some((w) => w.id === 'compute-infeasible');
  if (s.compute === 'auto' && rec && !infeasible) check(rec.feasible && rec.monthlyUsd !== null, `auto chose ${rec.kind}, feasible ${rec.feasible}, priced ${rec.monthlyUsd}`);
  if (rec && rec.feasible === false) check(infeasible, `${rec.kind} infeasible without an error`);
  // The recommended shape's price is the design's bill.
  if (rec && rec.monthlyUsd !== null) check(Math.abs(rec.monthlyUsd - d.cost.total) <= 1e-6 * Math.max(1, d.cost.total), `${rec.kind} priced ${rec.monthlyUsd}, bill ${d.cost.total}`);
  for (const o of k.options) check(o.why.length > 0 && (o.monthlyUsd === null || (Number.isFinite(o.monthlyUsd) && o.monthlyUsd >= 0)), `${o.kind} price ${o.monthlyUsd}`);
  const m = k.managedInstances;
  check((m !== null) === (k.recommended === 'managed-instances'), `managedInstances plan with ${k.recommended}`);
  if (m !== null) {
    check(d.memoryMb === m.environmentMemoryMb && d.memoryMb >= MANAGED_INSTANCES.minEnvironmentMemoryMb.value && d.memoryMb <= LIMITS.memoryMaxMb.value, `LMI memory ${d.memoryMb}`);
    check(m.memoryGiBPerVCpu >= MANAGED_INSTANCES.memoryGiBPerVcpuMin.value && m.memoryGiBPerVCpu <= MANAGED_INSTANCES.memoryGiBPerVcpuMax.value, `LMI ratio ${m.memoryGiBPerVCpu}`);
    check(Number.isInteger(m.perEnvironmentMaxConcurrency) && m.perEnvironmentMaxConcurrency >= 1 && m.perEnvironmentMaxConcurrency <= MANAGED_INSTANCES.perEnvironmentMaxConcurrencyMax.value, `LMI concurrency ${m.perEnvironmentMaxConcurrency}`);
    check(m.instancesAtAverage >= MANAGED_INSTANCES.defaultMinimumInstances.value && m.instancesAtPeak >= m.instancesAtAverage, `LMI instances ${m.instancesAtAverage}/${m.instancesAtPeak}`);
    check(m.maxVCpuCount === m.instancesAtPeak * m.instanceVCpus, `LMI MaxVCpuCount ${m.maxVCpuCount}`);
    check(d.vpc.attach, 'LMI outside a VPC');
    check(d.concurrency.provisioned === null && d.coldStart.strategy !== 'snapstart' && d.coldStart.strategy !== 'provisioned-concurrency', 'LMI with provisioned concurrency or SnapStart');
    check(d.architecture === 'arm64', `LMI on ${d.architecture}`);
  }
  const w = k.workflow;
  const workflowShape = k.recommended === 'durable-functions' || k.recommended === 'step-functions-standard' || k.recommended === 'step-functions-express';
  check((w !== null) === workflowShape, `workflow plan with ${k.recommended}`);
  if (w !== null) {
    check(Number.isInteger(w.steps) && w.steps >= 1, `steps ${w.steps}`);
    const max = k.recommended === 'durable-functions' ? DURABLE_FUNCTIONS.executionTimeoutMaxSeconds.value : k.recommended === 'step-functions-standard' ? STEP_FUNCTIONS.standardMaxSeconds.value : STEP_FUNCTIONS.expressMaxSeconds.value;
    check(Number.isInteger(w.executionTimeoutSeconds) && w.executionTimeoutSeconds >= 1 && w.executionTimeoutSeconds <= max, `execution timeout ${w.executionTimeoutSeconds}`);
    if (k.recommended === 'durable-functions') check(w.retentionDays !== null && w.retentionDays >= DURABLE_FUNCTIONS.retentionMinDays.value && w.retentionDays <= DURABLE_FUNCTIONS.retentionMaxDays.value, `retention ${w.retentionDays}`);
    else check(w.retentionDays === null, `retention ${w.retentionDays} on Step Functions`);
    check(d.concurrency.provisioned === null, 'provisioned concurrency on a workflow step');
  }
  return v;
}
