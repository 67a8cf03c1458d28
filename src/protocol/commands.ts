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
  refreshWorkspaceView: 'lambdaAdvisor.refreshWorkspaceView',
  revealResource: 'lambdaAdvisor.revealResource',
  treeAdvise: 'lambdaAdvisor.tree.advise',
  treeApply: 'lambdaAdvisor.tree.applyRecommended',
  treeScaffold: 'lambdaAdvisor.tree.scaffold',
  importMeasurements: 'lambdaAdvisor.importMeasurements',
} as const;

/** The workspace view (Explorer): templates, functions, cost and findings. */
export const WORKSPACE_VIEW = 'lambdaAdvisor.workspace';

/** A command id the extension registers. */
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const COMMAND_IDS: readonly CommandId[] = Object.values(COMMANDS);
