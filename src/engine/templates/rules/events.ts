/** Rules for stream sources, asynchronous sources and synchronous fronts (API Gateway, ALB). */
import { EVENT_SOURCES, LIMITS } from '../../facts/index.ts';
import { insertEntry } from '../edits.ts';
import { fnProp, modeOf, type EventSourceInfo, type FunctionInfo, type TemplateModel } from '../model.ts';
import { asMap, asSeq, bool, entryOf, get, getPath, num, refsIn, str } from '../parse.ts';
import type { TextEdit, TNode } from '../types.ts';
import { keyRange, n, type Rule, type RuleContext } from './context.ts';
import { functionTimeout, setProperty } from './sqs.ts';

function streamSources(ctx: RuleContext): EventSourceInfo[] {
  return ctx.model.sources.filter((s) => s.kind === 'kinesis' || s.kind === 'dynamodb');
}

function streamLabel(s: EventSourceInfo): string {
  return s.kind === 'kinesis' ? 'Kinesis stream' : 'DynamoDB stream';
}

/** Unset or -1 (infinite). */
function unlimited(s: EventSourceInfo, key: string): { unset: boolean; infinite: boolean } {
  const e = entryOf(s.settings, key);
  if (e === undefined) return { unset: true, infinite: true };
  return { unset: false, infinite: num(e.value) === -1 };
}

export const streamRetries: Rule = {
  id: 'LDA201',
  name: 'stream-maximum-retry-attempts',
  severity: 'warning',
  summary: 'Stream source without MaximumRetryAttempts',
  help: `By default Lambda retries a failing stream batch until the records expire, and the shard waits behind it: one poison record stops processing of that shard for up to the stream's retention. Set MaximumRetryAttempts (0–${n(EVENT_SOURCES.streamRetryMax.value)}) with an on-failure destination.`,
  sources: ['kinesisParameters', 'ddbParameters'],
  check(ctx) {
    for (const s of streamSources(ctx)) {
      const r = unlimited(s, 'MaximumRetryAttempts');
      if (!r.infinite) continue;
      const e = entryOf(s.settings, 'MaximumRetryAttempts');
      ctx.report(this, {
        resource: s.ownerId,
        property: `${s.settingsPath}.MaximumRetryAttempts`,
        at: e?.value != null ? e.value : keyRange(s.anchor),
        message: `${s.name} (${streamLabel(s)}) retries a failing batch ${r.unset ? 'until the records expire (no MaximumRetryAttempts)' : 'forever (MaximumRetryAttempts: -1)'}: one poison record blocks its shard. Set MaximumRetryAttempts and an on-failure destination.`,
      });
    }
  },
};

export const streamRecordAge: Rule = {
  id: 'LDA202',
  name: 'stream-maximum-record-age',
  severity: 'info',
  summary: 'Stream source without MaximumRecordAgeInSeconds',
  help: `MaximumRecordAgeInSeconds (${n(EVENT_SOURCES.streamRecordAgeMinSeconds.value)}–${n(EVENT_SOURCES.streamRecordAgeMaxSeconds.value)} s) skips records too old to matter instead of processing a backlog of stale data after an outage; skipped records go to the on-failure destination.`,
  sources: ['kinesisParameters', 'ddbParameters'],
  check(ctx) {
    for (const s of streamSources(ctx)) {
      if (!unlimited(s, 'MaximumRecordAgeInSeconds').infinite) continue;
      ctx.report(this, {
        resource: s.ownerId,
        property: `${s.settingsPath}.MaximumRecordAgeInSeconds`,
        at: keyRange(s.anchor),
        message: `${s.name} (${streamLabel(s)}) has no MaximumRecordAgeInSeconds: after an outage it works through every old record before new ones. Set the age after which a record is no longer worth processing.`,
      });
    }
  },
};

