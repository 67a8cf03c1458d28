/**
 * Decision 9: warnings that cut across decisions (budget, payload, ordering) and the places where
 * the 2019 article's advice is superseded for this scenario.
 */
import { ARTICLE_2019, CONCURRENCY, EVENT_SOURCES, LIMITS, TODAY, references, runtimeLifecycle, runtimeLifecycleMessage } from '../facts/index.ts';
import type { Design, Warning } from '../design.ts';
import type { Context } from './context.ts';
import { snapStartBlocker, type ColdStartPlan } from './coldStart.ts';
import { mb, num, usd } from './format.ts';

export function payloadWarnings(c: Context): Warning[] {
  const s = c.s;
  const kb = s.traffic.payloadKb;
  const out: Warning[] = [];
  if ((c.kind === 'sync' || c.kind === 'async') && kb > c.payloadLimitKb) {
    out.push({
      id: 'payload-too-large',
      severity: 'error',
      message: `A ${num(kb)} KB payload is above the ${c.kind === 'async' ? `${num(LIMITS.asyncPayloadKb.value / 1_024)} MB asynchronous` : `${num(LIMITS.syncPayloadMb.value)} MB synchronous`} invocation limit: put the body in S3 and pass a reference (claim check)${c.kind === 'sync' ? ', or stream the response' : ''}.`,
      references: references(c.kind === 'async' ? LIMITS.asyncPayloadKb : LIMITS.syncPayloadMb),
    });
  }
  if (c.kind === 'queue' && kb > LIMITS.sqsMessageMaxKb.value) {
    out.push({
      id: 'payload-too-large',
      severity: 'error',
      message: `A ${num(kb)} KB message is above SQS's ${num(LIMITS.sqsMessageMaxKb.value / 1_024)} MB message limit: store the body in S3 and queue a reference.`,
      references: references(LIMITS.sqsMessageMaxKb),
    });
  }
  return out;
}

export function orderingWarnings(c: Context, design: Pick<Design, 'concurrency'>): Warning[] {
  const s = c.s;
  if (s.ordering === 'none') return [];
  const src = s.source;
  const out: Warning[] = [];
  const stream = src === 'kinesis' || src === 'dynamodb-streams' || src === 'kafka';
  if (s.ordering === 'strict') {
    const singleLane =
      (src === 'sqs-fifo' && s.traffic.messageGroups === 1) ||
      ((src === 'kinesis' || src === 'dynamodb-streams') && (s.traffic.shards ?? 1) === 1 && design.concurrency.parallelizationFactor === 1);
    if (!singleLane) {
      out.push({
        id: 'ordering',
        severity: 'warning',
        message:
          src === 'sqs-fifo'
            ? 'Strict ordering across all messages needs a single message group, which limits the consumer to one batch at a time; with several groups, order holds only within each group.'
            : stream
              ? 'Strict ordering across all records needs a single shard (partition) and a parallelization factor of 1: order holds only per shard, or per partition key.'
              : `A ${c.label} gives no ordering guarantee. For strict order use an SQS FIFO queue with one message group (one batch at a time) or a single-shard stream.`,
        references: references('sqsScaling', 'kinesisParameters'),
      });
    }
  } else if (!stream && src !== 'sqs-fifo') {
    out.push({
      id: 'ordering',
      severity: 'warning',
      message: `A ${c.label} does not keep per-key order${src === 'sqs' ? ' (a standard queue delivers out of order and can duplicate)' : ''}: use an SQS FIFO queue with the key as message group ID, or a Kinesis stream with it as partition key.`,
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
  if (c.kind === 'async')
    w('The 2019 article sent failed asynchronous events to a dead-letter queue; on-failure destinations now carry the error and context too, and retries are configurable (' + `${EVENT_SOURCES.asyncRetriesMin.value}–${EVENT_SOURCES.asyncRetriesMax.value}).`, 'asyncRetain');
  if (c.kind === 'queue' && s.source === 'sqs')
    w(`The 2019 article said SQS pollers add ${ARTICLE_2019.sqsScaleUpPerMinute.value} per minute; they now add up to ${CONCURRENCY.sqsScaleUpPerMinute.value} per minute, and MaximumConcurrency replaces low reserved concurrency as the way to throttle a consumer.`, 'sqsScaling');
  if (s.source === 'kinesis' || s.source === 'dynamodb-streams')
    w('The 2019 article said a failing record blocks its shard until it expires; that is only the default now: bisect, finite retries, a record age limit and an on-failure destination keep the shard moving.', 'kinesisParameters');
  if (d.vpc.attach)
    w('The 2019 article warned of one ENI per container and slow cold starts in a VPC; Hyperplane ENIs (since 2019) are shared and created with the function, with no cold-start penalty.', 'hyperplane');
  if (c.kind === 'sync' && (s.latency.coldStarts === 'avoid' || d.coldStart.strategy === 'tolerate'))
    w('The 2019 article kept functions warm with a scheduled ping; that is obsolete (one warm environment, no help for bursts, INIT billed since August 2025): use provisioned concurrency or SnapStart.', 'coldStarts', 'initBilling');
  return out;
}

/**
 * The runtime's lifecycle (an error where AWS already blocks creating functions on it, a warning once
 * deprecated, a note for a preview) and SnapStart that the scenario would want but cannot have.
 */
export function runtimeWarnings(c: Context, plan: ColdStartPlan, today: string = TODAY): Warning[] {
  const out: Warning[] = [];
  const message = runtimeLifecycleMessage(c.runtime, today);
  if (message !== null) {
    const state = runtimeLifecycle(c.runtime, today).state;
    out.push({
      id: 'runtime-deprecated',
      severity: state === 'create-blocked' ? 'error' : state === 'deprecated' ? 'warning' : 'info',
      message,
      references: references('runtimes'),
    });
  }
  const blocker = snapStartBlocker(c);
  if (plan.strategy === 'provisioned-concurrency' && blocker !== null && c.runtime.snapStart) {
    out.push({
      id: 'snapstart-unavailable',
      severity: 'info',
      message: `${blocker}, so the cold-start decision uses provisioned concurrency instead.`,
      references: references('snapstart'),
    });
  }
  return out;
}
