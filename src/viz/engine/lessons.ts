/**
 * Predict–observe–explain lessons, one per teaching preset (White &
 * Gunstone, Probing Understanding, 1992): before Play the class answers a
 * question with a few choices; the run is the observation; the explanation
 * then quotes the numbers the class has just seen and says which choices
 * the run bore out. Each choice carries the condition on the run's numbers
 * that makes it right, so the verdict follows the run (another seed or
 * setting can prove another choice right), never a stored answer.
 *
 * Pure data and functions of the engine's series (no DOM, no clock): the
 * page shows them, the tests check them on the default seed.
 */
import type { DemoMetrics, Lang, Localized } from './demo-protocol.js';

/** What a lesson's choices and explanation read off a finished (or stopped) run. */
export type LessonNumbers = Readonly<Record<string, number>>;

export interface LessonChoice {
  readonly text: Localized;
  /** Does the run bear this choice out? */
  readonly holds: (n: LessonNumbers) => boolean;
}

export interface Lesson {
  /** The preset it runs (also the lesson's id). */
  readonly preset: string;
  /** The variant it runs, or null for the preset's default. */
  readonly arm: string | null;
  readonly predict: Localized;
  readonly choices: readonly LessonChoice[];
  /** The numbers the explanation quotes, from the run's series. */
  readonly numbers: (rows: readonly DemoMetrics[]) => LessonNumbers;
  /** The explanation, with the numbers in place (`{name}` for a number, `{name%}` for a share as a percentage). */
  readonly explain: Localized;
}

const L = (en: string, fr: string): Localized => ({ en, fr });
const NBSP = '\u00a0';

function last(rows: readonly DemoMetrics[]): DemoMetrics {
  return rows[rows.length - 1];
}

/** The row nearest to `hours`. */
function at(rows: readonly DemoMetrics[], hours: number): DemoMetrics {
  return rows.reduce((best, r) => (Math.abs(r.hours - hours) < Math.abs(best.hours - hours) ? r : best));
}

/** Posts per hour of the hoax topic over (from, to]. */
function volumePerHour(rows: readonly DemoMetrics[], from: number, to: number): number {
  const inside = rows.filter((r) => r.hours > from && r.hours <= to);
  if (inside.length < 2) return 0;
  const tick = inside[1].hours - inside[0].hours;
  return inside.reduce((s, r) => s + r.hoaxVolume, 0) / (inside.length * (tick > 0 ? tick : 1));
}

