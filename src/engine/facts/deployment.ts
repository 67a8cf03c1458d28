/**
 * Facts about shipping a new version of a function: the CodeDeploy predefined traffic-shifting
 * configurations SAM's DeploymentPreference accepts, what CodeDeploy charges for Lambda (nothing) and
 * what the rollback alarms cost (CloudWatch standard-resolution alarms, per alarm metric and month).
 */
import type { Fact } from './limits.ts';

/** One CodeDeploy predefined Lambda deployment configuration, as SAM names it. */
export interface DeploymentConfiguration {
  /** SAM `DeploymentPreference.Type` (CodeDeploy's name is `CodeDeployDefault.Lambda<type>`). */
  readonly type: DeploymentType;
  readonly strategy: 'canary' | 'linear' | 'all-at-once';
  /** Share of traffic on the new version in the first step (canary) or added at each step (linear), %. */
  readonly percent: number;
  /** Canary: how long the first step lasts; linear: the time between steps, minutes. */
  readonly intervalMinutes: number;
  /** CDK's `codedeploy.LambdaDeploymentConfig` constant. */
  readonly cdk: string;
}

export type DeploymentType =
  | 'Canary10Percent5Minutes'
  | 'Canary10Percent10Minutes'
  | 'Canary10Percent15Minutes'
  | 'Canary10Percent30Minutes'
  | 'Linear10PercentEvery1Minute'
  | 'Linear10PercentEvery2Minutes'
  | 'Linear10PercentEvery3Minutes'
  | 'Linear10PercentEvery10Minutes'
  | 'AllAtOnce';

const canary = (minutes: 5 | 10 | 15 | 30): DeploymentConfiguration => ({
  type: `Canary10Percent${minutes}Minutes`,
  strategy: 'canary',
  percent: 10,
  intervalMinutes: minutes,
  cdk: `CANARY_10PERCENT_${minutes}MINUTES`,
});
const linear = (minutes: 1 | 2 | 3 | 10): DeploymentConfiguration => ({
  type: minutes === 1 ? 'Linear10PercentEvery1Minute' : `Linear10PercentEvery${minutes}Minutes`,
  strategy: 'linear',
  percent: 10,
  intervalMinutes: minutes,
  cdk: minutes === 1 ? 'LINEAR_10PERCENT_EVERY_1MINUTE' : `LINEAR_10PERCENT_EVERY_${minutes}MINUTES`,
});

export const DEPLOYMENT = {
  /** The predefined configurations, shortest first within each strategy. */
  configurations: {
    value: [canary(5), canary(10), canary(15), canary(30), linear(1), linear(2), linear(3), linear(10), { type: 'AllAtOnce', strategy: 'all-at-once', percent: 100, intervalMinutes: 0, cdk: 'ALL_AT_ONCE' }],
    source: 'samDeploymentPreference',
  },
  /** The AppSpec `version`: "the only allowed value is 0.0", specified as a string (jsonencode(0.0) would print 0). */
  appSpecVersion: { value: '0.0', source: 'appSpecStructure' },
  /** CodeDeploy charges nothing for deployments to Lambda. */
  codeDeployLambdaUsd: { value: 0, source: 'codeDeployPricing' },
  /** A standard-resolution CloudWatch alarm, per alarm metric and month (a p99 alarm is one metric). */
  standardAlarmPerMonthUsd: { value: 0.1, source: 'cloudwatchPricing', note: 'us-east-1 list price; the first 10 alarm metrics a month are in the always-free tier.' },
  /** The Regions `standardAlarmPerMonthUsd` was read for; elsewhere the alarms are listed as unpriced. */
  standardAlarmRegions: { value: ['us-east-1'], source: 'cloudwatchPricing' },
} as const satisfies Record<string, Fact<unknown>>;
