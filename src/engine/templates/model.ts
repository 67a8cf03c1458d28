/**
 * What a parsed template says about Lambda design: its functions (SAM or plain CloudFormation, with
 * SAM `Globals` applied), the event sources that invoke each function (SAM `Events`, event source
 * mappings, S3 notifications, SNS subscriptions, EventBridge rules and schedules, API Gateway and ALB
 * integrations) and the async failure settings that apply to it. Built once per parse, linear in the
 * template size; the rules and the hover read it.
 */
import type { SourceKind } from '../design.ts';
import { asMap, asSeq, entryOf, get, getPath, num, refTarget, refsIn, str } from './parse.ts';
import type { ParsedTemplate, Resource, TEntry, TMap, TNode } from './types.ts';

/** The kind of event a template declares for a function (SAM `Events` type, mapping or subscription), not how it invokes: see `modeOf` and design.ts's SourceKind. */
export type TemplateEventKind =
  | 'sqs'
  | 'kinesis'
  | 'dynamodb'
  | 'kafka'
  | 'mq'
  | 'docdb'
  | 's3'
  | 'sns'
  | 'eventbridge'
  | 'schedule'
  | 'logs'
  | 'iot'
  | 'api'
  | 'httpapi'
  | 'alb'
  | 'other';

/** How an event kind invokes: polled by Lambda, or pushed asynchronously or synchronously (design.ts's SourceKind, with the pollers together). */
export type InvocationMode = Extract<SourceKind, 'sync' | 'async'> | 'poll';

export function modeOf(kind: TemplateEventKind): InvocationMode {
  switch (kind) {
    case 'sqs':
    case 'kinesis':
    case 'dynamodb':
    case 'kafka':
    case 'mq':
    case 'docdb':
      return 'poll';
    case 's3':
    case 'sns':
    case 'eventbridge':
    case 'schedule':
    case 'logs':
    case 'iot':
      return 'async';
    default:
      return 'sync';
  }
}

/** One thing that invokes a function. */
export interface EventSourceInfo {
  readonly kind: TemplateEventKind;
  readonly functionId: string;
  /** The resource that carries the settings: the function (SAM event) or the mapping/rule/bucket. */
  readonly ownerId: string;
  /** Path inside the owner resource to `settings` (dotted), e.g. `Properties.Events.Q.Properties`. */
  readonly settingsPath: string;
  /** The map holding BatchSize etc. (SAM event `Properties`, or the mapping's `Properties`). */
  readonly settings: TMap | null;
  /** Where to report a finding about the source as a whole (the event's name, or the mapping's id). */
  readonly anchor: TEntry;
  /** Logical id of the queue / stream / table / bucket / topic, when it is in the template. */
  readonly targetId?: string;
  /** The SAM event name, or the owner resource id. */
  readonly name: string;
}

/** A property of a function with SAM Globals applied. */
export interface PropRef {
  readonly entry: TEntry;
  readonly value: TNode | null;
  /** The value comes from `Globals.Function`, not from the resource. */
  readonly fromGlobals: boolean;
}

export interface FunctionInfo {
  readonly id: string;
  readonly resource: Resource;
  /** AWS::Serverless::Function (true) or AWS::Lambda::Function (false). */
  readonly sam: boolean;
  readonly sources: EventSourceInfo[];
  /** AWS::Lambda::EventInvokeConfig resources that target this function. */
  readonly invokeConfigs: Resource[];
}

export interface TemplateModel {
  readonly template: ParsedTemplate;
  readonly functions: ReadonlyMap<string, FunctionInfo>;
  /** Every event source, in document order of discovery. */
  readonly sources: readonly EventSourceInfo[];
  /** Resources by type, for the rules that look for one kind (`AWS::EC2::VPCEndpoint`, IAM…). */
  readonly byType: ReadonlyMap<string, readonly Resource[]>;
}

export const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/** A function property with Globals applied (resource first, then `Globals.Function` for SAM). */
export function fnProp(model: TemplateModel, fn: FunctionInfo, key: string): PropRef | undefined {
  const own = entryOf(fn.resource.properties, key);
  if (own !== undefined) return { entry: own, value: own.value, fromGlobals: false };
  if (!fn.sam) return undefined;
  const g = entryOf(model.template.functionGlobals, key);
  return g === undefined ? undefined : { entry: g, value: g.value, fromGlobals: true };
}

const SAM_EVENT_KINDS: Readonly<Record<string, TemplateEventKind>> = {
  SQS: 'sqs',
  Kinesis: 'kinesis',
  DynamoDB: 'dynamodb',
  MSK: 'kafka',
  SelfManagedKafka: 'kafka',
  MQ: 'mq',
  DocumentDB: 'docdb',
  S3: 's3',
  SNS: 'sns',
  EventBridgeRule: 'eventbridge',
  CloudWatchEvent: 'eventbridge',
  Schedule: 'schedule',
  ScheduleV2: 'schedule',
  CloudWatchLogs: 'logs',
  IoTRule: 'iot',
  Api: 'api',
  HttpApi: 'httpapi',
};

