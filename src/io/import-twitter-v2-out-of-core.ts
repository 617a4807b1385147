/**
 * Out-of-core Twitter v2 import: the cleaning rules of
 * archive/parse-twitter-v2.ts, carried out in an embedded DuckDB database
 * (@duckdb/node-api) instead of JavaScript memory, so an export of any
 * size imports in memory bounded by the database's limit (default 768 MB;
 * DuckDB spills to the working folder beyond it) and no JavaScript Map of
 * tweet ids caps it.
 *
 * 1. Stream (twitter-v2-spill.ts): each record read and checked exactly as
 *    in memory, pseudonymised, deletions and known-protected authors
 *    dropped, appended to `rec`; on two parsing threads for exports of
 *    32 MiB or more (twitter-v2-parallel.ts).
 * 2. First record wins: per post id the record read first is kept (its
 *    record number orders ties later); a post's data records beyond the
 *    first are duplicates. Posts of protected accounts are removed.
 *    What is left is the table `posts`, written as posts.parquet.
 * 3. Roots by pointer doubling: each post points at the post it retweets
 *    or replies to; ⌈log₂ n⌉ + 1 rounds of "jump to my pointer's pointer"
 *    give every post its root, its depth and the largest raw time on its
 *    path (its cleaned time: a post timed before its parent is raised to
 *    the parent's time, so its cleaned time is the path's maximum). Posts
 *    whose chain ends at a missing or dropped post, or loops, are
 *    unreachable, as in memory.
 * 4. Order: each cascade's entries by (cleaned time, depth, record number),
 *    cascades by their earliest record, accounts numbered in order of first
 *    appearance; streamed back sorted, one cascade at a time, so the
 *    caller computes each cascade's features and writes it before the next.
 *    Retweets are attached here by the follower rule when a follower graph
 *    is given, scanning earlier retweets of the same post latest first.
 * Every step is exact (comparisons and subtractions of the same doubles as
 * in memory), so both paths give identical cascades and counts
 * (tests/io/import-out-of-core.property.test.ts), up to 64-bit pseudonym
 * collisions (see twitter-v2-spill.ts). Node only.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { FollowsPredicate } from '../archive/follower-predicate.js';
import type { RetweetAttachment } from '../archive/parse-twitter-v2.js';
import { KIND_QUOTE, KIND_RETWEET, type TwitterV2Report } from '../archive/twitter-v2-reader.js';
import type { CascadeTree } from '../sim/cascade-record.js';
import { feedTwitterV2Files, type TwitterV2File } from './read-twitter-v2.js';
import { ChunkAppender } from './chunk-appender.js';
import { streamParallel } from './twitter-v2-parallel.js';
import { PROT_TABLE_SQL, PROT_TYPES, REC_TABLE_SQL, REC_TYPES, TwitterV2Spill } from './twitter-v2-spill.js';

/** One cleaned cascade, as the out-of-core import hands it on: its written id and its tree. */
export interface OutOfCoreCascade {
  /** The source id as written: `p` + 16 hex digits of its keyed pseudonym, or the raw id with keepIds. */
  readonly id: string;
  readonly tree: CascadeTree;
}

/** Counts the database stage works out (the stream's counts are in the reader's report). */
export interface TreeCounts {
  readonly duplicateLines: number;
  readonly protectedDropped: number;
  readonly unreachableNodesDropped: number;
  readonly negativeDelaysFixed: number;
  readonly delaysRaisedToParent: number;
  readonly quotesAsRoots: number;
  retweetsByFollowerRule: number;
  retweetsToRoot: number;
}

export interface WorkDatabaseOptions {
  /** DuckDB's memory limit (default '768MB': 1.6 GiB peak RSS for 20 million tweets, with JavaScript's share). */
  readonly memoryLimit?: string;
  /** Threads (default: DuckDB's, the number of cores). */
  readonly threads?: number;
}

/** The kind codes of posts.parquet's `kind` column. */
export const POST_KINDS = ['source', 'reply', 'retweet', 'quote'] as const;

const KIND_CASE = `CASE p.kind WHEN 0 THEN 'source' WHEN 1 THEN 'reply' WHEN 2 THEN 'retweet' ELSE 'quote' END`;

/** A string as an SQL literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);

/**
 * A working database in a folder of its own (deleted by `close`): the
 * tables of one import, and the queries that clean them into cascades.
 */
