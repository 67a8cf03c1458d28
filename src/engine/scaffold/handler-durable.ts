/**
 * The durable function's handler (issue 11): a workflow written with the durable execution SDK
 * (@aws/durable-execution-sdk-js, aws-durable-execution-sdk-python), one checkpointed step per part
 * of the work (design.compute.workflow.steps). A step's result is checkpointed, so a replay returns it
 * without running the step again; a step that fails before its checkpoint runs again, so each side
 * effect carries an idempotency key derived from the event and the step (the same on every attempt).
 */
import type { Plan } from './plan.ts';
import type { ScaffoldFile } from './types.ts';

const lit = (v: unknown): string => JSON.stringify(v);
const inComment = (s: string): string => s.replace(/\*\//g, '*\\/');

/** Fields of the source's event that identify one run, tried in order (an order id, an event id, the schedule's time). */
const KEY_FIELDS = ['orderId', 'id', 'messageId', 'scheduledTime'];

function tsHandler(plan: Plan, steps: number): string {
  return `/**
 * Durable workflow for ${inComment(lit(plan.displayName))} (${plan.source}), scaffolded by Lambda Design Advisor.
 * Written with the durable execution SDK: each part of the job is a step whose result is
 * checkpointed, so the execution can outlive one invocation (DurableConfig.ExecutionTimeout in the
 * template) while every invocation stays within the function's timeout.
 */
import { withDurableExecution, type DurableContext } from '@aws/durable-execution-sdk-js';

/** How many parts the job is split into (the design's workflow plan). */
export const STEPS = ${steps};

export interface Part {
  readonly runKey: string;
  readonly part: number;
  readonly of: number;
}

export interface PartResult {
  readonly part: number;
  readonly idempotencyKey: string;
}

const asRecord = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** One record of a batch: its message id, event id, SNS message id, S3 object (key and sequencer) or Kafka offset. */
function recordKey(record: unknown): string {
  const r = asRecord(record) ?? {};
  const object = asRecord(asRecord(r['s3'])?.['object']);
  const candidates = [r['messageId'], r['eventID'], asRecord(r['Sns'])?.['MessageId']];
  if (object) candidates.push(\`\${String(object['key'])}:\${String(object['sequencer'])}\`);
  if (r['topic'] !== undefined) candidates.push(\`\${String(r['topic'])}:\${String(r['partition'])}:\${String(r['offset'])}\`);
  const key = candidates.find(nonEmpty);
  if (key === undefined) throw new Error('a record of the batch has no id to key its side effects');
  return key;
}

/**
 * What identifies this run across redeliveries and replays: the same event gives the same key, so
 * the side effects of a repeated step (or a redelivered event) can be recognised downstream. A batch
 * (SQS, Kinesis, DynamoDB Streams, SNS, S3, Kafka) is one run keyed by its records.
 */
export function runKey(event: unknown): string {
  const e = asRecord(event);
  if (e !== null) {
    if (Array.isArray(e['Records']) && e['Records'].length > 0) return e['Records'].map(recordKey).join(',');
    const kafka = asRecord(e['records']);
    if (kafka !== null) return Object.values(kafka).flatMap((x) => (Array.isArray(x) ? x : [])).map(recordKey).join(',');
    if (typeof e['body'] === 'string') {
      try {
        const body = asRecord(JSON.parse(e['body']));
        if (body !== null && nonEmpty(body['orderId'])) return body['orderId'];
      } catch {
        // Not JSON: fall through to the event's own fields.
      }
    }
    const detail = asRecord(e['detail']);
    if (detail !== null && nonEmpty(detail['orderId'])) return detail['orderId'];
    for (const name of ${lit(KEY_FIELDS)}) {
      const value = e[name];
      if (nonEmpty(value)) return value;
    }
  }
  throw new Error('the event needs one of ${KEY_FIELDS.join(', ')} (a string), an orderId in its body or detail, or records with ids, to key its side effects');
}

/**
 * One part of the job. Replace the body with yours, and pass \`idempotencyKey\` to every side effect
 * (a conditional write, an API's Idempotency-Key header): a step that fails before its checkpoint is
 * retried, so it may run more than once. Keep each part shorter than the function's timeout.
 */
export async function doPart(part: Part, idempotencyKey: string): Promise<PartResult> {
  return { part: part.part, idempotencyKey };
}

/** The workflow: each part is a checkpointed step; a replay returns the parts already done without running them. */
export async function workflow(event: unknown, context: DurableContext, work: typeof doPart = doPart): Promise<{ runKey: string; parts: PartResult[] }> {
  const key = runKey(event);
  const parts: PartResult[] = [];
  for (let part = 1; part <= STEPS; part++) {
    const name = \`part-\${part}\`;
    parts.push(await context.step(name, async () => work({ runKey: key, part, of: STEPS }, \`\${key}:\${name}\`)));
  }
  context.logger.info('workflow finished', { runKey: key, parts: parts.length });
  return { runKey: key, parts };
}

/** The Lambda entry point: the SDK checkpoints and replays around the workflow. */
export const handler = withDurableExecution((event: unknown, context: DurableContext) => workflow(event, context));
`;
}

function tsTest(): string {
  return `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { DurableContext } from '@aws/durable-execution-sdk-js';
import { STEPS, workflow, type Part } from '../src/handler.ts';

/** A stand-in for the SDK's context: steps are checkpointed in \`checkpoints\`, and a replay returns them. */
function fakeContext(checkpoints: Map<string, unknown>): DurableContext {
  const context = {
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
    step: async (name: string, fn: () => Promise<unknown>) => {
      if (checkpoints.has(name)) return checkpoints.get(name);
      const result = await fn();
      checkpoints.set(name, result);
      return result;
    },
  };
  return context as unknown as DurableContext;
}

test('each part runs once, keyed by the event, and a replay does not run the parts again', async () => {
  const event = JSON.parse(readFileSync(new URL('../events/event.json', import.meta.url), 'utf8'));
  const calls: string[] = [];
  const work = async (part: Part, key: string) => {
    calls.push(key);
    return { part: part.part, idempotencyKey: key };
  };
  const checkpoints = new Map<string, unknown>();
  const first = await workflow(event, fakeContext(checkpoints), work);
  assert.equal(first.parts.length, STEPS);
  assert.equal(new Set(calls).size, STEPS, 'one idempotency key per part');
  const replay = await workflow(event, fakeContext(checkpoints), work);
  assert.deepEqual(replay, first);
  assert.equal(calls.length, STEPS, 'the replay ran no part again');
});
`;
}

function pyHandler(plan: Plan, steps: number): string {
  return `"""Durable workflow for ${plan.displayName.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"')} (${plan.source}), scaffolded by Lambda Design Advisor.

Written with the durable execution SDK: each part of the job is a step whose result is checkpointed,
so the execution can outlive one invocation (DurableConfig.ExecutionTimeout in the template) while
every invocation stays within the function's timeout.
"""

import json

from aws_durable_execution_sdk_python import DurableContext, StepContext, durable_execution, durable_step

# How many parts the job is split into (the design's workflow plan).
STEPS = ${steps}

KEY_FIELDS = ${lit(KEY_FIELDS)}


def _record_key(record) -> str:
    """One record of a batch: its message id, event id, SNS message id, S3 object or Kafka offset."""
    r = record if isinstance(record, dict) else {}
    s3_object = (r.get("s3") or {}).get("object") if isinstance(r.get("s3"), dict) else None
    candidates = [r.get("messageId"), r.get("eventID"), (r.get("Sns") or {}).get("MessageId") if isinstance(r.get("Sns"), dict) else None]
    if isinstance(s3_object, dict):
        candidates.append(f"{s3_object.get('key')}:{s3_object.get('sequencer')}")
    if "topic" in r:
        candidates.append(f"{r.get('topic')}:{r.get('partition')}:{r.get('offset')}")
    for key in candidates:
        if isinstance(key, str) and key:
            return key
    raise ValueError("a record of the batch has no id to key its side effects")


def run_key(event) -> str:
    """What identifies this run across redeliveries and replays: the same event gives the same key.
    A batch (SQS, Kinesis, DynamoDB Streams, SNS, S3, Kafka) is one run keyed by its records."""
    if isinstance(event, dict):
        records = event.get("Records")
        if isinstance(records, list) and records:
            return ",".join(_record_key(r) for r in records)
        kafka = event.get("records")
        if isinstance(kafka, dict):
            return ",".join(_record_key(r) for batch in kafka.values() if isinstance(batch, list) for r in batch)
        if isinstance(event.get("body"), str):
            try:
                body = json.loads(event["body"])
            except ValueError:
                body = None
            if isinstance(body, dict) and isinstance(body.get("orderId"), str) and body["orderId"]:
                return body["orderId"]
        detail = event.get("detail")
        if isinstance(detail, dict) and isinstance(detail.get("orderId"), str) and detail["orderId"]:
            return detail["orderId"]
        for name in KEY_FIELDS:
            value = event.get(name)
            if isinstance(value, str) and value:
                return value
    raise ValueError("the event needs one of ${KEY_FIELDS.join(', ')} (a string), an orderId in its body or detail, or records with ids, to key its side effects")


def do_part(key: str, part: int, of: int, idempotency_key: str) -> dict:
    """One part of the job. Replace the body with yours, and pass idempotency_key to every side effect
    (a conditional write, an API's Idempotency-Key header): a step that fails before its checkpoint is
    retried, so it may run more than once. Keep each part shorter than the function's timeout."""
    return {"part": part, "idempotency_key": idempotency_key}


@durable_step
def part_step(step_ctx: StepContext, key: str, part: int, of: int) -> dict:
    return do_part(key, part, of, f"{key}:part-{part}")


def workflow(event, context: DurableContext) -> dict:
    """Each part is a checkpointed step; a replay returns the parts already done without running them."""
    key = run_key(event)
    parts = [context.step(part_step(key, part, STEPS), name=f"part-{part}") for part in range(1, STEPS + 1)]
    context.logger.info("workflow finished", extra={"run_key": key, "parts": len(parts)})
    return {"run_key": key, "parts": parts}


@durable_execution
def lambda_handler(event, context: DurableContext) -> dict:
    return workflow(event, context)
`;
}

function pyTest(): string {
  return `import json
from pathlib import Path

from src import handler


class FakeLogger:
    def info(self, *args, **kwargs):
        pass


class FakeContext:
    """A stand-in for the SDK's context: steps are checkpointed, and a replay returns them."""

    def __init__(self, checkpoints):
        self.checkpoints = checkpoints
        self.logger = FakeLogger()

    def step(self, func, name=None):
        if name not in self.checkpoints:
            self.checkpoints[name] = func(None)
        return self.checkpoints[name]


def test_each_part_runs_once_and_a_replay_runs_none_again(monkeypatch):
    event = json.loads((Path(__file__).parent.parent / "events" / "event.json").read_text())
    calls = []
    monkeypatch.setattr(handler, "do_part", lambda key, part, of, idem: calls.append(idem) or {"part": part, "idempotency_key": idem})
    checkpoints = {}
    first = handler.workflow(event, FakeContext(checkpoints))
    assert len(first["parts"]) == handler.STEPS
    assert len(set(calls)) == handler.STEPS
    assert handler.workflow(event, FakeContext(checkpoints)) == first
    assert len(calls) == handler.STEPS
`;
}

export const DURABLE_SDK = { typescript: '@aws/durable-execution-sdk-js', python: 'aws-durable-execution-sdk-python' } as const;

export function durableFiles(plan: Plan): ScaffoldFile[] {
  const steps = plan.workflow?.steps ?? 1;
  if (plan.options.language === 'typescript') {
    return [
      { path: 'src/handler.ts', contents: tsHandler(plan, steps), role: 'handler' },
      { path: 'test/handler.test.ts', contents: tsTest(), role: 'test' },
    ];
  }
  return [
    { path: 'src/handler.py', contents: pyHandler(plan, steps), role: 'handler' },
    { path: 'src/__init__.py', contents: '', role: 'handler' },
    { path: 'src/requirements.txt', contents: `${DURABLE_SDK.python}>=1.7,<2\n`, role: 'config' },
    { path: 'tests/__init__.py', contents: '', role: 'test' },
    { path: 'tests/test_handler.py', contents: pyTest(), role: 'test' },
    { path: 'requirements-dev.txt', contents: '-r src/requirements.txt\npytest>=8\n', role: 'config' },
  ];
}
