/**
 * Hover content for the resource types and properties that matter to Lambda design: what the property
 * does (official CloudFormation docs, extracted at build time into cfn-docs.json; short SAM texts for
 * SAM-only properties), the current limits and defaults (facts), a few lines of advice, and what this
 * value means (vCPU and price of a memory size, a timeout against the queue or the API in front…).
 * Short on purpose: it shows beside the CloudFormation Language Server's and Red Hat YAML's hovers.
 * Only on real templates; null anywhere else.
 */
import { codeSpan, escapeMarkdown } from '../markdown.ts';
import { COLD_STARTS, CONCURRENCY, DEFAULT_REGION, DURABLE_FUNCTIONS, EVENT_SOURCES, LIMITS, MANAGED_INSTANCES, PRICING_UNITS, RUNTIME_TABLE, TODAY, regionPrices, runtimeLifecycleMessage, type Architecture } from '../facts/index.ts';
import { parseScenario } from '../scenario.ts';
import { count, usd } from '../format.ts';
import docsJson from './cfn-docs.json';
import { modelOf } from './lint.ts';
import { fnProp, type EventSourceInfo, type FunctionInfo, type TemplateModel } from './model.ts';
import { asMap, asSeq, entryOf, get, nodeAt, num, str } from './parse.ts';
import { functionTimeout, isFifoQueue } from './rules/sqs.ts';
import { couplingHoverLines } from './rules/coupling.ts';
import { isDurable, onManagedInstances } from './rules/function.ts';
import type { ParsedTemplate, Resource, TextRange, TNode } from './types.ts';
import { sqsVisibilityFor } from '../sqs-visibility.ts';

export interface Hover {
  readonly markdown: string;
  /** The range the hover is about (the key or value under the cursor). */
  readonly range: TextRange;
}

export interface HoverContext {
  /** Region for prices (default us-east-1, or the attached scenario's). */
  readonly region?: string;
}

interface DocsFile {
  readonly resources: Readonly<Record<string, { readonly doc?: string; readonly properties: Readonly<Record<string, string>> }>>;
}
const DOCS = docsJson as DocsFile;

const SAM_DOCS_URL = 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html';

/** SAM-only properties (the CloudFormation spec has no text for them). Written for this extension, citing the SAM docs. */
const SAM_ONLY: Readonly<Record<string, string>> = {
  Events: 'The events that invoke this function; SAM creates the event source mapping, permission or subscription for each.',
  Policies: 'Permissions of the function\'s generated execution role: AWS managed policy names, SAM policy templates (e.g. `SQSPollerPolicy`) or inline policy documents.',
  DeadLetterQueue: 'An SQS queue or SNS topic that receives events from failed asynchronous invocations (body only, no error details). Not used for SQS- or stream-polled events.',
  EventInvokeConfig: 'Asynchronous invocation settings: retry attempts, maximum event age, and on-success / on-failure destinations.',
  AutoPublishAlias: 'Publishes a new version on each change and points this alias at it (needed for provisioned concurrency, SnapStart and gradual deployments).',
  DeploymentPreference: 'Gradual deployment of new versions through CodeDeploy (canary or linear), with alarms and hooks.',
  CodeUri: 'Where the function code is: a local folder SAM packages, or an S3 location.',
  InlineCode: 'The function code written in the template.',
  FunctionUrlConfig: 'Creates a function URL: an HTTPS endpoint that invokes the function directly, with no API Gateway.',
  ProvisionedConcurrencyConfig: 'Pre-initialised execution environments for the alias, billed while configured.',
  Queue: 'The SQS queue (ARN) the event source mapping polls.',
  Stream: 'The Kinesis or DynamoDB stream (ARN) the event source mapping reads.',
  Bucket: 'The S3 bucket whose events invoke the function (must be declared in the same template).',
  Schedule: 'A schedule expression: `rate(…)` or `cron(…)`.',
};

