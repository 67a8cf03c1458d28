/**
 * `npm run bench`: how fast the engine answers, so the wizard's charts can redraw on every keystroke.
 *
 *   recommend()     a full design (every decision, the memory search and the bill) per example
 *                   scenario; target under 1 ms (median).
 *   costByMemory()  the monthly cost at every memory size from 128 to 10,240 MB in 1 MB steps
 *                   (10,113 points); target under 5 ms (median).
 *   mcp recommend   the `recommend` tool of `lambda-advisor mcp` called through the official MCP SDK
 *                   client over stdio, per example scenario: request out, design back (process start
 *                   excluded); target under 5 ms (median).
 *   templates       a generated SAM template of 2,000 resources: parse + lint (target under 200 ms),
 *                   hover after the first parse (target under 5 ms), and cfn-lint on the same file,
 *                   timed in the same run and printed as a ratio.
 *   calibrate       a million REPORT lines (timestamps, four memory sizes, 1% cold starts) written
 *                   to a temporary file and streamed through the calibrate reader as the CLI does;
 *                   target under 5 s.
 *
 *   bundles         packs the extension first (`scripts/package.mjs`: production build + vsce), then
 *                   reads the .vsix: webview JavaScript in it (target at most 800 KB), dist/extension.js
 *                   (at most 600 KB), and what activation, the first template and the first wizard
 *                   open each evaluate (from esbuild's metafile, dist/meta/extension.json).
 *   lint process    whole-process `lambda-advisor lint` of a generated 400-resource template (node
 *                   start, loading, parsing, rules, printing; median of 9 runs) against cfn-lint on the
 *                   same file in the same run: at least 40× faster (goal 50×).
 *
 * Each case is warmed up first, then timed one call at a time with process.hrtime.bigint() until it
 * has both enough samples and enough wall time for a stable median; p95 is reported beside it.
 * `--no-package` measures the dist/ that is there instead of packing first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { hoverAt, lintParsed, parseTemplate } from '../src/engine/templates/index.ts';
import { costByMemory } from '../src/engine/cost/index.ts';
import type { PricedConfig } from '../src/engine/design.ts';
import { LIMITS } from '../src/engine/facts/index.ts';
import { invocationMsAt, pricedConfigOf, recommend } from '../src/engine/index.ts';
import { formatErrors, parseScenario, type Scenario } from '../src/engine/scenario.ts';
import { Calibrator } from '../src/engine/calibrate/index.ts';
import { fileLines } from '../src/node/lines.ts';

const ROOT = join(__dirname, '..');
const EXAMPLES = join(ROOT, 'examples', 'scenarios');
const RECOMMEND_TARGET_MS = 1;
const CURVE_TARGET_MS = 5;
const WARMUP_MIN_CALLS = 50;
const WARMUP_MS = 300;
const MIN_SAMPLES = 200;
const MIN_TIME_MS = 500;
const MAX_SAMPLES = 20_000;

interface Stats {
  /** Wall-clock time per call (process.hrtime.bigint()), ms. */
  readonly median: number;
  readonly p95: number;
  /** CPU time of this process per call (process.cpuUsage()), ms: what the call costs when the machine is shared. */
  readonly cpuMedian: number;
  readonly samples: number;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (b - a) * (pos - lo);
}

/** Keeps results alive so the optimiser cannot drop the work being timed. */
let sink = 0;

function measure(fn: () => number): Stats {
  const warmStart = process.hrtime.bigint();
  for (let i = 0; i < WARMUP_MIN_CALLS || Number(process.hrtime.bigint() - warmStart) / 1e6 < WARMUP_MS; i++) sink += fn();
  const times: number[] = [];
  const cpu: number[] = [];
  const started = process.hrtime.bigint();
  while (times.length < MAX_SAMPLES) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    sink += fn();
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage(c0);
    times.push(Number(t1 - t0) / 1e6);
    cpu.push((c1.user + c1.system) / 1e3);
    if (times.length >= MIN_SAMPLES && Number(t1 - started) / 1e6 >= MIN_TIME_MS) break;
  }
  const sorted = Float64Array.from(times).sort();
  const cpuSorted = Float64Array.from(cpu).sort();
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), cpuMedian: quantile(cpuSorted, 0.5), samples: sorted.length };
}

