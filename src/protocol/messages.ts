/**
 * Every message between the extension host and the design wizard's webview, declared once.
 * Direction is in the comment; each side validates with the descriptor's guard on arrival.
 */
import { parseScenario, formatErrors, RUNTIME_LIST } from '../engine/scenario.ts';
import type { MeasurementImport } from '../engine/calibrate/index.ts';
import { g, notification, request, type Guard } from './rpc.ts';

export const STEP_IDS = ['workload', 'source', 'latency', 'budget', 'constraints', 'design'] as const;
export type StepId = (typeof STEP_IDS)[number];
export const IAC_LIST = ['sam', 'cdk', 'terraform'] as const;
export type Iac = (typeof IAC_LIST)[number];
export type View = 'wizard' | 'cost';
export type Runtime = (typeof RUNTIME_LIST)[number];

export interface Settings {
  readonly region: string;
  readonly defaultRuntime: Runtime;
  readonly freeTier: boolean;
  readonly preferredIac: Iac;
}

/** A scenario as JSON (the input form: what the user gave, defaults not filled in). */
export type ScenarioJson = Record<string, unknown>;

/** A draft the wizard is editing: any JSON object (it may not be a valid scenario yet). */
const draft: Guard<ScenarioJson> = g.object;

/** A complete, valid scenario. The value passed on is the input as given (not the parsed output). */
export const validScenario: Guard<ScenarioJson> = (v) => {
  const r = parseScenario(v);
  if (!r.ok) return { ok: false, error: `is not a valid scenario:\n${formatErrors(r.errors)}` };
  return { ok: true, value: v as ScenarioJson };
};

const settings: Guard<Settings> = g.struct<Settings & Record<string, unknown>>({
  region: g.string({ min: 1, max: 40, pattern: /^[a-z]{2}(-[a-z]+)+-\d$/ }),
  defaultRuntime: g.literal(...RUNTIME_LIST),
  freeTier: g.boolean,
  preferredIac: g.literal(...IAC_LIST),
});
const step = g.literal(...STEP_IDS);
const view = g.literal<View>('wizard', 'cost');
const path = g.string({ min: 1, max: 4096 });

export interface WizardInit {
  readonly settings: Settings;
  /** The scenario to show (a file opened with "Open Scenario…"), or null to keep the webview's own state. */
  readonly scenario: ScenarioJson | null;
  readonly path: string | null;
  readonly view: View | null;
}

/** Measurements read by "Import Measurements…" (lambda-advisor calibrate's reader): work fields and a summary. */
const measurementImport: Guard<MeasurementImport> = g.struct<MeasurementImport & Record<string, unknown>>({
  work: g.object,
  summary: g.struct<MeasurementImport['summary'] & Record<string, unknown>>({
    functionName: g.nullable(g.string({ min: 1, max: 140 })),
    invocations: g.integer(0, Number.MAX_SAFE_INTEGER),
    coldStarts: g.integer(0, Number.MAX_SAFE_INTEGER),
    memorySizesMb: g.array(g.integer(1, 100_000), 64),
    firstTime: g.nullable(g.string({ max: 40 })),
    lastTime: g.nullable(g.string({ max: 40 })),
    sources: g.array(g.string({ max: 4_096 }), 200),
    notes: g.array(g.string({ max: 4_000 }), 50),
  }),
});
export type { MeasurementImport };

// ---- webview -> host ----

/** The webview's first message; the host answers with the initial state. */
export const Ready = request<{ readonly clientVersion: number }, WizardInit>(
  'core/ready',
  g.struct({ clientVersion: g.integer(1, 1_000) }),
  g.struct<WizardInit & Record<string, unknown>>({ settings, scenario: g.nullable(draft), path: g.nullable(path), view: g.nullable(view) }),
);

/** Save the scenario to a workspace file (the host asks where with a save dialog). */
export const Save = request<{ readonly scenario: ScenarioJson }, { readonly saved: boolean; readonly path: string | null }>(
  'wizard/save',
  g.struct({ scenario: validScenario }),
  g.struct({ saved: g.boolean, path: g.nullable(path) }),
);

