/**
 * A toy ABC-SMC problem shared by the SMC tests: two parameters, a noisy
 * simulator, distance to 0.7. Small enough to run many generations in
 * milliseconds; `key` names the stream so that each test file draws its own.
 */
import type { AbcSmcOptions } from '../../src/calibrate/abc-smc.js';
import { Rng } from '../../src/model/rng.js';

export function toySmc(key: string, maxAttempts?: number): AbcSmcOptions<number> {
  return {
    prior: { a: [-3, 3], b: [0, 1] },
    simulate: (p, rng) => p.a + rng.normal(0, 0.5) + p.b * rng.next(),
    distance: (s) => Math.abs(s - 0.7),
    particles: 30,
    generations: 4,
    quantile: 0.5,
    maxAttempts,
    rng: new Rng(key),
  };
}
