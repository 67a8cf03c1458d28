/**
 * Coupling between the functions of one template. A function allowed to invoke another (SAM
 * `LambdaInvokePolicy`, an IAM statement with `lambda:InvokeFunction` on its ARN, a SAM connector with
 * Write permission) or handed its name in an environment variable is probably calling it, and the
 * default invocation is synchronous: the caller waits, pays for its own duration while the callee
 * runs, must out-wait the callee's timeout, and fails when the callee is throttled. Chains are shown
 * whole (A → B → C) and the throttling risk of a callee with reserved concurrency is carried back to
 * the first caller. The event-driven alternative puts a queue, an event bus or a state machine between
 * them.
 */
import { fnNumber, fnProp, type FunctionInfo, type TemplateModel } from '../model.ts';
import { asMap, asSeq, entryOf, get, refsIn, str } from '../parse.ts';
import type { TNode, TextRange } from '../types.ts';
import { keyRange, n, type Rule } from './context.ts';
import { functionStatements } from './events.ts';

/** Why the template lets one function invoke another. */
export interface CouplingEdge {
  readonly from: string;
  readonly to: string;
  readonly via: 'LambdaInvokePolicy' | 'IAM statement' | 'connector' | 'environment variable';
  /** Where the permission or the variable is written. */
  readonly at: TextRange;
  /** Dotted path inside `owner` (the function, or the connector / role resource). */
  readonly owner: string;
  readonly property: string;
  /** The environment variable's name, for `environment variable`. */
  readonly variable?: string;
}

/** Longest chain followed from one caller (a cycle or a fan-out wider than this is cut). */
const MAX_CHAIN = 8;
/** Chains reported per template at most (a fan-out of fan-outs stays readable). */
const MAX_CHAINS = 50;

const INVOKE_ACTION = /^lambda:(\*|Invoke\*|InvokeFunction|InvokeAsync)$/i;

function actionsOf(stmt: TNode | null | undefined): string[] {
  return asSeq(get(asMap(stmt), 'Action')).flatMap((a) => {
    const s = str(a);
    return s === undefined ? [] : [s];
  });
}

function statementEdges(model: TemplateModel, fn: FunctionInfo, out: CouplingEdge[]): void {
  const t = model.template;
  for (const st of functionStatements(model, fn)) {
    const m = asMap(st);
    if (str(get(m, 'Effect')) === 'Deny') continue;
    if (!actionsOf(st).some((a) => INVOKE_ACTION.test(a))) continue;
    const res = entryOf(m, 'Resource');
    for (const id of refsIn(t, res?.value)) {
      if (!model.functions.has(id) || id === fn.id) continue;
      out.push({ from: fn.id, to: id, via: 'IAM statement', at: res ? keyRange(res) : { start: st.start, end: st.end }, owner: fn.id, property: 'Properties.Policies' });
    }
  }
}

/** A Lambda durable function (DurableConfig): it checkpoints and suspends while a step runs, so it is the orchestrator the rule recommends, not a waiting caller; one called is a workflow started or resumed (asynchronously, or by callback). */
function isDurable(model: TemplateModel, fn: FunctionInfo): boolean {
  return fnProp(model, fn, 'DurableConfig') !== undefined;
}

const INVOKE_MANAGED_POLICY = /AWSLambdaRole|AWSLambda_FullAccess|AdministratorAccess/;

/** Whether the function may invoke some function at all (a name in a variable alone cannot be called without it). */
function mayInvoke(model: TemplateModel, fn: FunctionInfo): boolean {
  for (const p of asSeq(fnProp(model, fn, 'Policies')?.value)) {
    if (entryOf(asMap(p), 'LambdaInvokePolicy') !== undefined) return true;
    const name = str(p);
    if (name !== undefined && INVOKE_MANAGED_POLICY.test(name)) return true;
  }
  return functionStatements(model, fn).some((st) => str(get(asMap(st), 'Effect')) !== 'Deny' && actionsOf(st).some((a) => a === '*' || INVOKE_ACTION.test(a)));
}

