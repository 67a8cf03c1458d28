/** Rules on a function's own settings (memory, timeout, architecture, VPC, environment) and on IAM. */
import { ARTICLE_2019, DURABLE_FUNCTIONS, FAMILY_DEFAULT, LIMITS, MANAGED_INSTANCES, PRICING_UNITS, RUNTIME_TABLE, TODAY, armDurationDiscount, regionPrices, runtimeLifecycle, runtimeLifecycleMessage, DEFAULT_REGION } from '../../facts/index.ts';
import { insertEntry, replaceNode } from '../edits.ts';
import { fnProp, modeOf, type FunctionInfo, type TemplateModel } from '../model.ts';
import { asMap, asSeq, entryOf, get, num, str } from '../parse.ts';
import type { Resource, TNode, TextEdit } from '../types.ts';
import { keyRange, n, usd, usdPrice, type Rule, type RuleContext } from './context.ts';
import { pct } from '../../format.ts';
import { functionStatements } from './events.ts';

const MEM_MIN = LIMITS.memoryMinMb.value;
const MEM_MAX = LIMITS.memoryMaxMb.value;
const T_MIN = LIMITS.timeoutMinSeconds.value;
const T_MAX = LIMITS.timeoutMaxSeconds.value;

export const memoryRange: Rule = {
  id: 'LDA601',
  name: 'memory-out-of-range',
  severity: 'error',
  summary: `MemorySize outside ${MEM_MIN}–${n(MEM_MAX)} MB`,
  help: `Lambda accepts ${MEM_MIN} to ${n(MEM_MAX)} MB in ${LIMITS.memoryStepMb.value} MB steps (the 2019 limit of ${n(ARTICLE_2019.memoryMaxMb.value)} MB is long gone); anything else fails the deployment.`,
  sources: ['memory'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      const p = fnProp(ctx.model, fn, 'MemorySize');
      const v = num(p?.value);
      // On Managed Instances MemorySize is one execution environment: LDA608 checks it there.
      if (onManagedInstances(ctx.model, fn)) continue;
      if (p === undefined || v === undefined || (v >= MEM_MIN && v <= MEM_MAX)) continue;
      const to = v < MEM_MIN ? MEM_MIN : MEM_MAX;
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.MemorySize',
        at: p.value ?? keyRange(p.entry),
        message: `${fn.id} asks for ${n(v)} MB${p.fromGlobals ? ' (from Globals)' : ''}; Lambda accepts ${MEM_MIN}–${n(MEM_MAX)} MB, so the deployment fails. Set MemorySize to ${n(to)} or a value in range.`,
        fix: { title: `Set MemorySize to ${to}`, edits: [p.value?.kind === 'scalar' ? replaceNode(p.value, to) : undefined] },
      });
    }
  },
};

/**
 * The function runs on Lambda Managed Instances: `CapacityProviderConfig` on it (SAM: `Arn` and the two
 * settings; CloudFormation: `LambdaManagedInstancesCapacityProviderConfig` inside).
 */
export function onManagedInstances(model: TemplateModel, fn: FunctionInfo): boolean {
  return fnProp(model, fn, 'CapacityProviderConfig') !== undefined;
}

/** The function is a durable function: `DurableConfig` on it. */
export function isDurable(model: TemplateModel, fn: FunctionInfo): boolean {
  return fnProp(model, fn, 'DurableConfig') !== undefined;
}

/** The map of Managed Instances settings: SAM's CapacityProviderConfig itself, or CloudFormation's nested one. */
function capacitySettings(model: TemplateModel, fn: FunctionInfo) {
  const c = asMap(fnProp(model, fn, 'CapacityProviderConfig')?.value);
  return asMap(get(c, 'LambdaManagedInstancesCapacityProviderConfig')) ?? c;
}

/** Sources that cannot use Managed Instances' 5,400 s: synchronous callers, Amazon MQ and DocumentDB. */
function shortSources(fn: FunctionInfo): string[] {
  return fn.sources.filter((x) => modeOf(x.kind) === 'sync' || x.kind === 'mq' || x.kind === 'docdb').map((x) => x.name);
}

const LMI_T_MAX = MANAGED_INSTANCES.asyncTimeoutMaxSeconds.value;

