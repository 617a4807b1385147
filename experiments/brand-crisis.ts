/**
 * Brand crisis from a weak signal.
 *
 * Question: an ordinary account asks a pointed question about a brand; the
 * question spreads and is asked again every 6 hours by more and more
 * ordinary accounts (one more each day) until the brand answers. How long from the first signal until a burst
 * alert fires, on the full stream and on a 1 % sample, and until the volume
 * peaks? And what does answering after 1 day instead of 8 days change, in
 * mentions and in the brand's followers?
 *
 * The opinion axis is the attitude to the brand (−1 hostile, +1 fan). The
 * brand is the most-followed account; before the run its voice is set to
 * +0.5, its posting rate to a session an hour, and its followers to the fan
 * side (|opinion|), the same in every arm. The question (stance −0.1, within
 * the 0.6 tolerance of most fans) is about the brand: a follower of the
 * brand who agrees with it unfollows the brand with probability
 * `backlashProbability` (the platform's backlash rule), and it pulls the
 * readers it reaches away from the brand (bounded confidence), so that more
 * of them agree with the next question. The answer is a counter-post by the brand
 * (stance +0.8, a true claim); the assumption is that once it is out, nobody
 * new asks. Follower loss is the brand's follower count at the start minus at
 * the end; the `no-crisis` arm gives the baseline churn.
 */
import { bounded, COUNT, PROPORTION } from '../src/report/outcome-kind.js';
import { defineScenario, hourlyVolume } from '../src/sim/platform/scenario.js';
import type { TimelineEvent } from '../src/sim/platform/timeline.js';

const SIGNAL_HOUR = 6;
const ASK_EVERY_HOURS = 6;
const END_HOUR = SIGNAL_HOUR + 24 * 11;
const BRAND = { pick: 'most-followed' } as const;
const ORDINARY = { minFollowers: 10, maxFollowers: 50 } as const;
/** A mildly critical question: close enough to lukewarm fans to move them (bounded confidence). */
const QUESTION_STANCE = -0.1;
const BRAND_VOICE = 0.5;

/**
 * The question at the signal hour, then asked again every 6 hours by more
 * and more ordinary accounts (one more each day) until the answer: a weak
 * signal that grows.
 */
function questionsUntil(answerHour: number): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (let h = SIGNAL_HOUR, k = 0, n = 0; h < answerHour; h += ASK_EVERY_HOURS, k++) {
    const askers = 1 + Math.floor((h - SIGNAL_HOUR) / 24);
    for (let j = 0; j < askers; j++, n++) {
      out.push({ at: h, type: 'inject', name: `question-${n}`, author: ORDINARY, stance: QUESTION_STANCE, veracity: 'none', topic: 'brand', appeal: 3, target: BRAND });
    }
  }
  return out;
}

function answerAt(hour: number): TimelineEvent[] {
  return [...questionsUntil(hour), { at: hour, type: 'inject', name: 'answer', author: BRAND, stance: 0.8, veracity: 'true', topic: 'brand', appeal: 1, target: BRAND }];
}

interface Brand {
  readonly account: number;
  readonly followersBefore: number;
}

