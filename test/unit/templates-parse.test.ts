import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, fnProp } from '../../src/engine/templates/model.ts';
import { asMap, get, nodeAt, parseTemplate, refTarget, str } from '../../src/engine/templates/parse.ts';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 20
    MemorySize: 512
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 1024
      Events:
        Q:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
      Environment:
        Variables:
          A: !Ref Queue
          B: !Sub '\${Queue.Arn}/x'
          C: !If [IsProd, !Ref Queue, !Ref AWS::NoValue]
          D: !Join
            - ':'
            - - a
              - !Ref Queue
          E: !Select {0: 1}
  Queue:
    Type: AWS::SQS::Queue
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !Sub
        - 'arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Name}'
        - Name: !GetAtt Queue.QueueName
  Invoke:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: { "Ref": "Fn" }
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt [Queue, Arn]
`;

test('short-form tags parse silently in scalar, sequence and mapping form', () => {
  const t = parseTemplate(SAM);
  assert.equal(t.isTemplate, true);
  assert.deepEqual(t.errors, []);
  const vars = asMap(get(asMap(get(t.resources.get('Fn')?.properties, 'Environment')), 'Variables'));
  const kinds = Object.fromEntries((vars?.entries ?? []).map((e) => [e.key, e.value?.kind === 'fn' ? e.value.name : e.value?.kind]));
  assert.deepEqual(kinds, { A: 'Ref', B: 'Fn::Sub', C: 'Fn::If', D: 'Fn::Join', E: 'Fn::Select' });
});

test('references resolve through Ref, GetAtt (both forms), Sub (with variables) and long form', () => {
  const t = parseTemplate(SAM);
  const model = buildModel(t);
  const fn = model.functions.get('Fn');
  assert.ok(fn);
  const kinds = fn.sources.map((s) => `${s.kind}:${s.ownerId}:${s.targetId}`).sort();
  // The SAM event and the event source mapping whose ARN is built with !Sub from the queue's name.
  assert.deepEqual(kinds, ['sqs:Fn:Queue', 'sqs:Mapping:Queue']);
  assert.equal(fn.invokeConfigs.map((r) => r.id).join(), 'Invoke');
  const vars = asMap(get(asMap(get(t.resources.get('Fn')?.properties, 'Environment')), 'Variables'));
  assert.deepEqual(refTarget(t, get(vars, 'B')), { id: 'Queue', attr: 'Arn' });
  assert.deepEqual(refTarget(t, get(vars, 'D')), { id: 'Queue' });
  // A Ref to a pseudo parameter or parameter is not a resource reference.
  assert.equal(refTarget(t, parseTemplate('Resources:\n  X:\n    Type: AWS::SQS::Queue\n    Properties:\n      Q: !Ref AWS::Region\n').resources.get('X')?.properties?.entries[0]?.value), null);
});

test('Globals apply to SAM functions, and the value records that it came from Globals', () => {
  const t = parseTemplate(SAM);
  const model = buildModel(t);
  const fn = model.functions.get('Fn');
  assert.ok(fn);
  const timeout = fnProp(model, fn, 'Timeout');
  assert.equal(timeout?.fromGlobals, true);
  assert.equal(timeout?.value?.kind === 'scalar' ? timeout.value.value : undefined, 20);
  const memory = fnProp(model, fn, 'MemorySize');
  assert.equal(memory?.fromGlobals, false);
  assert.equal(memory?.value?.kind === 'scalar' ? memory.value.value : undefined, 1024);
});

test('JSON templates go through the same path and keep exact ranges', () => {
  const json = JSON.stringify(
    { AWSTemplateFormatVersion: '2010-09-09', Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 30, Role: { 'Fn::GetAtt': ['R', 'Arn'] } } }, R: { Type: 'AWS::IAM::Role' } } },
    null,
    2,
  );
  const t = parseTemplate(json);
  assert.equal(t.isTemplate, true);
  const timeout = get(t.resources.get('Fn')?.properties, 'Timeout');
  assert.ok(timeout);
  assert.equal(json.slice(timeout.start, timeout.end), '30');
  assert.deepEqual(refTarget(t, get(t.resources.get('Fn')?.properties, 'Role')), { id: 'R', attr: 'Arn' });
});

test('templates are recognised by content, not file name', () => {
  assert.equal(parseTemplate('Resources:\n  B:\n    Type: AWS::S3::Bucket\n').isTemplate, true);
  assert.equal(parseTemplate('Transform:\n  - AWS::Serverless-2016-10-31\nResources: {}\n').isTemplate, true);
  assert.equal(parseTemplate('{"AWSTemplateFormatVersion": "2010-09-09"}').isTemplate, true);
  // Other YAML: a docker-compose, a GitHub workflow, a YAML that merely mentions AWS::.
  assert.equal(parseTemplate('services:\n  web:\n    image: nginx\n').isTemplate, false);
  assert.equal(parseTemplate('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n').isTemplate, false);
  assert.equal(parseTemplate('note: "AWS::Lambda::Function is a type"\nResources:\n  - a\n').isTemplate, false);
});

test('nodeAt gives the resource and property path under the cursor', () => {
  const t = parseTemplate(SAM);
  const at = nodeAt(t, SAM.indexOf('Queue: !GetAtt') + 2);
  assert.equal(at?.resource, 'Fn');
  assert.deepEqual(at?.propertyPath, ['Events', 'Q', 'Properties', 'Queue']);
  assert.equal(at?.onKey, true);
  const v = nodeAt(t, SAM.indexOf('MemorySize: 1024') + 'MemorySize: '.length + 1);
  assert.deepEqual(v?.propertyPath, ['MemorySize']);
  assert.equal(v?.onKey, false);
  assert.equal(v?.node?.kind === 'scalar' ? v.node.value : undefined, 1024);
  const g = nodeAt(t, SAM.indexOf('Timeout: 20') + 1);
  assert.equal(g?.resource, undefined);
  assert.deepEqual(g?.path, ['Globals', 'Function', 'Timeout']);
});

test('a malformed template yields what parses plus located errors, without throwing', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Timeout: 30
  Broken: [unclosed
`;
  const t = parseTemplate(text);
  assert.equal(t.isTemplate, true);
  assert.ok(t.errors.length > 0);
  assert.ok((t.errors[0]?.range.line ?? 0) >= 6, `error located at line ${t.errors[0]?.range.line}`);
  assert.equal(str(get(t.resources.get('Fn')?.body, 'Type')), 'AWS::Lambda::Function');
});
