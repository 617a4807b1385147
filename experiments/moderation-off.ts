/**
 * Moderation switched off and banned accounts restored (November 2022).
 *
 * Question: false claims keep being posted (one every 4 hours, by the
 * accounts of a small misinformation group, the most-followed of them not
 * suspended) and 5 % of accounts are bots that reshare them, on an
 * engagement-ranked feed (whose trending picks carry claims beyond their
 * authors' followers). Moderation removes each detected claim (with its
 * reshares) 2 hours after it is posted and suspends an author after 3
 * removed claims; a few accounts were banned before the run starts. On
 * 23 November 2022 moderation is switched off and the banned accounts are
 * restored. How do the volume of false posts, the reach of each false claim
 * and the restored accounts' activity change, against the same seed with
 * moderation kept on?
 *
 * The articles' figures: the misinformation policy was switched off on
 * 23 Nov 2022 (the platform's COVID-19 misleading-information policy page:
 * "effective November 23, 2022"); about 62,000 banned accounts were
 * restored, each with more than 10,000 followers (75 with more than a
 * million; Platformer, 29 Nov 2022).
 *
 * How the scenario scales them:
 *
 * - Dates. The run starts on 2022-11-20T00:00 on US Eastern standard time
 *   (timeZone −05:00, the clock of the platform's largest national
 *   audience; the daily rhythm follows it) and lasts 6 days; the switch is
 *   the date 2022-11-23 (its midnight, hour 72). The restore happens on the
 *   same date: in fact reinstatements began about a week later, but both
 *   changes then fall in one "after" window.
 * - Banned accounts. 62,000 of 237.8 million accounts: 2.61 per 10,000.
 *   The denominator is Twitter's monetizable daily active users in Q2 2022
 *   (its last reported count before the sale), because every simulated
 *   account is an active user (sessions every few hours); registered
 *   accounts, most of them dormant, would not be the population simulated.
 *   At the default 3,000 accounts that is 0.78 account (one simulated
 *   account stands for about 79,000 real ones; 0.21 at the quick size of
 *   800): the integer part starts banned, plus one more account with
 *   probability the fraction, drawn from the scenario's own stream (the same
 *   in both arms), so the mean over seeds is exactly proportional. More than
 *   10,000 followers puts the real ones near the top of the follower
 *   distribution, so the banned are the most-followed humans of the
 *   misinformation group (suspended from the start with `suspendAfter`
 *   strikes; inactive until restored).
 * - Restore. The restore lifts the suspension of a share `restoreShare`
 *   (default 1) of every suspended account: those banned before the run and
 *   those moderation suspended during it.
 *
 * Before/after windows: posts are counted by creation time before and from
 * the switch; reach is averaged over the claims injected in each window at
 * least 24 h before its end, so each had a day to spread inside its window.
 * Arms: kept-on first, so that a report's paired differences read
 * switched-off minus kept-on.
 */
import { COUNT } from '../src/report/outcome-kind.js';
import { eventHours } from '../src/sim/platform/run-clock.js';
import { defineScenario, meanOf } from '../src/sim/platform/scenario.js';
import { FALSE_CLAIM } from '../src/sim/platform/post-store.js';
import type { Platform } from '../src/sim/platform/platform.js';
import type { TimelineEvent } from '../src/sim/platform/timeline.js';

const START_DATE = '2022-11-20T00:00';
const TIME_ZONE = '-05:00';
/** Misinformation policy no longer enforced from this date (its midnight on the run's clock). */
export const SWITCH_DATE = '2022-11-23';
const DURATION_HOURS = 144;
const EVERY_HOURS = 4;
/** About 62,000 banned accounts restored (Platformer, 29 Nov 2022). */
export const RESTORED_ACCOUNTS = 62_000;
/** Twitter's monetizable daily active users, Q2 2022 (letter to shareholders, July 2022). */
export const ACTIVE_ACCOUNTS = 237_800_000;
const MISINFO = 'misinfo';

/**
 * One false claim every 4 hours, alternating sides so both camps have
 * something to reshare, always by the most-followed account of a small
 * "misinfo" group that is not suspended: when moderation suspends it, the
 * next one takes over (repeat offenders, whack-a-mole); a restored account
 * with more followers takes over again. Once every one is suspended (a
 * small group at a small size), claims are skipped: moderation has won.
 */
