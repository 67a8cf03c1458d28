/**
 * Decision 9: how a new version reaches traffic. Every function gets an alias the event source or the
 * API points at (never $LATEST); what differs is how fast CodeDeploy moves the alias to the new
 * version, and which CloudWatch alarms roll it back.
 *
 *   sync (a caller waits)          → canary: 10% first, the rest once the alarms stayed quiet
 *   async / queue / stream worker  → linear: nobody waits, failures are retried, so 10% more each step
 *   too little traffic to judge    → all at once (a gradual shift would only delay the deploy: its
 *                                    alarms would see almost no invocations of the new version)
 * A customer-facing sync function keeps a gradual shift even at low traffic (the longest canary).
 */
import { OBSERVABILITY } from '../facts/observability.ts';
import { DEPLOYMENT, references, type DeploymentConfiguration, type DeploymentType } from '../facts/index.ts';
import type { Design, Rationale } from '../design.ts';
import type { Context } from './context.ts';
import { ms, num, usd } from './format.ts';

export type Deployment = Design['deployment'];
export type DeploymentAlarm = Deployment['alarms'][number];

export interface DeploymentDecision {
  readonly value: Deployment;
  readonly rationale: Rationale;
}

/** The alias every scaffold publishes and points the event source at. */
export const DEPLOYMENT_ALIAS = 'live';
/** Invocations of the new version the first step should see before the alarms can judge it (model choice). */
export const MIN_SAMPLES_PER_STEP = 20;
/** Share of invocations that may fail in a minute before the errors alarm rolls back (model choice). */
export const ERROR_SHARE_TOLERATED = 0.001;
/** Without a latency target, the p99 alarm fires at this multiple of the design's estimated p99 (model choice). */
export const P99_REGRESSION_FACTOR = 2;

function configurations(strategy: 'canary' | 'linear'): readonly DeploymentConfiguration[] {
  return DEPLOYMENT.configurations.value.filter((x) => x.strategy === strategy);
}

function allAtOnce(): DeploymentConfiguration {
  const found = DEPLOYMENT.configurations.value.find((x) => x.strategy === 'all-at-once');
  if (!found) throw new Error('facts: DEPLOYMENT.configurations has no AllAtOnce entry');
  return found;
}

/** Invocations of the new version during the first step of a configuration at the average rate. */
function samplesInFirstStep(c: Context, x: DeploymentConfiguration): number {
  return (x.percent / 100) * c.avgRate * x.intervalMinutes * 60;
}

/** The whole shift, minutes (canary: one wait; linear: nine waits between ten steps). */
export function shiftMinutes(x: DeploymentConfiguration): number {
  if (x.strategy === 'canary') return x.intervalMinutes;
  if (x.strategy === 'linear') return (100 / x.percent - 1) * x.intervalMinutes;
  return 0;
}

export function configurationFor(type: DeploymentType): DeploymentConfiguration {
  const found = DEPLOYMENT.configurations.value.find((x) => x.type === type);
  if (!found) throw new Error(`facts: no deployment configuration ${type}`);
  return found;
}

/** A p99 alarm where someone waits for the answer, or a latency target was given. */
function wantsP99Alarm(c: Context): boolean {
  return c.src.callerWaits || c.target !== undefined;
}

/** How many rollback alarms the deployment will have (the bill needs it before the decision is made). */
export function rollbackAlarmCount(c: Context): number {
  return wantsP99Alarm(c) ? 2 : 1;
}

