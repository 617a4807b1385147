/**
 * How the archive readers decode files, for every format: bytes that are
 * not UTF-8 make their line malformed (counted, named by file and line),
 * so two raw ids that differ only there are never merged (as they were
 * when decoded to U+FFFD); gzip is recognised by its magic bytes whatever
 * the name; a truncated gzip file is an InputError naming the file and the
 * line where its data stops. Each case writes a small archive to a
 * temporary folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readArchiveBytes, readDeletions, readPostTable, readPropagationArchive } from '../../src/io/read-archive.js';
import { readFollowers, readTwitterV2 } from '../../src/io/read-twitter-v2.js';
import { InputError } from '../../src/model/errors.js';
import { thrown } from '../support/thrown.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'echolab-decoding-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const d = path.join(tmp, `case${++n}`);
  mkdirSync(d);
  return d;
};
/** `before`, one byte 0xff or 0xfe (not UTF-8), `after`. */
const bad = (before: string, byte: number, after: string): Buffer => Buffer.concat([Buffer.from(before), Buffer.from([byte]), Buffer.from(after)]);
const join = (...parts: (string | Buffer)[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('invalid UTF-8 is malformed, never merged', () => {
  it('Twitter15/16 trees: two children whose uids differ only in an invalid byte are two malformed lines, not one user', () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'tree'));
    writeFileSync(path.join(dir, 'label.txt'), 'true:7\n');
    writeFileSync(
      path.join(dir, 'tree', '7.txt'),
      join("['ROOT', 'ROOT', '0.0']->['1', '7', '0.0']\n", bad("['1', '7', '0.0']->['u", 0xff, "', '7', '1.0']\n"), bad("['1', '7', '0.0']->['u", 0xfe, "', '7', '2.0']\n"), "['1', '7', '0.0']->['2', '7', '3.0']\n"),
    );
    const a = readPropagationArchive(dir, { keepRawIds: true });
    // With replacement both lines named user "u\ufffd" and one of them was dropped as a repeated node: size 3.
    expect(a.cascades[0].users).toEqual(['1', '2']);
    expect(a.report.counts).toMatchObject({ lines: 4, malformedLines: 2, duplicateLines: 0 });
    expect(a.report.perTree[0].problems.map((p) => [p.line, p.message])).toEqual([
      [2, `not valid UTF-8 (byte ${"['1', '7', '0.0']->['u".length + 1} of the line)`],
      [3, `not valid UTF-8 (byte ${"['1', '7', '0.0']->['u".length + 1} of the line)`],
    ]);
  });

  it('label.txt: a line that is not UTF-8 is malformed, not a label for a merged source id', () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'tree'));
    writeFileSync(path.join(dir, 'label.txt'), join('true:7\n', bad('false:7', 0xff, '\n')));
    writeFileSync(path.join(dir, 'tree', '7.txt'), "['ROOT', 'ROOT', '0.0']->['1', '7', '0.0']\n");
    const a = readPropagationArchive(dir, { keepRawIds: true });
    expect(a.report.labelFile.counts).toMatchObject({ lines: 2, malformedLines: 1 });
    expect(a.report.problems).toEqual([{ file: path.join(dir, 'label.txt'), line: 2, message: 'not valid UTF-8 (byte 8 of the line)' }]);
  });

  it('post tables: rows whose post ids differ only in an invalid byte are malformed rows, not one post; a header that is not UTF-8 is an error', () => {
    const dir = fresh();
    const f = path.join(dir, 'p.csv');
    writeFileSync(f, join('post_id,parent_id,user_id,timestamp\ns,,a,0\n', bad('r', 0xff, ',s,b,1\n'), bad('r', 0xfe, ',s,c,2\n'), 'q,s,d,3\n'));
    const p = readPostTable(f, { keepRawIds: true });
    // With replacement: post "r\ufffd" from b, then a repeated row: size 3 with 1 duplicate.
    expect(p.cascades.map((c) => [c.sourceId, c.tree.parent.length])).toEqual([['s', 2]]);
    expect(p.report.counts).toMatchObject({ lines: 4, malformedLines: 2, duplicateLines: 0 });
    expect(p.report.problems.map((x) => x.line)).toEqual([3, 4]);
    // Post tables split lines at \n only: a bare \r inside a row does not shift the numbers.
    writeFileSync(f, join('post_id,parent_id,user_id,timestamp\ns,,a\r,0\n', bad('r', 0xff, ',s,b,1\n')));
    expect(readPostTable(f, { keepRawIds: true }).report.problems.map((x) => x.line)).toEqual([3]);
    writeFileSync(f, join(bad('post_id,parent_id,user_id,timestamp', 0xff, '\n'), 's,,a,0\n'));
    const err = thrown(() => readPostTable(f, { keepRawIds: true }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${f}:1: header: not valid UTF-8 (byte ${'post_id,parent_id,user_id,timestamp'.length + 1} of the line)`);
  });

  it('deletions files: an id that is not UTF-8 is a malformed line, not an id', () => {
    const dir = fresh();
    const f = path.join(dir, 'd.txt');
    writeFileSync(f, join('1\n', bad('2', 0xff, '\n'), '3\n'));
    const d = readDeletions(f);
    expect([...d.ids]).toEqual(['1', '3']);
    expect(d.report.counts).toMatchObject({ lines: 3, malformedLines: 1 });
    expect(d.report.problems).toEqual([{ file: f, line: 2, message: 'not valid UTF-8 (byte 2 of the line)' }]);
  });

  it('Twitter v2 JSONL (streamed, plain and gzipped): authors that differ only in an invalid byte are malformed lines, not one user', async () => {
    const dir = fresh();
    const text = join(
      '{"id": "s", "author_id": "a", "created_at": "2021-01-01T00:00:00Z"}\n',
      bad('{"id": "r1", "author_id": "b', 0xff, '", "created_at": "2021-01-01T00:01:00Z", "referenced_tweets": [{"type": "retweeted", "id": "s"}]}\n'),
      bad('{"id": "r2", "author_id": "b', 0xfe, '", "created_at": "2021-01-01T00:02:00Z", "referenced_tweets": [{"type": "retweeted", "id": "s"}]}\n'),
    );
    for (const [name, bytes] of [
      ['t.jsonl', text],
      ['t.jsonl.gz', gzipSync(text)],
    ] as const) {
      writeFileSync(path.join(dir, name), bytes);
      const r = await readTwitterV2(path.join(dir, name), { keepRawIds: true });
      expect(r.cascades.map((c) => [c.sourceId, [...c.users]])).toEqual([['s', ['a']]]);
      expect(r.report.counts).toMatchObject({ lines: 3, malformedLines: 2 });
      expect(r.report.problems.map((p) => [p.line, p.message])).toEqual([
        [2, 'not valid UTF-8 (byte 29 of the line)'],
        [3, 'not valid UTF-8 (byte 29 of the line)'],
      ]);
    }
  });

  it('Twitter v2 pages: a page that is not UTF-8 is skipped whole and named with its first bad line; JSON Lines misnamed .json line by line', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'a.json'), '{"data": [{"id": "s", "author_id": "a", "created_at": "2021-01-01T00:00:00Z"}]}');
    writeFileSync(path.join(dir, 'b.json'), join('{"data": [\n{"id": "r", "author_id": "a", "created_at": "2021-01-01T00:01:00Z"},\n', bad('{"id": "x', 0xff, '", "author_id": "a", "created_at": "2021-01-01T00:01:00Z"}]}\n')));
    writeFileSync(path.join(dir, 'c.json'), join('{"id": "t", "author_id": "a", "created_at": "2021-01-01T00:00:00Z"}\n', bad('{"id": "y', 0xff, '", "author_id": "a", "created_at": "2021-01-01T00:01:00Z"}\n')));
    const r = await readTwitterV2(dir, { keepRawIds: true });
    expect(r.cascades.map((c) => c.sourceId)).toEqual(['s', 't']);
    expect(r.report.problems.map((p) => [path.basename(p.file), p.line, p.message])).toEqual([
      ['b.json', 3, 'not valid UTF-8 (byte 10 of the line): the page is skipped'],
      ['c.json', 2, 'not valid UTF-8 (byte 10 of the line)'],
    ]);
  });

  it('follower graphs: a line that is not UTF-8 is an InputError naming file and line (ids must not merge)', () => {
    const dir = fresh();
    const f = path.join(dir, 'follows.txt');
    writeFileSync(f, join('a b\n', bad('c', 0xff, ' b\n')));
    const err = thrown(() => readFollowers(f));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${f}:2: not valid UTF-8 (byte 2 of the line): user ids in a follower graph must be UTF-8 text`);
  });
});

