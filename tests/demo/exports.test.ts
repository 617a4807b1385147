/**
 * The exported PNG is a figure that explains itself once shared: a header
 * band (the preset's title in the page's language, the variant, the seed,
 * the tick and simulated hours), the graph as drawn, and a legend band for
 * the colouring shown. Checked in headless Chromium (tests/support/browser.ts)
 * on the built site: the PNG's size (decoded from its header), ink in both
 * bands, the legend's colours per colouring, and the texts drawn, recorded by
 * wrapping the 2D canvas' fillText before the page loads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSkipReason } from '../support/browser.js';
import { presetInfo } from '../../src/viz/engine/demo-presets.js';
import { HOAX_SEEN_COLOUR, HOAX_UNSEEN_COLOUR, communityColours, opinionColour } from '../../src/viz/app/palette.js';
import { formatNumber, t } from '../../src/viz/app/ui-text.js';
import { useDemoSite } from './demo-pages.js';

/** Records every text drawn on a 2D canvas into `window.__drawnTexts`. */
const RECORD_TEXTS = `
  globalThis.__name = (f) => f;
  (() => {
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      (window.__drawnTexts ??= []).push(String(text));
      return fillText.call(this, text, ...rest);
    };
  })();
`;

interface Bands {
  width: number;
  height: number;
  /** Non-white pixels in the top 44 rows (the header band's title and details). */
  headerInk: number;
  /** Non-white pixels in the bottom 28 rows (the legend band). */
  legendInk: number;
  /** Colours (#rrggbb) found in the bottom 28 rows. */
  legendColours: string[];
}

/** PNG width and height, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function near(hex: string, colours: readonly string[], tolerance = 6): boolean {
  const rgb = (h: string): number[] => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const want = rgb(hex);
  return colours.some((c) => rgb(c).every((v, k) => Math.abs(v - want[k]) <= tolerance));
}

describe.skipIf(browserSkipReason !== null)(browserSkipReason ?? 'the exported PNG carries a title, the run and a legend', () => {
  const { open } = useDemoSite({ viewport: { width: 1400, height: 900 }, initScript: RECORD_TEXTS });

  /** Clicks the export button; the PNG, and the texts drawn while making it. */
  async function exportPng(page: Page): Promise<{ name: string; png: Buffer; texts: string[] }> {
    await page.evaluate(() => {
      (window as unknown as { __drawnTexts: string[] }).__drawnTexts = [];
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const png = readFileSync(await download.path());
    const texts = await page.evaluate(() => (window as unknown as { __drawnTexts: string[] }).__drawnTexts);
    return { name: download.suggestedFilename(), png, texts };
  }

  /** Decodes the PNG in the page and measures its bands. */
  function bands(page: Page, png: Buffer): Promise<Bands> {
    return page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const ink = (y0: number, y1: number): { n: number; colours: Set<string> } => {
        const d = ctx.getImageData(0, y0, c.width, y1 - y0).data;
        let n = 0;
        const colours = new Set<string>();
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++;
          colours.add(`#${[d[i], d[i + 1], d[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`);
        }
        return { n, colours };
      };
      const legend = ink(c.height - 28, c.height);
      return { width: c.width, height: c.height, headerInk: ink(0, 44).n, legendInk: legend.n, legendColours: [...legend.colours] };
    }, png.toString('base64'));
  }

  it('frames the graph with the preset, variant, seed and clock above and the opinion legend below', async () => {
    const { page, errors } = await open('?preset=echo-chambers&agents=300&seed=png-1&ranker=engagement');
    await page.evaluate(() => window.__echolab!.step(5));
    const hours = await page.evaluate(() => window.__echolab!.frame()!.hours);
    const { name, png, texts } = await exportPng(page);
    expect(name).toBe('echolab-echo-chambers-png-1.png');
    const graph = (await page.locator('#graph').boundingBox())!;
    const size = pngSize(png);
    // Same width as the graph on screen (device pixel ratio 1), taller by the two bands.
    expect(size.width).toBe(Math.round(graph.width));
    expect(size.height).toBeGreaterThan(Math.round(graph.height) + 80);
    const b = await bands(page, png);
    expect(b.width).toBe(size.width);
    // Text in the header band, and the legend's ramp from the far left to the far right opinion.
    expect(b.headerInk).toBeGreaterThan(300);
    expect(b.legendInk).toBeGreaterThan(300);
    expect(near(opinionColour(-0.9), b.legendColours, 12), 'left end of the ramp').toBe(true);
    expect(near(opinionColour(0.9), b.legendColours, 12), 'right end of the ramp').toBe(true);
    const info = presetInfo('echo-chambers');
    expect(texts).toContain(info.title.en);
    const details = texts.find((s) => s.startsWith(`${t('variant', 'en')}: `));
    expect(details).toBe(`${t('variant', 'en')}: ${info.arms.find((a) => a.id === 'engagement')!.label.en} · ${t('seed', 'en')}: png-1 · ${t('tick', 'en')} 5 · ${formatNumber(hours, 'en', 1)} ${t('hours', 'en')} ${t('simulated', 'en')}`);
    for (const key of ['legendLeft', 'legendRight', 'legendBot', 'legendSize'] as const) expect(texts).toContain(t(key, 'en'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('carries the legend of the colouring shown, in the page language: communities, then hoax exposure', async () => {
    const { page, errors } = await open('?preset=crowdstrike-hoax&agents=400&seed=png-2&lang=fr');
    await page.evaluate(() => window.__echolab!.step(30));
    await page.selectOption('#colour-mode', 'community');
    // Louvain's communities come from the worker, then the view recolours.
    await page.waitForTimeout(1500);
    const community = await exportPng(page);
    const cb = await bands(page, community.png);
    expect(cb.headerInk).toBeGreaterThan(300);
    // The biggest community's colour is the first of the palette, whatever the partition.
    const first = [...communityColours(Int32Array.from([0])).values()][0];
    expect(near(first, cb.legendColours), 'a community swatch').toBe(true);
    const info = presetInfo('crowdstrike-hoax');
    expect(community.texts).toContain(info.title.fr);
    const hours = await page.evaluate(() => window.__echolab!.frame()!.hours);
    // French: a no-break space before each colon, a decimal comma.
    const arm = info.arms.find((a) => a.id === info.defaultArm)!.label.fr;
    expect(community.texts).toContain(`Variante\u00a0: ${arm} · Graine\u00a0: png-2 · ${t('tick', 'fr')} 30 · ${formatNumber(hours, 'fr', 1)} h ${t('simulated', 'fr')}`);
    expect(community.texts.join(' ')).toContain(t('legendCommunity', 'fr').split(' ')[0]);

    await page.selectOption('#colour-mode', 'hoax');
    await page.waitForTimeout(300);
    const hoax = await exportPng(page);
    const hb = await bands(page, hoax.png);
    expect(near(HOAX_SEEN_COLOUR, hb.legendColours), 'the “saw it” swatch').toBe(true);
    expect(near(HOAX_UNSEEN_COLOUR, hb.legendColours), 'the “not yet” swatch').toBe(true);
    for (const key of ['legendSeen', 'legendNotSeen', 'legendSize'] as const) expect(hoax.texts).toContain(t(key, 'fr'));
    expect(errors).toEqual([]);
    await page.close();
  });
});
