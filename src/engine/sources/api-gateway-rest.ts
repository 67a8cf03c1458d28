/** API Gateway REST API: synchronous, 29 s integration timeout by default, response streaming in STREAM mode. */
import { LIMITS, SOURCE_LIMITS } from '../facts/index.ts';
import { tiered, tiers } from '../cost/rates.ts';
import { PUSH_SYNC, qty, syncInvokePayload, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const apiGatewayRest: SourceModule = {
  id: 'api-gateway-rest',
  kind: 'sync',
  label: 'API Gateway REST API',
  invocation: PUSH_SYNC,
  callerWaits: true,
  payload: [syncInvokePayload('put the body in S3 and pass a reference (claim check), or stream the response')],
  timeout: {
    capSeconds: LIMITS.apiGatewayIntegrationTimeoutSeconds.value,
    fact: LIMITS.apiGatewayIntegrationTimeoutSeconds,
    fix:
      'Return at once and let the client poll for the result (start the work asynchronously), or use a REST API with response streaming, which is not bound by the ' +
      `${LIMITS.apiGatewayIntegrationTimeoutSeconds.value} s integration timeout.`,
    fixReferences: ['apiGatewayStreaming'],
    raisable: null,
  },
  streaming: { how: 'set the Lambda proxy integration\'s responseTransferMode to STREAM', maxMb: SOURCE_LIMITS.streamedResponseMaxMb, references: ['apiGatewayStreaming'] },
  rateLimit: null,
  lanes: null,
  pollers: null,
  scaling: null,
  batching: null,
  concurrencyControl: 'reserved',
  failures: { model: 'caller' },
  destinations: [],
  ordering: unordered(),
  pricing: {
    line: {
      item: 'API Gateway REST API requests',
      priceSource: 'apiGatewayPricing',
      prices: (p) => [p.apiGateway.restPerMillion],
      usd: (x) => tiered(x.requestsPerMonth, tiers(x.region.apiGateway.restPerMillion), 1e6),
      detail: (x) => `${qty(x.requestsPerMonth)} requests`,
    },
    note: null,
  },
  samEventType: 'Api',
  articleCorrections: { invocation: null, concurrency: null },
  articleNotes: [],
};
