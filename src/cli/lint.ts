/**
 * `lambda-advisor lint <template>… [--format text|json|sarif] [--fail-on error|warning|never]`
 *
 * Runs the template design rules over each file and prints the findings. Exit code: 1 when a finding
 * meets --fail-on (default error), 2 on bad arguments or an unreadable file, 0 otherwise.
 */
import { references } from '../engine/facts/index.ts';
// The modules themselves, not the templates barrel: lint needs neither hover nor the scenario schema.
import { jsonText, lintJson, type LintedFile } from '../engine/contracts.ts';
import { TemplateAnalysis } from '../engine/templates/analysis.ts';
import { RULES } from '../engine/templates/rules/index.ts';
import type { Severity } from '../engine/templates/types.ts';

export interface LintIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
}

type Format = 'text' | 'json' | 'sarif';
type FailOn = Severity | 'never';

const USAGE = 'Usage: lambda-advisor lint <template>… [--format text|json|sarif] [--fail-on error|warning|never]';

interface Args {
  files: string[];
  format: Format;
  failOn: FailOn;
}

function parseArgs(argv: readonly string[]): Args | string {
  const files: string[] = [];
  let format: Format = 'text';
  let failOn: FailOn = 'error';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq !== -1 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq !== -1 ? a.slice(eq + 1) : undefined;
    if (name === '--format' || name === '--fail-on') {
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
  return { files, format, failOn };
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
    results.push({ file, findings: r.findings, isTemplate: r.isTemplate, parseErrors: r.parseErrors.length });
    if (!r.isTemplate) io.stderr(`lambda-advisor lint: ${file} is not a CloudFormation or SAM template; skipped\n`);
    else if (r.parseErrors.length > 0) {
      const e = r.parseErrors[0];
      io.stderr(`lambda-advisor lint: ${file}:${(e?.range.line ?? 0) + 1}:${(e?.range.column ?? 0) + 1}: YAML/JSON error: ${e?.message ?? ''} (checked what parses)\n`);
    }
  }
  if (args.format === 'json') io.stdout(`${jsonText(lintJson(results))}\n`);
  else if (args.format === 'sarif') io.stdout(`${JSON.stringify(toSarif(results), null, 2)}\n`);
  else io.stdout(toText(results));
  if (unreadable) return 2;
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
