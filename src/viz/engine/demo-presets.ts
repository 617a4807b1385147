/**
 * The teaching demo's presets: each is one of the experiments/ scenarios,
 * sized for a classroom (2,000 accounts, 3,000 for the brand crisis, a
 * tick short enough that the effect shows in 10–60 s of play at 10 ticks a
 * second), with a guiding question and
 * "what to look for" in English and French, the controls worth showing first
 * and the charts that tell the story. Also the parameter schema the demo
 * exposes (the platform's, with a demo-sized maximum for `agents`) and French
 * labels and help for it.
 *
 * Pure data and lookups: no DOM, no clock; the page imports it directly.
 */
import { ParamError, closest } from '../../model/errors.js';
import { PLATFORM_DEFAULTS, PLATFORM_SCHEMA, type ParamSpec } from '../../sim/platform/platform-params.js';
import { scenarioParams, type Scenario } from '../../sim/platform/scenario.js';
import botsAndPoll from '../../../experiments/bots-and-poll.js';
import brandCrisis from '../../../experiments/brand-crisis.js';
import crowdstrikeHoax from '../../../experiments/crowdstrike-hoax.js';
import echoChambersByRanker from '../../../experiments/echo-chambers-by-ranker.js';
import falseConsensus from '../../../experiments/false-consensus.js';
import majorityIllusion from '../../../experiments/majority-illusion.js';
import moderationOff from '../../../experiments/moderation-off.js';
import type { ChartId, Lang, Localized, ParamValue, PresetInfo } from './demo-protocol.js';

export type { ParamSpec };

/** Largest number of accounts the demo offers (the page must stay responsive). */
export const DEMO_MAX_AGENTS = 20_000;
/**
 * Most follows the demo builds (accounts × follows per account): the page
 * builds a network this big in about 6 s of one laptop core (measured in
 * headless Chromium: 20,000 accounts × 50 follows, the build, the first
 * Louvain run and the first frame), so about 10 s on a slower machine. A
 * link asking for more gets its follows (else its accounts) replaced by
 * the default, and a notice.
 */
export const DEMO_MAX_FOLLOWS = 1_000_000;
/** Smallest: below this the platform's networks are degenerate. */
export const DEMO_MIN_AGENTS = 10;
export const DEFAULT_SEED = '1';

/** Everything the engine needs about a preset beyond what the page shows. */
export interface PresetDefinition {
  readonly id: string;
  readonly scenario: Scenario<unknown>;
  readonly title: Localized;
  readonly question: Localized;
  readonly lookFor: Localized;
  readonly armLabels: Readonly<Record<string, Localized>>;
  /** The arm shown first when it is not the scenario's default. */
  readonly defaultArm?: string;
  /** Demo-sized parameters over the scenario's (never a parameter an arm sets). */
  readonly overrides: Readonly<Record<string, ParamValue>>;
  readonly controls: readonly string[];
  readonly charts: readonly ChartId[];
  /** Topic whose posts count as the hoax (reach, volume, cascade), or null. */
  readonly hoaxTopic: string | null;
  /** Topic watched by the weak-signal alert chart, or null. */
  readonly watchTopic: string | null;
  /** Whether the preset's scenario opens a poll (its `prepare` returns the Poll), whose yes share the poll chart shows. */
  readonly poll: boolean;
  /** How the graph is coloured when the preset opens (default: by opinion). */
  readonly colourBy?: 'opinion' | 'hoax';
}

const L = (en: string, fr: string): Localized => ({ en, fr });

