/**
 * Cascade recording: entries come back in insertion order through growth,
 * snapshots are independent copies, and depths follow the parent links.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CascadeRecorder, cascadeDepths, splitCascades } from '../../src/sim/cascade-record.js';

describe('CascadeRecorder', () => {
  it('bulk appends through reserve/setSize read back as the same entries as add, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 30 }), { maxLength: 12 }), (batches) => {
        const bulk = new CascadeRecorder(1);
        const one = new CascadeRecorder(1);
        for (const [b, batch] of batches.entries()) {
          const first = bulk.size;
          const store = bulk.reserve(batch.length);
          batch.forEach((node, k) => {
            store.node[first + k] = node;
            store.parent[first + k] = first + k - 1;
            store.time[first + k] = b;
            one.add(node, one.size - 1, b);
          });
          bulk.setSize(first + batch.length);
        }
        expect(bulk.snapshot()).toEqual(one.snapshot());
      }),
      { seed: 20261207 },
    );
  });

  it('setSize refuses to shrink or to pass the reserved storage', () => {
    const r = new CascadeRecorder(4);
    r.add(1, -1, 0);
    r.reserve(2);
    expect(() => r.setSize(0)).toThrow(/setSize\(0\)/);
    expect(() => r.setSize(5)).toThrow(/from 1 to 4/);
    r.setSize(3);
    expect(r.size).toBe(3);
  });

  it('returns every entry in insertion order, across storage growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.double({ noNaN: true })), { maxLength: 200 }), (rows) => {
        const rec = new CascadeRecorder(1);
        rows.forEach(([node, time], i) => {
          // Any earlier entry as parent (or none for the first).
          const parent = i === 0 ? -1 : (node % i);
          expect(rec.add(node, parent, time)).toBe(i);
        });
        const view = rec.view();
        expect(rec.size).toBe(rows.length);
        expect(Array.from(view.node)).toEqual(rows.map((r) => r[0]));
        expect(Array.from(view.time)).toEqual(rows.map((r) => r[1]));
        expect(Array.from(view.parent)).toEqual(rows.map(([node], i) => (i === 0 ? -1 : node % i)));
      }),
    );
  });

  it('a snapshot survives later additions and clearing; clear empties the record', () => {
    const rec = new CascadeRecorder(2);
    rec.add(5, -1, 0);
    rec.add(6, 0, 1);
    const snap = rec.snapshot();
    rec.clear();
    expect(rec.size).toBe(0);
    rec.add(9, -1, 3);
    expect(Array.from(snap.node)).toEqual([5, 6]);
    expect(Array.from(rec.view().node)).toEqual([9]);
  });
});

describe('cascadeDepths', () => {
  it('gives hop depths of a hand-built forest', () => {
    // Roots 0 and 3; 0 → 1 → 2, 0 → 4, 3 → 5 → 6.
    const parent = Int32Array.from([-1, 0, 1, -1, 0, 3, 5]);
    const depths = cascadeDepths({ parent, time: new Float64Array(7) });
    expect(Array.from(depths)).toEqual([0, 1, 2, 0, 1, 1, 2]);
  });

  it('rejects a parent that is not an earlier entry', () => {
    expect(() => cascadeDepths({ parent: Int32Array.from([-1, 2, 0]), time: new Float64Array(3) })).toThrow(RangeError);
    expect(() => cascadeDepths({ parent: Int32Array.from([0]), time: new Float64Array(1) })).toThrow(RangeError);
  });
});

describe('splitCascades', () => {
  it('splits a forest into its trees, renumbered, and keeps every entry once', () => {
    // Two roots (entries 0 and 1) with interleaved children.
    const forest = {
      node: Int32Array.of(10, 20, 11, 21, 12, 22),
      parent: Int32Array.of(-1, -1, 0, 1, 2, 3),
      time: Float64Array.of(0, 0, 1, 1, 2, 2),
    };
    const trees = splitCascades(forest);
    expect(trees.map((t) => Array.from(t.node))).toEqual([
      [10, 11, 12],
      [20, 21, 22],
    ]);
    expect(trees.map((t) => Array.from(t.parent))).toEqual([
      [-1, 0, 1],
      [-1, 0, 1],
    ]);
    expect(Array.from(trees[1].time)).toEqual([0, 1, 2]);
  });

  it('a single tree comes back unchanged', () => {
    const tree = { node: Int32Array.of(5, 6, 7), parent: Int32Array.of(-1, 0, 0), time: Float64Array.of(0, 1, 1) };
    const [only] = splitCascades(tree);
    expect(Array.from(only.parent)).toEqual([-1, 0, 0]);
  });
});
