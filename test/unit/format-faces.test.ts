// One money and number formatter (src/engine/format.ts) for every face: the same amount reads the
// same in the cost lines, the rationale, the template rules, the hover, the CodeLens, the CLI and the
// wizard (which imports the engine's module; the scan below keeps any face from growing its own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as format from '../../src/engine/format.ts';
import { formatUsd as costFormatUsd } from '../../src/engine/index.ts';
import * as rationale from '../../src/engine/recommend/format.ts';
import * as rules from '../../src/engine/templates/rules/context.ts';
import { formatCount, formatUsd as cliTableUsd } from '../../src/cli/format.ts';
import { hoverAt } from '../../src/engine/templates/hover.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';
import { buildModel } from '../../src/engine/templates/model.ts';
import { functionFacts } from '../../src/engine/templates/function-facts.ts';
import { costLens } from '../../src/engine/templates/lens.ts';
import { run, ROOT } from './cli-helpers.ts';

/** The rule set, amount by amount (documented at the top of src/engine/format.ts). */
const AMOUNTS: readonly (readonly [number, string])[] = [
  [0, '$0.00'],
  [0.00003, '< $0.0001'],
  [0.0002, '$0.0002'],
  [0.00408, '$0.0041'],
  [0.0049, '$0.0049'],
  [0.005, '$0.01'],
  [0.2, '$0.20'],
  [0.408, '$0.41'],
  [1.53, '$1.53'],
  [32.85, '$32.85'],
  [1234.567, '$1,234.57'],
  [1_000_000, '$1,000,000.00'],
  [-1.5, '-$1.50'],
  [-0.0042, '-$0.0042'],
];

test('every face formats an amount of dollars the same way', () => {
  const faces: readonly (readonly [string, (n: number) => string])[] = [
    ['engine format', format.usd],
    ['cost lines (engine formatUsd)', costFormatUsd],
    ['recommendation rationale', rationale.usd],
    ['template rules', rules.usd],
    // The CLI's bill table prints the figure under a "USD" heading, without the symbol.
    ['CLI bill table', (n) => { const f = cliTableUsd(n); return f.startsWith('-') ? `-$${f.slice(1)}` : /^[<>] /.test(f) ? f.replace(/^([<>] -?)/, '$1$') : `$${f}`; }],
  ];
  for (const [amount, expected] of AMOUNTS) {
    for (const [face, fmt] of faces) assert.equal(fmt(amount), expected, `${face} formats ${amount}`);
  }
});

test('unit prices read as published, never rounded to cents', () => {
  assert.equal(format.usdPrice(0.0000166667), '$0.0000166667');
  assert.equal(format.usdPrice(0.045), '$0.045');
  assert.equal(format.usdPrice(0.2), '$0.20');
  assert.equal(rules.usdPrice(0.045), '$0.045');
});

