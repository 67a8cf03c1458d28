// One SQS visibility-timeout formula: the recommendation, the template rule LDA101, its quick fix, the hover
// and "Apply recommended values" all give the same number for the same function timeout and window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise } from '../../src/engine/index.ts';
import { sqsVisibilityFor } from '../../src/engine/sqs-visibility.ts';
import { TemplateSession } from '../../src/engine/templates/session.ts';

test('6 × the function timeout + the batching window, capped at the SQS maximum of 12 hours', () => {
  assert.deepEqual(sqsVisibilityFor(30, 5), { wanted: 185, settable: 185, capped: false });
  assert.deepEqual(sqsVisibilityFor(900), { wanted: 5_400, settable: 5_400, capped: false });
  assert.deepEqual(sqsVisibilityFor(8_000, 0), { wanted: 48_000, settable: 43_200, capped: true });
});

test('the recommendation, the rule\'s fix, the hover and the applied design agree on the visibility timeout', () => {
  const r = advise({ name: 'fn', source: 'sqs', traffic: { averagePerSecond: 2, peakPerSecond: 20 }, work: { averageDurationMs: 100, p99DurationMs: 200, measuredAtMemoryMb: 1_024 } });
  assert.ok(r.ok);
  const d = r.design;
  const window = d.batching?.maximumBatchingWindowSeconds ?? 0;
  const expected = sqsVisibilityFor(d.timeoutSeconds, window).settable;
  assert.equal(d.errorHandling.queue?.visibilityTimeoutSeconds, expected, 'recommendation');

  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Timeout: ${d.timeoutSeconds}
      Events:
        Q:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            MaximumBatchingWindowInSeconds: ${window}
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
`;
  const s = TemplateSession.open({ uri: 'u', version: 0, text });
  const finding = s.lint().findings.find((f) => f.ruleId === 'LDA101');
  assert.ok(finding, 'LDA101 fires on a 30 s visibility timeout');
  assert.equal(finding.fix?.title, `Set VisibilityTimeout to ${expected}`, 'rule fix');
  const hover = s.hover(text.indexOf('30\n', text.indexOf('VisibilityTimeout')));
  assert.match(hover?.markdown ?? '', new RegExp(`needs ≥ ${expected.toLocaleString('en-US')} s`), 'hover');
  const applied = s.designEdits('Fn', d).changes.find((c) => c.property === 'VisibilityTimeout');
  assert.equal(applied?.to, String(expected), 'applied design');
});
