/**
 * Tidy tables built from run results, sorted by run index so the bytes are
 * the same whatever the number of workers or shards. Every row carries its
 * provenance (run index and name, seed keys, replicate, swept parameters):
 *
 * - final: one row per run — provenance (with every parameter: the swept
 *   ones, then the fixed ones), steps, converged, then one column per
 *   metric or outcome;
 * - series: long form, one row per (run, time, metric): t, metric, value;
 * - cascades: one row per cascade of a run: provenance, what rooted it
 *   (root_kind, veracity, topic), then the cascade's columns (its id, root,
 *   start and shape metrics);
 * - trees: the entries of the kept (claim-rooted) cascade trees;
 * - feeds: every post shown to a sock puppet, only when a run has puppets;
 * - timings: one row per run — run index and name, elapsed_ms (wall clock).
 *
 * The wall-clock time of a run lives only in `timings`, so that final,
 * series and cascades are byte-identical whenever the same runs are
 * rebuilt, whatever the machine, the workers or the shards.
 *
 * A NaN metric (undefined for that run) is a missing value.
 *
 * Column names are identifiers that work unquoted in pandas, R and polars
 * (io/column-name.ts: `opinion.variance` → `opinion_variance`; cascade
 * metrics without their `cascade.` prefix, as `echolab import` writes
 * them); the `metric` column of `series` holds the same names. Integer
 * columns are INT32 in Parquet: counters, ids, `steps`, numeric parameters
 * whose declared values are all whole, and outcomes of kind count whose
 * values are all whole.
 */
import type { ParamValue, RunResult } from '../experiment/experiment-types.js';
import { csvLine } from '../io/csv-cell.js';
import { cascadeColumnName, uniqueColumnNames } from '../io/column-name.js';

export type Cell = number | string | boolean | null;

export interface Column {
  readonly name: string;
  /** Storage type (Parquet): INT32 for counters, DOUBLE for measurements, STRING, BOOLEAN. */
  readonly type: 'INT32' | 'DOUBLE' | 'STRING' | 'BOOLEAN';
  readonly values: Cell[];
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: number;
}

/** What the tables need to know beyond the results: swept parameters and final columns, in order. */
export interface TableLayout {
  readonly varyKeys: readonly string[];
  readonly finalColumns: readonly string[];
  /** Fixed parameters (the resolved base): a constant column each in `final`, after the swept ones. */
  readonly base?: Readonly<Record<string, ParamValue>>;
  /** Declared values of the swept parameters (a parameter is an integer column when all of them are whole). */
  readonly varyValues?: Readonly<Record<string, readonly ParamValue[]>>;
  /** Is this final column of kind count? Then it is INT32 when every value is whole. */
  readonly isCount?: (metric: string) => boolean;
}

const INT32_MAX = 2 ** 31 - 1;

/** Every non-null value a whole number within INT32 (an empty column is not). */
function allWhole(values: Iterable<number | null | undefined>): boolean {
  let any = false;
  for (const v of values) {
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || Math.abs(v) > INT32_MAX) return false;
    any = true;
  }
  return any;
}

function paramType(values: readonly ParamValue[]): Column['type'] {
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return allWhole(values as number[]) ? 'INT32' : 'DOUBLE';
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'STRING';
}

function paramCell(v: ParamValue | undefined, type: Column['type']): Cell {
  if (v === undefined) return null;
  return type === 'STRING' ? String(v) : v;
}

function num(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v;
}

function sortByIndex(results: readonly RunResult[]): RunResult[] {
  return [...results].sort((a, b) => a.run.index - b.run.index);
}

/** Keys in order of first appearance over a sequence of records, after `first`. */
function unionKeys(first: readonly string[], records: Iterable<Readonly<Record<string, unknown>>>): string[] {
  const seen = new Set(first);
  const out = [...first];
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        out.push(k);
      }
    }
  }
  return out;
}

class TableBuilder {
  private readonly cols: Array<{ name: string; type: Column['type']; values: Cell[] }> = [];
  rows = 0;

  constructor(readonly name: string) {}

  column(name: string, type: Column['type']): Cell[] {
    const values: Cell[] = [];
    this.cols.push({ name, type, values });
    return values;
  }

