/**
 * "Insert resources into template.yaml": the generated SAM template's Parameters, Conditions,
 * Resources and Outputs that the user's template does not have yet are added to it; nothing of the
 * user's is replaced, reordered or reformatted.
 *
 * Both documents are read with the `yaml` library's document API (parseDocument), which gives the
 * structure and the source ranges. The new entries are serialised by the library (never by string
 * concatenation) and spliced in at the end of the matching section, so every byte of the user's
 * file outside the insertion points stays as it was (comments, quoting, blank lines, key order).
 * The result is parsed again and checked before it is offered. Pure (no vscode, no fs); the editor asks
 * through the document's `TemplateSession.insertPlan`.
 */
import type { Pair, Node, Scalar, YAMLMap, YAMLSeq, parseDocument } from 'yaml';
import { yamlPackage } from './parse.ts';

// The yaml package loads only when an insertion runs (lint and most templates never need it).
const isMap = (v: unknown): v is YAMLMap => yamlPackage().isMap(v);
const isScalar = (v: unknown): v is Scalar => yamlPackage().isScalar(v);
const isSeq = (v: unknown): v is YAMLSeq => yamlPackage().isSeq(v);
import { SAM_TRANSFORM } from './sam.ts';

/** Sections merged entry by entry, in the order new sections are added. */
export const MERGED_SECTIONS = ['Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs'] as const;

export interface TextInsertion {
  /** Character offset in the original text. */
  readonly offset: number;
  /** Characters of the original replaced (0 for a pure insertion; only ever the braces of an empty `{}`). */
  readonly length: number;
  readonly text: string;
}

export type InsertResult =
  | {
      readonly ok: true;
      /** The new text (equal to the input when there was nothing to add). */
      readonly text: string;
      /** The edits to the original text, in ascending offset order (for a WorkspaceEdit). */
      readonly insertions: readonly TextInsertion[];
      /** `Resources.Fn`, `Parameters.SubnetIds`, `Transform`: what was added. */
      readonly added: readonly string[];
      /** Entries the template already had (same logical id); theirs is kept as is. */
      readonly kept: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

const fail = (message: string): InsertResult => ({ ok: false, message });

function keyText(pair: Pair): string | null {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  return null;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyText(p) === key);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Offset just past the end of the line that holds `offset` (after its newline, or the text's end). */
function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The offset where the last content of a block map's entries ends. */
function mapContentEnd(map: YAMLMap): number | null {
  const last = map.items[map.items.length - 1];
  if (!last) return null;
  const v = last.value as Node | null;
  const k = last.key as Node | null;
  const end = v?.range?.[1] ?? k?.range?.[1];
  return typeof end === 'number' ? end : null;
}

/** Serialise `pairs` as a block map, each line prefixed with `indent` spaces. */
function renderPairs(pairs: readonly Pair[], indent: number, indentUnit: number, eol: string): string {
  const doc = new (yamlPackage().Document)();
  const map = new (yamlPackage().YAMLMap)();
  for (const p of pairs) map.items.push(p);
  doc.contents = map;
  const body = doc.toString({ indent: indentUnit, lineWidth: 0 });
  const pad = ' '.repeat(indent);
  return body
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l.length > 0 ? pad + l : l))
    .join(eol)
    .concat(eol);
}

/** A section written as its own top-level key (`Resources:` + its entries). */
function renderSection(name: string, pairs: readonly Pair[], indentUnit: number, eol: string): string {
  return `${name}:${eol}${renderPairs(pairs, indentUnit, indentUnit, eol)}`;
}

/** The indentation unit the user's template uses (the column of the first nested key), 2 by default. */
function detectIndent(text: string, root: YAMLMap): number {
  for (const p of root.items) {
    const v = p.value;
    if (isMap(v) && !v.flow && v.items[0]) {
      const k = v.items[0].key as Node | null;
      const start = k?.range?.[0];
      if (typeof start === 'number') {
        const rootKey = p.key as Node | null;
        const base = typeof rootKey?.range?.[0] === 'number' ? columnOf(text, rootKey.range[0]) : 0;
        const unit = columnOf(text, start) - base;
        if (unit >= 1 && unit <= 8) return unit;
      }
    }
  }
  return 2;
}

