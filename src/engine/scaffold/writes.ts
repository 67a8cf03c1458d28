/**
 * Writing scaffolded files into a folder that may already hold some of them (pure: no vscode, no fs):
 * which generated files already exist, what the user may do with each, the name of a file written
 * beside an existing one, and the list of writes that results. The editor's Scaffold from Scenario…
 * runs it; an insertion into an existing template.yaml is that document's `TemplateSession.insertPlan`.
 */
import { checkScaffoldPath, type IacDialect, type ScaffoldFile } from './index.ts';
import { insertIntoTemplate, type InsertResult, type TextInsertion } from '../templates/insert.ts';

export type FileStatus = 'new' | 'exists';

export interface PlannedFile extends ScaffoldFile {
  readonly status: FileStatus;
}

/** What to do with one generated file. New files are `write` or `skip`. */
export type Resolution = 'write' | 'skip' | 'overwrite' | 'beside' | 'insert';

export type WriteOp =
  | { readonly kind: 'create'; readonly path: string; readonly contents: string; readonly besideOf?: string }
  | { readonly kind: 'overwrite'; readonly path: string; readonly contents: string }
  | { readonly kind: 'insert'; readonly path: string; readonly insertions: readonly TextInsertion[]; readonly added: readonly string[]; readonly kept: readonly string[] };

/** Mark each generated file `new` or `exists`; a path that is not a safe relative path is a problem. */
export function planFiles(files: readonly ScaffoldFile[], exists: ReadonlySet<string>): { files: PlannedFile[]; problems: string[] } {
  const problems: string[] = [];
  const planned: PlannedFile[] = [];
  for (const f of files) {
    const bad = checkScaffoldPath(f.path);
    if (bad !== null) problems.push(bad);
    else planned.push({ ...f, status: exists.has(f.path) ? 'exists' : 'new' });
  }
  return { files: planned, problems };
}

/** `template.yaml` -> `template.generated.yaml`; `.gitignore` -> `.gitignore.generated`; numbered when that is taken too. */
export function besideName(path: string, taken: (p: string) => boolean): string {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  for (let n = 1; n < 1000; n++) {
    const candidate = `${dir}${stem}.generated${n === 1 ? '' : `-${n}`}${ext}`;
    if (!taken(candidate)) return candidate;
  }
  throw new Error(`no free name beside ${path}`);
}

/** The choices offered for an existing file: insert for a SAM template.yaml, in whichever folder the scaffold writes to. */
export function choicesFor(file: PlannedFile, iac: IacDialect): Resolution[] {
  if (file.status === 'new') return ['write', 'skip'];
  const base: Resolution[] = ['skip', 'overwrite', 'beside'];
  const template = file.path === 'template.yaml' || file.path.endsWith('/template.yaml');
  return iac === 'sam' && template ? ['insert', ...base] : base;
}

export interface BuildInput {
  readonly files: readonly PlannedFile[];
  readonly iac: IacDialect;
  /** Chosen resolution per path; a file without one is skipped. */
  readonly resolutions: ReadonlyMap<string, Resolution>;
  /** Current text of an existing file (needed for `insert`). */
  readonly existingText: (path: string) => string | undefined;
  /** Paths taken in the folder (existing files), for beside-names. */
  readonly taken: (path: string) => boolean;
  /**
   * The insertion of a generated template into the existing file (the editor passes the document's
   * session, which has parsed it already); by default `insertIntoTemplate` on `existingText`.
   */
  readonly insert?: (path: string, generated: string, existing: string) => InsertResult;
}

export interface BuildResult {
  readonly ops: WriteOp[];
  readonly skipped: string[];
  /** Messages for choices that could not be carried out (e.g. a template that cannot take an insertion). */
  readonly problems: string[];
}

/** Turn the user's choices into writes. Never produces an overwrite the user did not choose. */
export function buildOps(input: BuildInput): BuildResult {
  const ops: WriteOp[] = [];
  const skipped: string[] = [];
  const problems: string[] = [];
  const claimed = new Set<string>(input.files.map((f) => f.path));
  const taken = (p: string) => claimed.has(p) || input.taken(p);
  for (const f of input.files) {
    const r = input.resolutions.get(f.path) ?? 'skip';
    if (!choicesFor(f, input.iac).includes(r) || r === 'skip') {
      skipped.push(f.path);
      continue;
    }
    if (r === 'write') ops.push({ kind: 'create', path: f.path, contents: f.contents });
    else if (r === 'overwrite') ops.push({ kind: 'overwrite', path: f.path, contents: f.contents });
    else if (r === 'beside') {
      const name = besideName(f.path, taken);
      claimed.add(name);
      ops.push({ kind: 'create', path: name, contents: f.contents, besideOf: f.path });
    } else {
      const text = input.existingText(f.path);
      if (text === undefined) {
        problems.push(`${f.path}: could not read the existing file, so nothing was inserted`);
        skipped.push(f.path);
        continue;
      }
      const res = input.insert ? input.insert(f.path, f.contents, text) : insertIntoTemplate(text, f.contents, f.path);
      if (!res.ok) {
        problems.push(res.message);
        skipped.push(f.path);
      } else if (res.insertions.length === 0) {
        skipped.push(f.path);
      } else {
        ops.push({ kind: 'insert', path: f.path, insertions: res.insertions, added: res.added, kept: res.kept });
      }
    }
  }
  return { ops, skipped, problems };
}

/** One line per write, for the confirmation and the summary. */
export function describeOp(op: WriteOp): string {
  switch (op.kind) {
    case 'create':
      return op.besideOf ? `${op.path} (beside the existing ${op.besideOf})` : op.path;
    case 'overwrite':
      return `${op.path} (overwritten)`;
    case 'insert':
      return `${op.path} (inserted ${op.added.join(', ')}${op.kept.length > 0 ? `; kept yours: ${op.kept.join(', ')}` : ''})`;
  }
}
