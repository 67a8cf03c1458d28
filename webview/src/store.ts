/**
 * The wizard's state (zustand, vanilla so it runs in plain Node tests): the form, the step, what
 * the user has touched, the settings. Validation is recomputed on every change (the engine's own
 * schema); the step cannot move forward past a step with a bad field. Every change is handed to
 * `persist` (the webview's setState) so hiding the panel or reloading the window loses nothing.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { mb, whole } from '../../src/engine/format.ts';
import { STEP_IDS, type MeasurementImport, type ScenarioJson, type Settings, type StepId, type View } from '../../src/protocol/messages.ts';
import {
  defaultForm,
  fromScenarioInput,
  stepErrors,
  toScenarioInput,
  validate,
  STEP_FIELDS,
  type FieldKey,
  type Form,
  type Validation,
} from './form.ts';

export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  workload: 'Workload',
  source: 'Invocation source',
  latency: 'Latency',
  budget: 'Budget',
  constraints: 'Constraints',
  design: 'Design',
};

/** What survives a reload (the webview's setState). */
export interface Persisted {
  readonly v: 1;
  readonly form: Form;
  readonly step: StepId;
  readonly path: string | null;
  readonly touched: readonly FieldKey[];
  readonly settings: Settings;
}

export interface WizardState {
  settings: Settings;
  form: Form;
  step: StepId;
  view: View;
  /** Counts "Show Cost…" requests: each one scrolls to the cost again, even when the view already is 'cost'. */
  costRequests: number;
  path: string | null;
  touched: ReadonlySet<FieldKey>;
  /** Steps the user tried to leave: every error on them is shown, touched or not. */
  attempted: ReadonlySet<StepId>;
  /** Steps the user has been on and moved away from (a step not reached yet is never flagged). */
  left: ReadonlySet<StepId>;
  validation: Validation;
  notice: { kind: 'info' | 'error'; text: string } | null;
  /** What the last "Import Measurements…" read (shown on the Workload step); null before any. */
  measured: MeasurementImport['summary'] | null;

  setField<K extends FieldKey>(key: K, value: Form[K]): void;
  setTrafficMode(mode: Form['trafficMode']): void;
  touch(key: FieldKey): void;
  /** Move to a step; refused (returns false) while an earlier step has a bad field. */
  goTo(step: StepId): boolean;
  next(): boolean;
  back(): void;
  load(scenario: ScenarioJson, path: string | null): void;
  /** Fill the work fields from imported measurements (the rest of the form is kept). */
  importMeasurements(imported: MeasurementImport): void;
  setSettings(settings: Settings): void;
  setView(view: View): void;
  setNotice(notice: WizardState['notice']): void;
  reset(): void;
  /** The scenario JSON of the form, as saved or copied. */
  scenarioJson(): ScenarioJson;
}

export interface StoreDeps {
  readonly persist?: (state: Persisted) => void;
  readonly onChange?: (state: WizardState) => void;
}

export const DEFAULT_SETTINGS: Settings = { region: 'us-east-1', defaultRuntime: 'nodejs', freeTier: false, preferredIac: 'sam' };

/** Steps before `step` that have a bad field (the first one blocks the move). */
export function blockingStep(v: Validation, step: StepId): StepId | null {
  const idx = STEP_IDS.indexOf(step);
  for (const s of STEP_IDS.slice(0, idx)) {
    if (s === 'design') continue;
    if (stepErrors(v, s).length > 0) return s;
  }
  if (step === 'design' && !v.scenario) return 'workload';
  return null;
}

