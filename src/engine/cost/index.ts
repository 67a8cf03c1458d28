/**
 * The cost model: a monthly bill, line by line, for a configured function and its event source.
 *
 * One core computation (`breakdown`) serves the detailed bill, the fast total and the curves the
 * charts draw, so the three can never disagree. Every rate comes from the facts module.
 */
import {
  COLD_STARTS,
  isListedRegion,
  COMMERCIAL_REGIONS_READ,
  DEPLOYMENT,
  LIMITS,
  PRICING_UNITS,
  regionPrices,
  references,
  type Architecture,
  type Priced,
  type RegionPrices,
  type Source,
  type SourceId,
} from '../facts/index.ts';
import type { Bill, CostLine, Design, PricedConfig } from '../design.ts';
import { mb, num, pct, usdPrice } from '../format.ts';
import { sourceOf, type PricingInput } from '../sources/index.ts';
import { rate, tiered, tiers } from './rates.ts';
import { monthlyRequests, type EventSource, type FieldError, type Scenario } from '../scenario.ts';
import { coldStartAssumption, coldStartShare } from '../model/coldStarts.ts';

const SECONDS_PER_HOUR = 3_600;
const MB_PER_GB = 1_024;
const KB_PER_GB = 1_024 * 1_024;

/** What the bill needs to know about the workload, whether it comes from a scenario or from flags. */
interface Workload {
  readonly region: RegionPrices;
  /** Requests, messages or records per month arriving at the source. */
  readonly requestsPerMonth: number;
  readonly payloadKb: number;
  readonly source: EventSource | null;
  readonly shards: number;
  readonly freeTier: boolean;
  readonly logKbPerInvocation: number;
  readonly egressGbPerMonth: number;
  /** Count INIT (cold start) duration. */
  readonly countInit: boolean;
  /** What the cold-start share is estimated from (pollers invoke once per batch). */
  readonly coldStarts: {
    readonly averagePerSecond: number;
    readonly peakPerSecond: number;
    /** Measured average duration of one record, ms (memory-independent, so the share is too). */
    readonly recordMs: number;
    readonly poller: boolean;
    readonly given: number | undefined;
  };
  /** GB a month exchanged with each AWS API the function calls (for NAT and endpoint processing). */
  readonly awsServiceGbEach: number;
  /** AWS APIs reached through the VPC that are not on free gateway endpoints. */
  readonly paidAwsServices: readonly string[];
}

/** The bill's quantities and amounts, all numbers: cheap to compute thousands of times. */
interface Breakdown extends DurationParts {
  invocations: number;
  coldShare: number;
  requestsUsd: number;
  sourceUsd: number;
  natUsd: number;
  endpointsUsd: number;
  logsGb: number;
  logsUsd: number;
  egressUsd: number;
  alarmsUsd: number;
  pollersUsd: number;
  total: number;
}

function hoursPerMonth(): number {
  return PRICING_UNITS.hoursPerMonth.value;
}

/** What a source's pricing line needs to know. */
function pricingInput(w: Workload, invocations: number, recordsPerInvocation: number): PricingInput {
  return {
    region: w.region,
    requestsPerMonth: w.requestsPerMonth,
    payloadKb: w.payloadKb,
    shards: w.shards,
    freeTier: w.freeTier,
    invocations,
    recordsPerInvocation,
  };
}

function sourceUsd(w: Workload, invocations: number, recordsPerInvocation: number): number {
  const line = w.source === null ? null : sourceOf(w.source).pricing.line;
  return line === null ? 0 : line.usd(pricingInput(w, invocations, recordsPerInvocation));
}

type VpcLayout = Pick<Design['vpc'], 'attach' | 'natGateways' | 'interfaceEndpoints' | 'subnets'>;

/** GB a month through the NAT gateways: internet egress plus the AWS APIs that have no endpoint. */
function natGb(w: Workload, v: VpcLayout): number {
  const viaNat = w.paidAwsServices.filter((x) => !v.interfaceEndpoints.includes(x)).length;
  return w.egressGbPerMonth + viaNat * w.awsServiceGbEach;
}

function natUsd(w: Workload, v: VpcLayout | null): number {
  if (!v || !v.attach || v.natGateways <= 0) return 0;
  return v.natGateways * hoursPerMonth() * rate(w.region.nat.perHour) + natGb(w, v) * rate(w.region.nat.perGb);
}

