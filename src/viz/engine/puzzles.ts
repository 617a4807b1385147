/**
 * Puzzles: a goal, the only controls the player may touch, and a win
 * condition the engine checks on the running session.
 *
 * - Majority illusion by follows: a small network where 6 accounts of 30
 *   hold the red view; by adding and removing follows (a budget of edits),
 *   make more than half of the accounts follow mostly red accounts — the
 *   structural majority illusion of Lerman, Yan & Wu (2016).
 * - Stop the hoax with the ranker alone: the CrowdStrike-style hoax (stance
 *   0, liked by both camps) on a bridging-ranked feed of 6 posts reaches
 *   most accounts; pick a ranker under which it reaches fewer than 45 % by
 *   the end of the day.
 * - Keep the camps talking: in the echo-chamber preset with 5-post feeds,
 *   choose the ranker and the follow recommender so that neighbour leaning
 *   correlation (Cinelli et al. 2021) ends under 0.5 (it starts near 0.54
 *   and ends above 0.8 with the default settings).
 *
 * Each puzzle has a fixed seed, so its targets were chosen against that
 * seed: the starting settings lose and a known setting wins (tested).
 */
import { ParamError, closest } from '../../model/errors.js';
import type { Localized, ParamValue, PuzzleInfo } from './demo-protocol.js';

export type PuzzleMeasure = 'structural-illusion' | 'hoax-reach' | 'leaning-correlation';

export interface PuzzleDefinition {
  readonly info: PuzzleInfo;
  /** The preset's arm and the puzzle's parameters over the preset's. */
  readonly arm: string | null;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly seed: string;
  /** What is measured, and whether winning needs it above or below the target. */
  readonly measure: PuzzleMeasure;
  readonly target: number;
  readonly win: 'above' | 'below';
  /** Whether the win is judged only once the run is over (false: any time). */
  readonly atEnd: boolean;
}

const L = (en: string, fr: string): Localized => ({ en, fr });

const PUZZLES: readonly PuzzleDefinition[] = [
  {
    info: {
      id: 'fool-the-majority',
      title: L('Make the minority look like the majority', 'Faire passer la minorité pour la majorité'),
      goal: L(
        'Only 6 of the 30 accounts are red. Add or remove follows (click one account, then another) until more than half of the accounts follow mostly red accounts.',
        'Seuls 6 des 30 comptes sont rouges. Ajoutez ou retirez des abonnements (cliquez sur un compte, puis sur un autre) jusqu’à ce que plus de la moitié des comptes suivent surtout des comptes rouges.',
      ),
      hint: L(
        'An account that follows only a few others is easy to fool: make it drop a blue account or follow a red one. Red accounts followed by many are worth the most.',
        'Un compte qui en suit peu d’autres est facile à tromper\u00a0: faites-lui quitter un compte bleu ou suivre un compte rouge. Les comptes rouges suivis par beaucoup valent le plus.',
      ),
      preset: 'majority-illusion',
      controls: [],
      editFollows: { budget: 16 },
    },
    arm: 'random-minority',
    // A random network (no hubs yet): few accounts are fooled at the start; 12 well-chosen edits are enough.
    params: { agents: 30, network: 'erdos-renyi', followsPerAccount: 2, tickMinutes: 60, durationHours: 24 },
    seed: 'puzzle-1',
    measure: 'structural-illusion',
    target: 0.5,
    win: 'above',
    atEnd: false,
  },
  {
    info: {
      id: 'stop-the-hoax',
      title: L('Stop the hoax with the feed alone', 'Arrêter l’intox avec le fil seulement'),
      goal: L(
        'The feed puts first the posts liked by both sides (“bridging”), and the hoax, which takes no side, spreads. Change only the ranker so that the hoax reaches fewer than 45\u00a0% of the accounts by the end of the day.',
        'Le fil met en avant les publications aimées par les deux camps («\u00a0pont\u00a0»), et l’intox, qui ne prend pas parti, se propage. Changez seulement le classement pour que l’intox atteigne moins de 45\u00a0% des comptes à la fin de la journée.',
      ),
      hint: L(
        'A post that takes no side is liked by both camps. Which feeds do not reward that? Which ones also push posts from strangers?',
        'Une publication qui ne prend pas parti est aimée des deux camps. Quels fils ne récompensent pas cela\u202f? Lesquels poussent aussi des publications d’inconnus\u202f?',
      ),
      preset: 'crowdstrike-hoax',
      controls: ['ranker'],
      editFollows: null,
    },
    arm: 'with-hubs',
    // Short feeds (6 posts) make the ranker decide what is seen.
    params: { ranker: 'bridging', feedSize: 6 },
    seed: 'puzzle-2',
    measure: 'hoax-reach',
    target: 0.45,
    win: 'below',
    atEnd: true,
  },
  {
    info: {
      id: 'keep-them-talking',
      title: L('Keep the two camps talking', 'Garder le dialogue entre les deux camps'),
      goal: L(
        'People unfollow those they disagree with, and the camps close in: the neighbour leaning correlation climbs from 0.54 to above 0.8. Using only the ranker and the follow suggestions, end the run with it under 0.5.',
        'Chacun se désabonne de ceux avec qui il n’est pas d’accord, et les camps se referment\u00a0: le penchant des voisins passe de 0,54 à plus de 0,8. En ne changeant que le classement et les suggestions d’abonnement, terminez la partie avec moins de 0,5.',
      ),
      hint: L(
        'The feed shows only 5 posts. What if it favoured the posts that people on both sides like? Whom do people then follow instead?',
        'Le fil ne montre que 5 publications. Et s’il favorisait celles qu’aiment les gens des deux camps\u202f? Qui suit-on alors à la place\u202f?',
      ),
      preset: 'echo-chambers',
      controls: ['ranker', 'recommender'],
      editFollows: null,
    },
    arm: null,
    params: { feedSize: 5 },
    seed: 'puzzle-3',
    measure: 'leaning-correlation',
    target: 0.5,
    win: 'below',
    atEnd: true,
  },
];

const BY_ID = new Map(PUZZLES.map((p) => [p.info.id, p]));

export function puzzleIds(): string[] {
  return PUZZLES.map((p) => p.info.id);
}

/** Every puzzle, in menu order. */
export function listPuzzles(): PuzzleInfo[] {
  return PUZZLES.map((p) => p.info);
}

/** The engine-side definition of a puzzle (throws ParamError for an unknown id). */
export function puzzleDefinition(id: string): PuzzleDefinition {
  const def = BY_ID.get(id);
  if (!def) {
    const near = closest(String(id), puzzleIds());
    throw new ParamError('demo', 'puzzle', id, `one of ${puzzleIds().join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  return def;
}
