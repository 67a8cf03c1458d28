import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkTargets } from '../../src/cli/scaffold.ts';
import { EXAMPLES, run } from './cli-helpers.ts';

const sqsExample = join(EXAMPLES, 'sqs-worker-database.json');
const apiExample = join(EXAMPLES, 'api-backend.json');

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'la-scaffold-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir`, relative POSIX path -> contents. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

test('scaffold writes the handler, events and a SAM template for the scenario into a new folder, and lists them', async (t) => {
  const out = join(tempDir(t), 'invoice-writer');
  const r = await run(['scaffold', sqsExample, '--out', out, '--iac', 'sam']);
  assert.equal(r.code, 0, r.stderr);
  const files = snapshot(out);
  assert.ok(files.has('template.yaml'), [...files.keys()].join(', '));
  assert.ok([...files.keys()].some((p) => p.startsWith('events/')), 'sample events under events/');
  assert.ok([...files.keys()].some((p) => p.endsWith('.ts') && !p.includes('test')), 'a TypeScript handler for a nodejs scenario');
  // The template is real YAML that declares an SQS-triggered function with the design's settings.
  const template = parseYaml(files.get('template.yaml')!, { logLevel: 'silent' }) as { Resources: Record<string, { Type: string }> };
  const types = Object.values(template.Resources).map((r) => r.Type);
  assert.ok(types.includes('AWS::Serverless::Function'), types.join(', '));
  assert.ok(types.includes('AWS::SQS::Queue'), types.join(', '));
  // Each written file is listed on stdout.
  for (const p of files.keys()) assert.ok(r.stdout.includes(p), `stdout lists ${p}:\n${r.stdout}`);
});

test('a second run without --force exits 3, lists the existing files and leaves every file byte-identical', async (t) => {
  const out = tempDir(t);
  const first = await run(['scaffold', sqsExample, '--out', out]);
  assert.equal(first.code, 0, first.stderr);
  // The user edits one generated file and adds one of their own.
  writeFileSync(join(out, 'template.yaml'), '# mine\nResources: {}\n');
  writeFileSync(join(out, 'notes.txt'), 'keep me');
  const before = snapshot(out);
  const second = await run(['scaffold', sqsExample, '--out', out]);
  assert.equal(second.code, 3);
  assert.match(second.stderr, /already exist.*nothing was written.*--force/);
  assert.match(second.stderr, /^ {2}template\.yaml$/m);
  assert.equal(second.stdout, '');
  assert.deepEqual(snapshot(out), before);
  // Only one file in the way is enough to stop everything: remove all but one.
  const other = tempDir(t);
  writeFileSync(join(other, 'template.yaml'), 'mine');
  const partial = await run(['scaffold', sqsExample, '--out', other]);
  assert.equal(partial.code, 3);
  assert.deepEqual([...snapshot(other).keys()], ['template.yaml'], 'no new file written either');
});

test('--force overwrites existing files with the generated contents', async (t) => {
  const out = tempDir(t);
  assert.equal((await run(['scaffold', sqsExample, '--out', out])).code, 0);
  const generated = snapshot(out);
  writeFileSync(join(out, 'template.yaml'), 'user edit\n');
  const r = await run(['scaffold', sqsExample, '--out', out, '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(out, 'template.yaml'), 'utf8'), generated.get('template.yaml'));
  assert.match(r.stdout, /overwrote template\.yaml/);
});

test('a symbolic link inside --out that leads outside it is refused, and nothing is written anywhere', async (t) => {
  const base = tempDir(t);
  const out = join(base, 'project');
  const outside = join(base, 'outside');
  mkdirSync(out);
  mkdirSync(outside);
  symlinkSync(outside, join(out, 'events'), 'dir');
  const r = await run(['scaffold', sqsExample, '--out', out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /refusing to scaffold/);
  assert.match(r.stderr, /events\/[^:]+: a symbolic link .* leads outside it/);
  assert.deepEqual(readdirSync(outside), [], 'nothing written through the link');
  assert.deepEqual(readdirSync(out), ['events'], 'nothing written inside either');
});

test('hostile paths are refused before writing: "..", absolute, and a symlinked file pointing out', async (t) => {
  const base = tempDir(t);
  const out = join(base, 'project');
  mkdirSync(out);
  const f = (path: string) => ({ path, contents: 'x', role: 'config' as const });
  const up = await checkTargets(out, [f('ok.txt'), f('../escape.txt')]);
  assert.equal(up.ok, false);
  assert.ok(!up.ok && up.problems.some((p) => p.includes('../escape.txt') && p.includes('..')), JSON.stringify(up));
  const abs = await checkTargets(out, [f('/etc/passwd')]);
  assert.ok(!abs.ok && /absolute/.test(abs.problems[0] ?? ''), JSON.stringify(abs));
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(out, 'README.md'));
  const link = await checkTargets(out, [f('README.md')]);
  assert.ok(!link.ok && /symbolic link/.test(link.problems[0] ?? ''), JSON.stringify(link));
  assert.equal(readFileSync(join(base, 'secret.txt'), 'utf8'), 'secret');
});

test('--out that is a file, a missing --out, bad --iac or --language, and an invalid scenario exit 2 with the problem named', async (t) => {
  const base = tempDir(t);
  const file = join(base, 'file.txt');
  writeFileSync(file, 'x');
  const notDir = await run(['scaffold', sqsExample, '--out', file]);
  assert.equal(notDir.code, 2);
  assert.match(notDir.stderr, /exists and is not a folder/);
  const noOut = await run(['scaffold', sqsExample]);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /needs --out DIR/);
  const iac = await run(['scaffold', sqsExample, '--out', base, '--iac', 'pulumi']);
  assert.equal(iac.code, 2);
  assert.match(iac.stderr, /--iac must be one of sam, cdk, terraform \(got 'pulumi'\)/);
  const lang = await run(['scaffold', sqsExample, '--out', base, '--language', 'go']);
  assert.equal(lang.code, 2);
  assert.match(lang.stderr, /--language must be one of typescript, python/);
  const bad = await run(['scaffold', '-', '--out', join(base, 'x')], { stdinText: JSON.stringify({ name: 'x', source: 'carrier-pigeon' }) });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid scenario/);
  assert.match(bad.stderr, /source/);
  assert.equal(existsSync(join(base, 'x')), false, 'nothing created for an invalid scenario');
});

test('reads the scenario from stdin, honours --language python and --iac terraform', async (t) => {
  const out = tempDir(t);
  const r = await run(['scaffold', '-', '--out', out, '--language', 'python', '--iac', 'terraform'], { stdinText: readFileSync(apiExample, 'utf8') });
  assert.equal(r.code, 0, r.stderr);
  const paths = [...snapshot(out).keys()];
  assert.ok(paths.some((p) => p.endsWith('.py')), paths.join(', '));
  assert.ok(paths.some((p) => p.endsWith('.tf')), paths.join(', '));
  assert.ok(!paths.includes('template.yaml'));
  assert.ok(statSync(out).isDirectory());
});

test('scaffold --help and help scaffold describe exit code 3', async () => {
  for (const argv of [['scaffold', '--help'], ['help', 'scaffold']]) {
    const h = await run(argv);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^Usage: lambda-advisor scaffold/);
    assert.match(h.stdout, /exit code 3/);
  }
  const main = await run(['--help']);
  assert.match(main.stdout, /lambda-advisor scaffold <scenario\.json \| -> --out DIR/);
});
