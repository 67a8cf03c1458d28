/**
 * The rationale's formatters are the engine's one set (../format.ts), so a decision's text reads its
 * numbers and amounts exactly as the hover, the CLI and the wizard do. Kept so `./format.ts` imports
 * in the decision modules stay valid; new code may import ../format.ts directly.
 */
export { mb, ms, num, pct, plural, round, usd } from '../format.ts';
