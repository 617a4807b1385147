/**
 * The hand-written mini15 folder (tests/fixtures/archive/mini15): expected
 * counts worked out line by line.
 *   100.txt  clean: 4 lines, root 1 → 2 → 4, 1 → 3.
 *   200.txt.gz  9 lines: L3 repeats L2 and L9 repeats the ROOT line
 *            (2 duplicates), L4 self-loop, L5 into the root; 13 has parents
 *            12 (t 7, L7) and 11 (t 5, L8): 11 is earlier, L7 dropped.
 *   300.txt  10 non-blank lines: L7 no edge, L8 delay "abc", L9 delay 1e999,
 *            L11 truncated (4 malformed); L6 a ROOT line for another node
 *            (extra root line); 90 → 91 never reached (2 nodes); 21 has
 *            delay −3.5 (raised to its parent's 0); 23 has 2.0 under 22 at
 *            4.0 (raised to 4). Tree: path 20 → 21 → 22 → 23, times 0 0 4 4.
 *   400.txt  6 lines, ids __proto__ and constructor: constructor has parents
 *            __proto__ (t 2, reachable) and 31 (t 0.5, never reached): kept
 *            __proto__, 31 dropped as unreachable; __proto__ has parents 30
 *            (t 0) and 32 (t 6): kept 30. 2 extra parents, 1 unreachable.
 *   label.txt  line 3 is not a label; line 6 names 500, which has no tree.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyCounts, type CleaningCounts } from '../../src/archive/cleaning-report.js';
import { parsePropagationTree } from '../../src/archive/parse-propagation-tree.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { readPropagationArchive } from '../../src/io/read-archive.js';
import { InputError } from '../../src/model/errors.js';
import { computeMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { treeDefect } from './tree-checks.js';
import { MINI15_TOTAL_COUNTS } from '../support/mini15-expected.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../fixtures/archive/mini15');
const counts = (c: Partial<CleaningCounts>): CleaningCounts => ({ ...emptyCounts(), ...c });
const SHAPE = ['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'];

describe('Twitter15-format fixture folder', () => {
  const archive = readPropagationArchive(dir, { keepRawIds: true });
  const bySource = new Map(archive.cascades.map((c) => [c.sourceId, c]));

  it('reads the four labelled trees (one gzipped) with their labels', () => {
    expect(archive.cascades.map((c) => [c.sourceId, c.label])).toEqual([
      ['100', 'false'],
      ['200', 'true'],
      ['300', 'non-rumor'],
      ['400', 'unverified'],
    ]);
    for (const c of archive.cascades) expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
  });

  it('reports exact cleaning counts per tree and in aggregate', () => {
    const per = Object.fromEntries(archive.report.perTree.map((r) => [path.basename(r.file), r.counts]));
    expect(per['100.txt']).toEqual(counts({ lines: 4 }));
    expect(per['200.txt.gz']).toEqual(counts({ lines: 9, duplicateLines: 2, selfLoops: 1, edgesIntoRoot: 1, extraParentsDropped: 1 }));
    expect(per['300.txt']).toEqual(
      counts({ lines: 10, malformedLines: 4, extraRootLines: 1, unreachableNodesDropped: 2, negativeDelaysFixed: 1, delaysRaisedToParent: 1 }),
    );
    expect(per['400.txt']).toEqual(counts({ lines: 6, extraParentsDropped: 2, unreachableNodesDropped: 1 }));
    expect(archive.report.counts).toEqual(
      counts(MINI15_TOTAL_COUNTS),
    );
  });

  it('names file and line of every malformed line, and the label problems', () => {
    const r300 = archive.report.perTree.find((r) => r.file.endsWith('300.txt'));
    expect(r300?.problems.map((p) => p.line)).toEqual([7, 8, 9, 11]);
    // L7 "this is not an edge", L8 delay 'abc', L9 delay '1e999', L11 cut after the child's tweet id: the field, never the text.
    expect(r300?.problems.map((p) => p.field)).toEqual(['parent', 'parent.delay', 'child.delay', 'child.tweet_id']);
    expect(r300?.problems[1].message).toBe('parent.delay: not a finite decimal number');
    expect(r300?.problems[3].message).toBe('child.tweet_id: expected `,` after the value');
    for (const p of r300?.problems ?? []) expect(p.message).not.toMatch(/abc|1e999|not an edge|'2\d'/);
    expect(archive.report.problems.map((p) => [path.basename(p.file), p.line])).toEqual([
      ['label.txt', 3],
      ['label.txt', 6],
    ]);
    // Line 6 names source 500, which has no tree file: said without the id.
    expect(archive.report.problems[1].message).toBe('no tree file tree/<source id>.txt or .txt.gz for this label');
  });

  it('builds the trees worked out by hand', () => {
    const t200 = bySource.get('200');
    expect(t200?.users).toEqual(['10', '11', '12', '13']);
    expect([...(t200?.tree.parent ?? [])]).toEqual([-1, 0, 0, 1]);
    expect([...(t200?.tree.time ?? [])]).toEqual([0, 5, 7, 9]);
    const t300 = bySource.get('300');
    expect(t300?.users).toEqual(['20', '21', '22', '23']);
    expect([...(t300?.tree.parent ?? [])]).toEqual([-1, 0, 1, 2]);
    expect([...(t300?.tree.time ?? [])]).toEqual([0, 0, 4, 4]);
    const t400 = bySource.get('400');
    expect(t400?.users).toEqual(['30', '__proto__', 'constructor', '32']);
    expect([...(t400?.tree.parent ?? [])]).toEqual([-1, 0, 1, 0]);
    expect([...(t400?.tree.node ?? [])]).toEqual([0, 1, 2, 3]);
  });

  it('every cascade metric applies unchanged (values by hand)', () => {
    // Star-like trees of 4 (root with children a, b; a with one child) and a
    // path of 4 both have W = 10 over C(4,2) = 6 pairs: ν = 5/3.
    const depth: Record<string, number> = { '100': 2, '200': 2, '300': 3, '400': 2 };
    const breadth: Record<string, number> = { '100': 2, '200': 2, '300': 1, '400': 2 };
    for (const c of archive.cascades) {
      const m = computeMetrics(SHAPE, c.tree);
      expect(m['cascade.size']).toBe(4);
      expect(m['cascade.depth']).toBe(depth[c.sourceId]);
      expect(m['cascade.max-breadth']).toBe(breadth[c.sourceId]);
      expect(m['cascade.structural-virality']).toBeCloseTo(5 / 3, 12);
    }
    const ttk = computeMetrics(['cascade.time-to-k'], bySource.get('200')!.tree, { 'cascade.time-to-k': { k: 3 } });
    expect(ttk['cascade.time-to-k']).toBe(7);
  });

  it('pseudonymises user ids by default, consistently within one read', () => {
    const a = readPropagationArchive(dir, { key: 'k1' });
    const b = readPropagationArchive(dir, { key: 'k1' });
    const c = readPropagationArchive(dir);
    const users = a.cascades.flatMap((x) => x.users);
    expect(users.every((u) => /^u[0-9a-f]{16}$/.test(u))).toBe(true);
    expect(b.cascades.flatMap((x) => x.users)).toEqual(users);
    expect(c.cascades.flatMap((x) => x.users)).not.toEqual(users);
    expect(new Set(users).size).toBe(16);
  });

  it('strict mode stops at the first malformed line with an InputError naming file and line', () => {
    expect(() => readPropagationArchive(dir, { strict: true, keepRawIds: true })).toThrow(InputError);
    try {
      readPropagationArchive(dir, { strict: true, keepRawIds: true });
    } catch (err) {
      expect((err as InputError).file).toMatch(/label\.txt$/);
      expect((err as InputError).line).toBe(3);
    }
    const text = readFileSync(path.join(dir, 'tree', '300.txt'), 'utf8');
    const mapId = makeIdMapper('t', { keepRawIds: true });
    expect(() => parsePropagationTree(text, { file: '300.txt', strict: true, mapId })).toThrow(/^300\.txt:7: /);
  });

  it('a file without a ROOT line gives no cascade (lenient) or an InputError (strict)', () => {
    const mapId = makeIdMapper('t', { keepRawIds: true });
    const text = "['1', '9', '0.0']->['2', '9', '1.0']\n";
    const lenient = parsePropagationTree(text, { file: 'x.txt', mapId });
    expect(lenient.cascade).toBeUndefined();
    expect(lenient.report.counts.unreachableNodesDropped).toBe(2);
    expect(() => parsePropagationTree(text, { file: 'x.txt', strict: true, mapId })).toThrow(InputError);
  });
});
