/**
 * Bot share and a bot-inflated poll.
 *
 * Question: a poll is run as two posts by the most-followed human account, a
 * "yes" post and a "no" post; votes are the accounts that like or reshare each
 * (the post or a reshare of it), one vote per account and option. With 5 %, 12 % or 20 % of accounts being
 * bots that push "yes", how far does the apparent yes share drift from the
 * true share of humans on the yes side?
 *
 * Bots (`amplify`, stance +1) reshare what is within 0.5 of their stance,
 * so the yes post (+0.6) and never the no post (−0.6); their reshares are
 * votes and also show the yes post to more humans. Humans' opinions are two
 * equal humps at ±0.5, so the true yes share is about 1/2. The bot share
 * changes which accounts are bots (not the network): arms are paired on the
 * network, not on the accounts.
 */
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import { defineScenario } from '../src/sim/platform/scenario.js';
import type { EngagementKind } from '../src/sim/platform/platform.js';

/** Voters for yes [0] and no [1]: one vote per account and option, however often it engaged. */
interface Votes {
  readonly voters: [Set<number>, Set<number>];
}

const POLLSTER = { pick: 'most-followed', count: 1 } as const;

export default defineScenario<Votes>({
  id: 'bots-and-poll',
  title: 'Bot share and a bot-inflated poll',
  question:
    'A poll counted from the likes and reshares of a yes post and a no post: with 5 %, 12 % or 20 % of accounts being bots that push yes, how far is the apparent yes share from the true share of humans on the yes side?',
  defaultArm: 'bots-12',
  lookFor:
    'against the no-bots control (itself noisy: which option\'s cascade takes off varies by seed), the apparent yes share rising with the bot share while the true human share stays near 1/2; the human-only vote share drifting up too, because bot reshares show the yes post (and not the no post) to more humans, and those who agree vote.',
  params: {
    agents: 3000,
    durationHours: 24,
    network: 'preferential-attachment',
    followsPerAccount: 20,
    opinionRule: 'none',
    unfollowProbability: 0,
    botBehaviour: 'amplify',
    botStance: 1,
    botActivityPerHour: 1,
  },
  quick: { agents: 800, durationHours: 12 },
  topics: ['poll'],
  timeline: [
    { at: 1, type: 'inject', name: 'poll-yes', author: POLLSTER, stance: 0.6, veracity: 'none', topic: 'poll', appeal: 2 },
    { at: 1, type: 'inject', name: 'poll-no', author: POLLSTER, stance: -0.6, veracity: 'none', topic: 'poll', appeal: 2 },
  ],
  arms: {
    'no-bots': { description: 'No bots: the control.', params: { botShare: 0 } },
    'bots-5': { description: '5 % bots.', params: { botShare: 0.05 } },
    'bots-12': { description: '12 % bots.', params: { botShare: 0.12 } },
    'bots-20': { description: '20 % bots.', params: { botShare: 0.2 } },
  },
  prepare(platform) {
    const votes: Votes = { voters: [new Set(), new Set()] };
    const previous = platform.hooks.onEngage;
    const w = platform.world;
    platform.hooks = {
      ...platform.hooks,
      onEngage: (actor: number, post: number, kind: EngagementKind, time: number) => {
        if (kind === 'like' || kind === 'reshare') {
          const root = w.posts.rootOf(post);
          if (root === platform.injected.get('poll-yes')) votes.voters[0].add(actor);
          else if (root === platform.injected.get('poll-no')) votes.voters[1].add(actor);
        }
        previous?.(actor, post, kind, time);
      },
    };
    return votes;
  },
  outcomes(platform, votes) {
    const a = platform.world.agents;
    let humans = 0;
    let yesSide = 0;
    for (let i = 0; i < a.n; i++) {
      if (a.bot[i] !== 0) continue;
      humans++;
      if (a.opinion[i] > 0) yesSide++;
    }
    const human = [0, 0];
    const bot = [0, 0];
    for (const option of [0, 1]) for (const i of votes.voters[option]) (a.bot[i] !== 0 ? bot : human)[option]++;
    const all = human[0] + human[1] + bot[0] + bot[1];
    const humanAll = human[0] + human[1];
    return {
      'apparent-yes': all > 0 ? (human[0] + bot[0]) / all : 0.5,
      'human-vote-yes': humanAll > 0 ? human[0] / humanAll : 0.5,
      'true-yes': humans > 0 ? yesSide / humans : 0.5,
      votes: all,
      'bot-vote-share': all > 0 ? (bot[0] + bot[1]) / all : 0,
    };
  },
  outcomeHelp: {
    'apparent-yes': 'Yes votes / all votes, counting every account once per option (what the poll shows).',
    'human-vote-yes': 'The same counting humans\' votes only.',
    'true-yes': 'Share of humans on the yes side (opinion > 0).',
    votes: 'Votes: accounts that liked or reshared a poll post (or a reshare of it), once per option.',
    'bot-vote-share': 'Share of the votes cast by bots.',
  },
  keyOutcomes: ['apparent-yes', 'true-yes', 'bot-vote-share'],
  outcomeKinds: {
    'apparent-yes': bounded(0, 1),
    'human-vote-yes': bounded(0, 1),
    'true-yes': bounded(0, 1),
    votes: COUNT,
    'bot-vote-share': bounded(0, 1),
  },
});
