/**
 * The fast template reader (src/engine/templates/fast-yaml.ts) must read every text it accepts exactly
 * as the `yaml` package does: the same tree, values and offsets, and only texts `yaml` reads without an
 * error. Whatever it is unsure of it must leave to `yaml` (return undefined).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fastParse } from '../../src/engine/templates/fast-yaml.ts';
import { parseTemplate, SHORT_TAGS, yamlRootOf } from '../../src/engine/templates/parse.ts';
import type { TNode } from '../../src/engine/templates/types.ts';
import { corpus as allCorpus, corpusTest } from './corpus.ts';

const ROOT = join(__dirname, '..', '..');
// The corpus beside the project (./corpus.ts: skipped with the reason in a user's clone, a failure under CI).
const corpus = allCorpus.filter((c) => /\.ya?ml$/.test(c.name));
const FIXTURES = [
  'examples/templates/sqs-consumer-clean/template.yaml',
  'examples/templates/sqs-consumer-problems/template.yaml',
  'test/fixtures/e2e-templates/orders/template.yaml',
  ...readdirSync(join(ROOT, 'test/fixtures/templates/broken')).map((f) => `test/fixtures/templates/broken/${f}`),
].map((p) => ({ name: p, text: readFileSync(join(ROOT, p), 'utf8') }));

/** Undefined when the fast reader declined; else whether it agrees with `yaml` (with a reason when not). */
function agrees(text: string): { accepted: false } | { accepted: true; problem: string | null } {
  const fast = fastParse(text, SHORT_TAGS);
  if (fast === undefined) return { accepted: false };
  const y = yamlRootOf(text);
  if (y.errors.length > 0) return { accepted: true, problem: `yaml reports ${y.errors[0]?.message ?? ''}, the fast reader accepted it` };
  try {
    assert.deepStrictEqual(fast, y.root);
    return { accepted: true, problem: null };
  } catch (e) {
    return { accepted: true, problem: e instanceof Error ? e.message.slice(0, 2000) : String(e) };
  }
}

function tree(text: string): TNode | undefined {
  return fastParse(text, SHORT_TAGS);
}

test('the fast reader reads the corpus as yaml does, and takes most of it', corpusTest, () => {
  let accepted = 0;
  for (const { name, text } of corpus) {
    const r = agrees(text);
    if (!r.accepted) continue;
    accepted++;
    assert.equal(r.problem, null, `${name}: ${r.problem ?? ''}`);
  }
  // Today 459 of 498; a change that makes it decline much more would make lint slow again.
  assert.ok(accepted >= corpus.length * 0.85, `fast reader took ${accepted} of ${corpus.length} templates`);
});

test('the fixtures and examples read the same either way', () => {
  for (const { name, text } of FIXTURES) {
    const r = agrees(text);
    if (r.accepted) assert.equal(r.problem, null, `${name}: ${r.problem ?? ''}`);
  }
  // The clean examples are plain YAML: the fast reader takes them.
  assert.ok(agrees(FIXTURES[0]?.text ?? '').accepted);
  assert.ok(agrees(FIXTURES[1]?.text ?? '').accepted);
});

