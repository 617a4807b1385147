/**
 * Every string the demo page shows, in English and French. Preset, puzzle
 * and parameter texts come from the engine (already localized); these are
 * the page's own labels. `t(key, lang)` is the only way the page reads them,
 * so the language toggle can swap every visible text.
 */
import type { Lang } from '../engine/demo-protocol.js';

const TEXT = {
  title: { en: 'echolab — the teaching demo', fr: 'echolab — la démo pédagogique' },
  preset: { en: 'Scenario', fr: 'Scénario' },
  variant: { en: 'Variant', fr: 'Variante' },
  variantCustom: { en: 'Custom', fr: 'Personnalisé' },
  /** Between a label and its value ("Seed: 7"): French sets a no-break space before the colon. */
  colon: { en: ': ', fr: '\u00a0: ' },
  language: { en: 'Language', fr: 'Langue' },
  seed: { en: 'Seed', fr: 'Graine' },
  newSeed: { en: 'New seed', fr: 'Nouvelle graine' },
  question: { en: 'Question', fr: 'Question' },
  lookFor: { en: 'What to look for', fr: 'À observer' },
  controls: { en: 'Platform rules', fr: 'Règles de la plateforme' },
  more: { en: 'More parameters', fr: 'Autres paramètres' },
  locked: { en: 'locked by the puzzle', fr: 'verrouillé par l’énigme' },
  play: { en: 'Play', fr: 'Lecture' },
  pause: { en: 'Pause', fr: 'Pause' },
  step: { en: 'Step', fr: 'Avancer d’un pas' },
  reset: { en: 'Reset', fr: 'Recommencer' },
  speed: { en: 'Speed', fr: 'Vitesse' },
  ticksPerSecond: { en: 'ticks/s', fr: 'pas/s' },
  tick: { en: 'Tick', fr: 'Pas' },
  simulated: { en: 'simulated', fr: 'simulées' },
  hours: { en: 'h', fr: 'h' },
  finished: { en: 'finished', fr: 'terminé' },
  colourBy: { en: 'Colour by', fr: 'Couleur selon' },
  colourOpinion: { en: 'opinion', fr: 'opinion' },
  colourCommunity: { en: 'community (Louvain)', fr: 'communauté (Louvain)' },
  colourHoax: { en: 'saw the hoax', fr: 'a vu l’intox' },
  showEdges: { en: 'Show follows', fr: 'Afficher les abonnements' },
  legendLeft: { en: 'left −1', fr: 'gauche −1' },
  legendRight: { en: '+1 right', fr: '+1 droite' },
  legendBot: { en: 'bot', fr: 'robot' },
  legendCommunity: { en: 'one colour per community (the 6 biggest; grey: the rest)', fr: 'une couleur par communauté (les 6 plus grandes\u202f; gris\u00a0: les autres)' },
  legendSeen: { en: 'saw the hoax', fr: 'a vu l’intox' },
  legendNotSeen: { en: 'not yet', fr: 'pas encore' },
  edgesHidden: { en: '· follows hidden while moving', fr: '· abonnements masqués pendant le mouvement' },
  legendSize: { en: 'size = followers', fr: 'taille = abonnés' },
  graphLabel: { en: 'Follow network (each dot is an account)', fr: 'Réseau d’abonnements (chaque point est un compte)' },
  charts: { en: 'Live charts', fr: 'Graphiques en direct' },
  // Charts
  chartPolarisation: { en: 'Polarisation', fr: 'Polarisation' },
  chartPolarisationSub: { en: 'bimodality of opinions: 5/9 when spread evenly (dashed), near 1 for two separate camps', fr: 'bimodalité des opinions : 5/9 si elles sont étalées régulièrement (pointillés), près de 1 pour deux camps séparés' },
  seriesEvenSpread: { en: 'evenly spread', fr: 'étalement régulier' },
  chartLeaning: { en: 'Neighbour leaning', fr: 'Penchant des voisins' },
  chartLeaningSub: { en: 'correlation of each account\'s leaning with its neighbours\' (0 = mixed, 1 = like-minded; Cinelli et al. 2021)', fr: 'corrélation du penchant de chacun avec celui de ses voisins (0 = mélangés, 1 = entre semblables ; Cinelli et al. 2021)' },
  chartPerceived: { en: 'Perceived vs true share', fr: 'Part perçue et part réelle' },
  chartPerceivedSub: { en: 'share leaning right: true, as seen in feeds, and the illusion', fr: 'part penchant à droite\u00a0: réelle, vue dans les fils, et l’illusion' },
  seriesTrue: { en: 'true share', fr: 'part réelle' },
  seriesPerceived: { en: 'perceived share', fr: 'part perçue' },
  seriesIllusion: { en: 'users fooled (majority illusion)', fr: 'utilisateurs trompés (illusion de majorité)' },
  chartHoax: { en: 'Accounts reached', fr: 'Comptes atteints' },
  chartHoaxSub: { en: 'accounts that have seen it so far', fr: 'comptes qui l’ont vue jusqu’ici' },
  seriesReach: { en: 'accounts reached', fr: 'comptes atteints' },
  chartHoaxVolume: { en: 'False posts per hour', fr: 'Fausses publications par heure' },
  chartHoaxVolumeSub: { en: 'posts and shares of it, per hour of simulated time', fr: 'publications et partages, par heure de temps simulé' },
  seriesVolume: { en: 'false posts per hour', fr: 'fausses publications par heure' },
  axisPerHour: { en: 'per hour', fr: 'par heure' },
  chartOwnSide: { en: 'Perceived size of each side', fr: 'Taille perçue de chaque camp' },
  chartOwnSideSub: { en: 'share of the posts in its feed that lean its way; dashed: its true share', fr: 'part des publications de son fil qui penchent de son côté ; pointillés : sa vraie part' },
  seriesOwnRight: { en: 'right, as its feed shows it', fr: 'la droite, vue dans son fil' },
  seriesOwnLeft: { en: 'left, as its feed shows it', fr: 'la gauche, vue dans son fil' },
  seriesTrueRight: { en: 'right, true share', fr: 'la droite, vraie part' },
  seriesTrueLeft: { en: 'left, true share', fr: 'la gauche, vraie part' },
  seriesTrueYes: { en: 'humans on the yes side (true)', fr: 'humains du côté du oui (vrai)' },
  chartHistogram: { en: 'Opinion histogram', fr: 'Histogramme des opinions' },
  chartHistogramSub: { en: 'humans per opinion bin, now', fr: 'humains par classe d’opinion, maintenant' },
  chartAlert: { en: 'Weak-signal alert', fr: 'Alerte signal faible' },
  chartAlertSub: { en: 'topic volume z-score; the alert goes off above the threshold', fr: 'score z du volume du sujet\u202f; l’alerte se déclenche au-dessus du seuil' },
  seriesZ: { en: 'z-score', fr: 'score z' },
  seriesThreshold: { en: 'threshold', fr: 'seuil' },
  alertFired: { en: 'Alert went off at', fr: 'Alerte déclenchée à' },
  alertNotFired: { en: 'No alert yet', fr: 'Pas encore d’alerte' },
  chartPoll: { en: 'Poll: apparent “yes” share', fr: 'Sondage\u00a0: part apparente de «\u00a0oui\u00a0»' },
  chartPollSub: { en: 'votes counted, bots included', fr: 'votes comptés, robots compris' },
  seriesPoll: { en: 'yes share', fr: 'part de oui' },
  chartCascade: { en: 'Hoax cascade tree', fr: 'Arbre de diffusion de l’intox' },
  chartCascadeSub: { en: 'one dot per post; a line joins a share to its source', fr: 'un point par publication\u202f; un trait la relie à sa source' },
  cascadeEmpty: { en: 'No hoax posted yet.', fr: 'Aucune intox publiée pour l’instant.' },
  axisHours: { en: 'simulated time', fr: 'temps simulé' },
  axisShare: { en: 'share', fr: 'part' },
  axisOpinion: { en: 'opinion', fr: 'opinion' },
  axisCount: { en: 'humans', fr: 'humains' },
  axisAccounts: { en: 'accounts', fr: 'comptes' },
  axisValue: { en: 'value', fr: 'valeur' },
  axisDepth: { en: 'reshare depth', fr: 'profondeur de repartage' },
  // Card
  card: { en: 'Account', fr: 'Compte' },
  cardHint: { en: 'Click a dot (or hover over it) to see its account.', fr: 'Cliquez sur un point (ou survolez-le) pour voir son compte.' },
  opinion: { en: 'Opinion', fr: 'Opinion' },
  followers: { en: 'Followers', fr: 'Abonnés' },
  following: { en: 'Follows', fr: 'Abonnements' },
  bot: { en: 'Bot', fr: 'Robot' },
  yes: { en: 'yes', fr: 'oui' },
  no: { en: 'no', fr: 'non' },
  tier: { en: 'Account type', fr: 'Type de compte' },
  tierVerified: { en: 'verified', fr: 'certifié' },
  tierUnverified: { en: 'not verified', fr: 'non certifié' },
  tierNew: { en: 'new', fr: 'nouveau' },
  group: { en: 'Group', fr: 'Groupe' },
  sessions: { en: 'Sessions', fr: 'Sessions' },
  seen: { en: 'Has seen', fr: 'A vu' },
  posts: { en: 'posts', fr: 'publications' },
  leaningRight: { en: 'leaning right', fr: 'penchant à droite' },
  leaningLeft: { en: 'leaning left', fr: 'penchant à gauche' },
  believes: { en: 'Believes others lean right', fr: 'Croit que les autres penchent à droite' },
  truly: { en: 'in fact', fr: 'en réalité' },
  sawHoax: { en: 'Saw the hoax', fr: 'A vu l’intox' },
  suspended: { en: 'Suspended', fr: 'Suspendu' },
  nothingSeen: { en: 'nothing seen yet', fr: 'rien vu pour l’instant' },
  // Feed
  why: { en: 'Why did I see this post?', fr: 'Pourquoi ai-je vu cette publication\u202f?' },
  pickUser: { en: 'Pick an account (its number, or click a dot)', fr: 'Choisir un compte (son numéro, ou cliquer sur un point)' },
  show: { en: 'Show feed', fr: 'Voir le fil' },
  feedEmpty: { en: 'This feed is empty for now: play a few ticks first.', fr: 'Ce fil est vide pour l’instant\u00a0: faites d’abord avancer la simulation de quelques pas.' },
  feedOf: { en: 'Feed of account', fr: 'Fil du compte' },
  post: { en: 'Post', fr: 'Publication' },
  author: { en: 'author', fr: 'auteur' },
  stance: { en: 'stance', fr: 'position' },
  score: { en: 'score', fr: 'score' },
  age: { en: 'age', fr: 'âge' },
  topic: { en: 'topic', fr: 'sujet' },
  reshareOf: { en: 'share of post', fr: 'partage de la publication' },
  labelled: { en: 'labelled as false', fr: 'étiquetée comme fausse' },
  veracityFalse: { en: 'false claim', fr: 'fausse information' },
  veracityTrue: { en: 'true claim', fr: 'information vraie' },
  moderationFactor: { en: 'pushed down by moderation ×', fr: 'déclassée par la modération ×' },
  combineSum: { en: 'score = the reasons below added up', fr: 'score = somme des raisons ci-dessous' },
  combineProduct: { en: 'score = the reasons below multiplied together', fr: 'score = produit des raisons ci-dessous' },
  termsCaption: { en: 'Reasons for its score', fr: 'Raisons de son score' },
  // Puzzles
  puzzles: { en: 'Puzzles', fr: 'Énigmes' },
  puzzlePick: { en: 'Puzzle', fr: 'Énigme' },
  noPuzzle: { en: '— free play —', fr: '— jeu libre —' },
  goal: { en: 'Goal', fr: 'Objectif' },
  hint: { en: 'Hint', fr: 'Indice' },
  progress: { en: 'Progress', fr: 'Progression' },
  target: { en: 'target', fr: 'cible' },
  won: { en: 'Puzzle solved!', fr: 'Énigme résolue\u202f!' },
  editFollows: { en: 'Click an account, then another: the first one follows the second (or stops following it).', fr: 'Cliquez sur un compte, puis sur un autre\u00a0: le premier s’abonne au second (ou s’en désabonne).' },
  editsLeft: { en: 'edits left', fr: 'modifications restantes' },
  from: { en: 'first account:', fr: 'premier compte\u00a0:' },
  // Export
  exports: { en: 'Export', fr: 'Exporter' },
  exportPng: { en: 'Network picture (PNG)', fr: 'Image du réseau (PNG)' },
  exportCsv: { en: 'Chart data (CSV)', fr: 'Données des graphiques (CSV)' },
  exportExperiment: { en: 'Experiment file (JSON, for the command line)', fr: 'Fichier d’expérience (JSON, pour la ligne de commande)' },
  copyLink: { en: 'Copy link', fr: 'Copier le lien' },
  copied: { en: 'Link copied', fr: 'Lien copié' },
  // Notices
  problems: { en: 'Some settings in the link were not valid and were replaced by defaults:', fr: 'Certains réglages du lien n’étaient pas valides et ont été remplacés par les valeurs par défaut\u00a0:' },
  dismiss: { en: 'Dismiss', fr: 'Fermer' },
  error: { en: 'The simulation stopped with an error:', fr: 'La simulation s’est arrêtée sur une erreur\u00a0:' },
  loading: { en: 'Building the network…', fr: 'Construction du réseau…' },
  cancel: { en: 'Cancel', fr: 'Annuler' },
  cancelledPrevious: { en: 'Building the network was cancelled: the previous settings are back.', fr: 'Construction du réseau annulée\u00a0: les réglages précédents sont rétablis.' },
  cancelledDefaults: { en: 'Building the network was cancelled: the scenario’s own settings are used instead.', fr: 'Construction du réseau annulée\u00a0: les réglages du scénario sont utilisés à la place.' },
  shortcuts: { en: 'Keys: Space play/pause · → step · R reset', fr: 'Touches\u00a0: Espace lecture/pause · → avancer d’un pas · R recommencer' },
  skip: { en: 'Skip to the controls', fr: 'Aller aux commandes' },
  // Lessons: predict, observe, explain
  lessonPredict: { en: '1. Predict', fr: '1. Prédire' },
  lessonObserve: { en: '2. Observe', fr: '2. Observer' },
  lessonExplain: { en: '3. Explain', fr: '3. Expliquer' },
  lessonLock: { en: 'Lock in the answer', fr: 'Valider la réponse' },
  lessonPickFirst: { en: 'Choose an answer and lock it in, then press Play.', fr: 'Choisissez une réponse et validez-la, puis appuyez sur Lecture.' },
  lessonRunNow: { en: 'Now press Play and watch the graph and the charts until the run ends.', fr: 'Appuyez maintenant sur Lecture et regardez le graphe et les graphiques jusqu’à la fin.' },
  lessonRunDone: { en: 'The run is over.', fr: 'La simulation est terminée.' },
  lessonRight: { en: 'Your prediction was right.', fr: 'Votre prédiction était juste.' },
  lessonWrong: { en: 'Not what happened.', fr: 'Ce n’est pas ce qui s’est passé.' },
  lessonRunShows: { en: 'The run shows:', fr: 'La simulation montre\u00a0:' },
  lessonsLink: { en: 'Lessons for teachers', fr: 'Leçons pour les enseignants' },
  lessonsTitle: { en: 'Lessons: predict, observe, explain', fr: 'Leçons\u00a0: prédire, observer, expliquer' },
  lessonsIntro: {
    en: 'Each lesson opens a scenario with a question to answer before pressing Play. When the run ends, the page explains what happened with the numbers the class has just seen.',
    fr: 'Chaque leçon ouvre un scénario avec une question à trancher avant d’appuyer sur Lecture. À la fin, la page explique ce qui s’est passé avec les chiffres que la classe vient de voir.',
  },
  lessonsBack: { en: 'Back to the simulation', fr: 'Retour à la simulation' },
  // Narrow screens: the controls panel is a drawer
  openControls: { en: 'Controls', fr: 'Commandes' },
  closeControls: { en: 'Close', fr: 'Fermer' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: Lang): string {
  return TEXT[key][lang];
}

/** The build's progress line: "Building the network… 45 %" (a no-break space before %, in both languages). */
export function loadingText(percent: number | null, lang: Lang): string {
  return percent === null ? t('loading', lang) : `${t('loading', lang)} ${percent}\u00a0%`;
}

/** The note under the accounts and follows controls: the demo's bound and what it allows here. */
export function followsLimitText(maxFollows: number, name: 'agents' | 'followsPerAccount', max: number, lang: Lang): string {
  const total = formatNumber(maxFollows, lang, 0);
  const here = formatNumber(max, lang, 0);
  if (lang === 'fr') {
    return `Au plus ${total} abonnements en tout (comptes × abonnements par compte), pour que la page construise le réseau en 10\u00a0s environ\u00a0: ici, au plus ${here} ${name === 'agents' ? 'comptes' : 'abonnements par compte'}.`;
  }
  return `At most ${total} follows in all (accounts × follows per account), so that the page builds the network in about 10 s: here at most ${here} ${name === 'agents' ? 'accounts' : 'follows per account'}.`;
}

/** French names of the schema's units (the schema itself is English). */
const UNITS_FR: Readonly<Record<string, string>> = {
  accounts: 'comptes',
  minutes: 'minutes',
  hours: 'heures',
  follows: 'abonnements',
  exponent: 'exposant',
  share: 'part',
  'opinion units': 'unités d’opinion',
  'per hour': 'par heure',
  probability: 'probabilité',
  groups: 'groupes',
  posts: 'publications',
  'posts/day': 'publications/jour',
  'posts/hour': 'publications/heure',
  rate: 'taux',
  opinion: 'opinion',
  'removed posts': 'publications retirées',
  'log-normal σ': 'σ log-normal',
};

export function unitLabel(unit: string, lang: Lang): string {
  return lang === 'fr' ? (UNITS_FR[unit] ?? unit) : unit;
}

/**
 * Display names of the schema's choice values. The values themselves stay
 * in the URL and the experiment file (the CLI's names); English shows them
 * as they are, in plain words.
 */
const CHOICES: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  chronological: { en: 'chronological (newest first)', fr: 'chronologique (plus récent d’abord)' },
  engagement: { en: 'engagement (predicted reactions)', fr: 'engagement (réactions prévues)' },
  similarity: { en: 'similarity (like-minded first)', fr: 'similarité (ceux qui pensent pareil d’abord)' },
  bridging: { en: 'bridging (liked by both sides)', fr: 'pont (aimé des deux camps)' },
  random: { en: 'random', fr: 'au hasard' },
  'friend-of-friend': { en: 'friend of a friend', fr: 'ami d’un ami' },
  popularity: { en: 'popularity', fr: 'popularité' },
  none: { en: 'none', fr: 'aucune' },
  'bounded-confidence': { en: 'bounded confidence (only close opinions count)', fr: 'confiance bornée (seuls les avis proches comptent)' },
  sasahara: { en: 'Sasahara et al. influence', fr: 'influence de Sasahara et al.' },
  'preferential-attachment': { en: 'a few big accounts (preferential attachment)', fr: 'quelques gros comptes (attachement préférentiel)' },
  'two-camps': { en: 'two camps', fr: 'deux camps' },
  'erdos-renyi': { en: 'random (Erdős–Rényi)', fr: 'aléatoire (Erdős–Rényi)' },
  uniform: { en: 'spread evenly', fr: 'étalées régulièrement' },
  bimodal: { en: 'two humps', fr: 'deux bosses' },
  'by-camp': { en: 'by camp', fr: 'selon le camp' },
  remove: { en: 'remove false posts', fr: 'retirer les fausses publications' },
  label: { en: 'label false posts', fr: 'étiqueter les fausses publications' },
  downrank: { en: 'push false posts down the feed', fr: 'déclasser les fausses publications' },
  'remove-and-suspend': { en: 'remove and suspend repeat offenders', fr: 'retirer et suspendre les récidivistes' },
  amplify: { en: 'amplify a stance', fr: 'amplifier une position' },
  flood: { en: 'flood', fr: 'inonder' },
  infiltrate: { en: 'infiltrate (follow to be followed)', fr: 's’infiltrer (suivre pour être suivi)' },
};

