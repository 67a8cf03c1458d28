/** Help texts: `lambda-advisor --help` and `lambda-advisor <command> --help`. */

export const MAIN_HELP = `lambda-advisor: sourced AWS Lambda designs and monthly costs from a workload scenario

Usage:
  lambda-advisor recommend <scenario.json | ->  [--optimize-for cost|balanced|speed] [--json]
  lambda-advisor cost <scenario.json | ->       [--json]
  lambda-advisor cost --requests N --duration-ms D --memory M [options]   [--json]
  lambda-advisor scaffold <scenario.json | -> --out DIR [--iac sam|cdk|terraform] [--language L] [--force]
  lambda-advisor lint <template> ...             [--format text|json|sarif] [--fail-on error|warning|never] [--output FILE]
  lambda-advisor apply <template> [--function ID] [--scenario FILE] [--write]
  lambda-advisor mcp [--root DIR]
  lambda-advisor calibrate <file | -> ...        [--scenario FILE] [--function NAME] [--json]
  lambda-advisor help [command]
  lambda-advisor --version

Commands:
  recommend   Read a scenario (JSON) and print the recommended design: every decision with its
              reason, trade-off and sources, the warnings, and the monthly bill.
  cost        Price the recommended design of a scenario, or a plain function from flags.
  scaffold    Write the handler, sample events and infrastructure as code for a scenario's design.
  lint        Check SAM / CloudFormation templates against the design rules.
  apply       Write the recommended values into a template's functions (a diff first; --write
              to change the file), editing only the lines concerned.
  mcp         Serve recommend, cost, lint and scaffold as tools for AI agents (Model Context Protocol, stdio).
  calibrate   Read real measurements (CloudWatch logs, a Logs Insights CSV, Lambda Power Tuning
              output) and print them per memory size, the fitted model and a scenario built on them.

Run 'lambda-advisor <command> --help' for a command's options.

A scenario is a JSON file (or '-' to read stdin); see examples/scenarios/ for complete ones.

Exit codes:
  0  done
  2  invalid input: a bad option, an unreadable file, malformed JSON or an invalid scenario field
     (each problem is named on stderr, e.g. "traffic.peakPerSecond: must be >= 0");
     for calibrate: a file with no measurements, or several functions and no --function
  1  anything else (set LAMBDA_ADVISOR_DEBUG=1 to see the stack trace);
     for lint: a finding at or above --fail-on
  3  scaffold: files already exist and --force was not given (nothing written);
     apply: nothing could be applied without rewriting the template (each skip said on stderr)
`;

export const RECOMMEND_HELP = `Usage: lambda-advisor recommend <scenario.json | -> [--optimize-for cost|balanced|speed] [--json]

Reads a workload scenario and prints the recommended Lambda design: warnings first, then each
decision (invocation, memory and architecture, timeout, batching, concurrency, failure handling,
VPC, cold starts) with its value, why, trade-off and sources, where the 2019 article's advice is
superseded, and the monthly bill line by line.

Arguments:
  <scenario.json>   a scenario file; '-' reads it from stdin

Options:
  --optimize-for S  cost (default): the cheapest setting; speed: the fastest; balanced: the best
                    0.5 x cost/max cost + 0.5 x duration/max duration (AWS Lambda Power Tuning's
                    strategies and balancedWeight). Overrides the scenario's optimizeFor.
  --json            print the design as JSON (the contract for scripts; it carries schemaVersion)
  -h, --help        show this help

Example:
  lambda-advisor recommend examples/scenarios/api-backend.json --optimize-for balanced
`;

export const COST_HELP = `Usage:
  lambda-advisor cost <template>... [--assumed-requests N] [--assumed-duration-ms D] [--region R]
                      [--format text|markdown|json]
  lambda-advisor cost <scenario.json | -> [--json]
  lambda-advisor cost --requests N --duration-ms D --memory M [--arch arm64|x86_64] [--region R]
                      [--free-tier] [--provisioned N [--provisioned-hours H]] [--ephemeral-mb E] [--json]

With SAM or CloudFormation templates (recognised by content): each function's monthly cost and
the total over all of them, the same figures as the editor's CodeLens. A function with a scenario
in Metadata.LambdaAdvisor is priced for it; the others for an assumed workload (requests and
compute only), marked "assumed". --format markdown prints a table for a pull-request comment;
--format json prints {"functions":[{"resource","total","assumed","lines"}],"total","currency",
"region","unpriced"}.
With a scenario: prices the design that 'recommend' chooses for it (Lambda, the event source,
the VPC and the logs). With flags: prices one plain function.

Options (templates):
  --assumed-requests N    requests a month assumed for a function without a scenario (default 1,000,000)
  --assumed-duration-ms D average duration assumed for it, in ms (default 100)
  --region R              the Region of the assumed workload's prices (default: us-east-1)
  --format F              text (default), markdown or json

Options (plain function):
  --requests N            invocations per month (1e6, 1_000_000 and 1,000,000 all work)
  --duration-ms D         average billed duration of one invocation, in ms
  --memory M              memory, in MB (128 to 10,240)
  --arch A                arm64 or x86_64 (default: x86_64, Lambda's own default)
  --region R              AWS Region: any commercial Region code (default: us-east-1); lines
                          without a sourced price there are shown as not priced
  --free-tier             subtract the monthly free tier (excluded unless given)
  --provisioned N         provisioned concurrency kept on
  --provisioned-hours H   hours per month it is on (default: the whole month)
  --ephemeral-mb E        ephemeral storage (/tmp), in MB (512 to 10,240; above 512 is billed)

Options:
  --json                  print {"currency","region","pricesAsOf","total","lines":[{"item","usd",...}]}
  -h, --help              show this help

Examples:
  lambda-advisor cost template.yaml --format markdown
  lambda-advisor cost --requests 1000000 --duration-ms 100 --memory 1024 --arch x86_64
`;