// Edits a user makes while typing, and the YAML features the fast reader leaves to `yaml`.
const SNIPPETS = [' ', '  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '!Ref ', '!GetAtt ', '!Sub |', '|', '>', '|-', '>-', '|+', '&a ', '*a', '?', '\t', '\r', '\n', '\n\n', '---\n', 'null', '~', '0x1F', '0o17', '1e3', '.5', '.inf', 'True', '"\\u00e9"', '"\\q"', "''", '\\', 'x: y', '[a, b,]', '{a: 1}', '%', '@', '`'];

function mutate(text: string, ops: ReadonlyArray<{ at: number; del: number; ins: string }>): string {
  let t = text;
  for (const { at, del, ins } of ops) {
    const i = Math.floor(at * t.length);
    t = t.slice(0, i) + ins + t.slice(i + del);
  }
  return t;
}

function mutationProperty(texts: readonly string[], runs: number): void {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: texts.length - 1 }),
      fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), del: fc.integer({ min: 0, max: 3 }), ins: fc.constantFrom(...SNIPPETS) }), { minLength: 1, maxLength: 3 }),
      (k, ops) => {
        const text = mutate(texts[k] ?? '', ops);
        const r = agrees(text);
        if (r.accepted) assert.equal(r.problem, null, `${JSON.stringify(text)}\n${r.problem ?? ''}`);
      },
    ),
    { numRuns: runs },
  );
}

test('edited templates: the fast reader agrees with yaml or leaves the text to it', () => {
  mutationProperty(FIXTURES.map((f) => f.text), 3000);
});

test('edited corpus templates: the fast reader agrees with yaml or leaves the text to it', corpusTest, () => {
  mutationProperty(corpus.map((c) => c.text), 3000);
});

test('values: plain scalars resolve as YAML 1.2 core (numbers, booleans, null), tagged and quoted ones stay strings', () => {
  const t = tree(
    [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'A: 30',
      'B: -1.5',
      'C: true',
      'D: ~',
      'E: 0x1F',
      'F: 0o17',
      'G: 1e3',
      'H: "30"',
      "I: 'it''s'",
      'J: !Ref 30',
      'K: arn:aws:sqs:us-east-1:123:q # comment',
      'L:',
      '200: ok',
      'M: "a\\tb\\u00e9"',
      '',
    ].join('\n'),
  );
  assert.ok(t !== undefined && t.kind === 'map');
  const v = Object.fromEntries(t.entries.map((e) => [e.key, e.value?.kind === 'scalar' ? e.value.value : e.value?.kind === 'fn' && e.value.arg?.kind === 'scalar' ? `fn:${String(e.value.arg.value)}` : e.value?.kind]));
  assert.deepEqual(v, { AWSTemplateFormatVersion: '2010-09-09', A: 30, B: -1.5, C: true, D: null, E: 31, F: 15, G: 1000, H: '30', I: "it's", J: 'fn:30', K: 'arn:aws:sqs:us-east-1:123:q', L: null, '200': 'ok', M: 'a\tbé' });
});

test('block scalars: literal keeps lines, folded joins them, chomping as written', () => {
  const text = ['Code: |', '  exports.handler = async () => {', '    return 1;', '  };', '', 'Desc: >-', '  one', '  two', '', '  three', 'Sub: !Sub |', '  ${AWS::Region}', 'End: 1', ''].join('\n');
  const t = tree(text);
  assert.ok(t !== undefined && t.kind === 'map');
  const [code, desc, sub] = t.entries;
  assert.deepEqual(code?.value?.kind === 'scalar' ? code.value.value : null, 'exports.handler = async () => {\n  return 1;\n};\n');
  assert.deepEqual(desc?.value?.kind === 'scalar' ? desc.value.value : null, 'one two\nthree');
  assert.equal(sub?.value?.kind, 'fn');
  assert.equal(agrees(text).accepted, true);
  assert.equal((agrees(text) as { problem: string | null }).problem, null);
});

test('intrinsic functions in short and long form, flow collections over several lines, trailing commas', () => {
  const text = [
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Role: !GetAtt Role.Arn',
    '      Layers: [!Ref Layer, "arn:aws:lambda:us-east-1:123:layer:x:1",]',
    '      Env: {"Fn::If": [IsProd, {"Ref": "A"}, !Ref "AWS::NoValue"]}',
    '      Policy: [{',
    '        "Effect": "Allow",  # why',
    '        "Action": ["sqs:SendMessage"]',
    '        }]',
    '      Join: !Join',
    '        - ""',
    '        - - a',
    '          - !Ref B',
    '',
  ].join('\n');
  const r = agrees(text);
  assert.deepEqual(r, { accepted: true, problem: null });
  const parsed = parseTemplate(text);
  assert.equal(parsed.isTemplate, true);
  assert.equal(parsed.errors.length, 0);
});

test('what the fast reader leaves to yaml: anchors, tabs, CRLF, documents, multi-line scalars, odd keys', () => {
  const declined = [
    'A: &x 1\nB: *x\n',
    'A:\n\tB: 1\n',
    'A: 1\r\nB: 2\r\n',
    '---\nA: 1\n',
    'A: one\n  two\n',
    'A: "one\n  two"\n',
    '? A\n: 1\n',
    'A: !Unknown x\n',
    'A: b: c\n',
    'A: [1,\n2]\n',
  ];
  for (const text of declined) assert.equal(tree(text), undefined, JSON.stringify(text));
  // And parseTemplate still reads them (through yaml), with its errors where yaml has some.
  assert.equal(parseTemplate('AWSTemplateFormatVersion: "2010-09-09"\nA: &x 1\nB: *x\n').isTemplate, true);
});
