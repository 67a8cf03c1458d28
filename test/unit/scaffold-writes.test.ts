import { test } from 'node:test';
import assert from 'node:assert/strict';
import { besideName, buildOps, choicesFor, planFiles, type Resolution } from '../../src/engine/scaffold/writes.ts';
import type { ScaffoldFile } from '../../src/engine/scaffold/index.ts';

const f = (path: string, contents = `generated ${path}\n`): ScaffoldFile => ({ path, contents, role: 'config' });

test('beside-names keep the extension, handle dotfiles and files without one, and never collide', () => {
  const none = () => false;
  assert.equal(besideName('template.yaml', none), 'template.generated.yaml');
  assert.equal(besideName('src/handler.ts', none), 'src/handler.generated.ts');
  assert.equal(besideName('.gitignore', none), '.gitignore.generated');
  assert.equal(besideName('Makefile', none), 'Makefile.generated');
  const taken = new Set(['template.generated.yaml', 'template.generated-2.yaml']);
  assert.equal(besideName('template.yaml', (p) => taken.has(p)), 'template.generated-3.yaml');
});

test('planFiles marks existing files and rejects unsafe paths', () => {
  const { files, problems } = planFiles([f('a.txt'), f('src/b.ts'), f('../c'), f('/d')], new Set(['src/b.ts']));
  assert.deepEqual(files.map((x) => [x.path, x.status]), [['a.txt', 'new'], ['src/b.ts', 'exists']]);
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /\.\./);
  assert.match(problems[1]!, /absolute/);
});

test('insert is offered only for an existing SAM template.yaml; new files can only be written or skipped', () => {
  const { files } = planFiles([f('template.yaml'), f('main.tf'), f('new.txt')], new Set(['template.yaml', 'main.tf']));
  const [tpl, tf, fresh] = files;
  assert.deepEqual(choicesFor(tpl!, 'sam'), ['insert', 'skip', 'overwrite', 'beside']);
  assert.deepEqual(choicesFor(tpl!, 'cdk'), ['skip', 'overwrite', 'beside']);
  assert.deepEqual(choicesFor(tf!, 'terraform'), ['skip', 'overwrite', 'beside']);
  assert.deepEqual(choicesFor(fresh!, 'sam'), ['write', 'skip']);
});

test('buildOps: existing files are never overwritten unless the choice says so; beside and insert do what they say', () => {
  const existing = new Map([
    ['template.yaml', '# mine\nResources:\n  Mine:\n    Type: AWS::SNS::Topic\n'],
    ['handler.ts', 'mine'],
    ['README.md', 'mine'],
    ['handler.generated.ts', 'an older copy'],
  ]);
  const generated = [
    f('template.yaml', 'Resources:\n  Fn:\n    Type: AWS::SQS::Queue\n'),
    f('handler.ts'),
    f('README.md'),
    f('events/a.json'),
    f('package.json'),
  ];
  const { files } = planFiles(generated, new Set(existing.keys()));
  const choose = (m: Record<string, Resolution>) =>
    buildOps({ files, iac: 'sam', resolutions: new Map(Object.entries(m)), existingText: (p) => existing.get(p), taken: (p) => existing.has(p) });

  // No choice at all: nothing existing is touched, nothing new is written.
  const none = choose({});
  assert.deepEqual(none.ops, []);
  assert.equal(none.skipped.length, 5);

  // "write" is not a valid choice for an existing file: it is skipped, not overwritten.
  const sneaky = choose({ 'handler.ts': 'write', 'events/a.json': 'write' });
  assert.deepEqual(sneaky.ops, [{ kind: 'create', path: 'events/a.json', contents: 'generated events/a.json\n' }]);

  const r = choose({ 'template.yaml': 'insert', 'handler.ts': 'beside', 'README.md': 'overwrite', 'events/a.json': 'write', 'package.json': 'skip' });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.skipped, ['package.json']);
  const byPath = new Map(r.ops.map((o) => [o.path, o]));
  const ins = byPath.get('template.yaml');
  assert.ok(ins && ins.kind === 'insert');
  assert.deepEqual(ins.added, ['Resources.Fn']);
  assert.deepEqual(byPath.get('handler.generated-2.ts'), { kind: 'create', path: 'handler.generated-2.ts', contents: 'generated handler.ts\n', besideOf: 'handler.ts' });
  assert.deepEqual(byPath.get('README.md'), { kind: 'overwrite', path: 'README.md', contents: 'generated README.md\n' });
});

test('an insertion the template cannot take becomes a problem and a skip, never an overwrite', () => {
  const { files } = planFiles([f('template.yaml', 'Resources:\n  Fn:\n    Type: AWS::SQS::Queue\n')], new Set(['template.yaml']));
  const r = buildOps({
    files,
    iac: 'sam',
    resolutions: new Map([['template.yaml', 'insert']]),
    existingText: () => 'Resources: [oops\n',
    taken: () => true,
  });
  assert.deepEqual(r.ops, []);
  assert.deepEqual(r.skipped, ['template.yaml']);
  assert.match(r.problems[0] ?? '', /not valid YAML/);
});

test('insert is offered for a SAM template.yaml in any folder of the workspace, not only at its root', () => {
  const at = (path: string) => ({ path, contents: '', role: 'iac' as const, status: 'exists' as const });
  assert.deepEqual(choicesFor(at('services/orders/template.yaml'), 'sam'), ['insert', 'skip', 'overwrite', 'beside']);
  assert.deepEqual(choicesFor(at('template.yaml'), 'sam'), ['insert', 'skip', 'overwrite', 'beside']);
  assert.equal(choicesFor(at('services/orders/template.yaml'), 'cdk').includes('insert'), false);
  assert.equal(choicesFor(at('services/my-template.yaml'), 'sam').includes('insert'), false);
});
