/**
 * Controls generated from the parameter schema: a number is a range slider
 * plus an exact number input (with its unit and help text), a choice a
 * select, a boolean a checkbox. The preset's own controls come first; the
 * rest sit under a "more" disclosure. Each is a labelled native element, so
 * it is keyboard-operable as is. A change is committed on `change` (not on
 * every slider move), since it restarts the run. Accounts and follows per
 * account are bounded together (at most DEMO_MAX_FOLLOWS follows): each
 * one's maximum follows the other's value, and the help says why.
 *
 * The variant menu says which variant the running parameters are: the arm
 * whose own values they have for the settings the variants differ on (the
 * ranker, for echo chambers), or "Custom" when a setting (from the controls
 * or a link) gives them values no variant has. Other settings (accounts,
 * tolerance...) do not change which variant runs.
 */
import type { Lang, ParamValue, PresetInfo } from '../engine/demo-protocol.js';
import type { ParamSpec } from '../../sim/platform/platform-params.js';
import { followsBoundRange } from '../engine/demo-config.js';
import { DEMO_MAX_FOLLOWS, paramHelp, paramLabel, paramSpecs, presetInfo } from '../engine/demo-presets.js';
import { choiceLabel, followsLimitText, t, unitLabel } from './ui-text.js';

export interface ControlsOptions {
  readonly preset: PresetInfo;
  readonly lang: Lang;
  /** Parameters the player may change (puzzle), or null for all. */
  readonly allowed: readonly string[] | null;
  readonly onChange: (name: string, value: ParamValue) => void;
}

const SLIDER_STEPS = 1000;

/** Wide ranges get a logarithmic slider (agents 2–20,000, read caps...). */
function isLog(spec: ParamSpec & { kind: 'number' }): boolean {
  return spec.max - spec.min > 2000;
}

function toSlider(spec: ParamSpec & { kind: 'number' }, v: number): number {
  const u = isLog(spec) ? Math.log1p(v - spec.min) / Math.log1p(spec.max - spec.min) : (v - spec.min) / (spec.max - spec.min || 1);
  return Math.round(Math.min(1, Math.max(0, u)) * SLIDER_STEPS);
}

function fromSlider(spec: ParamSpec & { kind: 'number' }, s: number): number {
  const u = s / SLIDER_STEPS;
  let v = isLog(spec) ? spec.min + Math.expm1(u * Math.log1p(spec.max - spec.min)) : spec.min + u * (spec.max - spec.min);
  if (spec.integer) v = Math.round(v);
  else v = Number(v.toPrecision(3));
  return Math.min(spec.max, Math.max(spec.min, v));
}

function numberStep(spec: ParamSpec & { kind: 'number' }): string {
  if (spec.integer) return '1';
  const span = spec.max - spec.min;
  return span <= 2 ? '0.01' : span <= 20 ? '0.1' : 'any';
}

let uid = 0;

function control(name: string, schemaSpec: ParamSpec, value: ParamValue, opts: ControlsOptions): HTMLElement {
  const { lang } = opts;
  const bound = followsBoundRange(name, opts.preset.params);
  const spec: ParamSpec = bound && schemaSpec.kind === 'number' ? { ...schemaSpec, max: bound.max } : schemaSpec;
  const id = `param-${name}-${++uid}`;
  const helpId = `${id}-help`;
  const locked = opts.allowed !== null && !opts.allowed.includes(name);
  const row = document.createElement('div');
  row.className = `control control-${spec.kind}${locked ? ' locked' : ''}`;
  row.dataset.param = name;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = paramLabel(name, lang);
  const help = document.createElement('p');
  help.className = 'help';
  help.id = helpId;
  help.textContent = paramHelp(name, lang) + (locked ? ` (${t('locked', lang)})` : '');
  if (bound && !locked && (name === 'agents' || name === 'followsPerAccount')) help.textContent += ` ${followsLimitText(DEMO_MAX_FOLLOWS, name, bound.max, lang)}`;
  if (spec.kind === 'number') {
    const range = document.createElement('input');
    range.type = 'range';
    range.min = '0';
    range.max = String(SLIDER_STEPS);
    range.value = String(toSlider(spec, Number(value)));
    range.setAttribute('aria-label', `${paramLabel(name, lang)} (${unitLabel(spec.unit, lang)})`);
    range.setAttribute('aria-describedby', helpId);
    range.tabIndex = -1;
    const num = document.createElement('input');
    num.type = 'number';
    num.id = id;
    num.min = String(spec.min);
    num.max = String(spec.max);
    num.step = numberStep(spec);
    num.value = String(value);
    num.setAttribute('aria-describedby', helpId);
    const unit = document.createElement('span');
    unit.className = 'unit';
    unit.textContent = unitLabel(spec.unit, lang);
    range.disabled = num.disabled = locked;
    range.addEventListener('input', () => {
      num.value = String(fromSlider(spec, Number(range.value)));
    });
    range.addEventListener('change', () => opts.onChange(name, fromSlider(spec, Number(range.value))));
    num.addEventListener('change', () => {
      const v = Number(num.value);
      if (num.value === '' || !Number.isFinite(v) || v < spec.min || v > spec.max || (spec.integer && !Number.isInteger(v))) {
        num.setAttribute('aria-invalid', 'true');
        num.value = String(value);
        return;
      }
      num.removeAttribute('aria-invalid');
      range.value = String(toSlider(spec, v));
      opts.onChange(name, v);
    });
    const line = document.createElement('div');
    line.className = 'number-line';
    line.append(range, num, unit);
    row.append(label, line, help);
  } else if (spec.kind === 'choice') {
    const select = document.createElement('select');
    select.id = id;
    select.setAttribute('aria-describedby', helpId);
    for (const o of spec.options) {
      const opt = document.createElement('option');
      opt.value = o;
      opt.textContent = choiceLabel(o, opts.lang);
      select.append(opt);
    }
    select.value = String(value);
    select.disabled = locked;
    select.addEventListener('change', () => opts.onChange(name, select.value));
    row.append(label, select, help);
  } else {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.checked = Boolean(value);
    box.disabled = locked;
    box.setAttribute('aria-describedby', helpId);
    box.addEventListener('change', () => opts.onChange(name, box.checked));
    const line = document.createElement('div');
    line.className = 'check-line';
    line.append(box, label);
    row.append(line, help);
  }
  return row;
}

