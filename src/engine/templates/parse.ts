/**
 * Parse a SAM or CloudFormation template (YAML or JSON) into a small tree whose every node keeps its
 * source offsets. YAML 1.2 reads JSON, so both go through the `yaml` package's document API; the
 * CloudFormation short-form tags (`!Ref`, `!GetAtt`, `!Sub`, …) are declared as custom tags so they parse
 * silently in scalar, sequence and mapping form, and become `fn` nodes like their long forms.
 *
 * Never throws: a malformed template yields what parses plus `errors` with ranges. A pure function of
 * the text, so callers can cache by document version (see `parseTemplateCached`).
 */
import type * as YamlPackage from 'yaml';
import type { ScalarTag, CollectionTag } from 'yaml';
import { fastParse } from './fast-yaml.ts';
import { lineStartsOf, locate } from './lines.ts';
import type { ParseError, ParsedTemplate, Resource, TEntry, TFn, TMap, TNode } from './types.ts';

/** Short-form tags and the long name each stands for. */
const SHORT_TAGS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  If: 'Fn::If',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  ImportValue: 'Fn::ImportValue',
  GetAZs: 'Fn::GetAZs',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  ForEach: 'Fn::ForEach',
};

/** Every short tag in scalar, sequence and mapping form; resolution keeps the node as it is. */
const CUSTOM_TAGS: Array<ScalarTag | CollectionTag> = Object.keys(SHORT_TAGS).flatMap((name) => [
  { tag: `!${name}`, resolve: (s: string) => s } as ScalarTag,
  { tag: `!${name}`, collection: 'seq', resolve: (v: unknown) => v } as unknown as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (v: unknown) => v } as unknown as CollectionTag,
]);

import { SAM_TRANSFORM } from './sam.ts';
export { SAM_TRANSFORM };
export { locate } from './lines.ts';

const EMPTY_RESOURCES: ReadonlyMap<string, Resource> = new Map();

/** Parse a template. Never throws. */
export function parseTemplate(text: string): ParsedTemplate {
  const empty = (lineStarts: readonly number[]) => ({
    text,
    isTemplate: false,
    root: null,
    errors: [] as ParseError[],
    resources: EMPTY_RESOURCES,
    functionGlobals: null,
    parameters: new Set<string>(),
    lineStarts,
  });
  // A cheap gate: no template without one of these words, so other YAML/JSON files cost nothing.
  if (!text.includes('AWS::') && !text.includes('AWSTemplateFormatVersion')) return empty(lineStartsOf(text));
  try {
    // The one line map (lines.ts); the fast reader and the yaml package both give offsets into it.
    const lineStarts = lineStartsOf(text);
    const { root, errors } = rootOf(text, lineStarts);
    const rootMap = root?.kind === 'map' ? root : null;
    const isTemplate = rootMap !== null && looksLikeTemplate(rootMap);
    if (!isTemplate || rootMap === null) return { ...empty(lineStarts), errors, root: rootMap };
    return {
      text,
      isTemplate,
      root: rootMap,
      errors,
      resources: indexResources(rootMap),
      functionGlobals: asMap(get(asMap(get(rootMap, 'Globals')), 'Function')),
      parameters: new Set((asMap(get(rootMap, 'Parameters'))?.entries ?? []).map((e) => e.key)),
      lineStarts,
    };
  } catch (err) {
    // The yaml package should not throw on bad input; if it ever does, the template gets no advice.
    const message = err instanceof Error ? err.message : String(err);
    const lineStarts = lineStartsOf(text);
    return { ...empty(lineStarts), errors: [{ message: `Could not parse the template: ${firstLine(message)}`, range: locate({ text, lineStarts }, { start: 0, end: 0 }) }] };
  }
}

/**
 * The tree of a template and its YAML errors: from the fast reader for the plain YAML nearly every
 * template is written in, else from the `yaml` package (see fast-yaml.ts; both give the same tree).
 */
function rootOf(text: string, lineStarts: readonly number[]): { root: TNode | null; errors: ParseError[] } {
  const fast = fastParse(text, SHORT_TAGS);
  if (fast !== undefined) return { root: fast, errors: [] };
  return yamlRootOf(text, lineStarts);
}

/** The tree and errors as the `yaml` package reads the text (exported for the tests that compare). */
export function yamlRootOf(text: string, lineStarts: readonly number[] = lineStartsOf(text)): { root: TNode | null; errors: ParseError[] } {
  const { parseDocument } = yamlPackage();
  const doc = parseDocument(text, { customTags: CUSTOM_TAGS, uniqueKeys: false, strict: false, prettyErrors: false });
  const errors: ParseError[] = doc.errors.map((e) => {
    const [s, en] = e.pos;
    return { message: firstLine(e.message), range: locate({ text, lineStarts }, { start: s, end: en }) };
  });
  return { root: new Converter(text).node(doc.contents), errors };
}

