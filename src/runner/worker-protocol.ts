/** Messages between the main thread and the run pool's workers. */
import type { ResolveOptions } from '../experiment/define-experiment.js';
import type { RunResult } from '../experiment/experiment-types.js';

/** Marks a run-pool worker's workerData, so code loaded there can tell where it runs. */
export const RUN_WORKER_ROLE = 'echolab-run-worker';

export interface WorkerInit {
  readonly role?: typeof RUN_WORKER_ROLE;
  /** Absolute path of the experiment file. */
  readonly file: string;
  readonly options: ResolveOptions;
}

export type ToWorker = { readonly type: 'run'; readonly index: number; readonly seedKey: string };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'done'; readonly index: number; readonly result: RunResult }
  | { readonly type: 'failed'; readonly index: number; readonly message: string; readonly stack?: string };
