/**
 * The source catalogue's one interface: everything the engine knows about an event source, asked by
 * the decisions instead of branching on the source's name. Numbers come from the facts module; a
 * source module only chooses which facts apply to it and says them in its own words.
 */
import type { Fact, Priced, RegionPrices, SourceId } from '../facts/index.ts';
import type { Design } from '../design.ts';
import type { EventSource, Scenario } from '../scenario.ts';

/** How a source reaches the function: push (sync / async) or an event source mapping (queue / stream). */
export type { SourceKind } from '../design.ts';
import type { SourceKind } from '../design.ts';

/** Where a source can send what failed for good (for SQS sources, the queue's own redrive DLQ). */
export type FailureDestinationKind = 'sqs' | 'sns' | 's3' | 'eventbridge' | 'lambda' | 'kafka' | 'dead-letter-queue';

/** One size limit of a payload on its way in or out. */
export interface PayloadLimit {
  readonly direction: 'request' | 'response';
  readonly kb: number;
  readonly fact: Fact<number>;
  /** 'warning' where a setting of the source can lift it (SNS MaximumMessageSize), else 'error'. */
  readonly severity: 'error' | 'warning';
  /** The warning for a payload of `kb` KB above this limit, limit, value and fix included. */
  message(kb: number): string;
  readonly references: readonly SourceId[];
}

/** The most the source waits for the function, and what to do about work that needs longer. */
export interface TimeoutLimit {
  /** Cap on the function timeout, seconds. */
  readonly capSeconds: number;
  readonly fact: Fact<number>;
  /** What to do when the work needs longer than the cap (the 'timeout-capped' warning's fix). */
  readonly fix: string;
  /** Pages the fix relies on (for example REST response streaming). */
  readonly fixReferences: readonly SourceId[];
  /**
   * A limit of the source in front of the function that is lower by default but raised by a
   * setting (the ALB's idle timeout): the timeout decision says to raise it, and to what.
   */
  readonly raisable: null | {
    readonly defaultSeconds: Fact<number>;
    readonly maxSeconds: Fact<number>;
    /** The setting as a template writes it, e.g. `idle_timeout.timeout_seconds`. */
    readonly setting: string;
    readonly what: string;
  };
}

/** Throughput ceilings of the source itself, in front of the function. */
export interface RateLimit {
  /** Steady requests (or records) per second the source accepts, for the scenario's Region. */
  steadyPerSecond(s: Scenario): number;
  /** A burst the source absorbs on top (a token bucket), or null. */
  burst(s: Scenario): number | null;
  readonly fact: Fact<number>;
  /** What the limit applies to, e.g. "API Gateway's account throttle in us-east-1". */
  what(s: Scenario): string;
  readonly fix: string;
}

/**
 * The units that carry batches side by side: message groups, shards, partitions. Each runs at most
 * `maxPerLane` batches at once, so the lanes bound concurrency whatever the memory.
 */
export interface Lanes {
  readonly unit: 'message group' | 'shard' | 'partition';
  /** How many the scenario has; undefined when not given. */
  count(s: Scenario): number | undefined;
  /** Assumed when not given (a DynamoDB stream: 1 shard), or null (no bound then). */
  readonly assumeWhenUnknown: number | null;
  /** Concurrent batches per lane at most. */
  readonly maxPerLane: number;
  /** The page that says how many batches a lane runs at once. */
  readonly references: SourceId;
  /** Write limits per lane (Kinesis: 1,000 records/s and 1 MB/s per shard), null where none. */
  readonly writeLimit: null | {
    readonly recordsPerSecond: Fact<number>;
    readonly kbPerSecond: Fact<number>;
  };
  /** Can the user add lanes (Kinesis shards, Kafka partitions, FIFO groups), or not (DynamoDB's shards follow the table)? */
  readonly userControlled: boolean;
  /** How long a record stays readable when the consumer falls behind, or null (a queue keeps it days). */
  readonly retention: null | { readonly hours: Fact<number>; readonly raisable: string | null };
  /** What to do when the lanes cannot carry the load; `lanesNeeded` is how many would. */
  fix(lanesNeeded: number): string;
}

