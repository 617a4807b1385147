/**
 * A poll on the platform: one vote per account, yes or no, as a platform
 * poll counts them (a post that carries the question; each account votes
 * at most once; the count is what everyone sees).
 *
 * - It opens when its post (an injected post, by name) is posted and closes
 *   `hours` later (by default it stays open to the end of the run).
 * - Humans vote from their feeds: the first time a human is shown the poll
 *   (the post or a reshare of it) while it is open, it votes with
 *   probability `humanTurnout`, yes if its opinion is > 0, else no, and is
 *   never asked again. A human never shown it does not vote.
 * - Bots vote by script (`botsVote: 'by-script'`, the default): at the end
 *   of the tick in which the poll opens (or in which they join, if later)
 *   each bot votes with probability `botTurnout`, yes if its stance is > 0,
 *   else no, whether or not a feed shows it the poll. With `botsVote:
 *   'from-feed'` bots vote as humans do, when first shown the poll, with
 *   probability `botTurnout`.
 * - Muted and suspended accounts do not vote.
 *
 * Whether an account turns out is a hash of the account and the poll's
 * `salt` (no stream is drawn from), so the same account decides the same
 * way in every arm of a paired run, and a run without a poll draws exactly
 * as before.
 *
 * The relation between the bot share and the poll (an exact oracle for the
 * tests and the scenario's derived outcomes): with a share b of accounts
 * being bots that vote yes with turnout t_b, and humans voting with turnout
 * t_h of whom a share q is on the yes side, the expected yes share is
 *
 *   observed = (b·t_b + (1 − b)·t_h·q) / (b·t_b + (1 − b)·t_h),
 *
 * equivalently observed = v + (1 − v)·q with v = b·t_b / (b·t_b + (1 − b)·t_h)
 * the bots' share of the votes. Reading a target share p > q needs
 * v = (p − q)/(1 − q) (0.14 for p = 0.57, q = 1/2) and
 *
 *   b/(1 − b) = t_h·(p − q) / (t_b·(1 − p)).
 */
import { ParamError } from '../../model/errors.js';
import type { Platform } from './platform.js';
import { hashUniform } from './rankers.js';

export interface PollOptions {
  /** Name of the injected post that carries the poll. */
  readonly post: string;
  /** Chance that a human shown the poll votes (decided once, at the first showing). */
  readonly humanTurnout: number;
  /** Chance that a bot votes (decided once, when the poll opens or the bot joins). */
  readonly botTurnout: number;
  /** How bots vote: by script when the poll opens (default), or from their feeds as humans do. */
  readonly botsVote?: 'by-script' | 'from-feed';
  /** How long the poll stays open after its post, in hours (default: to the end of the run). */
  readonly hours?: number;
  /** Salt of the turnout hash: a run's poll decides the same for the same salt. */
  readonly salt: number;
}

/** The votes so far, by who cast them. */
export interface PollTally {
  readonly yes: number;
  readonly no: number;
  readonly humanYes: number;
  readonly humanNo: number;
  readonly botYes: number;
  readonly botNo: number;
  /** Humans shown the poll while it was open (voters and abstainers). */
  readonly humansShown: number;
  /** Bots asked (voters and abstainers): every bot by script, those shown the poll from feeds. */
  readonly botsAsked: number;
}

const UNDECIDED = 0;
const ABSTAINED = 1;
const YES = 2;
const NO = 3;