/** Names SAM passes through to AWS::Lambda::Function or AWS::Lambda::EventSourceMapping. */
function docFor(resourceType: string, path: readonly string[], inEvent: string | undefined): { text: string; from: string } | undefined {
  const lookup = (type: string, key: string): string | undefined => DOCS.resources[type]?.properties[key];
  const key = path.filter((p) => !/^\d+$/.test(p)).join('.');
  if (inEvent !== undefined) {
    const last = path[path.length - 1] ?? '';
    const t = lookup('AWS::Lambda::EventSourceMapping', key) ?? lookup('AWS::Lambda::EventSourceMapping', last);
    if (t !== undefined) return { text: t, from: 'AWS::Lambda::EventSourceMapping' };
    const s = SAM_ONLY[last];
    return s === undefined ? undefined : { text: s, from: 'SAM' };
  }
  if (resourceType === 'AWS::Serverless::Function') {
    const s = path.length === 1 ? SAM_ONLY[key] : undefined;
    if (s !== undefined) return { text: s, from: 'SAM' };
    const t = lookup('AWS::Lambda::Function', key);
    return t === undefined ? undefined : { text: t, from: 'AWS::Lambda::Function' };
  }
  const t = lookup(resourceType, key);
  return t === undefined ? undefined : { text: t, from: resourceType };
}

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const COVERED = new Set([...Object.keys(DOCS.resources), 'AWS::Serverless::Function']);

// Numbers and amounts read as in the CodeLens, the CLI and the wizard (../format.ts).
const fmt = count;
const money = usd;

/** The hover at an offset, or null when there is nothing of ours to say. Never throws. */
export function hoverAt(t: ParsedTemplate, offset: number, context: HoverContext = {}): Hover | null {
  if (!t.isTemplate) return null;
  try {
    return hoverInner(t, offset, context);
  } catch {
    return null;
  }
}

function hoverInner(t: ParsedTemplate, offset: number, context: HoverContext): Hover | null {
  const at = nodeAt(t, offset);
  if (at === null || at.entry === undefined) return null;
  const model = modelOf(t);
  let resource: Resource | undefined;
  let path: readonly string[];
  let fromGlobals = false;
  if (at.resource !== undefined) {
    resource = t.resources.get(at.resource);
    if (resource === undefined) return null;
    if (at.path.length === 3 && at.path[2] === 'Type') return typeHover(resource, at.entry.value ?? { start: at.entry.keyStart, end: at.entry.keyEnd });
    if (at.path[2] !== 'Properties' || at.propertyPath.length === 0) return null;
    path = at.propertyPath;
  } else if (at.path[0] === 'Globals' && at.path[1] === 'Function' && at.propertyPath.length > 0) {
    path = at.propertyPath;
    fromGlobals = true;
  } else {
    return null;
  }
  const type = resource?.type ?? 'AWS::Serverless::Function';
  if (!COVERED.has(type)) return null;
  // Inside a SAM event: Events.<name>.Properties.<key…>
  const inEvent = type === 'AWS::Serverless::Function' && path[0] === 'Events' && path[2] === 'Properties' && path.length > 3 ? path[1] : undefined;
  const propPath = inEvent !== undefined ? path.slice(3) : path;
  const doc = docFor(type, propPath, inEvent);
  const range: TextRange = at.onKey ? { start: at.entry.keyStart, end: at.entry.keyEnd } : (at.node ?? at.entry.value ?? { start: at.entry.keyStart, end: at.entry.keyEnd });
  const name = propPath.filter((p) => !/^\d+$/.test(p)).join('.');
  const value = at.entry.value;
  const fn = resource !== undefined && FUNCTION_TYPES.has(type) ? model.functions.get(resource.id) : undefined;
  const event = inEvent !== undefined && fn !== undefined ? fn.sources.find((s) => s.ownerId === fn.id && s.name === inEvent) : undefined;
  const esm = type === 'AWS::Lambda::EventSourceMapping' && resource !== undefined ? model.sources.find((s) => s.ownerId === resource.id) : undefined;
  const region = context.region ?? scenarioRegion(fn) ?? DEFAULT_REGION;

  const lines: string[] = [];
  const extra = valueLines(model, { type, name, value, fn, source: event ?? esm, resource, fromGlobals, region });
  // On a function's permissions or environment: the chains of calls it takes part in (rule LDA701).
  if (fn !== undefined && (propPath[0] === 'Policies' || propPath[0] === 'Environment' || propPath[0] === 'Role')) extra.push(...couplingHoverLines(model, fn.id));
  if (doc === undefined && extra.length === 0) return null;
  lines.push(`**${escapeMarkdown(name)}** · ${fromGlobals ? 'Globals.Function' : type}${inEvent !== undefined ? ` event ${codeSpan(inEvent)}` : ''}`);
  if (doc !== undefined) lines.push('', cleanDoc(doc.text) + (doc.from === 'SAM' ? ` ([SAM docs](${SAM_DOCS_URL}))` : ''));
  if (extra.length > 0) lines.push('', ...extra);
  return { markdown: lines.join('\n'), range };
}

