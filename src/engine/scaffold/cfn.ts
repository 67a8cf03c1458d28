/**
 * CloudFormation values with intrinsic functions, and their YAML rendering through the `yaml`
 * library's document API (short tags `!Ref`, `!GetAtt`, `!Sub`, `!If`), so that every string is
 * quoted by the serialiser, never by hand.
 */
import { Document, isNode, type Node } from 'yaml';

export class Intrinsic {
  constructor(
    readonly tag: '!Ref' | '!GetAtt' | '!Sub' | '!If' | '!Join' | '!Select',
    readonly value: unknown,
  ) {}
}

export const ref = (name: string): Intrinsic => new Intrinsic('!Ref', name);
export const getAtt = (resource: string, attribute: string): Intrinsic => new Intrinsic('!GetAtt', `${resource}.${attribute}`);
export const sub = (template: string): Intrinsic => new Intrinsic('!Sub', template);

export type CfnValue = Intrinsic | string | number | boolean | null | undefined | CfnValue[] | { [key: string]: CfnValue };

function toNode(doc: Document, value: CfnValue): Node {
  if (value instanceof Intrinsic) {
    const node = toNode(doc, value.value as CfnValue);
    node.tag = value.tag;
    return node;
  }
  if (Array.isArray(value)) {
    const seq = doc.createNode([]) as unknown as { items: Node[] } & Node;
    for (const item of value) if (item !== undefined) seq.items.push(toNode(doc, item));
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = doc.createNode({}) as unknown as { set(k: unknown, v: unknown): void } & Node;
    for (const [k, v] of Object.entries(value)) if (v !== undefined) map.set(doc.createNode(k), toNode(doc, v));
    return map;
  }
  const node = doc.createNode(value);
  if (!isNode(node)) throw new Error('unexpected YAML node');
  return node;
}

/** Render a template object as YAML text, with a comment at the top. */
export function renderYaml(template: { [key: string]: CfnValue }, comment: string): string {
  // YAML 1.1 rules for quoting: cfn-lint and the AWS tools read templates as YAML 1.1, where yes, on and
  // 2010-09-09 are not strings unless quoted.
  const doc = new Document(undefined, { version: '1.1' });
  doc.contents = toNode(doc, template) as never;
  doc.commentBefore = comment
    .split('\n')
    .map((l) => ` ${l}`)
    .join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** The long (JSON) form of a value, for CDK/Terraform comments and tests. */
export function toLongForm(value: CfnValue): unknown {
  if (value instanceof Intrinsic) {
    const v = toLongForm(value.value as CfnValue);
    switch (value.tag) {
      case '!Ref':
        return { Ref: v };
      case '!GetAtt':
        return { 'Fn::GetAtt': String(v).split('.') };
      default:
        return { [`Fn::${value.tag.slice(1)}`]: v };
    }
  }
  if (Array.isArray(value)) return value.filter((x) => x !== undefined).map(toLongForm);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toLongForm(v)]));
  }
  return value;
}

/** The CloudFormation logical id of a VPC endpoint (SAM and CDK): `secretsmanager` → `SecretsmanagerInterfaceEndpoint`. */
export function endpointLogicalId(service: string, kind: 'Gateway' | 'Interface'): string {
  const clean = service.replace(/[^A-Za-z0-9]/g, ' ').split(' ').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return `${clean || 'Service'}${kind}Endpoint`;
}
