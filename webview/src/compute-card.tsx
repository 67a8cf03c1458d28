/**
 * The Compute card (first on the Design step) and the "Monthly cost against traffic" chart with one
 * line per feasible shape and the crossovers marked (issue 11). Money through the one formatter;
 * colours from the theme, each shape also told apart by its dash pattern and point style (high
 * contrast, colour blindness); the same numbers in a table (Show as table) and the crossovers as text.
 */
import type { ChartData, ChartOptions } from 'chart.js';
import type { ComputeKind, Design } from '../../src/engine/design.ts';
import { shortCount, usd, usdTick, whole } from '../../src/engine/format.ts';
import { ChartCanvas, TableToggle, axis, base, spacedLogTicks } from './charts.tsx';
import { COMPUTE_LABEL, drawnSeries, type ComputeCurve } from './compute.ts';
import { Sources } from './references.tsx';
import type { ChartColors } from './theme.ts';

const money = (v: number | null): string => (v === null ? 'not priced' : usd(v));

export function ComputeCard({ design }: { design: Design }) {
  const c = design.compute;
  const rationale = design.rationale.compute;
  return (
    <article className="decision compute" data-decision="compute" aria-labelledby="d-compute">
      <h3 id="d-compute">Compute shape</h3>
      <p className="value" data-testid="value-compute">
        {COMPUTE_LABEL[c.recommended]}
        {c.pinned ? ' (pinned)' : ''}
      </p>
      {rationale ? <p className="summary">{rationale.summary}</p> : null}
      <ol className="shapes" aria-label="Every shape considered, the recommended one first">
        {c.options.map((o) => {
          const recommended = o.kind === c.recommended;
          return (
            <li key={o.kind} className={`shape${recommended ? ' recommended' : ''}${o.feasible ? '' : ' infeasible'}`} data-shape={o.kind}>
              <div className="shape-head">
                <strong>{COMPUTE_LABEL[o.kind]}</strong>
                <span className="shape-cost" data-testid={`shape-cost-${o.kind}`}>
                  {money(o.monthlyUsd)}
                  {o.monthlyUsd === null ? '' : ' a month'}
                </span>
                <span className="badges">
                  {recommended ? <span className="badge">{c.pinned ? 'Pinned' : 'Recommended'}</span> : null}
                  <span className="badge">{o.feasible ? 'Can run the work' : 'Cannot run the work'}</span>
                </span>
              </div>
              <dl>
                <dt>{o.feasible ? 'Why' : 'Why not'}</dt>
                <dd>{o.why}</dd>
                <dt>Trade-off</dt>
                <dd>{o.tradeOff}</dd>
              </dl>
              <Sources refs={o.references} />
            </li>
          );
        })}
      </ol>
      {rationale ? <Sources refs={rationale.references} /> : null}
    </article>
  );
}

/** Per shape: the theme colour, the dash pattern and the point style that tell the lines apart without colour. */
const STYLE: Readonly<Record<ComputeKind, { color: keyof Pick<ChartColors, 'blue' | 'orange' | 'green' | 'purple' | 'yellow' | 'red'>; dash: number[]; point: string }>> = {
  'on-demand': { color: 'blue', dash: [], point: 'circle' },
  'managed-instances': { color: 'orange', dash: [8, 4], point: 'rect' },
  'durable-functions': { color: 'green', dash: [2, 3], point: 'triangle' },
  'step-functions-standard': { color: 'purple', dash: [10, 3, 2, 3], point: 'rectRot' },
  'step-functions-express': { color: 'yellow', dash: [4, 4], point: 'star' },
  'direct-integration': { color: 'red', dash: [1, 2], point: 'cross' },
};

