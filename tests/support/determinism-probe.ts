/**
 * Fingerprints of seeded computations, run identically in the Node main
 * thread, a worker thread and a browser (tests/determinism.test.ts compares
 * them). Pure: imports only src/model and src/sim.
 */
import { fingerprint } from '../../src/model/fingerprint.js';
import { Rng } from '../../src/model/rng.js';

export function determinismProbe(): Record<string, string> {
  const out: Record<string, string> = {};
  const r = new Rng('probe');
  const draws = new Float64Array(1000);
  for (let i = 0; i < 250; i++) {
    draws[i] = r.next();
    draws[250 + i] = r.normal();
    draws[500 + i] = r.powerLaw(2.1, 0.01);
    draws[750 + i] = r.fork(`s${i}`).exponential(2);
  }
  out.rng = fingerprint(draws);
  return out;
}
