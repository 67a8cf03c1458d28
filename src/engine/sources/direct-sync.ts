/** Your code calls Invoke with RequestResponse (or InvokeWithResponseStream) and waits. */
import { SOURCE_LIMITS } from '../facts/index.ts';
import { CLAIM_CHECK, lambdaTimeout, NO_PRICING, streamedResponse, syncInvokePayload, syncInvokeResponse, syncPush } from './common.ts';
import type { SourceModule } from './types.ts';

export const directSync: SourceModule = {
  id: 'direct-sync',
  ...syncPush(),
  label: 'direct synchronous Invoke',
  withoutFunction: { integration: null, startsWorkflow: true },
  payload: [
    syncInvokePayload(`${CLAIM_CHECK}; a large response can be streamed (InvokeWithResponseStream)`),
    syncInvokeResponse(`stream it (InvokeWithResponseStream, up to ${SOURCE_LIMITS.streamedResponseMaxMb.value} MB) or return a presigned S3 URL`),
    streamedResponse('InvokeWithResponseStream'),
  ],
  timeout: lambdaTimeout(false),
  streaming: { how: 'call InvokeWithResponseStream', maxMb: SOURCE_LIMITS.streamedResponseMaxMb, references: ['responseStreaming'] },
  pricing: NO_PRICING,
};