/** Docs links are relative or absolute markdown already; strip leftover newlines. */
function cleanDoc(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function typeHover(r: Resource, node: TextRange): Hover | null {
  const advice = TYPE_ADVICE[r.type];
  const doc = r.type === 'AWS::Serverless::Function' ? DOCS.resources['AWS::Lambda::Function']?.doc : DOCS.resources[r.type]?.doc;
  if (advice === undefined && doc === undefined) return null;
  const lines = [`**${r.type}**`];
  if (doc !== undefined) lines.push('', firstSentences(doc, 2));
  if (advice !== undefined) lines.push('', advice);
  return { markdown: lines.join('\n'), range: node };
}

function firstSentences(s: string, k: number): string {
  const parts = s.split(/(?<=\.)\s+/);
  return parts.slice(0, k).join(' ');
}

const TYPE_ADVICE: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': `Design: memory sets CPU (${fmt(LIMITS.mbPerVcpu.value, 0)} MB ≈ 1 vCPU); keep the timeout under what the caller waits; give asynchronous sources an on-failure destination; prefer arm64.`,
  'AWS::Lambda::Function': `Design: memory sets CPU (${fmt(LIMITS.mbPerVcpu.value, 0)} MB ≈ 1 vCPU); keep the timeout under what the caller waits; give asynchronous sources an on-failure destination; prefer arm64.`,
  'AWS::SQS::Queue': `Design: for a Lambda consumer, visibility timeout ≥ ${EVENT_SOURCES.sqsVisibilityMultiplier.value} × function timeout + batching window, and a redrive policy with maxReceiveCount ≥ ${EVENT_SOURCES.sqsMaxReceiveCountMin.value}.`,
  'AWS::Lambda::EventSourceMapping': 'Design: report batch item failures; for streams set MaximumRetryAttempts, MaximumRecordAgeInSeconds, BisectBatchOnFunctionError and an on-failure destination.',
  'AWS::Lambda::EventInvokeConfig': `Design: asynchronous retries ${EVENT_SOURCES.asyncRetriesMin.value}–${EVENT_SOURCES.asyncRetriesMax.value}; prefer an on-failure destination (keeps the error) to a dead-letter queue.`,
};

interface ValueCtx {
  readonly type: string;
  readonly name: string;
  readonly value: TNode | null;
  readonly fn: FunctionInfo | undefined;
  readonly source: EventSourceInfo | undefined;
  readonly resource: Resource | undefined;
  readonly fromGlobals: boolean;
  readonly region: string;
}

function architectureOf(model: TemplateModel, fn: FunctionInfo | undefined): Architecture {
  if (fn === undefined) return 'x86_64';
  return asSeq(fnProp(model, fn, 'Architectures')?.value).some((i) => str(i) === 'arm64') ? 'arm64' : 'x86_64';
}

function scenarioOf(fn: FunctionInfo | undefined): ReturnType<typeof parseScenario> | undefined {
  const meta = get(asMap(get(fn?.resource.body, 'Metadata')), 'LambdaAdvisor');
  if (meta === undefined || meta === null) return undefined;
  return parseScenario(toPlain(meta));
}

function scenarioRegion(fn: FunctionInfo | undefined): string | undefined {
  const s = scenarioOf(fn);
  return s?.ok === true ? s.scenario.region : undefined;
}

