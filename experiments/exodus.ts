/**
 * Exodus to a second platform after moderation is switched off.
 *
 * Question: on a platform of two camps, the misinformation policy is
 * switched off at day 2 and every suspended account is restored (as on 23
 * Nov 2022, about 62,000 banned accounts). The change suits one camp;
 * accounts of the other camp, and a few of the first, move to a second
 * platform, leaving or cross-posting, the more readily as the accounts they
 * follow move (a threshold model). Who moves (by camp, by follower count),
 * how fast (the share moved per day), and are the echo chambers on each
 * platform afterwards tighter or looser than before, when the destination is
 * a centralised, engagement-ranked platform (Threads-like) or federated
 * servers (Mastodon-like)?
 *
 * The articles' figures: misinformation policy switched off on 23 Nov 2022
 * and about 62,000 banned accounts restored; advertisers and users leaving
 * for other networks; Threads: 100 million sign-ups in 5 days; Mastodon:
 * about 3,300 independent servers.
 *
 * How the scenario scales them (3,000 accounts; measured at full size,
 * mean of 5 seeds):
 * - 62,000 restored accounts were about 0.03 % of the 237.8 million daily
 *   users Twitter last reported (Q2 2022): under one account of 3,000.
 *   Here the accounts restored are those moderation suspended in the first
 *   two days (an author after 3 removed false claims, from a stream of one
 *   claim an hour, half of them false): none in the 5 seeds (`restored`),
 *   as the scaling says.
 * - 100 million sign-ups in 5 days is 20 million a day, 8.4 % of those
 *   237.8 million a day: a ceiling for leavers, since most Threads
 *   sign-ups came through Instagram. The hazard here (1 % a day for
 *   everyone, plus up to 20 % a day for the opposed camp, plus 20 % a day
 *   once one's threshold of moved followees is crossed) moves 6.2 % of all
 *   accounts a day over the first 5 days (`pace.first-5-days`), under that
 *   ceiling, and 36 % of them in 6 days.
 * - 3,300 Mastodon servers become 33: one simulated server for 100 real
 *   ones (3,300 servers for 3,000 accounts would leave nearly every server
 *   with one member). Server weights (s + 1)^−2 and a pull of 0.3 toward
 *   the server of one's moved followees put 95 % of movers on the largest
 *   quarter of the servers they use (`servers.top-quarter-share`), as He
 *   et al. (IMC 2023) measured (96 % of migrants on the largest 25 % of
 *   instances). Their 14.72 % of a migrant's followees on its own instance
 *   is 30 % here (`servers.same-server-followees`): a third of the accounts
 *   move here, a small fraction did there, so more of one's followees are
 *   there to share a server.
 *
 * Arms share the seed (common random numbers): the same world, the same
 * thresholds and hazard draws, so who moves is nearly the same in both
 * (the arms differ only through cross-posters' opinions, which both
 * platforms move), and the destination's architecture is what differs:
 * - threads: one engagement-ranked feed with trending posts from outside
 *   one's follows, platform moderation removing detected false claims;
 * - mastodon: 33 servers, reverse-chronological home timelines plus 3
 *   local-timeline posts a session, a third of the servers strict (they hide
 *   detected false claims and suspend servers whose members posted 3).
 * In both, a newcomer imports each follow whose target is already there
 * with probability 0.5, and its followers already there follow it by the
 * same rule (pending follows); 30 % of movers cross-post, the others leave
 * (their origin account goes dormant).
 *
 * Echo chambers are measured with the registry's metrics (leaning vs
 * neighbours' leaning, E-I index of the camps, Louvain modularity, opinion
 * variance) on: the origin at the switch (`origin.before.*`), the origin's
 * still-active accounts at the end (`origin.after.*`), the destination's
 * accounts at the end (`destination.after.*`), and, for the same people,
 * the movers and the stayers as they were on the origin at the switch
 * (`movers.before.*`, `stayers.before.*`). Models: exodus.ts (hazard,
 * Granovetter 1978), federation.ts (servers), follow-import.ts.
 */
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import { computeMetrics } from '../src/sim/metrics/metrics-registry.js';
import type { NetworkView } from '../src/sim/metric-view.js';
import { attachExodus, LEFT, STAYED, type Exodus } from '../src/sim/platform/exodus.js';
import type { DestinationKind } from '../src/sim/platform/exodus-params.js';
import { defineScenario } from '../src/sim/platform/scenario.js';

