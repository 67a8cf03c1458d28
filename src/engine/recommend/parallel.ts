/**
 * Records processed concurrently within a batch (work.recordsInParallel). Allowed where order does not
 * matter: an unordered source (SQS standard), or an ordered one (FIFO groups, shards, partitions) whose
 * scenario asks for no order. An ordered source with per-key or strict ordering keeps records one after
 * another: two records with one key in the same batch would otherwise be handled at the same time.
 * The model (model/performance.ts batchMsAt): waits overlap, CPU-bound parts queue on the function's
 * threads, so a batch lasts max(one record, records × one record's CPU-bound part).
 */
import type { Scenario } from '../scenario.ts';
import type { SourceModule } from '../sources/index.ts';

export interface RecordsConcurrency {
  /** The design processes a batch's records concurrently. */
  readonly on: boolean;
  /** Said in the batching rationale: why concurrently, or why not although asked; null when not asked. */
  readonly why: string | null;
}

export const PARALLEL_ASSUMPTION =
  'A batch\'s records are processed concurrently (work.recordsInParallel): their I/O waits overlap and their CPU-bound parts queue on the threads the work uses (work.parallelism), so a batch lasts max(one record, records × one record\'s CPU-bound part).';

export function recordsConcurrency(s: Scenario, src: SourceModule): RecordsConcurrency {
  if (!s.work.recordsInParallel) return { on: false, why: null };
  if (src.batching === null) return { on: false, why: null };
  if (src.ordering.perKey && s.ordering !== 'none') {
    return {
      on: false,
      why: `Records stay one after another although work.recordsInParallel asks for concurrency: the ${src.label} keeps ${s.ordering === 'strict' ? 'a strict order' : 'order per key'}, and records with one key in the same batch would be handled at the same time, out of order.`,
    };
  }
  return {
    on: true,
    why:
      'The handler processes a batch\'s records concurrently (Powertools batch processing with processInParallel): the batch waits for its slowest record, not for the sum of them. ' +
      'Each invocation then makes up to a whole batch of downstream calls at once: a downstream limit counts calls in flight, not invocations.',
  };
}
