/**
 * The streaming half of the out-of-core Twitter v2 import: every
 * well-formed tweet record, read and checked exactly as the in-memory
 * importer reads it (archive/twitter-v2-reader.ts), is appended to the
 * table `rec` of an embedded DuckDB database, and nothing else is kept
 * per tweet, so a stream of any length needs memory bounded by the
 * database's limit, not by the number of tweets.
 *
 * Privacy applies here, before a record reaches the database (and so
 * before anything can reach disk):
 *   - ids are pseudonymised: a post's, its author's and its referenced
 *     post's id become SipHash-2-4 under the import's key, kept as two
 *     32-bit halves (hi, lo); the raw post id is kept only with --keep-ids,
 *     which writes source ids raw anyway;
 *   - posts listed as deleted are dropped whole: only how many data records
 *     each deleted id had is kept in memory (bounded by the deletions list),
 *     to count them and their duplicates as the in-memory importer does;
 *   - a post whose author is already known protected is written as a
 *     placeholder holding only its pseudonymous id, its record number and
 *     whether it came from data (so duplicates and "first record wins"
 *     stay exact) — no author, no time, no reference. An account can be
 *     marked protected after some of its posts were read (a later page's
 *     includes.users): those posts are removed in the database before any
 *     output is written (import-twitter-v2-out-of-core.ts).
 * Two distinct ids share a 64-bit pseudonym with probability about
 * n²/2⁶⁵ (1·10⁻⁵ for 20 million posts); the in-memory importer, which
 * keys by raw id, has no such risk.
 */
import { BOOLEAN, DOUBLE, UINTEGER, UTINYINT, VARCHAR } from '@duckdb/node-api';
import { SipHasher } from '../archive/siphash.js';
import { TwitterV2RecordReader } from '../archive/twitter-v2-reader.js';
import type { DuckDBValue } from '@duckdb/node-api';

/** Columns of the spill table, in appender order. */
export const REC_TABLE_SQL =
  'CREATE TABLE rec (id_hi UINTEGER, id_lo UINTEGER, seq DOUBLE, incl BOOLEAN, kind UTINYINT, a_hi UINTEGER, a_lo UINTEGER, r_hi UINTEGER, r_lo UINTEGER, ms DOUBLE, dropped BOOLEAN, raw VARCHAR, raw_ref VARCHAR)';
export const PROT_TABLE_SQL = 'CREATE TABLE prot (a_hi UINTEGER, a_lo UINTEGER)';
/** The column types of `rec` and `prot`, for their chunk appenders. */
export const REC_TYPES = [UINTEGER, UINTEGER, DOUBLE, BOOLEAN, UTINYINT, UINTEGER, UINTEGER, UINTEGER, UINTEGER, DOUBLE, BOOLEAN, VARCHAR, VARCHAR];
export const PROT_TYPES = [UINTEGER, UINTEGER];

/** Where spilled rows go: a chunk appender into the database, or (in a parsing thread) a batch for the main thread. */
export interface RowSink {
  set(column: number, value: DuckDBValue): void;
  endRow(): void;
  row(values: readonly DuckDBValue[]): void;
}

export interface SpillOptions {
  readonly file?: string;
  readonly strict?: boolean;
  /** The 16-byte pseudonym key. */
  readonly key: Uint8Array;
  /** Keep raw post ids (for --keep-ids: source ids written as they are). */
  readonly keepIds: boolean;
  readonly deletions?: ReadonlySet<string>;
  readonly keepProtected?: boolean;
  /** Added to every record number (a range read by another thread numbers its records from its own base). */
  readonly seqBase?: number;
}

export class TwitterV2Spill extends TwitterV2RecordReader {
  /** Data records read per deleted id that had any record. */
  readonly deletedSeen = new Map<string, number>();
  /** Protected authors: the low halves of their pseudonyms, by high half (no string per tweet in the hot path). */
  private readonly protectedAuthors = new Map<number, Set<number>>();
  private protectedCount = 0;
  private seq = 0;
  private readonly hasher: SipHasher;

  constructor(
    private readonly rec: RowSink,
    private readonly prot: RowSink,
    private readonly options: SpillOptions,
  ) {
    super(options.file, options.strict);
    this.hasher = new SipHasher(options.key);
  }

  /** Well-formed records appended (placeholders included). */
  get records(): number {
    return this.seq;
  }


  private hash(id: string): [number, number] {
    this.hasher.hash(id);
    return [this.hasher.hi, this.hasher.lo];
  }

  protected acceptProtectedUser(id: string): void {
    const [hi, lo] = this.hash(id);
    let lows = this.protectedAuthors.get(hi);
    if (lows === undefined) this.protectedAuthors.set(hi, (lows = new Set()));
    if (lows.has(lo)) return;
    lows.add(lo);
    this.protectedCount++;
    this.prot.row([hi, lo]);
  }

  protected acceptTweet(id: string, author: string, time: number, kind: number, target: string | undefined, included: boolean): void {
    const o = this.options;
    if (o.deletions !== undefined && o.deletions.has(id)) {
      this.deletedSeen.set(id, (this.deletedSeen.get(id) ?? 0) + (included ? 0 : 1));
      return;
    }
    const h = this.hasher;
    h.hash(id);
    const ih = h.hi;
    const il = h.lo;
    h.hash(author);
    const ah = h.hi;
    const al = h.lo;
    const r = this.rec;
    // Record numbers and milliseconds are whole numbers below 2^53: exact as doubles.
    const seq = (this.options.seqBase ?? 0) + this.seq++;
    if (o.keepProtected !== true && this.protectedCount > 0 && this.protectedAuthors.get(ah)?.has(al) === true) {
      // A placeholder: only what "first record wins" and the duplicate count need.
      r.row([ih, il, seq, included, null, null, null, null, null, null, true, null, null]);
      return;
    }
    let th: number | null = null;
    let tl: number | null = null;
    if (target !== undefined) {
      h.hash(target);
      th = h.hi;
      tl = h.lo;
    }
    // Date.parse gives whole milliseconds, and time = ms / 60000, so this recovers them exactly.
    const ms = Math.round(time * 60_000);
    r.set(0, ih);
    r.set(1, il);
    r.set(2, seq);
    r.set(3, included);
    r.set(4, kind);
    r.set(5, ah);
    r.set(6, al);
    r.set(7, th);
    r.set(8, tl);
    r.set(9, ms);
    r.set(10, false);
    r.set(11, o.keepIds ? id : null);
    r.set(12, o.keepIds && target !== undefined ? target : null);
    r.endRow();
  }

  /** Ends the stream: the reader takes no more input. */
  finishStream(): void {
    this.open();
    this.finished = true;
  }
}
