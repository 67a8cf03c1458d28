/**
 * Write a design back into a template: the minimal text edits that set, on one function resource, the
 * values the engine recommended (memory, timeout, architecture; the batching, scaling and failure settings
 * of the event source the design is about; reserved concurrency; the source queue's visibility timeout and
 * redrive `maxReceiveCount` when the queue is in the template).
 *
 * - A value already equal to the design's is left alone, so applying the result and calling again yields
 *   no edit.
 * - Present plain values are replaced in place (quote style kept); missing keys are inserted at the
 *   siblings' indentation (block YAML) or in the map's style (flow / JSON) with the engine's `insertEntry`.
 * - A value that comes from SAM `Globals.Function` is never edited there (other functions share it): an
 *   override is inserted on the resource and the change says so.
 * - Intrinsic functions (`!Ref`, `!If`, `!FindInMap`…) and other non-plain values are left alone and
 *   reported in `skipped`.
 * - YAML anchors and aliases are never edited behind the user's back: a value that is (or lies inside) an
 *   anchored node, an alias, or a map that other resources share through an alias is skipped, and the
 *   reason names the resources that share it.
 * - Edits never overlap: insertions at the same offset are merged into one edit (nested map first).
 *
 * Pure: no `vscode`, no `fs`.
 */
import type { Design } from '../design.ts';
import { eolOf, insertEntry, type InsertValue } from './edits.ts';
import { buildModel, fnProp, type EventSourceInfo, type FunctionInfo, type TemplateEventKind, type TemplateModel } from './model.ts';
import { asMap, bool, entryOf, num, sharersOf, str } from './parse.ts';
import type { ParsedTemplate, Resource, TextEdit, TMap, TNode } from './types.ts';

export interface DesignChange {
  /** Logical id of the resource edited (the function, its event source mapping, or the queue). */
  readonly resource: string;
  /** Path inside the resource's `Properties`, dotted (`MemorySize`, `Events.Orders.Properties.BatchSize`). */
  readonly property: string;
  /** The value as written now (source text), or null when the key is absent. */
  readonly from: string | null;
  /** The value the edit writes, as a person reads it. */
  readonly to: string;
  /** Anything the user should know about this change (e.g. it overrides a Globals value). */
  readonly note?: string;
}

export interface SkippedChange {
  readonly resource: string;
  readonly property: string;
  /** The value the design recommends. */
  readonly to: string;
  /** Why it was not written ("set with !Ref; left alone"). */
  readonly reason: string;
}

export interface DesignEdits {
  readonly edits: TextEdit[];
  readonly changes: DesignChange[];
  readonly skipped: SkippedChange[];
}

type Plain = number | boolean | string;
/** A value to write: a scalar, a list of scalars, or a one-level map (`ScalingConfig: {MaximumConcurrency: 5}`). */
type Value = Plain | readonly string[] | { readonly [k: string]: Plain };

/** Event source kinds the design's poller settings apply to, per design source. */
const SOURCE_KINDS: Partial<Record<Design['source'], TemplateEventKind>> = {
  sqs: 'sqs',
  'sqs-fifo': 'sqs',
  kinesis: 'kinesis',
  'dynamodb-streams': 'dynamodb',
};

/** The name of an intrinsic as the user wrote it (`!Ref`, `Fn::If`). */
function fnLabel(n: TNode): string {
  if (n.kind !== 'fn') return 'a non-plain value';
  if (!n.short) return n.name;
  return `!${n.name.replace(/^Fn::/, '')}`;
}

function display(v: Value): string {
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${String(x)}`).join(', ')}}`;
  return String(v);
}

/** Does a node already hold this value? */
function holds(n: TNode | null, v: Value): boolean {
  if (n === null) return false;
  if (typeof v === 'number') return num(n) === v;
  if (typeof v === 'boolean') return bool(n) === v;
  if (typeof v === 'string') return str(n) === v;
  if (Array.isArray(v)) {
    if (n.kind !== 'seq' || n.items.length !== v.length) return false;
    return v.every((x, i) => str(n.items[i]) === x);
  }
  return false;
}

/** A scalar literal in the quote style of the scalar it replaces (`"30"` stays quoted, JSON strings too). */
function scalarLiteral(text: string, old: TNode, v: Plain): string {
  const q = text[old.start];
  if (q === '"') return JSON.stringify(String(v));
  if (q === "'") return `'${String(v).replace(/'/g, "''")}'`;
  if (typeof v === 'string' && !/^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(v)) return JSON.stringify(v);
  return String(v);
}