/** A form from kept state, field by field: a value of the wrong type (old or tampered state) gets the default. */
export function restoreForm(kept: unknown, settings: Settings): Form {
  const d = defaultForm(settings);
  const k = (typeof kept === 'object' && kept !== null ? kept : {}) as Record<string, unknown>;
  const out = { ...d } as unknown as Record<string, unknown>;
  for (const key of Object.keys(d) as (keyof Form)[]) {
    const def = d[key];
    const v = k[key];
    if (key === 'awsServices') out[key] = Array.isArray(v) ? v.filter((x) => typeof x === 'string') : def;
    else if (key === 'extra') {
      const part = (name: string) => {
        const x = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[name] : undefined;
        return typeof x === 'object' && x !== null && !Array.isArray(x) ? x : {};
      };
      out[key] = { work: part('work'), network: part('network') };
    } else if (key === 'trafficMode') out[key] = v === 'perSecond' ? 'perSecond' : 'monthly';
    else if (typeof v === typeof def) out[key] = v;
  }
  return out as unknown as Form;
}

function isPersisted(v: unknown): v is Persisted {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return p['v'] === 1 && typeof p['form'] === 'object' && p['form'] !== null && typeof p['step'] === 'string' && (STEP_IDS as readonly string[]).includes(p['step']);
}

export function createWizardStore(deps: StoreDeps = {}, restored?: unknown): StoreApi<WizardState> {
  const saved = isPersisted(restored) ? restored : undefined;
  const settings = saved?.settings ?? DEFAULT_SETTINGS;
  const form = saved ? restoreForm(saved.form, settings) : defaultForm(settings);

  const store = createStore<WizardState>()((set, get) => {
    /** The `left` set after moving from the current step to `to` (unchanged when staying). */
    const leaving = (to: StepId): ReadonlySet<StepId> => {
      const s = get();
      if (to === s.step || s.left.has(s.step)) return s.left;
      const left = new Set(s.left);
      left.add(s.step);
      return left;
    };
    const update = (patch: Partial<WizardState>) => {
      const next = { ...patch };
      if (patch.form) next.validation = validate(patch.form);
      set(next);
    };
    return {
      settings,
      form,
      step: saved?.step ?? 'workload',
      view: 'wizard',
      costRequests: 0,
      path: saved?.path ?? null,
      touched: new Set(saved?.touched ?? []),
      attempted: new Set(),
      left: new Set(),
      validation: validate(form),
      notice: null,
      measured: null,

      setField(key, value) {
        const touched = new Set(get().touched);
        touched.add(key);
        update({ form: { ...get().form, [key]: value }, touched });
      },
      setTrafficMode(mode) {
        update({ form: { ...get().form, trafficMode: mode } });
      },
      touch(key) {
        if (get().touched.has(key)) return;
        const touched = new Set(get().touched);
        touched.add(key);
        set({ touched });
      },
      goTo(step) {
        const s = get();
        const blocker = blockingStep(s.validation, step);
        if (blocker) {
          const attempted = new Set(s.attempted);
          attempted.add(blocker);
          set({ step: blocker, attempted, left: leaving(blocker), view: 'wizard' });
          return false;
        }
        set({ step, left: leaving(step), view: step === 'design' ? s.view : 'wizard' });
        return true;
      },
      next() {
        const s = get();
        const idx = STEP_IDS.indexOf(s.step);
        const target = STEP_IDS[Math.min(idx + 1, STEP_IDS.length - 1)] as StepId;
        if (s.step !== 'design' && stepErrors(s.validation, s.step).length > 0) {
          const attempted = new Set(s.attempted);
          attempted.add(s.step);
          set({ attempted });
          return false;
        }
        return get().goTo(target);
      },
      back() {
        const idx = STEP_IDS.indexOf(get().step);
        if (idx > 0) {
          const to = STEP_IDS[idx - 1] as StepId;
          set({ step: to, left: leaving(to), view: 'wizard' });
        }
      },
      load(scenario, path) {
        const f = fromScenarioInput(scenario, get().settings);
        const v = validate(f);
        update({ form: f, path, touched: new Set(Object.values(STEP_FIELDS).flat()), attempted: new Set(), left: new Set(), step: v.scenario ? 'design' : 'workload', measured: null });
      },
      importMeasurements(imported) {
        const input = toScenarioInput(get().form);
        const work = { ...(input['work'] as Record<string, unknown>), ...imported.work };
        const f = fromScenarioInput({ ...input, work }, get().settings);
        const touched = new Set(get().touched);
        for (const k of ['averageDurationMs', 'p99DurationMs', 'measuredAtMemoryMb', 'maxMemoryUsedMb'] as const) touched.add(k);
        update({ form: f, touched, measured: imported.summary, notice: { kind: 'info', text: importedText(imported.summary) } });
      },
      setSettings(next) {
        const s = get();
        // New settings change a form only where the user has not chosen yet.
        const f = { ...s.form };
        if (!s.touched.has('region') && f.region === s.settings.region) f.region = next.region;
        if (!s.touched.has('runtime') && f.runtime === s.settings.defaultRuntime) f.runtime = next.defaultRuntime;
        if (!s.touched.has('freeTier') && f.freeTier === s.settings.freeTier) f.freeTier = next.freeTier;
        update({ settings: next, form: f });
      },
      setView(view) {
        const s = get();
        if (view === 'cost') {
          if (get().goTo('design')) set({ view: 'cost', costRequests: get().costRequests + 1 });
          else set({ notice: { kind: 'error', text: 'Complete the scenario to see its cost: the highlighted step has a problem.' } });
          void s;
          return;
        }
        set({ view });
      },
      setNotice(notice) {
        set({ notice });
      },
      reset() {
        const f = defaultForm(get().settings);
        update({ form: f, step: 'workload', path: null, touched: new Set(), attempted: new Set(), left: new Set(), view: 'wizard', notice: null, measured: null });
      },
      scenarioJson() {
        return toScenarioInput(get().form);
      },
    };
  });

  store.subscribe((s, prev) => {
    if (s.form !== prev.form || s.step !== prev.step || s.path !== prev.path || s.touched !== prev.touched || s.settings !== prev.settings) {
      deps.persist?.({ v: 1, form: s.form, step: s.step, path: s.path, touched: [...s.touched], settings: s.settings });
    }
    deps.onChange?.(s);
  });
  return store;
}