describe('gzip by content, truncated gzip by file and line', () => {
  const TREE = "['ROOT', 'ROOT', '0.0']->['1', '7', '0.0']\n['1', '7', '0.0']->['2', '7', '1.0']\n";
  const POSTS = 'post_id,parent_id,user_id,timestamp\ns,,a,0\nr,s,b,1\n';
  const JSONL = '{"id": "s", "author_id": "a", "created_at": "2021-01-01T00:00:00Z"}\n{"id": "r", "author_id": "b", "created_at": "2021-01-01T00:01:00Z", "referenced_tweets": [{"type": "replied_to", "id": "s"}]}\n';

  it('every reader gunzips gzip data without a .gz name and reads a .gz name holding plain text', async () => {
    for (const [label, tree] of [
      ['label.txt', 'tree/7.txt'],
      ['label.txt', 'tree/7.txt.gz'],
    ]) {
      for (const zip of [false, true]) {
        const dir = fresh();
        mkdirSync(path.join(dir, 'tree'));
        writeFileSync(path.join(dir, label), zip ? gzipSync('true:7\n') : 'true:7\n');
        writeFileSync(path.join(dir, tree), zip ? gzipSync(TREE) : TREE);
        const a = readPropagationArchive(dir, { keepRawIds: true });
        expect(a.cascades.map((c) => [c.sourceId, c.label, c.tree.parent.length]), `${tree} gzip ${zip}`).toEqual([['7', 'true', 2]]);
      }
    }
    for (const [name, zip] of [
      ['p.csv', true],
      ['p.csv.gz', false],
    ] as const) {
      const f = path.join(fresh(), name);
      writeFileSync(f, zip ? gzipSync(POSTS) : POSTS);
      expect(readPostTable(f, { keepRawIds: true }).cascades.map((c) => c.tree.parent.length)).toEqual([2]);
      writeFileSync(f, zip ? gzipSync('s\nr\n') : 's\nr\n');
      expect([...readDeletions(f).ids]).toEqual(['s', 'r']);
      writeFileSync(f, zip ? gzipSync('a b\n') : 'a b\n');
      expect(readFollowers(f).edges).toBe(1);
    }
    for (const [name, zip] of [
      ['t.jsonl', true],
      ['t.jsonl.gz', false],
      ['page.json', true],
      ['page.json.gz', false],
    ] as const) {
      const dir = fresh();
      const body = name.startsWith('page') ? JSON.stringify({ data: JSONL.trim().split('\n').map((l) => JSON.parse(l) as unknown) }) : JSONL;
      writeFileSync(path.join(dir, name), zip ? gzipSync(body) : body);
      const r = await readTwitterV2(dir, { keepRawIds: true });
      expect(r.cascades.map((c) => [c.sourceId, c.tree.parent.length]), name).toEqual([['s', 2]]);
    }
  });

  it('a truncated gzip file is an InputError naming the file and the line where its data stops (whole-file readers)', () => {
    const lines = Array.from({ length: 4000 }, (_, k) => `r${k},s,u${k},${k + 1}`);
    const text = `post_id,parent_id,user_id,timestamp\ns,,a,0\n${lines.join('\n')}\n`;
    // Stored blocks (level 0): the bytes kept decompress to the first half of the text.
    const packed = gzipSync(text, { level: 0 });
    const f = path.join(fresh(), 'posts.csv');
    writeFileSync(f, packed.subarray(0, Math.floor(packed.length / 2)));
    const err = thrown(() => readPostTable(f, { keepRawIds: true }));
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.file).toBe(f);
    // The decompressed prefix is a prefix of the text: its last, cut line is the line reached.
    expect(e.line).toBeGreaterThan(1000);
    expect(e.line).toBeLessThan(4002);
    expect(e.message).toBe(`${f}:${e.line}: cannot read archive file: gzip data ends early (truncated file?): its data stops in this line`);
    // The oracle: the line reached is the one holding the byte after the prefix that the cut leaves.
    const kept = readArchivePrefixLength(packed.subarray(0, Math.floor(packed.length / 2)));
    expect(e.line).toBe(text.slice(0, kept).split('\n').length);
  });

  it('a truncated tree file is named by its label line when source ids are hidden; corrupt gzip is an InputError too', () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'tree'));
    writeFileSync(path.join(dir, 'label.txt'), 'true:7\n');
    const text = TREE.repeat(200);
    const packed = gzipSync(text, { level: 0 });
    const cut = packed.subarray(0, packed.length - 100);
    writeFileSync(path.join(dir, 'tree', '7.txt.gz'), cut);
    const err = thrown(() => readPropagationArchive(dir, { keepRawIds: true, hideSourceIds: true }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe(path.join(dir, 'tree', '(source of label.txt:1).txt'));
    expect((err as InputError).line).toBe(text.slice(0, readArchivePrefixLength(cut)).split('\n').length);
    expect((err as InputError).line).toBeLessThan(400);
    expect((err as InputError).message).not.toContain('7.txt');
    const garbage = path.join(dir, 'garbage.gz');
    writeFileSync(garbage, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not gzip at all')]));
    const e2 = thrown(() => readArchiveBytes(garbage));
    expect(e2).toBeInstanceOf(InputError);
    expect((e2 as InputError).message).toMatch(/cannot read archive file: corrupt gzip data/);
  });

  it('a truncated gzip JSONL export (streamed) rejects naming the line where its data stops', async () => {
    const text = Array.from({ length: 3000 }, (_, k) => `{"id": "t${k}", "author_id": "a", "created_at": "2021-01-01T00:00:00Z"}`).join('\n');
    const packed = gzipSync(text, { level: 0 });
    const f = path.join(fresh(), 'cut.jsonl.gz');
    writeFileSync(f, packed.subarray(0, Math.floor(packed.length / 2)));
    const err = await rejected(readTwitterV2(f, { keepRawIds: true }));
    expect(err).toBeInstanceOf(InputError);
    const kept = readArchivePrefixLength(packed.subarray(0, Math.floor(packed.length / 2)));
    expect((err as InputError).line).toBe(text.slice(0, kept).split('\n').length);
  });
});

/** Bytes of text the stored (level 0) gzip prefix holds: each stored block is a 5-byte header then its bytes; the gzip header is 10 bytes. */
function readArchivePrefixLength(prefix: Uint8Array): number {
  let at = 10;
  let out = 0;
  while (at + 5 <= prefix.length) {
    const len = prefix[at + 1] | (prefix[at + 2] << 8);
    const have = Math.min(len, prefix.length - at - 5);
    out += have;
    if (have < len) break;
    at += 5 + len;
  }
  return out;
}
