/**
 * Pins fast-check's seed for the whole suite so a failing property replays:
 * `FC_SEED=1234 npm test` reruns with that seed; by default a fixed seed
 * keeps CI deterministic. FC_RUNS scales the number of runs per property.
 */
import fc from 'fast-check';

const seed = Number.parseInt(process.env.FC_SEED ?? '20261122', 10);
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(process.env.FC_SEED)}`);
const numRuns = Number.parseInt(process.env.FC_RUNS ?? '100', 10);
fc.configureGlobal({ seed, numRuns });
