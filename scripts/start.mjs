// `npm start`: run the product. Builds, packages the .vsix, installs code-server (a real VS Code, from the npm
// registry, once, into .vscode-test/), installs the .vsix into it and opens examples/ as the workspace on
// 127.0.0.1. Prints the URL and keeps running until Ctrl+C.
//
//   npm start                         port 8080 if free, else any free port
//   npm start -- --port 9000          a fixed port
//   npm start -- --folder path/to/dir open another folder instead of examples/
//   npm start -- --no-build           reuse dist/lambda-design-advisor.vsix as it is
//
// The profile (settings, state) lives in .vscode-test/start/ and survives restarts, so what you did stays.
// The workspace is the real examples/ folder: scenarios you save there are kept.
import { createServer } from 'node:net';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDependencies } from './deps.mjs';
import { ensureCodeServer, installExtension, killProcessGroup, projectRoot, startCodeServer, writeUserSettings, CODE_SERVER_VERSION } from './code-server.mjs';
import { defaultVsixPath, packageExtension } from './package.mjs';

function parseArgs(argv) {
  const opts = { port: undefined, folder: join(projectRoot, 'examples'), build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1 || v > 65535) throw new Error(`--port wants a number from 1 to 65535, got ${JSON.stringify(argv[i])}`);
      opts.port = v;
    } else if (a === '--folder') {
      if (!argv[i + 1]) throw new Error('--folder wants a folder path');
      opts.folder = resolve(argv[++i]);
    } else if (a === '--no-build') opts.build = false;
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown option ${JSON.stringify(a)} (try --help)`);
  }
  return opts;
}

const portFree = (port) =>
  new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write('usage: npm start [-- --port N] [--folder DIR] [--no-build]\n');
    return;
  }
  if (!existsSync(opts.folder) || !statSync(opts.folder).isDirectory()) throw new Error(`the workspace folder ${opts.folder} does not exist`);
  const say = (m) => process.stdout.write(`${m}\n`);

  ensureDependencies({ log: say });
  let vsix = defaultVsixPath;
  if (opts.build) {
    say('Building and packaging the extension …');
    const { bytes } = packageExtension({ build: true, production: true, log: say });
    say(`Packaged ${vsix} (${(bytes / 1024).toFixed(0)} KiB)`);
  } else if (!existsSync(vsix)) {
    throw new Error(`--no-build: there is no ${vsix} yet; run without --no-build (or npm run package) first`);
  }

  say(`Preparing code-server ${CODE_SERVER_VERSION} (the first time this installs it from npm, about a minute) …`);
  await ensureCodeServer({ log: say });

  const home = join(projectRoot, '.vscode-test', 'start');
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  writeUserSettings(userDataDir, {});
  say('Installing the .vsix …');
  installExtension({ vsix, extensionsDir, userDataDir });

  const port = opts.port ?? ((await portFree(8080)) ? 8080 : undefined);
  if (opts.port !== undefined && !(await portFree(opts.port))) throw new Error(`port ${opts.port} on 127.0.0.1 is in use; pick another with --port`);
  const server = await startCodeServer({ workspace: opts.folder, userDataDir, extensionsDir, port, timeoutMs: 120_000 });
  say('');
  say(`Lambda Design Advisor is running in code-server ${CODE_SERVER_VERSION} (a real VS Code) at:`);
  say(`  ${server.url}?folder=${encodeURI(opts.folder)}`);
  say('Open it in a browser, then run "Lambda Advisor: Design a Function…" from the command palette (F1).');
  say('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping code-server …');
    await killProcessGroup(server.child);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`code-server stopped on its own (${code ?? signal}). Its last output:\n${server.output()}\n`);
    process.exit(1);
  });
}

main().catch((e) => {
  process.stderr.write(`npm start: ${e.message}\n`);
  process.exit(1);
});
