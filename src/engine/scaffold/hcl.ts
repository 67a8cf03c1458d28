/**
 * A small HCL (Terraform) emitter. Strings are quoted and escaped (`"`, `\`, control characters,
 * and the template sequences `${` and `%{`), so any value stays a literal. The layout is what
 * `terraform fmt` writes: two-space indents, and the `=` of consecutive one-line attributes aligned.
 */

/** A raw HCL expression (a reference like `aws_sqs_queue.source.arn` or a function call). */
export class Expr {
  constructor(readonly code: string) {}
}
export const expr = (code: string): Expr => new Expr(code);

/** A function call whose arguments are HCL values, e.g. `jsonencode({...})`. */
export class Call {
  constructor(
    readonly name: string,
    readonly args: readonly HclValue[],
  ) {}
}
export const call = (name: string, ...args: HclValue[]): Call => new Call(name, args);

export type HclValue = string | number | boolean | null | Expr | Call | HclValue[] | { [key: string]: HclValue | undefined };

export interface Block {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
}
/** Attributes (`name = value`) and nested blocks, in order. */
export type Body = Array<[string, HclValue | undefined] | Block>;

export const block = (type: string, labels: readonly string[], body: Body): Block => ({ type, labels, body });

export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  // Template sequences stay literal. (A function replacement: in a replacement string `$$` means `$`.)
  out = out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
  return `${out}"`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function value(v: HclValue, indent: string): string {
  if (v instanceof Expr) return v.code;
  if (v instanceof Call) return `${v.name}(${v.args.map((a) => value(a, indent)).join(', ')})`;
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} in HCL`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${inner}${value(x, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v).filter((e): e is [string, HclValue] => e[1] !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${aligned(entries.map(([k, x]) => [IDENT.test(k) ? k : quote(k), value(x, inner)]), inner).join('\n')}\n${indent}}`;
}

/**
 * `name = value` lines as `terraform fmt` lays them out: in each run of consecutive one-line
 * attributes, the `=` signs line up one space after the longest name. A multi-line value (its first
 * line opens a bracket) ends the run, as a nested block does.
 */
function aligned(attributes: ReadonlyArray<readonly [string, string]>, indent: string): string[] {
  const lines: string[] = [];
  let run: Array<readonly [string, string]> = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([name]) => name.length));
    for (const [name, v] of run) lines.push(`${indent}${name.padEnd(width)} = ${v}`);
    run = [];
  };
  for (const [name, v] of attributes) {
    if (v.includes('\n')) {
      flush();
      lines.push(`${indent}${name} = ${v}`);
    } else {
      run.push([name, v]);
    }
  }
  flush();
  return lines;
}

function body(b: Body, indent: string): string {
  const lines: string[] = [];
  let attributes: Array<readonly [string, string]> = [];
  for (const item of b) {
    if (Array.isArray(item)) {
      const [name, v] = item;
      if (v === undefined) continue;
      if (!IDENT.test(name)) throw new Error(`invalid HCL attribute name ${name}`);
      attributes.push([name, value(v, indent)]);
    } else {
      lines.push(...aligned(attributes, indent), renderBlock(item, indent));
      attributes = [];
    }
  }
  lines.push(...aligned(attributes, indent));
  return lines.join('\n');
}

export function renderBlock(b: Block, indent = ''): string {
  const head = [b.type, ...b.labels.map(quote)].join(' ');
  const inner = body(b.body, `${indent}  `);
  return inner === '' ? `${indent}${head} {}` : `${indent}${head} {\n${inner}\n${indent}}`;
}

export function renderFile(blocks: readonly Block[], comment: string): string {
  const header = comment
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n');
  return `${header}\n\n${blocks.map((b) => renderBlock(b)).join('\n\n')}\n`;
}
