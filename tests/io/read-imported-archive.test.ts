/**
 * An `echolab import` folder read back as an archive (readImportedArchive):
 * for every fixture format, the trees rebuilt from trees.csv are the trees
 * the importer cleaned (entry order, parents, delays from the root and
 * accounts equal those of reading the original archive directly), so every
 * cascade feature of src/compare/cascade-features.ts is equal, and the four
 * shape features equal the numbers cascades.csv reports (read with the
 * independent RFC 4180 oracle). Ids are the keyed pseudonyms of the
 * original source ids, labels the archive's. Damaged or older folders are
 * InputErrors naming file:line and field; isImportedArchive tells import
 * folders from anything else.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchiveCascade } from '../../src/archive/archive-cascade.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { importArchive } from '../../src/cli/import-command.js';
import { CASCADE_FEATURES, cascadeFeatures } from '../../src/compare/cascade-features.js';
import { readPostTable, readPropagationArchive } from '../../src/io/read-archive.js';
import { isImportedArchive, readImportedArchive } from '../../src/io/read-imported-archive.js';
import { readTwitterV2 } from '../../src/io/read-twitter-v2.js';
import { InputError } from '../../src/model/errors.js';
import { REPO, removeDir, tempDir } from '../cli/cli-harness.js';
import { rfc4180 } from '../support/csv-oracle.js';
import { thrown } from '../support/thrown.js';

const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'archive');
const KEY = 'read-back';
const pseudonym = makeIdMapper('test', { key: KEY }, 'p');
const dirs: string[] = [];
const work = (): string => {
  const d = tempDir('echolab-read-import-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

/**
 * Posts where accounts repeat inside a cascade: a's two reshares (r1, r4)
 * carry r3 and r5, b's one (r2) carries r4 and r5; with topK = 1 the top
 * account is a and the reach share through it is 2/5 (r3, r5). Read as five
 * separate accounts, the top one would be r1's alone (1/5).
 */
const REPEATED = ['post_id,parent_id,user_id,timestamp', 's,,root,0', 'r1,s,a,1', 'r2,s,b,2', 'r3,r1,c,3', 'r4,r2,a,4', 'r5,r4,d,5', 't,,a,10', 't1,t,a,11'].join('\n');

async function direct(format: string, input: string): Promise<ArchiveCascade[]> {
  if (format === 'twitter15') return readPropagationArchive(input, { key: KEY }).cascades;
  if (format === 'posts-csv') return readPostTable(input, { key: KEY }).cascades;
  return (await readTwitterV2(input, { key: KEY })).cascades;
}

