// Hard limits of each event source (payload, timeout, throttle), checked against values worked out
// by hand from the AWS pages the facts cite. Memory is pinned at 10,240 MB (peak use 8,534 MB + 20% =
// 10,241, capped at the maximum), so durations equal the measured ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, parseScenario, type Design } from '../../src/engine/index.ts';
import type { Warning } from '../../src/engine/design.ts';

const pinned = { measuredAtMemoryMb: 10_240, maxMemoryUsedMb: 8_534 };
const quick = { averageDurationMs: 50, p99DurationMs: 100, ...pinned };

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}
const byId = (d: Design, id: Warning['id']): Warning[] => d.warnings.filter((w) => w.id === id);
const cites = (w: Warning, url: string): boolean => w.references.some((r) => r.url === url);

// --- ALB: 1 MB each way (elasticloadbalancing/latest/application/lambda-functions.html) -----------

test('ALB: a 2 MB request body is an error naming the 1 MB limit; 900 KB passes', () => {
  const big = design({ source: 'alb', traffic: { averagePerSecond: 1, payloadKb: 2_048 }, work: quick });
  const [w] = byId(big, 'payload-too-large');
  assert.ok(w, 'payload-too-large');
  assert.equal(w.severity, 'error');
  assert.match(w.message, /2,048 KB request body is above the 1 MB an Application Load Balancer passes/);
  assert.ok(cites(w, 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html'));
  const ok = design({ source: 'alb', traffic: { averagePerSecond: 1, payloadKb: 900 }, work: quick });
  assert.deepEqual(byId(ok, 'payload-too-large'), []);
  // The invocation rationale states the ALB's cap, not Lambda's 6 MB.
  assert.match(ok.rationale.invocation.tradeOff, /capped at 1 MB each way/);
  assert.match(design({ source: 'function-url', traffic: { averagePerSecond: 1 }, work: quick }).rationale.invocation.tradeOff, /6 MB each way \(200 MB for a streamed response\)/);
});

test('ALB: a 1.5 MB response is an error, and the fix is a presigned URL, not streaming (ALB cannot stream)', () => {
  const d = design({ source: 'alb', traffic: { averagePerSecond: 1, responseKb: 1_536 }, work: quick });
  const [w] = byId(d, 'payload-too-large');
  assert.ok(w);
  assert.equal(w.severity, 'error');
  assert.match(w.message, /1,536 KB response is above the 1 MB/);
  assert.match(w.message, /cannot stream: return a presigned S3 URL/);
});

// --- ALB idle timeout: 60 s by default, 1-4,000 s (application/edit-load-balancer-attributes.html) ---

test('ALB: 3 × p99 within the 60 s idle timeout is kept as is', () => {
  // p99 12 s -> 36 s.
  const d = design({ source: 'alb', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 5_000, p99DurationMs: 12_000, ...pinned } });
  assert.equal(d.timeoutSeconds, 36);
  assert.deepEqual(byId(d, 'timeout-capped'), []);
  assert.deepEqual(byId(d, 'limit-exceeded'), []);
});

test('ALB: when the p99 fits in 60 s the timeout respects the idle timeout (60 s, not 75 s) and says how to get more margin', () => {
  // p99 25 s: 3 × 25 = 75 s > 60 s, but 25 s <= 60 s, so the timeout is capped at the idle timeout.
  const d = design({ source: 'alb', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 10_000, p99DurationMs: 25_000, ...pinned } });
  assert.equal(d.timeoutSeconds, 60);
  const [w] = byId(d, 'timeout-capped');
  assert.ok(w);
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /above the 60 s the Application Load Balancer allows/);
  assert.match(w.message, /idle_timeout\.timeout_seconds, up to 4,000 s/);
});

test('ALB: a p99 beyond 60 s keeps the timeout it needs (300 s) and says to raise the idle timeout to at least 300 s', () => {
  // p99 100 s: timeout 3 × 100 = 300 s; the ALB's default 60 s would cut the request off first (504).
  const d = design({ source: 'alb', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 50_000, p99DurationMs: 100_000, ...pinned } });
  assert.equal(d.timeoutSeconds, 300);
  const [w] = byId(d, 'limit-exceeded');
  assert.ok(w, 'limit-exceeded');
  assert.match(w.message, /Application Load Balancer's default connection idle timeout of 60 s/);
  assert.match(w.message, /Set idle_timeout\.timeout_seconds to at least 300 s/);
  assert.match(d.rationale.timeout.why, /must be raised to at least 300 s/);
});

