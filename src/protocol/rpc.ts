/**
 * The wire format between the extension host and the webview, and the typed descriptors messages
 * are declared with. Plain JSON only. Imports nothing from vscode or the DOM: both sides use it.
 *
 *   request       { kind: 'request', id, method, params }        answered by exactly one response
 *   response      { kind: 'response', id, ok: true, result } | { kind: 'response', id, ok: false, error }
 *   notification  { kind: 'notification', method, params }       no answer
 *
 * Every descriptor carries a guard for its params (and, for a request, its result). A side checks a
 * message's envelope with `parseEnvelope`, then its params with the descriptor's guard, before any
 * handler sees it; a message that fails either is logged and ignored.
 */

/** A guard: returns the value typed when it is well-formed, or a sentence saying what is wrong. */
export type Guard<T> = (value: unknown) => { ok: true; value: T } | { ok: false; error: string };

export interface RequestType<P, R> {
  readonly kind: 'request';
  readonly method: string;
  readonly params: Guard<P>;
  readonly result: Guard<R>;
}

export interface NotificationType<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly params: Guard<P>;
}

export function request<P, R>(method: string, params: Guard<P>, result: Guard<R>): RequestType<P, R> {
  return { kind: 'request', method, params, result };
}

export function notification<P>(method: string, params: Guard<P>): NotificationType<P> {
  return { kind: 'notification', method, params };
}

export type ParamsOf<T> = T extends RequestType<infer P, unknown> ? P : T extends NotificationType<infer P> ? P : never;
export type ResultOf<T> = T extends RequestType<unknown, infer R> ? R : never;

export interface RequestMessage {
  readonly kind: 'request';
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
}
export interface ResponseMessage {
  readonly kind: 'response';
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}
export interface NotificationMessage {
  readonly kind: 'notification';
  readonly method: string;
  readonly params: unknown;
}
export type Envelope = RequestMessage | ResponseMessage | NotificationMessage;

const METHOD = /^[a-z][A-Za-z]*\/[a-z][A-Za-z]*$/;
/** Messages bigger than this are refused before parsing their params (a scenario is a few KB). */
export const MAX_MESSAGE_CHARS = 1_000_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Check the envelope of an incoming message (not its params). */
export function parseEnvelope(data: unknown): { ok: true; value: Envelope } | { ok: false; error: string } {
  if (!isRecord(data)) return { ok: false, error: 'a message must be a JSON object' };
  let size: number;
  try {
    size = JSON.stringify(data).length;
  } catch {
    return { ok: false, error: 'a message must be plain JSON' };
  }
  if (size > MAX_MESSAGE_CHARS) return { ok: false, error: `a message must be at most ${MAX_MESSAGE_CHARS} characters of JSON` };
  const kind = data['kind'];
  if (kind === 'request' || kind === 'notification') {
    const method = data['method'];
    if (typeof method !== 'string' || !METHOD.test(method)) return { ok: false, error: `${kind}: "method" must look like "area/name"` };
    if (kind === 'request') {
      if (!isId(data['id'])) return { ok: false, error: 'request: "id" must be a non-negative whole number' };
      return { ok: true, value: { kind, id: data['id'], method, params: data['params'] } };
    }
    return { ok: true, value: { kind, method, params: data['params'] } };
  }
  if (kind === 'response') {
    if (!isId(data['id'])) return { ok: false, error: 'response: "id" must be a non-negative whole number' };
    const ok = data['ok'];
    if (ok === true) return { ok: true, value: { kind, id: data['id'], ok, result: data['result'] } };
    if (ok === false) {
      const error = data['error'];
      if (typeof error !== 'string') return { ok: false, error: 'response: a failed response needs an "error" string' };
      return { ok: true, value: { kind, id: data['id'], ok, error } };
    }
    return { ok: false, error: 'response: "ok" must be true or false' };
  }
  return { ok: false, error: '"kind" must be "request", "response" or "notification"' };
}

// ---- small guard combinators (no dependency; both bundles stay lean) ----

type Ok<T> = { ok: true; value: T };
const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
const fail = (error: string) => ({ ok: false as const, error });

export const g = {
  unknown: ((v: unknown) => ok(v)) as Guard<unknown>,
  string(opts: { max?: number; min?: number; pattern?: RegExp } = {}): Guard<string> {
    return (v) => {
      if (typeof v !== 'string') return fail('must be a string');
      if (opts.min !== undefined && v.length < opts.min) return fail(`must be at least ${opts.min} characters`);
      if (opts.max !== undefined && v.length > opts.max) return fail(`must be at most ${opts.max} characters`);
      if (opts.pattern && !opts.pattern.test(v)) return fail('has an unexpected form');
      return ok(v);
    };
  },
  boolean: ((v: unknown) => (typeof v === 'boolean' ? ok(v) : fail('must be true or false'))) as Guard<boolean>,
  literal<const T extends string | number | boolean>(...values: readonly T[]): Guard<T> {
    return (v) => ((values as readonly unknown[]).includes(v) ? ok(v as T) : fail(`must be one of: ${values.join(', ')}`));
  },
  integer(min: number, max: number): Guard<number> {
    return (v) =>
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? ok(v) : fail(`must be a whole number from ${min} to ${max}`);
  },
  nullable<T>(inner: Guard<T>): Guard<T | null> {
    return (v) => (v === null ? ok(null) : inner(v));
  },
  /** Any JSON object (its content is checked by the receiver, e.g. `parseScenario`). */
  object: ((v: unknown) => (isRecord(v) ? ok(v) : fail('must be an object'))) as Guard<Record<string, unknown>>,
  struct<T extends Record<string, unknown>>(fields: { [K in keyof T]-?: Guard<T[K]> }, optional: readonly (keyof T)[] = []): Guard<T> {
    return (v) => {
      if (!isRecord(v)) return fail('must be an object');
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        if (!Object.hasOwn(fields, key)) return fail(`has an unknown field "${key}"`);
      }
      for (const key of Object.keys(fields) as (keyof T & string)[]) {
        const value = v[key];
        if (value === undefined) {
          if (optional.includes(key)) continue;
          return fail(`"${key}" is required`);
        }
        const r = fields[key](value);
        if (!r.ok) return fail(`"${key}" ${r.error}`);
        out[key] = r.value;
      }
      return ok(out as T);
    };
  },
  array<T>(inner: Guard<T>, max: number): Guard<T[]> {
    return (v) => {
      if (!Array.isArray(v)) return fail('must be a list');
      if (v.length > max) return fail(`must have at most ${max} items`);
      const out: T[] = [];
      for (let i = 0; i < v.length; i++) {
        const r = inner(v[i]);
        if (!r.ok) return fail(`[${i}] ${r.error}`);
        out.push(r.value);
      }
      return ok(out);
    };
  },
};
