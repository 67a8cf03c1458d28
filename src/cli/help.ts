/** Help texts: `lambda-advisor --help` and `lambda-advisor <command> --help`. */

export const MAIN_HELP = `lambda-advisor: sourced AWS Lambda designs and monthly costs from a workload scenario

Usage:
  lambda-advisor recommend <scenario.json | ->  [--json]
  lambda-advisor cost <scenario.json | ->       [--json]
  lambda-advisor cost --requests N --duration-ms D --memory M [options]   [--json]
  lambda-advisor lint <template.yaml ...>        [--json]
  lambda-advisor scaffold <scenario.json | -> --out DIR [--iac sam|cdk|terraform]
                          [--language typescript|python] [--force]
  lambda-advisor help [command]
  lambda-advisor --version

Commands:
  recommend   Read a scenario (JSON) and print the recommended design: every decision with its
              reason, trade-off and sources, the warnings, and the monthly bill.
  cost        Price the recommended design of a scenario, or a plain function from flags.
  lint        Check SAM / CloudFormation templates against the design rules.
  scaffold    Write the handler, its test, sample events and the IaC (SAM, CDK or Terraform)
              for the recommended design into a folder; never overwrites without --force.

A scenario is a JSON file (or '-' to read stdin); see examples/scenarios/ for complete ones.

Exit codes:
  0  done
  2  invalid input: a bad option, an unreadable file, malformed JSON or an invalid scenario field
     (each problem is named on stderr, e.g. "traffic.peakPerSecond: must be >= 0")
  3  scaffold: files already exist and --force was not given (they are listed; nothing is written)
  1  anything else (set LAMBDA_ADVISOR_DEBUG=1 to see the stack trace)
`;

export const RECOMMEND_HELP = `Usage: lambda-advisor recommend <scenario.json | -> [--json]

Reads a workload scenario and prints the recommended Lambda design: warnings first, then each
decision (invocation, memory and architecture, timeout, batching, concurrency, failure handling,
VPC, cold starts) with its value, why, trade-off and sources, where the 2019 article's advice is
superseded, and the monthly bill line by line.

Arguments:
  <scenario.json>   a scenario file; '-' reads it from stdin

Options:
  --json            print the design as JSON (the contract for scripts; it carries schemaVersion)
  -h, --help        show this help

Example:
  lambda-advisor recommend examples/scenarios/api-backend.json
`;

export const COST_HELP = `Usage:
  lambda-advisor cost <scenario.json | -> [--json]
  lambda-advisor cost --requests N --duration-ms D --memory M [--arch arm64|x86_64] [--region R]
                      [--free-tier] [--provisioned N [--provisioned-hours H]] [--ephemeral-mb E] [--json]

With a scenario: prices the design that 'recommend' chooses for it (Lambda, the event source,
the VPC and the logs). With flags: prices one plain function.

Options (plain function):
  --requests N            invocations per month (1e6, 1_000_000 and 1,000,000 all work)
  --duration-ms D         average billed duration of one invocation, in ms
  --memory M              memory, in MB (128 to 10,240)
  --arch A                arm64 or x86_64 (default: x86_64, Lambda's own default)
  --region R              AWS Region (default: us-east-1)
  --free-tier             subtract the monthly free tier (excluded unless given)
  --provisioned N         provisioned concurrency kept on
  --provisioned-hours H   hours per month it is on (default: the whole month)
  --ephemeral-mb E        ephemeral storage (/tmp), in MB (512 to 10,240; above 512 is billed)

Options:
  --json                  print {"currency","region","pricesAsOf","total","lines":[{"item","usd",...}]}
  -h, --help              show this help

Example:
  lambda-advisor cost --requests 1000000 --duration-ms 100 --memory 1024 --arch x86_64
`;
