import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { advise } from '../../src/engine/index.ts';
import { DESIGN_SCHEMA_VERSION } from '../../src/engine/design.ts';
import { EXAMPLES, ROOT, oneFile, run } from './cli-helpers.ts';

const apiExample = join(EXAMPLES, 'api-backend.json');
const sqsExample = join(EXAMPLES, 'sqs-worker-database.json');
const pkgVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test('--version prints the package version; --help and help print usage with exit 0', async () => {
  const v = await run(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.stdout, `${pkgVersion}\n`);
  for (const argv of [['--help'], ['-h'], ['help']]) {
    const h = await run(argv);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /lambda-advisor recommend <scenario\.json \| ->/);
    assert.match(h.stdout, /Exit codes:/);
  }
  const rh = await run(['recommend', '--help']);
  assert.equal(rh.code, 0);
  assert.match(rh.stdout, /^Usage: lambda-advisor recommend/);
  const ch = await run(['help', 'cost']);
  assert.equal(ch.code, 0);
  assert.match(ch.stdout, /--provisioned-hours H/);
});

test('no command, an unknown command or an unknown global option: usage on stderr, exit 2', async () => {
  const none = await run([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage:/);
  assert.equal(none.stdout, '');
  const unknown = await run(['recomend', 'x.json']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'recomend'/);
  const opt = await run(['--verbose']);
  assert.equal(opt.code, 2);
  assert.match(opt.stderr, /unknown option --verbose/);
});

test('recommend prints warnings first, then every decision with why, trade-off and sourced URLs, then the bill', async () => {
  const r = await run(['recommend', apiExample]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const out = r.stdout;
  const design = advise(JSON.parse(readFileSync(apiExample, 'utf8')));
  assert.ok(design.ok);
  const d = design.design;
  const at = (s: string) => {
    const i = out.indexOf(s);
    assert.ok(i >= 0, `output lacks ${JSON.stringify(s)}:\n${out}`);
    return i;
  };
  const titles = ['Invocation', 'Memory and architecture', 'Timeout', 'Batching', 'Concurrency', 'Failure handling', 'VPC', 'Cold starts', 'Deployment'];
  const positions = titles.map((t, i) => at(`${i + 1}. ${t}: `));
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'decisions in order');
  assert.ok(at('Warnings') < positions[0]!, 'warnings come before the decisions');
  assert.ok(at('Monthly cost of this design') > positions[positions.length - 1]!, 'the bill comes last');
  assert.equal(out.split('\n     Why: ').length - 1, titles.length);
  assert.equal(out.split('\n     Trade-off: ').length - 1, titles.length);
  // The values a person acts on are in the text, read from the same design the JSON carries.
  at(`memory: ${d.memoryMb.toLocaleString('en-US')} MB on ${d.architecture}`);
  at(`timeout: ${d.timeoutSeconds.toLocaleString('en-US')} s`);
  for (const w of d.warnings) at(w.message.split(/\s+/).slice(0, 6).join(' '));
  for (const ref of d.rationale.memory.references) at(ref.url);
  for (const line of d.cost.lines) at(line.item);
  assert.match(out, /\n\s+Total\s+[\d,]+\.\d\d/);
});

test('recommend says where the 2019 article is superseded', async () => {
  const input = JSON.parse(readFileSync(sqsExample, 'utf8')) as unknown;
  const design = advise(input);
  assert.ok(design.ok);
  const corrections = Object.values(design.design.rationale).filter((r) => r.articleCorrection);
  const superseded = design.design.warnings.filter((w) => w.id === 'article-superseded');
  assert.ok(corrections.length + superseded.length > 0, 'the SQS + VPC example touches advice the article got wrong');
  const r = await run(['recommend', sqsExample]);
  assert.equal(r.code, 0, r.stderr);
  if (corrections.length > 0) assert.match(r.stdout, /Superseded 2019 advice: /);
  for (const w of superseded) assert.ok(r.stdout.includes(w.message.split(/\s+/).slice(0, 6).join(' ')));
});

test('recommend --json prints exactly the design, with schemaVersion', async () => {
  const r = await run(['recommend', sqsExample, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const printed = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(printed['schemaVersion'], DESIGN_SCHEMA_VERSION);
  const design = advise(JSON.parse(readFileSync(sqsExample, 'utf8')));
  assert.ok(design.ok);
  assert.deepEqual(printed, JSON.parse(JSON.stringify(design.design)));
  // The SQS worker that protects a 20-connection database is throttled at 20, one way or the other.
  const c = design.design.concurrency;
  const cap = c.maximumConcurrency ?? c.reserved;
  assert.ok(cap !== null && cap <= 20, `concurrency capped at the database limit (got ${JSON.stringify(c)})`);
});

test("'-' reads the scenario from stdin", async () => {
  const text = readFileSync(apiExample, 'utf8');
  const fromStdin = await run(['recommend', '-', '--json'], { stdinText: text });
  const fromFile = await run(['recommend', apiExample, '--json']);
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.equal(fromStdin.stdout, fromFile.stdout);
});

test('cost <scenario> prices the recommended design', async () => {
  const r = await run(['cost', sqsExample, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const design = advise(JSON.parse(readFileSync(sqsExample, 'utf8')));
  assert.ok(design.ok);
  const bill = JSON.parse(r.stdout) as { total: number; currency: string; lines: Array<{ item: string; usd: number }> };
  assert.deepEqual(bill, JSON.parse(JSON.stringify(design.design.cost)));
  assert.deepEqual(Object.keys(bill).slice(0, 5), ['currency', 'region', 'pricesAsOf', 'total', 'lines']);
  assert.ok(bill.lines.some((l) => /SQS/i.test(l.item)), 'the queue is on the bill');
});

test('invalid JSON: exit 2, message names the file and the line and column', async () => {
  const name = 'broken.json';
  const r = await run(['recommend', name], { readFile: oneFile(name, '{\n  "name": "x",\n  source: "sqs"\n}\n') });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^lambda-advisor: broken\.json: invalid JSON at line 3, column 3: /);
  const truncated = await run(['cost', name], { readFile: oneFile(name, '{"name": "x",') });
  assert.equal(truncated.code, 2);
  assert.match(truncated.stderr, /broken\.json: invalid JSON at line 1/);
  const empty = await run(['recommend', name], { readFile: oneFile(name, '  \n') });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /broken\.json: the scenario is empty/);
});

test('an unreadable scenario file: exit 2 naming the file and the problem', async () => {
  const missing = await run(['recommend', join(ROOT, 'no-such-scenario.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read scenario .*no-such-scenario\.json: no such file/);
  const dir = await run(['recommend', EXAMPLES]);
  assert.equal(dir.code, 2);
  assert.match(dir.stderr, /is a directory/);
  assert.doesNotMatch(missing.stderr + dir.stderr, /\n\s+at /, 'no stack trace');
});

test('an invalid scenario: exit 2, every bad field named by its path', async () => {
  const scenario = JSON.parse(readFileSync(apiExample, 'utf8')) as Record<string, Record<string, unknown>>;
  scenario['traffic']!['peakPerSecond'] = -5;
  scenario['work']!['averageDurationMs'] = 'fast';
  scenario['latency']!['coldStarts'] = 'never';
  scenario['extra'] = {};
  const name = 'bad.json';
  const r = await run(['recommend', name], { readFile: oneFile(name, JSON.stringify(scenario)) });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /bad\.json: invalid scenario \(4 problems\)/);
  assert.match(r.stderr, /^ {2}traffic\.peakPerSecond: must be >= 0$/m);
  assert.match(r.stderr, /^ {2}work\.averageDurationMs: must be a number$/m);
  assert.match(r.stderr, /^ {2}latency\.coldStarts: must be one of: avoid, tolerate$/m);
  assert.match(r.stderr, /unknown field: extra/);
  const notObject = await run(['cost', '-', '--json'], { stdinText: '[1, 2]' });
  assert.equal(notObject.code, 2);
  assert.match(notObject.stderr, /<stdin>: invalid scenario/);
});

test('recommend without a file or with two files is exit 2', async () => {
  const none = await run(['recommend']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /recommend needs a scenario file/);
  const two = await run(['recommend', 'a.json', 'b.json']);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /unexpected argument 'b\.json'/);
  const flag = await run(['recommend', apiExample, '--yaml']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /unknown option --yaml for 'recommend'/);
});

test('an unexpected failure is exit 1 without a stack trace, unless LAMBDA_ADVISOR_DEBUG=1', async () => {
  const failing = { write: () => { throw new Error('disk full'); } };
  let stderr = '';
  const sink = { write: (s: string) => (stderr += s) };
  const { main } = await import('../../src/cli/main.ts');
  const code = await main(['cost', '--requests', '1', '--duration-ms', '1', '--memory', '128'], { stdout: failing, stderr: sink, env: {} });
  assert.equal(code, 1);
  assert.match(stderr, /unexpected error: disk full/);
  assert.doesNotMatch(stderr, /\n\s+at /);
  stderr = '';
  const debug = await main(['cost', '--requests', '1', '--duration-ms', '1', '--memory', '128'], {
    stdout: failing,
    stderr: sink,
    env: { LAMBDA_ADVISOR_DEBUG: '1' },
  });
  assert.equal(debug, 1);
  assert.match(stderr, /\n\s+at /);
});

test('lint is wired: findings exit 1, a clean template exit 0, --help exit 0', async () => {
  const templates = join(ROOT, 'examples', 'templates');
  const problems = await run(['lint', join(templates, 'sqs-consumer-problems', 'template.yaml')]);
  assert.equal(problems.code, 1, problems.stderr);
  assert.match(problems.stdout, /template\.yaml:\d+:\d+ error /);
  const clean = await run(['lint', join(templates, 'sqs-consumer-clean', 'template.yaml'), '--fail-on', 'warning']);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  const help = await run(['help', 'lint']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--fail-on/);
  const bad = await run(['lint', '--bogus']);
  assert.equal(bad.code, 2);
});
