/**
 * Community notes on the platform, scored by the bridging model of X's
 * Community Notes (bridging-scorer.ts; Wojcik et al., arXiv 2210.15723,
 * 2022) or, for comparison, by simple majority.
 *
 * - Writing: when an original claim is posted (a post with a veracity, not
 *   a reshare or a reply), a note is written on it with probability
 *   `noteOnFalse` (false claims: the note is accurate) or `noteOnTrue`
 *   (true claims: the note is mistaken, as not every proposed note is
 *   right), `writeDelayHours` after the claim. It is open for rating from
 *   then on.
 * - Rating: an account (human, neither muted nor suspended) shown the
 *   claim or a reshare of it while its note is open rates the note with
 *   probability `rateProbability`, once per note. It rates it helpful with
 *   a probability that depends on the note's accuracy and on the rater's
 *   side: a rater whose opinion has the sign of the claim's stance (the
 *   claim's side) finds notes on it less helpful —
 *   `helpful.accurate.{sameSide, otherSide}`,
 *   `helpful.mistaken.{sameSide, otherSide}`. This partisan rating is what
 *   the bridging model is built to see through.
 * - Scoring: every `scoreEveryHours` (at the end of the tick reaching it)
 *   over all ratings so far. 'bridging' fits μ + i_u + i_n + f_u·f_n (each
 *   fit starting from the raters' factors of the last one: fewer
 *   iterations, the same deterministic result for the same history) and
 *   shows a note with at least `minRatings` ratings when i_n ≥ 0.40 and
 *   |f_n| < 0.5; 'majority' shows it when more than half of its (at least
 *   `minRatings`) ratings are helpful; 'none' shows nothing (notes are
 *   written and rated all the same: a control paired with the others).
 * - Effect: a shown note labels the claim and its reshares, present and
 *   future (FLAG_LABELLED: their reshare probability is multiplied by the
 *   platform's `labelReshareFactor`, engagement-model.ts). Once shown a
 *   note stays shown (the production system can withdraw a note whose
 *   score falls; left out).
 *
 * Every draw comes from the `rng` given (the scenario forks its own), which
 * nothing else reads: installing notes adds no draw to the world's streams,
 * and a run without notes draws exactly as before.
 */
import { ParamError } from '../../model/errors.js';
import type { Rng } from '../../model/rng.js';
import { defaultRaterFactor, fitBridging, isHelpful } from './bridging-scorer.js';
import type { Platform } from './platform.js';
import { FALSE_CLAIM, FLAG_LABELLED, KIND_ORIGINAL, KIND_RESHARE, NOT_A_CLAIM } from './post-store.js';

/** 'none': notes are written and rated but never shown (a paired control: the platform draws as without notes). */
/**
 * Each hourly fit stops when an iteration lowers the loss by less than
 * 1e-5 of itself, or after 50 iterations: ALS on a sparse rating matrix
 * creeps along the weakly identified factor direction, and the display
 * rule's thresholds (0.40, 0.5) do not need more digits than that.
 */
const ITERATIONS = 50;
const TOLERANCE = 1e-5;

export type NoteScorer = 'bridging' | 'majority' | 'none';

export interface HelpfulOdds {
  /** Chance a rater on the claim's side rates the note helpful. */
  readonly sameSide: number;
  /** Chance a rater on the other side rates it helpful. */
  readonly otherSide: number;
}

export interface CommunityNotesOptions {
  readonly scorer: NoteScorer;
  readonly noteOnFalse: number;
  readonly noteOnTrue: number;
  readonly writeDelayHours: number;
  readonly rateProbability: number;
  readonly helpful: { readonly accurate: HelpfulOdds; readonly mistaken: HelpfulOdds };
  readonly scoreEveryHours: number;
  readonly minRatings: number;
}

/** One note: on which claim, whether accurate, when written and (if shown) when shown. */
export interface Note {
  readonly post: number;
  readonly accurate: boolean;
  readonly writtenAt: number;
  shownAt: number;
  ratings: number;
  helpfulRatings: number;
  /** The last fit's intercept and factor (NaN before the note is scored by the bridging model). */
  intercept: number;
  factor: number;
}

function checkProbability(field: string, v: unknown): void {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ParamError('community-notes', field, v, 'a probability in [0, 1]');
}

