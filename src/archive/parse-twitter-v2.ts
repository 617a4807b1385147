/**
 * Parser for Twitter API v2 exports: either one response page, a JSON
 * object `{data: [tweet…], includes: {users: [user…], tweets: [tweet…]}}`
 * (format 'page'), or JSON Lines (format 'jsonl') where each line is such a
 * page or a single tweet (optionally with its user inlined as `author`, as
 * flattening tools write it). A tweet needs `id`, `author_id`, `created_at`
 * (ISO 8601) and may have `referenced_tweets` [{type: 'retweeted'|'quoted'|
 * 'replied_to', id}]; other fields (conversation_id, lang, geo,
 * public_metrics) are not needed for the tree and are ignored. Users give
 * `id` and `protected` (followers_count and verified are checked for type
 * only). `includes.tweets` holds the tweets that the page's tweets reference
 * (an original retweeted or replied to may appear only there): they are read
 * like data tweets and can be roots and parents; as the same original is
 * included on every page that references it, a repeat there is not a
 * duplicate, and a data record of a tweet first seen in includes is not one
 * either (the first record read is kept).
 *
 * Trees. A reply's parent is the tweet it replies to (exact). A retweet's
 * true parent is not in the data (v2 always references the original): with
 * a `followers` predicate it is attached, by the time-respecting follower
 * rule (Goel et al. 2016, Management Science 62(1); Vosoughi et al. 2018,
 * Science 359:1146), to the most recent earlier tweet among the original
 * and its earlier retweets whose author the retweeter follows, else to the
 * original; without a predicate, to the original (the cascade root for
 * retweets of a source). A reply that also quotes is a reply. A quote (not a
 * reply) starts a new cascade of its own: it is new content shown to the
 * quoter's audience, and Vosoughi et al. build cascades from retweets only.
 *
 * Cleaning. By default tweets of protected accounts and tweets whose id is
 * in `deletions` are dropped (counted); tweets whose parent is missing,
 * dropped or on a reference cycle are unreachable (dropped, counted). A
 * repeated tweet id in data keeps its first record (the rest count as
 * duplicates). Times are minutes since the cascade's root; a tweet timed
 * before its parent is raised to the parent's time (counted as a negative
 * delay when it is also before the root, else as raised to the parent).
 * Entries are ordered by (cleaned time, reference depth, input order), so
 * parents come first and times never decrease. Lines or records that do not
 * parse (bad JSON, wrong types, missing fields, bytes that are not UTF-8)
 * are skipped and reported with file and line (jsonl) or the record's path
 * (page) and the field that failed, never with their content (which may
 * hold raw ids; JSON.parse's messages quote the text, so only their kind
 * and position are kept), or with `strict` throw an InputError at the
 * first. A page file with bytes that are not UTF-8 is skipped whole. Parsing uses JSON.parse and reads only
 * own properties of checked types, and ids are kept in Maps, so keys such
 * as `__proto__` cannot reach any prototype.
 *
 * Memory. `TwitterV2Accumulator` takes lines or pages one at a time and
 * keeps, per tweet, only interned indices and numbers in typed columns
 * (about 25 bytes plus the id string and its Map entry), never the text, so
 * a streamed archive needs memory in proportion to its tweets, not its
 * bytes. It has no I/O: src/io/read-twitter-v2.ts streams files into it.
 */
import { InputError } from '../model/errors.js';
import type { ArchiveCascade } from './archive-cascade.js';
import type { IdMapper } from './pseudonymise.js';
import { KIND_QUOTE, KIND_REPLY, KIND_RETWEET, KIND_SOURCE, TwitterV2RecordReader, type TwitterV2Counts, type TwitterV2Report } from './twitter-v2-reader.js';

export { jsonErrorKind, type TwitterV2Counts, type TwitterV2Report } from './twitter-v2-reader.js';

export type RetweetAttachment = 'follower-rule' | 'root';

