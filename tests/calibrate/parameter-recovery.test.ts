/**
 * Parameter recovery: simulate a synthetic "archive" of independent cascades
 * at a known activation probability p on a fixed follow network, then check
 * that rejection ABC with a KS distance on cascade size and depth finds p
 * again. A 90 % posterior interval should hold the truth in about 90 % of
 * replicates; the single-archive check is complemented by a coverage count
 * over 20 replicates, which is what the interval actually promises.
 */
import { describe, expect, it } from 'vitest';
import { abcRejection, type AbcResult } from '../../src/calibrate/abc.js';
import { makeCascadeDistance, summariseCascades } from '../../src/calibrate/cascade-distance.js';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { preferentialAttachment } from '../../src/model/generators/preferential-attachment.js';
import { Rng } from '../../src/model/rng.js';
import type { CascadeTree } from '../../src/sim/cascade-record.js';
import { CascadeScratch, runCascade } from '../../src/sim/models/independent-cascade.js';

const CASCADES = 150;
const FEATURES = ['size', 'depth'] as const;

/** Fit p ∈ [0, 0.5] to an archive of CASCADES cascades simulated at `trueP` on a 2,000-node Price network (m = 3). */
function recover(key: string, trueP: number, samples = 300): AbcResult {
  const root = new Rng(key);
  const graph = CsrGraph.fromEdgeList(preferentialAttachment({ n: 2000, m: 3 }, root.fork('network')));
  // Seeds are accounts with at least one follower, so a cascade can grow at all.
  const seedPool = Int32Array.from({ length: graph.n }, (_, v) => v).filter((v) => graph.in.deg[v] > 0);
  const scratch = new CascadeScratch(graph.n);
  function* cascades(p: number, rng: Rng): Generator<CascadeTree> {
    const seeds = rng.fork('seeds');
    const spread = rng.fork('spread');
    const one = new Int32Array(1);
    for (let c = 0; c < CASCADES; c++) {
      one[0] = seedPool[seeds.int(seedPool.length)];
      runCascade(graph, one, p, spread, scratch);
      yield scratch.tree();
    }
  }
  const observed = summariseCascades(cascades(trueP, root.fork('archive')), FEATURES);
  // The archive is not degenerate: some cascades spread beyond their seed.
  expect(Math.max(...observed.size!)).toBeGreaterThan(3);
  return abcRejection({
    prior: { p: [0, 0.5] },
    simulate: (params, rng) => summariseCascades(cascades(params.p, rng), FEATURES),
    distance: makeCascadeDistance(observed, FEATURES),
    samples,
    acceptFraction: 0.05,
    rng: root.fork('abc'),
  });
}

describe('ABC rejection recovers the activation probability of an independent cascade', () => {
  it('true p = 0.15: inside the 90 % interval of the 15 accepted of 300 draws, interval narrower than 0.2', () => {
    const result = recover('calibrate/parameter-recovery', 0.15);
    const post = result.posterior.p;
    expect(result.accepted).toHaveLength(15);
    expect(post.q05).toBeLessThanOrEqual(0.15);
    expect(post.q95).toBeGreaterThanOrEqual(0.15);
    expect(post.q95 - post.q05).toBeLessThan(0.2);
    // Accepting means something: the tolerance is well below the typical distance of a prior draw.
    const sorted = result.all.map((d) => d.distance).sort((a, b) => a - b);
    expect(result.tolerance).toBeLessThan(sorted[150] / 2);
  });

  it('over 20 archives (p = 0.05, 0.15, 0.3, 0.4), the 90 % intervals cover the truth at close to the nominal rate', () => {
    let covered = 0;
    let absError = 0;
    for (const trueP of [0.05, 0.15, 0.3, 0.4]) {
      for (let r = 0; r < 5; r++) {
        const post = recover(`calibrate/coverage-${trueP}-${r}`, trueP).posterior.p;
        if (post.q05 <= trueP && trueP <= post.q95) covered++;
        absError += Math.abs(post.median - trueP);
        expect(post.q95 - post.q05).toBeLessThan(0.2);
      }
    }
    // Binomial(20, 0.9): P(covered ≤ 14) ≈ 0.011.
    expect(covered).toBeGreaterThanOrEqual(15);
    // The prior median (0.25) would be off by 0.1375 on average over these four values.
    expect(absError / 20).toBeLessThan(0.05);
  });
});
