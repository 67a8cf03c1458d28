/**
 * The cost model: a monthly bill, line by line, for a configured function and its event source.
 *
 * One core computation (`breakdown`) serves the detailed bill, the fast total and the curves the
 * charts draw, so the three can never disagree. Every rate comes from the facts module.
 */
import {
  COLD_STARTS,
  EVENT_SOURCES,
  LIMITS,
  PRICING_UNITS,
  regionPrices,
  references,
  supportedRegions,
  type Architecture,
  type Priced,
  type RegionPrices,
  type Source,
  type SourceId,
  type Tier,
} from '../facts/index.ts';
import type { Bill, CostLine, PricedConfig } from '../design.ts';
import { monthlyRequests, type EventSource, type FieldError, type Scenario } from '../scenario.ts';

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
  /** Share of invocations that are cold starts: measured (work.coldStartRate) or AWS's typical share. */
  readonly coldStartShare: number;
  readonly coldStartMeasured: boolean;
}

/** The bill's quantities and amounts, all numbers: cheap to compute thousands of times. */
interface Breakdown extends DurationParts {
  invocations: number;
  requestsUsd: number;
  sourceUsd: number;
  natUsd: number;
  endpointsUsd: number;
  logsGb: number;
  logsUsd: number;
  total: number;
}

function tiered(quantity: number, tiers: readonly Tier[], unit = 1): number {
  let remaining = quantity;
  let start = 0;
  let usd = 0;
  for (const tier of tiers) {
    if (remaining <= 0) break;
    const width = tier.upTo === null ? remaining : Math.max(0, tier.upTo - start);
    const take = Math.min(remaining, width);
    usd += (take / unit) * tier.rate;
    remaining -= take;
    if (tier.upTo !== null) start = tier.upTo;
  }
  return usd;
}

function chunks(payloadKb: number, chunkKb: number): number {
  return Math.max(1, Math.ceil(payloadKb / chunkKb));
}

/** A rate that may be missing for a Region: 0 in the sums; the bill lists what it could not price. */
function rate(x: Priced<number> | null): number {
  return x ? x.value : 0;
}
function tiers(x: Priced<readonly Tier[]> | null): readonly Tier[] {
  return x ? x.value : [];
}

function hoursPerMonth(): number {
  return PRICING_UNITS.hoursPerMonth.value;
}

function sourceUsd(w: Workload, invocations: number, recordsPerInvocation: number): number {
  const p = w.region;
  const n = w.requestsPerMonth;
  switch (w.source) {
    case 'api-gateway-rest':
      return tiered(n, tiers(p.apiGateway.restPerMillion), 1e6);
    case 'api-gateway-http':
      return tiered(n, tiers(p.apiGateway.httpPerMillion), 1e6);
    case 'sns':
      return ((n * chunks(w.payloadKb, PRICING_UNITS.snsChunkKb.value)) / 1e6) * rate(p.sns.publishPerMillion);
    case 'eventbridge':
      return ((n * chunks(w.payloadKb, PRICING_UNITS.eventBridgeChunkKb.value)) / 1e6) * rate(p.eventBridge.customEventsPerMillion);
    case 'schedule': {
      const free = w.freeTier ? PRICING_UNITS.schedulerFreeTierInvocations.value : 0;
      return (Math.max(0, n - free) / 1e6) * rate(p.eventBridge.schedulerPerMillion);
    }
    case 'sqs':
    case 'sqs-fifo': {
      const requests = sqsRequests(w, invocations, recordsPerInvocation);
      const free = w.freeTier ? PRICING_UNITS.sqsFreeTierRequests.value : 0;
      const perMillion = rate(w.source === 'sqs' ? p.sqs.standardPerMillion : p.sqs.fifoPerMillion);
      return (Math.max(0, requests - free) / 1e6) * perMillion;
    }
    case 'kinesis':
      return (
        w.shards * hoursPerMonth() * rate(p.kinesis.shardHour) +
        ((n * chunks(w.payloadKb, PRICING_UNITS.kinesisPutUnitKb.value)) / 1e6) * rate(p.kinesis.putUnitsPerMillion)
      );
    default:
      return 0;
  }
}

