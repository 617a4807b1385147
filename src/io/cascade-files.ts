/**
 * The cascade files of an out-of-core import, written as cascades arrive
 * (one at a time, in order), so no table of them is ever held:
 *   cascades.csv  exactly as the in-memory import writes it (source_id,
 *                 label, size, depth, max_breadth, structural_virality);
 *   trees.csv     exactly as trees-table.ts writes it;
 * and, through appenders into the working database, the rows of
 * cascades.parquet (the same columns plus every feature `echolab compare`
 * and `echolab calibrate` use: time_to_k, time_to_90pct,
 * top_k_reach_share, with k = 10 and the top 5 accounts, as they compute
 * them) and trees.parquet. Text is gathered and written in 1 MiB pieces.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import { ChunkAppender } from './chunk-appender.js';
import { CASCADE_FEATURES, cascadeFeatures, type CascadeFeature } from '../compare/cascade-features.js';
import type { CascadeTree } from '../sim/cascade-record.js';
import { csvLine, csvNumber, csvText } from './csv-cell.js';
import path from 'node:path';
import type { FollowsPredicate } from '../archive/follower-predicate.js';
import { CLEANED_TREES_QUERY, POSTS_PARQUET_QUERY, cleanCascades, type TreeCounts, type WorkDatabase } from './import-twitter-v2-out-of-core.js';
import { TREES_COLUMNS } from './trees-table.js';

const CHUNK = 1 << 20;

/** The columns of cascades.csv. */
export const CASCADES_CSV_COLUMNS = ['source_id', 'label', 'size', 'depth', 'max_breadth', 'structural_virality'] as const;

/** The tables behind cascades.parquet and trees.parquet, and the queries that write them. */
const OUT_CASCADES_SQL =
  'CREATE TABLE out_cascades (k INTEGER, source_id VARCHAR, label VARCHAR, size INTEGER, depth INTEGER, max_breadth INTEGER, structural_virality DOUBLE, time_to_k DOUBLE, time_to_90pct DOUBLE, top_k_reach_share DOUBLE)';
const OUT_TREES_SQL = 'CREATE TABLE out_trees (k INTEGER, node INTEGER, parent INTEGER, delay DOUBLE, account INTEGER)';
export const CASCADES_PARQUET_QUERY =
  'SELECT source_id, label, size, depth, max_breadth, structural_virality, time_to_k, time_to_90pct, top_k_reach_share FROM out_cascades ORDER BY k';
export const TREES_PARQUET_QUERY = 'SELECT c.source_id AS cascade, t.node, t.parent, t.delay, t.account FROM out_trees t JOIN out_cascades c USING (k) ORDER BY t.k, t.node';

class TextFile {
  private fd: number;
  private buf = '';
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(s: string): void {
    this.buf += s;
    if (this.buf.length >= CHUNK) {
      writeSync(this.fd, this.buf);
      this.buf = '';
    }
  }
  close(): void {
    writeSync(this.fd, this.buf);
    this.buf = '';
    closeSync(this.fd);
  }
}

export class CascadeFiles {
  private count = 0;
  private entryCount = 0;
  private smallest = Infinity;
  private lone: Readonly<Record<CascadeFeature, number>> | undefined;
  private readonly cascadesCsv: TextFile;
  private readonly treesCsv: TextFile;

  private constructor(
    private readonly treeRows: boolean,
    cascadesCsv: string,
    treesCsv: string,
    private readonly cascades: ChunkAppender,
    private readonly trees: ChunkAppender,
  ) {
    this.cascadesCsv = new TextFile(cascadesCsv);
    this.treesCsv = new TextFile(treesCsv);
    this.cascadesCsv.write(`${CASCADES_CSV_COLUMNS.join(',')}\n`);
    this.treesCsv.write(`${TREES_COLUMNS.join(',')}\n`);
  }

