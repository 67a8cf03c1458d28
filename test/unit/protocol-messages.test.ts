import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Copy,
  HOST_TO_WEBVIEW,
  LoadScenario,
  Log,
  Open,
  OpenExternal,
  Ready,
  Save,
  SettingsChanged,
  ShowView,
  StateChanged,
  WEBVIEW_TO_HOST,
} from '../../src/protocol/messages.ts';
import { parseEnvelope, MAX_MESSAGE_CHARS } from '../../src/protocol/rpc.ts';

const sqsWorker = {
  name: 'orders-worker',
  region: 'us-east-1',
  source: 'sqs',
  traffic: { requestsPerMonth: 5_000_000, peakPerSecond: 40, payloadKb: 4 },
  work: { averageDurationMs: 120, p99DurationMs: 400, measuredAtMemoryMb: 1024, profile: 'io' },
};
const settings = { region: 'eu-west-1', defaultRuntime: 'python', freeTier: true, preferredIac: 'cdk' };

function show(v: unknown): string {
  try {
    return JSON.stringify(v).slice(0, 200);
  } catch {
    return String(v);
  }
}
function accepts(guard: (v: unknown) => { ok: boolean }, value: unknown, why = '') {
  const r = guard(value);
  assert.equal(r.ok, true, `should accept ${JSON.stringify(value)} ${why}: ${JSON.stringify(r)}`);
}
function rejects(guard: (v: unknown) => { ok: boolean; error?: string }, value: unknown, mention?: string) {
  const r = guard(value);
  assert.equal(r.ok, false, `should reject ${show(value)}`);
  if (mention) assert.match(r.error ?? '', new RegExp(mention), `the error should name ${mention}`);
}

test('every method name is unique and every descriptor is in exactly one direction list', () => {
  const all = [...WEBVIEW_TO_HOST, ...HOST_TO_WEBVIEW].map((d) => d.method);
  assert.equal(new Set(all).size, all.length);
  assert.equal(all.length, 13);
});

test('Ready: params and the initial state', () => {
  accepts(Ready.params, { clientVersion: 1 });
  rejects(Ready.params, {}, 'clientVersion');
  rejects(Ready.params, { clientVersion: 0 });
  rejects(Ready.params, { clientVersion: 1.5 });
  rejects(Ready.params, { clientVersion: '1' });
  rejects(Ready.params, { clientVersion: 1, extra: true }, 'extra');
  rejects(Ready.params, null);
  rejects(Ready.params, [1]);
  accepts(Ready.result, { settings, scenario: null, path: null, view: null });
  accepts(Ready.result, { settings, scenario: { anything: 'a draft' }, path: '/w/a.lambda-advisor.json', view: 'cost' });
  rejects(Ready.result, { settings, scenario: null, path: null }, 'view');
  rejects(Ready.result, { settings, scenario: 'x', path: null, view: null }, 'scenario');
  rejects(Ready.result, { settings, scenario: null, path: '', view: null }, 'path');
  rejects(Ready.result, { settings, scenario: null, path: null, view: 'design' }, 'view');
  for (const bad of [
    { ...settings, region: 'Mars' },
    { ...settings, region: '' },
    { ...settings, defaultRuntime: 'cobol' },
    { ...settings, freeTier: 'yes' },
    { ...settings, preferredIac: 'pulumi' },
    { region: 'us-east-1' },
  ]) {
    rejects(Ready.result, { settings: bad, scenario: null, path: null, view: null }, 'settings');
  }
});

test('Save and Copy accept only a complete, valid scenario and pass on the input as given', () => {
  for (const d of [Save, Copy]) {
    const r = d.params({ scenario: sqsWorker });
    assert.ok(r.ok);
    assert.deepEqual(r.value, { scenario: sqsWorker }, 'no defaults are filled into what is saved');
    rejects(d.params, { scenario: { ...sqsWorker, source: 'carrier-pigeon' } }, 'source');
    rejects(d.params, { scenario: { ...sqsWorker, traffic: { peakPerSecond: -1 } } }, 'traffic');
    rejects(d.params, { scenario: { ...sqsWorker, work: { ...sqsWorker.work, measuredAtMemoryMb: 64 } } }, 'measuredAtMemoryMb');
    rejects(d.params, { scenario: { ...sqsWorker, surprise: 1 } }, 'surprise');
    rejects(d.params, { scenario: null });
    rejects(d.params, { scenario: [] });
    rejects(d.params, {});
  }
  accepts(Save.result, { saved: true, path: '/w/orders.lambda-advisor.json' });
  accepts(Save.result, { saved: false, path: null });
  rejects(Save.result, { saved: 'no', path: null });
  accepts(Copy.result, { copied: true });
  rejects(Copy.result, {});
});

test('Open: no params, a valid scenario or null back', () => {
  accepts(Open.params, {});
  rejects(Open.params, { path: '/etc/passwd' }, 'path');
  accepts(Open.result, { scenario: sqsWorker, path: '/w/a.lambda-advisor.json' });
  accepts(Open.result, { scenario: null, path: null });
  rejects(Open.result, { scenario: { name: 'x' }, path: '/w/a.json' });
});

