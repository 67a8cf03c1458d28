/** API Gateway HTTP API: synchronous, cheaper than REST; no response streaming. */
import { LIMITS, PRICING_UNITS, SOURCE_LIMITS } from '../facts/index.ts';
import { tiered, tiers } from '../cost/rates.ts';
import { API_GATEWAY_THROTTLE, CLAIM_CHECK, qty, syncInvokePayload, syncInvokeResponse, syncPush } from './common.ts';
import type { SourceModule } from './types.ts';

export const apiGatewayHttp: SourceModule = {
  id: 'api-gateway-http',
  ...syncPush(),
  cheaperAlternative: () => 'a function URL (no charge of its own) where the API needs no API Gateway feature (authorisers, throttling, custom domains)',
  label: 'API Gateway HTTP API',
  withoutFunction: { integration: 'an HTTP API first-class integration (EventBridge, SQS, Kinesis, Step Functions, AppConfig only)', startsWorkflow: true },
  payload: [
    syncInvokePayload(`${CLAIM_CHECK} (an HTTP API cannot stream, so return a large response as a presigned S3 URL)`),
    syncInvokeResponse(
      'an HTTP API cannot stream a response, so return a presigned S3 URL, or serve the route from a REST API (responseTransferMode=STREAM) or a function URL (InvokeMode RESPONSE_STREAM)',
    ),
  ],
  timeout: {
    capSeconds: LIMITS.httpApiIntegrationTimeoutSeconds.value,
    fact: LIMITS.httpApiIntegrationTimeoutSeconds,
    fix:
      `Return at once and let the client poll for the result (start the work asynchronously). An HTTP API's ${LIMITS.httpApiIntegrationTimeoutSeconds.value} s limit cannot be raised and it cannot stream; ` +
      `for longer requests use a REST API with response streaming (responseTransferMode=STREAM, up to ${SOURCE_LIMITS.restStreamingTimeoutSeconds.value / 60} minutes) or a function URL.`,
    fixReferences: ['apiGatewayStreaming'],
    raisable: null,
  },
  streaming: null,
  rateLimit: API_GATEWAY_THROTTLE,
  pricing: {
    line: {
      item: 'API Gateway HTTP API requests',
      priceSource: 'apiGatewayPricing',
      prices: (p) => [p.apiGateway.httpPerMillion],
      usd: (x) => tiered(x.requestsPerMonth, tiers(x.region.apiGateway.httpPerMillion), 1e6),
      detail: (x) => `${qty(x.requestsPerMonth)} requests`,
    },
    note: `HTTP API requests are metered in ${PRICING_UNITS.httpApiMeteringKb.value} KB increments; larger payloads cost more than shown.`,
  },
  samEventType: 'HttpApi',
};
