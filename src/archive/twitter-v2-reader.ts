/**
 * Reading Twitter API v2 records: the parsing and checking every v2
 * importer shares, with no storage of its own. A subclass receives each
 * well-formed tweet record (`acceptTweet`) and each account marked
 * protected (`acceptProtectedUser`) in input order, and keeps what it
 * needs: the in-memory TwitterV2Accumulator interns them in typed columns
 * (parse-twitter-v2.ts); the out-of-core import appends them, keyed by
 * pseudonym, to an embedded database (io/twitter-v2-spill.ts). Both paths
 * therefore read, check, count and report exactly alike; see
 * parse-twitter-v2.ts for the record format and the cleaning rules.
 *
 * Records that do not parse (bad JSON, wrong types, missing fields, bytes
 * that are not UTF-8) are skipped and reported with file and line (jsonl)
 * or the record's path (page) and the field that failed, never with their
 * content; with `strict` the first is an InputError. Parsing uses
 * JSON.parse and reads only own properties of checked types, so keys such
 * as `__proto__` cannot reach any prototype.
 */
import { InputError } from '../model/errors.js';
import { addProblem, newReport, type CleaningReport } from './cleaning-report.js';
import { invalidUtf8Message } from './utf8-lines.js';

/** What only the Twitter v2 importer counts. */
export interface TwitterV2Counts {
  /** Tweet records read in `data` or as single JSONL tweets (well-formed or not). */
  tweets: number;
  /** Tweet records read in `includes.tweets` (well-formed or not, repeats included). */
  includedTweets: number;
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

export interface Place {
  readonly file: string;
  readonly line?: number;
  readonly path: string;
}

/** A tweet's kind, as the cleaning rules use it. */
export const KIND_SOURCE = 0;
export const KIND_REPLY = 1;
export const KIND_RETWEET = 2;
export const KIND_QUOTE = 3;

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


/**
 * Parses and checks Twitter v2 input fed in pieces (JSONL lines, page
 * texts or parsed pages, possibly from several files) and hands each
 * well-formed record to the subclass.
 */
export abstract class TwitterV2RecordReader {
  readonly report: TwitterV2Report;
  protected readonly twitter: TwitterV2Counts;
  protected readonly strict: boolean;
  protected finished = false;

  constructor(file: string | undefined, strict: boolean | undefined) {
    this.twitter = { tweets: 0, includedTweets: 0, users: 0, protectedDropped: 0, deletedDropped: 0, retweetsByFollowerRule: 0, retweetsToRoot: 0, quotesAsRoots: 0 };
    this.report = { ...newReport(file ?? '<twitter-v2>'), twitter: this.twitter };
    this.strict = strict === true;
  }

  /**
   * One well-formed tweet record, in input order: `kind` one of KIND_*,
   * `target` the tweet it retweets or else replies to (undefined for a
   * source or a quote), `time` in minutes since the epoch, `included`
   * whether it was read from includes.tweets.
   */
  protected abstract acceptTweet(id: string, author: string, time: number, kind: number, target: string | undefined, included: boolean): void;

  /** An account a user record marks protected (possibly more than once). */
  protected abstract acceptProtectedUser(id: string): void;

  addLine(text: string, lineNo: number, file: string = this.report.file): void {
    this.open();
    if (text.trim() === '') return;
    this.report.counts.lines++;
    const where: Place = { file, line: lineNo, path: '' };
    const r = this.parseJson(text, where);
    if (r.ok) this.readObject(r.value, where, true);
  }

  /** A line of a JSONL file that is not valid UTF-8 (`byte`: its first bad byte, 1-based): malformed. */
  addInvalidLine(lineNo: number, byte: number, file: string = this.report.file): void {
    this.open();
    this.report.counts.lines++;
    this.malformed({ file, line: lineNo, path: '' }, undefined, invalidUtf8Message(byte));
  }

  /**
   * The whole text of a page file: one JSON object `{data, includes}`.
   * `invalidUtf8` lists its lines that were not valid UTF-8 (line → first
   * bad byte, see decodeUtf8Lines): the page is then malformed as a whole.
   */
  addPageText(text: string, file: string = this.report.file, invalidUtf8?: ReadonlyMap<number, number>): void {
    this.open();
    this.report.counts.lines += countNonBlankLines(text);
    const where: Place = { file, path: '' };
    if (invalidUtf8 !== undefined && invalidUtf8.size > 0) {
      const [line, byte] = [...invalidUtf8].sort((a, b) => a[0] - b[0])[0];
      this.malformed({ ...where, line }, undefined, `${invalidUtf8Message(byte)}: the page is skipped`);
      return;
    }
    const r = this.parseJson(text, where);
    if (r.ok) this.readObject(r.value, where, false);
  }

  /** A page already parsed from JSON (counts no lines). */
  addPage(page: unknown, file: string = this.report.file): void {
    this.open();
    this.readObject(page, { file, path: '' }, false);
  }

  protected open(): void {
    if (this.finished) throw new Error('Twitter v2 reader: finish() was already called');
  }