export { SHORT_TAGS };

let yaml: typeof YamlPackage | undefined;

/**
 * The `yaml` package, loaded the first time a text needs it (most templates never do: see fast-yaml.ts).
 * A synchronous `require`, because parsing is synchronous; the bundle keeps the package beside this
 * module but evaluates it only here.
 */
export function yamlPackage(): typeof YamlPackage {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy and synchronous on purpose (see above)
  yaml ??= require('yaml') as typeof YamlPackage;
  return yaml;
}

const cache = new Map<string, ParsedTemplate>();
const CACHE_SIZE = 8;

/** `parseTemplate` with a small cache keyed by the text (the same text parses once). */
export function parseTemplateCached(text: string): ParsedTemplate {
  const hit = cache.get(text);
  if (hit !== undefined) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const parsed = parseTemplate(text);
  cache.set(text, parsed);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return parsed;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i === -1 ? s : s.slice(0, i)).trim();
}

function looksLikeTemplate(root: TMap): boolean {
  if (entryOf(root, 'AWSTemplateFormatVersion') !== undefined) return true;
  const transform = get(root, 'Transform');
  if (transform !== undefined && transform !== null) {
    if (str(transform) === SAM_TRANSFORM) return true;
    if (transform.kind === 'seq' && transform.items.some((i) => str(i) === SAM_TRANSFORM)) return true;
  }
  const resources = asMap(get(root, 'Resources'));
  if (resources === null) return false;
  return resources.entries.some((e) => (str(get(asMap(e.value), 'Type')) ?? '').startsWith('AWS::'));
}

function indexResources(root: TMap): Map<string, Resource> {
  const out = new Map<string, Resource>();
  const resources = asMap(get(root, 'Resources'));
  if (resources === null) return out;
  for (const e of resources.entries) {
    const body = asMap(e.value);
    out.set(e.key, { id: e.key, type: str(get(body, 'Type')) ?? '', entry: e, body, properties: asMap(get(body, 'Properties')) });
  }
  return out;
}

class Converter {
  private readonly y = yamlPackage();

  constructor(private readonly text: string) {}

  node(n: unknown): TNode | null {
    if (n === null || n === undefined) return null;
    if (this.y.isAlias(n)) {
      const [s = 0, e = s] = n.range ?? [];
      return { kind: 'scalar', value: null, start: s, end: e };
    }
    const tagged = n as { tag?: string; range?: [number, number, number] };
    const [start = 0, end = start] = tagged.range ?? [];
    let out: TNode | null;
    if (this.y.isScalar(n)) {
      const v = n.value;
      out = {
        kind: 'scalar',
        value: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v),
        start,
        end,
      };
    } else if (this.y.isMap(n)) {
      const entries: TEntry[] = [];
      for (const p of n.items) entries.push(this.pair(p));
      // A block map's yaml range runs on over trailing comments and blank lines: end at its last entry.
      const last = entries[entries.length - 1];
      const tight = n.flow !== true && last !== undefined ? last.end : end;
      out = longForm({ kind: 'map', entries, flow: n.flow === true, start, end: tight });
    } else if (this.y.isSeq(n)) {
      const items: TNode[] = [];
      for (const it of n.items) {
        if (this.y.isPair(it)) {
          const e = this.pair(it);
          items.push({ kind: 'map', entries: [e], flow: true, start: e.keyStart, end: e.end });
        } else {
          const c = this.node(it);
          if (c !== null) items.push(c);
        }
      }
      const last = items[items.length - 1];
      out = { kind: 'seq', items, flow: n.flow === true, start, end: n.flow !== true && last !== undefined ? last.end : end };
    } else {
      return null;
    }
    const tag = tagged.tag;
    if (tag !== undefined && tag.startsWith('!') && !tag.startsWith('!!')) {
      const name = SHORT_TAGS[tag.slice(1)];
      if (name !== undefined) {
        const at = this.text.lastIndexOf(tag, start);
        const fnStart = at !== -1 && start - at <= tag.length + 8 ? at : start;
        const fn: TFn = { kind: 'fn', name, arg: out, short: true, start: fnStart, end };
        return fn;
      }
    }
    return out;
  }

  private pair(p: { key: unknown; value: unknown }): TEntry {
    const keyNode = p.key as { range?: [number, number, number] } | null;
    const value = this.node(p.value);
    let key = '';
    if (this.y.isScalar(p.key)) key = p.key.value === null || p.key.value === undefined ? '' : String(p.key.value);
    const [ks = value?.start ?? 0, ke = ks] = keyNode?.range ?? [];
    return { key, keyStart: ks, keyEnd: ke, value, end: value !== null ? Math.max(value.end, ke) : ke };
  }
}