function endpointsUsd(w: Workload, v: VpcLayout | null): number {
  if (!v || !v.attach) return 0;
  const n = v.interfaceEndpoints.length;
  return n * Math.max(1, v.subnets) * hoursPerMonth() * rate(w.region.interfaceEndpoint.perHourPerAz) + n * w.awsServiceGbEach * rate(w.region.interfaceEndpoint.perGb);
}

/** Internet data transfer out, less the monthly free allowance when the free tier applies. */
function egressUsd(w: Workload): number {
  const free = w.freeTier ? PRICING_UNITS.dataTransferFreeGb.value : 0;
  return tiered(Math.max(0, w.egressGbPerMonth - free), tiers(w.region.dataTransferOutPerGb));
}

/** The parts of the bill that change with memory and duration: Lambda duration, INIT, provisioned concurrency, /tmp. */
interface DurationParts {
  computeGbSeconds: number;
  computeUsd: number;
  initGbSeconds: number;
  initUsd: number;
  pcShare: number;
  pcConfiguredUsd: number;
  pcExecutedGbSeconds: number;
  pcExecutedUsd: number;
  ephemeralUsd: number;
  snapCacheUsd: number;
  snapRestoreUsd: number;
  coldStarts: number;
}

function emptyParts(): DurationParts {
  return {
    computeGbSeconds: 0,
    computeUsd: 0,
    initGbSeconds: 0,
    initUsd: 0,
    pcShare: 0,
    pcConfiguredUsd: 0,
    pcExecutedGbSeconds: 0,
    pcExecutedUsd: 0,
    ephemeralUsd: 0,
    snapCacheUsd: 0,
    snapRestoreUsd: 0,
    coldStarts: 0,
  };
}

// Read once: the memory search prices hundreds of settings per recommendation.
const GRANULARITY_MS = PRICING_UNITS.billingGranularityMs.value;
const HOURS_PER_MONTH = PRICING_UNITS.hoursPerMonth.value;
const FREE_GB_SECONDS = PRICING_UNITS.freeTierGbSeconds.value;
const EPHEMERAL_FREE_MB = PRICING_UNITS.ephemeralFreeMb.value;

/** One invocation's billed duration: rounded up to the billing granularity, ms. */
function billedMsOf(invocationMs: number): number {
  return Math.ceil(Math.max(0, invocationMs) / GRANULARITY_MS) * GRANULARITY_MS;
}

/** Fill `out` with the memory-dependent parts; return their sum. Allocates nothing (the memory curve calls it 10,000 times). */
function durationParts(w: Workload, c: PricedConfig, invocations: number, coldShare: number, memoryMb: number, invocationMs: number, out: DurationParts): number {
  const p = w.region;
  const arch: Architecture = c.architecture;
  const gb = memoryMb / MB_PER_GB;
  const billedSeconds = billedMsOf(invocationMs) / 1_000;

  // Provisioned concurrency serves the share of execution time its environments can absorb.
  const totalSeconds = invocations * billedSeconds;
  const pcSeconds = c.provisionedConcurrency * c.provisionedHours * SECONDS_PER_HOUR;
  const pcRates = p.lambda.provisioned?.value[arch];
  // Where provisioned concurrency has no sourced price, its share of execution is priced at the on-demand
  // rate (and its own lines are "not priced"), never as free: a free share would draw the memory search
  // towards whatever the environments absorb.
  const pcShare = pcRates === undefined ? 0 : totalSeconds > 0 ? Math.min(1, pcSeconds / totalSeconds) : c.provisionedConcurrency > 0 ? 1 : 0;
  out.pcShare = pcShare;
  out.pcConfiguredUsd = pcSeconds * gb * (pcRates?.configuredPerGbSecond ?? 0);
  out.pcExecutedGbSeconds = totalSeconds * pcShare * gb;
  out.pcExecutedUsd = out.pcExecutedGbSeconds * (pcRates?.executedPerGbSecond ?? 0);

  out.computeGbSeconds = totalSeconds * (1 - pcShare) * gb;
  const coldStarts = w.countInit ? invocations * coldShare * (1 - pcShare) : 0;
  out.coldStarts = coldStarts;
  out.initGbSeconds = coldStarts * (Math.max(0, c.initMs) / 1_000) * gb;

  // On-demand duration (execution + INIT) shares the volume tiers and the free tier.
  const onDemand = out.computeGbSeconds + out.initGbSeconds;
  const freeGbSeconds = w.freeTier ? FREE_GB_SECONDS : 0;
  const onDemandUsd = tiered(Math.max(0, onDemand - freeGbSeconds), p.lambda.duration.value[arch]);
  out.computeUsd = onDemand > 0 ? onDemandUsd * (out.computeGbSeconds / onDemand) : 0;
  out.initUsd = onDemandUsd - out.computeUsd;

  const extraStorageGb = Math.max(0, c.ephemeralStorageMb - EPHEMERAL_FREE_MB) / MB_PER_GB;
  out.ephemeralUsd = extraStorageGb * totalSeconds * rate(p.lambda.ephemeralPerGbSecond);
  // SnapStart (Python, .NET): the snapshot is cached all month and restored at each cold start.
  const snap = c.snapStartCharged === true ? p.lambda.snapStart?.value : undefined;
  out.snapCacheUsd = snap ? gb * HOURS_PER_MONTH * SECONDS_PER_HOUR * snap.cachePerGbSecond : 0;
  out.snapRestoreUsd = snap ? coldStarts * gb * snap.restorePerGb : 0;
  return onDemandUsd + out.pcConfiguredUsd + out.pcExecutedUsd + out.ephemeralUsd + out.snapCacheUsd + out.snapRestoreUsd;
}

