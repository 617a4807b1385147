/**
 * The teaching demo page: wires the worker (simulation), the Sigma view,
 * the controls, the charts, the panels and the URL together. State that
 * decides a run lives in one `DemoConfig` (+ language and puzzle), mirrored
 * in the URL with history.replaceState, so a shared link replays the same
 * run. All heavy work is off the main thread: the simulation in its worker,
 * ForceAtlas2 in its own; here only colours, charts (throttled) and texts.
 *
 * While the worker builds a network the page shows its progress and a
 * Cancel button; cancelling terminates the worker and starts a new one on
 * the last settings that were built (or the preset's own), and changing a
 * setting during a build does the same with the new settings, so a build
 * nobody wants never holds the page.
 */
import type { CascadeTree, ConfigProblem, DemoConfig, DemoFrame, DemoGraph, DemoMetrics, FeedItem, FromWorker, Lang, NodeCard, ParamValue, PresetInfo, PuzzleInfo, PuzzleStatus } from '../engine/demo-protocol.js';
import { listPresets, paramSpecs } from '../engine/demo-presets.js';
import { formatDemoUrl, parseDemoUrl } from '../engine/url-state.js';
import { lessonOf } from '../engine/lessons.js';
import { renderLesson, renderLessonList } from './lesson-panel.js';
import { listPuzzles, puzzleDefinition } from '../engine/puzzles.js';
import { buildControls, fillVariantMenu, variantOf, variantParamNames } from './controls.js';
import { downloadBlob, downloadText } from './download.js';
import { renderFeed } from './feed-panel.js';
import { GraphView, type ColourMode, type PngCaption } from './graph-view.js';
import { DEFAULT_SPEED, DRAWER_QUERY, applyTexts, skeleton } from './layout.js';
import { chartValue, renderChart } from './live-charts.js';
import { renderCard } from './node-card.js';
import { SimClient } from './sim-client.js';
import { formatNumber, loadingText, t } from './ui-text.js';

/** Charts are re-rendered at most this often (ms). */
const CHART_INTERVAL = 400;
/** The cascade tree is asked for at most this often while playing (ms). */
const CASCADE_INTERVAL = 1500;

/** What the browser tests (and the bench) read: a documented test hook on `window.__echolab`. */
export interface DemoTestHook {
  readonly ready: () => boolean;
  /** A network is being built (its progress is on screen, with Cancel). */
  readonly building: () => boolean;
  readonly config: () => DemoConfig;
  readonly lang: () => Lang;
  readonly series: () => DemoMetrics[];
  readonly frame: () => DemoMetrics | null;
  readonly playing: () => boolean;
  readonly puzzle: () => PuzzleStatus | null;
  readonly renders: () => number;
  /** Frames received from the worker so far. */
  readonly framesReceived: () => number;
  /** Total time spent in Sigma renders so far (ms). */
  readonly renderMs: () => number;
  readonly drawnEdges: () => number;
  readonly layoutRunning: () => boolean;
  readonly step: (ticks: number) => Promise<DemoMetrics>;
  readonly exportCsv: () => Promise<string>;
  readonly exportExperiment: () => Promise<string>;
  readonly card: (node: number) => Promise<NodeCard>;
  readonly feed: (node: number) => Promise<readonly FeedItem[]>;
  readonly editFollow: (from: number, to: number) => Promise<{ ok: boolean; budgetLeft: number }>;
  /** Where account `node`'s dot is drawn now, in viewport (client) pixels, to tap or click it; null when there is no such account. */
  readonly nodePosition: (node: number) => { x: number; y: number } | null;
}

declare global {
  interface Window {
    __echolab?: DemoTestHook;
  }
}

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

function randomSeed(): string {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return (a[0] % 1_000_000).toString(36);
}

