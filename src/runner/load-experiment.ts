/**
 * Finding and loading experiment files: a path, or the id of a bundled
 * experiment (experiments/<id>.ts). A module's default export goes through
 * `toExperiment`, so an experiment or a platform scenario both load. A
 * `.json` file is a spec (experiment-spec.ts): it is parsed, never imported,
 * and the scenario it names is looked up among the bundled ones by id, so
 * loading a spec runs no code but echolab's own. Any failure (missing file,
 * syntax error, wrong export) is an `InputError` naming the file, raised
 * before a run starts.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toExperiment } from '../experiment/define-experiment.js';
import { isSpecFile, parseExperimentSpec, specToDefinition } from '../experiment/experiment-spec.js';
import type { ExperimentDefinition, ScenarioDefinition } from '../experiment/experiment-types.js';
import { InputError, closest } from '../model/errors.js';
import { looksLikeScenario } from '../experiment/definition-checks.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Two layouts run this code: the repository, where it is TypeScript
 * (src/runner/*.ts, experiments/*.ts, loaded through tsx or vitest), and
 * the installed package, where it is compiled JavaScript under lib/
 * (lib/src/runner/*.js, lib/experiments/*.js).
 */
export const COMPILED = import.meta.url.endsWith('.js');
/** Extension of echolab's own modules in this layout. */
export const MODULE_EXT = COMPILED ? '.js' : '.ts';
/** Root of the sources in this layout (the repository, or lib/ of the package): src/, experiments/. */
export const SOURCE_ROOT = path.resolve(HERE, '../..');

/** The package root (package.json, bin/, reference/): the nearest folder above that holds echolab's package.json. */
export const PACKAGE_ROOT = findPackageRoot(SOURCE_ROOT);
export const BUNDLED_DIR = path.join(SOURCE_ROOT, 'experiments');

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'echolab') return dir;
    } catch {
      // no package.json here (or not readable): keep climbing
    }
    if (path.dirname(dir) === dir) return from;
  }
}

/** experiments/*.ts (*.js when compiled), sorted by name. */
export function bundledExperimentFiles(): string[] {
  if (!existsSync(BUNDLED_DIR)) return [];
  return readdirSync(BUNDLED_DIR)
    .filter((f) => f.endsWith(MODULE_EXT) && !f.endsWith('.d.ts') && !f.endsWith(`.test${MODULE_EXT}`))
    .sort()
    .map((f) => path.join(BUNDLED_DIR, f));
}

/** A bundled experiment's id: its file name without the extension. */
function bundledId(file: string): string {
  return path.basename(file, MODULE_EXT);
}

const TYPESCRIPT_FILE = /\.[cm]?ts$/i;
let typescriptLoader: Promise<void> | null = null;

/**
 * Users' experiment files may be TypeScript. In the repository tsx (or
 * vitest) already compiles every import; the installed package runs
 * compiled JavaScript, so tsx's loader is registered here, once per
 * thread, the first time a .ts file is loaded (and never for the bundled
 * experiments or a JSON spec, which need none).
 */
export function ensureTypeScriptLoader(file: string): Promise<void> {
  if (!COMPILED || !TYPESCRIPT_FILE.test(file)) return Promise.resolve();
  typescriptLoader ??= import('tsx/esm/api').then((tsx) => {
    tsx.register();
  });
  return typescriptLoader;
}

/** A path to an experiment file (absolute), from a path or a bundled id. */
export function findExperimentFile(arg: string, cwd: string = process.cwd()): string {
  const asPath = path.resolve(cwd, arg);
  if (existsSync(asPath) && statSync(asPath).isFile()) return asPath;
  const looksLikePath = arg.includes('/') || arg.includes(path.sep) || /\.([cm]?[jt]s|json)$/i.test(arg);
  if (!looksLikePath) {
    const bundled = path.join(BUNDLED_DIR, `${arg}${MODULE_EXT}`);
    if (existsSync(bundled)) return bundled;
  }
  if (looksLikePath) throw new InputError(`no such experiment file: ${arg}`, { field: 'experiment' });
  const ids = bundledExperimentFiles().map(bundledId);
  const near = closest(arg, ids);
  throw new InputError(
    `unknown experiment \`${arg}\`${near ? ` (did you mean \`${near}\`?)` : ''}; bundled: ${ids.join(', ')} (or give a path to a .ts file or a .json spec; \`echolab list\` shows them)`,
    { field: 'experiment' },
  );
}

/** Path shown to people and stored in manifests: relative to the sources' root when inside it (experiments/<id>.ts). */
export function displayPath(file: string): string {
  // Not a path (an experiment passed in code): shown as it is.
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(SOURCE_ROOT, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

/** Resolve a path stored by `displayPath`. */
export function resolveStoredPath(stored: string): string {
  if (path.isAbsolute(stored)) return stored;
  const file = path.resolve(SOURCE_ROOT, stored);
  // A bundled experiment stored by the other layout (experiments/<id>.ts vs .js).
  const other = file.replace(/\.(ts|js)$/, MODULE_EXT);
  return !existsSync(file) && existsSync(other) ? other : file;
}

/** Ids of the bundled experiments whose default export is a scenario (or an experiment built on one). */
export async function bundledScenarioIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const f of bundledExperimentFiles()) {
    const id = bundledId(f);
    if ((await bundledScenario(id)) !== undefined) ids.push(id);
  }
  return ids;
}

/**
 * The bundled scenario with this id: experiments/<id>.ts, found by id among
 * the files of experiments/ (never a path, so a spec cannot name a module
 * of its own), whose default export is a scenario or an experiment on one.
 */
export async function bundledScenario(id: string): Promise<ScenarioDefinition<unknown> | undefined> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) return undefined;
  const file = bundledExperimentFiles().find((f) => bundledId(f) === id);
  if (file === undefined) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  const d = mod.default;
  if (looksLikeScenario(d)) return d;
  if (d !== null && typeof d === 'object' && 'scenario' in d && looksLikeScenario((d as { scenario?: unknown }).scenario)) {
    return (d as { scenario: ScenarioDefinition<unknown> }).scenario;
  }
  return undefined;
}