/** Check the options; the error names the field and what is allowed. */
export function validateNotesOptions(o: CommunityNotesOptions): void {
  if (o.scorer !== 'bridging' && o.scorer !== 'majority' && o.scorer !== 'none') throw new ParamError('community-notes', 'scorer', o.scorer, '"bridging", "majority" or "none"');
  checkProbability('noteOnFalse', o.noteOnFalse);
  checkProbability('noteOnTrue', o.noteOnTrue);
  checkProbability('rateProbability', o.rateProbability);
  for (const kind of ['accurate', 'mistaken'] as const) {
    checkProbability(`helpful.${kind}.sameSide`, o.helpful?.[kind]?.sameSide);
    checkProbability(`helpful.${kind}.otherSide`, o.helpful?.[kind]?.otherSide);
  }
  if (typeof o.writeDelayHours !== 'number' || !(o.writeDelayHours >= 0)) throw new ParamError('community-notes', 'writeDelayHours', o.writeDelayHours, 'a number of hours ≥ 0');
  if (typeof o.scoreEveryHours !== 'number' || !(o.scoreEveryHours > 0)) throw new ParamError('community-notes', 'scoreEveryHours', o.scoreEveryHours, 'a number of hours > 0');
  if (!Number.isInteger(o.minRatings) || o.minRatings < 1) throw new ParamError('community-notes', 'minRatings', o.minRatings, 'a whole number ≥ 1');
}

export class CommunityNotes {
  readonly options: CommunityNotesOptions;
  readonly notes: Note[] = [];
  /** Scoring runs so far. */
  scorings = 0;
  private readonly write: Rng;
  private readonly rate: Rng;
  /** Note index of each claim (by post id), −1 for none; grown as posts arrive. */
  private noteOf = new Int32Array(0);
  private postCursor = 0;
  /** Accounts that rated each note. */
  private readonly raters: Set<number>[] = [];
  /** Ratings in arrival order: account, note, value. */
  private readonly ratingAccount: number[] = [];
  private readonly ratingNote: number[] = [];
  private readonly ratingValue: number[] = [];
  private nextScoreAt: number;
  /** Each rater's factor in the last fit (by account): the next fit starts from it. */
  private readonly lastFactor = new Map<number, number>();

  constructor(options: CommunityNotesOptions, rng: Rng) {
    validateNotesOptions(options);
    this.options = options;
    this.write = rng.fork('write');
    this.rate = rng.fork('rate');
    this.nextScoreAt = options.scoreEveryHours * 60;
  }

  /** The note on claim `post`, or undefined. */
  noteOn(post: number): Note | undefined {
    const k = post < this.noteOf.length ? this.noteOf[post] : -1;
    return k >= 0 ? this.notes[k] : undefined;
  }

  get ratingCount(): number {
    return this.ratingValue.length;
  }

  /** Attach to a platform (keeping its earlier hooks). */
  install(platform: Platform): this {
    const previousExpose = platform.hooks.onExpose;
    const previousTick = platform.hooks.onTick;
    platform.hooks = {
      ...platform.hooks,
      onExpose: (reader, post, time) => {
        this.expose(platform, reader, post, time);
        previousExpose?.(reader, post, time);
      },
      onTick: (time) => {
        this.scan(platform);
        if (time >= this.nextScoreAt) {
          this.score(platform, time);
          while (this.nextScoreAt <= time) this.nextScoreAt += this.options.scoreEveryHours * 60;
        }
        previousTick?.(time);
      },
    };
    return this;
  }

  /** New claims since the last tick: decide which get a note (one draw per claim, in post order). */
  private scan(platform: Platform): void {
    const posts = platform.world.posts;
    const count = posts.count;
    if (this.noteOf.length < count) {
      const grown = new Int32Array(Math.max(count, 2 * this.noteOf.length, 1024)).fill(-1);
      grown.set(this.noteOf);
      this.noteOf = grown;
    }
    for (let p = this.postCursor; p < count; p++) {
      if (posts.kindOf(p) !== KIND_ORIGINAL || posts.parentOf(p) >= 0) continue;
      const veracity = posts.veracityOf(p);
      if (veracity === NOT_A_CLAIM) continue;
      const accurate = veracity === FALSE_CLAIM;
      if (!(this.write.next() < (accurate ? this.options.noteOnFalse : this.options.noteOnTrue))) continue;
      this.noteOf[p] = this.notes.length;
      this.raters.push(new Set());
      this.notes.push({ post: p, accurate, writtenAt: posts.timeOf(p) + this.options.writeDelayHours * 60, shownAt: NaN, ratings: 0, helpfulRatings: 0, intercept: NaN, factor: NaN });
    }
    this.postCursor = count;
  }

