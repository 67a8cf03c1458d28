// Provisioned mode of SQS and Kafka event source mappings (ProvisionedPollerConfig), designed from the
// load, and Kafka bounded by its partitions. Expected values are worked out by hand in the comments
// from the AWS pages the facts cite: one SQS event poller carries about 1 MB/s or 10 concurrent
// invocations, one Kafka poller about 5 MB/s or 5 (invocation-eventsourcemapping.html#…-provisioned-mode,
// kafka-scaling-modes.html); SQS MinimumPollers 2–200, MaximumPollers 2–2,000 (CloudFormation's
// schema), Kafka 1–200 and 1–2,000, never above the partitions. Memory is pinned at 10,240 MB
// (peak use 8,534 MB + 20% = 10,241, capped) so durations are the measured ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, parseScenario, type Design } from '../../src/engine/index.ts';
import { pollersFor } from '../../src/engine/recommend/pollers.ts';

const pinned = { measuredAtMemoryMb: 10_240, maxMemoryUsedMb: 8_534 };

function design(input: Record<string, unknown>): Design {
  const r = advise({ name: 'fn', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}

test('pollers needed = max(MB/s ÷ MB/s per poller, concurrency ÷ invocations per poller), at least 1', () => {
  assert.equal(pollersFor(0, 0, 1, 10), 1);
  assert.equal(pollersFor(78.1, 3_995, 1, 10), 400); // concurrency decides: 3,995 / 10 = 399.5 -> 400
  assert.equal(pollersFor(19.5, 2, 5, 5), 4); // throughput decides: 19.5 / 5 = 3.9 -> 4
  assert.equal(pollersFor(5, 5, 5, 5), 1); // exactly one poller's worth
});

test('SQS beyond the 1,250 standard ceiling: the design uses provisioned mode, sized from the average and the peak', () => {
  // Batches of 1 (a 20 s p99 leaves no room for more within 10 s). Peak 300/s × 10 s = 3,000 concurrent,
  // above standard mode's 1,250. Average 100/s × 10 s = 1,000 concurrent.
  // MinimumPollers = max(⌈0.098 MB/s ÷ 1⌉, ⌈1,000 ÷ 10⌉) = 100 (within 2–200);
  // MaximumPollers = max(⌈0.29 MB/s ÷ 1⌉, ⌈3,000 ÷ 10⌉) = 300 (within 2–2,000).
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 100, peakPerSecond: 300 }, work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned } });
  assert.equal(d.concurrency.neededAtPeak, 3_000);
  assert.deepEqual(d.concurrency.provisionedPollers, { minimumPollers: 100, maximumPollers: 300 });
  assert.equal(d.concurrency.maximumConcurrency, null, 'MaximumConcurrency and provisioned mode are mutually exclusive');
  assert.ok(!d.warnings.some((w) => /pollers stop at 1,250/.test(w.message)), 'no standard-mode ceiling error once provisioned mode carries the load');
  const why = d.rationale.concurrency.why;
  assert.match(why, /standard mode stops at 1,250 concurrent invocations/);
  assert.match(why, /One event poller carries about 1 MB\/s or 10 concurrent invocations/);
  assert.match(why, /MinimumPollers 100 for the average/);
  assert.match(why, /MaximumPollers 300 for the peak/);
  assert.match(why, /excludes MaximumConcurrency/);
  assert.match(d.rationale.concurrency.summary, /provisioned pollers 100–300/);
  // No source gives the SQS rate per event poller unit: the line is listed as not priced, never guessed.
  const line = d.cost.lines.find((l) => l.id === 'event-pollers');
  assert.ok(line, 'event pollers line');
  assert.equal(line.usd, 0);
  assert.ok(d.cost.unpriced.includes('Event pollers (provisioned mode)'));
});

test('SQS within standard mode, or capped for a downstream: no provisioned pollers', () => {
  // 90/s × 10 s = 900 concurrent: standard mode reaches it.
  const small = design({ source: 'sqs', traffic: { averagePerSecond: 10, peakPerSecond: 90 }, work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned } });
  assert.equal(small.concurrency.provisionedPollers, null);
  assert.ok(!small.cost.lines.some((l) => l.id === 'event-pollers'));
  // 3,000 needed, but a 50-connection database: MaximumConcurrency 50, and provisioned mode cannot be combined with it.
  const capped = design({
    source: 'sqs',
    traffic: { averagePerSecond: 100, peakPerSecond: 300 },
    work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned },
    downstream: { maxConcurrency: 50 },
  });
  assert.equal(capped.concurrency.maximumConcurrency, 50);
  assert.equal(capped.concurrency.provisionedPollers, null);
});

