/**
 * "Advise on this function": a scenario for the wizard, built from what the template says about one
 * function (its event source, memory, runtime, architecture, VPC), plus the settings it has now so the
 * wizard can show them beside its recommendation. A valid scenario attached in `Metadata.LambdaAdvisor`
 * wins: it is the workload the user described. What the template cannot say (traffic, duration) comes
 * from the same assumed defaults as the cost lens, and `notes` says so. Plain TypeScript, no `vscode`.
 */
import { LIMITS, RUNTIME_FAMILIES, runtimeInfo } from '../facts/index.ts';
import { parseScenario, type EventSource, type Scenario, type ScenarioInput } from '../scenario.ts';
import type { TemplateEventKind as SourceKind } from './model.ts';
import { attachedScenarioInput, LENS_DEFAULTS, type LensDefaults } from './lens.ts';
import { FUNCTION_DEFAULTS, type FunctionFacts } from './function-facts.ts';
import { whole } from '../format.ts';

/** The function's settings as the template has them now (undefined: not set, or not a plain value). */
export interface CurrentSettings {
  readonly memoryMb: number | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly architecture: 'arm64' | 'x86_64' | undefined;
  readonly batchSize: number | undefined;
  readonly batchingWindowSeconds: number | undefined;
  readonly reservedConcurrency: number | undefined;
  readonly vpcAttached: boolean;
}

export interface AdviseRequest {
  readonly scenario: Scenario;
  /** Where it came from, so a result can be written back to the right resource. */
  readonly origin: { readonly uri: string; readonly resourceId: string };
  readonly current: CurrentSettings;
  /** What was assumed or could not be read, for the user. */
  readonly notes: readonly string[];
  /** True when the workload is assumed (not from Metadata.LambdaAdvisor): apply then never lowers memory or timeout. */
  readonly assumed: boolean;
}

export type AdviseResult = { readonly ok: true; readonly request: AdviseRequest } | { readonly ok: false; readonly message: string };

/** The scenario source for a template event source (undefined: not one the wizard models). */
export function scenarioSource(kind: SourceKind, fifo: boolean): EventSource | undefined {
  switch (kind) {
    case 'sqs':
      return fifo ? 'sqs-fifo' : 'sqs';
    case 'kinesis':
      return 'kinesis';
    case 'dynamodb':
      return 'dynamodb-streams';
    case 'kafka':
      return 'kafka';
    case 's3':
      return 's3';
    case 'sns':
      return 'sns';
    case 'eventbridge':
      return 'eventbridge';
    case 'schedule':
      return 'schedule';
    case 'api':
      return 'api-gateway-rest';
    case 'httpapi':
      return 'api-gateway-http';
    case 'alb':
      return 'alb';
    case 'logs':
    case 'iot':
      return 'direct-async';
    default:
      return undefined;
  }
}

/**
 * `nodejs20.x` -> nodejs, `python3.12` -> python, `java21` -> java, `dotnet8` -> dotnet, `ruby3.3` -> ruby:
 * the family, from the runtime table (an identifier the table does not know: by its prefix).
 */
export function runtimeFamily(runtime: string | undefined): Scenario['runtime'] | undefined {
  if (runtime === undefined) return undefined;
  const known = runtimeInfo(runtime);
  if (known !== undefined) return known.family;
  const lower = runtime.toLowerCase();
  return RUNTIME_FAMILIES.find((r) => lower.startsWith(r));
}

/** A scenario name from a logical id: letters, digits, - and _, at most the function-name limit. */
export function scenarioName(id: string): string {
  const clean = id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, LIMITS.functionNameMaxLength.value);
  return clean.length > 0 ? clean : 'Function';
}

export interface AdviseOptions {
  /**
   * For "Apply recommended values": an assumed workload that does not depend on the values the apply
   * writes (memory, timeout), so applying twice gives the same values. The assumed duration is then taken
   * as measured at Lambda's default memory and is not clamped by the template's timeout; otherwise a
   * second apply would re-assume "100 ms at the memory just written" and drift every time.
   */
  readonly independentOfSettings?: boolean;
}

