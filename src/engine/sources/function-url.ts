/** Lambda function URL: a built-in HTTPS endpoint, synchronous, with response streaming (RESPONSE_STREAM). */
import { SOURCE_LIMITS } from '../facts/index.ts';
import { CLAIM_CHECK, lambdaTimeout, streamedResponse, syncInvokePayload, syncInvokeResponse, syncPush } from './common.ts';
import type { SourceModule } from './types.ts';

export const functionUrl: SourceModule = {
  id: 'function-url',
  ...syncPush(),
  label: 'function URL',
  withoutFunction: { integration: null, startsWorkflow: false },
  payload: [
    syncInvokePayload(`${CLAIM_CHECK}; a large response can be streamed (InvokeMode RESPONSE_STREAM)`),
    syncInvokeResponse(`stream it (set the function URL's InvokeMode to RESPONSE_STREAM, up to ${SOURCE_LIMITS.streamedResponseMaxMb.value} MB) or return a presigned S3 URL`),
    streamedResponse('InvokeMode RESPONSE_STREAM'),
  ],
  timeout: lambdaTimeout(false),
  streaming: { how: 'set the function URL\'s InvokeMode to RESPONSE_STREAM', maxMb: SOURCE_LIMITS.streamedResponseMaxMb, references: ['responseStreaming'] },
  pricing: { line: null, note: 'Function URLs have no charge of their own.' },
};
