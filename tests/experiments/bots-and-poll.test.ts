/**
 * bots-and-poll: the poll's outcomes agree with the votes recorded account
 * by account; every run reads what the closed form predicts from its own
 * bot share, turnouts and true share, within the sampling error of its
 * human votes; and over paired seeds the poll rises with the bot share, and
 * the bot share at which it crosses 57 % by interpolation between the arms
 * agrees with the closed form at the measured turnouts (`bots-for-57`).
 */
import { describe, expect, it } from 'vitest';
import botsAndPoll, { CASE_YES_SHARE } from '../../experiments/bots-and-poll.js';
import { wilsonInterval } from '../../src/report/outcome-interval.js';
import { firstCrossing } from '../../src/report/report-charts.js';
import { botShareForYesShare, expectedYesShare, Poll } from '../../src/sim/platform/poll.js';
import { armNames, buildScenario, runPaired } from '../../src/sim/platform/scenario.js';

const ARMS = ['no-bots', 'bots-5', 'bots-9', 'bots-12', 'bots-15', 'bots-20'];
const SHARES = [0, 0.05, 0.09, 0.12, 0.15, 0.2];
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('bots-and-poll', () => {
  it('has the case\'s bot shares as arms (0, 5, 9, 12, 15, 20 %)', () => {
    expect(armNames(botsAndPoll)).toEqual(ARMS);
    ARMS.forEach((a, k) => expect(botsAndPoll.arms?.[a]?.params?.botShare).toBe(SHARES[k]));
  });

  it('its outcomes agree with the votes account by account: one per account, humans by opinion, bots yes', () => {
    const build = buildScenario(botsAndPoll, { seed: 'votes', arm: 'bots-12', quick: true });
    expect(build.probe).toBeInstanceOf(Poll);
    const poll = build.probe as Poll;
    const o = build.finish().outcomes;
    const a = build.platform.world.agents;
    let humanYes = 0;
    let humanNo = 0;
    let botYes = 0;
    let humans = 0;
    let bots = 0;
    for (let i = 0; i < a.n; i++) {
      const v = poll.voteOf(i);
      if (a.bot[i] !== 0) {
        bots++;
        expect(v === null || v === 'yes').toBe(true);
        if (v === 'yes') botYes++;
      } else {
        humans++;
        if (v !== null) expect(v).toBe(a.opinion[i] > 0 ? 'yes' : 'no');
        if (v === 'yes') humanYes++;
        if (v === 'no') humanNo++;
      }
    }
    const votes = humanYes + humanNo + botYes;
    expect(votes).toBeGreaterThan(100);
    expect(o.votes).toBe(votes);
    expect(o['votes.bots']).toBe(botYes);
    expect(o['votes.humans']).toBe(humanYes + humanNo);
    expect(o['poll.yes']).toBe((humanYes + botYes) / votes);
    expect(o['human-vote-yes']).toBe(humanYes / (humanYes + humanNo));
    expect(o['bot-vote-share']).toBe(botYes / votes);
    expect(o['turnout.humans']).toBe((humanYes + humanNo) / humans);
    expect(o['turnout.bots']).toBe(botYes / bots);
    const w = wilsonInterval(humanYes + botYes, votes);
    expect([o['poll.wilson-low'], o['poll.wilson-high']]).toEqual([w.lower, w.upper]);
    expect(o['poll.wilson-low']).toBeLessThan(o['poll.yes']);
    expect(o['poll.wilson-high']).toBeGreaterThan(o['poll.yes']);
    // The bot share it reports reads 57 % at its turnouts.
    expect(expectedYesShare(o['bots-for-57'], o['turnout.humans'], o['turnout.bots'])).toBeCloseTo(CASE_YES_SHARE, 12);
  });

  it('each run reads what the closed form predicts from its bot share, turnouts and true share, within the sampling error of its human votes', () => {
    for (let k = 0; k < 3; k++) {
      const runs = runPaired(botsAndPoll, `closed-${k}`, ARMS, { quick: true });
      for (const arm of ARMS) {
        const o = runs[arm].outcomes;
        // Given who voted, the humans' yes votes are binomial around the true share q: the poll's share moves by (1 − v)·(q̂ − q).
        const q = o['true-yes'];
        const sd = (1 - o['bot-vote-share']) * Math.sqrt((q * (1 - q)) / o['votes.humans']);
        expect(Math.abs(o['poll.yes'] - o['poll.closed-form']), `${arm} seed ${k}`).toBeLessThan(4.5 * sd);
      }
    }
  });

  it('over 8 paired seeds the poll rises with the bot share from the truth, and crosses 57 % where the closed form says', () => {
    const runs = Array.from({ length: 8 }, (_, k) => runPaired(botsAndPoll, `dir-${k}`, ARMS, { quick: true }));
    const byArm = ARMS.map((arm) => runs.map((r) => r[arm].outcomes));
    const polls = byArm.map((os) => mean(os.map((o) => o['poll.yes'])));
    // Measured (seeds dir-0..7, 2,000 accounts): 0.52, 0.54, 0.57, 0.59, 0.60, 0.64.
    expect(Math.abs(polls[0] - 0.5)).toBeLessThan(0.04);
    expect(polls[5] - polls[0]).toBeGreaterThan(0.08);
    for (let k = 0; k + 2 < polls.length; k++) expect(polls[k + 2]).toBeGreaterThan(polls[k]);
    for (const os of byArm) for (const o of os) expect(Math.abs(o['true-yes'] - 0.5)).toBeLessThan(0.05);
    // The mean poll interpolated between arms, against the closed form at each run's measured turnouts.
    const crossing = firstCrossing(SHARES, polls, CASE_YES_SHARE);
    expect(crossing).not.toBeNull();
    const closed = byArm.slice(1).flatMap((os) => os.map((o) => o['bots-for-57']));
    // Measured: interpolation 0.093, closed form 0.112 (runs of a few hundred votes: the poll's SD is about 0.03 a run).
    expect(Math.abs(crossing! - mean(closed))).toBeLessThan(0.04);
    expect(mean(closed)).toBeGreaterThan(0.06);
    expect(mean(closed)).toBeLessThan(0.16);
    // With equal turnouts the closed form gives 14 %, the no-bots arm's value.
    for (const o of byArm[0]) expect(o['bots-for-57']).toBeCloseTo(botShareForYesShare(0.57, 0.3, 0.3), 12);
  });
});
