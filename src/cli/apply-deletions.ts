/**
 * `echolab import --apply-deletions ids.txt <import folder>`: a platform's
 * deletions after an import has been made (the DataSift model: posts
 * deleted on the platform must disappear from archives already taken)
 * reach the import. The folder's posts.parquet (the cleaned, pseudonymised
 * records an out-of-core Twitter v2 import keeps) loses the listed posts,
 * and the cascades are cleaned again from what is left, by the importer's
 * own rules, exactly as an import given the same deletions from the start
 * would clean them:
 *   - a deleted post is removed, and so is every post that hung under it
 *     only through it: replies to it and retweets of it, and their own
 *     replies and retweets (they become unreachable and are counted so);
 *     a deleted source removes its cascade;
 *   - a retweet that the follower rule had attached to a deleted retweet
 *     is attached again, to another earlier retweeter it follows or to the
 *     original (the follower graph must be given again, and must be the
 *     same file: report.json keeps its SHA-256);
 *   - a quote of a deleted post keeps its own cascade (quotes root their own).
 * Ids in the file are raw platform ids; they are matched to the import's
 * pseudonyms under its key, which must be given again with --key (checked
 * against report.json's keyCheck, never stored); an import written with
 * --keep-ids is matched directly. report.json records each application
 * (file, ids listed, posts removed, entries and cascades before and after).
 *
 * Idempotent: ids not in the import are ignored, so applying a file again
 * removes nothing and leaves the folder untouched. Crash-safe: the new
 * version is written into a staging folder beside the import and swapped
 * in whole (io/folder-swap.ts), so a kill leaves the old folder or the new.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FollowsPredicate } from '../archive/follower-predicate.js';
import { deriveKey, makeIdMapper } from '../archive/pseudonymise.js';
import { writeCleanedImport } from '../io/cascade-files.js';
import { commitFolder, recoverFolder, stagingFolder } from '../io/folder-swap.js';
import { WorkDatabase, loadPosts, sqlString } from '../io/import-twitter-v2-out-of-core.js';
import { readDeletions } from '../io/read-archive.js';
import { IMPORT_KIND } from '../io/read-imported-archive.js';
import { readFollowers } from '../io/read-twitter-v2.js';
import { UsageError } from './parse-args.js';
import { IMPORT_MARKER, keyCheck } from '../io/import-folder.js';

export interface ApplyDeletionsOptions {
  /** The import folder. */
  readonly dir: string;
  /** The file of deleted post ids, one per line. */
  readonly deletions: string;
  /** The key the import was made with (not needed for a --keep-ids import). */
  readonly key?: string;
  /** The follower graph the import used, when it attached retweets by the follower rule. */
  readonly followers?: string;
  readonly strict?: boolean;
  readonly memoryLimit?: string;
}

/** One application, as report.json's `deletionsApplied` lists it. */
export interface DeletionsApplied {
  readonly file: string;
  /** Distinct ids in the file. */
  readonly listed: number;
  /** Posts of the import that were listed, and removed. */
  readonly removed: number;
  /** Further posts removed because they hung under a removed one. */
  readonly dependentsRemoved: number;
  readonly entriesBefore: number;
  readonly entriesAfter: number;
  readonly cascadesBefore: number;
  readonly cascadesAfter: number;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Json, name: string): Json {
  const v = o[name];
  return isObject(v) ? v : {};
}

