/**
 * Lambda Advisor: Scaffold from Scenario… — a scenario (a `*.lambda-advisor.json` file, or the
 * wizard's current one) becomes files in a workspace folder: a preview first (every file openable,
 * existing ones marked and unticked), a choice for each existing file (skip, overwrite after a modal
 * confirmation, write beside it, or insert into a SAM template.yaml), then ONE WorkspaceEdit so one
 * undo takes it all back. Refused in an untrusted workspace.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import { advise, formatErrors } from '../../engine/index.ts';
import { checkScaffoldPath, scaffold, ScaffoldError, type HandlerLanguage, type IacDialect, type ScaffoldFile } from '../../engine/scaffold/index.ts';
import type { ScenarioJson } from '../../protocol/messages.ts';
import { log } from '../log.ts';
import { readScenarioFile, SCENARIO_SUFFIX } from '../scenarioFiles.ts';
import { readSettings } from '../settings.ts';
import { besideName, buildOps, choicesFor, describeOp, planFiles, type PlannedFile, type Resolution, type WriteOp } from '../../engine/scaffold/writes.ts';
import type { TemplateSession } from '../../engine/templates/session.ts';
import { insertIntoTemplate } from '../../engine/templates/insert.ts';
import { ensurePreviewProvider, previewSession } from './preview.ts';

const TITLE = 'Scaffold from Scenario';
const UNTRUSTED =
  'Lambda Advisor does not scaffold in an untrusted workspace: it would write code and infrastructure files that you then build, run and deploy. Trust this folder (Manage Workspace Trust) to scaffold; the wizard and the costs work without trust.';

interface Source {
  readonly scenario: ScenarioJson;
  readonly uri: vscode.Uri | null;
}

type PickItem<T> = vscode.QuickPickItem & { readonly value: T };

async function pickOne<T>(title: string, items: PickItem<T>[], placeHolder: string): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  return picked?.value;
}

/** The wizard's current draft, when a wizard panel is open (asked through the caller: no import of the wizard here). */
export type WizardDraft = () => Promise<ScenarioJson | undefined>;

async function chooseScenario(wizardDraft?: WizardDraft): Promise<Source | undefined> {
  const items: PickItem<Source | 'browse'>[] = [];
  const fromWizard = await wizardDraft?.().catch(() => undefined);
  if (fromWizard) {
    const name = typeof fromWizard['name'] === 'string' ? fromWizard['name'] : 'scenario';
    items.push({ label: `$(window) The wizard's scenario: ${name}`, description: 'open in the design wizard', value: { scenario: fromWizard, uri: null } });
  }
  const found = await vscode.workspace.findFiles(`**/*${SCENARIO_SUFFIX}`, '**/node_modules/**', 200);
  found.sort((a, b) => a.path.localeCompare(b.path));
  for (const uri of found) items.push({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, value: { scenario: {}, uri } });
  items.push({ label: '$(folder-opened) Browse…', description: `pick a ${SCENARIO_SUFFIX} file`, value: 'browse' });
  const picked = await pickOne(TITLE, items, 'Which scenario do you want to scaffold?');
  if (picked === undefined) return undefined;
  let uri: vscode.Uri | undefined;
  if (picked === 'browse') {
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Lambda Advisor scenario': ['json'] }, openLabel: 'Scaffold', title: TITLE });
    uri = chosen?.[0];
  } else if (picked.uri) {
    uri = picked.uri;
  } else {
    return picked;
  }
  if (!uri) return undefined;
  return loadFile(uri);
}

async function loadFile(uri: vscode.Uri): Promise<Source | undefined> {
  const r = await readScenarioFile(uri);
  if (!r.ok) {
    void vscode.window.showErrorMessage(r.message);
    return undefined;
  }
  return { scenario: r.scenario, uri: r.uri };
}

async function chooseFolder(source: Source): Promise<vscode.WorkspaceFolder | undefined> {
  const byScenario = source.uri ? vscode.workspace.getWorkspaceFolder(source.uri) : undefined;
  if (byScenario) return byScenario;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Scaffold into which workspace folder?', ignoreFocusOut: true });
}

/** The subfolder (relative POSIX path, '' for the folder itself) to write into. */
async function chooseSubfolder(folder: vscode.WorkspaceFolder, source: Source): Promise<string | undefined> {
  let initial = '';
  if (source.uri) {
    const rel = relative(folder.uri.fsPath, vscode.Uri.joinPath(source.uri, '..').fsPath).split('\\').join('/');
    if (!rel.startsWith('..') && !isAbsolute(rel)) initial = rel;
  }
  const value = await vscode.window.showInputBox({
    title: TITLE,
    prompt: `Folder inside ${folder.name} to write into (empty: the workspace folder itself)`,
    value: initial,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const t = v.trim().replace(/\/+$/, '');
      if (t === '' || t === '.') return null;
      return checkScaffoldPath(t);
    },
  });
  if (value === undefined) return undefined;
  const t = value.trim().replace(/\/+$/, '');
  return t === '.' ? '' : t;
}

