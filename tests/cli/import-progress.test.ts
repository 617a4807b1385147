/**
 * The byte progress shown while `echolab import` streams an archive: on a
 * terminal one line redrawn in place (at most every 100 ms, and at the end),
 * else a plain line at each 10 % or every interval; rate and ETA from a fake
 * clock (1 MiB read per simulated second: rate 1.0 MiB/s, ETA = MiB left).
 */
import { describe, expect, it } from 'vitest';
import { ByteProgress, formatBytes } from '../../src/runner/progress.js';

const MiB = 1 << 20;

function sink(isTTY: boolean): { stream: { isTTY: boolean; columns?: number; write: (s: string) => boolean }; out: string[] } {
  const out: string[] = [];
  return { stream: { isTTY, write: (s: string) => out.push(s) > 0 }, out };
}

describe('ByteProgress', () => {
  it('plain output: one line per 10 % step, with bytes, rate and ETA', () => {
    let now = 0;
    const { stream, out } = sink(false);
    const p = new ByteProgress({ stream, label: 'reading', clock: () => now });
    for (let mb = 1; mb <= 20; mb++) {
      now = mb * 1000;
      p.update(mb * MiB, 20 * MiB);
    }
    p.end();
    // 10 % = 2 MiB: lines at 2, 4, ..., 20 MiB.
    expect(out).toHaveLength(10);
    expect(out[0]).toBe('reading 2.0 MiB/20.0 MiB (10 %), 1.0 MiB/s, ETA 18s\n');
    expect(out[9]).toBe('reading 20.0 MiB/20.0 MiB (100 %), 1.0 MiB/s, done in 20s\n');
  });

  it('plain output also prints after the interval without a new 10 % step', () => {
    let now = 0;
    const { stream, out } = sink(false);
    const p = new ByteProgress({ stream, clock: () => now, intervalMs: 5000 });
    now = 4000;
    p.update(1, 1000);
    now = 6000;
    p.update(2, 1000);
    // ETA: 998 B left at 2 B per 6 s = 2994 s.
    expect(out).toEqual(['2 B/1000 B (0 %), 0.3 B/s, ETA 49m54s\n']);
  });

  it('terminal: redraws in place at most every 100 ms, cut to the width, and ends the line', () => {
    let now = 0;
    const { stream, out } = sink(true);
    stream.columns = 40;
    const p = new ByteProgress({ stream, clock: () => now });
    for (let k = 1; k <= 10; k++) {
      now = k * 30;
      p.update(k * MiB, 10 * MiB);
    }
    p.end();
    // Draws at 30 ms (first), 150, 270 (≥ 100 ms apart), 300 (the total), then the final redraw and newline.
    expect(out.filter((s) => s.startsWith('\r\x1b[2K'))).toHaveLength(5);
    for (const s of out.slice(0, -1)) expect(s.length - '\r\x1b[2K'.length).toBeLessThan(40);
    expect(out[out.length - 1]).toBe('\n');
    expect(out[0]).toMatch(/^\r\x1b\[2K\[###\.{27}\] /);
  });

  it('formats byte counts in binary units', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(5 * MiB), formatBytes(3 * 1024 * MiB)]).toEqual(['512 B', '1.5 KiB', '5.0 MiB', '3.00 GiB']);
  });
});
