/**
 * The design: what the engine recommends for a scenario. Plain JSON (no classes, Maps or Dates), so
 * the CLI prints it with --json and the webview receives it as a message. `schemaVersion` changes
 * only when a field a script may read changes meaning or goes away.
 */
import type { Architecture, DeploymentType, RuntimeFamily, Source } from './facts/index.ts';
import type { EventSource, OptimizeFor, Scenario } from './scenario.ts';
import type { ModelReport } from './model/measured.ts';

export const DESIGN_SCHEMA_VERSION = 1;

/**
 * How an event source reaches the function, the one classification every face uses: a caller that
 * waits (`sync`), an event Lambda queues and retries (`async`), a queue or a stream Lambda polls.
 * (`SOURCE_KIND` in recommend/context.ts says which each scenario source is.)
 */
export type SourceKind = 'sync' | 'async' | 'queue' | 'stream';

export type DecisionId =
  /** The shape the workload runs on (issue 11), decided first. */
  | 'compute'
  | 'invocation'
  | 'memory'
  | 'timeout'
  | 'batching'
  | 'concurrency'
  | 'failures'
  | 'vpc'
  | 'coldStart'
  | 'deployment';

/** Why a decision was made: tied to the scenario's numbers, with its trade-off and sources. */
export interface Rationale {
  readonly title: string;
  /** One line: the value as a person reads it ("1,769 MB on arm64"). */
  readonly summary: string;
  readonly why: string;
  readonly tradeOff: string;
  readonly references: readonly Source[];
  /** Where the 2019 article's advice is superseded for this decision, what changed. */
  readonly articleCorrection?: string;
}

export interface Warning {
  readonly id:
    | 'budget-exceeded'
    | 'latency-unreachable'
    | 'downstream-overload'
    | 'payload-too-large'
    | 'timeout-capped'
    | 'account-concurrency'
    | 'ordering'
    | 'not-idempotent'
    | 'article-superseded'
    /** A hard limit of the event source (payload, timeout, throttle) that the scenario exceeds. */
    | 'limit-exceeded'
    /** The source cannot carry the load (lanes, shard writes, pollers), whatever the memory. */
    | 'throughput-unreachable'
    /** A stream consumer drains slower than the peak: the iterator age grows, records may expire. */
    | 'iterator-age'
    | 'runtime-deprecated'
    | 'snapstart-unavailable'
    /** The pinned compute shape (scenario.compute) cannot run the work, or no shape can. */
    | 'compute-infeasible';
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly references: readonly Source[];
}

/**
 * The shape the workload runs on, decided before the settings (issue 11). `direct-integration` is offered
 * only when `work.logic` is "forward-only" (no code: an API Gateway service integration, EventBridge Pipes
 * or a Step Functions SDK integration, whichever fits the source).
 */
export type ComputeKind =
  | 'on-demand'
  | 'managed-instances'
  | 'durable-functions'
  | 'step-functions-standard'
  | 'step-functions-express'
  | 'direct-integration';

export interface ComputeOption {
  readonly kind: ComputeKind;
  /** False when this shape cannot run the workload; `why` then says why and the fix. */
  readonly feasible: boolean;
  /** Monthly cost from the same bill model as `cost`; null only where a price has no source (`why` says so). */
  readonly monthlyUsd: number | null;
  readonly why: string;
  readonly tradeOff: string;
  readonly references: readonly Source[];
}

/** How Lambda Managed Instances would run the function (set when the design's shape is managed-instances). */
export interface ManagedInstancesPlan {
  /** The EC2 instance type priced and scaffolded (one with a sourced price), e.g. "m7g.xlarge". */
  readonly instanceType: string;
  readonly instanceVCpus: number;
  readonly instanceMemoryGiB: number;
  /** CapacityProviderConfig ExecutionEnvironmentMemoryGiBPerVCpu. */
  readonly memoryGiBPerVCpu: number;
  /** The function's MemorySize on Managed Instances (one execution environment). */
  readonly environmentMemoryMb: number;
  /** PerExecutionEnvironmentMaxConcurrency: requests one environment serves at once. */
  readonly perEnvironmentMaxConcurrency: number;
  /** Instances kept for the average load (never below the three-instance default for AZ resilience). */
  readonly instancesAtAverage: number;
  /** Instances the peak needs. */
  readonly instancesAtPeak: number;
  /** The capacity provider's MaxVCpuCount (scaling ceiling). */
  readonly maxVCpuCount: number;
}