export const LINT_HELP = `Usage: lambda-advisor lint <template> ... [--format text|json|sarif] [--fail-on error|warning|never]
                           [--output FILE]

Checks SAM and CloudFormation templates (YAML or JSON) against the advisor's design rules and
prints each finding with its location, the rule and its sources.

Options:
  --format F      text (default), json or sarif
  --fail-on S     exit 1 when a finding is at least this severe: error (default), warning or never
  --output FILE   write the report to FILE instead of stdout (atomically: all of it or nothing)
  -h, --help      show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings (or a rule that failed, or a report
that could not be written), 2 bad arguments or an unreadable file.
`;

export const MCP_HELP = `Usage: lambda-advisor mcp [--root DIR]

Runs a Model Context Protocol server on stdin/stdout for an AI agent (VS Code, Claude Code, Cursor,
Kiro, any MCP client). Its tools are the CLI's commands, with the same JSON results:

  recommend   {scenario}                              the design (as recommend --json)
  cost        {scenario} or {requests, durationMs, memoryMb, architecture?, region?, freeTier?,
              provisionedConcurrency?, provisionedHours?, ephemeralMb?}   the bill (as cost --json)
  lint        {path} or {text, fileName?}             the findings (as lint --format json)
  scaffold    {scenario, iac?, language?}             {iac, language, files:[{path, contents}]}

Nothing is written and nothing is sent anywhere: scaffold returns the files for the agent to create.
A path is resolved against the server's folder (--root, else the working directory it starts in)
and may not leave it.
Invalid input is a tool result with isError and one line per problem, named by field path.

Add it to a client, e.g. VS Code's .vscode/mcp.json:
  { "servers": { "lambda-advisor": { "type": "stdio", "command": "node", "args": [
      "/path/to/lambda-design-advisor/bin/lambda-advisor.js", "mcp", "--root", "\${workspaceFolder}"] } } }
(other clients: the same command and args under "mcpServers"; see the README)

Options:
  --root DIR      the folder lint's paths resolve against and may not leave (default: the working directory)
  -h, --help      show this help
`;

export const CALIBRATE_HELP = `Usage: lambda-advisor calibrate <file | -> ... [--scenario FILE] [--function NAME] [--json]

Reads measurements of a function, recognising each file's format by its content, line by line (any
size, bounded memory; lines it does not understand are skipped):
  - text logs with REPORT RequestId lines (aws logs tail, sam logs, a console export), timestamps and
    other lines around them: Duration, Billed Duration, Memory Size, Max Memory Used, Init Duration
  - the JSON log format: platform.report records (record.metrics.durationMs, memorySizeMB, ...)
  - a CloudWatch Logs Insights CSV export with @duration, @memorySize, @maxMemoryUsed (bytes),
    @initDuration, @billedDuration (and @timestamp, @log) columns
  - AWS Lambda Power Tuning output: the result JSON (results.stats) or its visualization URL
    (https://lambda-power-tuning.show/#...)
and prints, per memory size: invocations, cold starts, average and p99 duration, the largest memory
used and the median INIT duration (null where a source cannot tell: Power Tuning gives averages). With
two or more memory sizes the duration model is fitted to them (CPU-bound share, parallelism) and the
measured points give the curve; with one, the profile keeps the curve's shape.

Then a scenario: the one given with --scenario (or a skeleton to complete) with its work replaced
from the data (average, p99, measured memory, peak memory use, INIT, cold-start rate and every
measured point in work.measurements). 'lambda-advisor recommend' accepts it as it is.

Options:
  --scenario FILE   the scenario whose work the measurements replace (the rest is kept)
  --function NAME   the function to calibrate when the input has several (named by /aws/lambda/NAME
                    in the lines or the CSV's @log column)
  --json            print {"schemaVersion","measurements":[...],"model":{...},"scenario":{...},...}
  -h, --help        show this help

p99 is the nearest-rank 99th percentile, exact up to 100,000 invocations per memory size and to
0.01 ms beyond (a fixed histogram; durations of 10 s or more to 1 ms).

Exit codes: 0 done; 2 a file with no measurements (the message names what was looked for), an
unreadable file, several functions and no --function, or an invalid --scenario.

Examples:
  aws logs tail /aws/lambda/orders --since 1d > orders.log
  lambda-advisor calibrate orders.log --scenario orders.lambda-advisor.json --json
  lambda-advisor calibrate power-tuning-output.json report.csv
`;