/** Check poll options; the error names the field and what is allowed. */
export function validatePollOptions(options: PollOptions, source = 'poll'): void {
  if (typeof options.post !== 'string' || options.post === '') throw new ParamError(source, 'post', options.post, 'the name of an injected post');
  for (const key of ['humanTurnout', 'botTurnout'] as const) {
    const v = options[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ParamError(source, key, v, 'a probability in [0, 1]');
  }
  if (options.botsVote !== undefined && options.botsVote !== 'by-script' && options.botsVote !== 'from-feed') throw new ParamError(source, 'botsVote', options.botsVote, '"by-script" or "from-feed"');
  if (options.hours !== undefined && !(typeof options.hours === 'number' && options.hours > 0)) throw new ParamError(source, 'hours', options.hours, 'a number of hours > 0');
  if (!Number.isInteger(options.salt)) throw new ParamError(source, 'salt', options.salt, 'an integer');
}

export class Poll {
  readonly options: PollOptions;
  /** When the poll opened (minutes), or NaN before its post. */
  opensAt = NaN;
  private state = new Uint8Array(0);
  private postId = -1;
  /** Accounts below this index have had their bot check. */
  private botCursor = 0;
  private counts = { humanYes: 0, humanNo: 0, botYes: 0, botNo: 0, humansShown: 0, botsAsked: 0 };

  constructor(options: PollOptions) {
    validatePollOptions(options);
    this.options = options;
  }

  /** The id of the poll's post, once posted (−1 before). */
  get post(): number {
    return this.postId;
  }

  /** Whether the poll takes votes at `time` (minutes). */
  isOpen(time: number): boolean {
    if (Number.isNaN(this.opensAt)) return false;
    return this.options.hours === undefined || time < this.opensAt + this.options.hours * 60;
  }

  /** The vote of account i: 'yes', 'no', or null (not asked, or abstained). */
  voteOf(i: number): 'yes' | 'no' | null {
    const s = i < this.state.length ? this.state[i] : UNDECIDED;
    return s === YES ? 'yes' : s === NO ? 'no' : null;
  }

  tally(): PollTally {
    const c = this.counts;
    return { yes: c.humanYes + c.botYes, no: c.humanNo + c.botNo, ...c };
  }

  /** Attach to a platform (keeping its earlier hooks): humans vote on exposure, bots at the end of a tick. */
  install(platform: Platform): this {
    const w = platform.world;
    const previousExpose = platform.hooks.onExpose;
    const previousTick = platform.hooks.onTick;
    const fromFeed = this.options.botsVote === 'from-feed';
    const findPost = (): void => {
      if (this.postId >= 0) return;
      const id = platform.injected.get(this.options.post);
      if (id === undefined) return;
      this.postId = id;
      this.opensAt = w.posts.timeOf(id);
    };
    platform.hooks = {
      ...platform.hooks,
      onExpose: (reader, post, time) => {
        findPost();
        if (this.postId >= 0 && w.posts.rootOf(post) === this.postId && this.isOpen(time)) {
          if (w.agents.bot[reader] === 0) this.decide(platform, reader, this.options.humanTurnout, 0);
          else if (fromFeed) this.decide(platform, reader, this.options.botTurnout, 1);
        }
        previousExpose?.(reader, post, time);
      },
      onTick: (time) => {
        findPost();
        // Bots present when a tick starts with the poll open (those joining later: at the end of the tick they joined).
        if (!fromFeed && this.postId >= 0 && this.isOpen(time - w.params.tickMinutes)) {
          const a = w.agents;
          for (let i = this.botCursor; i < a.n; i++) if (a.bot[i] !== 0) this.decide(platform, i, this.options.botTurnout, 1);
          this.botCursor = a.n;
        }
        previousTick?.(time);
      },
    };
    return this;
  }

  /** Account i is asked once: it votes with probability `turnout` (its side: opinion > 0 is yes), or abstains. */
  private decide(platform: Platform, i: number, turnout: number, kind: 0 | 1): void {
    if (i >= this.state.length) {
      const grown = new Uint8Array(Math.max(platform.world.agents.n, 2 * this.state.length, i + 1));
      grown.set(this.state);
      this.state = grown;
    }
    if (this.state[i] !== UNDECIDED) return;
    const a = platform.world.agents;
    if (a.muted[i] !== 0 || a.suspended[i] !== 0) return;
    const c = this.counts;
    if (kind === 0) c.humansShown++;
    else c.botsAsked++;
    if (!(hashUniform(i, this.options.salt, kind) < turnout)) {
      this.state[i] = ABSTAINED;
      return;
    }
    const yes = a.opinion[i] > 0;
    this.state[i] = yes ? YES : NO;
    if (kind === 0) {
      if (yes) c.humanYes++;
      else c.humanNo++;
    } else if (yes) c.botYes++;
    else c.botNo++;
  }
}

/** Open a poll on a platform before it runs (the poll's post is an injected post of its timeline). */
export function openPoll(platform: Platform, options: PollOptions): Poll {
  return new Poll(options).install(platform);
}

function checkShare(name: string, v: number, open = false): void {
  if (typeof v !== 'number' || !(open ? v > 0 && v < 1 : v >= 0 && v <= 1)) throw new ParamError('poll', name, v, open ? 'a share in (0, 1)' : 'a share in [0, 1]');
}

/** The expected yes share: (b·t_b + (1 − b)·t_h·q) / (b·t_b + (1 − b)·t_h); NaN when nobody can vote. */
export function expectedYesShare(botShare: number, humanTurnout: number, botTurnout: number, humanYesShare = 0.5): number {
  checkShare('botShare', botShare);
  checkShare('humanTurnout', humanTurnout);
  checkShare('botTurnout', botTurnout);
  checkShare('humanYesShare', humanYesShare);
  const bots = botShare * botTurnout;
  const humans = (1 - botShare) * humanTurnout;
  return bots + humans > 0 ? (bots + humans * humanYesShare) / (bots + humans) : NaN;
}

/** The bots' share of the votes that makes a poll read `target` when humans split `humanYesShare`: (p − q)/(1 − q); 0 when p ≤ q. */
export function botVoteShareFor(target: number, humanYesShare = 0.5): number {
  checkShare('target', target, true);
  checkShare('humanYesShare', humanYesShare, true);
  return target <= humanYesShare ? 0 : (target - humanYesShare) / (1 - humanYesShare);
}

/**
 * The bot share of accounts at which the expected yes share reaches
 * `target`: b = r/(1 + r), r = t_h·(p − q) / (t_b·(1 − p)); 0 when humans
 * alone reach it (p ≤ q), NaN when bots cannot (t_b = 0).
 */
export function botShareForYesShare(target: number, humanTurnout: number, botTurnout: number, humanYesShare = 0.5): number {
  checkShare('target', target, true);
  checkShare('humanTurnout', humanTurnout);
  checkShare('botTurnout', botTurnout);
  checkShare('humanYesShare', humanYesShare, true);
  if (target <= humanYesShare) return 0;
  if (botTurnout === 0) return NaN;
  const r = (humanTurnout * (target - humanYesShare)) / (botTurnout * (1 - target));
  return r / (1 + r);
}
