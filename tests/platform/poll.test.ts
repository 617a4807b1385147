/**
 * The poll (poll.ts): one vote per account, humans by the sign of their
 * opinion when first shown the poll, bots by script or from their feeds;
 * and the relation between the bot share and the poll against its closed
 * form
 *
 *   observed = (b·t_b + (1 − b)·t_h·q) / (b·t_b + (1 − b)·t_h).
 *
 * The statistical checks run on a star network where every account follows
 * the pollster and nothing else is posted, so every account that has a
 * session is shown the poll (rate 1/h for 30 h: P(no session) = e^−30):
 * the turnouts are then the vote probabilities, and given who was shown it
 * the yes votes are binomial. The tolerance is 4.5 standard deviations of
 * the share by the delta method (two-sided p ≈ 7·10⁻⁶ per check), far
 * above the O(1/votes) bias of a ratio.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { ParamError } from '../../src/model/errors.js';
import { createPlatform } from '../../src/sim/platform/platform.js';
import { botShareForYesShare, botVoteShareFor, expectedYesShare, openPoll, Poll, type PollOptions } from '../../src/sim/platform/poll.js';

/** Every account follows account 0, the pollster (account 0 follows account 1). */
function star(n: number): CsrGraph {
  const src = Int32Array.from({ length: n }, (_, i) => i);
  const dst = Int32Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0));
  return CsrGraph.fromEdgeList({ n, directed: true, src, dst, m: n }, { slack: 2 });
}

const QUIET = {
  network: 'given',
  followsPerAccount: 1,
  activityPerHour: 1,
  activityHeterogeneity: 0,
  dailyRhythm: false,
  postProbability: 0,
  likeProbability: 0,
  reshareProbability: 0,
  replyProbability: 0,
  reportProbability: 0,
  unfollowProbability: 0,
  opinionRule: 'none',
  botStance: 1,
  durationHours: 31,
} as const;

interface StarPoll {
  readonly poll: Poll;
  readonly humans: number;
  readonly humansYesSide: number;
  readonly bots: number;
  readonly pollsterIsHuman: boolean;
}

/** A poll by account 0 at hour 1 on a star of n accounts with bot share b; the other humans alternate ±0.5 (exactly half on each side when their number is even). */
function starPoll(n: number, botShare: number, humanTurnout: number, botTurnout: number, seed: string, hours?: number): StarPoll {
  const p = createPlatform({ ...QUIET, agents: n, botShare }, { seed, graph: star(n), timeline: [{ at: 1, type: 'inject', name: 'poll', author: { name: 'pollster' }, stance: 0, veracity: 'none', topic: 'poll' }] });
  p.named.set('pollster', 0);
  const a = p.world.agents;
  let humans = 0;
  let yesSide = 0;
  // The pollster is never shown its own post: the voters are the other humans.
  for (let i = 1; i < a.n; i++) {
    if (a.bot[i] !== 0) continue;
    a.opinion[i] = humans % 2 === 0 ? 0.5 : -0.5;
    humans++;
    if (a.opinion[i] > 0) yesSide++;
  }
  const poll = openPoll(p, { post: 'poll', humanTurnout, botTurnout, salt: 1234, ...(hours !== undefined ? { hours } : {}) });
  p.run();
  let bots = 0;
  for (let i = 0; i < a.n; i++) if (a.bot[i] !== 0) bots++;
  return { poll, humans, humansYesSide: yesSide, bots, pollsterIsHuman: a.bot[0] === 0 };
}

/** SD of (B + Hy)/(B + Hy + Hn) by the delta method, B ~ Bin(nb, tb), Hy ~ Bin(ny, th), Hn ~ Bin(nn, th). */
function shareSd(nb: number, tb: number, ny: number, nn: number, th: number): number {
  const mb = nb * tb;
  const my = ny * th;
  const mn = nn * th;
  const v = mb + my + mn;
  const dYes = mn / (v * v);
  const dNo = (mb + my) / (v * v);
  return Math.sqrt(dYes * dYes * (nb * tb * (1 - tb) + ny * th * (1 - th)) + dNo * dNo * nn * th * (1 - th));
}