/** Applies the deletions (see the banner); returns what changed, or null when nothing in the file is in the import. */
export async function applyDeletions(o: ApplyDeletionsOptions): Promise<{ applied: DeletionsApplied | null; problems: number }> {
  const dir = o.dir;
  recoverFolder(dir, IMPORT_MARKER);
  const reportFile = path.join(dir, 'report.json');
  const postsFile = path.join(dir, 'posts.parquet');
  let report: Json;
  try {
    const r: unknown = JSON.parse(readFileSync(reportFile, 'utf8'));
    if (!isObject(r) || r.kind !== IMPORT_KIND) throw new Error('not an import');
    report = r;
  } catch {
    throw new UsageError(`echolab import: --apply-deletions needs a folder written by \`echolab import\` (with report.json); ${dir} is not one`);
  }
  if (!existsSync(postsFile)) {
    throw new UsageError(
      `echolab import: ${dir} has no posts.parquet, which --apply-deletions re-cleans: only Twitter v2 imports made out of core (--engine duckdb, the default) keep it; import the archive again with --deletions instead`,
    );
  }
  const privacy = field(report, 'privacy');
  const rawIds = privacy.sourceIds === 'raw';
  let mapPost: (raw: string) => string = (id) => id;
  let keyBytes: Uint8Array | undefined;
  if (!rawIds) {
    if (privacy.keyGiven !== true) {
      throw new UsageError(
        'echolab import: this import was made with a fresh random key, which was not kept, so raw post ids cannot be matched to its pseudonyms; import the archive again with --key K (and --deletions)',
      );
    }
    if (o.key === undefined || o.key === '') throw new UsageError('echolab import: --apply-deletions needs the --key this import was made with, to match raw post ids to its pseudonyms');
    keyBytes = deriveKey(o.key);
    if (privacy.keyCheck !== keyCheck(keyBytes)) throw new UsageError('echolab import: --key does not match the key this import was made with (report.json privacy.keyCheck)');
    mapPost = makeIdMapper('cli/apply-deletions', { key: keyBytes }, 'p');
  } else if (o.key !== undefined) {
    throw new UsageError('echolab import: this import kept raw post ids (--keep-ids): give no --key');
  }
  let followers: FollowsPredicate | undefined;
  if (report.retweetAttachment === 'follower-rule') {
    if (o.followers === undefined) throw new UsageError('echolab import: this import attached retweets by the follower rule: give the same --followers file again');
    const digest = createHash('sha256').update(readFileSync(o.followers)).digest('hex');
    if (digest !== report.followersDigest) throw new UsageError(`echolab import: --followers ${o.followers} is not the follower graph this import used (its SHA-256 differs from report.json's followersDigest)`);
    // A --keep-ids import pseudonymised authors under a random key, not kept: its retweets cannot be re-attached.
    if (keyBytes === undefined) throw new UsageError('echolab import: this import kept raw post ids (--keep-ids) with authors under a random key, so the follower rule cannot be applied again; import the archive again with --deletions');
    followers = readFollowers(o.followers, makeIdMapper('cli/apply-deletions', { key: keyBytes }, 'u')).follows;
  } else if (o.followers !== undefined) {
    throw new UsageError('echolab import: this import attached retweets to the retweeted tweet (no follower graph): give no --followers');
  }
  const listedIds = readDeletions(o.deletions, { strict: o.strict });
  const ids = [...listedIds.ids].map(mapPost);

  const problems = listedIds.report.problems.length + listedIds.report.problemsOmitted;
  const staging = stagingFolder(dir, IMPORT_MARKER);
  let applied: DeletionsApplied | null = null;
  try {
    const db = await WorkDatabase.open(path.join(staging, '.work'), { memoryLimit: o.memoryLimit });
    try {
      await db.run('CREATE TABLE deleted (post_id VARCHAR)');
      const a = await db.appender('deleted');
      for (const id of ids) {
        a.appendVarchar(id);
        a.endRow();
      }
      a.closeSync();
      const [present] = await db.numbers(`SELECT count(*) FROM read_parquet(${sqlString(postsFile)}) SEMI JOIN deleted USING (post_id)`);
      if (present === 0) return { applied: null, problems };
      // What the folder holds now, as its report.json records it (written with the files it describes).
      const before = typeof report.entries === 'number' ? report.entries : 0;
      const cascadesBefore = typeof report.cascades === 'number' ? report.cascades : 0;
      await loadPosts(db, postsFile);
      const out = await writeCleanedImport(db, staging, followers);
      const tree = out.counts;
      const counts = field(report, 'counts');
      const unreachableBefore = typeof counts.unreachableNodesDropped === 'number' ? counts.unreachableNodesDropped : 0;
      applied = {
        file: path.basename(o.deletions),
        listed: ids.length,
        removed: present,
        dependentsRemoved: tree.unreachableNodesDropped - unreachableBefore,
        entriesBefore: before,
        entriesAfter: out.entries,
        cascadesBefore,
        cascadesAfter: out.cascades,
      };
      const twitter = field(report, 'twitter');
      const deletedBefore = typeof privacy.deletedDropped === 'number' ? privacy.deletedDropped : 0;
      const next: Json = {
        ...report,
        selection: { ...field(report, 'selection'), minSize: out.minSize },
        cascades: out.cascades,
        entries: out.entries,
        counts: { ...counts, unreachableNodesDropped: tree.unreachableNodesDropped, negativeDelaysFixed: tree.negativeDelaysFixed, delaysRaisedToParent: tree.delaysRaisedToParent },
        privacy: { ...privacy, deletedDropped: deletedBefore + present },
        twitter: { ...twitter, deletedDropped: deletedBefore + present, quotesAsRoots: tree.quotesAsRoots, retweetsByFollowerRule: tree.retweetsByFollowerRule, retweetsToRoot: tree.retweetsToRoot },
        deletionsApplied: [...(Array.isArray(report.deletionsApplied) ? (report.deletionsApplied as unknown[]) : []), applied],
      };
      writeFileSync(path.join(staging, IMPORT_MARKER), `${JSON.stringify(next, null, 2)}\n`);
    } finally {
      db.close();
    }
  } finally {
    // Nothing committed (nothing to remove, or an error): the staging folder goes, the import stays as it was.
    if (applied === null) rmSync(staging, { recursive: true, force: true });
  }
  commitFolder(staging, dir);
  return { applied, problems };
}
