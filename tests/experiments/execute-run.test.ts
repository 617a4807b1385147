/**
 * executeRun: deterministic (the same run gives the same result; another
 * replicate a different one); faithful to the zoo's own runner; common
 * random numbers (two arms of one replicate start from identical networks
 * and initial opinions, zoo and scenario alike); samples on schedule;
 * chunked platform runs equal unchunked ones; cascade rows match the
 * platform's and the model's cascades.
 */
import { describe, expect, it } from 'vitest';
import { forestRows, platformCascades } from '../../src/experiment/cascade-rows.js';
import { resolveExperiment, toExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import type { ExperimentDefinition, RunSpec } from '../../src/experiment/experiment-types.js';
import { runNetwork, runSetup, type ZooSetup } from '../../src/experiment/run-setup.js';
import { largestComponentShare } from '../../src/experiment/zoo-profiles.js';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { fingerprint } from '../../src/model/fingerprint.js';
import { Rng } from '../../src/model/rng.js';
import { computeMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { getZooEntry, runZooModel } from '../../src/sim/model-zoo.js';
import { buildScenario, defineScenario } from '../../src/sim/platform/scenario.js';

const deffuantSweep: ExperimentDefinition = {
  id: 'crn',
  title: 'CRN',
  question: 'Do arms share their start?',
  model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 150, p: 0.06 } },
  vary: { epsilon: [0.15, 0.45] },
  replicates: 2,
  steps: 400,
  sampleEvery: 7,
  metrics: ['opinion.mean', 'opinion.variance', 'network.neighbor-leaning-correlation'],
  seed: 'x',
};

/** Hours-long scenario with reshares, two arms that differ only in the ranker. */
const scenario = defineScenario({
  id: 'tiny',
  title: 'Tiny',
  question: 'Does a tiny platform run?',
  lookFor: 'nothing',
  params: { agents: 150, followsPerAccount: 10, durationHours: 6, activityPerHour: 1, reshareProbability: 0.3, tickMinutes: 45 },
  arms: { plain: {}, shuffled: { params: { ranker: 'random' } } },
  outcomes: (p) => ({ posts: p.totals.posts, [`posts.h${Math.round(p.now / 60)}`]: p.totals.posts }),
  outcomeHelp: { posts: 'Posts made.', 'posts.*': 'Posts, under a name that carries the duration.' },
});

function find(runs: readonly RunSpec[], name: string): RunSpec {
  const r = runs.find((x) => x.name === name);
  if (!r) throw new Error(`no run ${name}`);
  return r;
}

function edges(g: CsrGraph): string {
  const e = g.toEdgeList();
  return fingerprint([g.n], e.src, e.dst);
}

