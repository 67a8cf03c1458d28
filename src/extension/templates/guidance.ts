/**
 * The vscode-facing half of template guidance, loaded on first use by `index.ts`: one analysis per
 * document version (parse, then findings and function facts on demand), turned into diagnostics,
 * quick fixes, hovers and CodeLenses. The logic lives in plain modules (positions, lens, advise);
 * this file only converts to and from VS Code's types.
 */
import * as vscode from 'vscode';
import { documentFor } from './documents.ts';
import { LIMITS, supportedRegions } from '../../engine/facts/index.ts';
import { lintParsed, modelOf, type LintResult } from '../../engine/templates/lint.ts';
import { parseTemplate } from '../../engine/templates/parse.ts';
import type { Finding, ParsedTemplate, Severity } from '../../engine/templates/types.ts';
import { adviseRequest } from './advise.ts';
import { VersionCache } from './cache.ts';
import { functionFacts, type FunctionFacts } from './function-facts.ts';
import { templateHover } from './hover.ts';
import { costLens, LENS_DEFAULTS, type CostLens, type LensDefaults } from './lens.ts';
import { convertEdits, lineStartsOf, offsetToPosition, positionToOffset } from './positions.ts';
import { COMMANDS } from '../../protocol/commands.ts';
import { DIAGNOSTIC_SOURCE } from './constants.ts';

interface Analysis {
  readonly version: number;
  readonly text: string;
  readonly starts: readonly number[];
  readonly parsed: ParsedTemplate;
  lint(): LintResult;
  functions(): readonly FunctionFacts[];
  lenses(defaults: LensDefaults): ReadonlyMap<string, CostLens>;
}

function analyse(text: string, version: number): Analysis {
  const parsed = parseTemplate(text);
  let lint: LintResult | undefined;
  let functions: FunctionFacts[] | undefined;
  let lenses: { key: string; value: Map<string, CostLens> } | undefined;
  const self: Analysis = {
    version,
    text,
    starts: lineStartsOf(text),
    parsed,
    lint: () => (lint ??= lintParsed(parsed)),
    functions: () => {
      if (functions === undefined) {
        const model = modelOf(parsed);
        functions = [...model.functions.values()].map((fn) => functionFacts(model, fn));
      }
      return functions;
    },
    lenses: (defaults) => {
      const key = JSON.stringify(defaults);
      if (lenses?.key !== key) lenses = { key, value: new Map(self.functions().map((f) => [f.id, costLens(f, defaults)])) };
      return lenses.value;
    },
  };
  return self;
}

const cache = new VersionCache<Analysis>(analyse);

/** The analysis of this exact document version (computed once per version; never throws on bad text). */
function analysisOf(doc: vscode.TextDocument): Analysis {
  return cache.get(doc.uri.toString(), doc.version, () => doc.getText());
}

export function forget(uri: vscode.Uri): void {
  cache.delete(uri.toString());
}

