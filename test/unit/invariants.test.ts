// Invariants, proven over 10,000 random valid scenarios (every runtime identifier, every commercial
// Region, every strategy): each design is deployable as AWS would accept it, each bill is finite, and
// every amount a rationale quotes is the bill's own. Kept to a few seconds: recommend() is < 1 ms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { recommend } from '../../src/engine/index.ts';
import { invariantInput as input, violations } from './invariants-input.ts';

const RUNS = Number(process.env['INVARIANT_RUNS'] ?? 10_000);

test('10,000 random valid scenarios: every design deployable, every bill finite, every quoted amount the bill\'s', () => {
  const failures: string[] = [];
  let n = 0;
  fc.assert(
    fc.property(input, (s) => {
      n++;
      const v = violations(s, recommend(s));
      if (v.length > 0 && failures.length < 20) failures.push(`${v.join('; ')}\n  in ${JSON.stringify(s)}`);
      return true;
    }),
    { numRuns: RUNS, seed: 20261201 },
  );
  assert.equal(n, RUNS);
  assert.deepEqual(failures, []);
});
