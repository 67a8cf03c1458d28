// `lambda-advisor scaffold … --insert` (issue 12 §2): into a folder that already has a template.yaml, the
// generated Parameters, Resources and Outputs it lacks are added, keeping every byte of the user's file; the
// other files follow the usual rules (refused without --force, exit 3); one transaction either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { EXAMPLES, run } from './cli-helpers.ts';

const sqsExample = join(EXAMPLES, 'sqs-worker-database.json');

const MINE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
# The team's template: keep this comment, the quoting and the order.
Resources:
  ExistingBucket:
    Type: "AWS::S3::Bucket"   # ours
Outputs:
  BucketName:
    Value: !Ref ExistingBucket
`;

test('--insert into a folder holding only template.yaml: the resources are added after the user\u2019s bytes, the other files created, exit 0', async () => {
  const out = mkdtempSync(join(tmpdir(), 'lda-insert-'));
  writeFileSync(join(out, 'template.yaml'), MINE);
  const r = await run(['scaffold', sqsExample, '--out', out, '--iac', 'sam', '--insert']);
  assert.equal(r.code, 0, r.stderr);
  const after = readFileSync(join(out, 'template.yaml'), 'utf8');
  // Every byte of the user's file is still there, in order: the insertions only add lines.
  let at = 0;
  for (const line of MINE.split('\n')) {
    const i = after.indexOf(line, at);
    assert.ok(i >= at, `kept: ${JSON.stringify(line)}`);
    at = i + line.length;
  }
  const doc = parseDocument(after);
  assert.deepEqual(doc.errors, []);
  const resources = doc.toJS().Resources as Record<string, { Type: string }>;
  assert.ok(resources['ExistingBucket']);
  assert.ok(Object.values(resources).some((x) => x.Type === 'AWS::Serverless::Function'), Object.keys(resources).join(', '));
  assert.match(r.stdout, /inserted .*Resources\./);
  assert.ok(readdirSync(out).length > 1, 'the handler and the rest were created');
});

test('--insert when other generated files exist: exit 3 without --force, nothing written (template.yaml untouched too)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'lda-insert-'));
  writeFileSync(join(out, 'template.yaml'), MINE);
  writeFileSync(join(out, 'README.md'), 'mine\n');
  const r = await run(['scaffold', sqsExample, '--out', out, '--iac', 'sam', '--insert']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /README\.md/);
  assert.doesNotMatch(r.stderr, /^\s+template\.yaml$/m, 'template.yaml is not listed as a conflict: it takes the insertion');
  assert.equal(readFileSync(join(out, 'template.yaml'), 'utf8'), MINE);
  assert.equal(readFileSync(join(out, 'README.md'), 'utf8'), 'mine\n');
  assert.deepEqual(readdirSync(out).sort(), ['README.md', 'template.yaml']);
});

test('--insert into a template it cannot extend without rewriting it (flow style): exit 3, the reason, nothing written', async () => {
  const out = mkdtempSync(join(tmpdir(), 'lda-insert-'));
  const flow = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}\n';
  writeFileSync(join(out, 'template.yaml'), flow);
  mkdirSync(join(out, 'keep'));
  const r = await run(['scaffold', sqsExample, '--out', out, '--iac', 'sam', '--insert']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /flow/);
  assert.equal(readFileSync(join(out, 'template.yaml'), 'utf8'), flow);
  assert.deepEqual(readdirSync(out).sort(), ['keep', 'template.yaml']);
});

test('--insert is for SAM: with another dialect it is a usage error', async () => {
  const out = mkdtempSync(join(tmpdir(), 'lda-insert-'));
  const r = await run(['scaffold', sqsExample, '--out', out, '--iac', 'terraform', '--insert']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--insert .*SAM/);
});
