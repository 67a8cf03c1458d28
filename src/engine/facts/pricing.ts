import type { SourceId } from './sources.ts';
import { COMMERCIAL_REGIONS, COMMERCIAL_REGIONS_READ, isCommercialRegionCode } from './regions.ts';

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
    /** SnapStart for Python and .NET: snapshot cache per GB-second (of memory) while the version is active, restore per GB restored. Java pays neither. */
    readonly snapStart: Maybe<{ readonly cachePerGbSecond: number; readonly restorePerGb: number }>;
    /** Provisioned mode of an event source mapping, per event poller unit (EPU) hour; listed for Kafka (an SQS rate has no source yet). */
    readonly eventPollerUnitHour: Maybe<number>;
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
  /** Data transfer out to the internet, per GB, tiers in GB per month (before the monthly free allowance). */
  readonly dataTransferOutPerGb: Maybe<readonly Tier[]>;
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
  /** HTTP API requests are metered in increments of this size (a larger request counts as several). */
  httpApiMeteringKb: p(512, 'apiGatewayPricing'),
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
  /** CloudWatch Logs: log data ingested free each month (always-free tier, per account). */
  logsFreeTierGb: p(5, 'cloudwatchPricing', 'First 5 GB per month of log data ingested is free (also on AWS bills).'),
  /** Data transfer out to the internet free each month, aggregated over services and Regions (always-free tier). */
  dataTransferFreeGb: p(100, 'dataTransferPricing', 'Since December 2021 the first 100 GB a month out to the internet are free, per account.'),
  /** SnapStart bills the snapshot cache for at least this many hours after a version is published. */
  snapStartCacheMinimumHours: p(3, 'snapstartPricing'),
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
    snapStart: p({ cachePerGbSecond: 0.0000015046, restorePerGb: 0.0001397998 }, 'snapstartPricing', 'Python and .NET only; Java SnapStart has no extra charge.'),
    eventPollerUnitHour: p(0.185, 'epuPriceList', 'Listed for Kafka provisioned pollers; a price-list transcription, not read on the pricing page.'),
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
  dataTransferOutPerGb: p(
    [
      { upTo: 10_240, rate: 0.09 },
      { upTo: 51_200, rate: 0.085 },
      { upTo: 153_600, rate: 0.07 },
      { upTo: null, rate: 0.05 },
    ],
    'dataTransferPricing',
    'EC2-style internet egress tiers: first 10 TB, next 40 TB, next 100 TB, above 150 TB.',
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
    ephemeralPerGbSecond: p(0.000000034, 'calculatorLambda'),
    snapStart: null,
    eventPollerUnitHour: null,
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
  dataTransferOutPerGb: null,
};

/** A Region's Lambda request, duration and /tmp rates from one source; nothing else priced. */
interface LambdaRates {
  readonly requestsPerMillion: number | null;
  readonly x86: number;
  readonly arm: number;
  readonly ephemeral: number | null;
  readonly source: SourceId;
  readonly asOf: string;
  readonly note?: string;
}

function lambdaOnly(region: string, name: string, r: LambdaRates): RegionPrices {
  return {
    region,
    name,
    asOf: r.asOf,
    lambda: {
      requestsPerMillion: r.requestsPerMillion === null ? null : p(r.requestsPerMillion, r.source),
      duration: p(
        { x86_64: [{ upTo: null, rate: r.x86 }], arm64: [{ upTo: null, rate: r.arm }] },
        r.source,
        r.note ?? 'First-tier rate; the volume tiers (above 6 billion GB-s a month) are not in the source, so very large volumes are overstated.',
      ),
      provisioned: null,
      ephemeralPerGbSecond: r.ephemeral === null ? null : p(r.ephemeral, r.source),
      snapStart: null,
      eventPollerUnitHour: null,
    },
    apiGateway: { restPerMillion: null, httpPerMillion: null },
    sqs: { standardPerMillion: null, fifoPerMillion: null },
    sns: { publishPerMillion: null },
    eventBridge: { customEventsPerMillion: null, schedulerPerMillion: null },
    kinesis: { shardHour: null, putUnitsPerMillion: null },
    nat: { perHour: null, perGb: null },
    interfaceEndpoint: { perHourPerAz: null, perGb: null },
    logsIngestionPerGb: null,
    dataTransferOutPerGb: null,
  };
}

const CALCULATOR_AS_OF = '2026-11-28';
/** AWS Pricing Calculator's Lambda rates (requests per million, x86 and arm64 per GB-s, /tmp per GB-s). */
const calc = (requestsPerMillion: number, x86: number, arm: number, ephemeral: number): LambdaRates => ({
  requestsPerMillion,
  x86,
  arm,
  ephemeral,
  source: 'calculatorLambda',
  asOf: CALCULATOR_AS_OF,
});
/**
 * Regions that AWS Lambda Power Tuning's price table does not list as different from the base price:
 * the base (us-east-1) duration rate applies. Its own figures (2.1e-9 and 1.7e-9 USD per ms at
 * 128 MB) are those rates rounded. It has no request prices, so requests stay unpriced here.
 */
