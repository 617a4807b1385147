import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exp, expm1, log, log1p, pow, tanh } from '../../src/model/det-math.js';

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  return Math.abs(Number(buf.getBigInt64(0) - buf.getBigInt64(8)));
}

/** Math.* is accurate to about 1 ulp in V8, so agreeing within 2 ulps means the port is right. */
describe('det-math agrees with the platform functions to within 2 ulp', () => {
  const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

  it('exp', () => {
    fc.assert(fc.property(finite(-740, 709), (x) => {
      expect(ulps(exp(x), Math.exp(x))).toBeLessThanOrEqual(2);
    }), { numRuns: 20_000 });
    for (const x of [0, -0, 1, -1, 1e-300, 0.5, 709.78, -708, -745.2, 710, NaN]) {
      const want = Math.exp(x);
      expect(Number.isNaN(want) ? Number.isNaN(exp(x)) : ulps(exp(x), want) <= 2).toBe(true);
    }
  });

  it('log', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e308, noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(ulps(log(x), Math.log(x))).toBeLessThanOrEqual(2);
    }), { numRuns: 20_000 });
    fc.assert(fc.property(finite(0.5, 2), (x) => {
      expect(ulps(log(x), Math.log(x))).toBeLessThanOrEqual(2);
    }), { numRuns: 20_000 });
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(Infinity)).toBe(Infinity);
    expect(log(-1)).toBeNaN();
    expect(ulps(log(5e-324), Math.log(5e-324))).toBeLessThanOrEqual(2);
  });

  it('expm1 and log1p keep relative accuracy near zero', () => {
    fc.assert(fc.property(finite(-1, 1), (x) => {
      expect(Math.abs(expm1(x) - Math.expm1(x))).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(Math.expm1(x)) + 1e-300);
    }), { numRuns: 10_000 });
    fc.assert(fc.property(finite(-0.99, 1), (x) => {
      expect(Math.abs(log1p(x) - Math.log1p(x))).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(Math.log1p(x)) + 1e-300);
    }), { numRuns: 10_000 });
  });

  it('tanh', () => {
    fc.assert(fc.property(finite(-30, 30), (x) => {
      expect(Math.abs(tanh(x) - Math.tanh(x))).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(Math.tanh(x)) + 1e-300);
    }), { numRuns: 20_000 });
    expect(tanh(-0)).toBe(-0);
  });

  it('pow: relative error within (|y ln x| + 4)·2^−52, and Math.pow special cases', () => {
    fc.assert(
      fc.property(finite(1e-10, 1e10), finite(-20, 20), (x, y) => {
        const want = Math.pow(x, y);
        if (want === 0 || !Number.isFinite(want)) return;
        const tol = (Math.abs(y * Math.log(x)) + 4) * Number.EPSILON;
        expect(Math.abs(pow(x, y) - want)).toBeLessThanOrEqual(tol * Math.abs(want));
      }),
      { numRuns: 20_000 },
    );
    const specials = [0, -0, 1, -1, 2, -2, 0.5, -0.5, 3, Infinity, -Infinity, NaN, 1e-320];
    for (const x of specials) {
      for (const y of specials) {
        const want = Math.pow(x, y);
        const got = pow(x, y);
        if (Number.isNaN(want)) expect(got, `pow(${x}, ${y})`).toBeNaN();
        else {
          const close = Math.abs(got - want) <= (Math.abs(y * Math.log(Math.abs(x))) + 4) * Number.EPSILON * Math.abs(want);
          expect(Object.is(got, want) || close, `pow(${x}, ${y}) = ${got}, Math.pow gives ${want}`).toBe(true);
        }
      }
    }
  });
});

describe('src/model and src/sim use only deterministic arithmetic', () => {
  it('no Math.random, Date.now, performance.now, nor platform transcendentals', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const offenders: string[] = [];
    const banned = /\bMath\.(random|exp|expm1|log|log1p|log2|log10|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|cbrt|hypot)\b|Date\.now|performance\.now|new Date\(\)|[\w)\]]\s*\*\*\s*(?!\d+\b)[\w(-]/;
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              const code = line.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '').replace(/^\s*(\/\*\*?|\*).*$/, '');
              if (banned.test(code) && !name.startsWith('det-math')) offenders.push(`${p.slice(root.length)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(join(root, 'model'));
    walk(join(root, 'sim'));
    expect(offenders, `use src/model/det-math.ts (exp, log, pow, tanh) and the seeded Rng instead:\n${offenders.join('\n')}`).toEqual([]);
  });
});
