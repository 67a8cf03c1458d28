// designEdits: write a design's values into a function of a SAM/CloudFormation template with the fewest
// text edits. The designs below are real designs from recommend() with their knobs set to hand-picked values,
// so every expected number is read off the test itself, not copied from the code's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { advise } from '../../src/engine/index.ts';
import type { Design } from '../../src/engine/design.ts';
import { applyEdits } from '../../src/engine/templates/edits.ts';
import { designEdits } from '../../src/engine/templates/index.ts';
import { buildModel, fnProp } from '../../src/engine/templates/model.ts';
import { asSeq, bool, get, getPath, num, parseTemplate, str } from '../../src/engine/templates/parse.ts';
import type { TextEdit } from '../../src/engine/templates/types.ts';

const scenariosDir = new URL('../../examples/scenarios/', import.meta.url);

function designFrom(file: string): Design {
  const r = advise(JSON.parse(readFileSync(new URL(file, scenariosDir), 'utf8')));
  assert.ok(r.ok, `${file} is a valid scenario`);
  return r.design;
}

const SQS_BASE = designFrom('sqs-worker-database.json');
const STREAM_BASE = designFrom('kinesis-stream-processor.json');

/** An SQS design with hand-picked values. */
function sqsDesign(over: Partial<{ memory: number; timeout: number; arch: 'arm64' | 'x86_64'; batch: number; window: number; maxConc: number | null; reserved: number | null; visibility: number; receives: number }> = {}): Design {
  assert.equal(SQS_BASE.source, 'sqs');
  return {
    ...SQS_BASE,
    memoryMb: over.memory ?? 2048,
    timeoutSeconds: over.timeout ?? 20,
    architecture: over.arch ?? 'arm64',
    batching: { batchSize: over.batch ?? 10, maximumBatchingWindowSeconds: over.window ?? 3, reportBatchItemFailures: true, expectedRecordsPerBatch: 5 },
    concurrency: { ...SQS_BASE.concurrency, reserved: over.reserved ?? null, maximumConcurrency: over.maxConc === undefined ? 25 : over.maxConc },
    errorHandling: { ...SQS_BASE.errorHandling, queue: { visibilityTimeoutSeconds: over.visibility ?? 123, maxReceiveCount: over.receives ?? 7, deadLetterQueue: true } },
  };
}

function streamDesign(): Design {
  assert.equal(STREAM_BASE.source, 'kinesis');
  return {
    ...STREAM_BASE,
    memoryMb: 512,
    timeoutSeconds: 45,
    architecture: 'arm64',
    batching: { batchSize: 200, maximumBatchingWindowSeconds: 2, reportBatchItemFailures: true, expectedRecordsPerBatch: 100 },
    concurrency: { ...STREAM_BASE.concurrency, reserved: null, maximumConcurrency: null, parallelizationFactor: 4 },
    errorHandling: { ...STREAM_BASE.errorHandling, retryAttempts: 3, maximumRecordAgeSeconds: 3600, bisectBatchOnFunctionError: true, queue: null },
  };
}

function apply(text: string, id: string, design: Design) {
  const parsed = parseTemplate(text);
  assert.equal(parsed.isTemplate, true);
  const r = designEdits(parsed, id, design);
  assertNoOverlap(r.edits);
  const after = applyEdits(text, r.edits);
  const reparsed = parseTemplate(after);
  assert.deepEqual(reparsed.errors, [], `the edited template parses:\n${after}`);
  return { ...r, after, reparsed };
}

function assertNoOverlap(edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    assert.ok(prev !== undefined && cur !== undefined);
    assert.ok(cur.start >= prev.end, `edits overlap: ${JSON.stringify(prev)} and ${JSON.stringify(cur)}`);
    assert.ok(!(cur.start === prev.start && cur.end === cur.start && prev.end === prev.start), 'two insertions at one offset');
  }
}

/** Every line of `before` that mentions none of `touched` is in `after`, byte for byte and in order. */
function assertOtherLinesKept(before: string, after: string, touched: readonly string[]): void {
  const kept = before.split('\n').filter((l) => !touched.some((k) => l.includes(k)));
  const afterLines = after.split('\n');
  let j = 0;
  for (const line of kept) {
    while (j < afterLines.length && afterLines[j] !== line) j++;
    assert.ok(j < afterLines.length, `line kept: ${JSON.stringify(line)}\n--- after ---\n${after}`);
    j++;
  }
}

