/** Your code calls Invoke with RequestResponse (or InvokeWithResponseStream) and waits. */
import { SOURCE_LIMITS } from '../facts/index.ts';
import { lambdaTimeout, NO_PRICING, PUSH_SYNC, syncInvokePayload, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const directSync: SourceModule = {
  id: 'direct-sync',
  kind: 'sync',
  label: 'direct synchronous Invoke',
  invocation: PUSH_SYNC,
  callerWaits: true,
  payload: [syncInvokePayload('put the body in S3 and pass a reference (claim check), or stream the response')],
  timeout: lambdaTimeout(false),
  streaming: { how: 'call InvokeWithResponseStream', maxMb: SOURCE_LIMITS.streamedResponseMaxMb, references: ['responseStreaming'] },
  rateLimit: null,
  lanes: null,
  pollers: null,
  scaling: null,
  batching: null,
  concurrencyControl: 'reserved',
  failures: { model: 'caller' },
  destinations: [],
  ordering: unordered(),
  pricing: NO_PRICING,
  samEventType: null,
  articleCorrections: { invocation: null, concurrency: null },
  articleNotes: [],
};