/** The parts of the bill that do not change with memory: requests, the source, the network, logs. */
function fixedParts(w: Workload, c: PricedConfig) {
  const p = w.region;
  const records = Math.max(1, c.recordsPerInvocation);
  const invocations = w.requestsPerMonth / records;
  const freeRequests = w.freeTier ? PRICING_UNITS.freeTierRequests.value : 0;
  const requestsUsd = (Math.max(0, invocations - freeRequests) / 1e6) * rate(p.lambda.requestsPerMillion);
  const src = sourceUsd(w, invocations, records);
  const nat = natUsd(w, c.vpc);
  const endpoints = endpointsUsd(w, c.vpc);
  const logsGb = (invocations * w.logKbPerInvocation) / KB_PER_GB;
  const logsFree = w.freeTier ? PRICING_UNITS.logsFreeTierGb.value : 0;
  const logsUsd = tiered(Math.max(0, logsGb - logsFree), tiers(p.logsIngestionPerGb));
  const egress = egressUsd(w);
  const cs = w.coldStarts;
  const coldShare = coldStartShare({
    invocationsPerSecond: cs.averagePerSecond / records,
    peakInvocationsPerSecond: cs.peakPerSecond / records,
    invocationSeconds: (cs.recordMs * records) / 1_000,
    poller: cs.poller,
    ...(cs.given === undefined ? {} : { given: cs.given }),
  });
  const alarmsUsd = alarmsUsdOf(w, c);
  const pollersUsd = (c.eventPollerHours ?? 0) * rate(eventPollerPrice(w));
  return {
    invocations,
    coldShare,
    requestsUsd,
    sourceUsd: src,
    natUsd: nat,
    endpointsUsd: endpoints,
    logsGb,
    logsUsd,
    egressUsd: egress,
    alarmsUsd,
    pollersUsd,
    sum: requestsUsd + src + nat + endpoints + logsUsd + egress + alarmsUsd + pollersUsd,
  };
}

/** The source's price per event poller unit hour in provisioned mode (null: no sourced price, or no provisioned mode). */
function eventPollerPrice(w: Workload): Priced<number> | null {
  const pp = w.source === null ? null : sourceOf(w.source).provisionedPollers;
  return pp === null ? null : pp.price(w.region);
}

/** Whether the Region has a sourced price for standard-resolution CloudWatch alarms. */
function alarmsPriced(w: Workload): boolean {
  return (DEPLOYMENT.standardAlarmRegions.value as readonly string[]).includes(w.region.region);
}

/** The deployment's rollback alarms, per month (within the free tier's alarms when it is applied). */
function alarmsUsdOf(w: Workload, c: PricedConfig): number {
  const n = c.rollbackAlarms ?? 0;
  if (n === 0 || w.freeTier || !alarmsPriced(w)) return 0;
  return n * DEPLOYMENT.standardAlarmPerMonthUsd.value;
}

function breakdown(w: Workload, c: PricedConfig, memoryMb: number, invocationMs: number): Breakdown {
  const fixed = fixedParts(w, c);
  const parts = emptyParts();
  const variable = durationParts(w, c, fixed.invocations, fixed.coldShare, memoryMb, invocationMs, parts);
  return { ...fixed, ...parts, total: fixed.sum + variable };
}

/** Sources whose invocations come from Lambda's pollers (queues and streams). */
const GATEWAY_ENDPOINT_SERVICES: ReadonlySet<string> = new Set(['s3', 'dynamodb']);

