/**
 * The page's side of the simulation worker: posts `ToWorker` messages and
 * hands each `FromWorker` message to one listener. The worker owns the run;
 * the page never simulates on the main thread. A build cannot be
 * interrupted from inside (the worker is busy until it ends), so stopping
 * one means terminating this worker and starting another client: once
 * terminated, anything the old worker had already sent is dropped.
 */
import type { FromWorker, ToWorker } from '../engine/demo-protocol.js';

export class SimClient {
  private readonly worker: Worker;
  private closed = false;

  constructor(onMessage: (msg: FromWorker) => void, onError: (message: string) => void) {
    this.worker = new Worker(new URL('../engine/sim-worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
      if (!this.closed) onMessage(e.data);
    });
    this.worker.addEventListener('error', (e) => {
      if (!this.closed) onError(e.message || 'worker error');
    });
  }

  post(msg: ToWorker): void {
    if (!this.closed) this.worker.postMessage(msg);
  }

  terminate(): void {
    this.closed = true;
    this.worker.terminate();
  }
}
