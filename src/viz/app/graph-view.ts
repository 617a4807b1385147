/**
 * The Sigma.js view of the follow network. The graph's structure comes once
 * per (re)start (`DemoGraph`); each frame only recolours nodes (one batched
 * attribute update, which Sigma re-indexes without touching edges) and, when
 * the engine rewired follows, replaces the edges at most every few seconds.
 * ForceAtlas2 runs in its own worker for a few seconds after each start,
 * from a deterministic layout (accounts on circles by camp or group), so
 * positions never start random and stay put while the simulation runs.
 *
 * The PNG export is a figure, not a bare canvas: a header band (preset,
 * variant, seed, clock), the graph as drawn, and a legend band for the
 * colouring shown (opinion ramp and bots, communities, or hoax exposure),
 * drawn with canvas text so the picture explains itself once shared.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { drawOnCanvas } from '@sigma/export-image';
import type { DemoFrame, DemoGraph, Lang } from '../engine/demo-protocol.js';
import { BOT_COLOUR, EDGE_COLOUR, HOAX_SEEN_COLOUR, HOAX_UNSEEN_COLOUR, OTHER_COMMUNITY, communityColours, opinionColour } from './palette.js';
import { t } from './ui-text.js';

export type ColourMode = 'opinion' | 'community' | 'hoax';

/** The texts over an exported picture, in the page's language. */
export interface PngCaption {
  /** The preset's title. */
  readonly title: string;
  /** One line under it: variant, seed, tick and simulated hours. */
  readonly details: string;
  readonly lang: Lang;
}

/** Edges drawn at most: past this a deterministic sample is drawn (the layout uses the same sample). */
export const EDGE_DRAW_CAP = 20_000;
/**
 * While playing, follows are hidden past this many drawn edges: every
 * recolour redraws every layer, and thousands of lines cost more per frame
 * than the nodes under software WebGL (profiled: 40,000 lines took a render
 * from ~27 ms to ~150 ms). They come back on pause.
 */
export const PLAYING_EDGE_LIMIT = 3000;
/** Large networks are recoloured at most this often (ms), to leave the main thread free. */
const BIG_RECOLOUR_MS = 250;
const BIG = 5000;
const ARROWS_UP_TO = 300;
/** How long ForceAtlas2 runs after each start (ms). */
const LAYOUT_MS = 4000;
/** Rewired edges are redrawn at most this often (ms). */
const EDGE_REFRESH_MS = 2000;

interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  hidden: boolean;
  zIndex: number;
}

export interface GraphViewEvents {
  hover(node: number | null): void;
  click(node: number): void;
  /** Follows were hidden (true) or shown again (false) for speed. */
  edgesHidden(hidden: boolean): void;
}

/** Frames waiting to be drawn before the oldest are merged. */
const QUEUE_MAX = 3;

/** Two frames as one: the later state, with any network change the earlier one carried and the later does not. */
export function mergeFrames(earlier: DemoFrame, later: DemoFrame): DemoFrame {
  return {
    ...later,
    edges: later.edges ?? earlier.edges,
    community: later.community ?? earlier.community,
    suspended: later.suspended ?? earlier.suspended,
    hoaxSeen: later.hoaxSeen ?? earlier.hoaxSeen,
  };
}

export class GraphView {
  readonly graph = new Graph<NodeAttrs>({ type: 'directed', multi: false, allowSelfLoops: false });
  private readonly sigma: Sigma<NodeAttrs>;
  private layout: FA2Layout | null = null;
  private layoutTimer: ReturnType<typeof setTimeout> | null = null;
  private info: DemoGraph | null = null;
  private mode: ColourMode = 'opinion';
  private opinion: Float32Array | null = null;
  private community: Int32Array | null = null;
  private communityColour = new Map<number, string>();
  private hoaxSeen: Uint8Array | null = null;
  private suspended: Uint8Array | null = null;
  private pendingEdges: Int32Array | null = null;
  private lastEdgeRefresh = 0;
  private edgeTimer: ReturnType<typeof setTimeout> | null = null;
  private selected = new Set<number>();
  /** Count of Sigma renders and their total time in ms (bench and tests). */
  renders = 0;
  renderMs = 0;
  private renderStart = 0;
  edgesVisible = true;

