/**
 * The visibility timeout an SQS queue needs for a Lambda consumer, one definition for the recommendation
 * (failures), the template rule LDA101, the hover and the edits that apply a design: AWS advises at least
 * 6 × the function timeout plus the batching window (`sqsConfigure`; the 2019 article said the same), and
 * SQS accepts at most 12 hours (`sqsQuotas`).
 */
import { EVENT_SOURCES } from './facts/index.ts';

export interface SqsVisibility {
  /** multiplier × timeout + window, seconds: what AWS advises. */
  readonly wanted: number;
  /** `wanted`, capped at the SQS maximum: what can be set. */
  readonly settable: number;
  /** `wanted` is above the SQS maximum. */
  readonly capped: boolean;
}

/** The multiplier of the function timeout (6). */
export const SQS_VISIBILITY_MULTIPLIER = EVENT_SOURCES.sqsVisibilityMultiplier.value;

export function sqsVisibilityFor(timeoutSeconds: number, batchingWindowSeconds = 0): SqsVisibility {
  const wanted = SQS_VISIBILITY_MULTIPLIER * timeoutSeconds + batchingWindowSeconds;
  const max = EVENT_SOURCES.sqsVisibilityMaxSeconds.value;
  return { wanted, settable: Math.min(wanted, max), capped: wanted > max };
}