/** SQS API requests a month: each message sent (per 64 KB chunk), then received and deleted in calls of up to 10. */
function sqsRequests(w: Workload, invocations: number, recordsPerInvocation: number): number {
  const perCall = Math.min(EVENT_SOURCES.sqsFifoBatchMax.value, Math.max(1, recordsPerInvocation));
  const sends = w.requestsPerMonth * chunks(w.payloadKb, PRICING_UNITS.sqsChunkKb.value);
  const callsPerInvocation = Math.ceil(recordsPerInvocation / perCall);
  return sends + 2 * invocations * callsPerInvocation;
}

function natUsd(w: Workload, c: PricedConfig): number {
  if (!c.vpc || !c.vpc.attach || c.vpc.natGateways <= 0) return 0;
  return c.vpc.natGateways * hoursPerMonth() * rate(w.region.nat.perHour) + w.egressGbPerMonth * rate(w.region.nat.perGb);
}

function endpointsUsd(w: Workload, c: PricedConfig): number {
  if (!c.vpc || !c.vpc.attach) return 0;
  return c.vpc.interfaceEndpoints.length * Math.max(1, c.vpc.subnets) * hoursPerMonth() * rate(w.region.interfaceEndpoint.perHourPerAz);
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
  };
}

/** One invocation's billed duration: rounded up to the billing granularity, ms. */
function billedMsOf(invocationMs: number): number {
  const granularity = PRICING_UNITS.billingGranularityMs.value;
  return Math.ceil(Math.max(0, invocationMs) / granularity) * granularity;
}

/** Fill `out` with the memory-dependent parts; return their sum. Allocates nothing (the memory curve calls it 10,000 times). */
function durationParts(w: Workload, c: PricedConfig, invocations: number, memoryMb: number, invocationMs: number, out: DurationParts): number {
  const p = w.region;
  const arch: Architecture = c.architecture;
  const gb = memoryMb / MB_PER_GB;
  const billedSeconds = billedMsOf(invocationMs) / 1_000;

  // Provisioned concurrency serves the share of execution time its environments can absorb.
  const totalSeconds = invocations * billedSeconds;
  const pcSeconds = c.provisionedConcurrency * c.provisionedHours * SECONDS_PER_HOUR;
  const pcShare = totalSeconds > 0 ? Math.min(1, pcSeconds / totalSeconds) : c.provisionedConcurrency > 0 ? 1 : 0;
  const pcRates = p.lambda.provisioned?.value[arch];
  out.pcShare = pcShare;
  out.pcConfiguredUsd = pcSeconds * gb * (pcRates?.configuredPerGbSecond ?? 0);
  out.pcExecutedGbSeconds = totalSeconds * pcShare * gb;
  out.pcExecutedUsd = out.pcExecutedGbSeconds * (pcRates?.executedPerGbSecond ?? 0);

  out.computeGbSeconds = totalSeconds * (1 - pcShare) * gb;
  const coldStarts = w.countInit ? invocations * w.coldStartShare * (1 - pcShare) : 0;
  out.initGbSeconds = coldStarts * (Math.max(0, c.initMs) / 1_000) * gb;

  // On-demand duration (execution + INIT) shares the volume tiers and the free tier.
  const onDemand = out.computeGbSeconds + out.initGbSeconds;
  const freeGbSeconds = w.freeTier ? PRICING_UNITS.freeTierGbSeconds.value : 0;
  const onDemandUsd = tiered(Math.max(0, onDemand - freeGbSeconds), p.lambda.duration.value[arch]);
  out.computeUsd = onDemand > 0 ? onDemandUsd * (out.computeGbSeconds / onDemand) : 0;
  out.initUsd = onDemandUsd - out.computeUsd;

  const extraStorageGb = Math.max(0, c.ephemeralStorageMb - PRICING_UNITS.ephemeralFreeMb.value) / MB_PER_GB;
  out.ephemeralUsd = extraStorageGb * totalSeconds * rate(p.lambda.ephemeralPerGbSecond);
  return onDemandUsd + out.pcConfiguredUsd + out.pcExecutedUsd + out.ephemeralUsd;
}

