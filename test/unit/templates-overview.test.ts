// A template at a glance (the workspace view and the status bar): functions, their cost and findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText, templateNode, costLabel } from '../../src/engine/templates/overview.ts';
import { TemplateSession } from '../../src/engine/templates/session.ts';

const TEXT = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      MemorySize: 128
  Queue:
    Type: AWS::SQS::Queue
`;

test('each function with the CodeLens cost (assumed marked) and its own findings; the status text sums them', () => {
  const session = TemplateSession.open({ uri: 'file:///t.yaml', name: 't.yaml', version: 1, text: TEXT });
  const node = templateNode(session);
  assert.ok(node);
  assert.equal(node.functions.length, 1);
  const api = node.functions[0]!;
  assert.equal(api.id, 'Api');
  assert.equal(api.totalUsd, session.lenses().get('Api')!.totalUsd, 'the CodeLens figure');
  assert.equal(api.assumed, true);
  assert.ok(api.findings.length > 0 && api.findings.every((f) => f.finding.resource === 'Api'));
  assert.equal(node.findingCount, session.lint().findings.length);
  assert.equal(node.findingCount, api.findings.length + node.otherFindings.length);
  assert.match(statusText(node), /^≈ \$\d+\.\d\d\/mo \(assumed\) · \d+ findings?$/);
  assert.equal(costLabel(undefined, true), 'cost not estimated');
});

test('not a template, or a template without a function: nothing to show', () => {
  assert.equal(templateNode(TemplateSession.open({ uri: 'a', version: 1, text: 'name: x\n' })), undefined);
  assert.equal(templateNode(TemplateSession.open({ uri: 'b', version: 1, text: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n" })), undefined);
});
