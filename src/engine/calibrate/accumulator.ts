/**
 * The streaming reader behind `lambda-advisor calibrate`: feed it lines, file by file, and read the
 * measurements per function and memory size. Memory stays bounded whatever the input's size: counts,
 * sums and maxima per memory size, and durations in a `DurationQuantiles` (exact up to 100,000 values
 * per memory size, a fixed 0.01 ms histogram beyond). Lines it does not understand are counted and skipped.
 */
import type { Measurement } from '../scenario.ts';
import { DurationQuantiles } from './quantiles.ts';
import {
  REPORT_MARK,
  csvHeader,
  decodePowerTuningHash,
  findPowerTuningHash,
  parseCsvRow,
  parseJsonReport,
  parseReportLine,
  powerTuningStats,
  type CsvColumns,
  type Invocation,
  type PowerTuningPoint,
} from './formats.ts';

export type FormatId = 'report-lines' | 'json-platform-report' | 'insights-csv' | 'power-tuning-json' | 'power-tuning-url';

export const FORMAT_LABEL: Readonly<Record<FormatId, string>> = {
  'report-lines': 'REPORT lines (text log format)',
  'json-platform-report': 'platform.report records (JSON log format)',
  'insights-csv': 'Logs Insights CSV export',
  'power-tuning-json': 'AWS Lambda Power Tuning result JSON',
  'power-tuning-url': 'AWS Lambda Power Tuning visualization URL',
};

/** What was looked for, for the message when a file holds none of it. */
export const LOOKED_FOR =
  "REPORT RequestId lines (text logs), JSON log records of type platform.report, a Logs Insights CSV export with an @duration and @memorySize header, an AWS Lambda Power Tuning result JSON (results.stats) or visualization URL (https://lambda-power-tuning.show/#…)";

/** Largest multi-line JSON document (a Power Tuning result) kept to parse at the end of a file, characters. */
const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;
/** Median of init durations: the nearest-rank 50th percentile. */
const MEDIAN = 0.5;
const P99 = 0.99;

class MemoryAcc {
  invocations = 0;
  coldStarts = 0;
  sumMs = 0;
  readonly durations = new DurationQuantiles();
  readonly inits = new DurationQuantiles();
  maxUsedMb = -Infinity;

  add(inv: Invocation): void {
    this.invocations++;
    this.sumMs += inv.durationMs;
    this.durations.add(inv.durationMs);
    if (inv.maxMemoryUsedMb !== null && inv.maxMemoryUsedMb > this.maxUsedMb) this.maxUsedMb = inv.maxMemoryUsedMb;
    if (inv.initDurationMs !== null) {
      this.coldStarts++;
      this.inits.add(inv.initDurationMs);
    }
  }
}

class FunctionAcc {
  readonly logs = new Map<number, MemoryAcc>();
  readonly tuning = new Map<number, { sumMs: number; runs: number }>();
  firstMs = Infinity;
  lastMs = -Infinity;
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

export interface FileSummary {
  readonly name: string;
  readonly lines: number;
  /** Invocations (REPORT lines, records, rows) and Power Tuning points read. */
  readonly measurements: number;
  readonly formats: readonly FormatId[];
}

export interface FunctionMeasurements {
  /** From `/aws/lambda/NAME` in the lines or the CSV's @log; null when the input does not say. */
  readonly name: string | null;
  /** One per memory size, ascending. */
  readonly measurements: readonly Measurement[];
  readonly invocations: number;
  readonly coldStarts: number;
  /** ISO times of the first and last invocation read, when the input has timestamps. */
  readonly firstTime: string | null;
  readonly lastTime: string | null;
  /** Memory sizes with both log data and Power Tuning points: the logs were kept. */
  readonly tuningShadowed: readonly number[];
}

export interface CalibrationRead {
  readonly files: readonly FileSummary[];
  readonly lines: number;
  readonly ignoredLines: number;
  readonly formats: Readonly<Record<FormatId, number>>;
  readonly problems: readonly string[];
  readonly functions: readonly FunctionMeasurements[];
}

/** Line-by-line reader: `beginFile`, `feed` each line, `endFile`; then `result()` (feeding without `beginFile` reads one file named "input"). */
export class Calibrator {
  private readonly functions = new Map<string, FunctionAcc>();
  private readonly files: FileSummary[] = [];
  private readonly formatCounts: Record<FormatId, number> = {
    'report-lines': 0,
    'json-platform-report': 0,
    'insights-csv': 0,
    'power-tuning-json': 0,
    'power-tuning-url': 0,
  };
  private readonly problems: string[] = [];
  private totalLines = 0;
  private ignored = 0;
  // Per file
  private file = '';
  private fileLines = 0;
  private fileMeasurements = 0;
  private fileFormats = new Set<FormatId>();
  private csv: CsvColumns | null = null;
  private sawContent = false;
  private docMode = false;
  private doc: string[] = [];
  private docChars = 0;
  private tuningJsonInFile = false;
  private pendingUrls: PowerTuningPoint[][] = [];
  private open = false;

