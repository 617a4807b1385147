/**
 * Every string the demo page shows, in English and French. Preset, puzzle
 * and parameter texts come from the engine (already localized); these are
 * the page's own labels. `t(key, lang)` is the only way the page reads them,
 * so the language toggle can swap every visible text.
 */
import type { Lang } from '../engine/demo-protocol.js';

const TEXT = {
  title: { en: 'echolab — the teaching demo', fr: 'echolab — la démo pédagogique' },
  preset: { en: 'Preset', fr: 'Scénario' },
  variant: { en: 'Variant', fr: 'Variante' },
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
  step: { en: 'Step', fr: 'Pas' },
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
  showEdges: { en: 'Draw follows', fr: 'Afficher les abonnements' },
  legendLeft: { en: 'left −1', fr: 'gauche −1' },
  legendRight: { en: '+1 right', fr: '+1 droite' },
  legendBot: { en: 'bot', fr: 'robot' },
  legendCommunity: { en: 'one colour per community (the 6 biggest; grey: the rest)', fr: 'une couleur par communauté (les 6 plus grandes ; gris : les autres)' },
  legendSeen: { en: 'saw the hoax', fr: 'a vu l’intox' },
  legendNotSeen: { en: 'not yet', fr: 'pas encore' },
  edgesHidden: { en: '· follows hidden while moving', fr: '· abonnements masqués pendant le mouvement' },
  legendSize: { en: 'size = followers', fr: 'taille = abonnés' },
  graphLabel: { en: 'Follow network (each dot is an account)', fr: 'Réseau d’abonnements (chaque point est un compte)' },
  charts: { en: 'Live charts', fr: 'Graphiques en direct' },
  // Charts
  chartPolarisation: { en: 'Polarisation', fr: 'Polarisation' },
  chartPolarisationSub: { en: 'opinion variance (0 = consensus, 1 = two camps at ±1)', fr: 'variance des opinions (0 = consensus, 1 = deux camps à ±1)' },
  chartLeaning: { en: 'Neighbour leaning correlation', fr: 'Corrélation des penchants voisins' },
  chartLeaningSub: { en: 'do accounts follow like-minded accounts? (Cinelli et al. 2021)', fr: 'suit-on des comptes qui pensent pareil ? (Cinelli et al. 2021)' },
  chartPerceived: { en: 'Perceived vs true share', fr: 'Part perçue et part réelle' },
  chartPerceivedSub: { en: 'share leaning right: true, as seen in feeds, and the illusion', fr: 'part penchant à droite : réelle, vue dans les fils, et l’illusion' },
  seriesTrue: { en: 'true share', fr: 'part réelle' },
  seriesPerceived: { en: 'perceived share', fr: 'part perçue' },
  seriesIllusion: { en: 'users fooled (majority illusion)', fr: 'utilisateurs trompés (illusion de majorité)' },
  chartHoax: { en: 'Hoax reach and volume', fr: 'Portée et volume de l’intox' },
  chartHoaxSub: { en: 'accounts that saw it; hoax posts per tick', fr: 'comptes l’ayant vue ; messages d’intox par pas' },
  seriesReach: { en: 'reach (accounts)', fr: 'portée (comptes)' },
  seriesVolume: { en: 'volume (posts/tick)', fr: 'volume (messages/pas)' },
  chartHistogram: { en: 'Opinion histogram', fr: 'Histogramme des opinions' },
  chartHistogramSub: { en: 'humans per opinion bin, now', fr: 'humains par classe d’opinion, maintenant' },
  chartAlert: { en: 'Weak-signal alert', fr: 'Alerte signal faible' },
  chartAlertSub: { en: 'topic volume z-score; the alert fires above the threshold', fr: 'score z du volume du sujet ; l’alerte se déclenche au-dessus du seuil' },
  seriesZ: { en: 'z-score', fr: 'score z' },
  seriesThreshold: { en: 'threshold', fr: 'seuil' },
  alertFired: { en: 'Alert fired at', fr: 'Alerte déclenchée à' },
  alertNotFired: { en: 'No alert yet', fr: 'Pas encore d’alerte' },
  chartPoll: { en: 'Poll: apparent “yes” share', fr: 'Sondage : part apparente de « oui »' },
  chartPollSub: { en: 'votes counted, bots included', fr: 'votes comptés, robots compris' },
  seriesPoll: { en: 'yes share', fr: 'part de oui' },
  chartCascade: { en: 'Hoax cascade tree', fr: 'Arbre de diffusion de l’intox' },
  chartCascadeSub: { en: 'each dot is a post; a line links a reshare to what it reshared', fr: 'un point = un message ; un trait = un repartage et sa source' },
  cascadeEmpty: { en: 'No hoax posted yet.', fr: 'Pas encore d’intox publiée.' },
  axisHours: { en: 'simulated time', fr: 'temps simulé' },
  axisShare: { en: 'share', fr: 'part' },
  axisOpinion: { en: 'opinion', fr: 'opinion' },
  axisCount: { en: 'humans', fr: 'humains' },
  axisAccounts: { en: 'accounts', fr: 'comptes' },
  axisValue: { en: 'value', fr: 'valeur' },
  axisDepth: { en: 'reshare depth', fr: 'profondeur de repartage' },
  // Card
  card: { en: 'Account', fr: 'Compte' },
  cardHint: { en: 'Hover or click a dot to see its account.', fr: 'Survolez ou cliquez un point pour voir le compte.' },
  opinion: { en: 'Opinion', fr: 'Opinion' },
  followers: { en: 'Followers', fr: 'Abonnés' },
  following: { en: 'Follows', fr: 'Abonnements' },
  bot: { en: 'Bot', fr: 'Robot' },
  yes: { en: 'yes', fr: 'oui' },
  no: { en: 'no', fr: 'non' },
  tier: { en: 'Tier', fr: 'Statut' },
  group: { en: 'Group', fr: 'Groupe' },
  sessions: { en: 'Sessions', fr: 'Sessions' },
  seen: { en: 'Has seen', fr: 'A vu' },
  posts: { en: 'posts', fr: 'messages' },
  leaningRight: { en: 'right', fr: 'à droite' },
  leaningLeft: { en: 'left', fr: 'à gauche' },
  believes: { en: 'Believes others lean right', fr: 'Croit que les autres penchent à droite' },
  truly: { en: 'truly', fr: 'en réalité' },
  sawHoax: { en: 'Saw the hoax', fr: 'A vu l’intox' },
  suspended: { en: 'Suspended', fr: 'Suspendu' },
  nothingSeen: { en: 'nothing seen yet', fr: 'rien vu pour l’instant' },
  // Feed
  why: { en: 'Why did I see this post?', fr: 'Pourquoi ai-je vu ce message ?' },
  pickUser: { en: 'Pick a user (number, or click a dot)', fr: 'Choisir un compte (numéro, ou cliquer un point)' },
  show: { en: 'Show feed', fr: 'Voir le fil' },
  feedEmpty: { en: 'This feed is empty for now: play a few ticks.', fr: 'Ce fil est vide pour l’instant : lancez quelques pas.' },
  feedOf: { en: 'Feed of account', fr: 'Fil du compte' },
  post: { en: 'Post', fr: 'Message' },
  author: { en: 'author', fr: 'auteur' },
  stance: { en: 'stance', fr: 'position' },
  score: { en: 'score', fr: 'score' },
  age: { en: 'age', fr: 'âge' },
  reshareOf: { en: 'reshare of', fr: 'repartage de' },
  labelled: { en: 'labelled', fr: 'étiqueté' },
  veracityFalse: { en: 'false claim', fr: 'fausse information' },
  veracityTrue: { en: 'true claim', fr: 'information vraie' },
  moderationFactor: { en: 'moderation ×', fr: 'modération ×' },
  combine: { en: 'terms combined by', fr: 'termes combinés par' },
  // Puzzles
  puzzles: { en: 'Puzzles', fr: 'Énigmes' },
  puzzlePick: { en: 'Puzzle', fr: 'Énigme' },
  noPuzzle: { en: '— free play —', fr: '— jeu libre —' },
  goal: { en: 'Goal', fr: 'Objectif' },
  hint: { en: 'Hint', fr: 'Indice' },
  progress: { en: 'Progress', fr: 'Progression' },
  target: { en: 'target', fr: 'cible' },
  won: { en: 'Puzzle solved!', fr: 'Énigme résolue !' },
  editFollows: { en: 'Click an account, then another: the first follows (or unfollows) the second.', fr: 'Cliquez un compte puis un autre : le premier s’abonne (ou se désabonne) au second.' },
  editsLeft: { en: 'edits left', fr: 'modifications restantes' },
  from: { en: 'from', fr: 'de' },
  // Export
  exports: { en: 'Export', fr: 'Exporter' },
  exportPng: { en: 'Graph (PNG)', fr: 'Graphe (PNG)' },
  exportCsv: { en: 'Time series (CSV)', fr: 'Séries temporelles (CSV)' },
  exportExperiment: { en: 'Experiment spec (JSON, command line)', fr: 'Expérience en JSON (ligne de commande)' },
  copyLink: { en: 'Copy link', fr: 'Copier le lien' },
  copied: { en: 'Link copied', fr: 'Lien copié' },
  // Notices
  problems: { en: 'Some settings in the link were not valid and were replaced by defaults:', fr: 'Certains réglages du lien n’étaient pas valides et ont été remplacés par les valeurs par défaut :' },
  dismiss: { en: 'Dismiss', fr: 'Fermer' },
  error: { en: 'The simulation stopped with an error:', fr: 'La simulation s’est arrêtée sur une erreur :' },
  loading: { en: 'Building the network…', fr: 'Construction du réseau…' },
  cancel: { en: 'Cancel', fr: 'Annuler' },
  cancelledPrevious: { en: 'Building the network was cancelled: the previous settings are back.', fr: 'Construction du réseau annulée\u00a0: les réglages précédents sont rétablis.' },
  cancelledDefaults: { en: 'Building the network was cancelled: the preset’s own settings are used instead.', fr: 'Construction du réseau annulée\u00a0: les réglages du scénario sont utilisés à la place.' },
  shortcuts: { en: 'Keys: Space play/pause · → step · R reset', fr: 'Touches : Espace lecture/pause · → pas · R recommencer' },
  skip: { en: 'Skip to the controls', fr: 'Aller aux commandes' },
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
  engagement: { en: 'engagement (predicted reactions)', fr: 'engagement (réactions prédites)' },
  similarity: { en: 'similarity (like-minded first)', fr: 'similarité (qui pense pareil d’abord)' },
  bridging: { en: 'bridging (liked across the divide)', fr: 'pont (apprécié des deux bords)' },
  random: { en: 'random', fr: 'au hasard' },
  'friend-of-friend': { en: 'friend of a friend', fr: 'ami d’un ami' },
  popularity: { en: 'popularity', fr: 'popularité' },
  none: { en: 'none', fr: 'aucune' },
  'bounded-confidence': { en: 'bounded confidence', fr: 'confiance bornée' },
  sasahara: { en: 'Sasahara et al. influence', fr: 'influence de Sasahara et al.' },
  'preferential-attachment': { en: 'preferential attachment (hubs)', fr: 'attachement préférentiel (des pôles)' },
  'two-camps': { en: 'two camps', fr: 'deux camps' },
  'erdos-renyi': { en: 'random (Erdős–Rényi)', fr: 'aléatoire (Erdős–Rényi)' },
  uniform: { en: 'uniform', fr: 'uniforme' },
  bimodal: { en: 'two humps', fr: 'deux bosses' },
  'by-camp': { en: 'by camp', fr: 'selon le camp' },
  remove: { en: 'remove false posts', fr: 'retirer les fausses publications' },
  label: { en: 'label false posts', fr: 'étiqueter les fausses publications' },
  downrank: { en: 'downrank false posts', fr: 'rétrograder les fausses publications' },
  'remove-and-suspend': { en: 'remove and suspend repeat offenders', fr: 'retirer et suspendre les récidivistes' },
  amplify: { en: 'amplify a stance', fr: 'amplifier une position' },
  flood: { en: 'flood', fr: 'inonder' },
  infiltrate: { en: 'infiltrate (follow to be followed)', fr: 's’infiltrer (suivre pour être suivi)' },
};

/** The display name of a choice value (the value itself when it has none). */
export function choiceLabel(value: string, lang: Lang): string {
  return CHOICES[value]?.[lang] ?? value;
}

/** Every key, for the test that every entry has both languages. */
export const TEXT_KEYS: readonly TextKey[] = Object.keys(TEXT) as TextKey[];

/** Numbers in the page's language (FR uses a decimal comma). */
export function formatNumber(value: number, lang: Lang, digits = 2): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
