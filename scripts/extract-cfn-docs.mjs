#!/usr/bin/env node
// Extract the official CloudFormation documentation of the few resource types and properties the
// template hover needs from @aws-cdk/aws-service-spec (which carries the docs of every resource type),
// into a small committed JSON file. Run after updating that package:
//   node scripts/extract-cfn-docs.mjs
// Output: src/engine/templates/cfn-docs.json (first paragraph of each doc, nested property types one
// level deep, e.g. `DestinationConfig.OnFailure`).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const pkgJson = require.resolve('@aws-cdk/aws-service-spec/package.json');
const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
const db = JSON.parse(gunzipSync(readFileSync(pkgJson.replace(/package\.json$/, 'db.json.gz'))).toString('utf8'));

/** The resource types the hover covers (issue 5: Lambda design). */
const TYPES = [
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::Url',
  'AWS::Lambda::Permission',
  'AWS::SQS::Queue',
  'AWS::Kinesis::Stream',
  'AWS::DynamoDB::Table',
  'AWS::ApiGateway::Method',
  'AWS::ApiGatewayV2::Integration',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::EC2::VPCEndpoint',
  'AWS::Events::Rule',
  'AWS::Scheduler::Schedule',
  'AWS::SNS::Subscription',
];
/** Nested property types worth a hover (property name → nested names kept). */
const MAX_CHARS = 420;

const resources = db.schema.resource.entities;
const typeDefs = new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t]));

/** First paragraph, without trailing "For more information" sentences, capped. */
function summarize(doc) {
  if (typeof doc !== 'string') return undefined;
  let p = doc.split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim();
  if (p.length > MAX_CHARS) {
    const cut = p.lastIndexOf('. ', MAX_CHARS);
    p = cut > 80 ? p.slice(0, cut + 1) : `${p.slice(0, MAX_CHARS).trimEnd()}…`;
  }
  return p;
}

/** Limits the docs state after the first paragraph ("Minimum: 1", "Default: 3") are kept separately by our facts. */
function refOf(type) {
  if (type === undefined) return undefined;
  if (type.type === 'ref') return type.reference.$ref;
  if (type.type === 'array' || type.type === 'map') return refOf(type.element);
  return undefined;
}

const out = {
  generatedBy: 'scripts/extract-cfn-docs.mjs',
  from: `@aws-cdk/aws-service-spec@${pkg.version}`,
  license: 'Apache-2.0 (AWS CloudFormation documentation as carried by @aws-cdk/aws-service-spec)',
  resources: {},
};

for (const name of TYPES) {
  const r = resources.find((x) => x.cloudFormationType === name);
  if (r === undefined) {
    console.warn(`not in the spec: ${name}`);
    continue;
  }
  const props = {};
  for (const [p, def] of Object.entries(r.properties ?? {})) {
    const doc = summarize(def.documentation);
    if (doc !== undefined) props[p] = doc;
    const ref = refOf(def.type);
    const nested = ref === undefined ? undefined : typeDefs.get(ref);
    if (nested?.properties !== undefined) {
      for (const [np, nd] of Object.entries(nested.properties)) {
        const d = summarize(nd.documentation);
        if (d !== undefined) props[`${p}.${np}`] = d;
        // One more level for destination configs (DestinationConfig.OnFailure.Destination).
        const ref2 = refOf(nd.type);
        const nested2 = ref2 === undefined ? undefined : typeDefs.get(ref2);
        for (const [np2, nd2] of Object.entries(nested2?.properties ?? {})) {
          const d2 = summarize(nd2.documentation);
          if (d2 !== undefined && p.endsWith('Config')) props[`${p}.${np}.${np2}`] = d2;
        }
      }
    }
  }
  out.resources[name] = { doc: summarize(r.documentation), properties: props };
}

const target = new URL('../src/engine/templates/cfn-docs.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
const size = readFileSync(target).length;
console.log(`wrote ${target.pathname}: ${Object.keys(out.resources).length} resource types, ${(size / 1024).toFixed(0)} KB`);
