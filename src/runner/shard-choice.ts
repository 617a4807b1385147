/**
 * Which slice of the runs this process does: `--shard i/n` (1-based, for
 * people: shards 1/3, 2/3, 3/3), else a Slurm job array
 * (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`, `SLURM_ARRAY_TASK_MIN`,
 * `SLURM_ARRAY_TASK_STEP`, so `--array=1-8` and `--array=0-7` both work),
 * else a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`, 0-based; Kubernetes
 * does not expose the number of completions, so it comes from `--shard-count`
 * or a `JOB_COMPLETION_COUNT` variable set in the manifest). Internally the
 * index is 0-based, as `shardRuns` takes it.
 */
import { UsageError } from './usage-error.js';

export interface ShardChoice {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
  /** Where the choice came from, for messages and the manifest. */
  readonly source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function int(raw: string | undefined): number | null {
  if (raw === undefined || !/^\s*-?\d+\s*$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

/** The shard to run, or null for all runs (no shard, or a 1-of-1 shard). */
export function shardChoice(shardFlag: string | undefined, shardCountFlag: string | undefined, env: Env): ShardChoice | null {
  let choice: ShardChoice | null = null;
  if (shardFlag !== undefined) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(shardFlag);
    const i = m ? Number(m[1]) : NaN;
    const n = m ? Number(m[2]) : NaN;
    if (!m || !(n >= 1) || !(i >= 1 && i <= n)) {
      throw new UsageError(`echolab run: invalid \`--shard\` (${JSON.stringify(shardFlag)}): expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/3 (shards are numbered from 1)`);
    }
    choice = { index: i - 1, count: n, source: `--shard ${i}/${n}` };
  } else if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_ID !== '') {
    const id = int(env.SLURM_ARRAY_TASK_ID);
    const count = int(env.SLURM_ARRAY_TASK_COUNT);
    const min = env.SLURM_ARRAY_TASK_MIN === undefined ? 0 : int(env.SLURM_ARRAY_TASK_MIN);
    const step = env.SLURM_ARRAY_TASK_STEP === undefined ? 1 : int(env.SLURM_ARRAY_TASK_STEP);
    if (id === null || count === null || count < 1 || min === null || step === null || step < 1) {
      throw new UsageError(
        `echolab run: cannot read the Slurm array task (SLURM_ARRAY_TASK_ID=${env.SLURM_ARRAY_TASK_ID}, SLURM_ARRAY_TASK_COUNT=${env.SLURM_ARRAY_TASK_COUNT ?? '(unset)'}, SLURM_ARRAY_TASK_MIN=${env.SLURM_ARRAY_TASK_MIN ?? '(unset)'}): expected integers; or pass --shard i/n`,
      );
    }
    const index = (id - min) / step;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new UsageError(
        `echolab run: Slurm array task ${id} is not one of ${count} tasks from ${min} by ${step} (SLURM_ARRAY_TASK_MIN/STEP/COUNT); pass --shard i/n instead`,
      );
    }
    choice = { index, count, source: `SLURM_ARRAY_TASK_ID=${id} (task ${index + 1} of ${count})` };
  } else if (env.JOB_COMPLETION_INDEX !== undefined && env.JOB_COMPLETION_INDEX !== '') {
    const index = int(env.JOB_COMPLETION_INDEX);
    const rawCount = shardCountFlag ?? env.JOB_COMPLETION_COUNT;
    if (rawCount === undefined) {
      throw new UsageError(
        `echolab run: JOB_COMPLETION_INDEX=${env.JOB_COMPLETION_INDEX} is set (Kubernetes Indexed Job) but not the number of shards: pass --shard-count N (the Job's spec.completions) or set JOB_COMPLETION_COUNT`,
      );
    }
    const count = int(rawCount);
    if (index === null || count === null || count < 1 || index < 0 || index >= count) {
      throw new UsageError(
        `echolab run: invalid Kubernetes shard (JOB_COMPLETION_INDEX=${env.JOB_COMPLETION_INDEX}, count ${rawCount}): expected 0 ≤ index < count`,
      );
    }
    choice = { index, count, source: `JOB_COMPLETION_INDEX=${index} (shard ${index + 1} of ${count})` };
  } else if (shardCountFlag !== undefined) {
    throw new UsageError('echolab run: `--shard-count` is only used with JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs); use --shard i/n otherwise');
  }
  return choice !== null && choice.count === 1 ? null : choice;
}

/** Directory name of a shard's results: `shard-2-of-3` (1-based). */
export function shardDirName(shard: ShardChoice): string {
  return `shard-${shard.index + 1}-of-${shard.count}`;
}
