/** The scaffolder's public types: what a face asks for and what it gets back. */

export type IacDialect = 'sam' | 'cdk' | 'terraform';
export type HandlerLanguage = 'typescript' | 'python';

export interface ScaffoldOptions {
  readonly iac: IacDialect;
  readonly language: HandlerLanguage;
}

export type ScaffoldRole = 'handler' | 'test' | 'event' | 'iac' | 'config' | 'readme';

export interface ScaffoldFile {
  /** Relative POSIX path inside the target folder (never absolute, never `..`). */
  readonly path: string;
  readonly contents: string;
  readonly role: ScaffoldRole;
}

/** A design the scaffolder cannot turn into a deployable project; the message names the field. */
export class ScaffoldError extends Error {
  constructor(
    /** Dotted path of the design field at fault, e.g. `errorHandling.queue.visibilityTimeoutSeconds`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ScaffoldError';
  }
}
