import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { hoverAt } from '../../src/engine/templates/hover.ts';
import { lintParsed, lintTemplate } from '../../src/engine/templates/lint.ts';
import { nodeAt, parseTemplate } from '../../src/engine/templates/parse.ts';
import { corpus, corpusTest } from './corpus.ts';

// Paths from this file (test/unit/): the corpus sits beside the project (./corpus.ts), the fixtures in test/fixtures.
const BROKEN = join(__dirname, '..', 'fixtures', 'templates', 'broken');

function files(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}


test('every corpus template is recognised, parses and lints without an exception or a rule error', corpusTest, () => {
  assert.ok(corpus.length >= 400, `corpus has ${corpus.length} templates`);
  let findings = 0;
  for (const { name, text } of corpus) {
    const r = lintTemplate(text, name);
    assert.equal(r.isTemplate, true, `${name} is a template`);
    assert.deepEqual(r.ruleErrors, [], name);
    findings += r.findings.length;
    for (const f of r.findings) assert.ok(f.range.end <= text.length, `${name} ${f.ruleId} range`);
  }
  assert.ok(findings > 0);
});

test('the whole corpus parses and lints in bounded time (about 2 s on a quiet machine)', corpusTest, () => {
  const t0 = performance.now();
  for (const { text } of corpus) lintParsed(parseTemplate(text));
  const ms = performance.now() - t0;
  // ~1.8 s on a quiet 2-core machine; the bound catches a quadratic blow-up even when other jobs share the CPU.
  assert.ok(ms < 15_000, `corpus took ${ms.toFixed(0)} ms`);
});

test('quick fixes on corpus findings apply cleanly: the fixed template still parses and the finding is gone', corpusTest, () => {
  let applied = 0;
  for (const { name, text } of corpus) {
    for (const f of lintTemplate(text).findings) {
      if (f.fix === undefined) continue;
      let out = text;
      for (const e of [...f.fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
      const after = lintTemplate(out, name, { only: [f.ruleId] });
      assert.ok(after.parseErrors.length <= lintTemplate(text).parseErrors.length, `${name} ${f.ruleId}: fix broke the YAML`);
      assert.ok(!after.findings.some((g) => g.resource === f.resource && g.property === f.property), `${name} ${f.ruleId} ${f.resource} still reported after its fix`);
      applied++;
    }
  }
  assert.ok(applied > 50, `${applied} fixes applied`);
});

test('broken templates (truncated, wrong types, tabs, duplicate keys, anchors, BOM/CRLF) never throw', () => {
  const broken = files(BROKEN);
  assert.ok(broken.length >= 6);
  for (const { name, text } of broken) {
    const p = parseTemplate(text);
    const r = lintParsed(p);
    assert.deepEqual(r.ruleErrors, [], `${name}: ${JSON.stringify(r.ruleErrors)}`);
    for (let o = 0; o <= text.length; o += 7) {
      hoverAt(p, o);
      nodeAt(p, o);
    }
  }
  // What parses still gets advice: the truncated template's MemorySize 10 is below the limit.
  const truncated = lintTemplate(readFileSync(join(BROKEN, 'truncated.yaml'), 'utf8'));
  assert.ok(truncated.findings.some((f) => f.ruleId === 'LDA601'));
  const truncatedJson = lintTemplate(readFileSync(join(BROKEN, 'truncated.json'), 'utf8'));
  assert.ok(truncatedJson.parseErrors.length > 0, 'a truncated JSON template reports a parse error');
  // Duplicate keys: the last one wins, as in CloudFormation (here the second `Fn` is a queue).
  assert.equal(parseTemplate(readFileSync(join(BROKEN, 'duplicate-keys.yaml'), 'utf8')).resources.get('Fn')?.type, 'AWS::SQS::Queue');
  const dupTimeout = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 10\n      Timeout: 2000\n";
  assert.ok(lintTemplate(dupTimeout).findings.some((f) => f.ruleId === 'LDA602'));
});

test('5 MB of noise (generated here, not committed) does not throw', () => {
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = 'abcXYZ019 :-_!&*|>{}[]#"\'\t\n\\AWS::Type';
  const parts: string[] = ['AWSTemplateFormatVersion: x\nResources:\n'];
  let size = 0;
  while (size < 5 * 1024 * 1024) {
    const len = 1 + Math.floor(rnd() * 80);
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    parts.push(s);
    size += len;
  }
  const noise = parts.join('');
  const t0 = performance.now();
  const r = lintTemplate(noise);
  assert.ok(Array.isArray(r.findings));
  assert.ok(performance.now() - t0 < 60_000);
});

test('random mutations of real templates (truncation, deletion, insertion) never throw', corpusTest, () => {
  const samples = corpus.filter((_, i) => i % 25 === 0).map((c) => c.text);
  const insertions = ['\t', '!Ref ', '- ', ': ', '{', ']', '"', '\n  ', '&a ', '*a', '!GetAtt ', '#', '\u0000', 'AWS::'];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: samples.length - 1 }),
      fc.array(fc.tuple(fc.constantFrom('truncate', 'delete', 'insert'), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: insertions.length - 1 })), {
        minLength: 1,
        maxLength: 6,
      }),
      (i, ops) => {
        let text = samples[i] ?? '';
        for (const [op, where, what] of ops) {
          const at = Math.floor(where * text.length);
          if (op === 'truncate') text = text.slice(0, at);
          else if (op === 'delete') text = text.slice(0, at) + text.slice(at + 1 + (what % 5));
          else text = text.slice(0, at) + (insertions[what] ?? '') + text.slice(at);
        }
        const p = parseTemplate(text);
        const r = lintParsed(p);
        assert.deepEqual(r.ruleErrors, []);
        hoverAt(p, Math.floor(text.length / 2));
        hoverAt(p, text.length);
      },
    ),
    { numRuns: 150, seed: 5 },
  );
});

test('a 2,000-resource template parses and lints in linear time (bench target: 200 ms on an idle machine)', () => {
  let text = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n";
  for (let i = 0; i < 1000; i++) {
    text += `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      MemorySize: 512\n      Timeout: 30\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q${i}.Arn\n            BatchSize: 10\n  Q${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 60\n`;
  }
  const t0 = performance.now();
  const r = lintParsed(parseTemplate(text));
  const ms = performance.now() - t0;
  assert.equal(r.findings.filter((f) => f.ruleId === 'LDA101').length, 1000);
  // Measured 250–400 ms on a quiet machine (the yaml parser is most of it); generous for a shared CPU.
  assert.ok(ms < 8000, `parse + lint took ${ms.toFixed(0)} ms`);
});