/** Every edge of the template, in document order of the callers. */
export function couplingEdges(model: TemplateModel): CouplingEdge[] {
  const t = model.template;
  const out: CouplingEdge[] = [];
  for (const fn of model.functions.values()) {
    if (isDurable(model, fn)) continue;
    const props = fn.resource.properties;
    // SAM policy templates: - LambdaInvokePolicy: { FunctionName: !Ref B }
    for (const p of asSeq(get(props, 'Policies'))) {
      const e = entryOf(asMap(p), 'LambdaInvokePolicy');
      if (e === undefined) continue;
      for (const id of refsIn(t, e.value)) {
        if (model.functions.has(id) && id !== fn.id) out.push({ from: fn.id, to: id, via: 'LambdaInvokePolicy', at: keyRange(e), owner: fn.id, property: 'Properties.Policies' });
      }
    }
    statementEdges(model, fn, out);
    const vars = asMap(get(asMap(get(props, 'Environment')), 'Variables'));
    const invokes = vars !== null && mayInvoke(model, fn);
    for (const v of invokes ? vars.entries : []) {
      for (const id of refsIn(t, v.value)) {
        if (!model.functions.has(id) || id === fn.id) continue;
        if (out.some((x) => x.from === fn.id && x.to === id)) continue;
        out.push({ from: fn.id, to: id, via: 'environment variable', at: keyRange(v), owner: fn.id, property: `Properties.Environment.Variables.${v.key}`, variable: v.key });
      }
    }
  }
  // SAM connectors: Source A, Destination B, Permissions [Write] lets A invoke B.
  for (const c of model.byType.get('AWS::Serverless::Connector') ?? []) {
    const p = c.properties;
    const idOf = (node: TNode | null | undefined): string | undefined => str(get(asMap(node), 'Id')) ?? [...refsIn(t, get(asMap(node), 'Arn'))][0];
    const from = idOf(get(p, 'Source'));
    const perms = asSeq(get(p, 'Permissions')).map((x) => str(x));
    if (from === undefined || !model.functions.has(from) || !perms.includes('Write')) continue;
    for (const d of asSeq(get(p, 'Destination'))) {
      const to = idOf(d);
      if (to !== undefined && to !== from && model.functions.has(to)) {
        out.push({ from, to, via: 'connector', at: keyRange(c.entry), owner: c.id, property: 'Properties.Destination' });
      }
    }
  }
  // One edge per pair: the first evidence found (a permission before a variable); none to a durable function.
  const seen = new Set<string>();
  return out.filter((e) => {
    const callee = model.functions.get(e.to);
    if (callee === undefined || isDurable(model, callee)) return false;
    const k = `${e.from}\u0000${e.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Maximal chains: from each caller nobody in the template calls (or, in a cycle, its first member). */
export function couplingChains(model: TemplateModel): { readonly path: readonly string[]; readonly edges: readonly CouplingEdge[] }[] {
  const edges = couplingEdges(model);
  const outOf = new Map<string, CouplingEdge[]>();
  const called = new Set<string>();
  for (const e of edges) {
    const list = outOf.get(e.from) ?? [];
    list.push(e);
    outOf.set(e.from, list);
    called.add(e.to);
  }
  const starts = [...outOf.keys()].filter((id) => !called.has(id));
  // Functions only reachable through a cycle: start at the first of them not yet covered.
  const covered = new Set<string>();
  const chains: { path: string[]; edges: CouplingEdge[] }[] = [];
  const walk = (path: string[], via: CouplingEdge[]): void => {
    if (chains.length >= MAX_CHAINS) return;
    const last = path[path.length - 1] as string;
    const next = (outOf.get(last) ?? []).filter((e) => !path.includes(e.to));
    if (next.length === 0 || path.length >= MAX_CHAIN) {
      if (via.length > 0) chains.push({ path: [...path], edges: [...via] });
      return;
    }
    for (const e of next) walk([...path, e.to], [...via, e]);
  };
  const start = (id: string): void => {
    const before = chains.length;
    walk([id], []);
    for (const c of chains.slice(before)) for (const p of c.path) covered.add(p);
  };
  for (const id of starts) start(id);
  for (const id of outOf.keys()) if (!covered.has(id)) start(id);
  return chains;
}

function reservedOf(model: TemplateModel, id: string): number | undefined {
  const fn = model.functions.get(id);
  return fn === undefined ? undefined : fnNumber(model, fn, 'ReservedConcurrentExecutions');
}

function timeoutOf(model: TemplateModel, id: string): number | undefined {
  const fn = model.functions.get(id);
  return fn === undefined ? undefined : fnNumber(model, fn, 'Timeout');
}

function how(e: CouplingEdge): string {
  switch (e.via) {
    case 'LambdaInvokePolicy':
      return 'LambdaInvokePolicy';
    case 'IAM statement':
      return 'lambda:InvokeFunction';
    case 'connector':
      return `connector ${e.owner}`;
    default:
      return `environment variable ${e.variable ?? ''}`.trim();
  }
}

/** The chain as a person reads it: A → B → C, with what links each pair. */
export function chainText(edges: readonly CouplingEdge[]): string {
  const first = edges[0];
  if (first === undefined) return '';
  return [first.from, ...edges.map((e) => e.to)].join(' → ');
}

/** What the chain risks, in sentences: throttling carried back, timeouts, paying twice. */
function risks(model: TemplateModel, path: readonly string[]): string[] {
  const out: string[] = [];
  const head = path[0] as string;
  for (let i = 1; i < path.length; i++) {
    const id = path[i] as string;
    const r = reservedOf(model, id);
    if (r === undefined) continue;
    const upstream = path.slice(0, i);
    out.push(
      r === 0
        ? `${id} has ReservedConcurrentExecutions 0, so every call to it is throttled: ${upstream.join(' and ')} fail${upstream.length === 1 ? 's' : ''} with it.`
        : `${id} has ReservedConcurrentExecutions ${n(r)}: once ${n(r)} of its invocations are running, further synchronous calls are throttled (TooManyRequestsException), and the throttle travels back up the chain to ${upstream.join(', then ')}, which fail${upstream.length === 1 ? 's' : ''} or retr${upstream.length === 1 ? 'ies' : 'y'} while waiting.`,
    );
  }
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i] as string;
    const b = path[i + 1] as string;
    const ta = timeoutOf(model, a);
    const tb = timeoutOf(model, b);
    if (ta !== undefined && tb !== undefined && ta <= tb) out.push(`${a} times out after ${n(ta)} s but waits on ${b}, which may run ${n(tb)} s.`);
  }
  out.push(`${head} waits for the whole chain and is billed for its duration meanwhile (each function pays for the time the next one runs).`);
  return out;
}

export const synchronousCoupling: Rule = {
  id: 'LDA701',
  name: 'synchronous-coupling',
  severity: 'info',
  summary: 'A function is allowed to invoke another function of the template directly',
  help:
    'The 2019 article: "Lambdas shouldn\'t be directly coupled to one another in a Request Response fashion". A synchronous invocation makes the caller wait and pay while the callee runs, time out when it is slow, and fail when it is throttled (for instance by its reserved concurrency). ' +
    'Put something between them: an SQS queue (the callee polls at its own pace, retries and a dead-letter queue come free), an EventBridge bus (several consumers, no caller waiting) or a Step Functions state machine (the sequence, retries and timeouts in one place, no function waiting on another). If the call must stay, invoke with InvocationType Event and an on-failure destination. A Lambda durable function (DurableConfig) that calls others is such an orchestrator and is not reported.',
  sources: ['article2019', 'invoke', 'concurrency'],
  check(ctx) {
    const model = ctx.model;
    for (const c of couplingChains(model)) {
      const first = c.edges[0];
      if (first === undefined) continue;
      const throttled = c.path.slice(1).some((id) => reservedOf(model, id) !== undefined);
      const chain = chainText(c.edges);
      const links = c.edges.map((e) => `${e.from} may invoke ${e.to} (${how(e)})`).join(', ');
      const onlyVariable = c.edges.every((e) => e.via === 'environment variable');
      const alternative =
        c.path.length > 2
          ? `Replace the chain with a Step Functions state machine that runs ${c.path.slice(1).join(', then ')} (retries and timeouts in one place, nobody waiting), or put an SQS queue or an EventBridge bus between each pair.`
          : `Put an SQS queue between them (${first.to} polls it at its own pace, with retries and a dead-letter queue) or publish an EventBridge event ${first.to} subscribes to; if ${first.from} must call it directly, invoke with InvocationType Event and an on-failure destination.`;
      ctx.report(this, {
        resource: first.owner,
        property: first.property,
        at: first.at,
        severity: throttled ? 'warning' : 'info',
        message:
          `${onlyVariable ? 'Possible synchronous' : 'Synchronous'} coupling: ${chain}. ${links}` +
          (onlyVariable ? ` (it is given the name and may invoke functions, so it probably calls it)` : '') +
          `; an Invoke is synchronous (RequestResponse) by default. ` +
          risks(model, c.path).join(' ') +
          ' ' +
          alternative,
      });
    }
  },
};

/** For the hover on a function's Policies or environment: every chain the function takes part in. */
export function couplingHoverLines(model: TemplateModel, functionId: string): string[] {
  const chains = couplingChains(model).filter((c) => c.path.includes(functionId));
  if (chains.length === 0) return [];
  const lines = ['**Calls between functions** (synchronous by default):'];
  for (const c of chains) {
    const throttles = c.path.slice(1).flatMap((id) => {
      const r = reservedOf(model, id);
      return r === undefined ? [] : [`${id} reserved concurrency ${n(r)}`];
    });
    lines.push(`- ${chainText(c.edges)}${throttles.length > 0 ? ` · throttling risk: ${throttles.join(', ')}` : ''}`);
  }
  return lines;
}

export const COUPLING_RULES: readonly Rule[] = [synchronousCoupling];


