/**
 * The out-of-core Twitter v2 import (DuckDB) against the in-memory one
 * (TwitterV2Accumulator), which is the specification: on generated exports
 * both must give the same cascades (ids, account numbers, parents, delays,
 * in the same order) and the same counts and problems. The generator aims
 * at the rules where two implementations could part: a small pool of ids
 * (so records repeat, in data and in includes, and references hit missing,
 * deleted and self ids), originals found only in includes.tweets, ties in
 * time (the input order breaks them), tweets timed before their parent,
 * reference cycles, accounts marked protected before or after their posts,
 * deletions, the follower rule, and malformed lines of several kinds.
 * A second check runs `importArchive` with both engines on the same files
 * and compares cascades.csv and trees.csv byte for byte.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { followerPredicate } from '../../src/archive/follower-predicate.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { importArchive } from '../../src/cli/import-command.js';
import { WorkDatabase, cleanCascades, combinedReport, streamTwitterV2, type OutOfCoreCascade } from '../../src/io/import-twitter-v2-out-of-core.js';
import { CascadeFiles } from '../../src/io/cascade-files.js';
import { readTwitterV2, twitterV2Files } from '../../src/io/read-twitter-v2.js';
import { IDS, USERS, at, line, tweetObject } from './v2-export-arbitrary.js';
import type { EdgeList } from '../../src/model/edge-list.js';

/** A directed edge list of index pairs (a follows b). */
function edgeListFromPairs(n: number, pairs: readonly (readonly [number, number])[]): EdgeList {
  return { n, directed: true, src: Int32Array.from(pairs.map((e) => e[0])), dst: Int32Array.from(pairs.map((e) => e[1])), m: pairs.length };
}

const KEY = new Uint8Array(16).map((_, i) => 3 * i + 1);
const root = mkdtempSync(path.join(os.tmpdir(), 'echolab-ooc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const scenario = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 40 }),
  deleted: fc.subarray(IDS, { maxLength: 3 }),
  follows: fc.option(fc.array(fc.tuple(fc.constantFrom(...USERS), fc.constantFrom(...USERS)), { maxLength: 24 }), { nil: undefined }),
  keepProtected: fc.boolean(),
  parallel: fc.constantFrom(false, false, false, true),
});

async function outOfCore(file: string, o: { deletions?: ReadonlySet<string>; follows?: [string, string][]; keepProtected: boolean; dir: string; threads?: number; rangeBytes?: number }) {
  const db = await WorkDatabase.open(o.dir, { memoryLimit: '256MB', threads: 1 });
  try {
    const s = await streamTwitterV2(db, twitterV2Files(file), { file, key: KEY, keepIds: false, deletions: o.deletions, keepProtected: o.keepProtected, threads: o.threads ?? 1, rangeBytes: o.rangeBytes });
    const u = makeIdMapper('t', { key: KEY }, 'u');
    const followers = o.follows !== undefined ? followerPredicate(USERS.map(u), edgeListFromPairs(USERS.length, o.follows.map(([a, b]) => [USERS.indexOf(a), USERS.indexOf(b)]))) : undefined;
    const cascades: OutOfCoreCascade[] = [];
    // The visitor's arrays are reused for the next cascade: kept as copies.
    const t = await cleanCascades(db, (c) => cascades.push({ id: c.id, tree: { node: c.tree.node.slice(), parent: c.tree.parent.slice(), time: c.tree.time.slice() } }), { followers });
    return { cascades, ...combinedReport(s, t, followers !== undefined) };
  } finally {
    db.close();
  }
}

