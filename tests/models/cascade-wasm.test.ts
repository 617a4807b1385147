/**
 * The WebAssembly kernel of `runCascade` (one probability on every arc): the
 * committed bytes are those of the .wat source; run after run on one
 * scratch, it gives the TypeScript kernel's cascades (entries, parents,
 * times, counts) and leaves the random stream in the same state, bit for
 * bit, also after the graph changes; 'auto' uses it from the second cascade
 * on an unchanged graph; without WebAssembly everything runs in TypeScript.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { Rng } from '../../src/model/rng.js';
import { CASCADE_KERNEL_WASM } from '../../src/sim/models/cascade-kernel-bytes.js';
import { CascadeScratch, runCascade, type CascadeKernel } from '../../src/sim/models/independent-cascade.js';
import { assembleWat, WASM_KERNELS } from '../../scripts/build-wasm.js';
import { randomGraph as randomGraphOf } from '../support/opinion-arbitraries.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A random directed graph; with `keepDuplicates` rows may repeat a follower (the kernel must re-read flags). */
function randomGraph(n: number, m: number, key: string, keepDuplicates: boolean): CsrGraph {
  return randomGraphOf(n, m, key, true, keepDuplicates);
}

/** Everything a run leaves: its result, the scratch's entries and flags, and the stream's state. */
function runs(graph: CsrGraph, kernel: CascadeKernel, plan: ReadonlyArray<{ seeds: number[]; p: number }>, key: string, mutateAfter = -1) {
  const scratch = new CascadeScratch(graph.n);
  scratch.kernel = kernel;
  const rng = new Rng(key);
  const out: unknown[] = [];
  plan.forEach(({ seeds, p }, r) => {
    const res = runCascade(graph, seeds, p, rng, scratch);
    const tree = scratch.tree();
    const flagged: number[] = [];
    for (let v = 0; v < graph.n; v++) if (scratch.active[v] !== 0) flagged.push(v);
    out.push({ res, node: Array.from(tree.node), parent: Array.from(tree.parent), time: Array.from(tree.time), flagged, alea: Array.from(rng.alea) });
    if (r === mutateAfter) {
      // A follow and an unfollow: the kernel must copy the graph again.
      graph.addEdge(1, 0);
      const row = graph.followees(2);
      if (row.length > 0) graph.removeEdge(2, row[0]);
    }
  });
  return out;
}

describe('independent cascade WebAssembly kernel', () => {
  it('the committed bytes are the assembled .wat source (run `npm run build:wasm` after editing it)', async () => {
    const k = WASM_KERNELS.find((w) => w.name === 'CASCADE_KERNEL_WASM')!;
    const text = readFileSync(new URL(`../../${k.wat}`, import.meta.url), 'utf8');
    const bytes = await assembleWat(k.wat, text);
    expect(Buffer.from(CASCADE_KERNEL_WASM).equals(Buffer.from(bytes))).toBe(true);
  });

  it('gives the TypeScript kernel\'s cascades and stream state, run after run, across graph changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.integer({ min: 0, max: 8 }),
        fc.boolean(),
        fc.array(fc.record({ seeds: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), p: fc.double({ min: 0.001, max: 0.999, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -1, max: 5 }),
        fc.nat(),
        (n, perNode, dup, plan0, mutateAfter, key) => {
          const plan = plan0.map(({ seeds, p }) => ({ seeds: seeds.map((s) => s % n), p }));
          const js = runs(randomGraph(n, n * perNode, `g${key}`, dup), 'js', plan, `r${key}`, mutateAfter);
          const wasm = runs(randomGraph(n, n * perNode, `g${key}`, dup), 'wasm', plan, `r${key}`, mutateAfter);
          const auto = runs(randomGraph(n, n * perNode, `g${key}`, dup), 'auto', plan, `r${key}`, mutateAfter);
          expect(wasm).toEqual(js);
          expect(auto).toEqual(js);
        },
      ),
      { seed: 20261207, numRuns: 150 },
    );
  });

  it('a large cascade (most of 20,000 nodes) is the same on both kernels, times included', () => {
    const graph = randomGraph(20_000, 200_000, 'big', false);
    const plan = [{ seeds: [7], p: 0.3 }, { seeds: [11, 11, 12], p: 0.05 }, { seeds: [3], p: 0.5 }];
    const js = runs(graph, 'js', plan, 'big-r');
    const wasm = runs(graph, 'wasm', plan, 'big-r');
    expect((js[0] as { res: { activated: number } }).res.activated).toBeGreaterThan(10_000);
    expect(wasm).toEqual(js);
    // 'auto': TypeScript for the first cascade, the kernel after it.
    expect(runs(graph, 'auto', plan, 'big-r')).toEqual(js);
  });

  it('runs in TypeScript, with the same cascades, where WebAssembly is missing', () => {
    const plan = [{ seeds: [0], p: 0.4 }, { seeds: [1], p: 0.4 }, { seeds: [2], p: 0.4 }];
    const js = runs(randomGraph(500, 3000, 'nowasm', false), 'js', plan, 'nw');
    vi.stubGlobal('WebAssembly', undefined);
    const without = runs(randomGraph(500, 3000, 'nowasm', false), 'wasm', plan, 'nw');
    expect(without).toEqual(js);
  });
});
