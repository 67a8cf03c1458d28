/**
 * A fast reader for the YAML that CloudFormation and SAM templates are written in: block maps and
 * sequences, plain and quoted one-line scalars, literal and folded block scalars, flow collections
 * (over several lines too), the short-form intrinsic tags and comments. It builds the same tree, with the same
 * offsets, as `parse.ts` builds from the `yaml` package, more than ten times faster on a first call (the
 * `yaml` package's lexer, CST and document stages were most of a `lambda-advisor lint` run; measured
 * with `node --cpu-prof`).
 *
 * It is deliberately strict: on anything outside that subset (anchors and aliases, multi-line plain or
 * quoted scalars, `|+` and indentation indicators, directives, several documents, tabs, CRLF line
 * ends, explicit keys, unknown tags, any YAML error …) it gives up and returns `undefined`, and the caller
 * parses the text with the `yaml` package as before. So a template reads the same whichever parser
 * took it; the tests compare the two over the whole corpus and mutations of it.
 */
import type { TEntry, TNode } from './types.ts';

/** Thrown (and caught in `fastParse`) when the text leaves the subset this reader handles. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('outside the fast subset');
function bail(): never {
  throw UNSUPPORTED;
}

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const NL = 10;

// Plain scalars of YAML 1.2's core schema that are not strings (the `yaml` package's default tags).
const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_INF_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of an untagged plain scalar, as the core schema resolves it. */
function resolvePlain(s: string): string | number | boolean | null {
  const c = s.charCodeAt(0);
  // Only these can start a non-string: digits, sign, dot, ~, n/N, t/T, f/F, empty.
  if (s.length === 0) return null;
  if (!((c >= 48 && c <= 57) || c === 43 || c === DASH || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (NULL_RE.test(s)) return null;
  if (BOOL_RE.test(s)) return c === 116 || c === 84;
  if (OCT_RE.test(s)) return parseInt(s.substring(2), 8);
  if (INT_RE.test(s)) return parseInt(s, 10);
  if (HEX_RE.test(s)) return parseInt(s.substring(2), 16);
  if (NAN_INF_RE.test(s)) return s.endsWith('nan') || s.endsWith('NaN') || s.endsWith('NAN') ? NaN : s.charCodeAt(0) === DASH ? -Infinity : Infinity;
  if (EXP_RE.test(s) || FLOAT_RE.test(s)) return parseFloat(s);
  return s;
}

const DQ_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/**
 * A node read from the block structure, the line after it, and `tail`: where the `yaml` package ends
 * the node including what follows it on its line (its `range[2]`). A block collection's own end in
 * `yaml` is its last item's tail, which a tagged collection's fn node keeps (see parse.ts).
 */
interface Read {
  readonly node: TNode;
  readonly next: number;
  readonly tail: number;
}

interface Scalarish {
  readonly value: string | number | boolean | null;
  readonly start: number;
  readonly end: number;
}

class Reader {
  /** Start offset of each line; a sentinel at the end. */
  private readonly starts: number[] = [];
  private readonly lineCount: number;

  constructor(
    private readonly text: string,
    private readonly shortTags: Readonly<Record<string, string>>,
  ) {
    let i = 0;
    while (i <= text.length) {
      this.starts.push(i);
      const n = text.indexOf('\n', i);
      if (n === -1) break;
      i = n + 1;
    }
    this.lineCount = this.starts.length;
    this.starts.push(text.length + 1);
  }

  private lineEnd(line: number): number {
    const next = this.starts[line + 1] ?? this.text.length + 1;
    return Math.min(next - 1, this.text.length);
  }

  /** The offset after the line break that ends `line` (the text's length on the last line). */
  private lineTail(line: number): number {
    return Math.min(this.lineEnd(line) + 1, this.text.length);
  }

  private indentOf(line: number): number {
    const s = this.starts[line] ?? 0;
    const e = this.lineEnd(line);
    let i = s;
    while (i < e && this.text.charCodeAt(i) === SPACE) i++;
    return i - s;
  }

  /** True for a line that holds nothing but spaces or a comment. */
  private isBlank(line: number): boolean {
    const s = (this.starts[line] ?? 0) + this.indentOf(line);
    return s >= this.lineEnd(line) || this.text.charCodeAt(s) === HASH;
  }

  /** The next line at or after `line` with content, or lineCount. */
  private nextContent(line: number): number {
    while (line < this.lineCount && this.isBlank(line)) line++;
    return line;
  }

  parseDocument(): TNode {
    const first = this.nextContent(0);
    if (first >= this.lineCount) bail();
    if (this.indentOf(first) !== 0) bail();
    const { node, next } = this.blockNode(first, -1);
    if (this.nextContent(next) < this.lineCount) bail();
    if (node.kind !== 'map' && node.kind !== 'fn') bail();
    return node;
  }

  /**
   * The block node whose first line is `line` (a content line indented more than `parent`, or a
   * sequence at the parent's own indent). Returns the node and the first line after it.
   */
  private blockNode(line: number, parent: number): Read {
    const indent = this.indentOf(line);
    const at = (this.starts[line] ?? 0) + indent;
    if (this.isSeqItem(at)) return this.blockSeq(line, indent);
    if (indent <= parent) bail();
    return this.blockMapOrScalar(line, at, indent, parent);
  }

  private isSeqItem(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const c = this.text.charCodeAt(at + 1);
    return c === SPACE || c === NL || Number.isNaN(c);
  }

  /** A block map starting at column `indent` of `line` (`at` is its offset), or a lone scalar. */
  private blockMapOrScalar(line: number, at: number, indent: number, parent: number): Read {
    const key = this.tryKey(at, this.lineEnd(line));
    if (key === null) {
      // A scalar (or tagged node) on its own line under a key: `Description:\n  text`.
      return this.inlineValue(line, at, parent);
    }
    return this.blockMap(line, indent, key);
  }

  private blockMap(line: number, indent: number, firstKey: KeyToken): Read {
    const entries: TEntry[] = [];
    let key: KeyToken | null = firstKey;
    let cur = line;
    const mapStart = firstKey.start;
    let tail = mapStart;
    for (;;) {
      if (key === null) bail();
      const { value, next, tail: t } = this.valueAfterColon(cur, key.colon + 1, indent);
      tail = t;
      const end = value !== null ? Math.max(value.end, key.end) : key.end;
      entries.push({ key: key.key, keyStart: key.start, keyEnd: key.end, value, end });
      const n = this.nextContent(next);
      if (n >= this.lineCount) {
        cur = n;
        break;
      }
      const ind = this.indentOf(n);
      if (ind < indent) {
        cur = n;
        break;
      }
      if (ind > indent) bail();
      const at = (this.starts[n] ?? 0) + ind;
      if (this.isSeqItem(at)) {
        cur = n;
        break;
      }
      key = this.tryKey(at, this.lineEnd(n));
      cur = n;
    }
    const last = entries[entries.length - 1];
    const node = longForm({ kind: 'map', entries, flow: false, start: mapStart, end: last !== undefined ? last.end : mapStart });
    return { node, next: cur, tail };
  }

  /** The value of a block map entry whose `:` ends just before `from` on `line`. */
  private valueAfterColon(line: number, from: number, indent: number): { value: TNode | null; next: number; tail: number } {
    const e = this.lineEnd(line);
    let i = from;
    while (i < e && this.text.charCodeAt(i) === SPACE) i++;
    if (i >= e || this.text.charCodeAt(i) === HASH) {
      if (i < e && i === from) bail(); // `key:#x` is not a comment
      // Nothing on this line: a nested node on the following lines, or null.
      const n = this.nextContent(line + 1);
      if (n < this.lineCount) {
        const ind = this.indentOf(n);
        const at = (this.starts[n] ?? 0) + ind;
        if (ind > indent || (ind === indent && this.isSeqItem(at))) {
          const r = this.blockNode(n, indent);
          return { value: r.node, next: r.next, tail: r.tail };
        }
      }
      return { value: { kind: 'scalar', value: null, start: i, end: i }, next: line + 1, tail: i };
    }
    const r = this.inlineValue(line, i, indent);
    return { value: r.node, next: r.next, tail: r.tail };
  }

  /**
   * A value that starts on `line` at offset `at` (after `key: `, `- ` or on its own line): a tag, a
   * quoted or plain scalar, a flow collection or a block scalar. `parent` is the indent of the
   * collection that holds it: following lines indented more would continue it, which is unsupported.
   */
  private inlineValue(line: number, at: number, parent: number): Read {
    const e = this.lineEnd(line);
    const c = this.text.charCodeAt(at);
    if (c === 33 /* ! */) {
      let j = at + 1;
      while (j < e && this.text.charCodeAt(j) !== SPACE) j++;
      const tag = this.text.slice(at, j);
      const name = this.shortTags[tag.slice(1)];
      if (name === undefined) bail();
      let k = j;
      while (k < e && this.text.charCodeAt(k) === SPACE) k++;
      if (k >= e || this.text.charCodeAt(k) === HASH) {
        if (k < e && k === j) bail();
        // `!If` alone on its line: the tagged collection follows.
        const n = this.nextContent(line + 1);
        if (n >= this.lineCount) bail();
        if (this.indentOf(n) <= parent) bail();
        const inner = this.blockNode(n, parent);
        if (inner.node.kind === 'scalar') bail();
        // The fn node ends where `yaml` ends the collection: at its last item's tail.
        return { node: this.tagged(tag, name, inner.node, inner.tail), next: inner.next, tail: inner.tail };
      }
      const c2 = this.text.charCodeAt(k);
      if (c2 === 33) bail(); // two tags
      if (c2 === 124 || c2 === 62) {
        // `!Sub |`: the tag resolves the block scalar's text as it is.
        const r = this.blockScalar(line, k, e, parent);
        return { node: this.tagged(tag, name, r.node, r.node.end), next: r.next, tail: r.tail };
      }
      if (c2 === 91 || c2 === 123) {
        const { node, last } = this.flowValue(k, parent);
        return { node: this.tagged(tag, name, node, node.end), next: last + 1, tail: this.lineTail(last) };
      }
      const s = this.scalarOnLine(k, e, true);
      this.expectNoContinuation(line, parent);
      return { node: this.tagged(tag, name, { kind: 'scalar', value: s.value, start: s.start, end: s.end }, s.end), next: line + 1, tail: this.lineTail(line) };
    }
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(line, at, e, parent);
    if (c === 91 || c === 123) {
      const { node, last } = this.flowValue(at, parent);
      return { node, next: last + 1, tail: this.lineTail(last) };
    }
    const s = this.scalarOnLine(at, e, false);
    this.expectNoContinuation(line, parent);
    return { node: { kind: 'scalar', value: s.value, start: s.start, end: s.end }, next: line + 1, tail: this.lineTail(line) };
  }

  /** A flow collection as a block value: nothing but a comment may follow it; `last` is its last line. */
  private flowValue(at: number, parent: number): { node: TNode; last: number } {
    this.flowParent = parent;
    const { node, end } = this.flow(at);
    const last = this.lineOf(end);
    this.expectLineEnd(end, this.lineEnd(last));
    this.expectNoContinuation(last, parent);
    return { node, last };
  }

  /** The indent of the block collection that holds the flow collection being read. */
  private flowParent = -1;
  /** How many flow collections are open. */
  private flowDepth = 0;

  /** The line that holds offset `i`. */
  private lineOf(i: number): number {
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** `end`: where `yaml` ends the tagged node (its range[1]). */
  private tagged(tag: string, name: string, arg: TNode, end: number): TNode {
    // As parse.ts's Converter finds the tag: the last `!Tag` shortly before the node.
    const start = arg.start;
    const at = this.text.lastIndexOf(tag, start);
    const fnStart = at !== -1 && start - at <= tag.length + 8 ? at : start;
    return { kind: 'fn', name, arg, short: true, start: fnStart, end };
  }

  /** Only spaces, or spaces and a comment, from `i` to the end of the line. */
  private expectLineEnd(i: number, e: number): void {
    const j = i;
    while (i < e && this.text.charCodeAt(i) === SPACE) i++;
    if (i < e && (this.text.charCodeAt(i) !== HASH || i === j)) bail();
  }

  /** The next content line must not be indented more than `parent` (that would continue this value). */
  private expectNoContinuation(line: number, parent: number): void {
    const n = this.nextContent(line + 1);
    if (n < this.lineCount && this.indentOf(n) > parent) bail();
    // A blank (or comment) line directly after a scalar is fine; a more-indented line after it is not,
    // whatever lies between: nextContent skipped those.
  }

  /** A quoted or plain scalar that ends on this line, and nothing but a comment after it. */
  private scalarOnLine(at: number, e: number, isTagged: boolean): Scalarish {
    const c = this.text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const q = c === 34 ? this.doubleQuoted(at, e) : this.singleQuoted(at, e);
      this.expectLineEnd(q.end, e);
      return q;
    }
    // Plain: up to ` #` or the end of the line, trailing spaces trimmed.
    if (!plainStartOk(c, this.text.charCodeAt(at + 1))) bail();
    let end = e;
    const hash = this.find(' #', at, e);
    if (hash !== -1) end = hash;
    while (end > at && this.text.charCodeAt(end - 1) === SPACE) end--;
    const raw = this.text.slice(at, end);
    // `a: b: c` (a nested mapping) and `a: b:` are errors in YAML; leave them to the full parser.
    if (raw.includes(': ') || raw.endsWith(':')) bail();
    return { value: isTagged ? raw : resolvePlain(raw), start: at, end };
  }

  private singleQuoted(at: number, e: number): Scalarish {
    let out = '';
    let i = at + 1;
    for (;;) {
      const q = this.find("'", i, e);
      if (q === -1) bail(); // runs on over the line
      out += this.text.slice(i, q);
      if (this.text.charCodeAt(q + 1) === 39) {
        out += "'";
        i = q + 2;
        continue;
      }
      return { value: out, start: at, end: q + 1 };
    }
  }

  private doubleQuoted(at: number, e: number): Scalarish {
    let out = '';
    let i = at + 1;
    for (;;) {
      if (i >= e) bail();
      const c = this.text.charCodeAt(i);
      if (c === 34) return { value: out, start: at, end: i + 1 };
      if (c === 92 /* \ */) {
        const n = this.text[i + 1];
        if (n === undefined || i + 1 >= e) bail();
        const simple = DQ_ESCAPES[n];
        if (simple !== undefined) {
          out += simple;
          i += 2;
          continue;
        }
        const len = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
        if (len === 0) bail();
        const hex = this.text.slice(i + 2, i + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) bail();
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) bail();
        out += String.fromCodePoint(cp);
        i += 2 + len;
        continue;
      }
      // Copy a run of ordinary characters at once.
      let j = i + 1;
      while (j < e) {
        const d = this.text.charCodeAt(j);
        if (d === 34 || d === 92) break;
        j++;
      }
      out += this.text.slice(i, j);
      i = j;
    }
  }

  /**
   * A flow collection starting at `at` (`[` or `{`). It may run over several lines, each indented
   * more than `this.flowParent`; comments may follow a comma or an opening bracket.
   */
  private flow(at: number): { node: TNode; end: number } {
    this.flowDepth++;
    const r = this.flowCollection(at);
    this.flowDepth--;
    return r;
  }

  private flowCollection(at: number): { node: TNode; end: number } {
    const open = this.text.charCodeAt(at);
    const close = open === 91 ? 93 : 125;
    let i = this.skipFlowSpace(at + 1);
    if (open === 91) {
      const items: TNode[] = [];
      if (this.text.charCodeAt(i) === close) return { node: { kind: 'seq', items, flow: true, start: at, end: i + 1 }, end: i + 1 };
      for (;;) {
        const item = this.flowItem(i);
        items.push(item.node);
        i = this.skipFlowSpace(item.end);
        const c = this.text.charCodeAt(i);
        if (c === close) return { node: { kind: 'seq', items, flow: true, start: at, end: i + 1 }, end: i + 1 };
        if (c !== 44 /* , */) bail();
        i = this.skipFlowSpace(i + 1);
        if (this.text.charCodeAt(i) === close) return { node: { kind: 'seq', items, flow: true, start: at, end: i + 1 }, end: i + 1 }; // `[a, b,]`
      }
    }
    const entries: TEntry[] = [];
    if (this.text.charCodeAt(i) === close) return { node: { kind: 'map', entries, flow: true, start: at, end: i + 1 }, end: i + 1 };
    for (;;) {
      const c = this.text.charCodeAt(i);
      let key: Scalarish;
      if (c === 34 || c === 39) key = c === 34 ? this.doubleQuoted(i, this.eol(i)) : this.singleQuoted(i, this.eol(i));
      else key = this.flowPlain(i, false, true);
      let j = this.skipFlowSpace(key.end);
      if (this.text.charCodeAt(j) !== COLON) bail();
      // After a plain key the colon needs a space (or a flow indicator) after it.
      j = this.skipFlowSpace(j + 1);
      const value = this.flowItem(j);
      const k = typeof key.value === 'string' ? key.value : key.value === null ? '' : String(key.value);
      entries.push({ key: k, keyStart: key.start, keyEnd: key.end, value: value.node, end: Math.max(value.node.end, key.end) });
      i = this.skipFlowSpace(value.end);
      const d = this.text.charCodeAt(i);
      if (d === close) {
        return { node: longForm({ kind: 'map', entries, flow: true, start: at, end: i + 1 }), end: i + 1 };
      }
      if (d !== 44) bail();
      i = this.skipFlowSpace(i + 1);
      if (this.text.charCodeAt(i) === close) return { node: longForm({ kind: 'map', entries, flow: true, start: at, end: i + 1 }), end: i + 1 };
    }
  }

  /** Past spaces, line breaks and comments inside a flow collection, to the next token. */
  private skipFlowSpace(i: number): number {
    for (;;) {
      const c = this.text.charCodeAt(i);
      if (c === SPACE) i++;
      else if (c === HASH) {
        const p = this.text.charCodeAt(i - 1);
        if (p !== SPACE && p !== NL) bail();
        i = this.eol(i);
      } else if (c === NL) {
        i++;
        let ind = 0;
        while (this.text.charCodeAt(i) === SPACE) {
          i++;
          ind++;
        }
        const d = this.text.charCodeAt(i);
        // Lines inside must be indented more than the block around; only the outermost closing
        // bracket may sit at its indent.
        if (d !== NL && d !== HASH && ind <= this.flowParent && !(ind === this.flowParent && this.flowDepth === 1 && (d === 93 || d === 125))) bail();
      } else if (Number.isNaN(c)) bail(); // the text ends inside the collection
      else return i;
    }
  }

  /** The first `s` in [from, e), or -1 (indexOf would search on past the line). */
  private find(s: string, from: number, e: number): number {
    const c0 = s.charCodeAt(0);
    const last = e - s.length;
    for (let i = from; i <= last; i++) {
      if (this.text.charCodeAt(i) === c0 && (s.length === 1 || this.text.startsWith(s, i))) return i;
    }
    return -1;
  }

  /** The end of the line that holds offset `i`. */
  private eol(i: number): number {
    const n = this.text.indexOf('\n', i);
    return n === -1 ? this.text.length : n;
  }

  private flowItem(i: number): { node: TNode; end: number } {
    const e = this.eol(i);
    const c = this.text.charCodeAt(i);
    if (c === 91 || c === 123) return this.flow(i);
    if (c === 34 || c === 39) {
      const q = c === 34 ? this.doubleQuoted(i, this.eol(i)) : this.singleQuoted(i, this.eol(i));
      const after = this.skipFlowSpace(q.end);
      if (this.text.charCodeAt(after) === COLON) bail(); // `["a": b]`, a pair in a sequence
      return { node: { kind: 'scalar', value: q.value, start: q.start, end: q.end }, end: q.end };
    }
    if (c === 33) {
      let j = i + 1;
      while (j < e && this.text.charCodeAt(j) !== SPACE && this.text.charCodeAt(j) !== 44 && this.text.charCodeAt(j) !== 93 && this.text.charCodeAt(j) !== 125) j++;
      const tag = this.text.slice(i, j);
      const name = this.shortTags[tag.slice(1)];
      if (name === undefined || this.text.charCodeAt(j) !== SPACE) bail();
      const k = this.skipFlowSpace(j);
      const inner = this.text.charCodeAt(k);
      let arg: { node: TNode; end: number };
      if (inner === 91 || inner === 123) arg = this.flow(k);
      else if (inner === 34 || inner === 39) {
        const q = inner === 34 ? this.doubleQuoted(k, this.eol(k)) : this.singleQuoted(k, this.eol(k));
        arg = { node: { kind: 'scalar', value: q.value, start: q.start, end: q.end }, end: q.end };
      } else if (inner === 33) bail();
      else {
        const p = this.flowPlain(k, true, false);
        arg = { node: { kind: 'scalar', value: p.value, start: p.start, end: p.end }, end: p.end };
      }
      const after = this.skipFlowSpace(arg.end);
      if (this.text.charCodeAt(after) === COLON) bail();
      return { node: this.tagged(tag, name, arg.node, arg.node.end), end: arg.end };
    }
    const p = this.flowPlain(i, false, false);
    return { node: { kind: 'scalar', value: p.value, start: p.start, end: p.end }, end: p.end };
  }

  /** A plain scalar inside a flow collection: ends at `,` `]` `}`, ` #`, or a `:` that starts a value. */
  private flowPlain(i: number, isTagged: boolean, isKey: boolean): Scalarish {
    const e = this.eol(i);
    const c = this.text.charCodeAt(i);
    if (!plainStartOk(c, this.text.charCodeAt(i + 1)) || c === 44 || c === 93 || c === 125) bail();
    let j = i;
    while (j < e) {
      const d = this.text.charCodeAt(j);
      if (d === 44 || d === 91 || d === 93 || d === 123 || d === 125) break;
      if (d === COLON) {
        const n = this.text.charCodeAt(j + 1);
        if (n === SPACE || n === 44 || n === 91 || n === 93 || n === 123 || n === 125 || j + 1 >= e) {
          if (!isKey) bail(); // `[a: b]`: a pair in a sequence, or a map value with a colon
          break;
        }
      }
      if (d === HASH && this.text.charCodeAt(j - 1) === SPACE) bail(); // a comment inside a flow collection
      j++;
    }
    const d = this.text.charCodeAt(j);
    if (d === 91 || d === 123) bail();
    let end = j;
    while (end > i && this.text.charCodeAt(end - 1) === SPACE) end--;
    if (end === i) bail();
    const raw = this.text.slice(i, end);
    return { value: isTagged ? raw : resolvePlain(raw), start: i, end };
  }

  /** `|` or `>` with an optional chomping indicator, then the indented lines below. */
  private blockScalar(line: number, at: number, e: number, parent: number): Read {
    const folded = this.text.charCodeAt(at) === 62;
    let i = at + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const ind = this.text.charCodeAt(i);
    if (ind === DASH) {
      chomp = 'strip';
      i++;
    } else if (ind === 43 /* + */) {
      chomp = 'keep';
      i++;
    }
    const h = this.text.charCodeAt(i);
    if (i < e && h !== SPACE) bail(); // explicit indentation indicator, or junk
    this.expectLineEnd(i, e);
    // Content: the following lines indented more than the parent; blank lines inside belong to it.
    let contentIndent = -1;
    let firstContent = -1;
    let last = line; // last content line
    let n = line + 1;
    const lines: number[] = [];
    for (; n < this.lineCount; n++) {
      const s = this.starts[n] ?? 0;
      const le = this.lineEnd(n);
      const ind2 = this.indentOf(n);
      if (s + ind2 >= le) {
        // A blank line (spaces only).
        // A spaces-only line longer than the content indent holds spaces (literal) or is more indented
        // (folded); leading ones longer than the content's indent are an error. Rare: leave them.
        if (contentIndent !== -1 && ind2 > contentIndent) bail();
        lines.push(n);
        continue;
      }
      if (contentIndent === -1) {
        if (ind2 <= parent) break;
        contentIndent = ind2;
        firstContent = n;
      }
      if (ind2 < contentIndent) break;
      lines.push(n);
      last = n;
    }
    if (contentIndent === -1) bail(); // an empty block scalar
    for (const l of lines) {
      if (l >= firstContent) break;
      if (this.indentOf(l) > contentIndent) bail(); // a leading blank line indented more than the content
    }
    // Blank lines after the last content line are trailing (chomping decides); drop them from `lines`.
    while (lines.length > 0 && (lines[lines.length - 1] ?? 0) > last) lines.pop();
    const parts: string[] = [];
    for (const l of lines) {
      const s = this.starts[l] ?? 0;
      const le = this.lineEnd(l);
      parts.push(s + contentIndent >= le ? '' : this.text.slice(s + contentIndent, le));
    }
    let value: string;
    if (!folded) value = parts.join('\n');
    else {
      // Folding: a line break between two lines of text becomes a space, and k blank lines between
      // them k line breaks; next to a more-indented line (one that starts with a space) breaks stay.
      value = '';
      let blanks = 0;
      let prev: string | null = null;
      for (const p of parts) {
        if (p === '') {
          blanks++;
          continue;
        }
        if (prev === null) value += '\n'.repeat(blanks);
        else if (prev.charCodeAt(0) === SPACE || p.charCodeAt(0) === SPACE) value += '\n'.repeat(blanks + 1);
        else value += blanks === 0 ? ' ' : '\n'.repeat(blanks);
        value += p;
        blanks = 0;
        prev = p;
      }
    }
    if (chomp === 'clip') value += '\n';
    if (chomp === 'keep') bail(); // `|+` keeps trailing blank lines: rare, and its end offset differs
    const end = Math.min(this.lineEnd(last) + 1, this.text.length);
    return { node: { kind: 'scalar', value, start: at, end }, next: last + 1, tail: end };
  }

  private blockSeq(line: number, indent: number): Read {
    const items: TNode[] = [];
    let cur = line;
    const start = (this.starts[line] ?? 0) + indent;
    let tail = start;
    for (;;) {
      const at = (this.starts[cur] ?? 0) + indent;
      const e = this.lineEnd(cur);
      let i = at + 1;
      while (i < e && this.text.charCodeAt(i) === SPACE) i++;
      let next: number;
      if (i >= e || this.text.charCodeAt(i) === HASH) {
        if (i < e && i === at + 1) bail();
        const n = this.nextContent(cur + 1);
        if (n < this.lineCount && this.indentOf(n) > indent) {
          const r = this.blockNode(n, indent);
          items.push(r.node);
          next = r.next;
          tail = r.tail;
        } else {
          items.push({ kind: 'scalar', value: null, start: i, end: i });
          next = cur + 1;
          tail = i;
        }
      } else if (this.isSeqItem(i)) {
        // `- - a`: a sequence in a sequence, its items at the inner dash's column.
        const r = this.blockSeq(cur, i - (this.starts[cur] ?? 0));
        items.push(r.node);
        next = r.next;
        tail = r.tail;
      } else {
        const col = i - (this.starts[cur] ?? 0);
        const key = this.tryKey(i, e);
        if (key !== null) {
          const r = this.blockMap(cur, col, key);
          items.push(r.node);
          next = r.next;
          tail = r.tail;
        } else {
          const r = this.inlineValue(cur, i, indent);
          items.push(r.node);
          next = r.next;
          tail = r.tail;
        }
      }
      const n = this.nextContent(next);
      if (n >= this.lineCount) {
        cur = n;
        break;
      }
      const ind = this.indentOf(n);
      if (ind < indent) {
        cur = n;
        break;
      }
      if (ind > indent) bail();
      if (!this.isSeqItem((this.starts[n] ?? 0) + ind)) {
        cur = n;
        break;
      }
      cur = n;
    }
    const last = items[items.length - 1];
    return { node: { kind: 'seq', items, flow: false, start, end: last !== undefined ? last.end : start }, next: cur, tail };
  }

  /** A block map key at `at` followed by `:` (and a space or the end of the line), or null. */
  private tryKey(at: number, e: number): KeyToken | null {
    const c = this.text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const q = c === 34 ? this.doubleQuoted(at, e) : this.singleQuoted(at, e);
      let j = q.end;
      while (j < e && this.text.charCodeAt(j) === SPACE) j++;
      if (this.text.charCodeAt(j) !== COLON) return null;
      const n = this.text.charCodeAt(j + 1);
      if (!(n === SPACE || j + 1 >= e)) bail();
      return { key: String(q.value), start: at, end: q.end, colon: j };
    }
    if (!plainStartOk(c, this.text.charCodeAt(at + 1)) || c === 63 /* ? */) {
      if (c === 33 || c === 91 || c === 123 || c === 124 || c === 62) return null; // a tag, flow or block scalar value
      bail();
    }
    // Find `: ` or `:` at the end of the line before any ` #`.
    let j = at;
    const hash = this.find(' #', at, e);
    for (;;) {
      const k = this.find(':', j, e);
      if (k === -1) return null;
      if (hash !== -1 && hash < k) return null;
      const n = this.text.charCodeAt(k + 1);
      if (n === SPACE || k + 1 >= e) {
        let end = k;
        while (end > at && this.text.charCodeAt(end - 1) === SPACE) end--;
        if (end === at) bail();
        const raw = this.text.slice(at, end);
        if (raw.includes(' #')) bail();
        const v = resolvePlain(raw);
        return { key: v === null ? '' : String(v), start: at, end, colon: k };
      }
      j = k + 1;
    }
  }

}

