/**
 * What one version of a template document is, computed once and shared: the parse, the line map, the
 * findings, the model, the functions, the function under the cursor (the one picker) and the insertion
 * of a generated SAM template. The light half of a `TemplateSession` (the YAML parser and the rules,
 * nothing of the cost model or the recommendation), so `lambda-advisor lint` loads no more than it needs;
 * the session (`session.ts`) adds the answers that need the rest of the engine (hover, cost lenses,
 * scenario, design edits).
 *
 * Pure: no `vscode`, no `fs`. Never throws on bad text (a text that is not a template has no functions).
 */
import type { FunctionFacts } from './function-facts.ts';
import { functionFacts } from './function-facts.ts';
import { insertIntoTemplate, type InsertResult } from './insert.ts';
import { convertEdits, offsetToPosition, positionToOffset, type EditConversion, type OffsetEdit, type Pos, type PosRange } from './lines.ts';
import { lintParsed, modelOf, type LintResult } from './lint.ts';
import type { TemplateModel } from './model.ts';
import { parseTemplate } from './parse.ts';
import type { ParsedTemplate } from './types.ts';

/** The document an analysis reads: its identity, its version and its text. */
export interface SessionDocument {
  /** The document's URI (or a file path): the cache key. */
  readonly uri: string;
  /** Grows with every edit (VS Code's `document.version`; 0 for a file read once). */
  readonly version: number;
  readonly text: string;
  /** How messages name the document (a workspace-relative path); the URI when absent. */
  readonly name?: string;
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

export class TemplateAnalysis {
  readonly uri: string;
  readonly name: string;
  readonly version: number;
  readonly text: string;
  #parsed: ParsedTemplate | undefined;
  #lint: LintResult | undefined;
  #functions: readonly FunctionFacts[] | undefined;
  readonly #memo = new Map<string, { key: string; value: unknown }>();

  constructor(doc: SessionDocument) {
    this.uri = doc.uri;
    this.name = doc.name ?? doc.uri;
    this.version = doc.version;
    this.text = doc.text;
  }

  /** The parse, on first question (an insertion alone needs none). */
  get parsed(): ParsedTemplate {
    return (this.#parsed ??= parseTemplate(this.text));
  }

  get isTemplate(): boolean {
    return this.parsed.isTemplate;
  }

  /** The last value computed for `slot` with this `key` (one per slot: options change rarely). */
  memo<T>(slot: string, key: string, compute: () => T): T {
    const hit = this.#memo.get(slot);
    if (hit !== undefined && hit.key === key) return hit.value as T;
    const value = compute();
    this.#memo.set(slot, { key, value });
    return value;
  }

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

  // Findings, model, functions

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

  fn(id: string): FunctionFacts | undefined {
    return this.functions().find((f) => f.id === id);
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

  /**
   * "Insert resources into template.yaml": the insertions that add what the generated SAM template has
   * and this document lacks (keeping every byte of the user's text), or why it cannot.
   */
  insertPlan(generated: string, name = this.name): InsertResult {
    return this.memo('insert', `${name}\0${generated}`, () => insertIntoTemplate(this.text, generated, name));
  }
}
