// The VS Code language-model tools against the in-process fake `vscode` (test/unit/fake-vscode): the
// registered tools prepare and invoke as chat would call them, with the CLI's JSON; lint takes the
// active editor's template (unsaved text included), a path stays inside the workspace folder, and
// bad input fails the call with the field named.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installFakeVscode } from './fake-vscode/install.ts';
import { advise } from '../../src/engine/index.ts';
import { lintJson } from '../../src/engine/contracts.ts';
import { lintTemplate } from '../../src/engine/templates/index.ts';
import { LM_TOOLS } from '../../src/mcp/lm.ts';

const fake = installFakeVscode();
const ROOT = join(__dirname, '..', '..');
const TEMPLATE = readFileSync(join(ROOT, 'examples', 'templates', 'sqs-consumer-problems', 'template.yaml'), 'utf8');
const SCENARIO = JSON.parse(readFileSync(join(ROOT, 'examples', 'scenarios', 'api-backend.json'), 'utf8')) as Record<string, unknown>;

interface Tool {
  prepareInvocation(o: { input: unknown }): { invocationMessage: string };
  invoke(o: { input: unknown }, token: { isCancellationRequested: boolean }): Promise<{ content: Array<{ value: string }> }>;
}

let dir = '';
let folder = '';
const tools = new Map<string, Tool>();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('vscode') as { workspace: Record<string, unknown>; window: Record<string, unknown> };
const token = { isCancellationRequested: false };

function doc(path: string, text: string) {
  return { uri: { scheme: 'file', fsPath: path, path }, getText: () => text };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lda-lm-'));
  folder = join(dir, 'project');
  mkdirSync(join(folder, 'infra'), { recursive: true });
  writeFileSync(join(folder, 'infra', 'template.yaml'), TEMPLATE);
  writeFileSync(join(dir, 'outside.yaml'), TEMPLATE);
  symlinkSync(join(dir, 'outside.yaml'), join(folder, 'link.yaml'));
  vscode.workspace['workspaceFolders'] = [{ uri: { scheme: 'file', fsPath: folder } }];
  vscode.workspace['asRelativePath'] = (uri: { fsPath: string }) => uri.fsPath.slice(folder.length + 1);
  fake.calls = [];
  const { registerLanguageModelTools } = await import('../../src/extension/lmTools.ts');
  registerLanguageModelTools({ subscriptions: [] } as never);
  for (const c of fake.calls.filter((c) => c.api === 'lm.registerTool')) tools.set(String(c.args[0]), c.args[1] as Tool);
});

after(() => {
  vscode.workspace['workspaceFolders'] = undefined;
  vscode.workspace['textDocuments'] = [];
  vscode.window['activeTextEditor'] = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tool = (name: keyof typeof LM_TOOLS): Tool => {
  const t = tools.get(LM_TOOLS[name]);
  assert.ok(t, `${LM_TOOLS[name]} is registered`);
  return t;
};

test('recommend: the summary and the same JSON as recommend --json', async () => {
  assert.match(tool('recommend').prepareInvocation({ input: { scenario: SCENARIO } }).invocationMessage, /design for "orders-api"/);
  const r = await tool('recommend').invoke({ input: { scenario: SCENARIO } }, token);
  const design = advise(SCENARIO);
  assert.ok(design.ok);
  assert.match(r.content[0]?.value ?? '', /^orders-api \(api-gateway-http, nodejs, us-east-1\): [\d,]+ MB on arm64/);
  assert.deepEqual(JSON.parse(r.content[1]?.value ?? ''), JSON.parse(JSON.stringify(design.design)));
});

test('lint with neither path nor text checks the active editor, unsaved text and its relative name', async () => {
  const edited = TEMPLATE.replace('VisibilityTimeout: 30', 'VisibilityTimeout: 900');
  vscode.window['activeTextEditor'] = { document: doc(join(folder, 'infra', 'template.yaml'), edited) };
  assert.equal(tool('lint').prepareInvocation({ input: {} }).invocationMessage, 'Checking infra/template.yaml against the Lambda design rules');
  const r = await tool('lint').invoke({ input: {} }, token);
  const expected = lintJson([{ file: 'infra/template.yaml', ...lintRun(edited) }]);
  assert.deepEqual(JSON.parse(r.content[1]?.value ?? ''), expected);
  assert.ok(!expected.findings.some((f) => f.ruleId === 'LDA101'), 'the unsaved fix counts');
  vscode.window['activeTextEditor'] = undefined;
  await assert.rejects(tool('lint').invoke({ input: {} }, token), /lint needs a template: give path or text, or open the template in the editor/);
});

function lintRun(text: string) {
  const r = lintTemplate(text);
  return { findings: r.findings, isTemplate: r.isTemplate, parseErrors: r.parseErrors.length };
}

test('lint by path: inside the workspace folder only; an open document\u2019s unsaved text wins', async () => {
  const r = await tool('lint').invoke({ input: { path: 'infra/template.yaml' } }, token);
  assert.deepEqual(JSON.parse(r.content[1]?.value ?? ''), lintJson([{ file: 'infra/template.yaml', ...lintRun(TEMPLATE) }]));
  vscode.workspace['textDocuments'] = [doc(join(folder, 'infra', 'template.yaml'), 'Resources: {}\n')];
  const open = await tool('lint').invoke({ input: { path: 'infra/template.yaml' } }, token);
  assert.deepEqual(JSON.parse(open.content[1]?.value ?? ''), { findings: [] });
  vscode.workspace['textDocuments'] = [];
  await assert.rejects(tool('lint').invoke({ input: { path: '../outside.yaml' } }, token), /path: \.\.\/outside\.yaml is outside the workspace folder/);
  await assert.rejects(tool('lint').invoke({ input: { path: 'link.yaml' } }, token), /link\.yaml leads outside the workspace folder through a symbolic link/);
});

test('bad input fails the call with each field named; cost and scaffold answer like the MCP tools', async () => {
  await assert.rejects(tool('recommend').invoke({ input: { scenario: { ...SCENARIO, ordering: 'fifo' } } }, token), /scenario\.ordering: must be one of: none, per-key, strict/);
  await assert.rejects(tool('cost').invoke({ input: { requests: 5, durationMs: 10 } }, token), /memoryMb: is required/);
  const cost = await tool('cost').invoke({ input: { requests: 1_000_000, durationMs: 100, memoryMb: 1024 } }, token);
  assert.equal((JSON.parse(cost.content[1]?.value ?? '') as { currency: string }).currency, 'USD');
  const files = await tool('scaffold').invoke({ input: { scenario: SCENARIO, iac: 'cdk' } }, token);
  const out = JSON.parse(files.content[1]?.value ?? '') as { iac: string; files: Array<{ path: string }> };
  assert.equal(out.iac, 'cdk');
  assert.ok(out.files.length > 3);
  assert.match(files.content[0]?.value ?? '', /nothing was written/);
});
