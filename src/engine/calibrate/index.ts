/**
 * Calibrate from real measurements: the reader (`Calibrator`), the choice of function, and the
 * scenario whose `work` comes from the data. Pure; the CLI and the wizard bring the lines.
 */
import { PRICING_UNITS } from '../facts/index.ts';
import { count, whole } from '../format.ts';
import type { Measurement } from '../scenario.ts';
import { LOOKED_FOR, type CalibrationRead, type FormatId, type FunctionMeasurements } from './accumulator.ts';

export { Calibrator, FORMAT_LABEL, LOOKED_FOR, type CalibrationRead, type FileSummary, type FormatId, type FunctionMeasurements } from './accumulator.ts';
export { DurationQuantiles, EXACT_LIMIT } from './quantiles.ts';
export { decodePowerTuningHash, parseReportLine, parseJsonReport, powerTuningStats, type Invocation, type PowerTuningPoint } from './formats.ts';

export type Selection = { ok: true; data: FunctionMeasurements; notes: string[] } | { ok: false; message: string };

function describe(f: FunctionMeasurements): string {
  const sizes = f.measurements.map((m) => m.memoryMb).join(', ');
  return `${f.name ?? '(no function name)'}: ${whole(f.invocations)} invocations at ${sizes} MB`;
}

/**
 * The function to calibrate. Data that names no function (Power Tuning results, plain logs) joins the
 * one named function, or the one asked for with `functionName`; several named functions and no
 * choice is a question back to the user.
 */
export function selectFunction(read: CalibrationRead, functionName?: string): Selection {
  const named = read.functions.filter((f) => f.name !== null);
  const unnamed = read.functions.find((f) => f.name === null);
  const notes: string[] = [];
  let chosen: FunctionMeasurements | undefined;
  if (functionName !== undefined && named.length > 0) {
    chosen = named.find((f) => f.name === functionName);
    if (!chosen) return { ok: false, message: `no measurements for function '${functionName}'; the input has: ${named.map(describe).join('; ')}` };
  } else if (named.length > 1) {
    return {
      ok: false,
      message: `the input has measurements of ${named.length} functions; choose one with --function NAME: ${named.map(describe).join('; ')}${unnamed ? `; and data naming no function (${describe(unnamed)}), which joins the one chosen` : ''}`,
    };
  } else if (named.length === 1) {
    chosen = named[0];
  }
  if (functionName !== undefined && named.length === 0 && unnamed) notes.push(`The input names no function; all of it is taken as '${functionName}'.`);
  if (!chosen) {
    if (!unnamed) return { ok: false, message: 'no measurements' };
    return { ok: true, data: unnamed, notes: [...notes, ...shadowNotes(unnamed)] };
  }
  if (!unnamed) return { ok: true, data: chosen, notes: shadowNotes(chosen) };
  const have = new Set(chosen.measurements.map((m) => m.memoryMb));
  const extra = unnamed.measurements.filter((m) => !have.has(m.memoryMb));
  const dropped = unnamed.measurements.filter((m) => have.has(m.memoryMb)).map((m) => m.memoryMb);
  if (dropped.length > 0) notes.push(`Data naming no function at ${dropped.join(', ')} MB was left out: '${chosen.name}' has its own there.`);
  const merged: FunctionMeasurements = {
    name: chosen.name,
    measurements: [...chosen.measurements, ...extra].sort((a, b) => a.memoryMb - b.memoryMb),
    invocations: chosen.invocations + extra.reduce((s, m) => s + (m.invocations ?? 0), 0),
    coldStarts: chosen.coldStarts + extra.reduce((s, m) => s + (m.coldStarts ?? 0), 0),
    firstTime: minIso(chosen.firstTime, unnamed.firstTime),
    lastTime: maxIso(chosen.lastTime, unnamed.lastTime),
    tuningShadowed: [...chosen.tuningShadowed, ...unnamed.tuningShadowed],
  };
  return { ok: true, data: merged, notes: [...notes, ...shadowNotes(merged)] };
}