interface KeyToken {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Offset of the `:`. */
  readonly colon: number;
}

/** Characters that cannot start a plain scalar (YAML indicators), except `-`, `?`, `:` before a non-space. */
function plainStartOk(c: number, next: number): boolean {
  switch (c) {
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return false;
    case DASH:
    case 63: // ?
    case COLON:
      return !(next === SPACE || next === NL || Number.isNaN(next));
    default:
      return !Number.isNaN(c) && c !== SPACE && c !== NL;
  }
}

/** `{Ref: X}` and `{"Fn::GetAtt": …}` become fn nodes, like their short forms (as parse.ts's longForm). */
function longForm(m: { kind: 'map'; entries: TEntry[]; flow: boolean; start: number; end: number }): TNode {
  if (m.entries.length !== 1) return m;
  const e = m.entries[0];
  if (e === undefined) return m;
  if (e.key === 'Ref' || e.key.startsWith('Fn::')) return { kind: 'fn', name: e.key, arg: e.value, short: false, start: m.start, end: m.end };
  return m;
}

/**
 * The template's root node, or undefined when the text is outside the subset (the caller then uses
 * the `yaml` package). `shortTags` maps `GetAtt` to `Fn::GetAtt` and so on.
 */
export function fastParse(text: string, shortTags: Readonly<Record<string, string>>): TNode | undefined {
  // Whole-text features this reader leaves to the full parser.
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  if (/^(?:---|\.\.\.|%)/m.test(text)) return undefined;
  if (/[&*][A-Za-z0-9_-]/.test(text) && /(?:^|[\s[{,:-])[&*][^\s]/m.test(text)) return undefined; // anchors / aliases
  try {
    return new Reader(text, shortTags).parseDocument();
  } catch {
    // Unsupported, or a mistake of this reader: either way the full parser decides.
    return undefined;
  }
}
