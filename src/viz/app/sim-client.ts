/**
 * The page's side of the simulation worker: posts `ToWorker` messages and
 * hands each `FromWorker` message to one listener. The worker owns the run;
 * the page never simulates on the main thread.
 */
import type { FromWorker, ToWorker } from '../engine/demo-protocol.js';

export class SimClient {
  private readonly worker: Worker;

  constructor(onMessage: (msg: FromWorker) => void, onError: (message: string) => void) {
    this.worker = new Worker(new URL('../engine/sim-worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('message', (e: MessageEvent<FromWorker>) => onMessage(e.data));
    this.worker.addEventListener('error', (e) => onError(e.message || 'worker error'));
  }

  post(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