  beginFile(name: string): void {
    if (this.open) this.endFile();
    this.open = true;
    this.file = name;
    this.fileLines = 0;
    this.fileMeasurements = 0;
    this.fileFormats = new Set();
    this.csv = null;
    this.sawContent = false;
    this.docMode = false;
    this.doc = [];
    this.docChars = 0;
    this.tuningJsonInFile = false;
    this.pendingUrls = [];
  }

  private group(name: string | null): FunctionAcc {
    const key = name ?? '';
    let g = this.functions.get(key);
    if (!g) {
      g = new FunctionAcc();
      this.functions.set(key, g);
    }
    return g;
  }

  private invocation(inv: Invocation, format: FormatId): void {
    const g = this.group(inv.functionName);
    let m = g.logs.get(inv.memoryMb);
    if (!m) {
      m = new MemoryAcc();
      g.logs.set(inv.memoryMb, m);
    }
    m.add(inv);
    if (inv.timeMs !== null) {
      if (inv.timeMs < g.firstMs) g.firstMs = inv.timeMs;
      if (inv.timeMs > g.lastMs) g.lastMs = inv.timeMs;
    }
    this.formatCounts[format]++;
    this.fileFormats.add(format);
    this.fileMeasurements++;
  }

  private tuningPoints(points: readonly PowerTuningPoint[], format: FormatId): void {
    const g = this.group(null);
    for (const p of points) {
      const t = g.tuning.get(p.memoryMb) ?? { sumMs: 0, runs: 0 };
      t.sumMs += p.averageDurationMs;
      t.runs++;
      g.tuning.set(p.memoryMb, t);
    }
    this.formatCounts[format] += points.length;
    this.fileFormats.add(format);
    this.fileMeasurements += points.length;
  }

  private where(): string {
    return `${this.file}:${this.fileLines}`;
  }

  feed(rawLine: string): void {
    if (!this.open) this.beginFile('input');
    this.totalLines++;
    this.fileLines++;
    const line = this.fileLines === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
    let start = 0;
    while (start < line.length && line.charCodeAt(start) <= 32) start++;
    if (start === line.length) return;
    const lead = line[start];
    if (!this.sawContent) {
      this.sawContent = true;
      if ((lead === '{' || lead === '[') && !isWholeJson(line.slice(start))) this.docMode = true;
    }
    if (this.docMode && this.docChars <= MAX_DOCUMENT_CHARS) {
      this.doc.push(line);
      this.docChars += line.length + 1;
      if (this.docChars > MAX_DOCUMENT_CHARS) this.problems.push(`${this.file}: a JSON document over ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB was not parsed as a whole (its lines were read one by one)`);
    }
    if (line.indexOf('@duration') >= 0) {
      const cols = csvHeader(line);
      if (cols) {
        this.csv = cols;
        return;
      }
    }
    if (this.csv !== null) {
      const inv = parseCsvRow(this.csv, line);
      if (inv) {
        this.invocation(inv, 'insights-csv');
        return;
      }
    }
    if (line.indexOf(REPORT_MARK) >= 0) {
      const inv = parseReportLine(line);
      if (inv) this.invocation(inv, 'report-lines');
      else this.ignored++;
      return;
    }
    let handledJson = false;
    // A platform.report record, alone on its line or after a prefix (`aws logs tail` puts a timestamp and the log stream first).
    if (line.indexOf('"platform.report"') >= 0) {
      const brace = line.indexOf('{');
      const inv = brace >= 0 ? parseJsonReport(tryJson(line.slice(brace)), line) : null;
      if (inv) {
        this.invocation(inv, 'json-platform-report');
        return;
      }
    }
    if (lead === '{') {
      if (line.indexOf('averageDuration') >= 0 || line.indexOf('"output"') >= 0) {
        const stats = powerTuningStats(tryJson(line));
        if (stats) {
          this.tuningPoints(stats, 'power-tuning-json');
          this.tuningJsonInFile = true;
          handledJson = true;
        }
      }
    }
    const hash = findPowerTuningHash(line);
    if (hash !== null) {
      const decoded = decodePowerTuningHash(hash);
      if (decoded.ok) this.pendingUrls.push(decoded.points);
      else this.problems.push(`${this.where()}: ${decoded.problem}`);
      return;
    }
    if (!handledJson && !this.docMode) this.ignored++;
  }