/** `{Ref: X}` and `{"Fn::GetAtt": …}` become fn nodes, like their short forms. */
function longForm(m: TMap): TNode {
  if (m.entries.length !== 1) return m;
  const e = m.entries[0];
  if (e === undefined) return m;
  if (e.key === 'Ref' || e.key.startsWith('Fn::')) return { kind: 'fn', name: e.key, arg: e.value, short: false, start: m.start, end: m.end };
  return m;
}

// ---------------------------------------------------------------------------------------------------
// Reading helpers (the rules and the hover use these; none throws on a missing or odd node)

export function asMap(n: TNode | null | undefined): TMap | null {
  return n !== null && n !== undefined && n.kind === 'map' ? n : null;
}

export function asSeq(n: TNode | null | undefined): readonly TNode[] {
  if (n === null || n === undefined) return [];
  if (n.kind === 'seq') return n.items;
  return [n];
}

/** The entry for a key (the last one, as CloudFormation keeps the last of duplicate keys). */
export function entryOf(m: TMap | null | undefined, key: string): TEntry | undefined {
  if (m === null || m === undefined) return undefined;
  for (let i = m.entries.length - 1; i >= 0; i--) {
    const e = m.entries[i];
    if (e !== undefined && e.key === key) return e;
  }
  return undefined;
}

/** The value at a key: undefined when the key is absent, null when present without value. */
export function get(m: TMap | null | undefined, key: string): TNode | null | undefined {
  const e = entryOf(m, key);
  return e === undefined ? undefined : e.value;
}

export function getPath(m: TMap | null | undefined, ...keys: string[]): TNode | null | undefined {
  let cur: TNode | null | undefined = m;
  for (const k of keys) {
    cur = get(asMap(cur), k);
    if (cur === undefined || cur === null) return cur;
  }
  return cur;
}

