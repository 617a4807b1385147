/**
 * Moderation switched off and banned accounts restored.
 *
 * Question: false claims keep being posted (one every 4 hours, by the
 * accounts of a small misinformation group, the most-followed of them not
 * suspended) and 5 % of accounts are bots that reshare them, on an
 * engagement-ranked feed (whose trending picks carry claims beyond their
 * authors' followers). Moderation removes each detected claim (with its
 * reshares) 2 hours after it is posted and suspends an author after 3
 * removed claims. At day 3 moderation is switched off and every
 * suspended account is restored. How do the volume of false posts and the
 * reach of each false claim change, against the same seed with moderation
 * kept on?
 *
 * Before/after windows: posts are counted by creation time in [0, 72 h) and
 * [72 h, 144 h); reach is averaged over the claims injected in the first 48 h
 * of each window, so each had at least a day to spread inside its window.
 */
import { COUNT } from '../src/report/outcome-kind.js';
import { defineScenario, meanOf } from '../src/sim/platform/scenario.js';
import { FALSE_CLAIM } from '../src/sim/platform/post-store.js';
import type { TimelineEvent } from '../src/sim/platform/timeline.js';

const SWITCH_HOUR = 72;
const END_HOUR = 144;
const EVERY_HOURS = 4;

/**
 * One false claim every 4 hours, alternating sides so both camps have
 * something to reshare, always by the most-followed account of a small
 * "misinfo" group that is not suspended: when moderation suspends it, the
 * next one takes over (repeat offenders, whack-a-mole).
 */
const claims: TimelineEvent[] = [];
for (let h = 1, k = 0; h < END_HOUR; h += EVERY_HOURS, k++) {
  claims.push({ at: h, type: 'inject', name: `claim-${k}`, author: { group: 'misinfo', pick: 'most-followed' }, stance: k % 2 === 0 ? 0.6 : -0.6, veracity: 'false', topic: 'claims', appeal: 3 });
}

function injectedAt(name: string): number {
  const e = claims.find((c) => c.type === 'inject' && c.name === name);
  return e ? e.at : NaN;
}

export default defineScenario({
  id: 'moderation-off',
  title: 'Moderation switched off, banned accounts restored',
  question:
    'With false claims posted every 4 hours and 5 % bots resharing them, what happens to the volume of false posts and the reach of each claim when moderation (removal after 2 hours, suspension after 3 removed claims) is switched off at day 3 and every suspended account is restored, against the same seed with moderation kept on?',
  lookFor:
    'in the switched-off arm, false-post volume and mean reach per claim jumping after hour 72, the suspended bots back at work; in the kept-on arm, after ≈ before.',
  params: {
    agents: 3000,
    durationHours: END_HOUR,
    groups: 2,
    groupNames: ['public', 'misinfo'],
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
  quick: { agents: 800, durationHours: END_HOUR },
  topics: ['claims'],
  timeline: claims,
  arms: {
    'switched-off': {
      description: 'Moderation off and suspensions lifted at hour 72.',
      timeline: [
        { at: SWITCH_HOUR, type: 'set', params: { moderation: 'none' } },
        { at: SWITCH_HOUR, type: 'restore-suspended' },
      ],
    },
    'kept-on': { description: 'Moderation stays on (control).' },
  },
  prepare(platform) {
    platform.trackReach();
  },
  outcomes(platform) {
    const posts = platform.world.posts;
    const split = SWITCH_HOUR * 60;
    let before = 0;
    let after = 0;
    for (let p = 0; p < posts.count; p++) {
      if (posts.veracityOf(p) !== FALSE_CLAIM) continue;
      if (posts.timeOf(p) < split) before++;
      else after++;
    }
    const reachBefore: number[] = [];
    const reachAfter: number[] = [];
    for (const [name, id] of platform.injected) {
      const at = injectedAt(name);
      if (at < SWITCH_HOUR - 24) reachBefore.push(platform.reach(id));
      else if (at >= SWITCH_HOUR && at < END_HOUR - 24) reachAfter.push(platform.reach(id));
    }
    let suspendedNow = 0;
    for (let i = 0; i < platform.world.agents.n; i++) if (platform.world.agents.suspended[i] !== 0) suspendedNow++;
    const beforeHours = Math.min(SWITCH_HOUR, platform.now / 60);
    const afterHours = Math.max(0, platform.now / 60 - SWITCH_HOUR);
    return {
      'false-per-hour.before': beforeHours > 0 ? before / beforeHours : 0,
      'false-per-hour.after': afterHours > 0 ? after / afterHours : 0,
      'reach.before': reachBefore.length > 0 ? meanOf(reachBefore) : 0,
      'reach.after': reachAfter.length > 0 ? meanOf(reachAfter) : 0,
      removed: platform.moderation.removed,
      suspended: platform.moderation.suspended,
      'suspended-at-end': suspendedNow,
    };
  },
  outcomeHelp: {
    'false-per-hour.before': 'False posts (claims and their reshares) created per hour before hour 72.',
    'false-per-hour.after': 'The same from hour 72 on.',
    'reach.before': 'Mean reach (accounts that saw it or a reshare) of the claims injected in hours 0–48.',
    'reach.after': 'Mean reach of the claims injected in hours 72–120.',
    removed: 'False posts removed by moderation over the run.',
    suspended: 'Suspensions over the run (an author after 3 removed claims).',
    'suspended-at-end': 'Accounts suspended at the end (0 after the restore if moderation stays off).',
  },
  keyOutcomes: ['false-per-hour.before', 'false-per-hour.after', 'reach.before', 'reach.after'],
  outcomeKinds: {
    removed: COUNT,
    suspended: COUNT,
    'suspended-at-end': COUNT,
  },
});