test('SQS beyond even provisioned mode (26,000 > 20,000): the error stays, no pollers are paid for', () => {
  // 2,600/s × 10 s = 26,000 concurrent: 2,600 pollers, above MaximumPollers' 2,000 and the 20,000 ceiling.
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 100, peakPerSecond: 2_600 }, work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned } });
  assert.equal(d.concurrency.provisionedPollers, null);
  const w = d.warnings.find((x) => /Even in provisioned mode/.test(x.message));
  assert.ok(w);
  assert.equal(w.severity, 'error');
  assert.match(w.message, /needs 2,600 event pollers .* MaximumPollers stops at 2,000 and provisioned mode at 20,000 concurrent executions/);
});

test('Kafka: provisioned mode always (its retries, bisect and partial batch responses need it); MaximumPollers from the peak, not the partitions', () => {
  // 10 ms per record: peak 2,000/s × 0.01 s = 20 concurrent batches; 24 partitions carry them.
  // Average 200/s × 0.01 s = 2. Payload 1 KB: 0.2 MB/s on average, 1.95 MB/s at peak.
  // MinimumPollers = max(⌈0.2 ÷ 5⌉, ⌈2 ÷ 5⌉) = 1; MaximumPollers = max(⌈1.95 ÷ 5⌉, ⌈20 ÷ 5⌉) = 4, not 24.
  // Bill: 1 poller × 730 h = 730 EPU hours × $0.185 = $135.05 (a price-list transcription, marked secondary).
  const d = design({ source: 'kafka', traffic: { averagePerSecond: 200, peakPerSecond: 2_000, partitions: 24 }, work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned } });
  assert.equal(d.concurrency.neededAtPeak, 20);
  assert.deepEqual(d.concurrency.provisionedPollers, { minimumPollers: 1, maximumPollers: 4 });
  const why = d.rationale.concurrency.why;
  assert.match(why, /The topic's 24 partitions run at most 24 batches at once/);
  assert.match(why, /exist for Kafka only in provisioned mode/);
  assert.match(why, /MaximumPollers is not a concurrency cap/);
  const line = d.cost.lines.find((l) => l.id === 'event-pollers');
  assert.ok(line);
  assert.equal(Math.round(line.usd * 100) / 100, 135.05);
  assert.match(line.detail, /730 event poller unit hours/);
  assert.ok(line.references.some((r) => r.verification === 'secondary'), 'the EPU price is cited as a secondary source');
  assert.ok(d.cost.assumptions.some((a) => /one event poller counts as one event poller unit/.test(a)));
  // The failure rationale speaks of partitions and offsets, never of shards and sequence numbers or 24 h retention.
  const f = d.rationale.failures;
  assert.doesNotMatch(`${f.why} ${f.tradeOff}`, /sequence number|24 h|shard/);
  assert.doesNotMatch(f.articleCorrection ?? '', /sequence number|24 h|shard moving/);
  assert.match(f.why, /partition and offsets/);
  assert.match(f.why, /Kafka topic in the same cluster/);
});

test('Kafka: MaximumPollers never above the partitions, even when the throughput needs more', () => {
  // 20,000/s × 1 KB = 19.5 MB/s: ⌈19.5 ÷ 5⌉ = 4 pollers, but 2 partitions: MaximumPollers 2.
  const d = design({ source: 'kafka', traffic: { averagePerSecond: 20_000, partitions: 2 }, work: { averageDurationMs: 0.01, p99DurationMs: 0.02, ...pinned } });
  const pp = d.concurrency.provisionedPollers;
  assert.ok(pp);
  assert.equal(pp.maximumPollers, 2);
  assert.ok(pp.minimumPollers <= pp.maximumPollers);
  assert.match(d.rationale.concurrency.why, /never above the topic's 2 partitions/);
});

test('Kafka: the partitions bound the concurrency: too few is an error naming how many would do', () => {
  // 20 concurrent batches needed, 12 partitions run 12: 12 × 1,000 / 10 ms = 1,200 records/s drained against 2,000/s.
  const d = design({ source: 'kafka', traffic: { averagePerSecond: 200, peakPerSecond: 2_000, partitions: 12 }, work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned } });
  const w = d.warnings.find((x) => x.id === 'throughput-unreachable');
  assert.ok(w);
  assert.match(w.message, /12 partitions run at most 12 \(one batch per partition at a time\)/);
  assert.match(w.message, /drains about 1,200 records\/s against 2,000\/s/);
  assert.match(w.message, /Give the topic at least 20 partitions/);
  assert.equal(d.concurrency.provisionedPollers?.maximumPollers, 3, 'max(⌈1.95 ÷ 5⌉, ⌈12 ÷ 5⌉) = 3: the pollers feed the 12 partitions');
});

