/**
 * The selection of simulated cascades (like with like): cutting a tree at a
 * window, which cascades each part of the selection keeps, `--select`
 * parsing, and the sentence a report opens with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASCADE_FEATURES, cascadeFeatures } from '../../src/compare/cascade-features.js';
import { FACT_CHECKED_CLAIMS, cutTree, defaultSelection, describeSelection, parseSelect, selectCascades, type SimulatedCascade } from '../../src/compare/cascade-selection.js';
import { InputError } from '../../src/model/errors.js';
import type { CascadeTree } from '../../src/sim/cascade-record.js';

function tree(parent: number[], time: number[]): CascadeTree {
  return { node: Int32Array.from(parent, (_, i) => i), parent: Int32Array.from(parent), time: Float64Array.from(time) };
}

function sim(t: CascadeTree, root: 'claim' | 'organic' | 'bot', veracity: 'false' | 'true' | 'none' = 'none', keepTree = true): SimulatedCascade {
  return { features: cascadeFeatures(t, CASCADE_FEATURES, { k: 10, topK: 5 }), info: { root, veracity, topic: null }, ...(keepTree ? { tree: t } : {}) };
}

describe('cutTree', () => {
  it('keeps the entries within the window whose parents are kept, renumbered in order', () => {
    // 0 root (t 0); 1 ← 0 (t 5); 2 ← 1 (t 20); 3 ← 0 (t 8); 4 ← 2 (t 9: within, but its parent 2 is cut).
    const t = tree([-1, 0, 1, 0, 2], [0, 5, 20, 8, 9]);
    const c = cutTree(t, 10);
    expect(Array.from(c.parent)).toEqual([-1, 0, 0]);
    expect(Array.from(c.time)).toEqual([0, 5, 8]);
    expect(Array.from(c.node)).toEqual([0, 1, 3]);
    expect(cutTree(t, 1000)).toEqual(t);
  });

  it('property: a cut tree is a parent-before-child tree of the entries at or before the window', () => {
    const trees = fc
      .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 30 })
      .map((entries) => tree(entries.map(([p], i) => (i === 0 ? -1 : p % i)), entries.map(([, t], i) => (i === 0 ? 0 : t))));
    fc.assert(
      fc.property(trees, fc.integer({ min: 0, max: 100 }), (t, w) => {
        const c = cutTree(t, w);
        expect(c.parent[0]).toBe(-1);
        for (let i = 1; i < c.parent.length; i++) expect(c.parent[i]).toBeLessThan(i);
        for (const x of c.time) expect(x).toBeLessThanOrEqual(w);
        // Cutting again at the same window changes nothing (idempotent), and a larger window keeps at least as much.
        expect(cutTree(c, w)).toEqual(c);
        expect(cutTree(t, w + 10).parent.length).toBeGreaterThanOrEqual(c.parent.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('selectCascades', () => {
  const star = (n: number, dt = 1) => tree(Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0)), Array.from({ length: n }, (_, i) => i * dt));
  const cascades = [
    sim(star(120), 'claim', 'false'),
    sim(star(150), 'claim', 'true'),
    sim(star(40), 'claim', 'false'),
    sim(star(300), 'organic'),
    sim(star(200), 'bot'),
  ];
  const base = { roots: 'claims' as const, veracity: 'false' as const, minSize: 97, windowMinutes: null };

  it('keeps claims of the veracity at least minSize large, and counts what it leaves out', () => {
    const r = selectCascades(cascades, base);
    expect(r.features.map((f) => f.size)).toEqual([120]);
    expect(r.counts).toMatchObject({ total: 5, notClaims: 2, otherVeracity: 1, tooSmall: 1, kept: 1, cut: 0 });
    expect(selectCascades(cascades, { ...base, roots: 'all', veracity: 'any', minSize: 1 }).counts.kept).toBe(5);
  });

  it('cuts at the window and measures again; a cascade without a kept tree is counted as uncut', () => {
    // Star of 120 with one entry a minute: within 99 minutes, 100 entries.
    const r = selectCascades(cascades, { ...base, windowMinutes: 99 });
    expect(r.features.map((f) => f.size)).toEqual([100]);
    expect(r.counts.cut).toBe(1);
    const noTree = selectCascades([sim(star(120), 'claim', 'false', false)], { ...base, windowMinutes: 50 });
    expect(noTree.counts).toMatchObject({ cut: 0, uncut: 1, kept: 1 });
    // A cut can make a cascade too small.
    expect(selectCascades(cascades, { ...base, windowMinutes: 50 }).counts).toMatchObject({ cut: 1, tooSmall: 2, kept: 0 });
  });

  it('claims without veracity (a zoo model\'s seeds): the veracity part is not applied, and the report says so', () => {
    const seeds = [sim(star(100), 'claim'), sim(star(120), 'claim')];
    const r = selectCascades(seeds, base);
    expect(r.counts).toMatchObject({ kept: 2, veracityNotApplied: true });
    expect(describeSelection(base, FACT_CHECKED_CLAIMS, r.counts)).toContain('carry no veracity');
  });

  it('results without root kinds keep every root and say so', () => {
    const old: SimulatedCascade[] = [{ features: { size: 120 } }, { features: { size: 130 } }];
    const r = selectCascades(old, base);
    expect(r.counts).toMatchObject({ kept: 2, rootsNotApplied: true });
  });
});

describe('--select', () => {
  const defaults = defaultSelection(FACT_CHECKED_CLAIMS, 97, 'false');

  it('defaults from the archive: its roots, the label\'s veracity, its smallest size, its window', () => {
    expect(defaults).toEqual({ roots: 'claims', veracity: 'false', minSize: 97, windowMinutes: null });
    expect(defaultSelection(FACT_CHECKED_CLAIMS, 97, 'non-rumor').veracity).toBe('any');
  });

  it('overrides parts, comma-separated or repeated, with units for the window', () => {
    expect(parseSelect(['roots=all,min-size=1', 'window=36h'], defaults, FACT_CHECKED_CLAIMS, 97)).toEqual({ roots: 'all', veracity: 'false', minSize: 1, windowMinutes: 2160 });
    expect(parseSelect(['window=7d', 'veracity=any', 'min-size=archive'], defaults, FACT_CHECKED_CLAIMS, 97)).toMatchObject({ windowMinutes: 10080, veracity: 'any', minSize: 97 });
    expect(parseSelect(['window=90'], defaults, FACT_CHECKED_CLAIMS, 97).windowMinutes).toBe(90);
    expect(parseSelect(['window=none'], { ...defaults, windowMinutes: 60 }, FACT_CHECKED_CLAIMS, 97).windowMinutes).toBeNull();
  });

  it('bad parts name the key, the value and what is allowed', () => {
    const bad = (v: string) => () => parseSelect([v], defaults, FACT_CHECKED_CLAIMS, 97);
    expect(bad('roots=some')).toThrow(/invalid `roots` \("some"\): expected claims or all/);
    expect(bad('min-size=0')).toThrow(/invalid `min-size` \("0"\): expected an integer ≥ 1, or archive/);
    expect(bad('window=soon')).toThrow(/invalid `window` \("soon"\)/);
    expect(bad('size=3')).toThrow(/key among roots, veracity, min-size, window/);
    expect(bad('roots')).toThrow(InputError);
  });
});