export interface TwitterV2Options {
  /** Name of the input in the report (and of lines whose file is not given). */
  readonly file?: string;
  readonly strict?: boolean;
  readonly mapId: IdMapper;
  /** Whether raw user `follower` follows raw user `followee`; enables the follower rule for retweets. */
  readonly followers?: (follower: string, followee: string) => boolean;
  /** Ids of tweets deleted since collection: dropped. */
  readonly deletions?: ReadonlySet<string>;
  /** Keep tweets of protected accounts (default false: drop them). */
  readonly keepProtected?: boolean;
}

export interface ParseTwitterV2Options extends TwitterV2Options {
  readonly format: 'page' | 'jsonl';
}

export interface ParsedTwitterV2 {
  readonly cascades: ArchiveCascade[];
  readonly report: TwitterV2Report;
  readonly retweetAttachment: RetweetAttachment;
}

/** Tweet record states: referenced only, read from includes.tweets, read from data. */
const UNSEEN = 0;
const INCLUDED = 1;
const IN_DATA = 2;

/** A typed column that grows by doubling. */
class Column<A extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(public data: A, private readonly make: (n: number) => A) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

const int32 = (n: number): Int32Array => new Int32Array(n);
const float64 = (n: number): Float64Array => new Float64Array(n);
const uint8 = (n: number): Uint8Array => new Uint8Array(n);

/**
 * Incremental Twitter v2 parser: feed JSONL lines (`addLine`), page texts
 * (`addPageText`) or parsed pages (`addPage`), possibly from several files,
 * then call `finish()` once.
 */
export class TwitterV2Accumulator extends TwitterV2RecordReader {
  // Tweets, by interned index.
  private readonly tweetIndex = new Map<string, number>();
  private readonly tweetId: string[] = [];
  private readonly state = new Column(uint8(1024), uint8);
  private readonly kind = new Column(uint8(1024), uint8);
  private readonly author = new Column(int32(1024), int32);
  private readonly ref = new Column(int32(1024), int32);
  private readonly rawTime = new Column(float64(1024), float64);
  private readonly order = new Column(int32(1024), int32);
  /** Tweet indices in the order their records were read. */
  private readonly records = new Column(int32(1024), int32);
  // Users, by interned index.
  private readonly userIndex = new Map<string, number>();
  private readonly userId: string[] = [];
  private readonly protectedUser = new Column(uint8(256), uint8);

  constructor(private readonly options: TwitterV2Options) {
    super(options.file, options.strict);
  }

  /** Distinct tweets with a record so far. */
  get tweetCount(): number {
    return this.records.length;
  }

  private internUser(id: string): number {
    let u = this.userIndex.get(id);
    if (u === undefined) {
      u = this.userId.length;
      this.userIndex.set(id, u);
      this.userId.push(id);
      this.protectedUser.push(0);
    }
    return u;
  }

  private internTweet(id: string): number {
    let t = this.tweetIndex.get(id);
    if (t === undefined) {
      t = this.tweetId.length;
      this.tweetIndex.set(id, t);
      this.tweetId.push(id);
      this.state.push(UNSEEN);
      this.kind.push(KIND_SOURCE);
      this.author.push(-1);
      this.ref.push(-1);
      this.rawTime.push(0);
      this.order.push(-1);
    }
    return t;
  }

  protected acceptProtectedUser(id: string): void {
    this.protectedUser.data[this.internUser(id)] = 1;
  }

  protected acceptTweet(id: string, author: string, time: number, kind: number, target: string | undefined, included: boolean): void {
    const k = this.internTweet(id);
    const seen = this.state.data[k];
    if (seen !== UNSEEN) {
      // The first record is kept; only a second data record is a duplicate.
      if (!included && seen === IN_DATA) this.report.counts.duplicateLines++;
      if (!included) this.state.data[k] = IN_DATA;
      return;
    }
    this.state.data[k] = included ? INCLUDED : IN_DATA;
    this.kind.data[k] = kind;
    this.author.data[k] = this.internUser(author);
    this.rawTime.data[k] = time;
    this.order.data[k] = this.records.length;
    this.records.push(k);
    // Interned after `k` so a self-reference resolves to `k` itself (a cycle).
    this.ref.data[k] = target === undefined ? -1 : this.internTweet(target);
  }

