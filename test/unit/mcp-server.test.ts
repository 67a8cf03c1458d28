/**
 * `lambda-advisor mcp` driven by the official MCP SDK client, as an agent host would: the server runs
 * in its own process (through tsx), in a scratch folder that holds a copy of the example templates, a
 * symbolic link out of it and a file beside it. Every result is compared with the CLI's JSON for the
 * same input; the folder is checked unchanged at the end (no tool writes).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { scenarioJsonSchema } from '../../src/engine/scenario-schema.ts';
import { advise } from '../../src/engine/index.ts';
import { scaffold } from '../../src/engine/scaffold/index.ts';
import { EXAMPLES, ROOT, oneFile, run } from './cli-helpers.ts';

const PROBLEMS = 'examples/templates/sqs-consumer-problems/template.yaml';
const CLEAN = 'examples/templates/sqs-consumer-clean/template.yaml';

let dir = '';
let work = '';
let client: Client;
let transport: StdioClientTransport;
let stderr = '';

/** Every entry under `root` with its size and modification time: what "nothing written" compares. */
function snapshot(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      out.push(`${p.slice(root.length)} ${st.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out;
}

let before0: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lda-mcp-'));
  work = join(dir, 'work');
  mkdirSync(work);
  cpSync(join(ROOT, 'examples', 'templates'), join(work, 'examples', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'outside.yaml'), readFileSync(join(ROOT, PROBLEMS)));
  symlinkSync(join(dir, 'outside.yaml'), join(work, 'link-out.yaml'));
  symlinkSync(dir, join(work, 'parent-link'));
  before0 = snapshot(dir);
  const loader = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const main = JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'));
  transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', loader, '-e', `require(${main}).main(['mcp']).then((c) => { process.exitCode = c; })`],
    cwd: work,
    env: { ...process.env, LAMBDA_ADVISOR_DEBUG: '' } as Record<string, string>,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  client = new Client({ name: 'lambda-advisor-test', version: '0.0.0' });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

const readExample = (file: string): unknown => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
const EXAMPLE_FILES = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();

test('the server introduces itself and lists recommend, cost, lint and scaffold, schemas from the scenario schema', async () => {
  assert.equal(client.getServerVersion()?.name, 'lambda-advisor');
  assert.match(client.getInstructions() ?? '', /offline/);
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name), ['recommend', 'cost', 'lint', 'scaffold']);
  const scenario = scenarioJsonSchema();
  for (const t of tools) {
    assert.equal(t.inputSchema.type, 'object', t.name);
    assert.ok((t.description ?? '').length > 80, `${t.name} has a description a model can act on`);
    assert.equal(t.annotations?.readOnlyHint, true, `${t.name} is read-only`);
    const props = t.inputSchema.properties as Record<string, { properties?: unknown; required?: unknown }> | undefined;
    if (t.name !== 'lint') {
      // The scenario argument is the generated scenario schema, field for field.
      assert.deepEqual(props?.['scenario']?.properties, scenario['properties'], t.name);
      assert.deepEqual(props?.['scenario']?.required, scenario['required'], t.name);
    }
  }
  const cost = tools.find((t) => t.name === 'cost');
  assert.deepEqual(Object.keys(cost?.inputSchema.properties ?? {}), [
    'scenario', 'requests', 'durationMs', 'memoryMb', 'architecture', 'region', 'freeTier', 'provisionedConcurrency', 'provisionedHours', 'ephemeralMb',
  ]);
});

test('recommend returns the same JSON as `recommend --json`, and a summary with the memory and the bill', async () => {
  for (const file of EXAMPLE_FILES) {
    const cli = await run(['recommend', join(EXAMPLES, file), '--json']);
    assert.equal(cli.code, 0, cli.stderr);
    const r = await call('recommend', { scenario: readExample(file) });
    assert.notEqual(r.isError, true, text(r));
    assert.deepEqual(r.structuredContent, JSON.parse(cli.stdout), file);
    const design = JSON.parse(cli.stdout) as { memoryMb: number; cost: { total: number } };
    assert.match(text(r), new RegExp(`${design.memoryMb.toLocaleString('en-US')} MB on`), file);
    assert.match(text(r), /a month/, file);
  }
});

test('cost returns the same JSON as `cost --json`, from a scenario and from plain-function fields', async () => {
  for (const file of EXAMPLE_FILES) {
    const cli = await run(['cost', join(EXAMPLES, file), '--json']);
    const r = await call('cost', { scenario: readExample(file) });
    assert.deepEqual(r.structuredContent, JSON.parse(cli.stdout), file);
  }
  const plain = await call('cost', { requests: 1_000_000, durationMs: 100, memoryMb: 1024 });
  const cliPlain = await run(['cost', '--requests', '1000000', '--duration-ms', '100', '--memory', '1024', '--json']);
  assert.deepEqual(plain.structuredContent, JSON.parse(cliPlain.stdout));
  const total = (JSON.parse(cliPlain.stdout) as { total: number }).total;
  assert.ok(text(plain).startsWith(`A plain function: about $${total.toFixed(2)} a month in us-east-1, prices as of `), text(plain));
  const tiny = await call('cost', { requests: 1, durationMs: 1, memoryMb: 128 });
  assert.match(text(tiny), /about < \$0\.0001 a month/, 'a sub-cent bill does not read as free or as "$<"');
  const full = await call('cost', {
    requests: 30_000_000, durationMs: 250, memoryMb: 2048, architecture: 'arm64', region: 'eu-west-1', freeTier: true,
    provisionedConcurrency: 5, provisionedHours: 200, ephemeralMb: 2048,
  });
  const cliFull = await run([
    'cost', '--requests', '30000000', '--duration-ms', '250', '--memory', '2048', '--arch', 'arm64', '--region', 'eu-west-1', '--free-tier',
    '--provisioned', '5', '--provisioned-hours', '200', '--ephemeral-mb', '2048', '--json',
  ]);
  assert.equal(cliFull.code, 0, cliFull.stderr);
  assert.deepEqual(full.structuredContent, JSON.parse(cliFull.stdout));
  assert.match(text(full), /eu-west-1/);
});

test('lint returns the same JSON as `lint --format json`, for a path and for text', async () => {
  for (const path of [PROBLEMS, CLEAN]) {
    const cli = await run(['lint', path, '--format', 'json']);
    const r = await call('lint', { path });
    assert.notEqual(r.isError, true, text(r));
    assert.deepEqual(r.structuredContent, JSON.parse(cli.stdout), path);
  }
  const problems = await call('lint', { path: PROBLEMS });
  assert.match(text(problems), /^\d+ findings in examples\/templates\/sqs-consumer-problems\/template\.yaml:/);
  assert.match(text(problems), /error LDA101 \(OrdersQueue\)/);

  const yaml = readFileSync(join(ROOT, PROBLEMS), 'utf8');
  const cli = await run(['lint', 'my/template.yaml', '--format', 'json'], { readFile: oneFile('my/template.yaml', yaml) });
  const r = await call('lint', { text: yaml, fileName: 'my/template.yaml' });
  assert.deepEqual(r.structuredContent, JSON.parse(cli.stdout));
  const noName = await call('lint', { text: yaml });
  assert.equal((noName.structuredContent as { findings: Array<{ file: string }> }).findings[0]?.file, 'template.yaml');
  const notTemplate = await call('lint', { text: 'just: yaml\n' });
  assert.notEqual(notTemplate.isError, true);
  assert.deepEqual(notTemplate.structuredContent, { findings: [] });
  assert.match(text(notTemplate), /not a CloudFormation or SAM template/);
});

test('scaffold returns the engine\u2019s files for the design, and writes nothing', async () => {
  const scenario = readExample('sqs-worker-database.json');
  const design = advise(scenario);
  assert.ok(design.ok);
  for (const [args, iac, language] of [
    [{}, 'sam', 'typescript'],
    [{ iac: 'terraform', language: 'python' }, 'terraform', 'python'],
    [{ iac: 'cdk' }, 'cdk', 'typescript'],
  ] as const) {
    const r = await call('scaffold', { scenario, ...args });
    assert.notEqual(r.isError, true, text(r));
    const expected: Array<{ path: string; contents: string }> = scaffold(design.design, { iac, language }).map((f) => ({ path: f.path, contents: f.contents }));
    assert.deepEqual(r.structuredContent, { iac, language, files: expected });
    assert.match(text(r), /nothing was written/);
  }
  const py = await call('scaffold', { scenario: readExample('s3-image-pipeline.json') });
  assert.equal((py.structuredContent as { language: string }).language, 'python', 'a python scenario scaffolds python by default');
});

test('invalid input is a tool result with isError and each problem by field path; the server keeps answering', async () => {
  const scenario = readExample('api-backend.json') as { traffic: Record<string, unknown>; work: Record<string, unknown> };
  const bad = { ...scenario, traffic: { ...scenario.traffic, peakPerSecond: -1 }, work: { ...scenario.work, measuredAtMemoryMb: 64 }, colour: 'blue' };
  const cases: Array<[string, Record<string, unknown>, RegExp[]]> = [
    ['recommend', { scenario: bad }, [/scenario\.traffic\.peakPerSecond: must be >= 0/, /scenario\.work\.measuredAtMemoryMb: must be >= 128 \(MB\)/, /scenario: unknown field: colour/]],
    ['recommend', {}, [/scenario: is required/]],
    ['recommend', { scenario: 'api-backend.json' }, [/scenario: the scenario must be a JSON object/]],
    ['recommend', { scenario, extra: 1 }, [/unknown field: extra/]],
    ['cost', {}, [/give scenario, or requests, durationMs and memoryMb/]],
    ['cost', { scenario, memoryMb: 512 }, [/not both \(memoryMb with scenario\)/]],
    ['cost', { requests: 1000, durationMs: 100 }, [/memoryMb: is required/]],
    ['cost', { requests: -5, durationMs: '100', memoryMb: 64.5, architecture: 'arm' }, [/durationMs: must be a number/, /architecture: must be one of: arm64, x86_64/]],
    ['cost', { requests: -5, durationMs: 100, memoryMb: 64 }, [/requests: must be a number >= 0/, /memoryMb: must be a whole number of MB from 128 to 10240/]],
    ['cost', { requests: 5, durationMs: 100, memoryMb: 128, region: 'mars-1' }, [/region: must be one of the priced Regions/]],
    ['cost', { requests: 5, durationMs: 100, memoryMb: 128, provisionedHours: 5 }, [/provisionedHours: needs provisionedConcurrency/]],
    ['scaffold', { scenario, iac: 'pulumi', language: 'rust' }, [/iac: must be one of: sam, cdk, terraform/, /language: must be one of: typescript, python/]],
    ['lint', {}, [/give path \(a template file\) or text/]],
    ['lint', { path: PROBLEMS, text: 'x' }, [/give path or text, not both/]],
    ['lint', { path: 42 }, [/path: must be a string/]],
    ['lint', { path: 'missing.yaml' }, [/path: cannot read missing\.yaml: no such file/]],
    ['lint', { path: 'examples' }, [/path: examples is not a file/]],
    ['lint', { path: '../outside.yaml' }, [/path: \.\.\/outside\.yaml is outside the working directory/]],
    ['lint', { path: join(dir, 'outside.yaml') }, [/is outside the working directory/]],
    ['lint', { path: 'link-out.yaml' }, [/link-out\.yaml leads outside the working directory through a symbolic link; refused/]],
    ['lint', { path: 'parent-link/outside.yaml' }, [/through a symbolic link; refused/]],
  ];
  for (const [name, args, patterns] of cases) {
    const r = await call(name, args);
    assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}: ${text(r)}`);
    for (const p of patterns) assert.match(text(r), p, `${name} ${JSON.stringify(args)}`);
    // The server still answers, correctly, after every error.
    const ok = await call('cost', { requests: 1, durationMs: 1, memoryMb: 128 });
    assert.notEqual(ok.isError, true);
  }
  // An unknown tool is a protocol error, and the server still answers after it.
  await assert.rejects(call('nope', {}), /Unknown tool 'nope' \(tools: recommend, cost, lint, scaffold\)/);
  assert.notEqual((await call('cost', { requests: 1, durationMs: 1, memoryMb: 128 })).isError, true);
  const errors = (await call('recommend', { scenario: bad })).structuredContent as { errors: Array<{ path: string }> };
  assert.deepEqual(errors.errors.map((e) => e.path).sort(), ['scenario', 'scenario.traffic.peakPerSecond', 'scenario.work.maxMemoryUsedMb', 'scenario.work.measuredAtMemoryMb']);
});