/** A list literal in the style of the list it replaces: flow `[a, b]` (JSON quoted when the old items were). */
function listLiteral(text: string, old: TNode, v: readonly string[]): string {
  const first = old.kind === 'seq' ? old.items[0] : undefined;
  const quoted = first !== undefined ? text[first.start] === '"' : text.trimStart().startsWith('{');
  return `[${v.map((x) => (quoted ? JSON.stringify(x) : x)).join(', ')}]`;
}

interface Insert {
  readonly map: TMap;
  readonly edit: TextEdit;
}

/** A placeholder that `insertEntry` renders as a plain scalar, replaced by a nested map afterwards. */
const PLACEHOLDER = 'LDA_NESTED_VALUE_PLACEHOLDER';

class Builder {
  readonly replaces: TextEdit[] = [];
  readonly inserts: Insert[] = [];
  readonly changes: DesignChange[] = [];
  readonly skipped: SkippedChange[] = [];

  private readonly text: string;

  constructor(private readonly parsed: ParsedTemplate) {
    this.text = parsed.text;
  }

  /**
   * Why an edit of [start, end) (a value replaced, or an entry inserted into the map spanning it) would
   * change more than this resource: the range is, or lies inside, an anchored node (`&mem 512`: every
   * `*mem` would change too), or holds an anchor or an alias (replacing it would break or drop the
   * sharing). Undefined when the edit reaches this resource only.
   */
  shared(resource: string, start: number, end: number): string | undefined {
    const around = this.anchorAround(start, end);
    if (around !== undefined) return `shared through the YAML anchor &${around.name} (also used by ${this.others(resource, around.name)}); changing it would change them too, so it is left alone`;
    const aliases = this.parsed.aliases ?? [];
    const inside = [...this.usedAnchors(), ...aliases].find((a) => a.start >= start && a.end <= end && a.end > a.start);
    if (inside === undefined) return undefined;
    return aliases.includes(inside)
      ? `set through the YAML alias *${inside.name} (the anchor is in ${this.others(resource, inside.name)}); replacing it would silently stop the sharing, so it is left alone`
      : `holds the YAML anchor &${inside.name} (also used by ${this.others(resource, inside.name)}); replacing it would break them, so it is left alone`;
  }

  /** Anchors some alias refers to (an anchor nothing aliases shares nothing: editing under it is safe). */
  private usedAnchors() {
    const aliased = new Set((this.parsed.aliases ?? []).map((a) => a.name));
    return (this.parsed.anchors ?? []).filter((a) => aliased.has(a.name));
  }

  /** The anchored (and aliased) node that holds [start, end), if any. */
  private anchorAround(start: number, end: number) {
    return this.usedAnchors().find((a) => a.start <= start && end <= a.end);
  }

  /** The resources (or sections) other than `resource` that hold the anchor or an alias to it. */
  private others(resource: string, name: string): string {
    const list = sharersOf(this.parsed, name).filter((id) => id !== resource);
    return list.length > 0 ? list.join(', ') : 'no other resource yet';
  }

  skip(resource: string, property: string, v: Value, reason: string): void {
    this.skipped.push({ resource, property, to: display(v), reason });
  }

  /** Insert `key: v` into a map (nested maps through a placeholder so `insertEntry` keeps doing the layout). */
  insert(map: TMap, key: string, v: Value): TextEdit | undefined {
    if (typeof v !== 'object' || Array.isArray(v)) return insertEntry(this.text, map, key, v as InsertValue);
    const e = insertEntry(this.text, map, key, PLACEHOLDER);
    if (e === undefined) return undefined;
    const quoted = e.newText.includes(`"${PLACEHOLDER}"`);
    let nested: string;
    if (map.flow) {
      const keyQuoted = /^[,\s]*"/.test(e.newText) || /\{\s*"/.test(e.newText);
      nested = `{${Object.entries(v).map(([k, x]) => `${keyQuoted ? JSON.stringify(k) : k}: ${typeof x === 'string' ? JSON.stringify(x) : String(x)}`).join(', ')}}`;
    } else {
      // The key's indentation: the insertion starts with it, or with a line break and then it (at the end
      // of a text without a final newline, where a `^( *)` on the edit found no indentation: column 2).
      const indent = /^(?:\r?\n)?( *)/.exec(e.newText)?.[1] ?? '';
      const eol = eolOf(this.text);
      nested = Object.entries(v).map(([k, x]) => `${eol}${indent}  ${k}: ${String(x)}`).join('');
    }
    const target = quoted ? `"${PLACEHOLDER}"` : PLACEHOLDER;
    const newText = map.flow ? e.newText.replace(target, nested) : e.newText.replace(` ${target}`, nested);
    return { ...e, newText };
  }

