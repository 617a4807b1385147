/**
 * "Why did I see this post?" names every ranking term in plain words: each
 * term name a feed ranker produces has an English and a French label that is
 * not the code name, and the feed panel shows the label (the code name only
 * in a tooltip).
 */
import { describe, expect, it } from 'vitest';
import { RANKER_NAMES } from '../../src/sim/platform/platform-params.js';
import { HEAVY_RANKER_HEADS, explainRanking, rankers } from '../../src/sim/platform/rankers.js';
import { renderFeed } from '../../src/viz/app/feed-panel.js';
import { RANK_TERM_LABELS, termLabel } from '../../src/viz/app/ui-text.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { LANGS, type FeedItem } from '../../src/viz/engine/demo-protocol.js';
import { addPost, followGraph, makeWorld } from '../platform/strategies/fixtures.js';

/** Term names of every ranker in the platform's ranker table, by ranker, from its explanations of a few posts. */
function termsByRanker(): Map<string, Set<string>> {
  const w = makeWorld({ agents: 6 }, 'ranker-terms', followGraph(6, [[0, 1], [0, 2], [1, 2], [2, 0], [3, 4], [4, 5]]));
  w.now = 600;
  const posts = [addPost(w, 1, 0, -0.8), addPost(w, 2, 300, 0), addPost(w, 4, 590, 0.9)];
  const out = new Map<string, Set<string>>();
  for (const name of Object.keys(rankers)) {
    const names = new Set<string>();
    for (let reader = 0; reader < w.agents.n; reader++) for (const p of posts) for (const term of explainRanking(w, reader, p, name).terms) names.add(term.term);
    out.set(name, names);
  }
  return out;
}

describe('ranking terms have plain labels', () => {
  const byRanker = termsByRanker();
  const produced = new Set([...byRanker.values()].flatMap((s) => [...s]));

  it('covers every ranker the platform offers, and the engagement ranker explains every heavy-ranker head', () => {
    expect([...byRanker.keys()].sort()).toEqual([...RANKER_NAMES].sort());
    for (const [name, terms] of byRanker) expect(terms.size, name).toBeGreaterThan(0);
    expect([...byRanker.get('engagement')!]).toEqual([...HEAVY_RANKER_HEADS]);
  });

  it('every term name a ranker produces has a non-empty English and French label, other than the name, and different in French', () => {
    for (const term of produced) {
      for (const lang of LANGS) {
        const label = termLabel(term, lang);
        expect(label.trim(), `${term} (${lang})`).not.toBe('');
        expect(label, `${term} (${lang})`).not.toBe(term);
      }
      expect(termLabel(term, 'fr'), term).not.toBe(termLabel(term, 'en'));
    }
  });

  it('the label table names only terms that rankers produce', () => {
    expect(Object.keys(RANK_TERM_LABELS).sort()).toEqual([...produced].sort());
    expect(termLabel('no-such-term', 'fr')).toBe('no-such-term');
  });

  it('the demo\'s own feeds, under every ranker, show each term by its label and keep its code name to the tooltip', () => {
    const seen = new Set<string>();
    for (const ranker of RANKER_NAMES) {
      const { session } = DemoSession.create({ preset: 'echo-chambers', arm: null, seed: '3', params: { agents: 120, ranker } });
      session.step(6);
      let items: FeedItem[] = [];
      for (let node = 0; node < 120 && items.length === 0; node++) items = session.feed(node);
      expect(items.length, ranker).toBeGreaterThan(0);
      for (const lang of LANGS) {
        const html = renderFeed(0, items, lang);
        const rowLabels = [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
        const terms = items.flatMap((it) => it.terms.map((t) => t.term));
        expect(rowLabels, `${ranker} (${lang})`).toEqual(terms.map((t) => termLabel(t, lang).replace(/"/g, '&quot;')));
        const visible = html.replace(/<[^>]*>/g, ' ');
        for (const t of terms) {
          seen.add(t);
          // Code names that are not plain words (camelCase) never show outside a tooltip.
          if (/[A-Z]/.test(t)) expect(visible, `${ranker} (${lang})`).not.toContain(t);
        }
      }
    }
    for (const t of seen) expect(produced.has(t), t).toBe(true);
  });
});