  private expose(platform: Platform, reader: number, post: number, time: number): void {
    const w = platform.world;
    const root = w.posts.rootOf(post);
    const k = root < this.noteOf.length ? this.noteOf[root] : -1;
    if (k < 0) return;
    const note = this.notes[k];
    if (time < note.writtenAt) return;
    const a = w.agents;
    if (a.bot[reader] !== 0 || a.muted[reader] !== 0 || a.suspended[reader] !== 0) return;
    const raters = this.raters[k];
    if (raters.has(reader)) return;
    // Only a reader who rates is remembered: one who passes may rate on a later showing.
    if (!(this.rate.next() < this.options.rateProbability)) return;
    raters.add(reader);
    const sameSide = a.opinion[reader] * w.posts.stanceOf(root) > 0;
    const odds = note.accurate ? this.options.helpful.accurate : this.options.helpful.mistaken;
    const helpful = this.rate.next() < (sameSide ? odds.sameSide : odds.otherSide) ? 1 : 0;
    note.ratings++;
    note.helpfulRatings += helpful;
    this.ratingAccount.push(reader);
    this.ratingNote.push(k);
    this.ratingValue.push(helpful);
  }

  /** Score every note on all ratings so far; label the claims of newly shown notes. */
  private score(platform: Platform, time: number): void {
    this.scorings++;
    const m = this.ratingValue.length;
    if (m === 0 || this.options.scorer === 'none') return;
    const { minRatings } = this.options;
    let shown: (k: number) => boolean;
    if (this.options.scorer === 'majority') {
      shown = (k) => this.notes[k].ratings >= minRatings && 2 * this.notes[k].helpfulRatings > this.notes[k].ratings;
    } else {
      // Raters are numbered in the order of their first rating (deterministic).
      const index = new Map<number, number>();
      const rater = new Int32Array(m);
      for (let j = 0; j < m; j++) {
        const acc = this.ratingAccount[j];
        let u = index.get(acc);
        if (u === undefined) index.set(acc, (u = index.size));
        rater[j] = u;
      }
      // Warm start: raters scored before start from their last factor, new ones from the default pattern.
      const start = new Float64Array(index.size);
      for (const [acc, u] of index) start[u] = this.lastFactor.get(acc) ?? defaultRaterFactor(u);
      const fit = fitBridging({ raters: index.size, notes: this.notes.length, rater, note: this.ratingNote, value: this.ratingValue }, { maxIterations: ITERATIONS, tolerance: TOLERANCE, initialRaterFactors: start });
      for (const [acc, u] of index) this.lastFactor.set(acc, fit.raterFactor[u]);
      for (let k = 0; k < this.notes.length; k++) {
        this.notes[k].intercept = fit.noteIntercept[k];
        this.notes[k].factor = fit.noteFactor[k];
      }
      shown = (k) => this.notes[k].ratings >= minRatings && isHelpful(fit.noteIntercept[k], fit.noteFactor[k]);
    }
    for (let k = 0; k < this.notes.length; k++) {
      const note = this.notes[k];
      if (!Number.isNaN(note.shownAt) || !shown(k)) continue;
      note.shownAt = time;
      labelCascade(platform, note.post);
    }
  }
}

/** Label the claim and its reshares so far (later reshares take the label when posted: moderation.ts screenNewPost). */
function labelCascade(platform: Platform, root: number): void {
  const posts = platform.world.posts;
  posts.addFlags(root, FLAG_LABELLED);
  for (let p = root + 1; p < posts.count; p++) if (posts.rootOf(p) === root && posts.kindOf(p) === KIND_RESHARE) posts.addFlags(p, FLAG_LABELLED);
}

/** Install community notes on a platform before it runs. */
export function installCommunityNotes(platform: Platform, options: CommunityNotesOptions, rng: Rng): CommunityNotes {
  return new CommunityNotes(options, rng).install(platform);
}
