/**
 * A pool of worker threads that execute runs by index. Workers are started
 * once and reused (each loads the experiment once), and get one run at a
 * time, in index order; results come back in completion order and are
 * handed to `onResult` at once (the caller appends them to runs.jsonl).
 * `interrupt()` stops dispatching and terminates the workers promptly: a
 * run in progress is dropped and redone on resume.
 */
import { Worker } from 'node:worker_threads';
import type { ResolveOptions, ResolvedExperiment } from '../experiment/define-experiment.js';
import { executeRun } from '../experiment/execute-run.js';
import type { RunResult, RunSpec } from '../experiment/experiment-types.js';
import { displayPath } from './load-experiment.js';
import { RUN_WORKER_ROLE, type FromWorker, type ToWorker, type WorkerInit } from './worker-protocol.js';

export interface PoolOptions {
  /** Absolute path of the experiment file. */
  readonly file: string;
  readonly options: ResolveOptions;
  readonly workers: number;
  /** Runs to execute, dispatched in this order. */
  readonly runs: readonly RunSpec[];
  /** Called on the main thread for every finished run, in completion order. */
  readonly onResult: (result: RunResult) => void;
}

export type PoolOutcome =
  | { readonly status: 'complete' }
  | { readonly status: 'interrupted' }
  | { readonly status: 'failed'; readonly run: RunSpec | null; readonly message: string; readonly stack?: string };

export interface PoolHandle {
  readonly done: Promise<PoolOutcome>;
  interrupt(): void;
  /** Workers actually started (never more than there are runs). */
  readonly workers: number;
}

// From TypeScript (the repository), a small .mjs registers tsx first (Node 20 cannot start a .ts worker); compiled, the worker is JavaScript.
const BOOTSTRAP = new URL(import.meta.url.endsWith('.ts') ? './run-worker.mjs' : './run-worker.js', import.meta.url);

export function startPool(options: PoolOptions): PoolHandle {
  const queue = options.runs;
  const byIndex = new Map(queue.map((r) => [r.index, r]));
  let next = 0;
  let busy = 0;
  let settled = false;
  let resolveDone!: (o: PoolOutcome) => void;
  const done = new Promise<PoolOutcome>((res) => {
    resolveDone = res;
  });
  const count = Math.max(0, Math.min(options.workers, queue.length));
  const workers: Worker[] = [];

  const finish = (outcome: PoolOutcome): void => {
    if (settled) return;
    settled = true;
    void Promise.all(workers.map((w) => w.terminate().catch(() => 0))).then(() => resolveDone(outcome));
  };

  const dispatch = (w: Worker): boolean => {
    if (settled || next >= queue.length) return false;
    const run = queue[next++];
    busy++;
    const msg: ToWorker = { type: 'run', index: run.index, seedKey: run.seedKey };
    w.postMessage(msg);
    return true;
  };

  // The main thread has checked the spec (including a trial init); workers skip that check.
  const init: WorkerInit = { file: options.file, options: { ...options.options, checkInit: false } };
  for (let k = 0; k < count; k++) {
    const w = new Worker(BOOTSTRAP, { workerData: { ...init, role: RUN_WORKER_ROLE } satisfies WorkerInit });
    workers.push(w);
    w.on('message', (m: FromWorker) => {
      if (settled) return;
      switch (m.type) {
        case 'ready':
          dispatch(w);
          break;
        case 'fatal':
          // The message names the file (loadExperiment's InputError).
          finish({ status: 'failed', run: null, message: `a worker thread could not load the experiment: ${m.message}` });
          break;
        case 'failed':
          busy--;
          finish({ status: 'failed', run: byIndex.get(m.index) ?? null, message: m.message, stack: m.stack });
          break;
        case 'done':
          busy--;
          try {
            options.onResult(m.result);
          } catch (err) {
            finish({ status: 'failed', run: byIndex.get(m.index) ?? null, message: `cannot record the result: ${err instanceof Error ? err.message : String(err)}` });
            return;
          }
          if (!dispatch(w) && busy === 0 && next >= queue.length) finish({ status: 'complete' });
          break;
      }
    });
    w.on('error', (err) => finish({ status: 'failed', run: null, message: `a worker thread running ${displayPath(options.file)} crashed: ${err.message}`, stack: err.stack }));
    w.on('exit', (code) => {
      if (!settled) finish({ status: 'failed', run: null, message: `a worker exited unexpectedly (code ${code})` });
    });
  }
  if (count === 0) finish({ status: 'complete' });
  return { done, interrupt: () => finish({ status: 'interrupted' }), workers: count };
}

export interface InlinePoolOptions {
  readonly resolved: ResolvedExperiment;
  readonly runs: readonly RunSpec[];
  readonly onResult: (result: RunResult) => void;
}

/**
 * The same contract on the calling thread, one run after another: for an
 * experiment passed in code without a module that worker threads could
 * import (functions do not cross threads). Each run yields to the event
 * loop first, so `interrupt()` (a signal, Ctrl-C) takes effect between runs.
 * The runs and their seeds are those of the pool: results are the same bytes.
 */
export function startInlinePool(options: InlinePoolOptions): PoolHandle {
  let stopped = false;
  const done = (async (): Promise<PoolOutcome> => {
    for (const run of options.runs) {
      await new Promise<void>((res) => setImmediate(res));
      if (stopped) return { status: 'interrupted' };
      const t0 = performance.now();
      let result: RunResult;
      try {
        result = executeRun(options.resolved, run);
      } catch (err) {
        return { status: 'failed', run, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
      }
      result.elapsedMs = performance.now() - t0;
      options.onResult(result);
    }
    return { status: 'complete' };
  })();
  return {
    done,
    interrupt: () => {
      stopped = true;
    },
    workers: options.runs.length > 0 ? 1 : 0,
  };
}
