// `lambda-advisor apply`: "Apply Recommended Values" from a terminal. Each test runs the CLI in-process on a
// real file in a temporary folder and checks what a user sees: the diff, the file on disk, the exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { EXAMPLES, run } from './cli-helpers.ts';

const SQS = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
# Keep this comment.
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      MemorySize: 1024 # tuned
      Timeout: 30
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn
            BatchSize: 1
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 1
  Dlq:
    Type: AWS::SQS::Queue
`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lda-apply-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('without --write: the unified diff of the exact edits and the list of changes; the file is untouched; the assumed workload is said', async () => {
  const dir = folder({ 'template.yaml': SQS });
  const file = join(dir, 'template.yaml');
  const r = await run(['apply', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(file, 'utf8'), SQS, 'nothing written without --write');
  assert.match(r.stdout, /^--- .*template\.yaml\n\+\+\+ .*template\.yaml\n@@ -\d+,\d+ \+\d+,\d+ @@/);
  assert.match(r.stdout, /^- {12}BatchSize: 1$/m);
  assert.match(r.stdout, /^\+ {12}BatchSize: \d+$/m);
  assert.match(r.stdout, /changes \(not written; add --write to apply them\)/);
  assert.match(r.stdout, /Worker › Orders event › BatchSize: 1 → \d+/);
  assert.match(r.stdout, /OrdersQueue › VisibilityTimeout: 60 → \d+/);
  assert.match(r.stderr, /Assumed workload/);
  // An assumed workload never lowers the tuned memory or the timeout: they stay, and stderr says why.
  assert.equal(/MemorySize|Timeout: 30/.test(r.stdout.replace(/VisibilityTimeout/g, '')), false, r.stdout);
  assert.match(r.stderr, /Worker › MemorySize kept at 1024 \(the design for the assumed workload says \d+\): lowering it on a guess risks an out-of-memory error/);
  assert.match(r.stderr, /Worker › Timeout kept at 30 .*risks timeouts/);
  // The queue's visibility timeout follows the timeout that stays: 6 × 30 s plus the batching window.
  assert.match(r.stdout, /OrdersQueue › VisibilityTimeout: 60 → 18\d\b/);
  // The diff is a real patch: `patch` turns the original into exactly what --write writes.
  const patched = join(dir, 'patched.yaml');
  writeFileSync(patched, SQS);
  const diff = r.stdout.slice(0, r.stdout.indexOf('\n\n') + 1);
  execFileSync('patch', ['-s', patched], { input: diff });
  const w = await run(['apply', file, '--write']);
  assert.equal(w.code, 0, w.stderr);
  assert.equal(readFileSync(file, 'utf8'), readFileSync(patched, 'utf8'));
});

test('--write: the file is replaced atomically, still parses, keeps the comments; applying again changes nothing', async () => {
  const dir = folder({ 'template.yaml': SQS });
  const file = join(dir, 'template.yaml');
  const r = await run(['apply', file, '--write']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Applied \d+ changes to /);
  const after = readFileSync(file, 'utf8');
  assert.notEqual(after, SQS);
  assert.deepEqual(parseDocument(after).errors, []);
  assert.match(after, /# Keep this comment\./);
  assert.match(after, /MemorySize: 1024 # tuned/);
  assert.deepEqual(readdirSync(dir), ['template.yaml'], 'no temporary file left beside it');
  const again = await run(['apply', file]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /already has the recommended values for Worker; nothing to change/);
  assert.equal(again.stdout.includes('@@'), false);
  assert.equal(again.stderr.includes('Not changed'), false);
});

test('re-applying where a value can never be written (no RedrivePolicy to hold maxReceiveCount): exit 3, no diff, the reason on stderr', async () => {
  const dir = folder({ 'template.yaml': SQS.replace(/ {6}RedrivePolicy:\n.*\n.*\n/, '') });
  const file = join(dir, 'template.yaml');
  assert.equal((await run(['apply', file, '--write'])).code, 0);
  const again = await run(['apply', file]);
  assert.equal(again.code, 3);
  assert.equal(again.stdout, '');
  assert.match(again.stderr, /OrdersQueue › RedrivePolicy\.maxReceiveCount .*has no RedrivePolicy/);
});

test('--scenario: the workload given is used for the function, and says so', async () => {
  const dir = folder({ 'template.yaml': SQS });
  const r = await run(['apply', join(dir, 'template.yaml'), '--function', 'Worker', '--scenario', join(EXAMPLES, 'sqs-worker-database.json')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Workload from the scenario given/);
  assert.doesNotMatch(r.stderr, /Assumed workload/);
});

test('Metadata.LambdaAdvisor: the attached workload is used when no --scenario is given', async () => {
  const scenario = readFileSync(join(EXAMPLES, 'sqs-worker-database.json'), 'utf8');
  const withMeta = SQS.replace('    Type: AWS::Serverless::Function\n', `    Type: AWS::Serverless::Function\n    Metadata:\n      LambdaAdvisor: ${JSON.stringify(JSON.parse(scenario))}\n`);
  const dir = folder({ 'template.yaml': withMeta });
  const r = await run(['apply', join(dir, 'template.yaml')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Workload from Metadata\.LambdaAdvisor/);
});

test('invalid input is exit 2 with the problem named, and nothing is written', async () => {
  const dir = folder({ 'template.yaml': SQS, 'broken.yaml': `${SQS}  Bad: [unclosed\n`, 'notes.yaml': 'hello: world\n', 'bad.json': '{"source": "carrier-pigeon"}' });
  const file = join(dir, 'template.yaml');
  const unknown = await run(['apply', file, '--function', 'Nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Nope is not a Lambda function of .*template\.yaml \(functions: Worker\)/);
  const missing = await run(['apply', join(dir, 'missing.yaml')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read template .*missing\.yaml: no such file/);
  const broken = await run(['apply', join(dir, 'broken.yaml'), '--write']);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /YAML\/JSON error.*fix it first, nothing was changed/);
  assert.match(broken.stderr, /broken\.yaml:\d+:\d+: /);
  const notTemplate = await run(['apply', join(dir, 'notes.yaml')]);
  assert.equal(notTemplate.code, 2);
  assert.match(notTemplate.stderr, /is not a SAM or CloudFormation template/);
  const badScenario = await run(['apply', file, '--scenario', join(dir, 'bad.json'), '--write']);
  assert.equal(badScenario.code, 2);
  assert.match(badScenario.stderr, /invalid scenario/);
  assert.match(badScenario.stderr, /source/);
  assert.equal(readFileSync(file, 'utf8'), SQS);
});

test('exit 3 when every value to change is skipped (set with !Ref, shared through an anchor): the file is unchanged and each skip says why', async () => {
  const text = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Mem: {Type: Number}
  Arch: {Type: String}
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      MemorySize: !Ref Mem
      Timeout: &t 30
      Architectures: !Ref Arch
  B:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      MemorySize: !Ref Mem
      Timeout: *t
      Architectures: !Ref Arch
`;
  const dir = folder({ 'template.yaml': text });
  const file = join(dir, 'template.yaml');
  // A measured workload (an assumed one would keep the 30 s timeout anyway, never trying the anchor).
  const r = await run(['apply', file, '--write', '--scenario', join(EXAMPLES, 'api-backend.json')]);
  assert.equal(r.code, 3, `${r.stdout}\n${r.stderr}`);
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.match(r.stderr, /A › MemorySize .*set with !Ref Mem|A › MemorySize .*set with !Ref/);
  assert.match(r.stderr, /A › Timeout .*&t \(also used by B\)/);
  assert.match(r.stderr, /B › Timeout .*\*t \(the anchor is in A\)/);
  assert.match(r.stderr, /nothing could be applied .* without rewriting it; the file is unchanged/);
});

test('a template reached through a symbolic link is not replaced by a plain file', async () => {
  const dir = folder({ 'real.yaml': SQS });
  symlinkSync(join(dir, 'real.yaml'), join(dir, 'template.yaml'));
  const r = await run(['apply', join(dir, 'template.yaml'), '--write']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is a symbolic link; nothing was written/);
  assert.equal(readFileSync(join(dir, 'real.yaml'), 'utf8'), SQS);
});

test('apply is listed in the main help and has its own', async () => {
  const main = await run(['--help']);
  assert.match(main.stdout, /lambda-advisor apply <template>/);
  const own = await run(['help', 'apply']);
  assert.equal(own.code, 0);
  assert.match(own.stdout, /--write/);
  assert.match(own.stdout, /Exit codes: 0 done/);
});
