/**
 * The shape of one runs.jsonl record (a RunResult after decodeRun), checked
 * field by field. A line that is valid JSON but not a run record (`{}`,
 * `[1]`, a field of the wrong type) used to pass a shallow check and crash
 * the table builder with a TypeError; now it is refused with the field
 * named, before anything is written.
 */
import { formatValue } from '../model/errors.js';

type Problem = string | null;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function expected(field: string, value: unknown, what: string): string {
  return `\`${field}\` is ${value === undefined ? 'missing' : formatValue(value)}: expected ${what}`;
}

/** A record of numbers (NaN and ±Infinity included: runs.jsonl tags them, decodeRun restores them). */
function numberRecord(field: string, v: unknown): Problem {
  if (!isObject(v)) return expected(field, v, 'an object of numbers');
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'number') return expected(`${field}.${k}`, x, 'a number');
  return null;
}

function nonNegativeInteger(field: string, v: unknown): Problem {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? null : expected(field, v, 'an integer ≥ 0');
}

function text(field: string, v: unknown): Problem {
  return typeof v === 'string' ? null : expected(field, v, 'a string');
}

function runSpecProblem(v: unknown): Problem {
  if (!isObject(v)) return expected('run', v, 'an object { index, name, params, replicate, seedKey, crnKey }');
  const params = v.params;
  if (!isObject(params)) return expected('run.params', params, 'an object of parameter values');
  for (const [k, x] of Object.entries(params)) {
    if (typeof x !== 'number' && typeof x !== 'string' && typeof x !== 'boolean') return expected(`run.params.${k}`, x, 'a number, string or boolean');
  }
  return (
    nonNegativeInteger('run.index', v.index) ??
    text('run.name', v.name) ??
    nonNegativeInteger('run.replicate', v.replicate) ??
    text('run.seedKey', v.seedKey) ??
    text('run.crnKey', v.crnKey)
  );
}

const ROOT_KINDS = ['claim', 'organic', 'bot'];
const VERACITIES = ['false', 'true', 'none'];

/** `cascadeInfo`: absent (older results), or one { root, veracity, topic } per cascade row. */
function cascadeInfoProblem(v: unknown, rows: number): Problem {
  if (v === undefined) return null;
  if (!Array.isArray(v) || v.length !== rows) return expected('cascadeInfo', Array.isArray(v) ? `${v.length} entries` : v, `one entry per cascade row (${rows})`);
  for (let i = 0; i < v.length; i++) {
    const c: unknown = v[i];
    if (!isObject(c)) return expected(`cascadeInfo[${i}]`, c, 'an object { root, veracity, topic }');
    if (typeof c.root !== 'string' || !ROOT_KINDS.includes(c.root)) return expected(`cascadeInfo[${i}].root`, c.root, ROOT_KINDS.join(', '));
    if (typeof c.veracity !== 'string' || !VERACITIES.includes(c.veracity)) return expected(`cascadeInfo[${i}].veracity`, c.veracity, VERACITIES.join(', '));
    if (c.topic !== null && typeof c.topic !== 'string') return expected(`cascadeInfo[${i}].topic`, c.topic, 'a string or null');
  }
  return null;
}

