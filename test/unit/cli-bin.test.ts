import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, EXAMPLES } from './cli-helpers.ts';

const bin = join(ROOT, 'bin', 'lambda-advisor.js');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, LAMBDA_ADVISOR_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the built bin/lambda-advisor.js works end to end', { timeout: 60_000 }, () => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  const v = cli(['--version']);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /^\d+\.\d+\.\d+/);

  const rec = cli(['recommend', join(EXAMPLES, 'api-backend.json'), '--json']);
  assert.equal(rec.code, 0, rec.stderr);
  const design = JSON.parse(rec.stdout) as { schemaVersion: number; memoryMb: number };
  assert.equal(typeof design.schemaVersion, 'number');
  assert.ok(design.memoryMb >= 128 && design.memoryMb <= 10_240);

  const cost = cli(['cost', '--requests', '1000000', '--duration-ms', '100', '--memory', '1024', '--json']);
  assert.equal(cost.code, 0, cost.stderr);
  assert.equal((JSON.parse(cost.stdout) as { currency: string }).currency, 'USD');

  const stdin = cli(['cost', '-'], '{"name": "x", ');
  assert.equal(stdin.code, 2);
  assert.match(stdin.stderr, /<stdin>: invalid JSON at line 1/);

  const bad = cli(['cost', '--requests=-1', '--duration-ms', '100', '--memory', '1024']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--requests: must be a number >= 0/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});

test('output that cannot be written is an error: stdout on a full disk or a closed pipe exits 1 and says so', { timeout: 60_000 }, () => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  const args = [bin, 'recommend', join(EXAMPLES, 'api-backend.json'), '--json'];
  if (existsSync('/dev/full')) {
    const fd = openSync('/dev/full', 'w');
    try {
      const full = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] });
      assert.equal(full.status, 1, full.stderr);
      assert.match(full.stderr, /could not write the output to stdout \(ENOSPC/);
    } finally {
      closeSync(fd);
    }
  }
  // A reader that has already gone: `lambda-advisor … | true` (the writer starts after the reader quit).
  const piped = spawnSync('bash', ['-c', `(sleep 0.5; exec "${process.execPath}" "${args.join('" "')}") | true; exit \${PIPESTATUS[0]}`], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(piped.status, 1, piped.stderr);
  assert.match(piped.stderr, /could not write the output to stdout \(write EPIPE\)/);
});