  constructor(container: HTMLElement, private readonly events: GraphViewEvents) {
    this.sigma = new Sigma<NodeAttrs>(this.graph, container, {
      defaultEdgeColor: EDGE_COLOUR,
      defaultEdgeType: 'line',
      // Non-instanced programs (gl.POINTS discs, gl.LINES edges): several times faster than the
      // instanced defaults under software WebGL (headless Chromium, SwiftShader), identical on a GPU.
      nodeProgramClasses: { circle: NodePointProgram },
      edgeProgramClasses: { line: EdgeLineProgram, arrow: EdgeArrowProgram },
      renderLabels: false,
      labelRenderedSizeThreshold: 14,
      hideEdgesOnMove: true,
      zIndex: false,
      minCameraRatio: 0.05,
      maxCameraRatio: 4,
      nodeReducer: (node, data) => (this.selected.has(Number(node)) ? { ...data, highlighted: true, forceLabel: true } : data),
    });
    this.sigma.on('beforeRender', () => {
      this.renderStart = performance.now();
    });
    this.sigma.on('afterRender', () => {
      this.renders++;
      this.renderMs += performance.now() - this.renderStart;
    });
    this.sigma.on('enterNode', ({ node }) => events.hover(Number(node)));
    this.sigma.on('leaveNode', () => events.hover(null));
    this.sigma.on('clickNode', ({ node }) => events.click(Number(node)));
  }

  /** A new network (start or reset). */
  setGraph(g: DemoGraph, frame: DemoFrame): void {
    this.stopLayout();
    // Frames of the previous run must not be drawn on the new network.
    this.queue = [];
    this.info = g;
    this.selected.clear();
    this.community = null;
    this.communityColour.clear();
    this.graph.clear();
    const pos = initialPositions(g);
    const maxFollowers = Math.max(1, maxOf(g.followers));
    const scale = g.n > 5000 ? 0.5 : g.n > 500 ? 1 : 1.6;
    for (let i = 0; i < g.n; i++) {
      this.graph.addNode(String(i), {
        x: pos[2 * i],
        y: pos[2 * i + 1],
        size: scale * (1.5 + 7 * Math.sqrt(g.followers[i] / maxFollowers)),
        color: '#999',
        label: `#${i}${g.bot[i] ? ' (bot)' : ''}`,
        hidden: false,
        zIndex: g.followers[i],
      });
    }
    this.addEdges(g.edges);
    this.opinion = frame.opinion;
    this.hoaxSeen = frame.hoaxSeen;
    this.suspended = frame.suspended;
    if (frame.community) {
      this.community = frame.community;
      this.communityColour = communityColours(frame.community);
    }
    this.graph.forEachNode((node, attr) => {
      const i = Number(node);
      attr.color = this.colourOf(i);
      attr.hidden = this.suspended !== null && this.suspended[i] === 1;
    });
    // Index the new nodes now: later colour-only updates skip re-indexation and need them indexed.
    this.sigma.refresh();
    this.startLayout();
  }

  private addEdges(edges: Int32Array): void {
    const m = edges.length / 2;
    // Small networks (puzzles) show who follows whom with arrows.
    const attrs = this.graph.order <= ARROWS_UP_TO ? { type: 'arrow', size: 1.5 } : {};
    const stride = m > EDGE_DRAW_CAP ? m / EDGE_DRAW_CAP : 1;
    for (let k = 0; k < m && Math.floor(k / stride) < EDGE_DRAW_CAP; ) {
      const e = Math.floor(k);
      const u = edges[2 * e];
      const v = edges[2 * e + 1];
      if (u !== v) this.graph.mergeEdge(String(u), String(v), attrs);
      k += stride;
    }
  }

  /** Drawn edges (after the cap). */
  get drawnEdges(): number {
    return this.graph.size;
  }

  /**
   * Show a frame from the worker. Frames wait in a short queue and one is
   * applied per animation frame: applied as they arrive, two frames landing
   * within one display frame would be drawn as one (Sigma renders once per
   * animation frame), and a tick would never be seen. Beyond QUEUE_MAX
   * waiting frames (the page draws slower than the worker sends) the oldest
   * are merged, keeping the latest state and any network change they carried.
   */
  showFrame(frame: DemoFrame): void {
    if (this.queue.length >= QUEUE_MAX) this.queue[this.queue.length - 1] = mergeFrames(this.queue[this.queue.length - 1], frame);
    else this.queue.push(frame);
    this.pumpFrames();
  }