describe('the closed form', () => {
  it('needs bots to cast 14 % of the votes for a true 1/2 to read as 57 %; with equal turnouts that is a 14 % bot share', () => {
    expect(botVoteShareFor(0.57)).toBeCloseTo(0.14, 15);
    expect(botShareForYesShare(0.57, 0.4, 0.4)).toBeCloseTo(0.14, 15);
    // t_h = 0.3, t_b = 1: b/(1 − b) = 0.3 · 0.07 / 0.43.
    const r = (0.3 * 0.07) / 0.43;
    expect(botShareForYesShare(0.57, 0.3, 1)).toBeCloseTo(r / (1 + r), 15);
    expect(expectedYesShare(0, 0.3, 1)).toBe(0.5);
    expect(expectedYesShare(1, 0.3, 1)).toBe(1);
    expect(botShareForYesShare(0.45, 0.3, 1)).toBe(0);
    expect(botShareForYesShare(0.6, 0.3, 0)).toBeNaN();
  });

  it('the bot share for a target, put back into the expected share, gives the target (and the bots\' vote share agrees)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.51, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        (p, th, tb, q) => {
          const b = botShareForYesShare(p, th, tb, q);
          expect(expectedYesShare(b, th, tb, q)).toBeCloseTo(p, 10);
          const v = (b * tb) / (b * tb + (1 - b) * th);
          expect(v).toBeCloseTo(botVoteShareFor(p, q), 10);
        },
      ),
      { seed: 18, numRuns: 200 },
    );
  });

  it('rises with the bot share and with the bots\' turnout', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.98, noNaN: true }), fc.double({ min: 0.001, max: 0.02, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), (b, db, th) => {
        expect(expectedYesShare(b + db, th, 0.7)).toBeGreaterThan(expectedYesShare(b, th, 0.7));
        expect(expectedYesShare(b + db, th, 0.9)).toBeGreaterThan(expectedYesShare(b + db, th, 0.7));
      }),
      { seed: 19, numRuns: 200 },
    );
  });

  it('refuses shares outside their range, naming the field', () => {
    expect(() => expectedYesShare(1.2, 0.5, 1)).toThrow(/poll: invalid `botShare` \(1\.2\): expected a share in \[0, 1\]/);
    expect(() => botShareForYesShare(1, 0.5, 1)).toThrow(/invalid `target` \(1\): expected a share in \(0, 1\)/);
  });
});

