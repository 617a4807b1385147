/**
 * The page skeleton. Static texts carry `data-t` (a ui-text key) so the
 * language toggle can rewrite them all in one pass; dynamic parts are
 * filled by the app.
 */
import type { Lang } from '../engine/demo-protocol.js';
import { HOAX_SEEN_COLOUR, HOAX_UNSEEN_COLOUR, opinionGradient } from './palette.js';
import { t, type TextKey } from './ui-text.js';

export const SPEEDS: readonly number[] = [1, 2, 5, 10, 20, 30, 50];
export const DEFAULT_SPEED = 10;
/**
 * Screens this narrow get one column: the controls panel becomes a drawer
 * opened from the transport bar and the charts follow the graph. The same
 * width is written in styles.css.
 */
export const DRAWER_QUERY = '(max-width: 900px)';

export function skeleton(): string {
  const tx = (key: TextKey, tag = 'span', attrs = ''): string => `<${tag} data-t="${key}"${attrs}></${tag}>`;
  return `
<a class="skip" href="#controls-panel" data-t="skip"></a>
<header class="top">
  <h1 data-t="title"></h1>
  <div class="field"><label for="preset-select" data-t="preset"></label><select id="preset-select"></select></div>
  <div class="field"><label for="puzzle-select" data-t="puzzlePick"></label><select id="puzzle-select"></select></div>
  <div class="field"><label for="lang-select" data-t="language"></label><select id="lang-select"><option value="en">English</option><option value="fr">Français</option></select></div>
  <div class="field"><label for="seed-input" data-t="seed"></label><input id="seed-input" type="text" size="8" spellcheck="false" /><button type="button" id="new-seed" data-t="newSeed"></button></div>
  <a id="lessons-link" class="lessons-link" href="?lessons" data-t="lessonsLink"></a>
</header>
<section id="lessons-page" class="lessons-page" hidden><div id="lessons-list"></div><p><a id="lessons-back" href="./" data-t="lessonsBack"></a></p></section>
<div id="notice" class="notice" role="status" hidden><div id="notice-text"></div><button type="button" id="notice-close" data-t="dismiss"></button></div>
<div class="layout">
  <aside class="panel left" id="controls-panel" tabindex="-1">
    <div class="drawer-head"><button type="button" id="controls-close" data-t="closeControls"></button></div>
    <section id="lesson-box" class="lesson" hidden aria-live="polite"></section>
    <section id="puzzle-box" class="puzzle" hidden aria-live="polite"></section>
    <section class="preset-text">
      <h2 id="preset-title"></h2>
      <h3 data-t="question"></h3><p id="preset-question"></p>
      <h3 data-t="lookFor"></h3><p id="preset-lookfor"></p>
    </section>
    <div class="field" id="arm-field"><label for="arm-select" data-t="variant"></label><select id="arm-select"></select></div>
    <h2 data-t="controls"></h2>
    <div id="controls"></div>
  </aside>
  <div class="drawer-backdrop" id="drawer-backdrop" hidden></div>
  <main class="centre">
    <div class="transport" role="group">
      <button type="button" id="controls-toggle" class="drawer-toggle" aria-expanded="false" aria-controls="controls-panel" data-t="openControls"></button>
      <button type="button" id="play" aria-pressed="false" data-t="play"></button>
      <button type="button" id="step" data-t="step"></button>
      <button type="button" id="reset" data-t="reset"></button>
      <span class="speed-line"><label for="speed" data-t="speed"></label>
      <select id="speed">${SPEEDS.map((s) => `<option value="${s}"${s === DEFAULT_SPEED ? ' selected' : ''}>${s}</option>`).join('')}</select>
      ${tx('ticksPerSecond')}</span>
      <output id="clock" aria-live="off"></output>
      <span class="view-options"><label for="colour-mode" data-t="colourBy"></label>
      <select id="colour-mode"><option value="opinion" data-t="colourOpinion"></option><option value="community" data-t="colourCommunity"></option><option value="hoax" data-t="colourHoax"></option></select>
      <span class="check-line"><input type="checkbox" id="show-edges" checked /><label for="show-edges" data-t="showEdges"></label></span></span>
    </div>
    <div class="graph-wrap">
      <div id="graph" role="img"></div>
      <div class="legend" id="legend" aria-hidden="true">
        <span class="legend-opinion"><span data-t="legendLeft"></span><span class="ramp" style="background:${opinionGradient()}"></span><span data-t="legendRight"></span><span class="swatch bot"></span><span data-t="legendBot"></span></span>
        <span class="legend-community" hidden data-t="legendCommunity"></span>
        <span class="legend-hoax" hidden><span class="swatch" style="background:${HOAX_SEEN_COLOUR}"></span><span data-t="legendSeen"></span><span class="swatch" style="background:${HOAX_UNSEEN_COLOUR};margin-left:8px"></span><span data-t="legendNotSeen"></span></span>
        <span class="muted" data-t="legendSize"></span><span class="muted" id="edges-note" data-t="edgesHidden" hidden></span>
      </div>
      <div class="card" id="card" aria-live="polite"></div>
      <div id="loading" class="loading"><div class="loading-box"><p id="loading-text"></p><progress id="loading-bar" max="100" aria-labelledby="loading-text"></progress><button type="button" id="cancel-build" data-t="cancel"></button></div></div>
      <div id="win-banner" class="win" role="alert" hidden></div>
    </div>
    <p class="muted shortcuts" data-t="shortcuts"></p>
    <section class="why">
      <h2 data-t="why"></h2>
      <form id="feed-form" class="field"><label for="feed-node" data-t="pickUser"></label><input id="feed-node" type="number" min="0" step="1" /><button type="submit" data-t="show"></button></form>
      <div id="feed"></div>
    </section>
  </main>
  <aside class="panel right">
    <h2 data-t="charts"></h2>
    <div id="charts"></div>
    <h2 data-t="exports"></h2>
    <div class="exports">
      <button type="button" id="export-png" data-t="exportPng"></button>
      <button type="button" id="export-csv" data-t="exportCsv"></button>
      <button type="button" id="export-experiment" data-t="exportExperiment"></button>
      <button type="button" id="copy-link" data-t="copyLink"></button>
    </div>
  </aside>
</div>`;
}

/** Rewrites every `data-t` text in the language. */
export function applyTexts(root: ParentNode, lang: Lang): void {
  root.querySelectorAll<HTMLElement>('[data-t]').forEach((el) => {
    el.textContent = t(el.dataset.t as TextKey, lang);
  });
}
