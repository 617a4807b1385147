/**
 * Twitter16 has the Twitter15 layout; the importer must not depend on the
 * folder's name. tests/fixtures/archive/twitter16-mini, by hand:
 *   700 (unverified): 71 root; 72 at 1.5 and 73 at 2.0 under 71; 74 at 3.0
 *     under 72; 75 at 10.0 under 74. Size 5, depth 3, breadths 1/2/1/1.
 *     Pairwise distances: from 71: 1+1+2+3 = 7; 72: 2+1+2 = 5 (to 73, 74,
 *     75); 73: 3+4 = 7; 74: 1 → ν = 20/10 = 2.
 *   800 (true): star 81 → 82 (0.5), 83 (0.7), 84 (12.25): size 4, depth 1,
 *     breadth 3, ν = (3·1 + 3·2)/6 = 1.5.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyCounts } from '../../src/archive/cleaning-report.js';
import { readPropagationArchive } from '../../src/io/read-archive.js';
import { computeMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { treeDefect } from './tree-checks.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../fixtures/archive/twitter16-mini');
const SHAPE = ['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'echolab-t16-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Twitter16-format fixture folder', () => {
  const archive = readPropagationArchive(dir, { keepRawIds: true });

  it('reads both labelled trees with the hand-computed shapes and times', () => {
    expect(archive.cascades.map((c) => [c.sourceId, c.label])).toEqual([
      ['700', 'unverified'],
      ['800', 'true'],
    ]);
    const [a, b] = archive.cascades;
    expect(a.users).toEqual(['71', '72', '73', '74', '75']);
    expect([...a.tree.parent]).toEqual([-1, 0, 0, 1, 3]);
    expect([...a.tree.time]).toEqual([0, 1.5, 2, 3, 10]);
    expect(computeMetrics(SHAPE, a.tree)).toEqual({ 'cascade.size': 5, 'cascade.depth': 3, 'cascade.max-breadth': 2, 'cascade.structural-virality': 2 });
    expect([...b.tree.parent]).toEqual([-1, 0, 0, 0]);
    expect([...b.tree.time]).toEqual([0, 0.5, 0.7, 12.25]);
    const mb = computeMetrics(SHAPE, b.tree);
    expect([mb['cascade.size'], mb['cascade.depth'], mb['cascade.max-breadth']]).toEqual([4, 1, 3]);
    expect(mb['cascade.structural-virality']).toBeCloseTo(1.5, 12);
    for (const c of archive.cascades) expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
    expect(archive.report.counts).toEqual({ ...emptyCounts(), lines: 9 });
  });

  it('gives the same cascades whatever the folder is called', () => {
    for (const name of ['twitter16', 'twitter15', 'some-archive']) {
      const copy = path.join(tmp, name);
      cpSync(dir, copy, { recursive: true });
      const again = readPropagationArchive(copy, { keepRawIds: true });
      expect(again.cascades.map((c) => ({ id: c.sourceId, label: c.label, users: c.users, parent: [...c.tree.parent], time: [...c.tree.time] }))).toEqual(
        archive.cascades.map((c) => ({ id: c.sourceId, label: c.label, users: c.users, parent: [...c.tree.parent], time: [...c.tree.time] })),
      );
    }
  });
});
