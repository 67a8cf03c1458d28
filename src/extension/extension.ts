/**
 * Activation registers commands and the wizard's serializer, nothing else: the wizard (and with it
 * the engine) is imported on first use.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../protocol/commands.ts';
import { WIZARD_VIEW_TYPE } from '../protocol/wizard-view.ts';
import { registerLanguageModelTools } from './lmTools.ts';
import { registerTemplateGuidance } from './templates/index.ts';
import { registerWorkspaceView } from './workspace/index.ts';

async function report(what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const { log } = await import('./log.ts');
    log.error(`${what} failed: ${message}`);
    void vscode.window.showErrorMessage(`Lambda Advisor: ${what} failed: ${message}`);
  }
}

export function activate(context: vscode.ExtensionContext): void {
  registerTemplateGuidance(context);
  registerLanguageModelTools(context);
  registerWorkspaceView(context);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.designFunction, (arg?: { scenario?: unknown }) =>
      report('Design a Function', async () => {
        const { WizardPanel } = await import('./wizardPanel.ts');
        // Optional pre-filled draft (from "Advise on this function"); the wizard validates it like any draft.
        const s = arg?.scenario;
        WizardPanel.show(context, s !== null && typeof s === 'object' && !Array.isArray(s) ? { scenario: s as Record<string, unknown>, uri: null } : undefined, 'wizard');
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.openScenario, (arg?: unknown) =>
      report('Open Scenario', async () => {
        const [{ WizardPanel }, files] = await Promise.all([import('./wizardPanel.ts'), import('./scenarioFiles.ts')]);
        // From the explorer's context menu the clicked file comes as the argument.
        const r = arg instanceof vscode.Uri ? await files.readScenarioFile(arg) : await files.pickScenarioFile();
        if (!r) return;
        if (!r.ok) {
          void vscode.window.showErrorMessage(r.message);
          return;
        }
        WizardPanel.show(context, { scenario: r.scenario, uri: r.uri }, 'wizard');
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.showCost, () =>
      report('Show Cost', async () => {
        const [{ WizardPanel }, files] = await Promise.all([import('./wizardPanel.ts'), import('./scenarioFiles.ts')]);
        // No wizard open: the current scenario is the scenario file in the active editor, if there is one.
        // (An open wizard keeps its own draft; it is never replaced by a file here.)
        const doc = vscode.window.activeTextEditor?.document;
        if (!WizardPanel.current && doc && doc.uri.path.endsWith(files.SCENARIO_SUFFIX)) {
          const r = await files.readScenarioFile(doc.uri);
          if (!r.ok) {
            void vscode.window.showErrorMessage(r.message);
            return;
          }
          WizardPanel.show(context, { scenario: r.scenario, uri: r.uri }, 'cost');
          return;
        }
        WizardPanel.show(context, undefined, 'cost');
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.importMeasurements, (arg?: unknown, selected?: unknown) =>
      report('Import Measurements', async () => {
        const { WizardPanel } = await import('./wizardPanel.ts');
        // From the Explorer's context menu: the clicked file, or every selected one.
        const all = Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
        const files = all.length > 0 ? all : arg instanceof vscode.Uri ? [arg] : undefined;
        await WizardPanel.show(context).importFromCommand(files);
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.scaffold, (arg?: unknown) =>
      report('Scaffold from Scenario', async () => {
        const { runScaffoldCommand } = await import('./scaffold/command.ts');
        // The wizard's draft is offered as a scenario; read here so the scaffold never imports the wizard.
        await runScaffoldCommand(context, arg, async () => {
          const { WizardPanel } = await import('./wizardPanel.ts');
          const state = WizardPanel.current?.lastState;
          return state && state.valid ? state.scenario : undefined;
        });
      }),
    ),
    vscode.window.registerWebviewPanelSerializer(WIZARD_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        const { WizardPanel } = await import('./wizardPanel.ts');
        WizardPanel.revive(context, panel);
      },
    }),
  );
}

export function deactivate(): void {
  // Nothing to stop: panels and the output channel are disposed with the extension's subscriptions.
}
