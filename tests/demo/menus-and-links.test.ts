/**
 * What a teacher's link and menus show, in headless Chromium on the built
 * site (tests/support/browser.ts): the play speed as a URL key, a variant
 * menu that follows the settings (never a wrong variant's name), header
 * menus whose labels are never cut on a desktop, and the built page opened
 * from disk (file://), where scripts cannot load, explaining how to serve it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSkipReason } from '../support/browser.js';
import { listPresets, presetInfo } from '../../src/viz/engine/demo-presets.js';
import { DEFAULT_SPEED } from '../../src/viz/app/layout.js';
import { t } from '../../src/viz/app/ui-text.js';
import { useDemoSite, type OpenedPage } from './demo-pages.js';

describe.skipIf(browserSkipReason !== null)(browserSkipReason ?? 'links, menus and the page opened from disk', () => {
  const demo = useDemoSite({ viewport: { width: 1400, height: 900 } });
  const open = (query: string, viewport?: { width: number; height: number }): Promise<OpenedPage> => demo.open(query, viewport ? { viewport } : {});

  /** The variant menu's shown label, and whether it is the disabled "Custom" entry. */
  const variantShown = (page: Page): Promise<{ value: string; label: string; custom: boolean; disabled: boolean }> =>
    page.$eval('#arm-select', (s) => {
      const sel = s as HTMLSelectElement;
      const o = sel.selectedOptions[0];
      return { value: sel.value, label: o?.textContent ?? '', custom: o?.dataset.custom === 'true', disabled: o?.disabled ?? false };
    });

  it('reads the play speed from the link, writes it back when the menu changes, and reports a bad one', async () => {
    const { page, errors } = await open('?preset=echo-chambers&agents=300&speed=30');
    expect(await page.inputValue('#speed')).toBe('30');
    expect(await page.isHidden('#notice')).toBe(true);
    expect(page.url()).toContain('speed=30');
    await page.selectOption('#speed', '5');
    await expect.poll(() => page.url()).toContain('speed=5');
    // The default is not written: one configuration, one link.
    await page.selectOption('#speed', String(DEFAULT_SPEED));
    await expect.poll(() => page.url()).not.toContain('speed=');
    expect(errors).toEqual([]);
    await page.close();

    const bad = await open('?preset=echo-chambers&agents=300&speed=31');
    await expect.poll(() => bad.page.isVisible('#notice')).toBe(true);
    expect(await bad.page.textContent('#notice')).toContain('speed=31');
    expect(await bad.page.inputValue('#speed')).toBe(String(DEFAULT_SPEED));
    expect(bad.page.url()).not.toContain('speed=');
    expect(bad.errors).toEqual([]);
    await bad.page.close();
  });

  it('the variant menu follows the settings: the variant they are, or Custom, never a wrong name', async () => {
    const info = presetInfo('echo-chambers');
    const label = (id: string): string => info.arms.find((a) => a.id === id)!.label.en;
    const { page, errors } = await open('?preset=echo-chambers&ranker=engagement&agents=300');
    let shown = await variantShown(page);
    expect(shown.label).not.toBe(label('chronological'));
    expect([label('engagement'), t('variantCustom', 'en')]).toContain(shown.label);
    // The ranker is what the variants differ on: the settings are the engagement variant's.
    expect(shown.value).toBe('engagement');
    expect(await page.inputValue('#controls select[id^="param-ranker-"]')).toBe('engagement');

    // Changing the ranker control moves the menu along.
    await page.selectOption('#controls select[id^="param-ranker-"]', 'similarity');
    await page.waitForFunction(() => window.__echolab!.ready() && window.__echolab!.config().params.ranker === 'similarity');
    expect((await variantShown(page)).label).toBe(label('similarity'));

    // Choosing a variant gives it its own ranker (the other settings stay).
    await page.selectOption('#arm-select', 'bridging');
    await page.waitForFunction(() => window.__echolab!.ready() && window.__echolab!.config().arm === 'bridging');
    expect(await page.evaluate(() => window.__echolab!.config().params)).toEqual({ agents: 300 });
    expect(await page.inputValue('#controls select[id^="param-ranker-"]')).toBe('bridging');
    expect((await variantShown(page)).label).toBe(label('bridging'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('settings no variant has show a disabled “Custom” entry, in both languages', async () => {
    const info = presetInfo('bots-and-poll');
    const { page, errors } = await open('?preset=bots-and-poll&botShare=0.3&agents=300');
    let shown = await variantShown(page);
    expect(shown).toEqual({ value: '', label: t('variantCustom', 'en'), custom: true, disabled: true });
    await page.selectOption('#lang-select', 'fr');
    shown = await variantShown(page);
    expect(shown.label).toBe('Personnalisé');
    // Picking a variant from there runs it with its own share of bots.
    await page.selectOption('#arm-select', 'bots-12');
    await page.waitForFunction(() => window.__echolab!.ready() && window.__echolab!.config().arm === 'bots-12');
    expect(await page.evaluate(() => window.__echolab!.config().params)).toEqual({ agents: 300 });
    shown = await variantShown(page);
    expect(shown).toEqual({ value: 'bots-12', label: info.arms.find((a) => a.id === 'bots-12')!.label.fr, custom: false, disabled: false });
    expect(await page.locator('#arm-select option[data-custom]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('no header or variant menu label is cut at desktop sizes, in English or French', async () => {
    // 1280 px is the narrowest desktop: the header's room and the left column only grow from there.
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript('globalThis.__name = (f) => f;');
    for (const preset of listPresets()) {
      // A small network per preset (choosing one in the menu would build the preset's full size).
      await page.goto(`${demo.site.url}?preset=${preset.id}&agents=20`);
      await page.waitForFunction(() => window.__echolab?.ready() === true, null, { timeout: 20_000 });
      for (const lang of ['en', 'fr'] as const) {
        await page.selectOption('#lang-select', lang);
        // Each option's own width (a one-option copy of the menu, unconstrained) against the menu's.
        const cut = await page.evaluate(() => {
          const out: string[] = [];
          for (const s of document.querySelectorAll<HTMLSelectElement>('.top select, #arm-select')) {
            if (s.offsetParent === null) continue;
            const have = s.getBoundingClientRect().width;
            for (const o of s.options) {
              if (o.hidden) continue;
              const copy = document.createElement('select');
              copy.className = s.className;
              copy.append(new Option(o.textContent ?? ''));
              copy.style.cssText = 'position:absolute;visibility:hidden;max-width:none;width:auto;min-width:0';
              s.parentElement!.append(copy);
              const need = copy.getBoundingClientRect().width;
              copy.remove();
              if (need > have + 0.5) out.push(`#${s.id} “${o.textContent}”: ${Math.ceil(need)} px needed, ${Math.floor(have)} px shown`);
            }
          }
          return out;
        });
        expect(cut, `${lang}, ${preset.id}`).toEqual([]);
      }
    }
    await page.close();
  }, 120_000);

  it('the built page opened from disk (file://) explains how to serve it; served, the note is gone', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${demo.site.dir}/index.html`);
    const note = page.locator('#boot-note');
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await page.locator('#boot-note .boot-file[lang="en"]').isVisible()).toBe(true);
    expect(await page.locator('#boot-note .boot-file[lang="fr"]').isVisible()).toBe(true);
    expect(await page.locator('#boot-note .boot-loading').isVisible()).toBe(false);
    const text = (await note.textContent()) ?? '';
    for (const s of ['file://', 'python3 -m http.server', 'npx vite preview', 'http://localhost:8000/', 'servie']) expect(text).toContain(s);
    // The note is readable: dark text on its light background, not an unstyled page.
    expect(await note.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 244, 214)');
    // Nothing started: scripts do not load from file://.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__echolab === undefined)).toBe(true);
    await page.close();

    const { page: served, errors } = await open('?agents=100');
    expect(await served.locator('#boot-note').count()).toBe(0);
    expect(errors).toEqual([]);
    await served.close();
  });
});
