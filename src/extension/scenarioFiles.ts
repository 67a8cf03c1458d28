/**
 * Scenario files (`*.lambda-advisor.json`): exactly a scenario JSON, so `lambda-advisor recommend FILE`
 * reads the same file. Written only where the user chose in a save dialog (which asks before
 * replacing a file); read through `vscode.workspace.fs` and validated before the wizard sees them.
 */
import * as vscode from 'vscode';
import { formatErrors, parseScenario } from '../engine/scenario.ts';
import type { ScenarioJson } from '../protocol/messages.ts';
import { log } from './log.ts';

export const SCENARIO_SUFFIX = '.lambda-advisor.json';
const MAX_BYTES = 1_000_000;
const FILTERS = { 'Lambda Advisor scenario': ['json'] };

function workspaceRoot(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function safeFileStem(name: unknown): string {
  const s = typeof name === 'string' ? name.replace(/[^A-Za-z0-9_-]/g, '') : '';
  return s.length > 0 ? s.slice(0, 64) : 'scenario';
}

/** Ask where to save (default: the workspace, or the file it came from) and write it. */
export async function saveScenario(scenario: ScenarioJson, current: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const root = workspaceRoot();
  const fileName = `${safeFileStem(scenario['name'])}${SCENARIO_SUFFIX}`;
  const defaultUri = current ?? (root ? vscode.Uri.joinPath(root, fileName) : undefined);
  const target = await vscode.window.showSaveDialog({
    ...(defaultUri ? { defaultUri } : {}),
    filters: FILTERS,
    saveLabel: 'Save Scenario',
    title: 'Save the Lambda Advisor scenario',
  });
  if (!target) return undefined;
  const text = `${JSON.stringify(scenario, null, 2)}\n`;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  log.info(`Saved scenario to ${target.toString(true)}`);
  return target;
}

export type LoadResult = { ok: true; scenario: ScenarioJson; uri: vscode.Uri } | { ok: false; message: string };

/** Read and validate a scenario file; a problem comes back as a message naming the file and the fields. */
export async function readScenarioFile(uri: vscode.Uri): Promise<LoadResult> {
  const name = vscode.workspace.asRelativePath(uri);
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_BYTES) return { ok: false, message: `${name} is ${stat.size} bytes; a scenario file is at most ${MAX_BYTES}.` };
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    return { ok: false, message: `Could not read ${name}: ${e instanceof Error ? e.message : String(e)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  } catch (e) {
    return { ok: false, message: `${name} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = parseScenario(json);
  if (!r.ok) return { ok: false, message: `${name} is not a valid scenario:\n${formatErrors(r.errors)}` };
  return { ok: true, scenario: json as ScenarioJson, uri };
}

/** Let the user pick a scenario file (default folder: the workspace) and read it. */
export async function pickScenarioFile(): Promise<LoadResult | undefined> {
  const root = workspaceRoot();
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: false,
    filters: FILTERS,
    openLabel: 'Open Scenario',
    title: 'Open a Lambda Advisor scenario (*.lambda-advisor.json)',
    ...(root ? { defaultUri: root } : {}),
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  return readScenarioFile(uri);
}
