/**
 * The template session of each open document, shared by every provider and command (hover,
 * diagnostics, quick fixes, CodeLens, "Advise on this function", "Apply recommended values", the
 * scaffold's insertion): one parse per document version, whoever asks first. This file only reads VS
 * Code's documents, settings and cursor; the answers come from the engine's `TemplateSession`.
 */
import * as vscode from 'vscode';
import { LIMITS, supportedRegions } from '../../engine/facts/index.ts';
import { LENS_DEFAULTS, type LensDefaults } from '../../engine/templates/lens.ts';
import { SessionCache, type TemplateSession } from '../../engine/templates/session.ts';
import type { FunctionFacts } from '../../engine/templates/function-facts.ts';
import { plainText } from '../../engine/markdown.ts';

const cache = new SessionCache();

/** The session of this exact document version, answering with the user's settings. Never throws on bad text. */
export function sessionOf(doc: vscode.TextDocument): TemplateSession {
  return cache.get(
    { uri: doc.uri.toString(), version: doc.version, name: vscode.workspace.asRelativePath(doc.uri), text: () => doc.getText() },
    { assumed: lensDefaults(doc), ...explicitRegion(doc) },
  );
}

export function forget(uri: vscode.Uri): void {
  cache.delete(uri.toString());
}

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

/** The Region from the settings only when the user set one (else the attached scenario's or the default). */
function explicitRegion(doc: vscode.TextDocument): { region?: string } {
  const inspected = vscode.workspace.getConfiguration('lambdaAdvisor', doc).inspect<unknown>('region');
  const set = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  return typeof set === 'string' && supportedRegions().includes(set) ? { region: set } : {};
}

/**
 * The one function picker of the template commands: the id given (a CodeLens passes it), else the
 * function under the cursor, else the only one, else a quick pick. Says so and returns undefined when
 * the document is not a template or has no function; throws on an id that is not one of its functions.
 */
export async function pickFunction(doc: vscode.TextDocument, session: TemplateSession, idArg: unknown, placeHolder: string): Promise<FunctionFacts | undefined> {
  const editor = vscode.window.activeTextEditor;
  const cursor = editor?.document === doc ? session.offset(editor.selection.active) : undefined;
  const picked = session.pick(idArg, cursor);
  switch (picked.kind) {
    case 'function':
      return picked.fn;
    case 'not-a-template':
      void vscode.window.showInformationMessage(`Lambda Advisor: ${session.name} is not a SAM or CloudFormation template.`);
      return undefined;
    case 'none':
      void vscode.window.showInformationMessage('Lambda Advisor: this template has no AWS::Serverless::Function or AWS::Lambda::Function.');
      return undefined;
    case 'choose': {
      const item = await vscode.window.showQuickPick(
        picked.functions.map((f) => ({ label: plainText(f.id), description: plainText(f.type), fn: f })),
        { placeHolder },
      );
      return item?.fn;
    }
  }
}
