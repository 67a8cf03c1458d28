/** Rules for SQS queues that feed functions (SAM `SQS` events and SQS event source mappings). */
import { CONCURRENCY, EVENT_SOURCES, LIMITS } from '../../facts/index.ts';
import { insertEntry, replaceNode } from '../edits.ts';
import { fnProp, modeOf, type EventSourceInfo, type FunctionInfo, type TemplateModel } from '../model.ts';
import { asMap, asSeq, bool, entryOf, get, num, refTarget, str } from '../parse.ts';
import type { Resource, TEntry, TextEdit } from '../types.ts';
import { keyRange, n, type Rule, type RuleContext } from './context.ts';
import { SQS_VISIBILITY_MULTIPLIER, sqsVisibilityFor } from '../../sqs-visibility.ts';

/** The function's timeout in seconds: its own, from Globals, or Lambda's default; null when not plain. */
export function functionTimeout(model: TemplateModel, fn: FunctionInfo): { seconds: number; entry?: TEntry; fromGlobals: boolean } | null {
  const p = fnProp(model, fn, 'Timeout');
  if (p === undefined) return { seconds: LIMITS.timeoutDefaultSeconds.value, fromGlobals: false };
  const v = num(p.value);
  return v === undefined ? null : { seconds: v, entry: p.entry, fromGlobals: p.fromGlobals };
}

export function isFifoQueue(q: Resource): boolean {
  return bool(get(q.properties, 'FifoQueue')) === true || (str(get(q.properties, 'QueueName')) ?? '').endsWith('.fifo');
}

function sqsSources(ctx: RuleContext): EventSourceInfo[] {
  return ctx.model.sources.filter((s) => s.kind === 'sqs');
}

function queueOf(ctx: RuleContext, s: EventSourceInfo): Resource | undefined {
  if (s.targetId === undefined) return undefined;
  const q = ctx.template.resources.get(s.targetId);
  return q?.type === 'AWS::SQS::Queue' ? q : undefined;
}

/** Batch size of an SQS source (default when unset); undefined when not a plain number. */
function sqsBatch(s: EventSourceInfo): number | undefined {
  const e = entryOf(s.settings, 'BatchSize');
  return e === undefined ? EVENT_SOURCES.sqsBatchDefault.value : num(e.value);
}

function window(s: EventSourceInfo): number | undefined {
  const e = entryOf(s.settings, 'MaximumBatchingWindowInSeconds');
  return e === undefined ? 0 : num(e.value);
}

/** Set a property of a map: replace its value when present, else insert it. */
export function setProperty(text: string, map: ReturnType<typeof asMap>, key: string, value: number | boolean | string): TextEdit | undefined {
  const e = entryOf(map, key);
  if (e !== undefined) return e.value !== null && e.value.kind === 'scalar' ? replaceNode(e.value, value) : undefined;
  return map === null ? undefined : insertEntry(text, map, key, value);
}

const M = SQS_VISIBILITY_MULTIPLIER;

