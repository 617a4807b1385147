/**
 * The built demo site and a browser for a block of tests (started before
 * it, closed after it); opening the demo in a browser page: console and
 * page errors collected, resolved once the worker has sent `ready`; and the
 * count of non-white pixels of a PNG, decoded in the page (no image library
 * in Node).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and uncaught page errors, as they come. */
  readonly errors: string[];
}

/** A fresh page on `url`; `initScript` runs before the page's own scripts. */
export async function openDemoPage(browser: Browser, url: string, options: { readonly viewport?: { width: number; height: number }; readonly initScript?: string } = {}): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  // Transpilers may keep function names through a `__name` helper that code evaluated in the page needs too.
  await page.addInitScript('globalThis.__name = (f) => f;');
  if (options.initScript !== undefined) await page.addInitScript(options.initScript);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__echolab?.ready() === true, null, { timeout: 20_000 });
  return { page, errors };
}

/** Non-white pixels of a PNG (any channel below 235). */
export function inkPixels(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++;
    return n;
  }, png.toString('base64'));
}

export interface DemoHarness {
  readonly browser: Browser;
  readonly site: DemoSite;
  /** A page on the site's `query`, with the block's default options unless given. */
  open(query?: string, options?: { readonly viewport?: { width: number; height: number }; readonly initScript?: string }): Promise<OpenedPage>;
}

/** Builds and serves the demo and launches Chromium before the calling block's tests; closes both after them. */
export function useDemoSite(defaults: { readonly viewport?: { width: number; height: number }; readonly initScript?: string } = {}): DemoHarness {
  let browser: Browser | undefined;
  let site: DemoSite | undefined;
  beforeAll(async () => {
    [site, browser] = await Promise.all([startDemoSite(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`the demo ${what} has not started`);
    return v;
  };
  return {
    get browser() {
      return ready(browser, 'browser');
    },
    get site() {
      return ready(site, 'site');
    },
    open: (query = '', options = {}) => openDemoPage(ready(browser, 'browser'), ready(site, 'site').url + query, { ...defaults, ...options }),
  };
}
