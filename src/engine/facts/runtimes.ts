/**
 * Lambda runtime identifiers: what each one is, when AWS deprecates it and blocks creating or
 * updating functions on it, whether SnapStart supports it, and its typical cold start. One table for
 * the scenario, the cold-start decision, the scaffolder and template hovers.
 *
 * Dates are from the "Lambda runtimes" page (supported and deprecated tables, read 2026-11-28 through
 * transcriptions of it dated July–August 2026); a `null` block date means the page gives none yet.
 */
import type { Fact } from './limits.ts';

/** Language families: the names scenarios used before identifiers (still accepted). */
export const RUNTIME_FAMILIES = ['nodejs', 'python', 'java', 'dotnet', 'go', 'ruby'] as const;
export type RuntimeFamily = (typeof RUNTIME_FAMILIES)[number];

/**
 * "Today" for runtime lifecycle checks. A constant, so that a design does not change overnight and
 * tests are stable; move it forward when the runtime table is re-read.
 */
export const TODAY = '2026-12-01';

export interface RuntimeInfo {
  readonly id: string;
  readonly family: RuntimeFamily;
  /** As a person reads it, e.g. "Node.js 22". */
  readonly name: string;
  readonly os: 'Amazon Linux 2' | 'Amazon Linux 2023';
  /** YYYY-MM-DD, or null when not scheduled. */
  readonly deprecation: string | null;
  readonly blockCreate: string | null;
  readonly blockUpdate: string | null;
  /** A public preview: no SLA, not for production. */
  readonly preview: boolean;
  /** SnapStart supports it (Java 11+, Python 3.12+, .NET 8+). */
  readonly snapStart: boolean;
}

function rt(
  id: string,
  family: RuntimeFamily,
  name: string,
  os: RuntimeInfo['os'],
  deprecation: string | null,
  blockCreate: string | null,
  blockUpdate: string | null,
  snapStart = false,
  preview = false,
): RuntimeInfo {
  return { id, family, name, os, deprecation, blockCreate, blockUpdate, preview, snapStart };
}

const AL2023 = 'Amazon Linux 2023' as const;
const AL2 = 'Amazon Linux 2' as const;

/** Every managed runtime identifier Lambda accepts for a .zip function (and the recently deprecated ones). */
export const RUNTIME_TABLE: Fact<readonly RuntimeInfo[]> = {
  value: [
    rt('nodejs26.x', 'nodejs', 'Node.js 26 (preview)', AL2023, null, null, null, false, true),
    rt('nodejs24.x', 'nodejs', 'Node.js 24', AL2023, '2028-04-30', '2028-06-01', '2028-07-01'),
    rt('nodejs22.x', 'nodejs', 'Node.js 22', AL2023, '2027-04-30', '2027-06-01', '2027-07-01'),
    rt('nodejs20.x', 'nodejs', 'Node.js 20', AL2023, '2026-04-30', '2026-08-31', '2026-09-30'),
    rt('nodejs18.x', 'nodejs', 'Node.js 18', AL2, '2025-09-01', null, null),
    rt('python3.15', 'python', 'Python 3.15 (preview)', AL2023, null, null, null, false, true),
    rt('python3.14', 'python', 'Python 3.14', AL2023, '2029-06-30', null, null, true),
    rt('python3.13', 'python', 'Python 3.13', AL2023, '2029-06-30', null, null, true),
    rt('python3.12', 'python', 'Python 3.12', AL2023, '2028-10-31', null, null, true),
    rt('python3.11', 'python', 'Python 3.11', AL2, '2027-06-30', null, null),
    rt('python3.10', 'python', 'Python 3.10', AL2, '2026-10-31', null, null),
    rt('python3.9', 'python', 'Python 3.9', AL2, '2025-12-15', '2027-02-01', '2027-03-03'),
    rt('java25', 'java', 'Java 25', AL2023, '2029-06-30', null, null, true),
    rt('java21', 'java', 'Java 21', AL2023, '2029-06-30', null, null, true),
    rt('java17.al2023', 'java', 'Java 17 (Amazon Linux 2023)', AL2023, '2029-06-30', null, null, true),
    rt('java11.al2023', 'java', 'Java 11 (Amazon Linux 2023)', AL2023, '2029-06-30', null, null, true),
    rt('java8.al2023', 'java', 'Java 8 (Amazon Linux 2023)', AL2023, '2029-06-30', null, null),
    rt('java17', 'java', 'Java 17', AL2, '2027-06-30', null, null, true),
    rt('java11', 'java', 'Java 11', AL2, '2027-06-30', null, null, true),
    rt('java8.al2', 'java', 'Java 8', AL2, '2027-06-30', null, null),
    rt('dotnet10', 'dotnet', '.NET 10', AL2023, '2028-11-14', '2028-12-14', '2029-01-15', true),
    rt('dotnet8', 'dotnet', '.NET 8', AL2023, '2026-11-10', '2027-07-29', '2027-08-31', true),
    rt('ruby4.0', 'ruby', 'Ruby 4.0', AL2023, '2029-03-31', null, null),
    rt('ruby3.4', 'ruby', 'Ruby 3.4', AL2023, '2028-03-31', null, null),
    rt('ruby3.3', 'ruby', 'Ruby 3.3', AL2023, '2027-03-31', null, null),
    rt('provided.al2023', 'go', 'OS-only runtime (Amazon Linux 2023)', AL2023, '2029-06-30', null, null),
    rt('provided.al2', 'go', 'OS-only runtime (Amazon Linux 2)', AL2, '2026-06-30', null, null),
  ],
  source: 'runtimes',
  note:
    'Go, Rust and other compiled languages run on the OS-only runtimes (provided.*); they are modelled as the "go" family. ' +
    'provided.al2 is no longer in the supported table: its date is the Amazon Linux 2 end of life (30 June 2026). Block dates not yet published are null.',
};

