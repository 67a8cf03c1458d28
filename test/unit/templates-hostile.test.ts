// Hostile templates (issue 12 §5): a billion-laughs alias bomb of a few hundred bytes and a deeply nested
// document go through every path that reads a template (lint, hover, lens, apply, insert into template.yaml)
// in bounded time and memory, and the user is told what is wrong instead of waiting on a frozen editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertIntoTemplate } from '../../src/engine/templates/insert.ts';
import { lintTemplate } from '../../src/engine/templates/lint.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';
import { applyToFunctions, TemplateSession } from '../../src/engine/templates/session.ts';

/** Nine levels of nine aliases each: 9^9 (387 million) leaves when expanded, in about 600 bytes. */
function bomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Metadata:
  Laughs:
${lines.map((l) => `    ${l}`).join('\n')}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Metadata:
      LambdaAdvisor: *a9
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      MemorySize: 1024
      Tags: *a9
`;
}

const GENERATED = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  NewFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
`;

/** Runs `f`, returning its result with the time it took and the heap it grew by. */
function measured<T>(f: () => T): { value: T; ms: number; heapMb: number } {
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1_048_576;
  return { value, ms, heapMb };
}

test('an alias bomb of ~600 bytes: lint, hover, lenses, apply and insert each finish under 2 s and 200 MB of heap', () => {
  const text = bomb();
  assert.ok(text.length < 1_000, `${text.length} bytes`);
  const session = TemplateSession.open({ uri: 'bomb.yaml', version: 0, text });

  const lint = measured(() => lintTemplate(text));
  const hover = measured(() => session.hover(text.indexOf('*a9')));
  const lens = measured(() => session.lenses());
  const apply = measured(() => applyToFunctions({ uri: 'bomb.yaml', version: 0, text }, ['Fn']));
  const insert = measured(() => insertIntoTemplate(text, GENERATED, 'template.yaml'));
  for (const [name, m] of Object.entries({ lint, hover, lens, apply, insert })) {
    assert.ok(m.ms < 2_000, `${name} took ${m.ms.toFixed(0)} ms`);
    assert.ok(m.heapMb < 200, `${name} grew the heap by ${m.heapMb.toFixed(0)} MB`);
  }
  // The user is told, not left with a frozen editor: the lint names the aliases.
  const finding = lint.value.findings.find((f) => /alias/i.test(f.message));
  assert.ok(finding, JSON.stringify(lint.value.findings.map((f) => f.message)));
  assert.match(finding.message, /expand/);
  // The insertion still works on the text (it never needs to expand the aliases): the user's bytes are kept.
  assert.equal(insert.value.ok, true, insert.value.ok ? '' : insert.value.message);
  if (insert.value.ok) assert.ok(insert.value.text.startsWith(text));
});

test('nesting 10,000 levels deep: a clear parse error, no stack overflow, nothing else read from it', () => {
  const deep = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Tags: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  const m = measured(() => parseTemplate(deep));
  assert.ok(m.ms < 2_000, `${m.ms.toFixed(0)} ms`);
  assert.ok(m.value.errors.some((e) => /nested deeper than \d+ levels/.test(e.message)), JSON.stringify(m.value.errors.map((e) => e.message)));
  const lint = lintTemplate(deep);
  assert.ok(lint.parseErrors.length > 0);
  const insert = insertIntoTemplate(deep, GENERATED, 'template.yaml');
  assert.equal(insert.ok, false);
  if (!insert.ok) assert.match(insert.message, /nested deeper than \d+ levels/);
});

test('a key written twice is a finding (cfn-lint reports it too), with the line of the first one', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: 512
      Timeout: 30
      MemorySize: 1024
`;
  const r = lintTemplate(text);
  const dup = r.findings.filter((f) => f.ruleId === 'LDA001');
  assert.equal(dup.length, 1, JSON.stringify(r.findings.map((f) => f.message)));
  assert.equal(dup[0]?.severity, 'error');
  assert.equal(dup[0]?.resource, 'Fn');
  assert.equal(dup[0]?.range.line, 7);
  assert.match(dup[0]?.message ?? '', /MemorySize is written twice in Resources\.Fn\.Properties \(first on line 6\)/);
  // A merge key (`<<`) and distinct keys are not duplicates.
  assert.deepEqual(lintTemplate(text.replace('      MemorySize: 1024\n', '')).findings.filter((f) => f.ruleId === 'LDA001'), []);
});
