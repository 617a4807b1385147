/**
 * Live charts of the running simulation: chart specs built from the metrics
 * series and rendered by the shared SVG renderer (src/viz/charts), plus two
 * kinds that renderer lacks: an opinion histogram of pre-binned counts
 * (bars coloured by opinion) and the hoax's cascade tree.
 */
import type { CascadeTree, ChartId, DemoMetrics, Lang } from '../engine/demo-protocol.js';
import type { LineChartSpec, LineSeries } from '../charts/chart-spec.js';
import { OKABE_ITO } from '../charts/chart-spec.js';
import { renderSvg } from '../charts/render-svg.js';
import { escapeXml } from '../charts/svg-text.js';
import { opinionColour } from './palette.js';
import { formatNumber, t } from './ui-text.js';

export const CHART_WIDTH = 330;
const CHART_HEIGHT = 190;
/** Points per line at most (older ticks are thinned, the latest always kept). */
const MAX_POINTS = 240;

export interface ChartInput {
  readonly series: readonly DemoMetrics[];
  readonly histogram: readonly number[];
  readonly cascade: CascadeTree | null;
  readonly alertThreshold: number;
  readonly lang: Lang;
}

function thin(series: readonly DemoMetrics[]): DemoMetrics[] {
  if (series.length <= MAX_POINTS) return [...series];
  const out: DemoMetrics[] = [];
  const step = (series.length - 1) / (MAX_POINTS - 1);
  for (let k = 0; k < MAX_POINTS; k++) out.push(series[Math.round(k * step)]);
  return out;
}

function line(name: string, rows: readonly DemoMetrics[], get: (m: DemoMetrics) => number, colour: string, dash?: string): LineSeries {
  return { name, x: rows.map((m) => m.hours), y: rows.map(get), colour, dash };
}

function lineChart(title: string, subtitle: string, yLabel: string, series: LineSeries[], lang: Lang, y: { min?: number; max?: number } = {}, reference?: LineChartSpec['reference']): string {
  const spec: LineChartSpec = {
    kind: 'line',
    title,
    subtitle,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    x: { label: t('axisHours', lang), unit: t('hours', lang), includeZero: true },
    y: { label: yLabel, ...y },
    series,
    ...(reference !== undefined ? { reference } : {}),
  };
  return spec.series.every((s) => s.x.length === 0) ? '' : renderSvg(spec, { standalone: false, idPrefix: `live-${title.replace(/\W+/g, '-')}` });
}

/**
 * French writes decimals with a comma. The shared renderer writes tick
 * labels with a point; its text nodes that are a bare number are exactly
 * the tick labels (titles and legends hold words), so they are rewritten.
 */
export function localiseNumbers(svg: string, lang: Lang): string {
  return lang === 'fr' ? svg.replace(/>(−?-?\d+)\.(\d+)</g, '>$1,$2<') : svg;
}

/** The SVG of one chart (empty string when there is nothing to draw yet). */
export function renderChart(id: ChartId, input: ChartInput): string {
  return localiseNumbers(renderChartIn(id, input), input.lang);
}