/** How Lambda's pollers grow and where they stop (queues), or null (push sources, streams use lanes). */
export interface PollerScaling {
  readonly initial: Fact<number>;
  readonly addPerMinute: Fact<number>;
  /** Where standard (on-demand) mode stops. */
  readonly ceiling: Fact<number>;
  /** The mode that goes further, named in the fix. */
  readonly beyond: string;
  readonly references: readonly SourceId[];
}

/**
 * Provisioned mode of an event source mapping (SQS, Kafka): dedicated event pollers, each carrying a
 * known throughput, billed per event poller unit (EPU) hour. The pollers decision
 * (recommend/pollers.ts) sizes MinimumPollers / MaximumPollers from the load with these.
 */
export interface ProvisionedPollers {
  readonly minPollers: { readonly min: Fact<number>; readonly max: Fact<number> };
  readonly maxPollers: { readonly min: Fact<number>; readonly max: Fact<number> };
  /** What one poller carries: MB/s and concurrent invocations. */
  readonly perPoller: { readonly mbPerSecond: Fact<number>; readonly concurrentInvocations: Fact<number> };
  /**
   * When the design turns provisioned mode on: 'beyond-standard' only when standard mode cannot
   * carry the load (SQS: above its 1,250 ceiling); 'always' where the design's own settings need it
   * (Kafka: retries, bisect and partial batch responses exist only in provisioned mode).
   */
  readonly use: 'beyond-standard' | 'always';
  /** Why provisioned mode, in one sentence, for the rationale. */
  readonly why: string;
  /** Controls that need provisioned mode (Kafka: retries, bisect, partial batch responses). */
  readonly unlocks: readonly string[];
  /** A setting provisioned mode cannot be combined with (SQS: MaximumConcurrency), or null. */
  readonly excludes: string | null;
  /** Concurrency provisioned mode reaches at most (SQS: 20,000), or null (Kafka: the partitions bound it). */
  readonly concurrencyCeiling: Fact<number> | null;
  /** How fast provisioned pollers scale, concurrent executions a minute, or null where not stated. */
  readonly scalePerMinute: Fact<number> | null;
  /** The price of one EPU hour in a Region, or null where no source gives one (the bill then says so). */
  price(p: RegionPrices): Priced<number> | null;
  readonly references: readonly SourceId[];
}

export interface BatchingLimits {
  readonly defaultSize: Fact<number>;
  readonly maxSize: Fact<number>;
  /** MaximumBatchingWindowInSeconds is accepted at all (FIFO: no). */
  readonly windowSupported: boolean;
  /** The window AWS uses when none is set, seconds (Kafka 0.5 s; it cannot be set back once changed). */
  readonly defaultWindowSeconds: Fact<number> | null;
  /** SQS standard: a batch above `above` needs a window of at least `minWindowSeconds`. */
  readonly largeBatchNeedsWindow: null | { readonly above: Fact<number>; readonly minWindowSeconds: Fact<number> };
  /** Units records are spread over when a batch fills (shards for Kinesis / DynamoDB Streams, else 1). */
  fillUnits(s: Scenario): number;
  /** Said among the batching limits (FIFO: at most 10 and no window). */
  readonly limitNote: string | null;
  readonly references: SourceId;
}

/** Who retries a failure, and what the design configures for it. */
export type FailureModel =
  | { readonly model: 'caller' }
  | { readonly model: 'async' }
  | { readonly model: 'queue' }
  | {
      readonly model: 'stream';
      /** The page for this source's retry controls. */
      readonly references: SourceId;
      /** Records expire soon (DynamoDB: 24 h), so the destination must keep the full records (S3). */
      readonly needsFullRecords: boolean;
      /** Said after the controls (Kafka: they need provisioned mode). */
      readonly note: string | null;
      /** What an on-failure record points at ("the shard and sequence numbers", "the partition and offset"). */
      readonly recordPointer: string;
      /**
       * The longest MaximumRecordAgeInSeconds where the source keeps no retention Lambda knows of (Kafka:
       * the topic's retention.ms is the cluster's), or null: then half the lanes' retention bounds it.
       */
      readonly recordAgeMax?: Fact<number>;
    };

