// Bundles the three faces with esbuild. `tsc --noEmit` (npm run typecheck) is the separate type check.
//   dist/extension.js   the VS Code extension host (CommonJS, `vscode` external): activation and the
//                       registration of commands and providers, nothing else
//   dist/ext/templates.js    template guidance (YAML parser, rules, cost), required on the first template
//   dist/ext/wizard-host.js  the wizard panel's host side (engine, scenario schema), required on first open
//   dist/ext/*-HASH.js       the smaller lazy pieces and the code they share (each module once)
//   dist/cli.js         the lambda-advisor CLI (CommonJS, exports main(argv)); each command's code in dist/cli/
//   dist/webview/       the webview app (browser, ES2022), only when webview/src/main.tsx exists
//   dist/scenario.schema.json  the JSON Schema of *.lambda-advisor.json files (package.json jsonValidation),
//                       generated from the scenario schema by src/engine/scenario-schema.ts
//   dist/meta/*.json    esbuild metafiles (what each output holds); `--analyze` prints the breakdown
//
// Why the split is built in two passes: esbuild splits code only for ESM output, and VS Code 1.100 loads
// a CommonJS `main` (an ESM extension entry is not supported). So each Node face is bundled as ESM with
// `splitting` into a scratch folder, then every file is converted on its own to CommonJS (bundle: false):
// `import` becomes `require`, and `import()` of a chunk becomes a `require()` run on first use, so a
// lazily imported module really is loaded only when asked for. Chunks never import each other in a
// cycle (esbuild puts a module shared by several entries in a chunk that only shared code imports).
import { analyzeMetafile, build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const analyze = process.argv.includes('--analyze');
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
  metafile: true,
};
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'meta'), { recursive: true });

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? jsFiles(join(dir, d.name)) : d.name.endsWith('.js') ? [join(dir, d.name)] : [],
  );
}

/** Bundle `entryPoints` ({ outputName: source }) for Node as CommonJS files that share chunks. */
async function splitCommonJs(name, { entryPoints, chunkDir, external = [] }) {
  const scratch = join(dist, `.esm-${name}`);
  const esm = await build({
    ...common,
    entryPoints,
    outdir: scratch,
    chunkNames: `${chunkDir}/[name]-[hash]`,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
  });
  await build({
    ...common,
    metafile: false,
    bundle: false,
    entryPoints: jsFiles(scratch),
    outbase: scratch,
    outdir: dist,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // `import('./chunk.js')` -> `Promise.resolve().then(() => require('./chunk.js'))`
    supported: { 'dynamic-import': false },
  });
  rmSync(scratch, { recursive: true, force: true });
  // Name outputs (and the chunks they import) as they are in dist/: the scratch folder is gone.
  const rename = (k) => relative(root, join(dist, relative(relative(root, scratch), k)));
  const outputs = Object.fromEntries(
    Object.entries(esm.metafile.outputs).map(([k, v]) => [rename(k), { ...v, imports: v.imports.map((i) => (i.external ? i : { ...i, path: rename(i.path) })) }]),
  );
  return { name, metafile: { ...esm.metafile, outputs } };
}

const jobs = [];
if (existsSync(join(root, 'src/extension/extension.ts'))) {
  jobs.push(
    splitCommonJs('extension', {
      entryPoints: {
        extension: 'src/extension/extension.ts',
        'ext/templates': 'src/extension/templates/guidance.ts',
        'ext/wizard-host': 'src/extension/wizardPanel.ts',
      },
      chunkDir: 'ext',
      external: ['vscode'],
    }),
  );
}
jobs.push(splitCommonJs('cli', { entryPoints: { cli: 'src/cli/main.ts' }, chunkDir: 'cli' }));
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
    }).then((r) => ({ name: 'webview', metafile: r.metafile })),
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
for (const { name, metafile } of await Promise.all(jobs)) {
  writeFileSync(join(dist, 'meta', `${name}.json`), JSON.stringify(metafile));
  if (analyze) process.stdout.write(`\n${name}:${await analyzeMetafile(metafile)}`);
}
await writeScenarioSchema();
