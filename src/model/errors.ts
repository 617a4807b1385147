/**
 * Errors for bad input. Every message names where the value came from (a
 * module, a file and line, a parameter field), the value, and what is allowed,
 * e.g. ``model/params: invalid `epsilon` (2.5): expected a number in (0, 2].``
 */

/** Where a bad value was found: a file (and line), or a field of some source. */
export interface InputLocation {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
}

export class InputError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;

  constructor(message: string, where: InputLocation = {}) {
    const prefix = where.file !== undefined ? `${where.file}${where.line !== undefined ? `:${where.line}` : ''}: ` : '';
    super(prefix + message);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

/** A parameter value outside what a model or generator accepts. */
export class ParamError extends InputError {
  constructor(module: string, field: string, value: unknown, expected: string) {
    super(`${module}: invalid \`${field}\` (${formatValue(value)}): expected ${expected}`, { field });
    this.name = 'ParamError';
  }
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Checks shared by every module's parameter validation. */
export const check = {
  number(module: string, field: string, value: unknown, lo: number, hi: number, opts: { loOpen?: boolean; hiOpen?: boolean; allowInfinity?: boolean } = {}): number {
    const loOk = typeof value === 'number' && (opts.loOpen ? value > lo : value >= lo);
    const hiOk = typeof value === 'number' && (opts.hiOpen ? value < hi : value <= hi);
    if (typeof value !== 'number' || Number.isNaN(value) || !loOk || !hiOk || (!Number.isFinite(value) && !opts.allowInfinity)) {
      const range = `${opts.loOpen ? '(' : '['}${lo}, ${hi}${opts.hiOpen ? ')' : ']'}`;
      throw new ParamError(module, field, value, `a number in ${range}`);
    }
    return value;
  },
  integer(module: string, field: string, value: unknown, lo: number, hi = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
      throw new ParamError(module, field, value, hi === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${lo}` : `an integer in [${lo}, ${hi}]`);
    }
    return value;
  },
  oneOf<T extends string>(module: string, field: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new ParamError(module, field, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    }
    return value as T;
  },
  boolean(module: string, field: string, value: unknown): boolean {
    if (typeof value !== 'boolean') throw new ParamError(module, field, value, 'true or false');
    return value;
  },
};

/**
 * Merge user parameters over defaults, rejecting unknown names with the
 * closest known one as a suggestion (a typo must not silently fall back to a
 * default).
 */
export function withDefaults<P extends object>(module: string, defaults: P, given: Partial<P> | undefined): P {
  const out = { ...defaults } as P;
  if (given === undefined) return out;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new ParamError(module, 'params', given, 'an object of parameters');
  }
  const known = Object.keys(defaults);
  for (const key of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      const near = closest(key, known);
      throw new InputError(
        `${module}: unknown parameter \`${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}; known: ${known.join(', ')}`,
        { field: key },
      );
    }
    const v = (given as Record<string, unknown>)[key];
    if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

/** The candidate with the smallest edit distance, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