/** A plain string value (numbers are not strings here). */
export function str(n: TNode | null | undefined): string | undefined {
  return n !== null && n !== undefined && n.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** A plain number (a numeric string counts, as CloudFormation accepts "30"). */
export function num(n: TNode | null | undefined): number | undefined {
  if (n === null || n === undefined || n.kind !== 'scalar') return undefined;
  if (typeof n.value === 'number') return Number.isFinite(n.value) ? n.value : undefined;
  if (typeof n.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(n.value)) return Number(n.value);
  return undefined;
}

/** A plain boolean (the strings "true"/"false" count). */
export function bool(n: TNode | null | undefined): boolean | undefined {
  if (n === null || n === undefined || n.kind !== 'scalar') return undefined;
  if (typeof n.value === 'boolean') return n.value;
  if (typeof n.value === 'string') {
    const v = n.value.toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

export interface RefTarget {
  readonly id: string;
  /** The attribute for `GetAtt` (`Arn`, `StreamArn`…), undefined for `Ref` and `${X}`. */
  readonly attr?: string;
}

const SUB_VAR = /\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}/g;

/**
 * The resource a value points to, where the reference is plain: `!Ref X`, `{Ref: X}`, `!GetAtt X.Arn`,
 * `Fn::GetAtt: [X, Arn]`, or a `!Sub` string naming `${X}` / `${X.Arn}` (variables of the `!Sub` map are
 * followed). Only logical ids of resources of this template count.
 */
export function refTarget(t: ParsedTemplate, n: TNode | null | undefined, depth = 0): RefTarget | null {
  if (n === null || n === undefined || n.kind !== 'fn' || depth > 4) return null;
  const arg = n.arg;
  if (n.name === 'Ref') {
    const id = str(arg);
    return id !== undefined && t.resources.has(id) ? { id } : null;
  }
  if (n.name === 'Fn::GetAtt') {
    let id: string | undefined;
    let attr: string | undefined;
    if (arg?.kind === 'seq') {
      id = str(arg.items[0]);
      attr = str(arg.items[1]);
    } else {
      const s = str(arg);
      if (s !== undefined) {
        const dot = s.indexOf('.');
        id = dot === -1 ? s : s.slice(0, dot);
        attr = dot === -1 ? undefined : s.slice(dot + 1);
      }
    }
    if (id === undefined || !t.resources.has(id)) return null;
    return attr === undefined ? { id } : { id, attr };
  }
  if (n.name === 'Fn::Sub') {
    const template = arg?.kind === 'seq' ? str(arg.items[0]) : str(arg);
    const vars = arg?.kind === 'seq' ? asMap(arg.items[1]) : null;
    if (template === undefined) return null;
    for (const m of template.matchAll(SUB_VAR)) {
      const name = m[1] ?? '';
      const bound = get(vars, name);
      if (bound !== undefined && bound !== null) {
        const r = refTarget(t, bound, depth + 1);
        if (r !== null) return r;
        continue;
      }
      if (t.resources.has(name)) return m[2] === undefined ? { id: name } : { id: name, attr: m[2] };
    }
    return null;
  }
  if (n.name === 'Fn::Join') {
    const parts = arg?.kind === 'seq' ? asSeq(arg.items[1]) : [];
    for (const p of parts) {
      const r = refTarget(t, p, depth + 1);
      if (r !== null) return r;
    }
    return null;
  }
  return null;
}

/** Every resource logical id a value mentions through Ref, GetAtt, Sub or Join, at any depth. */
export function refsIn(t: ParsedTemplate, n: TNode | null | undefined, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (n === null || n === undefined || depth > 12) return out;
  if (n.kind === 'fn') {
    if (n.name === 'Fn::Sub') {
      const template = n.arg?.kind === 'seq' ? str(n.arg.items[0]) : str(n.arg);
      if (template !== undefined) for (const m of template.matchAll(SUB_VAR)) if (t.resources.has(m[1] ?? '')) out.add(m[1] ?? '');
      if (n.arg?.kind === 'seq') refsIn(t, n.arg.items[1], out, depth + 1);
      return out;
    }
    const r = refTarget(t, n);
    if (r !== null) out.add(r.id);
    refsIn(t, n.arg, out, depth + 1);
  } else if (n.kind === 'map') {
    for (const e of n.entries) refsIn(t, e.value, out, depth + 1);
  } else if (n.kind === 'seq') {
    for (const i of n.items) refsIn(t, i, out, depth + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// What is under the cursor

export interface NodeAt {
  /** Keys (and sequence indexes as strings) from the root to the node. */
  readonly path: readonly string[];
  /** Logical id when the cursor is inside `Resources.<id>`. */
  readonly resource?: string;
  /** The path inside the resource, after `Properties` (e.g. `['Events','Queue','Properties','BatchSize']`). */
  readonly propertyPath: readonly string[];
  /** The entry whose key or value holds the cursor (undefined for a sequence item at top). */
  readonly entry?: TEntry;
  /** The node under the cursor (the entry's value when the cursor is on a key). */
  readonly node: TNode | null;
  readonly onKey: boolean;
}

/** The path and node at an offset, for hovers. Null outside the tree. */
export function nodeAt(t: ParsedTemplate, offset: number): NodeAt | null {
  if (t.root === null) return null;
  const path: string[] = [];
  let cur: TNode | null = t.root;
  let entry: TEntry | undefined;
  let onKey = false;
  for (let guard = 0; cur !== null && guard < 256; guard++) {
    if (cur.kind === 'map') {
      const e = findEntry(cur, offset);
      if (e === undefined) break;
      path.push(e.key);
      entry = e;
      if (offset <= e.keyEnd && offset >= e.keyStart) {
        onKey = true;
        cur = e.value;
        break;
      }
      cur = e.value;
      if (cur === null) break;
    } else if (cur.kind === 'seq') {
      const items: readonly TNode[] = cur.items;
      const i = items.findIndex((it) => offset >= it.start && offset <= it.end);
      if (i === -1) break;
      path.push(String(i));
      cur = items[i] ?? null;
    } else if (cur.kind === 'fn') {
      if (cur.arg === null || offset < cur.arg.start || offset > cur.arg.end) break;
      path.push(cur.name);
      cur = cur.arg;
    } else {
      break;
    }
  }
  if (path.length === 0) return null;
  const resource = path[0] === 'Resources' && path.length >= 2 ? path[1] : undefined;
  const propertyPath = resource !== undefined && path[2] === 'Properties' ? path.slice(3) : path[0] === 'Globals' ? path.slice(2) : [];
  const base = { path, propertyPath, node: cur, onKey };
  const withEntry = entry === undefined ? base : { ...base, entry };
  return resource === undefined ? withEntry : { ...withEntry, resource };
}

function findEntry(m: TMap, offset: number): TEntry | undefined {
  const es = m.entries;
  let lo = 0;
  let hi = es.length - 1;
  // Entries are in document order: binary-search the last entry starting at or before the offset.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((es[mid]?.keyStart ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const e = es[lo];
  if (e !== undefined && offset >= e.keyStart && offset <= e.end) return e;
  return undefined;
}
