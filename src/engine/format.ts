/**
 * Numbers and money as a person reads them, for every face: the cost lines, the recommendation
 * rationale, the template rules, the hover and CodeLens, the CLI and the wizard all format here, so the
 * same amount reads the same wherever it is shown. Plain JSON output (`--json`, the protocol) keeps
 * the exact numbers; only text goes through this module. English (en-US) digits and separators.
 *
 * Money, an amount of US dollars (`usd`; `usdAmount` is the same figure without the symbol, for a
 * table whose column says USD):
 * - from half a cent up, cents with thousands separators: `$1,234.57`, `$0.41`, `$0.01`;
 * - below half a cent, four decimals, so a small line does not read as free: `$0.0042`;
 * - below $0.0001 (which four decimals would show as zero): `< $0.0001`;
 * - zero is `$0.00`; a negative amount reads `-$1.50`.
 * Prices (`usdPrice`), a rate per unit, are shown as AWS publishes them, never rounded to cents:
 * `$0.0000166667` per GB-s, `$0.045` per hour, `$0.20` per million.
 *
 * Quantities (`num`): from 100 whole and grouped (`1,235`), from 10 one decimal (`12.3`), below that
 * two significant digits (`0.35`, `1.2`). `count` groups with at most N decimals (limits, settings);
 * `shortCount` abbreviates for labels (`250k`, `2.5M`, `3B`).
 */

const intl = [0, 1, 2, 3, 4].map((d) => new Intl.NumberFormat('en-US', { maximumFractionDigits: d }));
const intlCents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * en-US grouping with at most `d` decimals (trailing zeros dropped), or exactly `d` when `fixed`: what
 * Intl.NumberFormat prints, without its cost (a design formats a few hundred numbers; Intl's format was a
 * tenth of recommend()). Like Intl, it rounds the shortest decimal that reads back as the number (5685.355
 * is "5,685.36", where toFixed would round the binary value down), half away from zero; exponent forms
 * (below 1e-6, from 1e21) go to Intl itself. `test/unit/format-faces.test.ts` compares the two.
 */
function groupedFixed(n: number, d: number, fixed: boolean): string {
  const text = String(Math.abs(n));
  if (text.includes('e') || !Number.isFinite(n)) return fixed && d === 2 ? intlCents.format(n) : (intl[d] as Intl.NumberFormat).format(n);
  const dot = text.indexOf('.');
  let int = dot < 0 ? text : text.slice(0, dot);
  let frac = dot < 0 ? '' : text.slice(dot + 1);
  if (frac.length > d) {
    const up = (frac.charCodeAt(d) as number) >= 53; // '5'
    frac = frac.slice(0, d);
    if (up) {
      // Add one unit in the last kept place, carrying into the integer part.
      const digits = (int + frac).split('');
      let i = digits.length - 1;
      for (; i >= 0; i--) {
        if (digits[i] === '9') digits[i] = '0';
        else {
          digits[i] = String.fromCharCode((digits[i] as string).charCodeAt(0) + 1);
          break;
        }
      }
      const all = (i < 0 ? '1' : '') + digits.join('');
      int = all.slice(0, all.length - d);
      frac = all.slice(all.length - d);
    }
  }
  if (fixed) frac = frac.padEnd(d, '0');
  else frac = frac.replace(/0+$/, '');
  const grouped = int.length > 3 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  const body = frac.length > 0 ? `${grouped}.${frac}` : grouped;
  return n < 0 || Object.is(n, -0) ? `-${body}` : body;
}
const grouped = [0, 1, 2, 3, 4].map((d) => ({ format: (n: number) => groupedFixed(n, d, false) }));
const cents = { format: (n: number) => groupedFixed(n, 2, true) };
const price = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 10 });

/** The dollar figure without the `$`: `1,234.57`, `0.0042`, `< 0.0001`, `-1.50`. */
export function usdAmount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (abs === 0) return '0.00';
  if (abs >= 0.005) return sign + cents.format(abs);
  if (abs >= 0.00005) return sign + abs.toFixed(4);
  return n > 0 ? '< 0.0001' : '> -0.0001';
}

