// Runs a TypeScript module's export in a worker thread: Node 20 cannot load a
// .ts worker directly, so this plain .mjs registers tsx first.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.module);
const result = await mod[workerData.exportName](...(workerData.args ?? []));
parentPort.postMessage(result);
