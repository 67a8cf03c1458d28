import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { applyEdits } from '../../src/engine/templates/edits.ts';
import { lintTemplate } from '../../src/engine/templates/lint.ts';
import type { Finding } from '../../src/engine/templates/types.ts';

function lint(text: string, ruleId: string): Finding[] {
  const r = lintTemplate(text, 'test.yaml', { only: [ruleId] });
  assert.equal(r.isTemplate, true, 'fixture must be a template');
  assert.deepEqual(r.ruleErrors, []);
  return [...r.findings];
}

/** Apply the first finding's fix, check the result is clean of the rule and still parses; return it. */
function fixClean(text: string, ruleId: string): string {
  const f = lint(text, ruleId)[0];
  assert.ok(f?.fix, `${ruleId} has a fix`);
  const fixed = applyEdits(text, f.fix.edits);
  assert.deepEqual(lint(fixed, ruleId), [], `re-lint after the fix is clean of ${ruleId}:\n${fixed}`);
  assert.deepEqual(lintTemplate(fixed).parseErrors, []);
  return fixed;
}

/** The lines of `after` that are not in `before` (a fix should add or change only a few). */
function changedLines(before: string, after: string): string[] {
  const b = new Set(before.split('\n'));
  return after.split('\n').filter((l) => !b.has(l));
}

/** The same template as JSON (for YAML fixtures written with long-form intrinsics). */
function asJson(yamlText: string): string {
  return JSON.stringify(parseYaml(yamlText), null, 2);
}

const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

function sqsTemplate(opts: { globals?: string; fn?: string; event?: string; queue?: string }): string {
  return `${HEADER}${opts.globals !== undefined ? `Globals:\n  Function:\n${opts.globals}` : ''}Resources:
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Architectures: [arm64]
      MemorySize: 1024
${opts.fn ?? ''}      Events:
        Orders:
          Type: SQS
          Properties:
            Queue:
              Fn::GetAtt: [Orders, Arn]
${opts.event ?? '            FunctionResponseTypes: [ReportBatchItemFailures]\n'}  Orders:
    Type: AWS::SQS::Queue
    Properties:
${opts.queue ?? '      VisibilityTimeout: 180\n      RedrivePolicy:\n        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n        maxReceiveCount: 5\n'}`;
}

test('LDA101: visibility below 1× the timeout is an error, with a fix that keeps comments', () => {
  const text = sqsTemplate({ fn: '      Timeout: 60 # one minute\n', queue: '      VisibilityTimeout: 30 # too short\n      RedrivePolicy:\n        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n        maxReceiveCount: 5\n' });
  const [f, ...rest] = lint(text, 'LDA101');
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, 'error');
  assert.equal(f?.resource, 'Orders');
  assert.match(f?.message ?? '', /rejects/);
  assert.match(f?.message ?? '', /360 s/); // 6 × 60
  assert.equal(text.slice(f?.range.start, f?.range.end), '30');
  const fixed = fixClean(text, 'LDA101');
  assert.deepEqual(changedLines(text, fixed), ['      VisibilityTimeout: 360 # too short']);
  assert.ok(fixed.includes('Timeout: 60 # one minute'));
});

test('LDA101: between 1× and 6× (+ window) is a warning; Globals timeout counts; JSON too', () => {
  const text = sqsTemplate({
    globals: '    Timeout: 20\n',
    event: '            FunctionResponseTypes: [ReportBatchItemFailures]\n            MaximumBatchingWindowInSeconds: 5\n',
    queue: '      VisibilityTimeout: 60\n      RedrivePolicy:\n        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n        maxReceiveCount: 5\n',
  });
  const [f] = lint(text, 'LDA101');
  assert.equal(f?.severity, 'warning');
  assert.match(f?.message ?? '', /6 × 20 s \+ 5 s window = 125 s/);
  assert.match(fixClean(text, 'LDA101'), /VisibilityTimeout: 125\n/);
  const json = asJson(text);
  assert.equal(lint(json, 'LDA101')[0]?.severity, 'warning');
  const fixedJson = fixClean(json, 'LDA101');
  assert.equal((JSON.parse(fixedJson) as { Resources: { Orders: { Properties: { VisibilityTimeout: number } } } }).Resources.Orders.Properties.VisibilityTimeout, 125);
});

