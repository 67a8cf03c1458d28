// `lambda-advisor cost <template>…`: each function's monthly cost and the total, the CodeLens's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './cli-helpers.ts';
import { TemplateSession } from '../../src/engine/templates/session.ts';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Metadata:
      LambdaAdvisor:
        name: api
        source: api-gateway-http
        traffic: { averagePerSecond: 20 }
        work: { averageDurationMs: 120, p99DurationMs: 400, measuredAtMemoryMb: 1024 }
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      MemorySize: 1024
      Architectures: [arm64]
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      MemorySize: 512
`;

const OTHER = TEMPLATE.replace('  Api:', '  Billing:').replace('name: api', 'name: billing').replace('  Worker:', '  Mailer:');

function files(map: Record<string, string>): (p: string) => Promise<string> {
  return async (p) => {
    const text = map[p];
    if (text !== undefined) return text;
    throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  };
}

test('cost template.yaml --json lists every function with its cost, whether it was assumed, its lines, and a total that adds up', async () => {
  const r = await run(['cost', 'template.yaml', '--json'], { readFile: files({ 'template.yaml': TEMPLATE }) });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    functions: { resource: string; total: number; assumed: boolean; lines: { usd: number }[] }[];
    total: number;
    currency: string;
    region: string;
    unpriced: string[];
  };
  assert.deepEqual(Object.keys(out), ['functions', 'total', 'currency', 'region', 'unpriced']);
  assert.deepEqual(out.functions.map((f) => Object.keys(f)), [['resource', 'total', 'assumed', 'lines'], ['resource', 'total', 'assumed', 'lines']]);
  assert.deepEqual(out.functions.map((f) => [f.resource, f.assumed]), [['Api', false], ['Worker', true]]);
  assert.equal(out.currency, 'USD');
  assert.equal(out.region, 'us-east-1');
  assert.deepEqual(out.unpriced, []);
  for (const f of out.functions) {
    assert.ok(f.total > 0);
    assert.ok(Math.abs(f.lines.reduce((s, l) => s + l.usd, 0) - f.total) < 1e-9, `${f.resource}: its lines add up`);
  }
  assert.ok(Math.abs(out.functions.reduce((s, f) => s + f.total, 0) - out.total) < 1e-9, 'the total adds up');
  // One pricing path: the same figures as the CodeLens of the same document.
  const lenses = TemplateSession.open({ uri: 'template.yaml', version: 0, text: TEMPLATE }).lenses();
  assert.equal(out.functions[0]!.total, lenses.get('Api')!.totalUsd);
  assert.equal(out.functions[1]!.total, lenses.get('Worker')!.totalUsd);
});

test('the assumed workload comes from --assumed-requests / --assumed-duration-ms and changes only the functions without a scenario', async () => {
  const readFile = files({ 'template.yaml': TEMPLATE });
  const base = JSON.parse((await run(['cost', 'template.yaml', '--json'], { readFile })).stdout) as { functions: { total: number }[] };
  const more = JSON.parse((await run(['cost', 'template.yaml', '--json', '--assumed-requests', '10,000,000', '--assumed-duration-ms', '200'], { readFile })).stdout) as {
    functions: { total: number }[];
  };
  assert.equal(more.functions[0]!.total, base.functions[0]!.total, 'the function with a scenario is priced for it');
  // 10 × the requests at 2 × the duration: about 20 × the compute (requests 10 ×).
  assert.ok(more.functions[1]!.total > 15 * base.functions[1]!.total, `${more.functions[1]!.total} vs ${base.functions[1]!.total}`);
});

test('several templates give one total; resources are named by template', async () => {
  const r = await run(['cost', 'a.yaml', 'b.yaml', '--json'], { readFile: files({ 'a.yaml': TEMPLATE, 'b.yaml': OTHER }) });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { functions: { resource: string; total: number }[]; total: number };
  assert.deepEqual(out.functions.map((f) => f.resource), ['a.yaml:Api', 'a.yaml:Worker', 'b.yaml:Billing', 'b.yaml:Mailer']);
  assert.ok(Math.abs(out.functions.reduce((s, f) => s + f.total, 0) - out.total) < 1e-9);
});

test('--format markdown prints a table for a pull-request comment, assumed costs marked', async () => {
  const r = await run(['cost', 'template.yaml', '--format', 'markdown'], { readFile: files({ 'template.yaml': TEMPLATE }) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^### Lambda cost estimate: ≈ \$\d+\.\d\d\/month/);
  assert.match(r.stdout, /\| Function \| Monthly cost \| Workload \|/);
  assert.match(r.stdout, /\| `Api` \| \$[\d.,]+ \| workload from Metadata\.LambdaAdvisor/);
  assert.match(r.stdout, /\| `Worker` \| \$[\d.,]+ \* \| assumed workload: 1M requests\/month × 100 ms \|/);
  assert.match(r.stdout, /\| \*\*Total\*\* \|/);
});

test('the text face names each function, its cost and what was assumed', async () => {
  const r = await run(['cost', 'template.yaml'], { readFile: files({ 'template.yaml': TEMPLATE }) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Api\s+\$[\d.,]+\s+workload from Metadata/);
  assert.match(r.stdout, /Worker\s+\$[\d.,]+\s+assumed workload/);
  assert.match(r.stdout, /Total\s+\$[\d.,]+/);
  assert.match(r.stdout, /1 of 2 functions priced for an ASSUMED workload/);
});

test('bad input is named: plain-function flags with a template, a non-template among templates, a bad assumption, an unknown format', async () => {
  const readFile = files({ 'template.yaml': TEMPLATE, 'scenario.json': '{"name":"x"}' });
  const a = await run(['cost', 'template.yaml', '--memory', '1024'], { readFile });
  assert.equal(a.code, 2);
  assert.match(a.stderr, /--memory price a plain function, not a template/);
  const b = await run(['cost', 'template.yaml', 'scenario.json'], { readFile });
  assert.equal(b.code, 2);
  assert.match(b.stderr, /scenario\.json: not a SAM or CloudFormation template/);
  const c = await run(['cost', 'template.yaml', '--assumed-requests', 'lots'], { readFile });
  assert.equal(c.code, 2);
  assert.match(c.stderr, /--assumed-requests: must be a number/);
  const d = await run(['cost', 'template.yaml', '--format', 'html'], { readFile });
  assert.equal(d.code, 2);
  assert.match(d.stderr, /--format must be text, markdown or json/);
  const e = await run(['cost', 'template.yaml', '--region', 'mars-1'], { readFile });
  assert.equal(e.code, 2);
  assert.match(e.stderr, /--region: no prices for 'mars-1'/);
  const f = await run(['cost', 'missing.yaml', 'template.yaml'], { readFile });
  assert.equal(f.code, 2);
  assert.match(f.stderr, /cannot read template missing\.yaml/);
});