function toPlain(n: TNode | null): unknown {
  if (n === null) return null;
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq':
      return n.items.map(toPlain);
    case 'map':
      return Object.fromEntries(n.entries.map((e) => [e.key, toPlain(e.value)]));
    default:
      return undefined;
  }
}

/** Managed Instances and durable functions (issue 11): their keys, and MemorySize / Timeout where they mean something else. Null: not one of them. */
function computeLines(model: TemplateModel, c: ValueCtx, v: number | undefined): string[] | null {
  const fn = c.fn;
  const lmi = fn !== undefined && onManagedInstances(model, fn);
  const durable = fn !== undefined && isDurable(model, fn);
  const name = c.name;
  const M = MANAGED_INSTANCES;
  if (name.startsWith('CapacityProviderConfig')) {
    if (name.endsWith('ExecutionEnvironmentMemoryGiBPerVCpu')) {
      return [`${M.memoryGiBPerVcpuMin.value}–${M.memoryGiBPerVcpuMax.value} GiB per vCPU for each execution environment: 2, 4 and 8 match the c, m and r instance families (compute, general purpose, memory optimised).`];
    }
    if (name.endsWith('PerExecutionEnvironmentMaxConcurrency')) {
      return [`Requests one execution environment serves at once (1–${fmt(M.perEnvironmentMaxConcurrencyMax.value)}; up to ${M.maxConcurrencyPerVcpu.value} per vCPU). More uses the instances better but shares their CPU and memory: the code must be safe to run concurrently.`];
    }
    return [
      `Runs the function on Lambda Managed Instances: EC2 instances in your VPC that Lambda manages, ${M.defaultMinimumInstances.value} by default for Availability Zone resilience. Billed per instance (EC2 on-demand price + a ${fmt(M.managementFeeShare.value * 100)}% management fee) and ${money(M.requestsPerMillion.value)} per million requests, no GB-seconds; set only when the function is created.`,
      `Scaling is asynchronous, on CPU use: traffic that more than doubles within ${M.scalingWindowMinutes.value} minutes can be throttled while instances are added. No cold starts once up; provisioned concurrency and SnapStart do not apply.`,
    ];
  }
  if (name.startsWith('DurableConfig')) {
    const D = DURABLE_FUNCTIONS;
    if (name.endsWith('ExecutionTimeout')) {
      const lines = [`The whole durable execution: 1–${fmt(D.executionTimeoutMaxSeconds.value)} s (a 366-day year) when invoked asynchronously; a synchronous or event-source invocation waits for it and stops at ${fmt(D.syncExecutionMaxSeconds.value)} s. Each invocation still obeys Timeout.`];
      if (v !== undefined) lines.push(`**${fmt(v)} s** ≈ ${fmt(v / 3_600)} h.`);
      return lines;
    }
    if (name.endsWith('RetentionPeriodInDays')) return [`History kept ${D.retentionMinDays.value}–${D.retentionMaxDays.value} days after an execution closes (default ${D.retentionDefaultDays.value}).`];
    return [
      `A durable function: steps, waits and callbacks checkpointed by the durable execution SDK and replayed, so an execution can outlast one invocation. Compute is billed for active time only, plus ${money(D.operationsPerMillion.value)} per million durable operations; only when the function is created.`,
    ];
  }
  if (name === 'MemorySize' && lmi) {
    return [
      `On Managed Instances this is one execution environment (at least ${fmt(M.minEnvironmentMemoryMb.value)} MB and ${M.minEnvironmentVcpus.value} vCPU), shared by the requests it serves at once; the vCPUs follow from CapacityProviderConfig's GiB per vCPU. Billed per instance, not per GB-second.`,
    ];
  }
  if (name === 'Timeout' && lmi) {
    const lines = [`On Managed Instances: up to ${fmt(M.asyncTimeoutMaxSeconds.value)} s for asynchronous and event-source invocations (not Amazon MQ or DocumentDB); ${fmt(LIMITS.timeoutMaxSeconds.value)} s for synchronous ones.`];
    if (v !== undefined && fn !== undefined) lines.push(...timeoutVsFronts(model, fn, v));
    return lines;
  }
  if (name === 'Timeout' && durable) {
    const lines = [`Each invocation of the durable function: ${LIMITS.timeoutMinSeconds.value}–${fmt(LIMITS.timeoutMaxSeconds.value)} s; the whole execution's limit is DurableConfig.ExecutionTimeout.`];
    if (v !== undefined && fn !== undefined) lines.push(...timeoutVsFronts(model, fn, v));
    return lines;
  }
  return null;
}

