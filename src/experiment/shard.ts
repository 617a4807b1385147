/**
 * Deterministic slices of an experiment for several machines: shard i of n
 * takes the runs whose index is i modulo n. Run indices follow the grid, so
 * every shard gets a spread of parameter values (and similar run times),
 * and the union of the n shards is the whole experiment, each run once.
 */
import { ParamError } from '../model/errors.js';
import type { RunSpec } from './experiment-types.js';

export interface Shard {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
}

export function shardRuns(runs: readonly RunSpec[], shard: Shard): RunSpec[] {
  if (typeof shard.count !== 'number' || !Number.isInteger(shard.count) || shard.count < 1) {
    throw new ParamError('experiment shard', 'count', shard.count, 'an integer ≥ 1');
  }
  if (typeof shard.index !== 'number' || !Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new ParamError('experiment shard', 'index', shard.index, `an integer in [0, ${shard.count - 1}]`);
  }
  return runs.filter((r) => r.index % shard.count === shard.index);
}
