import { expect } from 'vitest';
import { ParamError } from '../../src/model/errors.js';

/** The `field` of the ParamError that `fn` throws (fails the test if it throws anything else, or nothing). */
export function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ParamError);
    return (e as ParamError).field;
  }
  throw new Error('expected a ParamError');
}
