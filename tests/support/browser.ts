/**
 * Headless Chromium for end-to-end checks: Debian's /usr/bin/chromium driven
 * by playwright-core (never a downloaded browser). Tests that need it skip
 * with `browserSkipReason` when it is missing.
 */
import { existsSync } from 'node:fs';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const browserSkipReason: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (install it with \`bash scripts/install-browser.sh\`, or set CHROMIUM_PATH)`;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Bundles a TypeScript module into one IIFE script exposing its exports as `globalThis[name]`. */
export async function bundleForBrowser(entry: string, name: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry, name, formats: ['iife'], fileName: () => 'bundle.js' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const o of outputs) {
    if ('output' in o) {
      const chunk = o.output.find((x) => x.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error(`could not bundle ${entry}`);
}