/** The effective values of a function and its first source after re-parsing (Globals applied). */
function effective(text: string, id: string) {
  const parsed = parseTemplate(text);
  const model = buildModel(parsed);
  const fn = model.functions.get(id);
  assert.ok(fn, `${id} is a function`);
  const s = fn.sources[0];
  const queue = s?.targetId === undefined ? undefined : parsed.resources.get(s.targetId);
  return {
    memory: num(fnProp(model, fn, 'MemorySize')?.value),
    timeout: num(fnProp(model, fn, 'Timeout')?.value),
    arch: asSeq(fnProp(model, fn, 'Architectures')?.value).map((x) => str(x)),
    reserved: num(fnProp(model, fn, 'ReservedConcurrentExecutions')?.value),
    batch: num(get(s?.settings, 'BatchSize')),
    window: num(get(s?.settings, 'MaximumBatchingWindowInSeconds')),
    responseTypes: asSeq(get(s?.settings, 'FunctionResponseTypes')).map((x) => str(x)),
    maxConcurrency: num(getPath(s?.settings, 'ScalingConfig', 'MaximumConcurrency')),
    parallelization: num(get(s?.settings, 'ParallelizationFactor')),
    retries: num(get(s?.settings, 'MaximumRetryAttempts')),
    recordAge: num(get(s?.settings, 'MaximumRecordAgeInSeconds')),
    bisect: bool(get(s?.settings, 'BisectBatchOnFunctionError')),
    visibility: num(get(queue?.properties, 'VisibilityTimeout')),
    receives: num(getPath(queue?.properties, 'RedrivePolicy', 'maxReceiveCount')),
  };
}

const SAM_SQS = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
# The order pipeline. Keep this comment.
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler   # entry point
      Runtime: nodejs20.x
      MemorySize: 1024 # tuned in 2023
      Timeout: 30
      Architectures:
        - x86_64
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn
            BatchSize: 1 # one at a time
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60 # seconds
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 3
  Dlq:
    Type: AWS::SQS::Queue
`;

test('YAML SAM SQS consumer: every value set, replaced in place or inserted at the siblings’ indentation, comments kept', () => {
  const d = sqsDesign();
  const r = apply(SAM_SQS, 'Worker', d);
  assert.deepEqual(effective(r.after, 'Worker'), {
    memory: 2048,
    timeout: 20,
    arch: ['arm64'],
    reserved: undefined,
    batch: 10,
    window: 3,
    responseTypes: ['ReportBatchItemFailures'],
    maxConcurrency: 25,
    parallelization: undefined,
    retries: undefined,
    recordAge: undefined,
    bisect: undefined,
    visibility: 123,
    receives: 7,
  });
  // Replaced in place: the trailing comments stay on their lines.
  assert.match(r.after, /\n {6}MemorySize: 2048 # tuned in 2023\n/);
  assert.match(r.after, /\n {12}BatchSize: 10 # one at a time\n/);
  assert.match(r.after, /\n {6}VisibilityTimeout: 123 # seconds\n/);
  assert.match(r.after, /\n {8}maxReceiveCount: 7\n/);
  assert.match(r.after, /\n {8}- arm64\n/);
  // Inserted at the event properties' indentation, after BatchSize and its comment; the nested map indented below its key.
  assert.match(r.after, /BatchSize: 10 # one at a time\n {12}MaximumBatchingWindowInSeconds: 3\n {12}FunctionResponseTypes:\n {14}- ReportBatchItemFailures\n {12}ScalingConfig:\n {14}MaximumConcurrency: 25\n {2}OrdersQueue:/);
  assert.match(r.after, /# The order pipeline\. Keep this comment\.\n/);
  assertOtherLinesKept(SAM_SQS, r.after, ['MemorySize', 'x86_64', 'Timeout: 30', 'BatchSize', 'VisibilityTimeout', 'maxReceiveCount']);
  assert.deepEqual(
    r.changes.map((c) => [c.resource, c.property, c.from, c.to]),
    [
      ['Worker', 'MemorySize', '1024', '2048'],
      ['Worker', 'Timeout', '30', '20'],
      ['Worker', 'Architectures', '- x86_64', '[arm64]'],
      ['Worker', 'Events.Orders.Properties.BatchSize', '1', '10'],
      ['Worker', 'Events.Orders.Properties.MaximumBatchingWindowInSeconds', null, '3'],
      ['Worker', 'Events.Orders.Properties.FunctionResponseTypes', null, '[ReportBatchItemFailures]'],
      ['Worker', 'Events.Orders.Properties.ScalingConfig', null, '{MaximumConcurrency: 25}'],
      ['OrdersQueue', 'VisibilityTimeout', '60', '123'],
      ['OrdersQueue', 'RedrivePolicy.maxReceiveCount', '3', '7'],
    ],
  );
  assert.deepEqual(r.skipped, []);
  // Applying twice is a no-op.
  const again = designEdits(r.reparsed, 'Worker', d);
  assert.deepEqual(again.edits, []);
  assert.deepEqual(again.changes, []);
});

test('values from Globals are never edited there: an override goes on the resource and the change says so', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    MemorySize: 1024 # shared by every function
    Timeout: 20
    Architectures: [arm64]
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Handler: other.handler
      Runtime: nodejs20.x
`;
  // Timeout and architecture already right in Globals: nothing to write for them.
  const d = sqsDesign({ memory: 1769, timeout: 20, arch: 'arm64' });
  const r = apply(text, 'Worker', d);
  assert.equal(r.edits.length, 1);
  assert.match(r.after, /Globals:\n {2}Function:\n {4}MemorySize: 1024 # shared by every function\n {4}Timeout: 20\n/);
  assert.match(r.after, /Runtime: nodejs20\.x\n {6}MemorySize: 1769\n {2}Other:/);
  assert.equal(effective(r.after, 'Worker').memory, 1769);
  assert.equal(effective(r.after, 'Other').memory, 1024, 'the other function keeps the Globals value');
  assert.equal(r.changes.length, 1);
  const c = r.changes[0];
  assert.ok(c);
  assert.equal(c.property, 'MemorySize');
  assert.equal(c.from, null);
  assert.match(c.note ?? '', /overrides Globals\.Function\.MemorySize \(1024\)/);
  assert.deepEqual(designEdits(r.reparsed, 'Worker', d).edits, []);
});

