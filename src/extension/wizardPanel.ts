/**
 * The design wizard's panel: one at a time, revived after a window reload by the serializer.
 * Loaded on first use (the commands import this module lazily).
 *
 * The webview sends `core/ready` first; the host answers with the settings and anything queued for
 * it (a scenario opened from a file, the view to show). Notifications posted while the panel is
 * hidden (its page is discarded: no retainContextWhenHidden) are queued and flushed once the page is
 * back and ready. The page keeps its own state with `setState`, so hiding or reloading loses nothing.
 */
import * as vscode from 'vscode';
import { Endpoint } from '../protocol/endpoint.ts';
import {
  Copy,
  ImportMeasurements,
  Log,
  LoadScenario,
  MeasurementsImported,
  Open,
  OpenExternal,
  PROTOCOL_VERSION,
  Ready,
  Save,
  Scaffold,
  SettingsChanged,
  ShowView,
  StateChanged,
  WIZARD_VIEW_TYPE,
  type ScenarioJson,
  type View,
  type WizardInit,
} from '../protocol/messages.ts';
import type { NotificationType } from '../protocol/rpc.ts';
import { webviewOptions, wizardHtml } from './html.ts';
import { log } from './log.ts';
import { pickScenarioFile, saveScenario } from './scenarioFiles.ts';
import { SECTION, readSettings } from './settings.ts';

type Queued = { type: NotificationType<unknown>; params: unknown };

export class WizardPanel {
  static current: WizardPanel | undefined;

  private readonly endpoint: Endpoint;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private queue: Queued[] = [];
  /** What the next `ready` answers with beyond the settings (a file opened before the page was up). */
  private pendingInit: { scenario: ScenarioJson | null; path: string | null; view: View | null } = { scenario: null, path: null, view: null };
  /** The file the scenario came from or was last saved to (the save dialog's default). */
  private fileUri: vscode.Uri | undefined;
  /** The wizard's last reported draft. */
  lastState: { scenario: ScenarioJson; valid: boolean } | undefined;

  /** Show the wizard (creating it if needed), optionally with a scenario and a view. */
  static show(context: vscode.ExtensionContext, load?: { scenario: ScenarioJson; uri: vscode.Uri | null }, view?: View): WizardPanel {
    let w = WizardPanel.current;
    if (!w) {
      const panel = vscode.window.createWebviewPanel(WIZARD_VIEW_TYPE, 'Lambda Advisor: Design', vscode.ViewColumn.Active, webviewOptions(context.extensionUri));
      w = new WizardPanel(context, panel);
      if (load) {
        w.fileUri = load.uri ?? undefined;
        w.pendingInit = { scenario: load.scenario, path: load.uri ? load.uri.fsPath : null, view: view ?? null };
      } else if (view) {
        w.pendingInit = { ...w.pendingInit, view };
      }
    } else {
      w.panel.reveal();
      if (load) {
        w.fileUri = load.uri ?? undefined;
        w.notify(LoadScenario, { scenario: load.scenario, path: load.uri ? load.uri.fsPath : null, view: view ?? null });
      } else if (view) {
        w.notify(ShowView, { view });
      }
    }
    return w;
  }

  /** Called by the serializer after a window reload: options again, page again; the page restores its own state. */
  static revive(context: vscode.ExtensionContext, panel: vscode.WebviewPanel): WizardPanel {
    WizardPanel.current?.panel.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    return new WizardPanel(context, panel);
  }

