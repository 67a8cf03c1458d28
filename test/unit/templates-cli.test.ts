import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runLint } from '../../src/cli/lint.ts';

const ROOT = join(__dirname, '..', '..');
const PROBLEMS = 'examples/templates/sqs-consumer-problems/template.yaml';
const CLEAN = 'examples/templates/sqs-consumer-clean/template.yaml';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runLint(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readFile: (p) => readFile(join(ROOT, p), 'utf8'),
  });
  return { code, out, err };
}

test('text format: file:line:col severity ruleId message; exit 1 on an error finding', async () => {
  const r = await run(PROBLEMS);
  assert.equal(r.code, 1);
  // The visibility-timeout error sits on `VisibilityTimeout: 30` (line 15, column 26 in the example).
  assert.match(r.out, /^examples\/templates\/sqs-consumer-problems\/template\.yaml:15:26 error LDA101 Queue OrdersQueue/m);
  assert.match(r.out, /:36:24 error LDA107 /);
  assert.match(r.out, /\d+ findings in 1 template\.\n$/);
});

test('the clean example lints clean (exit 0), as the README says', async () => {
  const r = await run(CLEAN);
  assert.equal(r.code, 0);
  assert.equal(r.out, 'No findings in 1 template.\n');
});

test('--fail-on warning / never change the exit code', async () => {
  assert.equal((await run(PROBLEMS, '--fail-on', 'never')).code, 0);
  assert.equal((await run(PROBLEMS, '--fail-on=warning')).code, 1);
  assert.equal((await run(CLEAN, '--fail-on', 'warning')).code, 0);
});

test('json format has the documented fields with 1-based lines', async () => {
  const r = await run(PROBLEMS, '--format', 'json');
  const data = JSON.parse(r.out) as { findings: Array<Record<string, unknown>> };
  const vis = data.findings.find((f) => f.ruleId === 'LDA101');
  assert.deepEqual(Object.keys(vis ?? {}).sort(), ['column', 'file', 'line', 'message', 'property', 'resource', 'ruleId', 'severity']);
  assert.equal(vis?.line, 15);
  assert.equal(vis?.column, 26);
  assert.equal(vis?.resource, 'OrdersQueue');
  assert.equal(vis?.property, 'Properties.VisibilityTimeout');
  assert.equal(vis?.file, PROBLEMS);
});

test('sarif format: 2.1.0 with rules (ids, help) and results with physical locations', async () => {
  const r = await run(PROBLEMS, CLEAN, '--format', 'sarif');
  const sarif = JSON.parse(r.out) as {
    version: string;
    runs: Array<{
      tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string }; shortDescription: { text: string } }> } };
      results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }>;
    }>;
  };
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.ok(run0);
  const ids = run0.tool.driver.rules.map((x) => x.id);
  assert.ok(ids.includes('LDA101') && ids.includes('LDA606'));
  for (const rule of run0.tool.driver.rules) assert.ok(rule.help.text.length > 20 && rule.shortDescription.text.length > 5);
  const vis = run0.results.find((x) => x.ruleId === 'LDA101');
  assert.equal(vis?.level, 'error');
  assert.equal(run0.tool.driver.rules[vis?.ruleIndex ?? -1]?.id, 'LDA101');
  assert.deepEqual(vis?.locations[0]?.physicalLocation.region, { startLine: 15, startColumn: 26, endLine: 15, endColumn: 28 });
  assert.equal(vis?.locations[0]?.physicalLocation.artifactLocation.uri, PROBLEMS);
  const levels = new Set(run0.results.map((x) => x.level));
  assert.ok([...levels].every((l) => ['error', 'warning', 'note'].includes(l)));
});

test('exit 2 with a message naming the problem: unreadable file, bad option, no template', async () => {
  const missing = await run('nope/template.yaml');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read nope\/template\.yaml: no such file/);
  const bad = await run(CLEAN, '--format', 'xml');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be text, json or sarif \(got "xml"\)/);
  const unknown = await run(CLEAN, '--strict');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown option "--strict"/);
  const none = await run();
  assert.equal(none.code, 2);
  assert.match(none.err, /no template given/);
  // One readable, one missing: the readable one is still linted and printed.
  const mixed = await run(PROBLEMS, 'missing.yaml');
  assert.equal(mixed.code, 2);
  assert.match(mixed.out, /LDA101/);
});

test('a file that is not a template is skipped with a note, not an error', async () => {
  const r = await runLint(['compose.yaml'], { stdout: () => {}, stderr: (s) => assert.match(s, /not a CloudFormation or SAM template/), readFile: async () => 'services:\n  web:\n    image: nginx\n' });
  assert.equal(r, 0);
});
