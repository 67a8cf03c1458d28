/**
 * The measurement formats `calibrate` reads, one function per format, each on one line (or one parsed
 * JSON value). Pure: no fs. Each returns null for anything it does not recognise, never throws.
 *
 *  - text logs: a `REPORT RequestId: …` line anywhere (after a timestamp, a log stream name, inside an
 *    exported JSON message); fields Duration, Billed Duration, Memory Size, Max Memory Used, Init Duration;
 *  - the JSON log format: `{"type":"platform.report","record":{"metrics":{"durationMs",…}}}`;
 *  - a Logs Insights CSV export: a header naming @duration (and @memorySize, @maxMemoryUsed in bytes…);
 *  - AWS Lambda Power Tuning: the result JSON (`results.stats[]`) and the visualization URL.
 */
import { LIMITS } from '../facts/index.ts';
import { OBSERVABILITY } from '../facts/observability.ts';

/** One invocation, from a REPORT line, a platform.report record or a CSV row. */
export interface Invocation {
  readonly memoryMb: number;
  readonly durationMs: number;
  readonly billedDurationMs: number | null;
  readonly maxMemoryUsedMb: number | null;
  /** Present on cold starts only. */
  readonly initDurationMs: number | null;
  /** The function, when the line names its log group (`/aws/lambda/NAME`). */
  readonly functionName: string | null;
  /** Epoch ms, when the line carries a timestamp. */
  readonly timeMs: number | null;
}

/** One memory size measured by AWS Lambda Power Tuning: averages only. */
export interface PowerTuningPoint {
  readonly memoryMb: number;
  readonly averageDurationMs: number;
  readonly averagePriceUsd: number | null;
}

const MIN_MB = LIMITS.memoryMinMb.value;
const MAX_MB = LIMITS.memoryMaxMb.value;

function validMemory(mb: number): boolean {
  return Number.isFinite(mb) && mb >= MIN_MB && mb <= MAX_MB;
}
function validDuration(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 0;
}

const LOG_GROUP = /\/aws\/lambda\/([A-Za-z0-9_-]+)/;
const ISO_TIME = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/;

/** The function named by a `/aws/lambda/NAME` log group on the line, if any. */
export function functionNameIn(text: string): string | null {
  if (text.indexOf('/aws/lambda/') < 0) return null;
  return LOG_GROUP.exec(text)?.[1] ?? null;
}

const digit = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const num2 = (t: string, i: number): number => digit(t, i) * 10 + digit(t, i + 1);

/** `YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|±HH:MM]` at `i`, read by hand (a million lines a second need it); NaN if not. */
function isoAt(t: string, i: number): number {
  if (t.charCodeAt(i + 4) !== 45 || t.charCodeAt(i + 7) !== 45 || t.charCodeAt(i + 13) !== 58 || t.charCodeAt(i + 16) !== 58) return NaN;
  const sep = t.charCodeAt(i + 10);
  if (sep !== 84 && sep !== 32) return NaN;
  const year = num2(t, i) * 100 + num2(t, i + 2);
  let ms = Date.UTC(year, num2(t, i + 5) - 1, num2(t, i + 8), num2(t, i + 11), num2(t, i + 14), num2(t, i + 17));
  let j = i + 19;
  if (t.charCodeAt(j) === 46 || t.charCodeAt(j) === 44) {
    let scale = 100;
    for (j++; digit(t, j) >= 0; j++) {
      ms += digit(t, j) * scale;
      scale /= 10;
    }
  }
  const z = t.charCodeAt(j);
  if (z === 43 || z === 45) {
    const colon = t.charCodeAt(j + 3) === 58 ? 1 : 0;
    const offset = num2(t, j + 1) * 60 + num2(t, j + 3 + colon);
    if (Number.isFinite(offset)) ms -= (z === 43 ? 1 : -1) * offset * 60_000;
  }
  return ms;
}

/** Epoch ms of an ISO-like timestamp (`2026-11-30T10:00:00.123Z`, `2026-11-30 10:00:00.123`: UTC). */
export function parseTime(text: string): number | null {
  let ms = isoAt(text, 0);
  if (!Number.isFinite(ms)) {
    const m = ISO_TIME.exec(text);
    if (!m) return null;
    ms = isoAt(text, m.index);
  }
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

export const REPORT_MARK = 'REPORT RequestId:';

/** The number after `label` (searched from `from`), with its unit; NaN when absent or malformed. */
function fieldAfter(line: string, label: string, from: number, unit: string): number {
  const at = line.indexOf(label, from);
  if (at < 0) return NaN;
  let i = at + label.length;
  const start = i;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 46) i++;
    else break;
  }
  if (i === start) return NaN;
  if (line.charCodeAt(i) === 32) i++;
  if (!line.startsWith(unit, i)) return NaN;
  return Number(line.slice(start, i).trimEnd());
}