test('counts and quantities read the same in the rationale, the rules, the CLI and the CodeLens', () => {
  for (const [n, readable, counted] of [
    [1769, '1,769', '1,769'],
    [10_240, '10,240', '10,240'],
    [0.5787, '0.58', '0.58'],
    [12.345, '12.3', '12.35'],
    [1_000_000, '1,000,000', '1,000,000'],
  ] as const) {
    assert.equal(rationale.num(n), readable, `num(${n})`);
    assert.equal(format.num(n), readable);
    assert.equal(rules.n(n), counted, `n(${n})`);
    assert.equal(formatCount(n), counted, `formatCount(${n})`);
  }
  assert.equal(format.ms(350), '350 ms');
  assert.equal(format.ms(12_500), '12.5 s');
  assert.equal(format.mb(1769.4), '1,769 MB');
  assert.equal(format.shortCount(250_000), '250k');
  assert.equal(format.shortCount(999_999), '1M', 'not "1000k"');
  assert.equal(format.shortCount(2_500_000), '2.5M');
});

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Small:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      MemorySize: 128
`;

function lensTitle(requestsPerMonth: number): string {
  const model = buildModel(parseTemplate(TEMPLATE));
  const fn = model.functions.get('Small');
  assert.ok(fn);
  return costLens(functionFacts(model, fn), { requestsPerMonth, durationMs: 100, region: 'us-east-1' }).title;
}

function cliTotal(stdout: string): string {
  const total = stdout.split('\n').find((l) => /^\s*Total\s/.test(l));
  assert.ok(total, stdout);
  return total.trim().split(/\s+/).slice(1).join(' ');
}

test('the same bill reads the same in the hover, the CodeLens and the CLI (128 MB x86_64, 1M × 100 ms: $0.41)', async () => {
  // 1M × 0.1 s × 0.125 GB = 12,500 GB-s × $0.0000166667 = $0.21, + $0.20 of requests = $0.41 (us-east-1).
  const t = parseTemplate(TEMPLATE);
  const hover = hoverAt(t, TEMPLATE.indexOf('MemorySize: 128') + 1)?.markdown ?? '';
  assert.match(hover, /1 M invocations of 100 ms cost \$0\.41 on x86_64 in us-east-1 \(duration \$0\.21 \+ requests \$0\.20\)/);
  assert.equal(lensTitle(1_000_000), '≈ $0.41/month (assumed workload: 1M requests/month × 100 ms)');
  const cli = await run(['cost', '--requests', '1000000', '--duration-ms', '100', '--memory', '128', '--arch', 'x86_64', '--region', 'us-east-1']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cliTotal(cli.stdout), '0.41');
});

test('a sub-cent bill is not shown as free, in the CodeLens or the CLI (1,000 × 100 ms at 128 MB: $0.0004)', async () => {
  // 1,000 × 0.1 s × 0.125 GB = 12.5 GB-s × $0.0000166667 = $0.000208, + $0.0002 of requests = $0.000408.
  assert.equal(lensTitle(1_000), '≈ $0.0004/month (assumed workload: 1k requests/month × 100 ms)');
  const cli = await run(['cost', '--requests', '1000', '--duration-ms', '100', '--memory', '128', '--arch', 'x86_64', '--region', 'us-east-1']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cliTotal(cli.stdout), '0.0004');
});

test('no face defines its own money or number formatter', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        // The scaffold writes source code (shell and JS template strings), not numbers for a person.
        if (relative(ROOT, path) !== join('src', 'engine', 'scaffold')) walk(path);
        continue;
      }
      if (!/\.tsx?$/.test(name) || relative(ROOT, path) === join('src', 'engine', 'format.ts')) continue;
      const text = readFileSync(path, 'utf8');
      if (text.includes('Intl.NumberFormat')) offenders.push(`${relative(ROOT, path)}: Intl.NumberFormat`);
      if (text.includes('.toLocaleString(')) offenders.push(`${relative(ROOT, path)}: toLocaleString`);
      if (text.includes('$${')) offenders.push(`${relative(ROOT, path)}: a "$" written before a number`);
    }
  };
  walk(join(ROOT, 'src'));
  walk(join(ROOT, 'webview', 'src'));
  assert.deepEqual(offenders, [], 'format through src/engine/format.ts');
});

test('rates read in the unit a person would use, and "a"/"an" follows how the source is said', () => {
  const { perTime, article } = format;
  assert.equal(perTime(40), '40/s');
  assert.equal(perTime(0.5), '30/min');
  assert.equal(perTime(0.01), '36/h');
  // A nightly job: 30 a month is just under one a day (a month of 730 hours).
  assert.equal(perTime(30 / (730 * 3_600)), '0.99/day');
  assert.equal(perTime(0), '0/s');
  assert.equal(article('EventBridge schedule'), 'an');
  assert.equal(article('SNS topic'), 'an');
  assert.equal(article('S3 event notification'), 'an');
  assert.equal(article('function URL'), 'a');
  assert.equal(article('DynamoDB stream'), 'a');
});

test('chart labels: whole dollars on axes, cents below a dollar; long bill items wrapped at spaces', () => {
  assert.equal(format.usdTick(1_000), '$1,000');
  assert.equal(format.usdTick(5), '$5');
  assert.equal(format.usdTick(0.5), '$0.50');
  assert.equal(format.usdTick(0), '$0');
  assert.equal(format.usdTick(2.5), '$2.50');
  assert.deepEqual(format.wrapWords('CloudWatch alarms for deployment rollback (1)', 30), ['CloudWatch alarms for', 'deployment rollback (1)']);
  assert.deepEqual(format.wrapWords('Lambda requests', 30), ['Lambda requests']);
  assert.ok(format.wrapWords('a'.repeat(50), 30).length === 1, 'a word longer than the width keeps its own line');
});

test('property: the fast grouping prints exactly what Intl.NumberFormat (en-US) prints', async () => {
  const fc = (await import('fast-check')).default;
  const intl = [0, 1, 2, 3, 4].map((d) => new Intl.NumberFormat('en-US', { maximumFractionDigits: d }));
  const intlCents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const numbers = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
    fc.integer({ min: -10_000_000, max: 10_000_000 }).map((i) => i / 1000),
    fc.constantFrom(0, -0, 0.5, 1.5, 2.5, -2.5, 999.5, 1e21, 123456789012345680000, 0.005, 1.005),
  );
  fc.assert(
    fc.property(numbers, fc.integer({ min: 0, max: 4 }), (n, d) => {
      assert.equal(format.count(n, d), intl[d]!.format(n), `count(${n}, ${d})`);
      const abs = Math.abs(n);
      if (abs >= 0.005) assert.equal(format.usdAmount(n).replace(/^-/, ''), intlCents.format(abs), `usdAmount(${n})`);
    }),
    { numRuns: 5_000 },
  );
});