describe('zoo models', () => {
  const resolved = resolveExperiment(deffuantSweep);

  it('the same run gives the same result; another replicate a different one', () => {
    const run = resolved.runs[0];
    const a = executeRun(resolved, run);
    const b = executeRun(resolveExperiment(deffuantSweep), run);
    expect(b).toEqual(a);
    expect(executeRun(resolved, resolved.runs[1]).final).not.toEqual(a.final);
  });

  it('matches runZooModel from the same key: steps, convergence, final state', () => {
    for (const run of resolved.runs) {
      const result = executeRun(resolved, run);
      const setup = runSetup(resolved, run.params) as ZooSetup;
      const zoo = runZooModel('deffuant', { key: run.crnKey, params: setup.params, network: runNetwork(setup, run.crnKey), maxSteps: 400 });
      expect(result.steps).toBe(zoo.result.steps);
      expect(result.converged).toBe(zoo.result.converged);
      expect(result.final.steps).toBe(zoo.result.steps);
      expect(result.final.converged).toBe(zoo.result.converged ? 1 : 0);
      const view = { graph: zoo.state.graph, opinions: Float64Array.from(zoo.entry.nodeValues(zoo.state)) };
      const m = computeMetrics(['opinion.mean', 'opinion.variance'], view);
      expect(result.final['opinion.mean']).toBe(m['opinion.mean']);
      expect(result.final['opinion.variance']).toBe(m['opinion.variance']);
    }
  });

  it('two arms of one replicate start from the identical network and initial opinions', () => {
    const a = find(resolved.runs, 'epsilon=0.15__r1');
    const b = find(resolved.runs, 'epsilon=0.45__r1');
    expect(a.crnKey).toBe(b.crnKey);
    const sa = runSetup(resolved, a.params) as ZooSetup;
    const sb = runSetup(resolved, b.params) as ZooSetup;
    const ga = runNetwork(sa, a.crnKey);
    expect(edges(runNetwork(sb, b.crnKey))).toBe(edges(ga));
    const model = getZooEntry('deffuant').model;
    const init = (s: ZooSetup, key: string) => model.init(ga, model.validate(s.params as never), new Rng(key).fork('model')) as unknown as { opinions: Float64Array };
    expect(Array.from(init(sb, b.crnKey).opinions)).toEqual(Array.from(init(sa, a.crnKey).opinions));
    // The results agree at t = 0 (every metric, the network-dependent one included) and part ways after.
    const ra = executeRun(resolved, a);
    const rb = executeRun(resolved, b);
    expect(rb.series[0]).toEqual(ra.series[0]);
    expect(rb.final['opinion.variance']).not.toBe(ra.final['opinion.variance']);
    // Another replicate starts elsewhere.
    const other = find(resolved.runs, 'epsilon=0.15__r0');
    expect(edges(runNetwork(sa, other.crnKey))).not.toBe(edges(ga));
  });

  it('samples at 0, every sampleEvery steps, and at the end', () => {
    for (const run of resolved.runs) {
      const r = executeRun(resolved, run);
      const ts = r.series.map((s) => s.t);
      const expected = [0];
      for (let t = 7; t <= r.steps; t += 7) expected.push(t);
      if (expected[expected.length - 1] !== r.steps) expected.push(r.steps);
      expect(ts).toEqual(expected);
      expect(r.series[r.series.length - 1].values['opinion.mean']).toBe(r.final['opinion.mean']);
      expect(Object.keys(r.final)).toEqual([...resolved.finalColumns]);
    }
  });

  it('a budget with untilConverged false runs exactly that many steps', () => {
    const r = resolveExperiment({ ...deffuantSweep, untilConverged: false, steps: 30, sampleEvery: 0 });
    const result = executeRun(r, r.runs[0]);
    expect(result.steps).toBe(30);
    expect(result.series.map((s) => s.t)).toEqual([0, 30]);
  });

  it('spreading models give one cascade row per seed, whose sizes add up to the nodes reached', () => {
    const r = resolveExperiment({ id: 'ic', title: 'IC', question: 'Does it cascade?', model: 'independent-cascade', replicates: 1, seed: 'c', base: { seedCount: 8 } });
    const result = executeRun(r, r.runs[0]);
    expect(result.cascades.length).toBe(8);
    const reached = result.cascades.reduce((a, c) => a + c['cascade.size'], 0);
    expect(reached).toBe(Math.round(result.final['active-share'] * 1000));
    for (const c of result.cascades) expect(c['cascade.depth']).toBeLessThanOrEqual(result.steps);
  });

  it('forestRows measures each tree of a hand-made forest', () => {
    // Two roots: a star 0 ← {1, 2} and a path 3 ← 4 ← 5.
    const forest = { node: Int32Array.from([10, 11, 12, 13, 14, 15]), parent: Int32Array.from([-1, 0, 0, -1, 3, 4]), time: Float64Array.from([0, 1, 1, 0, 1, 2]) };
    const rows = forestRows(forest);
    expect(rows).toEqual([
      // Star of 3: distances 1, 1, 2 over 3 pairs: ν = 4/3.
      { cascade: 0, root: 10, start: 0, 'cascade.size': 3, 'cascade.depth': 1, 'cascade.max-breadth': 2, 'cascade.structural-virality': 4 / 3 },
      // Path of 3: distances 1, 1, 2: ν = 4/3 as well ((n + 1)/3).
      { cascade: 1, root: 13, start: 0, 'cascade.size': 3, 'cascade.depth': 2, 'cascade.max-breadth': 1, 'cascade.structural-virality': 4 / 3 },
    ]);
  });

  it('largestComponentShare on hand-made graphs', () => {
    const g = CsrGraph.fromEdgeList({ n: 6, directed: false, src: Int32Array.from([0, 1, 3]), dst: Int32Array.from([1, 2, 4]), m: 3 });
    expect(largestComponentShare(g)).toBe(3 / 6);
    const d = CsrGraph.fromEdgeList({ n: 4, directed: true, src: Int32Array.from([0, 2, 3]), dst: Int32Array.from([1, 1, 2]), m: 3 });
    expect(largestComponentShare(d)).toBe(1);
  });
});

