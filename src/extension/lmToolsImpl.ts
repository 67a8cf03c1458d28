/**
 * The language-model tools' implementation, loaded on first invoke: the same tools as the MCP server
 * (src/mcp/tools.ts), so the same input gives the same JSON. A path is resolved against the workspace
 * folders and may not leave them; an open editor's unsaved text wins over the file on disk; `lint`
 * with neither `path` nor `text` checks the template in the active editor.
 */
import * as vscode from 'vscode';
import { resolve } from 'node:path';
import { confinedHost } from '../mcp/paths.ts';
import { runTool, type ToolHost } from '../mcp/tools.ts';
import { LM_TOOL_LABELS, LM_TOOLS, type LmToolName } from '../mcp/lm.ts';
import { log } from './log.ts';

function workspaceHost(): ToolHost {
  return {
    async readTemplate(path) {
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
      if (folders.length === 0) return { ok: false, message: 'no folder is open: a path is resolved against the workspace folder (or pass the template as text)' };
      let first: string | undefined;
      for (const folder of folders) {
        const r = await confinedHost(folder.uri.fsPath).readTemplate(path);
        if (r.ok) {
          const absolute = resolve(folder.uri.fsPath, path);
          const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === absolute);
          return open ? { ok: true, text: open.getText() } : r;
        }
        first ??= r.message.replace('the working directory', 'the workspace folder');
      }
      return { ok: false, message: first ?? `cannot read ${path}` };
    },
  };
}

/** `lint` with neither path nor text: the template in the active editor. */
function withActiveTemplate(input: Record<string, unknown>): Record<string, unknown> {
  if (input['path'] !== undefined || input['text'] !== undefined) return input;
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) throw new Error('lint needs a template: give path or text, or open the template in the editor');
  return { ...input, text: doc.getText(), fileName: input['fileName'] ?? vscode.workspace.asRelativePath(doc.uri, false) };
}

export async function invokeAgentTool(name: LmToolName, input: Record<string, unknown>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const args = name === 'lint' ? withActiveTemplate(input) : input;
  const outcome = await runTool(name, args, workspaceHost());
  if (token.isCancellationRequested) throw new vscode.CancellationError();
  // A failed call is an error the model reads (VS Code reports a thrown message to it), naming each field.
  if (!outcome.ok) throw new Error(outcome.summary);
  return new vscode.LanguageModelToolResult([
    new vscode.LanguageModelTextPart(outcome.summary),
    new vscode.LanguageModelTextPart(JSON.stringify(outcome.structured)),
  ]);
}

const SCENARIO_SUFFIX = '.lambda-advisor.json';

/** The first text part of a tool result (the summary). */
function summaryOf(result: vscode.LanguageModelToolResult): string {
  const part = result.content.find((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart);
  return part?.value ?? '';
}

/**
 * Lambda Advisor: Check Agent Tools. Says which of the advisor's tools chat can use (from vscode.lm.tools)
 * and runs one on the active editor the way chat would, through vscode.lm.invokeTool: `recommend` on a
 * scenario file, `lint` on any other file. The summary goes to a notification, the whole result to the
 * "Lambda Advisor" output channel.
 */
export async function checkAgentTools(): Promise<void> {
  const ids = Object.values(LM_TOOLS) as string[];
  const available = typeof vscode.lm?.invokeTool === 'function' ? vscode.lm.tools.filter((t) => ids.includes(t.name)) : [];
  if (available.length === 0) {
    void vscode.window.showWarningMessage('Lambda Advisor: no agent tools are registered in this VS Code (language-model tools need VS Code 1.100 or later).');
    return;
  }
  const reference = new Map(Object.entries(LM_TOOLS).map(([k, id]) => [id as string, LM_TOOL_LABELS[k as LmToolName].reference]));
  const names = available.map((t) => `#${reference.get(t.name) ?? t.name}`);
  const head = `${available.length} agent tools are available to chat (${names.join(', ')}).`;
  log.info(`Agent tools: ${available.map((t) => t.name).join(', ')}`);
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(`Lambda Advisor: ${head} Open a template or a scenario file to try one.`);
    return;
  }
  const file = vscode.workspace.asRelativePath(doc.uri, false);
  let tool: string;
  let input: object;
  if (doc.uri.path.endsWith(SCENARIO_SUFFIX)) {
    let scenario: unknown;
    try {
      scenario = JSON.parse(doc.getText()) as unknown;
    } catch {
      void vscode.window.showErrorMessage(`Lambda Advisor: ${head} ${file} is not valid JSON, so recommend cannot run on it.`);
      return;
    }
    tool = LM_TOOLS.recommend;
    input = { scenario };
  } else {
    tool = LM_TOOLS.lint;
    input = {};
  }
  try {
    const result = await vscode.lm.invokeTool(tool, { input, toolInvocationToken: undefined });
    const summary = summaryOf(result);
    log.info(`${tool} on ${file}:\n${result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('\n')}`);
    void vscode.window.showInformationMessage(`Lambda Advisor: ${head} ${tool} on ${file}: ${summary.split('\n')[0] ?? ''}`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.warn(`${tool} on ${file} failed: ${message}`);
    void vscode.window.showWarningMessage(`Lambda Advisor: ${head} ${tool} on ${file} answered: ${message.split('\n').join(' ')}`);
  }
}
