// The per-document TemplateSession: one parse per version shared by every question, the one function
// picker (id, cursor, only one, ask), the scenario and the design edits of "Apply recommended values",
// and the line map the parser's LineCounter gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineCounter, parseDocument } from 'yaml';
import { SessionCache, TemplateSession } from '../../src/engine/templates/session.ts';
import { lineStartsOf } from '../../src/engine/templates/lines.ts';
import { applyEdits } from '../../src/engine/templates/edits.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';

const TWO = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      MemorySize: 128
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      MemorySize: 3008
      Timeout: 30
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt JobsQueue.Arn
            BatchSize: 10
  JobsQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
`;

const doc = (text: string, version = 1) => ({ uri: 'file:///w/template.yaml', version, name: 'template.yaml', text: () => text });

test('the cache parses a document version once, whoever asks, and again only when the version changes', () => {
  const cache = new SessionCache();
  let reads = 0;
  const d = { ...doc(TWO), text: () => (reads++, TWO) };
  const a = cache.get(d);
  const lenses = cache.get(d, { assumed: { requestsPerMonth: 5_000_000, durationMs: 200, region: 'us-east-1' } });
  const hover = cache.get(d, { region: 'eu-west-1' });
  assert.equal(reads, 1, 'the text is read once per version');
  assert.equal(a.parsed, lenses.parsed);
  assert.equal(a.parsed, hover.parsed);
  assert.equal(a.lint(), hover.lint(), 'findings computed once');
  assert.equal(a.functions(), lenses.functions(), 'function facts computed once');
  const next = cache.get({ ...d, version: 2 });
  assert.equal(reads, 2);
  assert.notEqual(next.parsed, a.parsed);
  cache.delete(d.uri);
  assert.equal(cache.size, 0);
});

test('the cache keeps at most its bound of documents, dropping the one used longest ago', () => {
  const cache = new SessionCache(2);
  const a = cache.get({ ...doc(TWO), uri: 'a' });
  cache.get({ ...doc(TWO), uri: 'b' });
  assert.equal(cache.get({ ...doc(TWO), uri: 'a' }).parsed, a.parsed, 'a used again: now the most recent');
  cache.get({ ...doc(TWO), uri: 'c' });
  assert.equal(cache.size, 2);
  assert.equal(cache.get({ ...doc(TWO), uri: 'a' }).parsed, a.parsed, 'a kept; b was dropped');
  let read = false;
  cache.get({ ...doc(TWO), uri: 'b', text: () => ((read = true), TWO) });
  assert.equal(read, true, 'b parsed again');
});

test('the assumed workload changes the lens, not the parse', () => {
  const s = TemplateSession.open({ uri: 'u', version: 0, text: TWO });
  const low = s.withOptions({ assumed: { requestsPerMonth: 1_000, durationMs: 100, region: 'us-east-1' } });
  const high = s.withOptions({ assumed: { requestsPerMonth: 100_000_000, durationMs: 100, region: 'us-east-1' } });
  assert.equal(low.parsed, high.parsed);
  const lowUsd = low.lenses().get('Api')?.totalUsd ?? NaN;
  const highUsd = high.lenses().get('Api')?.totalUsd ?? NaN;
  assert.ok(highUsd > lowUsd * 100, `${highUsd} vs ${lowUsd}`);
  assert.match(high.lenses().get('Api')?.title ?? '', /100M requests\/month/);
});

test('one picker: the id given, else the function under the cursor, else the only one, else ask', () => {
  const s = TemplateSession.open({ uri: 'u', version: 0, text: TWO, name: 'infra/template.yaml' });
  assert.deepEqual(s.functions().map((f) => f.id), ['Api', 'Worker']);
  const pickId = s.pick('Worker');
  assert.equal(pickId.kind === 'function' && pickId.fn.id, 'Worker');
  // The cursor on "BatchSize" of Worker's event picks Worker; on Api's MemorySize picks Api.
  const inWorker = s.pick(undefined, TWO.indexOf('BatchSize'));
  assert.equal(inWorker.kind === 'function' && inWorker.fn.id, 'Worker');
  const inApi = s.pick(undefined, TWO.indexOf('MemorySize: 128'));
  assert.equal(inApi.kind === 'function' && inApi.fn.id, 'Api');
  // On the queue or the header: two functions, none under the cursor, so the user is asked.
  const onQueue = s.pick(undefined, TWO.indexOf('VisibilityTimeout'));
  assert.equal(onQueue.kind, 'choose');
  assert.deepEqual(onQueue.kind === 'choose' && onQueue.functions.map((f) => f.id), ['Api', 'Worker']);
  assert.equal(s.pick(undefined).kind, 'choose');
  assert.throws(() => s.pick('JobsQueue'), /JobsQueue is not a Lambda function of infra\/template\.yaml/);
  assert.throws(() => s.pick(42), /must be a resource logical id/);

  const one = TemplateSession.open({ uri: 'u', version: 0, text: TWO.slice(0, TWO.indexOf('  Worker:')) });
  const only = one.pick(undefined, 0);
  assert.equal(only.kind === 'function' && only.fn.id, 'Api');
  assert.equal(TemplateSession.open({ uri: 'u', version: 0, text: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::SNS::Topic\n" }).pick(undefined).kind, 'none');
  assert.equal(TemplateSession.open({ uri: 'u', version: 0, text: 'name: not a template\n' }).pick('Api').kind, 'not-a-template');
});

test('applyPlan: the design of the function, as edits that the preview shows and a second run finds done', () => {
  const s = TemplateSession.open({ uri: 'u', version: 0, text: TWO });
  const worker = s.fn('Worker');
  assert.ok(worker);
  const plan = s.applyPlan(worker);
  assert.ok(plan.ok);
  assert.equal(plan.scenario.source, 'sqs');
  assert.ok(plan.result.edits.length > 0);
  assert.equal(plan.preview, applyEdits(TWO, plan.result.edits));
  assert.ok(plan.result.changes.some((c) => c.resource === 'JobsQueue' && c.property === 'VisibilityTimeout'), 'the queue visibility is raised');
  const again = TemplateSession.open({ uri: 'u', version: 1, text: plan.preview });
  assert.deepEqual(again.designEdits('Worker', plan.design, { assumedWorkload: true }).edits, [], 'the same design again: nothing left to change');
  // The workload was assumed: the template's 3,008 MB is not lowered on a guess, and the notes say so.
  assert.equal(plan.result.changes.some((c) => c.property === 'MemorySize'), false);
  assert.match(plan.notes, /Worker › MemorySize kept at 3008 \(the design for the assumed workload says \d+\)/);
  // A workload given (measured) lowers it.
  const measured = s.applyPlan(worker, { ...plan.scenario, work: { ...plan.scenario.work, maxMemoryUsedMb: 100 } });
  assert.ok(measured.ok);
  assert.ok(measured.result.changes.some((c) => c.property === 'MemorySize' && c.from === '3008' && Number(c.to) < 3008), 'a given workload lowers the memory');

  const bad = s.applyPlan(worker, { name: 'x', source: 'carrier-pigeon' });
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.message, /^the scenario to apply is not valid: .*source/);
});

test('hover and findings come from the same parse; the hover Region is an option', () => {
  const s = TemplateSession.open({ uri: 'u', version: 0, text: TWO });
  const at = TWO.indexOf('MemorySize: 3008');
  const h = s.hover(at);
  assert.ok(h);
  assert.ok(s.lint().findings.some((f) => f.resource === 'JobsQueue'), 'the short visibility timeout is found');
  const pos = s.position(at);
  assert.equal(pos.line, TWO.slice(0, at).split('\n').length - 1);
  assert.equal(s.offset(pos), at);
});

test('the line map is the parser\'s LineCounter where it parses cleanly, and always equals a plain scan of the text', () => {
  let clean = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', ':', ' ', '\n', '\r\n', '\r', '"', "'", '|', '>', '-', '#', '{', '}', '[', ']', 'AWS::', '\t', '…', '!Ref ', ','), { maxLength: 60 }), (parts) => {
      const text = `AWSTemplateFormatVersion: x\n${parts.join('')}`;
      const lc = new LineCounter();
      const d = parseDocument(text, { lineCounter: lc, strict: false, uniqueKeys: false });
      if (d.errors.length === 0) {
        clean++;
        assert.deepEqual(lc.lineStarts, lineStartsOf(text));
      }
      assert.deepEqual(parseTemplate(text).lineStarts, lineStartsOf(text));
    }),
    { numRuns: 2_000 },
  );
  assert.ok(clean > 100, `${clean} texts parsed cleanly`);
  // LineCounter drops the line breaks after a stray bracket; the template's map does not.
  const broken = 'AWSTemplateFormatVersion: x\n]a\na: 1\nb: 2\n';
  assert.deepEqual(parseTemplate(broken).lineStarts, [0, 28, 31, 36, 41]);
});

test('insertPlan: the generated template\'s missing resources go into this document, nothing of the user\'s changes', () => {
  const mine = `# my stack\nAWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Existing:\n    Type: AWS::SNS::Topic # keep\n`;
  const generated = `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Existing:\n    Type: AWS::SQS::Queue\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n`;
  const s = TemplateSession.open({ uri: 'file:///w/template.yaml', version: 3, text: mine, name: 'template.yaml' });
  const r = s.insertPlan(generated);
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.deepEqual(r.added, ['Resources.Worker']);
  assert.deepEqual(r.kept, ['Resources.Existing']);
  assert.ok(r.text.startsWith(mine), 'the user\'s text is kept byte for byte, the new resource follows');
  assert.match(r.text, / {2}Worker:\n {4}Type: AWS::Serverless::Function\n/);
  assert.equal(s.insertPlan(generated), r, 'computed once per document version');
  const broken = TemplateSession.open({ uri: 'u', version: 0, text: 'Resources: [\n' }).insertPlan(generated, 'template.yaml');
  assert.equal(broken.ok, false);
  assert.match(broken.ok ? '' : broken.message, /template\.yaml is not valid YAML.*nothing was changed/);
});
