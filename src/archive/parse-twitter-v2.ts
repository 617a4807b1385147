/**
 * Parser for Twitter API v2 exports: either one response page, a JSON
 * object `{data: [tweet…], includes: {users: [user…]}}` (format 'page'), or
 * JSON Lines (format 'jsonl') where each line is such a page or a single
 * tweet (optionally with its user inlined as `author`, as flattening tools
 * write it). A tweet needs `id`, `author_id`, `created_at` (ISO 8601) and
 * may have `referenced_tweets` [{type: 'retweeted'|'quoted'|'replied_to',
 * id}]; other fields (conversation_id, lang, geo, public_metrics) are not
 * needed for the tree and are ignored. Users give `id` and `protected`
 * (followers_count and verified are checked for type only).
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
 * repeated tweet id keeps its first record (the rest count as duplicates).
 * Times are minutes since the cascade's root; a tweet timed before its
 * parent is raised to the parent's time (counted as a negative delay when it
 * is also before the root, else as raised to the parent). Entries are
 * ordered by (cleaned time, reference depth, input order), so parents come
 * first and times never decrease. Lines or records that do not parse (bad
 * JSON, wrong types, missing fields) are skipped and reported with file and
 * line (jsonl) or the record's path (page), or with `strict` throw an
 * InputError at the first. Parsing uses JSON.parse and reads only own
 * properties of checked types, and ids are kept in Maps, so keys such as
 * `__proto__` cannot reach any prototype.
 */
import { InputError } from '../model/errors.js';
import type { ArchiveCascade } from './archive-cascade.js';
import { addProblem, newReport, type CleaningReport } from './cleaning-report.js';
import type { IdMapper } from './pseudonymise.js';

export type RetweetAttachment = 'follower-rule' | 'root';

export interface ParseTwitterV2Options {
  readonly file?: string;
  readonly format: 'page' | 'jsonl';
  readonly strict?: boolean;
  readonly mapId: IdMapper;
  /** Whether raw user `follower` follows raw user `followee`; enables the follower rule for retweets. */
  readonly followers?: (follower: string, followee: string) => boolean;
  /** Ids of tweets deleted since collection: dropped. */
  readonly deletions?: ReadonlySet<string>;
  /** Keep tweets of protected accounts (default false: drop them). */
  readonly keepProtected?: boolean;
}

/** What only this importer counts. */
export interface TwitterV2Counts {
  /** Tweet records read (well-formed or not). */
  tweets: number;
  /** User records read. */
  users: number;
  protectedDropped: number;
  deletedDropped: number;
  /** Retweets attached to an earlier tweet whose author the retweeter follows. */
  retweetsByFollowerRule: number;
  /** Retweets attached to the retweeted tweet itself, for want of a predicate or of a followed author. */
  retweetsToRoot: number;
  /** Quotes (not replies) that rooted a cascade of their own. */
  quotesAsRoots: number;
}

export interface TwitterV2Report extends CleaningReport {
  readonly twitter: TwitterV2Counts;
}

export interface ParsedTwitterV2 {
  readonly cascades: ArchiveCascade[];
  readonly report: TwitterV2Report;
  readonly retweetAttachment: RetweetAttachment;
}

interface Tweet {
  readonly id: string;
  readonly author: string;
  readonly time: number;
  readonly kind: 'source' | 'reply' | 'retweet' | 'quote';
  readonly ref: string | undefined;
  readonly order: number;
}