/** Lines on limits, advice and this value's meaning. */
function valueLines(model: TemplateModel, c: ValueCtx): string[] {
  const out: string[] = [];
  const v = num(c.value);
  const prices = regionPrices(c.region) ?? regionPrices(DEFAULT_REGION);
  const isFn = FUNCTION_TYPES.has(c.type) || c.fromGlobals;
  if (isFn && c.source === undefined) {
    const shape = computeLines(model, c, v);
    if (shape !== null) return shape;
    switch (c.name) {
      case 'MemorySize': {
        out.push(`Limits: ${fmt(LIMITS.memoryMinMb.value)}–${fmt(LIMITS.memoryMaxMb.value)} MB in ${LIMITS.memoryStepMb.value} MB steps, default ${LIMITS.memoryDefaultMb.value} MB; CPU grows with memory (${fmt(LIMITS.mbPerVcpu.value)} MB ≈ 1 vCPU, up to ${LIMITS.maxVcpus.value}).`);
        if (v !== undefined && v > 0) {
          const arch = architectureOf(model, c.fn);
          const vcpu = Math.min(v / LIMITS.mbPerVcpu.value, LIMITS.maxVcpus.value);
          const rate = prices?.lambda.duration.value[arch][0]?.rate;
          const req = prices?.lambda.requestsPerMillion?.value;
          let line = `**${fmt(v)} MB** ≈ ${fmt(vcpu)} vCPU.`;
          if (rate !== undefined && req !== undefined) {
            const per = (v / 1024) * 0.1 * rate * 1e6 + req;
            line += ` 1 M invocations of 100 ms cost ${money(per)} on ${arch} in ${prices?.region ?? DEFAULT_REGION} (duration ${money(per - req)} + requests ${money(req)}).`;
            const sc = scenarioOf(c.fn);
            if (sc?.ok === true) {
              const monthly = sc.scenario.traffic.requestsPerMonth ?? (sc.scenario.traffic.averagePerSecond ?? 0) * PRICING_UNITS.hoursPerMonth.value * 3600;
              const cost = monthly * ((v / 1024) * (sc.scenario.work.averageDurationMs / 1000) * rate + req / 1e6);
              line += ` With the attached scenario (${fmt(monthly, 0)} requests/month of ${fmt(sc.scenario.work.averageDurationMs)} ms, measured at ${fmt(sc.scenario.work.measuredAtMemoryMb)} MB): about ${money(cost)}/month before free tier.`;
            }
          }
          out.push(line);
          if (v <= LIMITS.memoryDefaultMb.value) out.push('Advice: the default rarely fits; measure at a few sizes (more memory often finishes faster for the same cost).');
        }
        break;
      }
      case 'Timeout': {
        out.push(`Limits: ${LIMITS.timeoutMinSeconds.value}–${LIMITS.timeoutMaxSeconds.value} s, default ${LIMITS.timeoutDefaultSeconds.value} s.`);
        if (v !== undefined && c.fn !== undefined) out.push(...timeoutVsFronts(model, c.fn, v));
        else if (v !== undefined && c.fromGlobals) {
          for (const fn of model.functions.values()) {
            if (fnProp(model, fn, 'Timeout')?.fromGlobals === true) out.push(...timeoutVsFronts(model, fn, v).map((l) => `${escapeMarkdown(fn.id)}: ${l}`));
            if (out.length > 5) break;
          }
        }
        break;
      }
      case 'Architectures': {
        const x = prices?.lambda.duration.value.x86_64[0]?.rate;
        const a = prices?.lambda.duration.value.arm64[0]?.rate;
        if (x !== undefined && a !== undefined)
          out.push(`arm64 duration costs ${money(a * 1e6)} per million GB-s vs ${money(x * 1e6)} on x86_64 (${Math.round((1 - a / x) * 100)}% less) in ${prices?.region ?? DEFAULT_REGION}. Rebuild native dependencies for arm64.`);
        break;
      }
      case 'ReservedConcurrentExecutions': {
        out.push(`Reserves and caps concurrency (free). ${fmt(CONCURRENCY.unreservedFloor.value)} of the account's ${fmt(CONCURRENCY.accountDefault.value)} (default) always stay unreserved.`);
        if (c.fn?.sources.some((s) => s.kind === 'sqs') === true && v !== undefined && v < CONCURRENCY.sqsOverPollingBelow.value)
          out.push(`**${fmt(v)}** on an SQS consumer: pollers start at ${CONCURRENCY.sqsInitialConcurrency.value} and get throttled; use ScalingConfig.MaximumConcurrency on the event instead.`);
        break;
      }
      case 'VpcConfig':
      case 'VpcConfig.SubnetIds':
      case 'VpcConfig.SecurityGroupIds':
        out.push(`Up to ${LIMITS.vpcMaxSubnets.value} subnets and ${LIMITS.vpcMaxSecurityGroups.value} security groups. ENIs are shared per subnet + security group (no per-invoke cold-start penalty since 2019). Attach only when the function needs private resources; reach S3/DynamoDB through free gateway endpoints, not NAT.`);
        break;
      case 'DeadLetterQueue':
      case 'DeadLetterConfig':
        out.push('Catches only failed asynchronous invocations. Prefer EventInvokeConfig.DestinationConfig.OnFailure (keeps the error details); SQS-polled messages need the queue\'s own redrive policy.');
        break;
      case 'EphemeralStorage':
      case 'EphemeralStorage.Size':
        out.push(`/tmp: ${fmt(LIMITS.ephemeralMinMb.value)}–${fmt(LIMITS.ephemeralMaxMb.value)} MB; the first ${fmt(PRICING_UNITS.ephemeralFreeMb.value)} MB are free.`);
        break;
      case 'Runtime': {
        const id = str(c.value);
        const rt = id === undefined ? undefined : RUNTIME_TABLE.value.find((r) => r.id === id);
        if (rt === undefined) {
          if (id !== undefined) out.push(`**${id}** is not a Lambda runtime identifier the advisor knows (see the Lambda runtimes page).`);
          break;
        }
        const init = COLD_STARTS.initMs.value[rt.family];
        out.push(
          `**${rt.id}**: ${rt.name} on ${rt.os}` +
            (rt.deprecation !== null ? `, deprecation ${rt.deprecation}` : '') +
            (rt.blockCreate !== null ? `, creating functions blocked from ${rt.blockCreate}` : '') +
            (rt.blockUpdate !== null ? `, updates from ${rt.blockUpdate}` : '') +
            `. Typical cold start ${fmt(init.p50)} ms (p99 ${fmt(init.p99)} ms); SnapStart ${rt.snapStart ? `supported (with /tmp up to ${fmt(COLD_STARTS.snapstartMaxEphemeralMb.value)} MB, no EFS, no provisioned concurrency)` : 'not supported'}.`,
        );
        const lifecycle = runtimeLifecycleMessage(rt, TODAY);
        if (lifecycle !== null) out.push(`Advice: ${lifecycle}`);
        break;
      }
      default:
        break;
    }
    return out;
  }
  if (c.source !== undefined) return sourceLines(model, c, v);
  if (c.type === 'AWS::SQS::Queue' && c.resource !== undefined) {
    if (c.name === 'VisibilityTimeout') {
      out.push(`Default ${EVENT_SOURCES.sqsVisibilityDefaultSeconds.value} s, max ${fmt(EVENT_SOURCES.sqsVisibilityMaxSeconds.value)} s. For a Lambda consumer: ≥ ${EVENT_SOURCES.sqsVisibilityMultiplier.value} × function timeout + batching window.`);
      if (v !== undefined) {
        for (const s of model.sources) {
          if (s.kind !== 'sqs' || s.targetId !== c.resource.id) continue;
          const fn = model.functions.get(s.functionId);
          const t = fn === undefined ? null : functionTimeout(model, fn);
          if (t === null) continue;
          const w = num(get(s.settings, 'MaximumBatchingWindowInSeconds')) ?? 0;
          const need = sqsVisibilityFor(t.seconds, w).wanted;
          out.push(`**${fmt(v)} s** vs ${escapeMarkdown(s.functionId)} (timeout ${fmt(t.seconds)} s${w > 0 ? `, window ${fmt(w)} s` : ''}): needs ≥ ${fmt(need)} s — ${v >= need ? 'OK' : v < t.seconds ? 'too short: Lambda rejects the mapping' : 'too short: messages in flight can be processed twice'}.`);
        }
      }
    } else if (c.name.startsWith('RedrivePolicy')) {
      out.push(`Use maxReceiveCount ≥ ${EVENT_SOURCES.sqsMaxReceiveCountMin.value} on a queue a function reads, so throttled messages are not sent to the dead-letter queue too early.`);
    }
  }
  if (c.type === 'AWS::Lambda::EventInvokeConfig') {
    if (c.name === 'MaximumRetryAttempts') out.push(`${EVENT_SOURCES.asyncRetriesMin.value}–${EVENT_SOURCES.asyncRetriesMax.value}, default ${EVENT_SOURCES.asyncRetriesDefault.value}.`);
    if (c.name === 'MaximumEventAgeInSeconds') out.push(`${fmt(EVENT_SOURCES.asyncEventAgeMinSeconds.value)}–${fmt(EVENT_SOURCES.asyncEventAgeMaxSeconds.value)} s (default the maximum).`);
  }
  return out;
}

