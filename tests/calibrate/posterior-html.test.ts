/**
 * The calibration fit page (src/calibrate/posterior-html.ts): 2P + 2 charts
 * for P parameters (two without a best draw), one marker per finite draw in
 * the distance scatter (adding a draw adds exactly one), the accepted count
 * in the histogram, no external resources, and text escaped.
 */
import { describe, expect, it } from 'vitest';
import { posteriorHtml, type PosteriorPage, type PosteriorPoint } from '../../src/calibrate/posterior-html.js';
import { PAGE_POLICY_META } from '../../src/report/page-policy.js';

const summary = { mean: 0.2, median: 0.2, q05: 0.1, q95: 0.3 };

function page(points: PosteriorPoint[], withBest = true, prior: PosteriorPage['prior'] = { p: [0, 0.5] }): PosteriorPage {
  return {
    title: 'Calibration of <ic> & co',
    lead: ['lead'],
    prior,
    posterior: Object.fromEntries(Object.keys(prior).map((k) => [k, summary])),
    points,
    best: withBest ? { params: points[0].params, distance: points[0].distance } : undefined,
    archiveName: 'archive',
    archive: { size: [1, 2, 3, 10], depth: [0, 1, 1, 2] },
    bestSimulated: withBest ? { size: [1, 2, 4], depth: [0, 1, 2] } : undefined,
    notes: [],
  };
}

const POINTS: PosteriorPoint[] = [
  { params: { p: 0.2, q: 1 }, distance: 0.05, accepted: true },
  { params: { p: 0.25, q: 2 }, distance: 0.08, accepted: true },
  { params: { p: 0.4, q: 3 }, distance: 0.3, accepted: false },
  { params: { p: 0.01, q: 4 }, distance: NaN, accepted: false },
];

function figures(html: string, kind: string): string[] {
  return [...html.matchAll(new RegExp(`<figure class="chart" data-kind="${kind}"[^>]*>[\\s\\S]*?</figure>`, 'g'))].map((m) => m[0]);
}

describe('posterior.html', () => {
  it('has a histogram and a scatter per parameter and two CCDFs, self-contained and escaped', () => {
    const one = posteriorHtml(page(POINTS));
    expect(one).toContain(PAGE_POLICY_META);
    expect(one.match(/<svg[\s>]/g)?.length).toBe(4);
    const two = posteriorHtml(page(POINTS, true, { p: [0, 0.5], q: [0, 5] }));
    expect(two.match(/<svg[\s>]/g)?.length).toBe(6);
    expect(figures(two, 'histogram')).toHaveLength(2);
    expect(figures(two, 'scatter')).toHaveLength(2);
    expect(figures(two, 'ccdf')).toHaveLength(2);
    expect(posteriorHtml(page(POINTS, false)).match(/<svg[\s>]/g)?.length).toBe(2);
    expect(one).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org)/);
    expect(one).toContain('Calibration of &lt;ic&gt; &amp; co');
    expect(one).toContain('2 accepted, over the prior U[0, 0.5]');
  });

  it('with a holdout, an out-of-sample section: both distances, their difference and a row per feature, the seed escaped', () => {
    const outOfSample = {
      split: { fraction: 0.5, seed: '<s>', fit: 198, heldOut: 172 },
      inSample: 0.1014,
      heldOut: 0.0907,
      difference: -0.0107,
      features: { size: { inSample: 0.0856, heldOut: 0.0724 }, depth: { inSample: 0.12, heldOut: 0.158 } },
    };
    const html = posteriorHtml({ ...page(POINTS), outOfSample });
    const section = html.slice(html.indexOf('<h2>Out of sample</h2>'));
    expect(section).toContain('Fitted on 198 cascades, 172 held out (50 %');
    expect(section).toContain('<strong>0.1014</strong> to the fitted cascades, <strong>0.0907</strong> to the held-out ones (difference -0.0107)');
    expect(section).toContain('seed &quot;&lt;s&gt;&quot;');
    expect(section.slice(0, section.indexOf('</table>')).match(/<tr>/g)).toHaveLength(3);
    expect(posteriorHtml(page(POINTS))).not.toContain('Out of sample');
  });

  it('one scatter marker per draw with a finite distance', () => {
    const circles = (pts: PosteriorPoint[]): number => (figures(posteriorHtml(page(pts)), 'scatter')[0].match(/<circle/g) ?? []).length;
    const base = circles(POINTS);
    expect(circles([...POINTS, { params: { p: 0.3, q: 0 }, distance: 0.2, accepted: false }])).toBe(base + 1);
    expect(circles([...POINTS, { params: { p: 0.3, q: 0 }, distance: Infinity, accepted: false }])).toBe(base);
    expect(circles([...POINTS, { params: { p: 0.1, q: 0 }, distance: 0.01, accepted: true }])).toBe(base + 1);
  });
});