test('LDA101: a queue without VisibilityTimeout has the 30 s default; the fix inserts the property at the siblings\' indentation', () => {
  const text = sqsTemplate({ fn: '      Timeout: 10\n', queue: '      RedrivePolicy: # keep me\n        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n        maxReceiveCount: 5\n' });
  const [f] = lint(text, 'LDA101');
  assert.equal(f?.severity, 'warning');
  assert.match(f?.message ?? '', /default 30 s/);
  const fixed = fixClean(text, 'LDA101');
  assert.deepEqual(changedLines(text, fixed), ['      VisibilityTimeout: 60']);
  assert.ok(fixed.includes('RedrivePolicy: # keep me'));
  // Enough visibility: nothing.
  assert.deepEqual(lint(sqsTemplate({ fn: '      Timeout: 30\n' }), 'LDA101'), []);
});

test('LDA102: no redrive policy, and maxReceiveCount below 5 (with fix)', () => {
  const none = sqsTemplate({ queue: '      VisibilityTimeout: 180\n' });
  assert.equal(lint(none, 'LDA102').length, 1);
  const low = sqsTemplate({ queue: '      VisibilityTimeout: 180\n      RedrivePolicy:\n        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n        maxReceiveCount: 2 # too low\n' });
  const [f] = lint(low, 'LDA102');
  assert.match(f?.message ?? '', /after 2 receives/);
  assert.deepEqual(changedLines(low, fixClean(low, 'LDA102')), ['        maxReceiveCount: 5 # too low']);
  assert.equal(lint(asJson(low), 'LDA102').length, 1);
  assert.deepEqual(lint(sqsTemplate({}), 'LDA102'), []);
});

test('LDA103: default batch of 10 without ReportBatchItemFailures; the fix adds FunctionResponseTypes', () => {
  const text = sqsTemplate({ event: '            BatchSize: 10 # default\n' });
  const [f] = lint(text, 'LDA103');
  assert.ok(f);
  const fixed = fixClean(text, 'LDA103');
  assert.deepEqual(changedLines(text, fixed), ['            FunctionResponseTypes:', '              - ReportBatchItemFailures']);
  assert.equal(lint(sqsTemplate({ event: '' }), 'LDA103').length, 1, 'unset BatchSize is 10');
  assert.deepEqual(lint(sqsTemplate({ event: '            BatchSize: 1\n' }), 'LDA103'), []);
  fixClean(asJson(text), 'LDA103');
});

test('LDA104: reserved concurrency below 5 on an SQS consumer', () => {
  assert.equal(lint(sqsTemplate({ fn: '      ReservedConcurrentExecutions: 2\n' }), 'LDA104').length, 1);
  assert.equal(lint(sqsTemplate({ globals: '    ReservedConcurrentExecutions: 1\n' }), 'LDA104').length, 1);
  assert.deepEqual(lint(sqsTemplate({ fn: '      ReservedConcurrentExecutions: 5\n' }), 'LDA104'), []);
  assert.deepEqual(lint(sqsTemplate({ fn: '      ReservedConcurrentExecutions: 0\n' }), 'LDA104'), [], '0 = deliberately stopped');
});

test('LDA105: a function-level DeadLetterQueue does nothing for SQS messages', () => {
  const dlq = '      DeadLetterQueue:\n        Type: SQS\n        TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n';
  assert.equal(lint(sqsTemplate({ fn: dlq }), 'LDA105').length, 1);
  assert.equal(lint(asJson(sqsTemplate({ fn: dlq })), 'LDA105').length, 1);
  // Also invoked by S3 (asynchronously): the DLQ is useful there.
  const both = sqsTemplate({ fn: dlq }).replace('      Events:\n', '      Events:\n        Upload:\n          Type: S3\n          Properties:\n            Bucket: !Ref B\n            Events: s3:ObjectCreated:*\n') + '  B:\n    Type: AWS::S3::Bucket\n';
  assert.deepEqual(lint(both, 'LDA105'), []);
});

