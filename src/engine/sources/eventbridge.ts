/** EventBridge rule: asynchronous push of matching events (1 MB events). */
import { PRICING_UNITS } from '../facts/index.ts';
import { chunks, rate } from '../cost/rates.ts';
import { ASYNC_INVOKE_PAYLOAD, asyncPush, qty, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const eventbridge: SourceModule = {
  id: 'eventbridge',
  label: 'EventBridge rule',
  ...asyncPush(),
  payload: [ASYNC_INVOKE_PAYLOAD],
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
