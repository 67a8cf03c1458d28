/**
 * One template document, parsed once per version, and every question the faces ask about it: the
 * findings, the functions and their cost lenses, the function under the cursor (the one picker), the
 * hover, the scenario built from a function, the edits that apply a design, and the insertion plan of a
 * generated SAM template (scaffolding into it). The editor's providers and commands, the CLI and the tests all go through it,
 * so a document version is parsed once, whoever asks first.
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
import { designEdits, type DesignEdits } from './apply-design.ts';
import { applyEdits } from './edits.ts';
import { functionFacts, type FunctionFacts } from './function-facts.ts';
import { hoverAt, type Hover } from './hover.ts';
import { insertIntoTemplate, type InsertResult } from './insert.ts';
import { costLens, LENS_DEFAULTS, type CostLens, type LensDefaults } from './lens.ts';
import { convertEdits, offsetToPosition, positionToOffset, type EditConversion, type OffsetEdit, type Pos, type PosRange } from './lines.ts';
import { lintParsed, modelOf, type LintResult } from './lint.ts';
import type { TemplateModel } from './model.ts';
import { parseTemplate } from './parse.ts';
import type { ParsedTemplate } from './types.ts';
import { VersionCache } from './cache.ts';

/** The document a session reads: its identity, its version and its text. */
export interface SessionDocument {
  /** The document's URI (or a file path): the cache key. */
  readonly uri: string;
  /** Grows with every edit (VS Code's `document.version`; 0 for a file read once). */
  readonly version: number;
  readonly text: string;
  /** How messages name the document (a workspace-relative path); the URI when absent. */
  readonly name?: string;
}

export interface SessionOptions {
  /** The workload assumed where the template says nothing (the cost lens, "Advise on this function"). */
  readonly assumed?: LensDefaults;
  /** The Region of hover prices, only when the user chose one (else an attached scenario's, else the default). */
  readonly region?: string;
}

/** The function a command acts on, as the one picker decides it. */
export type FunctionPick =
  | { readonly kind: 'function'; readonly fn: FunctionFacts }
  /** Not a SAM or CloudFormation template. */
  | { readonly kind: 'not-a-template' }
  /** A template without a Lambda function. */
  | { readonly kind: 'none' }
  /** Several functions and none under the cursor: ask the user among these. */
  | { readonly kind: 'choose'; readonly functions: readonly FunctionFacts[] };

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

/** Everything computed from one document version, shared by every session with other options. */
class Analysis {
  readonly parsed: ParsedTemplate;
  #lint: LintResult | undefined;
  #functions: readonly FunctionFacts[] | undefined;
  #lenses: { key: string; value: ReadonlyMap<string, CostLens> } | undefined;
  #inserts: { key: string; value: InsertResult } | undefined;

  constructor(
    readonly uri: string,
    readonly name: string,
    readonly version: number,
    readonly text: string,
  ) {
    this.parsed = parseTemplate(text);
  }

