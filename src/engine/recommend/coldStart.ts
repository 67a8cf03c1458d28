/**
 * Decision 8: cold starts. Planned before the memory search (a strategy that leaves cold starts in
 * place keeps their p99 in reserve against the latency target) and settled after it.
 */
import { COLD_STARTS, references } from '../facts/index.ts';
import type { Design, Rationale } from '../design.ts';
import type { Context } from './context.ts';
import { ms, usd } from './format.ts';

export type ColdStartStrategy = Design['coldStart']['strategy'];

export interface ColdStartPlan {
  /** The strategy, final unless `settle` changes 'tolerate'/'none-needed' after the memory search. */
  readonly strategy: ColdStartStrategy;
  /** Cold-start latency the memory search must keep in reserve under the target, ms. */
  readonly initAllowanceMs: number;
  /** Typical INIT duration under the strategy (billed on each cold start), ms. */
  readonly expectedInitMs: number;
  /** p99 INIT without SnapStart, ms. */
  readonly initP99Ms: number;
}

export function supportsSnapStart(c: Context): boolean {
  return COLD_STARTS.snapstartRuntimes.value.includes(c.s.runtime);
}

export function planColdStart(c: Context): ColdStartPlan {
  const s = c.s;
  const table = COLD_STARTS.initMs.value[s.runtime];
  const initP50 = s.work.initDurationMs ?? table.p50;
  const initP99 = s.work.initDurationMs ?? table.p99;
  const snap = COLD_STARTS.snapstartInitMs.value;
  if (!c.src.callerWaits) return { strategy: 'none-needed', initAllowanceMs: 0, expectedInitMs: initP50, initP99Ms: initP99 };
  if (s.latency.coldStarts === 'tolerate') return { strategy: 'tolerate', initAllowanceMs: 0, expectedInitMs: initP50, initP99Ms: initP99 };
  const refP99 = s.work.p99DurationMs;
  const target = c.target;
  if (target !== undefined && refP99 + initP99 <= target) {
    return { strategy: 'none-needed', initAllowanceMs: initP99, expectedInitMs: initP50, initP99Ms: initP99 };
  }
  if (supportsSnapStart(c) && (target === undefined || refP99 + snap.p99 <= target)) {
    return { strategy: 'snapstart', initAllowanceMs: target === undefined ? 0 : snap.p99, expectedInitMs: Math.min(snap.p50, initP50), initP99Ms: initP99 };
  }
  return { strategy: 'provisioned-concurrency', initAllowanceMs: 0, expectedInitMs: initP50, initP99Ms: initP99 };
}

/** For 'tolerate': whether a cold start still fits the target at the chosen memory. */
export function settleColdStart(c: Context, plan: ColdStartPlan, latencyP99Ms: number): ColdStartStrategy {
  if (plan.strategy !== 'tolerate') return plan.strategy;
  return c.target !== undefined && latencyP99Ms + plan.initP99Ms <= c.target ? 'none-needed' : 'tolerate';
}

export function coldStartRationale(
  c: Context,
  plan: ColdStartPlan,
  strategy: ColdStartStrategy,
  latencyP99Ms: number,
  provisioned: number | null,
  provisionedMonthlyUsd: number,
): Rationale {
  const s = c.s;
  const measured = s.work.initDurationMs !== undefined;
  const initSrc = measured ? `your measured INIT of ${ms(plan.initP99Ms)}` : `a typical ${s.runtime} INIT of ${ms(plan.expectedInitMs)} (p99 ${ms(plan.initP99Ms)})`;
  const snap = COLD_STARTS.snapstartInitMs.value;
  const t = c.target;
  let summary: string;
  let why: string;
  let tradeOff: string;
  switch (strategy) {
    case 'none-needed':
      summary = 'Nothing needed';
      why =
        c.src.callerWaits
          ? `Even with a cold start (${initSrc}) the p99 of ${ms(latencyP99Ms)} + ${ms(plan.initP99Ms)} = ${ms(latencyP99Ms + plan.initP99Ms)} stays within the ${t === undefined ? '' : ms(t)} target.`
          : `The ${c.label} invokes the function without anyone waiting on the answer, so a cold start (${initSrc}) delays an event but no caller; cold starts affect under ${COLD_STARTS.coldStartShare.value * 100}% of invocations in steady traffic.`;
      tradeOff = 'Cold starts still cost money: INIT is billed since August 2025 (included in the bill at the cold-start share), so keep the package small and initialise lazily.';
      break;
    case 'tolerate':
      summary = 'Tolerate occasional cold starts';
      why =
        `Cold starts (${initSrc}) hit under ${COLD_STARTS.coldStartShare.value * 100}% of invocations in steady traffic` +
        (t === undefined
          ? ', no latency target was given and the scenario tolerates them.'
          : `; with one, a request takes about ${ms(latencyP99Ms + plan.initP99Ms)}, above the ${ms(t)} target, but the scenario tolerates that.`);
      tradeOff = `Provisioned concurrency${supportsSnapStart(c) ? ' or SnapStart' : ''} would remove them at a price; smaller packages and lazy initialisation shorten them for free.`;
      break;
    case 'snapstart':
      summary = 'SnapStart on a published version';
      why =
        `Cold starts must be avoided and ${s.runtime} supports SnapStart: restoring a snapshot takes about ${ms(snap.p50)} (p99 ${ms(snap.p99)}) instead of ${ms(plan.initP99Ms)}` +
        (t === undefined ? '.' : `, so ${ms(latencyP99Ms)} + ${ms(snap.p99)} = ${ms(latencyP99Ms + snap.p99)} fits the ${ms(t)} target without provisioned concurrency.`);
      tradeOff =
        (s.runtime === 'java' ? 'No extra charge for Java. ' : 'Python and .NET pay a snapshot cache and restore charge (not in this bill). ') +
        'It works on published versions and aliases, cannot be combined with provisioned concurrency, and code must tolerate restored state (re-seed randomness, refresh connections).';
      break;
    case 'provisioned-concurrency':
      summary = `Provisioned concurrency: ${provisioned ?? 0} environments`;
      why =
        `Cold starts must be avoided: ${initSrc}` +
        (t === undefined ? '' : ` would push a request to about ${ms(latencyP99Ms + plan.initP99Ms)} against the ${ms(t)} target`) +
        (supportsSnapStart(c) ? ', and SnapStart alone would not be fast enough' : `, and SnapStart does not support ${s.runtime}`) +
        `. ${provisioned ?? 0} pre-initialised environments cover the concurrency needed at peak, at about ${usd(provisionedMonthlyUsd)} a month kept on all month.`;
      tradeOff =
        'Provisioned environments are billed while idle; traffic above them still meets cold starts. Scheduled scaling (Application Auto Scaling) can keep them on only in busy hours.';
      break;
  }
  return {
    title: 'Cold starts',
    summary,
    why,
    tradeOff,
    references: references(COLD_STARTS.initMs, 'coldStarts', 'initBilling', ...(strategy === 'snapstart' ? (['snapstart'] as const) : []), ...(strategy === 'provisioned-concurrency' ? (['provisioned'] as const) : [])),
    articleCorrection:
      'The 2019 article suggested keeping functions warm with a scheduled ping; that is obsolete: a ping keeps about one environment warm, does not help bursts, and INIT is billed since August 2025. Use provisioned concurrency, SnapStart, or a lighter INIT. VPC functions no longer pay an ENI penalty at cold start (Hyperplane ENIs since 2019).',
  };
}
