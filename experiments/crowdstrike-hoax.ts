/**
 * CrowdStrike-style hoax.
 *
 * Question: a false claim is posted in English by a low-follower account of a
 * French-speaking group; a few hours later two large accounts relay it. How
 * far does it reach in 24 hours, does it spread mostly through low-follower
 * accounts, which countries mention and relay it (and how far are those
 * shares from the countries' shares of accounts), and how much of the reach
 * do the two hubs account for?
 *
 * The articles' figures (19 July 2024; ../shared/docs/VISION.md) and how the
 * scenario scales them:
 *
 * - two large relaying accounts of about 300K and 200K followers: planted
 *   hubs (planted-hubs.ts) with 30 % and 20 % of all accounts as followers,
 *   the ratio 1.5 at any scale; at 1M accounts (experiments/
 *   crowdstrike-hoax-full.ts) that is 300K and 200K exactly. 80 % of the
 *   followers a hub gains are from its own country (the US).
 * - spread mostly among low-follower accounts: `relays.low-follower-share`
 *   (reshares by accounts below the 90th percentile of followers);
 * - over half of the mentions from the US, then Turkey and Japan; among the
 *   relays about half in the US, then Japan, then France: `mentions.*` and
 *   `relays.*`, set against the account shares (`mentions-minus-accounts.*`,
 *   in share points). Countries live in their own time zones (one daily
 *   rhythm per country, in UTC) and languages: the hoax is in English, and
 *   a reader who does not read a post's language likes, reshares or
 *   replies at a tenth of the rate (languages.ts). The shares of each
 *   country that also read English are assumptions of this scenario (not
 *   measured figures): 1 for US and GB, 0.6 IN, 0.55 DE, 0.4 FR, 0.3 BR,
 *   0.25 TR and JP. So mention shares come out of the model: they follow
 *   account shares only as far as the hubs' country, the hour of posting
 *   and language leave them.
 * - about 2.3 million conversations in 24 hours and tens of millions of
 *   views, on a platform of hundreds of millions of accounts: `mentions`
 *   and `reach` are counts in a population of `agents` (5,000 by default),
 *   compared across arms, not with the absolute figures.
 *
 * The hub share is measured by re-running the same seed with the two hubs
 * muted (arm `hubs-muted`): same network, same accounts, same streams; the
 * hubs are shown but never post or reshare, so their scheduled relay does not
 * happen. Reach (accounts that saw any post of the cascade) with hubs minus
 * reach without them is what the hubs account for.
 *
 * The run starts on 19 July 2024 at 10:00 UTC (`startDate`, `timeZone`),
 * the morning after the outage began. The hour of the hoax is not in the
 * articles; the scenario assumes hour 1, 11:00 UTC: 13:00 in France (the
 * author's community), 07:00 in the eastern US, 20:00 in Japan; the hubs
 * relay it at 14:00 UTC, 10:00 in the eastern US.
 */
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import { computeMetrics } from '../src/sim/metrics/metrics-registry.js';
import { defineScenario, followerPercentile, hourlyVolume, injectedPost } from '../src/sim/platform/scenario.js';

const GROUPS = ['US', 'TR', 'JP', 'FR', 'GB', 'DE', 'BR', 'IN'];
const SHARES = [0.52, 0.13, 0.1, 0.05, 0.06, 0.05, 0.05, 0.04];
/** UTC offsets in July (the US at its eastern time, where most of its accounts are). */
const UTC_OFFSETS = [-4, 3, 9, 2, 1, 2, -3, 5.5];
const LANGUAGES = ['en', 'tr', 'ja', 'fr', 'en', 'de', 'pt', 'hi'];
/** Assumed shares that also read English (see the banner). */
const ENGLISH_READERS = [1, 0.25, 0.25, 0.4, 1, 0.55, 0.3, 0.6];
/** Follower shares of the two relaying hubs: 300K and 200K at 1M accounts. */
const HUB_SHARES = [0.3, 0.2];
const HUBS = { group: 'US', pick: 'most-followed', count: 2 } as const;
/** Accounts below the 90th percentile of follower counts count as low-follower. */
const LOW_FOLLOWER_QUANTILE = 0.9;

/** What the outcomes need from the start of the run: the planted hubs' followers before anyone unfollows. */
interface HubsAtStart {
  readonly followers: readonly number[];
}

