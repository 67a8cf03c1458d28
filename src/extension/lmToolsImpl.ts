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
import type { LmToolName } from '../mcp/lm.ts';

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
