import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Calls `exportName(...args)` of a TypeScript module inside a worker thread. */
export function runInWorker<T>(modulePath: string, exportName: string, args: unknown[] = []): Promise<T> {
  const bootstrap = fileURLToPath(new URL('./ts-worker.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { workerData: { module: pathToFileURL(modulePath).href, exportName, args } });
    worker.once('message', (m: T) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`worker exited with code ${code}`));
    });
  });
}
