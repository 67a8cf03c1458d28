// Rule LDA701: synchronous coupling between the functions of one template, chains shown whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../src/engine/templates/lint.ts';
import { hoverAt } from '../../src/engine/templates/hover.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';
import { corpus, corpusTest } from './corpus.ts';

const CHAIN = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrderApi:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Timeout: 10
      Policies:
        - LambdaInvokePolicy:
            FunctionName: !Ref Pricing
      Environment:
        Variables:
          PRICING_FUNCTION: !Ref Pricing
  Pricing:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Timeout: 10
      Policies:
        - Statement:
            - Effect: Allow
              Action: lambda:InvokeFunction
              Resource: !GetAtt Tax.Arn
  Tax:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Timeout: 5
      ReservedConcurrentExecutions: 5
`;

function lint(text: string) {
  const r = lintTemplate(text, 'template.yaml', { only: ['LDA701'] });
  assert.deepEqual(r.ruleErrors, []);
  return r.findings;
}

test('A invokes B invokes C (reserved concurrency): one finding naming A → B → C and the throttling risk carried back', () => {
  const f = lint(CHAIN);
  assert.equal(f.length, 1, JSON.stringify(f.map((x) => x.message)));
  const only = f[0]!;
  assert.equal(only.severity, 'warning');
  assert.equal(only.resource, 'OrderApi');
  assert.match(only.message, /OrderApi → Pricing → Tax/);
  assert.match(only.message, /Tax has ReservedConcurrentExecutions 5/);
  assert.match(only.message, /throttled/);
  assert.match(only.message, /back up the chain to OrderApi, then Pricing/);
  // The alternative for a chain: a state machine, or a queue / bus between each pair.
  assert.match(only.message, /Step Functions/);
  assert.match(only.message, /SQS/);
  assert.match(only.message, /EventBridge/);
  // Pricing waits 10 s on Tax's 5 s: fine; OrderApi's 10 s is not more than Pricing's 10 s: said.
  assert.match(only.message, /OrderApi times out after 10 s but waits on Pricing, which may run 10 s/);
  // Reported where the permission is written.
  assert.equal(CHAIN.slice(only.range.start, only.range.end), 'LambdaInvokePolicy');
});

test('two functions, no reserved concurrency: an info finding with the queue or event bus alternative', () => {
  const two = CHAIN.replace(/ {6}Policies:\n {8}- Statement:[\s\S]*?Resource: !GetAtt Tax.Arn\n/, '');
  const f = lint(two);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'info');
  assert.match(f[0]!.message, /Synchronous coupling: OrderApi → Pricing\./);
  assert.match(f[0]!.message, /InvocationType Event/);
});

test('a name in an environment variable counts only when the function may invoke functions at all', () => {
  const noPolicy = CHAIN.replace('      Policies:\n        - LambdaInvokePolicy:\n            FunctionName: !Ref Pricing\n', '');
  // OrderApi now only names Pricing and has no invoke permission: only Pricing → Tax remains.
  const f = lint(noPolicy);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /Synchronous coupling: Pricing → Tax\./);
  const withStar = noPolicy.replace('      Environment:', '      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: lambda:InvokeFunction\n              Resource: "*"\n      Environment:');
  const g = lint(withStar);
  assert.equal(g.length, 1);
  assert.match(g[0]!.message, /OrderApi → Pricing → Tax/);
  assert.match(g[0]!.message, /environment variable PRICING_FUNCTION/);
});

test('a durable function orchestrating others is the recommended shape, not a finding', () => {
  const durable = CHAIN.replace('      Timeout: 10\n      Policies:\n        - LambdaInvokePolicy', '      Timeout: 10\n      DurableConfig:\n        ExecutionTimeout: 3600\n      Policies:\n        - LambdaInvokePolicy');
  const f = lint(durable);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /Pricing → Tax/);
  assert.doesNotMatch(f[0]!.message, /OrderApi/);
});

test('a cycle is reported once and terminates', () => {
  const cycle = CHAIN.replace('ReservedConcurrentExecutions: 5\n', 'ReservedConcurrentExecutions: 5\n      Policies:\n        - LambdaInvokePolicy:\n            FunctionName: !Ref OrderApi\n');
  const f = lint(cycle);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /OrderApi → Pricing → Tax/);
});

test('hover on the policy shows the chain and the throttling risk', () => {
  const t = parseTemplate(CHAIN);
  const h = hoverAt(t, CHAIN.indexOf('LambdaInvokePolicy') + 3);
  assert.ok(h, 'a hover on LambdaInvokePolicy');
  assert.match(h.markdown, /OrderApi → Pricing → Tax/);
  assert.match(h.markdown, /Tax reserved concurrency 5/);
});

test('the corpus: only real direct invocations are reported (no durable orchestrators, no names passed to a scheduler)', corpusTest, () => {
  const hits: string[] = [];
  for (const { name, text } of corpus) for (const f of lintTemplate(text, name, { only: ['LDA701'] }).findings) hits.push(`${name}: ${f.message.split('.')[0]}`);
  assert.deepEqual(hits.sort(), [
    'lambda-lambda-sam-java.yaml: Synchronous coupling: LambdaRequest → LambdaResponse',
    'sqs-lambda-tenant-isolation-sam-py.yaml: Synchronous coupling: SQSProcessorFunction → TenantIsolatedFunction',
  ]);
});
