/**
 * The shapes a Lambda workload can run on besides a classic on-demand function (issue 11): Lambda
 * Managed Instances, durable functions, Step Functions Standard and Express, and the direct
 * integrations that need no function at all. Their limits and prices, each with its source; the pages
 * are in COMPUTE_SOURCES (spread into SOURCES, so a fact names them like any other).
 *
 * Prices are us-east-1 only: no source read for this module gives another Region's EC2, durable
 * operation or Step Functions rates, so a bill elsewhere says the shape is unpriced (null), never a guess.
 */
import { fact } from './limits.ts';
import type { Source } from './sources.ts';

const READ = '2026-12-01';
const aws = (title: string, url: string): Source => ({ title, url, read: READ, verification: 'aws' });
const secondary = (title: string, url: string): Source => ({ title, url, read: READ, verification: 'secondary' });

export const COMPUTE_SOURCES = {
  lmiScaling: aws('Lambda Managed Instances: scaling (three instances by default, asynchronous scaling, traffic that more than doubles within 5 minutes can be throttled)', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html'),
  lmiCapacityProviders: aws('Lambda Managed Instances: capacity providers (VPC subnets and security groups, operator role, instance requirements)', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html'),
  lmiConfig: aws('Lambda API: LambdaManagedInstancesCapacityProviderConfig (ExecutionEnvironmentMemoryGiBPerVCpu 2–8, PerExecutionEnvironmentMaxConcurrency 1–1,600)', 'https://docs.aws.amazon.com/lambda/latest/api/API_LambdaManagedInstancesCapacityProviderConfig.html'),
  lmiQuotas: aws('Lambda Managed Instances quotas (separate from the Lambda default quotas: capacity providers, function versions per provider)', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-quotas.html'),
  lmiRuntimes: aws('Lambda Managed Instances runtimes (Java 21+, Python 3.13+, Node.js 22+, .NET 8+; each runtime\'s multi-concurrency model)', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-runtimes.html'),
  lmiTimeout: aws('Lambda: configure the function timeout (5,400 s on Managed Instances for asynchronous and event source mapping invocations, except Amazon MQ and DocumentDB)', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html'),
  lmiPricing: secondary('AWS Lambda pricing, Managed Instances: $0.20 per million requests and a 15% management fee on the EC2 on-demand price (transcribed from aws.amazon.com/lambda/pricing on 2026-09-20)', 'https://raw.githubusercontent.com/api-evangelist/aws-lambda/refs/heads/main/plans/aws-lambda-plans-pricing.yml'),
  lmiCalculator: secondary('aws-samples LMI pricing calculator: us-east-1 EC2 on-demand prices of c7g/m7g/r7g xlarge–4xlarge and its packing assumptions (1 vCPU and 1 GiB per instance kept for the OS)', 'https://github.com/aws-samples/sample-aws-lambda-managed-instances/blob/be01a7c19ead9df48138d1bf946779a7e1b1de76/tools/pricing-calculator/web/src/utils/calculator.js'),
  durableInvoking: aws('Invoking Lambda durable functions (synchronous invocations limited to 15 minutes; asynchronous up to 1 year)', 'https://docs.aws.amazon.com/lambda/latest/dg/durable-invoking.html'),
  durableEsm: aws('Event source mappings with durable functions (invoked synchronously: the whole execution within the function timeout)', 'https://docs.aws.amazon.com/lambda/latest/dg/durable-invoking-esm.html'),
  durableConfig: aws('AWS SAM: DurableConfig (ExecutionTimeout up to 31,622,400 s, RetentionPeriodInDays 1–90, default 14)', 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-durableconfig.html'),
  durablePricing: secondary('AWS Lambda pricing, durable functions: $8.00 per million durable operations (pricing-page example rate, transcribed 2026-09-20)', 'https://raw.githubusercontent.com/api-evangelist/aws-lambda/refs/heads/main/plans/aws-lambda-plans-pricing.yml'),
  durableSdk: aws('Lambda durable functions: the durable execution SDK (steps, waits, callbacks; TypeScript and Python)', 'https://docs.aws.amazon.com/lambda/latest/dg/durable-execution-sdk.html'),
  sfnPricing: aws('AWS Step Functions pricing (Standard: $0.025 per 1,000 state transitions, 4,000 free a month; Express: per request and duration, 100 ms, 64 MB)', 'https://aws.amazon.com/step-functions/pricing/'),
  sfnExpressRates: secondary('AWS Step Functions workshop: Express at $0.000001 per request and $0.0000001042 per 100 ms at 64 MB (= $0.00001667 per GB-s)', 'https://github.com/aws-samples/the-aws-step-functions-workshop/blob/main/content/module-13/step-5/index.en.md'),
  sfnCostBlog: aws('Building cost-effective AWS Step Functions workflows (Express: $1.00 per million, at most 5 minutes)', 'https://aws.amazon.com/blogs/compute/building-cost-effective-aws-step-functions-workflows/'),
  sfnGuarantees: aws('Step Functions: Standard and Express execution guarantees (exactly-once; at-least-once asynchronous Express; at-most-once synchronous Express)', 'https://docs.aws.amazon.com/step-functions/latest/dg/express-at-least-once-execution.html'),
  pipesPricing: secondary('Amazon EventBridge pricing guide (Pipes: $0.40 per million requests after filtering, 64 KB chunks; us-east-1, March 2026)', 'https://cloudburn.io/blog/amazon-eventbridge-pricing'),
  sfnQuotas: aws('Step Functions service quotas (a Standard execution runs up to one year)', 'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html'),
} as const satisfies Record<string, Source>;

/** An EC2 instance type Managed Instances can use, with its us-east-1 Linux on-demand price. */
export interface InstanceType {
  readonly name: string;
  readonly family: 'c7g' | 'm7g' | 'r7g';
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** GiB per vCPU: 2 (compute), 4 (general purpose), 8 (memory optimised). */
  readonly gibPerVcpu: 2 | 4 | 8;
  readonly usdPerHour: number;
}

const it = (name: string, family: InstanceType['family'], vcpus: number, gibPerVcpu: 2 | 4 | 8, usdPerHour: number): InstanceType => ({
  name,
  family,
  vcpus,
  memoryGiB: vcpus * gibPerVcpu,
  gibPerVcpu,
  usdPerHour,
});

/** Lambda Managed Instances (functions on EC2 capacity that Lambda manages). */
export const MANAGED_INSTANCES = {
  /** Instances a capacity provider launches by default, for Availability Zone resilience. */
  defaultMinimumInstances: fact(3, 'lmiScaling'),
  /** Traffic that grows by more than this factor within `scalingWindowMinutes` may be throttled while Lambda scales. */
  burstFactor: fact(2, 'lmiScaling', 'Managed Instances scale asynchronously on CPU use and multi-concurrency saturation, not when a request arrives.'),
  scalingWindowMinutes: fact(5, 'lmiScaling'),
  /** The smallest execution environment: 2 GiB and 1 vCPU. */
  minEnvironmentMemoryMb: fact(2_048, 'lmiScaling'),
  minEnvironmentVcpus: fact(1, 'lmiScaling'),
  /** Per-vCPU concurrency a function can be raised to. */
  maxConcurrencyPerVcpu: fact(64, 'lmiScaling'),
  memoryGiBPerVcpuMin: fact(2, 'lmiConfig'),
  memoryGiBPerVcpuMax: fact(8, 'lmiConfig'),
  perEnvironmentMaxConcurrencyMax: fact(1_600, 'lmiConfig'),
  /** Asynchronous and event source mapping invocations (not Amazon MQ or DocumentDB) may run this long. */
  asyncTimeoutMaxSeconds: fact(5_400, 'lmiTimeout', 'The 2019 article\'s 15-minute ceiling still holds for classic functions; Managed Instances allow 90 minutes for asynchronous and event-source work.'),
  requestsPerMillion: fact(0.2, 'lmiPricing'),
  /** Management fee, a share of the EC2 on-demand price of the instances. */
  managementFeeShare: fact(0.15, 'lmiPricing', 'Charged on the on-demand price even when Savings Plans or Reserved Instances discount the instances.'),
  /** Kept on every instance for the OS and the Lambda agent (the aws-samples calculator's packing assumption). */
  reservedVcpusPerInstance: fact(1, 'lmiCalculator'),
  reservedMemoryGiBPerInstance: fact(1, 'lmiCalculator'),
  /** Default per-vCPU concurrency by runtime family (the aws-samples calculator's runtime limits). */
  concurrencyPerVcpuByFamily: fact({ nodejs: 64, java: 32, dotnet: 32, python: 16 } as Readonly<Record<string, number>>, 'lmiCalculator'),
  /** The oldest version of each runtime family that runs on Managed Instances ([major, minor]); other families do not. */
  minimumRuntime: fact({ java: [21, 0], python: [3, 13], nodejs: [22, 0], dotnet: [8, 0] } as Readonly<Record<string, readonly [number, number]>>, 'lmiRuntimes'),
  /** Only us-east-1 EC2 prices have a source here (Graviton c7g/m7g/r7g). */
  pricedRegion: fact('us-east-1', 'lmiCalculator'),
  instanceTypes: fact(
    [
      it('c7g.xlarge', 'c7g', 4, 2, 0.145),
      it('c7g.2xlarge', 'c7g', 8, 2, 0.29),
      it('c7g.4xlarge', 'c7g', 16, 2, 0.58),
      it('m7g.xlarge', 'm7g', 4, 4, 0.1632),
      it('m7g.2xlarge', 'm7g', 8, 4, 0.3264),
      it('m7g.4xlarge', 'm7g', 16, 4, 0.6528),
      it('r7g.xlarge', 'r7g', 4, 8, 0.214),
      it('r7g.2xlarge', 'r7g', 8, 8, 0.428),
      it('r7g.4xlarge', 'r7g', 16, 8, 0.857),
    ] as readonly InstanceType[],
    'lmiCalculator',
    'us-east-1 Linux on-demand, per hour, as the aws-samples calculator lists them (a secondary transcription of the EC2 pricing page).',
  ),
} as const;

/** Lambda durable functions (checkpointed workflows written as code). */
export const DURABLE_FUNCTIONS = {
  /** DurableConfig.ExecutionTimeout maximum: one 366-day year. */
  executionTimeoutMaxSeconds: fact(31_622_400, 'durableConfig'),
  /** A synchronous (or event source mapping) invocation waits for the whole execution: 15 minutes at most. */
  syncExecutionMaxSeconds: fact(900, 'durableInvoking'),
  retentionDefaultDays: fact(14, 'durableConfig'),
  retentionMinDays: fact(1, 'durableConfig'),
  retentionMaxDays: fact(90, 'durableConfig'),
  operationsPerMillion: fact(8, 'durablePricing', 'Steps, waits and callbacks are durable operations; storage of their data is not priced here (no source read).'),
  /** Runtime families with a generally available durable execution SDK. */
  sdkFamilies: fact(['nodejs', 'python'] as readonly string[], 'durableSdk'),
  pricedRegion: fact('us-east-1', 'durablePricing'),
} as const;

/** AWS Step Functions workflows with the function as a task. */
export const STEP_FUNCTIONS = {
  standardMaxSeconds: fact(31_536_000, 'sfnQuotas', 'One year.'),
  expressMaxSeconds: fact(300, 'sfnCostBlog'),
  standardPerThousandTransitions: fact(0.025, 'sfnPricing', 'The 2019 article said "Step functions are expensive": true of Standard at high volume; Express is priced per request and duration.'),
  standardFreeTransitions: fact(4_000, 'sfnPricing', 'Every month, without expiry.'),
  expressPerMillionRequests: fact(1.0, 'sfnCostBlog'),
  /** First-tier Express duration rate per GB-second (billed in 64 MB chunks and 100 ms steps). */
  expressPerGbSecond: fact(0.00001667, 'sfnExpressRates', 'First tier; larger volumes pay less, so very large volumes are overstated.'),
  expressChunkMb: fact(64, 'sfnPricing'),
  expressRoundingMs: fact(100, 'sfnPricing'),
  pricedRegion: fact('us-east-1', 'sfnPricing'),
} as const;

/** What replaces the function when it only forwards a request to one AWS service call (work.logic "forward-only"). */
export const DIRECT_INTEGRATIONS = {
  pipesPerMillion: fact(0.4, 'pipesPricing', 'Per request after filtering; every 64 KB of a payload counts as one request.'),
  pipesChunkKb: fact(64, 'pipesPricing'),
  pricedRegion: fact('us-east-1', 'pipesPricing'),
} as const;
