// A multi-line flow collection closed at its key's column (`CustomStatements: [{` … `}]`) is read as cfn-lint
// and CloudFormation read it (PyYAML), not as a "YAML/JSON error" that hides every resource after it; the
// ranges still point at the user's bytes (issue 12 §7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../src/engine/templates/lint.ts';
import { get, getPath, parseTemplate, str } from '../../src/engine/templates/parse.ts';
import { corpus, corpusTest } from './corpus.ts';

const TEXT = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      Auth:
        ResourcePolicy:
          CustomStatements: [{
            "Effect": "Allow",
            "Principal": "*"
          }]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Policies:
        - Statement:
          - Effect: Allow
            Resource: [
            "arn:aws:s3:::a",
            "arn:aws:s3:::b"
            ]
      MemorySize: 1024
`;

test('flow collections closed at the key\u2019s column parse without error, and ranges point at the original text', () => {
  const t = parseTemplate(TEXT);
  assert.deepEqual(t.errors.map((e) => e.message), []);
  assert.deepEqual([...t.resources.keys()], ['Api', 'Fn']);
  const effect = getPath(t.resources.get('Api')?.properties, 'Auth', 'ResourcePolicy', 'CustomStatements');
  assert.equal(effect?.kind, 'seq');
  const memory = get(t.resources.get('Fn')?.properties, 'MemorySize');
  assert.ok(memory);
  assert.equal(TEXT.slice(memory.start, memory.end), '1024');
  const statement = effect?.kind === 'seq' ? effect.items[0] : undefined;
  assert.equal(str(get(statement?.kind === 'map' ? statement : null, 'Effect')), 'Allow');
  assert.equal(lintTemplate(TEXT).parseErrors.length, 0);
});

test('the three corpus templates cfn-lint accepts but were "YAML/JSON error" now parse', corpusTest, () => {
  for (const name of ['apigw-lambda-rust.yaml', 'apigw-ses-transformation.yaml', 'systems-manager-automation-to-stepfunctions.yaml']) {
    const file = corpus.find((f) => f.name === name);
    assert.ok(file, name);
    assert.deepEqual(parseTemplate(file.text).errors.map((e) => e.message), [], name);
  }
});
