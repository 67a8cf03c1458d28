/**
 * The wizard's form: what the user typed, field by field (numbers kept as the text typed, so "1e"
 * or "" can be shown and reported, never silently dropped). `toScenarioInput` turns it into a
 * scenario JSON; `parseScenario` (the engine's own validator) says what is wrong, by field path.
 * Pure: no DOM, no React, so the store tests run in plain Node.
 */
import { parseScenario, type FieldError, type Scenario, type ScenarioInput, type EventSource } from '../../src/engine/scenario.ts';
import type { ScenarioJson, Settings, StepId } from '../../src/protocol/messages.ts';
import { SOURCE_KIND } from '../../src/engine/sources/index.ts';

export type TrafficMode = 'monthly' | 'perSecond';

export interface Form {
  name: string;
  region: string;
  runtime: string;
  architecture: string;
  /** cost | balanced | speed (AWS Lambda Power Tuning's strategies). */
  optimizeFor: string;
  /** "auto" (the advisor chooses) or a compute kind that pins the shape (issue 11). */
  compute: string;
  source: EventSource | '';
  trafficMode: TrafficMode;
  requestsPerMonth: string;
  averagePerSecond: string;
  peakPerSecond: string;
  payloadKb: string;
  /** Response size (synchronous sources only), KB. */
  responseKb: string;
  shards: string;
  messageGroups: string;
  /** Kafka topic partitions (kafka only). */
  partitions: string;
  averageDurationMs: string;
  p99DurationMs: string;
  measuredAtMemoryMb: string;
  profile: string;
  maxMemoryUsedMb: string;
  targetP99Ms: string;
  coldStarts: string;
  monthlyUsd: string;
  freeTier: boolean;
  privateResources: boolean;
  internetEgress: boolean;
  egressGbPerMonth: string;
  awsServices: string[];
  maxConcurrency: string;
  maxRequestsPerSecond: string;
  ordering: string;
  idempotent: boolean;
  /** The handler processes a batch's records concurrently (poll sources; work.recordsInParallel). */
  recordsInParallel: boolean;
  /** Fields of the scenario the wizard has no control for (kept so a loaded file round-trips). */
  extra: { work: Record<string, unknown>; network: Record<string, unknown> };
}

export type FieldKey = Exclude<keyof Form, 'extra'>;

/** Scenario path -> form field. */
export const FIELD_OF_PATH: Readonly<Record<string, FieldKey>> = {
  name: 'name',
  region: 'region',
  runtime: 'runtime',
  architecture: 'architecture',
  optimizeFor: 'optimizeFor',
  compute: 'compute',
  source: 'source',
  'traffic.requestsPerMonth': 'requestsPerMonth',
  'traffic.averagePerSecond': 'averagePerSecond',
  'traffic.peakPerSecond': 'peakPerSecond',
  'traffic.payloadKb': 'payloadKb',
  'traffic.responseKb': 'responseKb',
  'traffic.shards': 'shards',
  'traffic.messageGroups': 'messageGroups',
  'traffic.partitions': 'partitions',
  'work.averageDurationMs': 'averageDurationMs',
  'work.p99DurationMs': 'p99DurationMs',
  'work.measuredAtMemoryMb': 'measuredAtMemoryMb',
  'work.profile': 'profile',
  'work.maxMemoryUsedMb': 'maxMemoryUsedMb',
  'latency.targetP99Ms': 'targetP99Ms',
  'latency.coldStarts': 'coldStarts',
  'budget.monthlyUsd': 'monthlyUsd',
  'budget.freeTier': 'freeTier',
  'network.privateResources': 'privateResources',
  'network.internetEgress': 'internetEgress',
  'network.egressGbPerMonth': 'egressGbPerMonth',
  'network.awsServices': 'awsServices',
  'downstream.maxConcurrency': 'maxConcurrency',
  'downstream.maxRequestsPerSecond': 'maxRequestsPerSecond',
  ordering: 'ordering',
  idempotent: 'idempotent',
  'work.recordsInParallel': 'recordsInParallel',
};

