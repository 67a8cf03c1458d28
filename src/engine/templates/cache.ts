/**
 * One value per document version: computed the first time anyone asks for a version and reused until
 * the document changes; the template session cache (`session.ts`) is built on it. Evicted when the
 * document closes, or when more documents than `maxEntries` are kept (least recently used first).
 */

export interface Versioned<T> {
  readonly version: number;
  readonly value: T;
}

export class VersionCache<T> {
  readonly #entries = new Map<string, Versioned<T>>();

  /** `maxEntries`: the documents kept at most; the one used longest ago goes first (a backstop to `delete`). */
  constructor(
    private readonly compute: (text: string, version: number, uri: string, name?: string) => T,
    private readonly maxEntries = Number.POSITIVE_INFINITY,
  ) {}

  /** The value for this document version, computed from `text()` only when the version is new. */
  get(uri: string, version: number, text: () => string, name?: string): T {
    const hit = this.#entries.get(uri);
    if (hit !== undefined && hit.version === version) {
      // Most recently used last.
      this.#entries.delete(uri);
      this.#entries.set(uri, hit);
      return hit.value;
    }
    const value = this.compute(text(), version, uri, name);
    this.#entries.delete(uri);
    this.#entries.set(uri, { version, value });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    return value;
  }

  /** The cached entry, whatever its version (for checking a quick fix against the version it came from). */
  peek(uri: string): Versioned<T> | undefined {
    return this.#entries.get(uri);
  }

  delete(uri: string): void {
    this.#entries.delete(uri);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
