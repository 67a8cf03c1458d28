// Scaffolds carry what the design sets for provisioned pollers and for Kafka: ProvisionedPollerConfig
// in SAM, CDK and Terraform; the MSK event with batch size, retries, record age, bisect, partial batch
// responses and the failure destination; Kafka's 500 ms default window kept by writing none.
// (cfn-lint, CDK synth and terraform fmt run over the example scenarios in scaffold-tools.test.ts and
// scaffold-terraform-fmt.test.ts, which include examples/scenarios/sqs-burst-provisioned.json and kafka-orders.json.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, type Design } from '../../src/engine/index.ts';
import { scaffold } from '../../src/engine/scaffold/index.ts';

const pinned = { measuredAtMemoryMb: 10_240, maxMemoryUsedMb: 8_534 };

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}
function file(d: Design, iac: 'sam' | 'cdk' | 'terraform', path: RegExp): string {
  const f = scaffold(d, { iac, language: 'typescript' }).find((x) => path.test(x.path));
  assert.ok(f, `${iac}: ${path}`);
  return f.contents;
}

const sqsBurst = () => design({ source: 'sqs', traffic: { averagePerSecond: 100, peakPerSecond: 300 }, work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned } });

test('SQS in provisioned mode: ProvisionedPollerConfig 100–300 in SAM, CDK and Terraform, and no MaximumConcurrency', () => {
  const d = sqsBurst();
  assert.deepEqual(d.concurrency.provisionedPollers, { minimumPollers: 100, maximumPollers: 300 });
  const sam = file(d, 'sam', /template\.yaml$/);
  assert.match(sam, /ProvisionedPollerConfig:\n\s+MinimumPollers: 100\n\s+MaximumPollers: 300/);
  assert.doesNotMatch(sam, /ScalingConfig/);
  assert.match(file(d, 'cdk', /stack\.ts$/), /provisionedPollerConfig: \{ minimumPollers: 100, maximumPollers: 300 \}/);
  const tf = file(d, 'terraform', /main\.tf$/);
  assert.match(tf, /provisioned_poller_config \{\n\s+minimum_pollers = 100\n\s+maximum_pollers = 300\n\s+\}/);
  assert.doesNotMatch(tf, /scaling_config/);
});

test('SQS in standard mode: no ProvisionedPollerConfig anywhere', () => {
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 10, peakPerSecond: 90 }, work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned } });
  assert.doesNotMatch(file(d, 'sam', /template\.yaml$/), /ProvisionedPollerConfig/);
  assert.doesNotMatch(file(d, 'cdk', /stack\.ts$/), /provisionedPollerConfig/);
  assert.doesNotMatch(file(d, 'terraform', /main\.tf$/), /provisioned_poller_config/);
});

test('Kafka: the MSK event carries everything the design sets', () => {
  const d = design({ source: 'kafka', traffic: { averagePerSecond: 200, peakPerSecond: 2_000, partitions: 24 }, work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned } });
  const e = d.errorHandling;
  const pp = d.concurrency.provisionedPollers;
  assert.ok(pp && d.batching && e.retryAttempts !== null && e.maximumRecordAgeSeconds !== null);
  const sam = file(d, 'sam', /template\.yaml$/);
  const msk = sam.slice(sam.indexOf('Type: MSK'));
  for (const line of [
    `BatchSize: ${d.batching.batchSize}`,
    `BisectBatchOnFunctionError: true`,
    `MaximumRetryAttempts: ${e.retryAttempts}`,
    `MaximumRecordAgeInSeconds: ${e.maximumRecordAgeSeconds}`,
    '- ReportBatchItemFailures',
    `MinimumPollers: ${pp.minimumPollers}`,
    `MaximumPollers: ${pp.maximumPollers}`,
    'DestinationConfig:',
  ]) {
    assert.ok(msk.includes(line), `SAM MSK event: ${line}`);
  }
  const cdk = file(d, 'cdk', /stack\.ts$/);
  for (const s of ['bisectBatchOnError: true', `retryAttempts: ${e.retryAttempts}`, `maxRecordAge: Duration.seconds(${e.maximumRecordAgeSeconds})`, 'reportBatchItemFailures: true', `provisionedPollerConfig: { minimumPollers: ${pp.minimumPollers}, maximumPollers: ${pp.maximumPollers} }`, 'onFailure:']) {
    assert.ok(cdk.includes(s), `CDK ManagedKafkaEventSource: ${s}`);
  }
  const tf = file(d, 'terraform', /main\.tf$/);
  for (const re of [/bisect_batch_on_function_error\s+= true/, new RegExp(`maximum_retry_attempts\\s+= ${e.retryAttempts}`), new RegExp(`maximum_record_age_in_seconds\\s+= ${e.maximumRecordAgeSeconds}`), /function_response_types = \[\n\s+"ReportBatchItemFailures"/, new RegExp(`maximum_pollers = ${pp.maximumPollers}`), /destination_config \{/]) {
    assert.match(tf, re, 'Terraform Kafka mapping');
  }
});

test("Kafka's 500 ms default window: the design says 0.5 s and the scaffold writes no window (no whole-second value restores it)", () => {
  const d = design({ source: 'kafka', traffic: { averagePerSecond: 200, partitions: 24 }, work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned }, latency: { targetP99Ms: 1_500 } });
  assert.equal(d.batching?.maximumBatchingWindowSeconds, 0.5);
  assert.doesNotMatch(file(d, 'sam', /template\.yaml$/), /MaximumBatchingWindowInSeconds/);
  assert.doesNotMatch(file(d, 'cdk', /stack\.ts$/), /maxBatchingWindow/);
  assert.doesNotMatch(file(d, 'terraform', /main\.tf$/), /maximum_batching_window_in_seconds/);
});
