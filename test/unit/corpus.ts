/**
 * The real-template corpus beside the project (../shared/corpus, see the guide). A user's clone has no
 * ../shared: tests that need it are then skipped with the reason, never crashed. Under CI (CI=true) the
 * corpus must be there, so a missing folder fails loudly instead of skipping silently.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'serverless-patterns');

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

function load(): { files: readonly CorpusFile[]; skip: string | false } {
  if (!existsSync(CORPUS_DIR)) {
    const reason = `the template corpus is not beside this clone (${CORPUS_DIR} is missing); these tests run in CI and in the developers' checkout`;
    if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}`);
    return { files: [], skip: reason };
  }
  const files = readdirSync(CORPUS_DIR)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS_DIR, name), 'utf8') }));
  return { files, skip: false };
}

const loaded = load();
/** Every corpus template, sorted by name (empty when the corpus is absent). */
export const corpus: readonly CorpusFile[] = loaded.files;
/** `{ skip }` for node:test: false when the corpus is here, else the reason printed with the skipped test. */
export const corpusTest = { skip: loaded.skip } as const;