export const sqsVisibilityTimeout: Rule = {
  id: 'LDA101',
  name: 'sqs-visibility-timeout',
  severity: 'warning',
  summary: `SQS visibility timeout below ${M} × the function timeout + batching window`,
  help: `A message becomes visible again when the visibility timeout ends, even while a slow batch is still being processed, so it is processed twice. AWS advises a visibility timeout of at least ${M} × the function timeout plus the batching window, and rejects an event source mapping whose function timeout exceeds the queue's visibility timeout.`,
  sources: ['sqsConfigure', 'sqsQueueCfn'],
  check(ctx) {
    // One finding per queue, for the most demanding of its consumers.
    const need = new Map<string, { queue: Resource; recommended: number; minimum: number; fn: string; timeout: number; window: number }>();
    for (const s of sqsSources(ctx)) {
      const queue = queueOf(ctx, s);
      const fn = ctx.model.functions.get(s.functionId);
      if (queue === undefined || fn === undefined) continue;
      const t = functionTimeout(ctx.model, fn);
      const w = window(s);
      if (t === null || w === undefined) continue;
      const recommended = sqsVisibilityFor(t.seconds, w).wanted;
      const cur = need.get(queue.id);
      if (cur === undefined || recommended > cur.recommended)
        need.set(queue.id, { queue, recommended, minimum: Math.max(cur?.minimum ?? 0, t.seconds), fn: fn.id, timeout: t.seconds, window: w });
    }
    for (const { queue, recommended, minimum, fn, timeout, window: w } of need.values()) {
      const e = entryOf(queue.properties, 'VisibilityTimeout');
      const vis = e === undefined ? EVENT_SOURCES.sqsVisibilityDefaultSeconds.value : num(e.value);
      if (vis === undefined || vis >= recommended) continue;
      const target = sqsVisibilityFor(timeout, w).settable;
      const stated = e === undefined ? `no VisibilityTimeout (so the default ${n(vis)} s)` : `a visibility timeout of ${n(vis)} s`;
      const formula = `${M} × ${n(timeout)} s${w > 0 ? ` + ${n(w)} s window` : ''} = ${n(recommended)} s`;
      const below = vis < minimum;
      ctx.report(this, {
        resource: queue.id,
        property: 'Properties.VisibilityTimeout',
        at: e?.value != null ? e.value : keyRange(queue.entry),
        severity: below ? 'error' : 'warning',
        message: below
          ? `Queue ${queue.id} has ${stated}, shorter than the ${n(minimum)} s timeout of its consumer ${fn}: Lambda rejects this event source mapping. Set VisibilityTimeout to at least ${formula}.`
          : `Queue ${queue.id} has ${stated}, below ${formula} for its consumer ${fn}: a message still being processed becomes visible again and is processed twice. Set VisibilityTimeout to ${n(target)}.`,
        fix: { title: `Set VisibilityTimeout to ${target}`, edits: [setProperty(ctx.text, queue.properties, 'VisibilityTimeout', target)] },
      });
    }
  },
};

const MIN_RECEIVES = EVENT_SOURCES.sqsMaxReceiveCountMin.value;

export const sqsRedrive: Rule = {
  id: 'LDA102',
  name: 'sqs-redrive-policy',
  severity: 'warning',
  summary: `SQS queue feeding a function has no redrive policy, or maxReceiveCount below ${MIN_RECEIVES}`,
  help: `Without a redrive policy a message that always fails is retried until it expires, costing an invocation each time and hiding the failure. With maxReceiveCount below ${MIN_RECEIVES}, a message can be sent to the dead-letter queue while it was only throttled. Put a RedrivePolicy with a dead-letter queue and maxReceiveCount ≥ ${MIN_RECEIVES} on the source queue.`,
  sources: ['sqsWithLambda'],
  check(ctx) {
    const dlqs = new Set<string>();
    for (const q of ctx.model.byType.get('AWS::SQS::Queue') ?? []) {
      const target = refTarget(ctx.template, get(asMap(get(q.properties, 'RedrivePolicy')), 'deadLetterTargetArn'));
      if (target !== null) dlqs.add(target.id);
    }
    const seen = new Set<string>();
    for (const s of sqsSources(ctx)) {
      const queue = queueOf(ctx, s);
      if (queue === undefined || seen.has(queue.id) || dlqs.has(queue.id)) continue;
      seen.add(queue.id);
      const rp = entryOf(queue.properties, 'RedrivePolicy');
      if (rp === undefined) {
        ctx.report(this, {
          resource: queue.id,
          property: 'Properties.RedrivePolicy',
          at: keyRange(queue.entry),
          message: `Queue ${queue.id} feeds ${s.functionId} but has no RedrivePolicy: a message that always fails is retried until it expires. Add a dead-letter queue with maxReceiveCount ≥ ${MIN_RECEIVES}.`,
        });
        continue;
      }
      const policy = asMap(rp.value);
      const countEntry = entryOf(policy, 'maxReceiveCount');
      let count = num(countEntry?.value);
      if (policy === null && typeof str(rp.value) === 'string') {
        // Old style: the policy as a JSON string.
        try {
          const parsed = JSON.parse(str(rp.value) ?? '') as { maxReceiveCount?: unknown };
          count = typeof parsed.maxReceiveCount === 'number' ? parsed.maxReceiveCount : Number(parsed.maxReceiveCount);
        } catch {
          count = undefined;
        }
      }
      if (count === undefined || Number.isNaN(count) || count >= MIN_RECEIVES) continue;
      ctx.report(this, {
        resource: queue.id,
        property: 'Properties.RedrivePolicy.maxReceiveCount',
        at: countEntry?.value != null ? countEntry.value : keyRange(rp),
        message: `Queue ${queue.id} moves a message to its dead-letter queue after ${n(count)} receive${count === 1 ? '' : 's'}: a message that was only throttled or caught in a scaling burst can land there. Use maxReceiveCount ≥ ${MIN_RECEIVES}.`,
        fix: { title: `Set maxReceiveCount to ${MIN_RECEIVES}`, edits: [countEntry?.value?.kind === 'scalar' ? replaceNode(countEntry.value, MIN_RECEIVES) : undefined] },
      });
    }
  },
};