test('!Ref and !If values are left alone and reported as skipped; a queue without RedrivePolicy is not invented', () => {
  const text = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Mem:
    Type: Number
Conditions:
  IsProd: !Equals [!Ref AWS::AccountId, '123456789012']
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      MemorySize: !Ref Mem
      Timeout: !If [IsProd, 60, 30]
      Events:
        Q:
          Type: SQS
          Properties:
            Queue: !GetAtt Q.Arn
            BatchSize: 10
            MaximumBatchingWindowInSeconds: 3
            FunctionResponseTypes: [ReportBatchItemFailures]
            ScalingConfig:
              MaximumConcurrency: 25
  Q:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 123
`;
  const r = apply(text, 'Worker', sqsDesign());
  assert.match(r.after, /MemorySize: !Ref Mem\n/);
  assert.match(r.after, /Timeout: !If \[IsProd, 60, 30\]\n/);
  assert.deepEqual(
    r.skipped.map((s) => [s.resource, s.property, s.to, s.reason]),
    [
      ['Worker', 'MemorySize', '2048', 'set with !Ref; left alone'],
      ['Worker', 'Timeout', '20', 'set with !If; left alone'],
      ['Q', 'RedrivePolicy.maxReceiveCount', '7', 'the queue has no RedrivePolicy (it needs a dead-letter queue to name); add one'],
    ],
  );
  // Only the missing architecture was written.
  assert.deepEqual(r.changes.map((c) => c.property), ['Architectures']);
  // Inserted after the last sibling (the Events block), at the siblings' indentation.
  assert.equal(r.after, text.replace('              MaximumConcurrency: 25\n', '              MaximumConcurrency: 25\n      Architectures:\n        - arm64\n'));
});

const JSON_CFN = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Worker": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "app.handler",
        "Runtime": "nodejs20.x",
        "Role": { "Fn::GetAtt": ["Role", "Arn"] },
        "Code": { "ZipFile": "exports.handler = async () => {}" },
        "MemorySize": "1024",
        "Architectures": ["x86_64"],
        "ReservedConcurrentExecutions": 2
      }
    },
    "Mapping": {
      "Type": "AWS::Lambda::EventSourceMapping",
      "Properties": {
        "FunctionName": { "Ref": "Worker" },
        "EventSourceArn": { "Fn::GetAtt": ["Queue", "Arn"] },
        "BatchSize": 1
      }
    },
    "Queue": {
      "Type": "AWS::SQS::Queue",
      "Properties": {
        "VisibilityTimeout": 30,
        "RedrivePolicy": { "deadLetterTargetArn": { "Fn::GetAtt": ["Dlq", "Arn"] }, "maxReceiveCount": 5 }
      }
    },
    "Dlq": { "Type": "AWS::SQS::Queue" }
  }
}
`;

test('JSON CloudFormation with an event source mapping: valid JSON after the edits, values set, quoting kept', () => {
  const d = sqsDesign({ reserved: 40, maxConc: 30 });
  const r = apply(JSON_CFN, 'Worker', d);
  const json = JSON.parse(r.after) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
  const w = json.Resources.Worker?.Properties;
  const m = json.Resources.Mapping?.Properties;
  const q = json.Resources.Queue?.Properties;
  assert.equal(w?.MemorySize, '2048', 'a quoted number stays a quoted number');
  assert.equal(w?.Timeout, 20);
  assert.deepEqual(w?.Architectures, ['arm64']);
  assert.equal(w?.ReservedConcurrentExecutions, 40);
  assert.equal(m?.BatchSize, 10);
  assert.equal(m?.MaximumBatchingWindowInSeconds, 3);
  assert.deepEqual(m?.FunctionResponseTypes, ['ReportBatchItemFailures']);
  assert.deepEqual(m?.ScalingConfig, { MaximumConcurrency: 30 });
  assert.equal(q?.VisibilityTimeout, 123);
  assert.deepEqual(q?.RedrivePolicy, { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 7 });
  assert.deepEqual(new Set(r.changes.map((c) => c.resource)), new Set(['Worker', 'Mapping', 'Queue']));
  assert.equal(r.changes.find((c) => c.property === 'BatchSize')?.resource, 'Mapping');
  assertOtherLinesKept(JSON_CFN, r.after, ['MemorySize', 'x86_64', 'ReservedConcurrentExecutions', 'BatchSize', 'VisibilityTimeout', 'maxReceiveCount']);
  assert.deepEqual(designEdits(r.reparsed, 'Worker', d).edits, []);
});

test('JSON SAM with Globals: the override is inserted in JSON style on the resource', () => {
  const text = JSON.stringify(
    {
      Transform: 'AWS::Serverless-2016-10-31',
      Globals: { Function: { Timeout: 30, MemorySize: 2048 } },
      Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'a.h', Runtime: 'nodejs20.x', Architectures: ['arm64'] } } },
    },
    null,
    2,
  );
  const d = sqsDesign({ memory: 2048, timeout: 9 });
  const r = apply(text, 'Fn', d);
  const json = JSON.parse(r.after) as { Globals: unknown; Resources: { Fn: { Properties: Record<string, unknown> } } };
  assert.deepEqual(json.Globals, { Function: { Timeout: 30, MemorySize: 2048 } });
  assert.equal(json.Resources.Fn.Properties.Timeout, 9);
  assert.equal(json.Resources.Fn.Properties.MemorySize, undefined, 'memory already right through Globals');
  assert.match(r.changes[0]?.note ?? '', /Globals\.Function\.Timeout \(30\)/);
  assert.deepEqual(designEdits(r.reparsed, 'Fn', d).edits, []);
});

