/** Steps 1–5 of the wizard: the scenario, field by field. */
import { AWS_SERVICE_LIST, RUNTIME_LIST } from '../../src/engine/scenario.ts';
import { LIMITS, COLD_STARTS, COMMERCIAL_REGIONS, TODAY, regionPrices, runtimeInfo, runtimeLifecycle } from '../../src/engine/facts/index.ts';
import VscodeButton from '@vscode-elements/react-elements/dist/components/VscodeButton.js';
import { ImportMeasurements, type StepId } from '../../src/protocol/messages.ts';
import { endpoint } from './host.ts';
import { CheckField, SelectField, TextField } from './fields.tsx';
import { COMPUTE_PINS } from './compute.ts';
import type { FieldKey, Form } from './form.ts';
import { SOURCE_CARDS } from './sources.ts';
import { SOURCE_KIND } from '../../src/engine/sources/index.ts';
import { utcTime, visibleError } from './store.ts';
import { useWizard } from './storeContext.ts';
import { whole } from '../../src/engine/format.ts';

function useField<K extends FieldKey>(key: K, step: StepId) {
  const value = useWizard((s) => s.form[key]);
  const error = useWizard((s) => visibleError(s, key, step));
  const setField = useWizard((s) => s.setField);
  const touch = useWizard((s) => s.touch);
  return { value, error, set: (v: Form[K]) => setField(key, v), touch: () => touch(key) };
}

function Text(props: { k: Exclude<FieldKey, 'freeTier' | 'privateResources' | 'internetEgress' | 'idempotent' | 'recordsInParallel' | 'awsServices' | 'source'>; step: StepId; label: string; unit?: string; hint?: string; placeholder?: string; numeric?: boolean }) {
  const f = useField(props.k, props.step);
  return (
    <TextField
      field={props.k}
      label={props.label}
      unit={props.unit}
      hint={props.hint}
      placeholder={props.placeholder}
      numeric={props.numeric}
      value={f.value as string}
      error={f.error}
      onChange={(v) => f.set(v as never)}
      onBlur={f.touch}
    />
  );
}

function Check(props: { k: 'freeTier' | 'privateResources' | 'internetEgress' | 'idempotent' | 'recordsInParallel'; step: StepId; label: string; hint?: string }) {
  const f = useField(props.k, props.step);
  return <CheckField field={props.k} label={props.label} hint={props.hint} checked={f.value} error={f.error} onChange={(v) => f.set(v)} />;
}

function Select<T extends string>(props: { k: FieldKey; step: StepId; label: string; hint?: string; options: readonly { value: T; label: string }[] }) {
  const f = useField(props.k, props.step);
  return <SelectField field={props.k} label={props.label} hint={props.hint} value={f.value as T} error={f.error} options={props.options} onChange={(v) => f.set(v as never)} />;
}

