/**
 * The real Twitter15 archive (Ma, Gao & Wong, ACL 2017), read from the
 * shared data folder beside the repository (never copied into it). Checks
 * the published tree counts per label and invariants of every tree; the
 * aggregate cleaning counts are compared with the quirks the data folder's
 * README measured independently (self-loops, nodes with several parents,
 * negative delays after cleaning, distinct nodes, edge lines). The README
 * counts duplicates before edges into the root, this importer the other way
 * round, so only their sum is compared. The README counts nodes with
 * several parents, this importer dropped edges; they agree when each such
 * node has two parents. Eight trees have a ROOT line naming another post
 * than their label line (three of them another labelled tree's source):
 * they stay keyed by the label's id, even under `strict`, which stops only
 * on malformed input. Imported with `echolab import` and read back from
 * the folder, every tree gives the same cascade features as the direct read.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { importArchive } from '../../src/cli/import-command.js';
import { CASCADE_FEATURES, cascadeFeatures } from '../../src/compare/cascade-features.js';
import { readPropagationArchive, type PropagationArchive } from '../../src/io/read-archive.js';
import { readImportedArchive } from '../../src/io/read-imported-archive.js';
import { computeMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { treeDefect } from './tree-checks.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../../shared/data/twitter15/twitter15');
const present = existsSync(path.join(dir, 'label.txt'));
const SHAPE = ['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

describe.skipIf(!present)(`Twitter15 archive${present ? '' : ' (skipped: ../shared/data/twitter15 not present)'}`, () => {
  let archive: PropagationArchive;
  const read = (): PropagationArchive => (archive ??= readPropagationArchive(dir, { key: 'twitter15-test' }));

  it('reads all 1,490 trees with the published label counts', () => {
    const a = read();
    expect(a.report.trees).toBe(1490);
    expect(a.cascades.length).toBe(1490);
    expect(a.report.problems).toEqual([]);
    const byLabel: Record<string, number> = {};
    for (const c of a.cascades) byLabel[c.label ?? '?'] = (byLabel[c.label ?? '?'] ?? 0) + 1;
    expect(byLabel).toEqual({ false: 370, 'non-rumor': 374, true: 372, unverified: 374 });
  });

  it('cleans the quirks the data README lists', () => {
    const c = read().report.counts;
    expect(c.lines).toBe(624_458);
    expect(c.malformedLines).toBe(0);
    expect(c.selfLoops).toBe(1_218);
    expect(c.duplicateLines + c.edgesIntoRoot).toBe(16_683 + 290);
    expect(c.extraParentsDropped).toBe(7_071);
    expect(c.negativeDelaysFixed).toBe(554);
    let entries = 0;
    for (const x of read().cascades) entries += x.tree.parent.length;
    expect(entries + c.unreachableNodesDropped).toBe(599_196);
  });

  it('every tree is a valid cascade rooted at its labelled source, and the shape metrics apply', () => {
    const perLabel = new Map<string, number[][]>();
    for (const c of read().cascades) {
      expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
      const m = computeMetrics(SHAPE, c.tree);
      expect(m['cascade.size']).toBeGreaterThanOrEqual(1);
      expect(m['cascade.depth']).toBeLessThan(m['cascade.size']);
      const rows = perLabel.get(c.label ?? '?') ?? [];
      rows.push(SHAPE.map((k) => m[k]));
      perLabel.set(c.label ?? '?', rows);
    }
    const summary = [...perLabel].map(([label, rows]) => ({ label, trees: rows.length, ...Object.fromEntries(SHAPE.map((k, j) => [`median ${k}`, median(rows.map((r) => r[j]))])) }));
    console.table(summary);
    console.table([read().report.counts]);
  });

  it('strict: the 8 trees whose ROOT line names another post are counted, not stopped at, and keep their label ids', () => {
    const a = readPropagationArchive(dir, { key: 'twitter15-test', strict: true });
    expect(a.cascades.length).toBe(1490);
    expect(a.report.rootPostDiffers).toBe(8);
    const labelIds = readFileSync(path.join(dir, 'label.txt'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(':')[1].trim());
    expect(a.cascades.map((c) => c.sourceId)).toEqual(labelIds);
    expect(new Set(a.cascades.map((c) => c.sourceId)).size).toBe(1490);
    const differing = a.cascades.filter((c) => c.rootPost !== c.sourceId);
    expect(differing.length).toBe(8);
    // Three of them name another labelled tree's source: keyed by the ROOT line, they collided.
    expect(differing.filter((c) => labelIds.includes(c.rootPost ?? '')).length).toBe(3);
  });

  it('imported and read back from the folder, every tree has the features of the direct read', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'echolab-t15-'));
    try {
      const imported = await importArchive({ input: dir, cwd: out, out: 'imp', key: 'twitter15-test', strict: true });
      expect(imported.rootPostDiffers).toBe(8);
      const back = readImportedArchive(imported.dir);
      const original = read().cascades;
      const pseudonym = makeIdMapper('test', { key: 'twitter15-test' }, 'p');
      expect(back.cascades.map((c) => [c.id, c.label])).toEqual(original.map((c) => [pseudonym(c.sourceId), c.label]));
      let entries = 0;
      back.cascades.forEach((c, k) => {
        entries += c.tree.parent.length;
        expect(cascadeFeatures(c.tree, CASCADE_FEATURES)).toEqual(cascadeFeatures(original[k].tree, CASCADE_FEATURES));
      });
      expect(entries).toBe(599_196 - read().report.counts.unreachableNodesDropped);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
