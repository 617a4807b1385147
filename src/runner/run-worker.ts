/**
 * One worker of the run pool: loads the experiment file once, resolves it
 * with the same options as the main thread, then executes runs by index on
 * request. The run's seed key is checked against the main thread's so a
 * worker can never silently run a different spec.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveExperiment } from '../experiment/define-experiment.js';
import { executeRun } from '../experiment/execute-run.js';
import type { RunSpec } from '../experiment/experiment-types.js';
import { inExperimentFile, loadExperiment } from './load-experiment.js';
import type { ToWorker, FromWorker, WorkerInit } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('runner/run-worker: must run in a worker thread');
const post = (m: FromWorker): void => port.postMessage(m);

const init = workerData as WorkerInit;
try {
  const definition = await loadExperiment(init.file);
  const resolved = inExperimentFile(init.file, 'cannot resolve the experiment', () => resolveExperiment(definition, init.options));
  const byIndex = new Map<number, RunSpec>(resolved.runs.map((r) => [r.index, r]));
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'run') return;
    const run = byIndex.get(m.index);
    if (!run || run.seedKey !== m.seedKey) {
      post({ type: 'failed', index: m.index, message: `the worker resolved a different spec (run ${m.index}: ${run?.seedKey ?? 'missing'} vs ${m.seedKey})` });
      return;
    }
    const t0 = performance.now();
    try {
      const result = executeRun(resolved, run);
      result.elapsedMs = performance.now() - t0;
      post({ type: 'done', index: m.index, result });
    } catch (err) {
      post({ type: 'failed', index: m.index, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
    }
  });
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
}
