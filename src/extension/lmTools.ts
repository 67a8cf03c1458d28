/**
 * The agent tools (recommend, cost, lint, scaffold) as VS Code language-model tools, for Copilot's
 * agent mode and any chat participant (`vscode.lm.invokeTool`). package.json contributes them
 * (`contributes.languageModelTools`, with the same input schemas as the MCP server's); this module
 * registers them from activate(). It imports nothing heavy: a tool loads the engine on first invoke.
 *
 * MCP: `lm.registerMcpServerDefinitionProvider` (and `contributes.mcpServerDefinitionProviders`) is
 * not in the stable API of VS Code 1.100 (our engines.vscode; @types/vscode 1.100 lacks it, it was
 * proposed API then), so the extension does not offer `lambda-advisor mcp` through it; the README
 * shows the .vscode/mcp.json entry instead.
 */
import * as vscode from 'vscode';
import { invocationMessage, LM_TOOLS, type LmToolName } from '../mcp/lm.ts';
import { COMMANDS } from '../protocol/commands.ts';

export { LM_TOOLS, type LmToolName };

type Input = Record<string, unknown>;

function activeFileName(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? vscode.workspace.asRelativePath(doc.uri, false) : undefined;
}

function tool(name: LmToolName): vscode.LanguageModelTool<Input> {
  return {
    prepareInvocation(options) {
      return { invocationMessage: invocationMessage(name, options.input ?? {}, activeFileName()) };
    },
    async invoke(options, token) {
      const { invokeAgentTool } = await import('./lmToolsImpl.ts');
      return invokeAgentTool(name, options.input ?? {}, token);
    },
  };
}

/**
 * Register the language-model tools (a VS Code without `vscode.lm.registerTool` simply gets none) and
 * Check Agent Tools: which of them chat can use, and one run on the active editor through vscode.lm.
 */
export function registerLanguageModelTools(context: vscode.ExtensionContext): void {
  if (typeof vscode.lm?.registerTool === 'function') {
    for (const name of Object.keys(LM_TOOLS) as LmToolName[]) {
      context.subscriptions.push(vscode.lm.registerTool(LM_TOOLS[name], tool(name)));
    }
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.checkAgentTools, async () => {
      const { checkAgentTools } = await import('./lmToolsImpl.ts');
      await checkAgentTools();
    }),
  );
}
