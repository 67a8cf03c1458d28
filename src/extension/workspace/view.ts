/**
 * The "Lambda Advisor" view in the Explorer: every template of the workspace, its functions with their
 * monthly cost and their findings; selecting an item opens the resource. And the status bar item of
 * the active template ("≈ $X/mo · N findings"), which opens the view. Loaded on first use (the view
 * shown, or a template opened); refreshed when a template is saved, created or deleted.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../protocol/commands.ts';
import { lensDefaults, sessionOf } from '../templates/sessions.ts';
import { costLabel, findingsLabel, sessionOfText, statusText, templateNode, type Node, type TemplateNode } from '../../engine/templates/overview.ts';

/** Where templates may be; what is never one (dependencies, build output). */
const INCLUDE = '**/*.{yaml,yml,json,template}';
const EXCLUDE = '**/{node_modules,.git,.aws-sam,cdk.out,dist,build,.terraform,test-output}/**';
const MAX_FILES = 500;
/** Larger files are not read as templates (a template is well below this). */
const MAX_BYTES = 1_048_576;

function quickTest(text: string): boolean {
  return text.includes('AWS::') || text.includes('AWSTemplateFormatVersion');
}

async function nodeOf(uri: vscode.Uri): Promise<TemplateNode | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open !== undefined) return quickTest(open.getText()) ? templateNode(sessionOf(open)) : undefined;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_BYTES) return undefined;
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  if (!quickTest(text)) return undefined;
  return templateNode(sessionOfText(uri.toString(), vscode.workspace.asRelativePath(uri), text, stat.mtime, lensDefaults()));
}

export class TemplatesProvider implements vscode.TreeDataProvider<Node> {
  readonly #changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #templates: Promise<TemplateNode[]> | undefined;

  refresh(): void {
    this.#templates = undefined;
    this.#changed.fire(undefined);
  }

  templates(): Promise<TemplateNode[]> {
    return (this.#templates ??= (async () => {
      const uris = await vscode.workspace.findFiles(INCLUDE, EXCLUDE, MAX_FILES);
      const nodes = await Promise.all(uris.map((u) => nodeOf(u).catch(() => undefined)));
      return nodes.filter((n): n is TemplateNode => n !== undefined).sort((a, b) => a.name.localeCompare(b.name));
    })());
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node === undefined) return this.templates();
    if (node.kind === 'template') return [...node.functions, ...node.otherFindings];
    if (node.kind === 'function') return [...node.findings];
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const uri = vscode.Uri.parse(node.uri);
    switch (node.kind) {
      case 'template': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.resourceUri = uri;
        item.description = statusText(node);
        item.tooltip = `${node.name}: ${node.functions.length} function${node.functions.length === 1 ? '' : 's'}, ${statusText(node)} a month${node.assumed ? ' (some workloads assumed: attach a scenario in Metadata.LambdaAdvisor)' : ''}`;
        item.contextValue = 'lambdaAdvisor.template';
        item.iconPath = new vscode.ThemeIcon('file-code');
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
        return item;
      }
      case 'function': {
        const item = new vscode.TreeItem(node.id, node.findings.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = `${costLabel(node.totalUsd, node.assumed)}${node.findings.length > 0 ? ` · ${findingsLabel(node.findings.length)}` : ''}`;
        item.tooltip = `${node.costTitle}\n\n${node.costTooltip}`;
        item.contextValue = 'lambdaAdvisor.function';
        item.iconPath = new vscode.ThemeIcon('symbol-function');
        item.command = { command: COMMANDS.revealResource, title: 'Open the resource', arguments: [node.uri, node.offset, node.offset] };
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.message.length > 120 ? `${f.message.slice(0, 117)}…` : f.message, vscode.TreeItemCollapsibleState.None);
        item.description = `${f.ruleId}${f.resource ? ` · ${f.resource}` : ''}`;
        item.tooltip = f.message;
        item.contextValue = 'lambdaAdvisor.finding';
        item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info');
        item.command = { command: COMMANDS.revealResource, title: 'Open the finding', arguments: [node.uri, f.range.start, f.range.end] };
        return item;
      }
    }
  }
}

/** Open a document at an offset range (the tree's selection). */
export async function revealResource(uriArg: unknown, start: unknown, end: unknown): Promise<void> {
  if (typeof uriArg !== 'string' || typeof start !== 'number') return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriArg));
  const from = doc.positionAt(start);
  const to = doc.positionAt(typeof end === 'number' ? end : start);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(from, to), preview: true });
}

/** The status bar text for a document, or undefined when it is not a template with a function. */
export function statusFor(doc: vscode.TextDocument): { text: string; tooltip: string } | undefined {
  if (!quickTest(doc.getText())) return undefined;
  const node = templateNode(sessionOf(doc));
  if (node === undefined) return undefined;
  return {
    text: `$(symbol-function) ${statusText(node)}`,
    tooltip: `Lambda Advisor: ${node.functions.length} function${node.functions.length === 1 ? '' : 's'} in ${node.name}${node.assumed ? ' (some workloads assumed)' : ''}. Click to open the Lambda Advisor view.`,
  };
}

/** What a context action receives: a function node (the tree passes the element). */
export function functionArgs(node: unknown): [string, string] | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const n = node as Partial<Node>;
  return n.kind === 'function' && typeof n.uri === 'string' && typeof (n as { id?: unknown }).id === 'string' ? [n.uri, (n as { id: string }).id] : undefined;
}

/** The scaffold's input for a function node: the scenario built from it (attached, or assumed). */
export async function scenarioOfNode(node: unknown): Promise<{ scenario: unknown } | undefined> {
  const args = functionArgs(node);
  if (args === undefined) return undefined;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args[0]));
  const session = sessionOf(doc);
  const fn = session.fn(args[1]);
  if (fn === undefined) return undefined;
  const r = session.scenarioFor(fn);
  return r.ok ? { scenario: r.request.scenario } : undefined;
}
