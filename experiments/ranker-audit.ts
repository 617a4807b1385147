/**
 * A sock-puppet audit of the feed rankers.
 *
 * Question: three scripted accounts — a left puppet (opinion −0.7, likes
 * what is within 0.5 of it), a right puppet (+0.7, the same script) and a
 * neutral puppet (0, only scrolls) — follow the same 30 accounts and never
 * change their minds. How partisan and how false is what each is shown
 * under each ranker (reverse-chronological, engagement, similarity,
 * bridging, random)?
 *
 * The method is that of algorithmic audits with sock puppets (Sandvig et
 * al. 2014; on YouTube, Haroon et al., PNAS 2023, and Hosseinmardi et al.,
 * PNAS 2024, ran scripted accounts with set viewing behaviour and logged
 * every recommendation; on Twitter, Huszár et al., PNAS 2022, compared the
 * ranked and the reverse-chronological timelines of a randomised control
 * group). This scenario states no real event and scales no figures: it is
 * the instrument, run on a synthetic two-camp platform. What it can show is
 * how each ranker's rule turns into what a given kind of reader is shown,
 * all else paired: every arm has the same seed, network, accounts, puppets
 * and puppet follows (common random numbers, scenario.ts).
 *
 * Set-up: a two-camp network (1,500 accounts, homophily 0.6, opinions by
 * camp), bounded-confidence opinions, ten claims an hour of which half are
 * false. The three puppets are random humans named at setup; before the
 * run each drops its follows and follows the same 30 humans, drawn with the
 * scenario's own stream (the same in every arm), so that differences
 * between puppets are the ranker's response to them (their opinion, and
 * what the like-aligned ones liked), not different follow lists. Puppets
 * have one session an hour, do not post, follow or drift (puppets.ts).
 * Every post shown to a puppet is a row of feeds.csv; the outcomes sum the
 * log up per kind of puppet.
 */
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import type { OutcomeKind } from '../src/report/outcome-kind.js';
import type { Platform } from '../src/sim/platform/platform.js';
import { RANKER_NAMES } from '../src/sim/platform/platform-params.js';
import { PUPPET_OUTCOME_HELP, puppetOutcomes } from '../src/sim/platform/puppets.js';
import { defineScenario, type ScenarioArm, type ScenarioContext } from '../src/sim/platform/scenario.js';

/** Accounts every puppet follows (the same ones for all three). */
const SHARED_FOLLOWS = 30;
const KINDS = ['left', 'right', 'neutral'] as const;

const arms: Record<string, ScenarioArm> = Object.fromEntries(RANKER_NAMES.map((r) => [r, { description: `${r} feed`, params: { ranker: r } }]));

/** Give every puppet the same follows: SHARED_FOLLOWS humans (not puppets) drawn with the scenario's stream. */
function shareFollows(platform: Platform, context: ScenarioContext): void {
  const w = platform.world;
  const puppets = platform.puppets.map((p) => p.account);
  const taken = new Set(puppets);
  const humans: number[] = [];
  for (let i = 0; i < w.agents.n; i++) if (w.agents.bot[i] === 0 && !taken.has(i)) humans.push(i);
  const rng = context.rng.fork('follows');
  const chosen: number[] = [];
  // A partial Fisher–Yates shuffle: SHARED_FOLLOWS distinct accounts.
  for (let k = 0; k < SHARED_FOLLOWS && k < humans.length; k++) {
    const j = k + rng.int(humans.length - k);
    [humans[k], humans[j]] = [humans[j], humans[k]];
    chosen.push(humans[k]);
  }
  const out = w.graph.out;
  for (const i of puppets) {
    const current = Array.from(out.targets.subarray(out.start[i], out.start[i] + out.deg[i]));
    for (const v of current) w.graph.removeEdge(i, v);
    for (const v of chosen) w.graph.addEdge(i, v);
  }
}

const outcomeHelp: Record<string, string> = {};
const outcomeKinds: Record<string, OutcomeKind> = {};
for (const kind of KINDS) {
  for (const [what, help] of Object.entries(PUPPET_OUTCOME_HELP)) {
    const key = `puppet.${kind}.${what}`;
    outcomeHelp[key] = help.replace('<kind>', kind);
    outcomeKinds[key] = what === 'items' ? COUNT : what === 'mean-stance' ? bounded(-1, 1) : bounded(0, 1);
  }
}

export default defineScenario<void>({
  id: 'ranker-audit',
  title: 'Sock-puppet audit of the feed rankers',
  question:
    'Three puppets that follow the same 30 accounts and never change their minds — left (−0.7, likes what it agrees with), right (+0.7, the same) and neutral (0, only scrolls): how partisan and how false is what each is shown under each ranker?',
  lookFor:
    'the similarity ranker pulling each partisan puppet\'s feed to its own side (mean stance shown apart between the left and right puppets, where reverse-chronological shows both the same posts); the engagement ranker doing the same less; the neutral puppet\'s extreme-share under each ranker; false-share differences between rankers. A synthetic audit: no real event is scaled here.',
  params: {
    agents: 1500,
    durationHours: 72,
    network: 'two-camps',
    homophily: 0.6,
    followsPerAccount: 20,
    initialOpinions: 'by-camp',
    activityPerHour: 0.5,
    opinionRule: 'bounded-confidence',
    claimsPerHour: 10,
    claimFalseShare: 0.5,
  },
  quick: { agents: 400, durationHours: 24 },
  accounts: {
    'left-puppet': { pick: 'random' },
    'right-puppet': { pick: 'random' },
    'neutral-puppet': { pick: 'random' },
  },
  puppets: {
    'left-puppet': { kind: 'left', opinion: -0.7, policy: 'like-aligned', likeWithin: 0.5, sessionsPerHour: 1 },
    'right-puppet': { kind: 'right', opinion: 0.7, policy: 'like-aligned', likeWithin: 0.5, sessionsPerHour: 1 },
    'neutral-puppet': { kind: 'neutral', opinion: 0, policy: 'passive', sessionsPerHour: 1 },
  },
  arms,
  defaultArm: 'chronological',
  metrics: [],
  finalMetrics: [],
  prepare(platform, context) {
    shareFollows(platform, context);
  },
  outcomes(platform) {
    return puppetOutcomes(platform.feedLog, platform.puppets);
  },
  outcomeHelp,
  outcomeKinds,
  keyOutcomes: ['puppet.left.mean-stance', 'puppet.right.mean-stance', 'puppet.neutral.extreme-share', 'puppet.left.false-share', 'puppet.right.false-share', 'puppet.neutral.false-share'],
});
