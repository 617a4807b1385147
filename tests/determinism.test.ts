/**
 * Same key, same numbers, everywhere: the fingerprints of seeded computations
 * agree between the Node main thread, a Node worker thread, a browser page
 * and a browser Web Worker.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { determinismProbe } from './support/determinism-probe.js';
import { runInWorker } from './support/run-in-worker.js';
import { browserSkipReason, bundleForBrowser, launchBrowser } from './support/browser.js';

const probePath = fileURLToPath(new URL('./support/determinism-probe.ts', import.meta.url));

describe('determinism across runtimes', () => {
  const main = determinismProbe();

  it('the probe covers something and is stable within one thread', () => {
    expect(Object.keys(main).length).toBeGreaterThan(0);
    expect(determinismProbe()).toEqual(main);
    // Deffuant's two kernels agree with each other (and, below, in every runtime).
    expect(main['model.deffuant.wasm-kernel']).toBe(main['model.deffuant.js-kernel']);
  });

  it('a Node worker thread computes the same fingerprints', async () => {
    const inWorker = await runInWorker<Record<string, string>>(probePath, 'determinismProbe');
    expect(inWorker).toEqual(main);
  });

  describe.skipIf(browserSkipReason !== null)(browserSkipReason ?? 'in headless Chromium', () => {
    let browser: Browser;
    let bundle: string;
    beforeAll(async () => {
      bundle = await bundleForBrowser(probePath, 'echolabProbe');
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('a browser page computes the same fingerprints', async () => {
      const page = await browser.newPage();
      await page.addScriptTag({ content: bundle });
      const got = await page.evaluate(() => (globalThis as unknown as { echolabProbe: { determinismProbe(): Record<string, string> } }).echolabProbe.determinismProbe());
      expect(got).toEqual(main);
      await page.close();
    });

    it('a browser Web Worker computes the same fingerprints', async () => {
      const page = await browser.newPage();
      const got = await page.evaluate(async (code: string) => {
        const src = `${code}\npostMessage(echolabProbe.determinismProbe());`;
        const worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
        return await new Promise<Record<string, string>>((resolve, reject) => {
          worker.onmessage = (e) => resolve(e.data as Record<string, string>);
          worker.onerror = (e) => reject(new Error(e.message));
        });
      }, bundle);
      expect(got).toEqual(main);
      await page.close();
    });
  });
});