test('LDA106 and LDA107: FIFO batch above 10, standard batch above 10 without window (fixes)', () => {
  const fifo = sqsTemplate({ event: '            FunctionResponseTypes: [ReportBatchItemFailures]\n            BatchSize: 20\n', queue: '      FifoQueue: true\n      VisibilityTimeout: 180\n' });
  const [f] = lint(fifo, 'LDA106');
  assert.equal(f?.severity, 'error');
  assert.match(fixClean(fifo, 'LDA106'), /BatchSize: 10\n/);
  assert.deepEqual(lint(fifo, 'LDA107'), [], 'FIFO queues have no batching window');
  const std = sqsTemplate({ event: '            FunctionResponseTypes: [ReportBatchItemFailures]\n            BatchSize: 100\n' });
  assert.equal(lint(std, 'LDA107')[0]?.severity, 'error');
  assert.deepEqual(changedLines(std, fixClean(std, 'LDA107')), ['            MaximumBatchingWindowInSeconds: 1']);
  fixClean(asJson(std), 'LDA107');
  assert.deepEqual(lint(sqsTemplate({ event: '            BatchSize: 100\n            MaximumBatchingWindowInSeconds: 5\n' }), 'LDA107'), []);
});

const KINESIS = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'def handler(e, c): pass' }
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Stream.Arn
      StartingPosition: LATEST
`;

test('LDA201–204: a Kinesis mapping with no failure settings gets each finding; a configured one none', () => {
  for (const id of ['LDA201', 'LDA202', 'LDA203', 'LDA204']) {
    const fs = lint(KINESIS, id);
    assert.equal(fs.length, 1, id);
    assert.equal(fs[0]?.resource, 'Mapping');
  }
  assert.deepEqual(changedLines(KINESIS, fixClean(KINESIS, 'LDA203')), ['      BisectBatchOnFunctionError: true']);
  const configured = `${KINESIS}      MaximumRetryAttempts: 3
      MaximumRecordAgeInSeconds: 3600
      BisectBatchOnFunctionError: true
      DestinationConfig:
        OnFailure:
          Destination: arn:aws:sqs:us-east-1:123456789012:failed
