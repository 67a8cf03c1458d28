/** Step 6: warnings, one card per decision (value, why, trade-off, sources, what 2019 got wrong), and the cost charts. */
import { useEffect, useRef } from 'react';
import type { DecisionId, Design, Rationale } from '../../src/engine/design.ts';
import { BillChart, MemoryChart, TrafficChart } from './charts.tsx';
import type { Computed } from './curves.ts';
import { mb, ms, num, usd, whole } from '../../src/engine/format.ts';
import { Sources } from './references.tsx';
import { ComputeCard, ComputeChart } from './compute-card.tsx';
import { useWizard } from './storeContext.ts';

const DECISIONS: readonly { id: DecisionId; title: string; value: (d: Design) => string }[] = [
  { id: 'invocation', title: 'Invocation', value: (d) => `${d.invocation.model}, ${d.invocation.type === 'Event' ? 'asynchronous (Event)' : 'synchronous (RequestResponse)'}` },
  { id: 'memory', title: 'Memory & architecture', value: (d) => `${mb(d.memoryMb)} on ${d.architecture}` },
  { id: 'timeout', title: 'Timeout', value: (d) => `${whole(d.timeoutSeconds)} s` },
  {
    id: 'batching',
    title: 'Batching',
    value: (d) => (d.batching ? `batch size ${whole(d.batching.batchSize)}, window ${num(d.batching.maximumBatchingWindowSeconds)} s` : 'no batching (one event per invocation)'),
  },
  {
    id: 'concurrency',
    title: 'Concurrency',
    value: (d) =>
      [
        `${whole(d.concurrency.neededAtPeak)} needed at peak`,
        d.concurrency.reserved !== null ? `reserved ${whole(d.concurrency.reserved)}` : null,
        d.concurrency.provisioned !== null ? `provisioned ${whole(d.concurrency.provisioned)}` : null,
        d.concurrency.maximumConcurrency !== null ? `maximum concurrency ${whole(d.concurrency.maximumConcurrency)}` : null,
        d.concurrency.parallelizationFactor !== null ? `parallelization factor ${whole(d.concurrency.parallelizationFactor)}` : null,
        d.concurrency.provisionedPollers
          ? `provisioned mode: ${whole(d.concurrency.provisionedPollers.minimumPollers)}–${whole(d.concurrency.provisionedPollers.maximumPollers)} event pollers`
          : null,
      ]
        .filter(Boolean)
        .join(', '),
  },
  {
    id: 'failures',
    title: 'Failure handling',
    value: (d) => {
      const e = d.errorHandling;
      const parts: string[] = [];
      if (e.retryAttempts !== null) parts.push(`${whole(e.retryAttempts)} retries`);
      if (e.queue) parts.push(`visibility ${whole(e.queue.visibilityTimeoutSeconds)} s, maxReceiveCount ${whole(e.queue.maxReceiveCount)}${e.queue.deadLetterQueue ? ', dead-letter queue' : ''}`);
      if (e.onFailureDestination) parts.push(`on failure → ${e.onFailureDestination}`);
      if (e.bisectBatchOnFunctionError) parts.push('bisect failing batches');
      parts.push(e.idempotency === 'powertools-idempotency' ? 'Powertools idempotency' : e.idempotency === 'request-id-dedupe' ? 'dedupe by request id' : 'caller retries');
      return parts.join(', ');
    },
  },
  {
    id: 'vpc',
    title: 'VPC',
    value: (d) =>
      d.vpc.attach
        ? `in a VPC: ${whole(d.vpc.subnets)} private subnets, ${whole(d.vpc.natGateways)} NAT gateways, ${d.vpc.gatewayEndpoints.length + d.vpc.interfaceEndpoints.length} endpoints (${usd(d.vpc.monthlyUsd)}/month)`
        : 'not in a VPC',
  },
  {
    id: 'coldStart',
    title: 'Cold starts',
    value: (d) => `${d.coldStart.strategy.replace(/-/g, ' ')} (init about ${ms(d.coldStart.expectedInitMs)})`,
  },
  {
    id: 'deployment',
    title: 'Deployment',
    value: (d) =>
      `${d.deployment.type ?? 'all at once'} through the "${d.deployment.aliasName}" alias, ${whole(d.deployment.alarms.length)} rollback alarm${d.deployment.alarms.length === 1 ? '' : 's'}`,
  },
];

function DecisionCard({ id, title, value, rationale }: { id: DecisionId; title: string; value: string; rationale: Rationale }) {
  return (
    <article className="decision" data-decision={id} aria-labelledby={`d-${id}`}>
      <h3 id={`d-${id}`}>{title}</h3>
      <p className="value" data-testid={`value-${id}`}>
        {value}
      </p>
      <p className="summary">{rationale.summary}</p>
      <dl>
        <dt>Why</dt>
        <dd>{rationale.why}</dd>
        <dt>Trade-off</dt>
        <dd>{rationale.tradeOff}</dd>
      </dl>
      {rationale.articleCorrection ? (
        <div className="correction" data-testid={`correction-${id}`}>
          <strong>What the 2019 advice got wrong: </strong>
          {rationale.articleCorrection}
        </div>
      ) : null}
      <Sources refs={rationale.references} />
    </article>
  );
}

export function DesignStep({ computed }: { computed: Computed | null }) {
  const view = useWizard((s) => s.view);
  const costRequests = useWizard((s) => s.costRequests);
  const target = useWizard((s) => s.validation.scenario?.latency.targetP99Ms);
  const costRef = useRef<HTMLHeadingElement>(null);
  const hasDesign = computed !== null;
  useEffect(() => {
    if (view === 'cost' && costRef.current) {
      costRef.current.scrollIntoView({ block: 'start' });
      costRef.current.focus({ preventScroll: true });
    }
  }, [view, costRequests, hasDesign]);
  if (!computed) return <p>Complete the earlier steps to see the design.</p>;
  const d = computed.design;
  return (
    <div className="design">
      {d.warnings.length > 0 ? (
        <section className="warnings" aria-label="Warnings">
          {d.warnings.map((w, i) => (
            <div key={`${w.id}-${i}`} className={`warning sev-${w.severity}`} role={w.severity === 'error' ? 'alert' : undefined} data-warning={w.id}>
              <strong>{w.severity === 'error' ? 'Problem' : w.severity === 'warning' ? 'Warning' : 'Note'}: </strong>
              {w.message}
              <Sources refs={w.references} />
            </div>
          ))}
        </section>
      ) : null}
      <p className="headline">
        <strong>{d.name}</strong>: {mb(d.memoryMb)} on {d.architecture}, timeout {whole(d.timeoutSeconds)} s, estimated p99 {ms(d.estimatedP99Ms)}, about{' '}
        <strong>{usd(d.cost.total)}</strong> a month in {d.region}.
      </p>
      <div className="decisions">
        <ComputeCard design={d} />
        {DECISIONS.map((x) => (
          <DecisionCard key={x.id} id={x.id} title={x.title} value={x.value(d)} rationale={d.rationale[x.id]} />
        ))}
      </div>
      <h2 id="cost" ref={costRef} tabIndex={-1}>
        Cost
      </h2>
      <div className="charts">
        <ComputeChart design={d} curve={computed.compute} />
        <BillChart design={d} />
        <MemoryChart design={d} curve={computed.memory} targetMs={target} />
        <TrafficChart design={d} curve={computed.traffic} />
      </div>
      <details className="assumptions">
        <summary>Assumptions behind the numbers</summary>
        <ul>
          {d.cost.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
