/**
 * Decision 0: the shape the workload runs on (issue 11), decided before the settings. Every shape is
 * priced side by side from the same bill model as the design's `cost` (cost/index.ts
 * `billPartsByTraffic`): what the shapes share (the source, network, logs, alarms) is priced once, and
 * each shape adds its own lines, in closed form (no search), so that `recommend()` stays cheap:
 *
 *   on-demand           the design's bill as today.
 *   managed-instances   EC2 instances (the count the load needs on the cheapest sourced instance type,
 *                       never fewer than the three-instance default) + the 15% management fee + $0.20/M
 *                       requests, plus the VPC it needs. No duration charge.
 *   durable-functions   Lambda compute for active time only + requests for each invocation of an
 *                       execution + $8.00 per million durable operations (one per step).
 *   step-functions-*    Lambda (one task invocation per step) + Standard's state transitions, or
 *                       Express's requests and duration (64 MB, 100 ms).
 *   direct-integration  (work.logic "forward-only") no function: the shared lines, plus EventBridge
 *                       Pipes' requests for a queue or stream.
 *
 * A shape with no sourced price in the Region is priced `null` and says so; it is never recommended by
 * the comparison (nothing to compare), only when pinned.
 */
import {
  DIRECT_INTEGRATIONS,
  DURABLE_FUNCTIONS,
  LIMITS,
  MANAGED_INSTANCES,
  PRICING_UNITS,
  STEP_FUNCTIONS,
  references,
  regionPrices,
  type InstanceType,
  type Source,
  type SourceId,
} from '../facts/index.ts';
import type { Bill, ComputeDecision, ComputeKind, ComputeOption, CostLine, ManagedInstancesPlan, PricedConfig, Rationale, Warning, WorkflowPlan } from '../design.ts';
import { billPartsByTraffic, priceDesign, vpcMonthlyUsd, type BillParts } from '../cost/index.ts';
import { chunks } from '../cost/rates.ts';
import { CPU_SHARE, durationAt } from '../model/performance.ts';
import type { COMPUTE_KIND_LIST, Scenario } from '../scenario.ts';
import type { SourceKind } from '../design.ts';
import { MODEL, SECONDS_PER_MONTH, type Context } from './context.ts';
import type { Vpc } from './vpc.ts';
import { mb, ms, num, usd } from './format.ts';
import { perTime, usdPrice } from '../format.ts';

/** design.ts's ComputeKind and the scenario's list name the same kinds (a compile-time check). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const KINDS_AGREE: Same<ComputeKind, (typeof COMPUTE_KIND_LIST)[number]> = true;
void KINDS_AGREE;

/** Model choices of the compute decision (ours, not AWS's); each is said where it matters. */
export const COMPUTE_MODEL = {
  /** CPU utilisation Managed Instances are sized for (headroom for the asynchronous scaling). */
  lmiTargetCpuUtilisation: 0.5,
  /** A shape must be at least this much cheaper than on-demand to be recommended for cost. */
  switchMargin: 0.05,
  /** A workflow step is sized so that its p99 × the timeout safety factor fits one 900 s invocation. */
  stepSafetyFactor: MODEL.timeoutSafetyFactor,
  /** Express bills memory in 64 MB chunks; a small definition and payload use one. */
  expressChunks: 1,
  /** Per-vCPU concurrency assumed for a runtime family the calculator gives none for. */
  fallbackConcurrencyPerVcpu: 16,
} as const;

const LAMBDA_MAX_S = LIMITS.timeoutMaxSeconds.value;
const HOURS = PRICING_UNITS.hoursPerMonth.value;

/** "1 vCPU per environment" from a Managed Instances option's plan. */
function compute1vCpu(e: Evaluated): string {
  const m = e.lmi;
  return m === undefined ? 'one environment' : `${num(m.environmentMemoryMb / 1_024 / m.memoryGiBPerVCpu)} vCPU per environment`;
}

/** What the on-demand design gives the compute decision. */
export interface OnDemandInput {
  /** What the latency target adds to one invocation's p99 (a poller's batching window), ms. */
  readonly latencyWindowMs: number;
  readonly config: PricedConfig;
  readonly bill: Bill;
  /** p99 of one invocation at the chosen memory (one batch for pollers), ms. */
  readonly invocationP99Ms: number;
  readonly vpc: Vpc;
  /** The VPC layout the function would need if attached (Managed Instances always are). */
  readonly vpcIfAttached: Vpc;
}

/** One shape's cost as a function of the monthly volume (the curve), plus its lines at the design's volume. */
interface Priced {
  readonly usdAt: (parts: BillParts, requestsPerMonth: number) => number;
}

/**
 * How the design's bill is built when this shape is chosen: `priceDesign` at `config` gives the shared
 * lines (and the function's duration lines where it still runs as a classic function), then the Lambda
 * request line is replaced and the shape's own lines are added. The total equals the option's price.
 */
export interface ShapeBill {
  readonly config: PricedConfig;
  /** Keep the Lambda duration lines (compute, INIT, /tmp): the function still runs on demand (workflows). */
  readonly keepLambdaDuration: boolean;
  /** The Lambda request line: invocations billed and at what rate per million, or null to drop it. */
  readonly requests: { readonly invocations: number; readonly perMillion: number; readonly freeTier: boolean; readonly detail: string; readonly source: SourceId } | null;
  /** The shape's own lines; `null` usd where the Region has no sourced price (shown as not priced). */
  readonly extra: readonly { readonly id: string; readonly item: string; readonly usd: number | null; readonly detail: string; readonly sources: readonly SourceId[] }[];
}

interface Evaluated {
  readonly option: ComputeOption;
  readonly price: Priced | null;
  readonly lmi?: ManagedInstancesPlan;
  readonly workflow?: WorkflowPlan;
  /** The bill when this shape is chosen (absent for on-demand: the design's bill as priced); built only for the chosen one. */
  readonly bill?: () => ShapeBill;
  /** p99 of one invocation on this shape, ms (the function's timeout is set from it). */
  readonly invocationP99Ms?: number;
  /** Most one invocation may last on this shape for this source, seconds. */
  readonly timeoutCapSeconds?: number;
}

export interface ComputeResult {
  readonly decision: ComputeDecision;
  readonly rationale: Rationale;
  readonly warnings: Warning[];
  /** How the chosen shape is billed and how long one of its invocations may run (absent for on-demand). */
  readonly chosen: { readonly bill?: ShapeBill; readonly invocationP99Ms?: number; readonly timeoutCapSeconds?: number };
  /** Monthly cost of each shape at each volume (null: no sourced price), for the chart; infeasible shapes are priced too (feasible says so). */
  readonly costAt: (requestsPerMonth: readonly number[]) => readonly { kind: ComputeKind; feasible: boolean; usd: Float64Array | null }[];
}

const refs = (...ids: SourceId[]): Source[] => references(...ids);

