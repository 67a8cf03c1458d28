/**
 * Read-only previews of generated files: `lambda-advisor-preview:/<token>/<path>` documents served
 * from memory, so a user can read a file before anything is written.
 */
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'lambda-advisor-preview';

const contents = new Map<string, string>();
let registered: vscode.Disposable | undefined;
let counter = 0;

/** Register the provider once (on first scaffold); disposed with the extension. */
export function ensurePreviewProvider(context: vscode.ExtensionContext): void {
  if (registered) return;
  registered = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
    provideTextDocumentContent: (uri) => contents.get(uri.path) ?? '(this preview is no longer available: run Scaffold from Scenario… again)',
  });
  context.subscriptions.push(registered, { dispose: () => contents.clear() });
}

/** A new preview session: its files get URIs under a fresh token, released by the returned dispose. */
export function previewSession(files: readonly { path: string; contents: string }[]): { uriOf: (path: string) => vscode.Uri; dispose: () => void } {
  const token = `scaffold-${++counter}`;
  const keys: string[] = [];
  for (const f of files) {
    const key = `/${token}/${f.path}`;
    contents.set(key, f.contents);
    keys.push(key);
  }
  return {
    uriOf: (path) => vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${token}/${path}` }),
    dispose: () => {
      for (const k of keys) contents.delete(k);
    },
  };
}