function shadowNotes(f: FunctionMeasurements): string[] {
  return f.tuningShadowed.length > 0 ? [`Power Tuning points at ${f.tuningShadowed.join(', ')} MB were left out: the logs measured those sizes invocation by invocation.`] : [];
}
function minIso(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}
function maxIso(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

/** The memory size the scenario's single numbers come from: the most invocations, else the largest size. */
export function referencePoint(ms: readonly Measurement[]): Measurement {
  let best = ms[0] as Measurement;
  for (const m of ms) {
    const n = m.invocations ?? -1;
    const bn = best.invocations ?? -1;
    if (n > bn || (n === bn && m.memoryMb > best.memoryMb)) best = m;
  }
  return best;
}

const SECONDS_PER_MONTH = PRICING_UNITS.hoursPerMonth.value * 3_600;
/** Shortest time span of logs from which the traffic rate is estimated for a skeleton scenario, s. */
const MIN_SPAN_FOR_RATE_S = 60;
/** Requests per month a skeleton states when the logs give no rate (a placeholder to edit). */
const PLACEHOLDER_REQUESTS = 1_000_000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const sig = (x: number, digits = 4): number => Number(x.toPrecision(digits));

/**
 * A scenario (input form) with `work` replaced from the data: the given scenario, or a skeleton to
 * complete. The caller validates it (parseScenario) before use.
 */
export function calibratedScenario(
  data: FunctionMeasurements,
  base: unknown,
  functionName?: string,
): { scenario: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const ms = data.measurements;
  const ref = referencePoint(ms);
  const given = isObject(base) ? base : undefined;
  const baseWork = given && isObject(given['work']) ? given['work'] : {};
  const work: Record<string, unknown> = { ...baseWork };
  work['averageDurationMs'] = ref.averageDurationMs;
  work['measuredAtMemoryMb'] = ref.memoryMb;
  if (ref.p99DurationMs !== null && ref.p99DurationMs !== undefined) {
    work['p99DurationMs'] = Math.max(ref.p99DurationMs, ref.averageDurationMs);
    if (ref.p99DurationMs < ref.averageDurationMs) {
      notes.push(
        `At ${ref.memoryMb} MB the average (${ref.averageDurationMs} ms) is above the p99 (${ref.p99DurationMs} ms): under 1% of the invocations are very long (timeouts?) and pull the average up. p99DurationMs is set to the average; look at those invocations.`,
      );
    }
  } else {
    const a = baseWork['averageDurationMs'];
    const p = baseWork['p99DurationMs'];
    const ratio = typeof a === 'number' && typeof p === 'number' && a > 0 && p >= a ? p / a : 1;
    work['p99DurationMs'] = Math.max(ref.averageDurationMs, sig(ref.averageDurationMs * ratio, 6));
    notes.push(
      ratio > 1
        ? `The data gives averages only (no p99): p99 kept at ${sig(ratio, 3)} × the average, as in the given scenario.`
        : 'The data gives averages only (no p99): p99DurationMs is set to the average; raise it to your real p99.',
    );
  }
  const used = ref.maxMemoryUsedMb ?? null;
  if (used !== null) work['maxMemoryUsedMb'] = Math.min(used, ref.memoryMb);
  else {
    const other = ms.map((m) => m.maxMemoryUsedMb).filter((v): v is number => typeof v === 'number');
    if (other.length > 0) work['maxMemoryUsedMb'] = Math.min(Math.max(...other), ref.memoryMb);
    else if (typeof work['maxMemoryUsedMb'] === 'number' && (work['maxMemoryUsedMb'] as number) > ref.memoryMb) delete work['maxMemoryUsedMb'];
  }
  const init = ref.initDurationMs ?? ms.find((m) => typeof m.initDurationMs === 'number')?.initDurationMs ?? null;
  if (init !== null) work['initDurationMs'] = init;
  const counted = ms.filter((m) => typeof m.invocations === 'number' && m.invocations > 0);
  const invocations = counted.reduce((s, m) => s + (m.invocations as number), 0);
  if (invocations > 0) work['coldStartRate'] = counted.reduce((s, m) => s + (m.coldStarts ?? 0), 0) / invocations;
  work['measurements'] = ms.map((m) => ({ ...m }));

  let scenario: Record<string, unknown>;
  if (given) {
    scenario = { ...given, work };
  } else {
    const name = (functionName ?? data.name ?? 'measured-function').replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64) || 'measured-function';
    const spanS = data.firstTime !== null && data.lastTime !== null ? (Date.parse(data.lastTime) - Date.parse(data.firstTime)) / 1_000 : 0;
    let traffic: Record<string, unknown>;
    if (spanS >= MIN_SPAN_FOR_RATE_S && invocations > 0) {
      traffic = { averagePerSecond: sig(invocations / spanS) };
      notes.push(
        `Traffic estimated from the logs: ${whole(invocations)} invocations in ${sig(spanS / 3_600, 3)} h (about ${count(sig((invocations / spanS) * SECONDS_PER_MONTH, 3), 3)} a month); if the logs are a sample, edit traffic.`,
      );
    } else {
      traffic = { requestsPerMonth: PLACEHOLDER_REQUESTS };
      notes.push(`The data gives no traffic rate: traffic.requestsPerMonth is a placeholder of ${whole(PLACEHOLDER_REQUESTS)}; edit it.`);
    }
    notes.push("A skeleton scenario: the source is 'direct-sync' and the runtime 'nodejs'; set them (and the rest) to your function's, or pass --scenario FILE.");
    scenario = { name, source: 'direct-sync', traffic, work };
  }
  return { scenario, notes };
}