  build(): Table {
    return { name: this.name, columns: this.cols, rows: this.rows };
  }
}

function paramColumns(layout: TableLayout, runs: readonly RunResult[]): Array<{ key: string; type: Column['type'] }> {
  // The declared values decide the type, so every shard of an experiment types a column alike.
  return layout.varyKeys.map((key) => ({ key, type: paramType(layout.varyValues?.[key] ?? runs.map((r) => r.run.params[key]).filter((v) => v !== undefined)) }));
}

/** The table's names of the parameter columns (after the provenance columns `taken`). */
function paramNames(keys: readonly string[], taken: readonly string[]): string[] {
  return uniqueColumnNames(keys, undefined, taken);
}

const PROVENANCE_FINAL = new Set(['run_index', 'run_name', 'seed_key', 'crn_key', 'replicate', 'steps', 'converged']);

export function finalTable(layout: TableLayout, results: readonly RunResult[]): Table {
  const runs = sortByIndex(results);
  const t = new TableBuilder('final');
  const index = t.column('run_index', 'INT32');
  const name = t.column('run_name', 'STRING');
  const seed = t.column('seed_key', 'STRING');
  const crn = t.column('crn_key', 'STRING');
  const rep = t.column('replicate', 'INT32');
  const swept = paramColumns(layout, runs);
  // Every parameter is a column of every row (Mesa's batch_run, Agents.jl's include_constants): the fixed ones too.
  const fixedEntries = Object.entries(layout.base ?? {}).filter(([k]) => !layout.varyKeys.includes(k) && !PROVENANCE_FINAL.has(k));
  const metricKeys = unionKeys(layout.finalColumns, runs.map((r) => r.final)).filter((m) => !PROVENANCE_FINAL.has(m));
  const names = uniqueColumnNames([...swept.map((p) => p.key), ...fixedEntries.map(([k]) => k), ...metricKeys], undefined, [...PROVENANCE_FINAL]);
  let at = 0;
  const params = swept.map((p) => ({ ...p, values: t.column(names[at++], p.type) }));
  const fixed = fixedEntries.map(([, value]) => {
    const type = paramType([value]);
    return { value: paramCell(value, type), values: t.column(names[at++], type) };
  });
  const steps = t.column('steps', allWhole(runs.map((r) => r.steps)) ? 'INT32' : 'DOUBLE');
  const converged = t.column('converged', 'BOOLEAN');
  // `steps` and `converged` are provenance columns already (converged as a boolean).
  const metrics = metricKeys.map((m) => {
    const whole = layout.isCount?.(m) === true && allWhole(runs.map((r) => r.final[m]));
    return { m, values: t.column(names[at++], whole ? 'INT32' : 'DOUBLE') };
  });
  for (const r of runs) {
    index.push(r.run.index);
    name.push(r.run.name);
    seed.push(r.run.seedKey);
    crn.push(r.run.crnKey);
    rep.push(r.run.replicate);
    for (const p of params) p.values.push(paramCell(r.run.params[p.key], p.type));
    for (const f of fixed) f.values.push(f.value);
    steps.push(num(r.steps));
    converged.push(r.converged);
    for (const c of metrics) c.values.push(num(r.final[c.m]));
    t.rows++;
  }
  return t.build();
}

export function seriesTable(layout: TableLayout, results: readonly RunResult[]): Table {
  const runs = sortByIndex(results);
  const t = new TableBuilder('series');
  const index = t.column('run_index', 'INT32');
  const name = t.column('run_name', 'STRING');
  const rep = t.column('replicate', 'INT32');
  const swept = paramColumns(layout, runs);
  const pNames = paramNames(swept.map((p) => p.key), ['run_index', 'run_name', 'replicate', 't', 'metric', 'value']);
  const params = swept.map((p, i) => ({ ...p, values: t.column(pNames[i], p.type) }));
  const time = t.column('t', 'DOUBLE');
  const metric = t.column('metric', 'STRING');
  const value = t.column('value', 'DOUBLE');
  // The metric's name as final.csv's column gives it (a pivot of this table gives the same columns).
  const seriesNames = new Map<string, string>();
  const seriesKeys = unionKeys([], runs.flatMap((r) => r.series.map((s) => s.values)));
  uniqueColumnNames(seriesKeys).forEach((n, i) => seriesNames.set(seriesKeys[i], n));
  for (const r of runs) {
    for (const sample of r.series) {
      for (const [key, v] of Object.entries(sample.values)) {
        const m = seriesNames.get(key) ?? key;
        index.push(r.run.index);
        name.push(r.run.name);
        rep.push(r.run.replicate);
        for (const p of params) p.values.push(paramCell(r.run.params[p.key], p.type));
        time.push(sample.t);
        metric.push(m);
        value.push(num(v));
        t.rows++;
      }
    }
  }
  return t.build();
}

