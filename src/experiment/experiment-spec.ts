/**
 * Experiment specs as JSON: what `defineExperiment` says, written as data
 * (the way NetLogo's BehaviorSpace and Mesa's batch runs take a data file).
 * A spec names a zoo model (`"model": "deffuant"`) or a bundled scenario by
 * its id (`"scenario": "crowdstrike-hoax"`), and carries every other field of
 * an experiment as plain values: network, arms, base, vary, replicates,
 * steps, durationHours, sampleEvery, metrics, finalMetrics, metricOptions,
 * outcomes, seed, quick, calibrate. Nothing in a spec is ever evaluated:
 * the text goes through a JSON parser, each value is checked against the
 * field's type, and the only code that runs is echolab's own (the bundled
 * scenario the spec names, looked up by id among a fixed list, never by
 * path). This is what anything generated writes (the demo's export), so a
 * link or a downloaded file can carry settings but never code.
 *
 * Every error names the file, the line and the JSON path of the value
 * (`spec.json:7: $.vary.epsilon[2]: ...`), the value, and what is allowed.
 * Errors found by the experiment checks (unknown parameter, value out of
 * range) are traced back to the path of the value that caused them.
 *
 * Pure (no I/O), so the browser demo can build specs with the same code.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node as JsonNode, type ParseErrorCode } from 'jsonc-parser';
import { InputError, closest, formatValue } from '../model/errors.js';
import type { ScenarioDefinition } from '../sim/platform/scenario.js';
import { defineExperiment, resolveExperiment } from './define-experiment.js';
import { isOutcomeKind } from './definition-checks.js';
import type { ExperimentDefinition, ExperimentSize, ParamValue } from './experiment-types.js';

/** The spec format this version reads and writes (`specVersion`). */
export const SPEC_VERSION = 1;

/** Specs larger than this are refused before parsing (a typo will not exhaust memory). */
export const SPEC_MAX_BYTES = 16 * 1024 * 1024;

/** The `quick` size of a spec: the same fields as a definition's. */
export type ExperimentSpecSize = ExperimentSize;

/**
 * An experiment as JSON data: `ExperimentDefinition` with the scenario
 * named by its id, plus three fields for people and editors.
 */
export type ExperimentSpec = Omit<ExperimentDefinition, 'scenario'> & {
  /** A JSON Schema for editors; ignored. */
  readonly $schema?: string;
  /** Free text for people (a text or a list of lines); ignored. */
  readonly $comment?: string | readonly string[];
  /** The format version; 1 when absent. */
  readonly specVersion?: number;
  /** A bundled scenario's id (`echolab list`). */
  readonly scenario?: string;
};

/** Fields in the order a spec is written (the order `defineExperiment` files use). */
export const SPEC_FIELDS = [
  '$schema', '$comment', 'specVersion', 'id', 'title', 'question', 'model', 'scenario', 'network', 'arms', 'base', 'vary',
  'replicates', 'steps', 'untilConverged', 'durationHours', 'sampleEvery', 'metrics', 'finalMetrics', 'metricOptions',
  'outcomes', 'keyOutcomes', 'outcomeKinds', 'ranges', 'seed', 'quick', 'calibrate',
] as const;
const SIZE_FIELDS = ['replicates', 'steps', 'durationHours', 'base', 'vary', 'sampleEvery'] as const;
const REQUIRED = ['id', 'title', 'question', 'replicates', 'seed'] as const;

type Segment = string | number;

/** `$.vary.epsilon[2]`, `$.base["network.n"]`. */
export function jsonPath(segments: readonly Segment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return out;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isScalar(v: unknown): v is ParamValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reports errors with the file, the line of the value and its JSON path. */
class SpecReporter {
  private tree: JsonNode | undefined | null = null;

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {}

  /** The line where the value at `segments` (or its nearest existing parent) starts. */
  lineOf(segments: readonly Segment[]): number | undefined {
    if (this.tree === null) this.tree = parseTree(this.text, [], { disallowComments: true }) ?? undefined;
    if (this.tree === undefined) return undefined;
    for (let n = segments.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.tree, [...segments.slice(0, n)]);
      if (node) {
        // For an object property, point at its key (the line people look for).
        const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
        return lineAt(this.text, at);
      }
    }
    return undefined;
  }

  error(segments: readonly Segment[], message: string): InputError {
    return new InputError(`${jsonPath(segments)}: ${message}`, { file: this.file, line: this.lineOf(segments), field: jsonPath(segments) });
  }

  invalid(segments: readonly Segment[], value: unknown, expected: string): InputError {
    return this.error(segments, `invalid value ${formatValue(value)}: expected ${expected}`);
  }
}

