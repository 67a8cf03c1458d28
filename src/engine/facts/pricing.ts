import type { SourceId } from './sources.ts';

/**
 * Prices, per Region. Every rate is in USD. A tiered rate lists its tiers in order; `upTo` is the
 * cumulative monthly quantity at which the tier ends (null: no end).
 */
export interface Tier {
  readonly upTo: number | null;
  readonly rate: number;
}

export interface Priced<T> {
  readonly value: T;
  readonly source: SourceId;
  readonly note?: string;
}

export type Architecture = 'arm64' | 'x86_64';

/**
 * A Region's prices. Only what a public source gives for that Region is filled in; a price we could
 * not source is `null`, and a bill that needs it says so instead of guessing (its total is then a
 * lower bound).
 */
export type Maybe<T> = Priced<T> | null;

export interface RegionPrices {
  readonly region: string;
  readonly name: string;
  /** The date the prices were transcribed (the `pricesAsOf` of a bill). */
  readonly asOf: string;
  readonly lambda: {
    readonly requestsPerMillion: Maybe<number>;
    /** Per GB-second, tiers in GB-seconds per month. */
    readonly duration: Priced<Record<Architecture, readonly Tier[]>>;
    readonly provisioned: Maybe<Record<Architecture, { readonly configuredPerGbSecond: number; readonly executedPerGbSecond: number }>>;
    /** Per GB-second of ephemeral storage configured above the free 512 MB. */
    readonly ephemeralPerGbSecond: Maybe<number>;
  };
  readonly apiGateway: {
    /** REST API, per million requests, tiers in requests per month. */
    readonly restPerMillion: Maybe<readonly Tier[]>;
    /** HTTP API, per million requests, tiers in requests per month. */
    readonly httpPerMillion: Maybe<readonly Tier[]>;
  };
  readonly sqs: {
    readonly standardPerMillion: Maybe<number>;
    readonly fifoPerMillion: Maybe<number>;
  };
  readonly sns: { readonly publishPerMillion: Maybe<number> };
  readonly eventBridge: {
    readonly customEventsPerMillion: Maybe<number>;
    readonly schedulerPerMillion: Maybe<number>;
  };
  readonly kinesis: {
    readonly shardHour: Maybe<number>;
    readonly putUnitsPerMillion: Maybe<number>;
  };
  readonly nat: {
    readonly perHour: Maybe<number>;
    readonly perGb: Maybe<number>;
  };
  readonly interfaceEndpoint: {
    /** Per endpoint, per AZ, per hour. */
    readonly perHourPerAz: Maybe<number>;
    readonly perGb: Maybe<number>;
  };
  /** Lambda logs to CloudWatch Logs (vended-log tiers since May 2025), per GB, tiers in GB per month. */
  readonly logsIngestionPerGb: Maybe<readonly Tier[]>;
}

/**
 * Lambda duration rates and volume tiers (USD per GB-second) that us-east-1 and eu-west-1 share; each
 * Region cites its own source for them.
 */
const STANDARD_DURATION_TIERS: Record<Architecture, readonly Tier[]> = {
  x86_64: [
    { upTo: 6e9, rate: 0.0000166667 },
    { upTo: 15e9, rate: 0.000015 },
    { upTo: null, rate: 0.0000133334 },
  ],
  arm64: [
    { upTo: 7.5e9, rate: 0.0000133334 },
    { upTo: 18.75e9, rate: 0.0000120001 },
    { upTo: null, rate: 0.0000106667 },
  ],
};

/** RegionPrices with every price present: the shape of the default Region. */
type Complete<T> = {
  readonly [K in keyof T]: T[K] extends Priced<infer V> | null ? Priced<V> : T[K] extends object ? Complete<T[K]> : T[K];
};
export type CompleteRegionPrices = Complete<RegionPrices>;

function p<T>(value: T, source: SourceId, note?: string): Priced<T> {
  return note === undefined ? { value, source } : { value, source, note };
}

