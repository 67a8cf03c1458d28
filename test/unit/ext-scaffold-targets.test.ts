// The editor's Scaffold from Scenario… checks each target on disk with the CLI's preflight rules (issue 12 §4):
// a symbolic link on the way is refused whether it dangles or not (VS Code's stat fails on a dangling link,
// which read as "nothing here", and the edit then landed where the link pointed), and a file where a folder is
// needed is named. Runs command.ts against the fake vscode; only the disk is real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installFakeVscode } from './fake-vscode/install.ts';

installFakeVscode();

test('scaffold targets in a workspace folder: links (dangling or not) and files in the way are refused; real files are "exists"', async () => {
  const { checkTarget } = await import('../../src/extension/scaffold/command.ts');
  const base = mkdtempSync(join(tmpdir(), 'lda-ext-targets-'));
  const folder = join(base, 'ws');
  mkdirSync(folder);
  mkdirSync(join(base, 'outside'));
  symlinkSync('../outside/x.yaml', join(folder, 'template.yaml')); // dangling, pointing out
  symlinkSync(join(base, 'outside'), join(folder, 'src')); // a folder link out
  writeFileSync(join(folder, 'events'), 'a file where a folder is needed');
  writeFileSync(join(folder, 'README.md'), 'mine');
  const uri = { scheme: 'file', fsPath: folder, path: folder } as unknown as Parameters<typeof checkTarget>[0];

  const dangling = await checkTarget(uri, 'template.yaml');
  assert.ok('problem' in dangling, JSON.stringify(dangling));
  assert.match(dangling.problem, /dangling symbolic link/);
  const linkedDir = await checkTarget(uri, 'src/handler.ts');
  assert.ok('problem' in linkedDir);
  assert.match(linkedDir.problem, /symbolic link/);
  const fileInTheWay = await checkTarget(uri, 'events/event.json');
  assert.ok('problem' in fileInTheWay);
  assert.match(fileInTheWay.problem, /events is a file where a folder is needed/);
  assert.deepEqual(await checkTarget(uri, 'README.md'), { exists: true });
  assert.deepEqual(await checkTarget(uri, 'tests/unit.test.ts'), { exists: false });
  const up = await checkTarget(uri, '../escape.txt');
  assert.ok('problem' in up);
});
