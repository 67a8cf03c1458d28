/**
 * Sample events under `events/`, shaped like what each source really sends (field names from the
 * AWS event documentation). Business payloads are orders; a record whose payload has
 * `"simulateFailure": true` makes the sample business logic throw, so the partial-failure path can
 * be tried locally.
 */
import type { EventSource } from '../scenario.ts';
import type { Plan } from './plan.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ACCOUNT = '123456789012';
const TIME = '2026-01-15T12:00:00Z';
const EPOCH_MS = Date.parse(TIME);

export const OK_ORDER = { orderId: 'o-1001', amount: 42 };
export const OK_ORDER_2 = { orderId: 'o-1003', amount: 7 };
export const FAILING_ORDER = { orderId: 'o-1002', amount: 13, simulateFailure: true };

function region(plan: Plan): string {
  return plan.design.region;
}

function sqsRecord(plan: Plan, n: number, body: Json, fifo: boolean): Json {
  const queue = fifo ? 'orders.fifo' : 'orders';
  const attributes: Record<string, Json> = {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(EPOCH_MS + n),
    SenderId: 'AIDAEXAMPLE',
    ApproximateFirstReceiveTimestamp: String(EPOCH_MS + n + 5),
  };
  if (fifo) {
    attributes.MessageGroupId = 'customer-7';
    attributes.MessageDeduplicationId = `dedup-${n}`;
    attributes.SequenceNumber = String(18849496460467696128n + BigInt(n));
  }
  return {
    messageId: `059f36b4-87a3-44ab-83d2-66197598${String(n).padStart(4, '0')}`,
    receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a${n}`,
    body: JSON.stringify(body),
    attributes,
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${region(plan)}:${ACCOUNT}:${queue}`,
    awsRegion: region(plan),
  };
}