describe('the simulated poll against the closed form', () => {
  const cases: Array<[number, number, number]> = [
    [0, 0.4, 1],
    [0.1, 0.3, 1],
    [0.05, 0.5, 0.8],
    [0.2, 0.25, 0.5],
  ];
  it.each(cases)('bot share %f, human turnout %f, bot turnout %f', (b, th, tb) => {
    const n = 20_000;
    const s = starPoll(n, b, th, tb, `poll-${b}-${th}-${tb}`);
    expect(s.pollsterIsHuman).toBe(true);
    const t = s.poll.tally();
    // Everyone was asked: each human (but the pollster) shown the poll, each bot by script.
    expect(t.humansShown).toBe(s.humans);
    expect(t.botsAsked).toBe(s.bots);
    expect(Math.abs(s.humansYesSide * 2 - s.humans)).toBeLessThanOrEqual(1);
    const bRealised = s.bots / (s.bots + s.humans);
    const expected = expectedYesShare(bRealised, th, tb, s.humansYesSide / s.humans);
    const observed = t.yes / (t.yes + t.no);
    const sd = shareSd(s.bots, tb, s.humansYesSide, s.humans - s.humansYesSide, th);
    expect(Math.abs(observed - expected)).toBeLessThan(4.5 * sd);
    // Turnouts: binomial counts within 4.5 SD.
    const humanVotes = t.humanYes + t.humanNo;
    expect(Math.abs(humanVotes - s.humans * th)).toBeLessThan(4.5 * Math.sqrt(s.humans * th * (1 - th)));
    if (s.bots > 0 && tb < 1) expect(Math.abs(t.botYes - s.bots * tb)).toBeLessThan(4.5 * Math.sqrt(s.bots * tb * (1 - tb)));
    if (tb === 1) expect(t.botYes).toBe(s.bots);
    expect(t.botNo).toBe(0);
  });

  it('at the closed-form bot share for 57 %, a true 1/2 reads as 57 %', () => {
    const th = 0.3;
    const tb = 1;
    const b = botShareForYesShare(0.57, th, tb);
    const s = starPoll(20_000, b, th, tb, 'poll-57');
    const t = s.poll.tally();
    const bRealised = s.bots / (s.bots + s.humans);
    const sd = shareSd(s.bots, tb, s.humansYesSide, s.humans - s.humansYesSide, th);
    expect(Math.abs(t.yes / (t.yes + t.no) - expectedYesShare(bRealised, th, tb))).toBeLessThan(4.5 * sd);
    expect(Math.abs(t.yes / (t.yes + t.no) - 0.57)).toBeLessThan(4.5 * sd + Math.abs(expectedYesShare(bRealised, th, tb) - 0.57));
  });
});

