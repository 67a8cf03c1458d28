// The VS Code language-model tools agree with the MCP tools: package.json contributes one per agent
// tool with the MCP tool's description and input schema (a stale copy fails here), activation
// registers each, and the invocation messages say what will be computed from what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invocationMessage, LM_TOOLS } from '../../src/mcp/lm.ts';
import { TOOL_NAMES, toolSpecs } from '../../src/mcp/tools.ts';
import { mcpTools } from '../../src/mcp/server.ts';
import { COMMANDS } from '../../src/protocol/commands.ts';
import { PACKAGE_JSON, syncedPackageJson } from '../../scripts/sync-agent-tools.ts';

const ROOT = join(__dirname, '..', '..');
const text = readFileSync(PACKAGE_JSON, 'utf8');
const pkg = JSON.parse(text) as {
  activationEvents: string[];
  contributes: { languageModelTools: Array<{ name: string; modelDescription: string; inputSchema: unknown; toolReferenceName: string; displayName: string; userDescription: string }> };
};

test('package.json contributes the language-model tools exactly as the agent tools define them', () => {
  assert.equal(text, syncedPackageJson(text), 'package.json is stale: run `npm run sync:agent-tools`');
  const contributed = pkg.contributes.languageModelTools;
  assert.deepEqual(contributed.map((t) => t.name), TOOL_NAMES.map((n) => LM_TOOLS[n]));
  const mcp = mcpTools();
  for (const [i, t] of contributed.entries()) {
    // Same input and the same words to the model as the MCP server's tool.
    assert.deepEqual(t.inputSchema, mcp[i]?.inputSchema, t.name);
    assert.equal(t.modelDescription, mcp[i]?.description, t.name);
    assert.match(t.name, /^[\w-]+$/);
    assert.match(t.toolReferenceName, /^[A-Za-z]+$/);
    assert.ok(t.displayName.startsWith('Lambda Advisor: ') && t.userDescription.length > 40, t.name);
    assert.ok(pkg.activationEvents.includes(`onLanguageModelTool:${t.name}`), `${t.name} activates the extension`);
  }
  assert.match(pkg.contributes.languageModelTools[2]?.modelDescription ?? '', /active editor/);
});

test('activate() registers every contributed tool, lazily', () => {
  assert.deepEqual(Object.keys(LM_TOOLS), [...TOOL_NAMES]);
  const activate = readFileSync(join(ROOT, 'src', 'extension', 'extension.ts'), 'utf8');
  assert.match(activate, /registerLanguageModelTools\(context\)/);
  const register = readFileSync(join(ROOT, 'src', 'extension', 'lmTools.ts'), 'utf8');
  assert.match(register, /vscode\.lm\.registerTool\(LM_TOOLS\[name\]/);
  // The registering module loads neither the engine nor the tools; invoke imports them.
  assert.doesNotMatch(register, /from '\.\.\/engine|from '\.\.\/mcp\/tools/);
  assert.match(register, /await import\('\.\/lmToolsImpl\.ts'\)/);
  assert.equal(toolSpecs().length, TOOL_NAMES.length);
  // "Lambda Advisor: Check Agent Tools" is contributed and registered with the tools.
  const commands = (JSON.parse(text) as { contributes: { commands: Array<{ command: string; title: string; category: string }> } }).contributes.commands;
  assert.deepEqual(commands.find((c) => c.command === 'lambdaAdvisor.checkAgentTools'), { command: 'lambdaAdvisor.checkAgentTools', title: 'Check Agent Tools', category: 'Lambda Advisor' });
  assert.equal(COMMANDS.checkAgentTools, 'lambdaAdvisor.checkAgentTools');
  assert.match(register, /registerCommand\(COMMANDS\.checkAgentTools/);
});

test('prepareInvocation messages say what will be computed, from what', () => {
  const scenario = { name: 'orders-worker' };
  assert.match(invocationMessage('recommend', { scenario }, undefined), /design for "orders-worker" \(offline/);
  assert.match(invocationMessage('cost', { scenario }, undefined), /recommended design of "orders-worker"/);
  assert.equal(
    invocationMessage('cost', { requests: 1_000_000, durationMs: 100, memoryMb: 1024 }, undefined),
    'Pricing a plain function: 1000000 requests a month, 100 ms, 1024 MB (offline)',
  );
  assert.equal(invocationMessage('lint', {}, 'template.yaml'), 'Checking template.yaml against the Lambda design rules');
  assert.equal(invocationMessage('lint', {}, undefined), 'Checking the active editor against the Lambda design rules');
  assert.equal(invocationMessage('lint', { path: 'infra/template.yaml' }, 'other.yaml'), 'Checking infra/template.yaml against the Lambda design rules');
  assert.match(invocationMessage('scaffold', { scenario, iac: 'terraform' }, undefined), /terraform project files for "orders-worker" \(returned for review, nothing is written\)/);
  assert.match(invocationMessage('recommend', { scenario: 'nonsense' }, undefined), /the scenario/);
});
