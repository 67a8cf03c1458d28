import { test } from 'node:test';
import assert from 'node:assert/strict';

import { REGION_PRICES, SOURCES, DEFAULT_REGION, regionPrices, supportedRegions } from '../../src/engine/facts/index.ts';
import type { Priced, RegionPrices, Tier } from '../../src/engine/facts/index.ts';

/**
 * Every Priced leaf of a RegionPrices, by name. Listed by hand (not by walking the object) so that a
 * Region object that silently lacks a field fails here with the field's name.
 */
function pricedFields(r: RegionPrices): Array<[string, Priced<unknown> | null | undefined]> {
  return [
    ['lambda.requestsPerMillion', r.lambda?.requestsPerMillion],
    ['lambda.duration', r.lambda?.duration],
    ['lambda.provisioned', r.lambda?.provisioned],
    ['lambda.ephemeralPerGbSecond', r.lambda?.ephemeralPerGbSecond],
    ['apiGateway.restPerMillion', r.apiGateway?.restPerMillion],
    ['apiGateway.httpPerMillion', r.apiGateway?.httpPerMillion],
    ['sqs.standardPerMillion', r.sqs?.standardPerMillion],
    ['sqs.fifoPerMillion', r.sqs?.fifoPerMillion],
    ['sns.publishPerMillion', r.sns?.publishPerMillion],
    ['eventBridge.customEventsPerMillion', r.eventBridge?.customEventsPerMillion],
    ['eventBridge.schedulerPerMillion', r.eventBridge?.schedulerPerMillion],
    ['kinesis.shardHour', r.kinesis?.shardHour],
    ['kinesis.putUnitsPerMillion', r.kinesis?.putUnitsPerMillion],
    ['nat.perHour', r.nat?.perHour],
    ['nat.perGb', r.nat?.perGb],
    ['interfaceEndpoint.perHourPerAz', r.interfaceEndpoint?.perHourPerAz],
    ['interfaceEndpoint.perGb', r.interfaceEndpoint?.perGb],
    ['logsIngestionPerGb', r.logsIngestionPerGb],
  ];
}

function assertRate(value: unknown, where: string): void {
  assert.equal(typeof value, 'number', `${where}: not a number`);
  assert.ok(Number.isFinite(value as number) && (value as number) > 0, `${where}: ${String(value)} is not a positive finite number`);
}

