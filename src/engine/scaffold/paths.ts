/**
 * Path checks shared by every face that writes scaffolded files: a generated (or user-edited) path
 * must stay inside the target folder.
 */

/** An error message when `rel` is not a safe relative POSIX path; null when it is fine. */
export function checkScaffoldPath(rel: string): string | null {
  if (typeof rel !== 'string' || rel.length === 0) return 'the path is empty';
  if (rel.includes('\0')) return `the path ${JSON.stringify(rel)} contains a NUL character`;
  if (/^[A-Za-z]:/.test(rel)) return `the path ${JSON.stringify(rel)} starts with a drive letter; give a path relative to the folder`;
  if (rel.startsWith('/') || rel.startsWith('\\')) return `the path ${JSON.stringify(rel)} is absolute; give a path relative to the folder`;
  const parts = rel.split(/[\\/]/);
  if (parts.some((p) => p === '..')) return `the path ${JSON.stringify(rel)} contains "..", which would leave the folder`;
  if (parts.some((p) => p === '')) return `the path ${JSON.stringify(rel)} contains an empty segment`;
  return null;
}