// ---- syntax -------------------------------------------------------------------

/** JSON syntax and duplicate keys, with line and column (JSON.parse keeps the last duplicate silently). */
function checkSyntax(text: string, file: string): void {
  let problem: InputError | null = null;
  const keys: Array<Set<string>> = [];
  const fail = (message: string, line: number, column: number): void => {
    problem ??= new InputError(`${message} (column ${column + 1})`, { file, line: line + 1 });
  };
  visit(
    text,
    {
      onObjectBegin: () => {
        keys.push(new Set());
      },
      onObjectEnd: () => {
        keys.pop();
      },
      onObjectProperty: (property, _offset, _length, line, column, pathSupplier) => {
        const seen = keys[keys.length - 1];
        if (seen.has(property)) fail(`${jsonPath([...pathSupplier(), property])}: the key ${JSON.stringify(property)} appears twice in one object (each field once)`, line, column);
        seen.add(property);
      },
      onError: (code: ParseErrorCode, offset, _length, line, column) => {
        const name = printParseErrorCode(code);
        const trailingComma = (name === 'PropertyNameExpected' || name === 'ValueExpected') && /,\s*$/.test(text.slice(Math.max(0, offset - 200), offset)) && /^[}\]]/.test(text.slice(offset));
        fail(`not valid JSON: ${trailingComma ? 'a comma before a closing } or ] (JSON allows no trailing comma)' : describeParseError(name)}`, line, column);
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (problem) throw problem;
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'a property name in double quotes expected',
    ValueExpected: 'a value expected',
    ColonExpected: '":" expected',
    CommaExpected: '"," expected',
    CloseBraceExpected: '"}" expected',
    CloseBracketExpected: '"]" expected',
    EndOfFileExpected: 'end of file expected (one JSON value per file)',
    InvalidCommentToken: 'comments are not allowed in JSON (use "$comment")',
    UnexpectedEndOfComment: 'comments are not allowed in JSON (use "$comment")',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'a control character inside a string (write it as an escape, e.g. \\n)',
  };
  return words[code] ?? code;
}

/** Parse a spec's text: JSON syntax, then every field's type. Evaluates nothing. */
export function parseExperimentSpec(text: string, file: string): ExperimentSpec {
  if (text.length > SPEC_MAX_BYTES) throw new InputError(`the spec is ${text.length} characters long: expected at most ${SPEC_MAX_BYTES} (a JSON experiment spec is a few kilobytes)`, { file });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError('the spec is empty: expected a JSON object { "id": ..., "model" or "scenario": ..., ... }', { file, line: 1 });
  checkSyntax(body, file);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    // The visitor above accepts nothing JSON.parse rejects in practice; keep a clear message anyway.
    throw new InputError(`not valid JSON (${err instanceof Error ? err.message.slice(0, 120) : String(err)})`, { file });
  }
  const r = new SpecReporter(file, body);
  checkShape(value, r);
  return value as ExperimentSpec;
}

// ---- types of every field ------------------------------------------------------

function checkKnownKeys(obj: Record<string, unknown>, known: readonly string[], at: readonly Segment[], r: SpecReporter, what = 'field'): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const near = closest(key, known);
    throw r.error([...at, key], `unknown ${what} ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}; known: ${known.join(', ')}`);
  }
}

function checkString(v: unknown, at: readonly Segment[], r: SpecReporter, nonEmpty = true): void {
  if (typeof v !== 'string' || (nonEmpty && v.trim() === '')) throw r.invalid(at, v, nonEmpty ? 'a non-empty text' : 'a text');
}

function checkNumber(v: unknown, at: readonly Segment[], r: SpecReporter): void {
  if (typeof v !== 'number') throw r.invalid(at, v, 'a number');
}

function checkScalarBlock(v: unknown, at: readonly Segment[], r: SpecReporter, what: string): void {
  if (!isObject(v)) throw r.invalid(at, v, `an object of ${what}, e.g. { "agents": 1000, "ranker": "similarity" }`);
  for (const [k, x] of Object.entries(v)) {
    if (k === '') throw r.error([...at, k], 'a parameter name cannot be empty');
    if (!isScalar(x)) throw r.invalid([...at, k], x, 'a number, a text or true/false');
  }
}

