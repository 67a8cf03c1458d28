/**
 * package.json's `contributes.languageModelTools` (and their activation events) from the agent tools
 * in src/mcp: the same names, descriptions and input schemas the MCP server lists, so the VS Code tools
 * take the same input. package.json is static, so it holds a copy; test/unit/agent-tools-contributes
 * fails when the copy is stale.
 *
 *   node --import tsx scripts/sync-agent-tools.ts          rewrite package.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LM_TOOL_LABELS, LM_TOOLS, type LmToolName } from '../src/mcp/lm.ts';
import { toolSpecs } from '../src/mcp/tools.ts';

export const PACKAGE_JSON = join(__dirname, '..', 'package.json');

export interface LanguageModelToolContribution {
  name: string;
  displayName: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: boolean;
  icon: string;
  userDescription: string;
  modelDescription: string;
  tags: string[];
  inputSchema: unknown;
}

export function languageModelTools(): LanguageModelToolContribution[] {
  return toolSpecs().map((t) => {
    const name = t.name as LmToolName;
    const label = LM_TOOL_LABELS[name];
    return {
      name: LM_TOOLS[name],
      displayName: label.displayName,
      toolReferenceName: label.reference,
      canBeReferencedInPrompt: true,
      icon: label.icon,
      userDescription: label.userDescription,
      modelDescription: t.description,
      tags: ['aws', 'lambda', 'serverless', 'lambda-advisor'],
      inputSchema: t.inputSchema,
    };
  });
}

export function activationEvents(): string[] {
  return Object.values(LM_TOOLS).map((id) => `onLanguageModelTool:${id}`);
}

/** package.json with the contributions brought up to date (other keys and their order kept). */
export function syncedPackageJson(text: string): string {
  const pkg = JSON.parse(text) as { activationEvents: string[]; contributes: Record<string, unknown> };
  const events = pkg.activationEvents.filter((e) => !e.startsWith('onLanguageModelTool:'));
  pkg.activationEvents = [...events, ...activationEvents()];
  pkg.contributes['languageModelTools'] = languageModelTools();
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

if (require.main === module) {
  const before = readFileSync(PACKAGE_JSON, 'utf8');
  const after = syncedPackageJson(before);
  if (after !== before) writeFileSync(PACKAGE_JSON, after);
  process.stdout.write(after === before ? 'package.json: languageModelTools already up to date\n' : 'package.json: languageModelTools updated\n');
}