test('OpenExternal accepts only https URLs', () => {
  accepts(OpenExternal.params, { url: 'https://docs.aws.amazon.com/lambda/latest/dg/limits.html' });
  for (const url of [
    'http://docs.aws.amazon.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'command:workbench.action.terminal.new',
    'vscode://x',
    'https://',
    'https://a b',
    ' https://example.com',
    '',
    42,
  ]) {
    rejects(OpenExternal.params, { url });
  }
  fc.assert(
    fc.property(fc.webUrl({ validSchemes: ['https'] }), (url) => {
      fc.pre(url.length <= 2048 && !/\s/.test(url));
      return OpenExternal.params({ url }).ok;
    }),
  );
  fc.assert(fc.property(fc.webUrl({ validSchemes: ['http', 'ftp'] }), (url) => !OpenExternal.params({ url }).ok));
});

test('StateChanged carries any draft object, a known step and validity', () => {
  accepts(StateChanged.params, { scenario: {}, step: 'workload', valid: false });
  accepts(StateChanged.params, { scenario: sqsWorker, step: 'design', valid: true });
  rejects(StateChanged.params, { scenario: {}, step: 'summary', valid: false }, 'step');
  rejects(StateChanged.params, { scenario: 'x', step: 'workload', valid: false }, 'scenario');
  rejects(StateChanged.params, { scenario: {}, step: 'workload' }, 'valid');
});

test('Log, LoadScenario, ShowView, SettingsChanged', () => {
  accepts(Log.params, { level: 'error', message: 'CSP violation: style-src' });
  rejects(Log.params, { level: 'debug', message: 'x' }, 'level');
  rejects(Log.params, { level: 'info', message: 'x'.repeat(5000) }, 'message');
  accepts(LoadScenario.params, { scenario: sqsWorker, path: null, view: null });
  accepts(LoadScenario.params, { scenario: sqsWorker, path: '/w/a.lambda-advisor.json', view: 'cost' });
  accepts(LoadScenario.params, { scenario: { name: 'half-filled draft from a template' }, path: null, view: null });
  rejects(LoadScenario.params, { scenario: 'x', path: null, view: null }, 'scenario');
  rejects(LoadScenario.params, { scenario: [], path: null, view: null }, 'scenario');
  accepts(ShowView.params, { view: 'cost' });
  accepts(ShowView.params, { view: 'wizard' });
  rejects(ShowView.params, { view: 'nope' });
  accepts(SettingsChanged.params, settings);
  rejects(SettingsChanged.params, { ...settings, preferredIac: 'Sam' });
});

test('property: no guard throws, whatever arrives', () => {
  const all = [...WEBVIEW_TO_HOST, ...HOST_TO_WEBVIEW];
  fc.assert(
    fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withDate: true, withBigInt: true }), (v) => {
      for (const d of all) {
        d.params(v);
        if (d.kind === 'request') d.result(v);
      }
      parseEnvelope(v);
      return true;
    }),
    { numRuns: 500 },
  );
});

test('property: a struct guard rejects any unknown extra field', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }).filter((k) => !['level', 'message'].includes(k) && k !== '__proto__'), fc.jsonValue(), (key, value) => {
      const r = Log.params({ level: 'info', message: 'm', [key]: value });
      return !r.ok;
    }),
  );
});

test('envelopes: well-formed requests, responses and notifications pass; others are refused with a reason', () => {
  accepts(parseEnvelope, { kind: 'request', id: 1, method: 'core/ready', params: {} });
  accepts(parseEnvelope, { kind: 'notification', method: 'wizard/state', params: {} });
  accepts(parseEnvelope, { kind: 'response', id: 3, ok: true, result: 1 });
  accepts(parseEnvelope, { kind: 'response', id: 3, ok: false, error: 'nope' });
  rejects(parseEnvelope, { kind: 'response', id: 3, ok: false }, 'error');
  rejects(parseEnvelope, { kind: 'response', id: 3, ok: 'yes' }, 'ok');
  rejects(parseEnvelope, { kind: 'request', id: -1, method: 'core/ready' }, 'id');
  rejects(parseEnvelope, { kind: 'request', id: 1.5, method: 'core/ready' }, 'id');
  rejects(parseEnvelope, { kind: 'request', method: 'core/ready' }, 'id');
  rejects(parseEnvelope, { kind: 'request', id: 1, method: 'ready' }, 'method');
  rejects(parseEnvelope, { kind: 'notification', method: '../x/y' }, 'method');
  rejects(parseEnvelope, { kind: 'event', method: 'a/b' }, 'kind');
  rejects(parseEnvelope, 'core/ready');
  rejects(parseEnvelope, null);
  rejects(parseEnvelope, [1, 2]);
  rejects(parseEnvelope, { kind: 'notification', method: 'core/log', params: 'x'.repeat(MAX_MESSAGE_CHARS) }, 'at most');
  const cyclic: Record<string, unknown> = { kind: 'notification', method: 'core/log' };
  cyclic['params'] = cyclic;
  rejects(parseEnvelope, cyclic, 'JSON');
});