/** "Import Measurements…": the host reads logs, a CSV or Power Tuning output; the form fills from them. */
function ImportMeasurementsBox() {
  const measured = useWizard((s) => s.measured);
  const points = useWizard((s) => (Array.isArray(s.form.extra.work['measurements']) ? (s.form.extra.work['measurements'] as unknown[]).length : 0));
  const scenarioJson = useWizard((s) => s.scenarioJson);
  const importMeasurements = useWizard((s) => s.importMeasurements);
  const setNotice = useWizard((s) => s.setNotice);
  return (
    <div className="import-measurements" data-testid="import-measurements">
      <VscodeButton
        secondary
        data-testid="import-measurements-button"
        onClick={() => {
          endpoint.sendRequest(ImportMeasurements, { scenario: scenarioJson() }).then(
            (r) => {
              if (r.imported) importMeasurements(r.imported);
            },
            (e: unknown) => setNotice({ kind: 'error', text: `Importing measurements failed: ${e instanceof Error ? e.message : String(e)}` }),
          );
        }}
      >
        Import Measurements…
      </VscodeButton>
      <span className="hint">
        CloudWatch logs (REPORT lines or the JSON log format), a Logs Insights CSV export, or AWS Lambda Power Tuning&apos;s result or URL: the durations, memory use, cold starts and every measured memory size come from them.
      </span>
      {measured ? (
        <div className="measured-summary" role="status" data-testid="measured-summary">
          <p>
            {measured.invocations > 0 ? `${whole(measured.invocations)} invocations, ${whole(measured.coldStarts)} cold starts` : 'Averages only (no invocation counts)'}
            {`; measured at ${measured.memorySizesMb.map((m) => `${whole(m)} MB`).join(', ')}`}
            {measured.firstTime && measured.lastTime ? `; ${utcTime(measured.firstTime)} to ${utcTime(measured.lastTime)}` : ''}
            {measured.functionName ? ` (${measured.functionName})` : ''}.
          </p>
          <ul>
            {measured.sources.map((x) => (
              <li key={x}>{x}</li>
            ))}
            {measured.notes.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      ) : points > 0 ? (
        <p className="hint" data-testid="measured-summary">
          This scenario carries {points} measured memory size{points === 1 ? '' : 's'} (work.measurements): the duration curve follows them.
        </p>
      ) : null}
    </div>
  );
}

export function WorkloadStep() {
  const mode = useWizard((s) => s.form.trafficMode);
  const setMode = useWizard((s) => s.setTrafficMode);
  return (
    <>
      <Text k="name" step="workload" label="Function name" numeric={false} hint="Letters, digits, - and _. It names the saved file too." />
      <fieldset className="group">
        <legend>Traffic</legend>
        <SelectField
          field="trafficMode"
          label="Give the average traffic"
          value={mode}
          error={undefined}
          options={[
            { value: 'monthly', label: 'per month (requests, messages or records)' },
            { value: 'perSecond', label: 'per second (average)' },
          ]}
          onChange={(v) => setMode(v)}
        />
        {mode === 'monthly' ? (
          <Text k="requestsPerMonth" step="workload" label="Requests per month" hint="Messages or records for queue and stream sources. 1,000,000 and 1e6 both work." />
        ) : (
          <Text k="averagePerSecond" step="workload" label="Average requests per second" unit="per second" />
        )}
        <Text k="peakPerSecond" step="workload" label="Peak requests per second" unit="per second" hint="The busiest second you expect; concurrency is sized for it. Empty: the average stands in." />
        <Text k="payloadKb" step="workload" label="Payload size" unit="KB" hint="One request, message or record." />
      </fieldset>
      <fieldset className="group">
        <legend>Work</legend>
        <ImportMeasurementsBox />
        <Text k="averageDurationMs" step="workload" label="Average duration" unit="ms" hint="Of one request or record, as measured." />
        <Text k="p99DurationMs" step="workload" label="p99 duration" unit="ms" />
        <Text
          k="measuredAtMemoryMb"
          step="workload"
          label="Measured at memory"
          unit="MB"
          hint={`The memory setting the durations were measured at (${whole(LIMITS.memoryMinMb.value)}–${whole(LIMITS.memoryMaxMb.value)} MB). CPU grows with memory, so the engine rescales the durations.`}
        />
        <Select
          k="profile"
          step="workload"
          label="What the time is spent on"
          options={[
            { value: 'io', label: 'I/O: waiting on the network or a database' },
            { value: 'cpu', label: 'CPU: computing' },
            { value: 'mixed', label: 'Mixed' },
          ]}
          hint="Only the CPU-bound share gets faster with more memory."
        />
        <Text k="maxMemoryUsedMb" step="workload" label="Memory used (peak)" unit="MB" hint="From the REPORT line's Max Memory Used. Optional; sets the lowest memory the advisor considers." />
      </fieldset>
    </>
  );
}

export function SourceStep() {
  const source = useWizard((s) => s.form.source);
  const setField = useWizard((s) => s.setField);
  const error = useWizard((s) => visibleError(s, 'source', 'source'));
  const groups = ['Request/response', 'Events', 'Queues', 'Streams'] as const;
  return (
    <>
      <fieldset className="sources" data-field="source" aria-describedby="f-source-error">
        <legend>What invokes the function?</legend>
        <p className="hint">
          <strong>Push</strong>: the service calls Lambda. <strong>Poll</strong>: Lambda reads from the service for you. <strong>Synchronous</strong>: the caller waits for
          the result and handles errors. <strong>Asynchronous</strong>: Lambda queues the event and retries on its own.
        </p>
        {groups.map((g) => (
          <div key={g} className="source-group">
            <h3>{g}</h3>
            <div className="cards" role="presentation">
              {SOURCE_CARDS.filter((c) => c.group === g).map((c) => (
                <label key={c.id} className={`source-card${source === c.id ? ' selected' : ''}`} data-source={c.id}>
                  <input type="radio" name="source" value={c.id} checked={source === c.id} onChange={() => setField('source', c.id)} />
                  <span className="card-title">{c.title}</span>
                  <span className="badges">
                    <span className="badge">{c.model}</span>
                    <span className="badge">{c.type === 'sync' ? 'synchronous' : 'asynchronous'}</span>
                  </span>
                  <span className="card-text">{c.sentence}</span>
                  <span className="card-trade">{c.tradeOff}</span>
                </label>
              ))}
            </div>
          </div>
        ))}
        <div className="field-error" id="f-source-error" aria-live="polite">
          {error ? `⚠ ${error}` : null}
        </div>
      </fieldset>
      {source !== '' && SOURCE_KIND[source] === 'sync' ? (
        <Text k="responseKb" step="source" label="Response size" unit="KB" hint="Optional: checked against the source's response limit (ALB 1 MB, 6 MB buffered, 200 MB streamed)." />
      ) : null}
      {source === 'kinesis' || source === 'dynamodb-streams' ? (
        <Text k="shards" step="source" label="Shards" hint={source === 'kinesis' ? 'Required for Kinesis: concurrency follows the shard count.' : 'Optional: DynamoDB manages the shard count.'} />
      ) : null}
      {source === 'sqs-fifo' ? <Text k="messageGroups" step="source" label="Message groups" hint="Distinct MessageGroupId values in flight; FIFO processes one group at a time." /> : null}
      {source === 'kafka' ? (
        <Text k="partitions" step="source" label="Partitions" hint="Partitions of the topic: Lambda runs one batch per partition at a time, so they bound the concurrency. Optional, but without it the bound cannot be checked." />
      ) : null}
    </>
  );
}

export function LatencyStep() {
  const runtime = useWizard((s) => s.form.runtime);
  const info = runtimeInfo(runtime);
  const init = info ? COLD_STARTS.initMs.value[info.family] : undefined;
  return (
    <>
      <Text k="targetP99Ms" step="latency" label="p99 latency target" unit="ms" hint="99 of 100 invocations should finish within this (for pollers: from a message's arrival). Empty: no target, cost decides." />
      <Select
        k="coldStarts"
        step="latency"
        label="Cold starts"
        options={[
          { value: 'tolerate', label: 'Tolerate: an occasional slow first request is fine' },
          { value: 'avoid', label: 'Avoid: pay for provisioned concurrency or SnapStart' },
        ]}
        hint={
          init && info
            ? `A typical ${info.name} cold start adds about ${whole(init.p50)} ms (p99 ${whole(init.p99)} ms) to the first request of a new instance.` +
              (info.snapStart ? ` SnapStart supports this runtime (with at most ${whole(COLD_STARTS.snapstartMaxEphemeralMb.value)} MB of /tmp and no EFS).` : ' SnapStart does not support this runtime.')
            : undefined
        }
      />
    </>
  );
}

export function BudgetStep() {
  return (
    <>
      <Text k="monthlyUsd" step="budget" label="Monthly budget" unit="USD" hint="Optional. The design warns when its bill is over it." />
      <Select
        k="optimizeFor"
        step="budget"
        label="Optimise for"
        options={[
          { value: 'cost', label: 'Cost: the cheapest memory that meets the constraints' },
          { value: 'balanced', label: 'Balanced: half cost, half speed (as AWS Lambda Power Tuning)' },
          { value: 'speed', label: 'Speed: the fastest memory that meets the constraints' },
        ]}
        hint="Power Tuning's strategies; the other choices are listed with the design either way."
      />
      <Select
        k="compute"
        step="budget"
        label="Compute shape"
        options={COMPUTE_PINS}
        hint="Automatic compares every shape and picks one for your traffic; choosing one pins it (the design says so if it cannot run the work)."
      />
      <Select
        k="region"
        step="budget"
        label="Region"
        options={COMMERCIAL_REGIONS.value.map((r) => {
          const priced = regionPrices(r.code)?.lambda.requestsPerMillion !== null;
          return { value: r.code, label: `${r.code}: ${r.name}${priced ? '' : ' (Lambda requests not priced)'}` };
        })}
        hint="Every commercial Region. Lines the advisor has no sourced price for there are shown as not priced, and the total is then a lower bound."
      />
      <Check k="freeTier" step="budget" label="Apply the Lambda free tier" hint="The permanent monthly free tier is per account: leave off if other functions already use it." />
    </>
  );
}

/** "nodejs22.x: Node.js 22", "python3.10: Python 3.10 (deprecated 2026-10-31)", "nodejs: newest Node.js (nodejs24.x)". */
function runtimeLabel(value: string): string {
  const info = runtimeInfo(value);
  if (info === undefined) return value;
  if (info.id !== value) return `${value}: the newest ${info.family} (${info.id})`;
  const l = runtimeLifecycle(info, TODAY);
  const note = l.state === 'create-blocked' ? ` (creation blocked since ${l.blockCreate})` : l.state === 'deprecated' ? ` (deprecated ${l.since})` : l.state === 'preview' ? ' (preview)' : '';
  return `${value}: ${info.name}${note}`;
}

export function ConstraintsStep() {
  const egress = useWizard((s) => s.form.internetEgress);
  const services = useWizard((s) => s.form.awsServices);
  const setField = useWizard((s) => s.setField);
  const servicesError = useWizard((s) => visibleError(s, 'awsServices', 'constraints'));
  const source = useWizard((s) => s.form.source);
  const polled = source !== '' && (SOURCE_KIND[source] === 'queue' || SOURCE_KIND[source] === 'stream');
  return (
    <>
      <Select k="runtime" step="constraints" label="Runtime" options={RUNTIME_LIST.map((r) => ({ value: r, label: runtimeLabel(r) }))} />
      <Select
        k="architecture"
        step="constraints"
        label="Architecture"
        options={[
          { value: 'auto', label: 'Let the advisor choose (arm64 unless you need x86_64)' },
          { value: 'arm64', label: 'arm64 (Graviton)' },
          { value: 'x86_64', label: 'x86_64' },
        ]}
      />
      <fieldset className="group">
        <legend>Network</legend>
        <Check k="privateResources" step="constraints" label="Reaches private resources in a VPC (RDS, ElastiCache, internal APIs)" />
        <Check k="internetEgress" step="constraints" label="Calls the public internet (third-party APIs)" />
        {egress ? <Text k="egressGbPerMonth" step="constraints" label="Internet egress" unit="GB per month" hint="Priced through a NAT gateway when the function is in a VPC." /> : null}
        <fieldset className="group services" data-field="awsServices">
          <legend>AWS services the function calls</legend>
          <div className="checks">
            {AWS_SERVICE_LIST.map((svc) => (
              <label key={svc} className="native-check">
                <input
                  type="checkbox"
                  checked={services.includes(svc)}
                  onChange={(e) => setField('awsServices', e.target.checked ? [...services, svc] : services.filter((x) => x !== svc))}
                />
                {svc}
              </label>
            ))}
          </div>
          <div className="field-error">{servicesError ? `⚠ ${servicesError}` : null}</div>
        </fieldset>
      </fieldset>
      <fieldset className="group">
        <legend>Downstream limits</legend>
        <Text k="maxConcurrency" step="constraints" label="Downstream max concurrency" hint="E.g. the connections a database accepts. Optional." />
        <Text k="maxRequestsPerSecond" step="constraints" label="Downstream max requests per second" unit="per second" hint="E.g. a third-party API's rate limit. Optional." />
      </fieldset>
      <Select
        k="ordering"
        step="constraints"
        label="Ordering"
        options={[
          { value: 'none', label: 'None: any order is fine' },
          { value: 'per-key', label: 'Per key: in order for each customer, device…' },
          { value: 'strict', label: 'Strict: everything in one order' },
        ]}
      />
      <Check k="idempotent" step="constraints" label="Processing the same event twice is harmless (idempotent)" hint="Retries deliver some events more than once; the design adds an idempotency layer if not." />
      {polled ? (
        <Check
          k="recordsInParallel"
          step="constraints"
          label="Process a batch's records concurrently"
          hint="The handler works on the records of one batch at the same time (Powertools batch processing in parallel). Ignored where per-key or strict order must hold on an ordered source."
        />
      ) : null}
    </>
  );
}