const LESSONS: readonly Lesson[] = [
  {
    preset: 'echo-chambers',
    arm: 'chronological',
    predict: L(
      'The two groups start mixed, and people unfollow those they disagree with. After five days, what will the follow network look like?',
      'Les deux groupes sont d’abord mélangés, et chacun se désabonne de ceux avec qui il n’est pas d’accord. Au bout de cinq jours, à quoi ressemblera le réseau d’abonnements ?',
    ),
    choices: [
      { text: L('Still mixed', 'Toujours mélangé'), holds: (n) => n.nlcEnd < 0.2 },
      { text: L('Two camps that mostly follow their own side', 'Deux camps qui suivent surtout leur propre côté'), holds: (n) => n.nlcEnd >= 0.5 },
      { text: L('Somewhere in between', 'Entre les deux'), holds: (n) => n.nlcEnd >= 0.2 && n.nlcEnd < 0.5 },
    ],
    numbers: (rows) => ({ nlcStart: rows[0].leaningCorrelation, nlcEnd: last(rows).leaningCorrelation, bcStart: rows[0].bimodality, bcEnd: last(rows).bimodality, hours: last(rows).hours }),
    explain: L(
      'The neighbour leaning went from {nlcStart} to {nlcEnd} in {hours} hours, and polarisation from {bcStart} to {bcEnd} (1 means two separate camps). Nobody changed sides: each unfollow of someone who disagrees, and each new follow of someone who agrees, sorted the network a little more.',
      'Le penchant des voisins est passé de {nlcStart} à {nlcEnd} en {hours} heures, et la polarisation de {bcStart} à {bcEnd} (1 signifie deux camps séparés). Personne n’a changé de camp\u00a0: chaque désabonnement de quelqu’un en désaccord, et chaque nouvel abonnement à quelqu’un d’accord, a trié le réseau un peu plus.',
    ),
  },
  {
    preset: 'majority-illusion',
    arm: 'hubs-hold-minority',
    predict: L(
      'Only 1 account in 5 holds the red view, but they are the accounts everybody follows. What share of people will think red is the majority?',
      'Seul 1 compte sur 5 a l’avis rouge, mais ce sont les comptes que tout le monde suit. Quelle part des gens croira que le rouge est majoritaire\u00a0?',
    ),
    choices: [
      { text: L('Almost nobody', 'Presque personne'), holds: (n) => n.illusion < 0.1 },
      { text: L('About 1 in 5', 'Environ 1 sur 5'), holds: (n) => n.illusion >= 0.1 && n.illusion < 0.35 },
      { text: L('Most people', 'La plupart des gens'), holds: (n) => n.illusion >= 0.5 },
    ],
    numbers: (rows) => ({ illusion: last(rows).illusionShare, truth: last(rows).trueShare, perceived: last(rows).perceivedShare }),
    explain: L(
      'Only {truth%} held the red view, but the feeds showed {perceived%} red posts on average, and {illusion%} of people believed red was the majority: the few are loud because everybody follows them.',
      'Seuls {truth%} avaient l’avis rouge, mais les fils montraient en moyenne {perceived%} de publications rouges, et {illusion%} des gens ont cru le rouge majoritaire\u00a0: les quelques-uns pèsent lourd parce que tout le monde les suit.',
    ),
  },
  {
    preset: 'false-consensus',
    arm: 'similarity',
    predict: L(
      '40 % lean right and 60 % left. The feed shows people what is similar to them. How big will the right think it is, judging by its feed?',
      '40\u00a0% penchent à droite et 60\u00a0% à gauche. Le fil montre à chacun ce qui lui ressemble. Quelle taille la droite se donnera-t-elle, d’après son fil\u00a0?',
    ),
    choices: [
      { text: L('About 40 %, the truth', 'Environ 40\u00a0%, la vérité'), holds: (n) => Math.abs(n.ownRight - n.truth) < 0.1 },
      { text: L('Less than 40 %', 'Moins de 40\u00a0%'), holds: (n) => n.ownRight <= n.truth - 0.1 },
      { text: L('More than half: the majority', 'Plus de la moitié\u00a0: la majorité'), holds: (n) => n.ownRight > 0.5 },
    ],
    numbers: (rows) => ({ ownRight: last(rows).perceivedOwnRight, ownLeft: last(rows).perceivedOwnLeft, truth: last(rows).trueShare, truthLeft: 1 - last(rows).trueShare }),
    explain: L(
      'The right is truly {truth%}, but {ownRight%} of the posts in its feeds leaned right; the left, truly {truthLeft%}, saw {ownLeft%} leaning left. A feed of what is similar to you makes your side look bigger than it is: both sides believe they are the majority.',
      'La droite pèse en vrai {truth%}, mais {ownRight%} des publications de ses fils penchaient à droite\u00a0; la gauche, {truthLeft%} en vrai, en voyait {ownLeft%} à gauche. Un fil de ce qui vous ressemble fait paraître votre camp plus grand qu’il n’est\u00a0: les deux camps se croient majoritaires.',
    ),
  },
  {
    preset: 'crowdstrike-hoax',
    arm: 'with-hubs',
    predict: L(
      'A small account posts a false story; four hours later two very popular accounts share it. Out of 2,000 accounts, how many will have seen it after one day?',
      'Un petit compte publie une fausse information\u00a0; quatre heures plus tard, deux comptes très suivis la partagent. Sur 2\u202f000 comptes, combien l’auront vue au bout d’une journée\u00a0?',
    ),
    choices: [
      { text: L('Fewer than 100', 'Moins de 100'), holds: (n) => n.reachEnd < 100 },
      { text: L('A few hundred', 'Quelques centaines'), holds: (n) => n.reachEnd >= 100 && n.reachEnd < 700 },
      { text: L('About half or more', 'À peu près la moitié ou plus'), holds: (n) => n.reachEnd >= 700 },
    ],
    numbers: (rows) => ({ reach4: at(rows, 4).hoaxReach, reach8: at(rows, 8).hoaxReach, reachEnd: last(rows).hoaxReach, share: last(rows).hoaxReach / 2000 }),
    explain: L(
      'At hour 4 only {reach4} accounts had seen it; four hours after the big accounts shared it, {reach8}; after a day, {reachEnd} ({share%} of all accounts). Two shares by very followed accounts put it in front of far more people than the hundreds of ordinary shares that followed.',
      'À la 4e heure, seuls {reach4} comptes l’avaient vue\u00a0; quatre heures après le partage des gros comptes, {reach8}\u00a0; au bout d’une journée, {reachEnd} ({share%} de tous les comptes). Deux partages par des comptes très suivis l’ont montrée à bien plus de monde que les centaines de partages ordinaires qui ont suivi.',
    ),
  },
  {
    preset: 'brand-crisis',
    arm: 'answer-8d',
    predict: L(
      'An awkward question about a brand is asked again by more people every day, and the brand waits 8 days to answer. Will the alert go off before it answers?',
      'Une question gênante sur une marque est reposée chaque jour par plus de gens, et la marque attend 8 jours pour répondre. L’alerte se déclenchera-t-elle avant sa réponse\u00a0?',
    ),
    choices: [
      { text: L('Yes, within the first day', 'Oui, dès le premier jour'), holds: (n) => n.fired === 1 && n.alertHour < 24 + n.signalHour },
      { text: L('Yes, but only after a few days', 'Oui, mais seulement après quelques jours'), holds: (n) => n.fired === 1 && n.alertHour >= 24 + n.signalHour },
      { text: L('No, it never goes off', 'Non, elle ne se déclenche jamais'), holds: (n) => n.fired === 0 },
    ],
    numbers: (rows) => {
      const fired = rows.find((r) => r.alertFired);
      const first = rows.find((r) => r.topicVolume > 0);
      return { fired: fired ? 1 : 0, alertHour: fired ? fired.hours : NaN, signalHour: first ? first.hours : 0, peak: Math.max(...rows.map((r) => r.topicVolume)) };
    },
    explain: L(
      'The first question came at hour {signalHour}; the alert went off at hour {alertHour}, days later, when at most {peak} mentions came in one tick. A weak signal grows slowly: a listening tool sees it only once the volume stands out from the usual noise.',
      'La première question est arrivée à la {signalHour}e heure\u00a0; l’alerte s’est déclenchée à la {alertHour}e heure, des jours plus tard, avec au plus {peak} mentions en un pas. Un signal faible monte lentement\u00a0: un outil de veille ne le voit que quand le volume sort du bruit habituel.',
    ),
  },
  {
    preset: 'moderation-off',
    arm: 'switched-off',
    predict: L(
      'False stories keep being posted and bots share them. On day 3 moderation is switched off. What happens to the number of false posts per hour?',
      'Des fausses informations sont publiées sans arrêt et des robots les partagent. Au 3e jour, la modération est coupée. Que devient le nombre de fausses publications par heure\u00a0?',
    ),
    choices: [
      { text: L('Nothing changes', 'Rien ne change'), holds: (n) => n.after < 1.5 * n.before && n.after > n.before / 1.5 },
      { text: L('It goes up', 'Il augmente'), holds: (n) => n.after >= 1.5 * n.before },
      { text: L('It goes down', 'Il baisse'), holds: (n) => n.after <= n.before / 1.5 },
    ],
    numbers: (rows) => ({ before: volumePerHour(rows, 48, 72), after: volumePerHour(rows, 72, last(rows).hours), reach72: at(rows, 72).hoaxReach, reachEnd: last(rows).hoaxReach }),
    explain: L(
      'On day 3, before the switch, there were {before} false posts per hour; after it, {after} per hour on average. Accounts reached went from {reach72} to {reachEnd}. Without moderation, nothing removes the bots\u2019 shares any more.',
      'Au 3e jour, avant la coupure, il y avait {before} fausses publications par heure\u00a0; après, {after} par heure en moyenne. Les comptes atteints sont passés de {reach72} à {reachEnd}. Sans modération, plus rien ne retire les partages des robots.',
    ),
  },
  {
    preset: 'bots-and-poll',
    arm: 'bots-12',
    predict: L(
      'A poll asks “yes or no?” and every account that sees it may vote once. Half of the humans are on the “yes” side, and 12 % of accounts are bots that always vote “yes”. What will the poll say?',
      'Un sondage demande «\u00a0oui ou non\u202f?\u00a0» et chaque compte qui le voit peut voter une fois. La moitié des humains est du côté du «\u00a0oui\u00a0», et 12\u00a0% des comptes sont des robots qui votent toujours «\u00a0oui\u00a0». Que dira le sondage\u00a0?',
    ),
    choices: [
      { text: L('About 50 % yes, the truth', 'Environ 50\u00a0% de oui, la vérité'), holds: (n) => n.poll < 0.53 },
      { text: L('A bit more: 53 to 65 % yes', 'Un peu plus\u00a0: 53 à 65\u00a0% de oui'), holds: (n) => n.poll >= 0.53 && n.poll < 0.65 },
      { text: L('Far more: over 65 % yes', 'Bien plus\u00a0: plus de 65\u00a0% de oui'), holds: (n) => n.poll >= 0.65 },
    ],
    numbers: (rows) => {
      const poll = last(rows).pollYes;
      const truth = last(rows).trueShare;
      // Bots vote yes and humans' votes split like humans: poll = v + (1 − v)·truth, v the bots' share of the votes.
      return { poll, truth, bots: truth < 1 ? Math.max(0, (poll - truth) / (1 - truth)) : NaN };
    },
    explain: L(
      'The poll said {poll%} yes, while {truth%} of the humans were on the yes side. Bots vote like anyone who sees the poll, but always yes: a poll at {poll%} when the truth is {truth%} means about {bots%} of the votes came from bots. A real poll of 17 million votes read 57 %: bots casting 14 % of the votes are enough to make a true 50 % read so.',
      'Le sondage a donné {poll%} de oui, alors que {truth%} des humains étaient du côté du oui. Les robots votent comme tous ceux qui voient le sondage, mais toujours oui\u00a0: un sondage à {poll%} quand la vérité est {truth%}, c’est environ {bots%} des votes venus de robots. Un vrai sondage de 17 millions de votes a donné 57\u00a0%\u00a0: il suffit que des robots fassent 14\u00a0% des votes pour qu’un vrai 50\u00a0% se lise ainsi.',
    ),
  },
];

