/**
 * The teaching demo's Web Worker: runs the simulation off the main thread.
 * All logic is in worker-handler.ts (tested in Node); this only wires it to
 * the worker's messages and timers.
 */
import type { ToWorker } from './demo-protocol.js';
import { createWorkerState, handleMessage, type Post } from './worker-handler.js';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

const state = createWorkerState({
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
});

const post: Post = (message, transfer) => scope.postMessage(message, transfer);

scope.onmessage = (e) => handleMessage(state, e.data, post);
