/** Your code calls Invoke with the Event type: Lambda queues the event and acknowledges at once. */
import { ASYNC_INVOKE_PAYLOAD, asyncPush, NO_PRICING, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const directAsync: SourceModule = {
  id: 'direct-async',
  label: 'direct asynchronous Invoke',
  withoutFunction: { integration: null, startsWorkflow: true },
  ...asyncPush(),
  payload: [ASYNC_INVOKE_PAYLOAD],
  ordering: unordered(),
  pricing: NO_PRICING,
  samEventType: null,
};