/** The plain `Duration:` (not Billed, Init or Restore Duration), which follows the request id. */
function plainDuration(line: string, from: number): number {
  let at = line.indexOf('Duration: ', from);
  while (at >= 0) {
    const qualified = line.startsWith('Billed ', at - 7) || line.startsWith('Init ', at - 5) || line.startsWith('Restore ', at - 8);
    if (!qualified) return fieldAfter(line, 'Duration: ', at, 'ms');
    at = line.indexOf('Duration: ', at + 10);
  }
  return NaN;
}

/** A text REPORT line (the mark may be anywhere on it). */
export function parseReportLine(line: string): Invocation | null {
  const at = line.indexOf(REPORT_MARK);
  if (at < 0) return null;
  const duration = plainDuration(line, at);
  const memory = fieldAfter(line, 'Memory Size: ', at, 'MB');
  if (!validDuration(duration) || !validMemory(memory)) return null;
  const billed = fieldAfter(line, 'Billed Duration: ', at, 'ms');
  const used = fieldAfter(line, 'Max Memory Used: ', at, 'MB');
  const init = fieldAfter(line, 'Init Duration: ', at, 'ms');
  return {
    memoryMb: memory,
    durationMs: duration,
    billedDurationMs: Number.isFinite(billed) ? billed : null,
    maxMemoryUsedMb: Number.isFinite(used) ? used : null,
    initDurationMs: Number.isFinite(init) ? init : null,
    functionName: functionNameIn(line),
    timeMs: at >= 19 ? parseTime(line) : null,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A parsed JSON log record of type platform.report (the JSON log format, or the Telemetry API). */
export function parseJsonReport(value: unknown, line = ''): Invocation | null {
  if (!isRecord(value) || value['type'] !== 'platform.report' || !isRecord(value['record'])) return null;
  const metrics = value['record']['metrics'];
  if (!isRecord(metrics)) return null;
  const duration = numberOrNull(metrics['durationMs']);
  const memory = numberOrNull(metrics['memorySizeMB']);
  if (duration === null || memory === null || !validDuration(duration) || !validMemory(memory)) return null;
  const time = typeof value['time'] === 'string' ? parseTime(value['time']) : null;
  return {
    memoryMb: memory,
    durationMs: duration,
    billedDurationMs: numberOrNull(metrics['billedDurationMs']),
    maxMemoryUsedMb: numberOrNull(metrics['maxMemoryUsedMB']),
    initDurationMs: numberOrNull(metrics['initDurationMs']),
    functionName: functionNameIn(line),
    timeMs: time,
  };
}

// --- Logs Insights CSV -----------------------------------------------------------------------

/** Split one CSV line (RFC 4180 quoting, on one line); null when a quote is left open. */
export function splitCsv(line: string): string[] | null {
  if (line.indexOf('"') < 0) return line.split(',');
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  out.push(cell);
  return out;
}

/** Where the Logs Insights fields are in a CSV export's rows. */
export interface CsvColumns {
  readonly duration: number;
  readonly billedDuration: number;
  readonly memorySize: number;
  readonly maxMemoryUsed: number;
  readonly initDuration: number;
  readonly timestamp: number;
  readonly log: number;
}

/** A Logs Insights CSV header: must name @duration and @memorySize. */
export function csvHeader(line: string): CsvColumns | null {
  if (line.indexOf('@duration') < 0) return null;
  const cells = splitCsv(line.replace(/^\uFEFF/, ''));
  if (!cells) return null;
  const at = (name: string) => cells.findIndex((c) => c.trim() === name);
  const cols: CsvColumns = {
    duration: at('@duration'),
    billedDuration: at('@billedDuration'),
    memorySize: at('@memorySize'),
    maxMemoryUsed: at('@maxMemoryUsed'),
    initDuration: at('@initDuration'),
    timestamp: at('@timestamp'),
    log: at('@log'),
  };
  return cols.duration >= 0 && cols.memorySize >= 0 ? cols : null;
}

function cellNumber(cells: readonly string[], i: number): number | null {
  if (i < 0) return null;
  const raw = cells[i]?.trim();
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** One row of a Logs Insights CSV export: memory fields in bytes there, MB here. */
export function parseCsvRow(cols: CsvColumns, line: string): Invocation | null {
  const cells = splitCsv(line);
  if (!cells) return null;
  const duration = cellNumber(cells, cols.duration);
  const memoryBytes = cellNumber(cells, cols.memorySize);
  if (duration === null || memoryBytes === null) return null;
  const perMb = OBSERVABILITY.insightsBytesPerMb.value;
  const memory = memoryBytes / perMb;
  if (!validDuration(duration) || !validMemory(memory)) return null;
  const used = cellNumber(cells, cols.maxMemoryUsed);
  const time = cols.timestamp >= 0 ? parseTime(cells[cols.timestamp] ?? '') : null;
  return {
    memoryMb: Math.round(memory),
    durationMs: duration,
    billedDurationMs: cellNumber(cells, cols.billedDuration),
    maxMemoryUsedMb: used === null ? null : used / perMb,
    initDurationMs: cellNumber(cells, cols.initDuration),
    functionName: cols.log >= 0 ? functionNameIn(cells[cols.log] ?? '') : null,
    timeMs: time,
  };
}

// --- AWS Lambda Power Tuning ---------------------------------------------------------------

const PT_URL = /lambda-power-tuning\.show\/[^#\s"']*#([^\s"'<>)\]]+)/;

/** The hash of a Power Tuning visualization URL on the line, if any. */
export function findPowerTuningHash(line: string): string | null {
  if (line.indexOf('lambda-power-tuning.show') < 0) return null;
  return PT_URL.exec(line)?.[1] ?? null;
}

function base64Bytes(text: string): Uint8Array | null {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  try {
    const bin = atob(clean);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/**
 * Decode a visualization URL's hash: three base64 arrays joined by ';' (Power Tuning's
 * buildVisualizationURL): memory sizes as Int16, average durations (ms) and average costs (USD) as
 * Float32, little-endian, sorted by memory.
 */
export function decodePowerTuningHash(hash: string): { ok: true; points: PowerTuningPoint[] } | { ok: false; problem: string } {
  let text = hash;
  try {
    text = decodeURIComponent(hash);
  } catch {
    // not percent-encoded
  }
  const parts = text.split(';');
  if (parts.length !== 3) return { ok: false, problem: `a Power Tuning URL has three parts after '#' separated by ';' (found ${parts.length})` };
  const [sizesB, timesB, costsB] = parts.map(base64Bytes);
  if (!sizesB || !timesB || !costsB) return { ok: false, problem: 'a part of the Power Tuning URL is not base64' };
  const n = sizesB.length / 2;
  if (!Number.isInteger(n) || n === 0 || timesB.length !== n * 4 || costsB.length !== n * 4) {
    return { ok: false, problem: `the Power Tuning URL's arrays do not match (${sizesB.length} bytes of sizes, ${timesB.length} of durations, ${costsB.length} of costs)` };
  }
  const sizes = new DataView(sizesB.buffer, sizesB.byteOffset, sizesB.byteLength);
  const times = new DataView(timesB.buffer, timesB.byteOffset, timesB.byteLength);
  const costs = new DataView(costsB.buffer, costsB.byteOffset, costsB.byteLength);
  const points: PowerTuningPoint[] = [];
  for (let i = 0; i < n; i++) {
    const memoryMb = sizes.getInt16(i * 2, true);
    const averageDurationMs = times.getFloat32(i * 4, true);
    const averagePriceUsd = costs.getFloat32(i * 4, true);
    if (!validMemory(memoryMb)) return { ok: false, problem: `the Power Tuning URL has a memory size of ${memoryMb} MB (Lambda allows ${MIN_MB} to ${MAX_MB})` };
    if (!(averageDurationMs > 0) || !Number.isFinite(averageDurationMs)) return { ok: false, problem: `the Power Tuning URL has a duration of ${averageDurationMs} ms at ${memoryMb} MB` };
    points.push({ memoryMb, averageDurationMs, averagePriceUsd: Number.isFinite(averagePriceUsd) ? averagePriceUsd : null });
  }
  return { ok: true, points };
}

/**
 * The stats of a Power Tuning result: the state machine's output (`{ results: { stats } }`), its
 * `results` object alone, or `aws stepfunctions describe-execution` output (`output` as a JSON string).
 */
export function powerTuningStats(value: unknown): PowerTuningPoint[] | null {
  let v = value;
  if (isRecord(v) && typeof v['output'] === 'string') {
    try {
      v = JSON.parse(v['output']) as unknown;
    } catch {
      return null;
    }
  }
  if (isRecord(v) && isRecord(v['results'])) v = v['results'];
  if (!isRecord(v) || !Array.isArray(v['stats'])) return null;
  const points: PowerTuningPoint[] = [];
  for (const stat of v['stats'] as unknown[]) {
    if (!isRecord(stat)) continue;
    const memoryMb = numberOrNull(stat['value']);
    const averageDurationMs = numberOrNull(stat['averageDuration']);
    if (memoryMb === null || averageDurationMs === null || !validMemory(memoryMb) || !(averageDurationMs > 0)) continue;
    points.push({ memoryMb, averageDurationMs, averagePriceUsd: numberOrNull(stat['averagePrice']) });
  }
  return points.length > 0 ? points : null;
}