describe('out-of-core Twitter v2 import', () => {
  it('gives the in-memory cascades, counts and problems on generated exports', async () => {
    const p = makeIdMapper('t', { key: KEY }, 'p');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const file = path.join(root, `s${run}.jsonl`);
        writeFileSync(file, `${sc.lines.join('\n')}\n`);
        const deletions = sc.deleted.length > 0 ? new Set(sc.deleted) : undefined;
        const follows = sc.follows !== undefined ? followerPredicate(USERS, edgeListFromPairs(USERS.length, sc.follows.map(([a, b]) => [USERS.indexOf(a), USERS.indexOf(b)]))) : undefined;
        const mem = await readTwitterV2(file, { key: KEY, deletions, followers: follows, keepProtected: sc.keepProtected });
        // One reader, or two threads given ranges of a few lines each (the parallel stream's renumbering and merging).
        const ooc = await outOfCore(file, { deletions, follows: sc.follows, keepProtected: sc.keepProtected, dir: path.join(root, `w${run++}`), ...(sc.parallel ? { threads: 2, rangeBytes: 300 } : {}) });
        expect(ooc.cascades.map((c) => ({ id: c.id, node: [...c.tree.node], parent: [...c.tree.parent], time: [...c.tree.time] }))).toEqual(
          mem.cascades.map((c) => ({ id: p(c.sourceId), node: [...c.tree.node], parent: [...c.tree.parent], time: [...c.tree.time] })),
        );
        expect(ooc.report.counts).toEqual(mem.report.counts);
        expect(ooc.report.twitter).toEqual(mem.report.twitter);
        expect(ooc.report.problems).toEqual(mem.report.problems);
        expect(ooc.retweetAttachment).toBe(mem.retweetAttachment);
      }),
      { seed: 20261207, numRuns: 80 },
    );
  }, 120_000);

  it('echolab import writes byte-identical cascades.csv and trees.csv with either engine', async () => {
    const lines: string[] = [];
    // A deterministic mix: sources, retweet chains, replies, late duplicates, an original only in includes.
    for (let i = 0; i < 400; i++) {
      const id = String(1000 + i);
      const author = USERS[(i * 7) % USERS.length];
      const ref = i % 5 === 0 ? undefined : String(1000 + ((i * 31) % Math.max(1, i)));
      const type = ref === undefined ? '' : i % 3 === 0 ? 'replied_to' : i % 7 === 0 ? 'quoted' : 'retweeted';
      lines.push(JSON.stringify(tweetObject({ id, author, minute: (i * 13) % 50, type, ref: ref ?? '', inlineAuthor: i % 11 === 0 ? i % 22 === 0 : undefined })));
      if (i % 50 === 7) lines.push(JSON.stringify({ data: [tweetObject({ id: String(5000 + i), author: 'b', minute: 60, type: 'retweeted', ref: String(9000 + i), inlineAuthor: undefined })], includes: { tweets: [tweetObject({ id: String(9000 + i), author: 'c', minute: 1, type: '', ref: '', inlineAuthor: undefined })] } }));
      if (i % 97 === 3) lines.push(lines[lines.length - 2] ?? 'oops');
    }
    const file = path.join(root, 'mix.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const follows = path.join(root, 'follows.txt');
    writeFileSync(follows, 'a b\nb c\nc a\nd b\ne a\nf e\n');
    for (const extra of [{}, { followers: follows }, { keepIds: true }]) {
      const dirs = [];
      for (const engine of ['memory', 'duckdb'] as const) {
        const out = path.join(root, `mix-${engine}-${Object.keys(extra).join('') || 'plain'}`);
        await importArchive({ input: file, out, key: 'k', engine, cwd: root, ...extra });
        dirs.push(out);
      }
      for (const name of ['cascades.csv', 'trees.csv']) expect(readFileSync(path.join(dirs[1], name), 'utf8')).toBe(readFileSync(path.join(dirs[0], name), 'utf8'));
      // trees.parquet (from the cleaning's tables, or appended under the follower rule) holds trees.csv's rows.
      const csvRows = readFileSync(path.join(dirs[1], 'trees.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
      const db = await WorkDatabase.open(path.join(root, `read-${Object.keys(extra).join('') || 'plain'}`));
      try {
        const r = await db.connection.runAndReadAll(`SELECT * FROM read_parquet('${path.join(dirs[1], 'trees.parquet')}')`);
        expect(r.getRows().map((x) => [String(x[0]), Number(x[1]), Number(x[2]), Number(x[3]), Number(x[4])])).toEqual(csvRows.map((c) => [c[0], Number(c[1]), Number(c[2]), Number(c[3]), Number(c[4])]));
      } finally {
        db.close();
      }
      const [a, b] = dirs.map((d) => JSON.parse(readFileSync(path.join(d, 'report.json'), 'utf8')) as Record<string, unknown>);
      expect(b.counts).toEqual(a.counts);
      expect(b.twitter).toEqual(a.twitter);
      expect(b.cascades).toBeGreaterThan(50);
    }
  }, 60_000);
});

describe('out-of-core follower rule, by hand', () => {
  it('attaches a retweet to the latest earlier retweeter it follows, else to the original', async () => {
    // 1 by a at 0; retweets of 1 by b (1), c (2), d (3), e (4). d follows b and c: under c (latest).
    // e follows nobody who retweeted: under the original. c follows a: under the original (by the rule).
    const rt = (id: string, author: string, minute: number): string => JSON.stringify({ id, author_id: author, created_at: at(minute), referenced_tweets: [{ type: 'retweeted', id: '1' }] });
    const file = path.join(root, 'rule.jsonl');
    writeFileSync(file, [JSON.stringify({ id: '1', author_id: 'a', created_at: at(0) }), rt('2', 'b', 1), rt('3', 'c', 2), rt('4', 'd', 3), rt('5', 'e', 4)].join('\n'));
    const r = await outOfCore(file, { follows: [['d', 'b'], ['d', 'c'], ['c', 'a']], keepProtected: false, dir: path.join(root, 'w-rule') });
    expect(r.cascades).toHaveLength(1);
    expect([...r.cascades[0].tree.parent]).toEqual([-1, 0, 0, 2, 0]);
    expect([...r.cascades[0].tree.time]).toEqual([0, 1, 2, 3, 4]);
    expect(r.report.twitter.retweetsByFollowerRule).toBe(2);
    expect(r.report.twitter.retweetsToRoot).toBe(2);
  });
});

describe('out-of-core cascades at size', () => {
  it('streams every cascade of a large import while its rows are appended (appenders on their own connection)', async () => {
    // 150,000 sources, each retweeted once: 300,000 entries, more than DuckDB buffers before a stream must resume.
    const dir = path.join(root, 'w-size');
    const db = await WorkDatabase.open(dir, { memoryLimit: '256MB' });
    try {
      await db.run(`CREATE TABLE posts AS SELECT
          (i * 2)::UBIGINT AS id, CASE WHEN i % 2 = 1 THEN ((i - 1) * 2)::UBIGINT END AS ref,
          (CASE WHEN i % 2 = 1 THEN 2 ELSE 0 END)::UTINYINT AS kind, (i % 97)::UBIGINT AS au,
          (i / 2)::DOUBLE AS t, i::BIGINT AS ord, (i * 30000)::BIGINT AS ms,
          NULL::VARCHAR AS raw, NULL::VARCHAR AS raw_ref, NULL::VARCHAR AS author
        FROM range(300000) r(i)`);
      const files = await CascadeFiles.open(db, path.join(root, 'size-cascades.csv'), path.join(root, 'size-trees.csv'));
      let seen = 0;
      try {
        await cleanCascades(db, (c) => {
          seen++;
          files.add(c.id, null, c.tree);
        });
      } finally {
        files.close();
      }
      expect(seen).toBe(150_000);
      expect(files.entries).toBe(300_000);
      expect(await db.numbers('SELECT count(*) FROM out_trees')).toEqual([300_000]);
    } finally {
      db.close();
    }
  }, 60_000);
});
