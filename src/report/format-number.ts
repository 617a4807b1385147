/**
 * Numbers for summary tables: four significant digits, trailing zeros
 * dropped, whole numbers up to a million written out, exponents beyond;
 * missing values as an em dash. Tables should be read, not parsed: the
 * exact values are in the CSV files.
 */

export const MISSING = '—';

export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return MISSING;
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) return trimExponential(value.toExponential(digits - 1));
  const s = value.toPrecision(digits);
  // toPrecision switches to an exponent once the integer part has more digits than asked for.
  return s.includes('e') ? String(Math.round(value)) : trimZeros(s);
}

function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  const t = s.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

function trimExponential(s: string): string {
  const [m, e] = s.split('e');
  return `${trimZeros(m)}e${e.startsWith('+') ? e.slice(1) : e}`;
}

/** `[lower, upper]`, or an em dash when the interval is undefined. */
export function formatInterval(ci: { lower: number; upper: number } | null | undefined): string {
  return ci ? `[${formatNumber(ci.lower)}, ${formatNumber(ci.upper)}]` : MISSING;
}
