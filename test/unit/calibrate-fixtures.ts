/**
 * Measurement files in each format, written by the tests (no copied logs), byte for byte as AWS and
 * AWS Lambda Power Tuning print them, with a seeded random source so every run sees the same data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Inv {
  readonly memoryMb: number;
  /** Two decimals, as REPORT lines print it. */
  readonly durationMs: number;
  readonly maxUsedMb: number;
  /** Set on cold starts. */
  readonly initMs?: number;
  readonly time: Date;
}

const uuid = (r: () => number): string =>
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const v = Math.floor(r() * 16);
    return (c === 'x' ? v : (v & 0x3) | 0x8).toString(16);
  });

/** Invocations of one function at one memory size: durations around `meanMs`, every `coldEvery`-th cold. */
export function invocations(n: number, memoryMb: number, meanMs: number, opts: { seed?: number; coldEvery?: number; start?: Date; maxUsedMb?: number } = {}): Inv[] {
  const r = random(opts.seed ?? 1);
  const start = (opts.start ?? new Date('2026-11-30T10:00:00.000Z')).getTime();
  const out: Inv[] = [];
  for (let i = 0; i < n; i++) {
    const durationMs = Math.round(meanMs * (0.5 + r()) * 100) / 100;
    const cold = opts.coldEvery !== undefined && i % opts.coldEvery === 0;
    out.push({
      memoryMb,
      durationMs,
      maxUsedMb: (opts.maxUsedMb ?? 60) + Math.floor(r() * 10),
      ...(cold ? { initMs: Math.round((150 + r() * 100) * 100) / 100 } : {}),
      time: new Date(start + i * 1_000),
    });
  }
  return out;
}

/** A text log as `aws logs tail` prints it: timestamp, log stream, message; START, app lines, END, REPORT. */
export function textLog(invs: readonly Inv[], seed = 7): string {
  const r = random(seed);
  const lines: string[] = [];
  for (const inv of invs) {
    const id = uuid(r);
    const ts = inv.time.toISOString().replace('Z', '000+00:00');
    const stream = '2026/11/30/[$LATEST]0123456789abcdef0123456789abcdef';
    if (inv.initMs !== undefined) lines.push(`${ts} ${stream} INIT_START Runtime Version: nodejs:22.v40\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc`);
    lines.push(`${ts} ${stream} START RequestId: ${id} Version: $LATEST`);
    lines.push(`${ts} ${stream} ${inv.time.toISOString()}\t${id}\tINFO\tprocessed order 42 in Duration: 99 ms (app text, not a REPORT)`);
    lines.push(`${ts} ${stream} END RequestId: ${id}`);
    lines.push(
      `${ts} ${stream} REPORT RequestId: ${id}\tDuration: ${inv.durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(inv.durationMs)} ms\tMemory Size: ${inv.memoryMb} MB\tMax Memory Used: ${inv.maxUsedMb} MB\t` +
        (inv.initMs !== undefined ? `Init Duration: ${inv.initMs.toFixed(2)} ms\t` : ''),
    );
  }
  return lines.join('\n') + '\n';
}

/** The JSON log format: one record a line; platform.start, an app log and platform.report per invocation. */
export function jsonLog(invs: readonly Inv[], seed = 8): string {
  const r = random(seed);
  const lines: string[] = [];
  for (const inv of invs) {
    const requestId = uuid(r);
    const time = inv.time.toISOString();
    lines.push(JSON.stringify({ time, type: 'platform.start', record: { requestId, version: '$LATEST' } }));
    lines.push(JSON.stringify({ timestamp: time, level: 'INFO', requestId, message: 'handled' }));
    const metrics: Record<string, number> = {
      durationMs: inv.durationMs,
      billedDurationMs: Math.ceil(inv.durationMs),
      memorySizeMB: inv.memoryMb,
      maxMemoryUsedMB: inv.maxUsedMb,
    };
    if (inv.initMs !== undefined) metrics['initDurationMs'] = inv.initMs;
    lines.push(JSON.stringify({ time, type: 'platform.report', record: { requestId, metrics, status: 'success' } }));
  }
  return lines.join('\n') + '\n';
}

/** A Logs Insights CSV export (`fields @timestamp, @log, @duration, …`), memory in bytes, values quoted as the console does. */
export function insightsCsv(invs: readonly Inv[], functionName = 'orders'): string {
  const lines = ['@timestamp,@log,@requestId,@duration,@billedDuration,@memorySize,@maxMemoryUsed,@initDuration'];
  for (const inv of invs) {
    const ts = inv.time.toISOString().replace('T', ' ').replace('Z', '');
    lines.push(
      [
        `"${ts}"`,
        `"123456789012:/aws/lambda/${functionName}"`,
        '"0000"',
        String(inv.durationMs),
        String(Math.ceil(inv.durationMs)),
        String(inv.memoryMb * 1_048_576),
        String(inv.maxUsedMb * 1_048_576),
        inv.initMs === undefined ? '' : String(inv.initMs),
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** Power Tuning's README example visualization URL (six sizes, 128 to 3,008 MB). */
export const README_URL = 'https://lambda-power-tuning.show/#gAAAAQACAAQABsAL;ZooQR4yvkUa/pQRGRC5zRaADHUVjOftE;QdWhOEMkoziDT5Q4xhiIOMYYiDi6RNc4';

/** A visualization URL encoded as Power Tuning's buildVisualizationURL does (Int16 sizes, Float32 durations and costs). */
export function powerTuningUrl(points: ReadonlyArray<{ memoryMb: number; durationMs: number; cost: number }>): string {
  const enc = (values: number[], T: Int16ArrayConstructor | Float32ArrayConstructor) => Buffer.from(new Uint8Array(new T(values).buffer)).toString('base64');
  const sorted = [...points].sort((a, b) => a.memoryMb - b.memoryMb);
  return `https://lambda-power-tuning.show/#${[enc(sorted.map((p) => p.memoryMb), Int16Array), enc(sorted.map((p) => p.durationMs), Float32Array), enc(sorted.map((p) => p.cost), Float32Array)].join(';')}`;
}

/** The state machine's output, pretty-printed as the console shows it (stats only with includeOutputResults). */
export function powerTuningResult(points: ReadonlyArray<{ memoryMb: number; durationMs: number; cost: number }>): string {
  const best = [...points].sort((a, b) => a.cost - b.cost)[0]!;
  return JSON.stringify(
    {
      results: {
        power: best.memoryMb,
        cost: best.cost,
        duration: best.durationMs,
        stateMachine: { executionCost: 0.00045, lambdaCost: 0.0021, visualization: powerTuningUrl(points) },
        stats: points.map((p) => ({ averagePrice: p.cost, averageDuration: p.durationMs, value: p.memoryMb })),
      },
    },
    null,
    2,
  );
}

/** A fresh temporary folder with the given files; returns their paths by name. */
export function writeFiles(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'calibrate-'));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const p = join(dir, name);
    writeFileSync(p, text);
    paths[name] = p;
  }
  return paths;
}

/** Nearest-rank percentile of a list, the reference the tests compare with. */
export function nearestRank(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1]!;
}