/** The parts of the bill that do not change with memory: requests, the source, the network, logs. */
function fixedParts(w: Workload, c: PricedConfig) {
  const p = w.region;
  const records = Math.max(1, c.recordsPerInvocation);
  const invocations = w.requestsPerMonth / records;
  const freeRequests = w.freeTier ? PRICING_UNITS.freeTierRequests.value : 0;
  const requestsUsd = (Math.max(0, invocations - freeRequests) / 1e6) * rate(p.lambda.requestsPerMillion);
  const src = sourceUsd(w, invocations, records);
  const nat = natUsd(w, c);
  const endpoints = endpointsUsd(w, c);
  const logsGb = (invocations * w.logKbPerInvocation) / KB_PER_GB;
  const logsUsd = tiered(logsGb, tiers(p.logsIngestionPerGb));
  return { invocations, requestsUsd, sourceUsd: src, natUsd: nat, endpointsUsd: endpoints, logsGb, logsUsd, sum: requestsUsd + src + nat + endpoints + logsUsd };
}

function breakdown(w: Workload, c: PricedConfig, memoryMb: number, invocationMs: number): Breakdown {
  const fixed = fixedParts(w, c);
  const parts = emptyParts();
  const variable = durationParts(w, c, fixed.invocations, memoryMb, invocationMs, parts);
  return { ...fixed, ...parts, total: fixed.sum + variable };
}

function workloadOf(s: Scenario): Workload {
  const region = regionPrices(s.region);
  if (!region) throw new Error(`no prices for Region ${s.region}; priced Regions: ${supportedRegions().join(', ')}`);
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
    coldStartShare: s.work.coldStartRate ?? COLD_STARTS.coldStartShare.value,
    coldStartMeasured: s.work.coldStartRate !== undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Presentation

const usdFmt = (n: number) => `$${n < 0.01 && n > 0 ? n.toPrecision(2) : n.toFixed(2)}`;
const qty = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(3)).toLocaleString('en-US'));

function line(id: string, item: string, usd: number, detail: string, ...sources: SourceId[]): CostLine {
  return { id, item, usd, detail, references: references(...sources) };
}

const SOURCE_LABEL: Partial<Record<EventSource, string>> = {
  'api-gateway-rest': 'API Gateway REST API requests',
  'api-gateway-http': 'API Gateway HTTP API requests',
  sns: 'SNS publishes',
  eventbridge: 'EventBridge custom events',
  schedule: 'EventBridge Scheduler invocations',
  sqs: 'SQS requests (send, receive, delete)',
  'sqs-fifo': 'SQS FIFO requests (send, receive, delete)',
  kinesis: 'Kinesis shard-hours and PUT units',
  'dynamodb-streams': 'DynamoDB Streams reads by Lambda',
};

const SOURCE_PRICE_ID: Partial<Record<EventSource, SourceId>> = {
  'api-gateway-rest': 'apiGatewayPricing',
  'api-gateway-http': 'apiGatewayPricing',
  sns: 'snsPricing',
  eventbridge: 'eventBridgePricing',
  schedule: 'eventBridgePricing',
  sqs: 'sqsPricing',
  'sqs-fifo': 'sqsPricing',
  kinesis: 'kinesisPricing',
  'dynamodb-streams': 'ddbStreamsCost',
};

/** The prices a source line needs, to tell whether the Region has them. */
function sourcePrices(p: RegionPrices, source: EventSource): ReadonlyArray<Priced<unknown> | null> {
  switch (source) {
    case 'api-gateway-rest':
      return [p.apiGateway.restPerMillion];
    case 'api-gateway-http':
      return [p.apiGateway.httpPerMillion];
    case 'sns':
      return [p.sns.publishPerMillion];
    case 'eventbridge':
      return [p.eventBridge.customEventsPerMillion];
    case 'schedule':
      return [p.eventBridge.schedulerPerMillion];
    case 'sqs':
      return [p.sqs.standardPerMillion];
    case 'sqs-fifo':
      return [p.sqs.fifoPerMillion];
    case 'kinesis':
      return [p.kinesis.shardHour, p.kinesis.putUnitsPerMillion];
    default:
      return [];
  }
}