  private queue: DemoFrame[] = [];
  private queueRaf = 0;

  private pumpFrames(): void {
    if (this.queueRaf !== 0 || this.queue.length === 0) return;
    this.queueRaf = requestAnimationFrame(() => {
      this.queueRaf = 0;
      const next = this.queue.shift();
      if (next) this.applyFrame(next);
      this.pumpFrames();
    });
  }

  applyFrame(frame: DemoFrame): void {
    this.opinion = frame.opinion;
    if (frame.community) {
      this.community = frame.community;
      this.communityColour = communityColours(frame.community);
    }
    if (frame.hoaxSeen) this.hoaxSeen = frame.hoaxSeen;
    if (frame.suspended) this.suspended = frame.suspended;
    if (frame.edges) this.queueEdges(frame.edges);
    // Small networks: recolour now (cheap); Sigma itself draws at most once per animation frame.
    // Large ones: recolour at most every BIG_RECOLOUR_MS, with the latest state.
    if (!this.info || this.info.n <= BIG) {
      this.recolour();
      return;
    }
    if (this.recolourFrame === 0) {
      const wait = Math.max(0, this.lastRecolour + BIG_RECOLOUR_MS - performance.now());
      const run = (): void => {
        this.recolourFrame = requestAnimationFrame(() => {
          this.recolourFrame = 0;
          this.lastRecolour = performance.now();
          this.recolour();
        });
      };
      if (wait > 0) {
        this.recolourFrame = -1;
        setTimeout(run, wait);
      } else run();
    }
  }

  private recolourFrame = 0;
  private lastRecolour = 0;

  /** Where account `node` is drawn, in pixels of the container (null if there is no such account). */
  nodePosition(node: number): { x: number; y: number } | null {
    const key = String(node);
    if (!this.graph.hasNode(key)) return null;
    const p = this.sigma.graphToViewport(this.graph.getNodeAttributes(key));
    return { x: p.x, y: p.y };
  }

  setMode(mode: ColourMode): void {
    this.mode = mode;
    this.recolour();
  }

  get colourMode(): ColourMode {
    return this.mode;
  }

  setEdgesVisible(on: boolean): void {
    this.edgesVisible = on;
    this.updateEdgeVisibility();
  }

  /** Playing hides a dense edge layer (see PLAYING_EDGE_LIMIT). */
  setPlaying(on: boolean): void {
    this.playing = on;
    this.updateEdgeVisibility();
  }

  /** Whether follows are hidden now only because the run is playing. */
  get edgesHiddenForSpeed(): boolean {
    return this.edgesVisible && (this.playing || this.layoutActive) && this.graph.size > PLAYING_EDGE_LIMIT;
  }

  private playing = false;
  /** ForceAtlas2 moves every node each iteration: a dense edge layer is hidden meanwhile, as while playing. */
  private layoutActive = false;
  private edgesShown = true;

  private updateEdgeVisibility(): void {
    const show = this.edgesVisible && !this.edgesHiddenForSpeed;
    if (show === this.edgesShown) return;
    this.edgesShown = show;
    this.events.edgesHidden(!show && this.edgesVisible);
    this.sigma.setSetting('edgeReducer', show ? null : (_edge, data) => ({ ...data, hidden: true }));
  }

  /** Nodes drawn highlighted (the picked user, a follow edit in progress). */
  setSelected(nodes: readonly number[]): void {
    const changed = new Set([...this.selected, ...nodes]);
    this.selected = new Set(nodes);
    const keys = [...changed].filter((i) => this.graph.hasNode(String(i))).map(String);
    if (keys.length > 0) this.sigma.refresh({ partialGraph: { nodes: keys }, skipIndexation: true, schedule: true });
  }

