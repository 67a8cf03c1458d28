// The p99 axis of "Cost and p99 against memory" is logarithmic; its labels must never crowd (an e2e
// screenshot showed 3.2K, 3.4K, 3.6K, 3.8K drawn on top of each other). These tests hold the tick
// choice to what a reader needs: round values, inside the axis, spaced apart, not too many.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { logTicks, minLogGapPx } from '../../webview/src/ticks.ts';

test('the p99 range of the SQS worker screenshot gets round, spaced labels', () => {
  // 3.1K..10K ms on a 200 px axis: 393 px per decade, so 4K, 5K, 6K, 8K, 10K are >= 31 px apart.
  const t = logTicks(3100, 10_000, 200, 24);
  assert.deepEqual(t, [4000, 5000, 6000, 8000, 10_000]);
  // The old crowd (a label every 200 ms at the bottom) cannot come back on a short axis.
  const short = logTicks(3100, 10_000, 60, 24);
  assert.deepEqual(short, [5000, 10_000]);
});

test('a long range falls back to 1-2-5, then to decades, never more than the cap', () => {
  // One decade on 300 px: 500 -> 600 would be only 24 px * 0.99 apart, so 1-2-3-5 is the finest that fits.
  assert.deepEqual(logTicks(100, 1000, 300, 24), [100, 200, 300, 500, 1000]);
  assert.deepEqual(logTicks(1, 1e6, 200, 24), [1, 10, 100, 1000, 10_000, 100_000, 1e6]);
  assert.deepEqual(logTicks(1, 1e12, 100, 24), [1, 1e3, 1e6, 1e9, 1e12]);
});

test('property: ticks lie in the range, ascend, are round, and never closer than the gap asked', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 1e7, noNaN: true }),
      fc.double({ min: 1.0001, max: 1e6, noNaN: true }),
      fc.integer({ min: 40, max: 800 }),
      (min, factor, px) => {
        const max = min * factor;
        const t = logTicks(min, max, px, 24);
        assert.ok(t.length >= 1 && t.length <= 8, `count ${t.length}`);
        for (const v of t) assert.ok(v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9), `${v} in [${min}, ${max}]`);
        for (let i = 1; i < t.length; i++) assert.ok((t[i] as number) > (t[i - 1] as number));
        // Round for its range: two significant digits, plus the digits a narrow range needs to tell labels apart.
        const digits = 2 + Math.max(0, Math.ceil(Math.log10(max / (max - min))));
        for (const v of t) assert.equal(Number(v.toPrecision(Math.min(digits, 21))), v, `${v} is round for ${min}..${max}`);
        if (t.length >= 2) assert.ok(minLogGapPx(t, min, max, px) >= 24 - 1e-9, `labels ${t.join(', ')} at least 24 px apart on ${px} px`);
        // Whenever a decade or more fits on a usable axis, the reader gets at least two labels.
        if (factor >= 10 && px >= 100) assert.ok(t.length >= 2, `two labels for ${min}..${max}`);
        return true;
      },
    ),
    { numRuns: 1000 },
  );
});
