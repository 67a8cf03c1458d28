/**
 * The priced configuration of a recommended design: what the cost model needs from a design and its
 * scenario. One definition for the charts, the bench and anyone who re-prices a design.
 */
import { PRICING_UNITS, runtimeInfo } from '../facts/index.ts';
import type { Design, PricedConfig, ProvisionedPollersPlan } from '../design.ts';
import { batchMsAt, type WorkMeasure } from '../model/performance.ts';
import { workModel } from '../model/measured.ts';
import type { Scenario } from '../scenario.ts';

/** The scenario's average duration, as measured (with the measured curve when work.measurements has several sizes). */
export function averageWork(s: Scenario): WorkMeasure {
  return workModel(s).avg;
}

/** The scenario's p99 duration, as measured (likewise). */
export function p99Work(s: Scenario): WorkMeasure {
  return workModel(s).p99;
}

/** Records per invocation of a design (a batch for pollers, 1 for push sources). */
export function recordsPerInvocation(d: Design): number {
  return d.batching ? d.batching.expectedRecordsPerBatch : 1;
}

/** Duration of one invocation of the design at a memory setting (records one after another, or concurrently where the design says so), ms. */
export function invocationMsAt(s: Scenario, d: Design): (memoryMb: number) => number {
  const work = averageWork(s);
  const records = recordsPerInvocation(d);
  const concurrent = d.batching?.recordsInParallel === true;
  return (memoryMb) => batchMsAt(work, memoryMb, records, concurrent);
}

/** The knobs of the recommended design, as the cost model prices them. */
export function pricedConfigOf(s: Scenario, d: Design): PricedConfig {
  const provisioned = d.concurrency.provisioned ?? 0;
  return {
    memoryMb: d.memoryMb,
    architecture: d.architecture,
    ephemeralStorageMb: d.ephemeralStorageMb,
    recordsPerInvocation: recordsPerInvocation(d),
    provisionedConcurrency: provisioned,
    provisionedHours: provisioned > 0 ? PRICING_UNITS.hoursPerMonth.value : 0,
    vpc: d.vpc.attach ? d.vpc : null,
    averageInvocationMs: invocationMsAt(s, d)(d.memoryMb),
    initMs: d.coldStart.expectedInitMs,
    snapStartCharged: snapStartCharged(s, d.coldStart.strategy),
    rollbackAlarms: d.deployment.alarms.length,
    ...(d.concurrency.provisionedPollers ? { eventPollerHours: eventPollerHoursOf(d.concurrency.provisionedPollers) } : {}),
  };
}

/** Event poller unit hours a month the bill prices for provisioned mode: MinimumPollers all month (one poller = one EPU). */
export function eventPollerHoursOf(p: ProvisionedPollersPlan): number {
  return p.minimumPollers * PRICING_UNITS.hoursPerMonth.value;
}

/** Whether SnapStart is charged for (Python and .NET snapshots are; Java's are free). */
export function snapStartCharged(s: Scenario, strategy: Design['coldStart']['strategy']): boolean {
  const family = runtimeInfo(s.runtime)?.family;
  return strategy === 'snapstart' && (family === 'python' || family === 'dotnet');
}