test('Kinesis stream event: parallelization, retries, record age and bisect set; no queue settings', () => {
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Processor:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      MemorySize: 512
      Timeout: 45
      Architectures: [arm64]
      Events:
        Stream:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: LATEST
            BatchSize: 100
            MaximumRetryAttempts: -1 # forever (the default)
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 2
`;
  const d = streamDesign();
  const r = apply(text, 'Processor', d);
  const e = effective(r.after, 'Processor');
  assert.deepEqual(
    [e.batch, e.window, e.responseTypes, e.parallelization, e.retries, e.recordAge, e.bisect, e.visibility],
    [200, 2, ['ReportBatchItemFailures'], 4, 3, 3600, true, undefined],
  );
  assert.match(r.after, /\n {12}MaximumRetryAttempts: 3 # forever \(the default\)\n/);
  // Memory, timeout and architecture were already the design's: no change listed for them.
  assert.deepEqual(r.changes.filter((c) => ['MemorySize', 'Timeout', 'Architectures'].includes(c.property)), []);
  assertOtherLinesKept(text, r.after, ['BatchSize', 'MaximumRetryAttempts']);
  assert.deepEqual(designEdits(r.reparsed, 'Processor', d).edits, []);
});

test('an unknown resource or a non-function yields no edit and says why', () => {
  const parsed = parseTemplate(SAM_SQS);
  const none = designEdits(parsed, 'Nope', sqsDesign());
  assert.deepEqual(none.edits, []);
  assert.match(none.skipped[0]?.reason ?? '', /no such resource/);
  const queue = designEdits(parsed, 'OrdersQueue', sqsDesign());
  assert.deepEqual(queue.edits, []);
  assert.match(queue.skipped[0]?.reason ?? '', /AWS::SQS::Queue is not a Lambda function/);
});

test('property: for any design values, applying gives them back on re-parse, keeps the comment, and a second call is a no-op', () => {
  fc.assert(
    fc.property(
      fc.record({
        memory: fc.integer({ min: 128, max: 10240 }),
        timeout: fc.integer({ min: 1, max: 900 }),
        arch: fc.constantFrom('arm64' as const, 'x86_64' as const),
        batch: fc.integer({ min: 1, max: 10000 }),
        window: fc.integer({ min: 0, max: 300 }),
        maxConc: fc.option(fc.integer({ min: 2, max: 1000 }), { nil: null }),
        reserved: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
        visibility: fc.integer({ min: 0, max: 43200 }),
        receives: fc.integer({ min: 1, max: 1000 }),
        json: fc.boolean(),
      }),
      (v) => {
        const d = sqsDesign(v);
        const text = v.json ? JSON_CFN : SAM_SQS;
        const r = apply(text, 'Worker', d);
        const e = effective(r.after, 'Worker');
        assert.equal(e.memory, v.memory);
        assert.equal(e.timeout, v.timeout);
        assert.deepEqual(e.arch, [v.arch]);
        assert.equal(e.batch, v.batch);
        assert.equal(e.window, v.window);
        assert.deepEqual(e.responseTypes, ['ReportBatchItemFailures']);
        if (v.maxConc !== null) assert.equal(e.maxConcurrency, v.maxConc);
        if (v.reserved !== null) assert.equal(e.reserved, v.reserved);
        else assert.equal(e.reserved, v.json ? 2 : undefined, 'no reserved concurrency in the design: the template’s is kept');
        assert.equal(e.visibility, v.visibility);
        assert.equal(e.receives, v.receives);
        if (!v.json) assert.match(r.after, /# The order pipeline\. Keep this comment\./);
        assert.deepEqual(designEdits(r.reparsed, 'Worker', d).edits, []);
        if (v.json) JSON.parse(r.after);
      },
    ),
    { numRuns: 200 },
  );
});

test('a map under Properties that is not plain, and a half-typed key, are skipped rather than guessed', () => {
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      MemorySize:
      Timeout: [30]
      Architectures: !If [IsArm, [arm64], [x86_64]]
`;
  const r = designEdits(parseTemplate(text), 'Worker', sqsDesign());
  assert.deepEqual(r.edits, []);
  assert.deepEqual(
    r.skipped.map((s) => [s.property, s.reason]),
    [
      ['MemorySize', 'the key has no value; left alone'],
      ['Timeout', 'not a plain value; left alone'],
      ['Architectures', 'set with !If; left alone'],
    ],
  );
});