  private colourOf(i: number): string {
    const g = this.info;
    if (!g) return '#999';
    if (this.mode === 'hoax') return this.hoaxSeen && this.hoaxSeen[i] ? HOAX_SEEN_COLOUR : HOAX_UNSEEN_COLOUR;
    if (this.mode === 'community') {
      if (!this.community) return OTHER_COMMUNITY;
      return this.communityColour.get(this.community[i]) ?? OTHER_COMMUNITY;
    }
    if (g.bot[i]) return BOT_COLOUR;
    return opinionColour(this.opinion ? this.opinion[i] : 0);
  }

  private recolour(): void {
    if (!this.info) return;
    const suspended = this.suspended;
    this.graph.updateEachNodeAttributes(
      (node, attr) => {
        const i = Number(node);
        attr.color = this.colourOf(i);
        attr.hidden = suspended !== null && suspended[i] === 1;
        return attr;
      },
      { attributes: ['color', 'hidden'] },
    );
  }

  private queueEdges(edges: Int32Array): void {
    this.pendingEdges = edges;
    const wait = this.lastEdgeRefresh + EDGE_REFRESH_MS - performance.now();
    if (wait <= 0 || this.graph.order <= ARROWS_UP_TO) this.flushEdges();
    else if (!this.edgeTimer) this.edgeTimer = setTimeout(() => this.flushEdges(), wait);
  }

  private flushEdges(): void {
    if (this.edgeTimer) clearTimeout(this.edgeTimer);
    this.edgeTimer = null;
    const edges = this.pendingEdges;
    this.pendingEdges = null;
    if (!edges) return;
    this.lastEdgeRefresh = performance.now();
    const running = this.layout?.isRunning() ?? false;
    this.graph.clearEdges();
    this.addEdges(edges);
    if (running) this.layout?.start();
  }

  private startLayout(): void {
    if (this.graph.order === 0) return;
    // The package's own settings for the graph's size (Barnes-Hut past 2,000 nodes, strong gravity so
    // loose accounts stay on screen), slowed less so a few seconds are enough.
    const inferred = forceAtlas2.inferSettings(this.graph);
    this.layout = new FA2Layout(this.graph, { settings: { ...inferred, slowDown: 1 + Math.log10(this.graph.order) } });
    this.layout.start();
    this.layoutActive = true;
    this.updateEdgeVisibility();
    this.layoutTimer = setTimeout(() => this.stopLayout(), LAYOUT_MS);
  }

  get layoutRunning(): boolean {
    return this.layout?.isRunning() ?? false;
  }

  private stopLayout(): void {
    if (this.layoutTimer) clearTimeout(this.layoutTimer);
    this.layoutTimer = null;
    if (this.layout) {
      this.layout.stop();
      this.layout.kill();
      this.layout = null;
    }
    if (this.layoutActive) {
      this.layoutActive = false;
      this.updateEdgeVisibility();
    }
  }

  /** A PNG of the graph as drawn now (white background), framed by a header and the legend when a caption is given. */
  async toPngBlob(caption?: PngCaption): Promise<Blob> {
    const drawn = await drawOnCanvas(this.sigma as unknown as Sigma, { backgroundColor: '#ffffff' });
    const canvas = caption ? this.figure(drawn, caption) : drawn;
    return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
  }

