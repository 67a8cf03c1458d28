/**
 * One template document, parsed once per version, and every question the faces ask about it: the
 * findings, the functions and their cost lenses, the function under the cursor (the one picker), the
 * hover, the scenario built from a function, the edits that apply a design, and the insertion plan of a
 * generated SAM template (scaffolding into it). The editor's providers and commands, the CLI and the
 * tests all go through it, so a document version is parsed once, whoever asks first. The document half
 * (parse, line map, findings, functions, picker, insertion) is its `TemplateAnalysis` (`analysis.ts`),
 * which `lambda-advisor lint` uses alone so it loads neither the cost model nor the recommendation.
 *
 * `TemplateSession.open` builds one; `SessionCache` keeps one per document (keyed by URI and version) so
 * hover, diagnostics, CodeLens, "Apply recommended values" and the scaffold's insertion share a parse.
 * Options (the assumed workload of the lens, the Region of the hover) are per question, not per parse:
 * `withOptions` answers with other options from the same parse.
 *
 * Pure: no `vscode`, no `fs`. Never throws on bad text (a text that is not a template has no functions).
 */
import { recommend, formatErrors, parseScenario, type Design, type Scenario } from '../index.ts';
import { adviseRequest, type AdviseResult } from './advise.ts';
import { TemplateAnalysis, type FunctionPick, type SessionDocument } from './analysis.ts';
import { designEdits, type DesignChange, type DesignEditOptions, type DesignEdits, type SkippedChange } from './apply-design.ts';
import { VersionCache } from './cache.ts';
import { applyEdits } from './edits.ts';
import type { FunctionFacts } from './function-facts.ts';
import { hoverAt, type Hover } from './hover.ts';
import type { InsertResult } from './insert.ts';
import { costLens, LENS_DEFAULTS, type CostLens, type LensDefaults } from './lens.ts';
import type { EditConversion, OffsetEdit, Pos, PosRange } from './lines.ts';
import type { LintResult } from './lint.ts';
import type { TemplateModel } from './model.ts';
import type { ParsedTemplate } from './types.ts';

export { TemplateAnalysis, type FunctionPick, type SessionDocument } from './analysis.ts';

export interface SessionOptions {
  /** The workload assumed where the template says nothing (the cost lens, "Advise on this function"). */
  readonly assumed?: LensDefaults;
  /** The Region of hover prices, only when the user chose one (else an attached scenario's, else the default). */
  readonly region?: string;
}

/** What "Apply recommended values" needs: the scenario, the design and the edits that write it. */
export type ApplyPlan =
  | {
      readonly ok: true;
      readonly fn: FunctionFacts;
      readonly scenario: Scenario;
      /** Where the workload came from (assumed, attached, or the scenario given). */
      readonly notes: string;
      readonly design: Design;
      readonly result: DesignEdits;
      /** The document's text with the edits applied (the diff's right side). */
      readonly preview: string;
    }
  | { readonly ok: false; readonly message: string };

export class TemplateSession {
  /** Use `TemplateSession.open` or a `SessionCache`. */
  constructor(
    readonly analysis: TemplateAnalysis,
    readonly options: SessionOptions = {},
  ) {}

  /** Parse a document (once: further questions reuse the parse). */
  static open(doc: SessionDocument, options: SessionOptions = {}): TemplateSession {
    return new TemplateSession(new TemplateAnalysis(doc), options);
  }

  /** The same parse, answering with other options. */
  withOptions(options: SessionOptions): TemplateSession {
    return options === this.options ? this : new TemplateSession(this.analysis, options);
  }

  get uri(): string {
    return this.analysis.uri;
  }
  get name(): string {
    return this.analysis.name;
  }
  get version(): number {
    return this.analysis.version;
  }
  get text(): string {
    return this.analysis.text;
  }
  get parsed(): ParsedTemplate {
    return this.analysis.parsed;
  }
  get isTemplate(): boolean {
    return this.analysis.isTemplate;
  }
  get assumed(): LensDefaults {
    return this.options.assumed ?? LENS_DEFAULTS;
  }

  // ------------------------------------------------------------------------------------------------
  // The document (the analysis: parse, line map, findings, functions, picker, insertion)

  position(offset: number): Pos {
    return this.analysis.position(offset);
  }
  range(start: number, end: number): PosRange {
    return this.analysis.range(start, end);
  }
  offset(pos: Pos): number {
    return this.analysis.offset(pos);
  }
  convertEdits(edits: readonly OffsetEdit[], documentVersion: number): EditConversion {
    return this.analysis.convertEdits(edits, documentVersion);
  }
  lint(): LintResult {
    return this.analysis.lint();
  }
  model(): TemplateModel {
    return this.analysis.model();
  }
  functions(): readonly FunctionFacts[] {
    return this.analysis.functions();
  }
  fn(id: string): FunctionFacts | undefined {
    return this.analysis.fn(id);
  }
  functionAt(offset: number): FunctionFacts | undefined {
    return this.analysis.functionAt(offset);
  }
  /** The one function picker: the id given, else the function under the cursor, else the only one, else choose. */
  pick(idArg: unknown, cursorOffset?: number): FunctionPick {
    return this.analysis.pick(idArg, cursorOffset);
  }
  insertPlan(generated: string, name?: string): InsertResult {
    return this.analysis.insertPlan(generated, name);
  }