/** One sentence on what an import read: invocations, memory sizes, cold starts, time span. */
/** An ISO time as the wizard shows it: "2026-11-30 10:00:00 UTC". */
export function utcTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

export function importedText(m: MeasurementImport['summary']): string {
  const sizes = m.memorySizesMb.map(mb).join(', ');
  const span = m.firstTime && m.lastTime ? ` from ${utcTime(m.firstTime)} to ${utcTime(m.lastTime)}` : '';
  const who = m.functionName ? ` of ${m.functionName}` : '';
  const counted = m.invocations > 0 ? `${whole(m.invocations)} invocations (${whole(m.coldStarts)} cold start${m.coldStarts === 1 ? '' : 's'})` : 'averages (no invocation counts)';
  return `Imported measurements${who}: ${counted} at ${m.memorySizesMb.length === 1 ? '' : `${m.memorySizesMb.length} memory sizes, `}${sizes}${span}.`;
}

/** Should the error of this field be shown now? (touched, or its step was attempted) */
export function visibleError(s: Pick<WizardState, 'validation' | 'touched' | 'attempted'>, key: FieldKey, step: StepId): string | undefined {
  const e = s.validation.errors[key];
  if (e === undefined) return undefined;
  return s.touched.has(key) || s.attempted.has(step) ? e : undefined;
}

/**
 * Should the stepper mark this step "needs attention"? Only when it has a bad field AND the user has
 * met it: tried to go past it, moved away from it, or touched one of its bad fields (a loaded file
 * counts as touching every field). A fresh wizard flags nothing, not even the source it still needs.
 */
export function stepFlagged(s: Pick<WizardState, 'validation' | 'touched' | 'attempted' | 'left'>, step: StepId): boolean {
  const bad = stepErrors(s.validation, step);
  if (bad.length === 0) return false;
  return s.attempted.has(step) || s.left.has(step) || bad.some((k) => s.touched.has(k));
}
