/**
 * Browser entry of the teaching demo: one page, no back end. The simulation
 * runs in a Web Worker (src/viz/engine/sim-worker.ts) from the same seeded
 * src/sim code as the command line; the page draws it (src/viz/app).
 */
import { DemoApp } from './app/app.js';

const root = document.querySelector<HTMLElement>('#app');
if (root) new DemoApp(root);
