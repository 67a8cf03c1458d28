/**
 * The view type of the wizard panel (also in package.json activationEvents). Its own module so that
 * activation can register the panel serializer without evaluating the protocol (and the scenario
 * schema behind it); messages.ts re-exports it.
 */
export const WIZARD_VIEW_TYPE = 'lambdaAdvisor.wizard';