export const streamBisect: Rule = {
  id: 'LDA203',
  name: 'stream-bisect-batch',
  severity: 'info',
  summary: 'Stream source without BisectBatchOnFunctionError',
  help: 'With BisectBatchOnFunctionError the failing batch is split in two and each half retried, isolating a bad record instead of failing the whole batch again (or use ReportBatchItemFailures).',
  sources: ['kinesisParameters', 'ddbParameters'],
  check(ctx) {
    for (const s of streamSources(ctx)) {
      if (bool(get(s.settings, 'BisectBatchOnFunctionError')) === true) continue;
      if (asSeq(get(s.settings, 'FunctionResponseTypes')).some((x) => str(x) === 'ReportBatchItemFailures')) continue;
      const edit = setProperty(ctx.text, s.settings, 'BisectBatchOnFunctionError', true);
      ctx.report(this, {
        resource: s.ownerId,
        property: `${s.settingsPath}.BisectBatchOnFunctionError`,
        at: keyRange(s.anchor),
        message: `${s.name} (${streamLabel(s)}) neither bisects failing batches nor reports batch item failures: a bad record fails its whole batch on every retry. Set BisectBatchOnFunctionError: true (or FunctionResponseTypes: [ReportBatchItemFailures]).`,
        fix: { title: 'Set BisectBatchOnFunctionError to true', edits: [edit] },
      });
    }
  },
};

export const streamOnFailure: Rule = {
  id: 'LDA204',
  name: 'stream-on-failure-destination',
  severity: 'warning',
  summary: 'Stream source without an on-failure destination',
  help: 'When retries or the record age run out, records are dropped unless DestinationConfig.OnFailure names an SQS queue, SNS topic or S3 bucket that keeps them for inspection and replay.',
  sources: ['onFailure', 'kinesisParameters'],
  check(ctx) {
    for (const s of streamSources(ctx)) {
      const dest = getPath(s.settings, 'DestinationConfig', 'OnFailure');
      if (dest !== undefined && dest !== null) continue;
      ctx.report(this, {
        resource: s.ownerId,
        property: `${s.settingsPath}.DestinationConfig.OnFailure`,
        at: keyRange(s.anchor),
        message: `${s.name} (${streamLabel(s)}) has no DestinationConfig.OnFailure: records that exhaust their retries are lost without a trace. Send them to an SQS queue, SNS topic or S3 bucket.`,
      });
    }
  },
};

/** Does the function keep failed asynchronous events somewhere? */
function hasAsyncFailureHandling(model: TemplateModel, fn: FunctionInfo): boolean {
  for (const key of ['DeadLetterQueue', 'DeadLetterConfig']) {
    const p = fnProp(model, fn, key);
    if (p !== undefined && p.value !== null) return true;
  }
  const eic = fnProp(model, fn, 'EventInvokeConfig');
  const onFailure = getPath(asMap(eic?.value), 'DestinationConfig', 'OnFailure');
  if (onFailure !== undefined && onFailure !== null) return true;
  return fn.invokeConfigs.some((r) => {
    const d = getPath(r.properties, 'DestinationConfig', 'OnFailure');
    return d !== undefined && d !== null;
  });
}

const ASYNC_LABEL: Partial<Record<string, string>> = {
  s3: 'S3',
  sns: 'SNS',
  eventbridge: 'EventBridge',
  schedule: 'a schedule',
  logs: 'CloudWatch Logs',
  iot: 'IoT',
};

export const asyncFailureDestination: Rule = {
  id: 'LDA301',
  name: 'async-on-failure-destination',
  severity: 'warning',
  summary: 'Asynchronously invoked function without an on-failure destination or dead-letter queue',
  help: `S3, SNS, EventBridge and schedules invoke functions asynchronously: Lambda retries a failed event up to ${EVENT_SOURCES.asyncRetriesMax.value} times, then drops it unless the function has an on-failure destination (EventInvokeConfig.DestinationConfig.OnFailure, preferred: it records the error too) or a dead-letter queue.`,
  sources: ['asyncRetain', 'eventInvokeConfig'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      const asyncSources = fn.sources.filter((s) => modeOf(s.kind) === 'async');
      if (asyncSources.length === 0 || hasAsyncFailureHandling(ctx.model, fn)) continue;
      const via = [...new Set(asyncSources.map((s) => ASYNC_LABEL[s.kind] ?? s.kind))].join(', ');
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.EventInvokeConfig',
        at: keyRange(fn.resource.entry),
        message: `${fn.id} is invoked asynchronously (by ${via}) with no on-failure destination and no dead-letter queue: an event that still fails after Lambda's retries is dropped. Add EventInvokeConfig.DestinationConfig.OnFailure (an SQS queue, SNS topic, EventBridge bus or S3 bucket).`,
      });
    }
  },
};

