/**
 * What a design rule receives and how it reports. A rule reads the model (functions, their sources,
 * resources by type) and calls `report`; the linter turns that into a `Finding` with line/column.
 */
import { references, type SourceId } from '../../facts/index.ts';
import { count } from '../../format.ts';
import { locate } from '../parse.ts';
import type { Finding, Fix, ParsedTemplate, Severity, TEntry, TextEdit, TextRange } from '../types.ts';
import type { TemplateModel } from '../model.ts';

export interface RuleMeta {
  /** Stable id (`LDA101`): never reused for another rule. */
  readonly id: string;
  /** Stable slug (`sqs-visibility-timeout`). */
  readonly name: string;
  readonly severity: Severity;
  /** One line: what the rule checks (SARIF shortDescription). */
  readonly summary: string;
  /** A paragraph: why it matters and what to do (SARIF help). */
  readonly help: string;
  readonly sources: readonly SourceId[];
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export interface Report {
  readonly resource: string;
  readonly property: string;
  readonly at: TextRange;
  readonly message: string;
  /** Overrides the rule's severity for this finding (e.g. error below 1× the timeout). */
  readonly severity?: Severity;
  readonly fix?: { readonly title: string; readonly edits: ReadonlyArray<TextEdit | undefined> };
  readonly sources?: readonly SourceId[];
}

export interface RuleContext {
  readonly model: TemplateModel;
  readonly template: ParsedTemplate;
  readonly text: string;
  report(rule: RuleMeta, r: Report): void;
}

const refCache = new Map<readonly SourceId[], ReturnType<typeof references>>();
/** Sources of a rule, resolved once per list (findings share them). */
function refsFor(ids: readonly SourceId[]): ReturnType<typeof references> {
  let r = refCache.get(ids);
  if (r === undefined) {
    r = references(...ids);
    if (refCache.size < 256) refCache.set(ids, r);
  }
  return r;
}

export function createContext(model: TemplateModel, out: Finding[]): RuleContext {
  const t = model.template;
  return {
    model,
    template: t,
    text: t.text,
    report(rule, r) {
      const edits = r.fix?.edits;
      const fix: Fix | undefined =
        r.fix !== undefined && edits !== undefined && edits.length > 0 && edits.every((e) => e !== undefined)
          ? { title: r.fix.title, edits: edits as TextEdit[] }
          : undefined;
      const finding: Finding = {
        ruleId: rule.id,
        severity: r.severity ?? rule.severity,
        message: r.message,
        resource: r.resource,
        property: r.property,
        range: locate(t, r.at),
        references: refsFor(r.sources ?? rule.sources),
        ...(fix !== undefined ? { fix } : {}),
      };
      out.push(finding);
    },
  };
}

/** The range of an entry's key (where a finding about the whole entry is shown). */
export function keyRange(e: TEntry): TextRange {
  return { start: e.keyStart, end: e.keyEnd };
}

/** A number in a message (1,769; 10,240; 0.58): the engine's one formatter (../../format.ts). */
export function n(x: number): string {
  return count(x, 2);
}

export { usd, usdPrice } from '../../format.ts';
