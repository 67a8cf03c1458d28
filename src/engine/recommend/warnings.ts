/**
 * Decision 9: warnings that cut across decisions (budget, payload, ordering) and the places where
 * the 2019 article's advice is superseded for this scenario.
 */
import { ARTICLE_2019, LIMITS, references } from '../facts/index.ts';
import type { Design, Warning } from '../design.ts';
import type { Context } from './context.ts';
import type { PayloadLimit } from '../sources/index.ts';
import { mb, usd } from './format.ts';

/**
 * Payload limits of the source, request (traffic.payloadKb) and response (traffic.responseKb): in each
 * direction the largest limit exceeded is the one reported (a 2 MB SNS message is above the 1 MB
 * maximum, not just the 256 KB default).
 */
export function payloadWarnings(c: Context): Warning[] {
  const t = c.s.traffic;
  const out: Warning[] = [];
  for (const [direction, kb] of [['request', t.payloadKb], ['response', t.responseKb]] as const) {
    if (kb === undefined) continue;
    let worst: PayloadLimit | null = null;
    for (const limit of c.src.payload) if (limit.direction === direction && kb > limit.kb && (worst === null || limit.kb > worst.kb)) worst = limit;
    if (worst !== null) out.push({ id: 'payload-too-large', severity: worst.severity, message: worst.message(kb), references: references(...worst.references) });
  }
  return out;
}

export function orderingWarnings(c: Context, design: Pick<Design, 'concurrency'>): Warning[] {
  const s = c.s;
  if (s.ordering === 'none') return [];
  const order = c.src.ordering;
  const out: Warning[] = [];
  if (s.ordering === 'strict') {
    if (!order.singleLane(s, design)) {
      out.push({
        id: 'ordering',
        severity: 'warning',
        message:
          order.strictMessage ??
          `A ${c.label} gives no ordering guarantee. For strict order use an SQS FIFO queue with one message group (one batch at a time) or a single-shard stream.`,
        references: references('sqsScaling', 'kinesisParameters'),
      });
    }
  } else if (!order.perKey) {
    out.push({
      id: 'ordering',
      severity: 'warning',
      message: `A ${c.label} does not keep per-key order${order.unorderedNote}: use an SQS FIFO queue with the key as message group ID, or a Kinesis stream with it as partition key.`,
      references: references('sqsScaling', 'kinesisParameters'),
    });
  }
  return out;
}

export function budgetWarning(
  c: Context,
  total: number,
  memoryMb: number,
  cheapestMeeting: { memoryMb: number; monthlyUsd: number } | null,
): Warning | null {
  const budget = c.s.budget.monthlyUsd;
  if (budget === undefined || total <= budget) return null;
  const target = c.target;
  let next: string;
  if (cheapestMeeting === null) {
    next = target === undefined ? 'No memory setting keeps one invocation within its timeout cap.' : 'No design meets the latency target at any memory setting, so there is no cheaper design that does.';
  } else if (cheapestMeeting.memoryMb === memoryMb || cheapestMeeting.monthlyUsd >= total) {
    next =
      target === undefined
        ? 'This is already the cheapest memory setting; the rest of the bill comes from traffic, the event source and the network.'
        : 'This is already the cheapest design that meets the latency target: relax the target, cut traffic or per-request work, or raise the budget.';
  } else {
    next = `The cheapest design that meets the latency target uses ${mb(cheapestMeeting.memoryMb)} at about ${usd(cheapestMeeting.monthlyUsd)} a month${cheapestMeeting.monthlyUsd > budget ? ', still above the budget' : ''}.`;
  }
  return {
    id: 'budget-exceeded',
    severity: 'warning',
    message: `The design costs about ${usd(total)} a month, above the ${usd(budget)} budget. ${next}`,
    references: references('pricing'),
  };
}

/** Where the 2019 article's advice would mislead for this scenario. */
export function articleWarnings(c: Context, d: Pick<Design, 'memoryMb' | 'vpc' | 'coldStart'>): Warning[] {
  const s = c.s;
  const out: Warning[] = [];
  const w = (message: string, ...refs: Parameters<typeof references>): void => {
    out.push({ id: 'article-superseded', severity: 'info', message, references: references(...refs, 'article2019') });
  };
  if (d.memoryMb > ARTICLE_2019.memoryMaxMb.value)
    w(`The 2019 article capped memory at ${mb(ARTICLE_2019.memoryMaxMb.value)} (${mb(ARTICLE_2019.mbPerVcpu.value)} per vCPU); this design uses ${mb(d.memoryMb)}: memory now goes to ${mb(LIMITS.memoryMaxMb.value)} with up to ${LIMITS.maxVcpus.value} vCPUs (${mb(LIMITS.mbPerVcpu.value)} per vCPU).`, LIMITS.memoryMaxMb);
  if (s.work.tmpStorageMb > LIMITS.ephemeralMinMb.value)
    w(`The 2019 article gave /tmp ${mb(ARTICLE_2019.tmpMb.value)}; it is now ${mb(LIMITS.ephemeralMinMb.value)} free and configurable to ${mb(LIMITS.ephemeralMaxMb.value)} (this design asks for ${mb(Math.ceil(s.work.tmpStorageMb))}).`, LIMITS.ephemeralMaxMb);
  for (const note of c.src.articleNotes) w(note.message, ...note.references);
  if (d.vpc.attach)
    w('The 2019 article warned of one ENI per container and slow cold starts in a VPC; Hyperplane ENIs (since 2019) are shared and created with the function, with no cold-start penalty.', 'hyperplane');
  if (c.src.callerWaits && (s.latency.coldStarts === 'avoid' || d.coldStart.strategy === 'tolerate'))
    w('The 2019 article kept functions warm with a scheduled ping; that is obsolete (one warm environment, no help for bursts, INIT billed since August 2025): use provisioned concurrency or SnapStart.', 'coldStarts', 'initBilling');
  return out;
}