/** Which step shows which field (the wizard does not leave a step while one of them is wrong). */
export const STEP_FIELDS: Readonly<Record<Exclude<StepId, 'design'>, readonly FieldKey[]>> = {
  workload: ['name', 'requestsPerMonth', 'averagePerSecond', 'peakPerSecond', 'payloadKb', 'averageDurationMs', 'p99DurationMs', 'measuredAtMemoryMb', 'profile', 'maxMemoryUsedMb'],
  source: ['source', 'responseKb', 'shards', 'messageGroups', 'partitions'],
  latency: ['targetP99Ms', 'coldStarts'],
  budget: ['monthlyUsd', 'optimizeFor', 'compute', 'region', 'freeTier'],
  constraints: ['runtime', 'architecture', 'privateResources', 'internetEgress', 'egressGbPerMonth', 'awsServices', 'maxConcurrency', 'maxRequestsPerSecond', 'ordering', 'idempotent', 'recordsInParallel'],
};

export function defaultForm(settings: Settings): Form {
  return {
    name: 'my-function',
    region: settings.region,
    runtime: settings.defaultRuntime,
    architecture: 'auto',
    optimizeFor: 'cost',
    compute: 'auto',
    source: '',
    trafficMode: 'monthly',
    requestsPerMonth: '1000000',
    averagePerSecond: '',
    peakPerSecond: '10',
    payloadKb: '1',
    responseKb: '',
    shards: '',
    messageGroups: '',
    partitions: '',
    averageDurationMs: '100',
    p99DurationMs: '300',
    measuredAtMemoryMb: '1024',
    profile: 'mixed',
    maxMemoryUsedMb: '',
    targetP99Ms: '',
    coldStarts: 'tolerate',
    monthlyUsd: '',
    freeTier: settings.freeTier,
    privateResources: false,
    internetEgress: false,
    egressGbPerMonth: '',
    awsServices: [],
    maxConcurrency: '',
    maxRequestsPerSecond: '',
    ordering: 'none',
    idempotent: true,
    recordsInParallel: false,
    extra: { work: {}, network: {} },
  };
}

