/**
 * Brand crisis from a weak signal.
 *
 * Question: an ordinary account asks a pointed question about a brand; the
 * question spreads and is asked again every 6 hours by more and more
 * ordinary accounts (one more each day) until the brand reacts. How long
 * from the first signal until a burst alert fires, on the full stream and
 * on a 1 % sample, and how does that compare with the reaction? What does
 * reacting after 1 day instead of 8 change, in mentions and in the brand's
 * followers lost per day?
 *
 * The case (Balenciaga, November 2022; ../shared/docs/VISION.md): one
 * user's question about a campaign became a crisis within 24 hours; the
 * brand reacted 8 days after the first signal, its creative director
 * apologised after 12 days, and the brand's account lost 55.2K followers in
 * one day.
 *
 * Scaling: times are kept as they are (days after the first signal, which
 * comes at hour 6). Counts are not: 55.2K followers are scaled as a share
 * of the brand's followers. The articles give no follower count with the
 * figure; the brand had closed its Twitter account (about 1 million
 * followers) on 14 November 2022, before the crisis, and its Instagram
 * account had about 14 million followers in October 2022, so the loss is
 * taken as 55.2K / 14M ≈ 0.39 % of the brand's followers in a day
 * (`CASE_DAILY_LOSS_SHARE`). Here the brand is the most-followed of 3,000
 * accounts, followed by about a quarter of them (≈ 760; 0.39 % of that is
 * about 3 followers a day), where Balenciaga's 14M were well under 1 % of
 * Instagram's users: a crisis reaches a much larger share of the brand's
 * followers here. The outcome `loss.worst-day.vs-case` is the simulated
 * largest one-day loss over that scaled figure.
 *
 * The opinion axis is the attitude to the brand (−1 hostile, +1 fan). The
 * brand is an account named once at setup (the scenario's `accounts`): the
 * most-followed human then; every event by or about the brand goes to that
 * account, even if another account overtakes it during the run. Before the
 * run its voice is set to +0.5, its posting rate to a session an hour, and
 * its followers to the fan side (|opinion|), the same in every arm. The
 * creative director is a second named account (a random human with 50 or
 * more followers, not the brand), also at +0.5. The question (stance −0.1,
 * within the 0.6 tolerance of most fans) is about the brand: a follower of
 * the brand who agrees with it unfollows the brand with probability
 * `backlashProbability` (the platform's backlash rule), and it pulls the
 * readers it reaches away from the brand (bounded confidence), so that more
 * of them agree with the next question. The reaction is a statement by the
 * brand (stance +0.8, a true claim); the assumption is that once it is out,
 * nobody new asks. The apology comes 4 days after the reaction, as in the
 * case (day 8 → day 12): a post by the director (stance +0.8, about the
 * brand) that the brand reshares the same hour. Followers lost in a day are
 * the brand's followers at the start of the day minus at its end (net of
 * new follows), day k being the 24 hours that end k days after the first
 * signal; the `no-crisis` arm gives the baseline churn.
 */
import { bounded, CONTINUOUS, COUNT, PROPORTION } from '../src/report/outcome-kind.js';
import type { Platform } from '../src/sim/platform/platform.js';
import { defineScenario, hourlyVolume } from '../src/sim/platform/scenario.js';
import type { TimelineEvent } from '../src/sim/platform/timeline.js';

const SIGNAL_HOUR = 6;
const ASK_EVERY_HOURS = 6;
/** The case: the brand reacted 8 days after the first signal, the apology came 4 days later (day 12). */
const CASE_REACTION_DAY = 8;
const APOLOGY_AFTER_DAYS = 4;
const DAYS = 14;
const END_HOUR = SIGNAL_HOUR + 24 * DAYS;
/** 55.2K followers lost in one day, out of about 14 million (see the header). */
export const CASE_DAILY_LOSS = 55_200;
export const CASE_FOLLOWERS = 14_000_000;
export const CASE_DAILY_LOSS_SHARE = CASE_DAILY_LOSS / CASE_FOLLOWERS;
const BRAND = { name: 'brand' } as const;
const DIRECTOR = { name: 'director' } as const;
const ORDINARY = { minFollowers: 10, maxFollowers: 50 } as const;
/** A mildly critical question: close enough to lukewarm fans to move them (bounded confidence). */
const QUESTION_STANCE = -0.1;
const BRAND_VOICE = 0.5;

/**
 * The question at the signal hour, then asked again every 6 hours by more
 * and more ordinary accounts (one more each day) until the reaction: a weak
 * signal that grows.
 */
function questionsUntil(reactionHour: number): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (let h = SIGNAL_HOUR, n = 0; h < reactionHour; h += ASK_EVERY_HOURS) {
    const askers = 1 + Math.floor((h - SIGNAL_HOUR) / 24);
    for (let j = 0; j < askers; j++, n++) {
      out.push({ at: h, type: 'inject', name: `question-${n}`, author: ORDINARY, stance: QUESTION_STANCE, veracity: 'none', topic: 'brand', appeal: 3, target: BRAND });
    }
  }
  return out;
}

