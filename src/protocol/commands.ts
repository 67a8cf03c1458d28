/**
 * Every command the extension contributes, defined once. `package.json` (`contributes.commands`,
 * menus, walkthrough links) names exactly these, and `test/unit/ext-activation.test.ts` activates the
 * extension against a fake `vscode` and fails when a contributed command is not registered or a
 * registered one is not contributed. No vscode import: the webview and the tests may import it.
 */
export const COMMANDS = {
  designFunction: 'lambdaAdvisor.designFunction',
  openScenario: 'lambdaAdvisor.openScenario',
  showCost: 'lambdaAdvisor.showCost',
  adviseFunction: 'lambdaAdvisor.adviseFunction',
  scaffold: 'lambdaAdvisor.scaffold',
  applyDesignToTemplate: 'lambdaAdvisor.applyDesignToTemplate',
  checkAgentTools: 'lambdaAdvisor.checkAgentTools',
  importMeasurements: 'lambdaAdvisor.importMeasurements',
} as const;

/** A command id the extension registers. */
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const COMMAND_IDS: readonly CommandId[] = Object.values(COMMANDS);
