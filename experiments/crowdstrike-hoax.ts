/**
 * CrowdStrike-style hoax.
 *
 * Question: a false claim is posted in English by a low-follower account of a
 * French-speaking group; a few hours later two of the most-followed accounts
 * relay it. How far does it reach in 24 hours, does it spread mostly through
 * low-follower accounts, which countries mention and relay it, and how much
 * of the reach do the two hubs account for?
 *
 * The hub share is measured by re-running the same seed with the two hubs
 * muted (arm `hubs-muted`): same network, same accounts, same streams; the
 * hubs are shown but never post or reshare, so their scheduled relay does not
 * happen. Reach (accounts that saw any post of the cascade) with hubs minus
 * reach without them is what the hubs account for.
 *
 * Groups are countries (language is not modelled beyond the group: "posted in
 * English" means the hoax is readable by every group); the group shares put over half of the accounts (so of
 * the mentions) in the US, then TR and JP, the order seen in the mention data
 * of the July 2024 outage hoaxes. The follow network ignores countries, so
 * mention shares track account shares unless the hubs tilt them.
 */
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import { computeMetrics } from '../src/sim/metrics/metrics-registry.js';
import { defineScenario, followerPercentile, hourlyVolume, injectedPost } from '../src/sim/platform/scenario.js';

const GROUPS = ['US', 'TR', 'JP', 'FR', 'GB', 'DE', 'BR', 'IN'];
const SHARES = [0.52, 0.13, 0.1, 0.05, 0.06, 0.05, 0.05, 0.04];
const HUBS = { group: 'US', pick: 'most-followed', count: 2 } as const;
/** Accounts below the 90th percentile of follower counts count as low-follower. */
const LOW_FOLLOWER_QUANTILE = 0.9;

