/**
 * Exact golden results: every zoo model and every bundled experiment (all
 * its --quick runs) recomputed and compared with tests/golden/exact/<case>.json
 * (counts, digests and trajectory hashes exactly, metrics to 1e-12
 * relative); the same records from a Node worker thread and from headless
 * Chromium; and the comparison, encoding and registry the layer rests on.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelZoo } from '../../src/sim/model-zoo.js';
import { computeGolden, goldenCases, type GoldenRecord } from '../../src/golden/golden-cases.js';
import { GOLDEN_UPDATE_COMMAND, compareGolden, formatMismatch, sameMetric } from '../../src/golden/golden-compare.js';
import { CHANGELOG_HEADER, UNRELEASED_HEADING, withChangelogLine } from '../../src/golden/changelog.js';
import { goldenExperimentIds } from '../../src/golden/golden-experiments.js';
import { decodeDistribution, decodeGolden, encodeDistribution, encodeGolden } from '../../src/golden/golden-json.js';
import { browserSkipReason, bundleForBrowser, launchBrowser } from '../support/browser.js';
import { runInWorker } from '../support/run-in-worker.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXACT = path.join(ROOT, 'tests/golden/exact');
const DISTRIBUTIONS = path.join(ROOT, 'tests/golden/distributions');
const probePath = fileURLToPath(new URL('../../src/golden/golden-probe.ts', import.meta.url));

function stored(id: string): GoldenRecord {
  const file = path.join(EXACT, `${id}.json`);
  if (!existsSync(file)) throw new Error(`no golden file tests/golden/exact/${id}.json: run \`npm run golden:update\` to create it, review and commit it`);
  return decodeGolden(readFileSync(file, 'utf8'), `tests/golden/exact/${id}.json`);
}

/** Every mismatch as the message a developer sees. */
function differences(id: string, got: GoldenRecord): string[] {
  return compareGolden(stored(id), got).map(formatMismatch);
}

describe('golden results: recomputed in the Node main thread', () => {
  for (const c of goldenCases()) {
    it(`${c.id} equals tests/golden/exact/${c.id}.json`, () => {
      expect(differences(c.id, computeGolden(c))).toEqual([]);
    });
  }
});

describe('golden layer bookkeeping', () => {
  it('the experiment registry lists exactly the files in experiments/ (a new experiment cannot be forgotten)', () => {
    const files = readdirSync(path.join(ROOT, 'experiments'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect([...goldenExperimentIds]).toEqual(files);
  });

  it('the cases are every zoo model and every bundled experiment, once each', () => {
    const ids = goldenCases().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('zoo.')).sort()).toEqual(Object.keys(modelZoo).map((m) => `zoo.${m}`).sort());
    expect(ids.filter((id) => id.startsWith('experiment.')).sort()).toEqual(goldenExperimentIds.map((e) => `experiment.${e}`));
  });

  it('every golden file belongs to a case, and every case has both files', () => {
    const ids = goldenCases().map((c) => `${c.id}.json`).sort();
    expect(readdirSync(EXACT).filter((f) => f.endsWith('.json')).sort()).toEqual(ids);
    expect(readdirSync(DISTRIBUTIONS).filter((f) => f.endsWith('.json')).sort()).toEqual(ids);
  });

  it('the golden files stay well under 1 MB in all', () => {
    let bytes = 0;
    for (const dir of [EXACT, DISTRIBUTIONS]) for (const f of readdirSync(dir)) bytes += statSync(path.join(dir, f)).size;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(1_000_000);
  });

  it('the stored files are in canonical form (what golden:update writes)', () => {
    for (const c of goldenCases()) {
      const exact = readFileSync(path.join(EXACT, `${c.id}.json`), 'utf8');
      expect(encodeGolden(decodeGolden(exact)), c.id).toBe(exact);
      const dist = readFileSync(path.join(DISTRIBUTIONS, `${c.id}.json`), 'utf8');
      expect(encodeDistribution(decodeDistribution(dist)), c.id).toBe(dist);
    }
  });
});