`;
  for (const id of ['LDA201', 'LDA202', 'LDA203', 'LDA204']) assert.deepEqual(lint(configured, id), [], id);
  assert.equal(lint(configured.replace('MaximumRetryAttempts: 3', 'MaximumRetryAttempts: -1'), 'LDA201').length, 1);
});

function asyncTemplate(fnExtra: string, extraResources = ''): string {
  return `${HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
${fnExtra}      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
  Uploads:
    Type: AWS::S3::Bucket
${extraResources}`;
}

test('LDA301: async source without on-failure destination or DLQ', () => {
  assert.equal(lint(asyncTemplate(''), 'LDA301').length, 1);
  assert.deepEqual(lint(asyncTemplate('      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n            Type: SQS\n'), 'LDA301'), []);
  const viaResource = asyncTemplate('', '  Eic:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref Fn\n      Qualifier: $LATEST\n      DestinationConfig:\n        OnFailure:\n          Destination: arn:aws:sqs:us-east-1:1:q\n');
  assert.deepEqual(lint(viaResource, 'LDA301'), []);
});

test('LDA302: S3 trigger whose function writes to the same bucket', () => {
  const same = asyncTemplate('      Policies:\n        - S3CrudPolicy:\n            BucketName: !Ref Uploads\n');
  const [f] = lint(same, 'LDA302');
  assert.match(f?.message ?? '', /recursive loop/);
  const inline = asyncTemplate("      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: s3:PutObject\n              Resource: !Sub '${Uploads.Arn}/*'\n");
  assert.equal(lint(inline, 'LDA302').length, 1);
  const other = asyncTemplate('      Policies:\n        - S3CrudPolicy:\n            BucketName: !Ref Output\n', '  Output:\n    Type: AWS::S3::Bucket\n');
  assert.deepEqual(lint(other, 'LDA302'), []);
});

function apiTemplate(globals: string, fnExtra: string, type = 'Api'): string {
  return `${HEADER}Globals:\n  Function:\n${globals}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
${fnExtra}      Events:
        Get:
          Type: ${type}
          Properties:
            Path: /
            Method: get
`;
}

test('LDA401: timeout above the API Gateway limit; fix edits the function, or adds Timeout when it comes from Globals', () => {
  const own = apiTemplate('    MemorySize: 512\n', '      Timeout: 60 # a minute\n');
  const [f] = lint(own, 'LDA401');
  assert.match(f?.message ?? '', /29 s/);
  assert.deepEqual(changedLines(own, fixClean(own, 'LDA401')), ['      Timeout: 29 # a minute']);
  const global = apiTemplate('    Timeout: 120\n', '');
  assert.match(lint(global, 'LDA401')[0]?.message ?? '', /from Globals/);
  const fixed = fixClean(global, 'LDA401');
  assert.ok(fixed.includes('    Timeout: 120\n'), 'Globals left alone');
  assert.deepEqual(changedLines(global, fixed), ['      Timeout: 29']);
  assert.deepEqual(lint(apiTemplate('    Timeout: 30\n', '', 'HttpApi'), 'LDA401'), [], 'HTTP APIs allow 30 s');
  assert.equal(lint(apiTemplate('    Timeout: 31\n', '', 'HttpApi'), 'LDA401').length, 1);
});

const IAM = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [dynamodb:PutItem, dynamodb:GetItem]
                Resource: '*'
              - Effect: Allow
                Action: s3:*
                Resource: arn:aws:s3:::bucket/*
              - Effect: Allow
                Action: [xray:PutTraceSegments, cloudwatch:PutMetricData]
                Resource: '*'
`;

test('LDA501/LDA502: Resource "*" on scopable actions and wildcard actions; actions without resource-level permissions are fine', () => {
  const res = lint(IAM, 'LDA501');
  assert.equal(res.length, 1);
  assert.match(res[0]?.message ?? '', /dynamodb:PutItem/);
  const act = lint(IAM, 'LDA502');
  assert.equal(act.length, 1);
  assert.match(act[0]?.message ?? '', /"s3:\*"/);
  assert.equal(lint(asJson(IAM), 'LDA501').length, 1);
});

test('LDA503: secret-like variable names with literal values only', () => {
  const text = `${HEADER}Globals:
  Function:
    Environment:
      Variables:
        DB_PASSWORD: hunter2
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          API_KEY: abc123
          AUTH_TOKEN: !Ref TokenParam
          SECRET_ARN: arn:aws:secretsmanager:us-east-1:1:secret:x
          SECRET_NAME: prod/db
          PARTITION_KEY: pk
          RESOLVED_SECRET: '{{resolve:secretsmanager:prod/db}}'
  Fn2:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
`;
  const fs = lint(text, 'LDA503');
  assert.deepEqual(fs.map((f) => f.property).sort(), ['Function.Environment.Variables.DB_PASSWORD', 'Properties.Environment.Variables.API_KEY']);
});

test('LDA601/LDA602: memory and timeout outside the limits (errors with clamping fixes)', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: 16384
      Timeout: 1800
`;
  assert.equal(lint(text, 'LDA601')[0]?.severity, 'error');
  assert.match(fixClean(text, 'LDA601'), /MemorySize: 10240/);
  assert.match(fixClean(text, 'LDA602'), /Timeout: 900/);
  assert.match(fixClean(asJson(text), 'LDA602'), /"Timeout": 900/);
  assert.deepEqual(lint(text.replace('16384', '3008'), 'LDA601'), []);
});

test('LDA603: memory unset or 128 MB (info); LDA604: x86_64 where arm64 would do, with fix', () => {
  const unset = `${HEADER}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.13\n      Handler: app.handler\n`;
  assert.equal(lint(unset, 'LDA603')[0]?.severity, 'info');
  assert.deepEqual(lint(unset.replace('      Handler', '      MemorySize: 1024\n      Handler'), 'LDA603'), []);
  assert.equal(lint(unset, 'LDA604')[0]?.severity, 'info');
  const fixed = fixClean(unset, 'LDA604');
  assert.deepEqual(changedLines(unset, fixed), ['      Architectures:', '        - arm64']);
  const explicit = unset.replace('      Handler', '      Architectures: [x86_64]\n      Handler');
  assert.deepEqual(changedLines(explicit, fixClean(explicit, 'LDA604')), ['      Architectures: [arm64]']);
  assert.deepEqual(lint(unset.replace('      Handler', '      Layers: [arn:aws:lambda:us-east-1:1:layer:x:1]\n      Handler'), 'LDA604'), [], 'layers may be x86-only');
  assert.doesNotThrow(() => JSON.parse(fixClean(asJson(unset), 'LDA604')), 'the inserted key keeps a JSON template valid JSON');
  // A quoted x86_64 (as JSON always writes it) is replaced by a quoted arm64, so the file stays JSON.
  const jsonExplicit = fixClean(asJson(explicit), 'LDA604');
  assert.deepEqual(JSON.parse(jsonExplicit).Resources.Fn.Properties.Architectures, ['arm64']);
  assert.deepEqual(changedLines(explicit.replace('[x86_64]', "['x86_64']"), fixClean(explicit.replace('[x86_64]', "['x86_64']"), 'LDA604')), ["      Architectures: ['arm64']"]);
});

test('LDA605: VPC function using DynamoDB with no gateway endpoint (NAT cost from the pricing facts)', () => {
  const text = `${HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      VpcConfig:
        SubnetIds: [subnet-1]
        SecurityGroupIds: [sg-1]
      Policies:
        - DynamoDBCrudPolicy:
            TableName: t
`;
  const [f] = lint(text, 'LDA605');
  // $0.045/hour × 730 hours = $32.85 per month.
  assert.match(f?.message ?? '', /\$32\.85\/month/);
  // The hourly and per-GB prices are quoted as published, not rounded to cents ($0.05).
  assert.match(f?.message ?? '', /costs \$0\.045\/hour .* plus \$0\.045\/GB processed/);
  const withEndpoint = `${text}  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-1
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.dynamodb
`;
  assert.deepEqual(lint(withEndpoint, 'LDA605'), []);
});

test('LDA606: a schedule that keeps the function warm', () => {
  const text = `${HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: java21
      Handler: a.B
      Events:
        KeepWarm:
          Type: Schedule
          Properties:
            Schedule: rate(5 minutes)
        NightlyReport:
          Type: Schedule
          Properties:
            Schedule: cron(0 2 * * ? *)
`;
  const fs = lint(text, 'LDA606');
  assert.equal(fs.length, 1);
  assert.match(fs[0]?.message ?? '', /KeepWarm/);
});

test('every finding carries a rule id, a range inside the text and at least one source', () => {
  const text = sqsTemplate({ fn: '      Timeout: 60\n      ReservedConcurrentExecutions: 1\n', event: '            BatchSize: 50\n', queue: '      VisibilityTimeout: 10\n' });
  const r = lintTemplate(text);
  assert.ok(r.findings.length >= 5);
  for (const f of r.findings) {
    assert.match(f.ruleId, /^LDA\d{3}$/);
    assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end);
    assert.ok(f.references.length > 0 && f.references.every((s) => s.url.startsWith('https://')));
  }
});