export class WorkDatabase {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /**
     * Appenders write through a second connection: any statement on the
     * connection of a streaming query (an appender's flush included) ends
     * that stream early, and the cascades are streamed while their rows are
     * appended.
     */
    private readonly writer: DuckDBConnection,
    private readonly dir: string,
  ) {}

  static async open(dir: string, options: WorkDatabaseOptions = {}): Promise<WorkDatabase> {
    mkdirSync(dir, { recursive: true });
    const config: Record<string, string> = {
      memory_limit: options.memoryLimit ?? '768MB',
      temp_directory: path.join(dir, 'spill'),
      preserve_insertion_order: 'false',
    };
    if (options.threads !== undefined) config.threads = String(options.threads);
    const instance = await DuckDBInstance.create(path.join(dir, 'work.duckdb'), config);
    const connection = await instance.connect();
    return new WorkDatabase(instance, connection, await instance.connect(), dir);
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** The first row of a query, as numbers. */
  async numbers(sql: string): Promise<number[]> {
    const r = await this.connection.runAndReadAll(sql);
    const row = r.getRows()[0] ?? [];
    return row.map(num);
  }

  async appender(table: string): Promise<DuckDBAppender> {
    return this.writer.createAppender(table);
  }

  /** Writes a query's rows as Parquet (zstd), replacing `file`. */
  async copyParquet(query: string, file: string): Promise<void> {
    await this.run(`COPY (${query}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
  }

  close(): void {
    this.writer.closeSync();
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface StreamOptions {
  readonly file: string;
  readonly strict?: boolean;
  readonly key: Uint8Array;
  readonly keepIds: boolean;
  readonly deletions?: ReadonlySet<string>;
  readonly keepProtected?: boolean;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Parsing threads (twitter-v2-parallel.ts). Default: 2 when the cores
   * allow, the export is not read --strict and it is at least 32 MiB (a
   * thread costs about a tenth of a second to start); 1 reads on the main
   * thread.
   */
  readonly threads?: number;
  /** Bytes per range of a plain JSON Lines file given to one thread (tests make it small). */
  readonly rangeBytes?: number;
}

/** What the stream and the first-record step found. */
export interface StreamOutcome {
  readonly report: TwitterV2Report;
  readonly duplicateLines: number;
  readonly protectedDropped: number;
  readonly deletedDropped: number;
}

/**
 * Steps 1 and 2: streams `files` into `db` and leaves the table `posts`
 * (see the banner).
 */
export async function streamTwitterV2(db: WorkDatabase, files: readonly TwitterV2File[], o: StreamOptions): Promise<StreamOutcome> {
  await db.run(REC_TABLE_SQL);
  await db.run(PROT_TABLE_SQL);
  const rec = new ChunkAppender(await db.appender('rec'), REC_TYPES);
  const prot = new ChunkAppender(await db.appender('prot'), PROT_TYPES);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const threads = o.strict === true ? 1 : (o.threads ?? (total >= 32 << 20 ? Math.min(2, availableParallelism()) : 1));
  let report: TwitterV2Report;
  let deletedSeen: ReadonlyMap<string, number>;
  try {
    if (threads > 1) {
      ({ report, deletedSeen } = await streamParallel(rec, prot, files, { ...o, threads }));
    } else {
      const spill = new TwitterV2Spill(rec, prot, { file: o.file, strict: o.strict, key: o.key, keepIds: o.keepIds, deletions: o.deletions, keepProtected: o.keepProtected });
      await feedTwitterV2Files(files, spill, o.onProgress);
      spill.finishStream();
      report = spill.report;
      deletedSeen = spill.deletedSeen;
    }
  } finally {
    rec.close();
    prot.close();
  }
  let deletedDuplicates = 0;
  for (const n of deletedSeen.values()) deletedDuplicates += Math.max(0, n - 1);
  await db.run('CREATE TABLE firsts AS SELECT min(seq) AS ord, count(*) FILTER (WHERE NOT incl) AS ndata FROM rec GROUP BY id_hi, id_lo');
  const [dups] = await db.numbers('SELECT coalesce(sum(greatest(ndata - 1, 0)), 0) FROM firsts');
  await db.run('CREATE TABLE firstrec AS SELECT r.* FROM rec r SEMI JOIN firsts f ON r.seq = f.ord');
  await db.run('DROP TABLE rec');
  await db.run('DROP TABLE firsts');
  const isProtected = o.keepProtected === true ? 'dropped' : '(dropped OR p.a_hi IS NOT NULL)';
  const [protectedDropped] = await db.numbers(`SELECT count(*) FILTER (WHERE ${isProtected}) FROM firstrec r LEFT JOIN prot p USING (a_hi, a_lo)`);
  // Ids stay 64-bit integers here; their written forms (p/u + 16 hex digits) are made only where written.
  await db.run(`CREATE TABLE posts AS SELECT
      (r.id_hi::UBIGINT << 32) | r.id_lo::UBIGINT AS id,
      CASE WHEN r.r_hi IS NULL THEN NULL ELSE (r.r_hi::UBIGINT << 32) | r.r_lo::UBIGINT END AS ref,
      r.kind,
      (r.a_hi::UBIGINT << 32) | r.a_lo::UBIGINT AS au,
      r.ms / 60000::DOUBLE AS t,
      r.seq::BIGINT AS ord,
      r.ms::BIGINT AS ms,
      r.raw,
      r.raw_ref,
      NULL::VARCHAR AS author
    FROM firstrec r LEFT JOIN prot p USING (a_hi, a_lo)
    WHERE NOT ${isProtected}`);
  await db.run('DROP TABLE firstrec');
  return { report, duplicateLines: dups + deletedDuplicates, protectedDropped, deletedDropped: deletedSeen.size };
}

/**
 * posts.parquet read back into `posts` (for re-cleaning after deletions):
 * ids are keyed again by DuckDB's 64-bit hash of their written form,
 * leaving out the posts whose written id is in the table `deleted(post_id)`.
 */
export async function loadPosts(db: WorkDatabase, file: string): Promise<void> {
  await db.run(`CREATE TABLE posts AS SELECT
      hash(post_id) AS id,
      CASE WHEN ref_id IS NULL THEN NULL ELSE hash(ref_id) END AS ref,
      (CASE kind WHEN 'source' THEN 0 WHEN 'reply' THEN 1 WHEN 'retweet' THEN 2 ELSE 3 END)::UTINYINT AS kind,
      hash(author) AS au,
      epoch_ms(created_at)::DOUBLE / 60000::DOUBLE AS t,
      record AS ord,
      epoch_ms(created_at) AS ms,
      post_id AS raw,
      ref_id AS raw_ref,
      author
    FROM read_parquet(${sqlString(file)}) ANTI JOIN deleted USING (post_id)`);
}

/**
 * The written forms of `posts`' ids: its strings where it has them (raw ids
 * with --keep-ids; everything when read back from posts.parquet), else the
 * pseudonym the 64-bit value is, `p`/`u` + 16 hex digits as sipHash24Hex
 * writes them.
 */
const postIdOf = (t: string): string => `coalesce(${t}.raw, printf('p%016x', ${t}.id))`;
const refIdOf = (t: string): string => `CASE WHEN ${t}.ref IS NULL THEN NULL ELSE coalesce(${t}.raw_ref, printf('p%016x', ${t}.ref)) END`;
const authorOf = (t: string): string => `coalesce(${t}.author, printf('u%016x', ${t}.au))`;

/**
 * trees.parquet straight from the cleaning's tables, when retweets hang
 * under the retweeted post (no follower rule): the parents, delays and
 * accounts the cascades were streamed with, so the rows equal trees.csv's
 * without passing through JavaScript. With the follower rule, parents are
 * chosen in JavaScript and the rows are appended as they are written
 * (cascade-files.ts).
 */
export const CLEANED_TREES_QUERY = `SELECT ${postIdOf('src')} AS cascade, e.pos AS node, CASE WHEN e.ref IS NULL THEN -1 ELSE pe.pos END AS parent,
    e.mx - rt.mx AS delay, ac.account
  FROM ent e JOIN casc c ON c.root = e.root JOIN acct ac ON ac.root = e.root AND ac.au = e.au
    JOIN ent rt ON rt.id = e.root JOIN posts src ON src.id = e.root LEFT JOIN ent pe ON pe.id = e.ref
  ORDER BY c.k, e.pos`;

/** posts.parquet's query: the cleaned records, in input order (columns in the README). */
export const POSTS_PARQUET_QUERY = `SELECT ${postIdOf('p')} AS post_id, ${authorOf('p')} AS author, ${KIND_CASE} AS kind, ${refIdOf('p')} AS ref_id, epoch_ms(p.ms) AS created_at, p.ord AS record FROM posts p ORDER BY p.ord`;

export interface CascadeOptions {
  /** Follower relation on user pseudonyms (`u` + hex): retweets attached by the follower rule. */
  readonly followers?: FollowsPredicate;
}

/**
 * Steps 3 and 4: cleans `posts` into cascades, handing each to `visit` in
 * order; returns the counts. The tree's arrays are views of buffers reused
 * for the next cascade: valid during the call only (copy them to keep them).
 */
export async function cleanCascades(db: WorkDatabase, visit: (c: OutOfCoreCascade) => void, o: CascadeOptions = {}): Promise<TreeCounts> {
  const [n] = await db.numbers('SELECT count(*) FROM posts');
  await db.run('CREATE OR REPLACE TABLE st0 AS SELECT a.id, a.ref IS NULL AS isroot, b.id AS p, a.t AS mx FROM posts a LEFT JOIN posts b ON a.ref = b.id');
  await db.run('CREATE OR REPLACE TABLE done AS SELECT id, id AS root, mx, 0::BIGINT AS hops FROM st0 WHERE isroot');
  await db.run('CREATE OR REPLACE TABLE pend AS SELECT id, p, mx, 1::BIGINT AS hops FROM st0 WHERE NOT isroot AND p IS NOT NULL');
  await db.run('DROP TABLE st0');
  // After round k every post at depth ≤ 2^k is resolved; depths are below n.
  const rounds = Math.ceil(Math.log2(Math.max(2, n))) + 1;
  for (let k = 0; k < rounds; k++) {
    const [pending] = await db.numbers('SELECT count(*) FROM pend');
    if (pending === 0) break;
    await db.run(`CREATE OR REPLACE TABLE step AS SELECT x.id,
        d.root AS droot, greatest(x.mx, d.mx) AS dmx, x.hops + d.hops AS dhops,
        q.p AS qp, greatest(x.mx, q.mx) AS qmx, x.hops + q.hops AS qhops
      FROM pend x LEFT JOIN done d ON x.p = d.id LEFT JOIN pend q ON x.p = q.id`);
    await db.run('INSERT INTO done SELECT id, droot, dmx, dhops FROM step WHERE droot IS NOT NULL');
    await db.run('CREATE OR REPLACE TABLE pend AS SELECT id, qp AS p, qmx AS mx, qhops AS hops FROM step WHERE droot IS NULL AND qp IS NOT NULL');
  }
  await db.run('DROP TABLE IF EXISTS step');
  await db.run('DROP TABLE pend');
  const [reached] = await db.numbers('SELECT count(*) FROM done');
  const [negative, raised] = await db.numbers(`SELECT
      count(*) FILTER (WHERE a.t < pd.mx AND a.t < r.t),
      count(*) FILTER (WHERE a.t < pd.mx AND a.t >= r.t)
    FROM done d JOIN posts a ON a.id = d.id JOIN done pd ON pd.id = a.ref JOIN posts r ON r.id = d.root`);
  const [quotes] = await db.numbers(`SELECT count(*) FROM done d JOIN posts a ON a.id = d.id WHERE d.root = d.id AND a.kind = ${KIND_QUOTE}`);
  await db.run('CREATE OR REPLACE TABLE casc AS SELECT root, (row_number() OVER (ORDER BY first) - 1)::INTEGER AS k FROM (SELECT d.root, min(a.ord) AS first FROM done d JOIN posts a ON a.id = d.id GROUP BY d.root)');
  await db.run(`CREATE OR REPLACE TABLE ent AS SELECT d.id, d.root, a.ref, a.kind, a.au, d.mx,
      (row_number() OVER (PARTITION BY d.root ORDER BY d.mx, d.hops, a.ord) - 1)::INTEGER AS pos
    FROM done d JOIN posts a ON a.id = d.id`);
  await db.run('CREATE OR REPLACE TABLE acct AS SELECT root, au, (row_number() OVER (PARTITION BY root ORDER BY min(pos)) - 1)::INTEGER AS account FROM ent GROUP BY root, au');
  const follows = o.followers;
  const counts: TreeCounts = {
    duplicateLines: 0,
    protectedDropped: 0,
    unreachableNodesDropped: n - reached,
    negativeDelaysFixed: negative,
    delaysRaisedToParent: raised,
    quotesAsRoots: quotes,
    retweetsByFollowerRule: 0,
    retweetsToRoot: 0,
  };
  const result = await db.connection.stream(`SELECT c.k, e.pos, CASE WHEN e.ref IS NULL THEN -1 ELSE pe.pos END AS target, e.kind,
      e.mx - rt.mx AS delay, ac.account, CASE WHEN e.pos = 0 THEN ${postIdOf('src')} END AS source,
      ${follows !== undefined ? authorOf('me') : 'NULL'} AS author
    FROM ent e JOIN casc c ON c.root = e.root JOIN acct ac ON ac.root = e.root AND ac.au = e.au
      JOIN ent rt ON rt.id = e.root JOIN posts src ON src.id = e.root LEFT JOIN ent pe ON pe.id = e.ref
      ${follows !== undefined ? 'JOIN posts me ON me.id = e.id' : ''}
    ORDER BY c.k, e.pos`);
  // The cascade being gathered.
  // The cascade being gathered, in buffers reused from one cascade to the next (grown when needed).
  let current = -1;
  let source = '';
  let size = 0;
  let node = new Int32Array(1024);
  let parent = new Int32Array(1024);
  let time = new Float64Array(1024);
  let kinds = new Uint8Array(1024);
  let authors: string[] = [];
  const grow = (): void => {
    const n = node.length * 2;
    const more = <T extends Int32Array | Float64Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    node = more(node, new Int32Array(n));
    parent = more(parent, new Int32Array(n));
    time = more(time, new Float64Array(n));
    kinds = more(kinds, new Uint8Array(n));
  };
  const flush = (): void => {
    if (current < 0) return;
    const tree: CascadeTree = { node: node.subarray(0, size), parent: parent.subarray(0, size), time: time.subarray(0, size) };
    // Retweets: parent is the retweeted post's entry; the follower rule may pick a later one.
    const retweetsOf = follows !== undefined ? new Map<number, number[]>() : undefined;
    for (let i = 0; i < size; i++) {
      if (kinds[i] !== KIND_RETWEET || parent[i] < 0) continue;
      const target = parent[i];
      let chosen = -1;
      if (follows !== undefined && retweetsOf !== undefined) {
        let earlier = retweetsOf.get(target);
        if (earlier === undefined) retweetsOf.set(target, (earlier = []));
        const me = authors[i];
        for (let k = earlier.length - 1; k >= 0 && chosen === -1; k--) if (follows(me, authors[earlier[k]])) chosen = earlier[k];
        if (chosen === -1 && follows(me, authors[target])) chosen = target;
        earlier.push(i);
      }
      if (chosen === -1) {
        counts.retweetsToRoot++;
        chosen = target;
      } else counts.retweetsByFollowerRule++;
      tree.parent[i] = chosen;
    }
    visit({ id: source, tree });
  };
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const cols = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => chunk.getColumnValues(c));
    const rows = chunk.rowCount;
    for (let r = 0; r < rows; r++) {
      const k = cols[0][r] as number;
      if (k !== current) {
        flush();
        current = k;
        source = cols[6][r] as string;
        size = 0;
        if (follows !== undefined) authors = [];
      }
      if (size === node.length) grow();
      parent[size] = cols[2][r] as number;
      kinds[size] = cols[3][r] as number;
      time[size] = cols[4][r] as number;
      node[size] = cols[5][r] as number;
      if (follows !== undefined) authors.push(cols[7][r] as string);
      size++;
    }
  }
  flush();
  return counts;
}

/** The report of a finished out-of-core import: the stream's, with the database's counts. */
export function combinedReport(stream: StreamOutcome, tree: TreeCounts, followerRule: boolean): { report: TwitterV2Report; retweetAttachment: RetweetAttachment } {
  const report = stream.report;
  const c = report.counts;
  c.duplicateLines += stream.duplicateLines;
  c.unreachableNodesDropped += tree.unreachableNodesDropped;
  c.negativeDelaysFixed += tree.negativeDelaysFixed;
  c.delaysRaisedToParent += tree.delaysRaisedToParent;
  const t = report.twitter;
  t.protectedDropped = stream.protectedDropped;
  t.deletedDropped = stream.deletedDropped;
  t.quotesAsRoots = tree.quotesAsRoots;
  t.retweetsByFollowerRule = tree.retweetsByFollowerRule;
  t.retweetsToRoot = tree.retweetsToRoot;
  return { report, retweetAttachment: followerRule ? 'follower-rule' : 'root' };
}
