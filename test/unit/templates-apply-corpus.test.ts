// Property test over every real template of the corpus (and mutated variants of each: CRLF line endings, no
// final newline, a byte-order mark): apply the recommended values to every function as `lambda-advisor apply`
// does, then check what a user would check in the diff. The result parses as YAML (no error it did not have),
// only the lines the change list reports changed, and applying again changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../../src/engine/templates/parse.ts';
import { applyToFunctions, TemplateSession } from '../../src/engine/templates/session.ts';
import type { DesignChange } from '../../src/engine/templates/apply-design.ts';
import { corpus, corpusTest } from './corpus.ts';

const VARIANTS: ReadonlyArray<readonly [string, (t: string) => string]> = [
  ['as is', (t) => t],
  ['CRLF', (t) => t.replace(/\r?\n/g, '\r\n')],
  ['no final newline', (t) => t.replace(/\s+$/, '')],
  ['byte-order mark', (t) => `\uFEFF${t}`],
];

/**
 * YAML errors as the product reads the text: the `yaml` parser, plus what PyYAML (cfn-lint, CloudFormation)
 * also accepts (a flow collection closed at its key's column), see parse.ts.
 */
function yamlErrors(text: string): number {
  return parseTemplate(text).errors.length;
}

/** The lines that differ between two texts, by a line-multiset difference (order kept on each side). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  const count = new Map<string, number>();
  for (const l of a) count.set(l, (count.get(l) ?? 0) + 1);
  const added: string[] = [];
  for (const l of b) {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else added.push(l);
  }
  const left = new Map(count);
  const removed = a.filter((l) => {
    const n = left.get(l) ?? 0;
    if (n > 0) {
      left.set(l, n - 1);
      return true;
    }
    return false;
  });
  return { removed, added };
}

/** Words a changed line may contain: the reported properties' keys and the values written or replaced. */
function reportedWords(changes: readonly DesignChange[]): Set<string> {
  const words = new Set<string>();
  for (const c of changes) {
    for (const k of c.property.split('.')) words.add(k);
    for (const v of `${c.to} ${c.from ?? ''}`.split(/[\s,{}[\]:"']+/)) if (v !== '') words.add(v);
  }
  return words;
}

test('every corpus template, every function, four variants: the result parses, only reported lines change, re-applying is stable', corpusTest, () => {
  let templates = 0;
  let applied = 0;
  const failures: string[] = [];
  for (const file of corpus) {
    const probe = TemplateSession.open({ uri: file.name, version: 0, text: file.text });
    if (!probe.isTemplate || probe.parsed.errors.length > 0) continue;
    const ids = probe.functions().map((f) => f.id);
    if (ids.length === 0) continue;
    templates++;
    for (const [variant, mutate] of VARIANTS) {
      const text = mutate(file.text);
      const where = `${file.name} (${variant})`;
      const r = applyToFunctions({ uri: file.name, version: 0, text }, ids);
      if (!r.ok) {
        failures.push(`${where}: ${r.message}`);
        continue;
      }
      if (r.text === text) continue;
      applied++;
      if (yamlErrors(r.text) > yamlErrors(text)) {
        failures.push(`${where}: the result has YAML errors: ${parseTemplate(r.text).errors[0]?.message ?? ''}`);
        continue;
      }
      if (variant === 'CRLF' && /(?<!\r)\n/.test(r.text)) failures.push(`${where}: a bare LF was written into a CRLF file`);
      if (variant === 'byte-order mark' && !r.text.startsWith('\uFEFF')) failures.push(`${where}: the byte-order mark was lost`);
      const words = reportedWords(r.changes);
      const { removed, added } = changedLines(text, r.text);
      for (const line of [...removed, ...added]) {
        const tokens = line.split(/[\s,{}[\]:"'#-]+/).filter((w) => w !== '');
        if (tokens.length > 0 && !tokens.some((w) => words.has(w))) failures.push(`${where}: a line changed that no reported change explains: ${JSON.stringify(line)}`);
      }
      if (removed.length > r.changes.length) failures.push(`${where}: ${removed.length} lines removed for ${r.changes.length} changes`);
      const again = applyToFunctions({ uri: file.name, version: 1, text: r.text }, ids);
      if (!again.ok) failures.push(`${where}: re-applying failed: ${again.message}`);
      else if (again.text !== r.text) failures.push(`${where}: re-applying changed it again: ${again.changes.map((c) => `${c.resource}.${c.property} ${c.from} -> ${c.to}`).join('; ')}`);
    }
  }
  assert.ok(templates > 100, `the corpus has templates with functions (${templates})`);
  assert.ok(applied > 100, `values were applied somewhere (${applied})`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
});
