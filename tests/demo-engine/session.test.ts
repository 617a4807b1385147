import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/model/fingerprint.js';
import { explainRanking } from '../../src/sim/platform/rankers.js';
import { runScenario } from '../../src/sim/platform/scenario.js';
import { DemoSession, relabelBySize } from '../../src/viz/engine/demo-session.js';
import { presetDefinition } from '../../src/viz/engine/demo-presets.js';
import type { DemoConfig, DemoMetrics } from '../../src/viz/engine/demo-protocol.js';
import { SERIES_COLUMNS } from '../../src/viz/engine/series-csv.js';

function make(preset: string, params: DemoConfig['params'] = {}, seed = '7', arm: string | null = null): DemoSession {
  const { session, problems } = DemoSession.create({ preset, arm, seed, params });
  expect(problems).toEqual([]);
  return session;
}

function seriesPrint(rows: readonly DemoMetrics[]): string {
  return fingerprint(...SERIES_COLUMNS.map((c) => Float64Array.from(rows, (r) => Number(r[c]))));
}

describe('DemoSession determinism', () => {
  it('the same configuration gives identical series and frames; another seed does not', () => {
    const a = make('echo-chambers', { agents: 300 });
    const b = make('echo-chambers', { agents: 300 });
    const c = make('echo-chambers', { agents: 300 }, '8');
    for (let k = 0; k < 4; k++) {
      const fa = a.step(5);
      const fb = b.step(5);
      c.step(5);
      expect(Array.from(fa.opinion)).toEqual(Array.from(fb.opinion));
      expect(fa.edges === null).toBe(fb.edges === null);
      expect(fa.histogram).toEqual(fb.histogram);
    }
    expect(seriesPrint(a.series())).toBe(seriesPrint(b.series()));
    expect(seriesPrint(a.series())).not.toBe(seriesPrint(c.series()));
    expect(Array.from(a.frame().community!)).toEqual(Array.from(b.frame().community!));
  });

  it('looking (cards, feeds, cascades, frames) never changes the run', () => {
    const quiet = make('crowdstrike-hoax', { agents: 400 });
    const busy = make('crowdstrike-hoax', { agents: 400 });
    for (let k = 0; k < 30; k++) {
      quiet.step(1);
      busy.step(1);
      busy.card(k % 400);
      busy.feed((k * 7) % 400);
      busy.cascade();
      busy.frame();
    }
    expect(seriesPrint(busy.series())).toBe(seriesPrint(quiet.series()));
  });
});

describe('DemoSession measures against the scenario run itself', () => {
  // The session's hooks only read: the same scenario run by the experiments code must give the same outcomes.
  it('hoax reach equals the platform reach of the hoax cascade (crowdstrike-hoax)', () => {
    const s = make('crowdstrike-hoax', { agents: 500 });
    while (!s.done) s.step(20);
    const def = presetDefinition('crowdstrike-hoax');
    const run = runScenario(def.scenario, { seed: '7', arm: 'with-hubs', overrides: { ...def.overrides, agents: 500 } });
    const last = s.series().at(-1)!;
    expect(last.hoaxReach).toBe(run.outcomes.reach);
    expect(last.hoaxReach).toBeGreaterThan(0);
    const seen = s.frame().hoaxSeen!;
    expect(seen.reduce((x, y) => x + y, 0)).toBe(run.outcomes.reach);
    const tree = s.cascade()!;
    expect(tree.posts.length).toBe(run.outcomes['cascade.size']);
    const index = new Map(tree.posts.map((p, k) => [p.post, k]));
    tree.posts.forEach((p, k) => {
      if (k === 0) expect(p.parent).toBe(-1);
      else expect(index.get(p.parent)!).toBeLessThan(k);
    });
  });

  it('the poll share equals the scenario\'s poll reading (bots-and-poll)', () => {
    const s = make('bots-and-poll', { agents: 500 });
    while (!s.done) s.step(20);
    const def = presetDefinition('bots-and-poll');
    const run = runScenario(def.scenario, { seed: '7', arm: 'bots-12', overrides: { ...def.overrides, agents: 500 } });
    expect(s.series().at(-1)!.pollYes).toBeCloseTo(run.outcomes['poll.yes'], 12);
  });

  it('the leaning correlation at the end equals the scenario\'s (echo-chambers)', () => {
    const s = make('echo-chambers', { agents: 300, durationHours: 24 });
    while (!s.done) s.step(20);
    const def = presetDefinition('echo-chambers');
    const run = runScenario(def.scenario, { seed: '7', arm: 'chronological', overrides: { ...def.overrides, agents: 300, durationHours: 24 } });
    expect(s.series().at(-1)!.leaningCorrelation).toBe(run.outcomes['neighbor-leaning']);
    expect(s.series().at(-1)!.follows).toBe(run.outcomes.unfollows);
  });
});