  /** The graph's canvas with a header band above and a legend band below, at the same pixel ratio. */
  private figure(graphCanvas: HTMLCanvasElement, caption: PngCaption): HTMLCanvasElement {
    const ratio = graphCanvas.width / Math.max(1, this.sigma.getDimensions().width) || 1;
    const width = graphCanvas.width / ratio;
    const graphHeight = graphCanvas.height / ratio;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) return graphCanvas;
    const header = headerLayout(ctx, caption, width);
    const legend = flow(ctx, this.legendTokens(caption.lang), width);
    const height = header.height + graphHeight + legend.height;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.scale(ratio, ratio);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    header.draw(ctx, 0);
    ctx.drawImage(graphCanvas, 0, header.height, width, graphHeight);
    ctx.fillStyle = FIGURE_LINE;
    ctx.fillRect(0, header.height - 1, width, 1);
    ctx.fillRect(0, header.height + graphHeight, width, 1);
    legend.draw(ctx, header.height + graphHeight);
    return canvas;
  }

  /** The legend of the colouring shown now, as tokens for `flow`. */
  private legendTokens(lang: Lang): Token[] {
    const out: Token[] = [];
    if (this.mode === 'opinion') {
      out.push(text(t('legendLeft', lang)), ramp(), text(t('legendRight', lang), false), swatch(BOT_COLOUR, 14), text(t('legendBot', lang), false));
    } else if (this.mode === 'community') {
      const colours = [...new Set(this.communityColour.values())];
      colours.forEach((c, k) => out.push(swatch(c, k === 0 ? 0 : 2, k > 0)));
      for (const [k, word] of t('legendCommunity', lang).split(' ').entries()) out.push(text(word, k > 0 || colours.length === 0, colours.length > 0 && k === 0 ? 6 : undefined));
    } else {
      out.push(swatch(HOAX_SEEN_COLOUR), text(t('legendSeen', lang), false), swatch(HOAX_UNSEEN_COLOUR, 14), text(t('legendNotSeen', lang), false));
    }
    out.push(text(t('legendSize', lang), true, 14, FIGURE_MUTED));
    return out;
  }

  destroy(): void {
    this.stopLayout();
    if (this.edgeTimer) clearTimeout(this.edgeTimer);
    this.sigma.kill();
  }
}

function maxOf(a: Int32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  return max;
}

/**
 * Deterministic start: one disc per camp (or group), accounts spread on a
 * sunflower spiral, the most-followed near each centre; FA2 then only has
 * to refine it.
 */
function initialPositions(g: DemoGraph): Float64Array {
  const pos = new Float64Array(2 * g.n);
  const cluster = new Int32Array(g.n);
  let clusters = 1;
  if (g.camp) {
    for (let i = 0; i < g.n; i++) cluster[i] = g.camp[i];
    clusters = 2;
  } else {
    for (let i = 0; i < g.n; i++) {
      cluster[i] = g.group[i];
      if (g.group[i] + 1 > clusters) clusters = g.group[i] + 1;
    }
  }
  const members: number[][] = Array.from({ length: clusters }, () => []);
  for (let i = 0; i < g.n; i++) members[cluster[i]].push(i);
  const golden = Math.PI * (3 - Math.sqrt(5));
  const spread = Math.sqrt(g.n) * 6;
  members.forEach((list, c) => {
    list.sort((a, b) => g.followers[b] - g.followers[a] || a - b);
    const angle = (2 * Math.PI * c) / clusters;
    const cx = clusters > 1 ? Math.cos(angle) * spread : 0;
    const cy = clusters > 1 ? Math.sin(angle) * spread : 0;
    const r = Math.sqrt(list.length) * 8;
    list.forEach((node, k) => {
      const rho = r * Math.sqrt((k + 0.5) / list.length);
      pos[2 * node] = cx + rho * Math.cos(k * golden);
      pos[2 * node + 1] = cy + rho * Math.sin(k * golden);
    });
  });
  return pos;
}

// ---- The exported figure's bands ----------------------------------------------

const FIGURE_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const FIGURE_INK = '#1f2328';
const FIGURE_MUTED = '#5b6470';
const FIGURE_LINE = '#d7dbe0';
const PAD = 14;
const LEGEND_FONT = `12px ${FIGURE_FONT}`;
const LEGEND_LINE = 20;

/** One piece of the legend: its width, whether a line may break before it, the gap before it, and how it draws. */
interface Token {
  readonly width: (ctx: CanvasRenderingContext2D) => number;
  readonly breakable: boolean;
  readonly gap: number;
  readonly draw: (ctx: CanvasRenderingContext2D, x: number, midY: number) => void;
}

function text(s: string, breakable = true, gap = 4, colour = FIGURE_INK): Token {
  return {
    width: (ctx) => {
      ctx.font = LEGEND_FONT;
      return ctx.measureText(s).width;
    },
    breakable,
    gap,
    draw: (ctx, x, midY) => {
      ctx.font = LEGEND_FONT;
      ctx.fillStyle = colour;
      ctx.textBaseline = 'middle';
      ctx.fillText(s, x, midY);
    },
  };
}

