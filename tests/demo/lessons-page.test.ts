/**
 * Lessons in the page (headless Chromium on the built site): a lesson link
 * opens its preset with the question and three choices before Play; once
 * an answer is locked in and the run ends, the page says whether the run
 * bore it out and explains with the run's own numbers (the same text the
 * engine computes from the same series); the link keeps `lesson=1`; the
 * teachers' list (`?lessons`) links every lesson, in the page's language.
 * A hoax preset opens coloured by who has seen the hoax.
 */
import { describe, expect, it } from 'vitest';
import { browserSkipReason } from '../support/browser.js';
import { explainLesson, lessonOf, lessonVerdict, listLessons } from '../../src/viz/engine/lessons.js';
import type { DemoMetrics } from '../../src/viz/engine/demo-protocol.js';
import { useDemoSite } from './demo-pages.js';

describe.skipIf(browserSkipReason !== null)(browserSkipReason ?? 'lessons in the page', () => {
  const { open } = useDemoSite({ viewport: { width: 1366, height: 768 } });

  it('predict before Play, then the verdict and the explanation with the run\'s numbers; the link keeps the lesson', async () => {
    const lesson = lessonOf('crowdstrike-hoax')!;
    const { page, errors } = await open(`?preset=crowdstrike-hoax&arm=${lesson.arm}&seed=1&lesson=1`);
    expect(await page.isVisible('#lesson-box')).toBe(true);
    expect(await page.locator('#lesson-box input[type=radio]').count()).toBe(3);
    expect(await page.inputValue('#colour-mode')).toBe('hoax');
    await page.locator('#lesson-box input[type=radio]').nth(2).check();
    await page.click('#lesson-lock');
    expect(await page.isDisabled('#lesson-lock')).toBe(true);
    // Run to the end through the documented hook.
    await page.evaluate(async () => {
      // 40 × 20 ticks: past the hoax's 144 ticks (24 h of 10 minutes).
      const hook = window.__echolab!;
      for (let i = 0; i < 40; i++) await hook.step(20);
    });
    await page.waitForSelector('#lesson-explanation', { timeout: 20_000 });
    const series = (await page.evaluate(() => window.__echolab!.series())) as DemoMetrics[];
    expect(await page.textContent('#lesson-explanation')).toBe(explainLesson(lesson, series, 'en'));
    const verdict = lessonVerdict(lesson, series);
    expect(await page.getAttribute('[data-verdict]', 'data-verdict')).toBe(verdict.includes(2) ? 'right' : 'wrong');
    expect(page.url()).toContain('lesson=1');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('the teachers\' list links every lesson, in French too', async () => {
    const { page, errors } = await open('?lessons&lang=fr');
    expect(await page.isVisible('#lessons-page')).toBe(true);
    const links = await page.$$eval('#lessons-list a', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    expect(links).toHaveLength(listLessons().length);
    for (const [i, l] of listLessons().entries()) {
      expect(links[i]).toContain(`preset=${l.preset}`);
      expect(links[i]).toContain('lesson=1');
      expect(links[i]).toContain('lang=fr');
    }
    expect(await page.textContent('#lessons-page')).toContain(listLessons()[0].predict.fr);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