const S3_WRITE_TEMPLATES = new Set(['S3CrudPolicy', 'S3WritePolicy', 'S3FullAccessPolicy']);

function actionsOf(stmt: TNode | null | undefined): string[] {
  return asSeq(get(asMap(stmt), 'Action')).flatMap((a) => {
    const s = str(a);
    return s === undefined ? [] : [s];
  });
}

/** Statements of the function's inline policies (SAM Policies) and of its role when the role is in the template. */
export function functionStatements(model: TemplateModel, fn: FunctionInfo): TNode[] {
  const out: TNode[] = [];
  const push = (doc: TNode | null | undefined): void => {
    for (const s of asSeq(get(asMap(doc), 'Statement'))) out.push(s);
  };
  const policies = fnProp(model, fn, 'Policies')?.value;
  if (policies?.kind === 'map') push(policies);
  for (const p of asSeq(policies)) push(p);
  const role = refsIn(model.template, fnProp(model, fn, 'Role')?.value);
  for (const id of role) {
    const r = model.template.resources.get(id);
    if (r?.type !== 'AWS::IAM::Role') continue;
    for (const p of asSeq(get(r.properties, 'Policies'))) push(get(asMap(p), 'PolicyDocument'));
  }
  return out;
}

export const s3Recursion: Rule = {
  id: 'LDA302',
  name: 's3-recursive-trigger',
  severity: 'warning',
  summary: 'S3-triggered function that writes to the bucket that triggers it',
  help: `A function that writes objects into the bucket whose events trigger it can invoke itself in a loop, each object creating another event. Lambda's recursive loop detection stops such a loop only after about ${EVENT_SOURCES.recursiveLoopInvocations.value} invocations per originating event. Write to another bucket, or filter the trigger on a prefix/suffix the function never writes.`,
  sources: ['recursion'],
  check(ctx) {
    const t = ctx.template;
    for (const s of ctx.model.sources) {
      if (s.kind !== 's3' || s.targetId === undefined) continue;
      const fn = ctx.model.functions.get(s.functionId);
      if (fn === undefined) continue;
      // A filtered trigger may well exclude what the function writes: stay quiet then.
      if (get(s.settings, 'Filter') !== undefined) continue;
      const bucket = s.targetId;
      let writes = false;
      for (const p of asSeq(fnProp(ctx.model, fn, 'Policies')?.value)) {
        const m = asMap(p);
        for (const e of m?.entries ?? []) if (S3_WRITE_TEMPLATES.has(e.key) && refsIn(t, e.value).has(bucket)) writes = true;
      }
      for (const st of functionStatements(ctx.model, fn)) {
        if (str(get(asMap(st), 'Effect')) === 'Deny') continue;
        const acts = actionsOf(st);
        if (!acts.some((a) => a === '*' || /^s3:(\*|Put|Copy|Replicate)/i.test(a))) continue;
        if (refsIn(t, get(asMap(st), 'Resource')).has(bucket)) writes = true;
      }
      if (!writes) continue;
      ctx.report(this, {
        resource: s.ownerId,
        property: s.ownerId === fn.id ? `${s.settingsPath}.Bucket` : 'Properties.NotificationConfiguration',
        at: keyRange(s.anchor),
        message: `${fn.id} is triggered by bucket ${bucket} and may write to it: every object it writes triggers it again (a recursive loop, stopped by Lambda only after about ${EVENT_SOURCES.recursiveLoopInvocations.value} invocations). Write to another bucket or filter the trigger on a prefix/suffix the function never writes.`,
      });
    }
  },
};

