/** Every design rule, in id order. Ids are stable: a rule that goes away leaves its id unused. */
import type { Rule } from './context.ts';
import { DOCUMENT_RULES } from './document.ts';
import { COUPLING_RULES } from './coupling.ts';
import { EVENT_RULES } from './events.ts';
import { FUNCTION_RULES } from './function.ts';
import { SQS_RULES } from './sqs.ts';

export type { Rule, RuleMeta } from './context.ts';

export const RULES: readonly Rule[] = [...DOCUMENT_RULES, ...SQS_RULES, ...EVENT_RULES, ...FUNCTION_RULES, ...COUPLING_RULES].sort((a, b) => a.id.localeCompare(b.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id || r.name === id);
}
