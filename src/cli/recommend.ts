/** `lambda-advisor recommend <scenario.json | -> [--json]` */
import { advise } from '../engine/index.ts';
import { parseCommandArgs } from './args.ts';
import { formatDesign } from './format.ts';
import { RECOMMEND_HELP } from './help.ts';
import { describeSource, readScenarioJson } from './input.ts';
import { type CliIo, EXIT_OK, UsageError } from './io.ts';
import type { Design } from '../engine/design.ts';
import { formatErrors, OPTIMIZE_FOR_LIST } from '../engine/scenario.ts';
import { designJson, jsonText } from '../engine/contracts.ts';

/**
 * Read, validate and advise on the scenario at `path`; invalid fields become one UsageError naming
 * each. `overrides` replace top-level scenario fields (e.g. `--optimize-for`).
 */
export async function designFor(path: string, io: CliIo, overrides: Record<string, unknown> = {}): Promise<Design> {
  const input = await readScenarioJson(path, io);
  const merged = Object.keys(overrides).length > 0 && input !== null && typeof input === 'object' && !Array.isArray(input) ? { ...(input as object), ...overrides } : input;
  const result = advise(merged);
  if (!result.ok) {
    const n = result.errors.length;
    throw new UsageError(
      `${describeSource(path)}: invalid scenario (${n} problem${n === 1 ? '' : 's'}):`,
      formatErrors(result.errors).split('\n'),
    );
  }
  return result.design;
}

export async function runRecommend(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'recommend',
    argv,
    { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, 'optimize-for': { type: 'string' } },
    1,
  );
  if (values['help']) {
    io.stdout.write(RECOMMEND_HELP);
    return EXIT_OK;
  }
  const path = positionals[0];
  if (path === undefined) throw new UsageError("recommend needs a scenario file, or '-' to read stdin (see: lambda-advisor recommend --help)");
  const optimizeFor = values['optimize-for'];
  if (optimizeFor !== undefined && !(OPTIMIZE_FOR_LIST as readonly unknown[]).includes(optimizeFor)) {
    throw new UsageError(`--optimize-for: must be one of ${OPTIMIZE_FOR_LIST.join(', ')} (got '${String(optimizeFor)}')`);
  }
  const design = await designFor(path, io, optimizeFor === undefined ? {} : { optimizeFor });
  io.stdout.write(values['json'] ? `${jsonText(designJson(design))}\n` : `${formatDesign(design)}\n`);
  return EXIT_OK;
}