export class DemoApp {
  private lang: Lang;
  private config: DemoConfig;
  private puzzleId: string | null;
  private preset: PresetInfo | null = null;
  /** The preset whose opening colours were applied (so a preset opens in its story's colours once). */
  private colouredFor: string | null = null;
  /** Lesson mode (`?lesson=1`): the preset's predict–observe–explain steps; the choice locked in, for which preset. */
  private lessonOn = false;
  private lessonPick: { preset: string; choice: number } | null = null;
  /** Whether the lesson box last showed the explanation (it is rebuilt only when this changes). */
  private lessonExplained = false;
  private graphInfo: DemoGraph | null = null;
  private series: DemoMetrics[] = [];
  private framesReceived = 0;
  private last: DemoFrame | null = null;
  private cascade: CascadeTree | null = null;
  private puzzleStatus: PuzzleStatus | null = null;
  private problems: ConfigProblem[] = [];
  private playing = false;
  private ready = false;
  /** An `init` was posted and its `ready` has not come yet. */
  private building = false;
  /** The running build's percent done, null before its first report. */
  private progress: number | null = null;
  /** The last settings a build finished with: where Cancel goes back to. */
  private lastBuilt: { config: DemoConfig; puzzleId: string | null } | null = null;
  private speed = DEFAULT_SPEED;
  /** The variant the running parameters are (see variantOf), null when they are custom. */
  private variant: string | null = null;
  private card: NodeCard | null = null;
  private cardPinned: number | null = null;
  private feedNode: number | null = null;
  private feedItems: readonly FeedItem[] = [];
  private editFrom: number | null = null;
  private editMessage = '';
  private chartTimer: ReturnType<typeof setTimeout> | null = null;
  private lastChartRender = 0;
  private lastCascadeAsk = 0;
  private readonly puzzles: PuzzleInfo[];
  private readonly view: GraphView;
  private sim: SimClient;
  private waiters: { [K in FromWorker['type']]?: ((msg: Extract<FromWorker, { type: K }>) => void)[] } = {};

  constructor(private readonly root: HTMLElement) {
    const parsed = parseDemoUrl(location.search);
    this.lang = parsed.lang;
    this.config = parsed.config;
    this.puzzleId = parsed.puzzle;
    this.speed = parsed.speed;
    this.problems = [...parsed.problems];
    this.puzzles = listPuzzles();
    const view = new URLSearchParams(location.search);
    this.lessonOn = view.get('lesson') === '1';
    root.innerHTML = skeleton();
    if (view.has('lessons')) $('lessons-page').hidden = false;
    ($('speed') as HTMLSelectElement).value = String(this.speed);
    this.view = new GraphView($('graph'), {
      hover: (node) => this.onHover(node),
      click: (node) => this.onClick(node),
      edgesHidden: (hidden) => {
        $('edges-note').hidden = !hidden;
      },
    });
    this.sim = this.newSim();
    this.bind();
    this.applyLanguage();
    this.start();
    this.installHook();
  }

  // ---- run lifecycle ---------------------------------------------------

  private newSim(): SimClient {
    return new SimClient(
      (msg) => this.onMessage(msg),
      (message) => this.showError(message),
    );
  }

  /** Stop whatever the worker is doing (a build cannot be interrupted otherwise) and start a fresh one. */
  private replaceWorker(): void {
    this.sim.terminate();
    this.sim = this.newSim();
    // Answers the old worker owed will not come.
    this.waiters = {};
  }

  private start(): void {
    // A build still running would only be thrown away when it ends: stop it now.
    if (this.building) this.replaceWorker();
    this.ready = false;
    this.building = true;
    this.progress = null;
    this.setPlaying(false, false);
    this.setTransportEnabled(false);
    this.renderLoading();
    $('loading').hidden = false;
    $('win-banner').hidden = true;
    this.series = [];
    this.cascade = null;
    this.editFrom = null;
    this.editMessage = '';
    this.sim.post({ type: 'init', config: this.config, puzzle: this.puzzleId, progress: true });
    this.updateUrl();
  }

  /**
   * Cancel: terminate the build and go back to the last settings built, or,
   * when there are none (a heavy link opened first) or they are the ones
   * being built, to the preset's own settings.
   */
  private cancelBuild(): void {
    if (!this.building) return;
    this.replaceWorker();
    this.building = false;
    const last = this.lastBuilt;
    const back = last !== null && (last.puzzleId !== this.puzzleId || formatDemoUrl(last.config, 'en', last.puzzleId) !== formatDemoUrl(this.config, 'en', this.puzzleId)) ? last : null;
    this.problems = [];
    if (back) {
      this.puzzleId = back.puzzleId;
      this.config = back.config;
    } else {
      this.config = { ...this.config, params: {} };
    }
    this.start();
    this.flash(t(back ? 'cancelledPrevious' : 'cancelledDefaults', this.lang));
  }