describe('compareGolden and formatMismatch', () => {
  const base: GoldenRecord = {
    id: 'zoo.example',
    kind: 'zoo',
    seed: 'golden|example',
    paramsDigest: '0123456789abcdef',
    trajectoryHash: 'fedcba9876543210',
    counts: { steps: 50, nodes: 200 },
    metrics: { 'opinion.variance': 0.0595, 'opinion.mean': 0.5, undefinedMetric: NaN, absent: null, zero: 0 },
  };
  const withMetric = (name: string, v: number | null): GoldenRecord => ({ ...base, metrics: { ...base.metrics, [name]: v } });

  it('a record equals itself', () => {
    expect(compareGolden(base, base)).toEqual([]);
  });

  it('floats agree within 1e-12 relative and differ beyond it', () => {
    // 0.5·(1 + 5e-13) is 2.5e-13 away: inside 1e-12·0.5; 0.5·(1 + 4e-12) is 2e-12 away: outside.
    expect(compareGolden(base, withMetric('opinion.mean', 0.5 * (1 + 5e-13)))).toEqual([]);
    const m = compareGolden(base, withMetric('opinion.mean', 0.5 * (1 + 4e-12)));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ caseId: 'zoo.example', field: 'metric', name: 'opinion.mean', old: 0.5 });
  });

  it('NaN equals NaN, null only null, zero only (±)zero, Infinity only itself', () => {
    expect(sameMetric(NaN, NaN)).toBe(true);
    expect(sameMetric(-0, 0)).toBe(true);
    expect(sameMetric(null, 0)).toBe(false);
    expect(sameMetric(null, NaN)).toBe(false);
    expect(sameMetric(Infinity, Infinity)).toBe(true);
    expect(sameMetric(Infinity, 1e308)).toBe(false);
    expect(sameMetric(0, 1e-300)).toBe(false);
    expect(compareGolden(base, withMetric('absent', 0)).map((m) => m.name)).toEqual(['absent']);
    expect(compareGolden(base, withMetric('undefinedMetric', 0)).map((m) => m.name)).toEqual(['undefinedMetric']);
  });

  it('counts, hashes and digests compare exactly; a missing or extra metric is a mismatch', () => {
    expect(compareGolden(base, { ...base, counts: { ...base.counts, steps: 51 } })).toEqual([{ caseId: 'zoo.example', field: 'count', name: 'steps', old: 50, new: 51 }]);
    expect(compareGolden(base, { ...base, trajectoryHash: 'fedcba9876543211' }).map((m) => m.field)).toEqual(['trajectoryHash']);
    expect(compareGolden(base, { ...base, paramsDigest: 'x' }).map((m) => m.field)).toEqual(['paramsDigest']);
    expect(compareGolden(base, withMetric('new.metric', 1)).map((m) => [m.name, m.old, m.new])).toEqual([['new.metric', undefined, 1]]);
  });

  it('the message names the case, the metric, both values and the command that accepts the change', () => {
    const [m] = compareGolden(base, withMetric('opinion.variance', 0.07));
    const text = formatMismatch(m);
    for (const part of ['zoo.example', 'opinion.variance', '0.0595', '0.07', GOLDEN_UPDATE_COMMAND, 'git diff tests/golden', 'CHANGELOG.md']) expect(text).toContain(part);
  });

  it('encoding round-trips every double bit for bit, including -0, NaN and ±Infinity', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(-0, NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE), fc.constant(null));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), value, { maxKeys: 8 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), { maxKeys: 4 }), (metrics, counts) => {
        const r: GoldenRecord = { ...base, metrics, counts };
        const back = decodeGolden(encodeGolden(r));
        expect(Object.keys(back.metrics).sort()).toEqual(Object.keys(metrics).sort());
        for (const [k, v] of Object.entries(metrics)) expect(Object.is(back.metrics[k], v), `${k}: ${String(v)}`).toBe(true);
        expect(back.counts).toEqual(counts);
      }),
      { numRuns: 200 },
    );
  });
});

describe('CHANGELOG.md lines for accepted result changes', () => {
  it('a missing changelog gets the header and the line under the Unreleased heading, above the 0.1.0 entry', () => {
    const text = withChangelogLine(null, '- 2026-01-02: fixed the SIR recovery draw (changed: exact zoo.sir)');
    const lines = text.split('\n');
    const h = lines.indexOf(UNRELEASED_HEADING);
    expect(text.startsWith(CHANGELOG_HEADER.split('\n')[0])).toBe(true);
    expect(h).toBeGreaterThan(0);
    expect(lines.indexOf('## 0.1.0')).toBeGreaterThan(h);
    expect(lines.slice(h + 1).find((l) => l.trim() !== '')).toBe('- 2026-01-02: fixed the SIR recovery draw (changed: exact zoo.sir)');
  });

  it('later lines go under the same heading, after the earlier ones, and nothing else moves', () => {
    const once = withChangelogLine(CHANGELOG_HEADER, '- a');
    const twice = withChangelogLine(once, '- b');
    expect(twice.split(UNRELEASED_HEADING).length).toBe(2);
    expect(twice.indexOf('- a')).toBeLessThan(twice.indexOf('- b'));
    expect(twice.indexOf('- b')).toBeLessThan(twice.indexOf('## 0.1.0'));
    expect(twice.replace('\n- b', '')).toBe(once);
    expect(twice.slice(twice.indexOf('## 0.1.0'))).toBe(CHANGELOG_HEADER.slice(CHANGELOG_HEADER.indexOf('## 0.1.0')));
  });
});

// Cheap experiments for the cross-runtime check; every zoo model is included.
const CROSS_RUNTIME = [...Object.keys(modelZoo).map((m) => `zoo.${m}`), 'experiment.hoax-verification', 'experiment.majority-illusion'];

function crossCheck(texts: Record<string, string>): void {
  expect(Object.keys(texts).sort()).toEqual([...CROSS_RUNTIME].sort());
  for (const id of CROSS_RUNTIME) expect(differences(id, decodeGolden(texts[id], id)), id).toEqual([]);
}

describe('golden results: the same values in other runtimes', () => {
  it('a Node worker thread computes the golden values of every zoo model and two quick experiments', async () => {
    crossCheck(await runInWorker<Record<string, string>>(probePath, 'goldenTexts', [CROSS_RUNTIME]));
  });

  describe.skipIf(browserSkipReason !== null)(browserSkipReason ?? 'in headless Chromium', () => {
    let browser: Browser;
    let bundle: string;
    beforeAll(async () => {
      bundle = await bundleForBrowser(probePath, 'echolabGolden');
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('a browser page computes the golden values of every zoo model and two quick experiments', async () => {
      const page = await browser.newPage();
      await page.addScriptTag({ content: bundle });
      const texts = await page.evaluate(
        (ids: string[]) => (globalThis as unknown as { echolabGolden: { goldenTexts(ids: string[]): Record<string, string> } }).echolabGolden.goldenTexts(ids),
        CROSS_RUNTIME,
      );
      await page.close();
      crossCheck(texts);
    });
  });
});
