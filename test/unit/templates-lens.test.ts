import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../src/engine/templates/model.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';
import { functionFacts, type FunctionFacts } from '../../src/engine/templates/function-facts.ts';
import { costLens, shortCount } from '../../src/engine/templates/lens.ts';
import { adviseRequest, runtimeFamily } from '../../src/engine/templates/advise.ts';
import { VersionCache } from '../../src/engine/templates/cache.ts';

function facts(text: string, id: string): FunctionFacts {
  const model = buildModel(parseTemplate(text));
  const fn = model.functions.get(id);
  assert.ok(fn, `function ${id} in the template`);
  return functionFacts(model, fn);
}

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    MemorySize: 1024
    Runtime: python3.12
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Architectures: [arm64]
      Timeout: 30
      VpcConfig:
        SubnetIds: [subnet-1]
        SecurityGroupIds: [sg-1]
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt JobsQueue.Arn
            BatchSize: 10
            MaximumBatchingWindowInSeconds: 5
  JobsQueue:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: "exports.handler = async () => 1" }
      Role: !GetAtt Role.Arn
  Role:
    Type: AWS::IAM::Role
`;

test('short counts read like a person writes them', () => {
  assert.equal(shortCount(1_000_000), '1M');
  assert.equal(shortCount(2_500_000), '2.5M');
  assert.equal(shortCount(250_000), '250k');
  assert.equal(shortCount(800), '800');
  assert.equal(shortCount(3_000_000_000), '3B');
});

test('function facts apply SAM Globals and read the SQS source, FIFO queue, VPC and runtime', () => {
  const f = facts(SAM, 'Worker');
  assert.equal(f.memoryMb, 1024); // from Globals
  assert.equal(f.runtime, 'python3.12'); // from Globals
  assert.equal(f.timeoutSeconds, 30);
  assert.equal(f.architecture, 'arm64');
  assert.equal(f.vpcAttached, true);
  assert.equal(f.source?.kind, 'sqs');
  assert.equal(f.source?.fifo, true);
  assert.equal(f.source?.batchSize, 10);
  assert.equal(f.source?.batchingWindowSeconds, 5);
  // A plain CloudFormation function gets no Globals.
  const p = facts(SAM, 'Plain');
  assert.equal(p.memoryMb, undefined);
  assert.equal(p.runtime, 'nodejs20.x');
  assert.equal(p.source, undefined);
});

test('lens with no attached scenario says the workload is assumed and prices it (checked by hand)', () => {
  // 1M requests x 100 ms x 1 GB on arm64 in us-east-1: 100,000 GB-s x $0.0000133334 = $1.33 + $0.20 requests = $1.53.
  const lens = costLens(facts(SAM, 'Worker'));
  assert.equal(lens.basis, 'defaults');
  assert.equal(lens.title, '≈ $1.53/month (assumed workload: 1M requests/month × 100 ms)');
  assert.match(lens.tooltip, /ASSUMED workload/);
  assert.match(lens.tooltip, /settings/);
  assert.match(lens.tooltip, /1,024 MB arm64/);
  // The plain function: 128 MB x86_64 defaults, said plainly. 12,500 GB-s x $0.0000166667 = $0.21 + $0.20 = $0.41.
  const plain = costLens(facts(SAM, 'Plain'));
  assert.equal(plain.title, '≈ $0.41/month (assumed workload: 1M requests/month × 100 ms)');
  assert.match(plain.tooltip, /MemorySize not set.*128 MB default/);
  assert.match(plain.tooltip, /Architectures not set: priced as x86_64/);
});

test('lens defaults follow the settings the user changed', () => {
  // 10M x 200 ms x 0.125 GB = 250,000 GB-s x $0.0000166667 = $4.17 + $2.00 requests = $6.17.
  const lens = costLens(facts(SAM, 'Plain'), { requestsPerMonth: 10_000_000, durationMs: 200, region: 'us-east-1' });
  assert.equal(lens.title, '≈ $6.17/month (assumed workload: 10M requests/month × 200 ms)');
});

const withScenario = (meta: string) => `Resources:
  Api:
    Type: AWS::Serverless::Function
    Metadata:
${meta}
    Properties:
      MemorySize: 1024
      Architectures: [x86_64]
