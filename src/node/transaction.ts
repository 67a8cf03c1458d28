/**
 * Writing files as one transaction, for every face that writes to disk (the CLI's scaffold, apply and
 * lint --output). Node-only host code: the engine stays free of `fs`.
 *
 *   1. preflight: every path is checked before anything is written: a relative path without `..`, no
 *      symbolic link anywhere on the way (dangling or not), no file where a folder is needed, no folder
 *      where the file goes, no two files on one path; existing files are reported.
 *   2. commit: each file is written to a temporary file in its own folder (created exclusively, so a
 *      link planted there is never followed), then all are renamed into place. An overwritten file is
 *      first moved aside, so a failure at any point restores it; every temporary file and every folder
 *      the commit created is removed. Either every file is there, or the tree is as it was.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readlink, realpath, rename, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export interface PlannedFile {
  /** Relative to the root, `/`-separated. */
  readonly path: string;
  readonly contents: string | Uint8Array;
}

export interface WriteTarget {
  readonly path: string;
  readonly absolute: string;
  readonly exists: boolean;
  readonly contents: string | Uint8Array;
}

export type Preflight = { ok: true; root: string; targets: WriteTarget[] } | { ok: false; problems: string[] };

function errCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

async function lstatOrNull(path: string): Promise<Awaited<ReturnType<typeof lstat>> | null> {
  try {
    return await lstat(path);
  } catch (err) {
    if (errCode(err) === 'ENOENT' || errCode(err) === 'ENOTDIR') return null;
    throw err;
  }
}

/** Why a relative path is unsafe to write, or null. */
export function pathProblem(path: string): string | null {
  if (path === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL character';
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.startsWith('/') || path.startsWith('\\')) return 'is an absolute path';
  const parts = path.split(/[\\/]/);
  if (parts.some((p) => p === '..')) return "goes up a folder ('..')";
  if (parts.some((p) => p === '' || p === '.')) return 'has an empty or "." segment';
  return null;
}

/**
 * Check every file against `rootDir` before anything is written. The root itself may be missing (it is
 * then created by commit) or a link the user chose; below it, nothing may be a link.
 */
export async function preflight(rootDir: string, files: readonly PlannedFile[]): Promise<Preflight> {
  const root = resolve(rootDir);
  const problems: string[] = [];
  const targets: WriteTarget[] = [];
  const seen = new Set<string>();
  const rootStat = await lstatOrNull(root);
  if (rootStat !== null && !rootStat.isDirectory() && !rootStat.isSymbolicLink()) return { ok: false, problems: [`${rootDir} exists and is not a folder`] };
  for (const f of files) {
    const bad = pathProblem(f.path);
    if (bad !== null) {
      problems.push(`${f.path}: ${bad}`);
      continue;
    }
    const key = f.path.toLowerCase();
    if (seen.has(key)) {
      problems.push(`${f.path}: planned twice (names differing only in case collide on some file systems)`);
      continue;
    }
    seen.add(key);
    const parts = f.path.split('/');
    let current = root;
    let exists = false;
    let problem: string | null = null;
    for (let i = 0; i < parts.length; i++) {
      current = join(current, parts[i]!);
      const st = await lstatOrNull(current);
      const shown = parts.slice(0, i + 1).join('/');
      if (st === null) break;
      const last = i === parts.length - 1;
      if (st.isSymbolicLink()) {
        problem = await linkProblem(root, rootDir, current, shown);
        break;
      }
      if (!last && !st.isDirectory()) {
        problem = `${shown} is a file where a folder is needed`;
        break;
      }
      if (last && st.isDirectory()) {
        problem = 'is a folder, not a file';
        break;
      }
      if (last && !st.isFile()) {
        problem = 'exists and is not a regular file';
        break;
      }
      if (last) exists = true;
    }
    if (problem !== null) problems.push(problem.startsWith(f.path) ? problem : `${f.path}: ${problem}`);
    else targets.push({ path: f.path, absolute: join(root, ...parts), exists, contents: f.contents });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, root, targets };
}

/** Why a link on the way is refused: where it leads, dangling or not. Every link is refused. */
async function linkProblem(root: string, rootDir: string, absolute: string, shown: string): Promise<string> {
  const to = await readlink(absolute).catch(() => '?');
  const real = await realpath(absolute).catch(() => null);
  const realRoot = await realpath(root).catch(() => root);
  if (real === null) return `a dangling symbolic link inside ${rootDir} (${shown} -> ${to}) could lead outside it; refusing to write through it`;
  const rel = relative(realRoot, real);
  if (rel.startsWith('..') || isAbsolute(rel)) return `a symbolic link inside ${rootDir} leads outside it (${shown} -> ${real}); refusing to write through it`;
  return `${shown} is a symbolic link; files are never written through links (replace it with a real folder or file)`;
}

const tempName = (absolute: string, tag: string) => join(dirname(absolute), `.${basename(absolute)}.${tag}-${randomBytes(6).toString('hex')}`);

/** Folders from `root` down to `dir` that do not exist yet, outermost first. */
async function missingDirs(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  let current = dir;
  while (current !== root && current.startsWith(root)) {
    if ((await lstatOrNull(current)) !== null) break;
    out.unshift(current);
    current = dirname(current);
  }
  if ((await lstatOrNull(root)) === null) out.unshift(root);
  return out;
}

/** Write every target of a successful preflight, all or nothing. Throws (after undoing) on failure. */
export async function commit(plan: Extract<Preflight, { ok: true }>): Promise<void> {
  const createdDirs: string[] = [];
  const temps: Array<{ temp: string; target: WriteTarget }> = [];
  const asides: Array<{ aside: string; absolute: string }> = [];
  const placed: string[] = [];
  try {
    for (const t of plan.targets) {
      for (const d of await missingDirs(plan.root, dirname(t.absolute))) {
        await mkdir(d);
        createdDirs.push(d);
      }
      const temp = tempName(t.absolute, 'tmp');
      const handle = await open(temp, 'wx', 0o644);
      temps.push({ temp, target: t });
      try {
        await handle.writeFile(t.contents);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const { temp, target } of temps) {
      if (target.exists) {
        const aside = tempName(target.absolute, 'old');
        await rename(target.absolute, aside);
        asides.push({ aside, absolute: target.absolute });
      }
      await rename(temp, target.absolute);
      placed.push(target.absolute);
    }
  } catch (err) {
    // Undo in reverse: new files out, old files back, temporary files and new folders gone.
    const restored = new Set(asides.map((a) => a.absolute));
    for (const p of placed.reverse()) if (!restored.has(p)) await unlink(p).catch(() => undefined);
    for (const { aside, absolute } of asides.reverse()) await rename(aside, absolute).catch(() => undefined);
    for (const { temp } of temps) await unlink(temp).catch(() => undefined);
    for (const d of createdDirs.reverse()) await rmdir(d).catch(() => undefined);
    throw err;
  }
  for (const { aside } of asides) await unlink(aside).catch(() => undefined);
}

/** One file, atomically (lint --output, apply --write): a temporary file beside it, then a rename. */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const absolute = resolve(path);
  const st = await lstatOrNull(absolute);
  if (st?.isDirectory()) throw new Error(`${path} is a folder, not a file`);
  // A link at `path` is replaced by the rename itself, never written through.
  await commit({ ok: true, root: dirname(absolute), targets: [{ path: basename(absolute), absolute, exists: st !== null && !st.isSymbolicLink(), contents }] });
}
