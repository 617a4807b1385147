/**
 * Reading v2 exports from disk: the line splitter against the definition
 * `text.split(/\r\n|\n|\r/)` (chunk boundaries inside \r\n and inside a
 * multi-byte character, gzip), files and folders against the in-memory
 * parser on the same text, progress, strict mode and unreadable input.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchiveCascade } from '../../src/archive/archive-cascade.js';
import { TwitterV2Accumulator } from '../../src/archive/parse-twitter-v2.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { readFollowers, readTwitterV2, streamLines, twitterV2Files } from '../../src/io/read-twitter-v2.js';
import { InputError } from '../../src/model/errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const V2 = path.resolve(here, '../fixtures/archive/v2');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'echolab-v2read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const raw = makeIdMapper('t', { keepRawIds: true });
const MiB = 1 << 20;

function shape(c: ArchiveCascade): unknown {
  return { id: c.sourceId, users: [...c.users], parent: [...c.tree.parent], time: [...c.tree.time] };
}

async function linesOf(file: string): Promise<string[]> {
  const out: string[] = [];
  await streamLines(file, (s, n) => {
    expect(n).toBe(out.length + 1);
    out.push(s);
  });
  return out;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('streamLines', () => {
  it('splits like text.split(/\\r\\n|\\n|\\r/) across chunk boundaries, plain and gzipped', async () => {
    // Byte MiB−1 is \r and byte MiB is \n (one break split over two chunks); a 3-byte "€" straddles 2 MiB;
    // a lone \r ends a line at 3 MiB − 1; the text ends without a newline.
    const parts: string[] = [];
    const pad = (len: number, c: string): string => c.repeat(len);
    parts.push(pad(MiB - 1, 'a'), '\r\n');
    parts.push(pad(MiB - 2 - 1, 'b'), '€', 'c\n');
    parts.push(pad(MiB - 4, 'd'), '\r', 'e\r\r\n\nlast');
    const text = parts.join('');
    expect(Buffer.byteLength(text.slice(0, MiB - 1))).toBe(MiB - 1);
    const expected = text.split(/\r\n|\n|\r/);
    const plain = path.join(tmp, 'split.txt');
    writeFileSync(plain, text);
    expect(await linesOf(plain)).toEqual(expected);
    const gz = path.join(tmp, 'split.txt.gz');
    writeFileSync(gz, gzipSync(text));
    expect(await linesOf(gz)).toEqual(expected);
  });

  it('a final newline adds no line; an empty file has none', async () => {
    const f = path.join(tmp, 'small.txt');
    writeFileSync(f, 'x\ny\n');
    expect(await linesOf(f)).toEqual(['x', 'y']);
    writeFileSync(f, '');
    expect(await linesOf(f)).toEqual([]);
  });

  it('a line that is not valid UTF-8 is handed on as invalid (line, first bad byte), never with U+FFFD; by default it rejects', async () => {
    const f = path.join(tmp, 'bad-utf8.txt');
    // Lines 1 and 2 would both decode to "a\ufffd" with replacement: distinct raw ids, merged.
    writeFileSync(f, Buffer.from([0x61, 0xff, 0x0a, 0x61, 0xfe, 0x0a, 0x6f, 0x6b, 0x0a, 0xc3, 0x0a, 0xc3, 0xa9]));
    const seen: string[] = [];
    await streamLines(f, (s, n) => seen.push(`${n}:${s}`), undefined, (n, byte) => seen.push(`${n}:invalid@${byte}`));
    expect(seen).toEqual(['1:invalid@2', '2:invalid@2', '3:ok', '4:invalid@1', '5:é']);
    const err = await rejection(streamLines(f, () => undefined));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${f}:1: not valid UTF-8 (byte 2 of the line)`);
  });

  it('gzip is recognised by its magic bytes, not the name; a truncated gzip names the line where its data stops', async () => {
    const text = Array.from({ length: 5000 }, (_, k) => `{"id": "${k + 1}"}`).join('\n');
    const expected = text.split('\n');
    const gzNoSuffix = path.join(tmp, 'packed.jsonl');
    writeFileSync(gzNoSuffix, gzipSync(text));
    expect(await linesOf(gzNoSuffix)).toEqual(expected);
    const plainGz = path.join(tmp, 'plain.jsonl.gz');
    writeFileSync(plainGz, text);
    expect(await linesOf(plainGz)).toEqual(expected);
    const truncated = path.join(tmp, 'cut.jsonl.gz');
    const packed = gzipSync(text, { level: 0 });
    writeFileSync(truncated, packed.subarray(0, Math.floor(packed.length / 2)));
    const got: string[] = [];
    const err = await rejection(streamLines(truncated, (s) => got.push(s)));
    expect(err).toBeInstanceOf(InputError);
    // Stored (level 0) deflate: the data stops about half way, inside the line after the last one handed on.
    expect(got.length).toBeGreaterThan(1000);
    expect(got).toEqual(expected.slice(0, got.length));
    expect((err as InputError).line).toBe(got.length + 1);
    expect((err as InputError).message).toBe(`${truncated}:${got.length + 1}: cannot read archive file: gzip data ends early (truncated file?): its data stops in this line`);
  });

  it('rejects with an InputError for a missing file or corrupt gzip data', async () => {
    expect(await rejection(streamLines(path.join(tmp, 'nope.jsonl'), () => undefined))).toBeInstanceOf(InputError);
    const bad = path.join(tmp, 'bad.jsonl.gz');
    writeFileSync(bad, Buffer.concat([gzipSync('{"id": "1"}\n'.repeat(1000)).subarray(0, 40), Buffer.from('garbage')]));
    const err = await rejection(streamLines(bad, () => undefined));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/cannot read archive file/);
  });
});

describe('readTwitterV2', () => {
  const pageText = readFileSync(path.join(V2, 'page.json'), 'utf8');
  const jsonlText = readFileSync(path.join(V2, 'tweets.jsonl'), 'utf8');

  function inMemory(): ReturnType<TwitterV2Accumulator['finish']> {
    const acc = new TwitterV2Accumulator({ file: V2, mapId: raw });
    acc.addPageText(pageText, path.join(V2, 'page.json'));
    jsonlText.split(/\r\n|\n|\r/).forEach((l, k) => acc.addLine(l, k + 1, path.join(V2, 'tweets.jsonl')));
    return acc.finish();
  }

  it('a folder reads its files in name order like the in-memory parser on the same texts', async () => {
    const files = twitterV2Files(V2);
    expect(files.map((f) => [path.basename(f.path), f.kind])).toEqual([
      ['page.json', 'page'],
      ['tweets.jsonl', 'jsonl'],
    ]);
    const read = await readTwitterV2(V2, { keepRawIds: true });
    const mem = inMemory();
    expect(read.cascades.map(shape)).toEqual(mem.cascades.map(shape));
    expect(read.report.counts).toEqual(mem.report.counts);
    expect(read.report.twitter).toEqual(mem.report.twitter);
    expect(read.report.problems).toEqual(mem.report.problems);
  });

  it('gzipped and nested copies give the same cascades; progress rises to the total; onCascade keeps nothing', async () => {
    const dir = path.join(tmp, 'nested');
    mkdirSync(path.join(dir, 'b'), { recursive: true });
    writeFileSync(path.join(dir, 'a.json.gz'), gzipSync(pageText));
    writeFileSync(path.join(dir, 'b', 'tweets.jsonl.gz'), gzipSync(jsonlText));
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    const seen: number[] = [];
    let total = 0;
    const read = await readTwitterV2(dir, { keepRawIds: true, onProgress: (b, t) => (seen.push(b), (total = t)) });
    expect(read.cascades.map(shape)).toEqual(inMemory().cascades.map(shape));
    expect(total).toBe(twitterV2Files(dir).reduce((s, f) => s + f.bytes, 0));
    expect(seen[seen.length - 1]).toBe(total);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
    const visited: unknown[] = [];
    const streamed = await readTwitterV2(dir, { keepRawIds: true, onCascade: (c) => visited.push(shape(c)) });
    expect(streamed.cascades).toEqual([]);
    expect(visited).toEqual(read.cascades.map(shape));
  });

  it('strict mode rejects at the first malformed line with its file and number', async () => {
    const err = await rejection(readTwitterV2(path.join(V2, 'tweets.jsonl'), { keepRawIds: true, strict: true }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).line).toBe(4);
    expect((err as InputError).file).toBe(path.join(V2, 'tweets.jsonl'));
  });

  it('a .json file holding JSON Lines is read line by line, with line numbers', async () => {
    const f = path.join(tmp, 'misnamed.json');
    writeFileSync(f, jsonlText);
    const read = await readTwitterV2(f, { keepRawIds: true });
    const acc = new TwitterV2Accumulator({ mapId: raw });
    jsonlText.split('\n').forEach((l, k) => acc.addLine(l, k + 1, f));
    const mem = acc.finish();
    expect(read.cascades.map(shape)).toEqual(mem.cascades.map(shape));
    expect(read.report.problems.map((p) => p.line)).toEqual([4, 8]);
    // A pretty-printed page stays a page (its first line `{` alone is not an object).
    const page = await readTwitterV2(path.join(V2, 'page.json'), { keepRawIds: true });
    expect(page.report.counts.lines).toBe(28);
  });

  it('refuses a file of another kind and a folder without exports', () => {
    writeFileSync(path.join(tmp, 'posts.csv'), 'a,b\n');
    expect(() => twitterV2Files(path.join(tmp, 'posts.csv'))).toThrow(/not a Twitter v2 export file: expected JSON/);
    mkdirSync(path.join(tmp, 'empty'), { recursive: true });
    expect(() => twitterV2Files(path.join(tmp, 'empty'))).toThrow(InputError);
  });

  it('pseudonymises by default: no raw user id in the cascades', async () => {
    const read = await readTwitterV2(V2, { key: 'k' });
    for (const c of read.cascades) for (const u of c.users) expect(u).toMatch(/^u[0-9a-f]{16}$/);
  });

  it('a follower edge list file drives the follower rule (line `a b` = a follows b)', async () => {
    const f = path.join(tmp, 'follows.tsv');
    writeFileSync(f, 'follower\tfollowee\n60\t30\n');
    const { follows, users, edges } = readFollowers(f);
    expect([users, edges]).toEqual([2, 1]);
    expect([follows('60', '30'), follows('30', '60'), follows('60', '99')]).toEqual([true, false, false]);
    const read = await readTwitterV2(path.join(V2, 'page.json'), { keepRawIds: true, followers: follows, deletions: new Set(['109']) });
    // As in twitter-v2.test.ts: frank's retweet (entry 4) hangs under carol's (entry 3).
    expect([...read.cascades[0].tree.parent]).toEqual([-1, 0, 1, 0, 3]);
    expect(read.retweetAttachment).toBe('follower-rule');
  });
});
