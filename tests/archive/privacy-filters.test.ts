/**
 * Personal-data filters and the inputs behind them: the CSV `protected`
 * column and deletions (hand example), the deletions file parser, and the
 * follower predicate against a Set of pairs.
 *
 * CSV example (line: row):
 *   L2 s1 alice t0 source; L3 r1 bob under s1 (deleted); L4 r2 carol under s1,
 *   protected TRUE; L5 r3 dave under r2; L6 r4 erin under s1, protected 1;
 *   L7 r5 frank under r4; L8 s2 gina source, protected yes; L9 s2r hank under
 *   s2; L10 r6 protected "maybe" (malformed); L11 s3 jo source t1; L12 s3a
 *   kim under s3 t2; L13 repeats L12 with protected true: the first row
 *   decides, so it is a duplicate row, not a drop.
 * Default (deletions {r1}): drops r1 (deleted), r2, r4, s2 (protected);
 *   r3, r5, s2r are unreachable (3; the dropped posts are not counted again).
 *   Cascades: s1 alone; s3 → s3a at +1.
 * keepProtected: r2, r4, s2 stay: s1 → r2 (2) → r3 (3), s1 → r4 (4) → r5 (5);
 *   s2 → s2r (2); s3 → s3a; nothing unreachable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchiveCascade } from '../../src/archive/archive-cascade.js';
import { emptyCounts } from '../../src/archive/cleaning-report.js';
import { followerPredicate } from '../../src/archive/follower-predicate.js';
import { parseDeletions } from '../../src/archive/parse-deletions.js';
import { parsePostTable } from '../../src/io/parse-post-table.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { EdgeListBuilder } from '../../src/model/edge-list.js';
import { InputError } from '../../src/model/errors.js';
import { treeDefect } from './tree-checks.js';

const raw = makeIdMapper('t', { keepRawIds: true });
const CSV = [
  'post_id,parent_id,user_id,timestamp,protected',
  's1,,alice,0,',
  'r1,s1,bob,1,false',
  'r2,s1,carol,2,TRUE',
  'r3,r2,dave,3,0',
  'r4,s1,erin,4,1',
  'r5,r4,frank,5,',
  's2,,gina,0,yes',
  's2r,s2,hank,2,',
  'r6,s1,ivan,6,maybe',
  's3,,jo,1,',
  's3a,s3,kim,2,',
  's3a,s3,kim,2,true',
].join('\n');

function shape(c: ArchiveCascade): unknown {
  return { id: c.sourceId, users: [...c.users], parent: [...c.tree.parent], time: [...c.tree.time] };
}

describe('CSV post table: protected column and deletions', () => {
  it('drops protected and deleted posts by default, counting each once', () => {
    const { cascades, report } = parsePostTable(CSV, { file: 'p.csv', mapId: raw, deletions: new Set(['r1']) });
    expect(report.privacy).toEqual({ protectedDropped: 3, deletedDropped: 1 });
    expect(report.counts).toEqual({ ...emptyCounts(), lines: 12, malformedLines: 1, duplicateLines: 1, unreachableNodesDropped: 3 });
    expect(report.problems).toEqual([{ file: 'p.csv', line: 10, field: 'protected', message: 'protected: expected true/1/yes or false/0/no (or empty)' }]);
    expect(cascades.map(shape)).toEqual([
      { id: 's1', users: ['alice'], parent: [-1], time: [0] },
      { id: 's3', users: ['jo', 'kim'], parent: [-1, 0], time: [0, 1] },
    ]);
  });

  it('keepProtected keeps them; deletions still apply', () => {
    const { cascades, report } = parsePostTable(CSV, { mapId: raw, deletions: new Set(['r1']), keepProtected: true });
    expect(report.privacy).toEqual({ protectedDropped: 0, deletedDropped: 1 });
    expect(report.counts.unreachableNodesDropped).toBe(0);
    const byId = new Map(cascades.map((c) => [c.sourceId, shape(c)]));
    expect(byId.get('s1')).toEqual({ id: 's1', users: ['alice', 'carol', 'dave', 'erin', 'frank'], parent: [-1, 0, 1, 0, 3], time: [0, 2, 3, 4, 5] });
    expect(byId.get('s2')).toEqual({ id: 's2', users: ['gina', 'hank'], parent: [-1, 0], time: [0, 2] });
    expect(byId.get('s3')).toEqual({ id: 's3', users: ['jo', 'kim'], parent: [-1, 0], time: [0, 1] });
    for (const c of cascades) expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
  });

  it('without a protected column and deletions nothing is dropped for privacy', () => {
    const noColumn = CSV.split('\n')
      .filter((l) => !l.startsWith('r6'))
      .map((l) => l.split(',').slice(0, 4).join(','))
      .join('\n');
    const { report } = parsePostTable(noColumn, { mapId: raw });
    expect(report.privacy).toEqual({ protectedDropped: 0, deletedDropped: 0 });
    expect(report.counts.unreachableNodesDropped).toBe(0);
  });

  it('strict mode stops at the malformed protected value', () => {
    expect(() => parsePostTable(CSV, { file: 'p.csv', mapId: raw, strict: true })).toThrow(InputError);
    try {
      parsePostTable(CSV, { file: 'p.csv', mapId: raw, strict: true });
    } catch (err) {
      expect((err as InputError).line).toBe(10);
      expect((err as InputError).field).toBe('protected');
    }
  });
});

describe('deletions file', () => {
  const text = ['# deleted since collection', 'tweet_id', '123', '', '  456  ', '123', '7 8', '__proto__'].join('\r\n');

  it('reads one id per line: header, blanks and comments skipped; repeats and bad lines counted', () => {
    const { ids, report } = parseDeletions(text, { file: 'd.txt' });
    expect([...ids]).toEqual(['123', '456', '__proto__']);
    expect(report.counts).toEqual({ ...emptyCounts(), lines: 6, duplicateLines: 1, malformedLines: 1 });
    expect(report.problems.map((p) => [p.file, p.line])).toEqual([['d.txt', 7]]);
    expect(({} as Record<string, unknown>)['123']).toBeUndefined();
  });

  it('strict mode throws at the bad line; a header is only a header on the first line', () => {
    expect(() => parseDeletions(text, { file: 'd.txt', strict: true })).toThrow(/d\.txt:7: /);
    expect([...parseDeletions('1\nid\n').ids]).toEqual(['1', 'id']);
  });
});

describe('follower predicate', () => {
  const names = ['a', 'b', 'c', 'd', '__proto__', 'constructor'];
  const edges = fc.array(fc.tuple(fc.nat(names.length - 1), fc.nat(names.length - 1)), { maxLength: 25 });

  it('agrees with a Set of pairs, directed (a → b = a follows b) and undirected (both ways)', () => {
    fc.assert(
      fc.property(edges, fc.boolean(), (pairs, directed) => {
        const b = new EdgeListBuilder(names.length, directed);
        for (const [u, v] of pairs) b.push(u, v);
        const follows = followerPredicate(names, b.build());
        const set = new Set(pairs.flatMap(([u, v]) => (directed ? [`${u}>${v}`] : [`${u}>${v}`, `${v}>${u}`])));
        for (let u = 0; u < names.length; u++) for (let v = 0; v < names.length; v++) expect(follows(names[u], names[v])).toBe(set.has(`${u}>${v}`));
        expect(follows('a', 'nobody')).toBe(false);
        expect(follows('nobody', 'a')).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