/** "" -> absent; a number -> the number; anything else -> the text itself (the validator says "must be a number"). */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim().replace(/[\s,_]/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? n : text;
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

/** The scenario JSON for a form: what a saved file contains. Fields left empty are left out. */
export function toScenarioInput(f: Form): ScenarioJson {
  const traffic: Record<string, unknown> = {};
  if (f.trafficMode === 'monthly') put(traffic, 'requestsPerMonth', numberOrText(f.requestsPerMonth));
  else put(traffic, 'averagePerSecond', numberOrText(f.averagePerSecond));
  put(traffic, 'peakPerSecond', numberOrText(f.peakPerSecond));
  put(traffic, 'payloadKb', numberOrText(f.payloadKb));
  if (f.source !== '' && SOURCE_KIND[f.source] === 'sync') put(traffic, 'responseKb', numberOrText(f.responseKb));
  if (f.source === 'kinesis' || f.source === 'dynamodb-streams') put(traffic, 'shards', numberOrText(f.shards));
  if (f.source === 'sqs-fifo') put(traffic, 'messageGroups', numberOrText(f.messageGroups));
  if (f.source === 'kafka') put(traffic, 'partitions', numberOrText(f.partitions));

  const work: Record<string, unknown> = { ...f.extra.work };
  put(work, 'averageDurationMs', numberOrText(f.averageDurationMs));
  put(work, 'p99DurationMs', numberOrText(f.p99DurationMs));
  put(work, 'measuredAtMemoryMb', numberOrText(f.measuredAtMemoryMb));
  put(work, 'profile', f.profile);
  put(work, 'maxMemoryUsedMb', numberOrText(f.maxMemoryUsedMb));
  // The default (false) is left out, so a scenario without the field round-trips unchanged.
  if (f.recordsInParallel && f.source !== '' && SOURCE_KIND[f.source] !== 'sync' && SOURCE_KIND[f.source] !== 'async') work['recordsInParallel'] = true;

  const latency: Record<string, unknown> = { coldStarts: f.coldStarts };
  put(latency, 'targetP99Ms', numberOrText(f.targetP99Ms));
  const budget: Record<string, unknown> = { freeTier: f.freeTier };
  put(budget, 'monthlyUsd', numberOrText(f.monthlyUsd));
  const network: Record<string, unknown> = { ...f.extra.network, privateResources: f.privateResources, internetEgress: f.internetEgress, awsServices: [...f.awsServices] };
  if (f.internetEgress) put(network, 'egressGbPerMonth', numberOrText(f.egressGbPerMonth));
  const downstream: Record<string, unknown> = {};
  put(downstream, 'maxConcurrency', numberOrText(f.maxConcurrency));
  put(downstream, 'maxRequestsPerSecond', numberOrText(f.maxRequestsPerSecond));

  const out: Record<string, unknown> = {
    name: f.name,
    region: f.region,
    runtime: f.runtime,
    architecture: f.architecture,
  };
  // The default is left out, so a scenario without the field round-trips unchanged.
  if (f.optimizeFor !== 'cost') out['optimizeFor'] = f.optimizeFor;
  if (f.compute !== 'auto') out['compute'] = f.compute;
  if (f.source !== '') out['source'] = f.source;
  out['traffic'] = traffic;
  out['work'] = work;
  out['latency'] = latency;
  out['budget'] = budget;
  out['network'] = network;
  out['downstream'] = downstream;
  out['ordering'] = f.ordering;
  out['idempotent'] = f.idempotent;
  return out;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A form showing a scenario (a loaded file, or the state kept by the webview). */
export function fromScenarioInput(s: ScenarioJson | ScenarioInput, settings: Settings): Form {
  const d = defaultForm(settings);
  const r = s as Record<string, unknown>;
  const traffic = obj(r['traffic']);
  const work = obj(r['work']);
  const latency = obj(r['latency']);
  const budget = obj(r['budget']);
  const network = obj(r['network']);
  const downstream = obj(r['downstream']);
  const known = new Set(['averageDurationMs', 'p99DurationMs', 'measuredAtMemoryMb', 'profile', 'maxMemoryUsedMb', 'recordsInParallel']);
  const extraWork = Object.fromEntries(Object.entries(work).filter(([k]) => !known.has(k)));
  const knownNetwork = new Set(['privateResources', 'internetEgress', 'egressGbPerMonth', 'awsServices']);
  const extraNetwork = Object.fromEntries(Object.entries(network).filter(([k]) => !knownNetwork.has(k)));
  const perSecond = traffic['requestsPerMonth'] === undefined && traffic['averagePerSecond'] !== undefined;
  return {
    name: typeof r['name'] === 'string' ? r['name'] : d.name,
    region: typeof r['region'] === 'string' ? r['region'] : d.region,
    runtime: typeof r['runtime'] === 'string' ? r['runtime'] : d.runtime,
    architecture: typeof r['architecture'] === 'string' ? r['architecture'] : d.architecture,
    optimizeFor: typeof r['optimizeFor'] === 'string' ? r['optimizeFor'] : d.optimizeFor,
    compute: typeof r['compute'] === 'string' ? r['compute'] : d.compute,
    source: typeof r['source'] === 'string' ? (r['source'] as EventSource) : '',
    trafficMode: perSecond ? 'perSecond' : 'monthly',
    requestsPerMonth: text(traffic['requestsPerMonth']),
    averagePerSecond: text(traffic['averagePerSecond']),
    peakPerSecond: text(traffic['peakPerSecond']),
    payloadKb: traffic['payloadKb'] === undefined ? '1' : text(traffic['payloadKb']),
    responseKb: text(traffic['responseKb']),
    shards: text(traffic['shards']),
    messageGroups: text(traffic['messageGroups']),
    partitions: text(traffic['partitions']),
    averageDurationMs: text(work['averageDurationMs']),
    p99DurationMs: text(work['p99DurationMs']),
    measuredAtMemoryMb: text(work['measuredAtMemoryMb']),
    profile: typeof work['profile'] === 'string' ? work['profile'] : 'mixed',
    maxMemoryUsedMb: text(work['maxMemoryUsedMb']),
    targetP99Ms: text(latency['targetP99Ms']),
    coldStarts: typeof latency['coldStarts'] === 'string' ? latency['coldStarts'] : 'tolerate',
    monthlyUsd: text(budget['monthlyUsd']),
    freeTier: typeof budget['freeTier'] === 'boolean' ? budget['freeTier'] : false,
    privateResources: network['privateResources'] === true,
    internetEgress: network['internetEgress'] === true,
    egressGbPerMonth: text(network['egressGbPerMonth'] === 0 ? '' : network['egressGbPerMonth']),
    awsServices: Array.isArray(network['awsServices']) ? network['awsServices'].filter((x): x is string => typeof x === 'string') : [],
    maxConcurrency: text(downstream['maxConcurrency']),
    maxRequestsPerSecond: text(downstream['maxRequestsPerSecond']),
    ordering: typeof r['ordering'] === 'string' ? r['ordering'] : 'none',
    idempotent: r['idempotent'] !== false,
    recordsInParallel: work['recordsInParallel'] === true,
    extra: { work: extraWork, network: extraNetwork },
  };
}

export type Validation = { scenario: Scenario | null; errors: Partial<Record<FieldKey, string>>; other: FieldError[] };

/** Validate the form with the engine's own schema; errors by form field (the first per field). */
export function validate(f: Form): Validation {
  const input = toScenarioInput(f);
  const r = parseScenario(input);
  if (r.ok) return { scenario: r.scenario, errors: {}, other: [] };
  const errors: Partial<Record<FieldKey, string>> = {};
  const other: FieldError[] = [];
  for (const e of r.errors) {
    let key = FIELD_OF_PATH[e.path] ?? FIELD_OF_PATH[e.path.replace(/\[\d+\]$/, '')];
    // The one-of rule for traffic reports on whichever form the user chose.
    if (key === 'requestsPerMonth' && f.trafficMode === 'perSecond') key = 'averagePerSecond';
    if (key === 'source' && f.source === '') {
      errors.source ??= 'choose what invokes the function';
      continue;
    }
    if (key) errors[key] ??= e.message;
    else other.push(e);
  }
  // A scenario with no source stops zod before the cross-field checks; run them with a stand-in
  // source so the workload step can report its own problems before step 2 is done.
  if (f.source === '') {
    const probe = parseScenario({ ...input, source: 'sqs' });
    if (!probe.ok) {
      for (const e of probe.errors) {
        let key = FIELD_OF_PATH[e.path];
        if (key === 'requestsPerMonth' && f.trafficMode === 'perSecond') key = 'averagePerSecond';
        if (key && key !== 'shards' && key !== 'messageGroups' && key !== 'partitions') errors[key] ??= e.message;
      }
    }
  }
  return { scenario: null, errors, other };
}

export function stepErrors(v: Validation, step: StepId): FieldKey[] {
  if (step === 'design') return [];
  return STEP_FIELDS[step].filter((k) => v.errors[k] !== undefined);
}

/** The first step with a problem, or null when the scenario is complete. */
export function firstInvalidStep(v: Validation): Exclude<StepId, 'design'> | null {
  for (const step of Object.keys(STEP_FIELDS) as Exclude<StepId, 'design'>[]) {
    if (stepErrors(v, step).length > 0) return step;
  }
  return v.scenario ? null : 'workload';
}