interface Place {
  readonly file: string;
  readonly line?: number;
  readonly path: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function own(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

function isRecord(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 200;
}

class Malformed extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function parseTwitterV2(text: string, options: ParseTwitterV2Options): ParsedTwitterV2 {
  const file = options.file ?? '<twitter-v2>';
  const twitter: TwitterV2Counts = { tweets: 0, users: 0, protectedDropped: 0, deletedDropped: 0, retweetsByFollowerRule: 0, retweetsToRoot: 0, quotesAsRoots: 0 };
  const report: TwitterV2Report = { ...newReport(file), twitter };
  const counts = report.counts;
  const strict = options.strict === true;
  const tweets: Tweet[] = [];
  const byId = new Map<string, Tweet>();
  const protectedUsers = new Set<string>();

  const malformed = (where: Place, field: string | undefined, message: string): void => {
    const f = field === undefined ? where.path : where.path === '' ? field : `${where.path}.${field}`;
    if (strict) throw new InputError(`malformed Twitter v2 record: ${f === '' ? '' : `${f}: `}${message}`, { file, line: where.line, field: f === '' ? undefined : f });
    counts.malformedLines++;
    addProblem(report, { file, line: where.line, message: f === '' ? message : `${f}: ${message}` });
  };

  const readUser = (u: unknown, where: Place): void => {
    twitter.users++;
    try {
      if (!isRecord(u)) throw new Malformed('', 'expected a user object');
      const id = own(u, 'id');
      if (!isId(id)) throw new Malformed('id', 'expected a non-empty string');
      const prot = own(u, 'protected');
      if (prot !== undefined && typeof prot !== 'boolean') throw new Malformed('protected', 'expected true or false');
      const fc = own(u, 'followers_count');
      if (fc !== undefined && !(typeof fc === 'number' && Number.isFinite(fc) && fc >= 0)) throw new Malformed('followers_count', 'expected a finite number ≥ 0');
      const ver = own(u, 'verified');
      if (ver !== undefined && typeof ver !== 'boolean') throw new Malformed('verified', 'expected true or false');
      if (prot === true) protectedUsers.add(id);
    } catch (err) {
      if (!(err instanceof Malformed)) throw err;
      malformed(where, err.field === '' ? undefined : err.field, err.message);
    }
  };

  const readTweet = (t: unknown, where: Place): void => {
    twitter.tweets++;
    try {
      if (!isRecord(t)) throw new Malformed('', 'expected a tweet object');
      const id = own(t, 'id');
      if (!isId(id)) throw new Malformed('id', 'expected a non-empty string');
      const author = own(t, 'author_id');
      if (!isId(author)) throw new Malformed('author_id', 'expected a non-empty string');
      const created = own(t, 'created_at');
      const time = typeof created === 'string' && ISO_DATE.test(created) ? Date.parse(created) / 60_000 : Number.NaN;
      if (!Number.isFinite(time)) throw new Malformed('created_at', `${typeof created === 'string' ? JSON.stringify(created.slice(0, 40)) : typeof created} is not an ISO 8601 date-time`);
      const refs = own(t, 'referenced_tweets');
      let replied: string | undefined;
      let retweeted: string | undefined;
      let quoted: string | undefined;
      if (refs !== undefined) {
        if (!Array.isArray(refs)) throw new Malformed('referenced_tweets', 'expected an array');
        for (let k = 0; k < refs.length; k++) {
          const r: unknown = refs[k];
          if (!isRecord(r)) throw new Malformed(`referenced_tweets[${k}]`, 'expected an object');
          const type = own(r, 'type');
          const rid = own(r, 'id');
          if (typeof type !== 'string') throw new Malformed(`referenced_tweets[${k}].type`, 'expected a string');
          if (!isId(rid)) throw new Malformed(`referenced_tweets[${k}].id`, 'expected a non-empty string');
          if (type === 'replied_to') replied ??= rid;
          else if (type === 'retweeted') retweeted ??= rid;
          else if (type === 'quoted') quoted ??= rid;
        }
      }
      const inline = own(t, 'author');
      if (inline !== undefined) readUser(inline, { ...where, path: `${where.path === '' ? '' : `${where.path}.`}author` });
      if (byId.has(id)) {
        counts.duplicateLines++;
        return;
      }
      const kind = retweeted !== undefined ? 'retweet' : replied !== undefined ? 'reply' : quoted !== undefined ? 'quote' : 'source';
      const tw: Tweet = { id, author, time, kind, ref: retweeted ?? replied, order: tweets.length };
      byId.set(id, tw);
      tweets.push(tw);
    } catch (err) {
      if (!(err instanceof Malformed)) throw err;
      malformed(where, err.field === '' ? undefined : err.field, err.message);
    }
  };

  /** A page object, or (jsonl) a single tweet. */
  const readObject = (o: unknown, where: Place, allowTweet: boolean): void => {
    if (isRecord(o) && Object.prototype.hasOwnProperty.call(o, 'data')) {
      const data = own(o, 'data');
      if (Array.isArray(data)) for (let k = 0; k < data.length; k++) readTweet(data[k], { ...where, path: `data[${k}]` });
      else if (isRecord(data)) readTweet(data, { ...where, path: 'data' });
      else malformed(where, 'data', 'expected an array of tweets');
      const inc = own(o, 'includes');
      if (inc === undefined) return;
      if (!isRecord(inc)) return malformed(where, 'includes', 'expected an object');
      const users = own(inc, 'users');
      if (users === undefined) return;
      if (!Array.isArray(users)) return malformed(where, 'includes.users', 'expected an array');
      for (let k = 0; k < users.length; k++) readUser(users[k], { ...where, path: `includes.users[${k}]` });
    } else if (allowTweet && isRecord(o) && Object.prototype.hasOwnProperty.call(o, 'id')) {
      readTweet(o, where);
    } else {
      malformed(where, undefined, allowTweet ? 'expected a page ({data, includes}) or a tweet object' : 'expected a page object {data, includes}');
    }
  };

  const parseJson = (s: string, where: Place): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(s) as unknown };
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      let line = where.line;
      const pos = /position (\d+)/.exec(err.message);
      if (line === undefined && pos !== null) line = s.slice(0, Number(pos[1])).split(/\r\n|\n|\r/).length;
      malformed({ ...where, line }, undefined, `invalid JSON (${err.message.slice(0, 80)})`);
      return { ok: false };
    }
  };

  if (options.format === 'page') {
    counts.lines = text.split(/\r\n|\n|\r/).filter((s) => s.trim() !== '').length;
    const r = parseJson(text, { file, path: '' });
    if (r.ok) readObject(r.value, { file, path: '' }, false);
  } else if (options.format === 'jsonl') {
    const ls = text.split(/\r\n|\n|\r/);
    for (let k = 0; k < ls.length; k++) {
      if (ls[k].trim() === '') continue;
      counts.lines++;
      const where = { file, line: k + 1, path: '' };
      const r = parseJson(ls[k], where);
      if (r.ok) readObject(r.value, where, true);
    }
  } else {
    throw new InputError(`unknown format ${JSON.stringify(options.format)}: expected "page" or "jsonl"`, { file, field: 'format' });
  }

  // Drop protected and deleted tweets.
  const kept = new Map<string, Tweet>();
  for (const t of tweets) {
    if (options.deletions?.has(t.id) === true) twitter.deletedDropped++;
    else if (options.keepProtected !== true && protectedUsers.has(t.author)) twitter.protectedDropped++;
    else kept.set(t.id, t);
  }

  // Resolve each kept tweet's root, cleaned time and reference depth, following references iteratively.
  const UNREACHABLE = -1;
  const rootOf = new Map<string, number>();
  const timeOf = new Map<string, number>();
  const depthOf = new Map<string, number>();
  const roots: Tweet[] = [];
  for (const start of kept.values()) {
    if (rootOf.has(start.id)) continue;
    const chain: Tweet[] = [];
    const onChain = new Set<string>();
    let cur: Tweet | undefined = start;
    let rootIndex = UNREACHABLE;
    let baseTime = Number.NEGATIVE_INFINITY;
    let baseDepth = -1;
    while (cur !== undefined) {
      const known = rootOf.get(cur.id);
      if (known !== undefined) {
        rootIndex = known;
        baseTime = timeOf.get(cur.id) ?? baseTime;
        baseDepth = depthOf.get(cur.id) ?? baseDepth;
        break;
      }
      if (onChain.has(cur.id)) break; // a reference cycle: unreachable
      onChain.add(cur.id);
      chain.push(cur);
      if (cur.ref === undefined) {
        rootIndex = roots.length;
        roots.push(cur);
        if (cur.kind === 'quote') twitter.quotesAsRoots++;
        break;
      }
      cur = kept.get(cur.ref);
    }
    if (rootIndex === UNREACHABLE) {
      for (const t of chain) rootOf.set(t.id, UNREACHABLE);
      continue;
    }
    const rootTime = roots[rootIndex].time;
    for (let k = chain.length - 1; k >= 0; k--) {
      const t = chain[k];
      let time = t.time;
      if (time < baseTime) {
        if (time < rootTime) counts.negativeDelaysFixed++;
        else counts.delaysRaisedToParent++;
        time = baseTime;
      }
      rootOf.set(t.id, rootIndex);
      timeOf.set(t.id, time);
      depthOf.set(t.id, baseDepth + 1);
      baseTime = time;
      baseDepth++;
    }
  }

  // Group kept tweets by cascade in (cleaned time, depth, input order).
  const members: Tweet[][] = roots.map(() => []);
  for (const t of kept.values()) {
    const r = rootOf.get(t.id) ?? UNREACHABLE;
    if (r === UNREACHABLE) counts.unreachableNodesDropped++;
    else members[r].push(t);
  }
  const key = (t: Tweet): [number, number, number] => [timeOf.get(t.id) ?? 0, depthOf.get(t.id) ?? 0, t.order];
  const before = (a: Tweet, b: Tweet): number => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  };

  const follows = options.followers;
  const cascades: ArchiveCascade[] = [];
  for (let r = 0; r < roots.length; r++) {
    const list = members[r].sort(before);
    const index = new Map<string, number>();
    list.forEach((t, i) => index.set(t.id, i));
    const retweetsOf = new Map<string, number[]>();
    const n = list.length;
    const node = new Int32Array(n);
    const parent = new Int32Array(n);
    const time = new Float64Array(n);
    const userIndex = new Map<string, number>();
    const users: string[] = [];
    const t0 = timeOf.get(list[0].id) ?? 0;
    for (let i = 0; i < n; i++) {
      const t = list[i];
      let u = userIndex.get(t.author);
      if (u === undefined) {
        u = users.length;
        userIndex.set(t.author, u);
        users.push(options.mapId(t.author));
      }
      node[i] = u;
      time[i] = (timeOf.get(t.id) ?? t0) - t0;
      if (t.ref === undefined) {
        parent[i] = -1;
        continue;
      }
      const target = index.get(t.ref) ?? 0;
      if (t.kind !== 'retweet') {
        parent[i] = target;
        continue;
      }
      // Earlier retweets of the same tweet precede this one (same depth, smaller key); scan them latest first.
      let earlier = retweetsOf.get(t.ref);
      if (earlier === undefined) retweetsOf.set(t.ref, (earlier = []));
      let chosen = -1;
      if (follows !== undefined) {
        for (let k = earlier.length - 1; k >= 0 && chosen === -1; k--) if (follows(t.author, list[earlier[k]].author)) chosen = earlier[k];
        if (chosen === -1 && follows(t.author, list[target].author)) chosen = target;
      }
      if (chosen === -1) {
        twitter.retweetsToRoot++;
        chosen = target;
      } else twitter.retweetsByFollowerRule++;
      parent[i] = chosen;
      earlier.push(i);
    }
    cascades.push({ sourceId: roots[r].id, tree: { node, parent, time }, users, report });
  }
  return { cascades, report, retweetAttachment: follows !== undefined ? 'follower-rule' : 'root' };
}
