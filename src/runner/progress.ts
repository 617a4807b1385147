/**
 * Progress on stderr: on a terminal one line rewritten in place (runs done,
 * rate, ETA); otherwise (a log file, a batch job) a plain line every ~5 s
 * or every 10 % of the runs, whichever comes first.
 */

export interface ProgressStream {
  readonly isTTY?: boolean;
  /** Terminal width, when known: the in-place line is cut to fit so it never wraps. */
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Runs this invocation has to do. */
  readonly total: number;
  /** Runs already finished before (resumed), shown in the count. */
  readonly already: number;
  readonly stream: ProgressStream;
  readonly label?: string;
  /** Milliseconds between plain lines (default 5000). */
  readonly intervalMs?: number;
  readonly clock?: () => number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A progress bar and its text on one terminal line, redrawn in place (cut to the terminal's width). */
function drawBar(stream: ProgressStream, fraction: number, line: string): void {
  const width = 30;
  const filled = Math.round(width * fraction);
  const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`;
  const cols = stream.columns;
  stream.write(`\r\x1b[2K${cols !== undefined && cols > 10 && text.length >= cols ? text.slice(0, cols - 1) : text}`);
}

/** When a plain (non-terminal) progress line is due: every `intervalMs` (default 5 s) and at each 10 %. */
class PlainLines {
  private last: number;
  private lastDecile = 0;

  constructor(
    start: number,
    private readonly intervalMs = 5000,
  ) {
    this.last = start;
  }

  due(now: number, done: number, total: number): boolean {
    const decile = total > 0 ? Math.floor((10 * done) / total) : 10;
    if (now - this.last < this.intervalMs && decile <= this.lastDecile) return false;
    this.last = now;
    this.lastDecile = decile;
    return true;
  }
}

export class Progress {
  private done = 0;
  private readonly start: number;
  private readonly plain: PlainLines;
  private readonly tty: boolean;
  private readonly clock: () => number;
  private finished = false;

  constructor(private readonly options: ProgressOptions) {
    this.clock = options.clock ?? (() => performance.now());
    this.start = this.clock();
    this.plain = new PlainLines(this.start, options.intervalMs);
    this.tty = options.stream.isTTY === true;
    if (this.tty) this.render();
  }

  /** One more run finished. */
  tick(): void {
    this.done++;
    const now = this.clock();
    if (this.tty) {
      this.render();
      return;
    }
    if (this.plain.due(now, this.done, this.options.total)) this.options.stream.write(`${this.line()}\n`);
  }

  /** Finish the line (terminal) or print the last count (plain). */
  end(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.tty) this.options.stream.write('\n');
  }

  line(): string {
    const { total, already } = this.options;
    const elapsed = this.clock() - this.start;
    const rate = elapsed > 0 ? (this.done / elapsed) * 1000 : 0;
    const left = total - this.done;
    const eta = this.done > 0 ? formatDuration((left / this.done) * elapsed) : '?';
    const all = total + already;
    const pct = all > 0 ? Math.floor((100 * (this.done + already)) / all) : 100;
    const label = this.options.label ? `${this.options.label} ` : '';
    const rateText = rate >= 1 ? `${rate.toFixed(1)} runs/s` : rate > 0 ? `${(60 * rate).toFixed(1)} runs/min` : '– runs/s';
    return `${label}${this.done + already}/${all} runs (${pct} %), ${rateText}, ${left > 0 ? `ETA ${eta}` : `done in ${formatDuration(elapsed)}`}`;
  }

  private render(): void {
    const all = this.options.total + this.options.already;
    drawBar(this.options.stream, all > 0 ? (this.done + this.options.already) / all : 1, this.line());
  }
}

export interface ByteProgressOptions {
  readonly stream: ProgressStream;
  readonly label?: string;
  /** Milliseconds between plain lines (default 5000; a line is also printed at each 10 %). */
  readonly intervalMs?: number;
  readonly clock?: () => number;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${Number.isInteger(n) ? n : n.toFixed(1)} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/**
 * Progress of reading bytes (a large archive): the same display rules as
 * `Progress`, with bytes read / total, rate and ETA. A terminal line is
 * redrawn at most every 100 ms, since updates come once per chunk read.
 */
export class ByteProgress {
  private bytes = 0;
  private total = 0;
  private readonly start: number;
  private readonly plain: PlainLines;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private readonly tty: boolean;
  private readonly clock: () => number;
  private finished = false;

  constructor(private readonly options: ByteProgressOptions) {
    this.clock = options.clock ?? (() => performance.now());
    this.start = this.clock();
    this.plain = new PlainLines(this.start, options.intervalMs);
    this.tty = options.stream.isTTY === true;
  }

  update(bytes: number, total: number): void {
    if (this.finished) return;
    this.bytes = bytes;
    this.total = total;
    const now = this.clock();
    if (this.tty) {
      if (now - this.lastDraw >= 100 || bytes >= total) {
        this.lastDraw = now;
        this.render();
      }
      return;
    }
    if (this.plain.due(now, bytes, total)) this.options.stream.write(`${this.line()}\n`);
  }

  /** Finish the terminal line (nothing to do for plain lines). */
  end(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.tty && this.lastDraw > Number.NEGATIVE_INFINITY) {
      this.render();
      this.options.stream.write('\n');
    }
  }

  line(): string {
    const elapsed = this.clock() - this.start;
    const rate = elapsed > 0 ? (this.bytes / elapsed) * 1000 : 0;
    const left = this.total - this.bytes;
    const eta = this.bytes > 0 ? formatDuration((left / this.bytes) * elapsed) : '?';
    const pct = this.total > 0 ? Math.floor((100 * this.bytes) / this.total) : 100;
    const label = this.options.label ? `${this.options.label} ` : '';
    return `${label}${formatBytes(this.bytes)}/${formatBytes(this.total)} (${pct} %), ${rate > 0 ? `${formatBytes(rate)}/s` : '– B/s'}, ${left > 0 ? `ETA ${eta}` : `done in ${formatDuration(elapsed)}`}`;
  }

  private render(): void {
    drawBar(this.options.stream, this.total > 0 ? Math.min(1, this.bytes / this.total) : 1, this.line());
  }
}