export const timeoutRange: Rule = {
  id: 'LDA602',
  name: 'timeout-out-of-range',
  severity: 'error',
  summary: `Timeout outside ${T_MIN}–${T_MAX} s`,
  help: `A Lambda function (classic, on-demand) runs for ${T_MIN} to ${T_MAX} seconds at most; other values fail the deployment. Longer work belongs in Step Functions, durable functions or a queue of smaller steps. On Lambda Managed Instances (CapacityProviderConfig) asynchronous and event-source invocations may run up to ${n(LMI_T_MAX)} s.`,
  sources: ['quotas', 'createFunction', 'lmiTimeout'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      const p = fnProp(ctx.model, fn, 'Timeout');
      const v = num(p?.value);
      // Managed Instances accept up to 5,400 s (LDA608 says when a source cannot use more than 900 s).
      const max = onManagedInstances(ctx.model, fn) ? LMI_T_MAX : T_MAX;
      if (p === undefined || v === undefined || (v >= T_MIN && v <= max)) continue;
      const to = v < T_MIN ? T_MIN : max;
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.Timeout',
        at: p.value ?? keyRange(p.entry),
        message: `${fn.id} has Timeout ${n(v)} s${p.fromGlobals ? ' (from Globals)' : ''}; Lambda accepts ${T_MIN}–${n(max)} s${max === LMI_T_MAX ? ' on Managed Instances' : ''}, so the deployment fails. Set it to ${to} or less${v > max ? ', and split longer work (Step Functions, durable functions)' : ''}.`,
        fix: { title: `Set Timeout to ${to}`, edits: [p.value?.kind === 'scalar' ? replaceNode(p.value, to) : undefined] },
      });
    }
  },
};

const MEM_DEFAULT = LIMITS.memoryDefaultMb.value;

export const memoryDefault: Rule = {
  id: 'LDA603',
  name: 'memory-default',
  severity: 'info',
  summary: `MemorySize left at the ${MEM_DEFAULT} MB default`,
  help: `Memory also sets CPU (${n(LIMITS.mbPerVcpu.value)} MB ≈ 1 vCPU), so ${MEM_DEFAULT} MB gets about ${n(MEM_DEFAULT / LIMITS.mbPerVcpu.value)} vCPU: CPU-bound and cold-start-heavy code often runs faster and no dearer with more. Measure (e.g. AWS Lambda Power Tuning) and choose.`,
  sources: ['memory'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      const p = fnProp(ctx.model, fn, 'MemorySize');
      const v = p === undefined ? MEM_DEFAULT : num(p.value);
      if (v !== MEM_DEFAULT) continue;
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.MemorySize',
        at: p?.value != null && !p.fromGlobals ? p.value : keyRange(fn.resource.entry),
        message: `${fn.id} runs with ${MEM_DEFAULT} MB${p === undefined ? ' (the default: MemorySize is not set)' : p.fromGlobals ? ' (from Globals)' : ''}, about ${n(MEM_DEFAULT / LIMITS.mbPerVcpu.value)} vCPU. Unless it only waits on I/O, measure it at higher settings: more memory often finishes faster for about the same cost.`,
      });
    }
  },
};

/** Runtimes that never ran on arm64. */
const NO_ARM = new Set(['go1.x', 'java8', 'python2.7', 'python3.6', 'python3.7', 'dotnetcore2.1', 'nodejs8.10', 'nodejs10.x', 'ruby2.5']);

export const arm64: Rule = {
  id: 'LDA604',
  name: 'prefer-arm64',
  severity: 'info',
  summary: 'x86_64 where arm64 (Graviton) would do',
  help: `arm64 duration is priced ${pct(Math.round((armDurationDiscount(DEFAULT_REGION) ?? 0) * 100) / 100)} below x86_64 (${DEFAULT_REGION}) and AWS reports better price-performance. Interpreted code (Node.js, Python, Java, .NET, Ruby) usually runs unchanged; rebuild native dependencies and layers for arm64.`,
  sources: ['graviton'],
  check(ctx) {
    const prices = regionPrices(DEFAULT_REGION);
    for (const fn of ctx.model.functions.values()) {
      if (str(fnProp(ctx.model, fn, 'PackageType')?.value) === 'Image') continue;
      if (fnProp(ctx.model, fn, 'Layers') !== undefined) continue;
      const runtime = fnProp(ctx.model, fn, 'Runtime');
      const rt = str(runtime?.value);
      if (rt === undefined || NO_ARM.has(rt)) continue;
      const p = fnProp(ctx.model, fn, 'Architectures');
      const items = asSeq(p?.value);
      const x86 = items.find((i) => str(i) === 'x86_64');
      if (p !== undefined && x86 === undefined) continue;
      if (p !== undefined && items.some((i) => str(i) === undefined)) continue;
      let edit: TextEdit | undefined;
      const native = rt.startsWith('provided');
      if (native) edit = undefined;
      else if (x86 !== undefined && x86.kind === 'scalar') edit = replaceNode(x86, 'arm64', ctx.text);
      else if (p === undefined && fn.resource.properties !== null) edit = insertEntry(ctx.text, fn.resource.properties, 'Architectures', ['arm64']);
      const x = prices?.lambda.duration.value.x86_64[0]?.rate;
      const a = prices?.lambda.duration.value.arm64[0]?.rate;
      const saving = x !== undefined && a !== undefined ? ` (${Math.round((1 - a / x) * 100)}% less per GB-second)` : '';
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.Architectures',
        at: x86 !== undefined && !p?.fromGlobals ? x86 : keyRange(fn.resource.entry),
        message: `${fn.id} runs on x86_64${p === undefined ? ' (the default)' : p.fromGlobals ? ' (from Globals)' : ''}. ${native ? `Its ${rt} binary can be built for arm64, which costs less${saving}: rebuild for arm64 and switch.` : `${rt} runs on arm64 too, which costs less${saving}: switch unless you ship native x86 binaries.`}`,
        ...(edit !== undefined ? { fix: { title: 'Use arm64', edits: [edit] } } : {}),
        sources: ['graviton', 'priceList'],
      });
    }
  },
};