describe('readImportedArchive', () => {
  const cases: [string, string, string][] = [
    ['mini15', path.join(FIXTURES, 'mini15'), 'twitter15'],
    ['twitter16-mini', path.join(FIXTURES, 'twitter16-mini'), 'twitter15'],
    ['posts.csv', path.join(FIXTURES, 'posts.csv'), 'posts-csv'],
    ['v2', path.join(FIXTURES, 'v2'), 'twitter-v2'],
    ['repeated accounts', 'repeated.csv', 'posts-csv'],
  ];
  for (const [name, input, format] of cases) {
    it(`${name}: the trees read back are the importer's, features equal cascades.csv and the direct read`, async () => {
      const cwd = work();
      writeFileSync(path.join(cwd, 'repeated.csv'), REPEATED);
      const out = await importArchive({ input, cwd, out: 'imp', key: KEY });
      const archive = readImportedArchive(out.dir);
      expect(archive.format).toBe(format);
      expect(isImportedArchive(out.dir)).toBe(true);
      expect((archive.report as { cascades: number }).cascades).toBe(out.cascades);
      const original = await direct(format, path.resolve(cwd, input));
      expect(archive.cascades.map((c) => [c.id, c.label])).toEqual(original.map((c) => [pseudonym(c.sourceId), c.label ?? null]));
      archive.cascades.forEach((c, k) => {
        const o = original[k].tree;
        expect([...c.tree.parent]).toEqual([...o.parent]);
        expect([...c.tree.node]).toEqual([...o.node]);
        expect([...c.tree.time]).toEqual([...o.time].map((t) => t - o.time[0]));
        for (const topK of [1, 5]) expect(cascadeFeatures(c.tree, CASCADE_FEATURES, { topK })).toEqual(cascadeFeatures(o, CASCADE_FEATURES, { topK }));
      });
      // The shape columns of cascades.csv, read independently, are the read trees' features.
      const [header, ...rows] = rfc4180(readFileSync(path.join(out.dir, 'cascades.csv'), 'utf8'));
      const col = (n: string): number => header.indexOf(n);
      expect(rows.map((r) => [Number(r[col('size')]), Number(r[col('depth')]), Number(r[col('max_breadth')]), Number(r[col('structural_virality')])])).toEqual(
        archive.cascades.map((c) => {
          const f = cascadeFeatures(c.tree);
          return [f.size, f.depth, f['max-breadth'], f['structural-virality']];
        }),
      );
    });
  }

  it('the account column matters: without it, repeated accounts read as separate ones and top-k reach share changes', async () => {
    const cwd = work();
    writeFileSync(path.join(cwd, 'repeated.csv'), REPEATED);
    const out = await importArchive({ input: 'repeated.csv', cwd, out: 'imp', key: KEY });
    const share = (dir: string): number => cascadeFeatures(readImportedArchive(dir).cascades[0].tree, ['top-k-reach-share'], { topK: 1 })['top-k-reach-share'];
    expect(share(out.dir)).toBeCloseTo(2 / 5, 12);
    const trees = path.join(out.dir, 'trees.csv');
    const lines = readFileSync(trees, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('cascade,node,parent,delay,account');
    writeFileSync(trees, `${lines.map((l) => l.split(',').slice(0, 4).join(',')).join('\n')}\n`);
    expect(share(out.dir)).toBeCloseTo(1 / 5, 12);
  });

  describe('damaged and older folders', () => {
    async function imported(): Promise<string> {
      const out = await importArchive({ input: path.join(FIXTURES, 'posts.csv'), cwd: work(), out: 'imp', key: KEY });
      return out.dir;
    }
    const error = (dir: string): InputError => {
      const err = thrown(() => readImportedArchive(dir));
      expect(err).toBeInstanceOf(InputError);
      return err as InputError;
    };
    /** trees.csv with line `line` (1-based) changed by `edit`. */
    const editLine = (dir: string, file: string, line: number, edit: (cells: string[]) => string[]): void => {
      const p = path.join(dir, file);
      const lines = readFileSync(p, 'utf8').split('\n');
      lines[line - 1] = edit(lines[line - 1].split(',')).join(',');
      writeFileSync(p, lines.join('\n'));
    };

    it('a folder without trees.csv (written before it existed) is told to re-run echolab import; isImportedArchive still knows it', async () => {
      const dir = await imported();
      rmSync(path.join(dir, 'trees.csv'));
      // An older report.json: no kind marker.
      const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
      delete report.kind;
      writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
      expect(isImportedArchive(dir)).toBe(true);
      const err = error(dir);
      expect(err.file).toBe(path.join(dir, 'trees.csv'));
      expect(err.message).toMatch(/trees\.csv: no such file: .*re-run `echolab import`/);
    });

    it('malformed rows of trees.csv and cascades.csv name file, line and field', async () => {
      const bad: [string, number, (c: string[]) => string[], string, RegExp][] = [
        ['trees.csv', 3, (c) => [c[0], c[1], '5', c[3], c[4]], 'parent', /expected an earlier node of the same cascade \(0 to 0\)/],
        ['trees.csv', 2, (c) => [c[0], c[1], '0', c[3], c[4]], 'parent', /expected -1 for the root/],
        ['trees.csv', 4, (c) => [c[0], '7', c[2], c[3], c[4]], 'node', /expected 2 \(entries 0, 1, 2/],
        ['trees.csv', 3, (c) => [c[0], c[1], c[2], 'soon', c[4]], 'delay', /expected a finite number/],
        ['trees.csv', 3, (c) => [`${c[0]}x`, ...c.slice(1)], 'cascade', /names no cascade of cascades\.csv/],
        ['trees.csv', 3, (c) => [...c.slice(0, 4), '9'], 'account', /expected a whole number from 0 to 1/],
        ['cascades.csv', 2, (c) => [c[0], c[1], 'five', ...c.slice(3)], 'size', /expected a whole number of accounts/],
      ];
      for (const [file, line, edit, field, why] of bad) {
        const dir = await imported();
        editLine(dir, file, line, edit);
        const err = error(dir);
        expect([err.file, err.line, err.field], `${file}:${line} ${field}`).toEqual([path.join(dir, file), line, field]);
        expect(err.message).toMatch(why);
      }
      // A cascade with fewer rows than its size: named at the row after its last.
      const dir = await imported();
      const p = path.join(dir, 'trees.csv');
      const lines = readFileSync(p, 'utf8').split('\n');
      writeFileSync(p, [...lines.slice(0, 3), ...lines.slice(6)].join('\n'));
      const err = error(dir);
      expect([err.line, err.field]).toEqual([4, 'cascade']);
      expect(err.message).toMatch(/cascade: 2 rows for the cascade of cascades\.csv:2, whose size is 5/);
    });

    it('no report.json, or one of another kind: errors naming the file; isImportedArchive is false for other folders', async () => {
      const dir = await imported();
      writeFileSync(path.join(dir, 'report.json'), '{"format": "gml"}');
      expect(isImportedArchive(dir)).toBe(false);
      expect(error(dir).message).toMatch(/report\.json: format: expected twitter15, posts-csv, twitter-v2/);
      rmSync(path.join(dir, 'report.json'));
      expect(error(dir).message).toMatch(/report\.json: no such file: not a folder written by echolab import/);
      expect(isImportedArchive(path.join(FIXTURES, 'mini15'))).toBe(false);
      expect(isImportedArchive(path.join(FIXTURES, 'posts.csv'))).toBe(false);
      expect(isImportedArchive(path.join(dir, 'nothing-here'))).toBe(false);
    });
  });
});
