import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commit, preflight, writeFileAtomic } from '../../src/node/transaction.ts';
import { run } from './cli-helpers.ts';

const sqsExample = join(__dirname, '..', '..', 'examples', 'scenarios', 'sqs-worker-database.json');

function tempDir(t: { after: (fn: () => void) => void }): string {
  const d = mkdtempSync(join(tmpdir(), 'la-tx-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Every path under `dir` with its contents (folders end in /). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = prefix + e.name;
      if (e.isDirectory()) {
        out[`${rel}/`] = '';
        walk(join(d, e.name), `${rel}/`);
      } else if (e.isSymbolicLink()) out[rel] = '<link>';
      else out[rel] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

test('scaffold --force never writes through a dangling symbolic link: the file outside is not created', async (t) => {
  const base = tempDir(t);
  const out = join(base, 'project');
  mkdirSync(out);
  mkdirSync(join(base, 'outside'));
  symlinkSync('../outside/x.yaml', join(out, 'template.yaml'));
  const r = await run(['scaffold', sqsExample, '--out', out, '--force']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /template\.yaml: a dangling symbolic link .*could lead outside it/);
  assert.deepEqual(readdirSync(join(base, 'outside')), []);
  assert.deepEqual(tree(out), { 'template.yaml': '<link>' });
});

test('scaffold writes nothing at all when one path is blocked: a file where a folder is needed, a dangling folder link', async (t) => {
  const base = tempDir(t);
  const out = join(base, 'project');
  mkdirSync(out);
  writeFileSync(join(out, 'events'), 'not a folder');
  symlinkSync(join(base, 'nowhere'), join(out, 'src'));
  const before = tree(out);
  const r = await run(['scaffold', sqsExample, '--out', out, '--force']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /events\/event\.json: events is a file where a folder is needed/);
  assert.match(r.stderr, /src\/handler\.ts: a dangling symbolic link/);
  assert.match(r.stderr, /nothing was written/);
  assert.deepEqual(tree(out), before, 'not one file written');
});

test('a commit that fails half-way leaves the tree exactly as it was: new files and folders gone, overwritten files restored', async (t) => {
  const root = tempDir(t);
  writeFileSync(join(root, 'keep.txt'), 'original');
  const before = tree(root);
  // The last file's temporary name (".NAME.tmp-…") is over the 255-byte name limit, so its write fails
  // after the others were written.
  const long = 'x'.repeat(245);
  const plan = await preflight(root, [
    { path: 'keep.txt', contents: 'replaced' },
    { path: 'a/b/new.txt', contents: 'new' },
    { path: `a/${long}`, contents: 'fails' },
  ]);
  assert.ok(plan.ok, JSON.stringify(plan));
  await assert.rejects(commit(plan), /ENAMETOOLONG/);
  assert.deepEqual(tree(root), before);
});

test('preflight refuses "..", absolute paths, duplicates and folders where the file goes, before anything is written', async (t) => {
  const root = tempDir(t);
  mkdirSync(join(root, 'dir'));
  const r = await preflight(root, [
    { path: '../up.txt', contents: '' },
    { path: '/etc/x', contents: '' },
    { path: 'dir', contents: '' },
    { path: 'a.txt', contents: '' },
    { path: 'A.txt', contents: '' },
  ]);
  assert.equal(r.ok, false);
  assert.ok(!r.ok);
  assert.deepEqual(
    r.problems.map((p) => p.split(':')[0]),
    ['../up.txt', '/etc/x', 'dir', 'A.txt'],
  );
  assert.deepEqual(tree(root), { 'dir/': '' });
});

test('writeFileAtomic replaces a file in one rename and replaces a link itself, never its target', async (t) => {
  const root = tempDir(t);
  writeFileSync(join(root, 'target.txt'), 'secret');
  symlinkSync(join(root, 'target.txt'), join(root, 'report.sarif'));
  await writeFileAtomic(join(root, 'report.sarif'), 'report');
  assert.equal(readFileSync(join(root, 'target.txt'), 'utf8'), 'secret');
  assert.deepEqual(tree(root), { 'report.sarif': 'report', 'target.txt': 'secret' });
});
