/**
 * The settings designed for the chosen compute shape (issue 11): the on-demand decisions are made
 * first (they price every shape), then, when another shape is chosen, what differs there is decided
 * again here:
 *   managed-instances   one execution environment's memory and vCPUs instead of a per-invocation memory,
 *                       the timeout up to 5,400 s for asynchronous and event-source invocations, the VPC it
 *                       needs, no provisioned concurrency, no SnapStart, no cold starts once up;
 *   durable / Step Fns  the timeout of one step's invocation (the execution's own timeout is in
 *                       design.compute.workflow), no provisioned concurrency (cold starts of a step are
 *                       tolerated), the bill with the workflow's own lines;
 *   direct-integration  the bill without the function.
 */
import { LIMITS, MANAGED_INSTANCES, references } from '../facts/index.ts';
import type { Bill, Design, Rationale, Warning } from '../design.ts';
import type { Context } from './context.ts';
import { shapeBill, type ComputeResult } from './compute.ts';
import { decideTimeout, type TimeoutDecision } from './timeout.ts';
import { decideFailures, type FailuresDecision } from './failures.ts';
import { decideDeployment, type DeploymentDecision } from './deployment.ts';
import type { VpcDecision } from './vpc.ts';
import { memorySummary, type MemoryDecision } from './memory.ts';
import { mb, ms, num, round } from './format.ts';

export interface DesignedSettings {
  readonly memoryMb: number;
  readonly architecture: Design['architecture'];
  readonly memoryOptions: Design['memoryOptions'] | null;
  readonly estimatedP99Ms: number;
  readonly timeout: TimeoutDecision;
  readonly failures: FailuresDecision;
  readonly deployment: DeploymentDecision;
  readonly concurrency: Design['concurrency'];
  readonly vpc: VpcDecision;
  readonly coldStart: Design['coldStart'];
  readonly coldStartRationale: Rationale;
  readonly cost: Bill;
  readonly memoryRationale: Rationale | null;
  readonly warnings: readonly Warning[];
}

export interface OnDemandSettings extends Omit<DesignedSettings, 'memoryOptions' | 'memoryRationale' | 'warnings'> {
  readonly memory: MemoryDecision;
  readonly batchSize: number;
  readonly windowSeconds: number;
  /** The model's own assumptions added to the bill (duration model, batching), kept for any shape. */
  readonly modelAssumptions: readonly string[];
  /** The VPC decision for the same scenario with privateResources (Managed Instances run in a VPC). */
  readonly vpcIfAttached: () => VpcDecision;
}