/** A workflow shape's plan (durable functions or Step Functions). */
export interface WorkflowPlan {
  /** Steps the work is split into (`work.steps`, or the engine's split). */
  readonly steps: number;
  /** The whole execution's timeout: DurableConfig.ExecutionTimeout, or the state machine's TimeoutSeconds. */
  readonly executionTimeoutSeconds: number;
  /** DurableConfig.RetentionPeriodInDays (durable functions); null for Step Functions. */
  readonly retentionDays: number | null;
}

export interface ComputeDecision {
  readonly recommended: ComputeKind;
  /** True when `scenario.compute` pinned the shape. */
  readonly pinned: boolean;
  /** Every shape considered, feasible or not, the recommended one first. */
  readonly options: readonly ComputeOption[];
  /** Set when `recommended` is managed-instances, else null. */
  readonly managedInstances: ManagedInstancesPlan | null;
  /** Set when `recommended` is durable-functions or a step-functions kind, else null. */
  readonly workflow: WorkflowPlan | null;
}

export interface MemoryOption {
  readonly memoryMb: number;
  readonly architecture: Architecture;
  readonly monthlyUsd: number;
  /** Estimated p99 duration of one invocation (one batch for pollers), in ms. */
  readonly p99Ms: number;
  readonly meetsLatency: boolean;
}

export interface CostLine {
  /** Stable key, e.g. `lambda-requests`, `lambda-compute`, `sqs-requests`. */
  readonly id: string;
  /** What a person reads, e.g. "Lambda compute (arm64, 1,024 MB)". */
  readonly item: string;
  readonly usd: number;
  /** How it was computed, in one line with the quantities and rates. */
  readonly detail: string;
  readonly references: readonly Source[];
}

export interface Bill {
  readonly currency: 'USD';
  readonly region: string;
  readonly pricesAsOf: string;
  readonly total: number;
  readonly lines: readonly CostLine[];
  readonly freeTierApplied: boolean;
  /** Lines this Region has no sourced price for (shown at $0): the total is then a lower bound. */
  readonly unpriced: readonly string[];
  /** Assumptions the bill rests on (cold-start share, batch fill, log volume…). */
  readonly assumptions: readonly string[];
  /** Share of invocations that start cold, as the bill prices them (0–1). */
  readonly coldStartShare?: number;
}

