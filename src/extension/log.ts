/** The "Lambda Advisor" output channel, created on first use (nothing at activation). */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

function out(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Lambda Advisor', { log: true });
  return channel;
}

export const log = {
  info: (message: string) => out().info(message),
  warn: (message: string) => out().warn(message),
  error: (message: string) => out().error(message),
};

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
