import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyOffsetEdits,
  convertEdits,
  lineStartsOf,
  offsetToPosition,
  positionToOffset,
} from '../../src/engine/templates/lines.ts';

const yaml = 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n';

test('offsets map to the line and character VS Code shows', () => {
  const s = lineStartsOf(yaml);
  assert.deepEqual(offsetToPosition(yaml, s, 0), { line: 0, character: 0 });
  // "Fn" starts on the second line after two spaces.
  assert.deepEqual(offsetToPosition(yaml, s, yaml.indexOf('Fn:')), { line: 1, character: 2 });
  assert.deepEqual(offsetToPosition(yaml, s, yaml.indexOf('AWS::')), { line: 2, character: 10 });
  // The end of the text is the start of the (empty) last line.
  assert.deepEqual(offsetToPosition(yaml, s, yaml.length), { line: 3, character: 0 });
});

test('offsets outside the text are clamped, never a negative or past-the-end position', () => {
  const s = lineStartsOf(yaml);
  assert.deepEqual(offsetToPosition(yaml, s, -5), { line: 0, character: 0 });
  assert.deepEqual(offsetToPosition(yaml, s, 10_000), { line: 3, character: 0 });
  assert.deepEqual(offsetToPosition(yaml, s, Number.NaN), { line: 0, character: 0 });
  assert.equal(positionToOffset(yaml, s, { line: 99, character: 0 }), yaml.length);
  assert.equal(positionToOffset(yaml, s, { line: 0, character: 999 }), 'Resources:'.length);
  assert.equal(positionToOffset(yaml, s, { line: -1, character: 3 }), 0);
});

test('CRLF files: a position never falls between \\r and \\n, and lines end before the \\r', () => {
  const crlf = 'A: 1\r\nB: 2\r\n';
  const s = lineStartsOf(crlf);
  assert.deepEqual(offsetToPosition(crlf, s, crlf.indexOf('\r')), { line: 0, character: 4 });
  assert.deepEqual(offsetToPosition(crlf, s, crlf.indexOf('\n')), { line: 0, character: 4 });
  assert.deepEqual(offsetToPosition(crlf, s, crlf.indexOf('B')), { line: 1, character: 0 });
  assert.equal(positionToOffset(crlf, s, { line: 0, character: 50 }), 4);
});

test('characters are UTF-16 code units, as in VS Code (an emoji counts 2)', () => {
  const t = 'D: "🙂x"\n';
  const s = lineStartsOf(t);
  assert.deepEqual(offsetToPosition(t, s, t.indexOf('x')), { line: 0, character: 6 });
});

test('property: position -> offset -> position round-trips for every offset not inside a line break', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', ' ', ':', '\n', '\r\n', '-', '#', 'é'), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const s = lineStartsOf(text);
      for (let o = 0; o <= text.length; o++) {
        const p = offsetToPosition(text, s, o);
        const back = positionToOffset(text, s, p);
        const insideBreak = text[o] === '\n' && text[o - 1] === '\r';
        if (!insideBreak) assert.equal(back, o, `offset ${o} in ${JSON.stringify(text)}`);
        else assert.equal(back, o - 1);
        assert.ok(p.line < s.length);
      }
    }),
  );
});

test('edits convert to ranges against the same version and apply to the expected text', () => {
  const text = 'Resources:\n  Q:\n    Properties:\n      VisibilityTimeout: 30 # keep\n';
  const s = lineStartsOf(text);
  const start = text.indexOf('30');
  const edits = [{ start, end: start + 2, newText: '180' }];
  const r = convertEdits(text, s, edits, 7, 7);
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.deepEqual(r.edits, [{ range: { start: { line: 3, character: 25 }, end: { line: 3, character: 27 } }, newText: '180' }]);
  // Only the value changes; the comment and every other line stay.
  assert.equal(applyOffsetEdits(text, edits), 'Resources:\n  Q:\n    Properties:\n      VisibilityTimeout: 180 # keep\n');
});

test('a fix computed for an older version is refused, not applied to moved text', () => {
  const text = 'A: 1\n';
  const r = convertEdits(text, lineStartsOf(text), [{ start: 3, end: 4, newText: '2' }], 3, 4);
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.reason, /changed since/);
});

test('edits outside the text, reversed or overlapping are refused with a reason', () => {
  const text = 'A: 1\nB: 2\n';
  const s = lineStartsOf(text);
  const out = convertEdits(text, s, [{ start: 8, end: 40, newText: 'x' }], 1, 1);
  assert.equal(out.ok, false);
  if (!out.ok) assert.match(out.reason, /outside the template/);
  assert.equal(convertEdits(text, s, [{ start: 4, end: 2, newText: 'x' }], 1, 1).ok, false);
  const overlap = convertEdits(text, s, [{ start: 0, end: 4, newText: 'x' }, { start: 3, end: 5, newText: 'y' }], 1, 1);
  assert.equal(overlap.ok, false);
  if (!overlap.ok) assert.match(overlap.reason, /overlapping/);
  assert.equal(convertEdits(text, s, [], 1, 1).ok, false);
});

test('several edits (an insertion and a replacement) are sorted and both apply', () => {
  const text = 'Q:\n  A: 1\n';
  const s = lineStartsOf(text);
  const edits = [
    { start: text.length, end: text.length, newText: '  B: 2\n' },
    { start: text.indexOf('1'), end: text.indexOf('1') + 1, newText: '5' },
  ];
  const r = convertEdits(text, s, edits, 2, 2);
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.edits.map((e) => e.range.start), [{ line: 1, character: 5 }, { line: 2, character: 0 }]);
  assert.equal(applyOffsetEdits(text, edits), 'Q:\n  A: 5\n  B: 2\n');
});