/** measure() for an async call. */
async function measureAsync(fn: () => Promise<number>): Promise<Stats> {
  const warmStart = process.hrtime.bigint();
  for (let i = 0; i < WARMUP_MIN_CALLS || Number(process.hrtime.bigint() - warmStart) / 1e6 < WARMUP_MS; i++) sink += await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  const started = process.hrtime.bigint();
  while (times.length < MAX_SAMPLES) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    sink += await fn();
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage(c0);
    times.push(Number(t1 - t0) / 1e6);
    cpu.push((c1.user + c1.system) / 1e3);
    if (times.length >= MIN_SAMPLES && Number(t1 - started) / 1e6 >= MIN_TIME_MS) break;
  }
  const sorted = Float64Array.from(times).sort();
  const cpuSorted = Float64Array.from(cpu).sort();
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), cpuMedian: quantile(cpuSorted, 0.5), samples: sorted.length };
}

/** `lambda-advisor mcp` in its own process, driven by the SDK client: the recommend round trip. */
async function mcpBench(): Promise<number> {
  const MCP_TARGET_MS = 5;
  process.stdout.write(`\nmcp recommend: the recommend tool of 'lambda-advisor mcp' over stdio, through the MCP SDK client (process start excluded)\n`);
  process.stdout.write(`  ('cpu median' is the client's CPU time; the server's runs in its own process)\n`);
  process.stdout.write(`${header()}\n`);
  const loader = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', loader, '-e', `require(${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))}).main(['mcp'])`],
    cwd: ROOT,
    env: { ...process.env } as Record<string, string>,
    stderr: 'inherit',
  });
  const client = new Client({ name: 'lambda-advisor-bench', version: '0.0.0' });
  let over = 0;
  try {
    await client.connect(transport);
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()) {
      const scenario: unknown = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
      const st = await measureAsync(async () => {
        const r = await client.callTool({ name: 'recommend', arguments: { scenario } });
        if (r.isError) throw new Error(`recommend failed for ${file}`);
        return (r.structuredContent as { memoryMb: number }).memoryMb;
      });
      if (st.median > MCP_TARGET_MS) over++;
      process.stdout.write(`${row(file.replace(/\.json$/, ''), st, MCP_TARGET_MS)}\n`);
    }
  } finally {
    await client.close();
  }
  return over;
}

function loadExamples(): Array<{ name: string; scenario: Scenario }> {
  const out: Array<{ name: string; scenario: Scenario }> = [];
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = parseScenario(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')));
    if (!parsed.ok) throw new Error(`${file} is not a valid scenario:\n${formatErrors(parsed.errors)}`);
    out.push({ name: file.replace(/\.json$/, ''), scenario: parsed.scenario });
  }
  return out;
}

/** The cost-curve inputs for a scenario's recommended design, as the wizard's chart builds them. */
function curveInputs(s: Scenario): { config: PricedConfig; invocationMsAt: (mb: number) => number } {
  const d = recommend(s);
  return { config: pricedConfigOf(s, d), invocationMsAt: invocationMsAt(s, d) };
}

const f3 = (ms: number) => `${ms.toFixed(3)} ms`;
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

function row(name: string, st: Stats, targetMs: number): string {
  const ratio = st.median / targetMs;
  const verdict = ratio <= 1 ? 'ok' : 'OVER TARGET';
  return `  ${pad(name, 30)}${lpad(f3(st.median), 12)}${lpad(f3(st.p95), 12)}${lpad(f3(st.cpuMedian), 12)}${lpad(`< ${targetMs} ms`, 10)}${lpad(ratio.toFixed(3), 8)}  ${verdict}  (${st.samples} samples)`;
}