function workloadOf(s: Scenario): Workload {
  const region = regionPrices(s.region);
  if (!region) throw new Error(`Region ${s.region} is not a commercial AWS Region code: validate the scenario with parseScenario first`);
  const seconds = hoursPerMonth() * SECONDS_PER_HOUR;
  const monthly = monthlyRequests(s, seconds);
  const avg = s.traffic.averagePerSecond ?? monthly / seconds;
  const services = s.network.awsServices;
  const totalApiGb = s.network.awsServicesGbPerMonth ?? (monthly * s.traffic.payloadKb) / KB_PER_GB;
  return {
    region,
    requestsPerMonth: monthlyRequests(s, hoursPerMonth() * SECONDS_PER_HOUR),
    payloadKb: s.traffic.payloadKb,
    source: s.source,
    shards: s.traffic.shards ?? 1,
    freeTier: s.budget.freeTier,
    logKbPerInvocation: s.work.logKbPerInvocation,
    egressGbPerMonth: s.network.internetEgress ? s.network.egressGbPerMonth : 0,
    countInit: true,
    coldStarts: {
      averagePerSecond: avg,
      peakPerSecond: Math.max(avg, s.traffic.peakPerSecond ?? avg),
      recordMs: s.work.averageDurationMs,
      poller: sourceOf(s.source).invocation.model === 'poll',
      given: s.work.coldStartRate,
    },
    awsServiceGbEach: services.length > 0 ? totalApiGb / services.length : 0,
    paidAwsServices: services.filter((x) => !GATEWAY_ENDPOINT_SERVICES.has(x)),
  };
}

// ---------------------------------------------------------------------------------------------
// Presentation

// Amounts, prices and quantities in the lines read as in every other face (../format.ts).
const qty = num;

function line(id: string, item: string, usd: number, detail: string, ...sources: SourceId[]): CostLine {
  return { id, item, usd, detail, references: references(...sources) };
}