function reportsBatchItemFailures(s: EventSourceInfo): boolean {
  return asSeq(get(s.settings, 'FunctionResponseTypes')).some((x) => str(x) === 'ReportBatchItemFailures');
}

export const sqsPartialBatch: Rule = {
  id: 'LDA103',
  name: 'sqs-report-batch-item-failures',
  severity: 'warning',
  summary: 'SQS batch size above 1 without ReportBatchItemFailures',
  help: 'When one message of a batch fails, the whole batch becomes visible again and every message in it is processed again. With FunctionResponseTypes: [ReportBatchItemFailures] the handler returns only the failed message ids (batchItemFailures) and only those are retried.',
  sources: ['batchItemFailures', 'sqsParameters'],
  check(ctx) {
    for (const s of sqsSources(ctx)) {
      const batch = sqsBatch(s);
      if (batch === undefined || batch <= 1 || reportsBatchItemFailures(s)) continue;
      const be = entryOf(s.settings, 'BatchSize');
      const edit = s.settings === null ? undefined : insertEntry(ctx.text, s.settings, 'FunctionResponseTypes', ['ReportBatchItemFailures']);
      ctx.report(this, {
        resource: s.ownerId,
        property: `${s.settingsPath}.FunctionResponseTypes`,
        at: be?.value != null ? be.value : keyRange(s.anchor),
        message: `${s.name} hands ${s.functionId} batches of up to ${n(batch)} messages${be === undefined ? ' (the default)' : ''} without ReportBatchItemFailures: one failing message makes the whole batch retry. Add FunctionResponseTypes: [ReportBatchItemFailures] and return batchItemFailures from the handler.`,
        fix: { title: 'Add FunctionResponseTypes: [ReportBatchItemFailures]', edits: [edit] },
      });
    }
  },
};

const OVERPOLL = CONCURRENCY.sqsOverPollingBelow.value;

export const sqsReservedConcurrency: Rule = {
  id: 'LDA104',
  name: 'sqs-reserved-concurrency',
  severity: 'warning',
  summary: `Reserved concurrency below ${OVERPOLL} on an SQS consumer`,
  help: `Lambda polls an SQS queue with at least ${OVERPOLL} pollers whatever the function's reserved concurrency, so a lower reserved concurrency throttles the pollers' invocations and messages bounce back to the queue (and to the dead-letter queue). To cap concurrency, use the event source's ScalingConfig.MaximumConcurrency (${CONCURRENCY.sqsMaximumConcurrencyMin.value}–${n(CONCURRENCY.sqsMaximumConcurrencyMax.value)}) instead.`,
  sources: ['sqsScaling', 'scalingConfig'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      if (!fn.sources.some((s) => s.kind === 'sqs')) continue;
      const p = fnProp(ctx.model, fn, 'ReservedConcurrentExecutions');
      const v = num(p?.value);
      if (p === undefined || v === undefined || v <= 0 || v >= OVERPOLL) continue;
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.ReservedConcurrentExecutions',
        at: p.value ?? keyRange(p.entry),
        message: `${fn.id} reads an SQS queue with ReservedConcurrentExecutions ${n(v)}: Lambda's pollers start at ${OVERPOLL} and get throttled, so messages return to the queue and may reach the dead-letter queue unprocessed. Remove it and cap with ScalingConfig.MaximumConcurrency on the SQS event.`,
      });
    }
  },
};