const PRESETS: readonly PresetDefinition[] = [
  {
    id: 'echo-chambers',
    scenario: echoChambersByRanker as Scenario<unknown>,
    title: L('Echo chambers forming', 'Des chambres d’écho se forment'),
    question: L(
      'Two groups start out mixed. People unfollow those they disagree with. Does the way the feed is sorted make the groups close in on themselves?',
      'Deux groupes sont d’abord mélangés. Chacun se désabonne des gens avec qui il n’est pas d’accord. La façon de trier le fil fait-elle que les groupes se referment sur eux-mêmes\u202f?',
    ),
    lookFor: L(
      'At the start the two colours are mixed in the graph and the “neighbour leaning” line is near 0. Watch the colours separate, the “neighbour leaning” line climb and the “polarisation” line rise towards 1 (two separate camps). Then switch the ranker (newest first, engagement, similar to me, bridging) and compare how fast they climb.',
      'Au départ, les deux couleurs sont mélangées dans le graphe et la courbe « penchant des voisins » est proche de 0. Regardez les couleurs se séparer, la courbe « penchant des voisins » monter et la courbe « polarisation » monter vers 1 (deux camps séparés). Changez ensuite le classement du fil (les plus récents d’abord, engagement, ce qui me ressemble, pont) et comparez la vitesse de la montée.',
    ),
    armLabels: {
      chronological: L('Newest first', 'Les plus récents d’abord'),
      engagement: L('Engagement (likes, replies)', 'Engagement (j’aime, réponses)'),
      similarity: L('Similar to me', 'Ce qui me ressemble'),
      bridging: L('Bridging (liked by both sides)', 'Pont (aimé des deux camps)'),
      random: L('Random', 'Au hasard'),
    },
    // Follows as likely across camps as within (homophily 1/2): the groups start mixed, as the text says.
    overrides: { agents: 2000, tickMinutes: 30, durationHours: 120, homophily: 0.5 },
    controls: ['ranker', 'recommender', 'unfollowProbability', 'tolerance', 'homophily', 'feedSize', 'agents'],
    charts: ['leaning-correlation', 'polarisation', 'histogram'],
    hoaxTopic: null,
    watchTopic: null,
    poll: false,
  },
  {
    id: 'majority-illusion',
    scenario: majorityIllusion as Scenario<unknown>,
    title: L('Majority illusion', 'L’illusion de la majorité'),
    question: L(
      'Only 1 account in 5 holds the red view. What if those few are the accounts everybody follows?',
      'Seul 1 compte sur 5 a l’avis rouge. Et si ces quelques comptes étaient ceux que tout le monde suit\u202f?',
    ),
    lookFor: L(
      'The true share stays at 20\u00a0%, but the “perceived share” line climbs far above it: many people think the minority is the majority. Switch to “random minority” and compare.',
      'La part réelle reste à 20\u00a0%, mais la courbe «\u00a0part perçue\u00a0» monte bien au-dessus\u00a0: beaucoup croient que la minorité est majoritaire. Passez à «\u00a0minorité au hasard\u00a0» et comparez.',
    ),
    armLabels: {
      'hubs-hold-minority': L('The most-followed hold it', 'Les plus suivis la portent'),
      'random-minority': L('Random minority', 'Minorité au hasard'),
    },
    overrides: { agents: 2000, tickMinutes: 10, durationHours: 24 },
    controls: ['followsPerAccount', 'followerExponent', 'ranker', 'feedSize', 'agents'],
    charts: ['perceived-share', 'histogram'],
    hoaxTopic: null,
    watchTopic: null,
    poll: false,
  },
  {
    id: 'false-consensus',
    scenario: falseConsensus as Scenario<unknown>,
    title: L('False consensus', 'Le faux consensus'),
    question: L(
      '40\u00a0% lean right, 60\u00a0% lean left. Judging only by their feed, how common does each side think it is?',
      '40\u00a0% penchent à droite, 60\u00a0% à gauche. En ne regardant que leur fil, à quel point chaque camp se croit-il nombreux\u202f?',
    ),
    lookFor: L(
      'The “perceived size of each side” chart shows how big each side thinks it is, judging by its feed, against the true shares (dashed): 40 % on the right, 60 % on the left. With “newest first” each line stays near its dashed line. With “similar to me” each side sees mostly itself: both lines climb far above their true share, and the right, the minority, believes it is the majority.',
      'Le graphique « taille perçue de chaque camp » montre la taille que chaque camp se donne d’après son fil, face aux vraies parts (en pointillés) : 40 % à droite, 60 % à gauche. Avec « les plus récents d’abord », chaque courbe reste près de ses pointillés. Avec « ce qui me ressemble », chaque camp se voit surtout lui-même : les deux courbes montent bien au-dessus de leur vraie part, et la droite, minoritaire, se croit majoritaire.',
    ),
    armLabels: {
      chronological: L('Newest first', 'Les plus récents d’abord'),
      similarity: L('Similar to me', 'Ce qui me ressemble'),
    },
    overrides: { agents: 2000, tickMinutes: 15, durationHours: 48 },
    controls: ['ranker', 'similarityGamma', 'feedSize', 'followsPerAccount', 'agents'],
    charts: ['own-side', 'histogram'],
    hoaxTopic: null,
    watchTopic: null,
    poll: false,
  },
  {
    id: 'crowdstrike-hoax',
    scenario: crowdstrikeHoax as Scenario<unknown>,
    title: L('A hoax relayed by two big accounts', 'Une intox relayée par deux gros comptes'),
    question: L(
      'A small account posts a false story. Four hours later, two very popular accounts share it. How far does it go in one day?',
      'Un petit compte publie une fausse information. Quatre heures plus tard, deux comptes très suivis la partagent. Jusqu’où va-t-elle en une journée\u202f?',
    ),
    lookFor: L(
      'The graph is coloured by who has seen the hoax (orange) or not yet (grey). The “accounts reached” line jumps after hour 4, when the big accounts share it; the “false posts per hour” chart shows the burst. Open the cascade tree: most shares come from ordinary accounts. Try “big accounts silent” or another ranker.',
      'Le graphe est coloré selon qui a vu l’intox (orange) ou pas encore (gris). La courbe « comptes atteints » bondit après la 4e heure, quand les gros comptes partagent ; le graphique « fausses publications par heure » montre la poussée. Ouvrez l’arbre de diffusion : la plupart des partages viennent de comptes ordinaires. Essayez « gros comptes muets » ou un autre classement.',
    ),
    armLabels: {
      'with-hubs': L('Big accounts relay it', 'Les gros comptes relaient'),
      'hubs-muted': L('Big accounts silent', 'Gros comptes muets'),
    },
    overrides: { agents: 2000, tickMinutes: 10, durationHours: 24 },
    controls: ['ranker', 'credulity', 'moderation', 'detectionDelayHours', 'reshareProbability', 'agents'],
    charts: ['hoax', 'hoax-volume', 'cascade'],
    colourBy: 'hoax',
    hoaxTopic: 'hoax',
    watchTopic: 'hoax',
    poll: false,
  },
  {
    id: 'brand-crisis',
    scenario: brandCrisis as Scenario<unknown>,
    title: L('A brand crisis and its early warning', 'Une crise de marque et son alerte précoce'),
    question: L(
      'Someone asks an awkward question about a brand. More people ask it each day until the brand answers. When does an alert go off, and what does waiting cost?',
      'Quelqu’un pose une question gênante sur une marque. Chaque jour, plus de gens la reposent, jusqu’à ce que la marque réponde. Quand l’alerte se déclenche-t-elle, et que coûte l’attente\u202f?',
    ),
    lookFor: L(
      'The “weak-signal alert” chart shows how unusual the number of mentions is (its z-score) against the alert threshold (dashed): it creeps up for days as more people ask, then the alert goes off. Compare answering after 1 day, when the questions stop before they can set it off, with answering after 8 days, as the brand did in the real case.',
      'Le graphique «\u00a0alerte signal faible\u00a0» montre à quel point le nombre de mentions sort de l’ordinaire (son score z) face au seuil d’alerte (en pointillés)\u00a0: il monte pendant des jours, à mesure que plus de gens posent la question, puis l’alerte se déclenche. Comparez une réponse après 1 jour, où les questions s’arrêtent avant de pouvoir la déclencher, et après 8 jours, comme la marque dans le cas réel.',
    ),
    armLabels: {
      'no-crisis': L('No crisis', 'Pas de crise'),
      'answer-1d': L('Answer after 1 day', 'Réponse après 1 jour'),
      'answer-8d': L('Answer after 8 days', 'Réponse après 8 jours'),
    },
    defaultArm: 'answer-8d',
    // The scenario's own size: at 2,000 accounts the default seed's questions stay just below the alert threshold.
    overrides: { agents: 3000, tickMinutes: 60 },
    controls: ['alertZ', 'backlashProbability', 'tolerance', 'influence', 'agents'],
    charts: ['alert', 'histogram'],
    hoaxTopic: null,
    watchTopic: 'brand',
    poll: false,
  },
  {
    id: 'moderation-off',
    scenario: moderationOff as Scenario<unknown>,
    title: L('Moderation switched off', 'La modération coupée'),
    question: L(
      'False stories keep being posted and bots share them. On 23 November 2022 (hour 72) moderation is switched off, as on the real platform, and banned accounts come back. What changes?',
      'De fausses informations sont publiées sans arrêt et des robots les partagent. Le 23 novembre 2022 (72e heure), la modération est coupée, comme sur la vraie plateforme, et les comptes bannis reviennent. Qu’est-ce qui change\u202f?',
    ),
    lookFor: L(
      'The graph is coloured by who has seen a false story (orange). After hour 72 the “false posts per hour” and the “accounts reached” lines jump up. Compare with “moderation kept on”.',
      'Le graphe est coloré selon qui a vu une fausse information (orange). Après la 72e heure, les courbes « fausses publications par heure » et « comptes atteints » bondissent. Comparez avec « modération maintenue ».',
    ),
    armLabels: {
      'switched-off': L('Switched off on day 3', 'Coupée au 3e jour'),
      'kept-on': L('Kept on', 'Maintenue'),
    },
    overrides: { agents: 2000, tickMinutes: 30 },
    controls: ['moderation', 'detectionDelayHours', 'detectionProbability', 'botShare', 'ranker', 'agents'],
    charts: ['hoax-volume', 'hoax', 'cascade'],
    colourBy: 'hoax',
    hoaxTopic: 'claims',
    watchTopic: 'claims',
    poll: false,
  },
  {
    id: 'bots-and-poll',
    scenario: botsAndPoll as Scenario<unknown>,
    title: L('Bots and a poll', 'Des robots et un sondage'),
    question: L(
      'A poll asks “yes or no?”: every account that sees it in its feed may vote once. Half of the humans are on the “yes” side; some accounts are bots that always vote “yes”. Does the poll still tell the truth?',
      'Un sondage demande «\u00a0oui ou non\u202f?\u00a0»\u00a0: chaque compte qui le voit dans son fil peut voter une fois. La moitié des humains est du côté du «\u00a0oui\u00a0»\u00a0; certains comptes sont des robots qui votent toujours «\u00a0oui\u00a0». Le sondage dit-il encore la vérité\u202f?',
    ),
    lookFor: L(
      'The dashed line is the true share of humans on the “yes” side: about 50 %. The poll line is the share of “yes” votes: with bots it climbs above the dashed line, and the more bots, the higher. A real poll of 17 million votes read 57 %: compare no bots, 5 %, 9 %, 12 %, 15 % and 20 % (the disputed shares of fake accounts).',
      'La ligne en pointillés est la vraie part des humains du côté du «\u00a0oui\u00a0»\u00a0: environ 50\u00a0%. La courbe du sondage est la part des votes «\u00a0oui\u00a0»\u00a0: avec des robots, elle monte au-dessus des pointillés, et d’autant plus qu’il y a de robots. Un vrai sondage de 17 millions de votes a donné 57\u00a0%\u00a0: comparez sans robots, 5\u00a0%, 9\u00a0%, 12\u00a0%, 15\u00a0% et 20\u00a0% (les parts de faux comptes avancées).',
    ),
    armLabels: {
      'no-bots': L('No bots', 'Sans robots'),
      'bots-5': L('5\u00a0% bots', '5\u00a0% de robots'),
      'bots-9': L('9\u00a0% bots', '9\u00a0% de robots'),
      'bots-12': L('12\u00a0% bots', '12\u00a0% de robots'),
      'bots-15': L('15\u00a0% bots', '15\u00a0% de robots'),
      'bots-20': L('20\u00a0% bots', '20\u00a0% de robots'),
    },
    overrides: { agents: 2000, tickMinutes: 10, durationHours: 25 },
    controls: ['botActivityPerHour', 'reshareProbability', 'ranker', 'agents'],
    charts: ['poll', 'histogram'],
    hoaxTopic: null,
    watchTopic: 'poll',
    poll: true,
  },
];

