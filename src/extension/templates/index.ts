/**
 * Template guidance in the editor: hover advice, design diagnostics with quick fixes and the cost
 * CodeLens on SAM / CloudFormation templates (YAML or JSON, recognised by content, whatever the name).
 *
 * Activation only registers providers and listeners: the engine (YAML parser, rules, cost model) is
 * imported on first use, when a YAML/JSON document that mentions `AWS::` is opened or hovered.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../protocol/commands.ts';
import { DIAGNOSTIC_COLLECTION, DIAGNOSTIC_SOURCE } from './constants.ts';
import type * as GuidanceModule from './guidance.ts';
import { registerApplyDesign } from './applyDesign.ts';

type Guidance = typeof GuidanceModule;

export const TEMPLATE_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { language: 'json' }];

const LANGUAGES = new Set(['yaml', 'json']);

/** Cheap test before any parse: the engine's own gate (a template names an `AWS::` type or the format version). */
export function mightBeTemplate(doc: vscode.TextDocument): boolean {
  if (!LANGUAGES.has(doc.languageId)) return false;
  const text = doc.getText();
  return text.includes('AWS::') || text.includes('AWSTemplateFormatVersion');
}

export function templatesEnabled(doc?: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('lambdaAdvisor.templates', doc).get<boolean>('enabled', true) !== false;
}

let loading: Promise<Guidance> | undefined;
const load = (): Promise<Guidance> => (loading ??= import('./guidance.ts'));

export function registerTemplateGuidance(context: vscode.ExtensionContext): void {
  const diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lensChanged = new vscode.EventEmitter<void>();

  const clear = (uri: vscode.Uri): void => {
    const key = uri.toString();
    const t = timers.get(key);
    if (t !== undefined) clearTimeout(t);
    timers.delete(key);
    diagnostics.delete(uri);
  };

  const refresh = (doc: vscode.TextDocument, delayMs: number): void => {
    if (!templatesEnabled(doc) || !mightBeTemplate(doc)) {
      if (diagnostics.has(doc.uri)) clear(doc.uri);
      return;
    }
    const key = doc.uri.toString();
    const previous = timers.get(key);
    if (previous !== undefined) clearTimeout(previous);
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        if (doc.isClosed) return;
        void load()
          .then((g) => diagnostics.set(doc.uri, g.diagnosticsFor(doc)))
          .catch((e: unknown) => reportError('diagnostics', e));
      }, delayMs),
    );
  };

  context.subscriptions.push(
    diagnostics,
    lensChanged,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.workspace.onDidOpenTextDocument((doc) => refresh(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) refresh(e.document, 300);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clear(doc.uri);
      if (loading !== undefined) void load().then((g) => g.forget(doc.uri));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('lambdaAdvisor')) return;
      for (const doc of vscode.workspace.textDocuments) refresh(doc, 0);
      lensChanged.fire();
    }),
    vscode.languages.registerHoverProvider(TEMPLATE_SELECTOR, {
      async provideHover(doc, position, token) {
        if (!templatesEnabled(doc) || !mightBeTemplate(doc)) return undefined;
        const g = await load();
        return token.isCancellationRequested ? undefined : g.hoverFor(doc, position);
      },
    }),
    vscode.languages.registerCodeActionsProvider(
      TEMPLATE_SELECTOR,
      {
        async provideCodeActions(doc, range, ctx) {
          if (!templatesEnabled(doc) || !mightBeTemplate(doc)) return undefined;
          if (!ctx.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE)) return undefined;
          const g = await load();
          return g.codeActionsFor(doc, range, ctx);
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.languages.registerCodeLensProvider(TEMPLATE_SELECTOR, {
      onDidChangeCodeLenses: lensChanged.event,
      async provideCodeLenses(doc) {
        if (!templatesEnabled(doc) || !mightBeTemplate(doc)) return [];
        if (vscode.workspace.getConfiguration('lambdaAdvisor.codeLens', doc).get<boolean>('enabled', true) === false) return [];
        const g = await load();
        return g.codeLensesFor(doc);
      },
    }),
    vscode.commands.registerCommand(COMMANDS.adviseFunction, async (uri?: unknown, resourceId?: unknown) => {
      try {
        const g = await load();
        await g.adviseFunction(context, uri, resourceId);
      } catch (e) {
        reportError('Advise on this Function', e);
        void vscode.window.showErrorMessage(`Lambda Advisor: Advise on this Function failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  );

  registerApplyDesign(context);

  // Templates already open when the extension activates (onLanguage:yaml fires for the first one).
  for (const doc of vscode.workspace.textDocuments) refresh(doc, 0);
}

function reportError(what: string, e: unknown): void {
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  void import('../log.ts').then(({ log }) => log.error(`Template guidance (${what}) failed: ${message}`));
}