/** The display name of a choice value (the value itself when it has none). */
export function choiceLabel(value: string, lang: Lang): string {
  return CHOICES[value]?.[lang] ?? value;
}

/**
 * Plain names of the ranking score's terms ("why did I see this post?"),
 * one per term name a feed ranker produces (src/sim/platform/rankers.ts):
 * the heavy-ranker heads of the engagement ranker, then the other rankers'
 * terms. "You" is the account whose feed it is.
 */
export const RANK_TERM_LABELS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  like: { en: 'you might like it', fr: 'vous pourriez l’aimer' },
  retweet: { en: 'you might share it', fr: 'vous pourriez la partager' },
  reply: { en: 'you might reply to it', fr: 'vous pourriez y répondre' },
  replyEngagedByAuthor: { en: 'the author might answer your reply', fr: 'l’auteur pourrait répondre à votre réponse' },
  goodProfileClick: { en: 'you might visit the author’s profile', fr: 'vous pourriez visiter le profil de l’auteur' },
  goodClick: { en: 'you might open it and read it', fr: 'vous pourriez l’ouvrir et la lire' },
  negativeFeedback: { en: 'you might hide it or ask to see less like it', fr: 'vous pourriez la masquer ou demander à en voir moins' },
  report: { en: 'you might report it', fr: 'vous pourriez la signaler' },
  recency: { en: 'how new it is', fr: 'sa nouveauté' },
  similarity: { en: 'how close it is to your opinion', fr: 'sa proximité avec votre opinion' },
  bridging: { en: 'liked by both sides', fr: 'aimée des deux camps' },
  random: { en: 'a random draw', fr: 'un tirage au hasard' },
};

/** The plain name of a ranking term (the term's own name when it has none). */
export function termLabel(term: string, lang: Lang): string {
  return Object.prototype.hasOwnProperty.call(RANK_TERM_LABELS, term) ? RANK_TERM_LABELS[term][lang] : term;
}

/** Names of the topics the presets' posts carry (the platform's topic names). */
const TOPICS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  general: { en: 'general', fr: 'général' },
  hoax: { en: 'the hoax', fr: 'l’intox' },
  claims: { en: 'claims', fr: 'rumeurs' },
  brand: { en: 'the brand', fr: 'la marque' },
  poll: { en: 'the poll', fr: 'le sondage' },
};

/** The display name of a post's topic (the topic's own name when it has none). */
export function topicLabel(topic: string, lang: Lang): string {
  return Object.prototype.hasOwnProperty.call(TOPICS, topic) ? TOPICS[topic][lang] : topic;
}

/** Every key, for the test that every entry has both languages. */
export const TEXT_KEYS: readonly TextKey[] = Object.keys(TEXT) as TextKey[];

/** Numbers in the page's language (FR uses a decimal comma). */
export function formatNumber(value: number, lang: Lang, digits = 2): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
