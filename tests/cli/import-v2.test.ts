/**
 * `echolab import` on Twitter v2 exports and the privacy options, spawned
 * as a child process. Expected figures for the v2 fixture folder
 * (tests/fixtures/archive/v2: page.json then tweets.jsonl), worked out in
 * tests/archive/twitter-v2.test.ts; with no deletions file tweet 109 stays:
 *   100: 100, 101 → 104, 102, 105 (dave's 103 is protected, so bob's 106 under
 *     it is unreachable): size 5, depth 2, breadth 3; ν = 18/10 = 1.8 (pairwise
 *     distances: root 1+2+1+1, 101: 1+2+2, 104: 3+3, 102: 2).
 *   107 (a quote): 107, 112, 108: size 3, depth 1, breadth 2, ν = 4/3.
 *   109: 109 and frank's retweet 110: size 2, ν = 1.
 *   200: four retweets and 205 replying to 202: size 6, depth 2, breadth 4,
 *     ν = (6 + 9 + 5 + 5 + 3)/15 = 28/15.
 * With --followers "60 30" (frank follows carol), frank's 105 hangs under
 * carol's 102: cascade 100 has breadth 2 (101, 102) and still depth 2.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, csvCells, removeDir, runCli, tempDir } from './cli-harness.js';

const V2 = path.join(REPO, 'tests', 'fixtures', 'archive', 'v2');
const dirs: string[] = [];
const work = (): string => {
  const d = tempDir('echolab-import-v2-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

function rows(csv: string): string[][] {
  return csv.trimEnd().split('\n').map(csvCells);
}

interface Report {
  format: string;
  cascades: number;
  counts: Record<string, number>;
  privacy: { protectedDropped: number; deletedDropped: number; deletionsListed: number; pseudonymised: boolean };
  twitter?: Record<string, number>;
  retweetAttachment?: string;
  problems: { file: string; line?: number }[];
}

const readReport = (dir: string): Report => JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;

describe('echolab import, Twitter v2', () => {
  it('auto-detects a folder of v2 files and writes the hand-computed cascades; retweets under the original', async () => {
    const cwd = work();
    const r = await runCli(['import', V2, '--keep-ids'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${path.join('results', 'import', 'v2')}\n`);
    const out = path.join(cwd, 'results', 'import', 'v2');
    const table = rows(readFileSync(path.join(out, 'cascades.csv'), 'utf8'));
    expect(table[0]).toEqual(['source_id', 'label', 'size', 'depth', 'max_breadth', 'structural_virality']);
    expect(table.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['100', '', '5', '2', '3'],
      ['107', '', '3', '1', '2'],
      ['109', '', '2', '1', '1'],
      ['200', '', '6', '2', '4'],
    ]);
    expect(table.slice(1).map((row) => Number(row[5]))).toEqual([expect.closeTo(1.8, 12), expect.closeTo(4 / 3, 12), 1, expect.closeTo(28 / 15, 12)]);
    const report = readReport(out);
    expect(report.format).toBe('twitter-v2');
    expect(report.retweetAttachment).toBe('root');
    expect(report.privacy).toMatchObject({ protectedDropped: 1, deletedDropped: 0, deletionsListed: 0, pseudonymised: true });
    // page.json: 1 malformed, 1 duplicate; tweets.jsonl: lines 4 and 8 malformed.
    expect(report.counts).toMatchObject({ malformedLines: 3, duplicateLines: 1, unreachableNodesDropped: 1 });
    expect(report.problems.map((p) => `${path.basename(p.file)}${p.line === undefined ? '' : `:${p.line}`}`)).toEqual(['page.json', 'tweets.jsonl:4', 'tweets.jsonl:8']);
    expect(r.stderr).toMatch(/retweets: attached to the retweeted tweet \(no --followers/);
    expect(r.stderr).toMatch(/protected posts dropped\s+1\n/);
    expect(r.stderr).toContain('tweets.jsonl:4: ');
  });

  it('--deletions drops the listed tweets (and strands their retweets); --followers applies the follower rule', async () => {
    const cwd = work();
    writeFileSync(path.join(cwd, 'deleted.txt'), '# withdrawn\n109\n');
    writeFileSync(path.join(cwd, 'follows.txt'), '60 30\n');
    const r = await runCli(['import', V2, '--deletions', 'deleted.txt', '--followers', 'follows.txt', '--out', 'o', '--keep-ids'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const table = rows(readFileSync(path.join(cwd, 'o', 'cascades.csv'), 'utf8'));
    expect(table.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['100', '', '5', '2', '2'],
      ['107', '', '3', '1', '2'],
      ['200', '', '6', '2', '4'],
    ]);
    const report = readReport(path.join(cwd, 'o'));
    expect(report.privacy).toMatchObject({ protectedDropped: 1, deletedDropped: 1, deletionsListed: 1 });
    expect(report.counts.unreachableNodesDropped).toBe(2); // bob's 106 and frank's 110
    expect(report.retweetAttachment).toBe('follower-rule');
    expect(report.twitter).toMatchObject({ retweetsByFollowerRule: 1 });
    expect(r.stderr).toMatch(/deleted posts dropped\s+1\n/);
    expect(r.stderr).toMatch(/attached by the time-respecting follower rule/);
  });

  it('streams a gzipped JSONL file: plain progress lines on stderr, only the directory on stdout', async () => {
    const cwd = work();
    const lines: string[] = [];
    // A source and 3000 retweets a minute apart, then one truncated line: ~300 kB.
    lines.push(JSON.stringify({ id: 's', author_id: 'a0', created_at: '2021-01-01T00:00:00Z', text: 'x'.repeat(50) }));
    for (let k = 1; k <= 3000; k++) {
      const t = new Date(Date.UTC(2021, 0, 1, 0, k)).toISOString();
      lines.push(JSON.stringify({ id: `r${k}`, author_id: `a${k}`, created_at: t, referenced_tweets: [{ type: 'retweeted', id: 's' }], text: 'y'.repeat(40) }));
    }
    lines.push('{"id": "broken", "author_id"');
    writeFileSync(path.join(cwd, 'big.jsonl.gz'), gzipSync(lines.join('\n')));
    const r = await runCli(['import', 'big.jsonl.gz', '--keep-ids'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${path.join('results', 'import', 'big')}\n`);
    expect(r.stderr).toMatch(/^reading .*\(100 %\)/m);
    expect(r.stderr).not.toMatch(/\r|\x1b\[/);
    expect(r.stderr).toContain('big.jsonl.gz:3002: invalid JSON');
    const table = rows(readFileSync(path.join(cwd, 'results', 'import', 'big', 'cascades.csv'), 'utf8'));
    expect(table.slice(1).map((row) => row.slice(0, 5))).toEqual([['s', '', '3001', '1', '3000']]);
  });

  it('--strict stops at the first malformed line; bad flag combinations and ambiguous folders exit 2', async () => {
    const cwd = work();
    const strict = await runCli(['import', path.join(V2, 'tweets.jsonl'), '--strict'], cwd);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/tweets\.jsonl:4: /);

    const followersCsv = await runCli(['import', path.join(REPO, 'tests', 'fixtures', 'archive', 'posts.csv'), '--followers', 'x.txt'], cwd);
    expect(followersCsv.code).toBe(2);
    expect(followersCsv.stderr).toMatch(/--followers applies to --format twitter-v2 only/);

    const missing = await runCli(['import', V2, '--deletions', 'nope.txt'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--deletions: no such file: nope\.txt/);

    const both = path.join(cwd, 'both');
    mkdirSync(path.join(both, 'tree'), { recursive: true });
    writeFileSync(path.join(both, 'label.txt'), 'true:1\n');
    writeFileSync(path.join(both, 'x.jsonl'), '\n');
    const ambiguous = await runCli(['import', 'both'], cwd);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/both label\.txt and \.json\/\.jsonl files: say which with --format/);
  });

  it('--help lists the new flags and format', async () => {
    const r = await runCli(['import', '--help'], work());
    expect(r.code).toBe(0);
    for (const flag of ['--deletions', '--followers', '--keep-protected', 'twitter-v2']) expect(r.stdout).toContain(flag);
  });
});

describe('echolab import: personal data in every format', () => {
  // Raw user ids and raw source post ids that would be recognisable anywhere in the output.
  const ALICE = 'rawuser-alice-4711';
  const BOB = 'rawuser-bob-4712';
  const SRC = 'rawsrc-9001';
  // Bytes that are not UTF-8 inside a raw id.
  const badUtf8 = (before: string, after: string): Buffer => Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]);

  async function outputs(cwd: string, args: string[], out: string): Promise<string> {
    const r = await runCli(['import', ...args, '--out', out], cwd);
    expect(r.code, r.stderr).toBe(0);
    return [r.stdout, r.stderr, ...['cascades.csv', 'trees.csv', 'report.json'].map((f) => readFileSync(path.join(cwd, out, f), 'utf8'))].join('\n');
  }

  /**
   * One input per format, each with usable lines and malformed ones that
   * quote raw ids in the fields that fail (a user id as a timestamp, a
   * delay, a created_at or a protected flag; unquoted ids that break the
   * JSON; ids with bytes that are not UTF-8), source ids that are raw, a
   * label naming a missing tree, a repeated label, and a ROOT line naming
   * another source than its file (written as root_post: a raw id too).
   */
  function writeInputs(cwd: string): void {
    mkdirSync(path.join(cwd, 't15', 'tree'), { recursive: true });
    writeFileSync(path.join(cwd, 't15', 'label.txt'), `true:${SRC}\nfalse:${SRC}\nnot a label ${SRC}\nfalse:rawsrc-9002\nunverified:rawsrc-9003\n`);
    writeFileSync(
      path.join(cwd, 't15', 'tree', `${SRC}.txt`),
      Buffer.concat([
        Buffer.from(
          [
            `['ROOT', 'ROOT', '0.0']->['${ALICE}', '${SRC}', '0.0']`,
            `['${ALICE}', '${SRC}', '0.0']->['${BOB}', '${SRC}', '1.0']`,
            `['${ALICE}', '${SRC}', '${BOB}']->['${BOB}', '${SRC}', '2.0']`,
            `${ALICE} -> ${BOB} in ${SRC}`,
            `['${ALICE}', '${SRC}', '0.0']->['${BOB}', '${SRC}'`,
            '',
          ].join('\n'),
        ),
        badUtf8(`['${ALICE}', '${SRC}', '0.0']->['${BOB}`, `', '${SRC}', '3.0']\n`),
      ]),
    );
    writeFileSync(path.join(cwd, 't15', 'tree', 'rawsrc-9002.txt'), `['ROOT', 'ROOT', '0.0']->['${ALICE}', 'rawsrc-9005', '0.0']\n`);
    writeFileSync(
      path.join(cwd, 'posts.csv'),
      Buffer.concat([
        Buffer.from(
          [
            'post_id,parent_id,user_id,timestamp,protected',
            `${SRC},,${ALICE},0,`,
            `q2,${SRC},${BOB},1,`,
            `q3,${SRC},${BOB},2,true`,
            `q4,${SRC},${ALICE},${BOB},`,
            `q5,${SRC},${BOB},3,${ALICE}`,
            `q6,${SRC},"${ALICE}`,
            '',
          ].join('\n'),
        ),
        badUtf8(`q7,${SRC},${BOB}`, ',4,\n'),
      ]),
    );
    const tweets = [
      { id: SRC, author_id: ALICE, created_at: '2021-01-01T00:00:00Z' },
      { id: 'w2', author_id: BOB, created_at: '2021-01-01T00:01:00Z', referenced_tweets: [{ type: 'retweeted', id: SRC }], author: { id: BOB, protected: false } },
      { id: 'w3', author_id: ALICE, created_at: BOB },
    ].map((o) => JSON.stringify(o));
    tweets.push(`{"id": "w4", "author_id": ${ALICE}, "created_at": "2021-01-01T00:02:00Z"}`, `{"id": "${BOB}`);
    writeFileSync(path.join(cwd, 'tweets.jsonl'), Buffer.concat([Buffer.from(`${tweets.join('\n')}\n`), badUtf8(`{"id": "w5", "author_id": "${BOB}`, '", "created_at": "2021-01-01T00:03:00Z"}\n')]));
    mkdirSync(path.join(cwd, 'pages'));
    writeFileSync(path.join(cwd, 'pages', 'a.json'), JSON.stringify({ data: [{ id: SRC, author_id: ALICE, created_at: '2021-01-01T00:00:00Z' }, { id: 'w9', author_id: BOB, created_at: ALICE }] }));
    writeFileSync(path.join(cwd, 'pages', 'b.json'), `{"data": [{"id": "w8", "author_id": ${BOB}}]}`);
    writeFileSync(path.join(cwd, 'pages', 'c.json'), badUtf8(`{"data": [{"id": "w7", "author_id": "${ALICE}`, '", "created_at": "2021-01-01T00:00:00Z"}]}'));
  }

  /** Runs each import (in parallel) and checks that none of `banned` appears in its stdout, stderr, cascades.csv, trees.csv or report.json. */
  async function expectAbsent(runs: string[][], banned: readonly string[]): Promise<void> {
    const cwd = work();
    writeInputs(cwd);
    const texts = await Promise.all(runs.map((args, k) => outputs(cwd, args, `o${k}`)));
    runs.forEach((args, k) => {
      for (const b of banned) expect(texts[k], `${args.join(' ')}: ${b}`).not.toContain(b);
    });
    // The malformed lines were met and reported (by file, line and field), so the check is not vacuous.
    for (const t of texts) expect(t).toMatch(/malformed lines \(skipped\)\s+[1-9]/);
  }

  const FORMATS = [['t15'], ['posts.csv'], ['tweets.jsonl'], ['pages']];

  it('no raw user or source id reaches stdout, stderr, cascades.csv, trees.csv or report.json, malformed lines included (default and --key)', async () => {
    await expectAbsent([...FORMATS, ['tweets.jsonl', '--key', 'secret'], ['t15', '--key', 'secret']], [ALICE, BOB, 'rawuser', 'rawsrc']);
  });

  it('--keep-ids writes the ROOT line\'s raw post as root_post, and the default its pseudonym (the raw one is the canary of the check above)', async () => {
    const cwd = work();
    writeInputs(cwd);
    const [kept, hidden] = await Promise.all([runCli(['import', 't15', '--keep-ids', '--out', 'k'], cwd), runCli(['import', 't15', '--out', 'h'], cwd)]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(hidden.code, hidden.stderr).toBe(0);
    expect(rows(readFileSync(path.join(cwd, 'k', 'cascades.csv'), 'utf8')).slice(1).map((r) => [r[0], r[6]])).toEqual([
      [SRC, SRC],
      ['rawsrc-9002', 'rawsrc-9005'],
    ]);
    expect(rows(readFileSync(path.join(cwd, 'h', 'cascades.csv'), 'utf8')).slice(1).map((r) => r[6])).toEqual([expect.stringMatching(/^p[0-9a-f]{16}$/), expect.stringMatching(/^p[0-9a-f]{16}$/)]);
  });

  it('nor with --raw-ids, which only affects the ids held while reading', async () => {
    await expectAbsent(FORMATS.map((f) => [...f, '--raw-ids']), [ALICE, BOB, 'rawuser', 'rawsrc']);
  });

  it('with --keep-ids source ids are written as they are, but user ids still never are', async () => {
    await expectAbsent(FORMATS.map((f) => [...f, '--keep-ids']), [ALICE, BOB, 'rawuser']);
  });

  it('posts CSV: the protected column is dropped by default and kept with --keep-protected; deletions counted', async () => {
    const cwd = work();
    writeFileSync(path.join(cwd, 'posts.csv'), 'post_id,parent_id,user_id,timestamp,protected\nq1,,u1,0,\nq2,q1,u2,1,1\nq3,q2,u3,2,\nq4,q1,u4,3,\n');
    writeFileSync(path.join(cwd, 'del.txt'), 'q4\n');
    const dropped = await runCli(['import', 'posts.csv', '--deletions', 'del.txt', '--out', 'a', '--keep-ids'], cwd);
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stderr).toMatch(/protected posts dropped\s+1\n/);
    expect(dropped.stderr).toMatch(/deleted posts dropped\s+1\n/);
    expect(dropped.stderr).toMatch(/unreachable nodes dropped\s+1\n/); // q3, under the protected q2
    expect(rows(readFileSync(path.join(cwd, 'a', 'cascades.csv'), 'utf8'))[1].slice(0, 3)).toEqual(['q1', '', '1']);
    const kept = await runCli(['import', 'posts.csv', '--deletions', 'del.txt', '--keep-protected', '--out', 'b', '--keep-ids'], cwd);
    expect(kept.code, kept.stderr).toBe(0);
    expect(rows(readFileSync(path.join(cwd, 'b', 'cascades.csv'), 'utf8'))[1].slice(0, 4)).toEqual(['q1', '', '3', '2']);
    expect(readReport(path.join(cwd, 'b')).privacy).toMatchObject({ protectedDropped: 0, deletedDropped: 1, deletionsListed: 1 });
  });

  it('--deletions is refused for Twitter15/16 folders, which carry no per-post deletion state', async () => {
    const cwd = work();
    writeFileSync(path.join(cwd, 'del.txt'), '1\n');
    const r = await runCli(['import', path.join(REPO, 'tests', 'fixtures', 'archive', 'twitter16-mini'), '--deletions', 'del.txt'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--deletions applies to twitter-v2 and posts-csv/);
  });

  it('a Twitter16-format folder imports under its own name with the hand-computed shapes', async () => {
    const cwd = work();
    const r = await runCli(['import', path.join(REPO, 'tests', 'fixtures', 'archive', 'twitter16-mini'), '--keep-ids'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${path.join('results', 'import', 'twitter16-mini')}\n`);
    const table = rows(readFileSync(path.join(cwd, 'results', 'import', 'twitter16-mini', 'cascades.csv'), 'utf8'));
    expect(table.slice(1)).toEqual([
      ['700', 'unverified', '5', '3', '2', '2', '700'],
      ['800', 'true', '4', '1', '3', '1.5', '800'],
    ]);
  });
});