describe('DemoSession frames', () => {
  it('sends the edge list only when the follow network changed', () => {
    // Majority illusion: nobody unfollows, so the network never changes.
    const still = make('majority-illusion', { agents: 300 });
    const full = still.frame();
    expect(full.edges!.length).toBe(2 * still.platform.graph.m);
    for (let k = 0; k < 5; k++) expect(still.step(1).edges).toBeNull();
    const moving = make('echo-chambers', { agents: 300 });
    moving.frame();
    let changed = 0;
    for (let k = 0; k < 10; k++) {
      const before = moving.platform.totals.follows;
      const f = moving.step(1);
      const after = moving.platform.totals.follows;
      expect(f.edges !== null).toBe(after !== before);
      if (f.edges) {
        changed++;
        const g = moving.platform.graph;
        expect(f.edges.length).toBe(2 * g.m);
        for (let e = 0; e < f.edges.length; e += 2) expect(g.out.has(f.edges[e], f.edges[e + 1])).toBe(true);
      }
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('above 5,000 accounts, sends a changed edge list at most every 10 ticks', () => {
    const s = make('echo-chambers', { agents: 6000, durationHours: 12 });
    s.frame();
    const sentAt: number[] = [];
    for (let k = 0; k < 22; k++) {
      const f = s.step(1);
      if (f.edges) {
        sentAt.push(f.tick);
        expect(f.edges.length).toBe(2 * s.platform.graph.m);
      }
    }
    expect(sentAt).toEqual([10, 20]);
  });

  it('has one opinion per account, a histogram of the humans, and communities numbered by size', () => {
    const s = make('bots-and-poll', { agents: 400 });
    const f = s.step(3);
    const a = s.platform.world.agents;
    expect(f.opinion.length).toBe(a.n);
    let humans = 0;
    for (let i = 0; i < a.n; i++) if (a.bot[i] === 0) humans++;
    expect(f.histogram.length).toBe(20);
    expect(f.histogram.reduce((x, y) => x + y, 0)).toBe(humans);
    const c = s.frame().community!;
    const size = new Map<number, number>();
    for (const x of c) size.set(x, (size.get(x) ?? 0) + 1);
    const ids = [...size.keys()].sort((x, y) => x - y);
    expect(ids).toEqual([...Array(ids.length).keys()]);
    for (let k = 1; k < ids.length; k++) expect(size.get(k)!).toBeLessThanOrEqual(size.get(k - 1)!);
  });

  it('relabelBySize: largest community first, ties by old id', () => {
    expect(Array.from(relabelBySize(Int32Array.from([0, 1, 1, 2, 2, 2, 0]), 3))).toEqual([1, 2, 2, 0, 0, 0, 1]);
  });

  it('stops at the preset duration', () => {
    const s = make('majority-illusion', { agents: 100, durationHours: 2 });
    const f = s.step(1000);
    expect(f.done).toBe(true);
    expect(f.hours).toBe(2);
    expect(s.series().length).toBe(1 + 12);
    expect(s.step(5).tick).toBe(12);
  });
});

describe('cards and feeds', () => {
  it('a card counts exactly what an account was shown', () => {
    const s = make('false-consensus', { agents: 400 });
    s.step(30);
    let total = 0;
    const a = s.platform.world.agents;
    for (let i = 0; i < a.n; i++) {
      const c = s.card(i);
      total += c.seen.total;
      expect(c.seen.right + c.seen.left).toBeLessThanOrEqual(c.seen.total);
      expect(c.followers).toBe(s.platform.graph.inDegree(i));
      if (a.seenLeft[i] + a.seenRight[i] > 0) expect(c.believedRightShare).toBeCloseTo(a.seenRight[i] / (a.seenLeft[i] + a.seenRight[i]), 12);
      else expect(c.believedRightShare).toBeNaN();
    }
    // Every post shown is one view in the platform's own count.
    expect(total).toBe(s.platform.totals.views);
    expect(() => s.card(400)).toThrow(RangeError);
    expect(() => s.card(-1)).toThrow(RangeError);
  });

  it('a chronological feed is the newest posts of followees; every score is explained', () => {
    const s = make('false-consensus', { agents: 400 });
    s.step(20);
    let checked = 0;
    for (let i = 0; i < 40; i++) {
      const items = s.feed(i);
      expect(items.length).toBeLessThanOrEqual(10);
      for (let k = 0; k < items.length; k++) {
        const it = items[k];
        expect(s.platform.graph.out.has(i, it.author)).toBe(true);
        if (k > 0) expect(it.post).toBeLessThan(items[k - 1].post);
        expect(it.score).toBe(explainRanking(s.platform.world, i, it.post).score);
        const combined = it.terms.reduce((acc, t) => (it.combine === 'sum' ? acc + t.value : acc * t.value), it.combine === 'sum' ? 0 : 1);
        expect(it.score).toBeCloseTo(Math.max(0, combined) * it.moderation, 12);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a ranked feed is sorted by score, best first', () => {
    const s = make('false-consensus', { agents: 400 }, '7', 'similarity');
    s.step(20);
    for (let i = 0; i < 20; i++) {
      const items = s.feed(i);
      for (let k = 1; k < items.length; k++) expect(items[k].score).toBeLessThanOrEqual(items[k - 1].score);
      for (const it of items) expect(it.ranker).toBe('similarity');
    }
  });
});

describe('DemoSession.create with bad input', () => {
  it('reports and replaces what it cannot use, never throws', () => {
    const { session, problems } = DemoSession.create({ preset: 'nope', arm: 'zzz', seed: '', params: { agents: 5, ranker: 'best', nonsense: 1 } });
    expect(session.config.preset).toBe('echo-chambers');
    expect(session.config.params).toEqual({});
    expect(problems.map((p) => p.field).sort()).toEqual(['agents', 'arm', 'nonsense', 'preset', 'ranker', 'seed']);
    for (const p of problems) {
      expect(p.message.en.length).toBeGreaterThan(0);
      expect(p.message.fr.length).toBeGreaterThan(0);
    }
  });

  it('drops a parameter that clashes with another (more follows than accounts)', () => {
    const { session, problems } = DemoSession.create({ preset: 'majority-illusion', arm: null, seed: '1', params: { agents: 25, followsPerAccount: 30 } });
    expect(problems.map((p) => p.field)).toEqual(['followsPerAccount']);
    expect(session.platform.world.agents.n).toBe(25);
    expect(session.config.params).toEqual({ agents: 25 });
  });

  it('an unknown puzzle is reported and ignored', () => {
    const { session, problems } = DemoSession.create({ preset: 'majority-illusion', arm: null, seed: '1', params: { agents: 50 } }, 'nope');
    expect(problems.map((p) => p.field)).toEqual(['puzzle']);
    expect(session.puzzleStatus()).toBeNull();
  });
});
