/**
 * Rules about the document itself rather than a resource: keys written twice (CloudFormation keeps one
 * of them, its template-format page calls duplicate sections undefined behaviour; cfn-lint reports them),
 * and YAML aliases that would expand to a huge document (a "billion laughs" of a few hundred bytes: the
 * advisor counts the nodes instead of expanding them, but a tool that expands them would hang).
 */
import { count } from '../../format.ts';
import type { Rule } from './context.ts';

/** Above this many nodes once every alias is expanded, a template is reported (no real template comes near). */
export const MAX_EXPANDED_NODES = 100_000;

export const DOCUMENT_RULES: readonly Rule[] = [
  {
    id: 'LDA001',
    name: 'duplicate-key',
    severity: 'error',
    summary: 'A key is written twice in one map.',
    help: 'YAML and JSON parsers keep one of two equal keys (CloudFormation the last), so the other is silently ignored; for sections CloudFormation documents undefined behaviour. Remove or merge one of them.',
    sources: ['templateFormat'],
    check(ctx) {
      for (const d of ctx.template.duplicateKeys ?? []) {
        const where = d.path === '' ? 'at the top level' : `in ${d.path}`;
        const first = ctx.text.slice(0, d.firstStart).split('\n').length;
        const resource = d.path.startsWith('Resources.') ? (d.path.split('.')[1] ?? '') : d.path === 'Resources' ? d.key : '';
        ctx.report(this, {
          resource,
          property: d.path,
          at: { start: d.start, end: d.end },
          message: `${d.key} is written twice ${where} (first on line ${first}); only one of them is used. Remove or merge the other.`,
        });
      }
    },
  },
  {
    id: 'LDA002',
    name: 'alias-expansion',
    severity: 'warning',
    summary: 'YAML aliases expand the template to a huge document.',
    help: 'Anchors and aliases that refer to each other multiply: a few hundred bytes can stand for billions of values (a "billion laughs"). The advisor does not expand them; tools that do (converters, some linters, a deployment) can hang or run out of memory. Write the values out, or share them with CloudFormation parameters or Globals.',
    sources: ['templateFormat'],
    check(ctx) {
      const nodes = ctx.template.expandedNodes ?? 0;
      if (nodes <= MAX_EXPANDED_NODES) return;
      const first = ctx.template.aliases?.[0];
      ctx.report(this, {
        resource: '',
        property: '',
        at: first === undefined ? { start: 0, end: 0 } : { start: first.start, end: first.end },
        message: `The YAML aliases of this template expand it to ${Number.isFinite(nodes) ? `about ${count(nodes, 0)}` : 'an unbounded number of'} values (more than ${count(MAX_EXPANDED_NODES, 0)}); it was checked without expanding them, but tools that expand aliases can hang on it.`,
      });
    },
  },
];
