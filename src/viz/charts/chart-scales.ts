/**
 * Axis scales for the chart renderer: domains widened to "nice" tick values
 * (steps of 1, 2 or 5 × 10^k, Heckbert's "Nice numbers for graph labels",
 * Graphics Gems 1990), log axes with ticks at powers of ten (and at 2 and 5
 * times them when the axis spans few decades), and tick labels whose
 * precision follows the step so that 0.1 + 0.2 never prints as
 * 0.30000000000000004.
 */

export interface Tick {
  readonly value: number;
  /** Plain-text label; `exponent` set means `label` is the base (`10`) and the exponent is raised. */
  readonly label: string;
  readonly exponent?: string;
  /** An unlabelled minor tick (log axes: 2..9 × 10^k). */
  readonly minor?: boolean;
}

export interface Scale {
  readonly kind: 'linear' | 'log';
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly ticks: readonly Tick[];
  /** Data value -> pixel. */
  map(value: number): number;
}

const MINUS = '\u2212';

/** The tick step near `span / count` among 1, 2, 5 × 10^k. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  if (!(raw > 0)) return span;
  const e = Math.floor(Math.log10(raw));
  const f = raw / Number(`1e${e}`);
  const m = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
  // Parse the decimal so that the step is the double nearest m·10^e (2e-4, not 0.00019999999999999998).
  return Number(`${m}e${e}`);
}

/** Decimal places that show every multiple of `step` exactly. */
export function stepDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d <= 15; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 15;
}

/** A number as text with a true minus sign and no negative zero. */
export function formatFixed(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  const zero = /^-0(\.0*)?$/.test(s);
  if (zero) return s.slice(1);
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** Linear ticks: the domain [lo, hi] widened to multiples of a nice step. */
export function linearTicks(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: Tick[]; step: number } {
  let a = lo;
  let b = hi;
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    a = 0;
    b = 1;
  }
  if (a > b) [a, b] = [b, a];
  // Beyond ±1e300 the span overflows; no chart needs that range.
  a = Math.max(-1e300, Math.min(1e300, a));
  b = Math.max(-1e300, Math.min(1e300, b));
  if (a === b) {
    const pad = a === 0 ? 1 : Math.abs(a) * 0.1;
    a -= pad;
    b += pad;
  }
  const step = niceStep(b - a, count);
  const i0 = Math.floor(a / step + 1e-9);
  const i1 = Math.ceil(b / step - 1e-9);
  // Spans near the limits of doubles (denormal steps, or ends so large that i + 1 == i) get their two ends as ticks.
  if (!(step > 0) || !Number.isSafeInteger(i0) || !Number.isSafeInteger(i1) || i1 - i0 > 1000 || i1 <= i0) {
    return { domain: [a, b], ticks: [a, b].map((v) => ({ value: v, label: formatExponential(v, (b - a) || Math.abs(a)) })), step: b - a };
  }
  const decimals = stepDecimals(step);
  const big = Math.max(Math.abs(i0 * step), Math.abs(i1 * step));
  const exponential = big >= 1e6 || step < 1e-6;
  const ticks: Tick[] = [];
  for (let i = i0; i <= i1; i++) {
    // Multiply an integer by the step and round to its decimals: no accumulated error.
    const value = Number((i * step).toFixed(Math.min(20, decimals)));
    ticks.push({ value: exponential ? i * step : value, label: exponential ? formatExponential(i * step, step) : formatFixed(value, decimals) });
  }
  return { domain: [ticks[0].value, ticks[ticks.length - 1].value], ticks, step };
}

function formatExponential(value: number, step: number): string {
  if (value === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(value)));
  const stepE = step > 0 && Number.isFinite(step) ? Math.floor(Math.log10(step)) : e - 3;
  const digits = Math.max(0, Math.min(6, e - stepE));
  const [mantissa, exponent] = value.toExponential(digits).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  const ex = exponent.startsWith('+') ? exponent.slice(1) : exponent.replace('-', MINUS);
  return `${m.replace('-', MINUS)}e${ex}`;
}

/** A power of ten as a tick: plain digits from 0.001 to 1000, else 10 with a raised exponent. */
function decadeTick(k: number): Tick {
  const value = Number(`1e${k}`);
  if (k >= -3 && k <= 3) return { value, label: formatFixed(value, Math.max(0, -k)) };
  return { value, label: '10', exponent: k < 0 ? MINUS + String(-k) : String(k) };
}

/**
 * Log ticks for positive [lo, hi]: the domain widened to whole decades; a tick
 * per decade (every k-th decade past ten decades), plus labelled 2× and 5×
 * ticks when the domain spans at most two decades (between 0.001 and 10^4,
 * where they print as plain numbers), and unlabelled minor ticks
 * at 2..9 × 10^k up to six decades.
 */
