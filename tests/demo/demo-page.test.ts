/**
 * End-to-end tests of the teaching demo in a real browser (Debian's
 * Chromium driven by playwright-core). The site is built once with vite and
 * served as static files, exactly as `npm run build` output would be.
 *
 * The page exposes a test hook, `window.__echolab` (see src/viz/app/app.ts:
 * series(), frame(), step(n), exportCsv()...), so tests read the metrics the
 * charts are drawn from rather than parsing SVG. Everything else goes
 * through the UI (buttons, selects, keyboard). Screenshots are saved to
 * test-artifacts/demo/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser } from '../support/browser.js';
import { DEFAULT_PRESET, listPresets } from '../../src/viz/engine/demo-presets.js';
import { listPuzzles } from '../../src/viz/engine/puzzles.js';
import { inkPixels, openDemoPage, type OpenedPage } from './demo-pages.js';
import { REPO_ROOT, startDemoSite, type DemoSite } from './demo-site.js';
import { winningFollowEdits } from '../support/majority-puzzle-plan.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'demo');

interface Metrics {
  tick: number;
  hours: number;
  polarisation: number;
  [key: string]: number | boolean;
}

describe.skipIf(browserSkipReason !== null)(browserSkipReason ?? 'teaching demo page in headless Chromium', () => {
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

  const open = (query = ''): Promise<OpenedPage> => openDemoPage(browser, site.url + query, { viewport: { width: 1400, height: 900 } });

  const series = (page: Page): Promise<Metrics[]> => page.evaluate(() => window.__echolab!.series() as unknown as Metrics[]);
  const tick = (page: Page): Promise<number> => page.evaluate(() => window.__echolab!.frame()?.tick ?? -1);


  it('loads with no console errors and draws the graph', async () => {
    const { page, errors } = await open();
    // Let ForceAtlas2 settle a little so the screenshot shows the layout.
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-default.png') });
    const png = await page.locator('#graph').screenshot({ path: path.join(ARTIFACTS, 'graph-default.png') });
    const box = await page.locator('#graph').boundingBox();
    const ink = await inkPixels(page, png);
    // 2,000 dots and their follows cover far more than 2 % of the canvas; a blank or failed WebGL canvas has none.
    expect(ink).toBeGreaterThan(0.02 * box!.width * box!.height);
    expect(await page.evaluate(() => window.__echolab!.renders())).toBeGreaterThan(0);
    expect(await page.locator('#charts figure').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every preset runs and its first chart changes', async () => {
    const presets = listPresets();
    expect(presets.length).toBeGreaterThanOrEqual(7);
    for (const preset of presets) {
      // A smaller network keeps seven presets within the time budget; the dynamics are the preset's own.
      const { page, errors } = await open(`?preset=${preset.id}&agents=300`);
      const first = page.locator('#charts figure').first();
      expect(await first.getAttribute('data-chart')).toBe(preset.charts[0]);
      const before = await first.getAttribute('data-value');
      // Thirty ticks in one message (playing is exercised by the puzzle and keyboard tests).
      await page.evaluate(() => window.__echolab!.step(30));
      expect(await tick(page), preset.id).toBe(30);
      // Charts redraw at most every 400 ms.
      await expect.poll(() => page.locator('#charts figure').first().getAttribute('data-value'), { message: `${preset.id}: first chart ${preset.charts[0]} did not change` }).not.toBe(before);
      // One frame for thirty ticks still carries every tick's row: the start and ticks 1..30.
      expect(await page.locator('#charts figure').first().getAttribute('data-points')).toBe('31');
      await page.screenshot({ path: path.join(ARTIFACTS, `preset-${preset.id}.png`) });
      expect(errors, preset.id).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('the same URL reproduces the same run, in the page and in Node', async () => {
    const query = '?preset=echo-chambers&agents=500&seed=class-7';
    const runs: { series: Metrics[]; csv: string }[] = [];
    for (let k = 0; k < 2; k++) {
      const { page } = await open(query);
      for (let s = 0; s < 3; s++) await page.evaluate(() => window.__echolab!.step(4));
      runs.push({ series: await series(page), csv: await page.evaluate(() => window.__echolab!.exportCsv()) });
      await page.close();
    }
    expect(runs[0].series.length).toBeGreaterThan(3);
    expect(runs[0].series.at(-1)!.tick).toBe(12);
    expect(runs[1].series).toEqual(runs[0].series);
    expect(runs[1].csv).toBe(runs[0].csv);
    // And a different seed gives a different run (the test above could not pass by ignoring the seed).
    const { page } = await open('?preset=echo-chambers&agents=500&seed=class-8');
    for (let s = 0; s < 3; s++) await page.evaluate(() => window.__echolab!.step(4));
    expect(await page.evaluate(() => window.__echolab!.exportCsv())).not.toBe(runs[0].csv);
    await page.close();
    // The page's Web Worker and Node run the same seeded engine: the link's run in Node gives the same CSV, byte for byte.
    const { parseDemoUrl } = await import('../../src/viz/engine/url-state.js');
    const { DemoSession } = await import('../../src/viz/engine/demo-session.js');
    const parsed = parseDemoUrl(query);
    expect(parsed.problems).toEqual([]);
    const node = DemoSession.create(parsed.config).session;
    for (let s = 0; s < 3; s++) node.step(4);
    expect(node.seriesCsv()).toBe(runs[0].csv);
  });

  it('the URL follows the controls, and loading it restores them', async () => {
    const { page } = await open('?preset=echo-chambers&agents=300');
    await page.selectOption('#controls select[id^="param-ranker-"]', 'similarity');
    await page.waitForFunction(() => window.__echolab!.ready() && window.__echolab!.config().params.ranker === 'similarity');
    const url = page.url();
    expect(url).toContain('ranker=similarity');
    await page.close();
    const again = await open(url.slice(url.indexOf('?')));
    expect(await again.page.inputValue('#controls select[id^="param-ranker-"]')).toBe('similarity');
    await again.page.close();
  });

  it('the language toggle changes the texts', async () => {
    const { page } = await open();
    const question = await page.textContent('#preset-question');
    const play = await page.textContent('#play');
    await page.selectOption('#lang-select', 'fr');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('#preset-question')).not.toBe(question);
    expect(await page.textContent('#play')).not.toBe(play);
    expect(await page.textContent('#play')).toBe('Lecture');
    expect(page.url()).toContain('lang=fr');
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-fr.png') });
    await page.close();
  });

  it('a tampered URL loads with a problem notice and defaults', async () => {
    const { page, errors } = await open('?preset=nope&agents=-5&ranker=xyz&seed=');
    await expect.poll(() => page.isVisible('#notice')).toBe(true);
    const notice = (await page.textContent('#notice')) ?? '';
    expect(notice).toContain('preset');
    expect(notice).toContain('agents');
    expect(notice).toContain('ranker');
    const config = await page.evaluate(() => window.__echolab!.config());
    expect(config.preset).toBe(DEFAULT_PRESET);
    expect(config.params).toEqual({});
    expect(config.seed).not.toBe('');
    expect(await tick(page)).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tampered-url.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a link over the follows bound gets a notice naming the parameter, its value and the range, and builds within it', async () => {
    const { page, errors } = await open('?preset=echo-chambers&followsPerAccount=1000');
    await expect.poll(() => page.isVisible('#notice')).toBe(true);
    const notice = (await page.textContent('#notice')) ?? '';
    expect(notice).toContain('followsPerAccount=1000');
    expect(notice).toContain('out of range [1, 500] with 2000 accounts');
    expect(await page.evaluate(() => window.__echolab!.config().params)).toEqual({});
    // The control says why, and does not offer more.
    expect(await page.getAttribute('#controls input[id^="param-followsPerAccount-"]', 'max')).toBe('500');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a heavy but allowed link shows the build\'s progress, and Cancel gives back a usable page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript('globalThis.__name = (f) => f;');
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const percent = (): Promise<number> => page.evaluate(() => Number(/(\d+)\u00a0%/.exec(document.getElementById('loading-text')?.textContent ?? '')?.[1] ?? -1));
    /** Waits for the progress line to show a percent, then for it to change; returns both. */
    const progressMoves = async (): Promise<[number, number]> => {
      await page.waitForFunction(() => /\d\u00a0%/.test(document.getElementById('loading-text')?.textContent ?? ''), null, { timeout: 30_000, polling: 20 });
      const first = await percent();
      await page.waitForFunction((p) => Number(/(\d+)\u00a0%/.exec(document.getElementById('loading-text')?.textContent ?? '')?.[1] ?? -1) !== p, first, { timeout: 30_000, polling: 20 });
      return [first, await percent()];
    };
    const usable = async (): Promise<void> => {
      await page.waitForFunction(() => window.__echolab?.ready() === true, null, { timeout: 30_000 });
      expect(await page.evaluate(() => window.__echolab!.building())).toBe(false);
      expect(await page.isHidden('#loading')).toBe(true);
      expect(await page.isEnabled('#play')).toBe(true);
      const t0 = await tick(page);
      await page.click('#step');
      await expect.poll(() => tick(page)).toBe(t0 + 1);
    };

    // Exactly at the bound: 20,000 accounts × 50 follows, seconds of work in the worker.
    await page.goto(`${site.url}?preset=echo-chambers&agents=20000&followsPerAccount=50`);
    const [a, b] = await progressMoves();
    expect(b).toBeGreaterThan(a);
    expect(await page.isVisible('#cancel-build')).toBe(true);
    expect(await page.isDisabled('#play')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'building-progress.png') });
    await page.click('#cancel-build');
    // Nothing was built before: the preset's own settings, and the link says so.
    await usable();
    expect(await page.evaluate(() => window.__echolab!.config().params)).toEqual({});
    expect(page.url()).not.toContain('agents=');
    expect(await page.textContent('#notice')).toContain('cancelled');
    await page.screenshot({ path: path.join(ARTIFACTS, 'building-cancelled.png') });

    // Settings built, then a heavy change cancelled: back to the settings built.
    await page.selectOption('#controls select[id^="param-ranker-"]', 'similarity');
    await page.waitForFunction(() => window.__echolab!.ready() && window.__echolab!.config().params.ranker === 'similarity');
    await page.click('details.more summary');
    const follows = page.locator('#controls input[id^="param-followsPerAccount-"]');
    await follows.fill('50');
    await follows.dispatchEvent('change');
    await page.waitForFunction(() => window.__echolab!.ready() && window.__echolab!.config().params.followsPerAccount === 50);
    const previous = await page.evaluate(() => window.__echolab!.config());
    const agents = page.locator('#controls input[id^="param-agents-"]');
    await agents.fill('20000');
    await agents.dispatchEvent('change');
    await progressMoves();
    await page.click('#cancel-build');
    await usable();
    expect(await page.evaluate(() => window.__echolab!.config())).toEqual(previous);
    expect(page.url()).toContain('followsPerAccount=50');
    expect(page.url()).not.toContain('agents=');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('is keyboard operable: Tab reaches play, Space toggles it, → steps', async () => {
    const { page } = await open('?agents=300');
    let focused = '';
    for (let k = 0; k < 40 && focused !== 'play'; k++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('play');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getAttribute('#play', 'aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getAttribute('#play', 'aria-pressed')).toBe('false');
    // The shortcut, away from any control. Frames the worker sent before the
    // pause may still be queued for display: wait until the tick stops moving.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let t0 = await tick(page);
    for (let k = 0; k < 20; k++) {
      await new Promise((r) => setTimeout(r, 250));
      const t = await tick(page);
      if (t === t0) break;
      t0 = t;
    }
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tick(page)).toBe(t0 + 1);
    await page.close();
  });

  it('the hoax puzzle is won by choosing a ranker that only shows follows', async () => {
    const puzzle = listPuzzles().find((p) => p.id === 'stop-the-hoax');
    expect(puzzle).toBeDefined();
    const { page, errors } = await open('?puzzle=stop-the-hoax');
    expect(await page.isVisible('#puzzle-box')).toBe(true);
    // Locked controls: only the ranker may change.
    expect(await page.isDisabled('#controls select[id^="param-ranker-"]')).toBe(false);
    expect(await page.isDisabled('#controls input[id^="param-agents-"]')).toBe(true);
    await page.selectOption('#controls select[id^="param-ranker-"]', 'chronological');
    await page.waitForFunction(() => window.__echolab!.ready() && window.__echolab!.config().params.ranker === 'chronological');
    await page.selectOption('#speed', '50');
    await page.click('#play');
    await page.waitForFunction(() => !window.__echolab!.playing(), null, { timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => window.__echolab!.puzzle()?.won ?? false)).toBe(true);
    expect(await page.isVisible('#win-banner')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'puzzle-won.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('the follow puzzle counts edits and reports its progress', async () => {
    const puzzle = listPuzzles().find((p) => p.id === 'fool-the-majority');
    expect(puzzle?.editFollows).not.toBeNull();
    const { page } = await open('?puzzle=fool-the-majority');
    const budget = puzzle!.editFollows!.budget;
    const before = await page.evaluate(() => window.__echolab!.puzzle());
    expect(before?.won).toBe(false);
    const card = await page.evaluate(() => window.__echolab!.card(0));
    // Account 0 follows (or unfollows) account 1: one edit of the budget is used either way.
    const r = await page.evaluate(() => window.__echolab!.editFollow(0, 1));
    expect(r.ok).toBe(true);
    expect(r.budgetLeft).toBe(budget - 1);
    const after = await page.evaluate(() => window.__echolab!.card(0));
    expect(Math.abs(after.following - card.following)).toBe(1);
    await expect.poll(() => page.textContent('#puzzle-box')).toContain(String(budget - 1));
    await page.screenshot({ path: path.join(ARTIFACTS, 'puzzle-follows.png') });
    await page.close();
  });

  it('the follow puzzle is won in the page by the edits that win it in Node', async () => {
    const { DemoSession } = await import('../../src/viz/engine/demo-session.js');
    const { parseDemoUrl } = await import('../../src/viz/engine/url-state.js');
    const parsed = parseDemoUrl('?puzzle=fool-the-majority');
    const node = DemoSession.create(parsed.config, parsed.puzzle).session;
    const edits = winningFollowEdits(node);
    expect(node.puzzleStatus()!.won).toBe(true);
    const { page, errors } = await open('?puzzle=fool-the-majority');
    for (const [from, to] of edits) expect((await page.evaluate(([a, b]) => window.__echolab!.editFollow(a, b), [from, to] as const)).ok).toBe(true);
    await expect.poll(() => page.evaluate(() => window.__echolab!.puzzle()?.won ?? false)).toBe(true);
    await expect.poll(() => page.isVisible('#win-banner')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'puzzle-follows-won.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports a PNG of the graph, the CSV time series and a JSON experiment spec', async () => {
    const { page } = await open('?preset=crowdstrike-hoax&agents=400');
    await page.evaluate(() => window.__echolab!.step(5));
    const save = async (button: string): Promise<{ name: string; body: Buffer }> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const file = await download.path();
      const { readFileSync } = await import('node:fs');
      return { name: download.suggestedFilename(), body: readFileSync(file) };
    };
    const png = await save('#export-png');
    expect(png.name).toMatch(/\.png$/);
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    const csv = await save('#export-csv');
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.body.toString('utf8').trim().split('\n');
    // A header and one row per tick from 0 to 5.
    expect(lines.length).toBe(7);
    const experiment = await save('#export-experiment');
    expect(experiment.name).toMatch(/^demo-crowdstrike-hoax-.*\.json$/);
    const spec = JSON.parse(experiment.body.toString('utf8')) as { scenario: string; base: Record<string, unknown> };
    expect(spec.scenario).toBe('crowdstrike-hoax');
    expect(spec.base.agents).toBe(400);
    // Colour by community and by hoax exposure, for the record.
    await page.selectOption('#colour-mode', 'community');
    await page.waitForTimeout(300);
    await page.locator('#graph').screenshot({ path: path.join(ARTIFACTS, 'graph-community.png') });
    await page.close();
  });

  it('"why did I see this post?" lists a feed with score terms, and the card shows an account', async () => {
    const { page } = await open('?preset=echo-chambers&agents=300&ranker=engagement');
    await page.evaluate(() => window.__echolab!.step(6));
    await page.fill('#feed-node', '0');
    await page.click('#feed-form button[type="submit"]');
    await expect.poll(() => page.locator('#feed').textContent()).toContain('#0');
    await expect.poll(() => page.locator('#card').textContent()).toContain('#0');
    await page.screenshot({ path: path.join(ARTIFACTS, 'feed-and-card.png') });
    await page.close();
  });
});