const FRONT_LIMIT: Partial<Record<string, { seconds: number; label: string; source: 'apiGatewayTimeout' | 'httpApiQuotas' | 'albAttributes'; note: string }>> = {
  api: {
    seconds: LIMITS.apiGatewayIntegrationTimeoutSeconds.value,
    label: 'API Gateway REST',
    source: 'apiGatewayTimeout',
    note: ' (regional and private REST APIs can raise it by quota request)',
  },
  httpapi: { seconds: LIMITS.httpApiIntegrationTimeoutSeconds.value, label: 'API Gateway HTTP API', source: 'httpApiQuotas', note: '' },
  alb: { seconds: LIMITS.albIdleTimeoutDefaultSeconds.value, label: 'Application Load Balancer (default idle timeout)', source: 'albAttributes', note: '' },
};

export const syncTimeout: Rule = {
  id: 'LDA401',
  name: 'sync-front-timeout',
  severity: 'warning',
  summary: 'Function timeout longer than the API Gateway / ALB integration limit in front of it',
  help: `API Gateway gives up after ${LIMITS.apiGatewayIntegrationTimeoutSeconds.value} s (REST) or ${LIMITS.httpApiIntegrationTimeoutSeconds.value} s (HTTP API), and an ALB closes idle connections after ${LIMITS.albIdleTimeoutDefaultSeconds.value} s by default: the client gets a 504 while the function keeps running and billing. Set the function timeout at or below the limit, or move long work behind an asynchronous step.`,
  sources: ['apiGatewayTimeout', 'httpApiQuotas', 'albAttributes'],
  check(ctx) {
    // Functions behind API Gateway response streaming (no 29 s limit): `${Fn.Arn}/response-streaming-invocations`.
    const streaming = new Set<string>();
    for (const m of ctx.text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.Arn)?\}\/response-streaming-invocations/g)) streaming.add(m[1] ?? '');
    for (const fn of ctx.model.functions.values()) {
      if (streaming.has(fn.id)) continue;
      let worst: { seconds: number; label: string; source: 'apiGatewayTimeout' | 'httpApiQuotas' | 'albAttributes'; note: string } | undefined;
      for (const s of fn.sources) {
        const lim = FRONT_LIMIT[s.kind];
        if (lim !== undefined && (worst === undefined || lim.seconds < worst.seconds)) worst = lim;
      }
      if (worst === undefined) continue;
      const t = functionTimeout(ctx.model, fn);
      if (t === null || t.seconds <= worst.seconds) continue;
      let edit: TextEdit | undefined;
      if (t.entry !== undefined && !t.fromGlobals && t.entry.value?.kind === 'scalar') edit = { start: t.entry.value.start, end: t.entry.value.end, newText: String(worst.seconds) };
      else if (fn.resource.properties !== null) edit = insertEntry(ctx.text, fn.resource.properties, 'Timeout', worst.seconds);
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.Timeout',
        at: t.entry !== undefined && !t.fromGlobals && t.entry.value !== null ? t.entry.value : keyRange(fn.resource.entry),
        message: `${fn.id} has a ${n(t.seconds)} s timeout${t.fromGlobals ? ' (from Globals)' : ''} behind ${worst.label}, which stops waiting after ${worst.seconds} s${worst.note}: callers get a 504 while the function runs on and bills. Set Timeout to ${worst.seconds} or less, or hand long work to an asynchronous step.`,
        fix: { title: `Set Timeout to ${worst.seconds}`, edits: [edit] },
        sources: [worst.source],
      });
    }
  },
};

export const EVENT_RULES: readonly Rule[] = [streamRetries, streamRecordAge, streamBisect, streamOnFailure, asyncFailureDestination, s3Recursion, syncTimeout];