function swatch(colour: string, gap = 4, breakable = true): Token {
  return {
    width: () => 10,
    breakable,
    gap,
    draw: (ctx, x, midY) => {
      ctx.beginPath();
      ctx.arc(x + 5, midY, 5, 0, 2 * Math.PI);
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = 'rgba(0, 0, 0, 0.2)';
      ctx.stroke();
    },
  };
}

/** The opinion ramp, from −1 (left) to +1 (right), as the page's legend shows it. */
function ramp(): Token {
  const w = 110;
  return {
    width: () => w,
    breakable: false,
    gap: 6,
    draw: (ctx, x, midY) => {
      const g = ctx.createLinearGradient(x, 0, x + w, 0);
      for (let k = 0; k <= 16; k++) g.addColorStop(k / 16, opinionColour(-1 + (2 * k) / 16));
      ctx.fillStyle = g;
      ctx.fillRect(x, midY - 5, w, 10);
    },
  };
}

/** Tokens laid out in lines within `width` (a line breaks only before a breakable token), and how to draw them from a top y. */
function flow(ctx: CanvasRenderingContext2D, tokens: readonly Token[], width: number): { height: number; draw: (ctx: CanvasRenderingContext2D, top: number) => void } {
  // Runs: a breakable token and the unbreakable ones after it move to the next line together.
  const runs: Token[][] = [];
  for (const tok of tokens) {
    if (tok.breakable || runs.length === 0) runs.push([tok]);
    else runs[runs.length - 1].push(tok);
  }
  const placed: { token: Token; x: number; line: number }[] = [];
  let x = PAD;
  let line = 0;
  for (const run of runs) {
    const widths = run.map((tok) => tok.width(ctx));
    const inner = widths.reduce((sum, w, k) => sum + w + (k > 0 ? run[k].gap : 0), 0);
    if (x > PAD && x + run[0].gap + inner > width - PAD) {
      line++;
      x = PAD;
    }
    run.forEach((tok, k) => {
      if (x > PAD) x += tok.gap;
      placed.push({ token: tok, x, line });
      x += widths[k];
    });
  }
  const height = 16 + (line + 1) * LEGEND_LINE;
  return {
    height,
    draw: (c, top) => {
      for (const p of placed) p.token.draw(c, p.x, top + 8 + p.line * LEGEND_LINE + LEGEND_LINE / 2);
    },
  };
}

/**
 * `s` in lines no wider than `max`, broken at `separator` (a space: between
 * words; ' · ': between the parts of the details line, so "0.8 h simulated"
 * stays whole); a part still too wide is broken between its words.
 */
function wrap(ctx: CanvasRenderingContext2D, s: string, max: number, separator = ' '): string[] {
  const lines: string[] = [];
  let current = '';
  for (const part of s.split(separator)) {
    const next = current === '' ? part : `${current}${separator}${part}`;
    if (current !== '' && ctx.measureText(next).width > max) {
      lines.push(current);
      current = part;
    } else current = next;
  }
  if (current !== '') lines.push(current);
  return separator === ' ' ? lines : lines.flatMap((line) => (ctx.measureText(line).width > max ? wrap(ctx, line, max) : [line]));
}

/** The header band: the title (bold) and the details line, wrapped to the width. */
function headerLayout(ctx: CanvasRenderingContext2D, caption: PngCaption, width: number): { height: number; draw: (ctx: CanvasRenderingContext2D, top: number) => void } {
  const titleFont = `600 18px ${FIGURE_FONT}`;
  const detailsFont = `13px ${FIGURE_FONT}`;
  ctx.font = titleFont;
  const title = wrap(ctx, caption.title, width - 2 * PAD);
  ctx.font = detailsFont;
  const details = wrap(ctx, caption.details, width - 2 * PAD, ' · ');
  const height = PAD + title.length * 24 + details.length * 18 + PAD - 4;
  return {
    height,
    draw: (c, top) => {
      c.textBaseline = 'top';
      c.fillStyle = FIGURE_INK;
      c.font = titleFont;
      title.forEach((l, k) => c.fillText(l, PAD, top + PAD + k * 24));
      c.fillStyle = FIGURE_MUTED;
      c.font = detailsFont;
      details.forEach((l, k) => c.fillText(l, PAD, top + PAD + title.length * 24 + 2 + k * 18));
    },
  };
}
