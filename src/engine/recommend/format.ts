/** Small formatters for the rationale text: numbers as a person reads them. */

// One formatter each, built once: `toLocaleString` builds a new one per call, which made number
// formatting the largest cost of a recommendation.
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** What `toLocaleString('en-US')` gives by default (at most 3 decimals). */
const UP_TO_3 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234.5 -> "1,235"; 0.35 -> "0.35"; 12.345 -> "12.3". */
export function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return WHOLE.format(Math.round(n));
  if (abs >= 10) return UP_TO_3.format(Number(n.toFixed(1)));
  if (abs === 0) return '0';
  return UP_TO_3.format(Number(n.toPrecision(2)));
}

/** Milliseconds, switching to seconds from 10 s: "350 ms", "12.5 s". */
export function ms(n: number): string {
  return n >= 10_000 ? `${num(n / 1_000)} s` : `${num(n)} ms`;
}

export function mb(n: number): string {
  return `${WHOLE.format(Math.round(n))} MB`;
}

export function usd(n: number): string {
  if (n > 0 && n < 0.01) return `$${n.toPrecision(2)}`;
  return `$${CENTS.format(n)}`;
}

export function pct(share: number): string {
  return `${num(share * 100)}%`;
}

/** Round to a given number of decimals (keeps JSON readable). */
export function round(n: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}
