// Worker-thread entry of the parallel Twitter v2 parse. Node 20 cannot start a
// .ts worker, so this plain module registers tsx first, then loads the
// TypeScript side (compiled, the worker is twitter-v2-parse-worker.js).
import { register } from 'tsx/esm/api';

register();
await import('./twitter-v2-parse-worker.ts');