function billOf(w: Workload, c: PricedConfig, b: Breakdown, extraAssumptions: readonly string[]): Bill {
  const p = w.region;
  const arch = c.architecture;
  const mem = `${c.memoryMb.toLocaleString('en-US')} MB`;
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
    () => `${qty(b.invocations)} invocations${free ? ` less ${qty(PRICING_UNITS.freeTierRequests.value)} free` : ''} × $${rate(p.lambda.requestsPerMillion)}/M`,
    ...(free ? (['pricingWhitepaper'] as const) : []),
  );
  add(
    'lambda-compute',
    `Lambda compute (${arch}, ${mem})`,
    b.computeUsd,
    [p.lambda.duration],
    () =>
      `${qty(b.computeGbSeconds)} GB-s at ${arch} tiered rates from $${p.lambda.duration.value[arch][0]?.rate}/GB-s${free ? `, ${qty(PRICING_UNITS.freeTierGbSeconds.value)} GB-s free` : ''}`,
  );
  if (w.countInit && c.initMs > 0) {
    add(
      'lambda-init',
      'Lambda INIT (cold starts)',
      b.initUsd,
      [p.lambda.duration],
      () => `${qty(b.initGbSeconds)} GB-s: ${qty(w.coldStartShare * 100)}% of invocations${w.coldStartMeasured ? ' (measured)' : ''} × ${qty(c.initMs)} ms INIT (billed since 1 August 2025)`,
      'initBilling',
    );
  }
  if (c.provisionedConcurrency > 0) {
    const rates = p.lambda.provisioned?.value[arch];
    add(
      'provisioned-concurrency',
      `Provisioned concurrency (${c.provisionedConcurrency} × ${mem})`,
      b.pcConfiguredUsd,
      [p.lambda.provisioned],
      () => `${c.provisionedConcurrency} environments × ${qty(c.provisionedHours)} h × $${rates?.configuredPerGbSecond}/GB-s configured`,
      'provisioned',
    );
    add(
      'provisioned-executed',
      'Provisioned concurrency duration',
      b.pcExecutedUsd,
      [p.lambda.provisioned],
      () => `${qty(b.pcExecutedGbSeconds)} GB-s (${Math.round(b.pcShare * 100)}% of execution time) × $${rates?.executedPerGbSecond}/GB-s`,
    );
  }
  if (c.ephemeralStorageMb > PRICING_UNITS.ephemeralFreeMb.value) {
    add(
      'ephemeral-storage',
      `Ephemeral storage (${c.ephemeralStorageMb.toLocaleString('en-US')} MB /tmp)`,
      b.ephemeralUsd,
      [p.lambda.ephemeralPerGbSecond],
      () =>
        `${c.ephemeralStorageMb - PRICING_UNITS.ephemeralFreeMb.value} MB above the free ${PRICING_UNITS.ephemeralFreeMb.value} MB × execution time × $${rate(p.lambda.ephemeralPerGbSecond)}/GB-s`,
      'ephemeral',
    );
  }
  if (w.source && SOURCE_LABEL[w.source]) {
    const id = SOURCE_PRICE_ID[w.source] as SourceId;
    const source = w.source;
    add('source', SOURCE_LABEL[source] as string, b.sourceUsd, sourcePrices(p, source), () => sourceDetail(w, c, b), id);
  }
  if (c.vpc?.attach && c.vpc.natGateways > 0) {
    const n = c.vpc.natGateways;
    add(
      'vpc-nat',
      `NAT gateway${n > 1 ? `s (${n})` : ''}`,
      b.natUsd,
      [p.nat.perHour, p.nat.perGb],
      () => `${n} × ${hoursPerMonth()} h × $${rate(p.nat.perHour)}/h + ${qty(w.egressGbPerMonth)} GB × $${rate(p.nat.perGb)}/GB`,
    );
  }
  if (c.vpc?.attach && c.vpc.interfaceEndpoints.length > 0) {
    const v = c.vpc;
    add(
      'vpc-endpoints',
      `Interface endpoints (${v.interfaceEndpoints.join(', ')})`,
      b.endpointsUsd,
      [p.interfaceEndpoint.perHourPerAz],
      () => `${v.interfaceEndpoints.length} endpoints × ${Math.max(1, v.subnets)} AZs × ${hoursPerMonth()} h × $${rate(p.interfaceEndpoint.perHourPerAz)}/h`,
    );
  }
  if (w.logKbPerInvocation > 0) {
    add(
      'cloudwatch-logs',
      'CloudWatch Logs ingestion',
      b.logsUsd,
      [p.logsIngestionPerGb],
      () => `${qty(b.logsGb)} GB (${w.logKbPerInvocation} KB per invocation) × $${tiers(p.logsIngestionPerGb)[0]?.rate}/GB`,
    );
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
  if (w.countInit && c.initMs > 0) {
    assumptions.push(
      w.coldStartMeasured
        ? `Cold starts are ${qty(w.coldStartShare * 100)}% of invocations, as measured in your logs.`
        : `Cold starts are ${COLD_STARTS.coldStartShare.value * 100}% of invocations (AWS: typically under 1% in production); spiky or low traffic has more.`,
    );
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
  };
}

