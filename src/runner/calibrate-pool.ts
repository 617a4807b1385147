/**
 * A pool of worker threads for `echolab calibrate` (the calibration twin of
 * run-pool.ts, which executes the runs of `echolab run`). Workers load the
 * experiment once and then take jobs one at a time from a queue: a
 * rejection draw by index, or one simulation at given parameters and
 * stream key (an ABC-SMC proposal). Results come back in completion order;
 * since a draw or a simulation depends only on its index or key, the caller
 * gets the same numbers whatever the worker count. The first failure fails
 * every queued and later job; `close()` terminates the workers.
 */
import { Worker } from 'node:worker_threads';
import type { AbcDraw, AbcParams } from '../calibrate/abc.js';
import type { SmcTask } from '../calibrate/abc-smc.js';
import type { DrawSettings } from './calibrate-draw.js';

export interface CalibrateWorkerInit {
  /** Absolute path of the experiment file. */
  readonly file: string;
  readonly settings: DrawSettings;
}

export type CalibrateToWorker =
  | { readonly type: 'draw'; readonly job: number; readonly index: number }
  | { readonly type: 'evaluate'; readonly job: number; readonly params: Readonly<AbcParams>; readonly rngKey: string };

export type CalibrateFromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'drawn'; readonly job: number; readonly draw: AbcDraw }
  | { readonly type: 'evaluated'; readonly job: number; readonly distance: number }
  | { readonly type: 'failed'; readonly job: number; readonly message: string };

type Result = Extract<CalibrateFromWorker, { type: 'drawn' | 'evaluated' }>;

interface Job {
  readonly msg: CalibrateToWorker;
  readonly resolve: (r: Result) => void;
  readonly reject: (e: Error) => void;
}

export interface CalibrationPool {
  /** Worker threads started. */
  readonly workers: number;
  /** Make the draws by index; `onDraw` gets each as it finishes (completion order). */
  draws(indices: readonly number[], onDraw: (draw: AbcDraw) => void): Promise<void>;
  /** Distance of one simulation per task, in task order. */
  evaluate(tasks: readonly SmcTask[]): Promise<number[]>;
  close(): Promise<void>;
}

// From TypeScript (the repository), a small .mjs registers tsx first (Node 20 cannot start a .ts worker); compiled, the worker is JavaScript.
const BOOTSTRAP = new URL(import.meta.url.endsWith('.ts') ? './calibrate-worker.mjs' : './calibrate-worker.js', import.meta.url);

/** Start `workers` (≥ 1) threads for the calibration of `init`. */
export function startCalibrationPool(init: CalibrateWorkerInit, workers: number): CalibrationPool {
  const count = Math.max(1, Math.floor(workers));
  const threads: Worker[] = [];
  const idle: Worker[] = [];
  const queue: Job[] = [];
  const running = new Map<Worker, Job>();
  let failure: Error | null = null;
  let closed = false;
  let nextJob = 0;

  const fail = (err: Error): void => {
    if (failure === null) failure = err;
    for (const job of [...queue, ...running.values()]) job.reject(failure);
    queue.length = 0;
    running.clear();
  };
  const pump = (): void => {
    while (failure === null && idle.length > 0 && queue.length > 0) {
      const w = idle.pop() as Worker;
      const job = queue.shift() as Job;
      running.set(w, job);
      w.postMessage(job.msg);
    }
  };
  const submit = (make: (job: number) => CalibrateToWorker): Promise<Result> =>
    new Promise<Result>((resolve, reject) => {
      if (failure !== null) {
        reject(failure);
        return;
      }
      queue.push({ msg: make(nextJob++), resolve, reject });
      pump();
    });

  for (let k = 0; k < count; k++) {
    const w = new Worker(BOOTSTRAP, { workerData: init });
    threads.push(w);
    w.on('message', (m: CalibrateFromWorker) => {
      if (failure !== null) return;
      if (m.type === 'ready') {
        idle.push(w);
        pump();
        return;
      }
      if (m.type === 'fatal') {
        fail(new Error(`a calibration worker could not load the experiment: ${m.message}`));
        return;
      }
      const job = running.get(w);
      running.delete(w);
      if (m.type === 'failed') {
        const what = job?.msg.type === 'draw' ? `draw ${job.msg.index}` : 'a simulation';
        fail(new Error(`${what} failed: ${m.message}`));
        return;
      }
      idle.push(w);
      job?.resolve(m);
      pump();
    });
    w.on('error', (err) => fail(err));
    w.on('exit', (code) => {
      if (!closed) fail(new Error(`a calibration worker exited unexpectedly (code ${code})`));
    });
  }

  return {
    workers: count,
    async draws(indices, onDraw) {
      await Promise.all(
        indices.map((index) =>
          submit((job) => ({ type: 'draw', job, index })).then((r) => {
            if (r.type === 'drawn') onDraw(r.draw);
          }),
        ),
      );
    },
    evaluate(tasks) {
      return Promise.all(tasks.map((t) => submit((job) => ({ type: 'evaluate', job, params: t.params, rngKey: t.rngKey })).then((r) => (r.type === 'evaluated' ? r.distance : NaN))));
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((w) => w.terminate().catch(() => 0)));
    },
  };
}