// --- API Gateway timeouts: HTTP 30 s (http-api-quotas.html), REST 29 s + quota path ------------------

test('HTTP API: the timeout is capped at 30 s (not 29), and the fix does not promise streaming', () => {
  // p99 12 s -> 36 s wanted, capped at 30 s.
  const d = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 5_000, p99DurationMs: 12_000, ...pinned } });
  assert.equal(d.timeoutSeconds, 30);
  const [w] = byId(d, 'timeout-capped');
  assert.ok(w);
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /above the 30 s the API Gateway HTTP API allows/);
  assert.match(w.message, /cannot be raised and it cannot stream/);
  assert.ok(cites(w, 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html'));
});

test('HTTP API: a p99 of 31 s cannot finish within 30 s: error', () => {
  const d = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 20_000, p99DurationMs: 31_000, ...pinned } });
  assert.equal(d.timeoutSeconds, 30);
  assert.equal(byId(d, 'timeout-capped')[0]?.severity, 'error');
});

test('REST API: capped at 29 s; the fix names streaming (15 minutes) and the quota path for Regional and private APIs only', () => {
  const d = design({ source: 'api-gateway-rest', traffic: { averagePerSecond: 1 }, work: { averageDurationMs: 5_000, p99DurationMs: 12_000, ...pinned } });
  assert.equal(d.timeoutSeconds, 29);
  const [w] = byId(d, 'timeout-capped');
  assert.ok(w);
  assert.match(w.message, /responseTransferMode=STREAM may run 15 minutes/);
  assert.match(w.message, /A Regional or private REST API can also raise the 29 s integration timeout by a Service Quotas request \(not an edge-optimized one/);
});

// --- Response streaming only where it exists ------------------------------------------------------

test('a 7 MB payload: REST and function URLs may stream the response, an HTTP API may not', () => {
  const rest = byId(design({ source: 'api-gateway-rest', traffic: { averagePerSecond: 1, payloadKb: 7_168 }, work: quick }), 'payload-too-large')[0];
  const url = byId(design({ source: 'function-url', traffic: { averagePerSecond: 1, payloadKb: 7_168 }, work: quick }), 'payload-too-large')[0];
  const http = byId(design({ source: 'api-gateway-http', traffic: { averagePerSecond: 1, payloadKb: 7_168 }, work: quick }), 'payload-too-large')[0];
  assert.ok(rest && url && http);
  for (const w of [rest, url, http]) assert.match(w.message, /7,168 KB payload is above the 6 MB synchronous invocation limit/);
  assert.match(rest.message, /responseTransferMode=STREAM/);
  assert.match(url.message, /RESPONSE_STREAM/);
  assert.match(http.message, /an HTTP API cannot stream/);
  assert.doesNotMatch(http.message, /can be streamed|or stream the response/);
});

test('a 7 MB response: the HTTP API error offers a presigned URL or another front door; a function URL streams up to 200 MB', () => {
  const http = byId(design({ source: 'api-gateway-http', traffic: { averagePerSecond: 1, responseKb: 7_168 }, work: quick }), 'payload-too-large')[0];
  assert.ok(http);
  assert.match(http.message, /7,168 KB response is above the 6 MB a synchronous invocation returns: an HTTP API cannot stream a response, so return a presigned S3 URL/);
  const url = byId(design({ source: 'function-url', traffic: { averagePerSecond: 1, responseKb: 7_168 }, work: quick }), 'payload-too-large')[0];
  assert.ok(url);
  assert.match(url.message, /stream it \(set the function URL's InvokeMode to RESPONSE_STREAM, up to 200 MB\)/);
  // 300 MB is more than even a streamed response carries (200 MB = 204,800 KB).
  const huge = byId(design({ source: 'function-url', traffic: { averagePerSecond: 1, responseKb: 307_200 }, work: quick }), 'payload-too-large');
  assert.equal(huge.length, 1);
  assert.match(huge[0]?.message ?? '', /above the 200 MB even a streamed response/);
});

test('responseKb applies only to synchronous sources', () => {
  const r = parseScenario({ name: 'fn', source: 'sqs', traffic: { averagePerSecond: 1, responseKb: 10 }, work: quick });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.errors.some((e) => e.path === 'traffic.responseKb' && /synchronous/.test(e.message)));
});

// --- Message sizes: SNS 256 KiB default / 1 MiB max; EventBridge and SQS 1 MB -----------------------

test('SNS: 200 KB passes; 400 KB needs MaximumMessageSize of at least 409,600 bytes (warning); 2 MB is above the 1 MB maximum (error)', () => {
  assert.deepEqual(byId(design({ source: 'sns', traffic: { averagePerSecond: 1, payloadKb: 200 }, work: quick }), 'payload-too-large'), []);
  const mid = byId(design({ source: 'sns', traffic: { averagePerSecond: 1, payloadKb: 400 }, work: quick }), 'payload-too-large');
  assert.equal(mid.length, 1);
  assert.equal(mid[0]?.severity, 'warning');
  assert.match(mid[0]?.message ?? '', /default 256 KB limit.*MaximumMessageSize to at least 409,600 bytes \(up to 1,048,576/);
  assert.ok(mid[0] && cites(mid[0], 'https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html'));
  const big = byId(design({ source: 'sns', traffic: { averagePerSecond: 1, payloadKb: 2_048 }, work: quick }), 'payload-too-large');
  assert.equal(big.length, 1, 'one warning: the 1 MB maximum, not also the 256 KB default');
  assert.equal(big[0]?.severity, 'error');
  assert.match(big[0]?.message ?? '', /above SNS's 1 MB maximum/);
});

test('EventBridge: a 1.5 MB event is above the 1 MB event size; 900 KB passes', () => {
  const [w] = byId(design({ source: 'eventbridge', traffic: { averagePerSecond: 1, payloadKb: 1_536 }, work: quick }), 'payload-too-large');
  assert.ok(w);
  assert.equal(w.severity, 'error');
  assert.match(w.message, /1,536 KB event is above EventBridge's 1 MB event size/);
  assert.deepEqual(byId(design({ source: 'eventbridge', traffic: { averagePerSecond: 1, payloadKb: 900 }, work: quick }), 'payload-too-large'), []);
});

test('SQS: a 1.5 MB message is above the 1 MB message limit', () => {
  const [w] = byId(design({ source: 'sqs', traffic: { averagePerSecond: 1, payloadKb: 1_536 }, work: quick }), 'payload-too-large');
  assert.ok(w);
  assert.match(w.message, /1,536 KB message is above SQS's 1 MB message limit/);
});

// --- API Gateway account throttle: 10,000 rps / 5,000 burst; 2,500 / 1,250 in af-south-1 (limits.html) --

test('API Gateway: a 12,000/s peak exceeds the 10,000 rps account throttle (error); 6,000/s only the 5,000 burst (note); 4,000/s nothing', () => {
  const over = design({ source: 'api-gateway-rest', traffic: { averagePerSecond: 100, peakPerSecond: 12_000 }, work: quick });
  const [w] = byId(over, 'throughput-unreachable');
  assert.ok(w);
  assert.equal(w.severity, 'error');
  assert.match(w.message, /At peak 12,000 requests\/s exceed API Gateway's account throttle in us-east-1 .* of 10,000 requests\/s \(burst 5,000\)/);
  assert.match(w.message, /Service Quotas/);
  assert.ok(cites(w, 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html'));
  const burst = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 100, peakPerSecond: 6_000 }, work: quick });
  assert.deepEqual(byId(burst, 'throughput-unreachable'), []);
  assert.equal(byId(burst, 'limit-exceeded')[0]?.severity, 'info');
  const fine = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 100, peakPerSecond: 4_000 }, work: quick });
  assert.deepEqual([...byId(fine, 'throughput-unreachable'), ...byId(fine, 'limit-exceeded')], []);
});

test('API Gateway in af-south-1: the default throttle is 2,500 rps, so a 3,000/s peak is an error there but not in us-east-1', () => {
  const cape = design({ source: 'api-gateway-http', region: 'af-south-1', traffic: { averagePerSecond: 10, peakPerSecond: 3_000 }, work: quick });
  assert.match(byId(cape, 'throughput-unreachable')[0]?.message ?? '', /in af-south-1 .* of 2,500 requests\/s \(burst 1,250\)/);
  const virginia = design({ source: 'api-gateway-http', traffic: { averagePerSecond: 10, peakPerSecond: 3_000 }, work: quick });
  assert.deepEqual(byId(virginia, 'throughput-unreachable'), []);
});

test('a function URL has no API Gateway throttle', () => {
  const d = design({ source: 'function-url', traffic: { averagePerSecond: 100, peakPerSecond: 12_000 }, work: { averageDurationMs: 5, p99DurationMs: 10, ...pinned } });
  assert.ok(!d.warnings.some((w) => /API Gateway/.test(w.message)));
});