export interface Design {
  readonly schemaVersion: typeof DESIGN_SCHEMA_VERSION;
  readonly name: string;
  readonly region: string;
  /** The scenario's `runtime` as given (a family name or an identifier). */
  readonly runtime: string;
  /** The Lambda runtime identifier it stands for, e.g. nodejs24.x for "nodejs". */
  readonly runtimeIdentifier: string;
  readonly runtimeFamily: RuntimeFamily;
  /** The optimisation strategy the memory choice followed (AWS Lambda Power Tuning's meaning). */
  readonly optimizeFor: OptimizeFor;
  readonly source: EventSource;
  /** The shape the workload runs on, every shape priced side by side; the settings below are for `compute.recommended`. */
  readonly compute: ComputeDecision;
  readonly invocation: {
    readonly model: 'push' | 'poll';
    readonly type: 'RequestResponse' | 'Event';
    /** 'stream' | 'queue' for pollers; null for push sources. */
    readonly pollerKind: Extract<SourceKind, 'queue' | 'stream'> | null;
  };
  readonly memoryMb: number;
  readonly architecture: Architecture;
  readonly ephemeralStorageMb: number;
  /** Cheaper or faster alternatives considered, with their cost and latency. */
  readonly memoryOptions: readonly MemoryOption[];
  readonly timeoutSeconds: number;
  readonly estimatedP99Ms: number;
  readonly batching: null | {
    readonly batchSize: number;
    readonly maximumBatchingWindowSeconds: number;
    readonly reportBatchItemFailures: boolean;
    /** Expected records per invocation at average traffic. */
    readonly expectedRecordsPerBatch: number;
  };
  readonly concurrency: {
    /** Concurrency needed at peak by Little's law. */
    readonly neededAtPeak: number;
    readonly reserved: number | null;
    readonly provisioned: number | null;
    /** SQS event source mapping ScalingConfig.MaximumConcurrency. */
    readonly maximumConcurrency: number | null;
    /** Kinesis / DynamoDB Streams ParallelizationFactor. */
    readonly parallelizationFactor: number | null;
  };
  readonly errorHandling: {
    /** Async: MaximumRetryAttempts 0–2; streams: MaximumRetryAttempts; null where the caller or queue owns retries. */
    readonly retryAttempts: number | null;
    readonly maximumEventAgeSeconds: number | null;
    readonly maximumRecordAgeSeconds: number | null;
    readonly bisectBatchOnFunctionError: boolean | null;
    /** 'sqs' | 'sns' | 's3' | 'eventbridge' | 'lambda' destination type, or null. */
    readonly onFailureDestination: 'sqs' | 'sns' | 's3' | 'eventbridge' | 'lambda' | null;
    readonly queue: null | {
      readonly visibilityTimeoutSeconds: number;
      readonly maxReceiveCount: number;
      readonly deadLetterQueue: boolean;
    };
    readonly idempotency: 'powertools-idempotency' | 'request-id-dedupe' | 'caller-retries';
  };
  readonly vpc: {
    readonly attach: boolean;
    /** Private subnets, one per AZ. */
    readonly subnets: number;
    readonly natGateways: number;
    readonly gatewayEndpoints: readonly string[];
    readonly interfaceEndpoints: readonly string[];
    readonly ipv6Egress: boolean;
    readonly monthlyUsd: number;
  };
  readonly coldStart: {
    readonly strategy: 'none-needed' | 'tolerate' | 'provisioned-concurrency' | 'snapstart';
    readonly expectedInitMs: number;
  };
  /** How a new version reaches traffic: CodeDeploy shifts `aliasName` to it, rolled back by `alarms`. */
  readonly deployment: {
    readonly strategy: 'canary' | 'linear' | 'all-at-once';
    /** SAM DeploymentPreference.Type (CodeDeploy `CodeDeployDefault.Lambda<type>`); absent for all-at-once. */
    readonly type?: Exclude<DeploymentType, 'AllAtOnce'>;
    readonly alarms: readonly {
      readonly id: 'errors' | 'p99-duration';
      readonly metric: 'Errors' | 'Duration';
      readonly statistic: 'Sum' | 'p99';
      /** The alarm fires when the statistic is greater than this (a count, or ms for Duration). */
      readonly threshold: number;
      readonly periodSeconds: number;
      readonly evaluationPeriods: number;
      readonly description: string;
    }[];
    readonly aliasName: string;
  };
  readonly cost: Bill;
  /** Where the duration curve comes from: measured points (work.measurements at 2+ sizes) or the profile. */
  readonly model: ModelReport;
  readonly warnings: readonly Warning[];
  readonly rationale: Readonly<Record<DecisionId, Rationale>>;
}

/** What the engine needs to know about a design to price it: the knobs, not the reasons. */
export interface PricedConfig {
  readonly memoryMb: number;
  readonly architecture: Architecture;
  readonly ephemeralStorageMb: number;
  /** Records per invocation (1 for push sources). */
  readonly recordsPerInvocation: number;
  readonly provisionedConcurrency: number;
  /** Hours per month provisioned concurrency is kept on. */
  readonly provisionedHours: number;
  readonly vpc: Design['vpc'] | null;
  /** Billed duration of one invocation at this memory, in ms (from the performance model). */
  readonly averageInvocationMs: number;
  readonly initMs: number;
  /** SnapStart with its cache and restore charges (Python and .NET; Java's is free). */
  readonly snapStartCharged?: boolean;
  /** CloudWatch alarms the deployment adds for rollback (priced per alarm-month); absent: none. */
  readonly rollbackAlarms?: number;
}

export type { Scenario };
