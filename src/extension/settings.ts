/** The `lambdaAdvisor.*` settings, read and checked (a bad value falls back to the default, with a log line). */
import * as vscode from 'vscode';
import { DEFAULT_REGION, isCommercialRegionCode } from '../engine/facts/index.ts';
import { RUNTIME_LIST } from '../engine/scenario.ts';
import { IAC_LIST, type Iac, type Runtime, type Settings } from '../protocol/messages.ts';
import { log } from './log.ts';

export const SECTION = 'lambdaAdvisor';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const region = c.get<unknown>('region', DEFAULT_REGION);
  const runtime = c.get<unknown>('defaultRuntime', 'nodejs');
  const freeTier = c.get<unknown>('freeTier', false);
  const iac = c.get<unknown>('preferredIac', 'sam');
  const pick = <T>(name: string, value: unknown, allowed: readonly T[], fallback: T): T => {
    if ((allowed as readonly unknown[]).includes(value)) return value as T;
    log.warn(`Setting ${SECTION}.${name} = ${JSON.stringify(value)} is not one of ${allowed.join(', ')}; using ${String(fallback)}.`);
    return fallback;
  };
  return {
    region: typeof region === 'string' && isCommercialRegionCode(region) ? region : pick('region', region, [DEFAULT_REGION], DEFAULT_REGION),
    defaultRuntime: pick<Runtime>('defaultRuntime', runtime, RUNTIME_LIST, 'nodejs'),
    freeTier: pick('freeTier', freeTier, [true, false], false),
    preferredIac: pick<Iac>('preferredIac', iac, IAC_LIST, 'sam'),
  };
}
