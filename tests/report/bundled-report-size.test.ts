/**
 * Every bundled experiment's report answers first and stays light: at most
 * 300 KB and at most 30 charts outside <details>, measured on the report of
 * its --quick runs (the same sections and charts as full size, fewer dots),
 * and on crowdstrike-hoax at full size, the heaviest (20 runs, 41 charts
 * of which 10 unfolded, about 260 KB).
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import { goldenExperiments } from '../../src/golden/golden-experiments.js';
import { reportHtml } from '../../src/report/report-html.js';
import { summaryMarkdown } from '../../src/report/summary-markdown.js';

const MAX_BYTES = 300 * 1024;
const MAX_UNFOLDED = 30;

/** Charts outside any <details>, and all charts. */
function chartCounts(html: string): { unfolded: number; total: number } {
  let depth = 0;
  let unfolded = 0;
  let total = 0;
  for (const m of html.matchAll(/<details>|<\/details>|<figure class="chart"/g)) {
    if (m[0] === '<details>') depth++;
    else if (m[0] === '</details>') depth--;
    else {
      total++;
      if (depth === 0) unfolded++;
    }
  }
  return { unfolded, total };
}

function reports(id: string, quick: boolean): { html: string; md: string } {
  const def = goldenExperiments().get(id)!;
  const resolved = resolveExperiment(def, { quick, checkInit: false });
  const results = resolved.runs.map((run) => executeRun(resolved, run));
  return { html: reportHtml(resolved, results), md: summaryMarkdown(resolved, results) };
}
const report = (id: string, quick: boolean): string => reports(id, quick).html;

describe('bundled reports', () => {
  for (const id of goldenExperiments().keys()) {
    it(`${id} (--quick): ≤ 300 KB, ≤ 30 charts unfolded, the answer before the setup`, () => {
      const html = report(id, true);
      expect(Buffer.byteLength(html)).toBeLessThanOrEqual(MAX_BYTES);
      expect(chartCounts(html).unfolded).toBeLessThanOrEqual(MAX_UNFOLDED);
      const setup = html.indexOf('id="setup"');
      const answers = ['id="key"', 'id="response"'].map((s) => html.indexOf(s)).filter((i) => i >= 0);
      expect(answers.length).toBeGreaterThan(0);
      expect(Math.min(...answers)).toBeLessThan(setup);
    });
  }

  it('crowdstrike-hoax at full size: ≤ 300 KB, reach and hourly volume over time first, the country shares as one chart each', () => {
    const { html, md } = reports('crowdstrike-hoax', false);
    // summary.md: the question, then the key results (the hourly volume as one table), then the setup.
    expect(md.indexOf('## Key results')).toBeGreaterThan(0);
    expect(md.indexOf('## Key results')).toBeLessThan(md.indexOf('## Setup'));
    expect(md).toContain('### `mentions.*` (8 outcomes)');
    expect(md.slice(md.indexOf('## Key results'), md.indexOf('## Setup'))).not.toContain('### `opinion.mean`');
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(MAX_BYTES);
    const { unfolded } = chartCounts(html);
    expect(unfolded).toBeLessThanOrEqual(MAX_UNFOLDED);
    const key = html.slice(html.indexOf('id="key"'), html.indexOf('id="setup"'));
    expect(key.indexOf('data-metric="reach"')).toBeGreaterThan(0);
    for (const family of ['mentions.*', 'relays.*']) expect(key).toContain(`data-kind="family" data-metric="${family}"`);
    // Reach and volume over the 24 hours lead, as time series.
    for (const series of ['hoax.reach', 'hoax.volume']) expect(key).toContain(`data-kind="line" data-metric="${series}"`);
    expect(html).not.toContain('data-metric="volume.h07"');
  }, 120_000);
});
