/**
 * Text rendering of a design and a bill for a terminal. Plain text (no colours), wrapped at a fixed
 * width so that it reads the same in a pipe, a CI log and a terminal.
 */
import type { Bill, DecisionId, Design, Rationale, Warning } from '../engine/design.ts';
import { billJson as billObject, jsonText } from '../engine/contracts.ts';
import { count, usd, usdAmount } from '../engine/format.ts';

const WIDTH = 100;

/** Word-wrap `text` to WIDTH, every line starting with `indent` (the first with `first`, if given). */
export function wrap(text: string, indent: string, first = indent): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = out.length === 0 ? first : indent;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (!empty && line.length + 1 + word.length > WIDTH) {
        out.push(line);
        line = indent + word;
      } else {
        line += (empty ? '' : ' ') + word;
      }
      empty = false;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** A count a person reads: `1,000,000`; fractions keep two digits (the engine's one formatter). */
export const formatCount = (n: number): string => count(n, 2);

/**
 * Dollars for a table whose column says USD: the figure of `usd()` without the symbol, so a line reads
 * the same here as in the hover and the wizard (`1,234.57`, `0.0042`, `< 0.0001`).
 */
export const formatUsd = usdAmount;

/** The bill as an aligned table with a total line, then its assumptions. */
export function formatBill(bill: Bill, heading = 'Monthly cost'): string {
  const rows = bill.lines.map((l) => ({ item: l.item, usd: formatUsd(l.usd), detail: l.detail }));
  const total = formatUsd(bill.total);
  const itemWidth = Math.max('Item'.length, 'Total'.length, ...rows.map((r) => r.item.length));
  const usdWidth = Math.max('USD'.length, total.length, ...rows.map((r) => r.usd.length));
  const line = (item: string, usd: string, detail: string) => `  ${item.padEnd(itemWidth)}  ${usd.padStart(usdWidth)}  ${detail}`.trimEnd();
  const out: string[] = [];
  const freeTier = bill.freeTierApplied ? 'free tier applied' : 'free tier not applied';
  out.push(`${heading} (${bill.currency}, ${bill.region}, prices as of ${bill.pricesAsOf}, ${freeTier})`);
  out.push(line('Item', 'USD', 'How'));
  out.push(`  ${'-'.repeat(itemWidth)}  ${'-'.repeat(usdWidth)}`);
  for (const r of rows) out.push(line(r.item, r.usd, r.detail));
  out.push(`  ${'-'.repeat(itemWidth)}  ${'-'.repeat(usdWidth)}`);
  out.push(line('Total', total, ''));
  if (bill.assumptions.length > 0) {
    out.push('');
    out.push('  Assumptions:');
    for (const a of bill.assumptions) out.push(wrap(a, '      ', '    - '));
  }
  return out.join('\n');
}

/** The bill as the JSON contract of `cost --json`: currency, region, pricesAsOf, total, lines first. */
export function billJson(bill: Bill): string {
  return jsonText(billObject(bill));
}

const DECISIONS: ReadonlyArray<readonly [DecisionId, string]> = [
  ['invocation', 'Invocation'],
  ['memory', 'Memory and architecture'],
  ['timeout', 'Timeout'],
  ['batching', 'Batching'],
  ['concurrency', 'Concurrency'],
  ['failures', 'Failure handling'],
  ['vpc', 'VPC'],
  ['coldStart', 'Cold starts'],
  ['deployment', 'Deployment'],
];

const onOff = (b: boolean) => (b ? 'on' : 'off');
const orNone = (n: number | null, unit = '') => (n === null ? 'none' : `${formatCount(n)}${unit}`);

/** The settings a decision sets, read from the design itself (so the text and the JSON cannot disagree). */
function settings(d: Design, id: DecisionId): string[] {
  switch (id) {
    case 'compute':
      return computeLines(d);
    case 'invocation':
      return [
        `model: ${d.invocation.model}${d.invocation.pollerKind ? ` (${d.invocation.pollerKind} poller)` : ''}`,
        `type: ${d.invocation.type}`,
      ];
    case 'memory': {
      const lines = [
        `memory: ${formatCount(d.memoryMb)} MB on ${d.architecture}`,
        `estimated p99 latency: ${formatCount(Math.round(d.estimatedP99Ms))} ms`,
      ];
      if (d.ephemeralStorageMb !== 512) lines.push(`ephemeral storage (/tmp): ${formatCount(d.ephemeralStorageMb)} MB`);
      const others = d.memoryOptions.filter((o) => !(o.memoryMb === d.memoryMb && o.architecture === d.architecture));
      if (others.length > 0) {
        lines.push('runner-up choices:');
        for (const o of others) {
          lines.push(
            `  ${formatCount(o.memoryMb)} MB ${o.architecture}: ${usd(o.monthlyUsd)}/month, p99 ${formatCount(Math.round(o.p99Ms))} ms${o.meetsLatency ? '' : ' (misses the latency target)'}`,
          );
        }
      }
      return lines;
    }
    case 'timeout':
      return [`timeout: ${formatCount(d.timeoutSeconds)} s`];
    case 'batching':
      if (d.batching === null) return ['none (push source: one event per invocation)'];
      return [
        `batch size: ${formatCount(d.batching.batchSize)}`,
        `maximum batching window: ${formatCount(d.batching.maximumBatchingWindowSeconds)} s`,
        `ReportBatchItemFailures: ${onOff(d.batching.reportBatchItemFailures)}`,
        `expected records per batch: ${formatCount(d.batching.expectedRecordsPerBatch)}`,
      ];
    case 'concurrency': {
      const c = d.concurrency;
      const lines = [`needed at peak: ${formatCount(c.neededAtPeak)}`, `reserved: ${orNone(c.reserved)}`, `provisioned: ${orNone(c.provisioned)}`];
      if (c.maximumConcurrency !== null) lines.push(`SQS MaximumConcurrency: ${formatCount(c.maximumConcurrency)}`);
      if (c.parallelizationFactor !== null) lines.push(`ParallelizationFactor: ${formatCount(c.parallelizationFactor)}`);
      return lines;
    }
    case 'failures': {
      const e = d.errorHandling;
      const lines: string[] = [];
      if (e.retryAttempts !== null) lines.push(`retry attempts: ${formatCount(e.retryAttempts)}`);
      if (e.maximumEventAgeSeconds !== null) lines.push(`maximum event age: ${formatCount(e.maximumEventAgeSeconds)} s`);
      if (e.maximumRecordAgeSeconds !== null) lines.push(`maximum record age: ${formatCount(e.maximumRecordAgeSeconds)} s`);
      if (e.bisectBatchOnFunctionError !== null) lines.push(`BisectBatchOnFunctionError: ${onOff(e.bisectBatchOnFunctionError)}`);
      lines.push(`on-failure destination: ${e.onFailureDestination ?? 'none'}`);
      if (e.queue !== null) {
        lines.push(
          `queue: visibility timeout ${formatCount(e.queue.visibilityTimeoutSeconds)} s, maxReceiveCount ${formatCount(e.queue.maxReceiveCount)}, dead-letter queue ${e.queue.deadLetterQueue ? 'yes' : 'no'}`,
        );
      }
      lines.push(`idempotency: ${e.idempotency}`);
      return lines;
    }
    case 'vpc': {
      const v = d.vpc;
      if (!v.attach) return ['not attached to a VPC'];
      const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');
      return [
        `private subnets: ${formatCount(v.subnets)} (one per AZ)`,
        `NAT gateways: ${formatCount(v.natGateways)}`,
        `gateway endpoints: ${list(v.gatewayEndpoints)}`,
        `interface endpoints: ${list(v.interfaceEndpoints)}`,
        ...(v.ipv6Egress ? ['IPv6 egress: yes'] : []),
        `network cost: ${usd(v.monthlyUsd)}/month`,
      ];
    }
    case 'coldStart':
      return [`strategy: ${d.coldStart.strategy}`, `expected INIT duration: ${formatCount(Math.round(d.coldStart.expectedInitMs))} ms`];
    case 'deployment':
      return [
        `strategy: ${d.deployment.strategy}${d.deployment.type ? ` (${d.deployment.type})` : ''}`,
        `alias: ${d.deployment.aliasName}`,
        ...d.deployment.alarms.map((a) => `rollback alarm: ${a.description}`),
      ];
  }
}

/** The compute decision: every shape with its monthly cost (or why it cannot run the work), then the chosen shape's plan. */
function computeLines(d: Design): string[] {
  const k = d.compute;
  const lines = k.options.map((o) => {
    const cost = !o.feasible ? 'cannot run this workload' : o.monthlyUsd === null ? 'not priced here (no sourced price)' : `${usd(o.monthlyUsd)}/month`;
    return `${o.kind === k.recommended ? '*' : ' '} ${o.kind}: ${cost}`;
  });
  const m = k.managedInstances;
  if (m !== null) {
    lines.push(
      `instances: ${formatCount(m.instancesAtAverage)} × ${m.instanceType} at the average load, ${formatCount(m.instancesAtPeak)} at the peak (MaxVCpuCount ${formatCount(m.maxVCpuCount)})`,
      `environment: ${formatCount(m.environmentMemoryMb)} MB, ${formatCount(m.memoryGiBPerVCpu)} GiB per vCPU, up to ${formatCount(m.perEnvironmentMaxConcurrency)} requests at once`,
    );
  }
  const w = k.workflow;
  if (w !== null) {
    lines.push(`steps: ${formatCount(w.steps)}, execution timeout: ${formatCount(w.executionTimeoutSeconds)} s${w.retentionDays !== null ? `, history kept ${formatCount(w.retentionDays)} days` : ''}`);
  }
  return lines;
}

function references(refs: Rationale['references'], indent: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of refs) {
    if (seen.has(r.url)) continue;
    seen.add(r.url);
    const graded = r.verification === 'secondary' ? ' [secondary source]' : '';
    out.push(`${indent}- ${r.title}${graded}`);
    out.push(`${indent}  ${r.url}`);
  }
  return out;
}

