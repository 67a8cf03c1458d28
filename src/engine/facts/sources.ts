/**
 * Every page a fact in this module comes from. A fact names one of these, so a URL is written once.
 *
 * `read` is the date the page's figure was read for this module. `verification` carries the research
 * notes' grading: 'aws' = read on an AWS page; 'secondary' = only in a secondary source (a price-list
 * transcription, a community benchmark): likely, but say so when quoting it.
 */
import { COMPUTE_SOURCES } from './compute.ts';

export interface Source {
  readonly title: string;
  readonly url: string;
  readonly read: string;
  readonly verification: 'aws' | 'secondary';
}

const READ = '2026-11-28';

function aws(title: string, url: string, read = READ): Source {
  return { title, url, read, verification: 'aws' };
}
function secondary(title: string, url: string, read = READ): Source {
  return { title, url, read, verification: 'secondary' };
}

export const SOURCES = {
  memory: aws('Lambda: configure function memory (resource model)', 'https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html'),
  quotas: aws('Lambda quotas', 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html'),
  limits: aws('Lambda quotas (limits)', 'https://docs.aws.amazon.com/lambda/latest/dg/limits.html'),
  graviton: aws(
    'AWS Lambda functions powered by AWS Graviton2 (up to 34% better price-performance)',
    'https://aws.amazon.com/blogs/aws/aws-lambda-functions-powered-by-aws-graviton2-processor-run-your-functions-on-arm-and-get-up-to-34-better-price-performance/',
  ),
  ephemeral: aws('Lambda API: EphemeralStorage', 'https://docs.aws.amazon.com/lambda/latest/dg/API_EphemeralStorage.html'),
  invoke: aws('Lambda API: Invoke', 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html'),
  asyncPayload: aws(
    'Serverless services now support payloads up to 1 MB',
    'https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb/',
  ),
  pricing: aws('AWS Lambda pricing', 'https://aws.amazon.com/lambda/pricing/'),
  pricingWhitepaper: aws('How AWS pricing works: AWS Lambda', 'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html'),
  priceList: secondary('AWS Price List API transcription, us-east-1 (query 2025-10-28)', 'https://cloudchipr.com/blog/aws-lambda-pricing'),
  priceListEuWest1: secondary(
    'AWS Price List files for eu-west-1 (Lambda, SQS, API Gateway, CloudWatch, SNS; published 2026-09-11 to 2026-10-01), public snapshot fetched 2026-10-02',
    'https://github.com/mamtha4u/SDLC/blob/45b7bae453281a7599bcbe863f7e547e2fd5e1ef/backend/config/pricing_eu-west-1.json',
  ),
  regionalLambdaPrices: secondary('Lambda duration prices by Region (artillery 2.0.28 prices.js, published 2026-03-10)', 'https://app.unpkg.com/artillery@2.0.28/files/lib/platform/aws-lambda/prices.js'),
  initBilling: aws('AWS Lambda standardizes billing for the INIT phase', 'https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase'),
  concurrency: aws('Lambda: configuring reserved concurrency', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html'),
  scaling: aws('Lambda scaling behavior', 'https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html'),
  provisioned: aws('Lambda: configuring provisioned concurrency', 'https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html'),
  sqsScaling: aws('Lambda: scaling behavior for SQS event source mappings', 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html'),
  sqsParameters: aws('Lambda: SQS event source mapping parameters', 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html'),
  sqsConfigure: aws('Lambda: configuring an SQS event source (visibility timeout)', 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html'),
  sqsWithLambda: aws('Using Lambda with Amazon SQS', 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html'),
  scalingConfig: aws('Lambda API: ScalingConfig (MaximumConcurrency)', 'https://docs.aws.amazon.com/lambda/latest/dg/API_ScalingConfig.html'),
  kinesisParameters: aws('Lambda: Kinesis event source mapping parameters', 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html'),
  ddbParameters: aws('Lambda: DynamoDB Streams event source mapping parameters', 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html'),
  kafkaScaling: aws('Lambda: Kafka event source scaling modes', 'https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html'),
  batchingWindow: aws(
    'Lambda API: MaximumBatchingWindowInSeconds',
    'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/lambda/aws.sdk.kotlin.services.lambda.model/-get-event-source-mapping-response/maximum-batching-window-in-seconds.html',
  ),
  esmSemantics: aws('Lambda event source mappings (at-least-once delivery)', 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html'),
  onFailure: aws(
    'CloudFormation: AWS::Lambda::EventInvokeConfig OnFailure',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-eventinvokeconfig-onfailure.html',
  ),
  esmOnFailure: aws(
    'CloudFormation: AWS::Lambda::EventSourceMapping OnFailure',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventsourcemapping-onfailure.html',
    '2026-12-01',
  ),
  eventInvokeConfig: aws('Lambda API: FunctionEventInvokeConfig', 'https://docs.aws.amazon.com/lambda/latest/api/API_FunctionEventInvokeConfig.html'),
  asyncRetain: aws('Lambda: retaining records of asynchronous invocations (destinations)', 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html'),
  recursion: aws('Lambda: recursive loop detection', 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html'),
  vpc: aws('Lambda: giving functions access to resources in a VPC', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html'),
  vpcConfig: aws('Lambda API: VpcConfig', 'https://docs.aws.amazon.com/lambda/latest/dg/API_VpcConfig.html'),
  hyperplane: aws(
    'Announcing improved VPC networking for AWS Lambda functions',
    'https://aws.amazon.com/blogs/compute/announcing-improved-vpc-networking-for-aws-lambda-functions/',
  ),
  ipv6: aws('AWS Lambda networking over IPv6', 'https://aws.amazon.com/blogs/compute/aws-lambda-networking-over-ipv6/'),
  vpcPricing: secondary('Amazon VPC pricing (NAT gateway), via price-list transcription', 'https://aws.amazon.com/vpc/pricing/'),
  privatelinkPricing: secondary('AWS PrivateLink pricing (interface endpoints), via price-list transcription', 'https://aws.amazon.com/privatelink/pricing/'),
  coldStarts: aws(
    'Understanding and remediating cold starts: an AWS Lambda perspective',
    'https://aws.amazon.com/blogs/compute/understanding-and-remediating-cold-starts-an-aws-lambda-perspective',
  ),
  coldStartBenchmarks: secondary('Lambda cold starts in 2026 (Eric Johnson, AWS) and lambda-benchmark', 'https://edjgeek.com/blog/lambda-cold-starts-dead'),
  snapstart: aws('Lambda SnapStart', 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html'),
  runtimes: aws('Lambda runtimes (supported and deprecated runtimes, deprecation and block dates)', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html'),
  regionsList: aws('AWS Management Console endpoints (the name and code of each AWS Region)', 'https://docs.aws.amazon.com/general/latest/gr/mgmt-console.html'),
  calculatorLambda: secondary(
    'AWS Pricing Calculator, Lambda metered unit map (per-Region requests, duration and storage rates), as transcribed in a public repository',
    'https://calculator.aws/pricing/2.0/meteredUnitMaps/lambda/USD/current/lambda.json',
  ),
  powerTuningPrices: secondary(
    'AWS Lambda Power Tuning: per-Region base prices (template.yml baseCosts; Regions that differ from the base price)',
    'https://github.com/alexcasalboni/aws-lambda-power-tuning/blob/262ecc2d6cf99401e02a25ce7e81b2ad4880f10f/template.yml',
  ),
  powerTuningStrategies: secondary(
    'AWS Lambda Power Tuning: optimisation strategies cost, speed and balanced (balancedWeight)',
    'https://github.com/alexcasalboni/aws-lambda-power-tuning/blob/262ecc2d6cf99401e02a25ce7e81b2ad4880f10f/lambda/analyzer.js',
  ),
  snapstartPricing: secondary('Lambda SnapStart pricing for Python and .NET (cache and restore), via price-list transcription', 'https://aws.amazon.com/lambda/pricing/'),
  dataTransferPricing: secondary('Data transfer out to the internet (EC2 on-demand pricing; 100 GB a month free)', 'https://aws.amazon.com/ec2/pricing/on-demand/'),
  lambdaServices: aws('Invoking Lambda with events from other AWS services', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html'),
  apiGatewayTimeout: secondary(
    'API Gateway integration timeout beyond 29 s (re:Post)',
    'https://repost.aws/questions/QUlDTc_17EQ_mOJAhR3LHNDw/what-the-maximum-default-timeout-for-api-gateway-can-be-increased-to-after-applying-for-a-service-quotas-limit-increase',
  ),
  apiGatewayPricing: secondary('Amazon API Gateway pricing', 'https://aws.amazon.com/api-gateway/pricing/'),
  sqsPricing: secondary('Amazon SQS pricing', 'https://aws.amazon.com/sqs/pricing/'),
  snsPricing: secondary('Amazon SNS pricing', 'https://aws.amazon.com/sns/pricing/'),
  eventBridgePricing: secondary('Amazon EventBridge pricing', 'https://aws.amazon.com/eventbridge/pricing/'),
  kinesisPricing: secondary('Amazon Kinesis Data Streams pricing', 'https://aws.amazon.com/kinesis/data-streams/pricing/'),
  ddbStreamsCost: aws(
    'DynamoDB Streams usage and cost',
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CostOptimization_StreamsUsage.html',
  ),
  logsPricing: secondary('Lambda logs tiered pricing (Duckbill Group)', 'https://www.duckbillgroup.com/?p=9080'),
  cloudwatchPricing: secondary('Amazon CloudWatch pricing', 'https://aws.amazon.com/cloudwatch/pricing/'),
  powertoolsIdempotency: aws(
    'Powertools for AWS Lambda (TypeScript): Idempotency',
    'https://docs.powertools.aws.dev/lambda/typescript/latest/features/idempotency/',
  ),
  batchItemFailures: aws(
    'Lambda: reporting batch item failures for SQS',
    'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html',
  ),
  sqsQuotas: aws('Amazon SQS visibility timeout', 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html'),
  article2019: secondary(
    'Ask the Expert: 13 AWS Lambda design considerations (Rehan van der Merwe, 2019)',
    'https://www.jeffersonfrank.com/insights/aws-lambda-design-considerations/',
  ),
  logRetention: aws(
    'CloudWatch Logs API: PutRetentionPolicy (allowed retention values)',
    'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html',
  ),
  cloudwatchAlarms: aws(
    'Using Amazon CloudWatch alarms (period: 10, 20, 30 s or a multiple of 60 s)',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
  ),
  kafkaRetry: aws(
    'Lambda: error handling controls for Kafka event sources (provisioned mode)',
    'https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html',
  ),
  apiGatewayStreaming: aws(
    'API Gateway: response transfer mode (REST response streaming)',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html',
  ),
  createFunction: aws('Lambda API: CreateFunction (Timeout 1–900 s)', 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html'),
  httpApiQuotas: aws('API Gateway: quotas for HTTP APIs (maximum integration timeout)', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html'),
  albAttributes: aws(
    'Application Load Balancer attributes (connection idle timeout)',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html',
  ),
  sqsQueueCfn: aws('CloudFormation: AWS::SQS::Queue (VisibilityTimeout default)', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html'),
  templateFormat: aws(
    'CloudFormation template format (JSON or YAML; do not use duplicate sections: undefined behaviour)',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
    '2026-12-01',
  ),
  gatewayEndpoints: aws('Amazon VPC: gateway endpoints for S3 and DynamoDB (no charge)', 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html'),
  samDeploymentPreference: aws(
    'AWS SAM: DeploymentPreference (Type: Canary10Percent5Minutes … Linear10PercentEvery10Minutes, AllAtOnce; Alarms; Hooks)',
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deploymentpreference.html',
  ),
  samGradualDeployments: aws(
    'AWS SAM: deploying serverless applications gradually (AutoPublishAlias, CodeDeploy, rollback alarms)',
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html',
  ),
  codeDeployConfigs: aws(
    'CodeDeploy: deployment configurations on an AWS Lambda compute platform (CodeDeployDefault.Lambda…)',
    'https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html',
  ),
  appSpecStructure: aws('CodeDeploy: AppSpec file structure (version "0.0", given as a string)', 'https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure.html', '2026-12-01'),
  codeDeployPricing: aws('AWS CodeDeploy pricing (no additional charge for deployments to AWS Lambda)', 'https://aws.amazon.com/codedeploy/pricing/'),
  lambdaVersions: aws('Lambda: managing function versions (a published version is immutable)', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html'),
  aliasRouting: aws('Lambda: weighted aliases (routing configuration)', 'https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html'),
  // Event source limits (the source catalogue, src/engine/sources/).
  esmBatchSize: aws(
    'Lambda API: CreateEventSourceMapping BatchSize (defaults and maxima per source, Kafka included)',
    'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/lambda/aws.sdk.kotlin.services.lambda.model/-create-event-source-mapping-request/batch-size.html',
    '2026-12-01',
  ),
  albLambda: aws(
    'Use Lambda functions as targets of an Application Load Balancer (1 MB request body and response)',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html',
    '2026-12-01',
  ),
  apiGatewayQuotas: aws('Amazon API Gateway quotas (account throttle per Region)', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html', '2026-12-01'),
  responseStreaming: aws('Lambda: response streaming (up to 200 MB)', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html', '2026-12-01'),
  snsLargeMessages: aws(
    'Amazon SNS: publishing large messages (MaximumMessageSize, 256 KiB by default, up to 1 MiB)',
    'https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html',
    '2026-12-01',
  ),
  kinesisQuotas: aws('Amazon Kinesis Data Streams quotas and limits (per-shard throughput)', 'https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html', '2026-12-01'),
  ddbStreams: aws('DynamoDB Streams: change data capture (24 h retention, readers per shard)', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html', '2026-12-01'),
  // The compute shapes' scaffolding (issue 11).
  lmiOperatorRole: aws('Lambda: operator role for Lambda Managed Instances (AWSLambdaManagedEC2ResourceOperator, trust lambda.amazonaws.com)', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-operator-role.html', '2026-12-01'),
  samCapacityProvider: aws('AWS SAM: AWS::Serverless::CapacityProvider (VpcConfig, OperatorRole, InstanceRequirements, ScalingConfig)', 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-capacityprovider.html', '2026-12-01'),
  samCapacityProviderConfig: aws('AWS SAM: function CapacityProviderConfig (Arn, ExecutionEnvironmentMemoryGiBPerVCpu, PerExecutionEnvironmentMaxConcurrency)', 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-capacityproviderconfig.html', '2026-12-01'),
  samDurableConfig: aws('AWS SAM: function DurableConfig (ExecutionTimeout, RetentionPeriodInDays)', 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-durableconfig.html', '2026-12-01'),
  durableSecurity: aws('Lambda: security and permissions for durable functions (CheckpointDurableExecution, GetDurableExecutionState on function:NAME:*)', 'https://docs.aws.amazon.com/lambda/latest/dg/durable-security.html', '2026-12-01'),
  durableManagedPolicy: aws('AWS managed policy AWSLambdaBasicDurableExecutionRolePolicy', 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicDurableExecutionRolePolicy.html', '2026-12-01'),
  sfnLambda: aws('Step Functions: invoke a Lambda function (arn:aws:states:::lambda:invoke)', 'https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html', '2026-12-01'),
  sfnLambdaServiceException: aws('Step Functions best practice: handle Lambda service exceptions (Retry with backoff)', 'https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html', '2026-12-01'),
  sfnLogs: aws('Step Functions: logging to CloudWatch Logs (IAM policies for log delivery)', 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html', '2026-12-01'),
  // Measurement formats read by `lambda-advisor calibrate` (issue 14).
  reportLine: aws('Lambda: log and monitor functions (the START / END / REPORT lines, example log format)', 'https://docs.aws.amazon.com/lambda/latest/dg/ruby-logging.html', '2026-12-01'),
  telemetrySchema: aws('Lambda Telemetry API: Event schema reference (platform.report metrics)', 'https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html', '2026-12-01'),
  logsInsightsFields: aws(
    'CloudWatch Logs Insights: supported logs and discovered fields (Lambda: @duration, @billedDuration, @memorySize, @maxMemoryUsed, @initDuration)',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html',
    '2026-12-01',
  ),
  // Provisioned mode of event source mappings (issue 9: SQS and Kafka event pollers).
  esmProvisionedMode: aws(
    'Lambda: event source mappings, provisioned mode (what one event poller carries per source type)',
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html#invocation-eventsourcemapping-provisioned-mode',
    '2026-12-01',
  ),
  provisionedPollerConfig: aws(
    'Lambda API: ProvisionedPollerConfig (MinimumPollers, MaximumPollers per source)',
    'https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html',
    '2026-12-01',
  ),
  provisionedPollerConfigCfn: aws(
    'CloudFormation: AWS::Lambda::EventSourceMapping ProvisionedPollerConfig (MaximumPollers 1–2,000 in the resource schema)',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventsourcemapping-provisionedpollerconfig.html',
    '2026-12-01',
  ),
  sqsProvisionedLaunch: aws(
    'AWS Lambda enhances event processing with provisioned mode for SQS event source mapping (3x faster scaling, up to 20,000 concurrency)',
    'https://aws.amazon.com/blogs/aws/aws-lambda-enhances-sqs-processing-with-new-provisioned-mode-3x-faster-scaling-16x-higher-capacity',
    '2026-12-01',
  ),
  kafkaOnFailure: aws(
    'Lambda: capturing discarded batches for Amazon MSK and self-managed Kafka (SQS, SNS, S3 or a Kafka topic)',
    'https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html',
    '2026-12-01',
  ),
  kafkaOnFailureTopic: aws('Lambda: using a Kafka topic as an on-failure destination', 'https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html', '2026-12-01'),
  epuPriceList: secondary(
    'AWS Price List API transcription, us-east-1 (query 2025-10-28): Lambda event poller unit (EPU) hours, listed for Kafka provisioned mode',
    'https://cloudchipr.com/blog/aws-lambda-pricing',
    '2026-12-01',
  ),
  powerTuning: secondary('AWS Lambda Power Tuning: output and visualization URL (lambda/utils.js buildVisualizationURL)', 'https://github.com/alexcasalboni/aws-lambda-power-tuning', '2026-12-01'),
  // Managed Instances, durable functions, Step Functions (issue 11): the pages are listed in facts/compute.ts.
  ...COMPUTE_SOURCES,
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