function timeoutVsFronts(model: TemplateModel, fn: FunctionInfo, v: number): string[] {
  const out: string[] = [];
  for (const s of fn.sources) {
    if (s.kind === 'api' || s.kind === 'httpapi' || s.kind === 'alb') {
      const lim = s.kind === 'api' ? LIMITS.apiGatewayIntegrationTimeoutSeconds.value : s.kind === 'httpapi' ? LIMITS.httpApiIntegrationTimeoutSeconds.value : LIMITS.albIdleTimeoutDefaultSeconds.value;
      const label = s.kind === 'api' ? 'API Gateway REST' : s.kind === 'httpapi' ? 'HTTP API' : 'ALB idle timeout';
      out.push(`**${fmt(v)} s** vs ${label} ${lim} s: ${v <= lim ? 'OK' : 'callers get a 504 before the function ends'}.`);
    }
    if (s.kind === 'sqs' && s.targetId !== undefined) {
      const q = model.template.resources.get(s.targetId);
      if (q?.type !== 'AWS::SQS::Queue') continue;
      const qe = entryOf(q.properties, 'VisibilityTimeout');
      const vis = qe === undefined ? EVENT_SOURCES.sqsVisibilityDefaultSeconds.value : num(qe.value);
      const w = num(get(s.settings, 'MaximumBatchingWindowInSeconds')) ?? 0;
      if (vis === undefined) continue;
      const need = sqsVisibilityFor(v, w).wanted;
      out.push(`**${fmt(v)} s** vs queue ${escapeMarkdown(q.id)} visibility ${fmt(vis)} s: needs ≥ ${fmt(need)} s (${EVENT_SOURCES.sqsVisibilityMultiplier.value} × timeout${w > 0 ? ' + window' : ''}) — ${vis >= need ? 'OK' : 'raise the visibility timeout'}.`);
    }
  }
  return out.slice(0, 4);
}

