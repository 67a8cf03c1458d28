/**
 * The cost charts (chart.js 4). Only the controllers used are registered. A chart is created once
 * per canvas and destroyed in the effect cleanup (StrictMode-safe); new data is written into it in
 * place and `update('none')` redraws without animation, so typing feels immediate. Colours come
 * from the VS Code theme variables at draw time and are re-read when the theme changes. Each chart
 * has a table with the same numbers (Show as table) and a text summary for screen readers.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartData,
  type ChartOptions,
  type Scale,
} from 'chart.js';
import type { Design } from '../../src/engine/design.ts';
import type { MemoryCurve, TrafficCurve } from './curves.ts';
import { mb, ms, shortCount, usd, usdTick, whole, wrapWords } from '../../src/engine/format.ts';
import { chartColors, useThemeKind, type ChartColors } from './theme.ts';
import { logTicks } from './ticks.ts';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, ScatterController, CategoryScale, LinearScale, LogarithmicScale, Tooltip, Legend);

type AnyConfig = ChartConfiguration<'bar' | 'line' | 'scatter', unknown, unknown>;

/** One canvas, one Chart instance for its lifetime; `build` gives data and options for the current colours. */
export function ChartCanvas(props: { label: string; build: (c: ChartColors) => { type: 'bar' | 'line'; data: ChartData<'bar' | 'line' | 'scatter', unknown, unknown>; options: ChartOptions }; testId: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const theme = useThemeKind();
  const { build } = props;

  // One effect creates the chart on first run and updates it in place afterwards, so it always draws the
  // current `build` and theme (a mount-only effect would capture the first ones).
  useEffect(() => {
    const colors = chartColors(theme);
    const next = build(colors);
    Chart.defaults.font.family = colors.font;
    const c = chart.current;
    if (!c) {
      const el = canvas.current;
      if (el) chart.current = new Chart(el, { type: next.type, data: next.data, options: next.options } as AnyConfig) as unknown as Chart;
      return;
    }
    // In place: keep the dataset objects when the shape is the same, so Chart.js does not rebuild.
    const ds = c.data.datasets;
    if (ds.length === next.data.datasets.length) {
      next.data.datasets.forEach((n, i) => Object.assign(ds[i] as object, n));
    } else {
      c.data.datasets = next.data.datasets as typeof c.data.datasets;
    }
    c.data.labels = next.data.labels as unknown[];
    c.options = next.options as typeof c.options;
    c.update('none');
  }, [build, theme]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <div className="chart-box" style={{ height: props.height ?? 260 }}>
      <canvas ref={canvas} role="img" aria-label={props.label} data-testid={props.testId} />
    </div>
  );
}

/** Characters per line of a bill item's label. */
const BILL_LABEL_WIDTH = 30;

/**
 * Round, spaced labels on a logarithmic axis (Chart.js's own crowd: 3.2K, 3.4K, 3.6K on a p99 axis; 70k beside 100k
 * on a traffic axis). Labels across a horizontal axis need more room than stacked ones.
 */
export function spacedLogTicks(scale: Scale): void {
  const horizontal = scale.isHorizontal();
  scale.ticks = logTicks(scale.min, scale.max, horizontal ? scale.width : scale.height, horizontal ? 44 : 24).map((value) => ({ value }));
}

export function axis(c: ChartColors, title: string, extra: Record<string, unknown> = {}) {
  return {
    title: { display: true, text: title, color: c.foreground },
    ticks: { color: c.foreground },
    grid: { color: c.grid },
    border: { color: c.grid },
    ...extra,
  };
}

export function base(c: ChartColors): ChartOptions {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    color: c.foreground,
    plugins: {
      legend: { labels: { color: c.foreground, usePointStyle: true } },
      tooltip: { enabled: true },
    },
  } as ChartOptions;
}

export function TableToggle(props: { caption: string; children: ReactNode }) {
  return (
    <details className="table-toggle">
      <summary>Show as table</summary>
      <table>
        <caption>{props.caption}</caption>
        {props.children}
      </table>
    </details>
  );
}

// ---- the bill by line ----

