/** Decision 3: the function timeout, from the p99 duration of one invocation with a safety factor. */
import { LIMITS, references } from '../facts/index.ts';
import type { Rationale, Warning } from '../design.ts';
import { isApiGateway, MODEL, type Context } from './context.ts';
import { workModel } from '../model/measured.ts';
import { ms } from './format.ts';

export interface TimeoutDecision {
  readonly timeoutSeconds: number;
  readonly rationale: Rationale;
  readonly warnings: Warning[];
}

/** The least timeout the advisor sets: Lambda's own default, so tiny p99s still leave slack. */
export const MIN_TIMEOUT_SECONDS = LIMITS.timeoutDefaultSeconds.value;

/** " (measured at 512, 1024 MB)" when the duration curve comes from measurements, else "". */
function measuredFrom(c: Context): string {
  const m = workModel(c.s).report;
  return m.source === 'measured' ? ` (measured at ${m.measuredAtMb.join(', ')} MB)` : '';
}

export function decideTimeout(c: Context, invocationP99Ms: number): TimeoutDecision {
  const cap = c.timeoutCapSeconds;
  const wanted = Math.max(MIN_TIMEOUT_SECONDS, Math.ceil((invocationP99Ms * MODEL.timeoutSafetyFactor) / 1_000));
  const timeoutSeconds = Math.min(cap, wanted);
  const api = isApiGateway(c.s.source);
  const capSource = api ? LIMITS.apiGatewayIntegrationTimeoutSeconds : LIMITS.timeoutMaxSeconds;
  const warnings: Warning[] = [];
  const unit = c.kind === 'queue' || c.kind === 'stream' ? 'one full batch' : 'one invocation';
  if (wanted > cap) {
    const cannotFinish = invocationP99Ms > cap * 1_000;
    const fix = api
      ? 'Return at once and let the client poll for the result (start the work asynchronously), or use a REST API with response streaming, which is not bound by the ' + `${LIMITS.apiGatewayIntegrationTimeoutSeconds.value} s integration timeout.`
      : c.kind === 'queue' || c.kind === 'stream'
        ? 'Use smaller batches, split the work into steps (Step Functions or Lambda durable functions), or make it faster.'
        : 'Split the work into steps (Step Functions or Lambda durable functions) or make it faster.';
    warnings.push({
      id: 'timeout-capped',
      severity: cannotFinish ? 'error' : 'warning',
      message: cannotFinish
        ? `The p99 of ${unit} (${ms(invocationP99Ms)}) is longer than the ${cap} s the ${c.label} allows: slow requests will fail. ${fix}`
        : `${MODEL.timeoutSafetyFactor} × the p99 of ${unit} (${ms(invocationP99Ms)}) is above the ${cap} s the ${c.label} allows, so the timeout is capped at ${cap} s with less margin than usual. ${fix}`,
      references: references(capSource, ...(api ? (['apiGatewayStreaming'] as const) : [])),
    });
  }
  return {
    timeoutSeconds,
    warnings,
    rationale: {
      title: 'Timeout',
      summary: `${timeoutSeconds} s`,
      why:
        `The p99 of ${unit} at the chosen memory is about ${ms(invocationP99Ms)}${measuredFrom(c)}; × ${MODEL.timeoutSafetyFactor} (safety factor for slow calls and retries inside the function) = ${ms(invocationP99Ms * MODEL.timeoutSafetyFactor)}, ` +
        `rounded up to whole seconds and at least ${MIN_TIMEOUT_SECONDS} s` +
        (wanted > cap ? `, then capped at ${cap} s by the ${c.label}.` : ` (the ${c.label} allows up to ${cap} s).`),
      tradeOff:
        'A tight timeout stops runaway invocations early (and bills less for them) but can cut off legitimately slow ones; a loose one lets a stuck call burn money and, on SQS, lengthens the visibility timeout and so the time before a retry.',
      references: references(LIMITS.timeoutMaxSeconds, ...(api ? [LIMITS.apiGatewayIntegrationTimeoutSeconds] : [])),
    },
  };
}
