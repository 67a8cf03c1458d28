/**
 * The JSON contracts the faces print: `recommend --json` (the design), `cost --json` (the bill) and
 * `lint --format json` (the findings). One builder each, so the CLI, the MCP server and the VS Code
 * language-model tools return the same object for the same input.
 */
import type { Bill, Design } from './design.ts';
import type { Finding } from './templates/types.ts';

/** The design as `recommend --json` prints it: the design object itself (it carries schemaVersion). */
export function designJson(design: Design): Design {
  return design;
}

/** The bill as `cost --json` prints it: currency, region, pricesAsOf, total and lines first, then the rest. */
export function billJson(bill: Bill): Bill {
  const { currency, region, pricesAsOf, total, lines, ...rest } = bill;
  return { currency, region, pricesAsOf, total, lines, ...rest };
}

/** One linted file: what `lint` reports for it. */
export interface LintedFile {
  /** The file as the user named it (printed as is). */
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly isTemplate: boolean;
  readonly parseErrors: number;
}

/** One finding of `lint --format json`, with 1-based line and column. */
export interface LintJsonFinding {
  readonly ruleId: string;
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly resource: string;
  readonly property: string;
}

/** The findings as `lint --format json` prints them. */
export function lintJson(results: readonly LintedFile[]): { findings: LintJsonFinding[] } {
  return {
    findings: results.flatMap((r) =>
      r.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        file: r.file,
        line: f.range.line + 1,
        column: f.range.column + 1,
        resource: f.resource,
        property: f.property,
      })),
    ),
  };
}

/** The text of a JSON contract: two-space indentation, as the CLI prints it. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