/** The hour of the reaction in an arm that reacts `day` days after the first signal. */
export function reactionHour(day: number): number {
  return SIGNAL_HOUR + 24 * day;
}

/** Questions until the brand's statement `day` days after the first signal, then the director's apology 4 days later, reshared by the brand. */
function crisis(day: number): TimelineEvent[] {
  const reaction = reactionHour(day);
  const apology = reaction + 24 * APOLOGY_AFTER_DAYS;
  return [
    ...questionsUntil(reaction),
    { at: reaction, type: 'inject', name: 'answer', author: BRAND, stance: 0.8, veracity: 'true', topic: 'brand', appeal: 1, target: BRAND },
    { at: apology, type: 'inject', name: 'apology', author: DIRECTOR, stance: 0.8, veracity: 'true', topic: 'brand', appeal: 1, target: BRAND },
    { at: apology, type: 'reshare', post: 'apology', accounts: BRAND },
  ];
}

/** The brand and director (named at setup) and the brand's followers at the end of every tick. */
export interface BrandProbe {
  readonly account: number;
  readonly director: number;
  readonly followersBefore: number;
  /** Minutes at the end of each tick (0 first: before the run). */
  readonly times: number[];
  /** The brand's followers then. */
  readonly followers: number[];
}

/** The brand's followers at `hour`: as recorded at the last tick ending at or before it. */
export function followersAt(probe: BrandProbe, hour: number): number {
  const t = hour * 60 + 1e-9;
  let k = 0;
  while (k + 1 < probe.times.length && probe.times[k + 1] <= t) k++;
  return probe.followers[k];
}

/** Followers lost (net) in each day after the first signal: day k (index k − 1) is the 24 h ending k days after it. Days not fully run are left out. */
export function dailyLosses(probe: BrandProbe, endHour: number): number[] {
  const out: number[] = [];
  for (let k = 1; SIGNAL_HOUR + 24 * k <= endHour + 1e-9; k++) out.push(followersAt(probe, SIGNAL_HOUR + 24 * (k - 1)) - followersAt(probe, SIGNAL_HOUR + 24 * k));
  return out;
}

function postedBy(platform: Platform, name: string): number {
  const e = platform.events.find((x) => x.type === 'inject' && x.detail.startsWith(`post "${name}"`));
  return e === undefined ? -1 : e.accounts[0];
}

