/**
 * The VS Code language-model tools' ids (package.json `languageModelTools[].name`), labels and
 * invocation messages. Its own tiny module, importing nothing, so that activation registers the
 * tools without loading the engine.
 */
export const LM_TOOLS = {
  recommend: 'lambdaAdvisor_recommend',
  cost: 'lambdaAdvisor_cost',
  lint: 'lambdaAdvisor_lint',
  scaffold: 'lambdaAdvisor_scaffold',
} as const;
export type LmToolName = keyof typeof LM_TOOLS;

/** How a user refers to a tool in chat (`#lambdaRecommend`) and what the tools view calls it. */
export const LM_TOOL_LABELS: Readonly<Record<LmToolName, { readonly reference: string; readonly displayName: string; readonly icon: string; readonly userDescription: string }>> = {
  recommend: { reference: 'lambdaRecommend', displayName: 'Lambda Advisor: Recommend a Design', icon: '$(lightbulb)', userDescription: 'Recommend a sourced AWS Lambda design (memory, timeout, batching, concurrency, failures, VPC, cold starts) and its monthly bill for a scenario.' },
  cost: { reference: 'lambdaCost', displayName: 'Lambda Advisor: Price a Function', icon: '$(credit-card)', userDescription: 'Price a scenario\u2019s design, or a plain function, line by line with the prices\u2019 sources.' },
  lint: { reference: 'lambdaLint', displayName: 'Lambda Advisor: Check a Template', icon: '$(checklist)', userDescription: 'Check a SAM or CloudFormation template (the active editor\u2019s by default) against the Lambda design rules.' },
  scaffold: { reference: 'lambdaScaffold', displayName: 'Lambda Advisor: Scaffold a Project', icon: '$(file-code)', userDescription: 'Generate the handler, tests, events and infrastructure as code for a scenario\u2019s design, for review (nothing is written).' },
};

type Input = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const scenarioName = (input: Input): string => {
  const s = input['scenario'];
  const name = s !== null && typeof s === 'object' ? str((s as Input)['name']) : undefined;
  return name !== undefined ? `"${name}"` : 'the scenario';
};

/** What the chat shows while a tool runs: what will be computed, from what. Never loads the engine. */
export function invocationMessage(tool: LmToolName, input: Input, activeFile: string | undefined): string {
  switch (tool) {
    case 'recommend':
      return `Computing a Lambda design for ${scenarioName(input)} (offline, from sourced AWS limits and prices)`;
    case 'cost':
      if (input['scenario'] !== undefined) return `Pricing the recommended design of ${scenarioName(input)} (offline)`;
      return `Pricing a plain function: ${String(input['requests'] ?? '?')} requests a month, ${String(input['durationMs'] ?? '?')} ms, ${String(input['memoryMb'] ?? '?')} MB (offline)`;
    case 'lint': {
      const what = str(input['path']) ?? (input['text'] !== undefined ? (str(input['fileName']) ?? 'the given template') : (activeFile ?? 'the active editor'));
      return `Checking ${what} against the Lambda design rules`;
    }
    case 'scaffold':
      return `Generating ${str(input['iac']) ?? 'sam'} project files for ${scenarioName(input)} (returned for review, nothing is written)`;
  }
}