async function chooseIac(): Promise<IacDialect | undefined> {
  const preferred = readSettings().preferredIac;
  const all: PickItem<IacDialect>[] = [
    { label: 'AWS SAM', description: 'template.yaml', value: 'sam' },
    { label: 'AWS CDK', description: 'a TypeScript CDK app', value: 'cdk' },
    { label: 'Terraform', description: 'HCL, AWS provider', value: 'terraform' },
  ];
  const items = [...all.filter((i) => i.value === preferred).map((i) => ({ ...i, detail: 'your preferred dialect (setting lambdaAdvisor.preferredIac)' })), ...all.filter((i) => i.value !== preferred)];
  return pickOne(TITLE, items, 'Infrastructure as code');
}

async function chooseLanguage(family: string): Promise<HandlerLanguage | undefined> {
  const ts: PickItem<HandlerLanguage> = { label: 'TypeScript', description: 'Node.js handler with Powertools for AWS Lambda', value: 'typescript' };
  const py: PickItem<HandlerLanguage> = { label: 'Python', description: 'Python handler with Powertools for AWS Lambda', value: 'python' };
  return pickOne(TITLE, family === 'python' ? [py, ts] : [ts, py], 'Handler language');
}

const isInside = (root: string, child: string) => {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Check a target against the workspace folder: a safe relative path, and no symbolic link on the way.
 * Returns whether the file exists, or a message. On disk (`file:`) the CLI's preflight rules apply
 * (src/node/transaction.ts): every link on the way is refused, dangling or not (VS Code's stat fails on
 * a dangling link, which read as "no file here" and let the edit be written wherever the link pointed),
 * and a file where a folder is needed is named. Other schemes (remote file systems) use VS Code's stat.
 */
export async function checkTarget(folder: vscode.Uri, rel: string): Promise<{ exists: boolean } | { problem: string }> {
  const bad = checkScaffoldPath(rel);
  if (bad !== null) return { problem: bad };
  if (folder.scheme === 'file') {
    const { preflight } = await import('../../node/transaction.ts');
    const r = await preflight(folder.fsPath, [{ path: rel, contents: '' }]);
    if (!r.ok) return { problem: r.problems[0] ?? `${rel} cannot be written` };
    return { exists: r.targets[0]?.exists === true };
  }
  const parts = rel.split('/');
  let current = folder;
  let realRoot: string | undefined;
  for (let i = 0; i < parts.length; i++) {
    current = vscode.Uri.joinPath(current, parts[i]!);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(current);
    } catch {
      return { exists: false };
    }
    if (stat.type & vscode.FileType.SymbolicLink) {
      if (current.scheme !== 'file') return { problem: `${parts.slice(0, i + 1).join('/')} is a symbolic link; scaffolding does not write through links` };
      realRoot ??= await realpath(folder.fsPath);
      const target = await realpath(current.fsPath).catch(() => null);
      if (target === null || !isInside(realRoot, target)) {
        return { problem: `${parts.slice(0, i + 1).join('/')} is a symbolic link that leads outside the workspace folder; refusing to write through it` };
      }
    }
    const last = i === parts.length - 1;
    if (last && stat.type & vscode.FileType.Directory) return { problem: `${rel} is a folder, not a file` };
    if (!last && !(stat.type & vscode.FileType.Directory)) return { problem: `${parts.slice(0, i + 1).join('/')} is a file, so ${rel} cannot be written` };
    if (last) return { exists: true };
  }
  return { exists: false };
}

const join = (sub: string, path: string) => (sub === '' ? path : `${sub}/${path}`);

const RESOLUTION_LABEL: Record<Resolution, string> = {
  insert: '$(diff-added) Insert resources into template.yaml',
  skip: '$(circle-slash) Skip: keep my file',
  overwrite: '$(warning) Overwrite…',
  beside: '$(files) Write beside it',
  write: 'Write',
};

