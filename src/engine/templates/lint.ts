/**
 * The template linter: parse (cached by text), build the model once, run every design rule.
 * `lintTemplate` never throws; a rule that fails on an odd template is skipped for that template and
 * said in `ruleErrors`, so one bug never hides the other findings.
 */
import { buildModel, type TemplateModel } from './model.ts';
import { parseTemplateCached } from './parse.ts';
import { createContext } from './rules/context.ts';
import { RULES } from './rules/index.ts';
import type { Finding, ParseError, ParsedTemplate } from './types.ts';

export interface LintResult {
  readonly isTemplate: boolean;
  readonly findings: readonly Finding[];
  readonly parseErrors: readonly ParseError[];
  /** Rules that threw on this template (a bug to report), with the error message. */
  readonly ruleErrors: ReadonlyArray<{ readonly ruleId: string; readonly message: string }>;
}

const models = new WeakMap<ParsedTemplate, TemplateModel>();

/** The model of a parsed template, built once per parse. */
export function modelOf(t: ParsedTemplate): TemplateModel {
  let m = models.get(t);
  if (m === undefined) {
    m = buildModel(t);
    models.set(t, m);
  }
  return m;
}

export interface LintOptions {
  /** Only these rule ids (or names). */
  readonly only?: readonly string[];
}

export function lintParsed(t: ParsedTemplate, options: LintOptions = {}): LintResult {
  if (!t.isTemplate) return { isTemplate: false, findings: [], parseErrors: t.errors, ruleErrors: [] };
  const findings: Finding[] = [];
  const ruleErrors: Array<{ ruleId: string; message: string }> = [];
  let model: TemplateModel;
  try {
    model = modelOf(t);
  } catch (err) {
    return { isTemplate: true, findings, parseErrors: t.errors, ruleErrors: [{ ruleId: 'model', message: err instanceof Error ? err.message : String(err) }] };
  }
  const ctx = createContext(model, findings);
  for (const rule of RULES) {
    if (options.only !== undefined && !options.only.includes(rule.id) && !options.only.includes(rule.name)) continue;
    try {
      rule.check(ctx);
    } catch (err) {
      ruleErrors.push({ ruleId: rule.id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { isTemplate: true, findings, parseErrors: t.errors, ruleErrors };
}

/** Lint a template's text. `fileName` is accepted for messages only: templates are recognised by content. */
export function lintTemplate(text: string, _fileName?: string, options: LintOptions = {}): LintResult {
  return lintParsed(parseTemplateCached(text), options);
}