const base = (): LambdaRates => ({
  requestsPerMillion: null,
  x86: STANDARD_DURATION_TIERS.x86_64[0]!.rate,
  arm: STANDARD_DURATION_TIERS.arm64[0]!.rate,
  ephemeral: null,
  source: 'powerTuningPrices',
  asOf: '2026-04-13',
  note: 'Base rate: AWS Lambda Power Tuning lists no different price for this Region (first tier only).',
});

/** The commercial Regions with their Lambda rates, where a source gives them. */
const LAMBDA_RATES: Readonly<Record<string, LambdaRates>> = {
  'us-east-2': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000309),
  'us-west-1': calc(0.2, 0.0000166667, 0.0000133334, 0.000000037),
  'us-west-2': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000309),
  'af-south-1': calc(0.27, 0.0000221, 0.00001768, 0.0000000404),
  'ap-east-1': calc(0.28, 0.00002292, 0.0000183, 0.0000000407),
  'ap-east-2': base(),
  'ap-south-1': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000352),
  'ap-south-2': base(),
  'ap-northeast-1': calc(0.2, 0.0000166667, 0.0000133334, 0.000000037),
  'ap-northeast-2': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000352),
  'ap-northeast-3': calc(0.2, 0.0000166667, 0.0000133334, 0.000000037),
  'ap-southeast-1': calc(0.2, 0.0000166667, 0.0000133334, 0.000000037),
  'ap-southeast-2': calc(0.2, 0.0000166667, 0.0000133334, 0.000000037),
  'ap-southeast-3': base(),
  'ap-southeast-4': calc(0.2, 0.0000166667, 0.0000133334, 0.000000037),
  'ap-southeast-5': calc(0.18, 0.000015, 0.000012, 0.0000000333),
  'ap-southeast-6': base(),
  'ap-southeast-7': base(),
  'ca-central-1': calc(0.2, 0.0000166667, 0.0000133334, 0.000000034),
  'ca-west-1': base(),
  'eu-central-1': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000367),
  'eu-central-2': calc(0.22, 0.0000183334, 0.0000146667, 0.0000000441),
  'eu-west-2': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000358),
  'eu-west-3': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000358),
  'eu-south-1': calc(0.23, 0.0000195172, 0.0000156138, 0.0000000357),
  'eu-south-2': base(),
  'eu-north-1': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000323),
  'il-central-1': base(),
  'me-south-1': calc(0.25, 0.0000206667, 0.0000165334, 0.0000000374),
  'me-central-1': {
    requestsPerMillion: null,
    x86: 0.0000206667,
    arm: 0.0000165334,
    ephemeral: null,
    source: 'regionalLambdaPrices',
    asOf: '2026-03-10',
  },
  'mx-central-1': base(),
  'sa-east-1': calc(0.2, 0.0000166667, 0.0000133334, 0.0000000586),
};

/**
 * The Regions the advisor prices: every commercial Region (facts/regions.ts). Add a price here with
 * its own source; nothing else in the code names a price.
 */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': US_EAST_1_PRICES,
  'eu-west-1': EU_WEST_1,
  ...Object.fromEntries(
    COMMERCIAL_REGIONS.value.filter((r) => LAMBDA_RATES[r.code] !== undefined).map((r) => [r.code, lambdaOnly(r.code, r.name, LAMBDA_RATES[r.code] as LambdaRates)]),
  ),
};

export const DEFAULT_REGION = 'us-east-1';

export function regionPrices(region: string): RegionPrices | undefined {
  if (Object.prototype.hasOwnProperty.call(REGION_PRICES, region)) return REGION_PRICES[region];
  // A well-formed commercial Region code not in our list (a Region newer than the facts): accepted,
  // nothing priced, so the bill says so and its total is a lower bound.
  return isCommercialRegionCode(region) ? unknownRegion(region) : undefined;
}

function unknownRegion(region: string): RegionPrices {
  const r = lambdaOnly(region, `${region} (not in the advisor's Region list)`, { ...base(), asOf: COMMERCIAL_REGIONS_READ });
  return { ...r, lambda: { ...r.lambda, duration: { ...r.lambda.duration, note: 'Not a Region the advisor knows: the base rate is assumed; check the pricing page.' } } };
}

export function supportedRegions(): string[] {
  return Object.keys(REGION_PRICES).sort();
}

/** How much less arm64 duration costs than x86_64 in a Region, as a share of the x86_64 first-tier rate (0.2 = 20%). */
export function armDurationDiscount(region: string): number | undefined {
  const d = regionPrices(region)?.lambda.duration.value;
  const arm = d?.arm64[0]?.rate;
  const x86 = d?.x86_64[0]?.rate;
  return arm === undefined || x86 === undefined || x86 <= 0 ? undefined : 1 - arm / x86;
}