/** Run the whole flow for a scenario (from the command, the explorer or the wizard's Scaffold… action). */
export async function scaffoldInteractive(
  context: vscode.ExtensionContext,
  given?: { scenario: ScenarioJson; uri?: vscode.Uri | null },
  wizardDraft?: WizardDraft,
): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    const manage = 'Manage Workspace Trust';
    const r = await vscode.window.showErrorMessage(UNTRUSTED, manage);
    if (r === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showErrorMessage('Lambda Advisor: open a folder first; scaffolding writes its files into a workspace folder.');
    return;
  }
  const source = given ? { scenario: given.scenario, uri: given.uri ?? null } : await chooseScenario(wizardDraft);
  if (!source) return;
  const advised = advise(source.scenario);
  if (!advised.ok) {
    void vscode.window.showErrorMessage(`The scenario is not valid, so there is nothing to scaffold:\n${formatErrors(advised.errors)}`, { modal: true });
    return;
  }
  const design = advised.design;
  const folder = await chooseFolder(source);
  if (!folder) return;
  const sub = await chooseSubfolder(folder, source);
  if (sub === undefined) return;
  const iac = await chooseIac();
  if (!iac) return;
  const language = await chooseLanguage(design.runtimeFamily);
  if (!language) return;

  let generated: ScaffoldFile[];
  try {
    generated = scaffold(design, { iac, language });
  } catch (e) {
    if (e instanceof ScaffoldError) {
      void vscode.window.showErrorMessage(`Lambda Advisor cannot scaffold this design: ${e.message}`);
      return;
    }
    throw e;
  }
  const files = generated.map((f) => ({ ...f, path: join(sub, f.path) }));

  // Check every path before showing anything; one bad path stops the whole scaffold.
  const exists = new Set<string>();
  const problems: string[] = [];
  for (const f of files) {
    const r = await checkTarget(folder.uri, f.path);
    if ('problem' in r) problems.push(r.problem);
    else if (r.exists) exists.add(f.path);
  }
  const plan = planFiles(files, exists);
  problems.push(...plan.problems);
  if (problems.length > 0) {
    void vscode.window.showErrorMessage(`Lambda Advisor refuses to scaffold into ${folder.name}; nothing was written:\n${problems.join('\n')}`, { modal: true });
    return;
  }

  ensurePreviewProvider(context);
  const preview = previewSession(plan.files);
  const selected = await previewPick(plan.files, preview.uriOf, `${design.name}: ${iac}, ${language} into ${sub === '' ? folder.name : `${folder.name}/${sub}`}`);
  if (!selected) return;

  const resolutions = new Map<string, Resolution>();
  const takenNames = new Set<string>();
  const taken = (p: string) => exists.has(p) || takenNames.has(p);
  for (const f of plan.files) {
    if (!selected.has(f.path)) continue;
    if (f.status === 'new') {
      resolutions.set(f.path, 'write');
      continue;
    }
    const choice = await chooseResolution(f, iac, taken);
    if (choice === undefined) {
      void vscode.window.showInformationMessage('Scaffolding cancelled; nothing was written.');
      return;
    }
    resolutions.set(f.path, choice);
  }
  const overwrites = [...resolutions].filter(([, r]) => r === 'overwrite').map(([p]) => p);
  if (overwrites.length > 0) {
    const ok = 'Overwrite';
    const answer = await vscode.window.showWarningMessage(
      `Overwrite ${overwrites.length} existing file${overwrites.length === 1 ? '' : 's'} with the generated version?`,
      { modal: true, detail: `${overwrites.join('\n')}\n\nYour current contents are replaced. Edit > Undo takes the whole scaffold back.` },
      ok,
    );
    if (answer !== ok) {
      void vscode.window.showInformationMessage('Scaffolding cancelled; nothing was written.');
      return;
    }
  }

  // Insertions go into the open document (unsaved edits included), through its template session (the
  // one its hover and diagnostics use; the insertion is computed once per document version).
  const texts = new Map<string, string>();
  const sessions = new Map<string, TemplateSession>();
  if ([...resolutions.values()].includes('insert')) {
    const { sessionOf } = await import('../templates/sessions.ts');
    for (const [p, r] of resolutions) {
      if (r !== 'insert') continue;
      const session = sessionOf(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, p)));
      sessions.set(p, session);
      texts.set(p, session.text);
    }
  }
  const built = buildOps({
    files: plan.files,
    iac,
    resolutions,
    existingText: (p) => texts.get(p),
    taken: (p) => exists.has(p),
    insert: (p, generated, existing) => sessions.get(p)?.insertPlan(generated, p) ?? insertIntoTemplate(existing, generated, p),
  });
  if (built.problems.length > 0) void vscode.window.showWarningMessage(`Lambda Advisor: ${built.problems.join('; ')}`);
  // A beside-name may exist on disk although no generated file has that name: check those too.
  for (const op of built.ops) {
    if (op.kind === 'create' && op.besideOf) {
      const r = await checkTarget(folder.uri, op.path);
      if ('problem' in r || r.exists) {
        void vscode.window.showErrorMessage(`Lambda Advisor: cannot write ${op.path}: ${'problem' in r ? r.problem : 'it exists'}; nothing was written.`);
        return;
      }
    }
  }
  if (built.ops.length === 0) {
    void vscode.window.showInformationMessage('Lambda Advisor: nothing to write; every file was skipped.');
    return;
  }
  await applyOps(folder, built.ops, texts);
}

