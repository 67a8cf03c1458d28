/** Names shared by the registration (`index.ts`) and the lazily loaded providers (`guidance.ts`); command ids are in src/protocol/commands.ts. */
export const DIAGNOSTIC_SOURCE = 'Lambda Advisor';
export const DIAGNOSTIC_COLLECTION = 'lambda-advisor';