test('provisioned pollers are applied to the SQS event; never beside a ScalingConfig (mutually exclusive)', () => {
  const base = sqsDesign({ maxConc: null });
  const d: Design = { ...base, concurrency: { ...base.concurrency, provisionedPollers: { minimumPollers: 10, maximumPollers: 300 } } };
  const r = apply(SAM_SQS, 'Worker', d);
  assert.match(r.after, /FunctionResponseTypes:\n {14}- ReportBatchItemFailures\n {12}ProvisionedPollerConfig:\n {14}MinimumPollers: 10\n {14}MaximumPollers: 300\n/);
  assert.deepEqual(r.skipped, []);
  assert.deepEqual(designEdits(r.reparsed, 'Worker', d).edits, [], 'applying twice is a no-op');
  // A template that caps the mapping with MaximumConcurrency: provisioned mode is skipped, with why.
  const capped = SAM_SQS.replace('            BatchSize: 1 # one at a time\n', '            BatchSize: 1 # one at a time\n            ScalingConfig:\n              MaximumConcurrency: 5\n');
  const c = apply(capped, 'Worker', d);
  assert.doesNotMatch(c.after, /ProvisionedPollerConfig/);
  assert.deepEqual(
    c.skipped.map((x) => [x.property, x.reason]),
    [['Events.Orders.Properties.ProvisionedPollerConfig', 'ScalingConfig is set, and provisioned mode cannot be combined with MaximumConcurrency: remove ScalingConfig, then apply again']],
  );
});
