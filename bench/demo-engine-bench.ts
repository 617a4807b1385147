/**
 * The teaching demo's engine in Node, printed, never asserted: for each
 * preset at 2,000 accounts (the default) and 20,000 (the demo's maximum),
 * the time to build a session, milliseconds per step (one tick with its
 * metrics row, the occasional Louvain recomputation and the incremental
 * frame: what the worker does per tick while playing), the slowest step
 * (a Louvain tick), one full frame() (what "ready" and a reset send), one
 * Louvain run alone, and the feed explanation of one account.
 *
 * Budget it informs: at 2,000 accounts and 10 ticks a second the worker has
 * 100 ms per tick, and the page (drawing at 30 frames a second) must not be
 * kept waiting; at 20,000 the demo must stay usable (a few ticks a second).
 *
 * Run: `npx tsx bench/demo-engine-bench.ts [--agents 2000,20000] [--ticks N]`
 * (at 20,000 accounts only the first N ticks, default 40, are timed).
 */
import { performance } from 'node:perf_hooks';
import { Rng } from '../src/model/rng.js';
import { louvainCommunities } from '../src/sim/metrics/louvain-communities.js';
import { listPresets } from '../src/viz/engine/demo-presets.js';
import { DemoSession } from '../src/viz/engine/demo-session.js';

function arg(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && k + 1 < process.argv.length ? process.argv[k + 1] : fallback;
}

const sizes = arg('agents', '2000,20000').split(',').map(Number);
const bigTicks = Number(arg('ticks', '40'));

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

const fmt = (x: number): string => x.toFixed(x < 10 ? 2 : 0);

console.log('preset                agents  build ms  ticks  ms/step  max step  frame() ms  louvain ms  feed ms');
for (const agents of sizes) {
  for (const p of listPresets()) {
    const [{ session }, build] = time(() => DemoSession.create({ preset: p.id, arm: null, seed: 'bench', params: { agents } }));
    const limit = agents <= 5000 ? Infinity : bigTicks;
    let ticks = 0;
    let total = 0;
    let worst = 0;
    while (!session.done && ticks < limit) {
      const [, ms] = time(() => session.step(1));
      total += ms;
      worst = Math.max(worst, ms);
      ticks++;
    }
    const [, frameMs] = time(() => session.frame());
    const [, louvainMs] = time(() => louvainCommunities(session.platform.graph, { rng: new Rng('bench') }));
    const [, feedMs] = time(() => session.feed(0));
    console.log(
      `${p.id.padEnd(22)}${String(agents).padStart(6)}${fmt(build).padStart(10)}${String(ticks).padStart(7)}${fmt(total / ticks).padStart(9)}${fmt(worst).padStart(10)}${fmt(frameMs).padStart(12)}${fmt(louvainMs).padStart(12)}${fmt(feedMs).padStart(9)}`,
    );
  }
}
