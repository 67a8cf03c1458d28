// `lambda-advisor apply --write` over every real template of the corpus (issue 12, "done when"): each file it
// writes still parses as a template, and on a sample cfn-lint reports no error it did not report before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTemplate } from '../../src/engine/templates/parse.ts';
import { corpus, corpusTest } from './corpus.ts';
import { run } from './cli-helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'lda-apply-corpus-'));
const before = join(root, 'before');
const after = join(root, 'after');
mkdirSync(before);
mkdirSync(after);
/** Templates apply changed, in corpus order. */
const changed: string[] = [];

test('apply --write on every corpus template: exit 0 or 3 (never a crash), and every file it writes parses', corpusTest, async () => {
  const codes = new Map<number, number>();
  for (const { name, text } of corpus) {
    const parsed = parseTemplate(text);
    if (!parsed.isTemplate || parsed.errors.length > 0) continue;
    writeFileSync(join(before, name), text);
    writeFileSync(join(after, name), text);
    const r = await run(['apply', join(after, name), '--write']);
    codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    if (r.code === 2 && /has no Lambda function/.test(r.stderr)) continue;
    assert.ok(r.code === 0 || r.code === 3, `${name}: exit ${r.code}\n${r.stderr}`);
    const out = readFileSync(join(after, name), 'utf8');
    if (out === text) continue;
    const again = parseTemplate(out);
    assert.equal(again.isTemplate, true, name);
    assert.deepEqual(again.errors.map((e) => e.message), [], `${name} no longer parses`);
    changed.push(name);
  }
  assert.ok(changed.length > 100, `apply changed ${changed.length} templates (${JSON.stringify([...codes])})`);
});

type CfnFinding = { Filename: string; Level: string; Rule: { Id: string }; Location: { Path?: Array<string | number> } };

function cfnLint(files: readonly string[]): CfnFinding[] | string {
  const r = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1_048_576 });
  if (r.error !== undefined) return `cfn-lint did not run: ${r.error.message}`;
  try {
    return JSON.parse(r.stdout === '' ? '[]' : r.stdout) as CfnFinding[];
  } catch {
    return `cfn-lint printed no JSON (exit ${r.status}): ${r.stderr.slice(0, 300)}`;
  }
}

const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8', timeout: 60_000 }).status === 0;
const cfnSkip = corpusTest.skip !== false ? corpusTest.skip : hasCfnLint ? false : 'cfn-lint is not on PATH (pip install cfn-lint); the sample is checked where it is';

test('on a sample of 15 applied templates, cfn-lint reports no error it did not report before', { skip: cfnSkip, timeout: 600_000 }, () => {
  assert.ok(changed.length >= 15, 'the previous test applied values');
  const step = Math.floor(changed.length / 15);
  const sample = Array.from({ length: 15 }, (_, i) => changed[i * step] ?? '').filter((n) => n !== '');
  const key = (f: CfnFinding) => `${f.Filename.split('/').pop() ?? ''} ${f.Rule.Id} ${(f.Location.Path ?? []).join('.')}`;
  const errorsOf = (dir: string) => {
    const r = cfnLint(sample.map((n) => join(dir, n)));
    assert.ok(typeof r !== 'string', typeof r === 'string' ? r : '');
    return new Set(r.filter((f) => f.Level === 'Error').map(key));
  };
  const was = errorsOf(before);
  const now = errorsOf(after);
  const fresh = [...now].filter((k) => !was.has(k));
  assert.deepEqual(fresh, [], `new cfn-lint errors after apply on ${sample.join(', ')}`);
});
