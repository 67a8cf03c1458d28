/**
 * Limits of the event sources in front of a function (payload sizes, timeouts, throttles, shard
 * throughput), each tied to its page. The source catalogue (src/engine/sources/) says which apply to
 * which source; the decisions compare them with the scenario.
 */
import { fact } from './limits.ts';

export const SOURCE_LIMITS = {
  /** ALB → Lambda: the request body, and the response JSON, each at most 1 MB. */
  albBodyKb: fact(1_024, 'albLambda', 'Both ways: the request body sent to the function and the response JSON it returns.'),
  /** The ALB's connection idle timeout can be set from 1 to 4,000 s (60 s by default). */
  albIdleTimeoutMaxSeconds: fact(4_000, 'albAttributes'),
  /** API Gateway's account-level throttle, shared by every REST, HTTP and WebSocket API in a Region. */
  apiGatewayThrottleRps: fact(10_000, 'apiGatewayQuotas', 'Per account and Region, across REST, HTTP and WebSocket APIs; can be raised through Service Quotas.'),
  apiGatewayBurst: fact(5_000, 'apiGatewayQuotas', 'The token bucket of the account throttle; set by AWS from the RPS quota, not requested separately.'),
  apiGatewayThrottleRpsLowRegions: fact(2_500, 'apiGatewayQuotas'),
  apiGatewayBurstLowRegions: fact(1_250, 'apiGatewayQuotas'),
  /** Regions whose default API Gateway throttle is 2,500 RPS with a 1,250 burst. */
  apiGatewayLowThrottleRegions: fact<readonly string[]>(
    [
      'af-south-1',
      'eu-south-1',
      'ap-southeast-3',
      'me-central-1',
      'ap-south-2',
      'ap-southeast-4',
      'eu-south-2',
      'eu-central-2',
      'il-central-1',
      'ca-west-1',
      'ap-southeast-5',
      'ap-southeast-7',
      'mx-central-1',
    ],
    'apiGatewayQuotas',
    'Cape Town, Milan, Jakarta, UAE, Hyderabad, Melbourne, Spain, Zurich, Tel Aviv, Calgary, Malaysia, Thailand, Mexico (Central).',
  ),
  /** A streamed response (function URL RESPONSE_STREAM, InvokeWithResponseStream, REST STREAM mode). */
  streamedResponseMaxMb: fact(200, 'responseStreaming', 'Was 20 MB until July 2025.'),
  /** A REST API integration in STREAM mode may run for up to 15 minutes. */
  restStreamingTimeoutSeconds: fact(900, 'apiGatewayStreaming'),
  /** SNS topics accept 256 KiB by default; MaximumMessageSize raises it to 1 MiB (SQS, Lambda, Firehose subscribers only). */
  snsMessageDefaultKb: fact(256, 'snsLargeMessages'),
  snsMessageMaxKb: fact(1_024, 'snsLargeMessages', 'With the topic attribute MaximumMessageSize (1,024–1,048,576 bytes); such a topic supports at most 100 subscriptions.'),
  /** Subscriptions a topic with a raised MaximumMessageSize supports. */
  snsLargeMessageMaxSubscriptions: fact(100, 'snsLargeMessages'),
  eventBridgeEventMaxKb: fact(1_024, 'asyncPayload', 'EventBridge events went from 256 KB to 1 MB with the same change as Lambda and SQS.'),
  /** Kinesis Data Streams: each shard takes up to 1,000 records and 1 MB per second of writes. */
  kinesisShardWriteRecordsPerSecond: fact(1_000, 'kinesisQuotas'),
  kinesisShardWriteKbPerSecond: fact(1_024, 'kinesisQuotas'),
  kinesisRetentionDefaultHours: fact(24, 'kinesisQuotas', 'Can be raised to 365 days (IncreaseStreamRetentionPeriod), at a charge.'),
  /** The longest a Kinesis stream keeps records once its retention is raised (IncreaseStreamRetentionPeriod). */
  kinesisRetentionMaxDays: fact(365, 'kinesisQuotas'),
  /** DynamoDB Streams: no more than 2 processes should read one shard at once (a Lambda trigger is one). */
  dynamodbStreamReadersPerShard: fact(2, 'ddbStreams'),
  /** Kafka event source mappings batch for 500 ms unless set; once changed it cannot be set back to 500 ms. */
  kafkaBatchingWindowDefaultSeconds: fact(0.5, 'batchingWindow', 'Set in whole seconds, so 0.5 s cannot be restored once changed.'),
} as const;