  protected malformed(where: Place, field: string | undefined, message: string): void {
    const f = field === undefined ? where.path : where.path === '' ? field : `${where.path}.${field}`;
    if (this.strict) throw new InputError(`malformed Twitter v2 record: ${f === '' ? '' : `${f}: `}${message}`, { file: where.file, line: where.line, field: f === '' ? undefined : f });
    this.report.counts.malformedLines++;
    addProblem(this.report, f === '' ? { file: where.file, line: where.line, message } : { file: where.file, line: where.line, field: f, message: `${f}: ${message}` });
  }

  protected readUser(u: unknown, where: Place): void {
    this.twitter.users++;
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
      if (prot === true) this.acceptProtectedUser(id);
    } catch (err) {
      if (!(err instanceof Malformed)) throw err;
      this.malformed(where, err.field === '' ? undefined : err.field, err.message);
    }
  }

  protected readTweet(t: unknown, where: Place, included: boolean): void {
    if (included) this.twitter.includedTweets++;
    else this.twitter.tweets++;
    try {
      if (!isRecord(t)) throw new Malformed('', 'expected a tweet object');
      const id = own(t, 'id');
      if (!isId(id)) throw new Malformed('id', 'expected a non-empty string');
      const author = own(t, 'author_id');
      if (!isId(author)) throw new Malformed('author_id', 'expected a non-empty string');
      const created = own(t, 'created_at');
      const time = typeof created === 'string' && ISO_DATE.test(created) ? Date.parse(created) / 60_000 : Number.NaN;
      if (!Number.isFinite(time)) throw new Malformed('created_at', `${typeof created === 'string' ? 'not' : `a ${created === null ? 'null' : typeof created}, not`} an ISO 8601 date-time such as 2021-06-01T12:00:00Z`);
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
      if (inline !== undefined) this.readUser(inline, { ...where, path: `${where.path === '' ? '' : `${where.path}.`}author` });
      const target = retweeted ?? replied;
      this.acceptTweet(id, author, time, retweeted !== undefined ? KIND_RETWEET : replied !== undefined ? KIND_REPLY : quoted !== undefined ? KIND_QUOTE : KIND_SOURCE, target, included);
    } catch (err) {
      if (!(err instanceof Malformed)) throw err;
      this.malformed(where, err.field === '' ? undefined : err.field, err.message);
    }
  }

  /** A page object, or (jsonl) a single tweet. */
  protected readObject(o: unknown, where: Place, allowTweet: boolean): void {
    if (isRecord(o) && Object.prototype.hasOwnProperty.call(o, 'data')) {
      const data = own(o, 'data');
      if (Array.isArray(data)) for (let k = 0; k < data.length; k++) this.readTweet(data[k], { ...where, path: `data[${k}]` }, false);
      else if (isRecord(data)) this.readTweet(data, { ...where, path: 'data' }, false);
      else this.malformed(where, 'data', 'expected an array of tweets');
      const inc = own(o, 'includes');
      if (inc === undefined) return;
      if (!isRecord(inc)) return this.malformed(where, 'includes', 'expected an object');
      const tweets = own(inc, 'tweets');
      if (Array.isArray(tweets)) for (let k = 0; k < tweets.length; k++) this.readTweet(tweets[k], { ...where, path: `includes.tweets[${k}]` }, true);
      else if (tweets !== undefined) this.malformed(where, 'includes.tweets', 'expected an array');
      const users = own(inc, 'users');
      if (users === undefined) return;
      if (!Array.isArray(users)) return this.malformed(where, 'includes.users', 'expected an array');
      for (let k = 0; k < users.length; k++) this.readUser(users[k], { ...where, path: `includes.users[${k}]` });
    } else if (allowTweet && isRecord(o) && Object.prototype.hasOwnProperty.call(o, 'id')) {
      this.readTweet(o, where, false);
    } else {
      this.malformed(where, undefined, allowTweet ? 'expected a page ({data, includes}) or a tweet object' : 'expected a page object {data, includes}');
    }
  }

  protected parseJson(s: string, where: Place): { ok: true; value: unknown } | { ok: false } {
    try {
      return { ok: true, value: JSON.parse(s) as unknown };
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      let line = where.line;
      const pos = /position (\d+)/.exec(err.message);
      if (line === undefined && pos !== null) line = s.slice(0, Number(pos[1])).split(/\r\n|\n|\r/).length;
      this.malformed({ ...where, line }, undefined, `invalid JSON (${jsonErrorKind(err.message)})`);
      return { ok: false };
    }
  }
}

/**
 * What JSON.parse found wrong, without the text it quotes: V8's messages
 * with a position are fixed templates (`Expected ',' or '}' after property
 * value in JSON at position 10`); the others quote the input, so only
 * their kind is kept.
 */
export function jsonErrorKind(message: string): string {
  const at = /^([^"]*?)(?: in JSON)? at position (\d+)/.exec(message);
  if (at !== null) return `${at[1].charAt(0).toLowerCase()}${at[1].slice(1)} at character ${Number(at[2]) + 1}`;
  if (/^Unexpected end of JSON input/.test(message)) return 'unexpected end of input';
  if (/^Unexpected token/.test(message)) return 'unexpected token';
  return 'not a JSON value';
}

/** Non-blank lines of a text (a page file's line count). */
export function countNonBlankLines(text: string): number {
  let count = 0;
  for (const s of text.split(/\r\n|\n|\r/)) if (s.trim() !== '') count++;
  return count;
}