/** A whole count as `num` writes it (`1,234`), without the number formatter below 1,000, where it is the plain digits. */
const int = (n: number): string => (Number.isInteger(n) && n >= 0 && n < 1_000 ? String(n) : num(n));


/** What the shapes need to know about how the source invokes: a caller that waits, Lambda's async queue, or a poller. */
interface Invoked {
  /** A caller waits for the answer (synchronous). */
  readonly waits: boolean;
  /** Lambda's asynchronous queue invokes (Event): the only path to a year-long durable execution. */
  readonly queued: boolean;
  /** An event source mapping polls a queue or a stream. */
  readonly polled: boolean;
}
const INVOKED: Readonly<Record<SourceKind, Invoked>> = {
  sync: { waits: true, queued: false, polled: false },
  async: { waits: false, queued: true, polled: false },
  queue: { waits: false, queued: false, polled: true },
  stream: { waits: false, queued: false, polled: true },
};

// ---------------------------------------------------------------------------------------------
// Managed Instances

interface LmiSizing {
  readonly instance: InstanceType;
  readonly vcpusPerEnv: number;
  readonly envMemoryMb: number;
  readonly perEnvConcurrency: number;
  readonly envsPerInstance: number;
  /** Environments needed per request/s of load (Little's law and CPU), before rounding. */
  readonly envsPerRps: number;
}

function instancesFor(z: LmiSizing, rps: number): number {
  const envs = Math.ceil(rps * z.envsPerRps - 1e-9);
  return Math.max(MANAGED_INSTANCES.defaultMinimumInstances.value, Math.ceil(envs / z.envsPerInstance));
}

function lmiMonthlyInstanceUsd(z: LmiSizing, rps: number): { instances: number; ec2: number; fee: number } {
  const instances = instancesFor(z, rps);
  const ec2 = instances * z.instance.usdPerHour * HOURS;
  return { instances, ec2, fee: ec2 * MANAGED_INSTANCES.managementFeeShare.value };
}

/** The cheapest sourced instance type and environment shape for the average load (closed form over 9 types). */
function sizeLmi(c: Context): LmiSizing {
  const s = c.s;
  const mbPerVcpu = LIMITS.mbPerVcpu.value;
  const cpuShare = CPU_SHARE[s.work.profile];
  const perVcpuRuntime = MANAGED_INSTANCES.concurrencyPerVcpuByFamily.value[c.runtime.family] ?? COMPUTE_MODEL.fallbackConcurrencyPerVcpu;
  const u = COMPUTE_MODEL.lmiTargetCpuUtilisation;
  let best: { z: LmiSizing; usd: number } | null = null;
  let fallback: { vcpusPerEnv: number; requestSeconds: number } | null = null;
  for (const instance of MANAGED_INSTANCES.instanceTypes.value) {
    // As many vCPUs as the code keeps busy, within the function memory Lambda allows (10,240 MB).
    const fitVcpus = Math.floor(LIMITS.memoryMaxMb.value / (instance.gibPerVcpu * 1_024));
    const vcpusPerEnv = Math.max(MANAGED_INSTANCES.minEnvironmentVcpus.value, Math.min(s.work.parallelism, fitVcpus));
    const requestSeconds = durationAt(c.avgWork, mbPerVcpu * vcpusPerEnv) / 1_000;
    fallback ??= { vcpusPerEnv, requestSeconds };
    const envMemoryMb = Math.max(MANAGED_INSTANCES.minEnvironmentMemoryMb.value, instance.gibPerVcpu * 1_024 * vcpusPerEnv);
    if (envMemoryMb < c.floorMb) continue;
    const byMemory = Math.floor(envMemoryMb / c.floorMb);
    const byCpu = Math.floor((vcpusPerEnv * u) / cpuShare);
    const perEnvConcurrency = Math.max(1, Math.min(perVcpuRuntime * vcpusPerEnv, byMemory, byCpu, MANAGED_INSTANCES.perEnvironmentMaxConcurrencyMax.value));
    const usableVcpus = instance.vcpus - MANAGED_INSTANCES.reservedVcpusPerInstance.value;
    const usableMb = (instance.memoryGiB - MANAGED_INSTANCES.reservedMemoryGiBPerInstance.value) * 1_024;
    const envsPerInstance = Math.min(Math.floor(usableVcpus / vcpusPerEnv), Math.floor(usableMb / envMemoryMb));
    if (envsPerInstance < 1) continue;
    // Environments per request/s: in-flight requests over what one environment serves, or the vCPUs the
    // CPU-bound share keeps busy at the target utilisation, whichever needs more.
    const envsPerRps = Math.max(requestSeconds / perEnvConcurrency, (requestSeconds * cpuShare) / (u * vcpusPerEnv));
    const z: LmiSizing = { instance, vcpusPerEnv, envMemoryMb, perEnvConcurrency, envsPerInstance, envsPerRps };
    const usd = lmiMonthlyInstanceUsd(z, c.avgRate).ec2;
    if (best === null || usd < best.usd - 1e-9) best = { z, usd };
  }
  // Every type fits the smallest environment (2 GiB) unless the function needs more memory than an r7g.4xlarge leaves.
  const f = fallback ?? { vcpusPerEnv: 1, requestSeconds: durationAt(c.avgWork, mbPerVcpu) / 1_000 };
  return (best ?? { z: fallbackSizing(c, f.vcpusPerEnv, f.requestSeconds) }).z;
}

function fallbackSizing(c: Context, vcpusPerEnv: number, requestSeconds: number): LmiSizing {
  const types = MANAGED_INSTANCES.instanceTypes.value;
  const instance = types[types.length - 1] as InstanceType;
  return {
    instance,
    vcpusPerEnv,
    envMemoryMb: Math.min(LIMITS.memoryMaxMb.value, Math.max(c.floorMb, MANAGED_INSTANCES.minEnvironmentMemoryMb.value)),
    perEnvConcurrency: 1,
    envsPerInstance: 1,
    envsPerRps: requestSeconds,
  };
}

