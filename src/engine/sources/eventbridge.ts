/** EventBridge rule: asynchronous push of matching events (1 MB events). */
import { PRICING_UNITS, SOURCE_LIMITS } from '../facts/index.ts';
import { num } from '../format.ts';
import { chunks, rate } from '../cost/rates.ts';
import { asyncPush, qty, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const eventbridge: SourceModule = {
  id: 'eventbridge',
  cheaperAlternative: () => `smaller messages (each ${num(PRICING_UNITS.eventBridgeChunkKb.value)} KB is billed as one publish)`,
  label: 'EventBridge rule',
  withoutFunction: { integration: 'an EventBridge rule target (or an API destination)', startsWorkflow: true },
  ...asyncPush(),
  payload: [
    {
      direction: 'request',
      kb: SOURCE_LIMITS.eventBridgeEventMaxKb.value,
      fact: SOURCE_LIMITS.eventBridgeEventMaxKb,
      severity: 'error',
      message: (kb) =>
        `A ${num(kb)} KB event is above EventBridge's ${num(SOURCE_LIMITS.eventBridgeEventMaxKb.value / 1_024)} MB event size (and Lambda's asynchronous payload): put the body in S3 and send a reference (claim check).`,
      references: [SOURCE_LIMITS.eventBridgeEventMaxKb.source],
    },
  ],
  ordering: unordered(),
  pricing: {
    line: {
      item: 'EventBridge custom events',
      priceSource: 'eventBridgePricing',
      prices: (p) => [p.eventBridge.customEventsPerMillion],
      usd: (x) => ((x.requestsPerMonth * chunks(x.payloadKb, PRICING_UNITS.eventBridgeChunkKb.value)) / 1e6) * rate(x.region.eventBridge.customEventsPerMillion),
      detail: (x) => `${qty(x.requestsPerMonth)} requests`,
    },
    note: null,
  },
  samEventType: 'EventBridgeRule',
};
