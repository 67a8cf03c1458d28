/**
 * The recommendation: runs the rules in dependency order and assembles the Design.
 *   invocation → VPC → cold-start plan → batching (at the cheapest feasible memory) → architecture
 *   → memory search (priced) → timeout → concurrency → failures → cold start settled → the bill → warnings.
 */
import { CONCURRENCY, PRICING_UNITS } from '../facts/index.ts';
import { DESIGN_SCHEMA_VERSION, type ComputeKind, type Design, type PricedConfig, type Warning } from '../design.ts';
import { priceDesign } from '../cost/index.ts';
import { cpuPartAt, durationAt, PERFORMANCE_ASSUMPTIONS } from '../model/performance.ts';
import { PARALLEL_ASSUMPTION } from './parallel.ts';
import { isMeasured, workModel } from '../model/measured.ts';
import type { Scenario } from '../scenario.ts';
import { buildContext, MODEL, type Context } from './context.ts';
import { decideInvocation } from './invocation.ts';
import { decideBatching, FILL_ASSUMPTION, SEQUENTIAL_ASSUMPTION, type BatchingDecision } from './batching.ts';
import { decideVpc, type VpcDecision } from './vpc.ts';
import { coldStartRationale, planColdStart, settleColdStart, type ColdStartPlan } from './coldStart.ts';
import { cheapestFeasibleMemory, chooseArchitecture, decideMemory, memorySummary, type MemoryInput } from './memory.ts';
import { decideTimeout } from './timeout.ts';
import { decideConcurrency, littlesLaw } from './concurrency.ts';
import { decideFailures } from './failures.ts';
import { decideDeployment, rollbackAlarmCount } from './deployment.ts';
import { articleWarnings, budgetWarning, orderingWarnings, payloadWarnings, runtimeWarnings } from './warnings.ts';
import { snapStartCharged } from '../cost/config.ts';
import { round } from './format.ts';
import { EPU_ASSUMPTION } from './pollers.ts';
import { decideCompute, type ComputeResult } from './compute.ts';
import { settingsForShape } from './shape.ts';

const SEVERITY_RANK: Readonly<Record<Warning['severity'], number>> = { error: 0, warning: 1, info: 2 };

/**
 * What the memory search prices, as `recommend` gives it: the shape of one invocation and the rest
 * of the bill. Provisioned concurrency is estimated at the measured memory, capped as it is settled
 * (never above the downstream's limit nor the account's unreserved concurrency); settled below.
 * Exported so that the exactness tests search with exactly this input.
 */
export function memorySearchInput(c: Context, vpc: VpcDecision, plan: ColdStartPlan, batching: BatchingDecision): MemoryInput {
  const s = c.s;
  const hours = PRICING_UNITS.hoursPerMonth.value;
  const pcCap = Math.min(s.downstream.maxConcurrency ?? Infinity, CONCURRENCY.accountDefault.value - CONCURRENCY.unreservedFloor.value);
  const pcGuess = plan.strategy === 'provisioned-concurrency' ? Math.max(1, Math.min(littlesLaw(c.peakRate, s.work.averageDurationMs / 1_000), pcCap)) : 0;
  return {
    batchSize: batching.batchSize,
    windowSeconds: batching.windowSeconds,
    recordsPerInvocation: batching.recordsPerInvocation,
    initAllowanceMs: plan.initAllowanceMs,
    config: {
      architecture: chooseArchitecture(c),
      ephemeralStorageMb: Math.ceil(s.work.tmpStorageMb),
      recordsPerInvocation: batching.recordsPerInvocation,
      provisionedConcurrency: pcGuess,
      provisionedHours: pcGuess > 0 ? hours : 0,
      vpc: vpc.value.attach ? vpc.value : null,
      initMs: plan.expectedInitMs,
      snapStartCharged: snapStartCharged(s, plan.strategy),
    },
  };
}

/** The full design for a valid scenario (use `advise` for untrusted input). */
export function recommend(s: Scenario): Design {
  return designAndCompute(s).design;
}

/**
 * Monthly cost of each compute shape at each monthly volume (requests, messages or records), the
 * design otherwise unchanged: the wizard's "monthly cost against traffic" chart. `usd` is null where
 * the shape has no sourced price in the Region; infeasible shapes are priced too (`feasible` says so).
 */
