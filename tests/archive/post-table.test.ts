/**
 * The CSV post table fixture (tests/fixtures/archive/posts.csv), by hand:
 *   L6 gives p4 a second parent p3 (t 5) besides p2 (t 10, L5): p3 kept, 1 extra parent;
 *   L7 repeats L3 (duplicate); L8 p5 → p5 (self-loop; p5 then unreachable);
 *   L9 gives source p1 a parent (edge into the root);
 *   L10 p6 under p9, which never has a row: p6 and p9 unreachable (with p5: 3),
 *   and L10 is explained in the problems (field parent_id);
 *   L11 p7 at 1 under p3 at 5: raised to 5; L15 q2 at 90 under q1 at 100: raised;
 *   L16 q3 at −5: negative, raised to 100; L12 timestamp "notatime", L13 too few fields.
 * Cascade p1 (entries by time, then join order): p1 0, p3 5, p7 5, p2 10, p4 12.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../src/archive/cleaning-report.js';
import { parsePostTable } from '../../src/io/parse-post-table.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { readPostTable } from '../../src/io/read-archive.js';
import { InputError } from '../../src/model/errors.js';
import { computeMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { treeDefect } from './tree-checks.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const csv = path.resolve(here, '../fixtures/archive/posts.csv');
const raw = makeIdMapper('t', { keepRawIds: true });

describe('CSV post table', () => {
  const { cascades, report } = readPostTable(csv, { keepRawIds: true });

  it('reports exact cleaning counts and the malformed rows with line and field', () => {
    expect(report.counts).toEqual({
      ...emptyCounts(),
      lines: 15,
      malformedLines: 2,
      duplicateLines: 1,
      selfLoops: 1,
      edgesIntoRoot: 1,
      extraParentsDropped: 1,
      unreachableNodesDropped: 3,
      negativeDelaysFixed: 1,
      delaysRaisedToParent: 2,
    });
    // L10 is not malformed, but its parent p9 has no row: explained, with the field.
    expect(report.problems.map((p) => p.line)).toEqual([10, 12, 13]);
    expect(report.unknownParents).toBe(1);
    expect(report.problems[0]).toMatchObject({ field: 'parent_id', message: expect.stringMatching(/^parent_id: names no post that has a row of its own/) });
    // The field that failed, never the content (which may hold raw ids).
    expect(report.problems[1]).toMatchObject({ field: 'timestamp', message: 'timestamp: neither a finite number nor an ISO 8601 date' });
    for (const p of report.problems) expect(p.message).not.toContain('notatime');
  });

  it('builds one cascade per source with times from the source', () => {
    expect(cascades.map((c) => [c.sourceId, c.label])).toEqual([
      ['p1', 'false'],
      ['q1', 'true'],
    ]);
    const [a, b] = cascades;
    expect(a.users).toEqual(['alice', 'carol', 'gina', 'bob', 'dave']);
    expect([...a.tree.parent]).toEqual([-1, 0, 1, 0, 1]);
    expect([...a.tree.time]).toEqual([0, 5, 5, 10, 12]);
    expect(a.groups).toEqual(['left', 'left', 'right', 'right', 'left']);
    expect(b.users).toEqual(['ivan', 'judy', 'ken']);
    expect([...b.tree.parent]).toEqual([-1, 0, 1]);
    expect([...b.tree.time]).toEqual([0, 0, 0]);
    for (const c of cascades) expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
    // Subtree sizes 3, 1, 1, 1 under a root of 5: W = 6 + 4 + 4 + 4 = 18, ν = 18 / C(5,2) = 1.8.
    const m = computeMetrics(['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'], a.tree);
    expect(m).toEqual({ 'cascade.size': 5, 'cascade.depth': 2, 'cascade.max-breadth': 2, 'cascade.structural-virality': expect.closeTo(1.8, 12) });
  });

  it('strict mode stops at the first malformed row naming line and field', () => {
    const text = readFileSync(csv, 'utf8');
    let caught: unknown;
    try {
      parsePostTable(text, { file: 'posts.csv', strict: true, mapId: raw });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).line).toBe(12);
    expect((caught as InputError).field).toBe('timestamp');
  });

  it('pseudonymises by default; a missing column is an InputError naming it', () => {
    const p = readPostTable(csv, { key: 'k' });
    expect(p.cascades[0].users.every((u) => /^u[0-9a-f]{16}$/.test(u))).toBe(true);
    expect(() => parsePostTable('post_id,parent_id,timestamp\n', { mapId: raw })).toThrow(/`user_id`/);
  });

  it('ISO 8601 timestamps count in minutes', () => {
    const text = 'post_id,parent_id,user_id,timestamp\na,,u1,2016-01-01T00:00:00Z\nb,a,u2,2016-01-01T01:30:00Z\n';
    const { cascades: cs } = parsePostTable(text, { mapId: raw });
    expect([...cs[0].tree.time]).toEqual([0, 90]);
  });
});