test('`mcp --help`, a stray argument and a --root that is not a folder', async () => {
  const help = await run(['mcp', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: lambda-advisor mcp \[--root DIR\]/);
  assert.match(help.stdout, /"servers": \{ "lambda-advisor"/);
  assert.equal((await run(['help', 'mcp'])).stdout, help.stdout);
  const stray = await run(['mcp', 'now']);
  assert.equal(stray.code, 2);
  assert.match(stray.stderr, /unexpected argument 'now' for 'mcp'/);
  const root = await run(['mcp', '--root', join(dir, 'outside.yaml')]);
  assert.equal(root.code, 2);
  assert.match(root.stderr, /--root .*outside\.yaml: not a folder/);
});

test('--root sets the folder paths resolve against and may not leave', async () => {
  const loader = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const main = JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'));
  const other = new Client({ name: 'lambda-advisor-test-root', version: '0.0.0' });
  await other.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['--import', loader, '-e', `require(${main}).main(['mcp', '--root', ${JSON.stringify(work)}])`],
      cwd: dir,
      env: { ...process.env } as Record<string, string>,
      stderr: 'pipe',
    }),
  );
  try {
    const ok = (await other.callTool({ name: 'lint', arguments: { path: PROBLEMS } })) as CallToolResult;
    assert.notEqual(ok.isError, true, text(ok));
    const out = (await other.callTool({ name: 'lint', arguments: { path: 'outside.yaml' } })) as CallToolResult;
    assert.equal(out.isError, true);
    assert.match(text(out), /no such file/, 'outside.yaml is beside the root, not in it');
    const up = (await other.callTool({ name: 'lint', arguments: { path: '../outside.yaml' } })) as CallToolResult;
    assert.match(text(up), /outside the working directory/);
  } finally {
    await other.close();
  }
});

test('nothing was written in the working directory or beside it, and nothing reached stderr', async () => {
  assert.deepEqual(snapshot(dir), before0);
  assert.equal(stderr, '');
});
