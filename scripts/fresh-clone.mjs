// `npm run test:fresh-clone`: prove the README's promise. Clones the committed HEAD into a temporary folder
// (no node_modules, nothing beside it: no ../shared corpus) and runs `npm test` there, exactly as a new
// user would. Exit code is npm test's. `--keep` leaves the folder for a look; `--start` also checks that
// `npm start` serves VS Code on 127.0.0.1 and prints the URL, then stops it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const checkStart = process.argv.includes('--start');
const base = mkdtempSync(join(tmpdir(), 'lda-fresh-'));
const project = join(base, 'project');
const say = (m) => process.stdout.write(`fresh-clone: ${m}\n`);

const env = { ...process.env };
delete env.CI; // a user's machine: the corpus tests skip with their reason instead of failing
const clone = spawnSync('git', ['clone', '-q', root, project], { stdio: 'inherit' });
if (clone.status !== 0) {
  say('git clone failed');
  process.exit(1);
}
say(`cloned HEAD into ${project}; running npm test there`);
const test = spawnSync('npm', ['test'], { cwd: project, stdio: 'inherit', env });
let status = test.status ?? 1;
say(`npm test exited ${status}`);

if (status === 0 && checkStart) {
  say('running npm start until it prints the URL');
  status = await new Promise((res) => {
    const child = spawn('npm', ['start'], { cwd: project, env, detached: true });
    let out = '';
    const timer = setTimeout(() => finish(1, 'npm start printed no URL within 5 minutes'), 5 * 60 * 1000);
    function finish(code, why) {
      clearTimeout(timer);
      if (why) say(why);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      res(code);
    }
    const onData = (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\S*/.exec(out);
      if (m) finish(0, `npm start serves ${m[0]}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => finish(1, `npm start exited ${code} before printing a URL:\n${out.slice(-2000)}`));
  });
}
if (keep) say(`kept ${base}`);
else rmSync(base, { recursive: true, force: true });
process.exit(status);
