/**
 * A unified diff of two texts, line by line (Myers' O(ND) algorithm, the one `diff` and git use), for
 * `lambda-advisor apply` to show the exact edits before writing them. Line breaks are part of the lines,
 * so a CRLF or a missing final newline shows as a change (with git's "\ No newline at end of file").
 * Pure: no `fs`.
 */

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** Lines with their line breaks (the last one may have none). */
function linesOf(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl + 1;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

/** The edit script between two line lists (shortest, Myers). */
function script(a: readonly string[], b: readonly string[]): Op[] {
  // Common head and tail first: apply edits touch a few lines of long files.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Array<Map<number, number>> = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
      let i = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v.set(k, i);
      if (i >= n && j >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the trace.
  const middle: Op[] = [];
  let i = n;
  let j = m;
  for (let d = trace.length - 1; d >= 0 && (i > 0 || j > 0); d--) {
    const vd = trace[d] ?? new Map<number, number>();
    const k = i - j;
    const down = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1));
    const pk = down ? k + 1 : k - 1;
    const pi = vd.get(pk) ?? 0;
    const pj = pi - pk;
    while (i > pi && j > pj) {
      middle.push({ kind: ' ', line: x[--i] ?? '' });
      j--;
    }
    if (d > 0) {
      if (down) middle.push({ kind: '+', line: y[--j] ?? '' });
      else middle.push({ kind: '-', line: x[--i] ?? '' });
    }
  }
  middle.reverse();
  return [...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })), ...middle, ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line }))];
}

function show(op: Op): string {
  const body = op.line.endsWith('\n') ? op.line : `${op.line}\n\\ No newline at end of file\n`;
  return `${op.kind}${body}`;
}

/**
 * `--- a/<from>` / `+++ b/<to>` and one `@@` hunk per group of changes with `context` lines around them;
 * the empty string when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, fromName: string, toName = fromName, context = 3): string {
  if (before === after) return '';
  const ops = script(linesOf(before), linesOf(after));
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const side = (prefix: string, name: string) => (name.startsWith('/') ? name : `${prefix}/${name}`);
  let out = `--- ${side('a', fromName)}\n+++ ${side('b', toName)}\n`;
  let idx = 0;
  while (idx < changed.length) {
    const first = changed[idx] ?? 0;
    let last = first;
    while (idx + 1 < changed.length && (changed[idx + 1] ?? 0) - last <= 2 * context + 1) last = changed[++idx] ?? last;
    idx++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    let oldStart = 1;
    let newStart = 1;
    for (let i = 0; i < from; i++) {
      const k = ops[i]?.kind;
      if (k !== '+') oldStart++;
      if (k !== '-') newStart++;
    }
    const hunk = ops.slice(from, to + 1);
    const oldLen = hunk.filter((o) => o.kind !== '+').length;
    const newLen = hunk.filter((o) => o.kind !== '-').length;
    const range = (start: number, len: number) => `${len === 0 ? start - 1 : start}${len === 1 ? '' : `,${len}`}`;
    out += `@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@\n${hunk.map(show).join('')}`;
  }
  return out;
}
