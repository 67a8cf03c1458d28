// The module graph of src/: no import cycle (static imports, re-exports and `import()` expressions
// alike), and src/extension holds only code that needs VS Code (every module imports `vscode` itself;
// the only exception is a module of plain string names, such as command ids).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '..', '..');
const src = join(root, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Import {
  readonly specifier: string;
  readonly dynamic: boolean;
}

/** Every module a file loads at run time: `import … from`, `export … from`, `import '…'` and `import('…')`; type-only imports are erased, so they are left out. */
function importsOf(file: string): { imports: Import[]; source: ts.SourceFile } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) imports.push({ specifier: node.moduleSpecifier.text, dynamic: false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) imports.push({ specifier: node.moduleSpecifier.text, dynamic: false });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      assert.ok(arg !== undefined && ts.isStringLiteralLike(arg), `${relative(root, file)}: import() with a computed specifier cannot be checked for cycles`);
      imports.push({ specifier: arg.text, dynamic: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, source };
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return undefined;
}

const files = filesUnder(src);
const graph = new Map<string, Array<{ to: string; dynamic: boolean }>>();
for (const f of files) {
  const edges: Array<{ to: string; dynamic: boolean }> = [];
  for (const i of importsOf(f).imports) {
    const to = resolveLocal(f, i.specifier);
    if (to !== undefined) edges.push({ to, dynamic: i.dynamic });
  }
  graph.set(f, edges);
}

/** Strongly connected components with more than one module (or a module importing itself): the cycles. */
function cycles(g: ReadonlyMap<string, ReadonlyArray<{ to: string }>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const { to } of g.get(v) ?? []) {
      if (!indices.has(to)) {
        strong(to);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(v, Math.min(low.get(v) ?? 0, indices.get(to) ?? 0));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (g.get(v) ?? []).some((e) => e.to === v);
      if (component.length > 1 || selfLoop) out.push(component.map((c) => relative(root, c)).sort());
    }
  };
  for (const v of g.keys()) if (!indices.has(v)) strong(v);
  return out;
}

test('the scan sees the graph: static, re-export and import() edges of src/', () => {
  assert.ok(files.length > 50, `${files.length} modules under src/`);
  const ext = join(src, 'extension', 'extension.ts');
  const dynamic = (graph.get(ext) ?? []).filter((e) => e.dynamic).map((e) => relative(src, e.to));
  assert.ok(dynamic.includes(join('extension', 'wizardPanel.ts')), 'extension.ts loads the wizard through import()');
  assert.ok((graph.get(join(src, 'engine', 'index.ts')) ?? []).some((e) => e.to.endsWith(join('engine', 'scenario.ts'))), 'a re-export is an edge');
  // The detector finds a cycle when there is one (through import() too).
  assert.deepEqual(cycles(new Map([['/a', [{ to: '/b' }]], ['/b', [{ to: '/a' }]], ['/c', [{ to: '/a' }]]])).length, 1);
});

test('no import cycle in src/, import() included', () => {
  const found = cycles(graph);
  assert.deepEqual(found, [], `import cycles:\n${found.map((c) => `  ${c.join(' <-> ')}`).join('\n')}`);
});

/** A module of names only: every statement is `export const NAME = 'string'`. */
function namesOnly(source: ts.SourceFile): boolean {
  return source.statements.every(
    (s) =>
      ts.isVariableStatement(s) &&
      (s.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
      s.declarationList.declarations.every((d) => d.initializer !== undefined && ts.isStringLiteralLike(d.initializer)),
  );
}

test('src/extension holds only code that needs VS Code: each module imports vscode itself (or holds only string names)', () => {
  const extension = files.filter((f) => f.startsWith(join(src, 'extension') + '/'));
  assert.ok(extension.length > 5);
  const domain = extension.filter((f) => {
    const { source } = importsOf(f);
    const usesVscode = source.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === 'vscode');
    return !usesVscode && !namesOnly(source);
  });
  assert.deepEqual(
    domain.map((f) => relative(root, f)),
    [],
    'these modules do not need vscode: move them to src/engine (where the CLI and the tests can use them)',
  );
});
