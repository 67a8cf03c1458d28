/**
 * `lambda-advisor calibrate <file>... [--scenario FILE] [--function NAME] [--json]`
 *
 * Reads real measurements (REPORT lines, JSON log records, a Logs Insights CSV export, AWS Lambda Power
 * Tuning output), recognised by content and streamed line by line, and prints the measurements per
 * memory size, the duration model fitted to them and a scenario whose `work` comes from the data.
 */
import { Calibrator, FORMAT_LABEL, LOOKED_FOR, calibratedScenario, selectFunction, CALIBRATE_SCHEMA_VERSION, type CalibrationRead, type FormatId } from '../engine/calibrate/index.ts';
import { workModel, type ModelReport } from '../engine/model/measured.ts';
import { formatErrors, parseScenario, type Measurement } from '../engine/scenario.ts';
import { parseCommandArgs } from './args.ts';
import { formatCount, wrap } from './format.ts';
import { count } from '../engine/format.ts';
import { CALIBRATE_HELP } from './help.ts';
import { describeSource, fileProblem, readScenarioJson } from './input.ts';
import { type CliIo, EXIT_OK, UsageError } from './io.ts';

/** Lines of stdin, split on LF (CR before it dropped). */
async function* stdinLines(io: CliIo): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of io.stdin) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      yield rest.slice(0, nl).replace(/\r$/, '');
      rest = rest.slice(nl + 1);
      nl = rest.indexOf('\n');
    }
  }
  rest += decoder.decode();
  if (rest !== '') yield rest.replace(/\r$/, '');
}

/** Stream every file through one Calibrator. Unreadable files are a UsageError naming the file. */
export async function readMeasurements(paths: readonly string[], io: CliIo): Promise<CalibrationRead> {
  const calibrator = new Calibrator();
  for (const path of paths) {
    calibrator.beginFile(describeSource(path));
    try {
      for await (const line of path === '-' ? stdinLines(io) : io.readLines(path)) calibrator.feed(line);
    } catch (err) {
      const problem = fileProblem(err).replace('not a scenario file', 'not a log file');
      throw new UsageError(`cannot read ${describeSource(path)}: ${problem}`);
    }
    calibrator.endFile();
  }
  return calibrator.result();
}

export interface CalibrateOutput {
  readonly schemaVersion: typeof CALIBRATE_SCHEMA_VERSION;
  readonly measurements: readonly Measurement[];
  readonly model: ModelReport;
  readonly scenario: Record<string, unknown>;
  readonly summary: {
    readonly function: string | null;
    readonly invocations: number;
    readonly coldStarts: number;
    readonly memorySizesMb: readonly number[];
    readonly firstTime: string | null;
    readonly lastTime: string | null;
    readonly files: CalibrationRead['files'];
    readonly formats: CalibrationRead['formats'];
    readonly linesRead: number;
    readonly ignoredLines: number;
    readonly problems: readonly string[];
  };
  readonly notes: readonly string[];
}

/** From lines read to the output: choose the function, build and validate the scenario, fit the model. */
export function calibrationOutput(read: CalibrationRead, base: unknown, functionName: string | undefined): CalibrateOutput {
  const empty = read.files.filter((f) => f.measurements === 0);
  if (empty.length > 0) {
    const names = empty.map((f) => f.name).join(', ');
    throw new UsageError(`no measurements in ${names}: looked for ${LOOKED_FOR}`, read.problems);
  }
  const selection = selectFunction(read, functionName);
  if (!selection.ok) throw new UsageError(selection.message);
  const { scenario, notes } = calibratedScenario(selection.data, base, functionName);
  const parsed = parseScenario(scenario);
  if (!parsed.ok) {
    throw new UsageError(`the scenario built from the measurements is invalid (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}):`, formatErrors(parsed.errors).split('\n'));
  }
  const data = selection.data;
  return {
    schemaVersion: CALIBRATE_SCHEMA_VERSION,
    measurements: data.measurements,
    model: workModel(parsed.scenario).report,
    scenario,
    summary: {
      function: functionName ?? data.name,
      invocations: data.invocations,
      coldStarts: data.coldStarts,
      memorySizesMb: data.measurements.map((m) => m.memoryMb),
      firstTime: data.firstTime,
      lastTime: data.lastTime,
      files: read.files,
      formats: read.formats,
      linesRead: read.lines,
      ignoredLines: read.ignoredLines,
      problems: read.problems,
    },
    notes: [...selection.notes, ...notes],
  };
}

