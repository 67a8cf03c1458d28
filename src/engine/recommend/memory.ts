/**
 * Decision 2: memory and architecture.
 *
 * The search covers every 1 MB step from the floor (measured peak use plus headroom) to 10,240 MB,
 * and is exact without pricing all 10,113 steps, because under the performance model
 *   - duration never grows with memory (the CPU share speeds up, the I/O share stays), so every
 *     constraint (latency target, timeout cap, throughput) holds on one interval [lowest, 10,240];
 *   - the monthly cost never falls with memory: GB-seconds = memory × duration, and memory ÷ usable
 *     vCPUs is constant below 1,769 MB × threads and grows above it.
 * So the cheapest setting that meets the constraints is the lowest one, found by bisection (except
 * that billing rounds each invocation up to 1 ms: for short invocations the lowest memory of each
 * billed millisecond is tried too, see ROUNDING_SCAN_MAX_MS); the
 * settings within the cost tie tolerance of it form an interval too, and the fastest of them wins
 * (as AWS Lambda Power Tuning breaks ties). Where /tmp above 512 MB (billed per second of duration)
 * or provisioned concurrency break the second point, `CostSearch` finds the same settings a scan of
 * every step would, by branch and bound: the cost never falls when memory grows at a fixed duration
 * nor when the duration grows at a fixed memory, and the duration shrinks with memory, so pricing
 * the lowest memory of an interval at the duration of its highest bounds the whole interval from
 * below; intervals whose bound cannot beat the best so far are skipped.
 * `test/unit/properties.test.ts` checks the result against an exhaustive `costByMemory` scan, and
 * `test/unit/recommend-memory-exact.test.ts` the /tmp and provisioned-concurrency cases against the
 * former scan of all 10,113 steps. Tens to hundreds of cost evaluations instead of 10,113.
 */
import { ARTICLE_2019, armDurationDiscount, CONCURRENCY, LIMITS, PRICING_UNITS, references, type Architecture } from '../facts/index.ts';
import type { MemoryOption, PricedConfig, Rationale, Warning } from '../design.ts';
import { memoryCostModel, monthlyTotal, type MemoryCostModel } from '../cost/index.ts';
import { batchMsAt, durationAt, PERFORMANCE_ASSUMPTIONS } from '../model/performance.ts';
import { isMeasured, workModel } from '../model/measured.ts';
import type { Scenario } from '../scenario.ts';
import { MODEL, type Context } from './context.ts';
import { mb, ms, num, pct, usd } from './format.ts';

const MIN_MB = LIMITS.memoryMinMb.value;
const MAX_MB = LIMITS.memoryMaxMb.value;
/**
 * Below this billed duration (ms) of one invocation, the 1 ms rounding of billing can make a little
 * more memory cheaper by more than the tie tolerance, so the search also tries the lowest memory of
 * each billed millisecond. Above it the rounding moves the cost by less than 0.5%.
 */
const ROUNDING_SCAN_MAX_MS = 200;
/**
 * Slack under a cost lower bound, relative and in dollars: floating-point rounding moves a computed
 * cost by about 1e-15 of its size, and by under 1e-14 dollars where the free tier's GB-seconds are
 * subtracted, so this never skips a step that could win.
 */
const BOUND_SLACK = 1e-9;
const BOUND_SLACK_USD = 1e-12;
/**
 * Cost evaluations after which the branch and bound gives up and prices every step (the former
 * scan): only costs flat to within the slack over wide ranges (next to no traffic) get there.
 */
const SEARCH_BUDGET = 3_000;
/** Every memory setting, 128..10,240 in 1 MB steps (10,113 values), for charts and exhaustive checks. */
export const ALL_MEMORIES: readonly number[] = Array.from({ length: MAX_MB - MIN_MB + 1 }, (_, i) => MIN_MB + i);

export function chooseArchitecture(c: Context): Architecture {
  return c.s.architecture === 'x86_64' ? 'x86_64' : 'arm64';
}

/**
 * Concurrency the work can get at most, whatever the memory (streams: shards × the maximum
 * parallelization factor; FIFO: message groups; a queue in front of a connection-limited downstream:
 * its limit). The average load must fit in it or the backlog grows without end.
 */