function kinesisRecord(plan: Plan, n: number, body: Json): Json {
  const seq = `4954511524144582180062593244200961767471010258${String(n).padStart(4, '0')}`;
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: `customer-${n}`,
      sequenceNumber: seq,
      data: Buffer.from(JSON.stringify(body)).toString('base64'),
      approximateArrivalTimestamp: EPOCH_MS / 1000 + n,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${seq}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/lambda-role`,
    awsRegion: region(plan),
    eventSourceARN: `arn:aws:kinesis:${region(plan)}:${ACCOUNT}:stream/orders`,
  };
}

function ddbRecord(plan: Plan, n: number, body: { orderId: string; amount: number; simulateFailure?: boolean }): Json {
  const image: Record<string, Json> = { orderId: { S: body.orderId }, amount: { N: String(body.amount) } };
  if (body.simulateFailure) image.simulateFailure = { BOOL: true };
  return {
    eventID: `c4ca4238a0b923820dcc509a6f75849${n}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region(plan),
    dynamodb: {
      ApproximateCreationDateTime: EPOCH_MS / 1000 + n,
      Keys: { orderId: { S: body.orderId } },
      NewImage: image,
      SequenceNumber: `11100000000000000000000${n}`,
      SizeBytes: 59,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:${region(plan)}:${ACCOUNT}:table/orders/stream/2026-01-15T00:00:00.000`,
  };
}

function batchEvent(plan: Plan, bodies: Array<typeof OK_ORDER | typeof FAILING_ORDER>): Json {
  switch (plan.source) {
    case 'sqs':
    case 'sqs-fifo':
      return { Records: bodies.map((b, i) => sqsRecord(plan, i + 1, b, plan.source === 'sqs-fifo')) };
    case 'kinesis':
      return { Records: bodies.map((b, i) => kinesisRecord(plan, i + 1, b)) };
    case 'dynamodb-streams':
      return { Records: bodies.map((b, i) => ddbRecord(plan, i + 1, b)) };
    case 'kafka':
      return {
        eventSource: 'aws:kafka',
        eventSourceArn: `arn:aws:kafka:${region(plan)}:${ACCOUNT}:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1`,
        bootstrapServers: 'b-1.orders.abcd12.c1.kafka.us-east-1.amazonaws.com:9098',
        records: {
          'orders-0': bodies.map((b, i) => ({
            topic: 'orders',
            partition: 0,
            offset: 100 + i,
            timestamp: EPOCH_MS + i,
            timestampType: 'CREATE_TIME',
            key: Buffer.from(b.orderId).toString('base64'),
            value: Buffer.from(JSON.stringify(b)).toString('base64'),
            headers: [],
          })),
        },
      };
    default:
      return null;
  }
}

function httpEvent(source: EventSource, plan: Plan): Json {
  const body = JSON.stringify(OK_ORDER);
  const headers = { 'content-type': 'application/json', host: 'api.example.com' };
  if (source === 'api-gateway-rest') {
    return {
      resource: '/orders',
      path: '/orders',
      httpMethod: 'POST',
      headers,
      multiValueHeaders: { 'content-type': ['application/json'], host: ['api.example.com'] },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        accountId: ACCOUNT,
        apiId: 'a1b2c3d4e5',
        httpMethod: 'POST',
        path: '/prod/orders',
        protocol: 'HTTP/1.1',
        requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        requestTimeEpoch: EPOCH_MS,
        resourceId: 'abc123',
        resourcePath: '/orders',
        stage: 'prod',
        identity: { sourceIp: '203.0.113.10', userAgent: 'curl/8.5.0' },
      },
      body,
      isBase64Encoded: false,
    };
  }
  if (source === 'alb') {
    return {
      requestContext: { elb: { targetGroupArn: `arn:aws:elasticloadbalancing:${region(plan)}:${ACCOUNT}:targetgroup/orders/73e2d6bc24d8a067` } },
      httpMethod: 'POST',
      path: '/orders',
      queryStringParameters: {},
      headers,
      body,
      isBase64Encoded: false,
    };
  }
  // API Gateway HTTP API and function URLs send payload format 2.0.
  return {
    version: '2.0',
    routeKey: source === 'function-url' ? '$default' : 'POST /orders',
    rawPath: '/orders',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: source === 'function-url' ? 'anonymous' : ACCOUNT,
      apiId: 'a1b2c3d4e5',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: 'POST', path: '/orders', protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'curl/8.5.0' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: source === 'function-url' ? '$default' : 'POST /orders',
      stage: '$default',
      time: '15/Jan/2026:12:00:00 +0000',
      timeEpoch: EPOCH_MS,
    },
    body,
    isBase64Encoded: false,
  };
}

function singleEvent(plan: Plan): Json {
  switch (plan.source) {
    case 's3':
      return {
        Records: [
          {
            eventVersion: '2.1',
            eventSource: 'aws:s3',
            awsRegion: region(plan),
            eventTime: TIME,
            eventName: 'ObjectCreated:Put',
            s3: {
              s3SchemaVersion: '1.0',
              configurationId: 'orders-upload',
              bucket: { name: 'orders-upload-bucket', arn: 'arn:aws:s3:::orders-upload-bucket' },
              object: { key: 'incoming/o-1001.json', size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0A1B2C3D4E5F678901' },
            },
          },
        ],
      };
    case 'sns':
      return {
        Records: [
          {
            EventSource: 'aws:sns',
            EventVersion: '1.0',
            EventSubscriptionArn: `arn:aws:sns:${region(plan)}:${ACCOUNT}:orders:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
            Sns: {
              Type: 'Notification',
              MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
              TopicArn: `arn:aws:sns:${region(plan)}:${ACCOUNT}:orders`,
              Subject: 'order',
              Message: JSON.stringify(OK_ORDER),
              Timestamp: TIME,
              MessageAttributes: {},
            },
          },
        ],
      };
    case 'eventbridge':
      return {
        version: '0',
        id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        'detail-type': 'OrderPlaced',
        source: plan.slug,
        account: ACCOUNT,
        time: TIME,
        region: region(plan),
        resources: [],
        detail: OK_ORDER,
      };
    case 'schedule':
      return { scheduledTime: TIME, executionId: 'd8d3a3ab-5c9d-4b5e-8e4e-3b6a2c1e9f00' };
    default:
      return OK_ORDER;
  }
}

/** `events/*.json` for the plan's source: `event.json`, and `partial-failure.json` for batch sources. */
export function sampleEvents(plan: Plan): Array<{ name: string; event: Json }> {
  const batch = batchEvent(plan, [OK_ORDER, OK_ORDER_2]);
  if (batch !== null) {
    return [
      { name: 'event.json', event: batch },
      { name: 'partial-failure.json', event: batchEvent(plan, [OK_ORDER, FAILING_ORDER, OK_ORDER_2]) },
    ];
  }
  if (plan.family === 'http') return [{ name: 'event.json', event: httpEvent(plan.source, plan) }];
  return [{ name: 'event.json', event: singleEvent(plan) }];
}