function sourceLines(model: TemplateModel, c: ValueCtx, v: number | undefined): string[] {
  const s = c.source;
  if (s === undefined) return [];
  const out: string[] = [];
  const last = c.name.split('.').pop() ?? c.name;
  const stream = s.kind === 'kinesis' || s.kind === 'dynamodb';
  switch (last) {
    case 'BatchSize': {
      if (s.kind === 'sqs') {
        const q = s.targetId === undefined ? undefined : model.template.resources.get(s.targetId);
        const fifo = q?.type === 'AWS::SQS::Queue' && isFifoQueue(q);
        out.push(
          fifo
            ? `FIFO queue: default ${EVENT_SOURCES.sqsBatchDefault.value}, max ${EVENT_SOURCES.sqsFifoBatchMax.value}.`
            : `Standard queue: default ${EVENT_SOURCES.sqsBatchDefault.value}, max ${fmt(EVENT_SOURCES.sqsBatchMax.value)}; above ${EVENT_SOURCES.sqsBatchWithoutWindowMax.value} needs MaximumBatchingWindowInSeconds ≥ ${EVENT_SOURCES.sqsWindowForLargeBatchMinSeconds.value}. One invocation carries at most ${LIMITS.syncPayloadMb.value} MB.`,
        );
        const w = num(get(s.settings, 'MaximumBatchingWindowInSeconds')) ?? 0;
        if (v !== undefined) {
          out.push(
            w > 0
              ? `**${fmt(v)}** with a ${fmt(w)} s window: Lambda waits up to ${fmt(w)} s to fill a batch, so a busy queue costs about 1/${fmt(v)} of the invocations of one-per-message.`
              : `**${fmt(v)}** with no batching window: Lambda invokes as soon as messages arrive, so at low traffic batches are small (often 1) and invocations ≈ messages; only a busy queue gets up to ${fmt(v)}× fewer invocations.`,
          );
          const reports = asSeq(get(s.settings, 'FunctionResponseTypes')).some((x) => str(x) === 'ReportBatchItemFailures');
          if (v > 1 && !reports) out.push('Without ReportBatchItemFailures one failing message retries the whole batch.');
        }
      } else if (stream) {
        out.push(`Default ${EVENT_SOURCES.streamBatchDefault.value}, max ${fmt(EVENT_SOURCES.streamBatchMax.value)}; one batch per shard at a time (ParallelizationFactor ${CONCURRENCY.parallelizationFactorMin.value}–${CONCURRENCY.parallelizationFactorMax.value}).`);
      }
      break;
    }
    case 'MaximumBatchingWindowInSeconds':
      out.push(`0–${EVENT_SOURCES.batchingWindowMaxSeconds.value} s (default 0 for SQS and streams). Adds up to this much latency to fill batches; the queue's visibility timeout must cover it.`);
      break;
    case 'MaximumRetryAttempts':
      if (stream) out.push(`Default -1: retry until the record expires, blocking the shard. Set a bound (up to ${fmt(EVENT_SOURCES.streamRetryMax.value)}) with an on-failure destination.`);
      break;
    case 'MaximumRecordAgeInSeconds':
      if (stream) out.push(`-1 (default, infinite) or ${fmt(EVENT_SOURCES.streamRecordAgeMinSeconds.value)}–${fmt(EVENT_SOURCES.streamRecordAgeMaxSeconds.value)} s.${s.kind === 'dynamodb' ? ` DynamoDB streams keep records ${EVENT_SOURCES.dynamodbStreamRetentionHours.value} h.` : ''}`);
      break;
    case 'ParallelizationFactor':
      out.push(`${CONCURRENCY.parallelizationFactorMin.value}–${CONCURRENCY.parallelizationFactorMax.value} concurrent batches per shard; order is kept per partition key. Concurrency ≈ shards × factor.`);
      break;
    case 'MaximumConcurrency':
      out.push(`${CONCURRENCY.sqsMaximumConcurrencyMin.value}–${fmt(CONCURRENCY.sqsMaximumConcurrencyMax.value)}: caps this queue's concurrency without reserved concurrency (use this instead of a small reserved concurrency).`);
      break;
    case 'FunctionResponseTypes':
      out.push('`ReportBatchItemFailures`: the handler returns `batchItemFailures` and only those messages/records are retried.');
      break;
    default:
      break;
  }
  return out;
}