/** Where a new top-level section or key goes: before the comment lines directly above `Resources:`, else at the end. */
function headInsertionPoint(text: string, root: YAMLMap): number | null {
  const resources = findPair(root, 'Resources');
  const start = (resources?.key as Node | null | undefined)?.range?.[0];
  if (typeof start !== 'number') return null;
  let at = lineStart(text, start);
  while (at > 0) {
    const prev = lineStart(text, at - 1);
    if (/^[ \t]*#/.test(text.slice(prev, at))) at = prev;
    else break;
  }
  return at;
}

function parseYaml(text: string, what: string): { ok: true; doc: ReturnType<typeof parseDocument> } | { ok: false; message: string } {
  const all = yamlPackage().parseAllDocuments(text, { logLevel: 'silent' });
  if (Array.isArray(all) && all.length > 1) return { ok: false, message: `${what} holds ${all.length} YAML documents; a template is one document` };
  const doc = yamlPackage().parseDocument(text, { logLevel: 'silent', uniqueKeys: false, keepSourceTokens: false });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    return { ok: false, message: `${what} is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}: ${err.message.split('\n')[0] ?? ''}` };
  }
  return { ok: true, doc };
}

/**
 * Insert what `generated` (a SAM template) has and `existing` lacks into `existing`. Refuses (with
 * a message naming the problem) a template it cannot extend without rewriting the user's text.
 */