export function BillChart({ design }: { design: Design }) {
  const lines = design.cost.lines;
  const build = (c: ChartColors) => ({
    type: 'bar' as const,
    data: {
      // Long items ("CloudWatch alarms for deployment rollback (1)") on two lines instead of cut at the canvas edge.
      labels: lines.map((l) => wrapWords(l.item, BILL_LABEL_WIDTH)),
      datasets: [{ label: 'USD per month', data: lines.map((l) => l.usd), backgroundColor: c.blue, borderColor: c.highContrast ? c.foreground : c.blue, borderWidth: c.highContrast ? 1 : 0 }],
    },
    options: {
      ...base(c),
      indexAxis: 'y',
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx: { parsed: { x: number } }) => usd(ctx.parsed.x) } } },
      scales: { x: axis(c, 'USD per month', { ticks: { color: c.foreground, callback: (v: number | string) => usdTick(Number(v)) } }), y: axis(c, '', { title: { display: false } }) },
    } as ChartOptions,
  });
  const summary = `Monthly bill ${usd(design.cost.total)}: ${lines.map((l) => `${l.item} ${usd(l.usd)}`).join('; ')}.`;
  return (
    <section className="chart" aria-labelledby="bill-h">
      <h3 id="bill-h">
        The monthly bill: <span data-testid="bill-total">{usd(design.cost.total)}</span>
      </h3>
      <ChartCanvas label={summary} build={build} testId="chart-bill" height={Math.max(140, 36 * lines.length + 12 * lines.filter((l) => l.item.length > BILL_LABEL_WIDTH).length + 60)} />
      <TableToggle caption="The monthly bill by line">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">USD per month</th>
            <th scope="col">How it is computed</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.item}</th>
              <td className="num">{usd(l.usd)}</td>
              <td>{l.detail}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td className="num">{usd(design.cost.total)}</td>
            <td>{design.cost.freeTierApplied ? 'Free tier applied.' : ''}</td>
          </tr>
        </tbody>
      </TableToggle>
      <p className="hint">
        Prices for {design.cost.region} as of {design.cost.pricesAsOf}.
      </p>
    </section>
  );
}

// ---- cost and p99 against memory ----

export function MemoryChart({ design, curve, targetMs }: { design: Design; curve: MemoryCurve; targetMs: number | undefined }) {
  const i = curve.memories.indexOf(design.memoryMb);
  const recCost = i >= 0 ? (curve.cost[i] as number) : design.cost.total;
  const recP99 = i >= 0 ? (curve.p99[i] as number) : design.estimatedP99Ms;
  const build = (c: ChartColors) => {
    const costPts = curve.memories.map((m, k) => ({ x: m, y: curve.cost[k] as number }));
    const p99Pts = curve.memories.map((m, k) => ({ x: m, y: curve.p99[k] as number }));
    const datasets: ChartData<'line' | 'scatter', unknown, unknown>['datasets'] = [
      { type: 'line', label: 'Monthly cost (USD)', data: costPts, borderColor: c.blue, backgroundColor: c.blue, pointRadius: 0, borderWidth: 2, yAxisID: 'y' },
      { type: 'line', label: 'Estimated p99 (ms)', data: p99Pts, borderColor: c.orange, backgroundColor: c.orange, pointRadius: 0, borderWidth: 2, borderDash: [6, 3], yAxisID: 'y1' },
      { type: 'scatter', label: `Recommended: ${mb(design.memoryMb)}`, data: [{ x: design.memoryMb, y: recCost }], borderColor: c.foreground, backgroundColor: c.green, pointRadius: 7, pointStyle: 'rectRot', borderWidth: 2, yAxisID: 'y' },
    ];
    if (curve.measured.length > 0) {
      const n = curve.measured.length;
      datasets.push({ type: 'scatter', label: `Measured cost (${n} size${n === 1 ? '' : 's'})`, data: curve.measured.map((p) => ({ x: p.memoryMb, y: p.cost })), borderColor: c.blue, backgroundColor: c.background, pointRadius: 5, pointStyle: 'circle', borderWidth: 2, yAxisID: 'y' });
      const p99s = curve.measured.filter((p) => p.p99 !== null);
      if (p99s.length > 0) {
        datasets.push({ type: 'scatter', label: 'Measured p99 (ms)', data: p99s.map((p) => ({ x: p.memoryMb, y: p.p99 })), borderColor: c.orange, backgroundColor: c.background, pointRadius: 5, pointStyle: 'triangle', borderWidth: 2, yAxisID: 'y1' });
      }
    }
    if (targetMs !== undefined) {
      datasets.push({ type: 'line', label: `p99 target: ${ms(targetMs)}`, data: [{ x: curve.memories[0], y: targetMs }, { x: curve.memories[curve.memories.length - 1], y: targetMs }], borderColor: c.red, backgroundColor: c.red, pointRadius: 0, borderWidth: 2, borderDash: [2, 2], yAxisID: 'y1' });
    }
    return {
      type: 'line' as const,
      data: { datasets },
      options: {
        ...base(c),
        parsing: false,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        scales: {
          x: axis(c, 'Memory (MB)', { type: 'linear', min: curve.memories[0], max: curve.memories[curve.memories.length - 1], ticks: { color: c.foreground, callback: (v: number | string) => whole(Number(v)) } }),
          y: axis(c, 'USD per month', { type: 'linear', position: 'left', ticks: { color: c.foreground, callback: (v: number | string) => usdTick(Number(v)) } }),
          y1: axis(c, 'p99 (ms, log)', {
            type: 'logarithmic',
            position: 'right',
            grid: { drawOnChartArea: false, color: c.grid },
            // Chart.js's own log ticks crowd (3.2K, 3.4K, 3.6K, 3.8K on top of each other): round values spaced apart instead.
            afterBuildTicks: spacedLogTicks,
            ticks: { color: c.foreground, callback: (v: number | string) => shortCount(Number(v)) },
          }),
        },
      } as ChartOptions,
    };
  };
  const measuredAt = new Set(curve.measured.map((p) => p.memoryMb));
  const rows = curve.memories.filter((m) => m === design.memoryMb || m === 128 || m % 1024 === 0 || measuredAt.has(m));
  const summary =
    `Cost and estimated p99 against memory. Recommended ${mb(design.memoryMb)}: ${usd(recCost)} a month, p99 ${ms(recP99)}${targetMs !== undefined ? `, target ${ms(targetMs)}` : ''}.` +
    (curve.measured.length > 0 ? ` Measured at ${curve.measured.map((p) => mb(p.memoryMb)).join(', ')}: the curve follows the measurements.` : '');
  return (
    <section className="chart" aria-labelledby="mem-h">
      <h3 id="mem-h">Cost and p99 against memory</h3>
      {curve.measured.length > 0 ? (
        <p className="hint" data-testid="measured-note">
          {design.model.note}
        </p>
      ) : null}
      <ChartCanvas label={summary} build={build} testId="chart-memory" height={300} />
      <TableToggle caption="Monthly cost and estimated p99 at memory settings">
        <thead>
          <tr>
            <th scope="col">Memory</th>
            <th scope="col">USD per month</th>
            <th scope="col">Estimated p99</th>
            <th scope="col">Meets target</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const k = curve.memories.indexOf(m);
            const p = curve.p99[k] as number;
            return (
              <tr key={m} className={m === design.memoryMb ? 'recommended' : undefined}>
                <th scope="row">
                  {mb(m)}
                  {m === design.memoryMb ? ' (recommended)' : ''}
                  {measuredAt.has(m) ? ' (measured)' : ''}
                </th>
                <td className="num">{usd(curve.cost[k] as number)}</td>
                <td className="num">{ms(p)}</td>
                <td>{targetMs === undefined ? 'no target' : p <= targetMs ? 'yes' : 'no'}</td>
              </tr>
            );
          })}
        </tbody>
      </TableToggle>
    </section>
  );
}

