/**
 * The commercial AWS Regions (partition `aws`; not China, GovCloud or the isolated partitions).
 * Every one is accepted; each is priced as far as a source gives its prices (facts/pricing.ts).
 */
import type { Fact } from './limits.ts';

export interface RegionInfo {
  readonly code: string;
  readonly name: string;
}

/** The date the Region list was read. */
export const COMMERCIAL_REGIONS_READ = '2026-11-28';

const r = (code: string, name: string): RegionInfo => ({ code, name });

export const COMMERCIAL_REGIONS: Fact<readonly RegionInfo[]> = {
  value: [
    r('us-east-1', 'US East (N. Virginia)'),
    r('us-east-2', 'US East (Ohio)'),
    r('us-west-1', 'US West (N. California)'),
    r('us-west-2', 'US West (Oregon)'),
    r('af-south-1', 'Africa (Cape Town)'),
    r('ap-east-1', 'Asia Pacific (Hong Kong)'),
    r('ap-east-2', 'Asia Pacific (Taipei)'),
    r('ap-south-1', 'Asia Pacific (Mumbai)'),
    r('ap-south-2', 'Asia Pacific (Hyderabad)'),
    r('ap-northeast-1', 'Asia Pacific (Tokyo)'),
    r('ap-northeast-2', 'Asia Pacific (Seoul)'),
    r('ap-northeast-3', 'Asia Pacific (Osaka)'),
    r('ap-southeast-1', 'Asia Pacific (Singapore)'),
    r('ap-southeast-2', 'Asia Pacific (Sydney)'),
    r('ap-southeast-3', 'Asia Pacific (Jakarta)'),
    r('ap-southeast-4', 'Asia Pacific (Melbourne)'),
    r('ap-southeast-5', 'Asia Pacific (Malaysia)'),
    r('ap-southeast-6', 'Asia Pacific (New Zealand)'),
    r('ap-southeast-7', 'Asia Pacific (Thailand)'),
    r('ca-central-1', 'Canada (Central)'),
    r('ca-west-1', 'Canada West (Calgary)'),
    r('eu-central-1', 'Europe (Frankfurt)'),
    r('eu-central-2', 'Europe (Zurich)'),
    r('eu-west-1', 'Europe (Ireland)'),
    r('eu-west-2', 'Europe (London)'),
    r('eu-west-3', 'Europe (Paris)'),
    r('eu-south-1', 'Europe (Milan)'),
    r('eu-south-2', 'Europe (Spain)'),
    r('eu-north-1', 'Europe (Stockholm)'),
    r('il-central-1', 'Israel (Tel Aviv)'),
    r('me-south-1', 'Middle East (Bahrain)'),
    r('me-central-1', 'Middle East (UAE)'),
    r('mx-central-1', 'Mexico (Central)'),
    r('sa-east-1', 'South America (São Paulo)'),
  ],
  source: 'regionsList',
};

/** Regions where Lambda SnapStart is not offered (every other commercial Region has it). */
export const SNAPSTART_UNAVAILABLE_REGIONS: Fact<readonly string[]> = { value: ['ap-southeast-6', 'ap-east-2'], source: 'snapstart' };

const CODES: ReadonlySet<string> = new Set(COMMERCIAL_REGIONS.value.map((x) => x.code));
const PREFIXES: ReadonlySet<string> = new Set(COMMERCIAL_REGIONS.value.map((x) => x.code.slice(0, 2)));

/**
 * The shape of a commercial Region code: a geographic prefix of the commercial partition, a direction, a
 * number. China (cn-), GovCloud (us-gov-) and the isolated or sovereign partitions (us-iso-, eu-isoe-,
 * eusc-…) have other middle parts or prefixes. Also the JSON Schema's `pattern` for `region`.
 */
export function commercialRegionPattern(): string {
  return `^(${[...PREFIXES].sort().join('|')})-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\\d{1,2}$`;
}

const REGION_SHAPE = new RegExp(commercialRegionPattern());

/** A Region code of the commercial partition: a listed one, or one shaped like it (e.g. a Region newer than the list). */
export function isCommercialRegionCode(code: string): boolean {
  return CODES.has(code) || REGION_SHAPE.test(code);
}

export function isListedRegion(code: string): boolean {
  return CODES.has(code);
}

export function regionName(code: string): string | undefined {
  return COMMERCIAL_REGIONS.value.find((x) => x.code === code)?.name;
}