/** The controls panel: the preset's (or puzzle's) controls, then "more". */
export function buildControls(opts: ControlsOptions): HTMLElement {
  const specs = paramSpecs();
  const wrap = document.createElement('div');
  wrap.className = 'controls';
  const first = (opts.allowed ?? opts.preset.controls).filter((n) => n in specs);
  for (const name of opts.preset.controls) if (!first.includes(name) && name in specs) first.push(name);
  for (const name of first) wrap.append(control(name, specs[name], opts.preset.params[name] ?? specs[name].default, opts));
  const more = document.createElement('details');
  more.className = 'more';
  const summary = document.createElement('summary');
  summary.textContent = t('more', opts.lang);
  more.append(summary);
  for (const name of Object.keys(specs)) {
    if (first.includes(name)) continue;
    more.append(control(name, specs[name], opts.preset.params[name] ?? specs[name].default, opts));
  }
  wrap.append(more);
  return wrap;
}

// ---- The variant menu --------------------------------------------------------

const armParamsCache = new Map<string, Readonly<Record<string, ParamValue>>>();

/** An arm's own effective parameters (with a puzzle's settings over the preset's, if any). */
function armParams(presetId: string, arm: string, extra: Readonly<Record<string, ParamValue>>): Readonly<Record<string, ParamValue>> {
  const key = `${presetId}\u0000${arm}\u0000${JSON.stringify(extra)}`;
  let params = armParamsCache.get(key);
  if (!params) {
    params = presetInfo(presetId, arm, extra).params;
    armParamsCache.set(key, params);
  }
  return params;
}

function sameValue(a: ParamValue | undefined, b: ParamValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The variant the running parameters (`preset.params`) are: the selected arm
 * (`selected`, null for the default) when they have its own values for the
 * settings the variants differ on, else the first arm whose values they
 * have, else null (custom settings). `extra` are a puzzle's settings over
 * the preset's.
 */
export function variantOf(preset: PresetInfo, selected: string | null, extra: Readonly<Record<string, ParamValue>> = {}): string | null {
  const names = variantParamNames(preset, extra);
  const chosen = selected ?? preset.defaultArm;
  const order = [...preset.arms.filter((a) => a.id === chosen), ...preset.arms.filter((a) => a.id !== chosen)];
  for (const a of order) {
    const own = armParams(preset.id, a.id, extra);
    if (names.every((k) => sameValue(own[k], preset.params[k]))) return a.id;
  }
  return null;
}

/** Parameters that some variants set differently: choosing a variant gives them the variant's values. */
export function variantParamNames(preset: PresetInfo, extra: Readonly<Record<string, ParamValue>> = {}): string[] {
  const all = preset.arms.map((a) => armParams(preset.id, a.id, extra));
  if (all.length < 2) return [];
  return Object.keys(all[0]).filter((k) => all.some((p) => !sameValue(p[k], all[0][k])));
}

/** Fills the variant menu: one option per arm, and a disabled "Custom" entry, selected, when the settings are no arm's. */
export function fillVariantMenu(select: HTMLSelectElement, preset: PresetInfo, variant: string | null, lang: Lang): void {
  const options = preset.arms.map((a) => {
    const o = document.createElement('option');
    o.value = a.id;
    o.textContent = a.label[lang];
    return o;
  });
  if (variant === null && preset.arms.length > 0) {
    const custom = document.createElement('option');
    custom.value = '';
    custom.textContent = t('variantCustom', lang);
    custom.disabled = true;
    custom.dataset.custom = 'true';
    options.unshift(custom);
  }
  select.replaceChildren(...options);
  select.value = variant ?? '';
}