/** The SAM event property that names the source resource, per event kind. */
const SAM_TARGET_PROP: Partial<Record<TemplateEventKind, string>> = {
  sqs: 'Queue',
  kinesis: 'Stream',
  dynamodb: 'Stream',
  s3: 'Bucket',
  sns: 'Topic',
};

export function buildModel(t: ParsedTemplate): TemplateModel {
  const functions = new Map<string, FunctionInfo>();
  const byType = new Map<string, Resource[]>();
  const sources: EventSourceInfo[] = [];
  for (const r of t.resources.values()) {
    let list = byType.get(r.type);
    if (list === undefined) byType.set(r.type, (list = []));
    list.push(r);
    if (FUNCTION_TYPES.has(r.type)) {
      functions.set(r.id, { id: r.id, resource: r, sam: r.type === 'AWS::Serverless::Function', sources: [], invokeConfigs: [] });
    }
  }
  const add = (s: EventSourceInfo): void => {
    const fn = functions.get(s.functionId);
    if (fn === undefined) return;
    fn.sources.push(s);
    sources.push(s);
  };
  const fnOf = (n: TNode | null | undefined): string | undefined => {
    const r = refTarget(t, n);
    if (r !== null && functions.has(r.id)) return r.id;
    // A function named by a plain string equal to a logical id does not happen; aliases (`Fn.Alias`) do:
    for (const id of refsIn(t, n)) if (functions.has(id)) return id;
    return undefined;
  };

  // SAM events on the function itself.
  for (const fn of functions.values()) {
    if (!fn.sam) continue;
    const events = asMap(get(fn.resource.properties, 'Events'));
    for (const e of events?.entries ?? []) {
      const ev = asMap(e.value);
      const kind = SAM_EVENT_KINDS[str(get(ev, 'Type')) ?? ''] ?? 'other';
      const settings = asMap(get(ev, 'Properties'));
      const targetProp = SAM_TARGET_PROP[kind];
      const target = targetProp === undefined ? null : refTarget(t, get(settings, targetProp));
      add({
        kind,
        functionId: fn.id,
        ownerId: fn.id,
        settingsPath: `Properties.Events.${e.key}.Properties`,
        settings,
        anchor: e,
        name: e.key,
        ...(target !== null ? { targetId: target.id } : {}),
      });
    }
  }

  for (const r of t.resources.values()) {
    const p = r.properties;
    switch (r.type) {
      case 'AWS::Lambda::EventSourceMapping': {
        const functionId = fnOf(get(p, 'FunctionName'));
        if (functionId === undefined) break;
        const arnNode = get(p, 'EventSourceArn');
        const target = refTarget(t, arnNode);
        let kind: TemplateEventKind = 'other';
        const targetType = target !== null ? t.resources.get(target.id)?.type : undefined;
        if (targetType === 'AWS::SQS::Queue') kind = 'sqs';
        else if (targetType === 'AWS::Kinesis::Stream') kind = 'kinesis';
        else if (targetType === 'AWS::DynamoDB::Table' || targetType === 'AWS::DynamoDB::GlobalTable') kind = 'dynamodb';
        else if (targetType === 'AWS::MSK::Cluster') kind = 'kafka';
        else if (targetType === 'AWS::AmazonMQ::Broker') kind = 'mq';
        else kind = kindFromArnText(arnText(arnNode)) ?? (get(p, 'SelfManagedEventSource') !== undefined ? 'kafka' : 'other');
        add({
          kind,
          functionId,
          ownerId: r.id,
          settingsPath: 'Properties',
          settings: p,
          anchor: r.entry,
          name: r.id,
          ...(target !== null && targetType !== undefined ? { targetId: target.id } : {}),
        });
        break;
      }
      case 'AWS::S3::Bucket': {
        const configs = asSeq(getPath(p, 'NotificationConfiguration', 'LambdaConfigurations'));
        for (const c of configs) {
          const functionId = fnOf(get(asMap(c), 'Function'));
          if (functionId !== undefined)
            add({ kind: 's3', functionId, ownerId: r.id, settingsPath: 'Properties.NotificationConfiguration', settings: asMap(c), anchor: r.entry, name: r.id, targetId: r.id });
        }
        break;
      }
      case 'AWS::SNS::Subscription': {
        if ((str(get(p, 'Protocol')) ?? '').toLowerCase() !== 'lambda') break;
        const functionId = fnOf(get(p, 'Endpoint'));
        const topic = refTarget(t, get(p, 'TopicArn'));
        if (functionId !== undefined)
          add({ kind: 'sns', functionId, ownerId: r.id, settingsPath: 'Properties', settings: p, anchor: r.entry, name: r.id, ...(topic ? { targetId: topic.id } : {}) });
        break;
      }
      case 'AWS::SNS::Topic': {
        for (const s of asSeq(get(p, 'Subscription'))) {
          const sm = asMap(s);
          if ((str(get(sm, 'Protocol')) ?? '').toLowerCase() !== 'lambda') continue;
          const functionId = fnOf(get(sm, 'Endpoint'));
          if (functionId !== undefined) add({ kind: 'sns', functionId, ownerId: r.id, settingsPath: 'Properties', settings: p, anchor: r.entry, name: r.id, targetId: r.id });
        }
        break;
      }
      case 'AWS::Events::Rule': {
        const kind: TemplateEventKind = get(p, 'ScheduleExpression') !== undefined ? 'schedule' : 'eventbridge';
        for (const target of asSeq(get(p, 'Targets'))) {
          const functionId = fnOf(get(asMap(target), 'Arn'));
          if (functionId !== undefined) add({ kind, functionId, ownerId: r.id, settingsPath: 'Properties', settings: p, anchor: r.entry, name: r.id });
        }
        break;
      }
      case 'AWS::Scheduler::Schedule': {
        const functionId = fnOf(getPath(p, 'Target', 'Arn'));
        if (functionId !== undefined) add({ kind: 'schedule', functionId, ownerId: r.id, settingsPath: 'Properties', settings: p, anchor: r.entry, name: r.id });
        break;
      }
      case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
        if ((str(get(p, 'TargetType')) ?? '').toLowerCase() !== 'lambda') break;
        for (const target of asSeq(get(p, 'Targets'))) {
          const functionId = fnOf(get(asMap(target), 'Id'));
          if (functionId !== undefined) add({ kind: 'alb', functionId, ownerId: r.id, settingsPath: 'Properties', settings: p, anchor: r.entry, name: r.id });
        }
        break;
      }
      case 'AWS::ApiGateway::Method': {
        const integration = asMap(get(p, 'Integration'));
        const type = (str(get(integration, 'Type')) ?? '').toUpperCase();
        if (type !== 'AWS_PROXY' && type !== 'AWS') break;
        const functionId = fnOf(get(integration, 'Uri'));
        if (functionId !== undefined) add({ kind: 'api', functionId, ownerId: r.id, settingsPath: 'Properties.Integration', settings: integration, anchor: r.entry, name: r.id });
        break;
      }
      case 'AWS::ApiGatewayV2::Integration': {
        // WebSocket APIs have other limits than HTTP APIs: not classified.
        const api = refTarget(t, get(p, 'ApiId'));
        const protocol = api === null ? undefined : str(get(t.resources.get(api.id)?.properties, 'ProtocolType'));
        if (protocol !== undefined && protocol.toUpperCase() === 'WEBSOCKET') break;
        const functionId = fnOf(get(p, 'IntegrationUri'));
        if (functionId !== undefined) add({ kind: 'httpapi', functionId, ownerId: r.id, settingsPath: 'Properties', settings: p, anchor: r.entry, name: r.id });
        break;
      }
      case 'AWS::Lambda::EventInvokeConfig': {
        const functionId = fnOf(get(p, 'FunctionName'));
        if (functionId !== undefined) functions.get(functionId)?.invokeConfigs.push(r);
        break;
      }
      default:
        break;
    }
  }
  return { template: t, functions, sources, byType };
}