/** The pricing lines a source contributes to the bill. */
export interface PricingInput {
  readonly region: RegionPrices;
  readonly requestsPerMonth: number;
  readonly payloadKb: number;
  readonly shards: number;
  readonly freeTier: boolean;
  readonly invocations: number;
  readonly recordsPerInvocation: number;
}

export interface SourcePricing {
  /** The bill line, or null when the source itself costs nothing the bill prices. */
  readonly line: null | {
    readonly item: string;
    readonly priceSource: SourceId;
    prices(p: RegionPrices): ReadonlyArray<Priced<unknown> | null>;
    usd(x: PricingInput): number;
    detail(x: PricingInput): string;
  };
  /** An assumption the bill states (what it leaves out), or null. */
  readonly note: string | null;
}

export interface OrderingFacts {
  /** Order is kept per key (message group, shard / partition key). */
  readonly perKey: boolean;
  /** One lane in order (strict order across all records), given the design. */
  singleLane(s: Scenario, d: Pick<Design, 'concurrency'>): boolean;
  /** Why strict order needs a single lane, or what to use instead (unordered sources). */
  readonly strictMessage: string | null;
  /** Said of a source that keeps no order (SQS standard: out of order and duplicates). */
  readonly unorderedNote: string;
}

export interface ArticleNote {
  readonly message: string;
  readonly references: readonly SourceId[];
}

export interface SourceModule {
  readonly id: EventSource;
  /**
   * For the budget warning: a cheaper way to get what this source's own bill line buys (e.g. an HTTP API
   * instead of a REST API), with the Region's prices; absent where none is worth naming.
   */
  readonly cheaperAlternative?: (prices: RegionPrices | undefined) => string;
  readonly kind: SourceKind;
  /** As a person reads it: "SQS FIFO queue". */
  readonly label: string;
  /**
   * Without a function (issue 11): the AWS service integration that replaces a forward-only function
   * (work.logic "forward-only"), or null where the source can only invoke code; and whether the source can
   * start a Step Functions workflow itself (an ALB or a function URL can only invoke a function).
   */
  readonly withoutFunction: { readonly integration: string | null; readonly startsWorkflow: boolean };
  readonly invocation: Design['invocation'];
  /** Someone waits for the answer (cold starts are user-visible latency). */
  readonly callerWaits: boolean;
  readonly payload: readonly PayloadLimit[];
  readonly timeout: TimeoutLimit;
  /** Response streaming: how, or null where the source cannot stream (HTTP API, ALB, pollers). */
  readonly streaming: null | { readonly how: string; readonly maxMb: Fact<number>; readonly references: readonly SourceId[] };
  readonly rateLimit: RateLimit | null;
  readonly lanes: Lanes | null;
  readonly pollers: PollerScaling | null;
  /** Provisioned mode, where the source has one (SQS, Kafka), else null. */
  readonly provisionedPollers: ProvisionedPollers | null;
  /** One sentence on how Lambda scales for this source, and the page it comes from. */
  readonly scaling: { readonly sentence: string; readonly references: SourceId } | null;
  readonly batching: BatchingLimits | null;
  /** How concurrency is bounded: reserved concurrency, MaximumConcurrency, partitions, parallelization factor. */
  readonly concurrencyControl: 'reserved' | 'maximum-concurrency' | 'partitions' | 'parallelization-factor';
  readonly failures: FailureModel;
  readonly destinations: readonly FailureDestinationKind[];
  readonly ordering: OrderingFacts;
  readonly pricing: SourcePricing;
  /** The SAM event type the scaffold writes for it (documentation for the scaffold's plan). */
  readonly samEventType: string | null;
  /** Where the 2019 article misleads for this source: the invocation and concurrency rationales and the notes. */
  readonly articleCorrections: { readonly invocation: string | null; readonly concurrency: string | null };
  readonly articleNotes: readonly ArticleNote[];
}
