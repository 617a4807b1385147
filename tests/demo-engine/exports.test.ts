import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/cli/load-experiment.js';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { SERIES_COLUMNS } from '../../src/viz/engine/series-csv.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// The exported file's imports are relative to a top-level folder of the repository (it belongs in experiments/); tests/ is one too.
const tmpFile = (name: string) => path.resolve(here, '..', `.tmp-${process.pid}-${name}`);

describe('CSV export', () => {
  it('has one row per tick with every metric column, missing values empty', () => {
    const { session } = DemoSession.create({ preset: 'bots-and-poll', arm: null, seed: '2', params: { agents: 200 } });
    session.step(4);
    const lines = session.seriesCsv().trimEnd().split('\n');
    expect(lines[0]).toBe(SERIES_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 5);
    const rows = lines.slice(1).map((l) => l.split(','));
    for (const [k, r] of rows.entries()) {
      expect(r).toHaveLength(SERIES_COLUMNS.length);
      expect(Number(r[0])).toBe(k);
      expect(Number(r[1])).toBeCloseTo((k * 10) / 60, 12);
    }
    // The poll is posted at hour 1: nobody has voted at the start.
    expect(rows[0][SERIES_COLUMNS.indexOf('pollYes')]).toBe('');
    expect(rows[0][SERIES_COLUMNS.indexOf('alertFired')]).toBe('0');
  });
});

describe('experiment file export', () => {
  it('loads with the command line\'s loader and pins the demo\'s arm, parameters and seed', async () => {
    const { session } = DemoSession.create({ preset: 'majority-illusion', arm: 'random-minority', seed: 'class 3', params: { agents: 300, ranker: 'similarity' } });
    const { fileName, text } = session.experimentFile();
    expect(fileName).toBe('demo-majority-illusion-class-3.ts');
    const file = tmpFile(fileName);
    writeFileSync(file, text);
    try {
      const def = await loadExperiment(file);
      expect(def.seed).toBe('class 3');
      const resolved = resolveExperiment(def);
      expect(resolved.kind).toBe('scenario');
      expect(resolved.runs).toHaveLength(1);
      expect(resolved.base).toMatchObject({ arm: 'random-minority', agents: 300, ranker: 'similarity', tickMinutes: 10 });
      const result = executeRun(resolved, resolved.runs[0]);
      expect(result.steps).toBe(24);
      expect(result.final['true-share']).toBeCloseTo(0.2, 1);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('exports a puzzle\'s locked settings too', async () => {
    const { session } = DemoSession.create({ preset: 'x', arm: null, seed: 'x', params: { ranker: 'chronological' } }, 'stop-the-hoax');
    const { fileName, text } = session.experimentFile();
    const file = tmpFile(fileName);
    writeFileSync(file, text);
    try {
      const resolved = resolveExperiment(await loadExperiment(file));
      expect(resolved.base).toMatchObject({ arm: 'with-hubs', ranker: 'chronological', feedSize: 6, agents: 2000 });
      expect(resolved.definition.seed).toBe('puzzle-2');
    } finally {
      rmSync(file, { force: true });
    }
  });
});
