/**
 * Moderation: detection with its probability and action after its delay;
 * removed claims and their reshares vanish from feeds; labels cut reshares
 * by labelReshareFactor and downranking cuts scores, for the whole cascade;
 * repeat offenders are suspended and can be restored; a policy switched by a
 * 'set' event applies to the actions due after the switch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagementOdds } from '../../../src/sim/platform/engagement-model.js';
import { FeedBuffer, buildFeed } from '../../../src/sim/platform/feed.js';
import { ModerationQueue } from '../../../src/sim/platform/moderation.js';
import { createPlatform, type Platform } from '../../../src/sim/platform/platform.js';
import { FALSE_CLAIM, FLAG_DOWNRANKED, FLAG_LABELLED, FLAG_REMOVED, KIND_ORIGINAL, KIND_RESHARE, NOT_A_CLAIM } from '../../../src/sim/platform/post-store.js';
import { explainRanking } from '../../../src/sim/platform/rankers.js';
import type { TimelineEvent } from '../../../src/sim/platform/timeline.js';
import { withinBinomial } from './fixtures.js';

/** A quiet platform (nobody acts on their own) to post false claims into by hand. */
function quiet(params: Record<string, unknown>, timeline: TimelineEvent[] = [], seed = 'moderation'): Platform {
  return createPlatform({ agents: 100, followsPerAccount: 5, activityPerHour: 0, ...params }, { seed, timeline });
}