/** Quantities that are the same in every Region. */
export const PRICING_UNITS = {
  hoursPerMonth: p(730, 'pricing', 'AWS pricing examples count a month as 730 hours.'),
  freeTierRequests: p(1_000_000, 'pricingWhitepaper', 'Permanent, shared by x86 and Arm, per account.'),
  freeTierGbSeconds: p(400_000, 'pricingWhitepaper'),
  billingGranularityMs: p(1, 'pricing', 'Billed per 1 ms since December 2020.'),
  sqsChunkKb: p(64, 'sqsPricing', 'Every 64 KB of a payload is billed as one request.'),
  sqsFreeTierRequests: p(1_000_000, 'sqsPricing'),
  snsChunkKb: p(64, 'snsPricing'),
  eventBridgeChunkKb: p(64, 'eventBridgePricing'),
  schedulerFreeTierInvocations: p(14_000_000, 'eventBridgePricing'),
  kinesisPutUnitKb: p(25, 'kinesisPricing'),
  ephemeralFreeMb: p(512, 'ephemeral'),
} as const;

/** US East (N. Virginia): every price, from the AWS Price List (2025-10-28) and the pages cited. */
export const US_EAST_1_PRICES: CompleteRegionPrices = {
  region: 'us-east-1',
  name: 'US East (N. Virginia)',
  asOf: '2025-10-28',
  lambda: {
    requestsPerMillion: p(0.2, 'pricing'),
    duration: p(
      STANDARD_DURATION_TIERS,
      'priceList',
      'Tiers aggregate per Region, per architecture and per account (or AWS Organization).',
    ),
    provisioned: p(
      {
        x86_64: { configuredPerGbSecond: 0.0000041667, executedPerGbSecond: 0.0000097222 },
        arm64: { configuredPerGbSecond: 0.0000033334, executedPerGbSecond: 0.0000077778 },
      },
      'priceList',
    ),
    ephemeralPerGbSecond: p(0.0000000309, 'priceList'),
  },
  apiGateway: {
    restPerMillion: p(
      [
        { upTo: 333e6, rate: 3.5 },
        { upTo: 1_000e6, rate: 2.8 },
        { upTo: 20_000e6, rate: 2.38 },
        { upTo: null, rate: 1.51 },
      ],
      'apiGatewayPricing',
    ),
    httpPerMillion: p(
      [
        { upTo: 300e6, rate: 1.0 },
        { upTo: null, rate: 0.9 },
      ],
      'apiGatewayPricing',
    ),
  },
  sqs: {
    standardPerMillion: p(0.4, 'sqsPricing'),
    fifoPerMillion: p(0.5, 'sqsPricing'),
  },
  sns: { publishPerMillion: p(0.5, 'snsPricing', 'Deliveries to Lambda are not charged.') },
  eventBridge: {
    customEventsPerMillion: p(1.0, 'eventBridgePricing', 'Events from AWS services on the default bus are free.'),
    schedulerPerMillion: p(1.0, 'eventBridgePricing'),
  },
  kinesis: {
    shardHour: p(0.015, 'kinesisPricing'),
    putUnitsPerMillion: p(0.014, 'kinesisPricing'),
  },
  nat: {
    perHour: p(0.045, 'vpcPricing'),
    perGb: p(0.045, 'vpcPricing'),
  },
  interfaceEndpoint: {
    perHourPerAz: p(0.01, 'privatelinkPricing'),
    perGb: p(0.01, 'privatelinkPricing'),
  },
  logsIngestionPerGb: p(
    [
      { upTo: 10_240, rate: 0.5 },
      { upTo: 30_720, rate: 0.25 },
      { upTo: 51_200, rate: 0.1 },
      { upTo: null, rate: 0.05 },
    ],
    'logsPricing',
    'Tier boundaries (10, 30, 50 TB) reconstructed from a worked example.',
  ),
};

/**
 * EU (Ireland): AWS Price List files for Lambda, SQS, API Gateway, CloudWatch and SNS (published
 * 2026-09-11 to 2026-10-01), in a public snapshot. Not in that snapshot, so not priced here:
 * provisioned concurrency, ephemeral storage, EventBridge, Kinesis, NAT gateway, interface endpoints.
 */
