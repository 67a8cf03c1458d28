/**
 * Registers the workspace view and the status bar item at activation, cheaply: the view's provider and
 * the engine load when the view is first shown (VS Code then asks for its children) or when a template
 * becomes the active editor; nothing is parsed before.
 */
import * as vscode from 'vscode';
import { COMMANDS, WORKSPACE_VIEW } from '../../protocol/commands.ts';
import type * as ViewModule from './view.ts';
import type { Node } from '../../engine/templates/overview.ts';

type View = typeof ViewModule;
let loading: Promise<View> | undefined;
const load = (): Promise<View> => (loading ??= import('./view.ts'));

const LANGUAGES = new Set(['yaml', 'json']);
function mightBeTemplate(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  if (doc === undefined || !LANGUAGES.has(doc.languageId)) return false;
  const text = doc.getText();
  return text.includes('AWS::') || text.includes('AWSTemplateFormatVersion');
}

export function registerWorkspaceView(context: vscode.ExtensionContext): void {
  let provider: ViewModule.TemplatesProvider | undefined;
  const changed = new vscode.EventEmitter<undefined>();
  // A thin provider: the real one (and the engine) is created on the first question.
  const lazy: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    async getChildren(node?: Node) {
      const v = await load();
      provider ??= new v.TemplatesProvider();
      return provider.getChildren(node);
    },
    getTreeItem(node: Node) {
      // getChildren ran first, so the provider exists.
      return provider!.getTreeItem(node);
    },
  };
  const tree = vscode.window.createTreeView(WORKSPACE_VIEW, { treeDataProvider: lazy, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('lambdaAdvisor.status', vscode.StatusBarAlignment.Right, 100);
  status.command = `${WORKSPACE_VIEW}.focus`;

  const refreshTree = (): void => {
    if (provider === undefined) return;
    provider.refresh();
    changed.fire(undefined);
  };
  const updateStatus = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!mightBeTemplate(doc)) {
      status.hide();
      return;
    }
    void load()
      .then((v) => {
        const s = v.statusFor(doc);
        if (s === undefined || vscode.window.activeTextEditor?.document !== doc) {
          if (s === undefined) status.hide();
          return;
        }
        status.text = s.text;
        status.tooltip = s.tooltip;
        status.show();
      })
      .catch(() => status.hide());
  };

  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,template}');
  const run = (what: string, f: () => Promise<void>) => f().catch((e: unknown) => vscode.window.showErrorMessage(`Lambda Advisor: ${what} failed: ${e instanceof Error ? e.message : String(e)}`));
  context.subscriptions.push(
    tree,
    status,
    changed,
    watcher,
    watcher.onDidCreate(refreshTree),
    watcher.onDidDelete(refreshTree),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (mightBeTemplate(doc)) refreshTree();
      if (doc === vscode.window.activeTextEditor?.document) updateStatus();
    }),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('lambdaAdvisor')) return;
      refreshTree();
      updateStatus();
    }),
    vscode.commands.registerCommand(COMMANDS.refreshWorkspaceView, async () => {
      refreshTree();
      // Also the walkthrough's "Open the View": show it (VS Code's own focus command for the view).
      await vscode.commands.executeCommand(`${WORKSPACE_VIEW}.focus`);
    }),
    vscode.commands.registerCommand(COMMANDS.revealResource, (uri: unknown, start: unknown, end: unknown) => run('Open the resource', async () => (await load()).revealResource(uri, start, end))),
    vscode.commands.registerCommand(COMMANDS.treeAdvise, (node: unknown) =>
      run('Advise on this Function', async () => {
        const args = (await load()).functionArgs(node);
        if (args) await vscode.commands.executeCommand(COMMANDS.adviseFunction, ...args);
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.treeApply, (node: unknown) =>
      run('Apply Recommended Values', async () => {
        const args = (await load()).functionArgs(node);
        if (args) await vscode.commands.executeCommand(COMMANDS.applyDesignToTemplate, ...args);
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.treeScaffold, (node: unknown) =>
      run('Scaffold', async () => {
        const arg = await (await load()).scenarioOfNode(node);
        await vscode.commands.executeCommand(COMMANDS.scaffold, arg);
      }),
    ),
  );
  updateStatus();
}