function rangeOf(a: Analysis, start: number, end: number): vscode.Range {
  const s = offsetToPosition(a.text, a.starts, start);
  const e = offsetToPosition(a.text, a.starts, end);
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
  const a = analysisOf(doc);
  if (!a.parsed.isTemplate) return [];
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
  const a = analysisOf(doc);
  if (!a.parsed.isTemplate) return [];
  const findings = a.lint().findings;
  const actions: vscode.CodeAction[] = [];
  for (const d of ctx.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const id = ruleIdOf(d);
    // The finding behind this diagnostic, in the analysis of the document's current version.
    const matching = findings.filter((f) => f.fix !== undefined && f.ruleId === id && f.message === d.message && rangeOf(a, f.range.start, f.range.end).isEqual(d.range));
    for (const f of matching) {
      if (f.fix === undefined) continue;
      const converted = convertEdits(a.text, a.starts, f.fix.edits, a.version, doc.version);
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
  const a = analysisOf(doc);
  if (!a.parsed.isTemplate) return undefined;
  const offset = positionToOffset(a.text, a.starts, { line: position.line, character: position.character });
  const h = templateHover(a.parsed, offset, explicitRegion(doc));
  if (h === undefined) return undefined;
  const md = new vscode.MarkdownString(h.markdown);
  md.isTrusted = false;
  md.supportHtml = false;
  return new vscode.Hover(md, rangeOf(a, h.range.start, h.range.end));
}

/** The Region from the settings only when the user set one (else the attached scenario's or the default). */
function explicitRegion(doc: vscode.TextDocument): { region?: string } {
  const inspected = vscode.workspace.getConfiguration('lambdaAdvisor', doc).inspect<unknown>('region');
  const set = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  return typeof set === 'string' && supportedRegions().includes(set) ? { region: set } : {};
}

// ---------------------------------------------------------------------------------------------------
// CodeLens and "Advise on this function"

/** The assumed workload from the settings, each value checked (a bad one falls back to its default). */
export function lensDefaults(doc?: vscode.TextDocument): LensDefaults {
  const c = vscode.workspace.getConfiguration('lambdaAdvisor', doc);
  const requests = c.get<unknown>('codeLens.assumedRequestsPerMonth');
  const duration = c.get<unknown>('codeLens.assumedDurationMs');
  const region = c.get<unknown>('region');
  const ok = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
  return {
    requestsPerMonth: ok(requests, 0, 1e13) ? requests : LENS_DEFAULTS.requestsPerMonth,
    durationMs: ok(duration, 1, LIMITS.timeoutMaxSeconds.value * 1_000) ? duration : LENS_DEFAULTS.durationMs,
    region: typeof region === 'string' && supportedRegions().includes(region) ? region : LENS_DEFAULTS.region,
  };
}

export function codeLensesFor(doc: vscode.TextDocument): vscode.CodeLens[] {
  const a = analysisOf(doc);
  if (!a.parsed.isTemplate) return [];
  const lenses = a.lenses(lensDefaults(doc));
  const out: vscode.CodeLens[] = [];
  for (const f of a.functions()) {
    const cost = lenses.get(f.id);
    const range = rangeOf(a, f.anchorOffset, f.anchorOffset);
    // An empty command id renders the lens as a label: the cost is information, not an action.
    if (cost !== undefined) out.push(new vscode.CodeLens(range, { title: cost.title, tooltip: cost.tooltip, command: '' }));
    out.push(
      new vscode.CodeLens(range, {
        title: 'Advise on this function',
        tooltip: `Open the design wizard with a scenario built from ${f.id} (source, memory, runtime, architecture, VPC).`,
        command: COMMANDS.adviseFunction,
        arguments: [doc.uri.toString(), f.id],
      }),
    );
    // Writing the values back edits the file: offered in trusted workspaces only (the command refuses too).
    if (vscode.workspace.isTrusted) {
      out.push(
        new vscode.CodeLens(range, {
          title: 'Apply recommended values',
          tooltip: `Show a diff of the values the advisor recommends for ${f.id} (memory, timeout, architecture, batching, concurrency, queue), then apply them as one edit.`,
          command: COMMANDS.applyDesignToTemplate,
          arguments: [doc.uri.toString(), f.id],
        }),
      );
    }
  }
  return out;
}

async function pickFunction(doc: vscode.TextDocument, a: Analysis, idArg: unknown): Promise<FunctionFacts | undefined> {
  const functions = a.functions();
  if (idArg !== undefined && idArg !== null) {
    if (typeof idArg !== 'string') throw new Error('The second argument must be a resource logical id.');
    const f = functions.find((x) => x.id === idArg);
    if (f === undefined) throw new Error(`${idArg.slice(0, 200)} is not a Lambda function of ${vscode.workspace.asRelativePath(doc.uri)}.`);
    return f;
  }
  if (functions.length === 0) {
    void vscode.window.showInformationMessage('Lambda Advisor: this template has no AWS::Serverless::Function or AWS::Lambda::Function.');
    return undefined;
  }
  // The function under the cursor, else the only one, else ask.
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === doc) {
    const offset = positionToOffset(a.text, a.starts, editor.selection.active);
    const model = modelOf(a.parsed);
    const under = functions.find((f) => {
      const e = model.functions.get(f.id)?.resource.entry;
      return e !== undefined && offset >= e.keyStart && offset <= e.end;
    });
    if (under !== undefined) return under;
  }
  if (functions.length === 1) return functions[0];
  const picked = await vscode.window.showQuickPick(
    functions.map((f) => ({ label: f.id, description: f.type })),
    { placeHolder: 'Which function should the wizard advise on?' },
  );
  return picked === undefined ? undefined : functions.find((f) => f.id === picked.label);
}

export async function adviseFunction(_context: vscode.ExtensionContext, uriArg: unknown, idArg: unknown): Promise<void> {
  const doc = await documentFor(uriArg);
  if (doc === undefined) {
    void vscode.window.showInformationMessage('Lambda Advisor: open a SAM or CloudFormation template first.');
    return;
  }
  const a = analysisOf(doc);
  if (!a.parsed.isTemplate) {
    void vscode.window.showInformationMessage(`Lambda Advisor: ${vscode.workspace.asRelativePath(doc.uri)} is not a SAM or CloudFormation template.`);
    return;
  }
  const f = await pickFunction(doc, a, idArg);
  if (f === undefined) return;
  const r = adviseRequest(f, doc.uri.toString(), lensDefaults(doc));
  if (!r.ok) {
    void vscode.window.showErrorMessage(`Lambda Advisor: ${r.message}`);
    return;
  }
  const { log } = await import('../log.ts');
  log.info(`Advise on ${f.id} (${doc.uri.toString()}): ${r.request.notes.join(' ')}`);
  await vscode.commands.executeCommand(COMMANDS.designFunction, { scenario: r.request.scenario });
  const assumed = r.request.notes.join(' ');
  if (assumed) void vscode.window.showInformationMessage(`Lambda Advisor: the wizard starts from ${f.id}. ${assumed}`);
}