function usesService(ctx: RuleContext, fn: FunctionInfo, service: 's3' | 'dynamodb'): boolean {
  const samPrefix = service === 's3' ? 'S3' : 'DynamoDB';
  for (const p of asSeq(fnProp(ctx.model, fn, 'Policies')?.value)) {
    const s = str(p);
    if (s !== undefined && s.includes(service === 's3' ? 'AmazonS3' : 'AmazonDynamoDB')) return true;
    for (const e of asMap(p)?.entries ?? []) if (e.key.startsWith(samPrefix)) return true;
  }
  for (const st of functionStatements(ctx.model, fn)) {
    for (const a of asSeq(get(asMap(st), 'Action'))) if ((str(a) ?? '').toLowerCase().startsWith(`${service}:`)) return true;
  }
  return false;
}

function hasGatewayEndpoint(ctx: RuleContext, service: 's3' | 'dynamodb'): boolean {
  for (const r of ctx.model.byType.get('AWS::EC2::VPCEndpoint') ?? []) {
    const type = str(get(r.properties, 'VpcEndpointType')) ?? 'Gateway';
    if (type !== 'Gateway') continue;
    const name = get(r.properties, 'ServiceName');
    const text = str(name) ?? (name?.kind === 'fn' ? JSON.stringify(plainText(name)) : '');
    if (new RegExp(`[.:]${service}($|["'])`).test(text) || text.endsWith(`.${service}`)) return true;
  }
  return false;
}

/** The literal text inside a node (for a `!Sub 'com.amazonaws.${AWS::Region}.s3'`). */
function plainText(node: TNode | null): string {
  if (node === null) return '';
  if (node.kind === 'scalar') return String(node.value ?? '');
  if (node.kind === 'fn') return plainText(node.arg);
  if (node.kind === 'seq') return node.items.map(plainText).join('');
  return '';
}

export const vpcGatewayEndpoint: Rule = {
  id: 'LDA605',
  name: 'vpc-gateway-endpoint',
  severity: 'info',
  summary: 'VPC function reaching S3 or DynamoDB with no gateway endpoint in the template',
  help: 'A function in a VPC reaches S3 and DynamoDB through a NAT gateway unless the VPC has a gateway endpoint for them. Gateway endpoints for S3 and DynamoDB are free; NAT charges per hour and per GB.',
  sources: ['gatewayEndpoints', 'vpcPricing'],
  check(ctx) {
    const prices = regionPrices(DEFAULT_REGION);
    const hours = PRICING_UNITS.hoursPerMonth.value;
    for (const fn of ctx.model.functions.values()) {
      const vpc = fnProp(ctx.model, fn, 'VpcConfig');
      if (vpc === undefined || vpc.value === null) continue;
      const missing = (['s3', 'dynamodb'] as const).filter((s) => usesService(ctx, fn, s) && !hasGatewayEndpoint(ctx, s));
      if (missing.length === 0) continue;
      const names = missing.map((s) => (s === 's3' ? 'S3' : 'DynamoDB')).join(' and ');
      const perHour = prices?.nat.perHour?.value;
      const perGb = prices?.nat.perGb?.value;
      const cost =
        perHour !== undefined && perGb !== undefined
          ? ` A NAT gateway costs ${usdPrice(perHour)}/hour (≈ ${usd(perHour * hours)}/month per AZ) plus ${usdPrice(perGb)}/GB processed in ${DEFAULT_REGION}; the gateway endpoints are free.`
          : ' Gateway endpoints are free; NAT charges per hour and per GB.';
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.VpcConfig',
        at: vpc.fromGlobals ? keyRange(fn.resource.entry) : keyRange(vpc.entry),
        message: `${fn.id} is in a VPC and uses ${names}, but the template has no gateway endpoint for ${missing.length > 1 ? 'them' : 'it'}: that traffic goes through a NAT gateway (if there is one).${cost} Add an AWS::EC2::VPCEndpoint of type Gateway for ${names} if the VPC has none.`,
      });
    }
  },
};