  endFile(): void {
    if (!this.open) return;
    this.open = false;
    if (this.docMode && this.docChars <= MAX_DOCUMENT_CHARS && !this.tuningJsonInFile) {
      const stats = powerTuningStats(tryJson(this.doc.join('\n')));
      if (stats) {
        this.tuningPoints(stats, 'power-tuning-json');
        this.tuningJsonInFile = true;
      }
    }
    // A result JSON carries its own visualization URL: the same measurements, so count them once.
    if (!this.tuningJsonInFile) for (const points of this.pendingUrls) this.tuningPoints(points, 'power-tuning-url');
    this.doc = [];
    this.files.push({ name: this.file, lines: this.fileLines, measurements: this.fileMeasurements, formats: [...this.fileFormats] });
  }

  result(): CalibrationRead {
    if (this.open) this.endFile();
    const functions: FunctionMeasurements[] = [];
    for (const [key, g] of this.functions) {
      const measurements: Measurement[] = [];
      const shadowed: number[] = [];
      let invocations = 0;
      let coldStarts = 0;
      for (const [memoryMb, m] of g.logs) {
        invocations += m.invocations;
        coldStarts += m.coldStarts;
        const init = m.inits.quantile(MEDIAN);
        measurements.push({
          memoryMb,
          invocations: m.invocations,
          coldStarts: m.coldStarts,
          averageDurationMs: round(m.sumMs / m.invocations, 3),
          p99DurationMs: m.durations.quantile(P99),
          maxMemoryUsedMb: Number.isFinite(m.maxUsedMb) ? round(m.maxUsedMb, 2) : null,
          initDurationMs: init,
        });
      }
      for (const [memoryMb, t] of g.tuning) {
        if (g.logs.has(memoryMb)) {
          shadowed.push(memoryMb);
          continue;
        }
        measurements.push({ memoryMb, invocations: null, coldStarts: null, averageDurationMs: round(t.sumMs / t.runs, 3), p99DurationMs: null, maxMemoryUsedMb: null, initDurationMs: null });
      }
      if (measurements.length === 0) continue;
      measurements.sort((a, b) => a.memoryMb - b.memoryMb);
      functions.push({
        name: key === '' ? null : key,
        measurements,
        invocations,
        coldStarts,
        firstTime: Number.isFinite(g.firstMs) ? new Date(g.firstMs).toISOString() : null,
        lastTime: Number.isFinite(g.lastMs) ? new Date(g.lastMs).toISOString() : null,
        tuningShadowed: shadowed.sort((a, b) => a - b),
      });
    }
    functions.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    return { files: [...this.files], lines: this.totalLines, ignoredLines: this.ignored, formats: { ...this.formatCounts }, problems: [...this.problems], functions };
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a line is a JSON value on its own (one record a line), checked cheaply for the first line only. */
function isWholeJson(text: string): boolean {
  const t = text.trimEnd();
  if (!(t.endsWith('}') || t.endsWith(']'))) return false;
  return tryJson(t) !== undefined;
}
