/**
 * Text edits for quick fixes, computed from node ranges: they touch only the lines concerned and keep
 * comments, quoting elsewhere and formatting. Two shapes: replace a scalar value in place, or insert a
 * new `Key: value` into a map (block YAML: a new line at the siblings' indentation, after the last
 * sibling and its trailing comment; flow/JSON: `, "Key": value` after the last entry). New lines use the
 * document's line break (CRLF stays CRLF), also at the end of a text without a final newline.
 */
import type { TMap, TextEdit, TNode } from './types.ts';

export type InsertValue = string | number | boolean | readonly (string | number)[];

/** Replace a scalar (or any node) with a literal. */
/**
 * Replace a node's text by a literal. Pass the document `text` when the literal is a string, so that a
 * quoted original (`"x86_64"`, as JSON always writes it) stays quoted in the same style.
 */
export function replaceNode(node: TNode, literal: string | number | boolean, text?: string): TextEdit {
  const q = text?.[node.start];
  if (typeof literal === 'string' && (q === '"' || q === "'")) {
    const quoted = q === '"' ? JSON.stringify(literal) : `'${literal.replace(/'/g, "''")}'`;
    return { start: node.start, end: node.end, newText: quoted };
  }
  return { start: node.start, end: node.end, newText: String(literal) };
}

/** The document's line break: CRLF when its first line break is one, else LF. */
export function eolOf(text: string): '\r\n' | '\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): string {
  const ls = lineStartOf(text, offset);
  let i = ls;
  while (i < offset && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(ls, i);
}

/** A value in JSON syntax (also valid YAML flow). */
function jsonLiteral(v: InsertValue): string {
  if (Array.isArray(v)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
  return JSON.stringify(v);
}

function yamlScalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z0-9_.\-/]+$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) && !/^[-\d.]/.test(v) ? v : JSON.stringify(v);
}

/** Does the map use JSON-style quoted keys? (then an insertion quotes its key too) */
function quotedKeys(text: string, m: TMap): boolean {
  const first = m.entries[0];
  if (first === undefined) return m.flow;
  const c = text[first.keyStart];
  return c === '"' || c === "'";
}

/**
 * Insert `key: value` into a map, after its last entry, matching the siblings' indentation (block) or
 * the map's style (flow/JSON). Returns undefined when the map has no entry to align with.
 */
export function insertEntry(text: string, m: TMap, key: string, value: InsertValue): TextEdit | undefined {
  const last = m.entries[m.entries.length - 1];
  const first = m.entries[0];
  if (m.flow) {
    const quote = quotedKeys(text, m);
    const k = quote ? JSON.stringify(key) : key;
    const v = jsonLiteral(value);
    if (last === undefined || first === undefined) {
      // `{}`: put the entry inside the braces.
      const open = text.indexOf('{', m.start);
      if (open === -1 || open >= m.end) return undefined;
      return { start: open + 1, end: open + 1, newText: ` ${k}: ${v} ` };
    }
    const multiline = text.slice(first.keyStart, last.end).includes('\n') || text.slice(m.start, first.keyStart).includes('\n');
    if (multiline) {
      const indent = indentAt(text, last.keyStart);
      return { start: last.end, end: last.end, newText: `,${eolOf(text)}${indent}${k}: ${v}` };
    }
    return { start: last.end, end: last.end, newText: `, ${k}: ${v}` };
  }
  if (last === undefined || first === undefined) return undefined;
  const column = first.keyStart - lineStartOf(text, first.keyStart);
  // The siblings must start their own lines (not `- Key: v` list items at a different column).
  const indent = ' '.repeat(column);
  const prefixOnLine = text.slice(lineStartOf(text, first.keyStart), first.keyStart);
  const keyText = quotedKeys(text, m) ? JSON.stringify(key) : key;
  const eol = eolOf(text);
  let body: string;
  if (Array.isArray(value)) {
    body = `${indent}${keyText}:${eol}${value.map((x) => `${indent}  - ${yamlScalar(x)}`).join(eol)}`;
  } else {
    body = `${indent}${keyText}: ${yamlScalar(value as string | number | boolean)}`;
  }
  if (prefixOnLine.trim() !== '' && prefixOnLine.trim() !== '-') return undefined;
  // After the line that holds the end of the last entry (its trailing comment stays with it).
  const nl = text.indexOf('\n', Math.max(last.end - 1, 0));
  if (nl === -1) return { start: text.length, end: text.length, newText: `${eol}${body}` };
  return { start: nl + 1, end: nl + 1, newText: `${body}${eol}` };
}

/** Apply edits to a text (last first, so offsets stay valid). For tests and the CLI. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
