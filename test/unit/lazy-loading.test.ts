/**
 * What loads when. Activation registers commands and providers and evaluates nothing else: no engine,
 * no scenario schema, no zod, no YAML parser; those load on first use (a template, a wizard open). And
 * `lambda-advisor lint` loads the template rules, not the schema, recommender or scaffolder. A static
 * import that pulls one of them in (e.g. extension.ts importing protocol/messages.ts) fails here. The
 * build turns each lazy `import()` into a chunk required on first use, so this holds for dist/ too.
 * The extension runs with a stand-in `vscode` module whose every API is a no-op.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A `vscode` whose every property is a callable, constructible no-op (deep), plus the calls made. */
function fakeVscode(): { api: Record<string, unknown>; commands: string[] } {
  const commands: string[] = [];
  const handler: ProxyHandler<() => void> = {
    get: (target, key) => {
      if (key === 'then') return undefined;
      const t = target as unknown as Record<PropertyKey, unknown>;
      t[key] ??= new Proxy(function noop() {}, handler);
      return t[key];
    },
    apply: () => new Proxy(function noop() {}, handler),
    construct: () => new Proxy(function noop() {}, handler),
  };
  const api: Record<string, unknown> = {};
  for (const k of ['window', 'workspace', 'languages', 'env', 'Uri', 'EventEmitter', 'CodeActionKind', 'Disposable', 'ViewColumn', 'Range', 'Position', 'StatusBarAlignment']) {
    api[k] = new Proxy(function noop() {}, handler);
  }
  api['commands'] = {
    registerCommand: (id: string) => {
      commands.push(id);
      return { dispose() {} };
    },
  };
  return { api, commands };
}

test('activation evaluates only the registration code: no engine, scenario schema, zod or YAML parser', async () => {
  const { api, commands } = fakeVscode();
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? api : original.call(this, request, ...rest);
  };
  const before = new Set(Object.keys(require.cache));
  try {
    const ext = (await import('../../src/extension/extension.ts')) as { activate: (c: unknown) => void };
    ext.activate({ subscriptions: [], extensionUri: {} });
  } finally {
    loader._load = original;
  }
  const loaded = Object.keys(require.cache)
    .filter((k) => !before.has(k))
    .map((k) => relative(ROOT, k));
  assert.ok(commands.length >= 5, `activation registered ${commands.length} commands: ${commands.join(', ')}`);
  const heavy = loaded.filter((f) => /node_modules[\\/](zod|yaml)[\\/]|src[\\/]engine[\\/]/.test(f));
  assert.deepEqual(heavy, [], `activation loaded:\n${loaded.join('\n')}`);
});

test('`lambda-advisor lint` loads the template rules only: no scenario schema, zod, recommender, scaffolder or YAML package for a plain template', async () => {
  const before = new Set(Object.keys(require.cache));
  const { run } = await import('./cli-helpers.ts');
  const r = await run(['lint', '--fail-on', 'never', join(ROOT, 'examples', 'templates', 'sqs-consumer-problems', 'template.yaml')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /findings? in 1 template/);
  const loaded = Object.keys(require.cache)
    .filter((k) => !before.has(k))
    .map((k) => relative(ROOT, k));
  assert.ok(loaded.some((f) => f.endsWith(join('engine', 'templates', 'lint.ts'))), `lint.ts not loaded:\n${loaded.join('\n')}`);
  const heavy = loaded.filter((f) => /node_modules[\\/](zod|yaml)[\\/]|engine[\\/](scenario|recommend[\\/]|scaffold[\\/]|cost[\\/])/.test(f));
  assert.deepEqual(heavy, [], `lint loaded:\n${loaded.join('\n')}`);
});