const WARM_WORDS = /warm|keep[-_ ]?alive/i;

export const keepWarm: Rule = {
  id: 'LDA606',
  name: 'keep-warm-schedule',
  severity: 'warning',
  summary: 'Schedule that pings a function to keep it warm (outdated advice)',
  help: 'A scheduled ping keeps about one execution environment warm, does nothing for bursts, and since August 2025 the INIT it triggers is billed. Use provisioned concurrency, SnapStart (Java, Python, .NET), smaller packages and lazy initialisation instead.',
  sources: ['coldStarts', 'initBilling', 'provisioned', 'snapstart'],
  check(ctx) {
    for (const s of ctx.model.sources) {
      if (s.kind !== 'schedule') continue;
      const texts = [s.name, str(get(s.settings, 'Name')), str(get(s.settings, 'Description')), plainText(get(s.settings, 'Input') ?? null)];
      const target = asMap(get(s.settings, 'Target'));
      texts.push(plainText(get(target, 'Input') ?? null));
      for (const t of asSeq(get(s.settings, 'Targets'))) texts.push(plainText(get(asMap(t), 'Input') ?? null), str(get(asMap(t), 'Id')));
      if (!texts.some((x) => x !== undefined && WARM_WORDS.test(x))) continue;
      ctx.report(this, {
        resource: s.ownerId,
        property: s.ownerId === s.functionId ? s.settingsPath.replace(/\.Properties$/, '') : 'Properties.ScheduleExpression',
        at: keyRange(s.anchor),
        message: `${s.name} pings ${s.functionId} on a schedule to keep it warm: this keeps about one environment warm, does not help bursts, and its INIT is billed since August 2025. Use provisioned concurrency or SnapStart instead, and remove the schedule.`,
      });
    }
  },
};

// --- IAM ---------------------------------------------------------------------------------------

/** Actions that support no resource-level permission (so `Resource: "*"` is required), by prefix. */
const STAR_ONLY = [
  /^xray:/i,
  /^cloudwatch:PutMetricData$/i,
  /^cloudwatch:(Get|List|Describe)/i,
  /^ec2:(Describe|CreateNetworkInterface|DeleteNetworkInterface|AssignPrivateIpAddresses|UnassignPrivateIpAddresses)/i,
  /^[a-z0-9-]+:(List|Describe)/i,
  /^sts:GetCallerIdentity$/i,
  /^ecr:GetAuthorizationToken$/i,
  /^(rekognition|comprehend|translate|textract|polly|transcribe):/i,
  /^bedrock:(InvokeModel|ListFoundationModels)/i,
  /^iot:DescribeEndpoint$/i,
  /^secretsmanager:GetRandomPassword$/i,
  /^logs:(CreateLogGroup|DescribeLogGroups|CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies)$/i,
  /^cloudformation:(ValidateTemplate|ListExports)$/i,
  /^ssm:DescribeParameters$/i,
  /^kms:(CreateKey|ListKeys|ListAliases|GenerateRandom)$/i,
  /^ses:(SendEmail|SendRawEmail|SendTemplatedEmail)$/i,
  /^events:PutEvents$/i,
  /^apigateway:/i,
  /^execute-api:/i,
];

interface Statement {
  readonly owner: Resource;
  readonly node: TNode;
  readonly path: string;
}