test('Kafka without traffic.partitions: the design says it cannot check the bound', () => {
  const d = design({ source: 'kafka', traffic: { averagePerSecond: 200, peakPerSecond: 2_000 }, work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned } });
  assert.match(d.rationale.concurrency.why, /the topic needs at least 20 partitions for this peak\. No partition count was given \(traffic\.partitions\)/);
});

test('Kafka keeps its 500 ms default batching window instead of setting 0 (which could never be undone)', () => {
  // A 1,500 ms target lets the window use at most 750 ms: 1 s does not fit, the 500 ms default does,
  // so the design keeps it (window 0 would be the only other choice, and could not be set back).
  const d = design({ source: 'kafka', traffic: { averagePerSecond: 200, partitions: 24 }, work: { averageDurationMs: 10, p99DurationMs: 20, ...pinned }, latency: { targetP99Ms: 1_500 } });
  assert.equal(d.batching?.maximumBatchingWindowSeconds, 0.5);
  assert.match(d.rationale.batching.why, /500 ms default cannot be restored/);
});

test('traffic.partitions applies only to Kafka, and must be a whole number', () => {
  const base = { name: 'fn', traffic: { averagePerSecond: 1, partitions: 3 }, work: { averageDurationMs: 10, p99DurationMs: 20, measuredAtMemoryMb: 1_024 } };
  const sqs = parseScenario({ ...base, source: 'sqs' });
  assert.equal(sqs.ok, false);
  if (!sqs.ok) assert.deepEqual(sqs.errors, [{ path: 'traffic.partitions', message: 'applies only to the kafka source' }]);
  const frac = parseScenario({ ...base, source: 'kafka', traffic: { averagePerSecond: 1, partitions: 2.5 } });
  assert.equal(frac.ok, false);
  if (!frac.ok) assert.equal(frac.errors[0]?.path, 'traffic.partitions');
});

test('the CLI prints the provisioned pollers and the event pollers bill line', async () => {
  const { run, EXAMPLES } = await import('./cli-helpers.ts');
  const { join } = await import('node:path');
  const kafka = await run(['recommend', join(EXAMPLES, 'kafka-orders.json')]);
  assert.equal(kafka.code, 0, kafka.stderr);
  assert.match(kafka.stdout, /provisioned pollers: MinimumPollers \d+, MaximumPollers \d+/);
  assert.match(kafka.stdout, /Event pollers \(provisioned mode\)\s+[\d.,]+\s+[\d,]+ event poller unit hours/);
  const sqs = await run(['recommend', join(EXAMPLES, 'sqs-burst-provisioned.json')]);
  assert.match(sqs.stdout, /provisioned pollers: MinimumPollers \d+, MaximumPollers \d+/);
  assert.match(sqs.stdout, /Event pollers \(provisioned mode\)\s+0\.00\s+not priced for us-east-1/);
});

test('provisioned SQS: the account warning speaks of provisioned scaling (+1,000 a minute), not of a 1,000-every-10-s ramp', () => {
  // 3,000 concurrent at peak, above the account's 1,000: ⌈3,000 ÷ 1,000⌉ = 3 minutes at +1,000 a minute.
  const d = design({ source: 'sqs', traffic: { averagePerSecond: 100, peakPerSecond: 300 }, work: { averageDurationMs: 10_000, p99DurationMs: 20_000, ...pinned } });
  const w = d.warnings.find((x) => x.id === 'account-concurrency');
  assert.ok(w);
  assert.match(w.message, /Provisioned pollers scale by up to 1,000 concurrent executions a minute: about 3 minutes to reach it/);
});
