/**
 * Text from a template or a scenario (resource ids, event names, keys, scenario names) on its way into
 * something an editor renders: markdown (hovers), or plain text that VS Code still decorates (links in
 * notifications, `$(icon)` in quick-pick labels and CodeLens titles). One place, so no face plants a link,
 * an image or HTML a template wrote. Pure.
 */

/** Control characters and line breaks become spaces (a hostile id cannot start a new markdown block). */
function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Safe inside markdown: every character markdown gives a meaning (emphasis, code, links, images, HTML,
 * headings, lists, tables, entities) is backslash-escaped, so `[x](http://…)`, `![](…)` and `<img>` show
 * as the characters they are.
 */
export function escapeMarkdown(text: string, max = 200): string {
  return oneLine(text, max).replace(/[\\`*_{}[\]()#!|<>~&]/g, (c) => `\\${c}`);
}

/**
 * Safe as plain text that VS Code decorates: a notification renders `[label](link)`, a quick pick or a
 * CodeLens title renders `$(icon)`. A zero-width space breaks both sequences; the text reads the same.
 */
export function plainText(text: string, max = 200): string {
  return oneLine(text, max).replace(/\]\(/g, ']\u200b(').replace(/\$\(/g, '$\u200b(');
}

/**
 * A markdown code span around any text: the fence is one backtick longer than the longest run inside, so a
 * backtick in the text cannot close it early; nothing inside a code span is a link, an image or HTML.
 */
export function codeSpan(text: string, max = 200): string {
  const flat = oneLine(text, max);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