export function cascadesTable(layout: TableLayout, results: readonly RunResult[]): Table {
  const runs = sortByIndex(results);
  const t = new TableBuilder('cascades');
  const index = t.column('run_index', 'INT32');
  const name = t.column('run_name', 'STRING');
  const seed = t.column('seed_key', 'STRING');
  const rep = t.column('replicate', 'INT32');
  const swept = paramColumns(layout, runs);
  const reserved = ['run_index', 'run_name', 'seed_key', 'replicate', 'root_kind', 'veracity', 'topic', 'cascade'];
  const pNames = paramNames(swept.map((p) => p.key), reserved);
  const params = swept.map((p, i) => ({ ...p, values: t.column(pNames[i], p.type) }));
  // Where each cascade started (results of older versions have no cascadeInfo: the columns are left out).
  const withInfo = runs.some((r) => r.cascadeInfo !== undefined);
  const rootKind = withInfo ? t.column('root_kind', 'STRING') : null;
  const veracity = withInfo ? t.column('veracity', 'STRING') : null;
  const topic = withInfo ? t.column('topic', 'STRING') : null;
  const keys = unionKeys([], runs.flatMap((r) => r.cascades));
  // Rows usually name their cascade (`cascade`); otherwise number them within the run.
  const cascade = keys.includes('cascade') ? null : t.column('cascade', 'INT32');
  // Cascade metrics by the names `echolab import` writes (size, depth, max_breadth, ...); ids and counts as integers.
  const mNames = uniqueColumnNames(keys, cascadeColumnName, [...reserved.filter((k) => k !== 'cascade' || cascade !== null), ...pNames]);
  const metrics = keys.map((m, i) => {
    const counter = m === 'cascade' || m === 'root' || m === 'cascade.size' || m === 'cascade.depth' || m === 'cascade.max-breadth';
    const whole = counter && allWhole(runs.flatMap((r) => r.cascades.map((row) => row[m])));
    return { m, values: t.column(mNames[i], whole ? 'INT32' : 'DOUBLE') };
  });
  for (const r of runs) {
    r.cascades.forEach((row, k) => {
      index.push(r.run.index);
      name.push(r.run.name);
      seed.push(r.run.seedKey);
      rep.push(r.run.replicate);
      for (const p of params) p.values.push(paramCell(r.run.params[p.key], p.type));
      const info = r.cascadeInfo?.[k];
      rootKind?.push(info?.root ?? null);
      veracity?.push(info?.veracity ?? null);
      topic?.push(info?.topic ?? null);
      cascade?.push(k);
      for (const c of metrics) c.values.push(num(row[c.m]));
      t.rows++;
    });
  }
  return t.build();
}

/**
 * The kept cascade trees (claim-rooted cascades, see StoredTree): one row
 * per entry — run index, the cascade's id as in `cascades`, the entry's
 * index in its tree (0 = root), its parent entry (−1 for the root) and its
 * delay since the root (minutes for scenarios, steps for zoo models).
 */