// ---- cost against monthly traffic ----

export function TrafficChart({ design, curve }: { design: Design; curve: TrafficCurve }) {
  const build = (c: ChartColors) => {
    const pts = (arr: Float64Array) => curve.requests.map((r, k) => ({ x: r, y: arr[k] as number }));
    const datasets: ChartData<'line' | 'scatter', unknown, unknown>['datasets'] = [
      { type: 'line', label: curve.withoutProvisioned ? 'With provisioned concurrency' : 'This design', data: pts(curve.cost), borderColor: c.blue, backgroundColor: c.blue, pointRadius: 0, borderWidth: 2 },
    ];
    if (curve.withoutProvisioned) {
      datasets.push({ type: 'line', label: 'Without provisioned concurrency', data: pts(curve.withoutProvisioned), borderColor: c.purple, backgroundColor: c.purple, pointRadius: 0, borderWidth: 2, borderDash: [6, 3] });
    }
    datasets.push({ type: 'scatter', label: `Your traffic: ${shortCount(curve.current)} a month`, data: [{ x: Math.max(1, curve.current), y: design.cost.total }], borderColor: c.foreground, backgroundColor: c.green, pointRadius: 7, pointStyle: 'rectRot', borderWidth: 2 });
    return {
      type: 'line' as const,
      data: { datasets },
      options: {
        ...base(c),
        parsing: false,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        scales: {
          x: axis(c, 'Requests per month (log)', { type: 'logarithmic', afterBuildTicks: spacedLogTicks, ticks: { color: c.foreground, callback: (v: number | string) => shortCount(Number(v)) } }),
          y: axis(c, 'USD per month (log)', { type: 'logarithmic', afterBuildTicks: spacedLogTicks, ticks: { color: c.foreground, callback: (v: number | string) => usdTick(Number(v)) } }),
        },
      } as ChartOptions,
    };
  };
  const rows = curve.requests.filter((_, k) => k % 5 === 0);
  return (
    <section className="chart" aria-labelledby="traffic-h">
      <h3 id="traffic-h">Cost against monthly traffic</h3>
      <ChartCanvas label={`Monthly cost of this design from ${shortCount(curve.requests[0] ?? 0)} to ${shortCount(curve.requests[curve.requests.length - 1] ?? 0)} requests a month; at your traffic ${usd(design.cost.total)}.`} build={build} testId="chart-traffic" height={280} />
      <TableToggle caption="Monthly cost of this design at other traffic volumes">
        <thead>
          <tr>
            <th scope="col">Requests per month</th>
            <th scope="col">{curve.withoutProvisioned ? 'With provisioned concurrency' : 'USD per month'}</th>
            {curve.withoutProvisioned ? <th scope="col">Without provisioned concurrency</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const k = curve.requests.indexOf(r);
            return (
              <tr key={r}>
                <th scope="row">{whole(r)}</th>
                <td className="num">{usd(curve.cost[k] as number)}</td>
                {curve.withoutProvisioned ? <td className="num">{usd(curve.withoutProvisioned[k] as number)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </TableToggle>
      <p className="hint">The design stays as recommended for your traffic; only the volume changes.</p>
    </section>
  );
}