function billOf(w: Workload, c: PricedConfig, b: Breakdown, extraAssumptions: readonly string[]): Bill {
  const p = w.region;
  const arch = c.architecture;
  const mem = mb(c.memoryMb);
  const free = w.freeTier;
  const lines: CostLine[] = [];
  const unpriced: string[] = [];

  /** A line whose prices may be missing in this Region: then it shows $0 and says so. */
  const add = (
    id: string,
    item: string,
    usd: number,
    prices: ReadonlyArray<Priced<unknown> | null>,
    detail: () => string,
    ...extra: SourceId[]
  ) => {
    if (prices.some((x) => x === null)) {
      unpriced.push(item);
      lines.push(line(id, item, 0, `not priced for ${p.region}: no sourced price`, ...extra));
      return;
    }
    const ids = prices.map((x) => (x as Priced<unknown>).source);
    lines.push(line(id, item, usd, detail(), ...ids, ...extra));
  };

  add(
    'lambda-requests',
    'Lambda requests',
    b.requestsUsd,
    [p.lambda.requestsPerMillion],
    () => `${qty(b.invocations)} invocations${free ? ` less ${qty(PRICING_UNITS.freeTierRequests.value)} free` : ''} × ${usdPrice(rate(p.lambda.requestsPerMillion))}/M`,
    ...(free ? (['pricingWhitepaper'] as const) : []),
  );
  add(
    'lambda-compute',
    `Lambda compute (${arch}, ${mem})`,
    b.computeUsd,
    [p.lambda.duration],
    () =>
      `${qty(b.computeGbSeconds)} GB-s at ${arch} tiered rates from ${usdPrice(p.lambda.duration.value[arch][0]?.rate ?? NaN)}/GB-s${free ? `, ${qty(PRICING_UNITS.freeTierGbSeconds.value)} GB-s free` : ''}`,
  );
  if (w.countInit && c.initMs > 0) {
    add(
      'lambda-init',
      'Lambda INIT (cold starts)',
      b.initUsd,
      [p.lambda.duration],
      () => `${qty(b.initGbSeconds)} GB-s: ${qty(b.coldStarts)} cold starts, ${pct(b.coldShare)} of invocations (${w.coldStarts.given !== undefined ? 'measured' : 'estimated'}) × ${qty(c.initMs)} ms INIT (billed since ${COLD_STARTS.initBilledSince.value})`,
      'initBilling',
    );
  }
  if (c.snapStartCharged === true) {
    const snap = p.lambda.snapStart?.value;
    add(
      'snapstart-cache',
      `SnapStart snapshot cache (${mem})`,
      b.snapCacheUsd,
      [p.lambda.snapStart],
      () => `${mb(c.memoryMb)} × ${hoursPerMonth()} h a month (one published version) × ${usdPrice(snap?.cachePerGbSecond ?? NaN)}/GB-s`,
      'snapstart',
    );
    add(
      'snapstart-restore',
      'SnapStart restores',
      b.snapRestoreUsd,
      [p.lambda.snapStart],
      () => `${qty(b.coldStarts)} restores (the cold starts) × ${mb(c.memoryMb)} × ${usdPrice(snap?.restorePerGb ?? NaN)}/GB restored`,
    );
  }
  if (c.provisionedConcurrency > 0) {
    const rates = p.lambda.provisioned?.value[arch];
    add(
      'provisioned-concurrency',
      `Provisioned concurrency (${c.provisionedConcurrency} × ${mem})`,
      b.pcConfiguredUsd,
      [p.lambda.provisioned],
      () => `${c.provisionedConcurrency} environments × ${qty(c.provisionedHours)} h × ${usdPrice(rates?.configuredPerGbSecond ?? NaN)}/GB-s configured`,
      'provisioned',
    );
    add(
      'provisioned-executed',
      'Provisioned concurrency duration',
      b.pcExecutedUsd,
      [p.lambda.provisioned],
      () => `${qty(b.pcExecutedGbSeconds)} GB-s (${Math.round(b.pcShare * 100)}% of execution time) × ${usdPrice(rates?.executedPerGbSecond ?? NaN)}/GB-s`,
    );
  }
  if (c.ephemeralStorageMb > PRICING_UNITS.ephemeralFreeMb.value) {
    add(
      'ephemeral-storage',
      `Ephemeral storage (${mb(c.ephemeralStorageMb)} /tmp)`,
      b.ephemeralUsd,
      [p.lambda.ephemeralPerGbSecond],
      () =>
        `${c.ephemeralStorageMb - PRICING_UNITS.ephemeralFreeMb.value} MB above the free ${PRICING_UNITS.ephemeralFreeMb.value} MB × execution time × ${usdPrice(rate(p.lambda.ephemeralPerGbSecond))}/GB-s`,
      'ephemeral',
    );
  }
  const pollerHours = c.eventPollerHours ?? 0;
  if (pollerHours > 0) {
    const price = eventPollerPrice(w);
    add(
      'event-pollers',
      'Event pollers (provisioned mode)',
      b.pollersUsd,
      [price],
      () => `${qty(pollerHours)} event poller unit hours (MinimumPollers × ${hoursPerMonth()} h) × ${usdPrice(rate(price))}/EPU-hour (a price-list transcription)`,
      'esmProvisionedMode',
    );
  }
  const sourceLine = w.source === null ? null : sourceOf(w.source).pricing.line;
  if (sourceLine !== null) {
    const x = pricingInput(w, b.invocations, Math.max(1, c.recordsPerInvocation));
    add('source', sourceLine.item, b.sourceUsd, sourceLine.prices(p), () => sourceLine.detail(x), sourceLine.priceSource);
  }
  if (c.vpc?.attach && c.vpc.natGateways > 0) {
    const n = c.vpc.natGateways;
    add(
      'vpc-nat',
      `NAT gateway${n > 1 ? `s (${n})` : ''}`,
      b.natUsd,
      [p.nat.perHour, p.nat.perGb],
      () => `${n} × ${hoursPerMonth()} h × ${usdPrice(rate(p.nat.perHour))}/h + ${qty(natGb(w, c.vpc as VpcLayout))} GB processed × ${usdPrice(rate(p.nat.perGb))}/GB`,
    );
  }
  if (c.vpc?.attach && c.vpc.interfaceEndpoints.length > 0) {
    const v = c.vpc;
    add(
      'vpc-endpoints',
      `Interface endpoints (${v.interfaceEndpoints.join(', ')})`,
      b.endpointsUsd,
      [p.interfaceEndpoint.perHourPerAz, p.interfaceEndpoint.perGb],
      () =>
        `${v.interfaceEndpoints.length} endpoints × ${Math.max(1, v.subnets)} AZs × ${hoursPerMonth()} h × ${usdPrice(rate(p.interfaceEndpoint.perHourPerAz))}/h + ` +
        `${qty(v.interfaceEndpoints.length * w.awsServiceGbEach)} GB processed × ${usdPrice(rate(p.interfaceEndpoint.perGb))}/GB`,
    );
  }
  if (w.egressGbPerMonth > 0) {
    add(
      'data-transfer-out',
      'Data transfer out to the internet',
      b.egressUsd,
      [p.dataTransferOutPerGb],
      () =>
        `${qty(w.egressGbPerMonth)} GB${free ? ` less ${PRICING_UNITS.dataTransferFreeGb.value} GB free` : ''} at tiered rates from ${usdPrice(tiers(p.dataTransferOutPerGb)[0]?.rate ?? NaN)}/GB`,
      ...(free ? (['dataTransferPricing'] as const) : []),
    );
  }
  if (w.logKbPerInvocation > 0) {
    add(
      'cloudwatch-logs',
      'CloudWatch Logs ingestion',
      b.logsUsd,
      [p.logsIngestionPerGb],
      () =>
        `${qty(b.logsGb)} GB (${w.logKbPerInvocation} KB per invocation)${free ? `, first ${PRICING_UNITS.logsFreeTierGb.value} GB free` : ''} × ${usdPrice(tiers(p.logsIngestionPerGb)[0]?.rate ?? NaN)}/GB`,
      ...(free ? (['cloudwatchPricing'] as const) : []),
    );
  }

  const alarms = c.rollbackAlarms ?? 0;
  if (alarms > 0) {
    const item = `CloudWatch alarms for deployment rollback (${alarms})`;
    if (!alarmsPriced(w)) {
      unpriced.push(item);
      lines.push(line('deployment-alarms', item, 0, `not priced for ${p.region}: no sourced price`, DEPLOYMENT.codeDeployLambdaUsd.source));
    } else {
      const each = DEPLOYMENT.standardAlarmPerMonthUsd.value;
      const s = alarms === 1 ? '' : 's';
      lines.push(
        line(
          'deployment-alarms',
          item,
          b.alarmsUsd,
          free
            ? `${alarms} standard-resolution alarm${s}, within the free tier's alarms (CodeDeploy itself: free for Lambda)`
            : `${alarms} standard-resolution alarm${s} × ${usdPrice(each)}/month (CodeDeploy itself: free for Lambda)`,
          DEPLOYMENT.standardAlarmPerMonthUsd.source,
          DEPLOYMENT.codeDeployLambdaUsd.source,
        ),
      );
    }
  }

  const assumptions: string[] = [
    `Prices for ${p.name} (${p.region}) as of ${p.asOf}; a month is ${hoursPerMonth()} hours.`,
    free ? 'The free tier is applied as if this function were the only user of it in the account.' : 'The free tier is not applied.',
    ...extraAssumptions,
  ];
  if (unpriced.length > 0) {
    assumptions.unshift(
      `Not priced for ${p.region}, for lack of a sourced price: ${unpriced.join('; ')}. The total is a lower bound; us-east-1 has every price.`,
    );
  }
  if (!isListedRegion(p.region)) {
    assumptions.unshift(`${p.region} is not in the advisor's list of commercial Regions (read ${COMMERCIAL_REGIONS_READ}): Lambda duration is assumed at the base rate and nothing else is priced.`);
  }
  if (w.countInit && c.initMs > 0) assumptions.push(coldStartAssumption(b.coldShare, w.coldStarts.given !== undefined));
  if (c.provisionedConcurrency > 0 && p.lambda.provisioned === null) {
    assumptions.push(`Provisioned concurrency has no sourced price for ${p.region}: the execution it would serve is priced at the on-demand duration rate (usually an overstatement) and its configured hours are not priced.`);
  }
  return {
    currency: 'USD',
    region: p.region,
    pricesAsOf: p.asOf,
    total: lines.reduce((sum, l) => sum + l.usd, 0),
    lines,
    freeTierApplied: free,
    unpriced,
    assumptions,
    coldStartShare: w.countInit ? b.coldShare : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Public API

/** The monthly bill of a configured function for a scenario, line by line. */
export function priceDesign(scenario: Scenario, config: PricedConfig): Bill {
  const w = workloadOf(scenario);
  const b = breakdown(w, config, config.memoryMb, config.averageInvocationMs);
  const extra: string[] = [];
  const note = sourceOf(scenario.source).pricing.note;
  if (note !== null) extra.push(note);
  if (config.recordsPerInvocation > 1) extra.push(`Each invocation carries ${qty(config.recordsPerInvocation)} records on average.`);
  if (config.vpc?.attach && scenario.network.awsServices.length > 0 && scenario.network.awsServicesGbPerMonth === undefined) {
    extra.push('Traffic to the AWS APIs (NAT or endpoint processing) is estimated as one payload per request in all; give network.awsServicesGbPerMonth for yours.');
  }
  return billOf(w, config, b, extra);
}

/** The same total as `priceDesign(...).total`, without building the lines. */
export function monthlyTotal(scenario: Scenario, config: PricedConfig): number {
  return breakdown(workloadOf(scenario), config, config.memoryMb, config.averageInvocationMs).total;
}

/** Monthly cost of the whole design (or just the VPC part) for a VPC layout. */
export function vpcMonthlyUsd(
  scenario: Scenario,
  vpc: { attach: boolean; natGateways: number; interfaceEndpoints: readonly string[]; subnets: number },
): number {
  const w = workloadOf(scenario);
  return natUsd(w, vpc) + endpointsUsd(w, vpc);
}

/**
 * Monthly cost at each memory size: `invocationMsAt(mb)` gives one invocation's duration there.
 * Everything else is as in `config`. For the memory chart and the memory search.
 */
export function costByMemory(
  scenario: Scenario,
  config: PricedConfig,
  invocationMsAt: (memoryMb: number) => number,
  memories: readonly number[],
): Float64Array {
  const cost = memoryCostModel(scenario, config);
  const out = new Float64Array(memories.length);
  for (let i = 0; i < memories.length; i++) {
    const mb = memories[i] as number;
    out[i] = cost.at(mb, invocationMsAt(mb));
  }
  return out;
}

/** The monthly cost of one configuration as a function of memory and of one invocation's duration. */
export interface MemoryCostModel {
  /**
   * Monthly cost at `memoryMb` when one invocation lasts `invocationMs` (the rest as in the config);
   * the same number `costByMemory` gives. It never falls when either argument grows with the other
   * fixed (GB-seconds, provisioned concurrency and /tmp charges each grow with memory and with
   * billed duration), so `at(a, ms(b))` bounds the cost on [a, b] from below when the duration
   * shrinks with memory; at one billed duration it never falls as memory grows (also as computed).
   */
  at(memoryMb: number, invocationMs: number): number;
  /** The billed duration of one invocation (rounded up to the billing granularity), ms. */
  billedMs(invocationMs: number): number;
  /** The part of `at` that does not change with memory or duration (requests, the source, network, logs). */
  readonly fixedUsd: number;
}

/** `costByMemory`'s model for one scenario and configuration, with the memory-independent parts computed once. */
export function memoryCostModel(scenario: Scenario, config: PricedConfig): MemoryCostModel {
  const w = workloadOf(scenario);
  const fixed = fixedParts(w, config);
  const scratch = emptyParts();
  return {
    at: (mb, invocationMs) => fixed.sum + durationParts(w, config, fixed.invocations, fixed.coldShare, mb, invocationMs, scratch),
    billedMs: billedMsOf,
    fixedUsd: fixed.sum,
  };
}

/** Monthly cost at each monthly traffic volume (requests, messages or records), the design unchanged. */
export function costByTraffic(scenario: Scenario, config: PricedConfig, requestsPerMonth: readonly number[]): Float64Array {
  const base = workloadOf(scenario);
  const out = new Float64Array(requestsPerMonth.length);
  for (let i = 0; i < requestsPerMonth.length; i++) {
    const w: Workload = { ...base, requestsPerMonth: requestsPerMonth[i] as number };
    out[i] = breakdown(w, config, config.memoryMb, config.averageInvocationMs).total;
  }
  return out;
}

/** The bill at one volume split into what every compute shape shares and what the function's Lambda charges are. */
export interface BillParts {
  /** Lambda requests (after the free tier when it applies). */
  readonly lambdaRequestsUsd: number;
  /** Lambda duration, INIT, provisioned concurrency, /tmp and SnapStart. */
  readonly lambdaDurationUsd: number;
  /** The source, the VPC (NAT, endpoints), data transfer, logs and rollback alarms: the same whatever runs the work. */
  readonly sharedUsd: number;
  /** Invocations a month at this volume (requests ÷ records per invocation). */
  readonly invocations: number;
}

/**
 * The bill's parts at each monthly volume, the design otherwise unchanged (the compute decision prices
 * every shape from these, so its options and curves share one bill model with `priceDesign`).
 */
export function billPartsByTraffic(scenario: Scenario, config: PricedConfig, requestsPerMonth: readonly number[]): BillParts[] {
  const base = workloadOf(scenario);
  return requestsPerMonth.map((v) => {
    const w: Workload = { ...base, requestsPerMonth: v };
    const b = breakdown(w, config, config.memoryMb, config.averageInvocationMs);
    const lambdaDurationUsd = b.computeUsd + b.initUsd + b.pcConfiguredUsd + b.pcExecutedUsd + b.ephemeralUsd + b.snapCacheUsd + b.snapRestoreUsd;
    return { lambdaRequestsUsd: b.requestsUsd, lambdaDurationUsd, sharedUsd: Math.max(0, b.total - b.requestsUsd - lambdaDurationUsd), invocations: b.invocations };
  });
}

export interface PlainFunction {
  readonly requestsPerMonth: number;
  readonly durationMs: number;
  readonly memoryMb: number;
  readonly architecture: Architecture;
  readonly region: string;
  readonly freeTier: boolean;
  readonly provisionedConcurrency?: number;
  readonly provisionedHours?: number;
  readonly ephemeralMb?: number;
}

export type PlainResult = { ok: true; bill: Bill } | { ok: false; errors: FieldError[] };

/** Price a plain function from its numbers (the CLI's `cost --requests … --duration-ms … --memory …`). */
export function pricePlainFunction(f: PlainFunction): PlainResult {
  const errors: FieldError[] = [];
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!finite(f.requestsPerMonth) || f.requestsPerMonth < 0) errors.push({ path: 'requests', message: 'must be a number >= 0' });
  if (!finite(f.durationMs) || f.durationMs <= 0) errors.push({ path: 'duration-ms', message: 'must be a number > 0' });
  else if (f.durationMs > LIMITS.timeoutMaxSeconds.value * 1_000) {
    errors.push({ path: 'duration-ms', message: `must be <= ${LIMITS.timeoutMaxSeconds.value * 1_000} (the ${LIMITS.timeoutMaxSeconds.value} s timeout)` });
  }
  if (!Number.isInteger(f.memoryMb) || f.memoryMb < LIMITS.memoryMinMb.value || f.memoryMb > LIMITS.memoryMaxMb.value) {
    errors.push({ path: 'memory', message: `must be a whole number of MB from ${LIMITS.memoryMinMb.value} to ${LIMITS.memoryMaxMb.value}` });
  }
  if (f.architecture !== 'arm64' && f.architecture !== 'x86_64') errors.push({ path: 'arch', message: 'must be arm64 or x86_64' });
  const region = regionPrices(f.region);
  if (!region) errors.push({ path: 'region', message: 'must be one of the priced Regions: any commercial AWS Region code, e.g. us-east-1 or eu-central-1 (not China or GovCloud)' });
  const pc = f.provisionedConcurrency ?? 0;
  if (!Number.isInteger(pc) || pc < 0) errors.push({ path: 'provisioned', message: 'must be a whole number >= 0' });
  const pcHours = f.provisionedHours ?? (pc > 0 ? hoursPerMonth() : 0);
  if (!finite(pcHours) || pcHours < 0 || pcHours > hoursPerMonth()) {
    errors.push({ path: 'provisioned-hours', message: `must be from 0 to ${hoursPerMonth()} (hours in a month)` });
  }
  const eph = f.ephemeralMb ?? LIMITS.ephemeralMinMb.value;
  if (!Number.isInteger(eph) || eph < LIMITS.ephemeralMinMb.value || eph > LIMITS.ephemeralMaxMb.value) {
    errors.push({ path: 'ephemeral-mb', message: `must be a whole number of MB from ${LIMITS.ephemeralMinMb.value} to ${LIMITS.ephemeralMaxMb.value}` });
  }
  if (errors.length > 0 || !region) return { ok: false, errors };
  const w: Workload = {
    region,
    requestsPerMonth: f.requestsPerMonth,
    payloadKb: 0,
    source: null,
    shards: 0,
    freeTier: f.freeTier,
    logKbPerInvocation: 0,
    egressGbPerMonth: 0,
    countInit: false,
    coldStarts: { averagePerSecond: 0, peakPerSecond: 0, recordMs: 0, poller: false, given: 0 },
    awsServiceGbEach: 0,
    paidAwsServices: [],
  };
  const c: PricedConfig = {
    memoryMb: f.memoryMb,
    architecture: f.architecture,
    ephemeralStorageMb: eph,
    recordsPerInvocation: 1,
    provisionedConcurrency: pc,
    provisionedHours: pcHours,
    vpc: null,
    averageInvocationMs: f.durationMs,
    initMs: 0,
    snapStartCharged: false,
  };
  const b = breakdown(w, c, f.memoryMb, f.durationMs);
  return { ok: true, bill: billOf(w, c, b, ['A plain function: no event source, logs or INIT duration are priced.']) };
}

export type { Bill, CostLine, Source };
export { usd as formatUsd } from '../format.ts';
