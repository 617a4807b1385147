import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunResult } from '../../src/experiment/experiment-types.js';
import { PAGE_POLICY_META } from '../../src/report/page-policy.js';
import { reportHtml } from '../../src/report/report-html.js';
import type { ReportExperiment } from '../../src/report/report-input.js';
import { browserSkipReason, launchBrowser } from '../support/browser.js';
import { fixtureExperiment, fixtureResult } from './report-fixtures.js';
import { elements, parseSvg } from './svg-support.js';

const SERIES = ['opinion.variance', 'opinion.mean'];
const FINALS = ['opinion.variance', 'opinion.mean', 'consensus'];

/** An experiment with 2 series metrics, 3 final metrics and cascades in every run. */
function experiment(arms: readonly string[], withCascades = true): { resolved: ReportExperiment; results: RunResult[] } {
  const resolved = fixtureExperiment({
    title: 'Ranker <&> test',
    question: 'Does ranking by engagement polarise? <script>alert(1)</script>',
    vary: { ranker: arms },
    replicates: 3,
    metrics: SERIES,
    finalColumns: FINALS,
  });
  const results = resolved.runs.map((run) => {
    const k = arms.indexOf(run.params.ranker as string);
    const series = [0, 10, 20].map((t) => ({ t, values: { 'opinion.variance': 0.1 + 0.01 * k * t + 0.001 * run.replicate, 'opinion.mean': 0.5 } }));
    const cascades = withCascades ? [1, 2, 3, 10 + k, 50 + run.replicate].map((s) => ({ 'cascade.size': s, 'cascade.depth': 1 })) : [];
    return fixtureResult(run, { 'opinion.variance': 0.1 + 0.2 * k + 0.001 * run.replicate, 'opinion.mean': 0.5, consensus: run.replicate % 2 }, { series, cascades });
  });
  return { resolved, results };
}

function kinds(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/<figure class="chart" data-kind="([a-z-]+)"/g)) out[m[1]] = (out[m[1]] ?? 0) + 1;
  return out;
}

function inlineSvgs(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>(?=<figcaption|<\/figure>)/g)].map((m) => m[0]);
}

describe('reportHtml', () => {
  const two = experiment(['chronological', 'engagement']);
  const manifest = { echolab: '0.1.0', git: { commit: 'abc1234', dirty: false }, node: 'v20.0.0', started: '2026-01-01T00:00:00Z', runs: two.resolved.runs };
  const html = reportHtml(two.resolved, two.results, { manifest });

  it('is self-contained: no script, stylesheet link, import or remote URL; every link is in-page', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html).not.toMatch(/\s(src|href|xlink:href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//i);
    for (const m of html.matchAll(/\shref="([^"]*)"/g)) expect(m[1].startsWith('#')).toBe(true);
    expect(html).toContain('<style>');
  });

  it('one chart per series metric, per final metric (distribution and paired difference), and one cascade CCDF', () => {
    expect(kinds(html)).toEqual({ line: SERIES.length, distribution: FINALS.length, difference: FINALS.length, ccdf: 1 });
    expect(inlineSvgs(html)).toHaveLength(SERIES.length + 2 * FINALS.length + 1);
  });

  it('every inline chart is well-formed SVG, and ids are unique across the page', () => {
    for (const svg of inlineSvgs(html)) parseSvg(svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"'));
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // In-page links land on an element.
    for (const m of html.matchAll(/\shref="#([^"]*)"/g)) expect(ids).toContain(m[1]);
  });

  it('escapes the experiment text and shows question, setup, tables and provenance', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Does ranking by engagement polarise? &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>Ranker &lt;&amp;&gt; test</title>');
    expect(html).toContain('id="setup"');
    expect((html.match(/<table class="stats">/g) ?? []).length).toBe(FINALS.length);
    expect((html.match(/<table class="differences">/g) ?? []).length).toBe(FINALS.length);
    expect(html).toContain('abc1234');
    for (const run of two.resolved.runs) expect(html).toContain(run.seedKey.replace(/"/g, '&quot;'));
  });

  it('the paired difference of the hand-built effect appears in its table', () => {
    // Final variance differs by exactly 0.2 between the arms in every replicate.
    const table = /<table class="differences">[\s\S]*?<\/table>/.exec(html.slice(html.indexOf('data-metric="opinion.variance"')))![0];
    expect(table).toContain('<td class="num">0.2</td><td class="ci">[0.2, 0.2]</td>');
  });

  it('is deterministic', () => {
    expect(reportHtml(two.resolved, two.results, { manifest })).toBe(html);
  });

  it('leaves out what does not exist: no cascades, no CCDF; one arm, no differences', () => {
    const noCascades = experiment(['a', 'b'], false);
    expect(kinds(reportHtml(noCascades.resolved, noCascades.results)).ccdf).toBeUndefined();
    const one = experiment(['only']);
    const k = kinds(reportHtml(one.resolved, one.results));
    expect(k.difference).toBeUndefined();
    expect(k.distribution).toBe(FINALS.length);
  });

  it('many arms: still one time-series figure per metric, drawn as small multiples', () => {
    const many = experiment(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    const text = reportHtml(many.resolved, many.results);
    expect(kinds(text).line).toBe(SERIES.length);
    const first = inlineSvgs(text)[0];
    const doc = parseSvg(first.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"'));
    expect(elements(doc, 'svg').filter((s) => s.getAttribute('class') === 'panel')).toHaveLength(8);
  });

  it('renders with no results at all (an empty shard) instead of failing', () => {
    const { resolved } = experiment(['a', 'b']);
    const text = reportHtml(resolved, []);
    expect(text).toContain('0 of 6 runs');
    expect(kinds(text).line).toBeUndefined();
  });

  it('carries the page policy at the top of <head>, before anything that could be injected', () => {
    expect(html).toContain(PAGE_POLICY_META);
    expect(html.indexOf(PAGE_POLICY_META)).toBeLessThan(html.indexOf('<title>'));
  });

  describe.skipIf(browserSkipReason !== null)(browserSkipReason ?? 'in headless Chromium, offline', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('loads without a single network request and lays out every chart', async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.setContent(html);
      const boxes = await page.$$eval('figure.chart > svg', (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]));
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      expect(boxes).toHaveLength(SERIES.length + 2 * FINALS.length + 1);
      for (const [w, h] of boxes) {
        expect(w).toBeGreaterThan(200);
        expect(h).toBeGreaterThan(80);
      }
      await page.close();
    });

    it('its Content-Security-Policy keeps a script that slipped past escaping from running or fetching', async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      // Simulate an escaping bug: markup injected into the body after the head is written.
      const broken = html.replace('<main>', '<main><script>document.title = "ran"</script><img src="http://example.invalid/x.png" onerror="document.title = \'ran\'">');
      await page.setContent(broken);
      expect(await page.title()).not.toBe('ran');
      expect(requests).toEqual([]);
      await page.close();
      // Without the policy the same page does run it, so the check above can fail (a new page: a document keeps its policy).
      const bare = await browser.newPage();
      await bare.route('**/*', (route) => route.abort());
      await bare.setContent(broken.replace(PAGE_POLICY_META, ''));
      expect(await bare.title()).toBe('ran');
      await bare.close();
    });
  });
});
