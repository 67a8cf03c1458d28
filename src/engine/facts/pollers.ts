/**
 * Provisioned mode of SQS and Kafka event source mappings (ProvisionedPollerConfig): the ranges of
 * MinimumPollers / MaximumPollers, what one event poller carries, how fast provisioned SQS mappings
 * scale. The source modules (sources/sqs.ts, sources/kafka.ts) say which apply; the pollers decision
 * (recommend/pollers.ts) sizes the pollers from the load.
 */
import { fact } from './limits.ts';

export const POLLERS = {
  /** SQS: MinimumPollers 2–200 (default 2). */
  sqsMinimumPollersMin: fact(2, 'provisionedPollerConfig'),
  sqsMinimumPollersMax: fact(200, 'provisionedPollerConfig'),
  /**
   * SQS: MaximumPollers from 2. The newest API reference accepts up to 10,000 for SQS, but the
   * CloudFormation resource schema (and so SAM, CDK's L1 and cfn-lint) still stops at 2,000: the
   * advisor designs within 2,000 so that every scaffold deploys.
   */
  sqsMaximumPollersMin: fact(2, 'provisionedPollerConfig'),
  sqsMaximumPollersMax: fact(2_000, 'provisionedPollerConfigCfn', 'The Lambda API reference now lists up to 10,000 for SQS; CloudFormation accepts at most 2,000.'),
  /** Kafka (MSK, self-managed): MinimumPollers 1–200, MaximumPollers 1–2,000; Lambda caps MaximumPollers at the partition count. */
  kafkaMinimumPollersMin: fact(1, 'kafkaScaling'),
  kafkaMinimumPollersMax: fact(200, 'kafkaScaling'),
  kafkaMaximumPollersMin: fact(1, 'kafkaScaling'),
  kafkaMaximumPollersMax: fact(2_000, 'kafkaScaling'),
  /** One SQS event poller: up to about 1 MB/s, or up to 10 concurrent invocations. */
  sqsPollerMbPerSecond: fact(1, 'esmProvisionedMode'),
  sqsPollerConcurrentInvocations: fact(10, 'esmProvisionedMode'),
  /** One Kafka event poller: up to about 5 MB/s, or up to 5 concurrent invocations. */
  kafkaPollerMbPerSecond: fact(5, 'kafkaScaling'),
  kafkaPollerConcurrentInvocations: fact(5, 'kafkaScaling'),
  /** Provisioned SQS mappings scale by up to 1,000 concurrent executions a minute, up to 20,000. */
  sqsProvisionedScalePerMinute: fact(1_000, 'sqsProvisionedLaunch', 'Three times the standard mode\'s +300 a minute.'),
  sqsProvisionedMaxConcurrency: fact(20_000, 'sqsProvisionedLaunch', '16 times the standard mode\'s 1,250.'),
  /** Kafka's error handling controls (retries, record age, bisect, partial batch response) need provisioned mode. */
  kafkaRetryAttemptsMax: fact(10_000, 'kafkaRetry'),
  kafkaRecordAgeMinSeconds: fact(60, 'kafkaRetry'),
  kafkaRecordAgeMaxSeconds: fact(604_800, 'kafkaRetry'),
} as const;