const SWITCH_HOUR = 48;
const END_HOUR = 192;
const DAYS_AFTER = (END_HOUR - SWITCH_HOUR) / 24;
/** Accounts at or above this quantile of follower counts (at the switch) are the top-followed. */
const TOP_FOLLOWED_QUANTILE = 0.9;

/** The exodus shared by both arms (exodus-params.ts). */
const EXODUS = {
  triggerHour: SWITCH_HOUR,
  changeStance: 1,
  baseRatePerDay: 0.01,
  oppositionRatePerDay: 0.2,
  peerRatePerDay: 0.2,
  crossPostShare: 0.3,
  importShare: 0.5,
  pendingFollows: true,
  servers: 33,
  serverExponent: 2,
  followeePull: 0.3,
  campAffinity: 0.5,
  strictServerShare: 1 / 3,
  defederateAfter: 3,
  localTimelinePosts: 3,
} as const;

const KIND: Readonly<Record<string, DestinationKind>> = { threads: 'centralised', mastodon: 'federated' };

/** The registry metrics measured on each platform, by short name. */
const METRICS: ReadonlyArray<readonly [string, string]> = [
  ['leaning-correlation', 'network.neighbor-leaning-correlation'],
  ['ei-index', 'network.ei-index'],
  ['modularity', 'network.modularity'],
  ['opinion-variance', 'opinion.variance'],
];

function echoChamber(prefix: string, view: NetworkView | null, out: Record<string, number>): void {
  const values = view ? computeMetrics(METRICS.map(([, id]) => id), view) : {};
  for (const [name, id] of METRICS) out[`${prefix}.${name}`] = values[id] ?? NaN;
}

