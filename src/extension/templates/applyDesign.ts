/**
 * "Apply Recommended Values to Template…" (`lambdaAdvisor.applyDesignToTemplate`, also the CodeLens
 * "Apply recommended values" above each function): build the scenario as "Advise on this function" does,
 * ask the engine for its design, compute the minimal edits that write it into the function (and its event
 * source and queue), show them as a diff against a read-only preview, then ask "Apply N changes to X?" in
 * a modal that lists every change, what was left alone and the workload assumed. Apply is one
 * WorkspaceEdit (one undo reverts it), refused when the document changed since the preview and in an
 * untrusted workspace. The document is left unsaved, like a quick fix.
 *
 * The document's template session (shared with the hover, diagnostics and lenses: no second parse) builds
 * the scenario, the design and the edits; the function is the one picker's (the id given, else the one
 * under the cursor, else the only one, else a quick pick).
 *
 * Activation only registers the command and the preview scheme; the engine is loaded on first use.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../protocol/commands.ts';
import { documentFor } from './documents.ts';

/** Its own scheme: the scaffold's previews (`lambda-advisor-preview:`) have a provider that answers every URI of theirs. */
export const PREVIEW_SCHEME = 'lambda-advisor-apply-preview';

/** Preview texts by preview URI; one entry per open preview, dropped when its document closes. */
const previews = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();
let counter = 0;

export function registerApplyDesign(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '',
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === PREVIEW_SCHEME) previews.delete(doc.uri.toString());
    }),
    vscode.commands.registerCommand(COMMANDS.applyDesignToTemplate, async (uri?: unknown, resourceId?: unknown, scenario?: unknown) => {
      try {
        await applyDesignToTemplate(uri, resourceId, scenario);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        void import('../log.ts').then(({ log }) => log.error(`Apply Recommended Values failed: ${e instanceof Error ? (e.stack ?? message) : message}`));
        void vscode.window.showErrorMessage(`Lambda Advisor: Apply Recommended Values failed: ${message}`);
      }
    }),
  );
}

/** The preview's URI: same file name (so the diff highlights it as YAML/JSON), unique per preview. */
function previewUri(doc: vscode.TextDocument, resourceId: string): vscode.Uri {
  const name = doc.uri.path.split('/').pop() ?? 'template.yaml';
  counter += 1;
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${resourceId}/${name}`, query: String(counter) });
}

async function closePreview(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key);
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  previews.delete(key);
}

/** `Events.Orders.Properties.BatchSize` -> `Orders event › BatchSize` (how a person reads a SAM event's setting). */
function label(property: string): string {
  return property.replace(/^Events\.([^.]+)\.Properties\./, '$1 event › ');
}

/**
 * `scenarioArg` (optional): a scenario to design from instead of the one built from the template, e.g. the
 * wizard's edited workload; validated like any untrusted input.
 */
export async function applyDesignToTemplate(uriArg: unknown, idArg: unknown, scenarioArg?: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Lambda Advisor: applying recommended values edits your template, which is turned off in an untrusted workspace. Trust the workspace to use it.');
    return;
  }
  const doc = await documentFor(uriArg);
  if (doc === undefined) {
    void vscode.window.showInformationMessage('Lambda Advisor: open a SAM or CloudFormation template first.');
    return;
  }
  const where = vscode.workspace.asRelativePath(doc.uri);
  const { sessionOf, pickFunction } = await import('./sessions.ts');
  const session = sessionOf(doc);
  const version = session.version;
  const picked = await pickFunction(doc, session, idArg, 'Apply the recommended values to which function?');
  if (picked === undefined) return;
  const plan = session.applyPlan(picked, scenarioArg);
  if (!plan.ok) {
    void vscode.window.showErrorMessage(`Lambda Advisor: ${plan.message}`);
    return;
  }
  const { fn, notes, result } = plan;
  // Ids and keys come from the template: a notification renders `[x](link)`, so they go through plainText.
  const { plainText } = await import('../../engine/markdown.ts');
  const id = plainText(fn.id);
  const skippedLines = result.skipped.map((s) => `Not changed: ${plainText(s.resource)} › ${plainText(label(s.property))} (recommended ${s.to}): ${s.reason}.`);
  if (result.edits.length === 0) {
    void vscode.window.showInformationMessage(
      `Lambda Advisor: ${id} already has the recommended values.${skippedLines.length > 0 ? ` ${skippedLines.join(' ')}` : ''}`,
    );
    return;
  }

  const preview = previewUri(doc, fn.id);
  previews.set(preview.toString(), plan.preview);
  changed.fire(preview);
  await vscode.commands.executeCommand('vscode.diff', doc.uri, preview, `${where} ↔ recommended values for ${id}`, { preview: true, preserveFocus: false });

  const n = result.changes.length;
  const detail = [
    ...result.changes.map((c) => `${plainText(c.resource)} › ${plainText(label(c.property))}: ${plainText(c.from ?? '(not set)')} → ${c.to}${c.note !== undefined ? ` (${c.note})` : ''}`),
    ...(skippedLines.length > 0 ? ['', ...skippedLines] : []),
    ...(notes ? ['', notes] : []),
  ].join('\n');
  const apply = `Apply ${n} change${n === 1 ? '' : 's'}`;
  const choice = await vscode.window.showInformationMessage(`Apply ${n} change${n === 1 ? '' : 's'} to ${id}?`, { modal: true, detail }, apply);
  if (choice !== apply) {
    await closePreview(preview);
    return;
  }
  if (doc.isClosed || doc.version !== version) {
    await closePreview(preview);
    void vscode.window.showWarningMessage(`Lambda Advisor: ${where} changed since the preview; nothing was applied. Run "Apply Recommended Values to Template…" again.`);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  const ok = await vscode.workspace.applyEdit(edit);
  await closePreview(preview);
  if (!ok) {
    void vscode.window.showErrorMessage(`Lambda Advisor: VS Code refused the edit to ${where}; nothing was changed.`);
    return;
  }
  await vscode.window.showTextDocument(doc, { preview: false });
  void import('../log.ts').then(({ log }) => log.info(`Applied ${n} recommended value(s) to ${fn.id} in ${doc.uri.toString()}:\n${detail}`));
  void vscode.window.showInformationMessage(`Lambda Advisor: applied ${n} change${n === 1 ? '' : 's'} to ${id} (one undo reverts them; the file is not saved yet).`);
}
