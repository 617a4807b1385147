/**
 * The demo's state in a URL query string, so a shared link reproduces a run
 * exactly: `?preset=…&arm=…&seed=…&lang=fr&puzzle=…&speed=…&<param>=<value>…`.
 * Only parameters that differ from the preset's are written, in a stable
 * order (preset, arm, seed, lang, puzzle, speed, then the schema's order), so
 * one configuration has one URL and parse(format(x)) = x. The play speed
 * (ticks per second, one of SPEEDS) does not change the run, only how fast it
 * plays; it is written only when it is not the default.
 *
 * Reading never throws: unknown keys, an unknown preset, arm or puzzle, a
 * mistyped or out-of-range value, a bad seed and a speed the menu does not
 * offer are reported (EN and FR) and replaced by defaults.
 */
import { sanitizeConfig, problem } from './demo-config.js';
import { paramSpecs } from './demo-presets.js';
import { LANGS, type ConfigProblem, type DemoConfig, type Lang, type ParamValue } from './demo-protocol.js';
import { puzzleDefinition, puzzleIds } from './puzzles.js';
import { DEFAULT_SPEED, SPEEDS } from '../app/layout.js';

const RESERVED = ['preset', 'arm', 'seed', 'lang', 'puzzle', 'speed'] as const;
/** Keys of the page's views, read by the page itself (a lesson's steps, the teachers' list of lessons). */
export const VIEW_KEYS = ['lesson', 'lessons'] as const;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A URL value as the parameter's type; the string itself when it does not parse (the check reports it). */
function typedValue(name: string, text: string): unknown {
  const spec = paramSpecs()[name];
  if (!spec) return text;
  if (spec.kind === 'number') return NUMBER.test(text.trim()) ? Number(text) : text;
  if (spec.kind === 'boolean') return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
  return text;
}

function safeParams(search: string): URLSearchParams | null {
  try {
    return new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  } catch {
    return null;
  }
}

/** Read a query string (with or without the leading '?'); never throws. */
export function parseDemoUrl(search: string): { config: DemoConfig; lang: Lang; puzzle: string | null; speed: number; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const q = safeParams(typeof search === 'string' ? search : '');
  if (q === null) {
    problems.push(problem('url', search, 'The link could not be read; defaults are used.', 'Le lien n’a pas pu être lu ; les valeurs par défaut sont utilisées.'));
  }
  const entries = q ? [...q.entries()] : [];
  const seen = new Set<string>();
  const first = new Map<string, string>();
  for (const [key, value] of entries) {
    if (seen.has(key)) {
      problems.push(problem(key, value, `“${key}” is given more than once; the first value is used.`, `« ${key} » est donné plusieurs fois ; la première valeur est utilisée.`));
      continue;
    }
    seen.add(key);
    first.set(key, value);
  }
  let lang: Lang = 'en';
  const langText = first.get('lang');
  if (langText !== undefined) {
    if ((LANGS as readonly string[]).includes(langText)) lang = langText as Lang;
    else problems.push(problem('lang', langText, 'Unknown language; English is used.', 'Langue inconnue ; l’anglais est utilisé.'));
  }
  let puzzle: string | null = null;
  const puzzleText = first.get('puzzle');
  if (puzzleText !== undefined && puzzleText !== '') {
    if (puzzleIds().includes(puzzleText)) puzzle = puzzleText;
    else problems.push(problem('puzzle', puzzleText, 'Unknown puzzle; ignored.', 'Énigme inconnue ; ignorée.'));
  }
  let speed = DEFAULT_SPEED;
  const speedText = first.get('speed');
  if (speedText !== undefined) {
    const v = NUMBER.test(speedText.trim()) ? Number(speedText) : Number.NaN;
    if (SPEEDS.includes(v)) speed = v;
    else {
      const list = SPEEDS.join(', ');
      problems.push(problem('speed', speedText, `Unknown speed (ticks per second: one of ${list}); ${DEFAULT_SPEED} is used.`, `Vitesse inconnue (pas par seconde\u00a0: ${list})\u00a0; ${DEFAULT_SPEED} est utilisée.`));
    }
  }
  // No prototype: a key such as "__proto__" is just an unknown parameter.
  const params = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of first) {
    if ((RESERVED as readonly string[]).includes(key) || (VIEW_KEYS as readonly string[]).includes(key)) continue;
    params[key] = typedValue(key, value);
  }
  // A puzzle fixes the preset, its variant and the seed, and adds settings of its own.
  const pz = puzzle !== null ? puzzleDefinition(puzzle) : null;
  const raw = pz ? { preset: pz.info.preset, arm: pz.arm, seed: pz.seed, params } : { preset: first.get('preset'), arm: first.get('arm'), seed: first.get('seed'), params };
  let out: { config: DemoConfig; problems: ConfigProblem[] };
  try {
    out = sanitizeConfig(raw, pz ? pz.params : {});
  } catch {
    out = sanitizeConfig({});
    problems.push(problem('url', search, 'The link could not be used; defaults are used.', 'Le lien n’a pas pu être utilisé ; les valeurs par défaut sont utilisées.'));
  }
  return { config: out.config, lang, puzzle, speed, problems: [...problems, ...out.problems] };
}

function formatValue(v: ParamValue): string {
  return typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? 'true' : 'false') : v;
}

/** The query string of a configuration (starting with '?'): preset, arm, seed, lang, puzzle, speed (when not the default), then changed parameters in schema order. */
export function formatDemoUrl(config: DemoConfig, lang: Lang, puzzle: string | null, speed: number = DEFAULT_SPEED): string {
  const q = new URLSearchParams();
  q.set('preset', config.preset);
  if (config.arm !== null) q.set('arm', config.arm);
  q.set('seed', config.seed);
  if (lang !== 'en') q.set('lang', lang);
  if (puzzle !== null) q.set('puzzle', puzzle);
  if (speed !== DEFAULT_SPEED) q.set('speed', String(speed));
  for (const name of Object.keys(paramSpecs())) {
    if (Object.prototype.hasOwnProperty.call(config.params, name)) q.set(name, formatValue(config.params[name]));
  }
  return `?${q.toString()}`;
}
