import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../src/engine/templates/hover.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';

const TEXT = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 30
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      MemorySize: 1024
      Architectures: [arm64]
      Events:
        Q:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 10
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      MemorySize: 1769
      Timeout: 60
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
`;
const t = parseTemplate(TEXT);

/** The hover at the n-th occurrence of `needle` (cursor one character in). */
function hover(needle: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = TEXT.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  const h = hoverAt(t, at + 1);
  assert.ok(h, `a hover at ${needle}`);
  assert.ok(TEXT.slice(h.range.start, h.range.end).length > 0);
  return h.markdown;
}

test('MemorySize: CloudFormation doc, limits, vCPU and the price of 1 M × 100 ms on the function\'s architecture', () => {
  const md = hover('MemorySize: 1024');
  assert.match(md, /^\*\*MemorySize\*\* · AWS::Serverless::Function/);
  assert.match(md, /Increasing the function memory also increases its CPU allocation/); // from the CloudFormation docs
  assert.match(md, /128–10,240 MB/);
  // 1024 / 1769 = 0.579 vCPU; 1 GB × 0.1 s × $0.0000133334 × 1e6 = $1.33 + $0.20 requests = $1.53 (arm64, us-east-1).
  assert.match(md, /≈ 0\.58 vCPU/);
  assert.match(md, /cost \$1\.53 on arm64 in us-east-1/);
  // x86_64 (default architecture) at 1,769 MB: 1.7275 GB × 0.1 × 0.0000166667 × 1e6 = $2.88 + $0.20 = $3.08.
  const x86 = hover('MemorySize: 1769');
  assert.match(x86, /≈ 1 vCPU/);
  assert.match(x86, /cost \$3\.08 on x86_64/);
});

test('Timeout: compared with the queue visibility timeout and with API Gateway\'s 29 s', () => {
  const g = hover('Timeout: 30');
  assert.match(g, /Globals\.Function/);
  assert.match(g, /visibility 60 s: needs ≥ 180 s/);
  const api = hover('Timeout: 60');
  assert.match(api, /\*\*60 s\*\* vs API Gateway REST 29 s: callers get a 504/);
});

test('BatchSize on an SQS event: limits and what a batch of 10 with no window does to invocations', () => {
  const md = hover('BatchSize: 10');
  assert.match(md, /event `Q`/);
  assert.match(md, /max 10,000; above 10 needs MaximumBatchingWindowInSeconds ≥ 1/);
  assert.match(md, /no batching window: .*invocations ≈ messages/);
  assert.match(md, /Without ReportBatchItemFailures/);
});

test('VisibilityTimeout on the queue: checked against each consumer', () => {
  const md = hover('VisibilityTimeout: 60');
  assert.match(md, /Default 30 s/);
  assert.match(md, /vs Fn \(timeout 30 s\): needs ≥ 180 s — too short/);
});

test('resource Type shows the resource doc and design advice; nothing outside resources or on non-templates', () => {
  const md = hover('AWS::SQS::Queue');
  assert.match(md, /visibility timeout ≥ 6 × function timeout/);
  assert.equal(hoverAt(t, TEXT.indexOf('Transform') + 2), null);
  assert.match(hover('Handler'), /^\*\*Handler\*\*[^]*handler/i);
  const other = parseTemplate('services:\n  web:\n    MemorySize: 1024\n');
  assert.equal(hoverAt(other, 20), null);
});

test('a scenario attached in Metadata.LambdaAdvisor prices the memory hover with that workload', () => {
  const text = `${TEXT}  Worker:
    Type: AWS::Serverless::Function
    Metadata:
      LambdaAdvisor:
        name: worker
        source: sqs
        architecture: arm64
        traffic: { requestsPerMonth: 1000000 }
        work: { averageDurationMs: 200, p99DurationMs: 400, measuredAtMemoryMb: 512 }
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Architectures: [arm64]
      MemorySize: 512
`;
  const p = parseTemplate(text);
  const h = hoverAt(p, text.indexOf('MemorySize: 512') + 2);
  // 1 M × (0.5 GB × 0.2 s × $0.0000133334 + $0.20 / 1 M) = $1.33 + $0.20 = $1.53 per month.
  assert.match(h?.markdown ?? '', /attached scenario \(1,000,000 requests\/month of 200 ms.*about \$1\.53\/month/);
});

test('hover after the first parse takes well under 5 ms on a 2,000-resource template', () => {
  let text = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n";
  for (let i = 0; i < 1000; i++) {
    text += `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      MemorySize: 512\n      Timeout: 30\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q${i}.Arn\n            BatchSize: 10\n  Q${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 180\n`;
  }
  const p = parseTemplate(text);
  const offsets = [text.indexOf('MemorySize'), text.indexOf('MemorySize', Math.floor(text.length / 2)), text.lastIndexOf('MemorySize')].map((x) => x + 2);
  hoverAt(p, offsets[0] ?? 0); // builds the model once
  const times: number[] = [];
  for (let k = 0; k < 30; k++) {
    for (const o of offsets) {
      const t0 = performance.now();
      assert.ok(hoverAt(p, o));
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Infinity;
  assert.ok(median < 5, `median hover ${median.toFixed(2)} ms`);
});
