/**
 * `lambda-advisor cost <template>… [--assumed-requests N] [--assumed-duration-ms D] [--region R]
 * [--format text|markdown|json]`: every function's monthly cost and the total, from the templates'
 * cost lenses (the same figures as the CodeLens). Markdown is for a pull-request comment.
 */
import { jsonText } from '../engine/contracts.ts';
import { DEFAULT_REGION, supportedRegions } from '../engine/facts/index.ts';
import { usd } from '../engine/format.ts';
import { templateBillWithWorkloads, type TemplateBill } from '../engine/templates/bill.ts';
import { LENS_DEFAULTS, type LensDefaults } from '../engine/templates/lens.ts';
import { TemplateSession } from '../engine/templates/session.ts';
import { parseNumber } from './args.ts';
import { UsageError } from './io.ts';

export interface TemplateFile {
  readonly path: string;
  readonly text: string;
}

export type CostFormat = 'text' | 'markdown' | 'json';

/** The assumed workload from the flags (the lens's defaults where a flag is absent). */
export function assumedFrom(values: Record<string, string | boolean | undefined>): LensDefaults {
  const problems: string[] = [];
  const positive = (flag: string, fallback: number): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const n = parseNumber(String(raw));
    if (typeof n === 'string') {
      problems.push(`--${flag}: ${n}`);
      return fallback;
    }
    if (!(n > 0)) problems.push(`--${flag}: must be > 0 (got ${String(raw)})`);
    return n;
  };
  const requestsPerMonth = positive('assumed-requests', LENS_DEFAULTS.requestsPerMonth);
  const durationMs = positive('assumed-duration-ms', LENS_DEFAULTS.durationMs);
  const region = typeof values['region'] === 'string' ? values['region'] : DEFAULT_REGION;
  if (!supportedRegions().includes(region)) problems.push(`--region: no prices for '${region}'; priced Regions: ${supportedRegions().join(', ')}`);
  if (problems.length > 0) throw new UsageError(`invalid options for 'cost' (see: lambda-advisor cost --help):`, problems);
  return { requestsPerMonth, durationMs, region };
}

export function priceTemplates(files: readonly TemplateFile[], assumed: LensDefaults): ReturnType<typeof templateBillWithWorkloads> {
  const sessions = files.map((f) => TemplateSession.open({ uri: f.path, name: f.path, version: 0, text: f.text }, { assumed }));
  return templateBillWithWorkloads(sessions, assumed.region);
}

function names(files: readonly TemplateFile[]): string {
  return files.map((f) => f.path).join(', ');
}

export function formatTemplateBill(files: readonly TemplateFile[], priced: ReturnType<typeof templateBillWithWorkloads>, format: CostFormat): string {
  const { bill, workloads } = priced;
  if (format === 'json') return jsonText(bill satisfies TemplateBill);
  const assumedCount = bill.functions.filter((f) => f.assumed).length;
  if (format === 'markdown') {
    const out = [
      `### Lambda cost estimate: ≈ ${usd(bill.total)}/month`,
      '',
      `${names(files)} · ${bill.region} · ${bill.functions.length} function${bill.functions.length === 1 ? '' : 's'}`,
      '',
      '| Function | Monthly cost | Workload |',
      '| --- | ---: | --- |',
      ...bill.functions.map((f) => `| \`${f.resource}\` | ${usd(f.total)}${f.assumed ? ' *' : ''} | ${escapeCell(workloads.get(f.resource) ?? '')} |`),
      `| **Total** | **${usd(bill.total)}** | |`,
    ];
    if (assumedCount > 0) {
      out.push('', `\\* assumed workload (no \`Metadata.LambdaAdvisor\` scenario on the function): requests and compute only. Attach a scenario for a real estimate.`);
    }
    if (bill.unpriced.length > 0) out.push('', `Not priced (the total is a lower bound): ${bill.unpriced.map(escapeCell).join('; ')}.`);
    out.push('', '<sub>Lambda Design Advisor · `lambda-advisor cost`</sub>');
    return out.join('\n');
  }
  const width = Math.max(8, ...bill.functions.map((f) => f.resource.length));
  const amounts = bill.functions.map((f) => usd(f.total));
  const amountWidth = Math.max(usd(bill.total).length, ...amounts.map((a) => a.length));
  const out = [`Monthly cost of ${names(files)} (${bill.region}, USD)`, ''];
  bill.functions.forEach((f, i) => out.push(`  ${f.resource.padEnd(width)}  ${(amounts[i] ?? '').padStart(amountWidth)}  ${workloads.get(f.resource) ?? ''}`));
  out.push(`  ${'Total'.padEnd(width)}  ${usd(bill.total).padStart(amountWidth)}`);
  if (assumedCount > 0) {
    out.push(
      '',
      `${assumedCount} of ${bill.functions.length} function${bill.functions.length === 1 ? '' : 's'} priced for an ASSUMED workload (requests and compute only); attach a scenario in Metadata.LambdaAdvisor, or change the assumption with --assumed-requests and --assumed-duration-ms.`,
    );
  }
  if (bill.unpriced.length > 0) out.push('', `Not priced (the total is a lower bound): ${bill.unpriced.join('; ')}`);
  return out.join('\n');
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
