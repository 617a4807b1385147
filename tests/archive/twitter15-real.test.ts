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
 * node has two parents.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPropagationArchive, type PropagationArchive } from '../../src/io/read-archive.js';
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
});