function assertTiers(tiers: readonly Tier[], where: string): void {
  assert.ok(Array.isArray(tiers) && tiers.length > 0, `${where}: no tiers`);
  let previous = 0;
  tiers.forEach((tier, i) => {
    assertRate(tier.rate, `${where}[${i}].rate`);
    const last = i === tiers.length - 1;
    if (last) {
      assert.equal(tier.upTo, null, `${where}: the last tier must be open-ended (upTo null)`);
    } else {
      assert.notEqual(tier.upTo, null, `${where}[${i}]: only the last tier may be open-ended`);
      assertRate(tier.upTo, `${where}[${i}].upTo`);
      assert.ok((tier.upTo as number) > previous, `${where}[${i}].upTo ${String(tier.upTo)} does not increase`);
      previous = tier.upTo as number;
    }
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertIsoDate(value: string, where: string): void {
  assert.match(value, ISO_DATE, `${where}: ${value} is not YYYY-MM-DD`);
  const parsed = new Date(`${value}T00:00:00Z`);
  assert.ok(!Number.isNaN(parsed.getTime()), `${where}: ${value} is not a date`);
  // Round-trip so that 2025-02-30 and the like are rejected.
  assert.equal(parsed.toISOString().slice(0, 10), value, `${where}: ${value} is not a calendar date`);
}

const regions = Object.entries(REGION_PRICES);

test('the default Region is priced, and supportedRegions lists exactly the priced Regions', () => {
  assert.ok(regionPrices(DEFAULT_REGION), `${DEFAULT_REGION} has no prices`);
  assert.deepEqual(supportedRegions(), Object.keys(REGION_PRICES).sort());
  assert.equal(regionPrices('xx-nowhere-1'), undefined);
  assert.equal(regionPrices('toString'), undefined, 'an Object.prototype key must not count as a Region');
});

for (const [key, r] of regions) {
  test(`${key}: the key, region code, name and asOf are well formed`, () => {
    assert.equal(r.region, key, 'the REGION_PRICES key must equal the region field');
    assert.match(r.region, /^[a-z]{2}(-gov)?-[a-z]+-\d$/, `${r.region} does not look like an AWS Region code`);
    assert.ok(r.name.trim().length > 0, 'missing display name');
    assertIsoDate(r.asOf, `${key}.asOf`);
  });

  test(`${key}: every price field is present (or explicitly unpriced), sourced, and its source exists with an https URL`, () => {
    for (const [field, priced] of pricedFields(r)) {
      assert.notEqual(priced, undefined, `${key}.${field} is missing: give a sourced price or null (not priced here)`);
      // The default Region prices everything; Lambda duration is priced in every Region.
      if (key === DEFAULT_REGION || field === 'lambda.duration') assert.ok(priced, `${key}.${field} must be priced`);
      if (!priced) continue;
      assert.ok(priced.value !== undefined && priced.value !== null, `${key}.${field} has no value`);
      assert.equal(typeof priced.source, 'string', `${key}.${field} has no source id`);
      assert.ok(Object.prototype.hasOwnProperty.call(SOURCES, priced.source), `${key}.${field}: unknown source id "${priced.source}"`);
      const src = SOURCES[priced.source];
      const url = new URL(src.url);
      assert.equal(url.protocol, 'https:', `${key}.${field}: source ${priced.source} is not https (${src.url})`);
      assertIsoDate(src.read, `source ${priced.source}.read`);
      // A price cannot be dated after the day its source was read.
      assert.ok(r.asOf <= src.read, `${key}.asOf ${r.asOf} is later than the date ${priced.source} was read (${src.read})`);
    }
  });

  test(`${key}: scalar rates are positive finite numbers`, () => {
    const scalars: Array<[string, unknown]> = [
      ['lambda.requestsPerMillion', r.lambda.requestsPerMillion?.value],
      ['lambda.ephemeralPerGbSecond', r.lambda.ephemeralPerGbSecond?.value],
      ['sqs.standardPerMillion', r.sqs.standardPerMillion?.value],
      ['sqs.fifoPerMillion', r.sqs.fifoPerMillion?.value],
      ['sns.publishPerMillion', r.sns.publishPerMillion?.value],
      ['eventBridge.customEventsPerMillion', r.eventBridge.customEventsPerMillion?.value],
      ['eventBridge.schedulerPerMillion', r.eventBridge.schedulerPerMillion?.value],
      ['kinesis.shardHour', r.kinesis.shardHour?.value],
      ['kinesis.putUnitsPerMillion', r.kinesis.putUnitsPerMillion?.value],
      ['nat.perHour', r.nat.perHour?.value],
      ['nat.perGb', r.nat.perGb?.value],
      ['interfaceEndpoint.perHourPerAz', r.interfaceEndpoint.perHourPerAz?.value],
      ['interfaceEndpoint.perGb', r.interfaceEndpoint.perGb?.value],
    ];
    for (const [field, value] of scalars) if (value !== undefined) assertRate(value, `${key}.${field}`);
    for (const arch of ['x86_64', 'arm64'] as const) {
      if (!r.lambda.provisioned) continue;
      assertRate(r.lambda.provisioned.value[arch].configuredPerGbSecond, `${key}.lambda.provisioned.${arch}.configuredPerGbSecond`);
      assertRate(r.lambda.provisioned.value[arch].executedPerGbSecond, `${key}.lambda.provisioned.${arch}.executedPerGbSecond`);
    }
  });

  test(`${key}: tiered rates run in increasing upTo order and end open-ended`, () => {
    assertTiers(r.lambda.duration.value.x86_64, `${key}.lambda.duration.x86_64`);
    assertTiers(r.lambda.duration.value.arm64, `${key}.lambda.duration.arm64`);
    if (r.apiGateway.restPerMillion) assertTiers(r.apiGateway.restPerMillion.value, `${key}.apiGateway.restPerMillion`);
    if (r.apiGateway.httpPerMillion) assertTiers(r.apiGateway.httpPerMillion.value, `${key}.apiGateway.httpPerMillion`);
    if (r.logsIngestionPerGb) assertTiers(r.logsIngestionPerGb.value, `${key}.logsIngestionPerGb`);
  });

  test(`${key}: volume tiers never get dearer as usage grows`, () => {
    const tiered: Array<[string, readonly Tier[]]> = [
      ['lambda.duration.x86_64', r.lambda.duration.value.x86_64],
      ['lambda.duration.arm64', r.lambda.duration.value.arm64],
      ['apiGateway.restPerMillion', r.apiGateway.restPerMillion?.value ?? []],
      ['apiGateway.httpPerMillion', r.apiGateway.httpPerMillion?.value ?? []],
      ['logsIngestionPerGb', r.logsIngestionPerGb?.value ?? []],
    ];
    for (const [field, tiers] of tiered) {
      for (let i = 1; i < tiers.length; i++) {
        const before = tiers[i - 1];
        const here = tiers[i];
        assert.ok(before && here && here.rate <= before.rate, `${key}.${field}[${i}] is dearer than the tier before it`);
      }
    }
  });

  test(`${key}: arm64 is cheaper than x86_64 in every duration tier and for provisioned concurrency`, () => {
    const x86 = r.lambda.duration.value.x86_64;
    const arm = r.lambda.duration.value.arm64;
    assert.equal(arm.length, x86.length, `${key}: arm64 and x86_64 have different numbers of duration tiers`);
    x86.forEach((tier, i) => {
      const armTier = arm[i];
      assert.ok(armTier, `${key}: arm64 lacks tier ${i}`);
      assert.ok(armTier.rate < tier.rate, `${key}: arm64 tier ${i} (${armTier.rate}) is not cheaper than x86_64 (${tier.rate})`);
    });
    const pc = r.lambda.provisioned?.value;
    if (!pc) return;
    assert.ok(pc.arm64.configuredPerGbSecond < pc.x86_64.configuredPerGbSecond, `${key}: arm64 provisioned (configured) is not cheaper`);
    assert.ok(pc.arm64.executedPerGbSecond < pc.x86_64.executedPerGbSecond, `${key}: arm64 provisioned (executed) is not cheaper`);
  });
}

test('us-east-1 carries the figures of the research notes (checked by hand against lambda-facts.md section 2)', () => {
  const r = regionPrices('us-east-1');
  assert.ok(r);
  assert.equal(r.lambda.requestsPerMillion?.value, 0.2);
  assert.equal(r.lambda.duration.value.x86_64[0]?.rate, 0.0000166667);
  assert.equal(r.lambda.duration.value.x86_64[0]?.upTo, 6e9);
  assert.equal(r.lambda.duration.value.arm64[0]?.rate, 0.0000133334);
  assert.equal(r.lambda.duration.value.arm64[0]?.upTo, 7.5e9);
  assert.equal(r.apiGateway.restPerMillion?.value[0]?.rate, 3.5);
  assert.equal(r.apiGateway.httpPerMillion?.value[0]?.rate, 1.0);
  assert.equal(r.nat.perHour?.value, 0.045);
  assert.equal(r.interfaceEndpoint.perHourPerAz?.value, 0.01);
});

test('at least three Regions besides us-east-1 are priced', () => {
  assert.ok(supportedRegions().filter((r) => r !== DEFAULT_REGION).length >= 3, supportedRegions().join(', '));
});

test('eu-west-1 carries the figures of its price-list snapshot (checked by hand)', () => {
  const r = regionPrices('eu-west-1');
  assert.ok(r);
  assert.equal(r.apiGateway.restPerMillion?.value[1]?.rate, 3.19, 'REST second tier differs from us-east-1');
  assert.equal(r.apiGateway.httpPerMillion?.value[0]?.rate, 1.11);
  assert.equal(r.lambda.duration.value.arm64[0]?.rate, 0.0000133334);
  assert.equal(r.nat.perHour, null, 'no sourced NAT price for eu-west-1: it must say so, not guess');
});
