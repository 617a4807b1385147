/**
 * Teaching demo performance in headless Chromium (run with
 * `npx tsx bench/demo-bench.ts`): builds the site, serves dist from a tiny
 * static server on a free port, and measures, while the simulation plays:
 * - frames per second: requestAnimationFrame callbacks and Sigma renders
 *   over a 5 s window, at 2,000 agents (default) and 20,000 agents;
 * - main-thread long tasks (PerformanceObserver 'longtask'): count and the
 *   longest, during the same window;
 * - responsiveness: time from a click on "step" to the clock showing the
 *   next tick, paused, at both sizes;
 * - time from navigation to the first frame (worker built the network).
 * Figures are printed, never asserted (speed belongs to benchmarks).
 *
 * Options: `--seconds N` (window, default 5), `--sizes 2000,20000`,
 * `--edges on|off` (draw follows while playing, default on).
 */
import type { Page } from 'playwright-core';
import { browserSkipReason, launchBrowser } from '../tests/support/browser.js';
import { startDemoSite } from '../tests/demo/demo-site.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Figures {
  agents: number;
  drawnEdges: number;
  readyMs: number;
  fps: number;
  sigmaRendersPerSecond: number;
  ticksPerSecond: number;
  longTasks: number;
  longestTaskMs: number;
  stepLatencyMs: number;
}

async function measure(page: Page, baseUrl: string, agents: number, seconds: number, edges: boolean): Promise<Figures> {
  const t0 = Date.now();
  await page.goto(`${baseUrl}?preset=echo-chambers&agents=${agents}`);
  await page.waitForFunction(() => window.__echolab?.ready() === true, null, { timeout: 120_000 });
  const readyMs = Date.now() - t0;
  // Let the ForceAtlas2 phase end (it runs a few seconds after each start).
  await page.waitForFunction(() => !window.__echolab!.layoutRunning(), null, { timeout: 30_000, polling: 200 });
  if (!edges) await page.uncheck('#show-edges');
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.selectOption('#speed', '30');
  await page.click('#play');
  const result = await page.evaluate(async (ms) => {
    const hook = window.__echolab!;
    let frames = 0;
    let running = true;
    const count = (): void => {
      frames++;
      if (running) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const r0 = hook.renders();
    const ms0 = hook.renderMs();
    const f0 = hook.framesReceived();
    const tick0 = hook.frame()?.tick ?? 0;
    const start = performance.now();
    await new Promise((res) => setTimeout(res, ms));
    running = false;
    const elapsed = (performance.now() - start) / 1000;
    const long = (window as unknown as { __long: number[] }).__long;
    return {
      fps: frames / elapsed,
      renders: (hook.renders() - r0) / elapsed,
      framesReceived: (hook.framesReceived() - f0) / elapsed,
      msPerRender: (hook.renderMs() - ms0) / Math.max(1, hook.renders() - r0),
      ticks: ((hook.frame()?.tick ?? 0) - tick0) / elapsed,
      longTasks: long.length,
      longest: long.length ? Math.max(...long) : 0,
      drawnEdges: hook.drawnEdges(),
    };
  }, seconds * 1000);
  console.log(`  playing: ${JSON.stringify(result)}`);
  await page.click('#play');
  await page.waitForFunction(() => !window.__echolab!.playing());
  await page.waitForTimeout(300);
  // Click → the clock shows the next tick.
  const latencies: number[] = [];
  for (let k = 0; k < 3; k++) {
    latencies.push(
      await page.evaluate(async () => {
        const before = window.__echolab!.frame()!.tick;
        const clock = document.getElementById('clock')!;
        const start = performance.now();
        const done = new Promise<void>((res, rej) => {
          setTimeout(() => rej(new Error(`no frame 10 s after a click on step (tick ${before}, now ${window.__echolab!.frame()!.tick}, playing ${window.__echolab!.playing()})`)), 10_000);
          const obs = new MutationObserver(() => {
            if (window.__echolab!.frame()!.tick > before) {
              obs.disconnect();
              res();
            }
          });
          obs.observe(clock, { childList: true, characterData: true, subtree: true });
        });
        (document.getElementById('step') as HTMLButtonElement).click();
        await done;
        return performance.now() - start;
      }),
    );
  }
  latencies.sort((a, b) => a - b);
  return {
    agents,
    drawnEdges: result.drawnEdges,
    readyMs,
    fps: result.fps,
    sigmaRendersPerSecond: result.renders,
    ticksPerSecond: result.ticks,
    longTasks: result.longTasks,
    longestTaskMs: result.longest,
    stepLatencyMs: latencies[1],
  };
}

async function main(): Promise<void> {
  if (browserSkipReason) {
    console.log(browserSkipReason);
    return;
  }
  const seconds = Number(option('seconds', '5'));
  const sizes = option('sizes', '2000,20000').split(',').map(Number);
  const edges = option('edges', 'on') !== 'off';
  console.log('building the demo site…');
  const site = await startDemoSite();
  const browser = await launchBrowser();
  try {
    for (const agents of sizes) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // tsx keeps function names through a `__name` helper that evaluated code needs too.
      await page.addInitScript('globalThis.__name = (f) => f;');
      const f = await measure(page, site.url, agents, seconds, edges);
      console.log(
        `${String(f.agents).padStart(6)} agents (${f.drawnEdges} edges drawn${edges ? '' : ', hidden while measuring'}): ` +
          `${f.fps.toFixed(1)} fps (rAF), ${f.sigmaRendersPerSecond.toFixed(1)} Sigma renders/s, ${f.ticksPerSecond.toFixed(1)} ticks/s simulated; ` +
          `long tasks ${f.longTasks}, longest ${f.longestTaskMs.toFixed(0)} ms; step click → clock ${f.stepLatencyMs.toFixed(0)} ms; first frame after ${f.readyMs} ms`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
