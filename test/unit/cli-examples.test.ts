import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { advise } from '../../src/engine/index.ts';
import { formatErrors } from '../../src/engine/scenario.ts';
import { EXAMPLES, run } from './cli-helpers.ts';

const files = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('the README examples are all there', () => {
  for (const f of ['api-backend.json', 'sqs-worker-database.json', 'kinesis-stream-processor.json', 's3-image-pipeline.json', 'nightly-schedule.json']) {
    assert.ok(files.includes(f), `examples/scenarios/${f}`);
  }
});

for (const file of files) {
  test(`example ${file} validates and gets a design and a bill`, async () => {
    const input = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as unknown;
    const result = advise(input);
    assert.ok(result.ok, result.ok ? '' : formatErrors(result.errors));
    assert.ok(Number.isFinite(result.design.cost.total) && result.design.cost.total >= 0);
    const text = await run(['recommend', join(EXAMPLES, file)]);
    assert.equal(text.code, 0, text.stderr);
    assert.doesNotMatch(text.stdout, /NaN|undefined|\[object Object\]/);
    const cost = await run(['cost', join(EXAMPLES, file)]);
    assert.equal(cost.code, 0, cost.stderr);
    assert.doesNotMatch(cost.stdout, /NaN|undefined/);
  });
}

test('each example shows what it is there to show', () => {
  const design = (f: string) => {
    const r = advise(JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')));
    assert.ok(r.ok, r.ok ? '' : formatErrors(r.errors));
    return r.design;
  };
  const api = design('api-backend.json');
  assert.equal(api.invocation.type, 'RequestResponse');
  assert.equal(api.batching, null);
  const sqs = design('sqs-worker-database.json');
  assert.equal(sqs.invocation.model, 'poll');
  assert.equal(sqs.vpc.attach, true);
  assert.ok(sqs.errorHandling.queue !== null && sqs.errorHandling.queue.deadLetterQueue);
  const kinesis = design('kinesis-stream-processor.json');
  assert.equal(kinesis.invocation.pollerKind, 'stream');
  assert.ok(kinesis.concurrency.parallelizationFactor !== null);
  const s3 = design('s3-image-pipeline.json');
  assert.equal(s3.invocation.type, 'Event');
  assert.ok(s3.ephemeralStorageMb >= 2048);
  const nightly = design('nightly-schedule.json');
  assert.equal(nightly.runtime, 'java');
  assert.ok(nightly.timeoutSeconds * 1000 >= 180_000, 'the timeout covers the p99 run');
});
