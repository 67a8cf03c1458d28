/** Entry point: restore kept state, shake hands with the host, render. */
import './jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LoadScenario, MeasurementsImported, PROTOCOL_VERSION, Ready, SettingsChanged, ShowView, StateChanged } from '../../src/protocol/messages.ts';
import { App } from './App.tsx';
import { endpoint, getState, log, setState } from './host.ts';
import { createWizardStore } from './store.ts';
import { StoreContext } from './storeContext.ts';
import './styles.css';

// CSP violations are bugs: count them (the end-to-end test reads the count) and report them.
let violations = 0;
document.addEventListener('securitypolicyviolation', (e) => {
  violations++;
  document.body.dataset['cspViolations'] = String(violations);
  const what = `${e.blockedURI || 'inline code'} (${e.violatedDirective}${e.sample ? `: ${e.sample}` : ''}) at ${e.sourceFile}:${e.lineNumber}`;
  document.body.dataset['cspLast'] = what;
  log('error', `Content-Security-Policy blocked ${what}`);
});
document.body.dataset['cspViolations'] = '0';
window.addEventListener('error', (e) => log('error', `Uncaught: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => log('error', `Unhandled rejection: ${String(e.reason)}`));

const store = createWizardStore({ persist: setState }, getState());

// Tell the host the draft (panel title, "Show Cost…" for the current scenario) when it changes.
store.subscribe((s, prev) => {
  if (s.form !== prev.form || s.step !== prev.step) {
    endpoint.sendNotification(StateChanged, { scenario: s.scenarioJson(), step: s.step, valid: s.validation.scenario !== null });
  }
});

endpoint.onNotification(LoadScenario, ({ scenario, path, view }) => {
  store.getState().load(scenario, path);
  if (view) store.getState().setView(view);
});
endpoint.onNotification(MeasurementsImported, (imported) => {
  const s = store.getState();
  if (s.step !== 'workload') s.goTo('workload');
  store.getState().importMeasurements(imported);
});
endpoint.onNotification(ShowView, ({ view }) => store.getState().setView(view));
endpoint.onNotification(SettingsChanged, (settings) => store.getState().setSettings(settings));

endpoint.sendRequest(Ready, { clientVersion: PROTOCOL_VERSION }).then(
  (init) => {
    const s = store.getState();
    s.setSettings(init.settings);
    if (init.scenario) s.load(init.scenario, init.path);
    if (init.view) store.getState().setView(init.view);
    document.body.dataset['ready'] = 'true';
  },
  (e: unknown) => log('error', `The host did not answer core/ready: ${String(e)}`),
);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
}