async function previewPick(files: readonly PlannedFile[], uriOf: (p: string) => vscode.Uri, title: string): Promise<Set<string> | undefined> {
  const open: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Preview the generated file' };
  const qp = vscode.window.createQuickPick<PickItem<PlannedFile>>();
  qp.title = `${TITLE}: ${title}`;
  qp.canSelectMany = true;
  qp.ignoreFocusOut = true;
  const existing = files.filter((f) => f.status === 'exists').length;
  qp.placeholder = `${files.length} files; ${existing} already exist (unticked: tick one to choose skip, overwrite, write beside${existing > 0 ? ' or insert' : ''}). Press Enter to continue.`;
  qp.items = files.map((f) => ({
    label: f.path,
    description: f.status === 'exists' ? '$(warning) exists' : 'new',
    detail: f.role,
    buttons: [open],
    value: f,
  }));
  qp.selectedItems = qp.items.filter((i) => i.value.status === 'new');
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: Set<string> | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      qp.dispose();
    };
    qp.onDidTriggerItemButton(async (e) => {
      try {
        const doc = await vscode.workspace.openTextDocument(uriOf(e.item.value.path));
        await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
      } catch (err) {
        log.warn(`Preview of ${e.item.value.path} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    qp.onDidAccept(() => finish(new Set(qp.selectedItems.map((i) => i.value.path))));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

async function chooseResolution(f: PlannedFile, iac: IacDialect, taken: (p: string) => boolean): Promise<Resolution | undefined> {
  const items = choicesFor(f, iac).map((r) => ({
    label: RESOLUTION_LABEL[r],
    description:
      r === 'beside' ? `as ${besideName(f.path, taken)}` : r === 'insert' ? 'adds the resources, parameters and outputs it lacks; keeps your comments and formatting' : r === 'overwrite' ? 'asks to confirm' : '',
    value: r,
  }));
  return pickOne(`${TITLE}: ${f.path} already exists`, items, `What should happen to ${f.path}?`);
}

async function applyOps(folder: vscode.WorkspaceFolder, ops: readonly WriteOp[], texts: ReadonlyMap<string, string>): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  const toSave: vscode.Uri[] = [];
  for (const op of ops) {
    const uri = vscode.Uri.joinPath(folder.uri, op.path);
    if (op.kind === 'create') {
      edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: encoder.encode(op.contents) }, { label: 'Scaffold', needsConfirmation: false });
    } else {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (op.kind === 'overwrite') {
        edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), op.contents);
      } else {
        if (doc.getText() !== texts.get(op.path)) {
          void vscode.window.showErrorMessage(`${op.path} changed while you were choosing; run Scaffold from Scenario… again. Nothing was written.`);
          return;
        }
        for (const ins of op.insertions) edit.replace(uri, new vscode.Range(doc.positionAt(ins.offset), doc.positionAt(ins.offset + ins.length)), ins.text);
      }
      toSave.push(uri);
    }
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) {
    void vscode.window.showErrorMessage('VS Code did not apply the scaffold (a file may have changed or appeared meanwhile); nothing was written.');
    return;
  }
  for (const uri of [...toSave, ...ops.filter((o) => o.kind === 'create').map((o) => vscode.Uri.joinPath(folder.uri, o.path))]) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();
  }
  for (const op of ops) log.info(`Scaffold: ${describeOp(op)}`);
  const readme = ops.find((o) => o.path.endsWith('README.md') && o.kind !== 'insert');
  const openReadme = 'Open README';
  const reveal = 'Reveal in Explorer';
  const answer = await vscode.window.showInformationMessage(
    `Lambda Advisor scaffolded ${ops.length} file${ops.length === 1 ? '' : 's'} into ${folder.name}. Edit > Undo takes it back.`,
    ...(readme ? [openReadme] : []),
    reveal,
  );
  const first = ops[0];
  if (answer === openReadme && readme) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, readme.path));
  if (answer === reveal && first) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.joinPath(folder.uri, first.path));
}

/** The command's entry: an explorer Uri, a `{ scenario }` from the wizard, or nothing (pick one). */
export async function runScaffoldCommand(context: vscode.ExtensionContext, arg?: unknown, wizardDraft?: WizardDraft): Promise<void> {
  if (arg instanceof vscode.Uri) {
    if (!vscode.workspace.isTrusted) return scaffoldInteractive(context);
    const source = await loadFile(arg);
    if (source) await scaffoldInteractive(context, source);
    return;
  }
  if (arg !== null && typeof arg === 'object' && 'scenario' in arg) {
    const scenario = (arg as { scenario: unknown }).scenario;
    if (scenario !== null && typeof scenario === 'object' && !Array.isArray(scenario)) return scaffoldInteractive(context, { scenario: scenario as ScenarioJson });
  }
  return scaffoldInteractive(context, undefined, wizardDraft);
}
