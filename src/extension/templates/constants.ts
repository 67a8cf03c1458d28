/** Names shared by the registration (`index.ts`, `applyDesign.ts`) and the lazily loaded providers (`guidance.ts`). */
export const ADVISE_COMMAND = 'lambdaAdvisor.adviseFunction';
export const APPLY_DESIGN_COMMAND = 'lambdaAdvisor.applyDesignToTemplate';
export const DIAGNOSTIC_SOURCE = 'Lambda Advisor';
export const DIAGNOSTIC_COLLECTION = 'lambda-advisor';