/** The identifier a family name stands for: the newest generally available runtime of the family. */
export const FAMILY_DEFAULT: Readonly<Record<RuntimeFamily, string>> = {
  nodejs: 'nodejs24.x',
  python: 'python3.14',
  java: 'java25',
  dotnet: 'dotnet10',
  go: 'provided.al2023',
  ruby: 'ruby3.4',
};

const BY_ID: ReadonlyMap<string, RuntimeInfo> = new Map(RUNTIME_TABLE.value.map((r) => [r.id, r]));

/** Every accepted `runtime` value: family names, then identifiers. */
export const RUNTIME_VALUES: readonly string[] = [...RUNTIME_FAMILIES, ...RUNTIME_TABLE.value.map((r) => r.id)];

/** The runtime a scenario's `runtime` value (a family name or an identifier, any case) stands for; undefined if unknown. */
export function runtimeInfo(value: string): RuntimeInfo | undefined {
  const v = value.trim().toLowerCase();
  if ((RUNTIME_FAMILIES as readonly string[]).includes(v)) return BY_ID.get(FAMILY_DEFAULT[v as RuntimeFamily]);
  return BY_ID.get(v);
}

export type RuntimeLifecycle =
  | { readonly state: 'supported' }
  | { readonly state: 'preview' }
  | { readonly state: 'deprecated'; readonly since: string; readonly blockCreate: string | null; readonly blockUpdate: string | null }
  | { readonly state: 'create-blocked'; readonly since: string; readonly blockCreate: string; readonly blockUpdate: string | null };

/** Where a runtime stands on `today` (YYYY-MM-DD; ISO dates compare as strings). */
export function runtimeLifecycle(r: RuntimeInfo, today: string = TODAY): RuntimeLifecycle {
  if (r.preview) return { state: 'preview' };
  if (r.deprecation === null || today < r.deprecation) return { state: 'supported' };
  if (r.blockCreate !== null && today >= r.blockCreate) {
    return { state: 'create-blocked', since: r.deprecation, blockCreate: r.blockCreate, blockUpdate: r.blockUpdate };
  }
  return { state: 'deprecated', since: r.deprecation, blockCreate: r.blockCreate, blockUpdate: r.blockUpdate };
}

/** One sentence about a deprecated or preview runtime, or null when it is supported. */
export function runtimeLifecycleMessage(r: RuntimeInfo, today: string = TODAY): string | null {
  const l = runtimeLifecycle(r, today);
  switch (l.state) {
    case 'supported':
      return null;
    case 'preview':
      return `${r.id} (${r.name}) is a public preview: no SLA; do not run production on it.`;
    case 'deprecated':
      return (
        `${r.id} (${r.name}) was deprecated on ${l.since}: it gets no more security patches. ` +
        (l.blockCreate ? `Creating functions on it is blocked from ${l.blockCreate}` : 'AWS will block creating functions on it next') +
        (l.blockUpdate ? `, updating them from ${l.blockUpdate}` : '') +
        `. Move to ${FAMILY_DEFAULT[r.family]}.`
      );
    case 'create-blocked':
      return (
        `${r.id} (${r.name}) was deprecated on ${l.since} and AWS blocks creating functions on it since ${l.blockCreate}` +
        (l.blockUpdate ? ` (updates ${today >= l.blockUpdate ? 'since' : 'from'} ${l.blockUpdate})` : '') +
        `: a new function on it fails to deploy. Use ${FAMILY_DEFAULT[r.family]}.`
      );
  }
}
