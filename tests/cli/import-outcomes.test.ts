/**
 * `echolab import`, spawned: source post ids written as keyed pseudonyms
 * that whoever holds the key can recompute (and as they are with
 * --keep-ids), imports that yield nothing (exit 2 with the counts of what
 * was rejected and a hint, nothing written), and input that cannot be read
 * (a truncated gzip file: exit 2 naming file and line, nothing written).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKey } from '../../src/archive/pseudonymise.js';
import { sipHash24Hex } from '../../src/archive/siphash.js';
import { REPO, csvCells, removeDir, runCli, tempDir } from './cli-harness.js';

const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'archive');
const dirs: string[] = [];
const work = (): string => {
  const d = tempDir('echolab-import-out-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

const table = (file: string): string[][] => readFileSync(file, 'utf8').trimEnd().split('\n').map(csvCells);

describe('echolab import: source ids', () => {
  // The documented construction, computed here from the raw ids: p + SipHash-2-4(key, UTF-8(id)).
  const pseudonym = (key: string, id: string): string => `p${sipHash24Hex(deriveKey(key), new TextEncoder().encode(id))}`;

  it('are the keyed pseudonyms of the raw ids under --key, for every format; the rest of each row is unchanged', async () => {
    const cwd = work();
    for (const [input, n] of [
      ['mini15', 4],
      ['posts.csv', 2],
      ['v2', 4],
    ] as const) {
      const src = path.join(FIXTURES, input);
      const [raw, keyed, again] = await Promise.all([
        runCli(['import', src, '--keep-ids', '--out', `${input}-raw`], cwd),
        runCli(['import', src, '--key', 'secret', '--out', `${input}-keyed`], cwd),
        runCli(['import', src, '--key', 'secret', '--out', `${input}-again`], cwd),
      ]);
      for (const r of [raw, keyed, again]) expect(r.code, r.stderr).toBe(0);
      const rawRows = table(path.join(cwd, `${input}-raw`, 'cascades.csv'));
      const keyedRows = table(path.join(cwd, `${input}-keyed`, 'cascades.csv'));
      expect(rawRows).toHaveLength(n + 1);
      expect(keyedRows[0]).toEqual(rawRows[0]);
      // Twitter15/16 also has root_post, the ROOT line's post, pseudonymised the same way.
      const rootPost = rawRows[0].indexOf('root_post');
      expect(rootPost === -1).toBe(input !== 'mini15');
      expect(keyedRows.slice(1)).toEqual(rawRows.slice(1).map(([id, ...rest]) => [pseudonym('secret', id), ...rest.map((v, j) => (j + 1 === rootPost ? pseudonym('secret', v) : v))]));
      // Same key, same pseudonyms.
      expect(table(path.join(cwd, `${input}-again`, 'cascades.csv'))).toEqual(keyedRows);
      expect(keyed.stderr).toContain('source ids: keyed pseudonyms under --key');
      const report = JSON.parse(readFileSync(path.join(cwd, `${input}-keyed`, 'report.json'), 'utf8')) as { privacy: Record<string, unknown> };
      expect(report.privacy).toMatchObject({ sourceIds: 'pseudonymised', keyGiven: true });
    }
  });

  it('without --key each import draws a fresh key: pseudonyms that cannot be joined across imports', async () => {
    const cwd = work();
    const src = path.join(FIXTURES, 'posts.csv');
    const [a, b] = await Promise.all([runCli(['import', src, '--out', 'a'], cwd), runCli(['import', src, '--out', 'b'], cwd)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const ida = table(path.join(cwd, 'a', 'cascades.csv')).slice(1).map((r) => r[0]);
    const idb = table(path.join(cwd, 'b', 'cascades.csv')).slice(1).map((r) => r[0]);
    for (const id of [...ida, ...idb]) expect(id).toMatch(/^p[0-9a-f]{16}$/);
    expect(ida).not.toEqual(idb);
    expect(a.stderr).toContain('source ids: pseudonyms under a fresh random key');
  });

  it('--keep-ids with --key is a usage error (the key would pseudonymise nothing that is written)', async () => {
    const cwd = work();
    const r = await runCli(['import', path.join(FIXTURES, 'posts.csv'), '--keep-ids', '--key', 'k'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('echolab import: give `--keep-ids` or `--key`, not both: with --keep-ids no id that is written is pseudonymised, so the key would not be used\n');
    expect(existsSync(path.join(cwd, 'results'))).toBe(false);
  });

  it('--help describes --keep-ids and the exit code of an import that yields nothing', async () => {
    const r = await runCli(['import', '--help'], work());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--keep-ids +write source post ids as they are/);
    expect(r.stdout).toMatch(/an import that\s+yields no cascade/);
  });
});

describe('echolab import: nothing usable', () => {
  interface Case {
    readonly name: string;
    readonly input: string;
    readonly write: (cwd: string) => void;
    readonly args?: readonly string[];
    readonly reason: string;
    readonly hint: RegExp;
  }
  const cases: Case[] = [
    {
      name: 'twitter15, every tree line malformed',
      input: 't15',
      write: (cwd) => {
        mkdirSync(path.join(cwd, 't15', 'tree'), { recursive: true });
        writeFileSync(path.join(cwd, 't15', 'label.txt'), 'true:7\nfalse:8\n');
        writeFileSync(path.join(cwd, 't15', 'tree', '7.txt'), '1 -> 2\n2 -> 3\n');
        writeFileSync(path.join(cwd, 't15', 'tree', '8.txt'), '(1, 8, 0.0) -> (2, 8, 1.0)\n');
      },
      reason: 'nothing usable: 0 cascades from 3 lines in its tree files (3 malformed, 2 tree files without a ROOT line); nothing was written',
      hint: /Hint: tree lines must read \['uid', 'tweet_id', 'delay'\]->/,
    },
    {
      name: 'twitter15, no label has a tree file',
      input: 't15',
      write: (cwd) => {
        mkdirSync(path.join(cwd, 't15', 'tree'), { recursive: true });
        writeFileSync(path.join(cwd, 't15', 'label.txt'), 'true:7\n');
      },
      reason: 'nothing usable: 0 cascades from 0 lines in its tree files (1 labels without a tree file); nothing was written',
      hint: /Hint: no label has its tree file tree\/<source id>\.txt\[\.gz\]/,
    },
    {
      name: 'posts-csv, every row malformed (semicolons)',
      input: 'posts.csv',
      write: (cwd) => writeFileSync(path.join(cwd, 'posts.csv'), 'post_id,parent_id,user_id,timestamp\ns;;a;0\nr;s;b;1\n'),
      reason: 'nothing usable: 0 cascades from 2 lines (2 malformed); nothing was written',
      hint: /Hint: rows need post_id, parent_id, user_id and timestamp/,
    },
    {
      name: 'posts-csv, every post of a protected account',
      input: 'posts.csv',
      write: (cwd) => writeFileSync(path.join(cwd, 'posts.csv'), 'post_id,parent_id,user_id,timestamp,protected\ns,,a,0,true\nr,s,b,1,\n'),
      reason: 'nothing usable: 0 cascades from 2 lines (1 posts of protected accounts dropped, 1 posts not reachable from a source post); nothing was written',
      hint: /Hint: --keep-protected keeps the posts of protected accounts/,
    },
    {
      name: 'posts-csv, no source post',
      input: 'posts.csv',
      write: (cwd) => writeFileSync(path.join(cwd, 'posts.csv'), 'post_id,parent_id,user_id,timestamp\nr,s,b,1\nq,r,c,2\n'),
      // s is named as a parent but has no row: it counts as unreachable too.
      reason: 'nothing usable: 0 cascades from 2 lines (3 posts not reachable from a source post); nothing was written',
      hint: /Hint: no post is a source: a source post has an empty parent_id/,
    },
    {
      name: 'twitter-v2, every line malformed',
      input: 'tweets.jsonl',
      write: (cwd) => writeFileSync(path.join(cwd, 'tweets.jsonl'), 'id,author_id,created_at\n1,2,2021-01-01\n'),
      reason: 'nothing usable: 0 cascades from 2 lines (2 malformed); nothing was written',
      hint: /Hint: expected JSON pages \{data, includes\} or tweet objects/,
    },
    {
      name: 'twitter-v2, every tweet deleted',
      input: 'tweets.jsonl',
      args: ['--deletions', 'del.txt'],
      write: (cwd) => {
        writeFileSync(path.join(cwd, 'tweets.jsonl'), '{"id": "s", "author_id": "a", "created_at": "2021-01-01T00:00:00Z"}\n');
        writeFileSync(path.join(cwd, 'del.txt'), 's\n');
      },
      reason: 'nothing usable: 0 cascades from 1 lines (1 deleted posts dropped); nothing was written',
      hint: /Hint: the deletions file lists every source post/,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: exit 2 with the counts and a hint; no output folder`, async () => {
      const cwd = work();
      c.write(cwd);
      const r = await runCli(['import', c.input, ...(c.args ?? [])], cwd);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const last = r.stderr.trimEnd().split('\n').pop() ?? '';
      expect(last.startsWith(`echolab: ${c.input}: ${c.reason}. Hint: `), last).toBe(true);
      expect(last).toMatch(c.hint);
      // The cleaning report comes first, with the problems by file and line.
      expect(r.stderr).toMatch(/^echolab: import .*: 0 cascades from/m);
      expect(existsSync(path.join(cwd, 'results'))).toBe(false);
    });
  }

  it('an earlier import in the --out folder is left as it was', async () => {
    const cwd = work();
    writeFileSync(path.join(cwd, 'posts.csv'), 'post_id,parent_id,user_id,timestamp\ns,,a,0\n');
    const ok = await runCli(['import', 'posts.csv', '--out', 'o'], cwd);
    expect(ok.code, ok.stderr).toBe(0);
    const before = [readFileSync(path.join(cwd, 'o', 'cascades.csv'), 'utf8'), readFileSync(path.join(cwd, 'o', 'report.json'), 'utf8')];
    writeFileSync(path.join(cwd, 'posts.csv'), 'post_id,parent_id,user_id,timestamp\ns,,a,never\n');
    const empty = await runCli(['import', 'posts.csv', '--out', 'o'], cwd);
    expect(empty.code).toBe(2);
    expect([readFileSync(path.join(cwd, 'o', 'cascades.csv'), 'utf8'), readFileSync(path.join(cwd, 'o', 'report.json'), 'utf8')]).toEqual(before);
  });
});

describe('echolab import: unreadable gzip', () => {
  it('a truncated gzip file (named .csv: gzip is found by content) is exit 2 naming file and line; nothing is written', async () => {
    const cwd = work();
    const rows = Array.from({ length: 3000 }, (_, k) => `r${k},s,u${k},${k + 1}`);
    const text = `post_id,parent_id,user_id,timestamp\ns,,a,0\n${rows.join('\n')}\n`;
    const packed = gzipSync(text, { level: 0 });
    writeFileSync(path.join(cwd, 'posts.csv'), packed.subarray(0, packed.length - 5000));
    const r = await runCli(['import', 'posts.csv'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^echolab: posts\.csv:\d+: cannot read archive file: gzip data ends early \(truncated file\?\): its data stops in this line\n$/);
    const line = Number(/posts\.csv:(\d+):/.exec(r.stderr)?.[1]);
    // About 5000 bytes (some 260 lines) before the end; the exact line is checked in tests/archive/archive-decoding.test.ts.
    expect(line).toBeGreaterThan(2500);
    expect(line).toBeLessThan(3002);
    expect(existsSync(path.join(cwd, 'results'))).toBe(false);
  });
});
