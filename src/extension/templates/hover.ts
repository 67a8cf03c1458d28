/** Adapter to the engine's hover (pending: the engine's hoverAt has not landed yet). */
import type { ParsedTemplate, TextRange } from '../../engine/templates/types.ts';
import type { LensDefaults } from './lens.ts';

export interface HoverContent {
  readonly markdown: string;
  readonly range?: TextRange;
}

export function templateHover(_parsed: ParsedTemplate, _offset: number, _context: { defaults: LensDefaults }): HoverContent | undefined {
  return undefined;
}
