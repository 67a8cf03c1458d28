/** EventBridge Scheduler: asynchronous invocations on a timetable. */
import { PRICING_UNITS } from '../facts/index.ts';
import { rate } from '../cost/rates.ts';
import { shortCount } from '../format.ts';
import { ASYNC_INVOKE_PAYLOAD, asyncPush, qty, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const schedule: SourceModule = {
  id: 'schedule',
  label: 'EventBridge schedule',
  withoutFunction: { integration: 'an EventBridge Scheduler universal target (the SDK call itself)', startsWorkflow: true },
  ...asyncPush(),
  payload: [ASYNC_INVOKE_PAYLOAD],
  ordering: unordered(),
  pricing: {
    line: {
      item: 'EventBridge Scheduler invocations',
      priceSource: 'eventBridgePricing',
      prices: (p) => [p.eventBridge.schedulerPerMillion],
      usd: (x) => {
        const free = x.freeTier ? PRICING_UNITS.schedulerFreeTierInvocations.value : 0;
        return (Math.max(0, x.requestsPerMonth - free) / 1e6) * rate(x.region.eventBridge.schedulerPerMillion);
      },
      detail: (x) => `${qty(x.requestsPerMonth)} invocations${x.freeTier ? ` less ${shortCount(PRICING_UNITS.schedulerFreeTierInvocations.value)} free` : ''}`,
    },
    note: null,
  },
  samEventType: 'ScheduleV2',
};