/** Whether a runtime identifier runs on Managed Instances (Java 21+, Python 3.13+, Node.js 22+, .NET 8+). */
export function managedInstancesRuntime(id: string, family: string): boolean {
  const min = MANAGED_INSTANCES.minimumRuntime.value[family];
  if (min === undefined) return false;
  const m = /(\d+)(?:\.(\d+))?/.exec(id);
  if (m === null) return false;
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

const FAMILY_LABEL: Readonly<Record<string, string>> = { java: 'Java', python: 'Python', nodejs: 'Node.js', dotnet: '.NET' };
/** "Java 21+, Python 3.13+, Node.js 22+, .NET 8+", from the facts. */
function lmiRuntimeList(): string {
  return Object.entries(MANAGED_INSTANCES.minimumRuntime.value)
    .map(([f, [major, minor]]) => `${FAMILY_LABEL[f] ?? f} ${minor > 0 ? `${major}.${minor}` : major}+`)
    .join(', ');
}

/** Fixed phrases from the facts, formatted once (recommend() formats only what depends on the scenario). */
const TXT = {
  lmiAsyncMax: num(MANAGED_INSTANCES.asyncTimeoutMaxSeconds.value),
  feePct: num(MANAGED_INSTANCES.managementFeeShare.value * 100),
  lmiRequests: usdPrice(MANAGED_INSTANCES.requestsPerMillion.value),
  durableOps: usdPrice(DURABLE_FUNCTIONS.operationsPerMillion.value),
  pipes: usdPrice(DIRECT_INTEGRATIONS.pipesPerMillion.value),
  stdPerThousand: usdPrice(STEP_FUNCTIONS.standardPerThousandTransitions.value),
  stdPerMillion: usdPrice(STEP_FUNCTIONS.standardPerThousandTransitions.value * 1_000),
  expressRequests: usdPrice(STEP_FUNCTIONS.expressPerMillionRequests.value),
  expressChunkMb: num(STEP_FUNCTIONS.expressChunkMb.value),
  expressGbS: usdPrice(STEP_FUNCTIONS.expressPerGbSecond.value),
  lmiRuntimes: lmiRuntimeList(),
} as const;

/** Most a Managed Instances invocation may run for this source: 5,400 s for asynchronous and event-source work. */
function lmiCapSeconds(c: Context): { cap: number; fact: SourceId } {
  const lambdaCapped = c.src.timeout.fact === LIMITS.timeoutMaxSeconds;
  if (!INVOKED[c.kind].waits && lambdaCapped) return { cap: MANAGED_INSTANCES.asyncTimeoutMaxSeconds.value, fact: MANAGED_INSTANCES.asyncTimeoutMaxSeconds.source };
  return { cap: c.timeoutCapSeconds, fact: c.src.timeout.fact.source };
}

// ---------------------------------------------------------------------------------------------
// Workflows

interface Split {
  readonly steps: number;
  readonly stepP99Ms: number;
  readonly given: boolean;
}

/** Steps of one execution: work.steps, or the fewest whose p99 × the safety factor fits one invocation. */
function splitWork(c: Context, totalP99Ms: number): Split {
  const given = c.s.work.steps;
  const steps = given ?? Math.max(1, Math.ceil((totalP99Ms * COMPUTE_MODEL.stepSafetyFactor) / (LAMBDA_MAX_S * 1_000)));
  return { steps, stepP99Ms: totalP99Ms / steps, given: given !== undefined };
}

function executionTimeout(totalP99Ms: number, max: number): number {
  return Math.min(max, Math.max(LIMITS.timeoutDefaultSeconds.value, Math.ceil((totalP99Ms * MODEL.timeoutSafetyFactor) / 1_000)));
}

// ---------------------------------------------------------------------------------------------

function lambdaRequestsUsd(s: Scenario, invocations: number): number {
  const rate = regionPrices(s.region)?.lambda.requestsPerMillion?.value ?? 0;
  const free = s.budget.freeTier ? PRICING_UNITS.freeTierRequests.value : 0;
  return (Math.max(0, invocations - free) / 1e6) * rate;
}

function pricedHere(s: Scenario, region: string): boolean {
  return s.region === region;
}

/** The compute decision for a scenario whose on-demand design is `od`. */
export function decideCompute(c: Context, od: OnDemandInput): ComputeResult {
  const s = c.s;
  const base = partsOfBill(od.bill, c.monthly / Math.max(1, od.config.recordsPerInvocation));
  // Workflow shapes run the function without provisioned concurrency or SnapStart's charges.
  const plainConfig: PricedConfig = { ...od.config, provisionedConcurrency: 0, provisionedHours: 0, snapStartCharged: false };
  // Priced once for both workflow shapes (unchanged when the design has no provisioned concurrency or charged SnapStart).
  const plain = od.config.provisionedConcurrency === 0 && od.config.snapStartCharged !== true ? base : (billPartsByTraffic(s, plainConfig, [c.monthly])[0] as BillParts);
  const avgTotalMs = od.config.averageInvocationMs;
  const p99TotalMs = od.invocationP99Ms;
  const sourceCap = c.timeoutCapSeconds;
  const evaluated: Evaluated[] = [];

  // --- on-demand ---
  const odFits = p99TotalMs <= sourceCap * 1_000;
  evaluated.push({
    option: {
      kind: 'on-demand',
      feasible: odFits,
      monthlyUsd: od.bill.total,
      why: odFits
        ? `A classic function billed per request and per GB-second: ${usd(od.bill.total)} a month at ${mb(od.config.memoryMb)} (the bill below). It scales from zero, so idle time costs nothing.`
        : `Cannot run it: the p99 of one invocation (${ms(p99TotalMs)}) is longer than the ${num(sourceCap)} s the ${c.label} allows a function. ${c.src.timeout.fix}`,
      tradeOff: 'Cold starts on new environments; one request per environment at a time, so concurrency and cost grow with the load.',
      references: refs('pricing', c.src.timeout.fact.source),
    },
    price: { usdAt: (p) => p.lambdaRequestsUsd + p.lambdaDurationUsd + p.sharedUsd },
  });

  // --- managed-instances ---
  {
    const z = sizeLmi(c);
    const lmiMemory = z.envMemoryMb;
    const scale = durationAt(c.p99Work, lmiMemory) / Math.max(1e-9, durationAt(c.p99Work, od.config.memoryMb));
    const lmiP99Ms = p99TotalMs * scale;
    const { cap, fact } = lmiCapSeconds(c);
    const runtimeOk = managedInstancesRuntime(c.runtime.id, c.runtime.family);
    const fits = runtimeOk && lmiP99Ms <= cap * 1_000;
    // Only Graviton (arm64) instance prices are sourced: an x86_64 function has none.
    const x86 = s.architecture === 'x86_64';
    const priced = pricedHere(s, MANAGED_INSTANCES.pricedRegion.value) && !x86;
    const avg = lmiMonthlyInstanceUsd(z, c.avgRate);
    const atPeak = instancesFor(z, c.peakRate);
    // Managed Instances always run in a VPC: its NAT and endpoints are added when on-demand has none.
    const vpcExtra = od.vpc.attach ? 0 : vpcMonthlyUsd(s, od.vpcIfAttached);
    const requestsRate = MANAGED_INSTANCES.requestsPerMillion.value;
    const monthly = priced ? avg.ec2 + avg.fee + (base.invocations / 1e6) * requestsRate + base.sharedUsd + vpcExtra : null;
    const bursty = c.peakRate > c.avgRate * MANAGED_INSTANCES.burstFactor.value;
    const plan: ManagedInstancesPlan = {
      instanceType: z.instance.name,
      instanceVCpus: z.instance.vcpus,
      instanceMemoryGiB: z.instance.memoryGiB,
      memoryGiBPerVCpu: z.instance.gibPerVcpu,
      environmentMemoryMb: lmiMemory,
      perEnvironmentMaxConcurrency: z.perEnvConcurrency,
      instancesAtAverage: avg.instances,
      instancesAtPeak: atPeak,
      maxVCpuCount: atPeak * z.instance.vcpus,
    };
    const sizing =
      `${int(avg.instances)} × ${z.instance.name} (${z.instance.vcpus} vCPUs, ${z.instance.memoryGiB} GiB; ${int(z.envsPerInstance)} environments of ${z.vcpusPerEnv} vCPU and ${mb(lmiMemory)} each, ` +
      `up to ${int(z.perEnvConcurrency)} ${z.perEnvConcurrency === 1 ? 'request' : 'requests'} at once per environment) for the average ${perTime(c.avgRate)}, ${int(atPeak)} ${atPeak === 1 ? 'instance' : 'instances'} at the peak`;
    const why = !runtimeOk
      ? `Cannot run ${c.runtime.name}: Managed Instances support ${TXT.lmiRuntimes} only. Move to ${c.runtime.family === 'go' || c.runtime.family === 'ruby' ? 'one of those runtimes' : 'a newer version'} to use them.`
      : !fits
      ? `Cannot run it: the p99 of one invocation (${ms(lmiP99Ms)}) is longer than the ${num(cap)} s Managed Instances allow for a ${INVOKED[c.kind].waits ? 'synchronous' : c.label} invocation (${TXT.lmiAsyncMax} s is for asynchronous and event-source invocations only).`
      : !priced
        ? x86
          ? `${sizing.replace(/^[^(]*\(/, 'Sized as Graviton instances (')}. Not priced: the architecture is x86_64 and the advisor has sourced prices for Graviton (arm64) c7g, m7g and r7g instances only.`
          : `${sizing}. Not priced: the advisor has EC2 prices for ${MANAGED_INSTANCES.pricedRegion.value} only (no sourced price for ${s.region}).`
        : `${sizing}: EC2 ${usd(avg.ec2)} + the ${TXT.feePct}% management fee ${usd(avg.fee)} + requests at ${TXT.lmiRequests}/M, no per-GB-second charge` +
          (vpcExtra > 0 ? `, plus ${usd(vpcExtra)} for the VPC it needs` : '') +
          `. No cold starts once the instances are up.` +
          (bursty
            ? ` The peak (${num(c.peakRate)}/s) is more than ${MANAGED_INSTANCES.burstFactor.value}× the average: traffic that doubles within ${MANAGED_INSTANCES.scalingWindowMinutes.value} minutes can be throttled while instances are added.`
            : '');
    evaluated.push({
      option: {
        kind: 'managed-instances',
        feasible: fits,
        monthlyUsd: monthly,
        why,
        tradeOff:
          `Pays for instances whether busy or idle (at least ${MANAGED_INSTANCES.defaultMinimumInstances.value}); scales in minutes, not per request; needs a VPC, a capacity provider and an operator role; the code must be safe to run many requests at once in one environment. No provisioned concurrency or SnapStart there.`,
        references: refs(MANAGED_INSTANCES.instanceTypes.source, MANAGED_INSTANCES.managementFeeShare.source, MANAGED_INSTANCES.defaultMinimumInstances.source, fact, 'lmiCapacityProviders', 'lmiRuntimes'),
      },
      price: priced
        ? {
            usdAt: (p, v) => {
              const x = lmiMonthlyInstanceUsd(z, v / SECONDS_PER_MONTH);
              return x.ec2 + x.fee + (p.invocations / 1e6) * requestsRate + p.sharedUsd + vpcExtra;
            },
          }
        : null,
      lmi: plan,
      invocationP99Ms: lmiP99Ms,
      timeoutCapSeconds: cap,
      bill: () => ({
        config: { ...od.config, memoryMb: lmiMemory, vpc: od.vpcIfAttached, provisionedConcurrency: 0, provisionedHours: 0, snapStartCharged: false },
        keepLambdaDuration: false,
        requests: { invocations: base.invocations, perMillion: requestsRate, freeTier: false, detail: 'Managed Instances requests (no free tier counted)', source: MANAGED_INSTANCES.requestsPerMillion.source },
        extra: [
          {
            id: 'lmi-instances',
            item: `EC2 instances for Managed Instances (${int(avg.instances)} × ${z.instance.name})`,
            usd: priced ? avg.ec2 : null,
            detail: `${int(avg.instances)} × ${usdPrice(z.instance.usdPerHour)}/h × ${HOURS} h (on-demand; Savings Plans and Reserved Instances apply to these)`,
            sources: [MANAGED_INSTANCES.instanceTypes.source],
          },
          {
            id: 'lmi-management-fee',
            item: 'Managed Instances management fee',
            usd: priced ? avg.fee : null,
            detail: `${TXT.feePct}% of the instances' EC2 on-demand price`,
            sources: [MANAGED_INSTANCES.managementFeeShare.source],
          },
        ],
      }),
    });
  }

  // --- durable-functions ---
  {
    const split = splitWork(c, p99TotalMs);
    const sdk = (DURABLE_FUNCTIONS.sdkFamilies.value as readonly string[]).includes(c.runtime.family);
    const longOk = INVOKED[c.kind].queued;
    const maxTotalS = longOk ? DURABLE_FUNCTIONS.executionTimeoutMaxSeconds.value : Math.min(sourceCap, DURABLE_FUNCTIONS.syncExecutionMaxSeconds.value);
    const stepFits = split.stepP99Ms <= LAMBDA_MAX_S * 1_000;
    const fits = sdk && stepFits && p99TotalMs <= maxTotalS * 1_000;
    const priced = pricedHere(s, DURABLE_FUNCTIONS.pricedRegion.value);
    const invocationsPerExecution = Math.max(1, Math.ceil(avgTotalMs / (LAMBDA_MAX_S * 1_000)));
    const opsRate = DURABLE_FUNCTIONS.operationsPerMillion.value;
    const usdAt = (p: BillParts) => lambdaRequestsUsd(s, p.invocations * invocationsPerExecution) + p.lambdaDurationUsd + ((p.invocations * split.steps) / 1e6) * opsRate + p.sharedUsd;
    const monthly = priced ? usdAt(plain) : null;
    const workflow: WorkflowPlan = {
      steps: split.steps,
      executionTimeoutSeconds: executionTimeout(p99TotalMs, maxTotalS),
      retentionDays: DURABLE_FUNCTIONS.retentionDefaultDays.value,
    };
    const why = !sdk
      ? `Cannot run it on ${c.runtime.name}: the durable execution SDK is generally available for ${DURABLE_FUNCTIONS.sdkFamilies.value.join(' and ')} only. Write the function in one of them, or use Step Functions.`
      : !stepFits
        ? `Cannot run it: each of the ${int(split.steps)} steps would last ${ms(split.stepP99Ms)} at p99, longer than one invocation's ${LAMBDA_MAX_S} s. Split the work into more steps (work.steps).`
        : !fits
          ? `Cannot run it: a ${INVOKED[c.kind].waits ? 'synchronous' : 'event-source'} invocation waits for the whole durable execution, which must then finish within ${num(maxTotalS)} s; the p99 here is ${ms(p99TotalMs)}. Only asynchronous invocations may run up to a year.`
          : `${int(split.steps)} checkpointed step${split.steps === 1 ? '' : 's'} of about ${ms(split.stepP99Ms)} at p99${split.given ? ' (work.steps)' : ''}, ${int(invocationsPerExecution)} invocation${invocationsPerExecution === 1 ? '' : 's'} per execution: ` +
            (priced
              ? `${usd(monthly ?? 0)} a month (compute for active time only, requests, and ${int(split.steps)} durable operation${split.steps === 1 ? '' : 's'} per execution at ${TXT.durableOps}/M; the storage of checkpoint data is not priced: no sourced rate).`
              : `not priced: the advisor has durable-operation prices for ${DURABLE_FUNCTIONS.pricedRegion.value} only.`);
    evaluated.push({
      option: {
        kind: 'durable-functions',
        feasible: fits,
        monthlyUsd: monthly,
        why,
        tradeOff:
          `The workflow is code (steps, waits, callbacks) replayed from checkpoints: each step must be deterministic and idempotent; durable execution must be enabled when the function is created; history is kept ${DURABLE_FUNCTIONS.retentionMinDays.value}–${DURABLE_FUNCTIONS.retentionMaxDays.value} days.`,
        references: refs('durableInvoking', 'durableConfig', DURABLE_FUNCTIONS.operationsPerMillion.source, 'durableSdk'),
      },
      price: priced ? { usdAt } : null,
      workflow,
      invocationP99Ms: split.stepP99Ms,
      timeoutCapSeconds: Math.min(sourceCap, LAMBDA_MAX_S),
      bill: () => ({
        config: plainConfig,
        keepLambdaDuration: true,
        requests: {
          invocations: plain.invocations * invocationsPerExecution,
          perMillion: regionPrices(s.region)?.lambda.requestsPerMillion?.value ?? 0,
          freeTier: s.budget.freeTier,
          detail: `${int(invocationsPerExecution)} invocation${invocationsPerExecution === 1 ? '' : 's'} per durable execution`,
          source: 'pricing',
        },
        extra: [
          {
            id: 'durable-operations',
            item: 'Durable operations',
            usd: priced ? ((plain.invocations * split.steps) / 1e6) * opsRate : null,
            detail: `${num(plain.invocations)} executions × ${int(split.steps)} step${split.steps === 1 ? '' : 's'} × ${TXT.durableOps}/M (checkpoint storage not priced: no sourced rate)`,
            sources: [DURABLE_FUNCTIONS.operationsPerMillion.source],
          },
        ],
      }),
    });
  }

  // --- step-functions-standard / express ---
  {
    const split = splitWork(c, p99TotalMs);
    const stepFits = split.stepP99Ms <= LAMBDA_MAX_S * 1_000;
    const taskRequests = (p: BillParts) => lambdaRequestsUsd(s, p.invocations * split.steps);
    const priced = pricedHere(s, STEP_FUNCTIONS.pricedRegion.value);
    const viaPipes = INVOKED[c.kind].polled;
    const pipesUsd = (v: number) => (viaPipes ? ((v * chunks(s.traffic.payloadKb, DIRECT_INTEGRATIONS.pipesChunkKb.value)) / 1e6) * DIRECT_INTEGRATIONS.pipesPerMillion.value : 0);
    const taskRequestLine = {
      invocations: plain.invocations * split.steps,
      perMillion: regionPrices(s.region)?.lambda.requestsPerMillion?.value ?? 0,
      freeTier: s.budget.freeTier,
      detail: `one task invocation per step (${int(split.steps)} per execution)`,
      source: 'pricing' as SourceId,
    };
    const pipesLines = viaPipes
      ? [
          {
            id: 'eventbridge-pipes',
            item: `EventBridge Pipes (${c.label} to the state machine)`,
            usd: priced ? pipesUsd(c.monthly) : null,
            detail: `${num(c.monthly)} events × ${num(chunks(s.traffic.payloadKb, DIRECT_INTEGRATIONS.pipesChunkKb.value))} 64 KB chunk(s) × ${TXT.pipes}/M`,
            sources: [DIRECT_INTEGRATIONS.pipesPerMillion.source],
          },
        ]
      : [];
    const pipesNote = viaPipes ? ` Started from the ${c.label} by EventBridge Pipes (${TXT.pipes}/M requests, included).` : '';

    // Standard: a state transition per step and one to finish.
    const transitions = split.steps + 1;
    const free = s.budget.freeTier ? STEP_FUNCTIONS.standardFreeTransitions.value : 0;
    const stdUsdAt = (p: BillParts, v: number) =>
      taskRequests(p) + p.lambdaDurationUsd + p.sharedUsd + pipesUsd(v) + (Math.max(0, p.invocations * transitions - free) / 1_000) * STEP_FUNCTIONS.standardPerThousandTransitions.value;
    const stdFits = !INVOKED[c.kind].waits && stepFits && p99TotalMs <= STEP_FUNCTIONS.standardMaxSeconds.value * 1_000;
    const stdMonthly = priced ? stdUsdAt(plain, c.monthly) : null;
    evaluated.push({
      option: {
        kind: 'step-functions-standard',
        feasible: stdFits,
        monthlyUsd: stdMonthly,
        why:
          INVOKED[c.kind].waits
            ? `Cannot answer a synchronous caller: a Standard workflow starts asynchronously (only Express has a synchronous start). Use Express, or return at once and let the client poll.`
            : !stepFits
              ? `Cannot run it: each of the ${int(split.steps)} task steps would last ${ms(split.stepP99Ms)} at p99, longer than one invocation's ${LAMBDA_MAX_S} s. Split the work into more steps (work.steps).`
              : `${int(split.steps)} Lambda task${split.steps === 1 ? '' : 's'} per execution, ${int(transitions)} state transitions at ${TXT.stdPerThousand} per 1,000` +
                (priced ? `: ${usd(stdMonthly ?? 0)} a month with the tasks' Lambda charges.` : `: not priced (Step Functions prices sourced for ${STEP_FUNCTIONS.pricedRegion.value} only).`) +
                pipesNote,
        tradeOff: `Exactly-once, visual and auditable, up to a year per execution, retries and catches in the definition; but each transition is billed (${TXT.stdPerMillion} per million), so it is expensive at high volume.`,
        references: refs(STEP_FUNCTIONS.standardPerThousandTransitions.source, STEP_FUNCTIONS.standardMaxSeconds.source, 'sfnGuarantees'),
      },
      price: priced ? { usdAt: stdUsdAt } : null,
      workflow: { steps: split.steps, executionTimeoutSeconds: executionTimeout(p99TotalMs, STEP_FUNCTIONS.standardMaxSeconds.value), retentionDays: null },
      invocationP99Ms: split.stepP99Ms,
      timeoutCapSeconds: Math.min(sourceCap, LAMBDA_MAX_S),
      bill: () => ({
        config: plainConfig,
        keepLambdaDuration: true,
        requests: taskRequestLine,
        extra: [
          {
            id: 'sfn-transitions',
            item: 'Step Functions Standard state transitions',
            usd: priced ? (Math.max(0, plain.invocations * transitions - free) / 1_000) * STEP_FUNCTIONS.standardPerThousandTransitions.value : null,
            detail: `${num(plain.invocations)} executions × ${int(transitions)} transitions${free > 0 ? ` less ${num(free)} free` : ''} × ${TXT.stdPerThousand} per 1,000`,
            sources: [STEP_FUNCTIONS.standardPerThousandTransitions.source],
          },
          ...pipesLines,
        ],
      }),
    });

    // Express: requests and duration (the whole execution, 100 ms steps, 64 MB chunks).
    const billedSeconds = Math.ceil(avgTotalMs / STEP_FUNCTIONS.expressRoundingMs.value) * (STEP_FUNCTIONS.expressRoundingMs.value / 1_000);
    const gb = (COMPUTE_MODEL.expressChunks * STEP_FUNCTIONS.expressChunkMb.value) / 1_024;
    const expUsdAt = (p: BillParts, v: number) =>
      taskRequests(p) +
      p.lambdaDurationUsd +
      p.sharedUsd +
      pipesUsd(v) +
      (p.invocations / 1e6) * STEP_FUNCTIONS.expressPerMillionRequests.value +
      p.invocations * billedSeconds * gb * STEP_FUNCTIONS.expressPerGbSecond.value;
    const expMax = Math.min(STEP_FUNCTIONS.expressMaxSeconds.value, INVOKED[c.kind].waits ? sourceCap : Infinity);
    // An ALB or a function URL can only invoke a function: no workflow starts from them without one in front.
    const startsWorkflow = c.src.withoutFunction.startsWorkflow;
    const expFits = startsWorkflow && stepFits && p99TotalMs <= expMax * 1_000;
    const expMonthly = priced ? expUsdAt(plain, c.monthly) : null;
    evaluated.push({
      option: {
        kind: 'step-functions-express',
        feasible: expFits,
        monthlyUsd: expMonthly,
        why: !startsWorkflow
          ? `Cannot start from the ${c.label}: it can only invoke a function. Put API Gateway in front (a StartSyncExecution integration) to use Express.`
          : !expFits
          ? `Cannot run it: an Express execution lasts at most ${num(expMax)} s${INVOKED[c.kind].waits && sourceCap < STEP_FUNCTIONS.expressMaxSeconds.value ? ` (the ${c.label}'s limit)` : ''}; the p99 here is ${ms(p99TotalMs)}. Use Standard or durable functions for longer work.`
          : `${int(split.steps)} Lambda task${split.steps === 1 ? '' : 's'} per execution; Express bills ${TXT.expressRequests}/M executions and their duration (${ms(billedSeconds * 1_000)} billed at ${TXT.expressChunkMb} MB)` +
            (priced ? `: ${usd(expMonthly ?? 0)} a month with the tasks' Lambda charges.` : `: not priced (Step Functions prices sourced for ${STEP_FUNCTIONS.pricedRegion.value} only).`) +
            pipesNote,
        tradeOff: `At most ${STEP_FUNCTIONS.expressMaxSeconds.value / 60} minutes; at-least-once when started asynchronously (at-most-once synchronously), so every step must be idempotent; no execution history unless logged to CloudWatch.`,
        references: refs(STEP_FUNCTIONS.expressMaxSeconds.source, STEP_FUNCTIONS.expressPerGbSecond.source, 'sfnPricing', 'sfnGuarantees'),
      },
      price: priced ? { usdAt: expUsdAt } : null,
      workflow: { steps: split.steps, executionTimeoutSeconds: executionTimeout(p99TotalMs, STEP_FUNCTIONS.expressMaxSeconds.value), retentionDays: null },
      invocationP99Ms: split.stepP99Ms,
      timeoutCapSeconds: Math.min(sourceCap, LAMBDA_MAX_S),
      bill: () => ({
        config: plainConfig,
        keepLambdaDuration: true,
        requests: taskRequestLine,
        extra: [
          {
            id: 'sfn-express-requests',
            item: 'Step Functions Express executions',
            usd: priced ? (plain.invocations / 1e6) * STEP_FUNCTIONS.expressPerMillionRequests.value : null,
            detail: `${num(plain.invocations)} executions × ${TXT.expressRequests}/M`,
            sources: [STEP_FUNCTIONS.expressPerMillionRequests.source],
          },
          {
            id: 'sfn-express-duration',
            item: 'Step Functions Express duration',
            usd: priced ? plain.invocations * billedSeconds * gb * STEP_FUNCTIONS.expressPerGbSecond.value : null,
            detail: `${num(plain.invocations)} executions × ${ms(billedSeconds * 1_000)} (100 ms steps) × ${TXT.expressChunkMb} MB × ${TXT.expressGbS}/GB-s`,
            sources: [STEP_FUNCTIONS.expressPerGbSecond.source, 'sfnPricing'],
          },
          ...pipesLines,
        ],
      }),
    });
  }

  // --- direct-integration (work.logic "forward-only") ---
  if (s.work.logic === 'forward-only') evaluated.push(directIntegration(c, od, base));

  return settle(c, od, evaluated);
}

/** The service integration that replaces a forward-only function, if the source has one. */
function directIntegration(c: Context, od: OnDemandInput, base: BillParts): Evaluated {
  const s = c.s;
  const how = c.src.withoutFunction.integration;
  const pipes = INVOKED[c.kind].polled;
  const priced = !pipes || pricedHere(s, DIRECT_INTEGRATIONS.pricedRegion.value);
  // Pipes bills each event (every 64 KB of it), not each batch.
  const pipesUsd = (v: number) => (pipes ? ((v * chunks(s.traffic.payloadKb, DIRECT_INTEGRATIONS.pipesChunkKb.value)) / 1e6) * DIRECT_INTEGRATIONS.pipesPerMillion.value : 0);
  // No function: no Lambda charges; the source, network, logs and alarms stay (the integration logs and is watched too).
  const usdAt = (p: BillParts, v: number) => p.sharedUsd + pipesUsd(v);
  const monthly = priced ? usdAt(base, c.monthly) : null;
  return {
    option: {
      kind: 'direct-integration',
      feasible: how !== null,
      monthlyUsd: monthly,
      why:
        how === null
          ? `The ${c.label} has no service integration of its own: it can only invoke code. Keep a function (on-demand), or put API Gateway in front.`
          : `No function at all: ${how}. ${priced ? `${usd(monthly ?? 0)} a month (the source and network lines${pipes ? ` plus Pipes at ${TXT.pipes}/M requests` : ''}).` : `Not priced: Pipes prices sourced for ${DIRECT_INTEGRATIONS.pricedRegion.value} only.`}`,
      tradeOff: 'Nothing to deploy, patch or cold-start, but the mapping lives in configuration (VTL or input transformers): no custom validation, retries or error handling beyond what the service gives, and harder to test locally.',
      references: refs(DIRECT_INTEGRATIONS.pipesPerMillion.source),
    },
    price: monthly !== null ? { usdAt } : null,
    bill: () => ({
      config: { ...od.config, provisionedConcurrency: 0, provisionedHours: 0, snapStartCharged: false },
      keepLambdaDuration: false,
      requests: null,
      extra: pipes
        ? [
            {
              id: 'eventbridge-pipes',
              item: `EventBridge Pipes (${c.label} to the target)`,
              usd: priced ? pipesUsd(c.monthly) : null,
              detail: `${num(c.monthly)} events × ${num(chunks(s.traffic.payloadKb, DIRECT_INTEGRATIONS.pipesChunkKb.value))} 64 KB chunk(s) × ${TXT.pipes}/M`,
              sources: [DIRECT_INTEGRATIONS.pipesPerMillion.source],
            },
          ]
        : [],
    }),
  };
}

const ON_DEMAND: ComputeKind = 'on-demand';
/** Shapes whose curve is priced from the on-demand design's config (the others run without provisioned concurrency). */
const ON_DEMAND_CONFIG: ReadonlySet<ComputeKind> = new Set<ComputeKind>(['on-demand', 'managed-instances', 'direct-integration']);

/** Choose the shape (or honour the pin), order the options, and say why. */
function settle(c: Context, od: OnDemandInput, evaluated: Evaluated[]): ComputeResult {
  const s = c.s;
  const byKind = new Map(evaluated.map((e) => [e.option.kind, e]));
  const odEval = byKind.get('on-demand') as Evaluated;
  const pin = s.compute === 'auto' ? null : (s.compute as ComputeKind);
  const warnings: Warning[] = [];
  let recommended: ComputeKind;
  let reason: string;
  const priced = (e: Evaluated) => e.option.feasible && e.option.monthlyUsd !== null;
  if (pin !== null) {
    const e = byKind.get(pin);
    recommended = pin;
    reason = `Pinned by the scenario (compute: "${pin}").`;
    if (e === undefined || !e.option.feasible) {
      warnings.push({
        id: 'compute-infeasible',
        severity: 'error',
        message: `compute is pinned to ${pin}, which cannot run this workload: ${e?.option.why ?? 'it applies only to work.logic "forward-only".'} Unpin it (compute: "auto") to let the advisor choose.`,
        references: e?.option.references ?? [],
      });
    }
  } else {
    const lmi = byKind.get('managed-instances') as Evaluated;
    const steady = c.peakRate <= c.avgRate * MANAGED_INSTANCES.burstFactor.value;
    const odCost = odEval.option.monthlyUsd ?? Infinity;
    if (odEval.option.feasible) {
      const direct = byKind.get('direct-integration');
      const lmiCost = lmi.option.monthlyUsd ?? Infinity;
      const wantsWarm = s.latency.coldStarts === 'avoid' || s.optimizeFor === 'speed';
      // Managed Instances run each request at their environment's vCPUs: slower than a large on-demand setting can be.
      const lmiMeetsTarget = c.target === undefined || (lmi.invocationP99Ms ?? Infinity) + od.latencyWindowMs <= c.target;
      const budget = s.budget.monthlyUsd ?? Infinity;
      const overBudget = odCost > budget;
      if (direct !== undefined && priced(direct) && (direct.option.monthlyUsd as number) <= odCost) {
        recommended = 'direct-integration';
        reason = `The function only forwards each request to one AWS service call: ${usd(direct.option.monthlyUsd as number)} a month without it, against ${usd(odCost)} with it.`;
      } else if (
        priced(lmi) &&
        steady &&
        lmiMeetsTarget &&
        (lmiCost <= odCost * (1 - COMPUTE_MODEL.switchMargin) || (wantsWarm && lmiCost <= odCost) || (overBudget && lmiCost <= budget))
      ) {
        recommended = 'managed-instances';
        reason =
          `Traffic is steady (peak ${num(c.peakRate)}/s within ${MANAGED_INSTANCES.burstFactor.value}× the average ${num(c.avgRate)}/s), so instances kept busy cost ${usd(lmiCost)} a month against ${usd(odCost)} on demand` +
          (lmiCost <= odCost * (1 - COMPUTE_MODEL.switchMargin)
            ? '.'
            : overBudget && lmiCost <= budget && !(wantsWarm && lmiCost <= odCost)
              ? `, within the ${usd(budget)} budget that on demand exceeds.`
              : `, no more, and without cold starts (${s.optimizeFor === 'speed' ? 'optimizeFor "speed"' : 'latency.coldStarts "avoid"'}).`);
      } else {
        recommended = 'on-demand';
        reason =
          priced(lmi) && steady && !lmiMeetsTarget && (lmiCost <= odCost || overBudget)
            ? `Managed Instances would cost ${usd(lmiCost)} a month, but their p99 of about ${ms((lmi.invocationP99Ms ?? 0) + od.latencyWindowMs)} (${compute1vCpu(lmi)}) misses the ${ms(c.target ?? 0)} target that on demand meets with more memory (${usd(odCost)} a month).`
            : priced(lmi) && !steady
            ? `The peak (${num(c.peakRate)}/s) is more than ${MANAGED_INSTANCES.burstFactor.value}× the average (${num(c.avgRate)}/s): Managed Instances would throttle while scaling and idle between bursts, so a classic function that scales per request fits (${usd(odCost)} a month).`
            : priced(lmi)
              ? `On demand costs ${usd(odCost)} a month; Managed Instances would cost ${usd(lmiCost)} (at least ${MANAGED_INSTANCES.defaultMinimumInstances.value} instances kept running), so the classic function stays.`
              : `On demand can run it (${usd(odCost)} a month) and no other shape is both able to and priced for ${s.region}.`;
      }
    } else {
      const candidates = evaluated.filter((e) => e.option.kind !== ON_DEMAND && priced(e)).sort((a, b) => (a.option.monthlyUsd as number) - (b.option.monthlyUsd as number));
      const best = candidates[0];
      if (best !== undefined) {
        recommended = best.option.kind;
        reason = `A classic function cannot run this work (${odEval.option.why.replace(/^Cannot run it: /, '')}); of the shapes that can, ${best.option.kind} is the cheapest at ${usd(best.option.monthlyUsd as number)} a month.`;
      } else {
        recommended = 'on-demand';
        reason = 'No shape the advisor prices can run this work as described; the design stays on demand and its errors say what to change.';
        const feasibleUnpriced = evaluated.filter((e) => e.option.feasible && e.option.monthlyUsd === null).map((e) => e.option.kind);
        warnings.push({
          id: 'compute-infeasible',
          severity: 'error',
          message:
            feasibleUnpriced.length > 0
              ? `On demand cannot run this work; ${feasibleUnpriced.join(', ')} could, but has no sourced price in ${s.region}: pin it (compute) to design for it.`
              : `No compute shape can run this work: ${odEval.option.why.replace(/^Cannot run it: /, '')}`,
          references: odEval.option.references,
        });
      }
    }
  }
  const chosen = byKind.get(recommended) as Evaluated | undefined;
  const options = [...(chosen ? [chosen.option] : []), ...evaluated.filter((e) => e.option.kind !== recommended).map((e) => e.option)];
  const decision: ComputeDecision = {
    recommended,
    pinned: pin !== null,
    options,
    managedInstances: recommended === 'managed-instances' ? (chosen?.lmi ?? null) : null,
    workflow: chosen?.workflow !== undefined && recommended !== 'on-demand' && recommended !== 'managed-instances' && recommended !== 'direct-integration' ? chosen.workflow : null,
  };
  const compared = evaluated
    .filter((e) => e.option.kind !== recommended)
    .map((e) => `${e.option.kind} ${e.option.feasible ? (e.option.monthlyUsd === null ? 'unpriced' : usd(e.option.monthlyUsd)) : 'cannot run it'}`)
    .join(', ');
  const chosenUsd = chosen?.option.monthlyUsd;
  const rationale: Rationale = {
    title: 'Compute',
    summary: `${recommended}${chosenUsd !== null && chosenUsd !== undefined ? `, ${usd(chosenUsd)} a month` : ''}${pin !== null ? ' (pinned)' : ''}`,
    why: `${reason} Compared: ${compared}.`,
    tradeOff: chosen?.option.tradeOff ?? '',
    references: chosen?.option.references ?? [],
    ...(recommended === 'on-demand' && odEval.option.feasible ? {} : { articleCorrection:
      'The 2019 article knew one shape ("Lambdas aren\'t designed to work on a single big task, so break it down"; "Step functions are expensive"). Since 2025 long work can run as durable functions (up to a year) or on Managed Instances (90 minutes for asynchronous work), and Step Functions Express is priced per request and duration.' }),
  };
  const costAt = (volumes: readonly number[]) => {
    const parts = billPartsByTraffic(s, od.config, volumes);
    const plainConfig: PricedConfig = { ...od.config, provisionedConcurrency: 0, provisionedHours: 0, snapStartCharged: false };
    const plain = billPartsByTraffic(s, plainConfig, volumes);
    return evaluated.map((e) => {
      if (e.price === null) return { kind: e.option.kind, feasible: e.option.feasible, usd: null };
      const out = new Float64Array(volumes.length);
      const source = ON_DEMAND_CONFIG.has(e.option.kind) ? parts : plain;
      for (let i = 0; i < volumes.length; i++) out[i] = e.price.usdAt(source[i] as BillParts, volumes[i] as number);
      return { kind: e.option.kind, feasible: e.option.feasible, usd: out };
    });
  };
  const picked = { ...(chosen?.bill ? { bill: chosen.bill() } : {}), ...(chosen?.invocationP99Ms !== undefined ? { invocationP99Ms: chosen.invocationP99Ms } : {}), ...(chosen?.timeoutCapSeconds !== undefined ? { timeoutCapSeconds: chosen.timeoutCapSeconds } : {}) };
  return { decision, rationale, warnings, chosen: recommended === 'on-demand' ? {} : picked, costAt };
}

/** Lambda line ids that a shape other than on-demand replaces (requests) or drops (duration, where it does not run on demand). */
const LAMBDA_REQUEST_LINE = 'lambda-requests';
const LAMBDA_DURATION_LINES: ReadonlySet<string> = new Set(['lambda-compute', 'lambda-init', 'snapstart-cache', 'snapstart-restore', 'provisioned-concurrency', 'provisioned-executed', 'ephemeral-storage']);

/** The on-demand bill's parts as `billPartsByTraffic` gives them, read from its lines (no second pricing). */
function partsOfBill(bill: Bill, invocations: number): BillParts {
  let lambdaRequestsUsd = 0;
  let lambdaDurationUsd = 0;
  for (const l of bill.lines) {
    if (l.id === LAMBDA_REQUEST_LINE) lambdaRequestsUsd += l.usd;
    else if (LAMBDA_DURATION_LINES.has(l.id)) lambdaDurationUsd += l.usd;
  }
  return { lambdaRequestsUsd, lambdaDurationUsd, sharedUsd: Math.max(0, bill.total - lambdaRequestsUsd - lambdaDurationUsd), invocations };
}

/** The design's bill for a shape other than on-demand: the same lines as `priceDesign`, the shape's in place of Lambda's. */
export function shapeBill(s: Scenario, sb: ShapeBill): Bill {
  const b = priceDesign(s, sb.config);
  const unpriced = [...b.unpriced];
  const lines: CostLine[] = [];
  for (const l of b.lines) {
    if (l.id === LAMBDA_REQUEST_LINE) {
      if (sb.requests === null) continue;
      const r = sb.requests;
      const free = r.freeTier ? PRICING_UNITS.freeTierRequests.value : 0;
      const usdAmount = (Math.max(0, r.invocations - free) / 1e6) * r.perMillion;
      lines.push({
        ...l,
        usd: l.detail.startsWith('not priced') ? 0 : usdAmount,
        detail: l.detail.startsWith('not priced') ? l.detail : `${num(r.invocations)} invocations (${r.detail})${free > 0 ? ` less ${num(free)} free` : ''} × ${usdPrice(r.perMillion)}/M`,
        references: references(r.source),
      });
      continue;
    }
    if (!sb.keepLambdaDuration && LAMBDA_DURATION_LINES.has(l.id)) {
      const i = unpriced.indexOf(l.item);
      if (i >= 0) unpriced.splice(i, 1);
      continue;
    }
    lines.push(l);
  }
  for (const x of sb.extra) {
    if (x.usd === null) {
      unpriced.push(x.item);
      lines.push({ id: x.id, item: x.item, usd: 0, detail: `not priced for ${s.region}: no sourced price`, references: references(...x.sources) });
    } else {
      lines.push({ id: x.id, item: x.item, usd: x.usd, detail: x.detail, references: references(...x.sources) });
    }
  }
  const assumptions = unpriced.length > b.unpriced.length && !b.assumptions.some((a) => a.startsWith('Not priced'))
    ? [`Not priced for ${s.region}, for lack of a sourced price: ${unpriced.join('; ')}. The total is a lower bound.`, ...b.assumptions]
    : b.assumptions;
  return { ...b, lines, unpriced, assumptions, total: lines.reduce((sum, l) => sum + l.usd, 0) };
}

/** The option a design's compute decision recommends. */
export function recommendedOption(d: ComputeDecision): ComputeOption | undefined {
  return d.options.find((o) => o.kind === d.recommended);
}