export default defineScenario<HubsAtStart>({
  id: 'crowdstrike-hoax',
  title: 'CrowdStrike-style hoax relayed by two hubs',
  question:
    'A hoax posted in English by a low-follower account of a French-speaking group is relayed a few hours later by two large accounts (30 % and 20 % of all accounts follow them: 300K and 200K at a million, as in July 2024): how far does it reach in 24 hours, through whom, from which countries (against their shares of accounts), and how much of the reach do the two hubs account for?',
  lookFor:
    'reach and cascade size with the hubs versus the hubs-muted arm of the same seed (the difference is what the hubs account for); most reshares by low-follower accounts; mention shares against account shares (mentions-minus-accounts, in share points): the US above its 52 % of accounts with the hubs (the articles: over half of the mentions from the US, then Turkey and Japan; relays about half in the US, then Japan, then France), countries that read little English below theirs; the hourly volume jumping after the relay at hour 4 (14:00 UTC, 10:00 in the eastern US) and fading with novelty.',
  params: {
    agents: 5000,
    durationHours: 24,
    network: 'preferential-attachment',
    followsPerAccount: 20,
    groups: GROUPS.length,
    groupNames: GROUPS,
    groupShares: SHARES,
    startDate: '2024-07-19T10:00',
    timeZone: 'Z',
    groupUtcOffsets: UTC_OFFSETS,
    groupLanguages: LANGUAGES,
    groupEnglishReaders: ENGLISH_READERS,
    foreignLanguageFactor: 0.1,
    plantedHubs: HUB_SHARES,
    plantedHubGroup: 'US',
    plantedHubHomeShare: 0.8,
    activityPerHour: 0.15,
    credulity: 0.4,
  },
  quick: { agents: 1500 },
  topics: ['hoax'],
  timeline: [
    { at: 1, type: 'inject', name: 'hoax', author: { group: 'FR', minFollowers: 1, maxFollowers: 20 }, stance: 0, veracity: 'false', topic: 'hoax', appeal: 3, language: 'en' },
    { at: 4, type: 'reshare', post: 'hoax', accounts: HUBS },
  ],
  arms: {
    'with-hubs': { description: 'The two most-followed US accounts relay the hoax at hour 4.' },
    'hubs-muted': { description: 'Same seed; the two hubs are muted from the start.', mute: HUBS },
  },
  figures: [
    '19 July 2024: a hoax about the CrowdStrike outage, posted in English by a French satirist with few followers, spread mostly among low-follower accounts.',
    'Two large accounts of about 300K and 200K followers relayed it (ratio 1.5): here two hubs followed by 30 % and 20 % of all accounts (1,500 and 1,000 at 5,000 accounts; 300K and 200K at a million in crowdstrike-hoax-full).',
    'Over half of the mentions came from the US, then Turkey and Japan; about half of the relays from the US, then Japan, then France: here countries keep the mention data\'s account shares (US 52 %), their own time zones and languages, so mention shares come out of the model (mentions-minus-accounts).',
    'About 2.3 million conversations in 24 hours and tens of millions of views on a platform of hundreds of millions of accounts: here counts among 5,000 accounts, compared between arms.',
  ],
  prepare(platform) {
    platform.trackReach();
    return { followers: platform.world.hubs.map((h) => platform.world.graph.inDegree(h)) };
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
  outcomes(platform, hubs) {
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
    // Account shares as drawn in this run (humans and bots alike), against which the mention shares are read.
    const accountsByGroup = new Array<number>(GROUPS.length).fill(0);
    for (let i = 0; i < w.agents.n; i++) accountsByGroup[w.agents.group[i]]++;
    GROUPS.forEach((g, k) => {
      const accounts = accountsByGroup[k] / w.agents.n;
      out[`accounts.${g}`] = accounts;
      out[`mentions.${g}`] = mentions > 0 ? mentionsByGroup[k] / mentions : 0;
      out[`relays.${g}`] = relays > 0 ? relaysByGroup[k] / relays : 0;
      out[`mentions-minus-accounts.${g}`] = mentions > 0 ? mentionsByGroup[k] / mentions - accounts : 0;
    });
    // The planted hubs' followers (300K and 200K at a million accounts).
    const [hub1, hub2] = hubs.followers;
    if (hub1 !== undefined && hub2 !== undefined) {
      out['hubs.larger'] = hub1;
      out['hubs.smaller'] = hub2;
    }
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
    'accounts.*': 'Share of all accounts in this country group (as drawn in this run).',
    'mentions-minus-accounts.*': 'Mention share minus account share of this country group, as a share (0.2 = 20 share points): above 0, the country mentions the hoax more than its size alone would give. In the hubs-muted arm the hoax gets a handful of mentions, so its shares swing to the author\'s country.',
    'hubs.*': 'Followers of the larger and the smaller relaying hub at the start: 30 % and 20 % of accounts (300K and 200K at a million; the articles: ratio 1.5).',
    'relays.*': 'Share of the hoax reshares made by accounts of this country group.',
    'volume.h*': 'Hoax mentions during this hour of the run (the 24-hour volume series).',
  },
  keyOutcomes: ['hoax.reach', 'hoax.volume', 'reach', 'reach.share', 'hub-relays', 'mentions-minus-accounts.*', 'mentions.*', 'relays.*'],
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
    'accounts.*': bounded(0, 1),
    'mentions-minus-accounts.*': bounded(-1, 1),
    'hubs.*': COUNT,
    'relays.*': bounded(0, 1),
    'volume.h*': COUNT,
  },
});