export function adviseRequest(f: FunctionFacts, uri: string, defaults: LensDefaults = LENS_DEFAULTS, options: AdviseOptions = {}): AdviseResult {
  const stable = options.independentOfSettings === true;
  const current: CurrentSettings = {
    memoryMb: f.memoryMb,
    timeoutSeconds: f.timeoutSeconds,
    architecture: f.architecture,
    batchSize: f.source?.batchSize,
    batchingWindowSeconds: f.source?.batchingWindowSeconds,
    reservedConcurrency: f.reservedConcurrency,
    vpcAttached: f.vpcAttached,
  };
  const origin = { uri, resourceId: f.id };
  const notes: string[] = [];

  if (f.attachedScenario !== undefined) {
    const attached = parseScenario(attachedScenarioInput(f.attachedScenario));
    if (attached.ok) {
      return { ok: true, request: { scenario: attached.scenario, origin, current, notes: ['Workload from Metadata.LambdaAdvisor.'], assumed: false } };
    }
    notes.push('Metadata.LambdaAdvisor is not a valid scenario; the workload below is assumed instead.');
  }

  let source: EventSource;
  const fromTemplate = f.source === undefined ? undefined : scenarioSource(f.source.kind, f.source.fifo);
  if (fromTemplate !== undefined) {
    source = fromTemplate;
    if (f.sourceCount > 1) notes.push(`${f.id} has ${f.sourceCount} event sources; advising for the first one (${f.source?.name}).`);
  } else if (f.source !== undefined) {
    source = 'direct-sync';
    notes.push(`Its event source (${f.source.kind}) is not one the wizard models; pick the closest one.`);
  } else {
    source = f.hasFunctionUrl ? 'function-url' : 'direct-sync';
    if (!f.hasFunctionUrl) notes.push('No event source in the template: assumed a direct synchronous invocation.');
  }

  const memory = !stable && f.memoryMb !== undefined && Number.isInteger(f.memoryMb) && f.memoryMb >= LIMITS.memoryMinMb.value && f.memoryMb <= LIMITS.memoryMaxMb.value
    ? f.memoryMb
    : FUNCTION_DEFAULTS.memoryMb;
  const timeoutMs = (stable ? LIMITS.timeoutMaxSeconds.value : (f.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds)) * 1_000;
  const avg = Math.max(1, Math.min(defaults.durationMs, timeoutMs));
  // p99 is not in a template: assume twice the average, never beyond the configured timeout.
  const p99 = Math.max(avg, Math.min(avg * 2, timeoutMs));
  notes.push(
    `Assumed workload: ${whole(defaults.requestsPerMonth)} requests/month, ${avg} ms average and ${p99} ms p99, measured at ${memory} MB (${stable ? "Lambda's default memory, not the template's, so that applying again gives the same values" : "the template's memory"}). Replace them with measured values (a scenario in Metadata.LambdaAdvisor).`,
  );

  const input: ScenarioInput = {
    name: scenarioName(f.id),
    region: defaults.region,
    source,
    traffic: {
      requestsPerMonth: defaults.requestsPerMonth,
      ...(source === 'kinesis' ? { shards: f.source?.shards !== undefined && Number.isInteger(f.source.shards) && f.source.shards >= 1 ? f.source.shards : 1 } : {}),
    },
    work: { averageDurationMs: avg, p99DurationMs: p99, measuredAtMemoryMb: memory },
    network: { privateResources: f.vpcAttached },
    ...(f.architecture !== undefined ? { architecture: f.architecture } : {}),
    // A function's shape is fixed when it is created (CapacityProviderConfig, DurableConfig): advise for the shape it
    // is; values to apply are for the shape it is too.
    ...(f.compute !== undefined && (f.compute !== 'on-demand' || stable) ? { compute: f.compute } : {}),
  };
  if (source === 'kinesis' && f.source?.shards === undefined) notes.push('Shard count not found in the template: assumed 1.');
  // The template's own identifier when the table knows it (so SnapStart and deprecation are checked), else its family.
  const runtime = f.runtime !== undefined && runtimeInfo(f.runtime) !== undefined ? f.runtime : runtimeFamily(f.runtime);
  if (runtime !== undefined) input.runtime = runtime;
  else if (f.runtime !== undefined) notes.push(`Runtime ${f.runtime} is not one the wizard models; assumed Node.js.`);

  const parsed = parseScenario(input);
  if (!parsed.ok) return { ok: false, message: `Could not build a scenario for ${f.id}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` };
  return { ok: true, request: { scenario: parsed.scenario, origin, current, notes, assumed: true } };
}