/** `trees`: absent, or trees { row, parent, time } of existing rows, each a parent-before-child tree. */
function storedTreesProblem(v: unknown, rows: number): Problem {
  if (v === undefined) return null;
  if (!Array.isArray(v)) return expected('trees', v, 'an array of trees { row, parent, time }');
  for (let i = 0; i < v.length; i++) {
    const t: unknown = v[i];
    if (!isObject(t)) return expected(`trees[${i}]`, t, 'a tree { row, parent, time }');
    if (!(typeof t.row === 'number' && Number.isSafeInteger(t.row) && t.row >= 0 && t.row < rows)) return expected(`trees[${i}].row`, t.row, `a cascade row index in [0, ${rows})`);
    const { parent, time } = t;
    if (!Array.isArray(parent) || parent.length === 0) return expected(`trees[${i}].parent`, parent, 'a non-empty array of parent entries');
    if (!Array.isArray(time) || time.length !== parent.length) return expected(`trees[${i}].time`, Array.isArray(time) ? `${time.length} entries` : time, `${parent.length} times, one per entry`);
    for (let k = 0; k < parent.length; k++) {
      const p: unknown = parent[k];
      const ok = k === 0 ? p === -1 : typeof p === 'number' && Number.isSafeInteger(p) && p >= 0 && p < k;
      if (!ok) return expected(`trees[${i}].parent[${k}]`, p, k === 0 ? '-1 (the root)' : `an earlier entry in [0, ${k})`);
      if (typeof time[k] !== 'number') return expected(`trees[${i}].time[${k}]`, time[k], 'a number');
    }
  }
  return null;
}

const FEED_NUMBER_COLUMNS = ['time', 'puppet', 'position', 'post', 'author', 'stance', 'veracity', 'score'];

/** `feeds`: absent (no puppets), or the feed log's columns, all of one length (numbers; `kind` strings). */
function feedsProblem(v: unknown): Problem {
  if (v === undefined) return null;
  if (!isObject(v)) return expected('feeds', v, 'an object of columns { time, puppet, kind, position, post, author, stance, veracity, score }');
  const kind = v.kind;
  if (!Array.isArray(kind) || !kind.every((k) => typeof k === 'string')) return expected('feeds.kind', kind, 'an array of strings');
  for (const c of FEED_NUMBER_COLUMNS) {
    const col = v[c];
    if (!Array.isArray(col) || col.length !== kind.length) return expected(`feeds.${c}`, Array.isArray(col) ? `${col.length} entries` : col, `an array of ${kind.length} numbers`);
    for (let i = 0; i < col.length; i++) if (typeof col[i] !== 'number') return expected(`feeds.${c}[${i}]`, col[i], 'a number');
  }
  return null;
}

/** What is wrong with a decoded runs.jsonl line as a run record, naming the field; null when it is one. */
export function runRecordProblem(x: unknown): Problem {
  if (!isObject(x)) return `the line is ${Array.isArray(x) ? 'an array' : formatValue(x)}: expected a run record (an object { run, final, series, cascades, steps, converged })`;
  const run = runSpecProblem(x.run);
  if (run) return run;
  const final = numberRecord('final', x.final);
  if (final) return final;
  if (!Array.isArray(x.series)) return expected('series', x.series, 'an array of samples { t, values }');
  for (let i = 0; i < x.series.length; i++) {
    const s: unknown = x.series[i];
    if (!isObject(s)) return expected(`series[${i}]`, s, 'a sample { t, values }');
    if (typeof s.t !== 'number') return expected(`series[${i}].t`, s.t, 'a number');
    const values = numberRecord(`series[${i}].values`, s.values);
    if (values) return values;
  }
  if (!Array.isArray(x.cascades)) return expected('cascades', x.cascades, 'an array of cascade rows');
  for (let i = 0; i < x.cascades.length; i++) {
    const row = numberRecord(`cascades[${i}]`, x.cascades[i]);
    if (row) return row;
  }
  const info = cascadeInfoProblem(x.cascadeInfo, x.cascades.length);
  if (info) return info;
  const trees = storedTreesProblem(x.trees, x.cascades.length);
  if (trees) return trees;
  const feeds = feedsProblem(x.feeds);
  if (feeds) return feeds;
  if (typeof x.steps !== 'number') return expected('steps', x.steps, 'a number');
  if (x.converged !== null && typeof x.converged !== 'boolean') return expected('converged', x.converged, 'true, false or null');
  if (x.elapsedMs !== undefined && typeof x.elapsedMs !== 'number') return expected('elapsedMs', x.elapsedMs, 'a number (milliseconds) or nothing');
  return null;
}
