/** SNS topic: asynchronous push; messages of 256 KiB by default, 1 MiB with MaximumMessageSize. */
import { PRICING_UNITS, SOURCE_LIMITS } from '../facts/index.ts';
import { num, whole } from '../format.ts';
import { chunks, rate } from '../cost/rates.ts';
import { asyncPush, qty, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const sns: SourceModule = {
  id: 'sns',
  cheaperAlternative: () => `smaller messages (each ${num(PRICING_UNITS.snsChunkKb.value)} KB is billed as one publish)`,
  label: 'SNS topic',
  withoutFunction: { integration: 'an SNS subscription straight to the target (SQS, Firehose, HTTP) or an EventBridge rule', startsWorkflow: true },
  ...asyncPush(),
  payload: [
    {
      direction: 'request',
      kb: SOURCE_LIMITS.snsMessageDefaultKb.value,
      fact: SOURCE_LIMITS.snsMessageDefaultKb,
      severity: 'warning',
      message: (kb) =>
        `A ${num(kb)} KB message is above an SNS topic's default ${num(SOURCE_LIMITS.snsMessageDefaultKb.value)} KB limit, so a default topic rejects it: set the topic's MaximumMessageSize to at least ${whole(Math.ceil(kb * 1_024))} bytes (up to ${whole(SOURCE_LIMITS.snsMessageMaxKb.value * 1_024)}; Lambda subscribers are supported, at most ${whole(SOURCE_LIMITS.snsLargeMessageMaxSubscriptions.value)} subscriptions on such a topic), or put the body in S3 and publish a reference.`,
      references: [SOURCE_LIMITS.snsMessageDefaultKb.source],
    },
    {
      direction: 'request',
      kb: SOURCE_LIMITS.snsMessageMaxKb.value,
      fact: SOURCE_LIMITS.snsMessageMaxKb,
      severity: 'error',
      message: (kb) =>
        `A ${num(kb)} KB message is above SNS's ${num(SOURCE_LIMITS.snsMessageMaxKb.value / 1_024)} MB maximum (with MaximumMessageSize at its highest): put the body in S3 and publish a reference (the SNS Extended Client Library does this).`,
      references: [SOURCE_LIMITS.snsMessageMaxKb.source],
    },
  ],
  ordering: unordered(),
  pricing: {
    line: {
      item: 'SNS publishes',
      priceSource: 'snsPricing',
      prices: (p) => [p.sns.publishPerMillion],
      usd: (x) => ((x.requestsPerMonth * chunks(x.payloadKb, PRICING_UNITS.snsChunkKb.value)) / 1e6) * rate(x.region.sns.publishPerMillion),
      detail: (x) => `${qty(x.requestsPerMonth)} requests`,
    },
    note: null,
  },
  samEventType: 'SNS',
};
