import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Endpoint } from '../../src/protocol/endpoint.ts';
import { Log, OpenExternal, Ready, ShowView } from '../../src/protocol/messages.ts';
import type { Envelope } from '../../src/protocol/rpc.ts';

/** Two endpoints wired back to back, with every message and log line recorded. */
function pair() {
  const logs: string[] = [];
  const wire: Envelope[] = [];
  const ends: { host?: Endpoint } = {};
  const webview: Endpoint = new Endpoint({
    post: (m) => {
      wire.push(m);
      queueMicrotask(() => ends.host?.handle(JSON.parse(JSON.stringify(m))));
    },
    log: (_l, m) => logs.push(`webview: ${m}`),
  });
  const host = new Endpoint({
    post: (m) => {
      wire.push(m);
      queueMicrotask(() => webview.handle(JSON.parse(JSON.stringify(m))));
    },
    log: (_l, m) => logs.push(`host: ${m}`),
  });
  ends.host = host;
  return { host, webview, logs, wire };
}

const settings = { region: 'us-east-1', defaultRuntime: 'nodejs', freeTier: false, preferredIac: 'sam' } as const;

test('a request reaches its handler with checked params and the answer comes back', async () => {
  const { host, webview } = pair();
  host.onRequest(Ready, (p) => {
    assert.equal(p.clientVersion, 1);
    return { settings, scenario: null, path: null, view: 'cost' as const };
  });
  const init = await webview.sendRequest(Ready, { clientVersion: 1 });
  assert.equal(init.view, 'cost');
  assert.equal(init.settings.region, 'us-east-1');
});

test('a malformed request never reaches the handler; it is logged and answered with an error', async () => {
  const { host, webview, logs } = pair();
  let calls = 0;
  host.onRequest(OpenExternal, () => {
    calls++;
    return { opened: true };
  });
  await assert.rejects(webview.sendRequest(OpenExternal, { url: 'javascript:alert(1)' }), /url/);
  assert.equal(calls, 0);
  assert.ok(logs.some((l) => l.startsWith('host: Ignored a malformed core/openExternal request')), logs.join('\n'));
});

test('a handler that throws becomes an error reply, not a crash', async () => {
  const { host, webview, logs } = pair();
  host.onRequest(OpenExternal, () => {
    throw new Error('no browser');
  });
  await assert.rejects(webview.sendRequest(OpenExternal, { url: 'https://aws.amazon.com/' }), /no browser/);
  assert.ok(logs.some((l) => l.includes('no browser')));
});

test('a malformed result is refused on arrival', async () => {
  const { host, webview, logs } = pair();
  host.onRequest(Ready, () => ({ settings: { ...settings, region: 'moon' }, scenario: null, path: null, view: null }) as never);
  await assert.rejects(webview.sendRequest(Ready, { clientVersion: 1 }), /malformed result/);
  assert.ok(logs.some((l) => l.startsWith('webview: Ignored a malformed result of core/ready')));
});

test('notifications: delivered when well-formed, logged and dropped when not or when unknown', async () => {
  const { host, webview, logs } = pair();
  const seen: string[] = [];
  webview.onNotification(ShowView, (p) => seen.push(p.view));
  host.sendNotification(ShowView, { view: 'cost' });
  host.sendNotification(ShowView, { view: 'bogus' } as never);
  host.sendNotification(Log, { level: 'info', message: 'nobody listens' });
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(seen, ['cost']);
  assert.ok(logs.some((l) => l.includes('Ignored a malformed wizard/show notification')));
  assert.ok(logs.some((l) => l.includes('Ignored an unknown notification "core/log"')));
});

test('an unknown request is answered with an error so the caller does not hang', async () => {
  const { webview } = pair();
  await assert.rejects(webview.sendRequest(Ready, { clientVersion: 1 }), /unknown method core\/ready/);
});

test('responses to unknown ids and garbage are logged and ignored', () => {
  const logs: string[] = [];
  const e = new Endpoint({ post: () => undefined, log: (_l, m) => logs.push(m) });
  e.handle({ kind: 'response', id: 99, ok: true, result: 1 });
  e.handle('hello');
  e.handle(undefined);
  e.handle({ kind: 'request', id: 1, method: 'DROP TABLE' });
  assert.equal(logs.length, 4);
  assert.match(logs[0] ?? '', /unknown request 99/);
});

test('a request with no answer times out; dispose fails what is pending', async () => {
  const e = new Endpoint({ post: () => undefined, log: () => undefined, timeoutMs: 10 });
  await assert.rejects(e.sendRequest(Ready, { clientVersion: 1 }), /no answer within 10 ms/);
  const e2 = new Endpoint({ post: () => undefined, log: () => undefined });
  const p = e2.sendRequest(Ready, { clientVersion: 1 });
  e2.dispose();
  await assert.rejects(p, /closed/);
});

test('property: feeding arbitrary values never throws and never calls a handler', () => {
  let calls = 0;
  const posted: Envelope[] = [];
  const e = new Endpoint({ post: (m) => posted.push(m), log: () => undefined });
  e.onNotification(ShowView, () => calls++);
  e.onNotification(Log, () => calls++);
  fc.assert(
    fc.property(
      fc.oneof(
        fc.anything(),
        fc.record({ kind: fc.constantFrom('notification', 'request', 'response'), method: fc.constantFrom('wizard/show', 'core/log'), params: fc.anything(), id: fc.anything() }),
      ),
      (v) => {
        const before = calls;
        e.handle(v);
        // Only a well-formed params object may reach a handler.
        if (calls > before) {
          const p = (v as { params: unknown }).params;
          return ShowView.params(p).ok || Log.params(p).ok;
        }
        return true;
      },
    ),
    { numRuns: 1000 },
  );
});