`;

test('an attached scenario in Metadata.LambdaAdvisor is the workload the lens prices', () => {
  const meta = `      LambdaAdvisor:
        name: api
        source: direct-sync
        traffic: { requestsPerMonth: 2000000 }
        work: { averageDurationMs: 50, p99DurationMs: 120, measuredAtMemoryMb: 1024, logKbPerInvocation: 0 }`;
  const lens = costLens(facts(withScenario(meta), 'Api'));
  assert.equal(lens.basis, 'scenario');
  assert.match(lens.title, /^≈ \$\d+\.\d\d\/month \(workload from Metadata\.LambdaAdvisor: 2M requests\/month × 50 ms at 1,024 MB\)$/);
  // Compute alone: 2M x 50 ms x 1 GB = 100,000 GB-s x $0.0000166667 = $1.67, + $0.40 requests = $2.07 at least.
  assert.ok(lens.totalUsd !== undefined && lens.totalUsd >= 2.06, `total ${lens.totalUsd}`);
});

test('an invalid attached scenario is ignored, the lens says so and names the field', () => {
  const meta = `      LambdaAdvisor:
        name: api
        source: carrier-pigeon
        traffic: { requestsPerMonth: 1 }
        work: { averageDurationMs: 50, p99DurationMs: 120, measuredAtMemoryMb: 1024 }`;
  const lens = costLens(facts(withScenario(meta), 'Api'));
  assert.equal(lens.basis, 'defaults');
  assert.match(lens.title, /Metadata\.LambdaAdvisor invalid/);
  assert.match(lens.tooltip, /source: must be one of/);
});

test('memory outside the limits: no price, the reason instead', () => {
  const t = `Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: 20000\n`;
  const lens = costLens(facts(t, 'F'));
  assert.equal(lens.totalUsd, undefined);
  assert.match(lens.title, /^Cost not estimated: memory: must be a whole number of MB from 128 to 10240/);
});

test('advise: a scenario built from the template (FIFO SQS, VPC, runtime, arch, memory), with the current settings', () => {
  const r = adviseRequest(facts(SAM, 'Worker'), 'file:///t.yaml');
  assert.equal(r.ok, true);
  if (!r.ok) return;
  const { scenario, current, origin, notes } = r.request;
  assert.equal(scenario.source, 'sqs-fifo');
  // The template's identifier itself (python3.12), not its family: it decides SnapStart support and deprecation.
  assert.equal(scenario.runtime, 'python3.12');
  assert.equal(runtimeFamily(scenario.runtime), 'python');
  assert.equal(scenario.architecture, 'arm64');
  assert.equal(scenario.network.privateResources, true);
  assert.equal(scenario.work.measuredAtMemoryMb, 1024);
  assert.equal(scenario.traffic.requestsPerMonth, 1_000_000);
  assert.deepEqual(origin, { uri: 'file:///t.yaml', resourceId: 'Worker' });
  assert.equal(current.batchSize, 10);
  assert.equal(current.timeoutSeconds, 30);
  assert.ok(notes.some((n) => /Assumed workload/.test(n)));
});

test('advise: the assumed p99 never exceeds the timeout, Kinesis takes the shard count from the stream', () => {
  const t = `Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 1
      Events:
        S:
          Type: Kinesis
          Properties: { Stream: !GetAtt St.Arn, StartingPosition: LATEST }
  St:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 4 }
`;
  const r = adviseRequest(facts(t, 'F'), 'file:///k.yaml', { requestsPerMonth: 5, durationMs: 2_000, region: 'us-east-1' });
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.request.scenario.source, 'kinesis');
  assert.equal(r.request.scenario.traffic.shards, 4);
  assert.equal(r.request.scenario.work.averageDurationMs, 1_000);
  assert.equal(r.request.scenario.work.p99DurationMs, 1_000);
});

test('advise: a valid attached scenario wins over the template guesses', () => {
  const meta = `      LambdaAdvisor:
        scenario:
          name: api
          source: api-gateway-http
          traffic: { averagePerSecond: 3 }
          work: { averageDurationMs: 40, p99DurationMs: 90, measuredAtMemoryMb: 512 }`;
  const r = adviseRequest(facts(withScenario(meta), 'Api'), 'file:///a.yaml');
  assert.equal(r.ok, true);
  if (r.ok) {
    assert.equal(r.request.scenario.source, 'api-gateway-http');
    assert.equal(r.request.scenario.traffic.averagePerSecond, 3);
  }
});

test('the cache computes once per document version and forgets closed documents', () => {
  let computed = 0;
  const cache = new VersionCache((text: string) => {
    computed++;
    return text.length;
  });
  assert.equal(cache.get('a', 1, () => 'xx'), 2);
  assert.equal(cache.get('a', 1, () => 'not read'), 2);
  assert.equal(computed, 1);
  assert.equal(cache.get('a', 2, () => 'xyz'), 3);
  assert.equal(computed, 2);
  cache.delete('a');
  assert.equal(cache.peek('a'), undefined);
  assert.equal(cache.size, 0);
});
