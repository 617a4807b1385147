/**
 * Bot share and a bot-inflated poll.
 *
 * Question: a poll asks a yes-or-no question; humans are split evenly, and
 * a share of the accounts are bots that vote yes. What bot share makes a
 * true 50 % read as 57 %, and what do the reference bot shares (5 %, 9–15 %,
 * 20 %) make it read?
 *
 * The case (../shared/docs/VISION.md): the share of fake accounts on the
 * platform was disputed (about 5 % claimed by the platform, 20 % claimed by
 * its buyer, independent estimates 9–15 %), and a poll of 17 million voters
 * (57 % yes) was suspected of bot votes.
 *
 * The poll (src/sim/platform/poll.ts) is a post by the most-followed human
 * (named at setup), open for 24 hours, one vote per account. Every account
 * votes from its feed: the first time it is shown the poll (the post or a
 * reshare) it votes with probability 1/2 (an assumption: no figure is given
 * for the turnout of those shown a poll), a human yes if its opinion is
 * > 0, a bot always yes. Bots are otherwise ordinary accounts: they follow
 * like humans and have sessions at the humans' mean rate (0.1 an hour, with
 * no daily rhythm), so they are shown the poll about as often as humans
 * (their measured turnout is `turnout.bots`). Humans' opinions are two
 * equal humps at ±0.5 (the true yes share is 1/2 up to sampling) and do not
 * change; the poll post is neutral (stance 0), so humans on both sides
 * engage with it alike, and bots (`amplify`, stance +1) do not reshare it.
 * The bot share changes which accounts are bots (not the network): arms are
 * paired on the network, not on the accounts.
 *
 * The closed form (poll.ts): with a bot share b, turnouts t_b and t_h (the
 * share of bots and of humans that vote) and a true yes share q, the poll
 * reads (b·t_b + (1 − b)·t_h·q) / (b·t_b + (1 − b)·t_h). A true 1/2 reads
 * as 57 % when bots cast 14 % of the votes, i.e. at b/(1 − b) =
 * t_h·0.07 / (t_b·0.43): a 14 % bot share when bots vote as often as
 * humans, about 1 % if every bot votes by script while a tenth of the
 * humans do. `bots-for-57` applies it to each run's measured turnouts; the
 * arms give the same answer by interpolation (README).
 *
 * Scaling: shares carry over, counts do not. The bot shares are the case's
 * (0, 5, 9, 12, 15, 20 %); what the poll reads depends on the bot share,
 * the two turnouts and the true split, not on the number of voters. The
 * 17 million votes were about 7 % of the platform's daily active accounts
 * (about 238 million in its report for the second quarter of 2022); here
 * about 12 to 14 % of the humans vote (`turnout.humans`), some 1,300 votes
 * among 10,000 accounts. The sampling error of the share grows
 * accordingly: ±1.96·√(p(1 − p)/votes) is ±0.02 percentage points at 17
 * million votes and about ±2.7 points at 1,300 (`poll.wilson-low`/`-high`
 * give each run's 95 % Wilson interval, Wilson 1927).
 */
import { wilsonInterval } from '../src/report/outcome-interval.js';
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import { botShareForYesShare, expectedYesShare, openPoll, type Poll } from '../src/sim/platform/poll.js';
import { defineScenario } from '../src/sim/platform/scenario.js';

/** The poll's reading in the case, and the true share it is compared with. */
export const CASE_YES_SHARE = 0.57;
export const HUMAN_TURNOUT = 0.5;
export const BOT_TURNOUT = 0.5;
const POLL_HOURS = 24;

