// A module-resolution hook (node:module register) that makes `import 'vscode'` load the in-process
// stub beside it, so a unit test can call the real activate() without VS Code.
const stub = new URL('./vscode.cjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'vscode') return { url: stub, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}