export default defineScenario<Exodus>({
  id: 'exodus',
  title: 'Exodus to Threads-like or Mastodon-like platforms after moderation is switched off',
  question:
    'When moderation is switched off at day 2 and suspended accounts are restored (as on 23 Nov 2022, about 62,000 of them), and accounts opposed to the change move to a second platform, who moves (by camp, by follower count), how fast (the share moved per day, against the 8.4 % a day that 100 million Threads sign-ups in 5 days would be of Twitter\'s users), and are the echo chambers on each platform tighter or looser after than before, with a Threads-like (centralised, engagement-ranked) or a Mastodon-like (3,300 servers scaled to 33, federating) destination?',
  lookFor:
    'the opposed camp moving several times as often as the favoured one (about 60 % against 13 % in 6 days at full size), and the top-followed accounts about as often as the others (the hazard does not look at followers; their followees do); a pace of about 6 % of accounts a day, under the 8.4 % a day ceiling scaled from 100 million Threads sign-ups in 5 days, rising with the share moved then slowing as the opposed camp empties; in the mastodon arm about 95 % of movers on the largest quarter of the servers used (96 % for He et al. 2023 on the real 3,300, scaled here to 33) and strict servers suspending the large open servers whose members post false claims; on the destination, a quarter of the origin\'s follows per account, and for the same people a lower leaning correlation and a higher modularity than on the origin at the switch (destination.after.* against movers.before.*), more so on Mastodon-like servers; on the origin, the stayers\' leaning correlation rising (origin.after.* against stayers.before.*).',
  params: {
    agents: 3000,
    durationHours: END_HOUR,
    network: 'two-camps',
    followsPerAccount: 20,
    homophily: 0.9,
    initialOpinions: 'by-camp',
    ranker: 'engagement',
    claimsPerHour: 1,
    claimFalseShare: 0.5,
    moderation: 'remove-and-suspend',
    detectionDelayHours: 2,
    detectionProbability: 0.7,
    suspendAfter: 3,
  },
  quick: { agents: 800 },
  timeline: [
    { at: SWITCH_HOUR, type: 'set', params: { moderation: 'none' } },
    { at: SWITCH_HOUR, type: 'restore-suspended' },
  ],
  arms: {
    threads: { description: 'Threads-like destination: one engagement-ranked feed, platform moderation.' },
    mastodon: { description: 'Mastodon-like destination: 33 servers, chronological and local timelines, strict servers defederate.' },
  },
  prepare(platform, context) {
    return attachExodus(platform, { ...EXODUS, destination: KIND[context.arm ?? 'threads'] }, { seed: context.seedKey });
  },
  series(_platform, exodus) {
    let left = 0;
    for (const m of exodus.moves) if (m.kind === 'leave') left++;
    return { 'exodus.moved-share': exodus.moved / exodus.n, 'exodus.left-share': left / exodus.n };
  },
  seriesHelp: {
    'exodus.moved-share': 'Share of accounts that have moved to the destination so far (left or cross-posting).',
    'exodus.left-share': 'Share of accounts that have left the origin for the destination so far.',
  },
  outcomes(platform, exodus) {
    const n = exodus.n;
    const camp = platform.world.camp;
    const snap = exodus.snapshot;
    const followers = snap ? snap.followers : new Int32Array(n);
    const sorted = Int32Array.from(followers).sort();
    const top = sorted[Math.min(n - 1, Math.floor(TOP_FOLLOWED_QUANTILE * n))];
    const moved = { opposed: 0, favoured: 0, top: 0, others: 0 };
    const size = { opposed: 0, favoured: 0, top: 0, others: 0 };
    let left = 0;
    for (let i = 0; i < n; i++) {
      const opposed = camp ? camp[i] === 0 : platform.world.agents.opinion[i] < 0;
      const hub = followers[i] >= top;
      const m = exodus.status[i] !== STAYED ? 1 : 0;
      if (exodus.status[i] === LEFT) left++;
      size[opposed ? 'opposed' : 'favoured']++;
      moved[opposed ? 'opposed' : 'favoured'] += m;
      size[hub ? 'top' : 'others']++;
      moved[hub ? 'top' : 'others'] += m;
    }
    const share = (a: number, b: number) => (b > 0 ? a / b : 0);
    const perDay = new Array<number>(DAYS_AFTER).fill(0);
    for (const m of exodus.moves) {
      const day = Math.floor((m.at - SWITCH_HOUR * 60 - 1e-9) / 1440);
      if (day >= 0 && day < DAYS_AFTER) perDay[day] += 1 / n;
    }
    const out: Record<string, number> = {
      'moved.share': exodus.moved / n,
      'left.share': left / n,
      'moved.opposed': share(moved.opposed, size.opposed),
      'moved.favoured': share(moved.favoured, size.favoured),
      'moved.top-followed': share(moved.top, size.top),
      'moved.others': share(moved.others, size.others),
      'pace.first-5-days': perDay.slice(0, 5).reduce((a, b) => a + b, 0) / 5,
      restored: snap ? snap.suspended : 0,
    };
    perDay.forEach((v, d) => {
      out[`per-day.d${d + 1}`] = v;
    });
    // Echo chambers: the origin at the switch, and the same people on each side of the move.
    const all = new Uint8Array(n).fill(1);
    const movers = Uint8Array.from(exodus.status, (s) => (s !== STAYED ? 1 : 0));
    const stayers = Uint8Array.from(exodus.status, (s) => (s !== LEFT ? 1 : 0));
    echoChamber('origin.before', exodus.snapshotView(all), out);
    echoChamber('origin.after', exodus.originView(), out);
    echoChamber('stayers.before', exodus.snapshotView(stayers), out);
    echoChamber('movers.before', exodus.snapshotView(movers), out);
    echoChamber('destination.after', exodus.destinationView(), out);
    // Follows: how much of the movers' network came with them.
    const dest = exodus.destination.graph;
    let before = 0;
    let kept = 0;
    if (snap) {
      snap.view.graph.forEachEdge((u, v) => {
        if (movers[u] !== 0 && movers[v] !== 0) {
          before++;
          if (dest.hasEdge(u, v)) kept++;
        }
      });
    }
    out['destination.follows-per-account'] = share(dest.m, exodus.moved);
    out['destination.kept-follows'] = share(kept, before);
    Object.assign(out, serverOutcomes(exodus));
    return out;
  },
  outcomeHelp: {
    'moved.*':
      'Share that moved to the destination by the end (left or cross-posting): moved.share of all accounts; moved.opposed / moved.favoured of the camp the change does not suit (opinions < 0) / suits; moved.top-followed / moved.others of the top 10 % by followers at the switch / the other 90 %.',
    'left.share': 'Share of accounts that left the origin (their account dormant there); the other movers cross-post on both.',
    'pace.first-5-days': 'Mean share of all accounts moving per day over the first 5 days after the switch (to compare with the 8.4 % a day ceiling scaled from 100 million Threads sign-ups in 5 days).',
    restored: 'Accounts suspended by moderation and restored at the switch (62,000 of 237.8 million scales to under one of 3,000).',
    'per-day.*': 'Share of all accounts that moved during this day after the switch (d1 = the first 24 hours).',
    'origin.before.*': 'Echo-chamber metric of the origin at the switch, all accounts (leaning-correlation: Cinelli et al. 2021; ei-index: −1 when every follow stays inside its camp; modularity: Louvain; opinion-variance).',
    'origin.after.*': 'The same metric at the end on the origin, accounts still active there (not left, not suspended).',
    'stayers.before.*': 'The same metric at the switch for the accounts still active on the origin at the end (the same people as origin.after).',
    'movers.before.*': 'The same metric at the switch for the accounts that moved (the same people as destination.after).',
    'destination.after.*': 'The same metric at the end on the destination, its accounts and follows.',
    'destination.follows-per-account': 'Follows on the destination per account there at the end (20 per account on the origin).',
    'destination.kept-follows': 'Share of the follows between two movers on the origin (at the switch) that exist on the destination at the end.',
    'servers.used': 'Servers with at least one account (1 for a centralised destination).',
    'servers.*':
      'How movers spread over servers (a centralised destination is one server): servers.largest-share and servers.top-quarter-share, the share of the destination\'s accounts on its largest server and on the largest 25 % of the servers it uses (He et al. 2023: 96 % of migrants on the largest 25 % of instances); servers.same-server-followees, the mean over movers of the share of their origin followees on their own server (He et al.: 14.72 %).',
    'federation.*':
      'Federation at the end: federation.suspensions, server pairs that stopped federating (a strict server suspended the other); federation.severed, follows removed because their servers do not federate; federation.hidden, home-timeline items a server\'s policy hid from a member (0 when centralised).',
  },
  figures: [
    'Misinformation policy switched off on 23 Nov 2022 and about 62,000 banned accounts restored: 62,000 of 237.8 million daily users is under one account of 3,000 (none restored in the measured seeds).',
    'Threads: 100 million sign-ups in 5 days, 8.4 % of 237.8 million a day, a ceiling for leavers: here 6.2 % of accounts move a day over the first 5 days.',
    'Mastodon: about 3,300 independent servers: 33 servers here, one per 100 real ones; 95 % of movers on the largest quarter of servers (He et al. 2023: 96 %).',
  ],
  keyOutcomes: ['exodus.moved-share', 'moved.*', 'per-day.*', 'movers.before.*', 'destination.after.*', 'stayers.before.*', 'origin.after.*'],
  outcomeKinds: {
    'exodus.moved-share': bounded(0, 1),
    'exodus.left-share': bounded(0, 1),
    'moved.*': bounded(0, 1),
    'left.share': bounded(0, 1),
    'pace.first-5-days': bounded(0, 1),
    restored: COUNT,
    'per-day.*': bounded(0, 1),
    'destination.kept-follows': bounded(0, 1),
    'servers.used': COUNT,
    'servers.*': bounded(0, 1),
    'federation.*': COUNT,
    // Correlation and E-I index lie in [−1, 1], modularity in [−1/2, 1], the variance of opinions on [−1, 1] in [0, 1].
    'origin.before.*': bounded(-1, 1),
    'origin.after.*': bounded(-1, 1),
    'stayers.before.*': bounded(-1, 1),
    'movers.before.*': bounded(-1, 1),
    'destination.after.*': bounded(-1, 1),
  },
});

