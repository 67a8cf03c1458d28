/** Application Load Balancer with the function as a target: synchronous, 1 MB bodies, idle timeout 60 s by default. */
import { lambdaTimeout, PUSH_SYNC, syncInvokePayload, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const alb: SourceModule = {
  id: 'alb',
  kind: 'sync',
  label: 'Application Load Balancer',
  invocation: PUSH_SYNC,
  callerWaits: true,
  payload: [syncInvokePayload('put the body in S3 and pass a reference (claim check), or stream the response')],
  timeout: lambdaTimeout(false),
  streaming: null,
  rateLimit: null,
  lanes: null,
  pollers: null,
  scaling: null,
  batching: null,
  concurrencyControl: 'reserved',
  failures: { model: 'caller' },
  destinations: [],
  ordering: unordered(),
  pricing: { line: null, note: 'The Application Load Balancer (hours and LCUs) is not priced here.' },
  samEventType: null,
  articleCorrections: { invocation: null, concurrency: null },
  articleNotes: [],
};