  /** Cleans what was read into cascades (see the banner); the accumulator takes no more input after. */
  finish(): ParsedTwitterV2 {
    const cascades: ArchiveCascade[] = [];
    const { report, retweetAttachment } = this.finishEach((c) => cascades.push(c));
    return { cascades, report, retweetAttachment };
  }

  /**
   * As `finish`, but hands each cascade to `visit` in turn instead of
   * returning them all, so a caller that only summarises them (as `echolab
   * import` does) never holds them all; cascades come in the same order.
   */
  finishEach(visit: (cascade: ArchiveCascade) => void): Omit<ParsedTwitterV2, 'cascades'> {
    this.open();
    this.finished = true;
    const { options, twitter, report } = this;
    const counts = report.counts;
    const n = this.tweetId.length;
    const state = this.state.data;
    const kind = this.kind.data;
    const author = this.author.data;
    const ref = this.ref.data;
    const rawTime = this.rawTime.data;
    const order = this.order.data;
    const records = this.records.data.subarray(0, this.records.length);
    const protectedUser = this.protectedUser.data;

    // Drop deleted and protected tweets.
    const kept = new Uint8Array(n);
    for (let k = 0; k < n; k++) kept[k] = state[k] === UNSEEN ? 0 : 1;
    if (options.deletions !== undefined) {
      for (const id of options.deletions) {
        const k = this.tweetIndex.get(id);
        if (k !== undefined && kept[k] === 1) {
          kept[k] = 0;
          twitter.deletedDropped++;
        }
      }
    }
    if (options.keepProtected !== true) {
      for (let k = 0; k < n; k++) {
        if (kept[k] === 1 && protectedUser[author[k]] === 1) {
          kept[k] = 0;
          twitter.protectedDropped++;
        }
      }
    }

    // Resolve each kept tweet's root, cleaned time and reference depth, following references iteratively.
    const UNRESOLVED = -2;
    const UNREACHABLE = -1;
    const rootOf = new Int32Array(n).fill(UNRESOLVED);
    const timeOf = new Float64Array(n);
    const depthOf = new Int32Array(n);
    const onChain = new Int32Array(n);
    const roots: number[] = [];
    const chain: number[] = [];
    for (let r = 0; r < records.length; r++) {
      const start = records[r];
      if (kept[start] === 0 || rootOf[start] !== UNRESOLVED) continue;
      chain.length = 0;
      const stamp = r + 1;
      let cur = start;
      let rootIndex = UNREACHABLE;
      let baseTime = Number.NEGATIVE_INFINITY;
      let baseDepth = -1;
      while (cur >= 0) {
        if (rootOf[cur] !== UNRESOLVED) {
          rootIndex = rootOf[cur];
          baseTime = timeOf[cur];
          baseDepth = depthOf[cur];
          break;
        }
        if (onChain[cur] === stamp) break; // a reference cycle: unreachable
        onChain[cur] = stamp;
        chain.push(cur);
        if (ref[cur] === -1) {
          rootIndex = roots.length;
          roots.push(cur);
          if (kind[cur] === KIND_QUOTE) twitter.quotesAsRoots++;
          break;
        }
        cur = kept[ref[cur]] === 1 ? ref[cur] : -1;
      }
      if (rootIndex === UNREACHABLE) {
        for (const t of chain) rootOf[t] = UNREACHABLE;
        continue;
      }
      const rootTime = rawTime[roots[rootIndex]];
      for (let k = chain.length - 1; k >= 0; k--) {
        const t = chain[k];
        let time = rawTime[t];
        if (time < baseTime) {
          if (time < rootTime) counts.negativeDelaysFixed++;
          else counts.delaysRaisedToParent++;
          time = baseTime;
        }
        rootOf[t] = rootIndex;
        timeOf[t] = time;
        depthOf[t] = baseDepth + 1;
        baseTime = time;
        baseDepth++;
      }
    }

    // Group kept tweets by cascade (counting sort by root), each in (cleaned time, depth, input order).
    const start = new Int32Array(roots.length + 1);
    for (let r = 0; r < records.length; r++) {
      const t = records[r];
      if (kept[t] === 0) continue;
      if (rootOf[t] === UNREACHABLE) counts.unreachableNodesDropped++;
      else start[rootOf[t] + 1]++;
    }
    for (let c = 0; c < roots.length; c++) start[c + 1] += start[c];
    const members = new Int32Array(start[roots.length]);
    const fill = start.slice(0, roots.length);
    for (let r = 0; r < records.length; r++) {
      const t = records[r];
      if (kept[t] === 1 && rootOf[t] >= 0) members[fill[rootOf[t]]++] = t;
    }
    const before = (a: number, b: number): number => timeOf[a] - timeOf[b] || depthOf[a] - depthOf[b] || order[a] - order[b];

    const follows = options.followers;
    const pseudonym: (string | undefined)[] = [];
    const posOf = new Int32Array(n);
    // One buffer per column for all cascades: each tree is a view, so a small cascade costs no buffer of its own.
    const allNode = new Int32Array(members.length);
    const allParent = new Int32Array(members.length);
    const allTime = new Float64Array(members.length);
    const userCount = this.userId.length;
    const localOf = new Int32Array(userCount);
    const localStamp = new Int32Array(userCount);
    for (let r = 0; r < roots.length; r++) {
      const list = members.subarray(start[r], start[r + 1]).sort(before);
      const size = list.length;
      for (let i = 0; i < size; i++) posOf[list[i]] = i;
      const retweetsOf = follows !== undefined ? new Map<number, number[]>() : undefined;
      const node = allNode.subarray(start[r], start[r + 1]);
      const parent = allParent.subarray(start[r], start[r + 1]);
      const time = allTime.subarray(start[r], start[r + 1]);
      const users: string[] = [];
      const t0 = timeOf[list[0]];
      for (let i = 0; i < size; i++) {
        const t = list[i];
        const a = author[t];
        if (localStamp[a] !== r + 1) {
          localStamp[a] = r + 1;
          localOf[a] = users.length;
          users.push((pseudonym[a] ??= options.mapId(this.userId[a])));
        }
        node[i] = localOf[a];
        time[i] = timeOf[t] - t0;
        if (ref[t] === -1) {
          parent[i] = -1;
          continue;
        }
        const target = posOf[ref[t]];
        if (kind[t] !== KIND_RETWEET) {
          parent[i] = target;
          continue;
        }
        let chosen = -1;
        if (follows !== undefined && retweetsOf !== undefined) {
          // Earlier retweets of the same tweet precede this one (same depth, smaller key); scan them latest first.
          let earlier = retweetsOf.get(ref[t]);
          if (earlier === undefined) retweetsOf.set(ref[t], (earlier = []));
          const me = this.userId[a];
          for (let k = earlier.length - 1; k >= 0 && chosen === -1; k--) if (follows(me, this.userId[author[list[earlier[k]]]])) chosen = earlier[k];
          if (chosen === -1 && follows(me, this.userId[author[list[target]]])) chosen = target;
          earlier.push(i);
        }
        if (chosen === -1) {
          twitter.retweetsToRoot++;
          chosen = target;
        } else twitter.retweetsByFollowerRule++;
        parent[i] = chosen;
      }
      visit({ sourceId: this.tweetId[roots[r]], tree: { node, parent, time }, users, report });
    }
    return { report, retweetAttachment: follows !== undefined ? 'follower-rule' : 'root' };
  }
}

/** Parses one page or one JSONL text in one go (see TwitterV2Accumulator for input in pieces). */
export function parseTwitterV2(text: string, options: ParseTwitterV2Options): ParsedTwitterV2 {
  const acc = new TwitterV2Accumulator(options);
  if (options.format === 'page') acc.addPageText(text);
  else if (options.format === 'jsonl') {
    const ls = text.split(/\r\n|\n|\r/);
    for (let k = 0; k < ls.length; k++) acc.addLine(ls[k], k + 1);
  } else {
    throw new InputError(`unknown format ${JSON.stringify(options.format)}: expected "page" or "jsonl"`, { file: acc.report.file, field: 'format' });
  }
  return acc.finish();
}
