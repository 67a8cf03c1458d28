/**
 * Decision 9: warnings that cut across decisions (budget, payload, ordering) and the places where
 * the 2019 article's advice is superseded for this scenario.
 */
import { ARTICLE_2019, CONCURRENCY, EVENT_SOURCES, LIMITS, TODAY, references, regionPrices, runtimeLifecycle, runtimeLifecycleMessage } from '../facts/index.ts';
import type { CostLine, Design, Warning } from '../design.ts';
import type { Context } from './context.ts';
import { snapStartBlocker, type ColdStartPlan } from './coldStart.ts';
import { mb, num, pct, usd } from './format.ts';

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

/** A cheaper way to get what one bill line buys, for the budget warning (null: none worth naming). */
function cheaperFor(c: Context, line: CostLine, d: BudgetDesign): string | null {
  const s = c.s;
  const p = regionPrices(s.region);
  switch (line.id) {
    case 'source':
      if (s.source === 'api-gateway-rest') {
        const http = p?.apiGateway.httpPerMillion?.value[0]?.rate;
        const rest = p?.apiGateway.restPerMillion?.value[0]?.rate;
        return (
          `an HTTP API${http !== undefined && rest !== undefined ? ` (${usd(http)} instead of ${usd(rest)} per million requests)` : ''}, ` +
          'or a function URL (no charge of its own) where no REST-only feature (usage plans, request validation, caching) is needed'
        );
      }
      if (s.source === 'api-gateway-http') return 'a function URL (no charge of its own) where the API needs no API Gateway feature (authorisers, throttling, custom domains)';
      if (s.source === 'sqs' || s.source === 'sqs-fifo') return 'larger batches and a batching window (fewer receive and delete calls), and payloads under 64 KB (each 64 KB is billed as a request)';
      if (s.source === 'kinesis') return 'fewer shards, or on-demand capacity if the traffic is spiky';
      if (s.source === 'sns' || s.source === 'eventbridge') return 'smaller messages (each 64 KB is billed as one publish)';
      return null;
    case 'cloudwatch-logs':
      return `fewer log bytes per invocation (${num(s.work.logKbPerInvocation)} KB now): a higher log level in production, sampling debug logs, or sending logs to S3 or Firehose`;
    case 'lambda-compute':
      if (d.cheapestMeeting && d.cheapestMeeting.memoryMb !== d.memoryMb && d.cheapestMeeting.monthlyUsd < d.total) {
        return `${mb(d.cheapestMeeting.memoryMb)}, the cheapest memory that meets the constraints (about ${usd(d.cheapestMeeting.monthlyUsd)} a month in all)${s.optimizeFor !== 'cost' ? ', with optimizeFor "cost"' : ''}`;
      }
      return d.architecture === 'x86_64' ? 'arm64, 20% cheaper per GB-second, if the code has no x86-only binaries; or less work per request' : 'less work per request (the memory is already the cheapest that meets the constraints)';
    case 'provisioned-concurrency':
    case 'provisioned-executed':
      return 'scheduled scaling (provisioned only in busy hours), SnapStart where the runtime supports it, or tolerating cold starts';
    case 'snapstart-cache':
    case 'snapstart-restore':
      return 'tolerating cold starts, or a lighter INIT (Java SnapStart has no charge)';
    case 'lambda-init':
      return 'a lighter INIT (a smaller package, lazy initialisation)';
    case 'vpc-nat':
      return 'one NAT gateway instead of one per AZ, an egress-only internet gateway for IPv6 traffic, or gateway and interface endpoints for AWS APIs';
    case 'vpc-endpoints':
      return 'sharing one set of interface endpoints between the functions in the VPC';
    case 'data-transfer-out':
      return 'compressed responses, or CloudFront in front (its transfer out is priced separately)';
    case 'ephemeral-storage':
      return `less /tmp (the first ${mb(LIMITS.ephemeralMinMb.value)} are free)`;
    default:
      return null;
  }
}

export interface BudgetDesign {
  readonly total: number;
  readonly lines: readonly CostLine[];
  readonly memoryMb: number;
  readonly architecture: Design['architecture'];
  readonly cheapestMeeting: { memoryMb: number; monthlyUsd: number } | null;
}

/**
 * Over budget: which lines drive the bill (the largest, up to three, that make most of it) and the
 * cheaper alternative for each, instead of a generic lever.
 */
export function budgetWarning(c: Context, d: BudgetDesign): Warning | null {
  const budget = c.s.budget.monthlyUsd;
  const total = d.total;
  if (budget === undefined || total <= budget) return null;
  const sorted = [...d.lines].filter((l) => l.usd > 0).sort((a, b) => b.usd - a.usd);
  const drivers: CostLine[] = [];
  let covered = 0;
  for (const l of sorted) {
    if (drivers.length === 3 || (drivers.length > 0 && covered >= 0.8 * total)) break;
    drivers.push(l);
    covered += l.usd;
  }
  const parts = drivers.map((l) => {
    const alt = cheaperFor(c, l, d);
    return `${l.item} ${usd(l.usd)} (${pct(l.usd / total)})${alt ? `: consider ${alt}` : ''}`;
  });
  let next = parts.length > 0 ? ` It is driven by ${parts.join('; ')}.` : '';
  if (d.cheapestMeeting === null) {
    next += c.target === undefined ? ' No memory setting keeps one invocation within its timeout cap.' : ' No design meets the latency target at any memory setting, so there is no cheaper design that does.';
  } else if (c.target !== undefined && (d.cheapestMeeting.memoryMb === d.memoryMb || d.cheapestMeeting.monthlyUsd >= total) && drivers[0]?.id === 'lambda-compute') {
    next += ' This is already the cheapest design that meets the latency target: relaxing the target would allow less memory.';
  }
  return {
    id: 'budget-exceeded',
    severity: 'warning',
    message: `The design costs about ${usd(total)} a month, above the ${usd(budget)} budget.${next}`,
    references: [...references('pricing'), ...drivers.flatMap((l) => l.references)].filter((r, i, all) => all.indexOf(r) === i),
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