function renderChartIn(id: ChartId, input: ChartInput): string {
  const { lang } = input;
  const rows = thin(input.series);
  switch (id) {
    case 'polarisation':
      // The bimodality coefficient rises as opinions split into two camps (5/9 for an even spread);
      // variance can fall while camps separate, and would read as "less polarised".
      return lineChart(t('chartPolarisation', lang), t('chartPolarisationSub', lang), t('axisValue', lang), [line(t('chartPolarisation', lang), rows, (m) => m.bimodality, OKABE_ITO.blue)], lang, { min: 0, max: 1 }, {
        y: 5 / 9,
        label: t('seriesEvenSpread', lang),
      });
    case 'leaning-correlation':
      return lineChart(t('chartLeaning', lang), t('chartLeaningSub', lang), t('axisValue', lang), [line(t('chartLeaning', lang), rows, (m) => m.leaningCorrelation, OKABE_ITO.reddishPurple)], lang, { min: -0.2, max: 1 });
    case 'perceived-share':
      return lineChart(
        t('chartPerceived', lang),
        t('chartPerceivedSub', lang),
        t('axisShare', lang),
        [
          line(t('seriesTrue', lang), rows, (m) => m.trueShare, OKABE_ITO.black),
          line(t('seriesPerceived', lang), rows, (m) => m.perceivedShare, OKABE_ITO.vermillion),
          line(t('seriesIllusion', lang), rows, (m) => m.illusionShare, OKABE_ITO.bluishGreen, '6 3'),
        ],
        lang,
        { min: 0, max: 1 },
      );
    case 'own-side':
      return lineChart(
        t('chartOwnSide', lang),
        t('chartOwnSideSub', lang),
        t('axisShare', lang),
        [
          line(t('seriesOwnRight', lang), rows, (m) => m.perceivedOwnRight, OKABE_ITO.vermillion),
          line(t('seriesTrueRight', lang), rows, (m) => m.trueShare, OKABE_ITO.vermillion, '4 3'),
          line(t('seriesOwnLeft', lang), rows, (m) => m.perceivedOwnLeft, OKABE_ITO.blue),
          line(t('seriesTrueLeft', lang), rows, (m) => 1 - m.trueShare, OKABE_ITO.blue, '4 3'),
        ],
        lang,
        { min: 0, max: 1 },
      );
    case 'hoax':
      return lineChart(t('chartHoax', lang), t('chartHoaxSub', lang), t('axisAccounts', lang), [line(t('seriesReach', lang), rows, (m) => m.hoaxReach, OKABE_ITO.vermillion)], lang, { min: 0 });
    case 'hoax-volume': {
      // Posts per tick over the tick's length in hours: a rate that does not depend on the tick chosen.
      const tickHours = input.series.length > 1 ? input.series[1].hours - input.series[0].hours : 1;
      return lineChart(t('chartHoaxVolume', lang), t('chartHoaxVolumeSub', lang), t('axisPerHour', lang), [line(t('seriesVolume', lang), rows, (m) => m.hoaxVolume / (tickHours > 0 ? tickHours : 1), OKABE_ITO.blue)], lang, { min: 0 });
    }
    case 'alert': {
      const svg = lineChart(
        t('chartAlert', lang),
        t('chartAlertSub', lang),
        t('seriesZ', lang),
        [line(t('seriesZ', lang), rows, (m) => m.alertZ, OKABE_ITO.blue), line(t('seriesThreshold', lang), rows, () => input.alertThreshold, OKABE_ITO.vermillion, '4 3')],
        lang,
      );
      const fired = input.series.find((m) => m.alertFired);
      const note = fired ? `${t('alertFired', lang)} ${formatNumber(fired.hours, lang, 1)} ${t('hours', lang)}` : t('alertNotFired', lang);
      return svg ? `${svg}<p class="chart-note" data-alert-fired="${fired ? 'yes' : 'no'}">${escapeXml(note)}</p>` : '';
    }
    case 'poll':
      return lineChart(
        t('chartPoll', lang),
        t('chartPollSub', lang),
        t('axisShare', lang),
        [line(t('seriesPoll', lang), rows, (m) => m.pollYes, OKABE_ITO.bluishGreen), line(t('seriesTrueYes', lang), rows, (m) => m.trueShare, OKABE_ITO.black, '4 3')],
        lang,
        { min: 0, max: 1 },
      );
    case 'histogram':
      return histogramSvg(input.histogram, lang);
    case 'cascade':
      return cascadeSvg(input.cascade, lang);
  }
}

/** The first number a chart plots, latest value (tests read it to see a chart move). */
export function chartValue(id: ChartId, m: DemoMetrics | undefined, histogram: readonly number[], cascade: CascadeTree | null): number {
  if (!m) return NaN;
  switch (id) {
    case 'polarisation':
      return m.bimodality;
    case 'leaning-correlation':
      return m.leaningCorrelation;
    case 'perceived-share':
      return m.perceivedShare;
    case 'own-side':
      return m.perceivedOwnRight;
    case 'hoax':
      return m.hoaxReach;
    case 'hoax-volume':
      return m.hoaxVolume;
    case 'alert':
      return m.alertZ;
    case 'poll':
      return m.pollYes;
    case 'histogram':
      return histogram.reduce((s, c, k) => s + c * k, 0);
    case 'cascade':
      return cascade ? cascade.posts.length : 0;
  }
}

function histogramSvg(counts: readonly number[], lang: Lang): string {
  if (counts.length === 0) return '';
  const w = CHART_WIDTH;
  const h = CHART_HEIGHT;
  const left = 40;
  const right = 10;
  const top = 44;
  const bottom = 34;
  const max = Math.max(1, ...counts);
  const bw = (w - left - right) / counts.length;
  const bars = counts
    .map((c, k) => {
      const bh = ((h - top - bottom) * c) / max;
      const mid = -1 + (2 * (k + 0.5)) / counts.length;
      return `<rect x="${(left + k * bw + 0.5).toFixed(1)}" y="${(h - bottom - bh).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="${opinionColour(mid)}"><title>${formatNumber(mid, lang, 2)}: ${c}</title></rect>`;
    })
    .join('');
  const ticks = [-1, -0.5, 0, 0.5, 1]
    .map((v) => {
      const x = left + ((v + 1) / 2) * (w - left - right);
      return `<line x1="${x}" x2="${x}" y1="${h - bottom}" y2="${h - bottom + 4}" stroke="#555"/><text x="${x}" y="${h - bottom + 16}" font-size="11" text-anchor="middle" fill="#444">${formatNumber(v, lang, 1)}</text>`;
    })
    .join('');
  return (
    `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(t('chartHistogram', lang))}">` +
    `<text x="0" y="16" font-size="14" font-weight="600" fill="#222">${escapeXml(t('chartHistogram', lang))}</text>` +
    `<text x="0" y="32" font-size="11" fill="#666">${escapeXml(t('chartHistogramSub', lang))}</text>` +
    `<text x="${left - 6}" y="${top + 4}" font-size="11" text-anchor="end" fill="#444">${max}</text>` +
    `<text x="${left - 6}" y="${h - bottom}" font-size="11" text-anchor="end" fill="#444">0</text>` +
    bars +
    `<line x1="${left}" x2="${w - right}" y1="${h - bottom}" y2="${h - bottom}" stroke="#555"/>` +
    ticks +
    `<text x="${(left + w - right) / 2}" y="${h - 2}" font-size="11" text-anchor="middle" fill="#444">${escapeXml(t('axisOpinion', lang))}</text>` +
    `</svg>`
  );
}