  /**
   * Set `key` in `map` (a resource's Properties or a nested settings map) to `v`.
   * `path` is the dotted property path for the report.
   */
  set(resource: string, map: TMap | null, path: string, key: string, v: Value, note?: string): void {
    const e = entryOf(map, key);
    // `Key:` with nothing after it parses as an empty null scalar: treated as "no value" below.
    const empty = e?.value?.kind === 'scalar' && e.value.value === null && e.value.start === e.value.end;
    if (e !== undefined && e.value !== null && !empty) {
      const n = e.value;
      if (holds(n, v)) return;
      const shared = this.shared(resource, n.start, n.end);
      if (shared !== undefined) {
        this.skip(resource, path, v, shared);
        return;
      }
      if (n.kind === 'fn') {
        this.skip(resource, path, v, `set with ${fnLabel(n)}; left alone`);
        return;
      }
      const from = this.text.slice(n.start, n.end);
      if (Array.isArray(v)) {
        if (n.kind !== 'seq') {
          this.skip(resource, path, v, 'not a list; left alone');
          return;
        }
        if (n.items.some((i) => i.kind !== 'scalar')) {
          this.skip(resource, path, v, 'holds a non-plain value; left alone');
          return;
        }
        // A flow list is replaced whole; a block list item by item when the lengths match.
        if (n.flow) this.replaces.push({ start: n.start, end: n.end, newText: listLiteral(this.text, n, v) });
        else if (n.items.length === v.length) {
          n.items.forEach((item, i) => {
            if (str(item) !== v[i]) this.replaces.push({ start: item.start, end: item.end, newText: scalarLiteral(this.text, item, v[i] ?? '') });
          });
        } else {
          this.skip(resource, path, v, 'a block list of another length; left alone');
          return;
        }
      } else if (typeof v === 'object') {
        this.skip(resource, path, v, 'unexpected value; left alone');
        return;
      } else {
        if (n.kind !== 'scalar') {
          this.skip(resource, path, v, 'not a plain value; left alone');
          return;
        }
        this.replaces.push({ start: n.start, end: n.end, newText: scalarLiteral(this.text, n, v) });
      }
      this.changes.push({ resource, property: path, from, to: display(v), ...(note !== undefined ? { note } : {}) });
      return;
    }
    if (e !== undefined) {
      // `Key:` with no value (half-typed): the user is editing it; not ours to guess the layout.
      this.skip(resource, path, v, 'the key has no value; left alone');
      return;
    }
    if (map === null) {
      this.skip(resource, path, v, 'no Properties map to add it to');
      return;
    }
    const anchored = this.anchorAround(map.start, map.end);
    if (anchored !== undefined) {
      this.skip(resource, path, v, `it would go into a map shared through the YAML anchor &${anchored.name} (also used by ${this.others(resource, anchored.name)}), which would change them too; not added`);
      return;
    }
    const edit = this.insert(map, key, v);
    if (edit === undefined) {
      this.skip(resource, path, v, 'could not find where to insert it (empty or unusual map); left alone');
      return;
    }
    this.inserts.push({ map, edit });
    this.changes.push({ resource, property: path, from: null, to: display(v), ...(note !== undefined ? { note } : {}) });
  }

  /** Set a nested `outer.inner` (e.g. `ScalingConfig.MaximumConcurrency`), creating `outer` when missing. */
  setNested(resource: string, map: TMap | null, path: string, outer: string, inner: string, v: Plain): void {
    const e = entryOf(map, outer);
    if (e === undefined) {
      this.set(resource, map, path, outer, { [inner]: v });
      return;
    }
    if (e.value?.kind === 'fn') {
      this.skip(resource, `${path}.${inner}`, v, `${outer} is set with ${fnLabel(e.value)}; left alone`);
      return;
    }
    const m = asMap(e.value);
    if (m === null) {
      this.skip(resource, `${path}.${inner}`, v, `${outer} is not a map; left alone`);
      return;
    }
    this.set(resource, m, `${path}.${inner}`, inner, v);
  }

  /** All edits, inserts at one offset merged into one edit (the most nested map's lines first). */
  edits(): TextEdit[] {
    const byOffset = new Map<number, Insert[]>();
    for (const i of this.inserts) {
      const list = byOffset.get(i.edit.start) ?? [];
      list.push(i);
      byOffset.set(i.edit.start, list);
    }
    const merged: TextEdit[] = [];
    for (const [offset, list] of byOffset) {
      // Stable sort: a nested map starts after its parent, so a later start is deeper.
      const sorted = [...list].sort((a, b) => b.map.start - a.map.start);
      const first = sorted[0];
      if (first === undefined) continue;
      let newText: string;
      if (first.map.flow && first.map.entries.length === 0 && sorted.every((s) => s.map === first.map)) {
        newText = ` ${sorted.map((s) => s.edit.newText.trim()).join(', ')} `;
      } else {
        newText = sorted.map((s) => s.edit.newText).join('');
      }
      merged.push({ start: offset, end: offset, newText });
    }
    return [...this.replaces, ...merged].sort((a, b) => a.start - b.start || a.end - b.end);
  }
}