export default defineScenario<Poll>({
  id: 'bots-and-poll',
  title: 'Bot share and a bot-inflated poll',
  question:
    'A poll of 17 million voters read 57 % yes while the share of bots on the platform was disputed (5 % claimed by the platform, 9–15 % estimated independently, 20 % claimed by its buyer). Here a poll on a simulated platform of 10,000 accounts takes one vote per account for 24 hours: an account shown the poll in its feed votes with probability 1/2, humans (split evenly) by their opinion, bots always yes; some 12 to 14 % of the humans vote, as 17 million votes were about 7 % of the platform\'s daily active accounts. What bot share makes a true 50 % read as 57 %, and what do bot shares of 5 %, 9 %, 12 %, 15 % and 20 % make it read?',
  defaultArm: 'bots-12',
  lookFor:
    'the poll reading the truth without bots (0.51, 95 % interval 0.50–0.51 over 10 runs) and rising with the bot share: 0.54 at 5 % (the platform\'s claim), 0.56 at 9 %, 0.57 at 12 %, 0.60 at 15 % and 0.63 at 20 % (the buyer\'s claim), while the true share stays at 0.50. Bots vote about as often as humans here (turnout 0.15–0.17 against 0.11–0.14), so they cast about their share of the votes (6, 11, 15, 19 and 25 %), and a true 1/2 reads as 57 % at about 11 % bots, inside the independent estimates (9–15 %): 0.111 by interpolation between the arms (95 % interval 0.094–0.129 over the 10 paired replicates), 0.107–0.120 by the closed form at the measured turnouts (`bots-for-57`). Had every bot voted while humans turned out as here, about 2 % bots would have been enough. One run\'s poll has about 1,300 votes, so its own 95 % Wilson interval is about ±2.7 points (±0.02 at 17 million votes).',
  params: {
    agents: 10_000,
    durationHours: 1 + POLL_HOURS,
    network: 'preferential-attachment',
    followsPerAccount: 20,
    opinionRule: 'none',
    unfollowProbability: 0,
    botBehaviour: 'amplify',
    botStance: 1,
    // Bots read and vote as often as the average human (activityPerHour 0.1), without the daily rhythm.
    botActivityPerHour: 0.1,
  },
  quick: { agents: 2000 },
  topics: ['poll'],
  accounts: { pollster: { pick: 'most-followed' } },
  timeline: [{ at: 1, type: 'inject', name: 'poll', author: { name: 'pollster' }, stance: 0, veracity: 'none', topic: 'poll', appeal: 2 }],
  arms: {
    'no-bots': { description: 'No bots: the control.', params: { botShare: 0 } },
    'bots-5': { description: '5 % bots (the platform\'s claim).', params: { botShare: 0.05 } },
    'bots-9': { description: '9 % bots (low end of the independent estimates).', params: { botShare: 0.09 } },
    'bots-12': { description: '12 % bots (middle of the independent estimates).', params: { botShare: 0.12 } },
    'bots-15': { description: '15 % bots (high end of the independent estimates).', params: { botShare: 0.15 } },
    'bots-20': { description: '20 % bots (the buyer\'s claim).', params: { botShare: 0.2 } },
  },
  prepare(platform, context) {
    // The turnout hash's salt comes from the scenario's own stream: the same in every arm, so a human decides the same way wherever it is shown the poll.
    return openPoll(platform, { post: 'poll', humanTurnout: HUMAN_TURNOUT, botTurnout: BOT_TURNOUT, botsVote: 'from-feed', hours: POLL_HOURS, salt: context.rng.fork('poll').int(0x7fffffff) });
  },
  series(_platform, poll) {
    const t = poll.tally();
    const votes = t.yes + t.no;
    return { 'poll.yes-so-far': votes > 0 ? t.yes / votes : 0.5, 'poll.votes-so-far': votes };
  },
  seriesHelp: {
    'poll.yes-so-far': 'Yes share of the votes cast so far (1/2 before the first vote).',
    'poll.votes-so-far': 'Votes cast so far.',
  },
  outcomes(platform, poll) {
    const a = platform.world.agents;
    let humans = 0;
    let yesSide = 0;
    let bots = 0;
    for (let i = 0; i < a.n; i++) {
      if (a.bot[i] !== 0) {
        bots++;
        continue;
      }
      humans++;
      if (a.opinion[i] > 0) yesSide++;
    }
    const t = poll.tally();
    const votes = t.yes + t.no;
    const humanVotes = t.humanYes + t.humanNo;
    const botVotes = t.botYes + t.botNo;
    const wilson = wilsonInterval(t.yes, votes);
    const trueYes = humans > 0 ? yesSide / humans : 0.5;
    const humanTurnout = humans > 0 ? humanVotes / humans : 0;
    // Without bots, bots are taken to vote as often as humans (they are shown the poll and vote alike).
    const botTurnout = bots > 0 ? botVotes / bots : humanTurnout;
    const botShare = bots / a.n;
    return {
      'poll.yes': votes > 0 ? t.yes / votes : 0.5,
      'poll.wilson-low': votes > 0 ? wilson.lower : 0,
      'poll.wilson-high': votes > 0 ? wilson.upper : 1,
      'true-yes': trueYes,
      'human-vote-yes': humanVotes > 0 ? t.humanYes / humanVotes : 0.5,
      votes,
      'votes.humans': humanVotes,
      'votes.bots': botVotes,
      'bot-vote-share': votes > 0 ? botVotes / votes : 0,
      'shown.humans': humans > 0 ? t.humansShown / humans : 0,
      'turnout.humans': humanTurnout,
      'turnout.bots': bots > 0 ? botVotes / bots : 0,
      'poll.closed-form': humanTurnout > 0 || botShare > 0 ? expectedYesShare(botShare, humanTurnout, botTurnout, trueYes) : 0.5,
      'bots-for-57': humanTurnout > 0 && botTurnout > 0 ? botShareForYesShare(CASE_YES_SHARE, humanTurnout, botTurnout, 0.5) : 0,
    };
  },
  outcomeHelp: {
    'poll.yes': 'What the poll reads: yes votes / all votes (one vote per account).',
    'poll.wilson-low': 'Lower end of the 95 % Wilson interval of this run\'s yes share (its sampling error, given its number of votes).',
    'poll.wilson-high': 'Upper end of that interval.',
    'true-yes': 'The truth: share of humans on the yes side (opinion > 0).',
    'human-vote-yes': 'Yes share of the humans\' votes alone.',
    votes: 'Votes cast (17 million in the case).',
    'votes.humans': 'Votes cast by humans.',
    'votes.bots': 'Votes cast by bots.',
    'bot-vote-share': 'Bots\' share of the votes (14 % turns a true 1/2 into 57 %).',
    'shown.humans': 'Share of humans shown the poll (the post or a reshare) while it was open.',
    'turnout.humans': 'Share of humans that voted (about half of those shown the poll).',
    'turnout.bots': 'Share of bots that voted (about half of those shown the poll; 0 without bots).',
    'poll.closed-form': 'What the closed form predicts the poll reads from this run\'s bot share, turnouts and true share: (b·t_b + (1 − b)·t_h·q) / (b·t_b + (1 − b)·t_h).',
    'bots-for-57': 'The bot share (of accounts) at which a true 1/2 reads as 57 % at this run\'s turnouts: b/(1 − b) = t_h·0.07 / (t_b·0.43) (without bots, t_b = t_h, which gives 0.14).',
  },
  keyOutcomes: ['poll.yes', 'true-yes', 'bot-vote-share', 'bots-for-57', 'turnout.humans', 'poll.yes-so-far'],
  // The poll's own series and outcomes answer the question; the network metrics would only add charts and time.
  figures: [
    'Disputed share of fake accounts: about 5 % (the platform), 20 % (its buyer), 9–15 % (independent estimates): the arms have 0, 5, 9, 12, 15 and 20 % bots.',
    'A poll of 17 million voters read 57 % yes: shares carry over, counts do not; here about 1,300 votes among 10,000 accounts, so each run\'s interval is about ±2.7 points (±0.02 at 17 million).',
    'What bot share makes a true 50 % read as 57 %: bots-for-57 from each run\'s turnouts (closed form), and by interpolation between the arms.',
  ],
  metrics: [],
  finalMetrics: [],
  outcomeKinds: {
    'poll.yes': bounded(0, 1),
    'poll.wilson-low': bounded(0, 1),
    'poll.wilson-high': bounded(0, 1),
    'true-yes': bounded(0, 1),
    'human-vote-yes': bounded(0, 1),
    votes: COUNT,
    'votes.humans': COUNT,
    'votes.bots': COUNT,
    'bot-vote-share': bounded(0, 1),
    'shown.humans': bounded(0, 1),
    'turnout.humans': bounded(0, 1),
    'turnout.bots': bounded(0, 1),
    'poll.closed-form': bounded(0, 1),
    'bots-for-57': bounded(0, 1),
    'poll.yes-so-far': bounded(0, 1),
    'poll.votes-so-far': COUNT,
  },
});
