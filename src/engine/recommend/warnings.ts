/**
 * Decision 9: warnings that cut across decisions (budget, payload, ordering) and the places where
 * the 2019 article's advice is superseded for this scenario.
 */
import { ARTICLE_2019, armDurationDiscount, LIMITS, TODAY, references, regionPrices, runtimeLifecycle, runtimeLifecycleMessage } from '../facts/index.ts';
import type { CostLine, Design, Warning } from '../design.ts';
import type { Context } from './context.ts';
import { snapStartBlocker, type ColdStartPlan } from './coldStart.ts';
import { mb, num, pct, usd } from './format.ts';
import type { PayloadLimit } from '../sources/index.ts';

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

/** "20% cheaper", from the Region's own duration rates. */
function armCheaper(region: string): string {
  const d = armDurationDiscount(region);
  return d === undefined ? 'cheaper' : `${pct(Math.round(d * 100) / 100)} cheaper`;
}

/** A cheaper way to get what one bill line buys, for the budget warning (null: none worth naming). */
function cheaperFor(c: Context, line: CostLine, d: BudgetDesign): string | null {
  const s = c.s;
  const p = regionPrices(s.region);
  switch (line.id) {
    case 'source':
      return c.src.cheaperAlternative?.(p) ?? null;
    case 'cloudwatch-logs':
      return `fewer log bytes per invocation (${num(s.work.logKbPerInvocation)} KB now): a higher log level in production, sampling debug logs, or sending logs to S3 or Firehose`;
    case 'lambda-compute':
      if (d.cheapestMeeting && d.cheapestMeeting.memoryMb !== d.memoryMb && d.cheapestMeeting.monthlyUsd < d.total) {
        return `${mb(d.cheapestMeeting.memoryMb)}, the cheapest memory that meets the constraints (about ${usd(d.cheapestMeeting.monthlyUsd)} a month in all)${s.optimizeFor !== 'cost' ? ', with optimizeFor "cost"' : ''}`;
      }
      return d.architecture === 'x86_64' ? `arm64, ${armCheaper(s.region)} per GB-second, if the code has no x86-only binaries; or less work per request` : 'less work per request (the memory is already the cheapest that meets the constraints)';
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
  for (const note of c.src.articleNotes) w(note.message, ...note.references);
  if (d.vpc.attach)
    w('The 2019 article warned of one ENI per container and slow cold starts in a VPC; Hyperplane ENIs (since 2019) are shared and created with the function, with no cold-start penalty.', 'hyperplane');
  if (c.src.callerWaits && (s.latency.coldStarts === 'avoid' || d.coldStart.strategy === 'tolerate'))
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
