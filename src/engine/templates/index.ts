/**
 * The template engine's public API (for the VS Code faces and the CLI).
 *
 * - `parseTemplateCached(text)` → `ParsedTemplate` (pure function of the text; cached for the last few texts).
 * - `lintTemplate(text)` / `lintParsed(parsed)` → findings with ranges and quick fixes (text edits).
 * - `hoverAt(parsed, offset)` → short markdown for the property under the cursor, or null.
 * - `nodeAt(parsed, offset)` → the resource and property path under the cursor.
 * - `designEdits(parsed, resourceId, design)` → the minimal edits that write a design's values into a function.
 * - `RULES` → every rule's id, name, severity, summary and help (for code-action titles, SARIF, docs).
 *
 * A document the faces keep open is a `TemplateSession` (`session.ts`: one parse per version for every
 * question, cached by `SessionCache`); its document half, `TemplateAnalysis` (`analysis.ts`), is what
 * `lambda-advisor lint` uses. They are imported from their modules, not from here, so that importing the
 * rules does not load the cost model and the recommendation.
 *
 * Offsets are 0-based UTF-16 offsets (VS Code's `document.offsetAt`); lines and columns are 0-based.
 */
export { parseTemplate, parseTemplateCached, nodeAt, locate, type NodeAt, type RefTarget } from './parse.ts';
export { lintTemplate, lintParsed, modelOf, type LintResult, type LintOptions } from './lint.ts';
export { hoverAt, type Hover, type HoverContext } from './hover.ts';
export { applyEdits } from './edits.ts';
export { designEdits, type DesignChange, type DesignEdits, type SkippedChange } from './apply-design.ts';
export { RULES, ruleById, type Rule, type RuleMeta } from './rules/index.ts';
export { buildModel, fnProp, type EventSourceInfo, type FunctionInfo, type TemplateEventKind, type TemplateModel } from './model.ts';
export type { Finding, Fix, LocatedRange, ParseError, ParsedTemplate, Resource, Severity, TextEdit, TextRange, TNode } from './types.ts';