/** Pick a `*.lambda-advisor.json` file and load it. `scenario` is null when the user cancelled or the file was refused. */
export const Open = request<Record<string, never>, { readonly scenario: ScenarioJson | null; readonly path: string | null }>(
  'wizard/open',
  g.struct({}),
  g.struct({ scenario: g.nullable(validScenario), path: g.nullable(path) }),
);

/** Put the scenario on the clipboard as JSON. */
export const Copy = request<{ readonly scenario: ScenarioJson }, { readonly copied: boolean }>(
  'wizard/copy',
  g.struct({ scenario: validScenario }),
  g.struct({ copied: g.boolean }),
);

/** Scaffold the scenario into the workspace: the host runs Scaffold from Scenario… (preview, choices, one undoable edit). */
export const Scaffold = request<{ readonly scenario: ScenarioJson }, { readonly started: boolean }>(
  'wizard/scaffold',
  g.struct({ scenario: validScenario }),
  g.struct({ started: g.boolean }),
);

/** Open a source link in the browser. The host opens only https URLs. */
export const OpenExternal = request<{ readonly url: string }, { readonly opened: boolean }>(
  'core/openExternal',
  g.struct({ url: g.string({ min: 9, max: 2048, pattern: /^https:\/\/[^\s]+$/ }) }),
  g.struct({ opened: g.boolean }),
);

/**
 * "Import Measurements…" on the Workload step: the host asks for log files, a Logs Insights CSV, a
 * Power Tuning result or URL, reads them and answers with the work fields (null: cancelled or
 * nothing found, which the host has already said).
 */
export const ImportMeasurements = request<{ readonly scenario: ScenarioJson }, { readonly imported: MeasurementImport | null }>(
  'wizard/importMeasurements',
  g.struct({ scenario: draft }),
  g.struct({ imported: g.nullable(measurementImport) }),
);

/** The wizard's current draft and step, so the host can title the panel and knows the current scenario. */
export const StateChanged = notification<{ readonly scenario: ScenarioJson; readonly step: StepId; readonly valid: boolean }>(
  'wizard/state',
  g.struct({ scenario: draft, step, valid: g.boolean }),
);

/** A line for the "Lambda Advisor" output channel (errors in the webview, CSP violations). */
export const Log = notification<{ readonly level: 'info' | 'warn' | 'error'; readonly message: string }>(
  'core/log',
  g.struct({ level: g.literal('info', 'warn', 'error'), message: g.string({ max: 4000 }) }),
);

// ---- host -> webview ----

/**
 * Load a scenario into the wizard (Open Scenario… while the panel is open, or a draft pre-filled
 * from a template by "Advise on this Function"). A draft may be incomplete: the wizard shows its
 * problems field by field.
 */
export const LoadScenario = notification<{ readonly scenario: ScenarioJson; readonly path: string | null; readonly view: View | null }>(
  'wizard/load',
  g.struct({ scenario: draft, path: g.nullable(path), view: g.nullable(view) }),
);

/** Measurements imported by the palette command "Import Measurements…": fill the form with them. */
export const MeasurementsImported = notification<MeasurementImport>('wizard/measurementsImported', measurementImport);

/** Switch the wizard to a view (Show Cost…). */
export const ShowView = notification<{ readonly view: View }>('wizard/show', g.struct({ view }));

/** The `lambdaAdvisor.*` settings changed. */
export const SettingsChanged = notification<Settings>('core/settings', settings);

export const WEBVIEW_TO_HOST = [Ready, Save, Open, Copy, Scaffold, OpenExternal, ImportMeasurements, StateChanged, Log] as const;
export const HOST_TO_WEBVIEW = [LoadScenario, MeasurementsImported, ShowView, SettingsChanged] as const;

export { WIZARD_VIEW_TYPE } from './wizard-view.ts';
/** Bumped when the protocol changes incompatibly. */
export const PROTOCOL_VERSION = 1;