function checkVary(v: unknown, at: readonly Segment[], r: SpecReporter): void {
  if (!isObject(v)) throw r.invalid(at, v, 'an object of value lists, e.g. { "epsilon": [0.2, 0.3, 0.4] }');
  for (const [k, list] of Object.entries(v)) {
    if (k === '') throw r.error([...at, k], 'a parameter name cannot be empty');
    if (!Array.isArray(list)) throw r.invalid([...at, k], list, 'a list of values, e.g. [0.2, 0.4]');
    if (list.length === 0) throw r.invalid([...at, k], list, 'a non-empty list of values (drop the key to keep the default)');
    list.forEach((x: unknown, i) => {
      if (!isScalar(x)) throw r.invalid([...at, k, i], x, 'a number, a text or true/false');
    });
  }
}

function checkNameList(v: unknown, at: readonly Segment[], r: SpecReporter): void {
  if (!Array.isArray(v)) throw r.invalid(at, v, 'a list of names, e.g. ["opinion.variance"]');
  v.forEach((x: unknown, i) => {
    if (typeof x !== 'string' || x === '') throw r.invalid([...at, i], x, 'a name (a non-empty text)');
  });
}

function checkShape(spec: unknown, r: SpecReporter): void {
  if (!isObject(spec)) throw r.invalid([], spec, 'a JSON object { "id": ..., "model" or "scenario": ..., ... }');
  checkKnownKeys(spec, SPEC_FIELDS, [], r);
  for (const f of REQUIRED) if (!hasOwn(spec, f)) throw r.error([f], `missing: a spec needs ${REQUIRED.map((x) => `"${x}"`).join(', ')} and "model" or "scenario"`);
  if (spec.$schema !== undefined) checkString(spec.$schema, ['$schema'], r, false);
  if (spec.$comment !== undefined && typeof spec.$comment !== 'string' && !(Array.isArray(spec.$comment) && spec.$comment.every((x) => typeof x === 'string'))) {
    throw r.invalid(['$comment'], spec.$comment, 'a text (or a list of texts)');
  }
  if (spec.specVersion !== undefined && spec.specVersion !== SPEC_VERSION) {
    throw r.invalid(['specVersion'], spec.specVersion, `${SPEC_VERSION} (this echolab reads spec version ${SPEC_VERSION}; a newer spec needs a newer echolab)`);
  }
  for (const f of ['id', 'title', 'question', 'seed'] as const) checkString(spec[f], [f], r);
  const hasModel = hasOwn(spec, 'model');
  const hasScenario = hasOwn(spec, 'scenario');
  if (hasModel === hasScenario) {
    throw r.error(hasModel ? ['scenario'] : [], hasModel ? 'give either "model" or "scenario", not both' : 'missing: "model" (a zoo model id, e.g. "deffuant") or "scenario" (a bundled scenario id, e.g. "crowdstrike-hoax")');
  }
  if (hasModel) checkString(spec.model, ['model'], r);
  if (hasScenario) checkString(spec.scenario, ['scenario'], r);
  if (spec.network !== undefined) {
    if (!isObject(spec.network)) throw r.invalid(['network'], spec.network, 'a network spec { "kind": ..., "params": { ... } }');
    checkKnownKeys(spec.network, ['kind', 'params'], ['network'], r);
    checkString(spec.network.kind, ['network', 'kind'], r);
    checkScalarBlock(spec.network.params ?? {}, ['network', 'params'], r, 'generator parameters');
  }
  if (spec.arms !== undefined) {
    if (!isObject(spec.arms)) throw r.invalid(['arms'], spec.arms, 'an object of named parameter sets { "name": { "params": { ... } } }');
    for (const [name, arm] of Object.entries(spec.arms)) {
      if (!isObject(arm)) throw r.invalid(['arms', name], arm, 'an arm { "description"?: text, "params": { ... } }');
      checkKnownKeys(arm, ['description', 'params'], ['arms', name], r);
      if (arm.description !== undefined) checkString(arm.description, ['arms', name, 'description'], r, false);
      checkScalarBlock(arm.params, ['arms', name, 'params'], r, 'model parameters');
    }
  }
  if (spec.base !== undefined) checkScalarBlock(spec.base, ['base'], r, 'parameter values');
  if (spec.vary !== undefined) checkVary(spec.vary, ['vary'], r);
  for (const f of ['replicates', 'steps', 'durationHours', 'sampleEvery'] as const) if (spec[f] !== undefined) checkNumber(spec[f], [f], r);
  if (spec.untilConverged !== undefined && typeof spec.untilConverged !== 'boolean') throw r.invalid(['untilConverged'], spec.untilConverged, 'true or false');
  for (const f of ['metrics', 'finalMetrics', 'outcomes', 'keyOutcomes'] as const) if (spec[f] !== undefined) checkNameList(spec[f], [f], r);
  if (spec.metricOptions !== undefined) {
    if (!isObject(spec.metricOptions)) throw r.invalid(['metricOptions'], spec.metricOptions, 'an object keyed by metric name, e.g. { "opinion.clusters": { "gap": 0.02 } }');
    for (const [name, opts] of Object.entries(spec.metricOptions)) checkScalarBlock(opts, ['metricOptions', name], r, 'option values');
  }
  if (spec.quick !== undefined) {
    const q = spec.quick;
    if (!isObject(q)) throw r.invalid(['quick'], q, 'an object with a smaller size { "replicates", "steps", "durationHours", "base", "vary", "sampleEvery" }');
    checkKnownKeys(q, SIZE_FIELDS, ['quick'], r);
    for (const f of ['replicates', 'steps', 'durationHours', 'sampleEvery'] as const) if (q[f] !== undefined) checkNumber(q[f], ['quick', f], r);
    if (q.base !== undefined) checkScalarBlock(q.base, ['quick', 'base'], r, 'parameter values');
    if (q.vary !== undefined) checkVary(q.vary, ['quick', 'vary'], r);
  }
  if (spec.outcomeKinds !== undefined) {
    if (!isObject(spec.outcomeKinds)) throw r.invalid(['outcomeKinds'], spec.outcomeKinds, 'an object of outcome kinds, e.g. { "consensus": { "kind": "proportion" }, "share": { "kind": "bounded", "lower": 0, "upper": 1 } }');
    for (const [k, kind] of Object.entries(spec.outcomeKinds)) {
      if (!isOutcomeKind(kind)) throw r.invalid(['outcomeKinds', k], kind, '{ "kind": "proportion" | "count" | "continuous" } or { "kind": "bounded", "lower": a, "upper": b } with a < b');
    }
  }
  if (spec.ranges !== undefined) {
    if (!isObject(spec.ranges)) throw r.invalid(['ranges'], spec.ranges, 'an object of parameter ranges for --design, e.g. { "epsilon": [0.1, 0.5] }');
    for (const [k, range] of Object.entries(spec.ranges)) {
      if (!Array.isArray(range) || range.length !== 2 || !range.every((x) => typeof x === 'number') || !((range[0] as number) < (range[1] as number))) {
        throw r.invalid(['ranges', k], range, 'a range [lo, hi] of two numbers with lo < hi');
      }
    }
  }
  if (spec.calibrate !== undefined) {
    if (!isObject(spec.calibrate)) throw r.invalid(['calibrate'], spec.calibrate, 'an object of prior ranges, e.g. { "credulity": [0.1, 0.6] }');
    for (const [k, range] of Object.entries(spec.calibrate)) {
      if (!Array.isArray(range) || range.length !== 2 || !range.every((x) => typeof x === 'number') || !((range[0] as number) < (range[1] as number))) {
        throw r.invalid(['calibrate', k], range, 'a range [lo, hi] of two numbers with lo < hi');
      }
    }
  }
}