/** Posts drawn at most in the cascade tree (the earliest ones). */
const CASCADE_CAP = 1500;

function cascadeSvg(tree: CascadeTree | null, lang: Lang): string {
  const w = CHART_WIDTH;
  const h = 220;
  const head =
    `<text x="0" y="16" font-size="14" font-weight="600" fill="#222">${escapeXml(t('chartCascade', lang))}</text>` +
    `<text x="0" y="32" font-size="11" fill="#666">${escapeXml(t('chartCascadeSub', lang))}</text>`;
  if (!tree || tree.posts.length === 0) {
    return `<svg width="${w}" height="60" viewBox="0 0 ${w} 60" role="img" aria-label="${escapeXml(t('chartCascade', lang))}">${head}<text x="0" y="52" font-size="12" fill="#444">${escapeXml(t('cascadeEmpty', lang))}</text></svg>`;
  }
  const posts = [...tree.posts].sort((a, b) => a.hours - b.hours || a.post - b.post).slice(0, CASCADE_CAP);
  const index = new Map<number, number>();
  posts.forEach((p, k) => index.set(p.post, k));
  const children: number[][] = posts.map(() => []);
  const roots: number[] = [];
  posts.forEach((p, k) => {
    const parent = index.get(p.parent);
    if (parent === undefined || p.parent < 0) roots.push(k);
    else children[parent].push(k);
  });
  // Leaves get consecutive rows in depth-first order; a parent sits at the mean of its children.
  const row = new Float64Array(posts.length);
  let next = 0;
  const place = (root: number): void => {
    const stack: [number, boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [k, done] = stack.pop()!;
      if (done || children[k].length === 0) {
        if (children[k].length === 0) row[k] = next++;
        else row[k] = children[k].reduce((s, c) => s + row[c], 0) / children[k].length;
        continue;
      }
      stack.push([k, true]);
      for (let c = children[k].length - 1; c >= 0; c--) stack.push([children[k][c], false]);
    }
  };
  roots.forEach(place);
  const top = 44;
  const left = 8;
  const bottom = 26;
  const maxH = Math.max(1e-9, posts[posts.length - 1].hours - posts[0].hours);
  const t0 = posts[0].hours;
  const X = (hours: number): number => left + ((hours - t0) / maxH) * (w - left - 10);
  const Y = (r: number): number => top + (next <= 1 ? 0.5 : r / (next - 1)) * (h - top - bottom);
  let lines = '';
  let dots = '';
  posts.forEach((p, k) => {
    const parent = index.get(p.parent);
    if (parent !== undefined && p.parent >= 0) lines += `M${X(posts[parent].hours).toFixed(1)} ${Y(row[parent]).toFixed(1)}L${X(p.hours).toFixed(1)} ${Y(row[k]).toFixed(1)}`;
    dots += `<circle cx="${X(p.hours).toFixed(1)}" cy="${Y(row[k]).toFixed(1)}" r="${k === 0 ? 4 : 2}" fill="${k === 0 ? '#000' : OKABE_ITO.vermillion}"/>`;
  });
  return (
    `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(t('chartCascade', lang))}" data-posts="${tree.posts.length}">` +
    head +
    `<path d="${lines}" stroke="#888" stroke-width="0.7" fill="none"/>` +
    dots +
    `<text x="${left}" y="${h - 6}" font-size="11" fill="#444">${formatNumber(t0, lang, 1)} ${t('hours', lang)}</text>` +
    `<text x="${w - 10}" y="${h - 6}" font-size="11" text-anchor="end" fill="#444">${formatNumber(t0 + maxH, lang, 1)} ${t('hours', lang)} · ${tree.posts.length} ${escapeXml(t('posts', lang))}</text>` +
    `</svg>`
  );
}