/** A literal ARN, or the literal text of a `!Sub` / `!Join`, to tell the source service from. */
function arnText(n: TNode | null | undefined): string {
  if (n === null || n === undefined) return '';
  if (n.kind === 'scalar') return typeof n.value === 'string' ? n.value : '';
  if (n.kind === 'fn' && n.name === 'Fn::Sub') return (n.arg?.kind === 'seq' ? str(n.arg.items[0]) : str(n.arg)) ?? '';
  if (n.kind === 'fn' && n.name === 'Fn::Join') {
    const parts = n.arg?.kind === 'seq' ? asSeq(n.arg.items[1]) : [];
    return parts.map((x) => str(x) ?? '').join(':');
  }
  return '';
}

function kindFromArnText(s: string): TemplateEventKind | undefined {
  if (/(^|:)sqs(:|$)/.test(s)) return 'sqs';
  if (/(^|:)kinesis(:|$)/.test(s)) return 'kinesis';
  if (/(^|:)dynamodb(:|$)/.test(s) && s.includes('/stream/')) return 'dynamodb';
  if (/(^|:)kafka(:|$)/.test(s)) return 'kafka';
  if (/(^|:)mq(:|$)/.test(s)) return 'mq';
  return undefined;
}

/** The number a function property holds (plain numbers only), or undefined. */
export function fnNumber(model: TemplateModel, fn: FunctionInfo, key: string): number | undefined {
  return num(fnProp(model, fn, key)?.value);
}