function policyStatements(ctx: RuleContext): Statement[] {
  const out: Statement[] = [];
  const add = (owner: Resource, doc: TNode | null | undefined, path: string): void => {
    asSeq(get(asMap(doc), 'Statement')).forEach((s, i) => out.push({ owner, node: s, path: `${path}.Statement.${i}` }));
  };
  for (const r of ctx.template.resources.values()) {
    const p = r.properties;
    switch (r.type) {
      case 'AWS::IAM::Role':
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group':
        asSeq(get(p, 'Policies')).forEach((pol, i) => add(r, get(asMap(pol), 'PolicyDocument'), `Properties.Policies.${i}.PolicyDocument`));
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::IAM::RolePolicy':
        add(r, get(p, 'PolicyDocument'), 'Properties.PolicyDocument');
        break;
      case 'AWS::Serverless::Function':
      case 'AWS::Serverless::StateMachine': {
        const pol = get(p, 'Policies');
        if (pol?.kind === 'map') add(r, pol, 'Properties.Policies');
        else asSeq(pol).forEach((x, i) => add(r, x, `Properties.Policies.${i}`));
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function allowStatements(ctx: RuleContext): Statement[] {
  return policyStatements(ctx).filter((s) => str(get(asMap(s.node), 'Effect')) !== 'Deny' && asMap(s.node) !== null);
}

export const iamWildcardAction: Rule = {
  id: 'LDA502',
  name: 'iam-wildcard-action',
  severity: 'warning',
  summary: 'IAM statement allowing every action ("*" or "service:*")',
  help: 'A wildcard action grants today\'s and tomorrow\'s actions of the service, including deletes and permission changes. List the actions the function calls (least privilege); SAM policy templates (DynamoDBCrudPolicy, SQSSendMessagePolicy…) do this for common cases.',
  sources: ['lambdaServices'],
  check(ctx) {
    for (const s of allowStatements(ctx)) {
      const action = entryOf(asMap(s.node), 'Action');
      for (const a of asSeq(action?.value)) {
        const v = str(a);
        if (v === undefined || !(v === '*' || /^[a-z0-9-]+:\*$/i.test(v))) continue;
        ctx.report(this, {
          resource: s.owner.id,
          property: `${s.path}.Action`,
          at: a,
          message: `${s.owner.id} allows "${v}"${v === '*' ? ' (every action of every service)' : ''}: a bug or a compromised dependency can then do anything it covers, including deleting data. List the actions the code calls.`,
        });
      }
    }
  },
};

export const iamWildcardResource: Rule = {
  id: 'LDA501',
  name: 'iam-wildcard-resource',
  severity: 'warning',
  summary: 'IAM statement allowing actions on Resource "*"',
  help: 'Resource "*" lets the actions touch every table, queue or bucket in the account, not just this application\'s. Name the resources (ARNs, !GetAtt X.Arn); keep "*" only for actions that support no resource-level permission (X-Ray, PutMetricData, List/Describe calls…).',
  sources: ['lambdaServices'],
  check(ctx) {
    for (const s of allowStatements(ctx)) {
      const m = asMap(s.node);
      const res = entryOf(m, 'Resource');
      const star = asSeq(res?.value).find((r) => str(r) === '*');
      if (star === undefined) continue;
      const actions = asSeq(get(m, 'Action')).map((a) => str(a));
      if (actions.length === 0 || actions.some((a) => a === undefined)) continue;
      const scoped = (actions as string[]).filter((a) => a !== '*' && !/:\*$/.test(a) && !STAR_ONLY.some((re) => re.test(a)));
      // Wildcard actions are LDA502's business; report here only actions that could be scoped.
      if (scoped.length === 0) continue;
      ctx.report(this, {
        resource: s.owner.id,
        property: `${s.path}.Resource`,
        at: star,
        message: `${s.owner.id} allows ${scoped.slice(0, 3).join(', ')}${scoped.length > 3 ? ` and ${scoped.length - 3} more` : ''} on Resource "*": every resource of that kind in the account, not only this application's. Name the resources (e.g. !GetAtt Table.Arn).`,
      });
    }
  },
};

const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|KEY/i;
/** Names that mention a secret but hold a pointer to it, or a key that is not a credential. */
const NOT_A_SECRET =
  /ARN|NAME|_ID$|^ID_|_IDS?_|PARAM|PATH|URL|URI|REGION|TABLE|PARTITION|SORT|PRIMARY|HASH_?KEY|RANGE_?KEY|BUCKET|PREFIX|HEADER|FIELD|ATTRIBUTE|TTL|EXPIR|LENGTH|TYPE|KMS|ALIAS|COLUMN|FILE|LOCATION|SSM|VERSION|ENDPOINT|ROTATION|_KEY_ID|KEYID|STAGE|MODE|ENABLED|QUEUE|TOPIC|POOL|CLIENT_?ID|FORMAT|OBJECT|S3_?KEY|KEY_?S3|CACHE|COUNT|SIZE|TIMEOUT|REF$|LOOKUP/i;

function literalSecretValue(v: TNode | null): string | undefined {
  if (v === null || v.kind !== 'scalar' || v.value === null || typeof v.value === 'boolean') return undefined;
  const s = String(v.value).trim();
  if (s === '' || s.startsWith('arn:') || s.startsWith('/') || s.startsWith('{{resolve:') || s.startsWith('alias/')) return undefined;
  if (/^(changeme|placeholder|none|null|todo|xxx+|dummy|test|<.*>|\$\{.*\})$/i.test(s)) return undefined;
  return s;
}

export const secretEnv: Rule = {
  id: 'LDA503',
  name: 'secret-in-environment',
  severity: 'warning',
  summary: 'Secret-like environment variable with a literal value',
  help: 'A literal in the template is in source control, in the deployed function configuration and visible to anyone who can read it. Store secrets in Secrets Manager or SSM Parameter Store (SecureString) and read them at run time (Powertools Parameters caches them), or use a {{resolve:secretsmanager:…}} dynamic reference.',
  sources: ['lambdaServices'],
  check(ctx) {
    const scan = (vars: ReturnType<typeof asMap>, owner: string, property: string, where: string): void => {
      for (const e of vars?.entries ?? []) {
        if (!SECRET_NAME.test(e.key) || NOT_A_SECRET.test(e.key)) continue;
        if (e.value === null || literalSecretValue(e.value) === undefined) continue;
        ctx.report(this, {
          resource: owner,
          property: `${property}.${e.key}`,
          at: e.value,
          message: `${e.key} looks like a secret and is written in the template (${where}): it ends up in source control and in the function's configuration. Keep it in Secrets Manager or SSM Parameter Store and pass its name, or use a {{resolve:secretsmanager:…}} reference.`,
        });
      }
    };
    // Globals once (not once per function that inherits them), then each function's own variables.
    if ([...ctx.model.functions.values()].some((f) => f.sam)) {
      scan(asMap(get(asMap(get(ctx.template.functionGlobals, 'Environment')), 'Variables')), 'Globals', 'Function.Environment.Variables', 'Globals');
    }
    for (const fn of ctx.model.functions.values()) {
      scan(asMap(get(asMap(get(fn.resource.properties, 'Environment')), 'Variables')), fn.id, 'Properties.Environment.Variables', fn.id);
    }
  },
};

const RUNTIME_BY_ID = new Map(RUNTIME_TABLE.value.map((r) => [r.id, r]));

export const runtimeDeprecated: Rule = {
  id: 'LDA607',
  name: 'runtime-deprecated',
  severity: 'warning',
  summary: 'Runtime deprecated, or blocked for new functions',
  help:
    'A deprecated runtime gets no security patches; some time after its deprecation date AWS blocks creating functions on it, then updating them, and a deployment that creates or updates such a function fails. The dates come from the Lambda runtimes table the advisor uses everywhere.',
  sources: ['runtimes'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      const p = fnProp(ctx.model, fn, 'Runtime');
      const id = str(p?.value);
      if (p === undefined || id === undefined) continue;
      const rt = RUNTIME_BY_ID.get(id);
      if (rt === undefined) continue;
      const message = runtimeLifecycleMessage(rt, TODAY);
      const state = runtimeLifecycle(rt, TODAY).state;
      if (message === null || state === 'preview') continue;
      const to = FAMILY_DEFAULT[rt.family];
      ctx.report(this, {
        resource: fn.id,
        property: 'Properties.Runtime',
        at: p.value ?? keyRange(p.entry),
        message: `${fn.id}${p.fromGlobals ? ' (Runtime from Globals)' : ''}: ${message}`,
        ...(state === 'create-blocked' ? { severity: 'error' as const } : {}),
        ...(p.value?.kind === 'scalar' && rt.family !== 'go' ? { fix: { title: `Use ${to}`, edits: [replaceNode(p.value, to, ctx.text)] } } : {}),
      });
    }
  },
};

const LMI_MEM_MIN = MANAGED_INSTANCES.minEnvironmentMemoryMb.value;

export const managedInstances: Rule = {
  id: 'LDA608',
  name: 'managed-instances-settings',
  severity: 'error',
  summary: 'A Managed Instances function with settings Lambda rejects or ignores there',
  help: `On Lambda Managed Instances MemorySize is one execution environment (at least ${n(LMI_MEM_MIN)} MB), ExecutionEnvironmentMemoryGiBPerVCpu is ${MANAGED_INSTANCES.memoryGiBPerVcpuMin.value}–${MANAGED_INSTANCES.memoryGiBPerVcpuMax.value}, PerExecutionEnvironmentMaxConcurrency 1–${n(MANAGED_INSTANCES.perEnvironmentMaxConcurrencyMax.value)}. Timeouts up to ${n(LMI_T_MAX)} s apply to asynchronous and event-source invocations only (not Amazon MQ or DocumentDB). Environments stay warm, so provisioned concurrency and SnapStart have nothing to do there.`,
  sources: ['lmiScaling', 'lmiConfig', 'lmiTimeout'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      if (!onManagedInstances(ctx.model, fn)) continue;
      const mem = fnProp(ctx.model, fn, 'MemorySize');
      const mv = num(mem?.value);
      if (mem !== undefined && mv !== undefined && mv < LMI_MEM_MIN) {
        ctx.report(this, {
          resource: fn.id,
          property: 'Properties.MemorySize',
          at: mem.value ?? keyRange(mem.entry),
          message: `${fn.id} runs on Managed Instances with MemorySize ${n(mv)} MB${mem.fromGlobals ? ' (from Globals)' : ''}; an execution environment there has at least ${n(LMI_MEM_MIN)} MB (and 1 vCPU), so the deployment fails. Set MemorySize to ${n(LMI_MEM_MIN)} or more.`,
          fix: { title: `Set MemorySize to ${LMI_MEM_MIN}`, edits: [mem.value?.kind === 'scalar' ? replaceNode(mem.value, LMI_MEM_MIN) : undefined] },
          sources: ['lmiScaling'],
        });
      }
      const cfg = capacitySettings(ctx.model, fn);
      const ratio = entryOf(cfg, 'ExecutionEnvironmentMemoryGiBPerVCpu');
      const rv = num(ratio?.value);
      if (ratio !== undefined && rv !== undefined && (rv < MANAGED_INSTANCES.memoryGiBPerVcpuMin.value || rv > MANAGED_INSTANCES.memoryGiBPerVcpuMax.value)) {
        ctx.report(this, {
          resource: fn.id,
          property: 'Properties.CapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu',
          at: ratio.value ?? keyRange(ratio),
          message: `${fn.id} asks for ${n(rv)} GiB per vCPU; Managed Instances accept ${MANAGED_INSTANCES.memoryGiBPerVcpuMin.value} to ${MANAGED_INSTANCES.memoryGiBPerVcpuMax.value} (2, 4 or 8 match the c, m and r instance families).`,
          sources: ['lmiConfig'],
        });
      }
      const conc = entryOf(cfg, 'PerExecutionEnvironmentMaxConcurrency');
      const cv = num(conc?.value);
      if (conc !== undefined && cv !== undefined && (cv < 1 || cv > MANAGED_INSTANCES.perEnvironmentMaxConcurrencyMax.value || !Number.isInteger(cv))) {
        ctx.report(this, {
          resource: fn.id,
          property: 'Properties.CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency',
          at: conc.value ?? keyRange(conc),
          message: `${fn.id} sets PerExecutionEnvironmentMaxConcurrency to ${n(cv)}; Managed Instances accept a whole number from 1 to ${n(MANAGED_INSTANCES.perEnvironmentMaxConcurrencyMax.value)}.`,
          sources: ['lmiConfig'],
        });
      }
      const t = fnProp(ctx.model, fn, 'Timeout');
      const tv = num(t?.value);
      const short = shortSources(fn);
      if (t !== undefined && tv !== undefined && tv > T_MAX && tv <= LMI_T_MAX && short.length > 0) {
        ctx.report(this, {
          resource: fn.id,
          property: 'Properties.Timeout',
          at: t.value ?? keyRange(t.entry),
          severity: 'warning',
          message: `${fn.id} has Timeout ${n(tv)} s on Managed Instances, but ${short.join(', ')} ${short.length === 1 ? 'is a' : 'are'} synchronous (or Amazon MQ / DocumentDB) source${short.length === 1 ? '' : 's'}: only asynchronous and event-source invocations may run past ${T_MAX} s there, so those stop at ${T_MAX} s (or the caller's own limit).`,
          sources: ['lmiTimeout'],
        });
      }
      for (const key of ['ProvisionedConcurrencyConfig', 'SnapStart']) {
        const e = fnProp(ctx.model, fn, key);
        if (e === undefined) continue;
        if (key === 'SnapStart' && str(get(asMap(e.value), 'ApplyOn')) === 'None') continue;
        ctx.report(this, {
          resource: fn.id,
          property: `Properties.${key}`,
          at: keyRange(e.entry),
          severity: 'warning',
          message: `${fn.id} runs on Managed Instances, whose execution environments are started ahead of traffic and kept warm (no cold starts): ${key}${e.fromGlobals ? ' (from Globals)' : ''} does not apply there. Remove it; size the capacity provider instead.`,
          sources: ['lmiScaling'],
        });
      }
    }
  },
};

const DURABLE_MAX = DURABLE_FUNCTIONS.executionTimeoutMaxSeconds.value;

export const durableConfig: Rule = {
  id: 'LDA609',
  name: 'durable-config',
  severity: 'error',
  summary: 'DurableConfig outside its limits, or longer than its invocations allow',
  help: `A durable function's DurableConfig needs ExecutionTimeout (1 to ${n(DURABLE_MAX)} s, a 366-day year) and may set RetentionPeriodInDays (${DURABLE_FUNCTIONS.retentionMinDays.value}–${DURABLE_FUNCTIONS.retentionMaxDays.value}, default ${DURABLE_FUNCTIONS.retentionDefaultDays.value}). The whole execution may last that long only when invoked asynchronously: a synchronous or event-source invocation waits for it and stops at ${n(DURABLE_FUNCTIONS.syncExecutionMaxSeconds.value)} s. Each invocation still obeys the function's Timeout (at most ${T_MAX} s).`,
  sources: ['durableConfig', 'durableInvoking', 'durableEsm'],
  check(ctx) {
    for (const fn of ctx.model.functions.values()) {
      const d = fnProp(ctx.model, fn, 'DurableConfig');
      if (d === undefined) continue;
      const m = asMap(d.value);
      if (m === null) continue;
      const et = entryOf(m, 'ExecutionTimeout');
      const ev = num(et?.value);
      if (et === undefined) {
        ctx.report(this, {
          resource: fn.id,
          property: 'Properties.DurableConfig.ExecutionTimeout',
          at: keyRange(d.entry),
          message: `${fn.id}'s DurableConfig has no ExecutionTimeout, which it requires (1 to ${n(DURABLE_MAX)} s): the deployment fails. Set it to the longest a whole execution may take.`,
          sources: ['durableConfig'],
        });
      } else if (ev !== undefined && (ev < 1 || ev > DURABLE_MAX || !Number.isInteger(ev))) {
        ctx.report(this, {
          resource: fn.id,
          property: 'Properties.DurableConfig.ExecutionTimeout',
          at: et.value ?? keyRange(et),
          message: `${fn.id}'s DurableConfig.ExecutionTimeout is ${n(ev)} s; Lambda accepts a whole number from 1 to ${n(DURABLE_MAX)} (one 366-day year), so the deployment fails.`,
          ...(et.value?.kind === 'scalar' && ev > DURABLE_MAX ? { fix: { title: `Set ExecutionTimeout to ${DURABLE_MAX}`, edits: [replaceNode(et.value, DURABLE_MAX)] } } : {}),
          sources: ['durableConfig'],
        });
      } else if (ev !== undefined && ev > DURABLE_FUNCTIONS.syncExecutionMaxSeconds.value && fn.sources.length > 0 && fn.sources.every((x) => modeOf(x.kind) !== 'async')) {
        const names = fn.sources.map((x) => x.name).join(', ');
        ctx.report(this, {
          resource: fn.id,
          property: 'Properties.DurableConfig.ExecutionTimeout',
          at: et.value ?? keyRange(et),
          severity: 'warning',
          message: `${fn.id}'s executions may last ${n(ev)} s, but it is invoked only by ${names}, which ${fn.sources.length === 1 ? 'waits' : 'wait'} for the whole execution (synchronously or through an event source mapping): those stop at ${n(DURABLE_FUNCTIONS.syncExecutionMaxSeconds.value)} s. Start long executions asynchronously (InvocationType Event), or keep ExecutionTimeout within ${n(DURABLE_FUNCTIONS.syncExecutionMaxSeconds.value)} s.`,
          sources: ['durableInvoking', 'durableEsm'],
        });
      }
      const rp = entryOf(m, 'RetentionPeriodInDays');
      const rv = num(rp?.value);
      if (rp !== undefined && rv !== undefined && (rv < DURABLE_FUNCTIONS.retentionMinDays.value || rv > DURABLE_FUNCTIONS.retentionMaxDays.value || !Number.isInteger(rv))) {
        ctx.report(this, {
          resource: fn.id,
          property: 'Properties.DurableConfig.RetentionPeriodInDays',
          at: rp.value ?? keyRange(rp),
          message: `${fn.id} keeps durable execution history for ${n(rv)} days; Lambda accepts ${DURABLE_FUNCTIONS.retentionMinDays.value} to ${DURABLE_FUNCTIONS.retentionMaxDays.value} (default ${DURABLE_FUNCTIONS.retentionDefaultDays.value}).`,
          sources: ['durableConfig'],
        });
      }
    }
  },
};

export const FUNCTION_RULES: readonly Rule[] = [managedInstances, durableConfig, memoryRange, timeoutRange, memoryDefault, arm64, vpcGatewayEndpoint, keepWarm, runtimeDeprecated, iamWildcardResource, iamWildcardAction, secretEnv];

export type { TemplateModel };