/** Version of `lambda-advisor calibrate --json` output; changes only when a field changes meaning or goes away. */
export const CALIBRATE_SCHEMA_VERSION = 1;

/** What the wizard's "Import Measurements…" brings into the form: plain JSON. */
export interface MeasurementImport {
  /** The scenario's `work` with the measured fields replaced (the rest of the draft's work kept). */
  readonly work: Record<string, unknown>;
  readonly summary: {
    readonly functionName: string | null;
    readonly invocations: number;
    readonly coldStarts: number;
    readonly memorySizesMb: readonly number[];
    readonly firstTime: string | null;
    readonly lastTime: string | null;
    /** Files (or "pasted URL") read, with what was found in each. */
    readonly sources: readonly string[];
    readonly notes: readonly string[];
  };
}

export type ImportResult =
  | { ok: true; value: MeasurementImport }
  | { ok: false; message: string; /** Several functions: their names, to ask which. */ functions: readonly string[] };

/** From lines read to what the wizard imports; a file with nothing in it, or several functions, is an answer to show. */
export function measurementImport(read: CalibrationRead, draft: unknown, functionName?: string): ImportResult {
  const empty = read.files.filter((f) => f.measurements === 0);
  if (empty.length > 0) return { ok: false, message: `No measurements in ${empty.map((f) => f.name).join(', ')}. Looked for ${LOOKED_FOR}.`, functions: [] };
  const sel = selectFunction(read, functionName);
  if (!sel.ok) {
    const names = read.functions.map((f) => f.name).filter((n): n is string => n !== null);
    return { ok: false, message: sel.message, functions: functionName === undefined && names.length > 1 ? names : [] };
  }
  const { scenario, notes } = calibratedScenario(sel.data, draft, functionName);
  const d = sel.data;
  return {
    ok: true,
    value: {
      work: scenario['work'] as Record<string, unknown>,
      summary: {
        functionName: functionName ?? d.name,
        invocations: d.invocations,
        coldStarts: d.coldStarts,
        memorySizesMb: d.measurements.map((m) => m.memoryMb),
        firstTime: d.firstTime,
        lastTime: d.lastTime,
        sources: read.files.map((f) => `${f.name}: ${whole(f.measurements)} (${f.formats.map((x) => FORMAT_LABEL_TEXT[x]).join(', ')})`),
        notes: [...sel.notes, ...notes.filter((n) => !/skeleton|placeholder|Traffic estimated/.test(n))],
      },
    },
  };
}

const FORMAT_LABEL_TEXT: Readonly<Record<FormatId, string>> = {
  'report-lines': 'REPORT lines',
  'json-platform-report': 'platform.report records',
  'insights-csv': 'Logs Insights CSV rows',
  'power-tuning-json': 'Power Tuning result points',
  'power-tuning-url': 'Power Tuning URL points',
};
