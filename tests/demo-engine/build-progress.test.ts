/**
 * Progress of the demo's build: whole percents, strictly growing, the last
 * 100, all before `ready`, fine-grained enough to move while a large build
 * runs; and listening changes nothing in the run (same seed, same network,
 * same communities, same series).
 */
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { fingerprint } from '../../src/model/fingerprint.js';
import { Rng } from '../../src/model/rng.js';
import { toGraphology } from '../../src/model/to-graphology.js';
import { louvainCommunities } from '../../src/sim/metrics/louvain-communities.js';
import { BUILD_STEPS, progressMeter } from '../../src/viz/engine/build-progress.js';
import type { FromWorker, ToWorker } from '../../src/viz/engine/demo-protocol.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { createWorkerState, handleMessage } from '../../src/viz/engine/worker-handler.js';

function strictlyGrowing(xs: readonly number[]): boolean {
  return xs.every((x, k) => k === 0 || x > xs[k - 1]);
}

/** Messages the worker posts for one `init`. */
function initMessages(msg: ToWorker): FromWorker[] {
  const state = createWorkerState({ setTimeout: () => 0, clearTimeout: () => undefined, now: () => 0 });
  const out: FromWorker[] = [];
  handleMessage(state, msg, (m) => out.push(m));
  return out;
}

function randomGraph(n: number, m: number, seed: string): CsrGraph {
  const r = new Rng(seed);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    src[k] = r.int(n);
    dst[k] = (src[k] + 1 + r.int(n - 1)) % n;
  }
  return CsrGraph.fromEdgeList({ n, src, dst, m, directed: true });
}

describe('progress meter', () => {
  it('passes on whole percents only when they grow, step by step, and 100 at the end', () => {
    const heard: number[] = [];
    const meter = progressMeter((p) => heard.push(p));
    meter.step('network', 0);
    meter.step('network', 0.5);
    meter.step('network', 1);
    // Going back (a retried build) is not heard.
    meter.step('network', 0);
    for (let k = 0; k <= 10; k++) meter.step('communities', k / 10);
    meter.done();
    meter.done();
    // Network: 0–4 %; communities: 4–99 %, so k/10 of it is ⌊4 + 9.5 k⌋ %.
    expect(heard).toEqual([0, 2, 4, 13, 23, 32, 42, 51, 61, 70, 80, 89, 99, 100]);
    expect(BUILD_STEPS.communities).toBeLessThan(1);
  });

  it('without a listener does nothing', () => {
    const meter = progressMeter(undefined);
    expect(() => {
      meter.step('communities', 0.5);
      meter.done();
    }).not.toThrow();
  });
});

describe('progress of the copy to graphology and of Louvain', () => {
  const g = randomGraph(500, 4000, 'progress');

  it('the copy reports nodes and edges added, growing, ending at done = total = n + m, and builds the same graph', () => {
    const calls: [number, number][] = [];
    const quiet = toGraphology(g);
    const loud = toGraphology(g, { onProgress: (d, t) => calls.push([d, t]) });
    // Edge keys carry the graph instance's number: compare the nodes and the edges in order.
    const shape = (x: typeof quiet) => ({ nodes: x.nodes(), edges: x.mapEdges((_e, _a, s, t) => `${s}>${t}`) });
    expect(shape(loud)).toEqual(shape(quiet));
    expect(calls.length).toBeGreaterThan(100);
    expect(calls.length).toBeLessThanOrEqual(201);
    const total = g.n + g.m;
    expect(calls.every(([, t]) => t === total)).toBe(true);
    expect(strictlyGrowing(calls.map(([d]) => d))).toBe(true);
    expect(calls.at(-1)).toEqual([total, total]);
  });

  it('Louvain reports growing work, ends at done = total, and finds the same partition with or without a listener', () => {
    const calls: [number, number][] = [];
    const quiet = louvainCommunities(g, { seed: 's' });
    const loud = louvainCommunities(g, { seed: 's', onProgress: (d, t) => calls.push([d, t]) });
    expect(Array.from(loud.community)).toEqual(Array.from(quiet.community));
    expect(loud.modularity).toBe(quiet.modularity);
    expect(strictlyGrowing(calls.map(([d]) => d))).toBe(true);
    const [done, total] = calls.at(-1)!;
    expect(done).toBe(total);
    // The library's passes count for a quarter of the copy's work: the copy ends at 4/5 of the total.
    const copy = g.n + g.m;
    expect(total).toBe(copy + Math.ceil(copy / 4));
    expect(calls.at(-2)![0]).toBe(copy);
  });
});

describe('the worker posts the build\'s progress when asked', () => {
  const config = { preset: 'echo-chambers', arm: null, seed: '3', params: { agents: 2000 } };

  it('whole percents, strictly growing from 0 to 100, many of them, all before ready', () => {
    const out = initMessages({ type: 'init', config, puzzle: null, progress: true });
    const ready = out.findIndex((m) => m.type === 'ready');
    expect(ready).toBe(out.length - 1);
    const percents = out.slice(0, ready).map((m) => (m.type === 'progress' ? m.percent : NaN));
    expect(percents.every((p) => Number.isInteger(p) && p >= 0 && p <= 100)).toBe(true);
    expect(strictlyGrowing(percents)).toBe(true);
    expect(percents[0]).toBe(0);
    expect(percents.at(-1)).toBe(100);
    // The copy to graphology reports about 200 times: the bar moves during the long part of the build.
    expect(percents.length).toBeGreaterThan(50);
  });

  it('posts none unless asked', () => {
    const out = initMessages({ type: 'init', config, puzzle: null });
    expect(out.map((m) => m.type)).toEqual(['ready']);
  });

  it('listening changes nothing: same network, accounts, communities and series with and without a listener', () => {
    const heard: number[] = [];
    // A hub network, whose Louvain partition depends on the traversal order (two camps give the same one whatever the order).
    const hubs = { preset: 'majority-illusion', arm: null, seed: '3', params: { agents: 1000 } };
    const quiet = DemoSession.create(hubs).session;
    const loud = DemoSession.create(hubs, null, { onProgress: (p) => heard.push(p) }).session;
    expect(heard.at(-1)).toBe(100);
    const print = (s: DemoSession): string => {
      const w = s.platform.world;
      const edges = w.graph.toEdgeList();
      return fingerprint([w.graph.n], edges.src, edges.dst, w.agents.opinion, w.agents.activity, s.frame().community!);
    };
    expect(print(loud)).toBe(print(quiet));
    for (let k = 0; k < 3; k++) {
      quiet.step(10);
      loud.step(10);
    }
    expect(print(loud)).toBe(print(quiet));
    expect(loud.seriesCsv()).toBe(quiet.seriesCsv());
  });
});