function header(): string {
  return `  ${pad('scenario', 30)}${lpad('median', 12)}${lpad('p95', 12)}${lpad('cpu median', 12)}${lpad('target', 10)}${lpad('ratio', 8)}`;
}

function size(path: string): string {
  if (!existsSync(path)) return 'not built';
  const bytes = statSync(path).size;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** A SAM template of `n` resources: half functions with an SQS event, half the queues they read. */
function bigTemplate(n: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Transform: AWS::Serverless-2016-10-31', 'Resources:'];
  for (let i = 0; i < n / 2; i++) {
    lines.push(
      `  Queue${i}:`,
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      `      VisibilityTimeout: ${30 + (i % 7)}`,
      `  Worker${i}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs22.x',
      '      Handler: index.handler',
      '      CodeUri: src/',
      `      MemorySize: ${128 * (1 + (i % 8))}`,
      `      Timeout: ${10 + (i % 20)}`,
      '      Events:',
      '        Jobs:',
      '          Type: SQS',
      '          Properties:',
      `            Queue: !GetAtt Queue${i}.Arn`,
      `            BatchSize: ${1 + (i % 10)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function measureFew(fn: () => number, samples: number): number {
  sink += fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    sink += fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return quantile(Float64Array.from(times), 0.5);
}

function templateBench(): number {
  const PARSE_TARGET_MS = 200;
  const HOVER_TARGET_MS = 5;
  const text = bigTemplate(2_000);
  process.stdout.write(`\ntemplates: a generated SAM template of 2,000 resources (${(text.length / 1024).toFixed(0)} KB)\n`);
  const parseMs = measureFew(() => lintParsed(parseTemplate(text)).findings.length, 10);
  const parsed = parseTemplate(text);
  const offset = text.indexOf('MemorySize', Math.floor(text.length / 2)) + 2;
  const hover = measure(() => hoverAt(parsed, offset)?.markdown.length ?? 0);
  let over = 0;
  const rowMs = (name: string, ms: number, target: number) => {
    if (ms > target) over++;
    return `  ${pad(name, 30)}${lpad(f3(ms), 12)}    < ${target} ms  ${lpad((ms / target).toFixed(3), 7)}  ${ms > target ? 'OVER TARGET' : 'ok'}`;
  };
  process.stdout.write(`${rowMs('parse + lint (median of 10)', parseMs, PARSE_TARGET_MS)}\n`);
  process.stdout.write(`${rowMs('hover after the first parse', hover.median, HOVER_TARGET_MS)}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'lda-bench-'));
  try {
    const file = join(dir, 'template.yaml');
    writeFileSync(file, text);
    const t0 = process.hrtime.bigint();
    const res = spawnSync('cfn-lint', ['--', file], { encoding: 'utf8', timeout: 600_000 });
    const cfnMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.error) process.stdout.write(`  cfn-lint: not run (${res.error.message})\n`);
    else process.stdout.write(`  ${pad('cfn-lint on the same file', 30)}${lpad(f3(cfnMs), 12)}    ratio cfn-lint / lambda-advisor: ${(cfnMs / parseMs).toFixed(1)}×\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return over;
}

const KB = 1024;
const EXTENSION_JS_TARGET = 600 * KB;
const WEBVIEW_JS_TARGET = 800 * KB;
const LINT_RATIO_TARGET = 40;
const LINT_RATIO_GOAL = 50;

/** Names and uncompressed sizes of the files in a zip (the .vsix), from its central directory. */
function zipEntries(file: string): Array<{ name: string; bytes: number }> {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out: Array<{ name: string; bytes: number }> = [];
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry`);
    const bytes = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    out.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), bytes });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

interface MetaOutput {
  readonly imports: ReadonlyArray<{ readonly path: string; readonly kind: string }>;
}

/** An output and every chunk it requires at load (static imports, not `import()`), from the metafile. */
function loadClosure(outputs: Readonly<Record<string, MetaOutput>>, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string): void => {
    if (seen.has(f) || outputs[f] === undefined) return;
    seen.add(f);
    for (const i of outputs[f]?.imports ?? []) if (i.kind === 'import-statement' || i.kind === 'require-call') visit(i.path);
  };
  visit(entry);
  return [...seen];
}

const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

/** Bundle sizes against their targets; returns how many are over. */
/** `scripts/package.mjs`: the production build and the .vsix the sizes are read from. */
function pack(): string | null {
  const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  if (res.status === 0) return null;
  return `packaging failed (exit ${res.status ?? res.signal}): ${(res.stderr || res.stdout).trim().split('\n').slice(-3).join(' / ')}`;
}

function bundleBench(packError: string | null): number {
  process.stdout.write('\nBundles (production build, read from the .vsix)\n');
  const dist = join(ROOT, 'dist');
  if (packError !== null) {
    process.stdout.write(`  ${packError}\n`);
    return 1;
  }
  const vsix = existsSync(dist) ? readdirSync(dist).find((f) => f.endsWith('.vsix')) : undefined;
  if (vsix === undefined || !existsSync(join(dist, 'extension.js'))) {
    process.stdout.write('  not built: run `npm run package` (or `npm run bench` without --no-package)\n');
    return 1;
  }
  const entries = zipEntries(join(dist, vsix));
  const inVsix = (pred: (name: string) => boolean) => entries.filter((e) => pred(e.name)).reduce((a, e) => a + e.bytes, 0);
  const webviewJs = inVsix((n) => n.startsWith('extension/dist/webview/') && n.endsWith('.js'));
  const extensionJs = inVsix((n) => n === 'extension/dist/extension.js');
  let over = 0;
  const target = (name: string, bytes: number, max: number) => {
    const ok = bytes <= max;
    if (!ok) over++;
    return `  ${pad(name, 48)}${lpad(kb(bytes), 10)}   <= ${lpad(kb(max), 9)}  ${ok ? 'ok' : 'OVER TARGET'}\n`;
  };
  const info = (name: string, text: string) => `  ${pad(name, 48)}${lpad(text, 10)}\n`;
  process.stdout.write(target('webview JavaScript in the .vsix', webviewJs, WEBVIEW_JS_TARGET));
  process.stdout.write(target('dist/extension.js in the .vsix', extensionJs, EXTENSION_JS_TARGET));
  const metaFile = join(dist, 'meta', 'extension.json');
  if (existsSync(metaFile)) {
    const outputs = (JSON.parse(readFileSync(metaFile, 'utf8')) as { outputs: Record<string, MetaOutput> }).outputs;
    const missing = Object.keys(outputs).filter((f) => f.endsWith('.js') && !entries.some((e) => e.name === `extension/${f}`));
    const sizeOf = (files: readonly string[]) => files.reduce((a, f) => a + (existsSync(join(ROOT, f)) ? statSync(join(ROOT, f)).size : 0), 0);
    const closure = (entry: string, label: string) => {
      const files = loadClosure(outputs, entry);
      return info(`${label} (${files.length} file${files.length === 1 ? '' : 's'})`, kb(sizeOf(files)));
    };
    process.stdout.write(closure('dist/extension.js', 'evaluated at activation'));
    process.stdout.write(closure('dist/ext/templates.js', 'loaded by the first template'));
    process.stdout.write(closure('dist/ext/wizard-host.js', 'loaded by the first wizard open'));
    if (missing.length > 0) {
      over++;
      process.stdout.write(`  MISSING from the .vsix (check .vscodeignore): ${missing.join(', ')}\n`);
    } else process.stdout.write(info(`every extension chunk is in the .vsix`, `${Object.keys(outputs).filter((f) => f.endsWith('.js')).length} files`));
  }
  process.stdout.write(info(`dist/${vsix}`, size(join(dist, vsix))));
  process.stdout.write(info('dist/cli.js (not in the .vsix)', size(join(dist, 'cli.js'))));
  return over;
}

function median(xs: readonly number[]): number {
  return quantile(Float64Array.from(xs).sort(), 0.5);
}

/** Wall-clock ms of a child process, or null with the reason printed when it cannot run. */
function timeProcess(cmd: string, args: readonly string[]): { ms: number; stdout: string } | { error: string } {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.error) return { error: res.error.message };
  return { ms, stdout: res.stdout };
}

/** Whole-process lint of a 400-resource template against cfn-lint; returns 1 when under the target. */
function lintProcessBench(): number {
  const RUNS = 9;
  const text = bigTemplate(400);
  process.stdout.write(`\nlint process: \`lambda-advisor lint\` of a generated 400-resource SAM template (${(text.length / 1024).toFixed(0)} KB), whole process\n`);
  const cli = join(ROOT, 'bin', 'lambda-advisor.js');
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    process.stdout.write('  not built: run `npm run build`\n');
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lda-bench-'));
  try {
    const file = join(dir, 'template.yaml');
    writeFileSync(file, text);
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const r = timeProcess(process.execPath, [cli, 'lint', '--fail-on', 'never', file]);
      if ('error' in r || !/findings? in 1 template/.test(r.stdout)) {
        process.stdout.write(`  lambda-advisor lint failed: ${'error' in r ? r.error : r.stdout.slice(-200)}\n`);
        return 1;
      }
      const b = timeProcess(process.execPath, ['-e', '0']);
      if (i === 0) continue; // warm-up: file cache
      ours.push(r.ms);
      if ('ms' in b) bare.push(b.ms);
    }
    const oursMs = median(ours);
    process.stdout.write(`  ${pad(`lambda-advisor lint (median of ${RUNS})`, 40)}${lpad(f3(oursMs), 14)}\n`);
    process.stdout.write(`  ${pad(`node -e 0 (median of ${RUNS}, for scale)`, 40)}${lpad(f3(median(bare)), 14)}\n`);
    const cfn = timeProcess('cfn-lint', ['--', file]);
    if ('error' in cfn) {
      process.stdout.write(`  cfn-lint: not run (${cfn.error}); the ratio target is not checked\n`);
      return 0;
    }
    const ratio = cfn.ms / oursMs;
    const verdict = ratio >= LINT_RATIO_GOAL ? 'ok (goal met)' : ratio >= LINT_RATIO_TARGET ? 'ok (goal not met)' : 'UNDER TARGET';
    process.stdout.write(`  ${pad('cfn-lint on the same file', 40)}${lpad(f3(cfn.ms), 14)}\n`);
    process.stdout.write(`  ${pad('ratio cfn-lint / lambda-advisor', 40)}${lpad(`${ratio.toFixed(1)}×`, 14)}   >= ${LINT_RATIO_TARGET}× (goal ${LINT_RATIO_GOAL}×)  ${verdict}\n`);
    return ratio >= LINT_RATIO_TARGET ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A million REPORT lines streamed from a file through the calibrate reader, as `lambda-advisor calibrate` reads them. */
async function calibrateBench(): Promise<number> {
  const LINES = 1_000_000;
  const TARGET_MS = 5_000;
  const dir = mkdtempSync(join(tmpdir(), 'lda-bench-'));
  try {
    const file = join(dir, 'report.log');
    const sizes = [512, 1024, 1769, 3008];
    const chunk: string[] = [];
    const start = Date.parse('2026-11-30T00:00:00.000Z');
    writeFileSync(file, '');
    for (let i = 0; i < LINES; i++) {
      const ts = new Date(start + i * 50).toISOString();
      const mb = sizes[i % sizes.length] as number;
      const d = ((i * 7919) % 100_000) / 100 + 1;
      chunk.push(
        `${ts} 2026/11/30/[$LATEST]0123456789abcdef REPORT RequestId: ${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000\tDuration: ${d.toFixed(2)} ms\tBilled Duration: ${Math.ceil(d)} ms\tMemory Size: ${mb} MB\tMax Memory Used: ${60 + (i % 40)} MB\t${i % 100 === 0 ? 'Init Duration: 180.25 ms\t' : ''}`,
      );
      if (chunk.length === 50_000) {
        writeFileSync(file, `${chunk.join('\n')}\n`, { flag: 'a' });
        chunk.length = 0;
      }
    }
    if (chunk.length > 0) writeFileSync(file, `${chunk.join('\n')}\n`, { flag: 'a' });
    const bytes = statSync(file).size;
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const c = new Calibrator();
    c.beginFile(file);
    for await (const line of fileLines(file)) c.feed(line);
    c.endFile();
    const read = c.result();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpuMs = process.cpuUsage(cpu0).user / 1_000;
    const n = read.formats['report-lines'];
    sink += n;
    process.stdout.write(`\ncalibrate: ${LINES.toLocaleString('en-US')} REPORT lines (${(bytes / 1024 / 1024).toFixed(0)} MB) streamed from a file\n`);
    process.stdout.write(
      `  ${pad('read + aggregate + p99', 30)}${lpad(f3(ms), 12)}    < ${TARGET_MS} ms  ${lpad((ms / TARGET_MS).toFixed(3), 7)}  ${ms > TARGET_MS ? 'OVER TARGET' : 'ok'}  (${Math.round(n / (ms / 1_000)).toLocaleString('en-US')} lines/s, cpu ${f3(cpuMs)}${n === LINES ? '' : `; READ ONLY ${n}`})\n`,
    );
    return ms > TARGET_MS || n !== LINES ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // Pack first, so the CLI timed below is the production build and the sizes are what ships.
  const packError = process.argv.includes('--no-package') ? null : pack();
  const examples = loadExamples();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`lambda-advisor bench: node ${process.version}, ${cpus().length} cores (${cpu})\n`);
  const load = loadavg()[0] ?? 0;
  process.stdout.write(`ratio = median / target; under 1 meets the target. 'cpu median' is this process's CPU time per call.\n`);
  if (load > cpus().length) {
    process.stdout.write(
      `NOTE: load average ${load.toFixed(1)} on ${cpus().length} cores: other processes share the CPU, so wall-clock times are inflated; the CPU-time column is closer to an idle machine.\n`,
    );
  }
  process.stdout.write('\n');

  process.stdout.write('recommend(): a full design per example scenario\n');
  process.stdout.write(`${header()}\n`);
  let over = 0;
  for (const { name, scenario } of examples) {
    const st = measure(() => recommend(scenario).memoryMb);
    if (st.median > RECOMMEND_TARGET_MS) over++;
    process.stdout.write(`${row(name, st, RECOMMEND_TARGET_MS)}\n`);
  }

  const memories: number[] = [];
  for (let mb = LIMITS.memoryMinMb.value; mb <= LIMITS.memoryMaxMb.value; mb += LIMITS.memoryStepMb.value) memories.push(mb);
  process.stdout.write(
    `\ncostByMemory(): monthly cost at every memory size, ${memories[0]}..${memories[memories.length - 1]} MB in 1 MB steps (${memories.length.toLocaleString('en-US')} points)\n`,
  );
  process.stdout.write(`${header()}\n`);
  for (const { name, scenario } of examples) {
    const { config, invocationMsAt } = curveInputs(scenario);
    const st = measure(() => {
      const curve = costByMemory(scenario, config, invocationMsAt, memories);
      return curve[curve.length - 1] ?? 0;
    });
    if (st.median > CURVE_TARGET_MS) over++;
    process.stdout.write(`${row(name, st, CURVE_TARGET_MS)}\n`);
  }

  over += await mcpBench();
  over += templateBench();
  over += await calibrateBench();

  over += bundleBench(packError);
  over += lintProcessBench();

  process.stdout.write(`\n${over === 0 ? 'All timings and sizes meet their targets.' : `${over} timing(s) or size(s) miss their target.`}\n`);
  if (!Number.isFinite(sink)) process.stdout.write('(a result was not finite)\n');
}

void main();