/** Read a JSON spec into a definition: parsed and checked, never imported. */
export async function loadExperimentSpec(file: string): Promise<ExperimentDefinition> {
  // In messages: as the user typed it from where they stand (a spec usually sits in their own folder).
  const fromCwd = path.relative(process.cwd(), file);
  const shown = fromCwd !== '' && !fromCwd.startsWith('..') && !path.isAbsolute(fromCwd) ? fromCwd.split(path.sep).join('/') : displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the spec: ${firstLine(err)}`, { file: shown });
  }
  const spec = parseExperimentSpec(text, shown);
  let scenario: ScenarioDefinition<unknown> | undefined;
  if (spec.scenario !== undefined) {
    scenario = await bundledScenario(spec.scenario);
    if (scenario === undefined) {
      const ids = await bundledScenarioIds();
      const near = closest(spec.scenario, ids);
      throw new InputError(
        `$.scenario: unknown scenario ${JSON.stringify(spec.scenario)}${near ? ` (did you mean "${near}"?)` : ''}: a spec names a bundled scenario by id, one of ${ids.join(', ')}`,
        { file: shown, field: '$.scenario' },
      );
    }
  }
  return specToDefinition(spec, scenario, shown, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** Import an experiment file and turn its default export into an experiment definition (a `.json` spec is read as data). */
export async function loadExperiment(file: string): Promise<ExperimentDefinition> {
  if (isSpecFile(file)) return loadExperimentSpec(file);
  const shown = displayPath(file);
  let mod: { default?: unknown };
  try {
    await ensureTypeScriptLoader(file);
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    if (err instanceof InputError) {
      // defineExperiment() in the file rejected it: keep the field, add the file.
      if (err.file !== undefined) throw err;
      throw withCause(new InputError(err.message, { file: shown, field: err.field }), err);
    }
    const msg = firstLine(err);
    // tsx treats a .ts file outside an ES-module package as CommonJS, which cannot import the ESM sources.
    const hint = /require\(\) (of )?ES Module|ERR_REQUIRE_ESM|Cannot use import statement/i.test(msg)
      ? ' (an experiment file outside this repository must be an ES module: name it .mts, or put a package.json with "type": "module" beside it)'
      : '';
    throw withCause(new InputError(`cannot load the experiment file: ${msg}${hint}`, { file: shown }), err);
  }
  // Reading the export runs the file's code again (getters, proxies): its exceptions name the file too.
  return inExperimentFile(file, 'cannot load the experiment file', () => {
    if (mod.default === undefined) {
      throw new InputError('the file has no default export: write `export default defineExperiment({ ... })`', { file: shown, field: 'default' });
    }
    return toExperiment(mod.default, shown);
  });
}

/**
 * Run `fn` on an experiment file's definition (loading, resolving): an
 * InputError passes as it is, and any other exception (a getter that
 * throws, a bug) becomes an InputError naming the file, what failed and the
 * message, with the original kept as `cause` (its stack shows with --debug).
 */
export function inExperimentFile<T>(file: string, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw withCause(new InputError(`${what}: ${firstLine(err)}`, { file: displayPath(file) }), err);
  }
}

function withCause<E extends Error>(e: E, cause: unknown): E {
  e.cause = cause;
  return e;
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n').slice(0, 3).join(' ').trim();
}

/** echolab's version, from package.json. */
export function echolabVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