export function computeCostByTraffic(
  s: Scenario,
  requestsPerMonth: readonly number[],
): readonly { kind: ComputeKind; feasible: boolean; usd: Float64Array | null }[] {
  return designAndCompute(s).compute.costAt(requestsPerMonth);
}

function designAndCompute(s: Scenario): { design: Design; compute: ComputeResult } {
  const c = buildContext(s);
  const invocation = decideInvocation(c);
  const vpc = decideVpc(c);
  const plan = planColdStart(c);
  const batching = decideBatching(c, cheapestFeasibleMemory(c, plan.initAllowanceMs), plan.initAllowanceMs);
  const hours = PRICING_UNITS.hoursPerMonth.value;
  const wantsPc = plan.strategy === 'provisioned-concurrency';
  const memoryInput = memorySearchInput(c, vpc, plan, batching);
  const configBase = memoryInput.config;
  const memory = decideMemory(c, memoryInput);
  const timeout = decideTimeout(c, memory.invocationP99Ms);
  const concurrency = decideConcurrency(c, {
    perRecordAvgMs: durationAt(c.avgWork, memory.memoryMb),
    batchSize: batching.batchSize,
    windowSeconds: batching.windowSeconds,
    provisioned: wantsPc,
    perRecordCpuMs: cpuPartAt(c.avgWork, memory.memoryMb),
  });
  const failures = decideFailures(c, timeout.timeoutSeconds, batching.batchSize, batching.windowSeconds);
  const strategy = settleColdStart(c, plan, memory.latencyP99Ms);

  const provisioned = concurrency.value.provisioned ?? 0;
  // The rollback alarms cost the same at every memory size: the search leaves them out (so the 1% tie
  // tolerance is about what memory changes), the bill and the options include them.
  const config: PricedConfig = {
    ...configBase,
    rollbackAlarms: rollbackAlarmCount(c),
    memoryMb: memory.memoryMb,
    averageInvocationMs: memory.averageInvocationMs,
    provisionedConcurrency: provisioned,
    provisionedHours: provisioned > 0 ? hours : 0,
    ...(concurrency.eventPollerHours > 0 ? { eventPollerHours: concurrency.eventPollerHours } : {}),
  };
  const priced = priceDesign(s, config);
  const model = workModel(s).report;
  const assumptions = [...priced.assumptions, ...(isMeasured(model) ? [model.note] : PERFORMANCE_ASSUMPTIONS)];
  if (invocation.value.model === 'poll') {
    assumptions.push(
      FILL_ASSUMPTION,
      `${c.parallel.on ? PARALLEL_ASSUMPTION : SEQUENTIAL_ASSUMPTION} One invocation here lasts ${round(memory.averageInvocationMs, 1)} ms on average (${round(batching.recordsPerInvocation, 2)} records).`,
    );
  }
  if (concurrency.value.provisionedPollers !== null) assumptions.push(EPU_ASSUMPTION);
  if (!c.peakGiven) assumptions.push('No peak rate was given: the average rate stands in for the peak.');
  const deployment = decideDeployment(c, { timeoutSeconds: timeout.timeoutSeconds, estimatedP99Ms: memory.latencyP99Ms });
  const cost = { ...priced, assumptions };

  const coldStart = { strategy, expectedInitMs: round(plan.expectedInitMs, 1) };
  // The shape (issue 11): every shape priced from the same bill parts as this on-demand design.
  let attached: VpcDecision | undefined;
  const vpcIfAttached = (): VpcDecision => (attached ??= vpc.value.attach ? vpc : decideVpc({ ...c, s: { ...s, network: { ...s.network, privateResources: true } } }));
  const compute = decideCompute(c, {
    config,
    bill: cost,
    invocationP99Ms: memory.invocationP99Ms,
    latencyWindowMs: Math.max(0, memory.latencyP99Ms - memory.invocationP99Ms),
    vpc: vpc.value,
    vpcIfAttached: vpcIfAttached().value,
  });
  // Lines that cost the same at every memory size (rollback alarms, event pollers) are added to every option,
  // and to every amount the memory rationale quotes.
  const alarmsUsd = priced.lines.filter((l) => l.id === 'deployment-alarms' || l.id === 'event-pollers').reduce((sum, l) => sum + l.usd, 0);
  const memoryQuoted = { ...memory, rationale: { ...memory.rationale, why: memory.whyWith(alarmsUsd) } };
  // The settings that differ on the chosen shape (Managed Instances, a workflow step, no function), decided again.
  const shaped = settingsForShape(c, compute, {
    memory: memoryQuoted,
    memoryMb: memory.memoryMb,
    architecture: memory.architecture,
    estimatedP99Ms: round(memory.latencyP99Ms, 1),
    timeout,
    failures,
    deployment,
    concurrency: concurrency.value,
    vpc,
    coldStart,
    coldStartRationale: coldStartRationale(c, plan, strategy, memory.latencyP99Ms, concurrency.value.provisioned, cost),
    cost,
    batchSize: batching.batchSize,
    windowSeconds: batching.windowSeconds,
    modelAssumptions: assumptions.slice(priced.assumptions.length),
    vpcIfAttached,
  });
  const onDemand = compute.decision.recommended === 'on-demand';
  const warnings: Warning[] = [
    ...compute.warnings,
    ...runtimeWarnings(c, plan),
    ...payloadWarnings(c),
    ...batching.warnings,
    ...memory.warnings,
    ...(onDemand ? [...timeout.warnings, ...failures.warnings] : []),
    // Managed Instances draw on EC2 capacity, not the account's Lambda concurrency (their quotas are separate).
    ...concurrency.warnings.filter((w) => !(compute.decision.recommended === 'managed-instances' && w.id === 'account-concurrency')),
    ...shaped.warnings,
    ...orderingWarnings(c, { concurrency: shaped.concurrency }),
  ];
  const cheapestMeeting = memory.cheapestMeeting && { ...memory.cheapestMeeting, monthlyUsd: memory.cheapestMeeting.monthlyUsd + alarmsUsd };
  const budget = budgetWarning(c, { total: shaped.cost.total, lines: shaped.cost.lines, memoryMb: shaped.memoryMb, architecture: shaped.architecture, cheapestMeeting: onDemand ? cheapestMeeting : null });
  if (budget) warnings.push(budget);
  warnings.push(...articleWarnings(c, { memoryMb: shaped.memoryMb, vpc: shaped.vpc.value, coldStart: shaped.coldStart }));
  // Stable sort: errors first, then warnings, then notes.
  warnings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);

  const design: Design = {
    schemaVersion: DESIGN_SCHEMA_VERSION,
    name: s.name,
    region: s.region,
    runtime: s.runtime,
    runtimeIdentifier: c.runtime.id,
    runtimeFamily: c.runtime.family,
    optimizeFor: s.optimizeFor,
    source: s.source,
    compute: compute.decision,
    invocation: invocation.value,
    memoryMb: shaped.memoryMb,
    architecture: shaped.architecture,
    ephemeralStorageMb: config.ephemeralStorageMb,
    memoryOptions: shaped.memoryOptions ?? memory.options.map((o) => ({ ...o, monthlyUsd: o.monthlyUsd + alarmsUsd, p99Ms: round(o.p99Ms, 1) })),
    timeoutSeconds: shaped.timeout.timeoutSeconds,
    estimatedP99Ms: shaped.estimatedP99Ms,
    batching: batching.value,
    concurrency: shaped.concurrency,
    errorHandling: shaped.failures.value,
    vpc: shaped.vpc.value,
    coldStart: shaped.coldStart,
    deployment: shaped.deployment.value,
    cost: shaped.cost,
    model,
    warnings,
    rationale: {
      compute: compute.rationale,
      invocation: invocation.rationale,
      // The amount in the summary is the bill's (the search priced with provisioned concurrency estimated).
      memory: shaped.memoryRationale ?? { ...memoryQuoted.rationale, summary: memorySummary(memory.memoryMb, memory.architecture, cost.total) },
      timeout: shaped.timeout.rationale,
      batching: batching.rationale,
      concurrency: concurrency.rationale,
      failures: shaped.failures.rationale,
      vpc: shaped.vpc.rationale,
      coldStart: shaped.coldStartRationale,
      deployment: shaped.deployment.rationale,
    },
  };
  return { design, compute };
}

export { MODEL };
