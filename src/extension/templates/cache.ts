/**
 * One analysis per document version: the parse, the findings and the line starts are computed the first
 * time a provider asks for a version and reused by every other provider (hover, diagnostics, code
 * actions, CodeLens) until the document changes. Evicted when the document closes. No `vscode` here.
 */

export interface Versioned<T> {
  readonly version: number;
  readonly value: T;
}

export class VersionCache<T> {
  readonly #entries = new Map<string, Versioned<T>>();

  constructor(private readonly compute: (text: string, version: number) => T) {}

  /** The value for this document version, computed from `text()` only when the version is new. */
  get(uri: string, version: number, text: () => string): T {
    const hit = this.#entries.get(uri);
    if (hit !== undefined && hit.version === version) return hit.value;
    const value = this.compute(text(), version);
    this.#entries.set(uri, { version, value });
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
