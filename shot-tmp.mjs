import { chromium } from 'playwright-core';
const [,, file, out] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--mute-audio', '--no-first-run'] });
for (const [name, vp] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  const p = await b.newPage({ viewport: vp });
  await p.goto('file://' + file);
  await p.waitForTimeout(400);
  const h = await p.evaluate(() => document.documentElement.scrollHeight);
  const w = await p.evaluate(() => document.documentElement.scrollWidth);
  const wide = await p.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)));
  console.log(name, w, h, wide);
  const step = name === 'desktop' ? 1800 : 1600;
  for (let y = 0, k = 0; y < h && k < 4; y += step, k++) await p.screenshot({ path: `${out}-${name}-${k}.png`, clip: { x: 0, y, width: vp.width, height: Math.min(step, h - y) }, fullPage: true });
}
await b.close();
