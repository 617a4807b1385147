// Worker-thread entry of the run pool. Node 20 cannot start a .ts worker,
// so this plain module registers tsx first, then loads the TypeScript side.
import { register } from 'tsx/esm/api';

register();
await import('./run-worker.ts');