describe('votes', () => {
  it('one per account: humans by the sign of their opinion, bots for their stance, muted accounts never', () => {
    const p = createPlatform({ ...QUIET, agents: 2000, botShare: 0.1, durationHours: 12, botStance: -0.8 }, { seed: 'votes', graph: star(2000), timeline: [{ at: 1, type: 'inject', name: 'poll', author: { name: 'pollster' }, stance: 0 }] });
    p.named.set('pollster', 0);
    const a = p.world.agents;
    for (let i = 1; i < 40; i++) a.muted[i] = 1;
    const poll = openPoll(p, { post: 'poll', humanTurnout: 0.6, botTurnout: 0.9, salt: 7 });
    // Every exposure of the poll to a human counts once: repeated sessions do not add votes.
    p.run();
    const t = poll.tally();
    let yes = 0;
    let no = 0;
    for (let i = 0; i < a.n; i++) {
      const v = poll.voteOf(i);
      if (i < 40 && i > 0) expect(v).toBeNull();
      if (v === null) continue;
      if (a.bot[i] !== 0) expect(v).toBe('no');
      else expect(v).toBe(a.opinion[i] > 0 ? 'yes' : 'no');
      if (v === 'yes') yes++;
      else no++;
    }
    expect([yes, no]).toEqual([t.yes, t.no]);
    expect(t.botYes).toBe(0);
    expect(p.world.agents.sessions.reduce((x, y) => x + y, 0)).toBeGreaterThan(3 * (t.yes + t.no));
  });

  it('the same accounts decide the same way under the same salt (paired arms), differently under another', () => {
    const run = (salt: number): Poll => {
      const p = createPlatform({ ...QUIET, agents: 1000, durationHours: 6 }, { seed: 'salt', graph: star(1000), timeline: [{ at: 1, type: 'inject', name: 'poll', author: { name: 'pollster' }, stance: 0 }] });
      p.named.set('pollster', 0);
      const poll = openPoll(p, { post: 'poll', humanTurnout: 0.5, botTurnout: 1, salt });
      p.run();
      return poll;
    };
    const a = run(1);
    const b = run(1);
    const c = run(2);
    const votes = (x: Poll): Array<string | null> => Array.from({ length: 1000 }, (_, i) => x.voteOf(i));
    expect(votes(a)).toEqual(votes(b));
    expect(votes(a)).not.toEqual(votes(c));
  });

  it('closes after `hours`: nobody shown it later votes, and no vote is cast before its post', () => {
    // Sessions at 0.25/h: most accounts are first shown the poll after it closes at hour 3.
    const p = createPlatform({ ...QUIET, agents: 2000, activityPerHour: 0.25, durationHours: 12 }, { seed: 'close', graph: star(2000), timeline: [{ at: 1, type: 'inject', name: 'poll', author: { name: 'pollster' }, stance: 0 }] });
    p.named.set('pollster', 0);
    const poll = openPoll(p, { post: 'poll', humanTurnout: 1, botTurnout: 1, hours: 2, salt: 3 });
    p.run(1);
    expect(poll.tally().yes + poll.tally().no).toBe(0);
    expect(poll.isOpen(p.now)).toBe(false);
    p.run(2);
    const atClose = poll.tally();
    expect(poll.isOpen(p.now)).toBe(false);
    p.run(9);
    expect(poll.tally()).toEqual(atClose);
    // Humans with a session in [1 h, 3 h): about 1 − e^(−0.5) ≈ 39 % of them.
    expect(atClose.humansShown / 2000).toBeGreaterThan(0.3);
    expect(atClose.humansShown / 2000).toBeLessThan(0.48);
  });

  it('bots from their feeds: only bots shown the poll vote; by script every bot is asked, sessions or not', () => {
    const make = (botsVote: 'by-script' | 'from-feed', botActivityPerHour: number): { poll: Poll; bots: number } => {
      const p = createPlatform({ ...QUIET, agents: 4000, botShare: 0.1, botActivityPerHour, durationHours: 20 }, { seed: 'from-feed', graph: star(4000), timeline: [{ at: 1, type: 'inject', name: 'poll', author: { name: 'pollster' }, stance: 0 }] });
      p.named.set('pollster', 0);
      const poll = openPoll(p, { post: 'poll', humanTurnout: 0.4, botTurnout: 0.6, botsVote, salt: 5 });
      p.run();
      let bots = 0;
      for (let i = 0; i < p.world.agents.n; i++) if (p.world.agents.bot[i] !== 0) bots++;
      return { poll, bots };
    };
    // Bots with sessions (2 an hour for 19 hours) are all shown the poll on the star: from feeds or by script, the same accounts are asked.
    const feed = make('from-feed', 2);
    const script = make('by-script', 2);
    expect(feed.poll.tally().botsAsked).toBe(feed.bots);
    expect(script.poll.tally().botsAsked).toBe(script.bots);
    expect(feed.poll.tally().botYes).toBe(script.poll.tally().botYes);
    expect(Math.abs(feed.poll.tally().botYes - 0.6 * feed.bots)).toBeLessThan(4.5 * Math.sqrt(feed.bots * 0.6 * 0.4));
    // Bots without sessions never see a feed: none votes from it, every one is asked by script.
    expect(make('from-feed', 0).poll.tally().botsAsked).toBe(0);
    expect(make('by-script', 0).poll.tally().botsAsked).toBe(feed.bots);
  });

  it('refuses bad options, naming the field', () => {
    const base: PollOptions = { post: 'poll', humanTurnout: 0.5, botTurnout: 1, salt: 1 };
    expect(() => new Poll({ ...base, humanTurnout: 1.5 })).toThrow(ParamError);
    expect(() => new Poll({ ...base, humanTurnout: 1.5 })).toThrow(/poll: invalid `humanTurnout` \(1\.5\): expected a probability in \[0, 1\]/);
    expect(() => new Poll({ ...base, hours: 0 })).toThrow(/invalid `hours` \(0\)/);
    expect(() => new Poll({ ...base, post: '' })).toThrow(/invalid `post`/);
    expect(() => new Poll({ ...base, salt: 0.5 })).toThrow(/invalid `salt`/);
    expect(() => new Poll({ ...base, botsVote: 'by-mail' as never })).toThrow(/invalid `botsVote` \("by-mail"\): expected "by-script" or "from-feed"/);
  });
});
