/**
 * The teaching demo on every screen, in headless Chromium: a phone, a
 * tablet, a laptop and a desktop. On each, the page must not scroll
 * sideways, the graph must be drawn inside the first screen at a useful
 * size, and Play, Step and Reset must be whole on screen. On narrow screens
 * the controls panel is a drawer (opened by the Controls button, closed by
 * Escape or a tap beside it), and on the phone tapping a dot shows its
 * account. Screenshots are saved to test-artifacts/demo/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser } from '../support/browser.js';
import { inkPixels } from './demo-pages.js';
import { REPO_ROOT, startDemoSite, type DemoSite } from './demo-site.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'demo');

interface Screen {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** A touch device: a mobile viewport (the page's viewport meta applies) and touch events. */
  readonly touch: boolean;
}

const SCREENS: readonly Screen[] = [
  { name: 'phone', width: 390, height: 844, touch: true },
  { name: 'tablet', width: 768, height: 1024, touch: true },
  { name: 'laptop', width: 1366, height: 768, touch: false },
  { name: 'desktop', width: 1920, height: 1080, touch: false },
];

/** Up to this width the controls are a drawer (DRAWER_QUERY in src/viz/app/layout.ts). */
const DRAWER_WIDTH = 900;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

describe.skipIf(browserSkipReason !== null)(browserSkipReason ?? 'the teaching demo on phone, tablet, laptop and desktop screens', () => {
  let browser: Browser;
  let site: DemoSite;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [site, browser] = await Promise.all([startDemoSite(), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });


  async function box(page: Page, selector: string): Promise<Box> {
    const b = await page.locator(selector).boundingBox();
    expect(b, `${selector} has no box`).not.toBeNull();
    return b!;
  }

  function expectInside(b: Box, screen: Screen, what: string): void {
    expect(b.x, `${what} left edge`).toBeGreaterThanOrEqual(0);
    expect(b.y, `${what} top edge`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${what} right edge`).toBeLessThanOrEqual(screen.width);
    expect(b.y + b.height, `${what} bottom edge`).toBeLessThanOrEqual(screen.height);
  }

  const expanded = (page: Page): Promise<string | null> => page.getAttribute('#controls-toggle', 'aria-expanded');
  const focusInPanel = (page: Page): Promise<boolean> => page.evaluate(() => document.getElementById('controls-panel')!.contains(document.activeElement));

  for (const screen of SCREENS) {
    it(`${screen.name} (${screen.width}×${screen.height})`, async () => {
      const context = await browser.newContext({
        viewport: { width: screen.width, height: screen.height },
        deviceScaleFactor: 1,
        isMobile: screen.touch,
        hasTouch: screen.touch,
      });
      const page = await context.newPage();
      // Transpilers may keep function names through a `__name` helper that code evaluated in the page needs too.
      await page.addInitScript('globalThis.__name = (f) => f;');
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(site.url);
        await page.waitForFunction(() => window.__echolab?.ready() === true, null, { timeout: 30_000 });
        await page.waitForFunction(() => window.__echolab!.renders() > 0);
        // A few layout steps drawn, so the screenshot shows the network rather than its starting discs.
        await page.waitForTimeout(600);
        await page.screenshot({ path: path.join(ARTIFACTS, `screen-${screen.name}.png`) });

        // No sideways scrolling: with a mobile viewport an overflowing page would widen the layout viewport itself.
        const scroll = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, inner: window.innerWidth }));
        expect(scroll.width, 'page wider than the screen').toBeLessThanOrEqual(screen.width);
        expect(scroll.inner).toBe(screen.width);

        // The graph, drawn, in the first screen and large enough to read.
        const graph = await box(page, '#graph');
        expectInside(graph, screen, 'graph');
        expect(graph.height, 'graph height').toBeGreaterThanOrEqual(0.45 * screen.height);
        expect(graph.width, 'graph width').toBeGreaterThanOrEqual(0.45 * screen.width);
        const png = await page.screenshot({ clip: graph });
        // 2,000 dots cover far more than 2 % of the area; a blank canvas has none.
        expect(await inkPixels(page, png), 'graph drawn').toBeGreaterThan(0.02 * graph.width * graph.height);

        for (const id of ['play', 'step', 'reset']) {
          expect(await page.isVisible(`#${id}`), id).toBe(true);
          expectInside(await box(page, `#${id}`), screen, id);
        }

        if (screen.width <= DRAWER_WIDTH) {
          // The controls are in a drawer: closed at first, opened by the Controls button with focus inside it.
          expect(await page.isVisible('#controls-toggle')).toBe(true);
          expectInside(await box(page, '#controls-toggle'), screen, 'controls button');
          expect(await page.getAttribute('#controls-toggle', 'aria-controls')).toBe('controls-panel');
          expect(await expanded(page)).toBe('false');
          expect(await page.isHidden('#controls-panel')).toBe(true);
          await page.click('#controls-toggle');
          expect(await expanded(page)).toBe('true');
          await expect.poll(() => page.isVisible('#controls-panel')).toBe(true);
          // Slid fully in: on screen, over the page, with its first control reachable.
          await expect.poll(async () => (await box(page, '#controls-panel')).x).toBe(0);
          expectInside(await box(page, '#controls-panel'), screen, 'drawer');
          expect(await page.isVisible('#controls select')).toBe(true);
          expect(await focusInPanel(page)).toBe(true);
          await page.screenshot({ path: path.join(ARTIFACTS, `screen-${screen.name}-drawer.png`) });
          // Escape closes it and gives focus back to the button.
          await page.keyboard.press('Escape');
          expect(await expanded(page)).toBe('false');
          await expect.poll(() => page.isHidden('#controls-panel')).toBe(true);
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('controls-toggle');
          // From the keyboard: Enter opens it, and tabbing out of it closes it.
          await page.keyboard.press('Enter');
          expect(await expanded(page)).toBe('true');
          await expect.poll(() => focusInPanel(page)).toBe(true);
          await page.keyboard.press('Shift+Tab');
          expect(await expanded(page)).toBe('false');
          await expect.poll(() => page.isHidden('#controls-panel')).toBe(true);
          // A tap beside the open drawer closes it too.
          await page.click('#controls-toggle');
          await expect.poll(() => page.isVisible('#controls-panel')).toBe(true);
          await page.mouse.click(screen.width - 10, screen.height / 2);
          expect(await expanded(page)).toBe('false');
          await expect.poll(() => page.isHidden('#controls-panel')).toBe(true);
          // The charts follow the graph, within the screen's width.
          const charts = await box(page, '#charts');
          expect(charts.y).toBeGreaterThanOrEqual(graph.y + graph.height);
          expect(charts.x + charts.width).toBeLessThanOrEqual(screen.width);
        } else {
          // Wide screens: the controls are a column of their own and need no button.
          expect(await page.isHidden('#controls-toggle')).toBe(true);
          expect(await page.isVisible('#controls-panel')).toBe(true);
          expect(await page.isVisible('#controls select')).toBe(true);
        }

        if (screen.name === 'phone') {
          // Tap a dot near the middle of the graph, once the layout has stopped moving it.
          await page.waitForFunction(() => !window.__echolab!.layoutRunning(), null, { timeout: 15_000 });
          const target = await page.evaluate(() => {
            const g = document.getElementById('graph')!.getBoundingClientRect();
            const cx = g.left + g.width / 2;
            const cy = g.top + g.height * 0.6;
            let best: { x: number; y: number } | null = null;
            for (let i = 0, bestD = Infinity; ; i++) {
              const p = window.__echolab!.nodePosition(i);
              if (!p) break;
              const d = Math.hypot(p.x - cx, p.y - cy);
              if (d < bestD) [bestD, best] = [d, p];
            }
            return best;
          });
          expect(target).not.toBeNull();
          expectInside({ ...target!, width: 0, height: 0 }, screen, 'tapped dot');
          await page.touchscreen.tap(target!.x, target!.y);
          // The tap picks the account drawn there (maybe a neighbour on top): its card and its feed.
          await expect.poll(() => page.inputValue('#feed-node')).toMatch(/^\d+$/);
          const node = await page.inputValue('#feed-node');
          await expect.poll(() => page.textContent('#card h3')).toContain(`#${node}`);
          expect(await page.isVisible('#card h3')).toBe(true);
          await page.screenshot({ path: path.join(ARTIFACTS, `screen-${screen.name}-card.png`) });
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(screen.width);
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