export function throughputLimit(c: Context): number {
  const s = c.s;
  const lanes = c.src.lanes;
  const count = lanes === null ? undefined : (lanes.count(s) ?? lanes.assumeWhenUnknown ?? undefined);
  let limit = lanes === null || count === undefined ? Infinity : count * lanes.maxPerLane;
  if (c.src.concurrencyControl === 'maximum-concurrency' && s.downstream.maxConcurrency !== undefined)
    limit = Math.min(limit, Math.max(CONCURRENCY.sqsMaximumConcurrencyMin.value, Math.min(CONCURRENCY.sqsMaximumConcurrencyMax.value, s.downstream.maxConcurrency)));
  return limit;
}

/** The shape of one invocation the search prices: a batch (1 record for push sources) and its window. */
export interface Shape {
  readonly batchSize: number;
  readonly windowSeconds: number;
  readonly recordsPerInvocation: number;
  /** Latency the cold-start strategy keeps in reserve under the target, ms. */
  readonly initAllowanceMs: number;
}

/** The constraints at one shape, as functions of memory; all monotone in memory. */
class Space {
  readonly target: number;
  readonly windowMs: number;
  readonly capMs: number;
  readonly limit: number;
  constructor(
    readonly c: Context,
    readonly shape: Shape,
    limit = throughputLimit(c),
  ) {
    this.target = c.target === undefined ? Infinity : c.target - shape.initAllowanceMs;
    this.windowMs = shape.windowSeconds * 1_000;
    this.capMs = c.timeoutCapSeconds * 1_000;
    this.limit = limit;
  }
  /** p99 of one invocation (a full batch, processed record after record), ms. */
  p99(m: number): number {
    return batchMsAt(this.c.p99Work, m, this.shape.batchSize, this.c.parallel.on);
  }
  meetsTarget(m: number): boolean {
    return this.p99(m) + this.windowMs <= this.target;
  }
  /** level 2: target, the source's timeout cap and throughput; level 1 adds the timeout's safety factor. */
  ok(m: number, level: 1 | 2): boolean {
    const p = this.p99(m);
    if (p + this.windowMs > this.target) return false;
    if ((level === 1 ? p * MODEL.timeoutSafetyFactor : p) > this.capMs) return false;
    return (this.c.avgRate * durationAt(this.c.avgWork, m)) / 1_000 <= this.limit + 1e-9;
  }
}

