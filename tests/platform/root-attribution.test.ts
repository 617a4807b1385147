/**
 * Root attribution (`rootAttribution`, `claimAttributionSpread`): a reshare
 * of a reshare is recorded as a reshare of its source (the original, or the
 * reply whose reshares it belongs to) with the cascade's share, as Twitter's
 * API credits a retweet of a retweet to the source tweet. Only
 * the recorded parent may change: who reshares what and when is the same
 * for every value (the draws come from a stream of their own), so runs of
 * one seed are compared post by post.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { createPlatform, KIND_RESHARE, type Platform } from '../../src/sim/platform/platform.js';
import type { TimelineEvent } from '../../src/sim/platform/timeline.js';
import { withinBinomial } from './strategies/fixtures.js';

const TIMELINE: TimelineEvent[] = [
  { at: 1, type: 'inject', name: 'hoax', author: { pick: 'most-followed' }, stance: 0.5, veracity: 'false', appeal: 6 },
  { at: 2, type: 'inject', name: 'other', author: { minFollowers: 5, maxFollowers: 40 }, stance: -0.5, veracity: 'true', appeal: 6 },
];

function run(params: Record<string, unknown>, timeline: TimelineEvent[] = TIMELINE): Platform {
  return createPlatform({ agents: 1500, durationHours: 24, activityPerHour: 0.4, reshareProbability: 0.2, opinionRule: 'none', unfollowProbability: 0, ...params }, { seed: 'root-attribution', timeline }).run();
}

/** Every post as (author, time, root, kind, topic): what attribution must not change. */
function posts(p: Platform): string[] {
  const s = p.world.posts;
  return Array.from({ length: s.count }, (_, k) => `${s.authorOf(k)}|${s.timeOf(k)}|${s.rootOf(k)}|${s.kindOf(k)}|${s.topic[k]}`);
}

/** Reshares whose engaged post (the parent at rootAttribution 0) is itself a reshare. */
function resharesOfReshares(base: Platform): number[] {
  const s = base.world.posts;
  const out: number[] = [];
  for (let k = 0; k < s.count; k++) if (s.kindOf(k) === KIND_RESHARE && s.kindOf(s.parentOf(k)) === KIND_RESHARE) out.push(k);
  return out;
}

/** The source of post k's content in a run at rootAttribution 0: up the parents while they are reshares. */
function sourceOf(base: Platform, k: number): number {
  const s = base.world.posts;
  let p = s.parentOf(k);
  while (s.kindOf(p) === KIND_RESHARE) p = s.parentOf(p);
  return p;
}

describe('root attribution', () => {
  const base = run({});
  const chained = resharesOfReshares(base);

  it('is off by default: nothing is drawn from its stream and parents are the posts reshared', () => {
    expect(base.params.rootAttribution).toBe(0);
    // The stream's state is that of a fresh fork of the run's seed: untouched.
    expect(Array.from(base.world.streams.attribution.alea)).toEqual(Array.from(new Rng('root-attribution').fork('attribution').alea));
    // The run has reshares of reshares, so the checks below have something to bite on.
    expect(chained.length).toBeGreaterThan(100);
  });

  it('at 1, every reshare is recorded under its source (stars under each original and reply), and nothing else changes', () => {
    const star = run({ rootAttribution: 1 });
    expect(posts(star)).toEqual(posts(base));
    const s = star.world.posts;
    for (let k = 0; k < s.count; k++) if (s.kindOf(k) === KIND_RESHARE) expect(s.parentOf(k)).toBe(sourceOf(base, k));
    // Replies are reshared in this run too: their reshares stay under them, not under the original.
    expect(chained.some((k) => sourceOf(base, k) !== s.rootOf(k))).toBe(true);
  });

  it('at ρ in (0, 1), a reshare of a reshare goes to its source with probability ρ, else to the post reshared', () => {
    for (const rho of [0.3, 0.8]) {
      const mixed = run({ rootAttribution: rho });
      expect(posts(mixed)).toEqual(posts(base));
      const s = mixed.world.posts;
      let credited = 0;
      for (let k = 0; k < s.count; k++) {
        if (s.kindOf(k) !== KIND_RESHARE) continue;
        const engaged = base.world.posts.parentOf(k);
        if (s.kindOf(engaged) !== KIND_RESHARE) expect(s.parentOf(k)).toBe(engaged);
        else if (s.parentOf(k) === sourceOf(base, k)) credited++;
        else expect(s.parentOf(k)).toBe(engaged);
      }
      expect(withinBinomial(credited, chained.length, rho), `${credited} of ${chained.length} at ρ = ${rho}`).toBe(true);
    }
  });

  it('a stream claim with its own share (claimAttributionSpread > 0) is credited with that share', () => {
    const stream = { claimsPerHour: 2, claimAppeal: 6, claimAppealSpread: 0.3, reshareProbability: 0.2 };
    const plain = run({ ...stream }, []);
    const spread = run({ ...stream, rootAttribution: 0.5, claimAttributionSpread: 2.5 }, []);
    expect(posts(spread)).toEqual(posts(plain));
    const shares = spread.claims.map((c) => spread.attributionOf(c));
    // Logit-normal around 0.5 with σ = 2.5: some claims are credited almost always, some almost never.
    expect(Math.min(...shares)).toBeLessThan(0.15);
    expect(Math.max(...shares)).toBeGreaterThan(0.85);
    const s = spread.world.posts;
    const n = new Map<number, number>();
    const credited = new Map<number, number>();
    for (const k of resharesOfReshares(plain)) {
      const root = s.rootOf(k);
      n.set(root, (n.get(root) ?? 0) + 1);
      if (s.parentOf(k) === sourceOf(plain, k)) credited.set(root, (credited.get(root) ?? 0) + 1);
    }
    let tested = 0;
    for (const [root, count] of n) {
      if (count < 30) continue;
      tested++;
      expect(withinBinomial(credited.get(root) ?? 0, count, spread.attributionOf(root)), `claim ${root}: ${credited.get(root) ?? 0} of ${count}`).toBe(true);
    }
    expect(tested).toBeGreaterThan(3);
    // Posts that are not stream claims keep the platform's share.
    expect(spread.attributionOf(-1)).toBe(0.5);
  });
});
