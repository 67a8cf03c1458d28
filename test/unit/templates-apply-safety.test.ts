// "Apply recommended values" never breaks a template (issue 12 §3): a text without a final newline, CRLF line
// endings, a byte-order mark, tabs after a colon, and YAML anchors/aliases shared by several resources. Each
// case is checked on the result as a user would: does it still parse, did the values land where a person
// expects, and was nothing changed behind the user's back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { advise } from '../../src/engine/index.ts';
import type { Design } from '../../src/engine/design.ts';
import { applyEdits } from '../../src/engine/templates/edits.ts';
import { designEdits } from '../../src/engine/templates/index.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';

const base = (() => {
  const r = advise(JSON.parse(readFileSync(new URL('../../examples/scenarios/sqs-worker-database.json', import.meta.url), 'utf8')));
  assert.ok(r.ok);
  return r.design;
})();

/** An SQS design with hand-picked values (so the expected text is read off the test). */
const design: Design = {
  ...base,
  memoryMb: 2048,
  timeoutSeconds: 20,
  architecture: 'arm64',
  batching: { batchSize: 10, maximumBatchingWindowSeconds: 3, reportBatchItemFailures: true, expectedRecordsPerBatch: 5 },
  concurrency: { ...base.concurrency, reserved: null, maximumConcurrency: 25 },
  errorHandling: { ...base.errorHandling, queue: { visibilityTimeoutSeconds: 123, maxReceiveCount: 7, deadLetterQueue: true } },
};

function applyTo(text: string, id: string) {
  const r = designEdits(parseTemplate(text), id, design);
  const after = applyEdits(text, r.edits);
  const doc = parseDocument(after);
  return { ...r, after, errors: doc.errors.map((e) => e.message.split('\n')[0]), js: doc.toJS() as unknown };
}

/** The value at a path of plain data (undefined when a step is missing). */
function dig(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

const LAST_NO_NEWLINE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Events:
        Q:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:us-east-1:123456789012:q
            BatchSize: 1`;

test('no final newline, the function last, a nested ScalingConfig to insert: the result parses and MaximumConcurrency sits under ScalingConfig', () => {
  const r = applyTo(LAST_NO_NEWLINE, 'Worker');
  assert.deepEqual(r.errors, [], r.after);
  const q = dig(r.js, 'Resources', 'Worker', 'Properties', 'Events', 'Q', 'Properties');
  assert.deepEqual(dig(q, 'ScalingConfig'), { MaximumConcurrency: 25 });
  assert.equal(dig(q, 'BatchSize'), 10);
  assert.equal(dig(r.js, 'Resources', 'Worker', 'Properties', 'MemorySize'), 2048);
  assert.match(r.after, /\n {12}ScalingConfig:\n {14}MaximumConcurrency: 25/);
  // Re-applying finds nothing left to do.
  assert.deepEqual(applyTo(r.after, 'Worker').edits, []);
});

test('CRLF line endings are kept: every inserted line ends in CRLF, none in a bare LF', () => {
  const crlf = `${LAST_NO_NEWLINE}\n`.replace(/\n/g, '\r\n');
  const r = applyTo(crlf, 'Worker');
  assert.deepEqual(r.errors, [], r.after);
  assert.ok(r.edits.length > 0);
  assert.equal(/(?<!\r)\n/.test(r.after), false, `a bare LF in:\n${JSON.stringify(r.after)}`);
  assert.deepEqual(dig(r.js, 'Resources', 'Worker', 'Properties', 'Architectures'), ['arm64']);
  // Without a final line break too.
  const r2 = applyTo(LAST_NO_NEWLINE.replace(/\n/g, '\r\n'), 'Worker');
  assert.deepEqual(r2.errors, [], r2.after);
  assert.equal(/(?<!\r)\n/.test(r2.after), false, JSON.stringify(r2.after));
});

test('a byte-order mark and tabs after the colons are kept, the values replaced in place', () => {
  const text = `\uFEFFTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      MemorySize:\t1024\n      Timeout:\t30\n`;
  const r = applyTo(text, 'Fn');
  assert.deepEqual(r.errors, [], r.after);
  assert.ok(r.after.startsWith('\uFEFFTransform:'));
  assert.match(r.after, /MemorySize:\t2048\n/);
  assert.match(r.after, /Timeout:\t20\n/);
});

const ANCHORED = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      MemorySize: &mem 512
      Timeout: 30
  Invoices:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      MemorySize: *mem
      Timeout: 30
  Refunds:
    Type: AWS::Serverless::Function
    Properties: &props
      Runtime: nodejs20.x
      Timeout: 30
  Returns:
    Type: AWS::Serverless::Function
    Properties: *props
`;

test('an anchored value is never changed behind the user\u2019s back: skipped, naming every resource that shares it', () => {
  const r = applyTo(ANCHORED, 'Orders');
  assert.deepEqual(r.errors, []);
  assert.equal(dig(r.js, 'Resources', 'Invoices', 'Properties', 'MemorySize'), 512, 'Invoices keeps its memory');
  assert.equal(dig(r.js, 'Resources', 'Orders', 'Properties', 'MemorySize'), 512);
  assert.equal(dig(r.js, 'Resources', 'Orders', 'Properties', 'Timeout'), 20, 'the plain value is still applied');
  const skip = r.skipped.find((s) => s.property === 'MemorySize');
  assert.ok(skip, JSON.stringify(r.skipped));
  assert.match(skip.reason, /&mem/);
  assert.match(skip.reason, /Invoices/);
  assert.equal(r.changes.some((c) => c.property === 'MemorySize'), false);
});

test('an alias is never replaced (it would silently stop sharing): skipped, naming where the anchor is', () => {
  const r = applyTo(ANCHORED, 'Invoices');
  assert.deepEqual(r.errors, []);
  assert.equal(dig(r.js, 'Resources', 'Orders', 'Properties', 'MemorySize'), 512);
  assert.equal(dig(r.js, 'Resources', 'Invoices', 'Properties', 'MemorySize'), 512);
  const skip = r.skipped.find((s) => s.property === 'MemorySize');
  assert.ok(skip, JSON.stringify(r.skipped));
  assert.match(skip.reason, /\*mem/);
  assert.match(skip.reason, /Orders/);
});

test('no insertion into an anchored map: the other function using it would change too', () => {
  const r = applyTo(ANCHORED, 'Refunds');
  assert.deepEqual(r.errors, []);
  assert.equal(dig(r.js, 'Resources', 'Returns', 'Properties', 'MemorySize'), undefined, 'Returns unchanged');
  assert.equal(dig(r.js, 'Resources', 'Returns', 'Properties', 'Timeout'), 30);
  assert.equal(r.edits.length, 0, r.after);
  const skip = r.skipped.find((s) => s.property === 'MemorySize');
  assert.ok(skip, JSON.stringify(r.skipped));
  assert.match(skip.reason, /&props/);
  assert.match(skip.reason, /Returns/);
});

test('an anchor no alias uses shares nothing: its value is applied like any other', () => {
  const text = ANCHORED.replace('      MemorySize: *mem\n', '      MemorySize: 256\n');
  const r = applyTo(text, 'Orders');
  assert.deepEqual(r.errors, []);
  assert.equal(dig(r.js, 'Resources', 'Orders', 'Properties', 'MemorySize'), 2048);
  assert.match(r.after, /MemorySize: &mem 2048\n/);
  assert.equal(dig(r.js, 'Resources', 'Invoices', 'Properties', 'MemorySize'), 256);
});