describe('scenarios', () => {
  const def = { ...toExperiment(scenario, 'tiny.ts'), replicates: 2, sampleEvery: 1 };
  const resolved = resolveExperiment(def);

  it('the same run gives the same result', () => {
    const a = executeRun(resolved, resolved.runs[0]);
    expect(executeRun(resolveExperiment(def), resolved.runs[0])).toEqual(a);
    expect(executeRun(resolved, resolved.runs[1]).final).not.toEqual(a.final);
  });

  it('two arms of one replicate are built from the same world', () => {
    const a = find(resolved.runs, 'arm=plain__r1');
    const b = find(resolved.runs, 'arm=shuffled__r1');
    const wa = buildScenario(scenario, { seed: a.crnKey, arm: 'plain' }).world;
    const wb = buildScenario(scenario, { seed: b.crnKey, arm: 'shuffled' }).world;
    expect(wb).toEqual(wa);
    const ra = executeRun(resolved, a);
    const rb = executeRun(resolved, b);
    expect(rb.series[0]).toEqual(ra.series[0]);
    expect(buildScenario(scenario, { seed: find(resolved.runs, 'arm=plain__r0').crnKey, arm: 'plain' }).world.network).not.toBe(wa.network);
  });

  it('samples every hour of simulated time, and running in chunks changes nothing', () => {
    const chunked = executeRun(resolved, resolved.runs[0]);
    // 45-minute ticks: a sample lands on the first tick boundary at or after each whole hour.
    expect(chunked.series.map((s) => s.t)).toEqual([0, 1.5, 2.25, 3, 4.5, 5.25, 6]);
    const whole = resolveExperiment({ ...def, sampleEvery: 0 });
    const once = executeRun(whole, whole.runs[0]);
    expect(once.series.map((s) => s.t)).toEqual([0, 6]);
    expect(once.final).toEqual(chunked.final);
    expect(once.cascades).toEqual(chunked.cascades);
    expect(once.series[1]).toEqual(chunked.series[chunked.series.length - 1]);
  });

  it('final: metrics, exact outcomes, hours, then wildcard outcomes', () => {
    const r = executeRun(resolved, resolved.runs[0]);
    expect(resolved.finalColumns).toEqual(['opinion.mean', 'opinion.variance', 'network.neighbor-leaning-correlation', 'network.opinion-assortativity', 'network.modularity', 'network.ei-index', 'network.majority-illusion', 'posts', 'hours']);
    expect(Object.keys(r.final)).toEqual([...resolved.finalColumns, 'posts.h6']);
    expect(r.final.hours).toBe(6);
    expect(r.final['posts.h6']).toBe(r.final.posts);
    const only = resolveExperiment({ ...def, outcomes: ['posts'] });
    expect(Object.keys(executeRun(only, only.runs[0]).final)).toEqual(only.finalColumns);
  });

  it('cascade rows are the platform cascades with two nodes or more', () => {
    const run = resolved.runs[0];
    const build = buildScenario(scenario, { seed: run.crnKey, arm: 'plain' });
    const { platform } = build.finish();
    const trees = platformCascades(platform);
    expect(trees.length).toBeGreaterThan(0);
    for (const { post, tree } of trees) expect(tree).toEqual(platform.cascade(post));
    const posts = platform.world.posts;
    let multi = 0;
    for (let p = 0; p < posts.count; p++) if (posts.rootOf(p) === p && platform.cascade(p).node.length >= 2) multi++;
    expect(trees.length).toBe(multi);
    const rows = executeRun(resolved, run).cascades;
    expect(rows.map((r) => r.cascade)).toEqual(trees.map((t) => t.post));
    expect(rows.map((r) => r['cascade.size'])).toEqual(trees.map((t) => t.tree.node.length));
  });
});
