/**
 * Generated Terraform is laid out as `terraform fmt` writes it, so a user's `terraform fmt -check`
 * (often a CI gate) passes on a fresh scaffold. Every fixture design (each source, with every
 * failure destination, VPC endpoints, an alias, a hostile name) and every example scenario's design,
 * in both languages, is written to one folder and checked by ONE `terraform fmt -check` run, with a
 * deliberately misformatted control file that must be the only one reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { advise } from '../../src/engine/index.ts';
import type { Design } from '../../src/engine/design.ts';
import { scaffold } from '../../src/engine/scaffold/index.ts';
import { designFor, SOURCES_LIST } from '../fixtures/scaffold/designs.ts';

const examples = join(__dirname, '..', '..', 'examples', 'scenarios');
const STREAM_DESTINATIONS = ['sqs', 'sns', 's3'] as const;
const ALL_DESTINATIONS = [...STREAM_DESTINATIONS, 'eventbridge', 'lambda'] as const;

function designs(): Array<[string, Design]> {
  const out: Array<[string, Design]> = [];
  for (const source of SOURCES_LIST) {
    const d = designFor(source);
    out.push([source, d]);
    const destinations = ['kinesis', 'dynamodb-streams', 'kafka'].includes(source) ? STREAM_DESTINATIONS : ALL_DESTINATIONS;
    for (const dest of destinations) out.push([`${source}-${dest}`, { ...d, errorHandling: { ...d.errorHandling, onFailureDestination: dest } }]);
    out.push([`${source}-alias`, { ...d, concurrency: { ...d.concurrency, reserved: 9, provisioned: 3 }, coldStart: { ...d.coldStart, strategy: 'snapstart' } }]);
    out.push([
      `${source}-vpc`,
      { ...d, vpc: { attach: true, subnets: 3, natGateways: 1, gatewayEndpoints: ['s3', 'dynamodb'], interfaceEndpoints: ['com.amazonaws.us-east-1.sqs', 'secretsmanager'], ipv6Egress: true, monthlyUsd: 1 } },
    ]);
    out.push([`${source}-hostile`, { ...d, name: 'evil" } ${file("/etc/passwd")} %{x} \\ 名前\nline = 1' }]);
  }
  for (const f of readdirSync(examples).filter((n) => n.endsWith('.json')).sort()) {
    const r = advise(JSON.parse(readFileSync(join(examples, f), 'utf8')));
    assert.ok(r.ok, `${f} is a valid scenario`);
    out.push([`example-${f.replace(/\W+/g, '-')}`, r.design]);
  }
  return out;
}

test('every scaffolded Terraform project passes terraform fmt -check (one run over all projects)', (t) => {
  const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    t.skip('terraform is not on PATH: install Terraform (>= 1.5) to check that generated .tf files are fmt-clean');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'la-tf-fmt-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  let files = 0;
  for (const [name, design] of designs()) {
    for (const language of ['typescript', 'python'] as const) {
      for (const f of scaffold(design, { iac: 'terraform', language }).filter((x) => x.path.endsWith('.tf'))) {
        const p = join(root, `${name}-${language}`, f.path);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, f.contents);
        files++;
      }
    }
  }
  // A control that terraform fmt must reject, so that a silent or broken terraform cannot pass the test.
  mkdirSync(join(root, 'control'));
  writeFileSync(join(root, 'control', 'main.tf'), 'variable "x" {\n  type = string\n  description= "misaligned"\n}\n');
  const r = spawnSync('terraform', ['fmt', '-check', '-recursive', '-list=true', '.'], { cwd: root, encoding: 'utf8' });
  const listed = r.stdout.split('\n').filter(Boolean).map((l) => l.split('\\').join('/').replace(/^\.\//, ''));
  assert.ok(files >= SOURCES_LIST.length * 2 * 3, `wrote ${files} .tf files`);
  assert.ok(listed.includes('control/main.tf'), `terraform fmt flags the misformatted control file (it really ran):\n${r.stdout}${r.stderr}`);
  const unformatted = listed.filter((l) => l !== 'control/main.tf');
  const diff = unformatted.length === 0 ? '' : spawnSync('terraform', ['fmt', '-check', '-diff', dirname(unformatted[0]!)], { cwd: root, encoding: 'utf8' }).stdout;
  assert.deepEqual(unformatted, [], `generated .tf files that terraform fmt would change:\n${diff.slice(0, 4000)}`);
});