export default defineScenario<BrandProbe>({
  id: 'brand-crisis',
  title: 'Brand crisis from a weak signal: react after 1 day or 8 days',
  question:
    'In the Balenciaga case (November 2022) a question about a campaign became a crisis within 24 hours, the brand reacted 8 days after the first signal, its creative director apologised after 12 days, and the brand lost 55.2K followers in one day (taken here as 0.39 % of its followers, 55.2K of about 14 million, scaled to the simulated brand\'s followers). Here a question about a brand, posted by an ordinary account and asked again every 6 hours by more and more ordinary accounts until the brand reacts, is followed by an apology 4 days after the reaction: how long until a burst alert fires (full stream, 1 % sample) compared with the reaction, how many followers does the brand lose on its worst day compared with the scaled 55.2K, and what does reacting after 1 day instead of 8 change?',
  lookFor:
    'reacting after 8 days, as in the case: the full-stream alert fires before the reaction in most runs (8 of 10 at the default size, 41 to 161 hours ahead; `alert.full.minus-reaction` about −70 h on average), never on the 1 % sample (a platform this small gives the sample too few posts); the worst day for followers comes before the reaction (day 6 on average) and costs about 22 followers, about 8 times the case\'s 55.2K scaled to the brand (0.39 % of its ≈ 730 followers, ≈ 3 a day: `loss.worst-day.vs-case`), bimodal across runs (29 to 38 when the questions reach the brand\'s followers, 5 to 10 when they do not), and about 90 over the run. Reacting after 1 day: the worst day is day 1 with 0 to 5 followers (≈ 0.8 times the scaled case figure), 3 over the run against about 1 without a crisis, and any alert comes after the reaction (the statement and the apology are bursts of mentions themselves).',
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
  // Fixed once, before the run: the brand stays this account whoever leads later.
  accounts: { brand: { pick: 'most-followed' }, director: { minFollowers: 50 } },
  arms: {
    'no-crisis': { description: 'Nobody asks: the baseline churn of the brand\'s followers.' },
    'answer-1d': { description: 'The brand reacts 1 day after the first signal; the apology follows 4 days later (day 5).', timeline: crisis(1) },
    'answer-8d': { description: 'The brand reacts 8 days after the first signal, as in the case; the apology follows on day 12.', timeline: crisis(CASE_REACTION_DAY) },
  },
  prepare(platform) {
    const w = platform.world;
    const account = platform.named.get('brand') as number;
    const director = platform.named.get('director') as number;
    w.agents.opinion[account] = BRAND_VOICE;
    w.agents.activity[account] = 1;
    w.agents.opinion[director] = BRAND_VOICE;
    // People who follow a brand like it: its followers start on the fan side.
    const a = w.agents;
    for (const f of w.graph.followers(account)) if (a.bot[f] === 0) a.opinion[f] = Math.abs(a.opinion[f]);
    const followersBefore = w.graph.inDegree(account);
    const probe: BrandProbe = { account, director, followersBefore, times: [0], followers: [followersBefore] };
    const previous = platform.hooks.onTick;
    platform.hooks = {
      ...platform.hooks,
      onTick: (time) => {
        probe.times.push(time);
        probe.followers.push(platform.graph.inDegree(account));
        previous?.(time);
      },
    };
    return probe;
  },
  // Over time (series.csv and the report's key charts): the hourly volume, whether each alert has fired yet, the brand's followers and those lost in the last 24 hours.
  series(platform, brand) {
    const topic = platform.world.topics.indexOf('brand');
    const volume = hourlyVolume(platform, 'brand');
    const hour = platform.now / 60;
    return {
      'brand.volume': volume.length === 0 ? 0 : volume[volume.length - 1],
      'alert.full.on': Number.isNaN(platform.observer.alertTime(topic, 'full')) ? 0 : 1,
      'alert.sample.on': Number.isNaN(platform.observer.alertTime(topic, 'sample')) ? 0 : 1,
      'brand.followers': platform.graph.inDegree(brand.account),
      'brand.followers.lost-24h': followersAt(brand, Math.max(0, hour - 24)) - platform.graph.inDegree(brand.account),
    };
  },
  seriesHelp: {
    'brand.volume': 'Brand mentions during the hour before this time.',
    'alert.full.on': '1 once the full-stream burst alert has fired, else 0 (the mean over replicates: the share of runs alerted by then).',
    'alert.sample.on': '1 once the 1 % sample alert has fired, else 0.',
    'brand.followers': 'The brand account\'s followers at this time.',
    'brand.followers.lost-24h': 'Followers the brand lost (net) in the 24 hours before this time (since the start during the first day).',
  },
  outcomes(platform, brand) {
    const obs = platform.observer;
    const topic = platform.world.topics.indexOf('brand');
    const end = platform.now / 60;
    const hourOf = (minutes: number): number => (Number.isNaN(minutes) ? end : minutes / 60);
    const full = obs.alertTime(topic, 'full');
    const sample = obs.alertTime(topic, 'sample');
    const volume = hourlyVolume(platform, 'brand');
    const peak = volume.indexOf(Math.max(...volume));
    // The statement's hour as applied (the start of its tick); without a crisis, the case's day 8 (the alert then never fires).
    const statement = platform.events.find((x) => x.type === 'inject' && x.detail.startsWith('post "answer"'));
    const reaction = statement === undefined ? reactionHour(CASE_REACTION_DAY) : statement.at / 60;
    const after = platform.graph.inDegree(brand.account);
    const losses = dailyLosses(brand, end);
    // A run shorter than a day after the signal has no full day: 0, day 0.
    const worst = losses.length > 0 ? Math.max(...losses) : 0;
    const scaled = CASE_DAILY_LOSS_SHARE * brand.followersBefore;
    let hostile = 0;
    let humans = 0;
    for (let i = 0; i < platform.world.agents.n; i++) {
      if (platform.world.agents.bot[i] !== 0) continue;
      humans++;
      if (platform.world.agents.opinion[i] < 0) hostile++;
    }
    return {
      'alert.full.hours': hourOf(full) - SIGNAL_HOUR,
      'alert.full.fired': Number.isNaN(full) ? 0 : 1,
      'alert.sample.hours': hourOf(sample) - SIGNAL_HOUR,
      'alert.sample.fired': Number.isNaN(sample) ? 0 : 1,
      'alert.full.minus-reaction': hourOf(full) - reaction,
      'alert.sample.minus-reaction': hourOf(sample) - reaction,
      'peak.hours': volume[peak] > 0 ? peak + 1 - SIGNAL_HOUR : 0,
      'peak.volume': volume[peak] ?? 0,
      mentions: volume.reduce((a, b) => a + b, 0),
      'followers.before': brand.followersBefore,
      'followers.after': after,
      'follower-loss': brand.followersBefore - after,
      'loss.worst-day': worst,
      'loss.worst-day.day': losses.length > 0 ? losses.indexOf(worst) + 1 : 0,
      'loss.worst-day.share': brand.followersBefore > 0 ? worst / brand.followersBefore : 0,
      'loss.case-scaled': scaled,
      'loss.worst-day.vs-case': scaled > 0 ? worst / scaled : NaN,
      'answer-by-brand': postedBy(platform, 'answer') === brand.account ? 1 : 0,
      'apology-by-director': postedBy(platform, 'apology') === brand.director ? 1 : 0,
      'hostile-share': humans > 0 ? hostile / humans : 0,
    };
  },
  outcomeHelp: {
    'alert.full.hours': 'Hours from the first signal to the burst alert on the full stream (the rest of the run if it never fired).',
    'alert.full.fired': '1 if the full-stream alert fired, else 0.',
    'alert.sample.hours': 'Hours from the first signal to the alert on the 1 % sample (the rest of the run if it never fired).',
    'alert.sample.fired': '1 if the 1 % sample alert fired, else 0.',
    'alert.full.minus-reaction': 'Hour of the full-stream alert minus hour of the brand\'s reaction: negative when the alert came first (hours of warning); the end of the run stands for an alert that never fired; without a crisis, the reaction hour is the case\'s day 8.',
    'alert.sample.minus-reaction': 'The same on the 1 % sample.',
    'peak.hours': 'Hours from the first signal to the end of the hour with the most brand mentions (0 if none).',
    'peak.volume': 'Brand mentions in that hour.',
    mentions: 'Brand mentions (questions, statement, apology, reshares, replies) over the run.',
    'followers.before': 'The brand account\'s followers at the start.',
    'followers.after': 'Its followers at the end.',
    'follower-loss': 'Followers at the start minus at the end (unfollows net of new follows).',
    'loss.worst-day': 'The largest number of followers lost (net) in one day, day k being the 24 hours ending k days after the first signal.',
    'loss.worst-day.day': 'The day of that loss (k: the 24 hours ending k days after the first signal; the first such day on ties).',
    'loss.worst-day.share': 'That loss as a share of the brand\'s followers at the start.',
    'loss.case-scaled': 'The case\'s 55.2K followers lost in a day, scaled to this brand: 0.39 % (55.2K of about 14 million) of its followers at the start.',
    'loss.worst-day.vs-case': 'The largest one-day loss over the scaled case figure (1: as in the case).',
    'answer-by-brand': '1 if the statement was posted by the brand, the account named at setup, else 0 (0 without a crisis).',
    'apology-by-director': '1 if the apology was posted by the director\'s account named at setup, else 0 (0 without a crisis).',
    'hostile-share': 'Share of humans with an opinion of the brand below 0 at the end.',
  },
  keyOutcomes: ['brand.volume', 'alert.full.on', 'brand.followers.lost-24h', 'alert.full.minus-reaction', 'alert.sample.minus-reaction', 'loss.worst-day', 'loss.worst-day.day', 'loss.worst-day.vs-case', 'follower-loss'],
  // Attitude to the brand over time; the network's structure is not the question (and Louvain at every run's end costs more than the run).
  figures: [
    'Balenciaga, November 2022: one user\'s question became a crisis within 24 hours; times are kept as they are (days after the first signal).',
    'The brand reacted 8 days after the first signal (arm answer-8d; answer-1d reacts after 1 day); its creative director apologised after 12 days (here 4 days after the reaction).',
    'The brand\'s account lost 55.2K followers in one day: taken as 55.2K of about 14 million Instagram followers, 0.39 % of the brand\'s followers a day (about 3 of the simulated brand\'s followers); loss.worst-day.vs-case compares the simulated worst day with it.',
  ],
  metrics: ['opinion.mean'],
  finalMetrics: [],
  outcomeKinds: {
    'brand.volume': COUNT,
    'alert.full.on': PROPORTION,
    'alert.sample.on': PROPORTION,
    'brand.followers': COUNT,
    'brand.followers.lost-24h': CONTINUOUS,
    // Hours from the first signal: never negative, the rest of the run when censored.
    'alert.full.hours': bounded(0, Infinity),
    'alert.sample.hours': bounded(0, Infinity),
    'alert.full.minus-reaction': CONTINUOUS,
    'alert.sample.minus-reaction': CONTINUOUS,
    'peak.hours': bounded(0, Infinity),
    'alert.full.fired': PROPORTION,
    'alert.sample.fired': PROPORTION,
    'peak.volume': COUNT,
    mentions: COUNT,
    'followers.before': COUNT,
    'followers.after': COUNT,
    'loss.worst-day': CONTINUOUS,
    'loss.worst-day.day': bounded(0, DAYS),
    'loss.worst-day.share': CONTINUOUS,
    'loss.case-scaled': bounded(0, Infinity),
    'loss.worst-day.vs-case': CONTINUOUS,
    'answer-by-brand': PROPORTION,
    'apology-by-director': PROPORTION,
    'hostile-share': bounded(0, 1),
  },
});
