/**
 * Deterministic transcendental functions: the same bits in every JavaScript
 * engine.
 *
 * ECMAScript fixes + − × ÷ and sqrt to IEEE-754 correct rounding, but leaves
 * Math.exp, Math.log, Math.pow, Math.tanh, Math.sin … "implementation-
 * approximated". Engines do differ: Node 20's V8 and Chromium 156 return
 * different last bits for Math.sin(2.5) and for many logs, so a seeded run
 * using them diverges between the command line and the browser demo. These
 * versions use only correctly rounded operations and bit manipulation, so a
 * seed gives one trajectory everywhere.
 *
 * Algorithms: exp and log follow the classic fdlibm method (Sun Microsystems,
 * 1993; argument reduction by ln 2 split in two parts, then a minimax
 * polynomial); accuracy < 1 ulp. pow = exp(y·log x) with exact paths for
 * integer exponents up to 2^31, relative error ≲ |y·ln x|·2^−53. tanh and
 * expm1 are built on them (expm1 by Kahan's correction). src/model and
 * src/sim must use these instead of Math.exp/log/pow/tanh/sin/cos (a test
 * enforces it).
 */

const view = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getInt32(0);
}

function lowWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(4);
}

function withHighWord(x: number, hi: number): number {
  view.setFloat64(0, x);
  view.setInt32(0, hi);
  return view.getFloat64(0);
}

/** 2^k for an integer k, exact wherever representable. */
function pow2(k: number): number {
  if (k > 1023) return pow2(1023) * pow2(k - 1023);
  if (k < -1022) return pow2(-1022) * pow2(Math.max(k + 1022, -1074));
  view.setInt32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const TWO54 = 1.80143985094819840000e16;

const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** e^x. */
export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 7.09782712893383973096e2) return Infinity;
  if (x < -7.45133219101941108420e2) return 0;
  if (Math.abs(x) < 3.725290298461914e-9) return 1 + x;
  let k = 0;
  let hi = x;
  let lo = 0;
  if (Math.abs(x) > 0.5 * LN2_HI) {
    k = Math.round(x * INV_LN2);
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
  }
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  if (k === 0) return y;
  // Scale in two steps near the ends of the exponent range so 2^k stays normal.
  if (k > 1000) return y * pow2(k - 1000) * pow2(1000);
  if (k < -1000) return y * pow2(k + 1000) * pow2(-1000);
  return y * pow2(k);
}

/** Natural logarithm. */
export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  let hx = highWord(x);
  if (hx < 0x00100000) {
    // Subnormal: scale up to read a normal exponent.
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  // Normalise the mantissa into [√2/2, √2).
  x = withHighWord(x, hx | (i0 ^ 0x3ff00000));
  k += i0 >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/** e^x − 1, accurate near 0 (Kahan: (u−1)·x / log u). */
export function expm1(x: number): number {
  if (Math.abs(x) > 0.5) return exp(x) - 1;
  const u = exp(x);
  if (u === 1) return x;
  const um1 = u - 1;
  if (um1 === -1) return -1;
  return (um1 * x) / log(u);
}

/** log(1 + x), accurate near 0 (Goldberg: x·log(u)/(u−1) with u = 1 + x). */
export function log1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  return (log(u) * x) / (u - 1);
}

/** Integer power by repeated squaring (exact for small results, deterministic always). */
function powInt(x: number, n: number): number {
  let result = 1;
  let base = x;
  let e = Math.abs(n);
  while (e > 0) {
    if (e & 1) result *= base;
    base *= base;
    e = Math.floor(e / 2);
  }
  return n < 0 ? 1 / result : result;
}

/** x^y with the special cases of Math.pow. */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 1) return Number.isFinite(y) ? 1 : NaN;
  if (y === 1) return x;
  if (y === 0.5 && x > 0 && x !== Infinity) return Math.sqrt(x);
  const yIsInt = Number.isInteger(y);
  if (yIsInt && Math.abs(y) <= 64) return powInt(x, y);
  if (x === 0) {
    const oddInt = yIsInt && Math.abs(y) % 2 === 1;
    if (y > 0) return oddInt ? x : 0;
    return oddInt && Object.is(x, -0) ? -Infinity : Infinity;
  }
  if (!Number.isFinite(y)) {
    const ax = Math.abs(x);
    if (ax === 1) return NaN;
    return (ax > 1) === y > 0 ? Infinity : 0;
  }
  if (x === Infinity) return y > 0 ? Infinity : 0;
  if (x === -Infinity) {
    const oddInt = yIsInt && Math.abs(y) % 2 === 1;
    if (y > 0) return oddInt ? -Infinity : Infinity;
    return oddInt ? -0 : 0;
  }
  if (x < 0) {
    if (!yIsInt) return NaN;
    const mag = exp(y * log(-x));
    return Math.abs(y) % 2 === 1 ? -mag : mag;
  }
  return exp(y * log(x));
}

/** Hyperbolic tangent. */
export function tanh(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax > 22) return x > 0 ? 1 : -1;
  if (ax < 3.725290298461914e-9) return x;
  const t = expm1(2 * ax);
  const r = t / (t + 2);
  return x < 0 ? -r : r;
}

export const detMath = { exp, log, expm1, log1p, pow, tanh };
