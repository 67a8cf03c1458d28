/**
 * A template's whole bill: each function's monthly cost (the cost lens's own, so the terminal, CI and
 * the CodeLens give the same figure) and the total over one or several templates. The JSON contract
 * of `lambda-advisor cost <template>… --json`:
 *   { "functions": [ { "resource", "total", "assumed", "lines" } ], "total", "currency", "region", "unpriced" }
 * `assumed` is true where the workload is the lens's assumed one (no valid Metadata.LambdaAdvisor).
 */
import type { CostLine } from '../design.ts';
import type { TemplateSession } from './session.ts';

export interface TemplateBillFunction {
  /** The function's logical id; `template:LogicalId` when several templates are priced together. */
  readonly resource: string;
  readonly total: number;
  readonly assumed: boolean;
  readonly lines: readonly CostLine[];
}

export interface TemplateBill {
  readonly functions: readonly TemplateBillFunction[];
  readonly total: number;
  readonly currency: 'USD';
  /** The Region of the prices (several, comma-separated, when functions are priced in different Regions). */
  readonly region: string;
  /** What could not be priced (`Resource: what`): a function whose cost was not estimated, a line without a sourced price. The total is then a lower bound. */
  readonly unpriced: readonly string[];
}

/** The bill of the functions of each session (its options carry the assumed workload). */
export function templateBill(sessions: readonly TemplateSession[], defaultRegion: string): TemplateBill {
  return templateBillWithWorkloads(sessions, defaultRegion).bill;
}

/** The bill, and for the text and markdown faces the workload each function was priced for (the lens's words). */
export function templateBillWithWorkloads(
  sessions: readonly TemplateSession[],
  defaultRegion: string,
): { readonly bill: TemplateBill; readonly workloads: ReadonlyMap<string, string> } {
  const workloads = new Map<string, string>();
  const several = sessions.length > 1;
  const functions: TemplateBillFunction[] = [];
  const unpriced: string[] = [];
  const regions = new Set<string>();
  for (const session of sessions) {
    const lenses = session.lenses();
    for (const fn of session.functions()) {
      const lens = lenses.get(fn.id);
      const resource = several ? `${session.name}:${fn.id}` : fn.id;
      workloads.set(resource, workloadOf(lens?.title ?? ''));
      if (lens === undefined || lens.bill === undefined || lens.totalUsd === undefined) {
        unpriced.push(`${resource}: ${lens?.title ?? 'cost not estimated'}`);
        functions.push({ resource, total: 0, assumed: lens?.basis !== 'scenario', lines: [] });
        continue;
      }
      regions.add(lens.bill.region);
      for (const item of lens.bill.unpriced) unpriced.push(`${resource}: ${item}`);
      functions.push({ resource, total: lens.totalUsd, assumed: lens.basis === 'defaults', lines: lens.bill.lines });
    }
  }
  const bill: TemplateBill = {
    functions,
    total: functions.reduce((sum, f) => sum + f.total, 0),
    currency: 'USD',
    region: regions.size === 0 ? defaultRegion : [...regions].sort().join(', '),
    unpriced,
  };
  return { bill, workloads };
}

/** "≈ $1.23/month (assumed workload: 1M requests/month × 100 ms)" → "assumed workload: 1M requests/month × 100 ms". */
function workloadOf(title: string): string {
  const open = title.indexOf('(');
  return open >= 0 && title.endsWith(')') ? title.slice(open + 1, -1) : title;
}