/** The settings for `compute.decision.recommended`; the on-demand ones when it is on-demand. */
export function settingsForShape(c: Context, compute: ComputeResult, od: OnDemandSettings): DesignedSettings {
  const shape = compute.decision.recommended;
  const chosen = compute.chosen;
  const same: DesignedSettings = { ...od, memoryOptions: null, memoryRationale: null, warnings: [] };
  if (shape === 'on-demand' || chosen.bill === undefined) return same;
  const billed = shapeBill(c.s, chosen.bill);
  const cost: Bill = { ...billed, assumptions: [...billed.assumptions, ...od.modelAssumptions] };
  const window = od.memory.latencyP99Ms - od.memory.invocationP99Ms;

  // The timeout of one invocation on this shape (one step of a workflow), within what the shape allows.
  let timeout = od.timeout;
  let failures = od.failures;
  if (chosen.invocationP99Ms !== undefined) {
    timeout = decideTimeout({ ...c, timeoutCapSeconds: chosen.timeoutCapSeconds ?? c.timeoutCapSeconds }, chosen.invocationP99Ms);
    failures = decideFailures(c, timeout.timeoutSeconds, od.batchSize, od.windowSeconds);
  }

  if (shape === 'managed-instances') {
    const m = compute.decision.managedInstances;
    if (m === null) return same;
    const p99 = (chosen.invocationP99Ms ?? od.memory.invocationP99Ms) + Math.max(0, window);
    const lmiTimeout: TimeoutDecision =
      timeout.timeoutSeconds > LIMITS.timeoutMaxSeconds.value
        ? {
            ...timeout,
            rationale: {
              ...timeout.rationale,
              why: `${timeout.rationale.why} On Managed Instances an asynchronous or event-source invocation may run up to ${num(MANAGED_INSTANCES.asyncTimeoutMaxSeconds.value)} s (not Amazon MQ or DocumentDB sources).`,
              references: [...timeout.rationale.references, ...references(MANAGED_INSTANCES.asyncTimeoutMaxSeconds.source)],
            },
          }
        : timeout;
    const vpc = od.vpc.value.attach ? od.vpc : od.vpcIfAttached();
    const vpcDecision: VpcDecision = od.vpc.value.attach
      ? vpc
      : {
          value: vpc.value,
          rationale: {
            ...vpc.rationale,
            why: `Managed Instances run on EC2 instances in subnets of your VPC, so the function is in a VPC whatever it reaches. ${vpc.rationale.why}`,
            references: [...vpc.rationale.references, ...references('lmiCapacityProviders')],
          },
        };
    const vcpus = m.environmentMemoryMb / 1_024 / m.memoryGiBPerVCpu;
    return {
      memoryMb: m.environmentMemoryMb,
      architecture: 'arm64',
      memoryOptions: [],
      estimatedP99Ms: round(p99, 1),
      timeout: lmiTimeout,
      failures,
      deployment: decideDeployment(c, { timeoutSeconds: lmiTimeout.timeoutSeconds, estimatedP99Ms: p99 }),
      concurrency: { ...od.concurrency, provisioned: null },
      vpc: vpcDecision,
      coldStart: { strategy: 'none-needed', expectedInitMs: od.coldStart.expectedInitMs },
      coldStartRationale: {
        title: 'Cold starts',
        summary: 'None once the instances are up (Managed Instances)',
        why: `Execution environments are started with the function version and kept running on the instances (${num(m.instancesAtAverage)} at the average load), so requests do not wait for INIT; new environments start while capacity is added, ahead of the traffic, not on a request. Provisioned concurrency and SnapStart do not apply there.`,
        tradeOff: `Scaling is asynchronous: traffic that more than doubles within ${MANAGED_INSTANCES.scalingWindowMinutes.value} minutes can be throttled while instances are added.`,
        references: references(MANAGED_INSTANCES.burstFactor.source),
      },
      cost,
      memoryRationale: {
        title: 'Memory and architecture',
        summary: memorySummary(m.environmentMemoryMb, 'arm64', cost.total),
        why:
          `On Managed Instances the function gets execution environments, not a per-invocation memory: ${mb(m.environmentMemoryMb)} and ${num(vcpus)} vCPU each ` +
          `(ExecutionEnvironmentMemoryGiBPerVCpu ${num(m.memoryGiBPerVCpu)}, the ${m.instanceType.split('.')[0]} family's ratio), each serving up to ${num(m.perEnvironmentMaxConcurrency)} requests at once ` +
          `(PerExecutionEnvironmentMaxConcurrency), on Graviton (arm64) ${m.instanceType} instances, the cheapest type with a sourced price for this load.`,
        tradeOff: 'More requests per environment use the instances better but share their CPU and memory: the code must be safe to run concurrently (no global mutable state, pooled connections), and a slow request slows its neighbours.',
        references: references(MANAGED_INSTANCES.minEnvironmentMemoryMb.source, 'lmiConfig', MANAGED_INSTANCES.instanceTypes.source),
      },
      warnings: [
        ...timeout.warnings,
        ...failures.warnings,
        {
          id: 'account-concurrency',
          severity: 'info',
          message: `Managed Instances run on EC2 capacity in your account, outside Lambda's concurrency quota: up to ${num(m.maxVCpuCount)} vCPUs (${num(m.instancesAtPeak)} × ${m.instanceType}) at the peak must fit the account's EC2 on-demand vCPU quota in ${c.s.region}; check it in Service Quotas before launch.`,
          references: references('lmiQuotas', 'lmiCapacityProviders'),
        },
      ],
    };
  }

  // Workflows and direct integration: the function (where there is one) runs on demand, one step per invocation.
  const p99 = (chosen.invocationP99Ms ?? od.memory.invocationP99Ms) + Math.max(0, window);
  const strategy = od.coldStart.strategy === 'provisioned-concurrency' || (od.coldStart.strategy === 'snapstart' && c.runtime.family !== 'java') ? 'tolerate' : od.coldStart.strategy;
  const changed = strategy !== od.coldStart.strategy;
  return {
    ...od,
    memoryOptions: null,
    estimatedP99Ms: round(p99, 1),
    timeout,
    failures,
    deployment: decideDeployment(c, { timeoutSeconds: timeout.timeoutSeconds, estimatedP99Ms: p99 }),
    concurrency: { ...od.concurrency, provisioned: null },
    coldStart: { strategy, expectedInitMs: od.coldStart.expectedInitMs },
    coldStartRationale: changed
      ? {
          title: 'Cold starts',
          summary: 'Tolerated: a step of a workflow',
          why: `Each step is an invocation of the function inside a longer workflow (${shape}); a cold start adds about ${ms(od.coldStart.expectedInitMs)} to a step, not to a caller's wait, so the design keeps no provisioned concurrency or charged SnapStart for it.`,
          tradeOff: 'A workflow with a tight end-to-end latency target may still want warm environments; pin on-demand (compute) to design them.',
          references: od.coldStartRationale.references,
        }
      : od.coldStartRationale,
    cost,
    memoryRationale: { ...od.memory.rationale, summary: memorySummary(od.memory.memoryMb, od.memory.architecture, cost.total) },
    warnings: [...timeout.warnings, ...failures.warnings],
  };
}
