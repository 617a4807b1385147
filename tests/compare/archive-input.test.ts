/**
 * One archive input for compare and calibrate: every kind is recognised
 * from its content (whatever its name, gzip or not), read into the same
 * trees as its own reader gives, and a file of none of the kinds is refused
 * with the list of what would do.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedReference } from '../../src/cli/compare-command.js';
import { readPostTable, readPropagationArchive } from '../../src/io/read-archive.js';
import { archiveCascadeFeatures, archiveMinSize, detectArchive, readCascadeArchive, splitArchive, type CascadeArchive } from '../../src/io/read-cascade-archive.js';
import { summariseArchive } from '../../src/cli/calibrate-command.js';
import { CASCADE_FEATURES } from '../../src/compare/cascade-features.js';
import { readTwitterV2 } from '../../src/io/read-twitter-v2.js';
import { InputError } from '../../src/model/errors.js';
import { REPO, removeDir, runCli, tempDir } from '../cli/cli-harness.js';

const FIX = path.join(REPO, 'tests', 'fixtures');
const dir = tempDir('echolab-archive-input-');
afterAll(() => removeDir(dir));

const kindOf = (p: string) => detectArchive(p, dir, shippedReference()).kind;

describe('detecting an archive from its content', () => {
  it('every kind, under its usual name', () => {
    expect(kindOf(path.join(FIX, 'archive', 'mini15'))).toBe('twitter15-folder');
    expect(kindOf(path.join(FIX, 'archive', 'posts.csv'))).toBe('posts-csv');
    expect(kindOf(path.join(FIX, 'archive', 'v2', 'tweets.jsonl'))).toBe('twitter-v2');
    expect(kindOf(path.join(FIX, 'archive', 'v2', 'page.json'))).toBe('twitter-v2');
    expect(kindOf(path.join(FIX, 'archive', 'v2'))).toBe('twitter-v2');
    expect(kindOf(shippedReference())).toBe('reference-json');
    expect(kindOf('twitter15')).toBe('reference-json');
    expect(kindOf(path.join(FIX, 'networks', 'blogs-two-camps.gml.gz'))).toBe('network');
  });

  it('and under names that say nothing, gzipped or not', () => {
    copyFileSync(path.join(FIX, 'archive', 'posts.csv'), path.join(dir, 'posts.txt'));
    writeFileSync(path.join(dir, 'export.bin'), gzipSync(readFileSync(path.join(FIX, 'archive', 'v2', 'tweets.jsonl'))));
    copyFileSync(shippedReference(), path.join(dir, 'figures.dat'));
    expect(kindOf('posts.txt')).toBe('posts-csv');
    expect(kindOf('export.bin')).toBe('twitter-v2');
    expect(kindOf('figures.dat')).toBe('reference-json');
  });

  it('none of the kinds: an error that lists what would do', () => {
    writeFileSync(path.join(dir, 'notes.json'), '{"hello": "world"}\n');
    mkdirSync(path.join(dir, 'empty'), { recursive: true });
    for (const bad of ['notes.json', 'empty', 'missing-file']) {
      expect(() => kindOf(bad)).toThrow(InputError);
      expect(() => kindOf(bad)).toThrow(/expected a Twitter15\/16-style folder .*a CSV of posts .*a Twitter API v2 export .*a reference JSON/);
    }
  });
});

describe('reading any kind into trees', () => {
  const read = async (p: string, label?: string): Promise<CascadeArchive> => {
    const a = await readCascadeArchive(p, dir, shippedReference(), label);
    if (a.kind === 'network') throw new Error('read as a network');
    return a;
  };
  const sizes = (trees: ReadonlyArray<{ tree: { parent: Int32Array } | null }>) => trees.map((t) => t.tree?.parent.length ?? -1).sort((a, b) => a - b);

  it('a Twitter15 folder: the same trees as its reader, the fact-checked-claims selection, --label', async () => {
    const a = await read(path.join(FIX, 'archive', 'mini15'));
    expect(sizes(a.cascades ?? [])).toEqual(sizes(readPropagationArchive(path.join(FIX, 'archive', 'mini15')).cascades));
    expect(a.selection.roots).toBe('claims');
    const f = await read(path.join(FIX, 'archive', 'mini15'), 'false');
    expect((f.cascades ?? []).every((c) => c.label === 'false')).toBe(true);
    expect(archiveMinSize(f)).toBe(Math.min(...sizes(f.cascades ?? [])));
    await expect(read(path.join(FIX, 'archive', 'mini15'), 'maybe')).rejects.toThrow(/unknown label `maybe`.*labels: /);
  });

  it('a CSV of posts and a v2 export (even renamed and gzipped): the same trees as their readers, all roots', async () => {
    const posts = await read('posts.txt');
    expect(sizes(posts.cascades ?? [])).toEqual(sizes(readPostTable(path.join(FIX, 'archive', 'posts.csv')).cascades));
    expect(posts.selection.roots).toBe('all');
    const v2 = await read('export.bin');
    expect(sizes(v2.cascades ?? [])).toEqual(sizes((await readTwitterV2(path.join(FIX, 'archive', 'v2', 'tweets.jsonl'))).cascades));
  });

  it('a reference JSON: percentiles and the selection it declares (Twitter15: claims, smallest false tree 97)', async () => {
    const r = await read('twitter15');
    expect(r.cascades).toBeNull();
    expect(r.selection).toMatchObject({ roots: 'claims', windowMinutes: null });
    expect(archiveMinSize(r, 'false')).toBe(97);
    expect(archiveMinSize(r, 'true')).toBe(88);
  });

  it('a folder written by `echolab import`: the same trees as the archive it came from, and that archive\'s selection', async () => {
    const r = await runCli(['import', path.join(FIX, 'archive', 'mini15'), '--out', 'imported-mini15'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(kindOf('imported-mini15')).toBe('import-folder');
    const a = await read('imported-mini15');
    expect(sizes(a.cascades ?? [])).toEqual(sizes(readPropagationArchive(path.join(FIX, 'archive', 'mini15')).cascades));
    expect(a.selection.roots).toBe('claims');
    // The import records its selection: what a root is, and the smallest cascade it kept.
    const report = JSON.parse(readFileSync(path.join(dir, 'imported-mini15', 'report.json'), 'utf8')) as { selection: { roots: string; minSize: number } };
    expect(report.selection.roots).toBe('claims');
    expect(report.selection.minSize).toBe(Math.min(...sizes(a.cascades ?? [])));
    const posts = await runCli(['import', path.join(FIX, 'archive', 'posts.csv'), '--out', 'imported-posts'], dir);
    expect(posts.code, posts.stderr).toBe(0);
    expect((await read('imported-posts')).selection.roots).toBe('all');
  });
});

describe('splitArchive (out-of-sample checks)', () => {
  it('property: each cascade\'s side depends on its id and the seed only — not on order or on the other cascades', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.string({ maxLength: 6 }), (ids, fraction, seed) => {
        const items = ids.map((id) => ({ id }));
        const a = splitArchive(items, fraction, seed);
        const b = splitArchive([...items].reverse(), fraction, seed);
        expect(new Set(b.heldOut.map((c) => c.id))).toEqual(new Set(a.heldOut.map((c) => c.id)));
        expect(a.fit.length + a.heldOut.length).toBe(ids.length);
        // A subset of the archive splits the same way on the ids it keeps.
        const half = splitArchive(items.filter((_, i) => i % 2 === 0), fraction, seed);
        for (const c of half.heldOut) expect(a.heldOut.some((x) => x.id === c.id)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('holds out about the fraction asked, and another seed gives another split', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}` }));
    const a = splitArchive(items, 0.5, 's1');
    expect(Math.abs(a.heldOut.length / 2000 - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(splitArchive(items, 0.2, 's1').heldOut.length / 2000 - 0.2)).toBeLessThan(0.04);
    const b = splitArchive(items, 0.5, 's2');
    expect(b.heldOut.map((c) => c.id)).not.toEqual(a.heldOut.map((c) => c.id));
  });
});

describe('an out-of-core import read as features only', () => {
  it('gives, cascade by cascade, the features its trees give, and calibrate the same summary', async () => {
    const read = async (p: string): Promise<CascadeArchive> => {
      const a = await readCascadeArchive(p, dir, shippedReference());
      if (a.kind === 'network') throw new Error('read as a network');
      return a;
    };
    const v2 = path.join(FIX, 'archive', 'v2');
    for (const engine of ['duckdb', 'memory']) {
      const r = await runCli(['import', v2, '--engine', engine, '--key', 'k', '--out', `feat-${engine}`], dir);
      expect(r.code, r.stderr).toBe(0);
    }
    const byFeatures = await read('feat-duckdb');
    const byTrees = await read('feat-memory');
    expect(byFeatures.kind).toBe('import-folder');
    const f = byFeatures.cascades ?? [];
    const t = byTrees.cascades ?? [];
    expect(f.length).toBeGreaterThan(2);
    expect(f.every((c) => c.tree === null && c.features !== undefined)).toBe(true);
    expect(t.every((c) => c.tree !== null)).toBe(true);
    expect(f.map((c) => [c.id, c.label, archiveCascadeFeatures(c)])).toEqual(t.map((c) => [c.id, c.label, archiveCascadeFeatures(c)]));
    expect(archiveMinSize(byFeatures)).toBe(archiveMinSize(byTrees));
    expect(summariseArchive(f, [...CASCADE_FEATURES])).toEqual(summariseArchive(t, [...CASCADE_FEATURES]));
  });
});