/** The event source the design is about: the first one of the function whose kind matches the design's source. */
function designSource(fn: FunctionInfo, design: Design): EventSourceInfo | undefined {
  const kind = SOURCE_KINDS[design.source];
  if (kind === undefined) return undefined;
  return fn.sources.find((s) => s.kind === kind);
}

/** The path of a settings map inside its owner's Properties (`Events.Orders.Properties`, or '' for a mapping). */
function settingsPrefix(s: EventSourceInfo): string {
  const p = s.settingsPath.replace(/^Properties\.?/, '');
  return p === '' ? '' : `${p}.`;
}

/**
 * The edits that write `design` into the function `resourceId` of a parsed template. Unknown resource or
 * not a function: no edit, one skipped entry saying why.
 */
export function designEdits(parsed: ParsedTemplate, resourceId: string, design: Design, model: TemplateModel = buildModel(parsed)): DesignEdits {
  const b = new Builder(parsed);
  const fn = model.functions.get(resourceId);
  if (fn === undefined) {
    const r: Resource | undefined = parsed.resources.get(resourceId);
    b.skip(resourceId, '', design.name, r === undefined ? 'no such resource in the template' : `${r.type || 'a resource without Type'} is not a Lambda function`);
    return { edits: [], changes: [], skipped: b.skipped };
  }
  const props = fn.resource.properties;

  // The design is for one compute shape; a function's shape is fixed when it is created (CapacityProviderConfig,
  // DurableConfig): values for another shape are not written (a 5,400 s timeout fails a classic function, 1,769 MB
  // a Managed Instances one).
  const lmiFn = fnProp(model, fn, 'CapacityProviderConfig') !== undefined;
  const durableFn = fnProp(model, fn, 'DurableConfig') !== undefined;
  const shape = design.compute.recommended;
  const mismatch =
    shape === 'direct-integration'
      ? 'the design replaces this function with a direct service integration (work.logic "forward-only"): nothing to write into it'
      : shape === 'managed-instances' && !lmiFn
        ? 'the design is for Lambda Managed Instances, and this function is a classic one (no CapacityProviderConfig, which can only be set when a function is created): create it on a capacity provider (lambda-advisor scaffold), or pin compute: "on-demand" in the scenario'
        : shape !== 'managed-instances' && lmiFn
          ? `this function runs on Managed Instances (CapacityProviderConfig) and the design is for ${shape}: pin compute: "managed-instances" in the scenario to design for it`
          : shape === 'durable-functions' && !durableFn
            ? 'the design is for a durable function, and durable execution can only be enabled when a function is created (DurableConfig): create it as a durable function (lambda-advisor scaffold), or pin compute: "on-demand"'
            : undefined;
  if (mismatch !== undefined) {
    b.skip(fn.id, 'MemorySize', design.memoryMb, mismatch);
    b.skip(fn.id, 'Timeout', design.timeoutSeconds, mismatch);
    return { edits: [], changes: [], skipped: b.skipped };
  }

  // Function-level settings, SAM Globals respected.
  const fnSet = (key: string, v: Value): void => {
    const p = fnProp(model, fn, key);
    if (p !== undefined && p.fromGlobals) {
      if (holds(p.value, v)) return;
      const was = p.value === null ? '(empty)' : parsed.text.slice(p.value.start, p.value.end);
      b.set(fn.id, props, key, key, v, `overrides Globals.Function.${key} (${was}) on ${fn.id} only; Globals left as they are`);
      return;
    }
    b.set(fn.id, props, key, key, v);
  };
  fnSet('MemorySize', design.memoryMb);
  fnSet('Timeout', design.timeoutSeconds);
  fnSet('Architectures', [design.architecture]);
  if (design.concurrency.reserved !== null && !lmiFn) fnSet('ReservedConcurrentExecutions', design.concurrency.reserved);
  // Managed Instances: the environment's GiB per vCPU and requests at once, in SAM's CapacityProviderConfig or
  // CloudFormation's LambdaManagedInstancesCapacityProviderConfig inside it.
  const m = design.compute.managedInstances;
  if (lmiFn && m !== null) {
    const cp = fnProp(model, fn, 'CapacityProviderConfig');
    const outer = asMap(cp?.value ?? null);
    if (cp === undefined || cp.fromGlobals || outer === null) {
      b.skip(fn.id, 'CapacityProviderConfig', `${m.memoryGiBPerVCpu} GiB per vCPU, ${m.perEnvironmentMaxConcurrency} at once`, cp?.fromGlobals ? 'set in Globals (shared by other functions); left alone' : 'not a plain map; left alone');
    } else {
      const inner = entryOf(outer, 'LambdaManagedInstancesCapacityProviderConfig');
      const target = inner === undefined ? outer : asMap(inner.value);
      const path = inner === undefined ? 'CapacityProviderConfig' : 'CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig';
      if (target === null) b.skip(fn.id, path, m.memoryGiBPerVCpu, 'not a plain map; left alone');
      else {
        b.set(fn.id, target, `${path}.ExecutionEnvironmentMemoryGiBPerVCpu`, 'ExecutionEnvironmentMemoryGiBPerVCpu', m.memoryGiBPerVCpu);
        b.set(fn.id, target, `${path}.PerExecutionEnvironmentMaxConcurrency`, 'PerExecutionEnvironmentMaxConcurrency', m.perEnvironmentMaxConcurrency);
      }
    }
  }
  // Durable functions: the whole execution's timeout (each invocation's is Timeout above).
  const w = design.compute.workflow;
  if (durableFn && shape === 'durable-functions' && w !== null) {
    const dc = fnProp(model, fn, 'DurableConfig');
    if (dc !== undefined && !dc.fromGlobals) b.setNested(fn.id, props, 'DurableConfig', 'DurableConfig', 'ExecutionTimeout', w.executionTimeoutSeconds);
  }

  // The event source the design is about.
  const s = designSource(fn, design);
  if (s !== undefined) {
    const owner = s.ownerId;
    const pre = settingsPrefix(s);
    const settings = s.settings;
    const batching = design.batching;
    if (batching !== null) {
      b.set(owner, settings, `${pre}BatchSize`, 'BatchSize', batching.batchSize);
      b.set(owner, settings, `${pre}MaximumBatchingWindowInSeconds`, 'MaximumBatchingWindowInSeconds', batching.maximumBatchingWindowSeconds);
      if (batching.reportBatchItemFailures) b.set(owner, settings, `${pre}FunctionResponseTypes`, 'FunctionResponseTypes', ['ReportBatchItemFailures']);
    }
    if (s.kind === 'sqs' && design.concurrency.maximumConcurrency !== null) {
      b.setNested(owner, settings, `${pre}ScalingConfig`, 'ScalingConfig', 'MaximumConcurrency', design.concurrency.maximumConcurrency);
    }
    if (s.kind === 'kinesis' || s.kind === 'dynamodb') {
      const eh = design.errorHandling;
      if (design.concurrency.parallelizationFactor !== null) b.set(owner, settings, `${pre}ParallelizationFactor`, 'ParallelizationFactor', design.concurrency.parallelizationFactor);
      if (eh.retryAttempts !== null) b.set(owner, settings, `${pre}MaximumRetryAttempts`, 'MaximumRetryAttempts', eh.retryAttempts);
      if (eh.maximumRecordAgeSeconds !== null) b.set(owner, settings, `${pre}MaximumRecordAgeInSeconds`, 'MaximumRecordAgeInSeconds', eh.maximumRecordAgeSeconds);
      if (eh.bisectBatchOnFunctionError !== null) b.set(owner, settings, `${pre}BisectBatchOnFunctionError`, 'BisectBatchOnFunctionError', eh.bisectBatchOnFunctionError);
    }
    // The source queue, when it is in the template.
    const q = design.errorHandling.queue;
    const queue = s.kind === 'sqs' && s.targetId !== undefined ? parsed.resources.get(s.targetId) : undefined;
    if (q !== null && queue !== undefined && queue.type === 'AWS::SQS::Queue') {
      b.set(queue.id, queue.properties, 'VisibilityTimeout', 'VisibilityTimeout', q.visibilityTimeoutSeconds);
      const redrive = entryOf(queue.properties, 'RedrivePolicy');
      if (redrive === undefined) {
        b.skip(queue.id, 'RedrivePolicy.maxReceiveCount', q.maxReceiveCount, 'the queue has no RedrivePolicy (it needs a dead-letter queue to name); add one');
      } else {
        b.setNested(queue.id, queue.properties, 'RedrivePolicy', 'RedrivePolicy', 'maxReceiveCount', q.maxReceiveCount);
      }
    }
  }
  return { edits: b.edits(), changes: b.changes, skipped: b.skipped };
}
