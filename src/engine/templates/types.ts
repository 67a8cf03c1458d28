/**
 * Types of the template engine: a SAM/CloudFormation template parsed into a small tree whose every node
 * keeps its source offsets, and the findings the design rules return. Plain data only (no classes), so
 * the extension host, the CLI and a worker can pass them around as JSON.
 *
 * Positions: `start`/`end` are 0-based UTF-16 offsets into the text (what VS Code's `document.positionAt`
 * takes); `line`/`column` are 0-based too. The CLI prints them 1-based.
 */
import type { Source } from '../facts/index.ts';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface LocatedRange extends TextRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A scalar: a string, number, boolean or null as YAML/JSON wrote it. */
export interface TScalar extends TextRange {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  /** A YAML alias (`*mem`): its anchor's name. The value is then null (aliases are not expanded). */
  readonly alias?: string;
}

/** A YAML anchor (`&mem 512`) or alias (`*mem`): the name and the range of the anchored node or the alias. */
export interface SharedNode extends TextRange {
  readonly name: string;
}

export interface TSeq extends TextRange {
  readonly kind: 'seq';
  readonly items: readonly TNode[];
  /** Written in flow style (`[a, b]`, JSON arrays). */
  readonly flow: boolean;
}

/** One `key: value` of a map. `value` is null when the key has no value (`Properties:` then nothing). */
export interface TEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: TNode | null;
  /** End of the value (or of the key when there is no value). */
  readonly end: number;
}

export interface TMap extends TextRange {
  readonly kind: 'map';
  readonly entries: readonly TEntry[];
  /** Written in flow style (`{a: 1}`, JSON objects). */
  readonly flow: boolean;
}

/**
 * An intrinsic function, in short form (`!GetAtt Q.Arn`) or long form (`{"Fn::GetAtt": [Q, Arn]}`).
 * `name` is the long name: `Ref`, `Condition`, `Fn::GetAtt`, `Fn::Sub`, …
 */
export interface TFn extends TextRange {
  readonly kind: 'fn';
  readonly name: string;
  readonly arg: TNode | null;
  readonly short: boolean;
}

export type TNode = TScalar | TSeq | TMap | TFn;

export interface ParseError {
  readonly message: string;
  readonly range: LocatedRange;
}

/** A resource of the template, indexed by logical id. */
export interface Resource {
  readonly id: string;
  /** `Type` as written (empty when missing or not a string). */
  readonly type: string;
  /** The `Resources` entry: its key is the logical id. */
  readonly entry: TEntry;
  /** The resource body (null when it is not a map). */
  readonly body: TMap | null;
  readonly properties: TMap | null;
}

export interface ParsedTemplate {
  readonly text: string;
  /** True when the text is a CloudFormation or SAM template (recognised by content, not file name). */
  readonly isTemplate: boolean;
  readonly root: TMap | null;
  readonly errors: readonly ParseError[];
  /** Resources by logical id, in document order. */
  readonly resources: ReadonlyMap<string, Resource>;
  /** `Globals.Function` of a SAM template, when present. */
  readonly functionGlobals: TMap | null;
  /** `Parameters` names (a `!Ref` to one of them is not a resource reference). */
  readonly parameters: ReadonlySet<string>;
  /** Offsets where each line starts (for line/column). */
  readonly lineStarts: readonly number[];
  /** Anchored nodes and aliases, in document order (absent or empty when the text has none). */
  readonly anchors?: readonly SharedNode[];
  readonly aliases?: readonly SharedNode[];
  /** How many nodes the document would have with every alias expanded (counted, never expanded). */
  readonly expandedNodes?: number;
  /** Keys written twice in one map (the second of each pair; CloudFormation keeps the last). */
  readonly duplicateKeys?: readonly DuplicateKey[];
}

export interface DuplicateKey extends TextRange {
  readonly key: string;
  /** The keys from the root to the map holding the duplicate (`Resources.Fn.Properties`). */
  readonly path: string;
  /** Where the first one is. */
  readonly firstStart: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** One text edit: replace [start, end) with newText. Offsets into the text that was linted. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  /** What the fix does, as a code-action title ("Set VisibilityTimeout to 180"). */
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Logical id of the resource the finding is about (the function, queue, role…). */
  readonly resource: string;
  /** Property path inside that resource, dotted (`Properties.Events.Queue.Properties.BatchSize`). */
  readonly property: string;
  readonly range: LocatedRange;
  readonly fix?: Fix;
  readonly references: readonly Source[];
}