  lint(): LintResult {
    return (this.#lint ??= lintParsed(this.parsed));
  }

  model(): TemplateModel {
    return modelOf(this.parsed);
  }

  functions(): readonly FunctionFacts[] {
    if (this.#functions === undefined) {
      if (!this.parsed.isTemplate) this.#functions = [];
      else {
        const model = this.model();
        this.#functions = [...model.functions.values()].map((fn) => functionFacts(model, fn));
      }
    }
    return this.#functions;
  }

  lenses(assumed: LensDefaults): ReadonlyMap<string, CostLens> {
    const key = JSON.stringify(assumed);
    if (this.#lenses?.key !== key) this.#lenses = { key, value: new Map(this.functions().map((f) => [f.id, costLens(f, assumed)])) };
    return this.#lenses.value;
  }

  insertPlan(generated: string, name: string): InsertResult {
    const key = `${name}\0${generated}`;
    if (this.#inserts?.key !== key) this.#inserts = { key, value: insertIntoTemplate(this.text, generated, name) };
    return this.#inserts.value;
  }
}

export class TemplateSession {
  readonly #analysis: Analysis;

  /** Use `TemplateSession.open` or a `SessionCache` (the analysis is this module's own). */
  constructor(analysis: Analysis, readonly options: SessionOptions) {
    this.#analysis = analysis;
  }

  private get analysis(): Analysis {
    return this.#analysis;
  }

  /** Parse a document (once: further questions reuse the parse). */
  static open(doc: SessionDocument, options: SessionOptions = {}): TemplateSession {
    return new TemplateSession(new Analysis(doc.uri, doc.name ?? doc.uri, doc.version, doc.text), options);
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
    return this.analysis.parsed.isTemplate;
  }
  get assumed(): LensDefaults {
    return this.options.assumed ?? LENS_DEFAULTS;
  }

  // ------------------------------------------------------------------------------------------------
  // The line map (UTF-16 offsets <-> 0-based line/character, from the parser's LineCounter)

  position(offset: number): Pos {
    return offsetToPosition(this.text, this.parsed.lineStarts, offset);
  }

  range(start: number, end: number): PosRange {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(pos: Pos): number {
    return positionToOffset(this.text, this.parsed.lineStarts, pos);
  }

  /** The engine's edits of this version as ranges, refused when the document is now at another version. */
  convertEdits(edits: readonly OffsetEdit[], documentVersion: number): EditConversion {
    return convertEdits(this.text, this.parsed.lineStarts, edits, this.version, documentVersion);
  }

  // ------------------------------------------------------------------------------------------------
  // Findings, hover, functions, lenses

  lint(): LintResult {
    return this.analysis.lint();
  }

  model(): TemplateModel {
    return this.analysis.model();
  }

  hover(offset: number): Hover | undefined {
    const region = this.options.region;
    return hoverAt(this.parsed, offset, region === undefined ? {} : { region }) ?? undefined;
  }

  functions(): readonly FunctionFacts[] {
    return this.analysis.functions();
  }

  fn(id: string): FunctionFacts | undefined {
    return this.functions().find((f) => f.id === id);
  }

  /** The cost lens of each function, for the assumed workload of the options. */
  lenses(): ReadonlyMap<string, CostLens> {
    return this.analysis.lenses(this.assumed);
  }

  /** The function whose resource (logical id to its last property) holds the offset. */
  functionAt(offset: number): FunctionFacts | undefined {
    if (!this.isTemplate) return undefined;
    const model = this.model();
    return this.functions().find((f) => {
      const e = model.functions.get(f.id)?.resource.entry;
      return e !== undefined && offset >= e.keyStart && offset <= e.end;
    });
  }

  /**
   * The one function picker of every command: the logical id given (a CodeLens passes it), else the
   * function under the cursor, else the only one, else `choose`. Throws, with a message naming the
   * problem, when the id given is not a string or not a function of this template.
   */
  pick(idArg: unknown, cursorOffset?: number): FunctionPick {
    if (!this.isTemplate) return { kind: 'not-a-template' };
    const functions = this.functions();
    if (idArg !== undefined && idArg !== null) {
      if (typeof idArg !== 'string') throw new Error('The second argument must be a resource logical id.');
      const f = this.fn(idArg);
      if (f === undefined) throw new Error(`${idArg.slice(0, 200)} is not a Lambda function of ${this.name}.`);
      return { kind: 'function', fn: f };
    }
    if (functions.length === 0) return { kind: 'none' };
    const under = cursorOffset === undefined ? undefined : this.functionAt(cursorOffset);
    if (under !== undefined) return { kind: 'function', fn: under };
    if (functions.length === 1 && functions[0] !== undefined) return { kind: 'function', fn: functions[0] };
    return { kind: 'choose', functions };
  }

  // ------------------------------------------------------------------------------------------------
  // Scenario and design

  /** The scenario built from a function ("Advise on this function"), with what was assumed. */
  scenarioFor(fn: FunctionFacts): AdviseResult {
    return adviseRequest(fn, this.uri, this.assumed);
  }

  /** The edits that write `design` into the function `id` (and its event source and queue). */
  designEdits(id: string, design: Design): DesignEdits {
    return designEdits(this.parsed, id, design, this.model());
  }

  /**
   * "Apply recommended values": the scenario built from the function (or `scenarioArg`, untrusted JSON
   * such as the wizard's edited workload), its design and the edits that write it.
   */
  applyPlan(fn: FunctionFacts, scenarioArg?: unknown): ApplyPlan {
    const advice = this.scenarioFor(fn);
    if (!advice.ok) return { ok: false, message: advice.message };
    let scenario = advice.request.scenario;
    let notes = advice.request.notes.join(' ');
    if (scenarioArg !== undefined && scenarioArg !== null) {
      const given = parseScenario(scenarioArg);
      if (!given.ok) return { ok: false, message: `the scenario to apply is not valid: ${formatErrors(given.errors).split('\n').slice(0, 3).join('; ')}` };
      scenario = given.scenario;
      notes = 'Workload from the scenario given (the wizard), not assumed.';
    }
    const design = recommend(scenario);
    const result = this.designEdits(fn.id, design);
    return { ok: true, fn, scenario, notes, design, result, preview: result.edits.length > 0 ? applyEdits(this.text, result.edits) : this.text };
  }

  // ------------------------------------------------------------------------------------------------
  // Scaffolding into this document

  /**
   * "Insert resources into template.yaml": the insertions that add what the generated SAM template has
   * and this document lacks (keeping every byte of the user's text), or why it cannot.
   */
  insertPlan(generated: string, name = this.name): InsertResult {
    return this.analysis.insertPlan(generated, name);
  }
}

/**
 * One session per open document, recomputed only when its version changes (and evicted when it
 * closes). Options are applied per question on the cached parse.
 */
export class SessionCache {
  readonly #cache = new VersionCache<Analysis>((text, version, uri, name) => new Analysis(uri, name ?? uri, version, text));

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