function formatWarning(w: Warning): string[] {
  const label = w.severity === 'error' ? 'ERROR' : w.severity === 'warning' ? 'WARNING' : 'NOTE';
  return [wrap(w.message, '    ', `  ${label}: `), ...references(w.references, '    ')];
}

/**
 * The compute decision, before everything else: the shape every setting below is for, each shape's
 * monthly cost side by side (* marks the one chosen), the reason and the trade-off.
 */
export function formatCompute(d: Design): string[] {
  const r = d.rationale.compute;
  const out = [`Compute: ${r.summary}`];
  for (const l of computeLines(d)) out.push(`  ${l}`);
  out.push(wrap(r.why, '    ', '  Reason: '));
  if (r.tradeOff) out.push(wrap(r.tradeOff, '    ', '  Gives up: '));
  if (r.articleCorrection) out.push(wrap(r.articleCorrection, '    ', '  Superseded 2019 advice: '));
  return out;
}

/** The whole design as text: the compute shape, warnings, then each decision, then the monthly bill. */
export function formatDesign(d: Design): string {
  const out: string[] = [];
  out.push(`Design for ${d.name} (${d.source}, ${d.runtimeIdentifier === d.runtime ? d.runtime : `${d.runtime} = ${d.runtimeIdentifier}`}, ${d.region}, optimised for ${d.optimizeFor})`);
  out.push('');
  out.push(...formatCompute(d));
  out.push('');
  if (d.warnings.length > 0) {
    out.push(`Warnings (${d.warnings.length})`);
    for (const w of d.warnings) out.push(...formatWarning(w));
  } else {
    out.push('Warnings: none');
  }
  out.push('');
  let n = 0;
  for (const [id, title] of DECISIONS) {
    const r = d.rationale[id];
    n++;
    out.push(wrap(`${title}: ${r.summary}`, '     ', `${String(n).padStart(3)}. `));
    for (const s of settings(d, id)) out.push(`     ${s}`);
    out.push(wrap(r.why, '       ', '     Why: '));
    out.push(wrap(r.tradeOff, '       ', '     Trade-off: '));
    if (r.articleCorrection) out.push(wrap(r.articleCorrection, '       ', '     Superseded 2019 advice: '));
    if (r.references.length > 0) {
      out.push('     Sources:');
      out.push(...references(r.references, '       '));
    }
    out.push('');
  }
  out.push(formatBill(d.cost, 'Monthly cost of this design'));
  return out.join('\n');
}
