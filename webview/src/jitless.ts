/**
 * Imported FIRST by main.tsx, before any zod schema is built: zod 4 compiles object parsers with
 * `new Function` unless told not to, and under our CSP (no 'unsafe-eval') even its guarded probe is
 * reported as a violation. Jitless parsing is just as correct; scenarios are small.
 */
import { config } from 'zod/mini';

config({ jitless: true });