/** An amount of dollars: `$1,234.57`, `$0.41`, `$0.0042`, `< $0.0001`, `-$1.50`. */
export function usd(n: number): string {
  const figure = usdAmount(n);
  if (!Number.isFinite(n)) return figure;
  if (figure.startsWith('< ') || figure.startsWith('> ')) return figure.replace(/^([<>] -?)/, '$1$');
  return figure.startsWith('-') ? `-$${figure.slice(1)}` : `$${figure}`;
}

/** An axis label in dollars: "$0", whole dollars from $1 without cents ("$1,000", "$5"), cents below ("$0.50"). */
export function usdTick(n: number): string {
  if (n === 0) return '$0';
  if (Number.isFinite(n) && Math.abs(n) >= 1 && Math.abs(n - Math.round(n)) < 1e-9) return `${n < 0 ? '-' : ''}$${whole(Math.abs(n))}`;
  return usd(n);
}

/** A label broken into lines of at most `width` characters at spaces (a word longer than that keeps its own line). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** A unit price as published (up to 10 decimals, at least 2): `$0.0000166667`, `$0.045`, `$0.20`. */
export function usdPrice(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return n < 0 ? `-$${price.format(-n)}` : `$${price.format(n)}`;
}

/** A quantity: 1234.5 -> "1,235"; 12.345 -> "12.3"; 0.35 -> "0.35"; 1.234 -> "1.2". */
export function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return grouped[0]!.format(Math.round(n));
  if (abs >= 10) return grouped[1]!.format(Number(n.toFixed(1)));
  if (abs === 0) return '0';
  return grouped[3]!.format(Number(n.toPrecision(2)));
}

/** Grouped with at most `maxDecimals` (0–4) decimals: count(1769) -> "1,769"; count(0.5787) -> "0.58". */
export function count(n: number, maxDecimals = 2): string {
  if (!Number.isFinite(n)) return String(n);
  const d = Math.min(4, Math.max(0, Math.round(maxDecimals)));
  return grouped[d]!.format(n);
}

/** A whole number, grouped: "10,240". */
export function whole(n: number): string {
  return count(n, 0);
}

/** Milliseconds, switching to seconds from 10 s: "350 ms", "12.5 s". */
export function ms(n: number): string {
  return n >= 10_000 ? `${num(n / 1_000)} s` : `${num(n)} ms`;
}

/** Megabytes, whole and grouped: "1,769 MB". */
export function mb(n: number): string {
  return `${whole(Math.round(n))} MB`;
}

/** A share as a percentage: 0.2 -> "20%". */
export function pct(share: number): string {
  return `${num(share * 100)}%`;
}

/** A rate as a person reads it, in the largest unit that keeps it at 1 or more: "40/s", "12/min", "3/h", "0.99/day". */
export function perTime(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0/s';
  const units: readonly (readonly [number, string])[] = [
    [1, 's'],
    [60, 'min'],
    [3_600, 'h'],
  ];
  for (const [seconds, unit] of units) if (perSecond * seconds >= 1) return `${num(perSecond * seconds)}/${unit}`;
  return `${num(perSecond * 86_400)}/day`;
}

/** "a" or "an" before a word, by its first letter (an EventBridge rule, an SQS queue, a function URL). */
export function article(word: string): 'a' | 'an' {
  // Initialisms read letter by letter: "an SQS", "an SNS", "an S3", "an MSK"; "a DynamoDB".
  if (/^(SQS|SNS|S3|MSK|ALB|HTTP|API|EC2|ECS|EFS|IAM|RDS|SDK)\b/.test(word)) return 'an';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** "1 record", "3 records". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** 1000000 -> "1M", 2500000 -> "2.5M", 250000 -> "250k", 999999 -> "1M", 800 -> "800": labels and axis ticks. */
export function shortCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const short = (v: number) => String(Number(v.toFixed(Math.abs(v) >= 100 ? 0 : 1)));
  const units: readonly (readonly [number, string])[] = [
    [1, ''],
    [1e3, 'k'],
    [1e6, 'M'],
    [1e9, 'B'],
  ];
  // The smallest unit whose rounded figure stays under 1,000 (so 999,999 reads "1M", not "1000k").
  for (const [size, suffix] of units) {
    const s = short(n / size);
    if (Math.abs(Number(s)) < 1000 || size === 1e9) return `${s}${suffix}`;
  }
  return short(n);
}

/** Round to a given number of decimals (keeps JSON readable). */
export function round(n: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}
