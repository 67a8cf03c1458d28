/**
 * Adapter to the engine's hover: the markdown and range for an offset, with the Region the user chose
 * for prices (an attached scenario's own Region wins inside the engine when no Region is passed, so
 * only a Region set explicitly in the settings is passed).
 */
import { hoverAt, type Hover, type ParsedTemplate } from '../../engine/templates/index.ts';

export function templateHover(parsed: ParsedTemplate, offset: number, context: { readonly region?: string }): Hover | undefined {
  return hoverAt(parsed, offset, context.region === undefined ? {} : { region: context.region }) ?? undefined;
}