export const DEFAULT_PRESET = 'echo-chambers';

const BY_ID = new Map(PRESETS.map((p) => [p.id, p]));

/** Ids of the presets, in menu order. */
export function presetIds(): string[] {
  return PRESETS.map((p) => p.id);
}

/** The engine-side definition of a preset (throws ParamError for an unknown id). */
export function presetDefinition(id: string): PresetDefinition {
  const def = BY_ID.get(id);
  if (!def) {
    const near = closest(String(id), presetIds());
    throw new ParamError('demo', 'preset', id, `one of ${presetIds().join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  return def;
}

/**
 * Parameters the demo never exposes: read caps, monitor limits, country
 * groups, given networks; the calendar (charts count hours) and the share
 * restored (a scenario's setting).
 */
const HIDDEN = new Set(['groups', 'readCaps', 'readCapVerified', 'readCapUnverified', 'readCapNew', 'readCapScale', 'monitorSample', 'monitorRateLimitPerHour', 'startDate', 'timeZone', 'restoreShare', 'foreignLanguageFactor', 'plantedHubHomeShare', 'outlets', 'outletFringeUnreliability', 'outletLinkShare', 'outletLeanScale', 'sourceDownranking', 'accuracyPromptShare', 'accuracyPromptEffect', 'prebunkingShare', 'prebunkingReshareEffect', 'prebunkingBeliefEffect', 'frictionShare', 'frictionReshareEffect', 'frictionFalseEffect']);

let SPECS: Record<string, ParamSpec> | null = null;

/** The platform parameters the demo exposes, with their schema (agents capped for a browser). */
export function paramSpecs(): Record<string, ParamSpec> {
  if (SPECS) return SPECS;
  const out: Record<string, ParamSpec> = {};
  for (const [name, spec] of Object.entries(PLATFORM_SCHEMA) as Array<[string, ParamSpec]>) {
    if (HIDDEN.has(name)) continue;
    if (name === 'agents' && spec.kind === 'number') out[name] = { ...spec, min: DEMO_MIN_AGENTS, max: DEMO_MAX_AGENTS };
    else if (name === 'network' && spec.kind === 'choice') out[name] = { ...spec, options: spec.options.filter((o) => o !== 'given') };
    else if (name === 'durationHours' && spec.kind === 'number') out[name] = { ...spec, min: 1, max: 24 * 30 };
    else if (name === 'tickMinutes' && spec.kind === 'number') out[name] = { ...spec, min: 5, max: 240 };
    else out[name] = spec;
  }
  SPECS = out;
  return out;
}

/**
 * Effective parameters of a preset arm with overrides (platform defaults <
 * scenario < arm < demo preset < overrides), as plain values (group names
 * and shares are left out). Throws like `scenarioParams` on bad values.
 */
export function effectiveParams(def: PresetDefinition, arm: string | null, overrides: Readonly<Record<string, ParamValue>> = {}): Record<string, ParamValue> {
  const p = scenarioParams(def.scenario, { arm: arm ?? defaultArmOf(def) ?? undefined, overrides: { ...def.overrides, ...overrides } });
  const out: Record<string, ParamValue> = {};
  for (const name of Object.keys(PLATFORM_SCHEMA)) out[name] = (p as unknown as Record<string, ParamValue>)[name];
  return out;
}

/** The scenario's default arm (its `defaultArm`, else its first), or null without arms. */
export function defaultArmOf(def: PresetDefinition): string | null {
  const names = Object.keys(def.scenario.arms ?? {});
  return def.defaultArm ?? def.scenario.defaultArm ?? names[0] ?? null;
}

/** What the page shows for a preset, with the effective parameters of an arm (default: its default arm). */
export function presetInfo(id: string, arm: string | null = null, overrides: Readonly<Record<string, ParamValue>> = {}): PresetInfo {
  const def = presetDefinition(id);
  const arms = Object.keys(def.scenario.arms ?? {}).map((a) => ({ id: a, label: def.armLabels[a] ?? L(a, a) }));
  return {
    id: def.id,
    scenario: def.scenario.id,
    title: def.title,
    question: def.question,
    lookFor: def.lookFor,
    arms,
    defaultArm: defaultArmOf(def),
    params: effectiveParams(def, arm, overrides),
    controls: def.controls,
    charts: def.charts,
    colourBy: def.colourBy ?? 'opinion',
  };
}

/** Every preset, in menu order, with its default arm's parameters. */
export function listPresets(): PresetInfo[] {
  return PRESETS.map((p) => presetInfo(p.id));
}

// ---- Labels and help -------------------------------------------------------

const LABELS: Readonly<Record<string, Localized>> = {
  agents: L('Accounts', 'Comptes'),
  tickMinutes: L('Minutes per tick', 'Minutes par pas'),
  durationHours: L('Duration', 'Durée'),
  network: L('Follow network', 'Réseau d’abonnements'),
  followsPerAccount: L('Follows per account', 'Abonnements par compte'),
  followerExponent: L('How unequal followers are (exponent)', 'Inégalité des abonnés (exposant)'),
  homophily: L('Follows within one’s own camp (homophily)', 'Abonnements dans son propre camp (homophilie)'),
  initialOpinions: L('Starting opinions', 'Opinions de départ'),
  tolerance: L('Tolerance', 'Tolérance'),
  toleranceSpread: L('Tolerance spread', 'Dispersion de la tolérance'),
  activityPerHour: L('Sessions per hour', 'Sessions par heure'),
  activityHeterogeneity: L('Activity spread', 'Dispersion de l’activité'),
  dailyRhythm: L('Daily rhythm', 'Rythme quotidien'),
  credulity: L('Credulity', 'Crédulité'),
  verifiedShare: L('Share of verified accounts', 'Part de comptes certifiés'),
  newShare: L('Share of new accounts', 'Part de nouveaux comptes'),
  ranker: L('Feed ranker', 'Classement du fil'),
  feedSize: L('Feed size', 'Taille du fil'),
  outOfNetwork: L('Recommended posts', 'Publications recommandées'),
  maxPostAgeHours: L('Maximum post age', 'Âge maximal des publications'),
  similarityGamma: L('Similarity bias γ', 'Biais de similarité γ'),
  opinionRule: L('Opinion rule', 'Règle d’opinion'),
  influence: L('Influence', 'Influence'),
  postProbability: L('Post probability', 'Probabilité de publier'),
  likeProbability: L('Like probability', 'Probabilité d’aimer'),
  reshareProbability: L('Share probability', 'Probabilité de partager'),
  replyProbability: L('Reply probability', 'Probabilité de répondre'),
  reportProbability: L('Report probability', 'Probabilité de signaler'),
  noveltyHalfLifeHours: L('Novelty half-life', 'Demi-vie de la nouveauté'),
  postNoise: L('Spread of post stances', 'Dispersion des positions des publications'),
  unfollowProbability: L('Unfollow probability', 'Probabilité de se désabonner'),
  backlashProbability: L('Backlash probability', 'Probabilité de rejet'),
  recommender: L('Follow suggestions', 'Suggestions d’abonnement'),
  rootAttribution: L('Shares credited to the original', 'Partages attribués à l’original'),
  claimsPerHour: L('Claims per hour', 'Rumeurs par heure'),
  claimAuthorBias: L('Claim authors: bias to big accounts', 'Auteurs des rumeurs\u00a0: biais vers les gros comptes'),
  claimAppeal: L('Claim appeal', 'Attrait des rumeurs'),
  claimAppealSpread: L('Claim appeal spread', 'Dispersion de l’attrait des rumeurs'),
  claimFalseShare: L('Share of false claims', 'Part de rumeurs fausses'),
  claimNoveltySpread: L('Claims: spread of novelty half-lives', 'Rumeurs\u00a0: dispersion des demi-vies de nouveauté'),
  claimAttributionSpread: L('Claims: spread of shares credited to the original', 'Rumeurs\u00a0: dispersion des partages attribués à l’original'),
  botShare: L('Share of bots', 'Part de robots'),
  botBehaviour: L('Bot behaviour', 'Comportement des robots'),
  botStance: L('Bot stance', 'Position des robots'),
  botActivityPerHour: L('Bot sessions per hour', 'Sessions des robots par heure'),
  followBackProbability: L('Follow-back probability', 'Probabilité de suivre en retour'),
  moderation: L('Moderation', 'Modération'),
  detectionDelayHours: L('Detection delay', 'Délai de détection'),
  detectionProbability: L('Detection probability', 'Probabilité de détection'),
  labelReshareFactor: L('Label effect on shares', 'Effet de l’étiquette sur les partages'),
  downrankFactor: L('Push-down factor', 'Facteur de déclassement'),
  suspendAfter: L('Suspend after', 'Suspendre après'),
  alertZ: L('Alert threshold', 'Seuil d’alerte'),
  alertHalfLifeHours: L('Alert memory', 'Mémoire de l’alerte'),
};

const HELP_FR: Readonly<Record<string, string>> = {
  agents: 'Nombre de comptes, robots compris.',
  tickMinutes: 'Minutes simulées par pas.',
  durationHours: 'Durée simulée d’une partie.',
  network: 'Réseau d’abonnements\u00a0: abonnés très inégaux (Price), deux camps d’opinion (modèle à blocs), aléatoire, ou fourni.',
  followsPerAccount: 'Nombre moyen de comptes que chaque compte suit.',
  followerExponent: 'Plus il est petit, plus quelques gros comptes concentrent les abonnés (exposant γ de la loi P(k) ~ k^−γ, attachement préférentiel).',
  homophily: 'Deux camps\u00a0: part des abonnements à l’intérieur de son propre camp.',
  initialOpinions: 'Opinions sur [−1, 1]\u00a0: étalées régulièrement, deux bosses à ±0,5, ou selon le camp dans le réseau.',
  tolerance: 'Seuil de confiance\u00a0: une publication dont la position est à moins de cette distance de son opinion est jugée concordante.',
  toleranceSpread: 'La tolérance varie uniformément de ± cette valeur selon les comptes.',
  activityPerHour: 'Nombre moyen de sessions par heure et par compte (humain).',
  activityHeterogeneity: 'Dispersion de l’activité\u00a0: 0 = tout le monde pareil, plus haut = queue plus lourde (σ log-normal).',
  dailyRhythm: 'Les sessions suivent un rythme quotidien (moins la nuit).',
  credulity: 'Crédulité moyenne\u00a0: facilité avec laquelle un compte partage une fausse information.',
  verifiedShare: 'Part des comptes certifiés (les plus suivis).',
  newShare: 'Part des comptes nouveaux.',
  groups: 'Groupes de pays ou de langue.',
  ranker: 'Comment chaque fil est trié.',
  feedSize: 'Publications montrées par session.',
  outOfNetwork: 'Fils classés\u00a0: publications recommandées, venant de comptes qu’on ne suit pas, ajoutées à celles parmi lesquelles le fil choisit.',
  maxPostAgeHours: 'Les publications plus anciennes ne sont plus proposées dans les fils.',
  similarityGamma: 'Classement par similarité\u00a0: biais γ de |x − position|^(−γ) (Sîrbu et al. 2019)\u202f; 0 = les plus récentes d’abord.',
  readCaps: 'Appliquer des plafonds de lecture quotidiens selon le type de compte.',
  readCapVerified: 'Plafond de lecture quotidien des comptes certifiés.',
  readCapUnverified: 'Plafond de lecture quotidien des comptes non certifiés.',
  readCapNew: 'Plafond de lecture quotidien des nouveaux comptes.',
  readCapScale: 'Multiplie tous les plafonds de lecture (pour une petite plateforme simulée).',
  opinionRule: 'Comment ce qu’on lit fait bouger son opinion.',
  influence: 'Taux μ de mise à jour de l’opinion par publication concordante.',
  postProbability: 'Probabilité qu’une session produise une publication originale.',
  likeProbability: 'Probabilité d’aimer une publication récente avec laquelle on est entièrement d’accord.',
  reshareProbability: 'Probabilité de partager une publication récente avec laquelle on est entièrement d’accord.',
  replyProbability: 'Probabilité de répondre à une publication récente.',
  reportProbability: 'Probabilité de signaler une publication avec laquelle on est entièrement en désaccord (×10 si elle est fausse).',
  noveltyHalfLifeHours: 'L’engagement envers une publication est divisé par deux à cet âge.',
  postNoise: 'Écart type de la position d’une publication autour de l’opinion de son auteur.',
  unfollowProbability: 'Probabilité, par session, de se désabonner de l’auteur d’une publication discordante (et de suivre un compte recommandé).',
  backlashProbability: 'Probabilité qu’un abonné d’un compte s’en désabonne en voyant une publication critique à son sujet (position < 0) avec laquelle il est d’accord.',
  recommender: 'Qui est proposé comme abonnement.',
  rootAttribution: 'Probabilité qu’un partage d’un partage soit enregistré comme partage de la source (l’original, ou la réponse partagée), comme l’API de Twitter attribue un retweet de retweet au tweet source (0 = toujours à la publication partagée). Ne change que l’arbre enregistré, pas qui partage ni quand.',
  claimsPerHour: 'Flux de rumeurs\u00a0: rumeurs publiées par heure (processus de Poisson\u202f; chacune au début de son pas), chacune une publication originale d’un compte humain\u202f; 0 = pas de flux.',
  claimAuthorBias: 'Flux de rumeurs\u00a0: l’auteur d’une rumeur est tiré avec une probabilité ∝ (abonnés + 1)^biais parmi les humains (0 = tous les comptes pareils, 1 = en proportion des abonnés, plus = surtout les comptes très suivis).',
  claimAppeal: 'Flux de rumeurs\u00a0: attrait médian d’une rumeur (multiplie ses probabilités d’être aimée, partagée et de recevoir une réponse, et celles de ses partages).',
  claimAppealSpread: 'Flux de rumeurs\u00a0: dispersion de l’attrait entre rumeurs (σ log-normal\u202f; 0 = toutes ont le réglage «\u00a0Attrait des rumeurs\u00a0»).',
  claimFalseShare: 'Flux de rumeurs\u00a0: part des rumeurs qui sont fausses (les autres sont vraies).',
  claimNoveltySpread: 'Flux de rumeurs\u00a0: dispersion entre rumeurs de la durée pendant laquelle elles restent nouvelles. La demi-vie de nouveauté d’une rumeur (et de ses partages) vaut le réglage «\u00a0Demi-vie de la nouveauté\u00a0» × exp(σZ), arrondie à 1/16 de doublement (0 = toutes ont ce réglage).',
  claimAttributionSpread: 'Flux de rumeurs\u00a0: dispersion entre rumeurs de la part des partages attribués à l’original, tirée à la publication de la rumeur\u00a0: logistique(logit(p) + σZ), où p est le réglage «\u00a0Partages attribués à l’original\u00a0» (0 = toutes ont p).',
  botShare: 'Part des comptes qui sont des robots (5\u00a0%, 9–15\u00a0% et 20\u00a0% sont les valeurs de référence).',
  botBehaviour: 'Ce que font les robots\u00a0: partager une position ou une intox, inonder de publications, ou suivre des humains pour être suivis en retour.',
  botStance: 'La position que poussent les robots (fixée à la création du robot).',
  botActivityPerHour: 'Sessions par heure d’un robot, sans rythme quotidien (fixé à la création du robot).',
  followBackProbability: 'Probabilité qu’un humain suive en retour un robot qui l’a suivi (infiltration).',
  moderation: 'Ce que fait la plateforme des fausses publications.',
  detectionDelayHours: 'Délai entre la création d’une fausse publication et l’action de la modération (la règle alors en vigueur s’applique).',
  detectionProbability: 'Probabilité qu’une fausse publication originale soit détectée (tirée à sa publication).',
  labelReshareFactor: 'La probabilité de partage d’une publication étiquetée (et de ses partages) est multipliée par ce facteur.',
  downrankFactor: 'Le score de classement d’une publication déclassée (et de ses partages) est multiplié par ce facteur.',
  suspendAfter: 'Retirer et suspendre\u00a0: suspendre un compte dès que ce nombre de ses publications a été retiré.',
  alertZ: 'Alerte aux signaux faibles\u00a0: se déclenche quand le volume d’un sujet dépasse sa moyenne glissante de ce nombre d’écarts types.',
  alertHalfLifeHours: 'Mémoire de la moyenne et de la variance glissantes de l’alerte (moyenne mobile exponentielle).',
  monitorSample: 'Part du flux que voit un moniteur échantillonné (échantillon de 1\u00a0%).',
  monitorRateLimitPerHour: 'Publications qu’un moniteur à débit limité peut lire par heure.',
};

function schemaSpec(name: string): ParamSpec {
  const spec = (PLATFORM_SCHEMA as Record<string, ParamSpec>)[name];
  if (!spec) {
    const near = closest(String(name), Object.keys(PLATFORM_SCHEMA));
    throw new ParamError('demo', 'param', name, `a platform parameter${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  return spec;
}

/** A parameter's short label (EN, FR). */
export function paramLabel(name: string, lang: Lang): string {
  schemaSpec(name);
  const l = LABELS[name];
  return l ? l[lang] : name;
}

/** A parameter's help text: the schema's in English, a translation in French. */
export function paramHelp(name: string, lang: Lang): string {
  const spec = schemaSpec(name);
  return lang === 'fr' ? (HELP_FR[name] ?? spec.help) : spec.help;
}

/** The platform defaults as plain values (for code that needs a baseline). */
export function platformDefault(name: string): ParamValue {
  return (PLATFORM_DEFAULTS as unknown as Record<string, ParamValue>)[name];
}
