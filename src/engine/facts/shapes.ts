/**
 * What the scaffold writes for the compute shapes of issue 11 (Managed Instances, durable functions,
 * Step Functions): IAM actions, managed policies and the retry policy AWS recommends, each with its
 * source. (Prices and limits of the shapes live with the compute decision's facts.)
 */
import type { Fact } from './limits.ts';

export const SHAPES = {
  /** The AWS managed policy holding the minimum permissions of a capacity provider's operator role. */
  lmiOperatorPolicy: { value: 'AWSLambdaManagedEC2ResourceOperator', source: 'lmiOperatorRole' },
  /** The service that assumes the operator role. */
  lmiOperatorPrincipal: { value: 'lambda.amazonaws.com', source: 'lmiOperatorRole' },
  /** The execution role's minimum permissions for a durable function, on the function's versions (`function:NAME:*`). */
  durableActions: { value: ['lambda:CheckpointDurableExecution', 'lambda:GetDurableExecutionState'], source: 'durableSecurity' },
  /** The managed policy SAM attaches instead of AWSLambdaBasicExecutionRole when a function has DurableConfig. */
  durableManagedPolicy: { value: 'service-role/AWSLambdaBasicDurableExecutionRolePolicy', source: 'durableManagedPolicy' },
  /** The optimised Lambda integration of a Task state. */
  sfnLambdaInvoke: { value: 'arn:aws:states:::lambda:invoke', source: 'sfnLambda' },
  /** AWS's best practice: retry Lambda's transient service errors (and throttles) with backoff. */
  sfnLambdaRetry: {
    value: {
      errors: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
      intervalSeconds: 2,
      maxAttempts: 6,
      backoffRate: 2,
    },
    source: 'sfnLambdaServiceException',
  },
  /** What a state machine's role needs to deliver its logs to CloudWatch Logs (these actions take no resource ARN). */
  sfnLogDeliveryActions: {
    value: [
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ],
    source: 'sfnLogs',
  },
} as const satisfies Record<string, Fact<unknown>>;
