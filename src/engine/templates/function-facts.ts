/**
 * What the CodeLens and "Advise on this function" need to know about one function of a parsed template:
 * its settings (SAM `Globals` applied), its main event source and the workload attached by the wizard in
 * `Metadata.LambdaAdvisor`. Read from the engine's template model; plain TypeScript, no `vscode`.
 */
import { LIMITS } from '../facts/index.ts';
import type { Architecture } from '../facts/index.ts';
import { fnNumber, fnProp, type FunctionInfo, type TemplateEventKind as SourceKind, type TemplateModel } from './model.ts';
import { asMap, asSeq, bool, get, getPath, num, refsIn, str } from './parse.ts';
import type { TNode } from './types.ts';

export interface FunctionFacts {
  readonly id: string;
  readonly type: string;
  /** Offset of the resource's logical id (where the lens goes). */
  readonly anchorOffset: number;
  /** Memory as written (Globals applied); undefined when absent or not a plain number. */
  readonly memoryMb: number | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly architecture: Architecture | undefined;
  readonly ephemeralMb: number | undefined;
  /** `nodejs20.x`, `python3.12`, … as written. */
  readonly runtime: string | undefined;
  readonly reservedConcurrency: number | undefined;
  readonly vpcAttached: boolean;
  readonly hasFunctionUrl: boolean;
  /** The source that invokes it (the first one when several do). */
  readonly source: SourceSummary | undefined;
  /** How many sources invoke it in this template. */
  readonly sourceCount: number;
  /** `Metadata.LambdaAdvisor` as plain data (unvalidated), when present. */
  readonly attachedScenario: unknown;
  /** The shape it is: Managed Instances (CapacityProviderConfig), durable (DurableConfig), or a classic function. Both are fixed when the function is created. */
  readonly compute?: 'on-demand' | 'managed-instances' | 'durable-functions';
}

export interface SourceSummary {
  readonly kind: SourceKind;
  readonly name: string;
  readonly batchSize: number | undefined;
  readonly batchingWindowSeconds: number | undefined;
  /** The SQS queue is FIFO (FifoQueue: true or a `.fifo` name), when the queue is in the template. */
  readonly fifo: boolean;
  /** Kinesis shard count, when the stream is in the template with a plain ShardCount. */
  readonly shards: number | undefined;
}

/** A node as plain JSON-like data; intrinsic functions (`!Ref`, `!Sub`…) become undefined. */
export function toPlain(n: TNode | null | undefined, depth = 0): unknown {
  if (n === null || n === undefined || depth > 64) return undefined;
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq':
      return n.items.map((i) => toPlain(i, depth + 1));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of n.entries) {
        const v = toPlain(e.value, depth + 1);
        if (v !== undefined) out[e.key] = v;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function architectureOf(n: TNode | null | undefined): Architecture | undefined {
  const first = str(asSeq(n)[0]);
  return first === 'arm64' || first === 'x86_64' ? first : undefined;
}

function summarise(model: TemplateModel, fn: FunctionInfo): SourceSummary | undefined {
  const s = fn.sources[0];
  if (s === undefined) return undefined;
  const target = s.targetId === undefined ? undefined : model.template.resources.get(s.targetId);
  let fifo = false;
  let shards: number | undefined;
  if (s.kind === 'sqs') {
    const queueName = str(get(target?.properties, 'QueueName'));
    fifo = bool(get(target?.properties, 'FifoQueue')) === true || (queueName?.endsWith('.fifo') ?? false);
  }
  if (s.kind === 'kinesis' && target?.type === 'AWS::Kinesis::Stream') shards = num(get(target.properties, 'ShardCount'));
  return {
    kind: s.kind,
    name: s.name,
    batchSize: num(get(s.settings, 'BatchSize')),
    batchingWindowSeconds: num(get(s.settings, 'MaximumBatchingWindowInSeconds')),
    fifo,
    shards,
  };
}

export function functionFacts(model: TemplateModel, fn: FunctionInfo): FunctionFacts {
  const p = fn.resource.properties;
  const vpc = asMap(fnProp(model, fn, 'VpcConfig')?.value ?? null);
  const subnets = asSeq(get(vpc, 'SubnetIds'));
  const url = fn.sam ? fnProp(model, fn, 'FunctionUrlConfig') : undefined;
  const hasUrlResource = (model.byType.get('AWS::Lambda::Url') ?? []).some((r) =>
    refsIn(model.template, get(r.properties, 'TargetFunctionArn')).has(fn.id),
  );
  return {
    id: fn.id,
    type: fn.resource.type,
    anchorOffset: fn.resource.entry.keyStart,
    memoryMb: fnNumber(model, fn, 'MemorySize'),
    timeoutSeconds: fnNumber(model, fn, 'Timeout'),
    architecture: architectureOf(fnProp(model, fn, 'Architectures')?.value),
    ephemeralMb: num(getPath(asMap(fnProp(model, fn, 'EphemeralStorage')?.value ?? null), 'Size')),
    runtime: str(fnProp(model, fn, 'Runtime')?.value),
    reservedConcurrency: num(get(p, 'ReservedConcurrentExecutions')),
    vpcAttached: vpc !== null && (subnets.length > 0 || get(vpc, 'SubnetIds') !== undefined),
    hasFunctionUrl: url !== undefined || hasUrlResource,
    source: summarise(model, fn),
    sourceCount: fn.sources.length,
    attachedScenario: toPlain(get(asMap(get(fn.resource.body, 'Metadata')), 'LambdaAdvisor')),
    compute: fnProp(model, fn, 'CapacityProviderConfig') !== undefined ? 'managed-instances' : fnProp(model, fn, 'DurableConfig') !== undefined ? 'durable-functions' : 'on-demand',
  };
}

/** AWS defaults for what a function leaves out, from the facts module. */
export const FUNCTION_DEFAULTS = {
  memoryMb: LIMITS.memoryDefaultMb.value,
  timeoutSeconds: LIMITS.timeoutDefaultSeconds.value,
  ephemeralMb: LIMITS.ephemeralMinMb.value,
  /** CloudFormation's default for `Architectures` (a documented default, not a number). */
  architecture: 'x86_64' as Architecture,
};
