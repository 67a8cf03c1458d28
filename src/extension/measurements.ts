/**
 * "Import Measurements…": ask where the measurements are (files, or a pasted Power Tuning URL), stream
 * them through the engine's calibrate reader, ask which function when the logs hold several, and
 * answer with the work fields for the wizard. Everything it decides comes from src/engine/calibrate.
 */
import * as vscode from 'vscode';
import { Calibrator, measurementImport, type MeasurementImport } from '../engine/calibrate/index.ts';
import { fileLines } from '../node/lines.ts';
import { log } from './log.ts';

const TITLE = 'Lambda Advisor: Import Measurements';

/** Lines of a file: streamed from disk for file: URIs (any size), read whole otherwise (remote file systems). */
async function* linesOf(uri: vscode.Uri): AsyncGenerator<string> {
  if (uri.scheme === 'file') {
    yield* fileLines(uri.fsPath);
    return;
  }
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  yield* text.split(/\r?\n/);
}

class Cancelled extends Error {}

/** Ask, read and convert; null when the user cancelled or nothing usable was found (already said). `files`: skip the questions (the Explorer's context menu). */
export async function askForMeasurements(draft: unknown, files?: readonly vscode.Uri[]): Promise<MeasurementImport | null> {
  const pick = files && files.length > 0 ? { id: 'files' as const } : await vscode.window.showQuickPick(
    [
      {
        id: 'files' as const,
        label: '$(file) Log files, a CSV export or a Power Tuning result…',
        detail: 'CloudWatch logs with REPORT lines (aws logs tail, sam logs, a console export), the JSON log format, a Logs Insights CSV export, Power Tuning output JSON',
      },
      { id: 'url' as const, label: '$(link) A Power Tuning visualization URL…', detail: 'https://lambda-power-tuning.show/#…' },
    ],
    { title: TITLE, placeHolder: 'Where are the measurements?' },
  );
  if (!pick) return null;
  const calibrator = new Calibrator();
  if (pick.id === 'files') {
    const uris = files && files.length > 0 ? files : await vscode.window.showOpenDialog({
      title: TITLE,
      canSelectMany: true,
      openLabel: 'Import',
      filters: { 'Logs, CSV and JSON': ['log', 'txt', 'json', 'jsonl', 'ndjson', 'csv'], 'All files': ['*'] },
    });
    if (!uris || uris.length === 0) return null;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Reading measurements…', cancellable: true }, async (_progress, token) => {
        for (const uri of uris) {
          calibrator.beginFile(vscode.workspace.asRelativePath(uri));
          for await (const line of linesOf(uri)) {
            if (token.isCancellationRequested) throw new Cancelled();
            calibrator.feed(line);
          }
          calibrator.endFile();
        }
      });
    } catch (e) {
      if (e instanceof Cancelled) return null;
      const message = `Could not read the measurements: ${e instanceof Error ? e.message : String(e)}`;
      log.warn(message);
      void vscode.window.showErrorMessage(`Lambda Advisor: ${message}`);
      return null;
    }
  } else {
    const url = await vscode.window.showInputBox({
      title: TITLE,
      prompt: "Paste the visualization URL from Power Tuning's output (results.stateMachine.visualization)",
      placeHolder: 'https://lambda-power-tuning.show/#…',
      ignoreFocusOut: true,
      validateInput: (v) => (v.includes('lambda-power-tuning.show') && v.includes('#') ? undefined : 'A URL like https://lambda-power-tuning.show/#…'),
    });
    if (!url) return null;
    calibrator.beginFile('the pasted URL');
    calibrator.feed(url.trim());
    calibrator.endFile();
  }
  const read = calibrator.result();
  for (const p of read.problems) log.warn(`Import Measurements: ${p}`);
  let r = measurementImport(read, draft);
  if (!r.ok && r.functions.length > 1) {
    const name = await vscode.window.showQuickPick([...r.functions], { title: TITLE, placeHolder: 'The logs hold several functions: which one is this scenario?' });
    if (!name) return null;
    r = measurementImport(read, draft, name);
  }
  if (!r.ok) {
    log.warn(r.message);
    void vscode.window.showErrorMessage(`Lambda Advisor: ${r.message}`);
    return null;
  }
  log.info(`Imported measurements: ${r.value.summary.sources.join('; ')}`);
  return r.value;
}
