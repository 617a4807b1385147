/**
 * Where each cascade of a run started (CascadeInfo) and the kept trees of
 * claim-rooted cascades: the injected hoax is the one claim of the
 * CrowdStrike scenario, with its veracity and topic; bots' posts are marked
 * as such; a zoo model's seeds are all claims; and every kept tree measures
 * exactly as its cascade row says (so a comparison may re-measure it after
 * cutting it at a window).
 */
import { describe, expect, it } from 'vitest';
import { cascadeFeatures } from '../../src/compare/cascade-features.js';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import { platformCascadeInfo, platformCascades } from '../../src/experiment/cascade-rows.js';
import type { ExperimentDefinition, RunResult } from '../../src/experiment/experiment-types.js';
import { buildScenario } from '../../src/sim/platform/scenario.js';
import crowdstrike from '../../experiments/crowdstrike-hoax.js';
import botsAndPoll from '../../experiments/bots-and-poll.js';

function firstRun(def: ExperimentDefinition): RunResult {
  const resolved = resolveExperiment(def, { quick: true, checkInit: false });
  return executeRun(resolved, resolved.runs[0]);
}

function expectTreesMatchRows(res: RunResult): void {
  for (const t of res.trees ?? []) {
    const row = res.cascades[t.row];
    const tree = { node: new Int32Array(t.parent.length), parent: Int32Array.from(t.parent), time: Float64Array.from(t.time) };
    const f = cascadeFeatures(tree, ['size', 'depth', 'max-breadth', 'structural-virality', 'time-to-90pct'], { k: 10, topK: 5 });
    expect([f.size, f.depth, f['max-breadth'], f['structural-virality'], f['time-to-90pct']]).toEqual([
      row['cascade.size'],
      row['cascade.depth'],
      row['cascade.max-breadth'],
      row['cascade.structural-virality'],
      row['cascade.time-to-90pct'],
    ]);
  }
}

describe('cascade info and kept trees', () => {
  it('crowdstrike-hoax: the injected hoax is the only claim (false, topic hoax), and its kept tree measures as its row', () => {
    const res = firstRun({ id: 'info', title: 'Info', question: 'Which cascade is the hoax?', scenario: crowdstrike, replicates: 1, seed: 'info', base: { arm: 'with-hubs' }, quick: { replicates: 1 } });
    expect(res.cascadeInfo).toHaveLength(res.cascades.length);
    const claims = (res.cascadeInfo ?? []).map((c, i) => [c, i] as const).filter(([c]) => c.root === 'claim');
    expect(claims).toHaveLength(1);
    expect(claims[0][0]).toEqual({ root: 'claim', veracity: 'false', topic: 'hoax' });
    expect(res.trees?.map((t) => t.row)).toEqual([claims[0][1]]);
    expect(res.cascades[claims[0][1]]['cascade.size']).toBeGreaterThan(10);
    for (const c of res.cascadeInfo ?? []) if (c.root !== 'claim') expect(c).toEqual({ root: 'organic', veracity: 'none', topic: 'general' });
    expectTreesMatchRows(res);
  });

  it('bots-and-poll: a cascade is marked bot exactly when a bot posted its root', () => {
    const build = buildScenario(botsAndPoll, { seed: 'bots', quick: true });
    build.platform.run(botsAndPoll.params.durationHours ?? 24);
    const w = build.platform.world;
    const cascades = platformCascades(build.platform);
    const info = platformCascadeInfo(build.platform, cascades);
    let bots = 0;
    cascades.forEach(({ post }, i) => {
      const byBot = w.agents.bot[w.posts.authorOf(post)] === 1;
      if (info[i].root !== 'claim') expect(info[i].root).toBe(byBot ? 'bot' : 'organic');
      if (info[i].root === 'bot') bots++;
    });
    expect(bots).toBeGreaterThan(0);
  });

  it('a zoo spreading model: every seed is a claim with a kept tree that measures as its row', () => {
    const res = firstRun({
      id: 'ic-info',
      title: 'IC info',
      question: 'Are seeds claims?',
      model: 'independent-cascade',
      network: { kind: 'erdos-renyi', params: { n: 300, p: 0.02 } },
      base: { p: 0.2, seedCount: 12 },
      replicates: 1,
      steps: 50,
      seed: 'ic',
    });
    expect(res.cascades).toHaveLength(12);
    expect(res.cascadeInfo).toEqual(Array.from({ length: 12 }, () => ({ root: 'claim', veracity: 'none', topic: null })));
    expect(res.trees?.map((t) => t.row)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expectTreesMatchRows(res);
  });
});
