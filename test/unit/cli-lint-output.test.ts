// `lint --output FILE` (CI reports written atomically) and rule errors that are said, not swallowed
// (issue 12 §7). Run in-process through main(), on the examples the README uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES, type Rule } from '../../src/engine/templates/index.ts';
import { ROOT, run } from './cli-helpers.ts';

const PROBLEMS = join(ROOT, 'examples/templates/sqs-consumer-problems/template.yaml');

test('--output FILE: the SARIF report goes to the file (atomically, nothing beside it), stdout stays empty, the exit code still follows the findings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lda-lint-'));
  const out = join(dir, 'report.sarif');
  writeFileSync(out, 'old report');
  const r = await run(['lint', PROBLEMS, '--format', 'sarif', '--output', out]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '');
  const sarif = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
  assert.equal(sarif.version, '2.1.0');
  assert.ok((sarif.runs[0]?.results.length ?? 0) > 0);
  assert.deepEqual(readdirSync(dir), ['report.sarif']);
  // `--output=FILE` works too, for the text format.
  const text = join(dir, 'report.txt');
  assert.equal((await run(['lint', PROBLEMS, `--output=${text}`])).code, 1);
  assert.match(readFileSync(text, 'utf8'), /findings in 1 template\.\n$/);
});

test('--output into a missing folder or onto a folder: exit 1 (2 for a bad path), said on stderr, nothing half-written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lda-lint-'));
  const r = await run(['lint', PROBLEMS, '--output', join(dir, 'missing', 'report.json'), '--format', 'json']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /could not write the report to .*report\.json/);
  const onDir = await run(['lint', PROBLEMS, '--output', dir]);
  assert.equal(onDir.code, 1);
  assert.match(onDir.stderr, /is a folder/);
  symlinkSync(join(dir, 'elsewhere.json'), join(dir, 'link.json'));
  const viaLink = await run(['lint', PROBLEMS, '--output', join(dir, 'link.json')]);
  assert.equal(viaLink.code, 1);
  assert.match(viaLink.stderr, /symbolic link/);
  assert.equal(readdirSync(dir).includes('elsewhere.json'), false, 'nothing written through the link');
  const empty = await run(['lint', PROBLEMS, '--output']);
  assert.equal(empty.code, 2);
});

test('a rule that throws is named on stderr, the other rules still report, and the exit code says the check is incomplete', async () => {
  const broken: Rule = { id: 'LDA999', name: 'always-throws', severity: 'error', summary: 's', help: 'h', sources: [], check: () => { throw new Error('boom'); } };
  (RULES as Rule[]).push(broken);
  try {
    const r = await run(['lint', PROBLEMS, '--fail-on', 'never']);
    assert.match(r.stderr, /rule LDA999 \(always-throws\) failed on .*template\.yaml: boom; the other rules ran/);
    assert.match(r.stdout, /error LDA101 /);
    assert.equal(r.code, 1, 'a check that did not run fully is not a pass');
  } finally {
    (RULES as Rule[]).pop();
  }
});