export function decideDeployment(c: Context, d: { readonly timeoutSeconds: number; readonly estimatedP99Ms: number }): DeploymentDecision {
  const sync = c.src.callerWaits;
  const wanted = configurations(sync ? 'canary' : 'linear');
  const enough = wanted.find((x) => samplesInFirstStep(c, x) >= MIN_SAMPLES_PER_STEP);
  const longest = wanted[wanted.length - 1];
  if (!longest) throw new Error('facts: DEPLOYMENT.configurations is empty');
  const chosen = enough ?? (sync ? longest : allAtOnce());
  const lowTraffic = enough === undefined;

  const period = OBSERVABILITY.alarmPeriodSeconds.value;
  const perMinute = c.avgRate * 60;
  const errorThreshold = Math.floor(ERROR_SHARE_TOLERATED * perMinute);
  const alarms: DeploymentAlarm[] = [
    {
      id: 'errors',
      metric: 'Errors',
      statistic: 'Sum',
      threshold: errorThreshold,
      periodSeconds: period,
      evaluationPeriods: 1,
      description: `More than ${num(errorThreshold)} function error${errorThreshold === 1 ? '' : 's'} a minute on the alias`,
    },
  ];
  const wantsP99 = wantsP99Alarm(c);
  const p99Threshold = Math.round(Math.min(d.timeoutSeconds * 1_000, c.target ?? d.estimatedP99Ms * P99_REGRESSION_FACTOR));
  if (wantsP99) {
    alarms.push({
      id: 'p99-duration',
      metric: 'Duration',
      statistic: 'p99',
      threshold: p99Threshold,
      periodSeconds: period,
      // Two minutes in a row: one slow minute of a percentile over few samples is noise.
      evaluationPeriods: 2,
      description: `p99 duration above ${ms(p99Threshold)} for two minutes on the alias`,
    });
  }
  const value: Deployment = {
    strategy: chosen.strategy,
    ...(chosen.type === 'AllAtOnce' ? {} : { type: chosen.type }),
    alarms,
    aliasName: DEPLOYMENT_ALIAS,
  };

  const alarmUsd = alarms.length * DEPLOYMENT.standardAlarmPerMonthUsd.value;
  const samples = samplesInFirstStep(c, chosen);
  const stepText =
    chosen.strategy === 'canary'
      ? `${chosen.percent}% of traffic goes to the new version for ${chosen.intervalMinutes} minutes, then the rest`
      : chosen.strategy === 'linear'
        ? `${chosen.percent}% more traffic every ${chosen.intervalMinutes} minute${chosen.intervalMinutes === 1 ? '' : 's'} (${shiftMinutes(chosen)} minutes in all)`
        : 'the alias moves to the new version in one step';
  const poller = c.src.invocation.pollerKind;
  const kindWhy = sync
    ? `A caller waits on every ${c.label} request, so a bad version fails users directly: a canary exposes ${chosen.percent}% of them and CodeDeploy moves the alias back if an alarm fires.`
    : `Nobody waits on a ${c.label} invocation and a failed one is retried (${poller === null ? 'Lambda retries asynchronous events, then sends them to the on-failure destination' : `the records return to the ${poller} and are retried`}), so a bad version costs delay more than lost work: a linear shift gives the errors alarm a growing share to judge and stops before the whole ${poller === 'stream' ? 'stream' : 'flow'} runs on it.`;
  const trafficWhy = lowTraffic
    ? sync
      ? ` At about ${num(c.avgRate)} requests/s the longest canary still sends only ~${num(samples)} requests to the new version, fewer than the ${MIN_SAMPLES_PER_STEP} the alarms need to judge it: add a PreTraffic hook that invokes the new version with a test request before any traffic moves.`
      : ` At about ${num(c.avgRate)} invocations/s even the slowest linear step would see ~${num(samplesInFirstStep(c, longest))} invocations of the new version, fewer than the ${MIN_SAMPLES_PER_STEP} an alarm needs: a gradual shift would only delay the deploy, so the alias moves all at once and the errors alarm tells you (and, if it fires while CodeDeploy still watches, rolls back).`
    : ` ${chosen.type} is the quickest predefined configuration whose first step sees at least ${MIN_SAMPLES_PER_STEP} invocations of the new version (~${num(samples)} at about ${num(c.avgRate)}/s).`;
  const alarmWhy =
    ` Rollback alarms: ${alarms.map((a) => a.description).join('; ')}` +
    (wantsP99 ? (c.target !== undefined ? ` (the ${ms(c.target)} latency target)` : ` (${P99_REGRESSION_FACTOR} × the estimated p99 of ${ms(d.estimatedP99Ms)}, capped at the timeout; no latency target was given)`) : '') +
    `. The errors alarm tolerates ${ERROR_SHARE_TOLERATED * 100}% of a minute's ~${num(perMinute)} invocations.`;

  return {
    value,
    rationale: {
      title: 'Deployment',
      summary:
        (chosen.strategy === 'all-at-once' ? 'All at once' : `${chosen.strategy === 'canary' ? 'Canary' : 'Linear'} (${chosen.type})`) +
        ` through the "${DEPLOYMENT_ALIAS}" alias, ${alarms.length} rollback alarm${alarms.length === 1 ? '' : 's'}`,
      why: `Each deploy publishes a version and CodeDeploy shifts the "${DEPLOYMENT_ALIAS}" alias to it: ${stepText}. ${kindWhy}${trafficWhy}${alarmWhy}`,
      tradeOff:
        `CodeDeploy costs nothing for Lambda (${usd(DEPLOYMENT.codeDeployLambdaUsd.value)}); the ${alarms.length} alarm${alarms.length === 1 ? '' : 's'} cost ${usd(alarmUsd)} a month (${usd(DEPLOYMENT.standardAlarmPerMonthUsd.value)} each, standard resolution; in the bill). ` +
        `A published version is read-only: a hotfix (even a longer timeout) is a new version, shifted like any other; to hurry it, deploy with AllAtOnce rather than editing the version. ` +
        `During a shift two versions serve at once, so they must read and write the same data shapes. ` +
        `PreTraffic and PostTraffic hooks (Lambda functions CodeDeploy runs before and after the shift) can test the new version before users see it.`,
      references: references('samGradualDeployments', 'samDeploymentPreference', 'codeDeployConfigs', 'lambdaVersions', 'aliasRouting', 'codeDeployPricing', DEPLOYMENT.standardAlarmPerMonthUsd),
      articleCorrection:
        'The 2019 article weighed three ways to ship: versions behind per-stage aliases (hard to hotfix, since a published version cannot change), blue/green with weighted aliases ("Canary Deployments, although AWS doesn\'t label it as such") done by hand, and redeploying the whole stack per stage through IaC. Today they combine: the IaC tool publishes a version on each deploy (SAM AutoPublishAlias, CDK currentVersion, Terraform publish = true), one alias per stack is the stage, and CodeDeploy does the weighted-alias shift for you, with predefined canary and linear configurations and automatic rollback on CloudWatch alarms.',
    },
  };
}