export function ComputeChart({ design, curve }: { design: Design; curve: ComputeCurve }) {
  const drawn = drawnSeries(curve.series);
  const left = curve.series.filter((s) => !s.feasible || s.usd === null);
  const build = (c: ChartColors) => {
    const datasets: ChartData<'line' | 'scatter', unknown, unknown>['datasets'] = drawn.map((s) => {
      const st = STYLE[s.kind];
      // A log axis cannot show $0 (a free tier): such points are left out of the line, the table has them.
      const data = curve.requests.map((r, k) => ({ x: r, y: (s.usd[k] as number) > 0 ? (s.usd[k] as number) : null }));
      return {
        type: 'line' as const,
        label: `${COMPUTE_LABEL[s.kind]}${s.kind === design.compute.recommended ? ' (recommended)' : ''}`,
        data,
        borderColor: c[st.color],
        backgroundColor: c[st.color],
        borderDash: st.dash,
        pointStyle: st.point,
        pointRadius: 0,
        borderWidth: s.kind === design.compute.recommended ? 3 : 2,
        spanGaps: false,
      };
    });
    if (curve.crossovers.length > 0) {
      datasets.push({
        type: 'scatter',
        label: 'Where the cheapest shape changes',
        data: curve.crossovers.filter((x) => x.usd > 0).map((x) => ({ x: x.requestsPerMonth, y: x.usd, label: x.label })),
        borderColor: c.foreground,
        backgroundColor: c.background,
        pointRadius: 7,
        pointStyle: 'circle',
        borderWidth: 2,
      });
    }
    datasets.push({
      type: 'scatter',
      label: `Your traffic: ${shortCount(curve.current)} a month`,
      data: [{ x: Math.max(1, curve.current), y: design.cost.total > 0 ? design.cost.total : null }],
      borderColor: c.foreground,
      backgroundColor: c.green,
      pointRadius: 7,
      pointStyle: 'rectRot',
      borderWidth: 2,
    });
    return {
      type: 'line' as const,
      data: { datasets },
      options: {
        ...base(c),
        parsing: false,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        plugins: {
          ...base(c).plugins,
          tooltip: {
            enabled: true,
            callbacks: {
              label: (ctx: { dataset: { label?: string }; parsed: { x: number; y: number }; raw: unknown }) => {
                const raw = ctx.raw as { label?: string };
                return raw.label ?? `${ctx.dataset.label ?? ''}: ${usd(ctx.parsed.y)} at ${shortCount(ctx.parsed.x)} requests/month`;
              },
            },
          },
        },
        scales: {
          x: axis(c, 'Requests per month (log)', { type: 'logarithmic', afterBuildTicks: spacedLogTicks, ticks: { color: c.foreground, callback: (v: number | string) => shortCount(Number(v)) } }),
          y: axis(c, 'USD per month (log)', { type: 'logarithmic', afterBuildTicks: spacedLogTicks, ticks: { color: c.foreground, callback: (v: number | string) => usdTick(Number(v)) } }),
        },
      } as ChartOptions,
    };
  };
  const rows = curve.requests.filter((_, k) => k % 5 === 0);
  const summary =
    `Monthly cost of each compute shape from ${shortCount(curve.requests[0] ?? 0)} to ${shortCount(curve.requests[curve.requests.length - 1] ?? 0)} requests a month: ${drawn.map((s) => COMPUTE_LABEL[s.kind]).join(', ')}.` +
    (curve.crossovers.length > 0 ? ` ${curve.crossovers.map((x) => x.label).join('. ')}.` : ' The cheapest shape is the same over the whole range.');
  return (
    <section className="chart" aria-labelledby="compute-h">
      <h3 id="compute-h">Monthly cost against traffic, per compute shape</h3>
      <ChartCanvas label={summary} build={build} testId="chart-compute" height={300} />
      {curve.crossovers.length > 0 ? (
        <ul className="crossovers" aria-label="Where the cheapest shape changes" data-testid="crossovers">
          {curve.crossovers.map((x) => (
            <li key={`${x.from}-${x.to}-${Math.round(x.requestsPerMonth)}`}>{x.label}</li>
          ))}
        </ul>
      ) : (
        <p className="hint" data-testid="crossovers">
          No crossover between 1/100 and 100 × your traffic: the cheapest shape stays the same.
        </p>
      )}
      {left.length > 0 ? (
        <p className="hint">
          Not drawn: {left.map((s) => `${COMPUTE_LABEL[s.kind]} (${s.feasible ? 'no sourced price in this Region' : 'cannot run the work'})`).join('; ')}.
        </p>
      ) : null}
      <TableToggle caption="Monthly cost of each compute shape at other traffic volumes">
        <thead>
          <tr>
            <th scope="col">Requests per month</th>
            {drawn.map((s) => (
              <th scope="col" key={s.kind}>
                {COMPUTE_LABEL[s.kind]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const k = curve.requests.indexOf(r);
            return (
              <tr key={r}>
                <th scope="row">{whole(r)}</th>
                {drawn.map((s) => (
                  <td className="num" key={s.kind}>
                    {usd(s.usd[k] as number)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </TableToggle>
      <p className="hint">Each shape is priced with the same bill model; the other settings stay as designed for your traffic.</p>
    </section>
  );
}
