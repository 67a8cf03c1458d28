/**
 * The vscode-facing half of template guidance, loaded on first use by `index.ts`: the document's
 * template session (one parse per version, shared with the commands; see `sessions.ts`) turned into
 * diagnostics, quick fixes, hovers and CodeLenses. The logic lives in the engine's `TemplateSession`;
 * this file only converts to and from VS Code's types.
 */
import * as vscode from 'vscode';
import { documentFor } from './documents.ts';
import type { TemplateSession } from '../../engine/templates/session.ts';
import type { Finding, Severity } from '../../engine/templates/types.ts';
import { forget, pickFunction, sessionOf } from './sessions.ts';
import { COMMANDS } from '../../protocol/commands.ts';
import { DIAGNOSTIC_SOURCE } from './constants.ts';
import { plainText } from '../../engine/markdown.ts';

export { forget };

function rangeOf(a: TemplateSession, start: number, end: number): vscode.Range {
  const { start: s, end: e } = a.range(start, end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function codeOf(f: Finding): vscode.Diagnostic['code'] {
  const url = f.references[0]?.url;
  if (url === undefined || !/^https:\/\//.test(url)) return f.ruleId;
  return { value: f.ruleId, target: vscode.Uri.parse(url, true) };
}

// ---------------------------------------------------------------------------------------------------
// Diagnostics

export function diagnosticsFor(doc: vscode.TextDocument): vscode.Diagnostic[] {
  const a = sessionOf(doc);
  if (!a.isTemplate) return [];
  const result = a.lint();
  if (result.ruleErrors.length > 0) {
    void import('../log.ts').then(({ log }) => {
      for (const r of result.ruleErrors) log.warn(`Rule ${r.ruleId} failed on ${doc.uri.toString()}: ${r.message}`);
    });
  }
  return result.findings.map((f) => {
    const d = new vscode.Diagnostic(rangeOf(a, f.range.start, f.range.end), f.message, SEVERITY[f.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = codeOf(f);
    return d;
  });
}

function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string') return c;
  if (typeof c === 'object' && c !== null && typeof c.value === 'string') return c.value;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Quick fixes

export function codeActionsFor(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
  // A quick fix edits the user's file: not in an untrusted workspace.
  if (!vscode.workspace.isTrusted) return [];
  if (ctx.only !== undefined && !vscode.CodeActionKind.QuickFix.intersects(ctx.only)) return [];
  const a = sessionOf(doc);
  if (!a.isTemplate) return [];
  const findings = a.lint().findings;
  const actions: vscode.CodeAction[] = [];
  for (const d of ctx.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const id = ruleIdOf(d);
    // The finding behind this diagnostic, in the analysis of the document's current version.
    const matching = findings.filter((f) => f.fix !== undefined && f.ruleId === id && f.message === d.message && rangeOf(a, f.range.start, f.range.end).isEqual(d.range));
    for (const f of matching) {
      if (f.fix === undefined) continue;
      const converted = a.convertEdits(f.fix.edits, doc.version);
      if (!converted.ok) continue;
      const edit = new vscode.WorkspaceEdit();
      for (const e of converted.edits) {
        edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      }
      const action = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.edit = edit;
      action.isPreferred = matching.length === 1;
      actions.push(action);
    }
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------------
// Hover

export function hoverFor(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  const a = sessionOf(doc);
  if (!a.isTemplate) return undefined;
  const h = a.hover(a.offset({ line: position.line, character: position.character }));
  if (h === undefined) return undefined;
  const md = new vscode.MarkdownString(h.markdown);
  md.isTrusted = false;
  md.supportHtml = false;
  return new vscode.Hover(md, rangeOf(a, h.range.start, h.range.end));
}

// ---------------------------------------------------------------------------------------------------
// CodeLens and "Advise on this function"

export function codeLensesFor(doc: vscode.TextDocument): vscode.CodeLens[] {
  const a = sessionOf(doc);
  if (!a.isTemplate) return [];
  const lenses = a.lenses();
  const out: vscode.CodeLens[] = [];
  for (const f of a.functions()) {
    const cost = lenses.get(f.id);
    const range = rangeOf(a, f.anchorOffset, f.anchorOffset);
    // An empty command id renders the lens as a label: the cost is information, not an action.
    if (cost !== undefined) out.push(new vscode.CodeLens(range, { title: cost.title, tooltip: cost.tooltip, command: '' }));
    out.push(
      new vscode.CodeLens(range, {
        title: 'Advise on this function',
        tooltip: `Open the design wizard with a scenario built from ${plainText(f.id)} (source, memory, runtime, architecture, VPC).`,
        command: COMMANDS.adviseFunction,
        arguments: [doc.uri.toString(), f.id],
      }),
    );
    // Writing the values back edits the file: offered in trusted workspaces only (the command refuses too).
    if (vscode.workspace.isTrusted) {
      out.push(
        new vscode.CodeLens(range, {
          title: 'Apply recommended values',
          tooltip: `Show a diff of the values the advisor recommends for ${plainText(f.id)} (memory, timeout, architecture, batching, concurrency, queue), then apply them as one edit.`,
          command: COMMANDS.applyDesignToTemplate,
          arguments: [doc.uri.toString(), f.id],
        }),
      );
    }
  }
  return out;
}

export async function adviseFunction(_context: vscode.ExtensionContext, uriArg: unknown, idArg: unknown): Promise<void> {
  const doc = await documentFor(uriArg);
  if (doc === undefined) {
    void vscode.window.showInformationMessage('Lambda Advisor: open a SAM or CloudFormation template first.');
    return;
  }
  const a = sessionOf(doc);
  const f = await pickFunction(doc, a, idArg, 'Which function should the wizard advise on?');
  if (f === undefined) return;
  const r = a.scenarioFor(f);
  if (!r.ok) {
    void vscode.window.showErrorMessage(`Lambda Advisor: ${r.message}`);
    return;
  }
  const { log } = await import('../log.ts');
  log.info(`Advise on ${f.id} (${doc.uri.toString()}): ${r.request.notes.join(' ')}`);
  await vscode.commands.executeCommand(COMMANDS.designFunction, { scenario: r.request.scenario });
  const assumed = r.request.notes.join(' ');
  if (assumed) void vscode.window.showInformationMessage(`Lambda Advisor: the wizard starts from ${plainText(f.id)}. ${assumed}`);
}
