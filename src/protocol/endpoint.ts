/**
 * One end of the conversation, the same on both sides: sends requests and awaits their responses,
 * answers requests with registered handlers, dispatches notifications. Every incoming message is
 * checked (envelope, then params or result) before a handler sees it; anything else is reported to
 * `log` and ignored. Transport-agnostic: the host passes `webview.postMessage`, the webview
 * `vscode.postMessage`.
 */
import {
  parseEnvelope,
  type Envelope,
  type NotificationType,
  type RequestType,
} from './rpc.ts';

export interface EndpointOptions {
  readonly post: (message: Envelope) => void;
  readonly log: (level: 'warn' | 'error', message: string) => void;
  /** Milliseconds before an unanswered request fails. */
  readonly timeoutMs?: number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

type Handler = (params: unknown) => unknown;

interface Pending {
  readonly method: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly validate: RequestType<unknown, unknown>['result'];
  readonly timer: unknown;
}

export class Endpoint {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly requestHandlers = new Map<string, { guard: RequestType<unknown, unknown>['params']; handler: Handler }>();
  private readonly notificationHandlers = new Map<string, { guard: NotificationType<unknown>['params']; handler: Handler }>();

  constructor(private readonly options: EndpointOptions) {}

  onRequest<P, R>(type: RequestType<P, R>, handler: (params: P) => R | Promise<R>): void {
    this.requestHandlers.set(type.method, { guard: type.params, handler: handler as Handler });
  }

  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): void {
    this.notificationHandlers.set(type.method, { guard: type.params, handler: handler as Handler });
  }

  sendRequest<P, R>(type: RequestType<P, R>, params: P): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const setTimer = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
      const timer =
        this.options.timeoutMs === undefined
          ? undefined
          : setTimer(() => {
              this.pending.delete(id);
              reject(new Error(`${type.method}: no answer within ${this.options.timeoutMs} ms`));
            }, this.options.timeoutMs);
      this.pending.set(id, {
        method: type.method,
        resolve: resolve as (v: unknown) => void,
        reject,
        validate: type.result as RequestType<unknown, unknown>['result'],
        timer,
      });
      this.options.post({ kind: 'request', id, method: type.method, params });
    });
  }

  sendNotification<P>(type: NotificationType<P>, params: P): void {
    this.options.post({ kind: 'notification', method: type.method, params });
  }

  /** Feed one incoming message. Never throws. */
  handle(data: unknown): void {
    const env = parseEnvelope(data);
    if (!env.ok) {
      this.options.log('warn', `Ignored a malformed message: ${env.error}`);
      return;
    }
    const m = env.value;
    if (m.kind === 'response') {
      const p = this.pending.get(m.id);
      if (!p) {
        this.options.log('warn', `Ignored a response to unknown request ${m.id}`);
        return;
      }
      this.pending.delete(m.id);
      if (p.timer !== undefined) (this.options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(p.timer);
      if (!m.ok) {
        p.reject(new Error(m.error ?? 'failed'));
        return;
      }
      const r = p.validate(m.result);
      if (!r.ok) {
        this.options.log('warn', `Ignored a malformed result of ${p.method}: ${r.error}`);
        p.reject(new Error(`${p.method}: malformed result: ${r.error}`));
        return;
      }
      p.resolve(r.value);
      return;
    }
    if (m.kind === 'notification') {
      const h = this.notificationHandlers.get(m.method);
      if (!h) {
        this.options.log('warn', `Ignored an unknown notification "${m.method}"`);
        return;
      }
      const r = h.guard(m.params);
      if (!r.ok) {
        this.options.log('warn', `Ignored a malformed ${m.method} notification: params ${r.error}`);
        return;
      }
      try {
        const out = h.handler(r.value);
        if (out instanceof Promise) out.catch((e: unknown) => this.options.log('error', `${m.method} failed: ${errorText(e)}`));
      } catch (e) {
        this.options.log('error', `${m.method} failed: ${errorText(e)}`);
      }
      return;
    }
    const h = this.requestHandlers.get(m.method);
    if (!h) {
      this.options.log('warn', `Ignored an unknown request "${m.method}"`);
      this.options.post({ kind: 'response', id: m.id, ok: false, error: `unknown method ${m.method}` });
      return;
    }
    const r = h.guard(m.params);
    if (!r.ok) {
      this.options.log('warn', `Ignored a malformed ${m.method} request: params ${r.error}`);
      this.options.post({ kind: 'response', id: m.id, ok: false, error: `params ${r.error}` });
      return;
    }
    Promise.resolve()
      .then(() => h.handler(r.value))
      .then(
        (result) => this.options.post({ kind: 'response', id: m.id, ok: true, result }),
        (e: unknown) => {
          this.options.log('error', `${m.method} failed: ${errorText(e)}`);
          this.options.post({ kind: 'response', id: m.id, ok: false, error: errorText(e) });
        },
      )
      .catch((e: unknown) => this.options.log('error', `posting the answer to ${m.method} failed: ${errorText(e)}`));
  }

  /** Fail every request still waiting (the other side went away). */
  dispose(): void {
    for (const [id, p] of this.pending) {
      p.reject(new Error(`${p.method}: the other side closed`));
      this.pending.delete(id);
    }
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
