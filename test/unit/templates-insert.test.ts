import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { advise } from '../../src/engine/index.ts';
import { scaffold } from '../../src/engine/scaffold/index.ts';
import { insertIntoTemplate } from '../../src/engine/templates/insert.ts';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'scenarios');

const GENERATED = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  SubnetIds:
    Type: List<AWS::EC2::Subnet::Id>
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: "index.handler: main"
      Role: !GetAtt WorkerRole.Arn
      Environment:
        Variables:
          QUEUE: !Ref Queue
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueUrl:
    Value: !Ref Queue
`;

const USER = `# Our production template: do not reformat.
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: "orders service"   # keep quoting

Resources:
    # The queue we already own.
    Queue:
        Type: AWS::SQS::Queue
        Properties: { VisibilityTimeout: 900 }   # flow style, ours
    Bucket:
        Type: AWS::S3::Bucket
        Properties:
            BucketName: !Sub '\${AWS::StackName}-data'
`;

/** Undo pure insertions (offsets in the original text) to get the original back. */
function withoutInsertions(text: string, insertions: readonly { offset: number; length: number; text: string }[]): string {
  let shift = 0;
  const inNew = insertions.map((ins) => {
    assert.equal(ins.length, 0, 'pure insertions into a block-style template');
    const at = ins.offset + shift;
    shift += ins.text.length;
    return { at, len: ins.text.length };
  });
  let out = text;
  for (const { at, len } of inNew.reverse()) out = out.slice(0, at) + out.slice(at + len);
  return out;
}

const loose = (text: string) => parse(text, { logLevel: 'silent' }) as Record<string, Record<string, unknown>>;

test('inserting keeps every byte of the user template (comments, quoting, flow style) and adds only what is missing', () => {
  const r = insertIntoTemplate(USER, GENERATED);
  assert.ok(r.ok, r.ok ? '' : r.message);
  // Removing the inserted text gives back the original byte for byte: nothing of theirs was touched.
  assert.equal(withoutInsertions(r.text, r.insertions), USER);
  for (const line of USER.split('\n')) assert.ok(r.text.includes(line), `kept: ${line}`);
  // Their Queue is kept as theirs (visibility 900), the generated Worker and the others are added.
  const merged = loose(r.text);
  assert.deepEqual((merged['Resources']!['Queue'] as { Properties: unknown }).Properties, { VisibilityTimeout: 900 });
  assert.ok(merged['Resources']!['Bucket']);
  assert.equal((merged['Resources']!['Worker'] as { Type: string }).Type, 'AWS::Serverless::Function');
  assert.ok(merged['Parameters']!['SubnetIds']);
  assert.ok(merged['Outputs']!['QueueUrl']);
  assert.deepEqual([...r.added].sort(), ['Outputs.QueueUrl', 'Parameters.SubnetIds', 'Resources.Worker']);
  assert.deepEqual(r.kept, ['Resources.Queue']);
  // The added function sits in Resources at the user's 4-space indentation, short tags intact.
  assert.match(r.text, /\n {4}Worker:\n {8}Type: AWS::Serverless::Function\n/);
  assert.match(r.text, /Role: !GetAtt WorkerRole\.Arn/);
  assert.match(r.text, /Handler: "index\.handler: main"/);
});

test('inserting twice changes nothing the second time (idempotent)', () => {
  const once = insertIntoTemplate(USER, GENERATED);
  assert.ok(once.ok);
  const twice = insertIntoTemplate(once.text, GENERATED);
  assert.ok(twice.ok);
  assert.equal(twice.text, once.text);
  assert.equal(twice.insertions.length, 0);
  assert.deepEqual(twice.added, []);
});

test('a template without a Resources map (only comments, a bare "Resources:", or "Resources: {}") gets the sections', () => {
  for (const start of ['# empty for now\n', '', 'Description: x\nResources:\n', 'Resources: {}  # nothing yet\nOutputs:\n  Existing:\n    Value: 1']) {
    const r = insertIntoTemplate(start, GENERATED);
    assert.ok(r.ok, `${JSON.stringify(start)}: ${r.ok ? '' : r.message}`);
    const merged = loose(r.text);
    assert.deepEqual(Object.keys(merged['Resources']!).sort(), ['Queue', 'Worker'], JSON.stringify(start));
    assert.equal(merged['Transform'] as unknown, 'AWS::Serverless-2016-10-31');
    if (start.startsWith('#')) assert.ok(r.text.startsWith('# empty for now\n'), 'the comment stays first');
    if (start.includes('Existing')) assert.deepEqual(Object.keys(merged['Outputs']!), ['Existing', 'QueueUrl']);
    const again = insertIntoTemplate(r.text, GENERATED);
    assert.ok(again.ok && again.text === r.text, 'idempotent');
  }
});

test('templates it cannot extend without rewriting them are refused with a message naming the problem', () => {
  const cases: Array<[string, RegExp]> = [
    ['Resources: [1, 2\n', /not valid YAML \(line \d+, column \d+\)/],
    ['- a\n- b\n', /not a YAML map of sections/],
    ['{Resources: {}}\n', /flow map/],
    ['Transform: AWS::LanguageExtensions\nResources:\n  A:\n    Type: AWS::SNS::Topic\n', /Transform without AWS::Serverless-2016-10-31/],
    ['Resources:\n  A:\n    Type: AWS::SNS::Topic\n---\nResources: {}\n', /2 YAML documents/],
    ['Resources: {A: {Type: AWS::SNS::Topic}}\n', /flow style/],
  ];
  for (const [text, message] of cases) {
    const r = insertIntoTemplate(text, GENERATED);
    assert.equal(r.ok, false, text);
    assert.match(r.ok ? '' : r.message, message, text);
    assert.match(r.ok ? '' : r.message, /nothing was changed|fix it first/);
  }
});

test('CRLF templates get CRLF insertions', () => {
  const crlf = USER.replace(/\n/g, '\r\n');
  const r = insertIntoTemplate(crlf, GENERATED);
  assert.ok(r.ok);
  assert.ok(!/[^\r]\n/.test(r.text), 'no bare LF');
});

test('the real generated SAM template inserts into a user template and the result holds every generated resource', () => {
  const design = advise(JSON.parse(readFileSync(join(EXAMPLES, 'sqs-worker-database.json'), 'utf8')));
  assert.ok(design.ok);
  const tpl = scaffold(design.design, { iac: 'sam', language: 'typescript' }).find((f) => f.path === 'template.yaml');
  assert.ok(tpl);
  const user = '# hand-written\nResources:\n  Legacy:   # old\n    Type: AWS::SNS::Topic\n';
  const r = insertIntoTemplate(user, tpl.contents);
  assert.ok(r.ok, r.ok ? '' : r.message);
  const merged = loose(r.text);
  const generated = loose(tpl.contents);
  for (const id of Object.keys(generated['Resources']!)) assert.deepEqual(merged['Resources']![id], generated['Resources']![id], id);
  assert.equal(withoutInsertions(r.text, r.insertions), user, 'the user part is untouched');
  assert.match(r.text, /\n {2}Legacy: {3}# old\n {4}Type: AWS::SNS::Topic\n/);
});
