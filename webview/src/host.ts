/**
 * The only module that touches the VS Code webview API: `acquireVsCodeApi()` is called here, once
 * per page (calling it twice throws, and React StrictMode mounts components twice).
 */
import { Endpoint } from '../../src/protocol/endpoint.ts';
import { Log } from '../../src/protocol/messages.ts';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export const endpoint = new Endpoint({
  post: (m) => api.postMessage(m),
  log: (level, message) => {
    // Report to the host's output channel; never through the endpoint's own log (no loop).
    api.postMessage({ kind: 'notification', method: Log.method, params: { level, message: `host → wizard: ${message}`.slice(0, 4000) } });
  },
  timeoutMs: 10 * 60 * 1_000,
});

window.addEventListener('message', (event: MessageEvent<unknown>) => endpoint.handle(event.data));

export function getState(): unknown {
  return api.getState();
}

export function setState(state: unknown): void {
  api.setState(state);
}

export function log(level: 'info' | 'warn' | 'error', message: string): void {
  endpoint.sendNotification(Log, { level, message: message.slice(0, 4000) });
}
