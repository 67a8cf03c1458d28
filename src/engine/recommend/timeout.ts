/** Decision 3: the function timeout, from the p99 duration of one invocation with a safety factor. */
import { LIMITS, references } from '../facts/index.ts';
import type { Rationale, Warning } from '../design.ts';
import { MODEL, type Context } from './context.ts';
import { isMeasured, workModel } from '../model/measured.ts';
import { ms, num } from './format.ts';

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
  return isMeasured(m) ? ` (measured at ${m.measuredAtMb.join(', ')} MB)` : '';
}

export function decideTimeout(c: Context, invocationP99Ms: number): TimeoutDecision {
  const limit = c.src.timeout;
  const idle = limit.raisable;
  const wanted = Math.max(MIN_TIMEOUT_SECONDS, Math.ceil((invocationP99Ms * MODEL.timeoutSafetyFactor) / 1_000));
  let cap = c.timeoutCapSeconds;
  let capSource = limit.fact;
  let fix = limit.fix;
  // A lower limit in front that a setting raises (the ALB's idle timeout): the timeout stays within
  // its default while the work fits in it; otherwise the design says to raise it, and to what.
  let raiseTo: number | null = null;
  if (idle !== null && wanted > idle.defaultSeconds.value) {
    const dflt = idle.defaultSeconds.value;
    if (invocationP99Ms <= dflt * 1_000) {
      cap = dflt;
      capSource = idle.defaultSeconds;
      fix = `Raise the ${idle.what} (${idle.setting}, up to ${num(idle.maxSeconds.value)} s) and the function timeout with it for more margin, or ${limit.fix.charAt(0).toLowerCase()}${limit.fix.slice(1)}`;
    } else {
      raiseTo = Math.min(cap, wanted);
    }
  }
  const timeoutSeconds = Math.min(cap, wanted);
  const sourceCap = capSource !== LIMITS.timeoutMaxSeconds;
  const warnings: Warning[] = [];
  const unit = c.src.batching !== null ? 'one full batch' : 'one invocation';
  if (wanted > cap) {
    const cannotFinish = invocationP99Ms > cap * 1_000;
    warnings.push({
      id: 'timeout-capped',
      severity: cannotFinish ? 'error' : 'warning',
      message: cannotFinish
        ? `The p99 of ${unit} (${ms(invocationP99Ms)}) is longer than the ${cap} s the ${c.label} allows: slow requests will fail. ${fix}`
        : `${MODEL.timeoutSafetyFactor} × the p99 of ${unit} (${ms(invocationP99Ms)}) is above the ${cap} s the ${c.label} allows, so the timeout is capped at ${cap} s with less margin than usual. ${fix}`,
      references: references(capSource, ...limit.fixReferences),
    });
  }
  if (idle !== null && raiseTo !== null) {
    warnings.push({
      id: 'limit-exceeded',
      severity: 'warning',
      message:
        `The p99 of ${unit} (${ms(invocationP99Ms)}) is longer than the ${c.label}'s default ${idle.what} of ${idle.defaultSeconds.value} s: clients would get HTTP 504 while the function still runs. ` +
        `Set ${idle.setting} to at least ${num(raiseTo)} s, the function timeout (it allows up to ${num(idle.maxSeconds.value)} s), or return at once and let the client poll for the result.`,
      references: references(idle.defaultSeconds, idle.maxSeconds),
    });
  }
  const idleWhy =
    idle === null
      ? ''
      : raiseTo !== null
        ? ` The ${c.label}'s ${idle.what} (${idle.defaultSeconds.value} s by default) must be raised to at least ${num(raiseTo)} s to match.`
        : wanted > idle.defaultSeconds.value
          ? ''
          : ` It stays within the ${c.label}'s default ${idle.what} of ${idle.defaultSeconds.value} s.`;
  return {
    timeoutSeconds,
    warnings,
    rationale: {
      title: 'Timeout',
      summary: `${timeoutSeconds} s`,
      why:
        `The p99 of ${unit} at the chosen memory is about ${ms(invocationP99Ms)}${measuredFrom(c)}; × ${MODEL.timeoutSafetyFactor} (safety factor for slow calls and retries inside the function) = ${ms(invocationP99Ms * MODEL.timeoutSafetyFactor)}, ` +
        `rounded up to whole seconds and at least ${MIN_TIMEOUT_SECONDS} s` +
        (wanted > cap ? `, then capped at ${cap} s by the ${c.label}.` : ` (the ${c.label} allows up to ${cap} s).`) +
        idleWhy,
      tradeOff:
        'A tight timeout stops runaway invocations early (and bills less for them) but can cut off legitimately slow ones; a loose one lets a stuck call burn money and, on SQS, lengthens the visibility timeout and so the time before a retry.',
      references: references(LIMITS.timeoutMaxSeconds, ...(sourceCap ? [capSource] : []), ...(idle !== null ? [idle.defaultSeconds] : [])),
    },
  };
}
