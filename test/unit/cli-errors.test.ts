import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, oneFile } from './cli-helpers.ts';
import { parseJson } from '../../src/engine/json.ts';
import { printable } from '../../src/cli/io.ts';

const cases: Array<[string, string, RegExp]> = [
  ['NUL', '{"name": "a\u0000b"}', /line 1, column 12: a NUL character inside a string/],
  ['NaN', '{\n  "n": NaN\n}', /line 2, column 8: NaN and Infinity are not JSON numbers/],
  ['Infinity', '{"n": Infinity}', /line 1, column 7: NaN and Infinity are not JSON numbers/],
  ['-Infinity', '{"n": -Infinity}', /line 1, column 7: NaN and Infinity are not JSON numbers/],
  ['a comment', '{\n  // the name\n  "name": "x"\n}', /line 2, column 3: comments are not allowed in JSON/],
  ['single quotes', "{'name': 'x'}", /line 1, column 2: expected a property name in double quotes, found single quotes/],
  ['a trailing comma', '{"a": 1,\n}', /line 2, column 1: a trailing comma before "}"/],
  ['UTF-16', Buffer.from('{"name": "x"}', 'utf16le').toString('latin1'), /line 1, column 1: the file is UTF-16/],
  ['a binary', '\ufffd\ufffdPNG\u0000\u0001\u0002', /line 1, column 1: the file is UTF-16 \(or binary\)/],
  ['a raw line break in a string', '{"name": "a\nb"}', /line 1, column 12: a control character/],
  ['garbage after the value', '{"a": 1} x', /line 1, column 10: unexpected character 'x' after the end/],
];

for (const [what, text, expected] of cases) {
  test(`malformed JSON (${what}) is exit 2 with its line and column`, async () => {
    const r = await run(['recommend', 'bad.json'], { readFile: oneFile('bad.json', text) });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^lambda-advisor: bad\.json: invalid JSON at /);
    assert.match(r.stderr, expected);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.stderr, /[\u0000-\u0008\u000b-\u001f]/, 'no raw control character reaches the terminal');
  });
}

test('every JSON.parse failure gets a position (checked against V8 on random corruptions of a valid scenario)', () => {
  const valid = JSON.stringify({ name: 'x', source: 'sqs', traffic: { averagePerSecond: 1, peakPerSecond: 2 }, work: { averageDurationMs: 10, p99DurationMs: 20, measuredAtMemoryMb: 512 } }, null, 2);
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  for (let k = 0; k < 2_000; k++) {
    const at = rand(valid.length);
    const junk = ['', 'x', '"', ',', '}', '\u0000', '\u001b', '/'][rand(8)]!;
    const text = valid.slice(0, at) + junk + valid.slice(at + rand(3));
    let v8ok = true;
    try {
      JSON.parse(text);
    } catch {
      v8ok = false;
    }
    const r = parseJson(text);
    assert.equal(r.ok, v8ok, JSON.stringify(text));
    if (!r.ok) {
      assert.ok(r.line >= 1 && r.column >= 1 && r.offset <= text.length, JSON.stringify(r));
      assert.doesNotMatch(r.message, /^invalid JSON$/, JSON.stringify(text));
    }
  }
});

test('terminal escape sequences from the input are shown escaped, never echoed raw', async () => {
  const text = JSON.stringify({ name: 'x\u001b[31mred', source: 'sqs\u001b]0;title\u0007', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 1, p99DurationMs: 1, measuredAtMemoryMb: 128 } });
  const r = await run(['recommend', 'evil.json'], { readFile: oneFile('evil.json', text) });
  assert.equal(r.code, 2);
  assert.ok(!r.stderr.includes('\u001b'), JSON.stringify(r.stderr));
  assert.equal(printable('a\u001b[31mb\u0007'), 'a\\u001b[31mb\\u0007');
  assert.equal(printable('x'.repeat(600)).length < 560, true);
});

test('a scenario with thousands of bad entries lists 20 problems and counts the rest', async () => {
  const awsServices = Array.from({ length: 5_000 }, (_, i) => `bad-${i}`);
  const text = JSON.stringify({ name: 'x', source: 'sqs', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 1, p99DurationMs: 1, measuredAtMemoryMb: 128 }, network: { awsServices } });
  const r = await run(['recommend', 'many.json'], { readFile: oneFile('many.json', text) });
  assert.equal(r.code, 2);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1 + 20 + 1, r.stderr.slice(0, 500));
  assert.match(lines.at(-1) ?? '', /^ {2}… and 4980 more$/);
  assert.match(lines[0] ?? '', /invalid scenario \(5000 problems\)/);
});

test('a very large scenario file is refused before it is parsed, with its size', async () => {
  const text = `{"name": "x", "pad": "${'x'.repeat(5 * 1_048_576)}"}`;
  const t0 = performance.now();
  const r = await run(['recommend', 'huge.json'], { readFile: oneFile('huge.json', text) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /huge\.json: the scenario is 5\.0 MB; a scenario is one small JSON object \(at most 1 MB\)/);
  assert.ok(performance.now() - t0 < 2_000);
});
