/** API Gateway REST API: synchronous, 29 s integration timeout by default, response streaming in STREAM mode. */
import { usdPrice } from '../format.ts';
import { LIMITS, SOURCE_LIMITS } from '../facts/index.ts';
import { tiered, tiers } from '../cost/rates.ts';
import { API_GATEWAY_THROTTLE, CLAIM_CHECK, qty, streamedResponse, syncInvokePayload, syncInvokeResponse, syncPush } from './common.ts';
import type { SourceModule } from './types.ts';

export const apiGatewayRest: SourceModule = {
  id: 'api-gateway-rest',
  ...syncPush(),
  cheaperAlternative: (p) => {
    const http = p?.apiGateway.httpPerMillion?.value[0]?.rate;
    const rest = p?.apiGateway.restPerMillion?.value[0]?.rate;
    return (
      `an HTTP API${http !== undefined && rest !== undefined ? ` (${usdPrice(http)} instead of ${usdPrice(rest)} per million requests)` : ''}, ` +
      'or a function URL (no charge of its own) where no REST-only feature (usage plans, request validation, caching) is needed'
    );
  },
  label: 'API Gateway REST API',
  withoutFunction: { integration: 'an API Gateway REST API AWS service integration (a mapping template calls the service)', startsWorkflow: true },
  payload: [
    syncInvokePayload(`${CLAIM_CHECK}; a large response can be streamed (responseTransferMode=STREAM)`),
    syncInvokeResponse(`stream it (set the Lambda proxy integration's responseTransferMode to STREAM, up to ${SOURCE_LIMITS.streamedResponseMaxMb.value} MB) or return a presigned S3 URL`),
    streamedResponse('responseTransferMode=STREAM'),
  ],
  timeout: {
    capSeconds: LIMITS.apiGatewayIntegrationTimeoutSeconds.value,
    fact: LIMITS.apiGatewayIntegrationTimeoutSeconds,
    fix:
      'Return at once and let the client poll for the result (start the work asynchronously), or stream the response (an integration with responseTransferMode=STREAM may run ' +
      `${SOURCE_LIMITS.restStreamingTimeoutSeconds.value / 60} minutes). A Regional or private REST API can also raise the ${LIMITS.apiGatewayIntegrationTimeoutSeconds.value} s integration timeout by a Service Quotas request (not an edge-optimized one; AWS may lower the account throttle in exchange).`,
    fixReferences: ['apiGatewayStreaming', 'apiGatewayTimeout'],
    raisable: null,
  },
  streaming: { how: 'set the Lambda proxy integration\'s responseTransferMode to STREAM', maxMb: SOURCE_LIMITS.streamedResponseMaxMb, references: ['apiGatewayStreaming'] },
  rateLimit: API_GATEWAY_THROTTLE,
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
};
