/** Application Load Balancer with the function as a target: synchronous, 1 MB bodies, idle timeout 60 s by default. */
import { LIMITS, SOURCE_LIMITS } from '../facts/index.ts';
import { num } from '../format.ts';
import { lambdaTimeout, syncPush } from './common.ts';
import type { SourceModule } from './types.ts';

export const alb: SourceModule = {
  id: 'alb',
  ...syncPush(),
  label: 'Application Load Balancer',
  withoutFunction: { integration: null, startsWorkflow: false },
  payload: [
    {
      direction: 'request',
      kb: SOURCE_LIMITS.albBodyKb.value,
      fact: SOURCE_LIMITS.albBodyKb,
      severity: 'error',
      message: (kb) =>
        `A ${num(kb)} KB request body is above the ${num(SOURCE_LIMITS.albBodyKb.value / 1_024)} MB an Application Load Balancer passes to a Lambda target: have clients upload large bodies straight to S3 (a presigned URL) and send a reference.`,
      references: [SOURCE_LIMITS.albBodyKb.source],
    },
    {
      direction: 'response',
      kb: SOURCE_LIMITS.albBodyKb.value,
      fact: SOURCE_LIMITS.albBodyKb,
      severity: 'error',
      message: (kb) =>
        `A ${num(kb)} KB response is above the ${num(SOURCE_LIMITS.albBodyKb.value / 1_024)} MB of response JSON a Lambda target may return to an Application Load Balancer, which cannot stream: return a presigned S3 URL (or a redirect to it), or serve the route from a function URL or a REST API with response streaming.`,
      references: [SOURCE_LIMITS.albBodyKb.source],
    },
  ],
  timeout: {
    ...lambdaTimeout(false),
    raisable: {
      defaultSeconds: LIMITS.albIdleTimeoutDefaultSeconds,
      maxSeconds: SOURCE_LIMITS.albIdleTimeoutMaxSeconds,
      setting: 'idle_timeout.timeout_seconds',
      what: 'connection idle timeout',
    },
  },
  streaming: null,
  pricing: { line: null, note: 'The Application Load Balancer (hours and LCUs) is not priced here.' },
};
