/**
 * Reading a file an agent named, confined to one folder (the MCP server's working directory): a
 * relative path is resolved against it, and a path that leaves it, directly (`..`, an absolute path
 * elsewhere) or through a symbolic link, is refused with a message saying so. Nothing is ever written.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ToolHost } from './tools.ts';

/** True when `child` is `root` or inside it (both absolute). */
function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function why(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links';
  return err instanceof Error ? err.message : String(err);
}

/** A ToolHost whose files are read from inside `root` only. */
export function confinedHost(root: string): ToolHost {
  const base = resolve(root);
  return {
    async readTemplate(path) {
      if (path.trim() === '') return { ok: false, message: 'must not be empty' };
      if (path.includes('\0')) return { ok: false, message: 'contains a NUL character' };
      const absolute = resolve(base, path);
      if (!isInside(base, absolute)) return { ok: false, message: `${path} is outside the working directory (${base}); only files inside it can be read` };
      let real: string;
      let realBase: string;
      try {
        [real, realBase] = await Promise.all([realpath(absolute), realpath(base)]);
      } catch (err) {
        return { ok: false, message: `cannot read ${path}: ${why(err)}` };
      }
      if (!isInside(realBase, real)) return { ok: false, message: `${path} leads outside the working directory through a symbolic link; refused` };
      try {
        if (!(await stat(real)).isFile()) return { ok: false, message: `${path} is not a file` };
        return { ok: true, text: await readFile(real, 'utf8') };
      } catch (err) {
        return { ok: false, message: `cannot read ${path}: ${why(err)}` };
      }
    },
  };
}