function falsePost(p: Platform, author: number): number {
  return p.addPost(author, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
}

describe('removal: delay and detection probability', () => {
  it('removes a share detectionProbability of false posts, at the end of the tick in which the delay ends', () => {
    const p = quiet({ moderation: 'remove', detectionProbability: 0.6, detectionDelayHours: 2.5 });
    const n = 3000;
    const ids = Array.from({ length: n }, (_, k) => falsePost(p, k % 100));
    const truePost = p.addPost(0, 0.5, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
    p.run(2);
    expect(p.moderation.removed).toBe(0);
    p.run(1);
    const posts = p.world.posts;
    let removed = 0;
    for (const id of ids) {
      if (posts.isRemoved(id)) {
        removed++;
        expect(posts.actAt[id]).toBe(150);
        expect(posts.removedAt[id]).toBe(180);
      } else {
        expect(posts.actAt[id]).toBe(Infinity);
      }
    }
    expect(p.moderation.removed).toBe(removed);
    expect(withinBinomial(removed, n, 0.6)).toBe(true);
    expect(posts.isRemoved(truePost)).toBe(false);
    // Strikes go to the authors of removed posts.
    const strikes = p.world.agents.strikes.reduce((s, x) => s + x, 0);
    expect(strikes).toBe(removed);
  });

  it('removed claims and every reshare of them are never shown after removal', () => {
    const exposures: Array<[number, number]> = [];
    const p = createPlatform(
      { agents: 1500, durationHours: 20, moderation: 'remove', detectionProbability: 1, detectionDelayHours: 4, ranker: 'engagement', reshareProbability: 0.3 },
      {
        seed: 'moderation-feeds',
        timeline: [{ at: 1, type: 'inject', name: 'hoax', author: { pick: 'most-followed' }, stance: 0.5, appeal: 5 }],
        hooks: { onExpose: (_reader, post, time) => exposures.push([post, time]) },
      },
    );
    p.run();
    const posts = p.world.posts;
    const hoax = p.injected.get('hoax')!;
    expect(posts.removedAt[hoax]).toBe(300);
    let before = 0;
    let reshareBefore = 0;
    for (const [post, time] of exposures) {
      const root = posts.rootOf(post);
      if (root !== hoax) continue;
      expect(time).toBeLessThan(posts.removedAt[root]);
      before++;
      if (posts.kindOf(post) === KIND_RESHARE) reshareBefore++;
    }
    expect(before).toBeGreaterThan(50);
    expect(reshareBefore).toBeGreaterThan(10);
    // The reshares made before removal are flagged removed too, and no feed built now offers any of them.
    const buf = new FeedBuffer();
    for (let k = 0; k < posts.count; k++) if (posts.rootOf(k) === hoax && posts.kindOf(k) === KIND_RESHARE) expect(posts.flagsOf(k) & FLAG_REMOVED).toBe(FLAG_REMOVED);
    for (let reader = 0; reader < 1500; reader++) {
      p.world.agents.lastSeenPost[reader] = -1;
      const size = buildFeed(p.world, reader, buf);
      for (let k = 0; k < size; k++) expect(posts.rootOf(buf.items[k])).not.toBe(hoax);
    }
  });
});

describe('label and downrank act on the whole cascade', () => {
  it('a label multiplies the reshare probability of the claim and of its reshares, present and future, by labelReshareFactor', () => {
    const p = quiet({ moderation: 'label', detectionProbability: 1, detectionDelayHours: 1, labelReshareFactor: 0.3 });
    const w = p.world;
    const root = falsePost(p, 1);
    const early = p.addPost(2, 0.5, FALSE_CLAIM, 0, KIND_RESHARE, root);
    const odds = { like: 0, reshare: 0, reply: 0, report: 0 };
    w.agents.opinion[5] = 0.5;
    const before = engagementOdds(w, 5, early, odds).reshare;
    p.run(1);
    expect(p.moderation.labelled).toBe(1);
    expect(w.posts.flagsOf(root) & FLAG_LABELLED).toBe(FLAG_LABELLED);
    expect(w.posts.flagsOf(early) & FLAG_LABELLED).toBe(FLAG_LABELLED);
    const late = p.addPost(3, 0.5, FALSE_CLAIM, 0, KIND_RESHARE, early);
    expect(w.posts.flagsOf(late) & FLAG_LABELLED).toBe(FLAG_LABELLED);
    // Same age and stance for the comparison: put the clock back to the first reading.
    const now = w.now;
    w.now = w.posts.timeOf(early);
    const after = engagementOdds(w, 5, early, odds).reshare;
    w.now = now;
    expect(before).toBeGreaterThan(0);
    expect(after).toBeCloseTo(before * 0.3, 14);
  });

  it('downranking multiplies the feed score of the claim and of its reshares by downrankFactor', () => {
    const p = quiet({ moderation: 'downrank', detectionProbability: 1, detectionDelayHours: 1, downrankFactor: 0.25, ranker: 'bridging' });
    const w = p.world;
    const root = falsePost(p, 1);
    const reshare = p.addPost(2, 0.5, FALSE_CLAIM, 0, KIND_RESHARE, root);
    p.run(1);
    expect(p.moderation.downranked).toBe(1);
    for (const id of [root, reshare]) {
      expect(w.posts.flagsOf(id) & FLAG_DOWNRANKED).toBe(FLAG_DOWNRANKED);
      const e = explainRanking(w, 7, id);
      expect(e.moderation).toBe(0.25);
      w.posts.setFlags(id, w.posts.flagsOf(id) & ~FLAG_DOWNRANKED);
      const plain = explainRanking(w, 7, id).score;
      w.posts.addFlags(id, FLAG_DOWNRANKED);
      expect(e.score).toBe(plain * 0.25);
    }
  });
});

describe('suspension and restoration', () => {
  it('remove-and-suspend suspends an author once suspendAfter of its posts are removed; restore-suspended lifts it', () => {
    const p = quiet(
      { moderation: 'remove-and-suspend', detectionProbability: 1, detectionDelayHours: 1, suspendAfter: 3, activityPerHour: 0.5 },
      [{ at: 5, type: 'restore-suspended' }],
    );
    for (let k = 0; k < 3; k++) falsePost(p, 10);
    for (let k = 0; k < 2; k++) falsePost(p, 11);
    p.run(1);
    const a = p.world.agents;
    expect(a.strikes[10]).toBe(3);
    expect(a.strikes[11]).toBe(2);
    expect(a.suspended[10]).toBe(1);
    expect(a.suspended[11]).toBe(0);
    expect(p.moderation.suspended).toBe(1);
    const sessionsWhileSuspended = a.sessions[10];
    p.run(4);
    expect(a.sessions[10]).toBe(sessionsWhileSuspended);
    p.run(1);
    expect(a.suspended[10]).toBe(0);
    expect(p.events.at(-1)).toMatchObject({ type: 'restore-suspended', detail: '1 accounts restored' });
    // Restored accounts keep their strikes: the next removal suspends again.
    falsePost(p, 10);
    p.run(2);
    expect(a.strikes[10]).toBe(4);
    expect(a.suspended[10]).toBe(1);
  });

  it('restoreShare: a share of the suspended, ⌊share × n⌉, drawn from the events stream; with 1 every one and nothing drawn', () => {
    const suspendedSet = [3, 7, 20, 21, 40, 55, 61, 80, 90, 99];
    const restoreAt = (share: number, seed = 'restore'): { restored: number[]; still: number[]; eventsDraw: number } => {
      const p = quiet({ restoreShare: share }, [{ at: 1, type: 'restore-suspended' }], seed);
      for (const i of suspendedSet) p.world.agents.suspended[i] = 1;
      p.run(2);
      const still = suspendedSet.filter((i) => p.world.agents.suspended[i] !== 0);
      return { restored: p.events[0].accounts.slice(), still, eventsDraw: p.world.streams.events.next() };
    };
    const untouched = createPlatform({ agents: 100, followsPerAccount: 5, activityPerHour: 0 }, { seed: 'restore' }).world.streams.events.next();
    const all = restoreAt(1);
    expect(all.restored).toEqual(suspendedSet);
    expect(all.still).toEqual([]);
    expect(all.eventsDraw).toBe(untouched);
    expect(restoreAt(0).restored).toEqual([]);
    for (const [share, count] of [[0.5, 5], [0.34, 3], [0.35, 4], [0.05, 1], [0.04, 0]] as const) {
      const r = restoreAt(share);
      expect(r.restored, String(share)).toHaveLength(count);
      // The restored and the still suspended split the suspended; restored ids ascend.
      expect([...r.restored, ...r.still].sort((x, y) => x - y)).toEqual(suspendedSet);
      expect(r.restored).toEqual([...r.restored].sort((x, y) => x - y));
    }
    // Which ones depends on the events stream: another seed picks another half.
    const picks = new Set(['a', 'b', 'c', 'd'].map((seed) => restoreAt(0.5, seed).restored.join(',')));
    expect(picks.size).toBeGreaterThan(1);
  });
});

describe('switching policy mid-run: the policy in force at action time applies', () => {
  const base = { detectionProbability: 1, detectionDelayHours: 2 };

  it("switched on at t: detections made before t are acted on when due after t", () => {
    const p = quiet({ ...base, moderation: 'none' }, [{ at: 1, type: 'set', params: { moderation: 'remove' } }]);
    const id = falsePost(p, 3);
    p.run(3);
    expect(p.world.posts.removedAt[id]).toBe(120);
  });

  it('switched on after the action was due: nothing happens (the detection lapsed)', () => {
    const p = quiet({ ...base, moderation: 'none' }, [{ at: 3, type: 'set', params: { moderation: 'remove' } }]);
    const id = falsePost(p, 3);
    p.run(6);
    expect(p.world.posts.isRemoved(id)).toBe(false);
    expect(p.moderation.removed).toBe(0);
  });

  it('switched off at t: actions due after t are not taken, those due before are', () => {
    const p = quiet({ ...base, moderation: 'remove' }, [{ at: 3, type: 'set', params: { moderation: 'none' } }]);
    const a = falsePost(p, 3);
    p.run(2);
    const b = falsePost(p, 4);
    p.run(4);
    expect(p.world.posts.removedAt[a]).toBe(120);
    expect(p.world.posts.isRemoved(b)).toBe(false);
  });

  it('a shorter delay set mid-run is not held back by earlier claims with a longer delay', () => {
    // The set event applies at the start of the tick at hour 1, before the injection due at the same hour.
    const p = quiet({ detectionProbability: 1, detectionDelayHours: 10, moderation: 'remove' }, [
      { at: 1, type: 'set', params: { detectionDelayHours: 1 } },
      { at: 1, type: 'inject', name: 'fast', author: { pick: 'most-followed' }, stance: 0.5 },
    ]);
    const slow = falsePost(p, 3);
    p.run(3);
    const fast = p.injected.get('fast')!;
    expect(p.world.posts.removedAt[fast]).toBe(120);
    expect(p.world.posts.isRemoved(slow)).toBe(false);
    p.run(8);
    expect(p.world.posts.removedAt[slow]).toBe(600);
  });
});

describe('ModerationQueue', () => {
  it('pops in order of (action time, post id) whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 0, max: 50 })), { maxLength: 300 }), fc.nat(300), (items, popAt) => {
        const q = new ModerationQueue();
        const pending: Array<[number, number]> = [];
        const popped: Array<[number, number]> = [];
        items.forEach(([id, t], k) => {
          q.push(id, t);
          pending.push([t, id]);
          // Interleave pops with pushes: each pop must be the current minimum.
          if (k === popAt) {
            pending.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
            const [tm, idm] = pending.shift()!;
            expect(q.peekTime()).toBe(tm);
            expect(q.pop()).toBe(idm);
          }
        });
        while (q.length > 0) {
          const t = q.peekTime();
          popped.push([t, q.pop()]);
        }
        pending.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect(popped).toEqual(pending);
        expect(q.peekTime()).toBe(Infinity);
      }),
    );
  });
});
