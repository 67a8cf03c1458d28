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

export interface RegionPrices {
  readonly region: string;
  readonly name: string;
  /** The date the prices were transcribed (the `pricesAsOf` of a bill). */
  readonly asOf: string;
  readonly lambda: {
    readonly requestsPerMillion: Priced<number>;
    /** Per GB-second, tiers in GB-seconds per month. */
    readonly duration: Priced<Record<Architecture, readonly Tier[]>>;
    readonly provisioned: Priced<Record<Architecture, { readonly configuredPerGbSecond: number; readonly executedPerGbSecond: number }>>;
    /** Per GB-second of ephemeral storage configured above the free 512 MB. */
    readonly ephemeralPerGbSecond: Priced<number>;
  };
  readonly apiGateway: {
    /** REST API, per million requests, tiers in requests per month. */
    readonly restPerMillion: Priced<readonly Tier[]>;
    /** HTTP API, per million requests, tiers in requests per month. */
    readonly httpPerMillion: Priced<readonly Tier[]>;
  };
  readonly sqs: {
    readonly standardPerMillion: Priced<number>;
    readonly fifoPerMillion: Priced<number>;
  };
  readonly sns: { readonly publishPerMillion: Priced<number> };
  readonly eventBridge: {
    readonly customEventsPerMillion: Priced<number>;
    readonly schedulerPerMillion: Priced<number>;
  };
  readonly kinesis: {
    readonly shardHour: Priced<number>;
    readonly putUnitsPerMillion: Priced<number>;
  };
  readonly nat: {
    readonly perHour: Priced<number>;
    readonly perGb: Priced<number>;
  };
  readonly interfaceEndpoint: {
    /** Per endpoint, per AZ, per hour. */
    readonly perHourPerAz: Priced<number>;
    readonly perGb: Priced<number>;
  };
  /** Lambda logs to CloudWatch Logs (vended-log tiers since May 2025), per GB, tiers in GB per month. */
  readonly logsIngestionPerGb: Priced<readonly Tier[]>;
}

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

const US_EAST_1: RegionPrices = {
  region: 'us-east-1',
  name: 'US East (N. Virginia)',
  asOf: '2025-10-28',
  lambda: {
    requestsPerMillion: p(0.2, 'pricing'),
    duration: p(
      {
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
      },
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
 * The Regions the advisor prices. Add a Region here with its own sources; nothing else in the code
 * names a price.
 */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': US_EAST_1,
};

export const DEFAULT_REGION = 'us-east-1';

export function regionPrices(region: string): RegionPrices | undefined {
  return Object.prototype.hasOwnProperty.call(REGION_PRICES, region) ? REGION_PRICES[region] : undefined;
}

export function supportedRegions(): string[] {
  return Object.keys(REGION_PRICES).sort();
}
