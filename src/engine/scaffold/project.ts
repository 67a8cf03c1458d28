/** The project files around the handler: package.json, tsconfig, README, .gitignore. */
import type { Plan } from './plan.ts';
import { DURABLE_SDK } from './handler-durable.ts';
import { MANAGED_INSTANCES } from '../facts/compute.ts';
import type { ScaffoldFile } from './types.ts';

/** The versions the scaffold is checked against in this repository's own tests. */
const VERSIONS = {
  powertools: '^2.35.0',
  awsLambdaTypes: '^8.10.164',
  awsSdk: '^3.1169.0',
  typescript: '~5.9',
  tsx: '^4.23.15',
  nodeTypes: '^20.19.43',
  esbuild: '^0.28.2',
  awsCdkLib: '^2.276.0',
  constructs: '^10.8.1',
  awsCdk: '^2.1148.1',
  durableSdk: '^2.4.0',
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function packageJson(plan: Plan): ScaffoldFile {
  const ts = plan.options.language === 'typescript';
  const cdk = plan.options.iac === 'cdk';
  const dependencies: Record<string, string> = {};
  const devDependencies: Record<string, string> = {};
  if (ts && plan.compute === 'durable-functions') {
    // The durable workflow's handler uses the durable execution SDK only.
    dependencies[DURABLE_SDK.typescript] = VERSIONS.durableSdk;
    devDependencies['@types/aws-lambda'] = VERSIONS.awsLambdaTypes;
    devDependencies.esbuild = VERSIONS.esbuild;
  } else if (ts) {
    for (const p of ['logger', 'tracer', 'metrics', 'parameters']) dependencies[`@aws-lambda-powertools/${p}`] = VERSIONS.powertools;
    dependencies['@aws-sdk/client-ssm'] = VERSIONS.awsSdk;
    if (plan.batch !== null) dependencies['@aws-lambda-powertools/batch'] = VERSIONS.powertools;
    if (plan.idempotent) {
      dependencies['@aws-lambda-powertools/idempotency'] = VERSIONS.powertools;
      dependencies['@aws-sdk/client-dynamodb'] = VERSIONS.awsSdk;
      dependencies['@aws-sdk/lib-dynamodb'] = VERSIONS.awsSdk;
    }
    if (plan.family === 'http') dependencies['@aws-lambda-powertools/event-handler'] = VERSIONS.powertools;
    devDependencies['@types/aws-lambda'] = VERSIONS.awsLambdaTypes;
    devDependencies.esbuild = VERSIONS.esbuild;
  }
  devDependencies['@types/node'] = VERSIONS.nodeTypes;
  devDependencies.typescript = VERSIONS.typescript;
  devDependencies.tsx = VERSIONS.tsx;
  if (cdk) {
    devDependencies['aws-cdk-lib'] = VERSIONS.awsCdkLib;
    devDependencies.constructs = VERSIONS.constructs;
    devDependencies['aws-cdk'] = VERSIONS.awsCdk;
  }
  const scripts: Record<string, string> = { typecheck: 'tsc --noEmit' };
  if (ts) {
    scripts.test = 'node --import tsx --test test/handler.test.ts';
    if (plan.options.iac === 'terraform') {
      scripts.build = 'esbuild src/handler.ts --bundle --platform=node --format=esm --target=es2022 --outfile=dist/handler.mjs';
    }
  }
  if (cdk) {
    scripts.synth = 'cdk synth';
    scripts.deploy = 'cdk deploy';
  }
  const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return {
    path: 'package.json',
    role: 'config',
    contents: json({
      name: plan.slug,
      version: '0.1.0',
      private: true,
      description: `${plan.displayName} (${plan.source}), scaffolded by Lambda Design Advisor`,
      type: 'module',
      scripts,
      dependencies: sorted(dependencies),
      devDependencies: sorted(devDependencies),
    }),
  };
}

export function tsconfig(plan: Plan): ScaffoldFile {
  const include: string[] = [];
  if (plan.options.language === 'typescript') include.push('src/**/*.ts', 'test/**/*.ts');
  if (plan.options.iac === 'cdk') include.push('bin/**/*.ts', 'lib/**/*.ts');
  return {
    path: 'tsconfig.json',
    role: 'config',
    contents: json({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022'],
        types: ['node'],
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        esModuleInterop: true,
        allowImportingTsExtensions: true,
        noEmit: true,
      },
      include,
    }),
  };
}