export default defineScenario<Brand>({
  id: 'brand-crisis',
  title: 'Brand crisis from a weak signal: answer after 1 day or 8 days',
  question:
    'A question about a brand, posted by an ordinary account and asked again every 6 hours by more and more ordinary accounts until the brand answers: how long until a burst alert fires (full stream, 1 % sample) and until the volume peaks, and what does answering after 1 day instead of 8 change in mentions and in the brand\'s followers?',
  lookFor:
    'waiting 8 days lets the signal grow (one more asker a day) until the full-stream alert fires, days after the first signal, with the peak before the answer; answering after 1 day keeps the volume too low for any alert and cuts mentions by an order of magnitude; the 1 % sample of a platform this small never sees enough posts to fire (censored at the end of the run). Follower loss: fans who agree with a question about the brand may leave it (backlash), so waiting 8 days costs tens of followers where answering after 1 day costs a handful, against none without a crisis.',
  params: {
    agents: 3000,
    durationHours: END_HOUR,
    network: 'preferential-attachment',
    followsPerAccount: 20,
    initialOpinions: 'uniform',
    tolerance: 0.6,
    opinionRule: 'bounded-confidence',
    influence: 0.1,
    unfollowProbability: 0.05,
    // A crisis is when agreeing with criticism makes people leave.
    backlashProbability: 0.5,
  },
  quick: { agents: 800 },
  topics: ['brand'],
  arms: {
    'no-crisis': { description: 'Nobody asks: the baseline churn of the brand\'s followers.' },
    'answer-1d': { description: 'The brand answers 1 day after the first signal.', timeline: answerAt(SIGNAL_HOUR + 24) },
    'answer-8d': { description: 'The brand answers 8 days after the first signal.', timeline: answerAt(SIGNAL_HOUR + 24 * 8) },
  },
  prepare(platform) {
    const w = platform.world;
    let account = 0;
    for (let i = 1; i < w.agents.n; i++) {
      const better = w.graph.inDegree(i) > w.graph.inDegree(account);
      if (w.agents.bot[i] === 0 && (better || w.agents.bot[account] !== 0)) account = i;
    }
    w.agents.opinion[account] = BRAND_VOICE;
    w.agents.activity[account] = 1;
    // People who follow a brand like it: its followers start on the fan side.
    const a = w.agents;
    for (const f of w.graph.followers(account)) if (a.bot[f] === 0) a.opinion[f] = Math.abs(a.opinion[f]);
    return { account, followersBefore: w.graph.inDegree(account) };
  },
  // Over time (series.csv and the report's key charts): the hourly volume, whether each alert has fired yet, and the brand's followers.
  series(platform, brand) {
    const topic = platform.world.topics.indexOf('brand');
    const volume = hourlyVolume(platform, 'brand');
    return {
      'brand.volume': volume.length === 0 ? 0 : volume[volume.length - 1],
      'alert.full.on': Number.isNaN(platform.observer.alertTime(topic, 'full')) ? 0 : 1,
      'alert.sample.on': Number.isNaN(platform.observer.alertTime(topic, 'sample')) ? 0 : 1,
      'brand.followers': platform.graph.inDegree(brand.account),
    };
  },
  seriesHelp: {
    'brand.volume': 'Brand mentions during the hour before this time.',
    'alert.full.on': '1 once the full-stream burst alert has fired, else 0 (the mean over replicates: the share of runs alerted by then).',
    'alert.sample.on': '1 once the 1 % sample alert has fired, else 0.',
    'brand.followers': 'The brand account\'s followers at this time.',
  },
  outcomes(platform, brand) {
    const obs = platform.observer;
    const topic = platform.world.topics.indexOf('brand');
    const end = platform.now / 60;
    const since = (minutes: number): number => (Number.isNaN(minutes) ? end - SIGNAL_HOUR : minutes / 60 - SIGNAL_HOUR);
    const full = obs.alertTime(topic, 'full');
    const sample = obs.alertTime(topic, 'sample');
    const volume = hourlyVolume(platform, 'brand');
    const peak = volume.indexOf(Math.max(...volume));
    const answer = platform.events.find((e) => e.type === 'inject' && e.detail.includes('"answer"'));
    const after = platform.graph.inDegree(brand.account);
    let hostile = 0;
    let humans = 0;
    for (let i = 0; i < platform.world.agents.n; i++) {
      if (platform.world.agents.bot[i] !== 0) continue;
      humans++;
      if (platform.world.agents.opinion[i] < 0) hostile++;
    }
    return {
      'alert.full.hours': since(full),
      'alert.full.fired': Number.isNaN(full) ? 0 : 1,
      'alert.sample.hours': since(sample),
      'alert.sample.fired': Number.isNaN(sample) ? 0 : 1,
      'peak.hours': volume[peak] > 0 ? peak + 1 - SIGNAL_HOUR : 0,
      'peak.volume': volume[peak] ?? 0,
      mentions: volume.reduce((a, b) => a + b, 0),
      'followers.before': brand.followersBefore,
      'followers.after': after,
      'follower-loss': brand.followersBefore - after,
      'answer-by-brand': answer !== undefined && answer.accounts[0] === brand.account ? 1 : 0,
      'hostile-share': humans > 0 ? hostile / humans : 0,
    };
  },
  outcomeHelp: {
    'alert.full.hours': 'Hours from the first signal to the burst alert on the full stream (the rest of the run if it never fired).',
    'alert.full.fired': '1 if the full-stream alert fired, else 0.',
    'alert.sample.hours': 'Hours from the first signal to the alert on the 1 % sample (the rest of the run if it never fired).',
    'alert.sample.fired': '1 if the 1 % sample alert fired, else 0.',
    'peak.hours': 'Hours from the first signal to the end of the hour with the most brand mentions (0 if none).',
    'peak.volume': 'Brand mentions in that hour.',
    mentions: 'Brand mentions (questions, answer, reshares, replies) over the run.',
    'followers.before': 'The brand account\'s followers at the start.',
    'followers.after': 'Its followers at the end.',
    'follower-loss': 'Followers at the start minus at the end (unfollows net of new follows).',
    'answer-by-brand': '1 if the answer was posted by the brand account (the most-followed account at answer time), else 0.',
    'hostile-share': 'Share of humans with an opinion of the brand below 0 at the end.',
  },
  keyOutcomes: ['brand.volume', 'alert.full.on', 'brand.followers', 'alert.full.hours', 'alert.sample.hours', 'follower-loss'],
  outcomeKinds: {
    'brand.volume': COUNT,
    'alert.full.on': PROPORTION,
    'alert.sample.on': PROPORTION,
    'brand.followers': COUNT,
    // Hours from the first signal: never negative, the rest of the run when censored.
    'alert.full.hours': bounded(0, Infinity),
    'alert.sample.hours': bounded(0, Infinity),
    'peak.hours': bounded(0, Infinity),
    'alert.full.fired': PROPORTION,
    'alert.sample.fired': PROPORTION,
    'peak.volume': COUNT,
    mentions: COUNT,
    'followers.before': COUNT,
    'followers.after': COUNT,
    'answer-by-brand': PROPORTION,
    'hostile-share': bounded(0, 1),
  },
});