function sourceDetail(w: Workload, c: PricedConfig, b: Breakdown): string {
  const n = qty(w.requestsPerMonth);
  switch (w.source) {
    case 'sqs':
    case 'sqs-fifo':
      return `${qty(sqsRequests(w, b.invocations, Math.max(1, c.recordsPerInvocation)))} requests: ${n} messages sent (${chunks(w.payloadKb, PRICING_UNITS.sqsChunkKb.value)} × 64 KB chunk each), received and deleted in batches${w.freeTier ? ', first 1M free' : ''}`;
    case 'kinesis':
      return `${w.shards} shards × ${hoursPerMonth()} h + ${n} records × ${chunks(w.payloadKb, PRICING_UNITS.kinesisPutUnitKb.value)} PUT units`;
    case 'dynamodb-streams':
      return 'Stream reads made by Lambda triggers are free';
    case 'schedule':
      return `${n} invocations${w.freeTier ? ' less 14M free' : ''}`;
    default:
      return `${n} requests`;
  }
}

const SOURCE_NOT_PRICED: Partial<Record<EventSource, string>> = {
  alb: 'The Application Load Balancer (hours and LCUs) is not priced here.',
  kafka: 'The Kafka cluster (MSK or self-managed) is not priced here.',
  s3: 'S3 event notifications are free; the uploads themselves are not priced here.',
  'function-url': 'Function URLs have no charge of their own.',
  'api-gateway-http': 'HTTP API requests are metered in 512 KB increments; larger payloads cost more than shown.',
};

// ---------------------------------------------------------------------------------------------
// Public API

/** The monthly bill of a configured function for a scenario, line by line. */
export function priceDesign(scenario: Scenario, config: PricedConfig): Bill {
  const w = workloadOf(scenario);
  const b = breakdown(w, config, config.memoryMb, config.averageInvocationMs);
  const extra: string[] = [];
  const note = SOURCE_NOT_PRICED[scenario.source];
  if (note) extra.push(note);
  if (config.recordsPerInvocation > 1) extra.push(`Each invocation carries ${qty(config.recordsPerInvocation)} records on average.`);
  if (config.vpc?.attach && config.vpc.interfaceEndpoints.length > 0) extra.push('Interface endpoint data processing ($/GB) is not included.');
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
  const c = { vpc } as unknown as PricedConfig;
  return natUsd(w, c) + endpointsUsd(w, c);
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
}

/** `costByMemory`'s model for one scenario and configuration, with the memory-independent parts computed once. */
export function memoryCostModel(scenario: Scenario, config: PricedConfig): MemoryCostModel {
  const w = workloadOf(scenario);
  const fixed = fixedParts(w, config);
  const scratch = emptyParts();
  return {
    at: (mb, invocationMs) => fixed.sum + durationParts(w, config, fixed.invocations, mb, invocationMs, scratch),
    billedMs: billedMsOf,
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
  if (!region) errors.push({ path: 'region', message: `must be one of the priced Regions: ${supportedRegions().join(', ')}` });
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
    coldStartShare: 0,
    coldStartMeasured: false,
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
  };
  const b = breakdown(w, c, f.memoryMb, f.durationMs);
  return { ok: true, bill: billOf(w, c, b, ['A plain function: no event source, logs or INIT duration are priced.']) };
}

export type { Bill, CostLine, Source };
export { usdFmt as formatUsd };