/** What the README says about the compute shape (issue 11): what was built, and what was not. */
function shapeLines(plan: Plan): string[] {
  const m = plan.managedInstances;
  const w = plan.workflow;
  switch (plan.compute) {
    case 'managed-instances':
      return m === null
        ? []
        : [
            '## Compute: Lambda Managed Instances',
            '',
            `The function runs on ${m.instanceType} instances (${m.instanceVCpus} vCPU, ${m.instanceMemoryGiB} GiB) that Lambda launches in your VPC through the capacity provider: ${m.memoryGiBPerVCpu} GiB per vCPU, up to ${m.perEnvironmentMaxConcurrency} requests at once in each execution environment, ${m.instancesAtAverage} instances at average load and ${m.instancesAtPeak} at peak, at most ${m.maxVCpuCount} vCPUs.`,
            `Give the template private subnets in ${MANAGED_INSTANCES.defaultMinimumInstances.value} Availability Zones (SubnetIds: Lambda spreads its ${MANAGED_INSTANCES.defaultMinimumInstances.value} default instances across them) and their VPC (VpcId); the instances need a route to the AWS APIs the function calls (NAT or VPC endpoints). The operator role has only the AWS managed policy AWSLambdaManagedEC2ResourceOperator.`,
            'No provisioned concurrency and no SnapStart on this function: the instances are already running. Requests run concurrently in one environment, so keep module-level state safe to share. Capacity is added on CPU load, not instantly: traffic that more than doubles within minutes can be throttled while instances start.',
            '',
          ];
    case 'durable-functions':
      return w === null
        ? []
        : [
            '## Compute: Lambda durable functions',
            '',
            `The handler is a durable workflow (durable execution SDK) of ${w.steps} checkpointed step(s): the whole execution may last ${w.executionTimeoutSeconds} s (DurableConfig.ExecutionTimeout), each invocation at most the function's timeout, and its history is kept ${w.retentionDays ?? 0} days after it closes.`,
            "A step's result is checkpointed, so a replay skips finished steps; a step that fails before its checkpoint runs again, so every side effect takes the step's idempotency key. The role has the checkpoint permissions (lambda:CheckpointDurableExecution, lambda:GetDurableExecutionState).",
            '',
          ];
    case 'step-functions-standard':
    case 'step-functions-express':
      return w === null
        ? []
        : [
            `## Compute: Step Functions (${plan.compute === 'step-functions-express' ? 'Express' : 'Standard'})`,
            '',
            `A state machine runs the function as ${w.steps} task(s) (arn:aws:states:::lambda:invoke on the function's alias), retrying Lambda's service errors and throttles with backoff and catching any other error into a Fail state; the whole execution times out after ${w.executionTimeoutSeconds} s. Its role may invoke only that alias${plan.compute === 'step-functions-express' ? ', and it logs failed executions to CloudWatch Logs (an Express execution has no other history)' : ''}.`,
            `Not scaffolded: starting executions from the ${plan.design.source} source. Start them with \`aws stepfunctions start-execution\` (the StateMachineArn output), or connect the source with EventBridge Pipes or an EventBridge Scheduler schedule.`,
            '',
          ];
    default:
      return [];
  }
}

export function readme(plan: Plan, files: readonly string[]): ScaffoldFile {
  const d = plan.design;
  const r = d.rationale;
  const lines = [
    `# ${plan.displayName}`,
    '',
    `A ${plan.design.source} ${plan.compute === 'on-demand' ? 'function' : `${plan.compute} project`} scaffolded by Lambda Design Advisor (${plan.options.iac}, ${plan.options.language}).`,
    '',
    '## The design',
    '',
    `| Decision | Value | Why |`,
    `| --- | --- | --- |`,
    ...(Object.entries(r) as Array<[string, { summary: string; why: string }]>).map(
      ([id, x]) => `| ${id} | ${x.summary.replace(/\|/g, '\\|')} | ${x.why.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
    ),
    '',
    ...shapeLines(plan),
    plan.managedInstances !== null
      ? `Memory ${plan.managedInstances.environmentMemoryMb} MB per execution environment on ${d.architecture}, timeout ${d.timeoutSeconds} s, runtime ${plan.runtime}.`
      : `Memory ${d.memoryMb} MB on ${d.architecture}, timeout ${d.timeoutSeconds} s, runtime ${plan.runtime}.`,
    plan.idempotent ? 'Delivery is at-least-once, so the handler is idempotent (Powertools idempotency, DynamoDB table with TTL).' : '',
    `The handler stops taking new work when less than ${plan.stopMarginMs} ms remain, so that unfinished work is retried instead of cut off.`,
    d.coldStart.strategy === 'snapstart' && !plan.snapStart
      ? `The design asks for SnapStart, which ${plan.runtime} does not support; it is left out. Consider provisioned concurrency.`
      : '',
    '',
    '## Settings and secrets',
    '',
    'Put settings and secrets in an SSM SecureString holding JSON; the function gets only its name:',
    '',
    '```sh',
    `aws ssm put-parameter --type SecureString --name /${plan.slug}/settings --value '{}'`,
    '```',
    '',
    '## Try it',
    '',
    '```sh',
    ...(plan.options.language === 'typescript' ? ['npm install', 'npm test'] : ['pip install -r requirements-dev.txt', 'python -m pytest']),
    ...(plan.options.iac === 'sam' ? ['sam build', 'sam local invoke Function -e events/event.json', 'sam deploy --guided'] : []),
    ...(plan.options.iac === 'cdk' ? ['npx cdk synth', 'npx cdk deploy'] : []),
    ...(plan.options.iac === 'terraform'
      ? [...(plan.options.language === 'typescript' ? ['npm run build'] : []), 'terraform init', 'terraform plan']
      : []),
    '```',
    '',
    '## Files',
    '',
    ...files.map((f) => `- \`${f}\``),
    '',
  ];
  return { path: 'README.md', role: 'readme', contents: lines.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n') };
}

export function gitignore(): ScaffoldFile {
  return { path: '.gitignore', role: 'config', contents: ['node_modules/', 'dist/', '.aws-sam/', 'cdk.out/', '.terraform/', '*.tfstate*', '__pycache__/', ''].join('\n') };
}