  // ------------------------------------------------------------------------------------------------
  // Hover and cost lenses

  hover(offset: number): Hover | undefined {
    const region = this.options.region;
    return hoverAt(this.parsed, offset, region === undefined ? {} : { region }) ?? undefined;
  }

  /** The cost lens of each function, for the assumed workload of the options. */
  lenses(): ReadonlyMap<string, CostLens> {
    const assumed = this.assumed;
    return this.analysis.memo('lenses', JSON.stringify(assumed), () => new Map(this.functions().map((f) => [f.id, costLens(f, assumed)])));
  }

  // ------------------------------------------------------------------------------------------------
  // Scenario and design

  /** The scenario built from a function ("Advise on this function"), with what was assumed. */
  scenarioFor(fn: FunctionFacts): AdviseResult {
    return adviseRequest(fn, this.uri, this.assumed);
  }

  /** The edits that write `design` into the function `id` (and its event source and queue). */
  designEdits(id: string, design: Design, options: DesignEditOptions = {}): DesignEdits {
    return designEdits(this.parsed, id, design, this.model(), options);
  }

  /**
   * "Apply recommended values": the scenario built from the function (or `scenarioArg`, untrusted JSON
   * such as the wizard's edited workload), its design and the edits that write it.
   */
  applyPlan(fn: FunctionFacts, scenarioArg?: unknown): ApplyPlan {
    // The assumed workload must not depend on what the apply writes (memory, timeout): applying twice
    // gives the same values.
    const advice = adviseRequest(fn, this.uri, this.assumed, { independentOfSettings: true });
    if (!advice.ok) return { ok: false, message: advice.message };
    let scenario = advice.request.scenario;
    let notes = advice.request.notes.join(' ');
    let assumedWorkload = advice.request.assumed;
    if (scenarioArg !== undefined && scenarioArg !== null) {
      const given = parseScenario(scenarioArg);
      if (!given.ok) return { ok: false, message: `the scenario to apply is not valid: ${formatErrors(given.errors).split('\n').slice(0, 3).join('; ')}` };
      scenario = given.scenario;
      notes = 'Workload from the scenario given, not assumed.';
      assumedWorkload = false;
    }
    if (assumedWorkload) notes += ' With an assumed workload MemorySize and Timeout are only raised, never lowered.';
    const design = recommend(scenario);
    const result = this.designEdits(fn.id, design, { assumedWorkload });
    if (result.kept.length > 0) notes += ` ${result.kept.join(' ')}`;
    return { ok: true, fn, scenario, notes, design, result, preview: result.edits.length > 0 ? applyEdits(this.text, result.edits) : this.text };
  }
}

/** Every function's (or the named ones') recommended values applied, one function after the other. */
export type ApplyAllResult =
  | {
      readonly ok: true;
      /** The text with every edit applied (the input when nothing changed). */
      readonly text: string;
      readonly changes: readonly DesignChange[];
      readonly skipped: readonly SkippedChange[];
      /** Per function: where its workload came from. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

/**
 * "Apply recommended values" to several functions of one document (`lambda-advisor apply` and the corpus
 * tests): each function on the text the previous one left, so two functions that share a queue never
 * produce overlapping edits (the second sees the first one's value).
 */
export function applyToFunctions(doc: SessionDocument, ids: readonly string[], scenarioArg?: unknown, options: SessionOptions = {}): ApplyAllResult {
  let session = TemplateSession.open(doc, options);
  const changes: DesignChange[] = [];
  const skipped: SkippedChange[] = [];
  const notes: string[] = [];
  for (const id of ids) {
    const fn = session.fn(id);
    if (fn === undefined) return { ok: false, message: `${id.slice(0, 200)} is not a Lambda function of ${session.name}` };
    const plan = session.applyPlan(fn, scenarioArg);
    if (!plan.ok) return { ok: false, message: `${id.slice(0, 200)}: ${plan.message}` };
    notes.push(`${fn.id}: ${plan.notes}`);
    changes.push(...plan.result.changes);
    skipped.push(...plan.result.skipped);
    if (plan.preview !== session.text) session = TemplateSession.open({ ...doc, version: session.version + 1, text: plan.preview }, options);
  }
  return { ok: true, text: session.text, changes, skipped, notes };
}

/**
 * One session per open document, recomputed only when its version changes (and evicted when it
 * closes, or when more than `maxDocuments` are kept). Options are applied per question on the cached parse.
 */
export class SessionCache {
  readonly #cache: VersionCache<TemplateAnalysis>;

  /** `maxDocuments`: a bound for callers that may miss a close (the least recently used goes first). */
  constructor(maxDocuments = 64) {
    this.#cache = new VersionCache<TemplateAnalysis>((text, version, uri, name) => new TemplateAnalysis({ uri, version, text, ...(name === undefined ? {} : { name }) }), maxDocuments);
  }

  get(doc: { readonly uri: string; readonly version: number; readonly name?: string; text(): string }, options: SessionOptions = {}): TemplateSession {
    const analysis = this.#cache.get(doc.uri, doc.version, () => doc.text(), doc.name);
    return new TemplateSession(analysis, options);
  }

  delete(uri: string): void {
    this.#cache.delete(uri);
  }

  clear(): void {
    this.#cache.clear();
  }

  get size(): number {
    return this.#cache.size;
  }
}
