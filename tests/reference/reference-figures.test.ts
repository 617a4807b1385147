/**
 * The committed Twitter15 reference figures (reference/twitter15.json):
 * the published label counts (Ma, Gao & Wong, ACL 2017: 370 false, 374
 * non-rumor, 372 true, 374 unverified), internal consistency of every
 * distribution (min ≤ p10 ≤ … ≤ p99 ≤ max, mean within [min, max], counts
 * summing over labels to the overall count), no id-like value, and — when
 * the shared data folder is present — that recomputing from the data gives
 * exactly the committed figures (the file is not stale).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_BY, LABELS, distribution, figuresOfFolder, percentile, type Distribution, type ReferenceFile } from '../../scripts/make-reference.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.resolve(here, '../../reference/twitter15.json');
const data = path.resolve(here, '../../../shared/data/twitter15/twitter15');
const present = existsSync(path.join(data, 'label.txt'));
const text = readFileSync(file, 'utf8');
const ref = JSON.parse(text) as ReferenceFile;

const DISTRIBUTIONS = ['size', 'depth', 'maxBreadth', 'structuralVirality', 'timeTo10', 'timeTo90Percent'] as const;
const ORDER = ['min', 'p10', 'p25', 'p50', 'p75', 'p90', 'p99', 'max'] as const;

function eachValue(v: unknown, visit: (leaf: unknown) => void): void {
  if (v !== null && typeof v === 'object') for (const x of Object.values(v)) eachValue(x, visit);
  else visit(v);
}

describe('reference/twitter15.json', () => {
  it('has every label with the published tree counts, summing to the total', () => {
    const counts = Object.fromEntries(LABELS.map((l) => [l, ref.byLabel[l].trees]));
    expect(counts).toEqual({ false: 370, 'non-rumor': 374, true: 372, unverified: 374 });
    expect(ref.trees).toBe(1490);
    expect(ref.overall.trees).toBe(1490);
  });

  it('every distribution is ordered, and its count matches the trees', () => {
    for (const group of [ref.overall, ...LABELS.map((l) => ref.byLabel[l])]) {
      for (const name of DISTRIBUTIONS) {
        const d: Distribution = group[name];
        const values = ORDER.map((k) => d[k]);
        expect(values.every((x) => typeof x === 'number'), name).toBe(true);
        for (let i = 1; i < values.length; i++) expect(values[i]!, `${name} ${ORDER[i]}`).toBeGreaterThanOrEqual(values[i - 1]!);
        expect(d.mean!).toBeGreaterThanOrEqual(d.min!);
        expect(d.mean!).toBeLessThanOrEqual(d.max!);
      }
      for (const name of ['size', 'depth', 'maxBreadth', 'structuralVirality', 'timeTo90Percent'] as const) expect(group[name].count).toBe(group.trees);
      expect(group.timeTo10.count + group.timeTo10.neverReached).toBe(group.trees);
      // A cascade of s accounts has depth ≤ s − 1 and breadth ≤ s − 1.
      expect(group.depth.max!).toBeLessThan(group.size.max!);
      expect(group.maxBreadth.max!).toBeLessThan(group.size.max!);
    }
    for (const name of DISTRIBUTIONS) {
      expect(LABELS.reduce((s, l) => s + ref.byLabel[l][name].count, 0)).toBe(ref.overall[name].count);
    }
  });

  it('holds no id-like value (no run of 15 or more digits) and names its source and command', () => {
    expect(text).not.toMatch(/\d{15,}/);
    eachValue(ref, (leaf) => {
      if (typeof leaf === 'number') expect(Math.abs(leaf)).toBeLessThan(1e14);
    });
    expect(ref.generatedBy).toBe(GENERATED_BY);
    expect(ref.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(ref.source.citation.join(' ')).toMatch(/ACL 2017/);
    expect(text.length).toBeLessThan(20_000);
  });
});

describe('percentile and distribution helpers', () => {
  it('interpolate between order statistics (type 7), checked by hand', () => {
    // 1..5: h = 4p; p10 → 1.4, p25 → 2, p50 → 3, p99 → 4.96.
    const s = [1, 2, 3, 4, 5];
    expect(percentile(s, 10)).toBeCloseTo(1.4, 12);
    expect(percentile(s, 25)).toBe(2);
    expect(percentile(s, 50)).toBe(3);
    expect(percentile(s, 99)).toBeCloseTo(4.96, 12);
    expect(distribution([5, 1, 4, 2, 3])).toEqual({ count: 5, mean: 3, p10: 1.4, p25: 2, p50: 3, p75: 4, p90: 4.6, p99: 4.96, min: 1, max: 5 });
    expect(distribution([]).mean).toBeNull();
  });
});

describe.skipIf(!present)(`reference figures recomputed from the data${present ? '' : ' (skipped: ../shared/data/twitter15 not present)'}`, () => {
  it('equal the committed file', () => {
    const figures = figuresOfFolder(data);
    const committed = { trees: ref.trees, cleaning: ref.cleaning, overall: ref.overall, byLabel: ref.byLabel };
    expect(JSON.parse(JSON.stringify(figures))).toEqual(committed);
  }, 30_000);
});
