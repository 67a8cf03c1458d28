// Bundles the three faces with esbuild. `tsc --noEmit` (npm run typecheck) is the separate type check.
//   dist/extension.js  the VS Code extension host (CommonJS, `vscode` external)
//   dist/cli.js        the lambda-advisor CLI (CommonJS, exports main(argv))
//   dist/webview/      the webview app (browser, ES2022), only when webview/src/main.tsx exists
//   dist/scenario.schema.json  the JSON Schema of *.lambda-advisor.json files (package.json jsonValidation),
//                      generated from the scenario schema by src/engine/scenario-schema.ts
import { build } from 'esbuild';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });

const jobs = [];
if (existsSync(join(root, 'src/extension/extension.ts'))) {
  jobs.push(
    build({
      ...common,
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
    }),
  );
}
jobs.push(
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  }),
);
if (existsSync(join(root, 'webview/src/main.tsx'))) {
  jobs.push(
    build({
      ...common,
      entryPoints: ['webview/src/main.tsx'],
      outdir: 'dist/webview',
      entryNames: 'main',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      jsx: 'automatic',
      loader: { '.css': 'css', '.ttf': 'file', '.woff2': 'file' },
      define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    }),
  );
}
/** Bundle the schema generator in memory, run it, and write what it returns. */
async function writeScenarioSchema() {
  const out = await build({
    ...common,
    sourcemap: false,
    minify: false,
    write: false,
    entryPoints: ['src/engine/scenario-schema.ts'],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(join(root, 'package.json')));
  const schema = module.exports.scenarioFileJsonSchema();
  writeFileSync(join(root, 'dist', 'scenario.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
}
jobs.push(writeScenarioSchema());

await Promise.all(jobs);
