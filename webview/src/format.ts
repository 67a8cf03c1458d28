/** Numbers as a person reads them. */
const usd2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function usd(n: number): string {
  return usd2.format(n);
}
export function whole(n: number): string {
  return int.format(n);
}
export function ms(n: number): string {
  return n >= 10_000 ? `${one.format(n / 1_000)} s` : `${one.format(n)} ms`;
}
export function mb(n: number): string {
  return `${int.format(n)} MB`;
}
/** 1.2M, 350k: axis ticks. */
export function compact(n: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}
