/**
 * The line map of a template: offsets <-> line/character positions, and the engine's text edits turned
 * into ranges, for the text of ONE document version. The one definition for the editor (ranges of
 * diagnostics, hovers, lenses, quick fixes), the findings' line/column (CLI, SARIF) and the cursor.
 *
 * The line starts come from yaml's `LineCounter` when the parser reads the text (`ParsedTemplate.lineStarts`);
 * `lineStartsOf` computes the same list for a text that is not parsed (not a template).
 *
 * Offsets and characters are UTF-16 code units, like VS Code's `TextDocument.offsetAt`. Lines end at
 * `\n`; a `\r` before it belongs to the line break, so a position never points between `\r` and `\n`
 * (VS Code does the same).
 */
import type { LocatedRange, TextRange } from './types.ts';

export interface Pos {
  readonly line: number;
  readonly character: number;
}

export interface PosRange {
  readonly start: Pos;
  readonly end: Pos;
}

/** Offsets where each line starts (what yaml's `LineCounter` records while parsing). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Length of a line's content, without its `\n` or `\r\n`. */
function lineLength(text: string, starts: readonly number[], line: number): number {
  const start = starts[line] ?? text.length;
  const next = starts[line + 1];
  if (next === undefined) return text.length - start;
  const brk = next - 1; // the '\n'
  return (brk > start && text.charCodeAt(brk - 1) === 13 ? brk - 1 : brk) - start;
}

/** Position of an offset; offsets outside the text are clamped, and one inside a `\r\n` goes before it. */
export function offsetToPosition(text: string, starts: readonly number[], offset: number): Pos {
  const o = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= o) lo = mid;
    else hi = mid - 1;
  }
  const character = Math.min(o - (starts[lo] ?? 0), lineLength(text, starts, lo));
  return { line: lo, character };
}

/** Offset of a position; lines and characters past the end are clamped to the text. */
export function positionToOffset(text: string, starts: readonly number[], pos: Pos): number {
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return text.length;
  const start = starts[pos.line] ?? 0;
  return start + Math.max(0, Math.min(pos.character, lineLength(text, starts, pos.line)));
}

/** A range with its 0-based line and column at both ends (the findings' `range`). */
export function locate(t: { readonly text: string; readonly lineStarts: readonly number[] }, range: TextRange): LocatedRange {
  const end = Math.max(range.start, range.end);
  const a = offsetToPosition(t.text, t.lineStarts, range.start);
  const b = offsetToPosition(t.text, t.lineStarts, end);
  return { start: range.start, end, line: a.line, column: a.character, endLine: b.line, endColumn: b.character };
}

/** An edit as the engine gives it: replace [start, end) of the linted text with newText. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface RangeEdit {
  readonly range: PosRange;
  readonly newText: string;
}

export type EditConversion = { readonly ok: true; readonly edits: RangeEdit[] } | { readonly ok: false; readonly reason: string };

/**
 * Convert the engine's edits, computed against the text of `editsVersion`, to ranges for a document now
 * at `documentVersion`. Refuses (with a reason a user can read) when the document changed since the
 * edits were computed, when an edit falls outside the text, or when two edits overlap: applying any of
 * those would corrupt the file.
 */
export function convertEdits(
  text: string,
  starts: readonly number[],
  edits: readonly OffsetEdit[],
  editsVersion: number,
  documentVersion: number,
): EditConversion {
  if (editsVersion !== documentVersion) {
    return { ok: false, reason: 'The template changed since this fix was computed; run the quick fix again.' };
  }
  if (edits.length === 0) return { ok: false, reason: 'This fix has no edits.' };
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let previousEnd = -1;
  const out: RangeEdit[] = [];
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > text.length) {
      return { ok: false, reason: `A fix edit falls outside the template (${e.start}–${e.end} of ${text.length} characters).` };
    }
    if (e.start < previousEnd) return { ok: false, reason: 'The fix has overlapping edits; it was not applied.' };
    previousEnd = e.end;
    out.push({ range: { start: offsetToPosition(text, starts, e.start), end: offsetToPosition(text, starts, e.end) }, newText: e.newText });
  }
  return { ok: true, edits: out };
}

/** Apply offset edits to a text (what the editor will show after the fix), for previews and tests. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