const BY_PRESET = new Map(LESSONS.map((l) => [l.preset, l]));

/** Every lesson, in menu order. */
export function listLessons(): readonly Lesson[] {
  return LESSONS;
}

/** The lesson of a preset, or null. */
export function lessonOf(preset: string): Lesson | null {
  return BY_PRESET.get(preset) ?? null;
}

/** A number as the explanation quotes it: whole numbers as they are, others to 2 decimals (a comma in French). */
function quote(value: number, lang: Lang, percent: boolean): string {
  if (!Number.isFinite(value)) return '—';
  const v = percent ? value * 100 : value;
  const rounded = percent || Math.abs(v) >= 10 ? Math.round(v) : Math.round(v * 100) / 100;
  const text = (lang === 'fr' ? String(rounded).replace('.', ',') : String(rounded)).replace('-', '\u2212');
  return percent ? `${text}${NBSP}%` : text;
}

/** The explanation in `lang` with the run's numbers in place. */
export function explainLesson(lesson: Lesson, rows: readonly DemoMetrics[], lang: Lang): string {
  const n = lesson.numbers(rows);
  return lesson.explain[lang].replace(/\{(\w+)(%?)\}/g, (_, name: string, pct: string) => quote(n[name] ?? NaN, lang, pct === '%'));
}

/** Indices of the choices the run bears out. */
export function lessonVerdict(lesson: Lesson, rows: readonly DemoMetrics[]): number[] {
  const n = lesson.numbers(rows);
  return lesson.choices.flatMap((c, i) => (c.holds(n) ? [i] : []));
}