export default defineScenario({
  id: 'crowdstrike-hoax',
  title: 'CrowdStrike-style hoax relayed by two hubs',
  question:
    'A hoax posted in English by a low-follower account of a French-speaking group is relayed a few hours later by two large accounts: how far does it reach in 24 hours, through whom, from which countries, and how much of the reach do the two hubs account for?',
  lookFor:
    'reach and cascade size with the hubs versus the hubs-muted arm of the same seed (the difference is what the hubs account for); most reshares by low-follower accounts; US, then TR and JP, leading the mentions; the hourly volume jumping after the relay at hour 4 and fading with novelty.',
  params: {
    agents: 5000,
    durationHours: 24,
    network: 'preferential-attachment',
    followsPerAccount: 20,
    groups: GROUPS.length,
    groupNames: GROUPS,
    groupShares: SHARES,
    activityPerHour: 0.15,
    credulity: 0.4,
  },
  quick: { agents: 1500 },
  topics: ['hoax'],
  timeline: [
    { at: 1, type: 'inject', name: 'hoax', author: { group: 'FR', minFollowers: 1, maxFollowers: 20 }, stance: 0, veracity: 'false', topic: 'hoax', appeal: 3 },
    { at: 4, type: 'reshare', post: 'hoax', accounts: HUBS },
  ],
  arms: {
    'with-hubs': { description: 'The two most-followed US accounts relay the hoax at hour 4.' },
    'hubs-muted': { description: 'Same seed; the two hubs are muted from the start.', mute: HUBS },
  },
  prepare(platform) {
    platform.trackReach();
  },
  // Reach and volume over the 24 hours, sampled every hour with the metrics (series.csv, the report's time series).
  series(platform) {
    const hoax = platform.injected.get('hoax');
    const volume = hourlyVolume(platform, 'hoax');
    return { 'hoax.reach': hoax === undefined ? 0 : platform.reach(hoax), 'hoax.volume': volume.length === 0 ? 0 : volume[volume.length - 1] };
  },
  seriesHelp: {
    'hoax.reach': 'Accounts that have seen the hoax or a reshare of it so far.',
    'hoax.volume': 'Hoax mentions during the hour before this time.',
  },
  outcomes(platform) {
    const w = platform.world;
    const root = injectedPost(platform, 'hoax');
    const tree = platform.cascade(root);
    const shape = computeMetrics(['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'], tree);
    const low = followerPercentile(platform, LOW_FOLLOWER_QUANTILE);
    const relaysByGroup = new Array<number>(GROUPS.length).fill(0);
    let lowRelays = 0;
    for (let k = 1; k < tree.node.length; k++) {
      const i = tree.node[k];
      relaysByGroup[w.agents.group[i]]++;
      if (w.graph.inDegree(i) < low) lowRelays++;
    }
    const relays = tree.node.length - 1;
    const topic = w.topics.indexOf('hoax');
    const mentionsByGroup = GROUPS.map((_, g) => (platform.observer.byGroup[topic]?.[g] ?? []).reduce((a, b) => a + b, 0));
    const mentions = mentionsByGroup.reduce((a, b) => a + b, 0);
    const volume = hourlyVolume(platform, 'hoax');
    const out: Record<string, number> = {
      reach: platform.reach(root),
      'reach.share': platform.reach(root) / w.agents.n,
      'cascade.size': shape['cascade.size'],
      'cascade.depth': shape['cascade.depth'],
      'cascade.max-breadth': shape['cascade.max-breadth'],
      'cascade.structural-virality': shape['cascade.structural-virality'],
      'relays.low-follower-share': relays > 0 ? lowRelays / relays : 0,
      'hub-relays': platform.events.filter((e) => e.type === 'reshare').reduce((a, e) => a + e.accounts.length, 0),
      mentions,
      'peak-hour': volume.indexOf(Math.max(...volume)),
    };
    GROUPS.forEach((g, k) => {
      out[`mentions.${g}`] = mentions > 0 ? mentionsByGroup[k] / mentions : 0;
      out[`relays.${g}`] = relays > 0 ? relaysByGroup[k] / relays : 0;
    });
    volume.forEach((v, h) => {
      out[`volume.h${String(h).padStart(2, '0')}`] = v;
    });
    return out;
  },
  outcomeHelp: {
    reach: 'Accounts that saw the hoax or any reshare of it.',
    'reach.share': 'Reach as a share of all accounts.',
    'cascade.size': 'Nodes of the reshare tree, the original included.',
    'cascade.depth': 'Longest reshare chain from the original.',
    'cascade.max-breadth': 'Most reshares at one depth of the tree.',
    'cascade.structural-virality': 'Mean distance between two nodes of the tree (Goel et al. 2016): ~2 for a broadcast, larger for person-to-person spread.',
    'relays.low-follower-share': 'Share of reshares made by accounts below the 90th percentile of follower counts.',
    'hub-relays': 'Relays made by the scheduled hub reshare (2 with hubs, 0 when muted).',
    mentions: 'Posts on the hoax topic (original, reshares, replies) in 24 hours.',
    'peak-hour': 'Hour (0-based) with the most hoax mentions.',
    'mentions.*': 'Share of the hoax mentions posted by accounts of this country group.',
    'relays.*': 'Share of the hoax reshares made by accounts of this country group.',
    'volume.h*': 'Hoax mentions during this hour of the run (the 24-hour volume series).',
  },
  keyOutcomes: ['hoax.reach', 'hoax.volume', 'reach', 'reach.share', 'hub-relays', 'mentions.*', 'relays.*'],
  outcomeKinds: {
    'hoax.reach': COUNT,
    'hoax.volume': COUNT,
    reach: COUNT,
    'reach.share': bounded(0, 1),
    'cascade.size': COUNT,
    'cascade.depth': COUNT,
    'cascade.max-breadth': COUNT,
    'relays.low-follower-share': bounded(0, 1),
    'hub-relays': COUNT,
    mentions: COUNT,
    'peak-hour': bounded(0, 23),
    'mentions.*': bounded(0, 1),
    'relays.*': bounded(0, 1),
    'volume.h*': COUNT,
  },
});