export const sqsFunctionDlq: Rule = {
  id: 'LDA105',
  name: 'sqs-function-dead-letter-queue',
  severity: 'warning',
  summary: 'Function-level dead-letter queue on a function fed by SQS',
  help: "A function's DeadLetterQueue (DeadLetterConfig) catches only failed asynchronous invocations. Messages polled from SQS are invoked synchronously, so they never reach it; failed messages go to the source queue's redrive dead-letter queue.",
  sources: ['asyncRetain', 'sqsWithLambda'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      if (!fn.sources.some((s) => s.kind === 'sqs') || fn.sources.some((s) => modeOf(s.kind) === 'async')) continue;
      const p = fnProp(ctx.model, fn, fn.sam ? 'DeadLetterQueue' : 'DeadLetterConfig');
      if (p === undefined || p.fromGlobals) continue;
      ctx.report(this, {
        resource: fn.id,
        property: `Properties.${p.entry.key}`,
        at: keyRange(p.entry),
        message: `${fn.id} is fed by SQS, whose messages never reach a function-level ${p.entry.key} (it only catches asynchronous invocations). Put a RedrivePolicy with a dead-letter queue on the source queue instead.`,
      });
    }
  },
};

const FIFO_MAX = EVENT_SOURCES.sqsFifoBatchMax.value;
const NO_WINDOW_MAX = EVENT_SOURCES.sqsBatchWithoutWindowMax.value;
const MIN_WINDOW = EVENT_SOURCES.sqsWindowForLargeBatchMinSeconds.value;

export const sqsFifoBatch: Rule = {
  id: 'LDA106',
  name: 'sqs-fifo-batch-size',
  severity: 'error',
  summary: `FIFO queue batch size above ${FIFO_MAX}`,
  help: `An event source mapping on a FIFO queue accepts a batch size of at most ${FIFO_MAX}; deployment fails above it.`,
  sources: ['sqsParameters'],
  check(ctx) {
    for (const s of sqsSources(ctx)) {
      const queue = queueOf(ctx, s);
      const be = entryOf(s.settings, 'BatchSize');
      const batch = num(be?.value);
      if (queue === undefined || !isFifoQueue(queue) || be === undefined || batch === undefined || batch <= FIFO_MAX) continue;
      ctx.report(this, {
        resource: s.ownerId,
        property: `${s.settingsPath}.BatchSize`,
        at: be.value ?? keyRange(be),
        message: `${s.name} reads FIFO queue ${queue.id} with BatchSize ${n(batch)}, above the FIFO maximum of ${FIFO_MAX}: the deployment fails. Set BatchSize to ${FIFO_MAX}.`,
        fix: { title: `Set BatchSize to ${FIFO_MAX}`, edits: [be.value?.kind === 'scalar' ? replaceNode(be.value, FIFO_MAX) : undefined] },
      });
    }
  },
};

export const sqsBatchWindow: Rule = {
  id: 'LDA107',
  name: 'sqs-batch-window',
  severity: 'error',
  summary: `SQS batch size above ${NO_WINDOW_MAX} without a batching window`,
  help: `On a standard queue a batch size above ${NO_WINDOW_MAX} requires MaximumBatchingWindowInSeconds of at least ${MIN_WINDOW} s; without it the deployment fails. The window also lets batches fill, so there are fewer invocations.`,
  sources: ['sqsParameters'],
  check(ctx) {
    for (const s of sqsSources(ctx)) {
      const queue = queueOf(ctx, s);
      if (queue !== undefined && isFifoQueue(queue)) continue;
      const batch = sqsBatch(s);
      const w = window(s);
      if (batch === undefined || w === undefined || batch <= NO_WINDOW_MAX || w >= MIN_WINDOW) continue;
      const be = entryOf(s.settings, 'BatchSize');
      ctx.report(this, {
        resource: s.ownerId,
        property: `${s.settingsPath}.MaximumBatchingWindowInSeconds`,
        at: be?.value != null ? be.value : keyRange(s.anchor),
        message: `${s.name} asks for batches of ${n(batch)} with no batching window: above ${NO_WINDOW_MAX} messages SQS requires MaximumBatchingWindowInSeconds ≥ ${MIN_WINDOW}, or the deployment fails. Add MaximumBatchingWindowInSeconds: ${MIN_WINDOW} (or more to fill batches).`,
        fix: { title: `Set MaximumBatchingWindowInSeconds to ${MIN_WINDOW}`, edits: [setProperty(ctx.text, s.settings, 'MaximumBatchingWindowInSeconds', MIN_WINDOW)] },
      });
    }
  },
};

export const SQS_RULES: readonly Rule[] = [sqsVisibilityTimeout, sqsRedrive, sqsPartialBatch, sqsReservedConcurrency, sqsFunctionDlq, sqsFifoBatch, sqsBatchWindow];
