/** Small pricing arithmetic shared by the bill and the source catalogue's pricing lines. */
import type { Priced, Tier } from '../facts/index.ts';

/** The amount for `quantity` units under tiered rates (each tier's rate per `unit` units). */
export function tiered(quantity: number, tiers: readonly Tier[], unit = 1): number {
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

/** Billing chunks of a payload (SQS, SNS and EventBridge bill per chunk of PRICING_UNITS.*ChunkKb; Kinesis per PUT payload unit). */
export function chunks(payloadKb: number, chunkKb: number): number {
  return Math.max(1, Math.ceil(payloadKb / chunkKb));
}

/** A rate that may be missing for a Region: 0 in the sums; the bill lists what it could not price. */
export function rate(x: Priced<number> | null): number {
  return x ? x.value : 0;
}
export function tiers(x: Priced<readonly Tier[]> | null): readonly Tier[] {
  return x ? x.value : [];
}