const EU_WEST_1: RegionPrices = {
  region: 'eu-west-1',
  name: 'Europe (Ireland)',
  asOf: '2026-09-11',
  lambda: {
    requestsPerMillion: p(0.2, 'priceListEuWest1'),
    duration: p(
      STANDARD_DURATION_TIERS,
      'priceListEuWest1',
    ),
    provisioned: null,
    ephemeralPerGbSecond: null,
  },
  apiGateway: {
    restPerMillion: p(
      [
        { upTo: 333e6, rate: 3.5 },
        { upTo: 1_000e6, rate: 3.19 },
        { upTo: 20_000e6, rate: 2.71 },
        { upTo: null, rate: 1.72 },
      ],
      'priceListEuWest1',
    ),
    httpPerMillion: p(
      [
        { upTo: 300e6, rate: 1.11 },
        { upTo: null, rate: 1.0 },
      ],
      'priceListEuWest1',
    ),
  },
  sqs: {
    standardPerMillion: p(0.4, 'priceListEuWest1'),
    fifoPerMillion: p(0.5, 'priceListEuWest1'),
  },
  sns: { publishPerMillion: p(0.5, 'priceListEuWest1') },
  eventBridge: { customEventsPerMillion: null, schedulerPerMillion: null },
  kinesis: { shardHour: null, putUnitsPerMillion: null },
  nat: { perHour: null, perGb: null },
  interfaceEndpoint: { perHourPerAz: null, perGb: null },
  logsIngestionPerGb: p(
    [{ upTo: null, rate: 0.57 }],
    'priceListEuWest1',
    'Standard-class ingestion rate; the volume tiers of Lambda logs are not in the snapshot, so large volumes are overstated.',
  ),
};

/**
 * Regions whose Lambda duration rate differs from us-east-1, from a public table of per-Region
 * duration rates. It gives one rate per architecture, no volume tiers and no other prices: only
 * compute is priced for these Regions.
 */
function durationOnly(region: string, name: string, x86: number, arm: number): RegionPrices {
  return {
    region,
    name,
    asOf: '2026-03-10',
    lambda: {
      requestsPerMillion: null,
      duration: p({ x86_64: [{ upTo: null, rate: x86 }], arm64: [{ upTo: null, rate: arm }] }, 'regionalLambdaPrices', 'First-tier rate; volume tiers not in the source.'),
      provisioned: null,
      ephemeralPerGbSecond: null,
    },
    apiGateway: { restPerMillion: null, httpPerMillion: null },
    sqs: { standardPerMillion: null, fifoPerMillion: null },
    sns: { publishPerMillion: null },
    eventBridge: { customEventsPerMillion: null, schedulerPerMillion: null },
    kinesis: { shardHour: null, putUnitsPerMillion: null },
    nat: { perHour: null, perGb: null },
    interfaceEndpoint: { perHourPerAz: null, perGb: null },
    logsIngestionPerGb: null,
  };
}

/**
 * The Regions the advisor prices. Add a Region here with its own sources; nothing else in the code
 * names a price.
 */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': US_EAST_1_PRICES,
  'eu-west-1': EU_WEST_1,
  'af-south-1': durationOnly('af-south-1', 'Africa (Cape Town)', 0.0000221, 0.00001768),
  'ap-east-1': durationOnly('ap-east-1', 'Asia Pacific (Hong Kong)', 0.00002292, 0.0000183),
  'eu-south-1': durationOnly('eu-south-1', 'Europe (Milan)', 0.0000195172, 0.0000156138),
  'me-south-1': durationOnly('me-south-1', 'Middle East (Bahrain)', 0.0000206667, 0.0000165334),
};

export const DEFAULT_REGION = 'us-east-1';

export function regionPrices(region: string): RegionPrices | undefined {
  return Object.prototype.hasOwnProperty.call(REGION_PRICES, region) ? REGION_PRICES[region] : undefined;
}

export function supportedRegions(): string[] {
  return Object.keys(REGION_PRICES).sort();
}