/** Smallest m in [lo, hi] with pred(m) true, for a predicate false then true; -1 if none. */
function firstTrue(lo: number, hi: number, pred: (m: number) => boolean): number {
  if (lo > hi || !pred(hi)) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Largest m in [lo, hi] with pred(m) true, for a predicate true then false; -1 if none. */
function lastTrue(lo: number, hi: number, pred: (m: number) => boolean): number {
  if (lo > hi || !pred(lo)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (pred(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The lowest memory at which a single record (no batch, no window) meets every constraint: the
 * cheapest feasible setting, at which the batching rule sizes its batch. Falls back as `decideMemory`.
 */
export function cheapestFeasibleMemory(c: Context, initAllowanceMs: number): number {
  const shape = { batchSize: 1, windowSeconds: 0, recordsPerInvocation: 1, initAllowanceMs };
  let space = new Space(c, shape);
  for (let pass = 0; pass < 2; pass++) {
    const m1 = firstTrue(c.floorMb, MAX_MB, (m) => space.ok(m, 1));
    if (m1 >= 0) return m1;
    const m2 = firstTrue(c.floorMb, MAX_MB, (m) => space.ok(m, 2));
    if (m2 >= 0) return m2;
    // No memory lets the load fit the source's lanes: memory is not bought for it (see throughputWarnings).
    if (!Number.isFinite(space.limit)) break;
    space = new Space(c, shape, Infinity);
  }
  const fastest = space.p99(MAX_MB);
  return firstTrue(c.floorMb, MAX_MB, (m) => space.p99(m) <= fastest);
}

/** Thrown inside `CostSearch` when it runs over `SEARCH_BUDGET`. */
const OVER_BUDGET = new Error('memory search over budget');

/** Samples priced first across a range, so that the branch and bound starts from a good best-so-far. */
const SEARCH_SEEDS = 16;

/**
 * Exact minimum and threshold searches over 1 MB steps for a cost that is not monotone in memory,
 * giving what a scan of every step would. Relies on two properties of `MemoryCostModel`:
 *   - `at(a, ms(b))` is a lower bound of the cost on [a, b] (the cost never falls as memory or
 *     duration grows, and the duration `ms` never grows with memory); `BOUND_SLACK` covers the
 *     rounding of floating point, which can move a computed cost by a few units in the last place;
 *   - where the billed duration is the same at a and b, it is the same at every step between them
 *     and the cost, as computed, never falls from a to b: the cheapest is a, the ones within a
 *     limit are a prefix.
 */
class CostSearch {
  private evaluations = 0;
  /** Once over budget: every step's cost, filled as the scans read them. */
  private table: Float64Array | null = null;
  constructor(
    readonly model: MemoryCostModel,
    readonly ms: (m: number) => number,
  ) {}
  cost(m: number): number {
    const t = this.table;
    if (t === null) {
      this.evaluations++;
      return this.model.at(m, this.ms(m));
    }
    const i = m - MIN_MB;
    let v = t[i] as number;
    if (Number.isNaN(v)) t[i] = v = this.model.at(m, this.ms(m));
    return v;
  }
  private overBudget(): void {
    this.table ??= new Float64Array(MAX_MB - MIN_MB + 1).fill(NaN);
  }
  /** No step of [a, b] costs less than this. */
  private bound(a: number, b: number): number {
    if (this.table !== null || ++this.evaluations > SEARCH_BUDGET) throw OVER_BUDGET;
    const lb = this.model.at(a, this.ms(b));
    return lb - BOUND_SLACK * Math.abs(lb) - BOUND_SLACK_USD;
  }
  private oneBilledDuration(a: number, b: number): boolean {
    return this.model.billedMs(this.ms(a)) === this.model.billedMs(this.ms(b));
  }
  /** The lowest step of [lo, hi] with the lowest cost. */
  firstCheapest(lo: number, hi: number): number {
    let best = lo;
    let bestCost = this.cost(lo);
    const consider = (m: number, cm: number): void => {
      if (cm < bestCost || (cm === bestCost && m < best)) {
        best = m;
        bestCost = cm;
      }
    };
    for (let i = 1; hi - lo > SEARCH_SEEDS && i <= SEARCH_SEEDS; i++) {
      const m = lo + Math.round(((hi - lo) * i) / SEARCH_SEEDS);
      consider(m, this.cost(m));
    }
    const visit = (a: number, b: number): void => {
      if (this.oneBilledDuration(a, b)) {
        if (a !== best) consider(a, this.cost(a));
        return;
      }
      if (this.bound(a, b) > bestCost) return;
      const mid = (a + b) >>> 1;
      visit(a, mid);
      visit(mid + 1, b);
    };
    try {
      visit(lo, hi);
    } catch (e) {
      if (e !== OVER_BUDGET) throw e;
      this.overBudget();
      best = lo;
      bestCost = this.cost(lo);
      for (let m = lo + 1; m <= hi; m++) consider(m, this.cost(m));
    }
    return best;
  }
  /** The highest step of [lo, hi] that costs at most `limit`; -1 if none. */
  lastAtMost(lo: number, hi: number, limit: number): number {
    const visit = (a: number, b: number): number => {
      if (this.oneBilledDuration(a, b)) return lastTrue(a, b, (m) => this.cost(m) <= limit);
      if (this.bound(a, b) > limit) return -1;
      const mid = (a + b) >>> 1;
      const right = visit(mid + 1, b);
      return right >= 0 ? right : visit(a, mid);
    };
    try {
      return visit(lo, hi);
    } catch (e) {
      if (e !== OVER_BUDGET) throw e;
      this.overBudget();
      for (let m = hi; m >= lo; m--) if (this.cost(m) <= limit) return m;
      return -1;
    }
  }
}

export interface MemoryInput extends Shape {
  /** Everything but memory and duration, as the bill will see it. */
  readonly config: Omit<PricedConfig, 'memoryMb' | 'averageInvocationMs'>;
}

export interface MemoryDecision {
  readonly memoryMb: number;
  readonly architecture: Architecture;
  /** p99 of one invocation (one full batch for pollers), ms. */
  readonly invocationP99Ms: number;
  /** What is compared with the target: invocation p99 + batching window, ms. */
  readonly latencyP99Ms: number;
  readonly meetsLatency: boolean;
  readonly averageInvocationMs: number;
  readonly monthlyUsd: number;
  /** The cheapest setting that meets the latency target and the source's limits (null: none does). */
  readonly cheapestMeeting: { memoryMb: number; monthlyUsd: number } | null;
  readonly options: MemoryOption[];
  readonly rationale: Rationale;
  /** The rationale's why, its amounts raised by what the bill adds at every size after the search (alarms, event pollers). */
  readonly whyWith: (extraUsd: number) => string;
  readonly warnings: Warning[];
}

/** Monthly cost at a memory setting for a shape and configuration. */
export function costAt(s: Scenario, c: Context, input: MemoryInput, m: number, arch: Architecture = input.config.architecture): number {
  return monthlyTotal(s, {
    ...input.config,
    architecture: arch,
    memoryMb: m,
    averageInvocationMs: batchMsAt(c.avgWork, m, input.recordsPerInvocation, c.parallel.on),
  });
}

/**
 * Power Tuning's "balanced" over [lowest, 10,240]: minimise w × cost/maxCost + (1 − w) × duration/maxDuration
 * (the maxima over the settings considered). A grid first, then every 1 MB step around its best.
 */
function balancedChoice(lowest: number, lambdaCost: (m: number) => number, duration: (m: number) => number): number {
  const w = MODEL.balancedWeight;
  const gridMb = MODEL.balancedGridMb;
  const grid: number[] = [];
  for (let m = lowest; m < MAX_MB; m += gridMb) grid.push(m);
  grid.push(MAX_MB);
  // Where each further vCPU is reached, the duration stops falling for code of that many threads.
  for (let k = 1; k <= LIMITS.maxVcpus.value; k++) {
    const m = Math.round(k * LIMITS.mbPerVcpu.value);
    if (m > lowest && m < MAX_MB) grid.push(m);
  }
  let maxCost = 0;
  let maxDuration = 0;
  for (const m of grid) {
    maxCost = Math.max(maxCost, lambdaCost(m));
    maxDuration = Math.max(maxDuration, duration(m));
  }
  const score = (m: number): number => (maxCost > 0 ? (w * lambdaCost(m)) / maxCost : 0) + (maxDuration > 0 ? ((1 - w) * duration(m)) / maxDuration : 0);
  let best = lowest;
  let bestScore = Infinity;
  const consider = (m: number): void => {
    const v = score(m);
    if (v < bestScore - 1e-12 || (Math.abs(v - bestScore) <= 1e-12 && m < best)) {
      best = m;
      bestScore = v;
    }
  };
  for (const m of grid) consider(m);
  // Refine around the best: steps of an eighth of the grid, then every 1 MB step.
  for (const step of [Math.max(1, Math.round(MODEL.balancedGridMb / 8)), 1]) {
    const around = best;
    const reach = step === 1 ? Math.max(1, Math.round(MODEL.balancedGridMb / 8)) : MODEL.balancedGridMb;
    for (let m = Math.max(lowest, around - reach); m <= Math.min(MAX_MB, around + reach); m += step) consider(m);
  }
  return best;
}

/** The memory decision in one line, with the design's monthly total. */
export function memorySummary(memoryMb: number, arch: Architecture, monthlyUsd: number): string {
  return `${mb(memoryMb)} on ${arch} (about ${usd(monthlyUsd)} a month)`;
}

export function decideMemory(c: Context, input: MemoryInput): MemoryDecision {
  const s = c.s;
  const arch = input.config.architecture;
  let space = new Space(c, input);
  const floor = c.floorMb;
  const invocationMs = (m: number): number => batchMsAt(c.avgWork, m, input.recordsPerInvocation, c.parallel.on);
  // The same numbers as `costAt`, with the parts that do not change with memory computed once.
  const model = memoryCostModel(s, { ...input.config, memoryMb: floor, averageInvocationMs: 0 });
  const cost = (m: number): number => model.at(m, invocationMs(m));
  /** The lowest setting as fast as `m` (durations plateau once usable vCPUs stop growing). */
  const plateauStart = (m: number): number => {
    const p = space.p99(m);
    return firstTrue(floor, m, (x) => space.p99(x) <= p);
  };

  const exhaustive = input.config.ephemeralStorageMb > PRICING_UNITS.ephemeralFreeMb.value || input.config.provisionedConcurrency > 0;
  let level: 1 | 2 | 3 = 1;
  let lowest = firstTrue(floor, MAX_MB, (m) => space.ok(m, 1));
  if (lowest < 0) {
    level = 2;
    lowest = firstTrue(floor, MAX_MB, (m) => space.ok(m, 2));
  }
  // When no memory lets the average load fit the source's lanes (message groups, shards), more memory
  // cannot carry it: search as if unbounded and leave the load to the throughput error.
  const boundLimit = space.limit;
  let throughputBound = false;
  if (lowest < 0 && Number.isFinite(space.limit)) {
    const free = new Space(c, input, Infinity);
    let l: 1 | 2 = 1;
    let lo = firstTrue(floor, MAX_MB, (m) => free.ok(m, 1));
    if (lo < 0) {
      l = 2;
      lo = firstTrue(floor, MAX_MB, (m) => free.ok(m, 2));
    }
    if (lo >= 0) {
      space = free;
      level = l;
      lowest = lo;
      throughputBound = true;
    }
  }
  let chosen: number;
  let cheapestMeeting: MemoryDecision['cheapestMeeting'] = null;
  if (lowest >= 0 && exhaustive) {
    // /tmp above the free 512 MB is billed per second of duration, and provisioned concurrency shifts
    // execution between rates: either can make more memory cheaper, so the cost is not monotone and
    // the search is a branch and bound over every 1 MB step. The first cheapest setting; then, of
    // those within the tie tolerance, the fastest, the cheapest of equally fast, the lowest of equal
    // cost. The duration never grows with memory, so the fastest tied setting is the highest one and
    // the equally fast ones run from its plateau's start to it.
    const search = new CostSearch(model, invocationMs);
    const cheapest = search.firstCheapest(lowest, MAX_MB);
    const lowestCost = search.cost(cheapest);
    cheapestMeeting = { memoryMb: cheapest, monthlyUsd: lowestCost };
    const lastTied = Math.max(cheapest, search.lastAtMost(cheapest, MAX_MB, lowestCost * (1 + MODEL.costTieTolerance)));
    chosen = search.firstCheapest(Math.max(lowest, plateauStart(lastTied)), lastTied);
  } else if (lowest >= 0) {
    // Billing rounds each invocation up to the next 1 ms, so for short invocations a little more
    // memory can drop a whole billed millisecond and cost less. Within one billed millisecond the cost
    // grows with memory, so the candidates are the lowest memory of each billed duration.
    let cheapest = lowest;
    let lowestCost = cost(lowest);
    const inv = (m: number): number => Math.ceil(batchMsAt(c.avgWork, m, input.recordsPerInvocation, c.parallel.on) - 1e-9);
    const kHigh = inv(lowest);
    if (kHigh <= ROUNDING_SCAN_MAX_MS) {
      let bestProxy = lowest * kHigh;
      for (let k = kHigh - 1; k >= inv(MAX_MB); k--) {
        const m = firstTrue(lowest, MAX_MB, (x) => inv(x) <= k);
        if (m < 0 || m * k >= bestProxy) continue;
        bestProxy = m * k;
        const cm = cost(m);
        if (cm < lowestCost) {
          lowestCost = cm;
          cheapest = m;
        }
      }
    }
    cheapestMeeting = { memoryMb: cheapest, monthlyUsd: lowestCost };
    // Above ROUNDING_SCAN_MAX_MS the billed milliseconds were not scanned, so a setting a little above
    // `lowest` may cost up to one billed millisecond less. The tie is measured from a bound no setting
    // can beat (the unrounded cost never falls with memory, and `lowest` billed one millisecond short
    // is below it), so the chosen setting stays within the tolerance of the true cheapest.
    const floorCost = kHigh <= ROUNDING_SCAN_MAX_MS ? lowestCost : Math.min(lowestCost, model.at(lowest, Math.max(0, kHigh - 1)));
    const limit = floorCost * (1 + MODEL.costTieTolerance);
    const lastTied = Math.max(cheapest, lastTrue(cheapest, MAX_MB, (m) => cost(m) <= limit));
    chosen = Math.max(lowest, plateauStart(lastTied));
    if (cost(chosen) > limit) chosen = cheapest;
  } else {
    level = 3;
    chosen = plateauStart(MAX_MB);
  }
  // Power Tuning's other strategies, over the settings that meet every constraint: "speed" takes the
  // fastest (the cheapest of equally fast), "balanced" the best weighted sum of normalised cost and
  // duration. "cost" (the default) is the choice above.
  const fastest = lowest >= 0 ? Math.max(lowest, plateauStart(MAX_MB)) : chosen;
  const balanced = lowest >= 0 ? balancedChoice(lowest, (m) => cost(m) - model.fixedUsd, invocationMs) : chosen;
  const costChoice = chosen;
  if (s.optimizeFor === 'speed') chosen = fastest;
  else if (s.optimizeFor === 'balanced') chosen = balanced;

  const memoryMb = chosen;
  const invocationP99Ms = space.p99(memoryMb);
  const monthlyUsd = cost(memoryMb);
  const meetsLatency = space.meetsTarget(memoryMb);
  const option = (m: number, a: Architecture = arch): MemoryOption => ({
    memoryMb: m,
    architecture: a,
    monthlyUsd: a === arch ? cost(m) : costAt(s, c, input, m, a),
    p99Ms: space.p99(m),
    meetsLatency: space.meetsTarget(m) && space.p99(m) <= space.capMs,
  });

  // Runner-ups: the other architecture, the cheapest meeting the target (if a tie moved us), the
  // cheapest overall, the fastest within budget, and common sizes.
  const options: MemoryOption[] = [];
  const seen = new Set<string>([`${memoryMb}:${arch}`]);
  const add = (m: number, a: Architecture = arch): void => {
    const key = `${m}:${a}`;
    if (m >= floor && m <= MAX_MB && !seen.has(key)) {
      seen.add(key);
      options.push(option(m, a));
    }
  };
  add(memoryMb, arch === 'arm64' ? 'x86_64' : 'arm64');
  if (cheapestMeeting) add(cheapestMeeting.memoryMb);
  add(costChoice);
  add(balanced);
  add(fastest);
  add(floor);
  const budget = s.budget.monthlyUsd;
  if (budget !== undefined) {
    const inBudget = lastTrue(floor, MAX_MB, (m) => cost(m) <= budget);
    if (inBudget >= 0) add(plateauStart(inBudget));
  }
  for (const common of MODEL.commonMemoriesMb) add(common);
  options.sort((a, b) => a.memoryMb - b.memoryMb || a.architecture.localeCompare(b.architecture));

  const warnings: Warning[] = [];
  if (c.target !== undefined && !space.meetsTarget(plateauStart(MAX_MB))) {
    warnings.push({
      id: 'latency-unreachable',
      severity: 'error',
      message:
        `No memory setting meets the ${ms(c.target)} p99 target: the fastest, ${mb(plateauStart(MAX_MB))}, gives about ${ms(space.p99(MAX_MB) + space.windowMs)}` +
        (input.initAllowanceMs > 0 ? ` plus ${ms(input.initAllowanceMs)} kept for a cold start` : '') +
        '. Make the work faster (more threads, fewer or parallel calls), split it, or relax the target.',
      references: references(LIMITS.memoryMaxMb, LIMITS.mbPerVcpu),
    });
  }

  const threads = s.work.parallelism;
  const batch = input.batchSize;
  const workReport = workModel(s).report;
  const cheapestMeasured = workReport.cheapestMeasuredMb;
  const floorWhy =
    cheapestMeasured !== null && floor === cheapestMeasured
      ? `The search starts at ${mb(floor)}, the cheapest size measured: every smaller size measured was both slower and costlier.`
      : s.work.maxMemoryUsedMb === undefined
        ? `No peak memory use was given, so the search starts at ${mb(MIN_MB)}.`
        : `The search starts at ${mb(floor)}: the measured peak use of ${mb(s.work.maxMemoryUsedMb)} plus ${pct(MODEL.memoryHeadroom)} headroom.`;
  const measured = isMeasured(workReport);
  const perf =
    (measured
      ? `${workReport.note} At ${mb(s.work.measuredAtMemoryMb)} (the reference size): `
      : `Work measured at ${mb(s.work.measuredAtMemoryMb)} (${s.work.profile} profile, ${threads} busy thread${threads === 1 ? '' : 's'}${workReport.measuredAtMb.length === 1 ? '; one memory size measured, so the profile gives the curve\'s shape' : ''}): `) +
    `average ${ms(s.work.averageDurationMs)}, p99 ${ms(s.work.p99DurationMs)}${measured ? '' : ` at ${mb(s.work.measuredAtMemoryMb)}`}; at ${mb(memoryMb)} the ${measured ? 'measured curve gives' : 'model estimates'} average ${ms(durationAt(c.avgWork, memoryMb))}, p99 ${ms(durationAt(c.p99Work, memoryMb))} per ${batch > 1 ? 'record' : 'invocation'}.`;
  const latencyParts =
    `${batch > 1 ? `a full batch of ${num(batch)} at ` : ''}p99 ${ms(invocationP99Ms)}` +
    (space.windowMs > 0 ? ` + ${input.windowSeconds} s window` : '') +
    (input.initAllowanceMs > 0 ? ` + ${ms(input.initAllowanceMs)} for a cold start` : '');
  const latencyWhy =
    level === 3
      ? c.target !== undefined && !meetsLatency
        ? `No setting meets the ${ms(c.target)} target (${latencyParts}), so the fastest is chosen.`
        : `No setting keeps one invocation within the ${c.timeoutCapSeconds} s the ${c.label} allows${Number.isFinite(space.limit) ? ` or the average load within ${num(space.limit)} concurrent executions` : ''}, so the fastest is chosen.`
      : c.target === undefined
        ? `No latency target was given, so the cheapest setting that keeps ${MODEL.timeoutSafetyFactor} × the p99 within the ${c.timeoutCapSeconds} s timeout cap wins (${latencyParts}).`
        : `The estimate, ${latencyParts}, meets the ${ms(c.target)} target.`;
  const levelWhy = level === 2 ? ` No setting leaves room for the ${MODEL.timeoutSafetyFactor}× timeout safety factor under the ${c.timeoutCapSeconds} s cap, so only the cap itself is kept.` : '';
  const limitWhy = throughputBound
    ? ` No memory setting lets the average load fit in the ${num(boundLimit)} concurrent executions the source allows (even at ${mb(plateauStart(MAX_MB))}, ${num(c.avgRate)}/s × ${ms(durationAt(c.avgWork, MAX_MB))} = ${num((c.avgRate * durationAt(c.avgWork, MAX_MB)) / 1_000)}), so memory is not raised for it: see the throughput error for the fix.`
    : Number.isFinite(space.limit) ? ` The average load must also fit in ${num(space.limit)} concurrent executions (${c.avgRate > 0 ? `${num(c.avgRate)}/s × ${ms(durationAt(c.avgWork, memoryMb))} = ${num((c.avgRate * durationAt(c.avgWork, memoryMb)) / 1_000)}` : 'no traffic'}).` : '';
  // `extra`: what the bill adds at every memory size after the search (rollback alarms, event pollers), so
  // the amounts quoted here are the bill's.
  const strategyWhy = (extra: number): string =>
    s.optimizeFor === 'cost'
      ? ''
      : s.optimizeFor === 'speed'
        ? ` Optimised for speed (as AWS Lambda Power Tuning's "speed"): the fastest setting that meets the constraints, ${mb(memoryMb)}, the lowest of those as fast; the cheapest, ${mb(costChoice)}, costs ${usd(cost(costChoice) + extra)} against ${usd(cost(memoryMb) + extra)}.`
        : ` Optimised for balance (as AWS Lambda Power Tuning's "balanced", balancedWeight ${MODEL.balancedWeight}): the setting that minimises ${MODEL.balancedWeight} × Lambda cost ÷ its highest + ${1 - MODEL.balancedWeight} × duration ÷ its longest over the settings that meet the constraints. ${mb(memoryMb)} averages ${ms(invocationMs(memoryMb))} per invocation for ${usd(cost(memoryMb) + extra)} a month; the cheapest, ${mb(costChoice)}, takes ${ms(invocationMs(costChoice))} for ${usd(cost(costChoice) + extra)}.`;
  const tie = (extra: number): string => s.optimizeFor !== 'cost' ? strategyWhy(extra) :
    cheapestMeeting && cheapestMeeting.memoryMb !== memoryMb
      ? ` ${mb(cheapestMeeting.memoryMb)} would cost ${usd(cheapestMeeting.monthlyUsd + extra)}; ${mb(memoryMb)} is within ${pct(MODEL.costTieTolerance)} of that and faster, and the faster of two about equal costs wins (as AWS Lambda Power Tuning breaks ties).`
      : ` Settings within ${pct(MODEL.costTieTolerance)} of the cheapest cost count as equal and the fastest of them wins (as AWS Lambda Power Tuning breaks ties).`;
  const archWhy =
    arch === 'arm64'
      ? s.architecture === 'arm64'
        ? ` arm64 as asked: its duration price is ${armBelow(s.region)} x86_64.`
        : ` arm64 (Graviton): its duration price is ${armBelow(s.region)} x86_64 and nothing in the scenario rules it out.`
      : ' x86_64 as the scenario requires (native dependencies or binaries built for x86).';
  const whyWith = (extra: number): string => `${floorWhy} Every ${LIMITS.memoryStepMb.value} MB step up to ${mb(MAX_MB)} is considered. ${perf} ${latencyWhy}${levelWhy}${limitWhy}${tie(extra)}${archWhy}`;
  return {
    memoryMb,
    architecture: arch,
    invocationP99Ms,
    whyWith,
    latencyP99Ms: invocationP99Ms + space.windowMs,
    meetsLatency,
    averageInvocationMs: batchMsAt(c.avgWork, memoryMb, input.recordsPerInvocation, c.parallel.on),
    monthlyUsd,
    cheapestMeeting,
    options,
    warnings,
    rationale: {
      title: 'Memory and architecture',
      summary: memorySummary(memoryMb, arch, monthlyUsd),
      why: whyWith(0),
      tradeOff:
        `More memory buys CPU (1 vCPU per ${mb(LIMITS.mbPerVcpu.value)}, up to ${LIMITS.maxVcpus.value}) and so speed for CPU-bound work, at a higher price per millisecond; I/O waits do not get faster. ` +
        (measured
          ? `The duration curve is measured at ${workReport.measuredAtMb.map(mb).join(', ')} (fit error ${workReport.rmsErrorPct}% RMS); outside that range it is the fitted model, an estimate. Re-measure after changing the code.`
          : `The duration model is an estimate: ${PERFORMANCE_ASSUMPTIONS.join(' ')} Measure with AWS Lambda Power Tuning (or run lambda-advisor calibrate on your logs) before you commit.`),
      references: references(LIMITS.memoryMaxMb, LIMITS.maxVcpus, 'pricing'),
      articleCorrection:
        `The 2019 article gave ${MIN_MB}–${num(ARTICLE_2019.memoryMaxMb.value)} MB in ${ARTICLE_2019.memoryOptions.value} steps and ${mb(ARTICLE_2019.mbPerVcpu.value)} per vCPU; memory now goes to ${mb(MAX_MB)} in ${LIMITS.memoryStepMb.value} MB steps with up to ${LIMITS.maxVcpus.value} vCPUs, and AWS states ${mb(LIMITS.mbPerVcpu.value)} per vCPU.`,
    },
  };
}

/** "20% below", from the Region's own duration rates. */
function armBelow(region: string): string {
  const d = armDurationDiscount(region);
  return d === undefined ? 'below' : `${pct(Math.round(d * 100) / 100)} below`;
}