  /**
   * `treeRows`: append each entry for trees.parquet (TREES_PARQUET_QUERY);
   * false when trees.parquet is written from the cleaning's own tables
   * (CLEANED_TREES_QUERY), which saves a row append per entry.
   */
  static async open(db: WorkDatabase, cascadesCsv: string, treesCsv: string, treeRows = true): Promise<CascadeFiles> {
    await db.run(OUT_CASCADES_SQL);
    await db.run(OUT_TREES_SQL);
    return new CascadeFiles(
      treeRows,
      cascadesCsv,
      treesCsv,
      new ChunkAppender(await db.appender('out_cascades'), [INTEGER, VARCHAR, VARCHAR, INTEGER, INTEGER, INTEGER, DOUBLE, DOUBLE, DOUBLE, DOUBLE]),
      new ChunkAppender(await db.appender('out_trees'), [INTEGER, INTEGER, INTEGER, DOUBLE, INTEGER]),
    );
  }

  /** Cascades written. */
  get cascadeCount(): number {
    return this.count;
  }

  /** Tree entries written. */
  get entries(): number {
    return this.entryCount;
  }

  /** The smallest cascade written (0 when none). */
  get minSize(): number {
    return Number.isFinite(this.smallest) ? this.smallest : 0;
  }

  /**
   * One cascade under its written id: `tree.node` must number accounts in
   * order of first appearance and `tree.time` be the delay since the root
   * (as the out-of-core import gives them).
   */
  add(id: string, label: string | null, tree: CascadeTree): void {
    // Most cascades are a lone source, whose features are always the same: computed once.
    const f = tree.parent.length === 1 ? (this.lone ??= cascadeFeatures(tree, CASCADE_FEATURES)) : cascadeFeatures(tree, CASCADE_FEATURES);
    this.cascadesCsv.write(`${csvLine([id, label, f.size, f.depth, f['max-breadth'], f['structural-virality']])}\n`);
    const k = this.count++;
    if (f.size < this.smallest) this.smallest = f.size;
    // NaN (top_k_reach_share of a lone root) is written as NULL, as the CSV leaves it empty.
    const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);
    this.cascades.row([k, id, label, f.size, f.depth, f['max-breadth'], orNull(f['structural-virality']), orNull(f['time-to-k']), orNull(f['time-to-90pct']), orNull(f['top-k-reach-share'])]);
    const text = csvText(id);
    const n = tree.parent.length;
    for (let e = 0; e < n; e++) {
      this.treesCsv.write(`${text},${e},${tree.parent[e]},${csvNumber(tree.time[e])},${tree.node[e]}\n`);
      if (!this.treeRows) continue;
      const t = this.trees;
      t.set(0, k);
      t.set(1, e);
      t.set(2, tree.parent[e]);
      t.set(3, tree.time[e]);
      t.set(4, tree.node[e]);
      t.endRow();
    }
    this.entryCount += n;
  }

  close(): void {
    this.cascadesCsv.close();
    this.treesCsv.close();
    this.cascades.close();
    this.trees.close();
  }
}

/** What writeCleanedImport wrote. */
export interface CleanedImport {
  readonly counts: TreeCounts;
  readonly cascades: number;
  readonly entries: number;
  /** The smallest cascade (0 when none). */
  readonly minSize: number;
}

/**
 * Cleans the database's `posts` into cascades (cleanCascades) and writes
 * an import folder's data files into `dir`: cascades.csv and trees.csv as
 * the cascades arrive, then posts.parquet, cascades.parquet and
 * trees.parquet. The import and --apply-deletions both end this way.
 */
export async function writeCleanedImport(db: WorkDatabase, dir: string, followers?: FollowsPredicate): Promise<CleanedImport> {
  const files = await CascadeFiles.open(db, path.join(dir, 'cascades.csv'), path.join(dir, 'trees.csv'), followers !== undefined);
  let counts: TreeCounts;
  try {
    counts = await cleanCascades(db, (c) => files.add(c.id, null, c.tree), { followers });
  } finally {
    files.close();
  }
  await db.copyParquet(POSTS_PARQUET_QUERY, path.join(dir, 'posts.parquet'));
  await db.copyParquet(CASCADES_PARQUET_QUERY, path.join(dir, 'cascades.parquet'));
  await db.copyParquet(followers !== undefined ? TREES_PARQUET_QUERY : CLEANED_TREES_QUERY, path.join(dir, 'trees.parquet'));
  return { counts, cascades: files.cascadeCount, entries: files.entries, minSize: files.minSize };
}