export function logTicks(lo: number, hi: number): { domain: [number, number]; ticks: Tick[] } {
  let a = lo;
  let b = hi;
  if (!(a > 0) || !Number.isFinite(a)) a = b > 0 && Number.isFinite(b) ? b / 10 : 1;
  if (!(b > 0) || !Number.isFinite(b)) b = a * 10;
  if (a > b) [a, b] = [b, a];
  a = Math.max(1e-300, Math.min(1e300, a));
  b = Math.max(1e-300, Math.min(1e300, b));
  const k0 = Math.floor(Math.log10(a) + 1e-9);
  let k1 = Math.ceil(Math.log10(b) - 1e-9);
  if (k1 <= k0) k1 = k0 + 1;
  // Past ten decades label every k-th one, widening the top so the ends carry ticks.
  const every = Math.max(1, Math.ceil((k1 - k0) / 10));
  k1 = k0 + Math.ceil((k1 - k0) / every) * every;
  const decades = k1 - k0;
  const ticks: Tick[] = [];
  for (let k = k0; k <= k1; k++) {
    if ((k - k0) % every === 0) ticks.push(decadeTick(k));
    if (k === k1) break;
    for (let m = 2; m <= 9; m++) {
      const value = Number(`${m}e${k}`);
      if (decades <= 2 && (m === 2 || m === 5) && k >= -3 && k <= 3) ticks.push({ value, label: formatFixed(value, Math.max(0, -k)) });
      else if (decades <= 6 && every === 1) ticks.push({ value, label: '', minor: true });
    }
  }
  return { domain: [Number(`1e${k0}`), Number(`1e${k1}`)], ticks };
}

export interface ScaleOptions {
  readonly kind: 'linear' | 'log';
  /** Finite data values (log: only the positive ones count). */
  readonly values: readonly number[];
  readonly range: readonly [number, number];
  readonly min?: number;
  readonly max?: number;
  readonly includeZero?: boolean;
  readonly tickCount?: number;
  /** The values' possible range: the domain is cut to it after widening to nice ticks. */
  readonly bounds?: readonly [number, number];
}

/** A scale over the data, widened to nice ticks unless both ends are fixed. */
export function makeScale(options: ScaleOptions): Scale {
  const { kind, range } = options;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of options.values) {
    if (!Number.isFinite(v) || (kind === 'log' && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (options.includeZero && kind === 'linear') {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (options.min !== undefined && Number.isFinite(options.min)) lo = options.min;
  if (options.max !== undefined && Number.isFinite(options.max)) hi = options.max;
  if (lo > hi && Number.isFinite(lo) && Number.isFinite(hi)) [lo, hi] = [hi, lo];
  if (!Number.isFinite(lo) && !Number.isFinite(hi)) {
    lo = kind === 'log' ? 1 : 0;
    hi = kind === 'log' ? 10 : 1;
  } else if (!Number.isFinite(lo)) lo = hi;
  else if (!Number.isFinite(hi)) hi = lo;
  const fixed = options.min !== undefined && options.max !== undefined && lo < hi;
  let domain: [number, number];
  let ticks: Tick[];
  if (kind === 'log') {
    const t = logTicks(lo, hi);
    domain = fixed && lo > 0 ? [lo, hi] : t.domain;
    ticks = t.ticks.filter((tk) => tk.value >= domain[0] * (1 - 1e-9) && tk.value <= domain[1] * (1 + 1e-9));
  } else {
    const t = linearTicks(lo, hi, options.tickCount ?? 5);
    domain = fixed ? [lo, hi] : t.domain;
    ticks = t.ticks.filter((tk) => tk.value >= domain[0] - 1e-9 * Math.abs(t.step) && tk.value <= domain[1] + 1e-9 * Math.abs(t.step));
  }
  if (options.bounds !== undefined && kind === 'linear') {
    const [b0, b1] = options.bounds;
    const cut: [number, number] = [Math.max(domain[0], b0), Math.min(domain[1], b1)];
    if (cut[0] < cut[1]) {
      domain = cut;
      ticks = ticks.filter((tk) => tk.value >= cut[0] - 1e-12 && tk.value <= cut[1] + 1e-12);
    }
  }
  const [r0, r1] = range;
  const [d0, d1] = domain;
  const map =
    kind === 'log'
      ? (v: number): number => r0 + ((Math.log10(v) - Math.log10(d0)) / (Math.log10(d1) - Math.log10(d0))) * (r1 - r0)
      : (v: number): number => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
  return { kind, domain, range, ticks, map };
}
