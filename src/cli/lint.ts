/**
 * `lambda-advisor lint <template>… [--format text|json|sarif] [--fail-on error|warning|never]`
 *
 * Runs the template design rules over each file and prints the findings (or writes them to --output FILE,
 * atomically, for CI). A rule that throws is named on stderr and the others still run. Exit code: 1 when a
 * finding meets --fail-on (default error), when a rule failed, or when the report could not be written;
 * 2 on bad arguments or an unreadable file; 0 otherwise.
 */
import { lstat, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { references } from '../engine/facts/index.ts';
// The modules themselves, not the templates barrel: lint needs neither hover nor the scenario schema.
import { jsonText, lintJson, type LintedFile } from '../engine/contracts.ts';
import { writeFileAtomic } from '../node/transaction.ts';
import { TemplateAnalysis } from '../engine/templates/analysis.ts';
import { RULES } from '../engine/templates/rules/index.ts';
import type { Severity } from '../engine/templates/types.ts';

export interface LintIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
  /** Writes the report for `--output` (default: atomically, a temporary file beside it and a rename). */
  writeFile?: (path: string, text: string) => Promise<void>;
}

type Format = 'text' | 'json' | 'sarif';
type FailOn = Severity | 'never';

const USAGE = 'Usage: lambda-advisor lint <template>… [--format text|json|sarif] [--fail-on error|warning|never] [--output FILE]';

interface Args {
  files: string[];
  format: Format;
  failOn: FailOn;
  output: string | undefined;
}

function parseArgs(argv: readonly string[]): Args | string {
  const files: string[] = [];
  let format: Format = 'text';
  let failOn: FailOn = 'error';
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq !== -1 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq !== -1 ? a.slice(eq + 1) : undefined;
    if (name === '--output' || name === '-o') {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || v.startsWith('-')) return '--output needs a file name';
      if (v.includes('\0')) return '--output contains a NUL character';
      output = v;
    } else if (name === '--format' || name === '--fail-on') {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') return `${name} needs a value`;
      if (name === '--format') {
        if (v !== 'text' && v !== 'json' && v !== 'sarif') return `--format must be text, json or sarif (got "${v}")`;
        format = v;
      } else {
        if (v !== 'error' && v !== 'warning' && v !== 'info' && v !== 'never') return `--fail-on must be error, warning or never (got "${v}")`;
        failOn = v;
      }
    } else if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option "${a}"`;
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) return 'no template given';
  return { files, format, failOn, output };
}

/** Write the report (for CI: all of it or nothing, never through a link). Returns why it failed. */
async function writeReport(path: string, report: string, io: LintIo): Promise<string | undefined> {
  try {
    const st = await lstat(path).catch((err: unknown) => ((err as { code?: string }).code === 'ENOENT' ? null : Promise.reject(err)));
    if (st?.isDirectory()) return 'it is a folder';
    if (st?.isSymbolicLink()) return 'it is a symbolic link (reports are never written through links)';
    const dir = dirname(resolve(path));
    const parent = await stat(dir).catch(() => null);
    if (parent === null || !parent.isDirectory()) return `the folder ${dirname(path)} does not exist`;
    await (io.writeFile ?? writeFileAtomic)(path, report);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

type FileFindings = LintedFile;

export async function runLint(argv: string[], io: LintIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`lambda-advisor lint: ${args}\n${USAGE}\n`);
    return 2;
  }
  const results: FileFindings[] = [];
  let unreadable = false;
  let ruleFailed = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (err) {
      const code = (err as { code?: string }).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : err instanceof Error ? err.message : String(err);
      io.stderr(`lambda-advisor lint: cannot read ${file}: ${why}\n`);
      unreadable = true;
      continue;
    }
    // The document half of the editor's template session: one parse, the findings from it (without the
    // cost model and the recommendation, which lint does not need).
    const r = new TemplateAnalysis({ uri: file, version: 0, text, name: file }).lint();
    for (const e of r.ruleErrors) {
      const rule = RULES.find((x) => x.id === e.ruleId);
      io.stderr(`lambda-advisor lint: rule ${e.ruleId}${rule !== undefined ? ` (${rule.name})` : ''} failed on ${file}: ${e.message}; the other rules ran (please report this)\n`);
      ruleFailed = true;
    }
    results.push({ file, findings: r.findings, isTemplate: r.isTemplate, parseErrors: r.parseErrors.length });
    if (!r.isTemplate) io.stderr(`lambda-advisor lint: ${file} is not a CloudFormation or SAM template; skipped\n`);
    else if (r.parseErrors.length > 0) {
      const e = r.parseErrors[0];
      io.stderr(`lambda-advisor lint: ${file}:${(e?.range.line ?? 0) + 1}:${(e?.range.column ?? 0) + 1}: YAML/JSON error: ${e?.message ?? ''} (checked what parses)\n`);
    }
  }
  const report = args.format === 'json' ? `${jsonText(lintJson(results))}\n` : args.format === 'sarif' ? `${JSON.stringify(toSarif(results), null, 2)}\n` : toText(results);
  if (args.output === undefined) io.stdout(report);
  else {
    const problem = await writeReport(args.output, report, io);
    if (problem !== undefined) {
      io.stderr(`lambda-advisor lint: could not write the report to ${args.output}: ${problem}; no report was written\n`);
      return 1;
    }
  }
  if (unreadable) return 2;
  if (ruleFailed) return 1;
  if (args.failOn === 'never') return 0;
  const threshold = RANK[args.failOn];
  return results.some((r) => r.findings.some((f) => RANK[f.severity] >= threshold)) ? 1 : 0;
}

function toText(results: readonly FileFindings[]): string {
  const lines: string[] = [];
  let count = 0;
  for (const r of results) {
    for (const f of r.findings) {
      count++;
      lines.push(`${r.file}:${f.range.line + 1}:${f.range.column + 1} ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  const files = results.filter((r) => r.isTemplate).length;
  lines.push(count === 0 ? `No findings in ${files} template${files === 1 ? '' : 's'}.` : `${count} finding${count === 1 ? '' : 's'} in ${files} template${files === 1 ? '' : 's'}.`);
  return `${lines.join('\n')}\n`;
}

const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 as GitHub code scanning reads it (rules with help, results with 1-based regions). */
function toSarif(results: readonly FileFindings[]): unknown {
  const rules = RULES.map((r) => {
    const refs = references(...r.sources);
    return {
      id: r.id,
      name: r.name,
      shortDescription: { text: r.summary },
      fullDescription: { text: r.help },
      ...(refs[0] !== undefined ? { helpUri: refs[0].url } : {}),
      help: { text: r.help, markdown: `${r.help}\n\nSources:\n${refs.map((s) => `- [${s.title}](${s.url})`).join('\n')}` },
      defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
      properties: { tags: ['lambda', 'design'] },
    };
  });
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'lambda-advisor', rules } },
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId) ?? 0,
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(r.file) },
                  region: {
                    startLine: f.range.line + 1,
                    startColumn: f.range.column + 1,
                    endLine: f.range.endLine + 1,
                    endColumn: f.range.endColumn + 1,
                  },
                },
                logicalLocations: [{ name: f.resource, fullyQualifiedName: `${f.resource}.${f.property}`, kind: 'resource' }],
              },
            ],
            partialFingerprints: { 'lambdaAdvisor/v1': `${f.ruleId}:${f.resource}:${f.property}` },
          })),
        ),
      },
    ],
  };
}

/** A relative path as a SARIF URI (forward slashes, no leading ./). */
function toUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}