  private renderLoading(): void {
    $('loading-text').textContent = loadingText(this.progress, this.lang);
    const bar = $('loading-bar') as HTMLProgressElement;
    if (this.progress === null) bar.removeAttribute('value');
    else bar.value = this.progress;
  }

  /** Play and Step do nothing until a network is built: say so by disabling them. */
  private setTransportEnabled(on: boolean): void {
    ($('play') as HTMLButtonElement).disabled = !on;
    ($('step') as HTMLButtonElement).disabled = !on;
  }

  private restartWith(config: DemoConfig): void {
    this.config = config;
    this.start();
  }

  private onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'progress':
        if (!this.building) break;
        this.progress = msg.percent;
        this.renderLoading();
        break;
      case 'ready':
        this.building = false;
        this.lastBuilt = { config: msg.config, puzzleId: this.puzzleId };
        this.setTransportEnabled(true);
        this.config = msg.config;
        this.preset = msg.preset;
        this.graphInfo = msg.graph;
        this.puzzleStatus = msg.puzzle;
        this.last = msg.frame;
        this.series = [msg.frame.metrics];
        this.problems.push(...msg.problems);
        this.view.setGraph(msg.graph, msg.frame);
        this.ready = true;
        $('loading').hidden = true;
        this.updateUrl();
        this.renderPresetPanel();
        this.renderLessonBox();
        this.renderPuzzle();
        this.renderClock();
        this.renderCharts(true);
        this.showProblems();
        if (this.feedNode !== null && this.feedNode < msg.graph.n) this.sim.post({ type: 'feed', node: this.feedNode });
        if (this.preset.charts.includes('cascade')) this.sim.post({ type: 'cascade' });
        this.sim.post({ type: 'communities', on: this.view.colourMode === 'community' });
        break;
      case 'frame': {
        if (!this.ready) break;
        this.framesReceived++;
        this.last = msg.frame;
        // Every tick the frame stands for, so the charts miss none when playing fast.
        for (const row of msg.frame.rows ?? [msg.frame.metrics]) {
          const prev = this.series[this.series.length - 1];
          if (!prev || row.tick > prev.tick) this.series.push(row);
        }
        this.puzzleStatus = msg.puzzle;
        this.view.showFrame(msg.frame);
        this.renderClock();
        this.renderPuzzle();
        if (msg.frame.done && this.playing) this.setPlaying(false, false);
        if (this.lessonOn && msg.frame.done !== this.lessonExplained) this.renderLessonBox();
        this.askCascade();
        this.renderCharts(false);
        if (this.cardPinned !== null) this.sim.post({ type: 'card', node: this.cardPinned });
        break;
      }
      case 'card':
        this.card = msg.card;
        $('card').innerHTML = renderCard(this.card, this.lang);
        break;
      case 'feed':
        this.feedNode = msg.node;
        this.feedItems = msg.items;
        $('feed').innerHTML = renderFeed(msg.node, msg.items, this.lang);
        break;
      case 'cascade':
        this.cascade = msg.tree;
        this.renderCharts(false);
        break;
      case 'edit-follow':
        this.editMessage = `${msg.message[this.lang]} (${msg.budgetLeft} ${t('editsLeft', this.lang)})`;
        this.renderPuzzle();
        break;
      case 'export':
        if (!this.resolveWaiter(msg)) {
          downloadText(msg.text, msg.fileName, msg.kind === 'csv' ? 'text/csv' : 'application/json');
        }
        return;
      case 'error':
        this.showError(msg.message);
        break;
    }
    this.resolveWaiter(msg);
  }

  private resolveWaiter(msg: FromWorker): boolean {
    const list = this.waiters[msg.type] as ((m: FromWorker) => void)[] | undefined;
    const w = list?.shift();
    if (!w) return false;
    w(msg);
    return true;
  }

  private waitFor<K extends FromWorker['type']>(type: K): Promise<Extract<FromWorker, { type: K }>> {
    return new Promise((resolve) => {
      const list = (this.waiters[type] ??= []) as ((m: Extract<FromWorker, { type: K }>) => void)[];
      list.push(resolve);
    });
  }

  private setPlaying(on: boolean, tell = true): void {
    this.playing = on;
    const button = $('play');
    button.dataset.t = on ? 'pause' : 'play';
    button.textContent = t(on ? 'pause' : 'play', this.lang);
    button.setAttribute('aria-pressed', String(on));
    this.view.setPlaying(on);
    if (tell) this.sim.post(on ? { type: 'play', ticksPerSecond: this.speed } : { type: 'pause' });
  }

  private togglePlay(): void {
    if (!this.ready) return;
    if (!this.playing && this.last?.done) return;
    this.setPlaying(!this.playing);
  }

  private stepOnce(): void {
    if (!this.ready) return;
    if (this.playing) this.setPlaying(false);
    this.sim.post({ type: 'step', ticks: 1 });
  }

  private setParam(name: string, value: ParamValue): void {
    const params: Record<string, ParamValue> = { ...this.config.params };
    const presetValue = this.preset?.params[name];
    // Keep only what differs from the preset, so URLs stay short and stable.
    if (presetValue === value && !(name in this.config.params)) return;
    params[name] = value;
    this.restartWith({ ...this.config, params });
  }

  // ---- DOM events ----------------------------------------------------------

  private bind(): void {
    const presetSelect = $('preset-select') as HTMLSelectElement;
    presetSelect.addEventListener('change', () => {
      this.puzzleId = null;
      this.problems = [];
      this.restartWith({ preset: presetSelect.value, arm: null, seed: this.config.seed, params: {} });
    });
    const puzzleSelect = $('puzzle-select') as HTMLSelectElement;
    puzzleSelect.addEventListener('change', () => {
      const id = puzzleSelect.value || null;
      this.puzzleId = id;
      const p = this.puzzles.find((x) => x.id === id);
      this.restartWith({ preset: p ? p.preset : this.config.preset, arm: null, seed: this.config.seed, params: {} });
    });
    const langSelect = $('lang-select') as HTMLSelectElement;
    langSelect.addEventListener('change', () => {
      this.lang = langSelect.value === 'fr' ? 'fr' : 'en';
      this.applyLanguage();
      this.updateUrl();
    });
    const seed = $('seed-input') as HTMLInputElement;
    seed.addEventListener('change', () => {
      const v = seed.value.trim();
      if (v === '' || v === this.config.seed) {
        seed.value = this.config.seed;
        return;
      }
      this.restartWith({ ...this.config, seed: v });
    });
    $('new-seed').addEventListener('click', () => this.restartWith({ ...this.config, seed: randomSeed() }));
    const arm = $('arm-select') as HTMLSelectElement;
    // Choosing a variant gives it its own settings: the user's values of the settings variants differ on are dropped.
    arm.addEventListener('change', () => {
      const drop = this.preset ? variantParamNames(this.preset, this.puzzleExtra()) : [];
      const params = Object.fromEntries(Object.entries(this.config.params).filter(([k]) => !drop.includes(k)));
      this.restartWith({ ...this.config, arm: arm.value || null, params });
    });
    $('play').addEventListener('click', () => this.togglePlay());
    $('step').addEventListener('click', () => this.stepOnce());
    $('reset').addEventListener('click', () => this.start());
    $('cancel-build').addEventListener('click', () => this.cancelBuild());
    const speed = $('speed') as HTMLSelectElement;
    speed.addEventListener('change', () => {
      this.speed = Number(speed.value);
      if (this.playing) this.sim.post({ type: 'play', ticksPerSecond: this.speed });
      this.updateUrl();
    });
    const mode = $('colour-mode') as HTMLSelectElement;
    mode.addEventListener('change', () => this.setColourMode(mode.value as ColourMode));
    const edges = $('show-edges') as HTMLInputElement;
    edges.addEventListener('change', () => this.view.setEdgesVisible(edges.checked));
    $('feed-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const input = $('feed-node') as HTMLInputElement;
      const n = Number(input.value);
      if (!this.graphInfo || input.value === '' || !Number.isInteger(n) || n < 0 || n >= this.graphInfo.n) {
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      input.removeAttribute('aria-invalid');
      this.pickUser(n);
    });
    $('notice-close').addEventListener('click', () => {
      $('notice').hidden = true;
      this.problems = [];
    });
    $('export-png').addEventListener('click', () => {
      void this.view.toPngBlob(this.pngCaption()).then((b) => downloadBlob(b, `echolab-${this.config.preset}-${this.config.seed}.png`));
    });
    $('export-csv').addEventListener('click', () => this.sim.post({ type: 'export-csv' }));
    $('export-experiment').addEventListener('click', () => this.sim.post({ type: 'export-experiment' }));
    $('copy-link').addEventListener('click', () => {
      void navigator.clipboard?.writeText(location.href).then(
        () => this.flash(t('copied', this.lang)),
        () => undefined,
      );
    });
    document.addEventListener('keydown', (e) => this.onKey(e));
    this.bindDrawer();
  }

  /**
   * On narrow screens (DRAWER_QUERY) the controls panel is an overlay
   * drawer, opened by the Controls button of the transport bar (or the skip
   * link): focus moves into it; Escape, its Close button, a tap beside it or
   * tabbing out of it closes it, and Escape and Close give focus back to the
   * button. On wide screens it is the left column and the button is hidden.
   */
  private bindDrawer(): void {
    const panel = $('controls-panel');
    const toggle = $('controls-toggle');
    const close = $('controls-close');
    const backdrop = $('drawer-backdrop');
    const narrow = matchMedia(DRAWER_QUERY);
    const isOpen = (): boolean => panel.classList.contains('open');
    const setOpen = (open: boolean, moveFocus: boolean): void => {
      panel.classList.toggle('open', open);
      toggle.setAttribute('aria-expanded', String(open));
      backdrop.hidden = !open;
      if (moveFocus) (open ? close : toggle).focus();
    };
    toggle.addEventListener('click', () => setOpen(!isOpen(), true));
    close.addEventListener('click', () => setOpen(false, true));
    backdrop.addEventListener('click', () => setOpen(false, false));
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !isOpen()) return;
      e.preventDefault();
      setOpen(false, true);
    });
    panel.addEventListener('focusout', (e) => {
      const to = e.relatedTarget;
      if (isOpen() && narrow.matches && to instanceof Node && !panel.contains(to)) setOpen(false, false);
    });
    narrow.addEventListener('change', () => {
      if (!narrow.matches && isOpen()) setOpen(false, false);
    });
    this.root.querySelector('.skip')?.addEventListener('click', (e) => {
      if (!narrow.matches) return;
      e.preventDefault();
      setOpen(true, true);
    });
  }

  private setColourMode(mode: ColourMode): void {
    this.view.setMode(mode);
    if (this.ready) this.sim.post({ type: 'communities', on: mode === 'community' });
    for (const m of ['opinion', 'community', 'hoax'] as const) {
      const el = this.root.querySelector<HTMLElement>(`.legend-${m}`);
      if (el) el.hidden = m !== mode;
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    const tag = target?.tagName ?? '';
    const typing = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || target?.isContentEditable;
    // Space on a focused button is the button's own click; only take it elsewhere.
    if (e.key === ' ' && !typing && tag !== 'BUTTON' && tag !== 'SUMMARY' && tag !== 'A') {
      e.preventDefault();
      this.togglePlay();
    } else if (e.key === 'ArrowRight' && !typing) {
      e.preventDefault();
      this.stepOnce();
    } else if ((e.key === 'r' || e.key === 'R') && !typing) {
      e.preventDefault();
      this.start();
    }
  }

  private onHover(node: number | null): void {
    if (node === null || this.cardPinned !== null) return;
    this.sim.post({ type: 'card', node });
  }

  private onClick(node: number): void {
    const p = this.currentPuzzle();
    if (p?.editFollows) {
      if (this.editFrom === null) {
        this.editFrom = node;
        this.view.setSelected([node]);
      } else {
        const from = this.editFrom;
        this.editFrom = null;
        this.view.setSelected([]);
        if (from !== node) this.sim.post({ type: 'edit-follow', from, to: node });
      }
      this.renderPuzzle();
      this.sim.post({ type: 'card', node });
      return;
    }
    this.cardPinned = this.cardPinned === node ? null : node;
    this.pickUser(node);
  }

  private pickUser(node: number): void {
    ($('feed-node') as HTMLInputElement).value = String(node);
    this.feedNode = node;
    this.view.setSelected([node]);
    this.sim.post({ type: 'card', node });
    this.sim.post({ type: 'feed', node });
  }

  // ---- rendering -----------------------------------------------------------

  private currentPuzzle(): PuzzleInfo | null {
    return this.puzzles.find((p) => p.id === this.puzzleId) ?? null;
  }

  private applyLanguage(): void {
    document.documentElement.lang = this.lang;
    applyTexts(this.root, this.lang);
    ($('lang-select') as HTMLSelectElement).value = this.lang;
    $('graph').setAttribute('aria-label', t('graphLabel', this.lang));
    document.title = t('title', this.lang);
    this.renderLoading();
    this.renderPresetPanel();
    this.renderLessonBox();
    this.renderPuzzle();
    this.renderClock();
    this.renderCharts(true);
    $('card').innerHTML = renderCard(this.card, this.lang);
    if (this.feedNode !== null && this.feedItems.length > 0) $('feed').innerHTML = renderFeed(this.feedNode, this.feedItems, this.lang);
    if (!$('notice').hidden) this.showProblems();
  }

  private renderPresetPanel(): void {
    const lang = this.lang;
    const presetSelect = $('preset-select') as HTMLSelectElement;
    presetSelect.innerHTML = listPresets()
      .map((p) => `<option value="${p.id}">${escapeHtml(p.title[lang])}</option>`)
      .join('');
    presetSelect.value = this.config.preset;
    const puzzleSelect = $('puzzle-select') as HTMLSelectElement;
    puzzleSelect.innerHTML = `<option value="">${escapeHtml(t('noPuzzle', lang))}</option>` + this.puzzles.map((p) => `<option value="${p.id}">${escapeHtml(p.title[lang])}</option>`).join('');
    puzzleSelect.value = this.puzzleId ?? '';
    ($('seed-input') as HTMLInputElement).value = this.config.seed;
    const p = this.preset;
    if (!p) return;
    $('preset-title').textContent = p.title[lang];
    $('preset-question').textContent = p.question[lang];
    $('preset-lookfor').textContent = p.lookFor[lang];
    const arm = $('arm-select') as HTMLSelectElement;
    $('arm-field').hidden = p.arms.length === 0;
    this.variant = variantOf(p, this.config.arm, this.puzzleExtra());
    fillVariantMenu(arm, p, this.variant, lang);
    const puzzle = this.currentPuzzle();
    arm.disabled = puzzle !== null;
    const controls = $('controls');
    controls.replaceChildren(
      buildControls({
        preset: p,
        lang,
        allowed: puzzle ? puzzle.controls : null,
        onChange: (name, value) => this.setParam(name, value),
      }),
    );
    const mode = $('colour-mode') as HTMLSelectElement;
    const hoaxOption = mode.querySelector<HTMLOptionElement>('option[value="hoax"]');
    const hasHoax = p.charts.includes('hoax') || p.charts.includes('cascade');
    if (hoaxOption) hoaxOption.hidden = hoaxOption.disabled = !hasHoax;
    if (!hasHoax && mode.value === 'hoax') {
      mode.value = 'opinion';
      this.setColourMode('opinion');
    }
    // A preset opens in its story's colours (the hoax: who has seen it); the choice stays the user's afterwards.
    if (this.colouredFor !== p.id) {
      this.colouredFor = p.id;
      const wanted = p.colourBy === 'hoax' && hasHoax ? 'hoax' : 'opinion';
      if (mode.value !== wanted) {
        mode.value = wanted;
        this.setColourMode(wanted);
      }
    }
  }

  /** A puzzle's own settings over the preset's ({} in free play). */
  private puzzleExtra(): Readonly<Record<string, ParamValue>> {
    return this.puzzleId !== null ? puzzleDefinition(this.puzzleId).params : {};
  }

  /** The exported picture's header: the preset, its variant, the seed and the clock, in the page's language. */
  private pngCaption(): PngCaption {
    const lang = this.lang;
    const p = this.preset;
    const colon = t('colon', lang);
    const parts: string[] = [];
    if (p && p.arms.length > 0) parts.push(`${t('variant', lang)}${colon}${p.arms.find((a) => a.id === this.variant)?.label[lang] ?? t('variantCustom', lang)}`);
    const puzzle = this.currentPuzzle();
    if (puzzle) parts.push(`${t('puzzlePick', lang)}${colon}${puzzle.title[lang]}`);
    parts.push(`${t('seed', lang)}${colon}${this.config.seed}`);
    const m = this.last?.metrics;
    if (m) parts.push(`${t('tick', lang)} ${m.tick} · ${formatNumber(m.hours, lang, 1)} ${t('hours', lang)} ${t('simulated', lang)}`);
    return { title: p ? p.title[lang] : t('title', lang), details: parts.join(' · '), lang };
  }

  private renderPuzzle(): void {
    const box = $('puzzle-box');
    const p = this.currentPuzzle();
    if (!p) {
      box.hidden = true;
      $('win-banner').hidden = true;
      return;
    }
    const lang = this.lang;
    const s = this.puzzleStatus;
    box.hidden = false;
    const progress = s ? `${t('progress', lang)}: ${formatNumber(s.value, lang, 3)} (${t('target', lang)} ${formatNumber(s.target, lang, 3)}) — ${escapeHtml(s.message[lang])}` : '';
    const edit = p.editFollows
      ? `<p class="edit-hint">${t('editFollows', lang)}${this.editFrom !== null ? ` <strong>${t('from', lang)} #${this.editFrom}</strong>` : ''}</p>${this.editMessage ? `<p class="edit-msg">${escapeHtml(this.editMessage)}</p>` : ''}`
      : '';
    box.innerHTML =
      `<h2>${t('puzzles', lang)}: ${escapeHtml(p.title[lang])}</h2>` +
      `<p><strong>${t('goal', lang)}:</strong> ${escapeHtml(p.goal[lang])}</p>` +
      `<details><summary>${t('hint', lang)}</summary><p>${escapeHtml(p.hint[lang])}</p></details>` +
      edit +
      `<p class="status" data-won="${s?.won ? 'yes' : 'no'}">${progress}</p>`;
    const banner = $('win-banner');
    banner.hidden = !s?.won;
    if (s?.won) banner.textContent = `${t('won', lang)} ${s.message[lang]}`;
  }

  private renderClock(): void {
    const m = this.last?.metrics;
    const lang = this.lang;
    $('clock').textContent = m
      ? `${t('tick', lang)} ${m.tick} · ${formatNumber(m.hours, lang, 1)} ${t('hours', lang)} ${t('simulated', lang)}${this.last?.done ? ` · ${t('finished', lang)}` : ''}`
      : '';
  }

  private askCascade(): void {
    if (!this.preset?.charts.includes('cascade')) return;
    const now = performance.now();
    if (!this.playing || now - this.lastCascadeAsk > CASCADE_INTERVAL || this.last?.done) {
      this.lastCascadeAsk = now;
      this.sim.post({ type: 'cascade' });
    }
  }

  private renderCharts(now: boolean): void {
    const elapsed = performance.now() - this.lastChartRender;
    if (!now && elapsed < CHART_INTERVAL) {
      if (!this.chartTimer) this.chartTimer = setTimeout(() => this.renderCharts(true), CHART_INTERVAL - elapsed);
      return;
    }
    if (this.chartTimer) clearTimeout(this.chartTimer);
    this.chartTimer = null;
    this.lastChartRender = performance.now();
    const p = this.preset;
    const host = $('charts');
    if (!p || !this.last) {
      host.replaceChildren();
      return;
    }
    const alertZ = Number(p.params.alertZ ?? paramSpecs().alertZ?.default ?? 4);
    const input = { series: this.series, histogram: this.last.histogram, cascade: this.cascade, alertThreshold: alertZ, lang: this.lang };
    const m = this.series[this.series.length - 1];
    const html = p.charts
      .map((id) => {
        const svg = renderChart(id, input);
        const value = chartValue(id, m, this.last?.histogram ?? [], this.cascade);
        return `<figure class="chart" data-chart="${id}" data-value="${Number.isFinite(value) ? value : 'NaN'}" data-points="${this.series.length}">${svg}</figure>`;
      })
      .join('');
    host.innerHTML = html;
  }

  private showProblems(): void {
    if (this.problems.length === 0) return;
    const unique = new Map(this.problems.map((p) => [`${p.field}=${p.value}`, p]));
    $('notice-text').innerHTML = `<p>${t('problems', this.lang)}</p><ul>${[...unique.values()].map((p) => `<li><code>${escapeHtml(p.field)}=${escapeHtml(p.value)}</code>: ${escapeHtml(p.message[this.lang])}</li>`).join('')}</ul>`;
    $('notice').hidden = false;
  }

  private showError(message: string): void {
    $('notice-text').innerHTML = `<p>${t('error', this.lang)} ${escapeHtml(message)}</p>`;
    $('notice').hidden = false;
    $('loading').hidden = true;
  }

  private flash(text: string): void {
    $('notice-text').textContent = text;
    $('notice').hidden = false;
  }

  private updateUrl(): void {
    let q = formatDemoUrl(this.config, this.lang, this.puzzleId, this.speed);
    if (this.lessonOn) q += '&lesson=1';
    if (!$('lessons-page').hidden) q += '&lessons';
    history.replaceState(null, '', `${location.pathname}${q === '?' ? '' : q}`);
  }

  /** The lesson box (lesson mode), and the teachers' list when it is open. */
  private renderLessonBox(): void {
    const box = $('lesson-box');
    const lesson = this.preset !== null && this.lessonOn ? lessonOf(this.preset.id) : null;
    box.hidden = lesson === null;
    const done = this.last?.done === true;
    this.lessonExplained = done;
    if (lesson !== null && this.preset !== null) {
      const preset = this.preset.id;
      const picked = this.lessonPick !== null && this.lessonPick.preset === preset ? this.lessonPick.choice : null;
      renderLesson(box, lesson, this.lang, { picked, done }, this.series, (choice) => {
        this.lessonPick = { preset, choice };
        this.renderLessonBox();
      });
    }
    if (!$('lessons-page').hidden) {
      ($('lessons-back') as HTMLAnchorElement).href = `${location.pathname}${formatDemoUrl(this.config, this.lang, this.puzzleId, this.speed)}`;
      renderLessonList($('lessons-list'), this.lang, (l) => {
        const q = new URLSearchParams({ preset: l.preset, ...(l.arm !== null ? { arm: l.arm } : {}), seed: '1', ...(this.lang !== 'en' ? { lang: this.lang } : {}), lesson: '1' });
        return `?${q.toString()}`;
      });
    }
  }

  // ---- test hook -----------------------------------------------------------

  private installHook(): void {
    window.__echolab = {
      ready: () => this.ready,
      building: () => this.building,
      config: () => this.config,
      lang: () => this.lang,
      series: () => this.series.map((m) => ({ ...m })),
      frame: () => (this.last ? { ...this.last.metrics } : null),
      playing: () => this.playing,
      puzzle: () => this.puzzleStatus,
      renders: () => this.view.renders,
      framesReceived: () => this.framesReceived,
      renderMs: () => this.view.renderMs,
      drawnEdges: () => this.view.drawnEdges,
      layoutRunning: () => this.view.layoutRunning,
      step: async (ticks) => {
        const done = this.waitFor('frame');
        this.sim.post({ type: 'step', ticks });
        return (await done).frame.metrics;
      },
      exportCsv: async () => {
        const done = this.waitFor('export');
        this.sim.post({ type: 'export-csv' });
        return (await done).text;
      },
      exportExperiment: async () => {
        const done = this.waitFor('export');
        this.sim.post({ type: 'export-experiment' });
        return (await done).text;
      },
      card: async (node) => {
        const done = this.waitFor('card');
        this.sim.post({ type: 'card', node });
        return (await done).card;
      },
      feed: async (node) => {
        const done = this.waitFor('feed');
        this.sim.post({ type: 'feed', node });
        return (await done).items;
      },
      editFollow: async (from, to) => {
        const done = this.waitFor('edit-follow');
        this.sim.post({ type: 'edit-follow', from, to });
        const r = await done;
        return { ok: r.ok, budgetLeft: r.budgetLeft };
      },
      nodePosition: (node) => {
        const p = this.view.nodePosition(node);
        if (p === null) return null;
        const box = $('graph').getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      },
    };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