const claims: Array<Extract<TimelineEvent, { type: 'inject' }> & { at: number }> = [];
for (let h = 1, k = 0; h < DURATION_HOURS; h += EVERY_HOURS, k++) {
  claims.push({ at: h, type: 'inject', name: `claim-${k}`, author: { group: MISINFO, pick: 'most-followed' }, stance: k % 2 === 0 ? 0.6 : -0.6, veracity: 'false', topic: 'claims', appeal: 3, ifNoAuthor: 'skip' });
}
const injectedAt = new Map(claims.map((c) => [c.name, c.at]));

/** The switch in hours since the run's start (on its own clock, so a changed startDate moves it). */
function switchHour(platform: Platform): number {
  return eventHours(SWITCH_DATE, { ...platform.clock, durationHours: Infinity }, 'moderation-off') ?? NaN;
}

/** The expected number of accounts banned before the run: the articles' share of the population. */
export function expectedBanned(agents: number): number {
  return (agents * RESTORED_ACCOUNTS) / ACTIVE_ACCOUNTS;
}

interface Probe {
  readonly banned: readonly number[];
}

export default defineScenario<Probe>({
  id: 'moderation-off',
  title: 'Moderation switched off, banned accounts restored',
  question:
    'On 23 Nov 2022 the platform stopped enforcing its misinformation policy and restored about 62,000 banned accounts, each with over 10,000 followers. Scaled here: a run from 20 Nov (US Eastern time) in which false claims are posted every 4 hours and 5 % bots reshare them; moderation (removal after 2 hours, suspension after 3 removed claims) is switched off on 23 Nov and the suspended are restored — the 62,000 as 2.61 in 10,000 active accounts (62,000 of 237.8 million), 0.78 of 3,000 on average, the most-followed misinformation accounts, plus those suspended during the run. Before and after the switch, how do false posts per hour, reach per claim and the restored accounts\' posts compare with moderation kept on?',
  lookFor:
    'in the switched-off arm, false posts per hour and mean reach per claim jumping after 23 Nov (hour 72), and the restored accounts posting again, the most-followed of them now authoring the claims; in the kept-on arm, after ≈ before and nobody restored. Of the accounts restored, 0.78 per run on average (at 3,000 accounts) stand for the articles\' 62,000 (2.61 in 10,000 active accounts); the others were suspended during the run.',
  params: {
    agents: 3000,
    durationHours: DURATION_HOURS,
    startDate: START_DATE,
    timeZone: TIME_ZONE,
    groups: 2,
    groupNames: ['public', MISINFO],
    groupShares: [0.98, 0.02],
    network: 'preferential-attachment',
    followsPerAccount: 20,
    botShare: 0.05,
    botBehaviour: 'amplify',
    botActivityPerHour: 1,
    ranker: 'engagement',
    moderation: 'remove-and-suspend',
    detectionDelayHours: 2,
    detectionProbability: 0.7,
    suspendAfter: 3,
  },
  quick: { agents: 800, durationHours: DURATION_HOURS },
  topics: ['claims'],
  timeline: claims,
  arms: {
    'kept-on': { description: 'Moderation stays on, nobody is restored (control).' },
    'switched-off': {
      description: 'Moderation off and the suspended restored on 23 Nov 2022.',
      timeline: [
        { at: SWITCH_DATE, type: 'set', params: { moderation: 'none' } },
        { at: SWITCH_DATE, type: 'restore-suspended' },
      ],
    },
  },
  defaultArm: 'switched-off',
  figures: [
    'The misinformation policy was switched off on 23 November 2022: the run starts on 2022-11-20 at −05:00 and the switch is dated 2022-11-23 (hour 72).',
    'About 62,000 banned accounts (each with over 10,000 followers) were restored: 62,000 of 237.8 million daily active users (Q2 2022) is 2.61 per 10,000 accounts, 0.78 of the default 3,000; the restore lifts those banned before the run and those suspended during it.',
  ],
  prepare(platform, context) {
    platform.trackReach();
    // Accounts banned before the run: the articles' share of the population, rounded at random (mean exact).
    const w = platform.world;
    const expected = expectedBanned(w.agents.n);
    const count = Math.floor(expected) + (context.rng.next() < expected - Math.floor(expected) ? 1 : 0);
    const group = w.params.groupNames.indexOf(MISINFO);
    const candidates: number[] = [];
    for (let i = 0; i < w.agents.n; i++) if (w.agents.group[i] === group && w.agents.bot[i] === 0) candidates.push(i);
    // Most-followed first, ties to the lower index (as the claims' author rule).
    candidates.sort((u, v) => w.graph.inDegree(v) - w.graph.inDegree(u) || u - v);
    const banned = candidates.slice(0, count);
    for (const i of banned) {
      w.agents.suspended[i] = 1;
      w.agents.strikes[i] = w.params.suspendAfter;
    }
    return { banned };
  },
  outcomes(platform, probe) {
    const posts = platform.world.posts;
    const hours = platform.now / 60;
    const switchAt = switchHour(platform);
    const split = switchAt * 60;
    const restored = new Set(platform.events.filter((e) => e.type === 'restore-suspended').flatMap((e) => e.accounts));
    let before = 0;
    let after = 0;
    let restoredPosts = 0;
    let restoredFalse = 0;
    const active = new Set<number>();
    for (let p = 0; p < posts.count; p++) {
      const t = posts.timeOf(p);
      const isFalse = posts.veracityOf(p) === FALSE_CLAIM;
      if (isFalse) {
        if (t < split) before++;
        else after++;
      }
      const author = posts.authorOf(p);
      if (t >= split && restored.has(author)) {
        restoredPosts++;
        if (isFalse) restoredFalse++;
        active.add(author);
      }
    }
    const reachBefore: number[] = [];
    const reachAfter: number[] = [];
    for (const [name, id] of platform.injected) {
      const at = injectedAt.get(name) ?? NaN;
      if (at < switchAt - 24) reachBefore.push(platform.reach(id));
      else if (at >= switchAt && at < hours - 24) reachAfter.push(platform.reach(id));
    }
    let suspendedNow = 0;
    for (let i = 0; i < platform.world.agents.n; i++) if (platform.world.agents.suspended[i] !== 0) suspendedNow++;
    const beforeHours = Math.min(switchAt, hours);
    const afterHours = Math.max(0, hours - switchAt);
    return {
      'false-per-hour.before': beforeHours > 0 ? before / beforeHours : 0,
      'false-per-hour.after': afterHours > 0 ? after / afterHours : 0,
      'reach.before': reachBefore.length > 0 ? meanOf(reachBefore) : 0,
      'reach.after': reachAfter.length > 0 ? meanOf(reachAfter) : 0,
      'banned-at-start': probe.banned.length,
      restored: restored.size,
      'restored.active': active.size,
      'restored.posts': restoredPosts,
      'restored.false-posts': restoredFalse,
      removed: platform.moderation.removed,
      suspended: platform.moderation.suspended,
      'suspended-at-end': suspendedNow,
    };
  },
  outcomeHelp: {
    'false-per-hour.before': 'False posts (claims and their reshares) created per hour before the switch (23 Nov 2022, hour 72).',
    'false-per-hour.after': 'The same from the switch on.',
    'reach.before': 'Mean reach (accounts that saw it or a reshare) of the claims injected before the switch, at least 24 h before it (hours 0–48).',
    'reach.after': 'Mean reach of the claims injected from the switch to 24 h before the end (hours 72–120).',
    'banned-at-start': 'Accounts banned before the run (the articles\' 62,000 of 237.8 million active accounts, scaled: 0.78 of 3,000 on average), the most-followed humans of the misinformation group; the same in both arms.',
    restored: 'Accounts restored at the switch (a `restoreShare` of those banned before the run and those suspended during it; 0 with moderation kept on).',
    'restored.active': 'Restored accounts that posted (original, reshare or reply) at least once after the switch.',
    'restored.posts': 'Posts of the restored accounts after the switch.',
    'restored.false-posts': 'False posts (claims and reshares of claims) of the restored accounts after the switch.',
    removed: 'False posts removed by moderation over the run.',
    suspended: 'Suspensions during the run (an author after 3 removed claims).',
    'suspended-at-end': 'Accounts suspended at the end (the banned before the run included; 0 after a full restore when moderation stays off).',
  },
  keyOutcomes: ['false-per-hour.before', 'false-per-hour.after', 'reach.before', 'reach.after', 'restored.active', 'restored.posts'],
  outcomeKinds: {
    'banned-at-start': COUNT,
    restored: COUNT,
    'restored.active': COUNT,
    'restored.posts': COUNT,
    'restored.false-posts': COUNT,
    removed: COUNT,
    suspended: COUNT,
    'suspended-at-end': COUNT,
  },
});
