/** `lambda-advisor recommend <scenario.json | -> [--json]` */
import { advise } from '../engine/index.ts';
import { parseCommandArgs } from './args.ts';
import { formatDesign } from './format.ts';
import { RECOMMEND_HELP } from './help.ts';
import { describeSource, readScenarioJson } from './input.ts';
import { type CliIo, EXIT_OK, UsageError } from './io.ts';
import type { Design } from '../engine/design.ts';
import { formatErrors } from '../engine/scenario.ts';
import { designJson, jsonText } from '../engine/contracts.ts';

/** Read, validate and advise on the scenario at `path`; invalid fields become one UsageError naming each. */
export async function designFor(path: string, io: CliIo): Promise<Design> {
  const input = await readScenarioJson(path, io);
  const result = advise(input);
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
    { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    1,
  );
  if (values['help']) {
    io.stdout.write(RECOMMEND_HELP);
    return EXIT_OK;
  }
  const path = positionals[0];
  if (path === undefined) throw new UsageError("recommend needs a scenario file, or '-' to read stdin (see: lambda-advisor recommend --help)");
  const design = await designFor(path, io);
  io.stdout.write(values['json'] ? `${jsonText(designJson(design))}\n` : `${formatDesign(design)}\n`);
  return EXIT_OK;
}
