/**
 * Read caps.
 *
 * Question: daily read caps by tier (10,000 / 1,000 / 500 posts a day for
 * verified / unverified / new accounts, as of 1 July 2023) start on day 2.
 * How many posts does each tier read per account per day before and after,
 * and what happens to the reach of a hoax posted after the caps start and to
 * the volume of posts, against the same seed without caps?
 *
 * Scale: a few thousand simulated accounts read far fewer posts a day than
 * real heavy users, so the caps are scaled down (`readCapScale` 0.05 gives
 * 500 / 50 / 25 posts a day against about 120 read by the mean account) so
 * that they bind on the heavier readers of a small platform, as they did on
 * the real one.
 */
import { COUNT } from '../src/report/outcome-kind.js';
import { countViewsByTier, defineScenario, hourlyVolume, injectedPost, type TierViews } from '../src/sim/platform/scenario.js';
import { TIER_NAMES } from '../src/sim/platform/agents.js';

const CAPS_HOUR = 24;
const HOAX_HOUR = 32;
const END_HOUR = 48;

export default defineScenario<TierViews>({
  id: 'read-caps',
  title: 'Read caps by tier',
  question:
    'When daily read caps by tier (10,000 / 1,000 / 500 posts, scaled to the platform) start on day 2, how many posts does each tier read per account per day before and after, and what happens to the reach of a hoax posted after they start and to the volume of posts, against the same seed without caps?',
  lookFor:
    'views per account per day dropping for unverified and new accounts (whose caps bind) and hardly for verified ones; a smaller hoax reach and fewer reshares, so a lower volume, with caps than without.',
  params: {
    agents: 3000,
    durationHours: END_HOUR,
    network: 'preferential-attachment',
    followsPerAccount: 30,
    activityPerHour: 0.5,
    feedSize: 20,
    readCapScale: 0.05,
  },
  quick: { agents: 800 },
  topics: ['hoax'],
  timeline: [{ at: HOAX_HOUR, type: 'inject', name: 'hoax', author: { minFollowers: 50, maxFollowers: 300 }, stance: 0, veracity: 'false', topic: 'hoax', appeal: 4 }],
  arms: {
    caps: { description: 'Read caps on from hour 24.', timeline: [{ at: CAPS_HOUR, type: 'set', params: { readCaps: true } }] },
    'no-caps': { description: 'No read caps (control).' },
  },
  prepare(platform) {
    platform.trackReach();
    return countViewsByTier(platform, CAPS_HOUR * 60);
  },
  outcomes(platform, views) {
    const a = platform.world.agents;
    const perTier = TIER_NAMES.map(() => 0);
    for (let i = 0; i < a.n; i++) if (a.bot[i] === 0) perTier[a.tier[i]]++;
    const days = { before: CAPS_HOUR / 24, after: Math.max(0, platform.now / 60 - CAPS_HOUR) / 24 };
    const out: Record<string, number> = {};
    TIER_NAMES.forEach((tier, t) => {
      out[`views.${tier}.before`] = perTier[t] > 0 ? views.before[t] / perTier[t] / days.before : 0;
      out[`views.${tier}.after`] = perTier[t] > 0 && days.after > 0 ? views.after[t] / perTier[t] / days.after : 0;
    });
    const volume = hourlyVolume(platform, 'general');
    const hoax = hourlyVolume(platform, 'hoax');
    const sum = (xs: number[], from: number, to: number): number => xs.slice(from, to).reduce((s, x) => s + x, 0);
    out['hoax.reach'] = platform.reach(injectedPost(platform, 'hoax'));
    out['hoax.mentions'] = sum(hoax, 0, hoax.length);
    out['volume.before'] = sum(volume, 0, CAPS_HOUR) / CAPS_HOUR;
    out['volume.after'] = sum(volume, CAPS_HOUR, volume.length) / Math.max(1, volume.length - CAPS_HOUR);
    return out;
  },
  outcomeHelp: {
    'views.*': 'Posts shown per account of this tier per day, before the caps start (hours 0–24) and after (24–48).',
    'hoax.reach': 'Accounts that saw the hoax (posted at hour 32, 8 h after the caps start) or a reshare of it.',
    'hoax.mentions': 'Posts on the hoax topic (the hoax, reshares, replies).',
    'volume.before': 'General-topic posts per hour before the caps start.',
    'volume.after': 'General-topic posts per hour after.',
  },
  keyOutcomes: ['views.*', 'hoax.reach'],
  outcomeKinds: {
    'hoax.reach': COUNT,
    'hoax.mentions': COUNT,
  },
});
