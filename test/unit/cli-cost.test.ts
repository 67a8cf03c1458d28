import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US_EAST_1_PRICES, PRICING_UNITS } from '../../src/engine/facts/index.ts';
import { run } from './cli-helpers.ts';

const usEast1 = US_EAST_1_PRICES;
if (!usEast1) throw new Error('us-east-1 prices missing from the facts module');
const requestRate = usEast1.lambda.requestsPerMillion.value; // USD per million requests
const x86FirstTier = usEast1.lambda.duration.value.x86_64[0]?.rate ?? NaN; // USD per GB-s
const armFirstTier = usEast1.lambda.duration.value.arm64[0]?.rate ?? NaN;

interface BillJson {
  currency: string;
  region: string;
  pricesAsOf: string;
  total: number;
  lines: Array<{ item: string; usd: number; id?: string }>;
}

const plain = ['cost', '--requests', '1000000', '--duration-ms', '100', '--memory', '1024'];

test('cost of a plain function matches the bill worked by hand (1M × 100 ms × 1,024 MB, x86_64, us-east-1)', async () => {
  const r = await run([...plain, '--arch', 'x86_64', '--region', 'us-east-1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const bill = JSON.parse(r.stdout) as BillJson;
  // By hand: 1,000,000 requests at $0.20 per million; 1,000,000 × 0.1 s × 1 GB = 100,000 GB-s at the first x86 tier.
  const requestsUsd = (1_000_000 / 1_000_000) * requestRate;
  const gbSeconds = 1_000_000 * (100 / 1000) * (1024 / 1024);
  assert.equal(gbSeconds, 100_000);
  const computeUsd = gbSeconds * x86FirstTier;
  assert.equal(bill.currency, 'USD');
  assert.equal(bill.region, 'us-east-1');
  assert.match(bill.pricesAsOf, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(Math.abs(bill.total - (requestsUsd + computeUsd)) < 1e-9, `total ${bill.total} vs ${requestsUsd + computeUsd}`);
  const byItem = new Map(bill.lines.map((l) => [l.item, l.usd]));
  assert.ok(Math.abs((byItem.get('Lambda requests') ?? NaN) - requestsUsd) < 1e-9);
  const compute = bill.lines.find((l) => l.item.startsWith('Lambda compute'));
  assert.ok(compute, 'a compute line');
  assert.ok(Math.abs(compute.usd - computeUsd) < 1e-9);
  // The rounded figure a reader checks on the back of an envelope: $0.20 + $1.67 = $1.87.
  assert.equal((requestsUsd + computeUsd).toFixed(2), '1.87');
  // Every line is listed and the lines add up to the total.
  const sum = bill.lines.reduce((s, l) => s + l.usd, 0);
  assert.ok(Math.abs(sum - bill.total) < 1e-9);
});

test('cost text output is an aligned table ending with the total', async () => {
  const r = await run([...plain, '--arch', 'x86_64']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.split('\n');
  const totalLine = lines.find((l) => /^\s*Total\s/.test(l));
  assert.ok(totalLine, r.stdout);
  assert.match(totalLine, /\b1\.87\b/);
  assert.match(r.stdout, /Lambda requests\s+0\.20\b/);
  assert.match(r.stdout, /Lambda compute \(x86_64, 1,024 MB\)\s+1\.67\b/);
  assert.match(r.stdout, /free tier not applied/);
  // The USD column is right-aligned: the amounts of the requests, compute and total rows end in the same column.
  const ends = ['Lambda requests', 'Lambda compute', 'Total'].map((label) => {
    const l = lines.find((x) => x.trimStart().startsWith(label)) ?? '';
    const m = /^(.*?\d\.\d\d)(\s|$)/.exec(l);
    return m?.[1]?.length;
  });
  assert.ok(ends[0] !== undefined && ends.every((e) => e === ends[0]), `columns ${ends.join(',')}:\n${r.stdout}`);
});

test('the free tier is excluded unless --free-tier is given', async () => {
  const without = JSON.parse((await run([...plain, '--json'])).stdout) as BillJson;
  const withFree = JSON.parse((await run([...plain, '--free-tier', '--json'])).stdout) as BillJson;
  assert.ok(without.total > 1);
  // 1M requests and 100,000 GB-s both fit in the monthly free tier (1M requests, 400,000 GB-s).
  assert.ok(1_000_000 <= PRICING_UNITS.freeTierRequests.value && 100_000 <= PRICING_UNITS.freeTierGbSeconds.value);
  assert.equal(withFree.total, 0);
});

test('the default architecture is x86_64 and arm64 is priced at its own (lower) rate', async () => {
  const dflt = JSON.parse((await run([...plain, '--json'])).stdout) as BillJson;
  const arm = JSON.parse((await run([...plain, '--arch', 'arm64', '--json'])).stdout) as BillJson;
  const expectedArm = requestRate + 100_000 * armFirstTier;
  assert.ok(Math.abs(arm.total - expectedArm) < 1e-9, `${arm.total} vs ${expectedArm}`);
  assert.ok(Math.abs(dflt.total - (requestRate + 100_000 * x86FirstTier)) < 1e-9);
  assert.ok(arm.total < dflt.total);
});

test('provisioned concurrency and ephemeral storage add their own lines', async () => {
  const base = JSON.parse((await run([...plain, '--json'])).stdout) as BillJson;
  const pc = JSON.parse((await run([...plain, '--provisioned', '2', '--provisioned-hours', '100', '--json'])).stdout) as BillJson;
  const eph = JSON.parse((await run([...plain, '--ephemeral-mb', '2048', '--json'])).stdout) as BillJson;
  // 2 × 1 GB kept warm 100 hours at the configured rate, by hand.
  const configured = usEast1.lambda.provisioned.value.x86_64.configuredPerGbSecond * 2 * 1 * 100 * 3600;
  assert.ok(pc.total - base.total > configured * 0.5, `provisioned adds at least its configured charge (${configured})`);
  assert.ok(pc.lines.length > base.lines.length);
  // 1.5 GB above the free 512 MB for 100,000 s of invocations, by hand.
  const ephemeral = usEast1.lambda.ephemeralPerGbSecond.value * 1.5 * 1_000_000 * 0.1;
  assert.ok(Math.abs(eph.total - base.total - ephemeral) < 1e-9, `${eph.total - base.total} vs ${ephemeral}`);
});

test('numbers accept thousands separators and exponents', async () => {
  const a = JSON.parse((await run(['cost', '--requests', '1_000_000', '--duration-ms', '100', '--memory', '1,024', '--json'])).stdout) as BillJson;
  const b = JSON.parse((await run(['cost', '--requests', '1e6', '--duration-ms', '100', '--memory', '1024', '--json'])).stdout) as BillJson;
  assert.equal(a.total, b.total);
});

test('invalid plain-cost options: exit 2, every bad option named on stderr', async () => {
  const r = await run(['cost', '--requests', 'lots', '--duration-ms', '100', '--memory', '1024', '--arch', 'sparc']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /--requests: must be a number \(got 'lots'\)/);
  assert.match(r.stderr, /--arch: must be arm64 or x86_64/);

  const range = await run(['cost', '--requests', '10', '--duration-ms', '100', '--memory', '100', '--region', 'mars-north-1']);
  assert.equal(range.code, 2);
  assert.match(range.stderr, /--memory: must be a whole number of MB from 128 to 10240/);
  assert.match(range.stderr, /--region: must be one of the priced Regions/);

  const missing = await run(['cost', '--requests', '10']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--duration-ms: is required/);
  assert.match(missing.stderr, /--memory: is required/);

  const hoursAlone = await run([...plain, '--provisioned-hours', '10']);
  assert.equal(hoursAlone.code, 2);
  assert.match(hoursAlone.stderr, /--provisioned-hours: needs --provisioned/);
});

test('cost with neither a scenario nor flags, or with both, is exit 2', async () => {
  const none = await run(['cost']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /cost needs a scenario file/);
  const both = await run(['cost', 'x.json', '--requests', '5']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /not both/);
});

test('a missing option value and an unknown option are exit 2 with the option named', async () => {
  const missing = await run(['cost', '--duration-ms', '100', '--memory', '1024', '--requests']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /option --requests needs a value/);
  const ambiguous = await run(['cost', '--requests', '--memory', '1024']);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /--requests needs a value/);
  const unknown = await run([...plain, '--memroy', '512']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown option --memroy for 'cost'/);
});