export function treesTable(results: readonly RunResult[]): Table {
  const t = new TableBuilder('trees');
  const index = t.column('run_index', 'INT32');
  const ids = results.flatMap((r) => (r.trees ?? []).map((tree) => r.cascades[tree.row]?.cascade ?? tree.row));
  const cascade = t.column('cascade', ids.length === 0 || allWhole(ids) ? 'INT32' : 'DOUBLE');
  const node = t.column('node', 'INT32');
  const parent = t.column('parent', 'INT32');
  const delay = t.column('delay', 'DOUBLE');
  for (const r of sortByIndex(results)) {
    for (const tree of r.trees ?? []) {
      const id = r.cascades[tree.row]?.cascade ?? tree.row;
      for (let k = 0; k < tree.parent.length; k++) {
        index.push(r.run.index);
        cascade.push(id);
        node.push(k);
        parent.push(tree.parent[k]);
        delay.push(num(tree.time[k]));
        t.rows++;
      }
    }
  }
  return t.build();
}

/**
 * The sock puppets' feed log (puppets.ts), written only when some run has
 * one: one row per post shown to a puppet — provenance (run index and name,
 * seed key, replicate, swept parameters), then `time` (minutes since the
 * start), `puppet` (account), `puppet_kind`, `position` (0 = top of the
 * feed), `post`, `author`, `stance`, `veracity` (none, true, false) and
 * `score` (what the ranker sorted by).
 */
export function feedsTable(layout: TableLayout, results: readonly RunResult[]): Table {
  const runs = sortByIndex(results);
  const t = new TableBuilder('feeds');
  const index = t.column('run_index', 'INT32');
  const name = t.column('run_name', 'STRING');
  const seed = t.column('seed_key', 'STRING');
  const rep = t.column('replicate', 'INT32');
  const swept = paramColumns(layout, runs);
  const reserved = ['run_index', 'run_name', 'seed_key', 'replicate', 'time', 'puppet', 'puppet_kind', 'position', 'post', 'author', 'stance', 'veracity', 'score'];
  const pNames = paramNames(swept.map((p) => p.key), reserved);
  const params = swept.map((p, i) => ({ ...p, values: t.column(pNames[i], p.type) }));
  const time = t.column('time', 'DOUBLE');
  const puppet = t.column('puppet', 'INT32');
  const kind = t.column('puppet_kind', 'STRING');
  const position = t.column('position', 'INT32');
  const post = t.column('post', 'INT32');
  const author = t.column('author', 'INT32');
  const stance = t.column('stance', 'DOUBLE');
  const veracity = t.column('veracity', 'STRING');
  const score = t.column('score', 'DOUBLE');
  for (const r of runs) {
    const log = r.feeds;
    if (log === undefined) continue;
    for (let k = 0; k < log.post.length; k++) {
      index.push(r.run.index);
      name.push(r.run.name);
      seed.push(r.run.seedKey);
      rep.push(r.run.replicate);
      for (const p of params) p.values.push(paramCell(r.run.params[p.key], p.type));
      time.push(log.time[k]);
      puppet.push(log.puppet[k]);
      kind.push(log.kind[k]);
      position.push(log.position[k]);
      post.push(log.post[k]);
      author.push(log.author[k]);
      stance.push(num(log.stance[k]));
      veracity.push(log.veracity[k] === 2 ? 'false' : log.veracity[k] === 1 ? 'true' : 'none');
      score.push(num(log.score[k]));
      t.rows++;
    }
  }
  return t.build();
}

/** Wall-clock time per run (kept out of `final` so that table depends on nothing but the runs). */
export function timingsTable(results: readonly RunResult[]): Table {
  const t = new TableBuilder('timings');
  const index = t.column('run_index', 'INT32');
  const name = t.column('run_name', 'STRING');
  const elapsed = t.column('elapsed_ms', 'DOUBLE');
  for (const r of sortByIndex(results)) {
    index.push(r.run.index);
    name.push(r.run.name);
    elapsed.push(r.elapsedMs === undefined ? null : Math.round(r.elapsedMs * 1000) / 1000);
    t.rows++;
  }
  return t.build();
}

/**
 * RFC 4180 CSV with a header line and '\n' line ends; cells as csv-cell.ts
 * writes them (text that a spreadsheet would run as a formula gets a
 * leading `'`; numbers unchanged; missing values empty).
 */
export function tableCsv(table: Table): string {
  const parts: string[] = [csvLine(table.columns.map((c) => c.name))];
  for (let i = 0; i < table.rows; i++) parts.push(csvLine(table.columns.map((c) => c.values[i])));
  return `${parts.join('\n')}\n`;
}
