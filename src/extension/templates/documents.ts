/** The template document a command was invoked on: its URI argument (from a CodeLens) or the active editor. */
import * as vscode from 'vscode';

export async function documentFor(uriArg: unknown): Promise<vscode.TextDocument | undefined> {
  if (uriArg === undefined || uriArg === null) return vscode.window.activeTextEditor?.document;
  let uri: vscode.Uri;
  if (uriArg instanceof vscode.Uri) uri = uriArg;
  else if (typeof uriArg === 'string') {
    try {
      uri = vscode.Uri.parse(uriArg, true);
    } catch {
      throw new Error(`"${uriArg.slice(0, 200)}" is not a document URI.`);
    }
  } else throw new Error('The first argument must be the template document URI.');
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
}
