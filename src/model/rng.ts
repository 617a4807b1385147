/**
 * Seeded random numbers with named, forkable sub-streams.
 *
 * Every random draw in echolab goes through an `Rng`. An `Rng` is identified
 * by a stable string key; its numbers come from seedrandom's Alea generator
 * seeded with that key, so the same key gives the same numbers in Node, in a
 * worker thread and in a browser (Alea uses only doubles and 32-bit integer
 * arithmetic, which are exact in every JavaScript engine).
 *
 * `rng.fork('network')` gives an independent stream whose key is
 * `parentKey/network`: forking never consumes draws from the parent, so adding
 * a new sub-stream to a model does not shift the numbers of the existing ones
 * (common random numbers across the arms of an experiment).
 *
 * Samplers (closed forms used by the tests):
 * - uniform(a,b): mean (a+b)/2, variance (b−a)²/12
 * - normal(μ,σ) by Marsaglia's polar method: mean μ, variance σ²
 * - exponential(λ) by inversion: mean 1/λ, variance 1/λ²
 * - powerLaw(γ, ε): density ∝ x^(−γ) on [ε,1] by inversion,
 *   mean (1−γ)/(2−γ) · (1−ε^(2−γ))/(1−ε^(1−γ))  (Baumann et al., PRL 2020)
 * - pareto(x_m, α): P(X > x) = (x_m/x)^α, mean α x_m/(α−1) for α > 1
 */
import seedrandom from 'seedrandom';
import { log, pow } from './det-math.js';

/** Serializable generator state, so a paused run can resume exactly. */
export interface RngState {
  readonly key: string;
  readonly alea: { c: number; s0: number; s1: number; s2: number };
  readonly spare: number | null;
}

/** 2^−32: Alea's output scale (for kernels that run the recurrence inline on `Rng.alea`). */
export const ALEA_NORM = 2.3283064365386963e-10;

/** Build the key of a run from its parts, e.g. `seedKey('exp', {eps: 0.2}, 3)`. */
export function seedKey(...parts: ReadonlyArray<string | number | boolean | Record<string, unknown>>): string {
  return parts.map((p) => (typeof p === 'object' ? canonicalJson(p) : String(p))).join('|');
}

/** JSON with sorted object keys, so that `{a,b}` and `{b,a}` give one key. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export class Rng {
  readonly key: string;
  /**
   * Alea's state (s0, s1, s2, c). The key is hashed into the initial state by
   * seedrandom's own Alea (its Mash hash); the recurrence is then run here,
   *   t = 2091639 s0 + c 2^−32;  s0 = s1;  s1 = s2;  c = t | 0;  s2 = t − c,
   * which gives seedrandom's numbers exactly (tests/model/rng.test.ts) and
   * lets hot loops (independent cascade, Deffuant) run it inline on local
   * variables and store the state back here.
   */
  readonly alea: Float64Array;
  /** Second polar-method variate, kept so that normals cost one pair per two draws. */
  private spare: number | null = null;

  constructor(key: string, state?: RngState['alea']) {
    if (typeof key !== 'string' || key.length === 0) {
      throw new TypeError(`model/rng: invalid \`key\` (${String(key)}): expected a non-empty string`);
    }
    this.key = key;
    const init = state ?? seedrandom.alea(key, { state: true }).state();
    this.alea = Float64Array.of(init.s0, init.s1, init.s2, init.c);
  }

  /** Restore a generator saved with `getState()`. */
  static fromState(state: RngState): Rng {
    const rng = new Rng(state.key, state.alea);
    rng.spare = state.spare;
    return rng;
  }

  getState(): RngState {
    const a = this.alea;
    // Key order as seedrandom's state(), so saved states serialise as before.
    return { key: this.key, alea: { c: a[3], s0: a[0], s1: a[1], s2: a[2] }, spare: this.spare };
  }

  /** An independent stream named `name`; does not draw from this one. */
  fork(name: string): Rng {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError(`model/rng: invalid fork \`name\` (${String(name)}): expected a non-empty string`);
    }
    return new Rng(`${this.key}/${name}`);
  }

  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number {
    const a = this.alea;
    const t = 2091639 * a[0] + a[3] * ALEA_NORM;
    a[0] = a[1];
    a[1] = a[2];
    return (a[2] = t - (a[3] = t | 0));
  }

  /** A uniform number in [0, 1) with 53 random bits (slower): seedrandom's `double`. */
  double(): number {
    return this.next() + ((this.next() * 0x200000) | 0) * 1.1102230246251565e-16;
  }

  /** A function drawing from this stream, for APIs that want `() => number` (graphology). */
  asFunction(): () => number {
    return () => this.next();
  }

  uniform(a = 0, b = 1): number {
    return a + (b - a) * this.next();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    // The polar method needs no sine or cosine, whose last bits differ between engines.
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * log(s)) / s);
    this.spare = v * f;
    return mean + sd * u * f;
  }

  exponential(rate = 1): number {
    return -log(1 - this.next()) / rate;
  }

  /** Density ∝ x^(−γ) on [ε, 1] (Baumann et al.'s activity distribution). */
  powerLaw(gamma: number, eps: number): number {
    const u = this.next();
    if (Math.abs(gamma - 1) < 1e-12) return eps * pow(1 / eps, u);
    const e = 1 - gamma;
    const lo = pow(eps, e);
    return pow(lo + u * (1 - lo), 1 / e);
  }

  /** Pareto type I: P(X > x) = (xm / x)^α for x ≥ xm. */
  pareto(xm: number, alpha: number): number {
    return xm / pow(1 - this.next(), 1 / alpha);
  }

  /** Number of failures before the first success, success probability p (geometric). */
  geometric(p: number): number {
    if (p >= 1) return 0;
    return Math.floor(log(1 - this.next()) / log(1 - p));
  }

  /** An index drawn with probability ∝ weights[i] (non-negative, finite, not all zero). */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new RangeError(`model/rng: invalid \`weights\` (sum ${total}): expected non-negative finite weights with a positive sum`);
    }
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    // Rounding can leave r at a tiny positive value: return the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return weights.length - 1;
  }

  /** A uniformly chosen element. */
  choice<T>(items: ArrayLike<T>): T {
    if (items.length === 0) throw new RangeError('model/rng: choice from an empty list');
    return items[this.int(items.length)];
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T, A extends { length: number; [i: number]: T }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** k distinct indices from [0, n), in random order (Floyd's algorithm for small k). */
  sampleIndices(n: number, k: number): number[] {
    if (k > n) throw new RangeError(`model/rng: cannot sample ${k} distinct indices from ${n}`);
    if (k * 4 > n) {
      const all = Array.from({ length: n }, (_, i) => i);
      this.shuffle(all);
      return all.slice(0, k);
    }
    const chosen = new Set<number>();
    const out: number[] = [];
    for (let j = n - k; j < n; j++) {
      const t = this.int(j + 1);
      const pick = chosen.has(t) ? j : t;
      chosen.add(pick);
      out.push(pick);
    }
    return out;
  }
}

/**
 * Walker's alias table: O(1) draws from a fixed discrete distribution, for hot
 * loops that draw many times from the same weights.
 */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new RangeError(`model/rng: invalid weight at index ${i} (${w}): expected a finite number ≥ 0`);
      }
      total += w;
    }
    if (!(total > 0)) throw new RangeError('model/rng: alias table needs a positive total weight');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  draw(rng: Rng): number {
    const u = rng.next() * this.size;
    const i = Math.floor(u);
    return u - i < this.prob[i] ? i : this.alias[i];
  }
}
