/**
 * Values the scaffolder writes into logging and alarm resources. Each is constrained by an AWS API
 * (allowed retention values, alarm periods), so it lives here with its source rather than in the
 * generator.
 */
import type { Fact } from './limits.ts';

export const OBSERVABILITY = {
  /** Retention the scaffolded log group gets. Must be one of `logRetentionAllowedDays`. */
  logRetentionDays: { value: 30, source: 'logRetention', note: 'A month of logs: long enough to debug, short enough not to pay for storage forever.' },
  logRetentionAllowedDays: {
    value: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
    source: 'logRetention',
  },
  /** Alarm evaluation period for Lambda Errors/Throttles and DLQ depth (standard-resolution metrics). */
  alarmPeriodSeconds: { value: 60, source: 'cloudwatchAlarms' },
  /** Logs Insights gives Lambda's @memorySize and @maxMemoryUsed in bytes; Lambda's "MB" is 2^20 bytes. */
  insightsBytesPerMb: { value: 1_048_576, source: 'logsInsightsFields' },
} as const satisfies Record<string, Fact<number | readonly number[]>>;