/** Server outcomes; a centralised destination counts as one server that federates with itself. */
function serverOutcomes(exodus: Exodus): Record<string, number> {
  const fed = exodus.federation;
  const snap = exodus.snapshot;
  const moved = exodus.moved;
  const serverOf = (i: number) => (fed ? fed.server[i] : exodus.status[i] !== STAYED ? 0 : -1);
  // Mean share of a mover's origin followees (at the switch) on its own server.
  let sum = 0;
  if (snap) {
    const out = snap.view.graph.out;
    for (const { account: i } of exodus.moves) {
      const d = out.deg[i];
      if (d === 0) continue;
      let same = 0;
      for (let k = out.start[i], end = k + d; k < end; k++) if (serverOf(out.targets[k]) === serverOf(i)) same++;
      sum += same / d;
    }
  }
  const members = (fed ? Array.from(fed.members) : [moved]).filter((m) => m > 0).sort((a, b) => b - a);
  const quarter = Math.ceil(members.length / 4);
  const onTop = members.slice(0, quarter).reduce((a, b) => a + b, 0);
  return {
    'servers.used': members.length,
    'servers.largest-share': moved > 0 ? members[0] / moved : 0,
    'servers.top-quarter-share': moved > 0 ? onTop / moved : 0,
    'servers.same-server-followees': moved > 0 ? sum / moved : 0,
    'federation.suspensions': fed ? fed.suspensions : 0,
    'federation.severed': fed ? fed.severed : 0,
    'federation.hidden': fed ? fed.hidden : 0,
  };
}
