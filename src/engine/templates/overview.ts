/**
 * A template at a glance, as plain data built from its TemplateSession: its functions with their
 * monthly cost (the CodeLens's figure, "assumed" when the workload is) and the findings of each. The
 * VS Code workspace view and status bar (src/extension/workspace) show it; the wording of the cost
 * ("≈ $X/mo · N findings") is here once.
 */
import { usd } from '../format.ts';
import type { Finding } from './types.ts';
import { TemplateSession } from './session.ts';
import type { LensDefaults } from './lens.ts';

export interface FindingNode {
  readonly kind: 'finding';
  readonly uri: string;
  readonly finding: Finding;
}

export interface FunctionNode {
  readonly kind: 'function';
  readonly uri: string;
  readonly id: string;
  readonly offset: number;
  readonly totalUsd: number | undefined;
  readonly assumed: boolean;
  readonly costTitle: string;
  readonly costTooltip: string;
  readonly findings: readonly FindingNode[];
}

export interface TemplateNode {
  readonly kind: 'template';
  readonly uri: string;
  /** Workspace-relative path. */
  readonly name: string;
  readonly totalUsd: number;
  /** Some function's cost is assumed, or could not be estimated. */
  readonly assumed: boolean;
  readonly findingCount: number;
  readonly functions: readonly FunctionNode[];
  /** Findings on resources that are not functions (a queue, a role…). */
  readonly otherFindings: readonly FindingNode[];
}

export type Node = TemplateNode | FunctionNode | FindingNode;

/** The node of one template, or undefined when the text is not a template with a function. */
export function templateNode(session: TemplateSession): TemplateNode | undefined {
  if (!session.isTemplate) return undefined;
  const fns = session.functions();
  if (fns.length === 0) return undefined;
  const lenses = session.lenses();
  const findings = session.lint().findings.map((finding): FindingNode => ({ kind: 'finding', uri: session.uri, finding }));
  const ids = new Set(fns.map((f) => f.id));
  const functions = fns.map((f): FunctionNode => {
    const lens = lenses.get(f.id);
    return {
      kind: 'function',
      uri: session.uri,
      id: f.id,
      offset: f.anchorOffset,
      totalUsd: lens?.totalUsd,
      assumed: lens?.basis !== 'scenario',
      costTitle: lens?.title ?? 'Cost not estimated',
      costTooltip: lens?.tooltip ?? '',
      findings: findings.filter((x) => x.finding.resource === f.id),
    };
  });
  return {
    kind: 'template',
    uri: session.uri,
    name: session.name,
    totalUsd: functions.reduce((s, f) => s + (f.totalUsd ?? 0), 0),
    assumed: functions.some((f) => f.assumed || f.totalUsd === undefined),
    findingCount: findings.length,
    functions,
    otherFindings: findings.filter((x) => !ids.has(x.finding.resource)),
  };
}

/** A session for a file read from disk (not open in an editor). */
export function sessionOfText(uri: string, name: string, text: string, version: number, assumed: LensDefaults): TemplateSession {
  return TemplateSession.open({ uri, name, version, text }, { assumed });
}

/** "≈ $12.34/mo" with "assumed" marked: the view's and the status bar's one wording. */
export function costLabel(totalUsd: number | undefined, assumed: boolean): string {
  if (totalUsd === undefined) return 'cost not estimated';
  return `≈ ${usd(totalUsd)}/mo${assumed ? ' (assumed)' : ''}`;
}

export function findingsLabel(n: number): string {
  return `${n} finding${n === 1 ? '' : 's'}`;
}

/** The status bar text for a template: "≈ $X/mo · N findings". */
export function statusText(t: TemplateNode): string {
  return `${costLabel(t.totalUsd, t.assumed)} · ${findingsLabel(t.findingCount)}`;
}
