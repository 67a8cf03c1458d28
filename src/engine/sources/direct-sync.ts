/** Your code calls Invoke with RequestResponse (or InvokeWithResponseStream) and waits. */
import { SOURCE_LIMITS } from '../facts/index.ts';
import { CLAIM_CHECK, lambdaTimeout, NO_PRICING, PUSH_SYNC, streamedResponse, syncInvokePayload, syncInvokeResponse, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const directSync: SourceModule = {
  id: 'direct-sync',
  kind: 'sync',
  label: 'direct synchronous Invoke',
  invocation: PUSH_SYNC,
  callerWaits: true,
  payload: [
    syncInvokePayload(`${CLAIM_CHECK}; a large response can be streamed (InvokeWithResponseStream)`),
    syncInvokeResponse('stream it (InvokeWithResponseStream, up to 200 MB) or return a presigned S3 URL'),
    streamedResponse('InvokeWithResponseStream'),
  ],
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
