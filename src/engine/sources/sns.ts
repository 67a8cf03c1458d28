/** SNS topic: asynchronous push; messages of 256 KiB by default, 1 MiB with MaximumMessageSize. */
import { PRICING_UNITS } from '../facts/index.ts';
import { chunks, rate } from '../cost/rates.ts';
import { ASYNC_INVOKE_PAYLOAD, asyncPush, qty, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const sns: SourceModule = {
  id: 'sns',
  label: 'SNS topic',
  ...asyncPush(),
  payload: [ASYNC_INVOKE_PAYLOAD],
  ordering: unordered(),
  pricing: {
    line: {
      item: 'SNS publishes',
      priceSource: 'snsPricing',
      prices: (p) => [p.sns.publishPerMillion],
      usd: (x) => ((x.requestsPerMonth * chunks(x.payloadKb, PRICING_UNITS.snsChunkKb.value)) / 1e6) * rate(x.region.sns.publishPerMillion),
      detail: (x) => `${qty(x.requestsPerMonth)} requests`,
    },
    note: null,
  },
  samEventType: 'SNS',
};