// ---- spec -> definition -----------------------------------------------------------

/** Blocks where a parameter named by a bare `field` can sit, in the order the checks read them. */
function parameterBlocks(spec: ExperimentSpec): Segment[][] {
  const blocks: Segment[][] = [['base'], ['vary'], ['quick', 'base'], ['quick', 'vary']];
  for (const name of Object.keys(spec.arms ?? {})) blocks.push(['arms', name, 'params']);
  blocks.push(['network', 'params']);
  return blocks;
}

function valueAt(root: unknown, segments: readonly Segment[]): unknown {
  let v = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object' || !hasOwn(v, String(s))) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

/**
 * The JSON path of the value an experiment check blamed. Checks name fields
 * as dotted paths (`quick.base`, `network.params.n`, `arms.low.params.mu`)
 * or, for a parameter, by its bare name (`epsilon`, `network.n`); keys can
 * hold dots themselves, so the path is found by walking the spec.
 */
export function specPathOf(spec: ExperimentSpec, field: string | undefined, message = ''): Segment[] {
  if (field === undefined || field === '') return [];
  // Every way of reading `parts` as a chain of keys (longest key first); `full` only when all are used.
  const walk = (node: unknown, parts: readonly string[], full: boolean): Segment[] | null => {
    if (parts.length === 0) return [];
    if (!isObject(node)) return full ? null : [];
    for (let n = parts.length; n >= 1; n--) {
      const key = parts.slice(0, n).join('.');
      if (!hasOwn(node, key)) continue;
      const rest = walk(node[key], parts.slice(n), full);
      if (rest) return [key, ...rest];
    }
    return full ? null : [];
  };
  const parts = field.split('.');
  let at: Segment[] | null = walk(spec, parts, true);
  if (at === null) {
    for (const block of parameterBlocks(spec)) {
      const holder = valueAt(spec, block);
      if (isObject(holder) && hasOwn(holder, field)) {
        at = [...block, field];
        break;
      }
    }
  }
  at ??= walk(spec, parts, false) ?? [];
  // A sweep's value: point at the element the message quotes.
  const list = valueAt(spec, at);
  if (Array.isArray(list) && message !== '') {
    const i = list.findIndex((x) => message.includes(`(${formatValue(x)})`));
    if (i >= 0) at = [...at, i];
  }
  return at;
}

/**
 * The definition a parsed spec stands for, checked the way `echolab run`
 * will use it (both sizes: full and `quick`). `scenario` is the bundled
 * scenario the spec names (the caller looks it up by id), or undefined for a
 * model spec.
 */
export function specToDefinition(spec: ExperimentSpec, scenario: ScenarioDefinition<unknown> | undefined, file: string, text?: string): ExperimentDefinition {
  const r = new SpecReporter(file, text ?? JSON.stringify(spec, null, 2));
  const def: Record<string, unknown> = {};
  for (const key of SPEC_FIELDS) {
    if (key === '$schema' || key === '$comment' || key === 'specVersion' || !hasOwn(spec, key)) continue;
    def[key] = key === 'scenario' ? scenario : spec[key];
  }
  if (spec.scenario !== undefined && scenario === undefined) throw r.invalid(['scenario'], spec.scenario, 'a bundled scenario id');
  let definition: ExperimentDefinition;
  try {
    definition = defineExperiment(def as unknown as ExperimentDefinition);
    resolveExperiment(definition, { checkInit: false });
    if (definition.quick !== undefined) resolveExperiment(definition, { quick: true, checkInit: false });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const at = specPathOf(spec, err.field, err.message);
    throw new InputError(`${jsonPath(at)}: ${err.message}`, { file, line: r.lineOf(at), field: jsonPath(at) });
  }
  return definition;
}

// ---- definition -> spec -----------------------------------------------------------

/** A deep copy of plain data (objects, lists, scalars), keys in their order. */
function copyData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyData);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, copyData(x)]));
  return v;
}

/**
 * An experiment as a spec. A scenario is written as its id: the caller
 * checks that the id names this very scenario among the bundled ones (a
 * scenario made in a file of one's own has no id a spec could name).
 */
export function definitionToSpec(def: ExperimentDefinition, comment?: string | readonly string[]): ExperimentSpec {
  const out: Record<string, unknown> = {};
  if (comment !== undefined) out.$comment = comment;
  out.specVersion = SPEC_VERSION;
  for (const key of SPEC_FIELDS) {
    if (key === '$schema' || key === '$comment' || key === 'specVersion') continue;
    const v = (def as unknown as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out[key] = key === 'scenario' ? (v as ScenarioDefinition<unknown>).id : copyData(v);
  }
  return out as unknown as ExperimentSpec;
}

/** The text of a spec file: two-space JSON and a final newline. */
export function specText(spec: ExperimentSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Whether a path names a JSON spec rather than a module. */
export function isSpecFile(file: string): boolean {
  return /\.json$/i.test(file);
}