  private constructor(
    private readonly context: vscode.ExtensionContext,
    readonly panel: vscode.WebviewPanel,
  ) {
    WizardPanel.current = this;
    this.endpoint = new Endpoint({
      post: (m) => {
        void this.panel.webview.postMessage(m).then(undefined, (e: unknown) => log.warn(`Could not post to the wizard: ${String(e)}`));
      },
      log: (level, message) => log[level](`wizard → host: ${message}`),
    });
    this.registerHandlers();
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.html = wizardHtml(panel.webview, context.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.endpoint.handle(m)),
      panel.onDidChangeViewState(() => {
        // A hidden panel's page is discarded; it sends `ready` again when shown.
        if (!panel.visible) this.ready = false;
        else this.flush();
      }),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.notify(SettingsChanged, readSettings());
      }),
    );
  }

  /** Send a notification now, or when the page is visible and ready. */
  notify<P>(type: NotificationType<P>, params: P): void {
    if (this.ready && this.panel.visible) this.endpoint.sendNotification(type, params);
    else this.queue.push({ type: type as NotificationType<unknown>, params });
  }

  private flush(): void {
    if (!this.ready || !this.panel.visible) return;
    const q = this.queue;
    this.queue = [];
    for (const { type, params } of q) this.endpoint.sendNotification(type, params);
  }

  private registerHandlers(): void {
    const e = this.endpoint;
    e.onRequest(Ready, (p): WizardInit => {
      if (p.clientVersion !== PROTOCOL_VERSION) log.warn(`The wizard page speaks protocol ${p.clientVersion}, the host ${PROTOCOL_VERSION}.`);
      const init: WizardInit = { settings: readSettings(), ...this.pendingInit };
      this.pendingInit = { scenario: null, path: null, view: null };
      this.ready = true;
      // Queued notifications go after the answer, in order.
      setTimeout(() => this.flush(), 0);
      return init;
    });
    e.onRequest(Save, async ({ scenario }) => {
      const uri = await saveScenario(scenario, this.fileUri);
      if (!uri) return { saved: false, path: null };
      this.fileUri = uri;
      void vscode.window.showInformationMessage(`Saved the scenario to ${vscode.workspace.asRelativePath(uri)}.`);
      return { saved: true, path: uri.fsPath };
    });
    e.onRequest(Open, async () => {
      const r = await pickScenarioFile();
      if (!r) return { scenario: null, path: null };
      if (!r.ok) {
        log.warn(r.message);
        void vscode.window.showErrorMessage(r.message, { modal: false });
        return { scenario: null, path: null };
      }
      this.fileUri = r.uri;
      return { scenario: r.scenario, path: r.uri.fsPath };
    });
    e.onRequest(Scaffold, async ({ scenario }) => {
      // The flow asks several questions; the request answers at once and the flow reports its own errors.
      const { scaffoldInteractive } = await import('./scaffold/command.ts');
      scaffoldInteractive(this.context, { scenario, uri: this.fileUri ?? null }).catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        log.error(`Scaffold failed: ${message}`);
        void vscode.window.showErrorMessage(`Lambda Advisor: Scaffold failed: ${message}`);
      });
      return { started: true };
    });
    e.onRequest(Copy, async ({ scenario }) => {
      await vscode.env.clipboard.writeText(`${JSON.stringify(scenario, null, 2)}\n`);
      void vscode.window.showInformationMessage('Copied the scenario as JSON. It works as-is with `lambda-advisor recommend`.');
      return { copied: true };
    });
    e.onRequest(OpenExternal, async ({ url }) => {
      const uri = vscode.Uri.parse(url, true);
      if (uri.scheme !== 'https') {
        log.warn(`Refused to open ${url}: only https links are opened.`);
        return { opened: false };
      }
      return { opened: await vscode.env.openExternal(uri) };
    });
    e.onRequest(ImportMeasurements, async ({ scenario }) => {
      const { askForMeasurements } = await import('./measurements.ts');
      return { imported: await askForMeasurements(scenario) };
    });
    e.onNotification(StateChanged, ({ scenario, valid }) => {
      this.lastState = { scenario, valid };
      const name = typeof scenario['name'] === 'string' && scenario['name'] ? scenario['name'] : 'Design';
      this.panel.title = `Lambda Advisor: ${name.slice(0, 64)}`;
    });
    e.onNotification(Log, ({ level, message }) => log[level](`wizard: ${message}`));
  }

  /** The palette's "Import Measurements…": ask and read, then fill the wizard's form. */
  async importFromCommand(files?: readonly vscode.Uri[]): Promise<void> {
    const { askForMeasurements } = await import('./measurements.ts');
    const imported = await askForMeasurements(this.lastState?.scenario ?? {}, files);
    if (imported) this.notify(MeasurementsImported, imported);
  }

  private dispose(): void {
    if (WizardPanel.current === this) WizardPanel.current = undefined;
    this.endpoint.dispose();
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.queue = [];
    void this.context;
  }
}
