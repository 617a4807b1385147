/**
 * One worker of the calibration pool (calibrate-pool.ts): loads the
 * experiment file once, builds the same draw options as the main thread
 * (calibrate-draw.ts) and answers jobs: a rejection draw by index, or the
 * distance of one simulation at given parameters on the stream of a given
 * key (an ABC-SMC proposal). Either depends on its index or key only, so the
 * result does not depend on which worker made it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Rng } from '../model/rng.js';
import { drawOptions, makeDraw } from './calibrate-draw.js';
import type { CalibrateFromWorker, CalibrateToWorker, CalibrateWorkerInit } from './calibrate-pool.js';
import { loadExperiment } from './load-experiment.js';

const port = parentPort;
if (!port) throw new Error('runner/calibrate-worker: must run in a worker thread');
const post = (m: CalibrateFromWorker): void => port.postMessage(m);

const init = workerData as CalibrateWorkerInit;
try {
  const options = drawOptions(await loadExperiment(init.file), init.settings);
  port.on('message', (m: CalibrateToWorker) => {
    try {
      if (m.type === 'draw') post({ type: 'drawn', job: m.job, draw: makeDraw(m.index, options) });
      else post({ type: 'evaluated', job: m.job, distance: options.distance(options.simulate(m.params, new Rng(m.rngKey))) });
    } catch (err) {
      post({ type: 'failed', job: m.job, message: err instanceof Error ? err.message : String(err) });
    }
  });
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
}