export function insertIntoTemplate(existing: string, generated: string, name = 'template.yaml'): InsertResult {
  const ex = parseYaml(existing, name);
  if (!ex.ok) return fail(`${ex.message}; fix it first, nothing was changed`);
  const gen = parseYaml(generated, 'the generated template');
  if (!gen.ok) return fail(gen.message);
  const genRoot = gen.doc.contents;
  if (!isMap(genRoot)) return fail('the generated template is not a YAML map');

  const contents = ex.doc.contents;
  const empty = contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''));
  if (!empty && !isMap(contents)) return fail(`${name} is not a YAML map of sections (Resources, Outputs, …); nothing was changed`);
  const root = isMap(contents) ? contents : new (yamlPackage().YAMLMap)();
  if (root.flow) return fail(`${name} is written as one flow map ({ … }); insertion keeps your formatting only in block style, so nothing was changed`);

  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const unit = detectIndent(existing, root);
  const insertions: TextInsertion[] = [];
  const added: string[] = [];
  const kept: string[] = [];
  const head: string[] = [];
  const tail: string[] = [];

  // Transform: SAM resources need the serverless transform.
  const genTransform = findPair(genRoot, 'Transform');
  if (genTransform) {
    const mine = findPair(root, 'Transform');
    if (!mine) {
      head.push(`Transform: ${SAM_TRANSFORM}${eol}`);
      added.push('Transform');
    } else {
      const v = mine.value;
      const has = (isScalar(v) && v.value === SAM_TRANSFORM) || (isSeq(v) && v.items.some((i) => isScalar(i) && i.value === SAM_TRANSFORM));
      if (!has) return fail(`${name} has a Transform without ${SAM_TRANSFORM}, which the inserted AWS::Serverless resources need; add it first, nothing was changed`);
    }
  }

  for (const section of MERGED_SECTIONS) {
    const genPair = findPair(genRoot, section);
    if (!genPair || !isMap(genPair.value) || genPair.value.items.length === 0) continue;
    const genEntries = genPair.value.items;
    const mine = findPair(root, section);
    if (!mine) {
      for (const p of genEntries) added.push(`${section}.${keyText(p) ?? '?'}`);
      (section === 'Resources' || section === 'Outputs' ? tail : head).push(renderSection(section, genEntries, unit, eol));
      continue;
    }
    const value = mine.value;
    const have = new Set(isMap(value) ? value.items.map(keyText) : []);
    const fresh = genEntries.filter((p) => !have.has(keyText(p)));
    for (const p of genEntries) if (have.has(keyText(p))) kept.push(`${section}.${keyText(p) ?? '?'}`);
    if (fresh.length === 0) continue;
    for (const p of fresh) added.push(`${section}.${keyText(p) ?? '?'}`);
    const keyNode = mine.key as Node | null;
    const keyStart = keyNode?.range?.[0];
    const keyEnd = keyNode?.range?.[1];
    if (typeof keyStart !== 'number' || typeof keyEnd !== 'number') return fail(`could not locate ${section} in ${name}; nothing was changed`);
    const sectionColumn = columnOf(existing, keyStart);
    if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
      // `Resources:` with nothing under it (a null value): the entries go on the lines after the key.
      if (isScalar(value) && value.range && value.range[1] > value.range[0]) return fail(`${section} in ${name} has an unexpected value; nothing was changed`);
      const at = endOfLine(existing, keyEnd);
      const nl = at === existing.length && !existing.endsWith('\n') ? eol : '';
      insertions.push({ offset: at, length: 0, text: nl + renderPairs(fresh, sectionColumn + unit, unit, eol) });
    } else if (isMap(value) && value.flow) {
      if (value.items.length > 0) return fail(`${section} in ${name} is written in flow style ({ … }); insertion keeps your formatting only in block style, so nothing was changed`);
      const [s, e] = value.range ?? [];
      if (typeof s !== 'number' || typeof e !== 'number') return fail(`could not locate ${section} in ${name}; nothing was changed`);
      // `Resources: {}`: the empty braces (and the space before them) go, the entries follow on the next lines.
      const from = existing.lastIndexOf(':', s) + 1;
      insertions.push({ offset: from, length: e - from, text: '' });
      const at = endOfLine(existing, e);
      const nl = at === existing.length && !existing.endsWith('\n') ? eol : '';
      insertions.push({ offset: at, length: 0, text: nl + renderPairs(fresh, sectionColumn + unit, unit, eol) });
    } else if (isMap(value)) {
      const end = mapContentEnd(value);
      const first = value.items[0]?.key as Node | null | undefined;
      const firstStart = first?.range?.[0];
      if (end === null || typeof firstStart !== 'number') return fail(`could not locate the end of ${section} in ${name}; nothing was changed`);
      const at = endOfLine(existing, Math.max(end - 1, 0));
      const nl = at === existing.length && !existing.endsWith('\n') ? eol : '';
      insertions.push({ offset: at, length: 0, text: nl + renderPairs(fresh, columnOf(existing, firstStart), unit, eol) });
    } else {
      return fail(`${section} in ${name} is not a map of logical ids; nothing was changed`);
    }
  }

  if (head.length > 0) {
    const at = headInsertionPoint(existing, root) ?? existing.length;
    const nl = at === existing.length && existing.length > 0 && !existing.endsWith('\n') ? eol : '';
    insertions.push({ offset: at, length: 0, text: nl + head.join('') });
  }
  if (tail.length > 0) {
    const nl = existing.length > 0 && !existing.endsWith('\n') ? eol : '';
    insertions.push({ offset: existing.length, length: 0, text: nl + tail.join('') });
  }
  if (insertions.length === 0) return { ok: true, text: existing, insertions: [], added: [], kept };

  insertions.sort((a, b) => a.offset - b.offset);
  let text = '';
  let cursor = 0;
  for (const ins of insertions) {
    text += existing.slice(cursor, ins.offset) + ins.text;
    cursor = ins.offset + ins.length;
  }
  text += existing.slice(cursor);

  // Check the result before offering it: valid YAML, the user's entries unchanged, every addition present.
  const check = parseYaml(text, 'the merged template');
  if (!check.ok) return fail(`inserting would not give valid YAML (${check.message}); nothing was changed`);
  const before = ex.doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown> | null;
  const after = check.doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown> | null;
  const genJs = gen.doc.toJS() as Record<string, unknown>;
  for (const [k, v] of Object.entries(before ?? {})) {
    if (!(MERGED_SECTIONS as readonly string[]).includes(k)) {
      if (JSON.stringify(after?.[k]) !== JSON.stringify(v)) return fail(`inserting would change ${k} in ${name}; nothing was changed`);
      continue;
    }
    const mineSec = (v ?? {}) as Record<string, unknown>;
    const afterSec = (after?.[k] ?? {}) as Record<string, unknown>;
    for (const [id, entry] of Object.entries(mineSec)) {
      if (JSON.stringify(afterSec[id]) !== JSON.stringify(entry)) return fail(`inserting would change ${k}.${id} in ${name}; nothing was changed`);
    }
  }
  for (const a of added) {
    const [sec, id] = a.split('.', 2) as [string, string | undefined];
    const got = id === undefined ? after?.[sec] : (after?.[sec] as Record<string, unknown> | undefined)?.[id];
    const want = id === undefined ? genJs[sec] : (genJs[sec] as Record<string, unknown> | undefined)?.[id];
    if (JSON.stringify(got) !== JSON.stringify(want)) return fail(`inserting ${a} did not give the expected YAML; nothing was changed`);
  }
  return { ok: true, text, insertions, added, kept };
}
