/** The wizard: header actions, the step list, the current step, Back/Next. */
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import VscodeButton from '@vscode-elements/react-elements/dist/components/VscodeButton.js';
import { STEP_IDS, Copy, Open, Save, Scaffold, type StepId } from '../../src/protocol/messages.ts';
import type { Scenario } from '../../src/engine/scenario.ts';
import { compute, type Computed } from './curves.ts';
import { DesignStep } from './design.tsx';
import { stepErrors } from './form.ts';
import { endpoint, log } from './host.ts';
import { BudgetStep, ConstraintsStep, LatencyStep, SourceStep, WorkloadStep } from './steps.tsx';
import { STEP_TITLES, stepFlagged } from './store.ts';
import { useWizard } from './storeContext.ts';

const STEP_VIEWS: Readonly<Record<Exclude<StepId, 'design'>, () => React.JSX.Element>> = {
  workload: WorkloadStep,
  source: SourceStep,
  latency: LatencyStep,
  budget: BudgetStep,
  constraints: ConstraintsStep,
};

function safeCompute(s: Scenario): Computed | null {
  try {
    return compute(s);
  } catch (e) {
    log('error', `The engine failed on this scenario: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return null;
  }
}

function Stepper() {
  const step = useWizard((s) => s.step);
  const validation = useWizard((s) => s.validation);
  const touched = useWizard((s) => s.touched);
  const attempted = useWizard((s) => s.attempted);
  const left = useWizard((s) => s.left);
  const goTo = useWizard((s) => s.goTo);
  return (
    <nav aria-label="Wizard steps" className="stepper">
      <ol>
        {STEP_IDS.map((id, i) => {
          const bad = stepFlagged({ validation, touched, attempted, left }, id);
          return (
            <li key={id}>
              <button type="button" data-step={id} aria-current={step === id ? 'step' : undefined} className={step === id ? 'current' : undefined} onClick={() => goTo(id)}>
                <span className="num" aria-hidden="true">
                  {i + 1}
                </span>
                {STEP_TITLES[id]}
                {bad ? <span className="bad"> (needs attention)</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function Actions() {
  const scenarioJson = useWizard((s) => s.scenarioJson);
  const valid = useWizard((s) => s.validation.scenario !== null);
  const setNotice = useWizard((s) => s.setNotice);
  const load = useWizard((s) => s.load);
  const reset = useWizard((s) => s.reset);
  const goTo = useWizard((s) => s.goTo);
  const path = useWizard((s) => s.path);
  const fail = (what: string) => (e: unknown) => setNotice({ kind: 'error', text: `${what} failed: ${e instanceof Error ? e.message : String(e)}` });
  const needValid = (what: string): boolean => {
    if (valid) return true;
    setNotice({ kind: 'error', text: `${what}: the scenario is not complete yet. Fix the fields marked ⚠ first.` });
    goTo('design');
    return false;
  };
  return (
    <div className="actions" role="toolbar" aria-label="Scenario">
      <VscodeButton
        secondary
        onClick={() => {
          endpoint.sendRequest(Open, {}).then((r) => {
            if (r.scenario) {
              load(r.scenario, r.path);
              setNotice({ kind: 'info', text: `Opened ${r.path ?? 'the scenario'}.` });
            }
          }, fail('Opening'));
        }}
      >
        Open…
      </VscodeButton>
      <VscodeButton
        data-testid="save"
        onClick={() => {
          if (!needValid('Save')) return;
          endpoint.sendRequest(Save, { scenario: scenarioJson() }).then((r) => {
            if (r.saved) setNotice({ kind: 'info', text: `Saved to ${r.path ?? 'the file'}.` });
          }, fail('Saving'));
        }}
      >
        Save Scenario…
      </VscodeButton>
      <VscodeButton
        secondary
        onClick={() => {
          if (!needValid('Copy')) return;
          endpoint.sendRequest(Copy, { scenario: scenarioJson() }).then(() => setNotice({ kind: 'info', text: 'Copied the scenario as JSON.' }), fail('Copying'));
        }}
      >
        Copy as JSON
      </VscodeButton>
      <VscodeButton
        secondary
        data-testid="scaffold"
        onClick={() => {
          if (!needValid('Scaffold')) return;
          endpoint.sendRequest(Scaffold, { scenario: scenarioJson() }).then(() => undefined, fail('Scaffolding'));
        }}
      >
        Scaffold…
      </VscodeButton>
      <VscodeButton secondary onClick={() => reset()}>
        New
      </VscodeButton>
      {path ? <span className="path" title={path}>{path}</span> : null}
    </div>
  );
}

export function App() {
  const step = useWizard((s) => s.step);
  const next = useWizard((s) => s.next);
  const back = useWizard((s) => s.back);
  const notice = useWizard((s) => s.notice);
  const scenario = useWizard((s) => s.validation.scenario);
  const stepHasErrors = useWizard((s) => s.attempted.has(s.step) && stepErrors(s.validation, s.step).length > 0);
  // The design is computed here with the engine; deferred so typing never waits for a redraw.
  const deferred = useDeferredValue(step === 'design' ? scenario : null);
  const computed = useMemo(() => (deferred ? safeCompute(deferred) : null), [deferred]);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);
  const index = STEP_IDS.indexOf(step);
  const StepView = step === 'design' ? null : STEP_VIEWS[step];
  return (
    <div className="app">
      <header>
        <h1>Design a Lambda function</h1>
        <Actions />
      </header>
      <Stepper />
      <div className={`notice${notice ? ` ${notice.kind}` : ''}`} role="status" aria-live="polite">
        {notice?.text ?? ''}
      </div>
      <main>
        <h2 ref={heading} tabIndex={-1} data-testid="step-title">
          {index + 1}. {STEP_TITLES[step]}
        </h2>
        {stepHasErrors ? (
          <p className="step-blocked" role="alert">
            Some fields on this step have a problem (marked ⚠). Fix them to go on.
          </p>
        ) : null}
        {StepView ? <StepView /> : <DesignStep computed={computed} />}
      </main>
      <footer className="nav">
        <VscodeButton secondary disabled={index === 0} onClick={() => back()}>
          Back
        </VscodeButton>
        {step !== 'design' ? (
          <VscodeButton data-testid="next" onClick={() => next()}>
            {index === STEP_IDS.length - 2 ? 'See the design' : 'Next'}
          </VscodeButton>
        ) : null}
      </footer>
    </div>
  );
}
