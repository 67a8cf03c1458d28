// A name that contains a comment terminator (`*/`) must not end the generated file's header comment and turn the
// rest of the name into code (issue 12 §7). Names are validated before scaffolding today, so the design is built
// here directly, as a future face (or a relaxed validator) could.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { advise } from '../../src/engine/index.ts';
import { scaffold } from '../../src/engine/scaffold/index.ts';

const r = advise(JSON.parse(readFileSync(new URL('../../examples/scenarios/sqs-worker-database.json', import.meta.url), 'utf8')));
assert.ok(r.ok);
const hostile = { ...r.design, name: 'orders*/ process.exit(1); /*' };

test('a */ in the name stays inside the header comment of the TypeScript handler and the CDK stack', () => {
  let checked = 0;
  for (const iac of ['sam', 'cdk'] as const) {
    for (const f of scaffold(hostile, { iac, language: 'typescript' })) {
      if (!f.path.endsWith('.ts')) continue;
      const text = f.contents;
      // The header block comment, up to its own closing line.
      const close = text.indexOf('\n */');
      if (!text.startsWith('/**') || close === -1) continue;
      const header = text.slice(0, close);
      if (!header.includes('scaffolded by Lambda Design Advisor')) continue;
      checked++;
      assert.equal(header.includes('*/'), false, `${iac} ${f.path}: the header comment ends early:\n${header}`);
      assert.ok(header.includes('orders*\\/ process.exit(1)'), header);
    }
  }
  assert.ok(checked >= 2, `${checked} headers checked`);
});
