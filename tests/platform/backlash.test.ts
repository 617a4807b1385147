/**
 * Backlash: a follower of the account a post is about, who sees a post
 * critical of it (stance < 0) and agrees with it, unfollows that account
 * with probability `backlashProbability`.
 */
import { describe, expect, it } from 'vitest';
import { createPlatform } from '../../src/sim/platform/platform.js';

function run(backlashProbability: number, stance: number, extra: Record<string, number> = {}) {
  const exposed = new Set<number>();
  let target = -1;
  const p = createPlatform(
    { agents: 600, durationHours: 24, initialOpinions: 'uniform', tolerance: 0.6, opinionRule: 'none', unfollowProbability: 0, backlashProbability, ranker: 'engagement', ...extra },
    {
      seed: 'backlash',
      timeline: [{ at: 1, type: 'inject', name: 'critique', author: { maxFollowers: 30 }, stance, veracity: 'none', topic: 'brand', appeal: 5, target: { pick: 'most-followed' } }],
      hooks: {
        onExpose(reader, post) {
          const w = p.world;
          target = w.posts.targetOf(post) >= 0 ? w.posts.targetOf(post) : target;
          if (w.posts.targetOf(post) >= 0 && w.posts.stanceOf(post) < 0 && Math.abs(w.posts.stanceOf(post) - w.agents.opinion[reader]) < w.agents.tolerance[reader] && w.graph.out.has(reader, w.posts.targetOf(post))) exposed.add(reader);
        },
      },
    },
  );
  const brand = (() => {
    let best = 0;
    for (let i = 1; i < p.world.agents.n; i++) if (p.graph.inDegree(i) > p.graph.inDegree(best)) best = i;
    return best;
  })();
  const before = new Set(p.graph.followers(brand));
  p.run();
  const after = new Set(p.graph.followers(brand));
  const left = [...before].filter((f) => !after.has(f));
  return { brand, target, exposed, left };
}

describe('backlash', () => {
  it('with probability 1, exactly the agreeing followers who saw the critique leave (and only they)', () => {
    const { brand, target, exposed, left } = run(1, -0.3);
    expect(target).toBe(brand);
    expect(exposed.size).toBeGreaterThan(5);
    // Opinions are frozen and follow-rewiring is off, so nobody else leaves.
    expect(new Set(left)).toEqual(exposed);
  });

  it('with probability 0, or for praise (stance ≥ 0) with no replies, nobody leaves', () => {
    expect(run(0, -0.3).left).toEqual([]);
    // Replies are about the same account and carry the replier's stance, so
    // critical replies to praise would count: switch replies off here.
    expect(run(1, 0.3, { replyProbability: 0 }).left).toEqual([]);
  });
});