const cell = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined ? '—' : count(v, digits));

export function formatCalibration(out: CalibrateOutput): string {
  const s = out.summary;
  const lines: string[] = [];
  const formats = (Object.keys(s.formats) as FormatId[]).filter((f) => s.formats[f] > 0).map((f) => `${FORMAT_LABEL[f]}: ${formatCount(s.formats[f])}`);
  lines.push(`Measurements${s.function ? ` of ${s.function}` : ''}: ${formatCount(s.invocations)} invocations, ${formatCount(s.coldStarts)} cold starts, ${s.memorySizesMb.length} memory size${s.memorySizesMb.length === 1 ? '' : 's'}`);
  if (s.firstTime && s.lastTime) lines.push(`  from ${s.firstTime} to ${s.lastTime}`);
  lines.push(`  read ${formatCount(s.linesRead)} lines in ${s.files.length} file${s.files.length === 1 ? '' : 's'} (${formats.join('; ')}); ${formatCount(s.ignoredLines)} lines not understood and skipped`);
  lines.push('');
  const header = ['Memory MB', 'Invocations', 'Cold starts', 'Average ms', 'p99 ms', 'Max used MB', 'Init ms'];
  const rows = out.measurements.map((m) => [cell(m.memoryMb, 0), cell(m.invocations, 0), cell(m.coldStarts, 0), cell(m.averageDurationMs, 2), cell(m.p99DurationMs, 2), cell(m.maxMemoryUsedMb, 0), cell(m.initDurationMs, 1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const fmt = (r: readonly string[]) => '  ' + r.map((c, i) => c.padStart(widths[i] as number)).join('  ');
  lines.push(fmt(header), ...rows.map(fmt), '');
  lines.push(wrap(`Model (${out.model.source}): ${out.model.note}`, '  ', ''));
  for (const p of s.problems) lines.push(wrap(p, '    ', '  ! '));
  for (const n of out.notes) lines.push(wrap(n, '    ', '  - '));
  lines.push('', 'Scenario (save it as NAME.lambda-advisor.json and run: lambda-advisor recommend NAME.lambda-advisor.json):', JSON.stringify(out.scenario, null, 2));
  return lines.join('\n');
}

export async function runCalibrate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'calibrate',
    argv,
    { json: { type: 'boolean' }, scenario: { type: 'string' }, function: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    Number.MAX_SAFE_INTEGER,
  );
  if (values['help']) {
    io.stdout.write(CALIBRATE_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('calibrate needs at least one file of measurements, or - for stdin (see: lambda-advisor calibrate --help)');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError("'-' (stdin) may be given once");
  const scenarioPath = values['scenario'] as string | undefined;
  if (scenarioPath === '-' && positionals.includes('-')) throw new UsageError("stdin cannot give both the measurements and --scenario; save one to a file");
  let base: unknown;
  if (scenarioPath !== undefined) {
    base = await readScenarioJson(scenarioPath, io);
    const parsed = parseScenario(base);
    if (!parsed.ok) {
      const n = parsed.errors.length;
      throw new UsageError(`${describeSource(scenarioPath)}: invalid scenario (${n} problem${n === 1 ? '' : 's'}):`, formatErrors(parsed.errors).split('\n'));
    }
  }
  const fn = values['function'] as string | undefined;
  if (fn !== undefined && !/^[A-Za-z0-9_-]+$/.test(fn)) throw new UsageError(`--function '${fn}': a function name has only letters, digits, - and _`);
  const read = await readMeasurements(positionals, io);
  const out = calibrationOutput(read, base, fn);
  io.stdout.write(values['json'] ? `${JSON.stringify(out, null, 2)}\n` : `${formatCalibration(out)}\n`);
  return EXIT_OK;
}
