/** API Gateway HTTP API: synchronous, cheaper than REST; no response streaming. */
import { LIMITS } from '../facts/index.ts';
import { tiered, tiers } from '../cost/rates.ts';
import { PUSH_SYNC, qty, syncInvokePayload, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const apiGatewayHttp: SourceModule = {
  id: 'api-gateway-http',
  kind: 'sync',
  label: 'API Gateway HTTP API',
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
  pricing: {
    line: {
      item: 'API Gateway HTTP API requests',
      priceSource: 'apiGatewayPricing',
      prices: (p) => [p.apiGateway.httpPerMillion],
      usd: (x) => tiered(x.requestsPerMonth, tiers(x.region.apiGateway.httpPerMillion), 1e6),
      detail: (x) => `${qty(x.requestsPerMonth)} requests`,
    },
    note: 'HTTP API requests are metered in 512 KB increments; larger payloads cost more than shown.',
  },
  samEventType: 'HttpApi',
  articleCorrections: { invocation: null, concurrency: null },
  articleNotes: [],
};
