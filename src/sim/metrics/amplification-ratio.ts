/**
 * Algorithmic amplification ratio (Huszár, Ktena, O'Brien, Belli, Schlaikjer
 * & Hardt, "Algorithmic amplification of politics on Twitter", PNAS 119(1),
 * e2025334119, 2022): how much more a ranked feed shows a set T of posts
 * than a reverse-chronological control does, each normalised by the
 * accounts of its group. A two-run metric: the treatment and control are
 * paired runs (same seed, same accounts) that differ only in the ranker.
 *
 *   reach ratio       = (R_t / N_t) / (R_c / N_c)
 *   impressions ratio = (I_t / N_t) / (I_c / N_c)
 *
 * R = accounts of the audience that were shown at least one post of T (the
 * paper's reach: "the number of unique users who registered an impression"
 * of a tweet of T), I = impressions of posts of T (every showing counts), N
 * = accounts in the audience, t / c the treatment and the control. 1 = the
 * ranked feed shows T as much as the chronological one; 2 = twice as much.
 * NaN when the control never showed T (0/0 or x/0: the ratio is undefined,
 * not infinite, since the control is the yardstick).
 */
import { ParamError } from '../../model/errors.js';

export interface ExposureTotals {
  /** N: accounts in the audience. */
  readonly accounts: number;
  /** R: accounts of the audience shown at least one post of the set. */
  readonly reached: number;
  /** I: impressions of posts of the set on the audience. */
  readonly impressions: number;
}

export interface AmplificationRatio {
  readonly reach: number;
  readonly impressions: number;
}

function checkTotals(field: string, t: ExposureTotals): void {
  const ok = t !== null && typeof t === 'object' && Number.isFinite(t.accounts) && t.accounts > 0 && t.reached >= 0 && t.reached <= t.accounts && t.impressions >= t.reached && Number.isFinite(t.impressions);
  if (!ok) throw new ParamError('metrics/amplification-ratio', field, t, 'accounts > 0, 0 ≤ reached ≤ accounts ≤ ∞ and impressions ≥ reached');
}

export function amplificationRatio(treatment: ExposureTotals, control: ExposureTotals): AmplificationRatio {
  checkTotals('treatment', treatment);
  checkTotals('control', control);
  const ratio = (t: number, c: number): number => (c > 0 ? t / treatment.accounts / (c / control.accounts) : NaN);
  return { reach: ratio(treatment.reached, control.reached), impressions: ratio(treatment.impressions, control.impressions) };
}
