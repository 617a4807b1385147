/**
 * `echolab compare <results dir> <archive>`: how far are the simulated
 * cascades of a results folder from real ones? The simulated side is the
 * folder's cascades.csv, one sample per arm (the swept parameter values of
 * manifest.json; `--arm` picks one, `--arm all` pools them). The archive is
 *   - a Twitter15/16-style folder: trees read and measured with
 *     cascadeFeatures (k = 10, top 5), filtered by `--label`;
 *   - a reference JSON of percentiles (reference/twitter15.json layout): an
 *     approximate sample is rebuilt per feature (reference-distribution.ts),
 *     so no size-matched comparison is possible;
 *   - the word `twitter15`: the shipped reference/twitter15.json.
 *   - a labelled network file (GML, GEXF, GraphML or an edge list, .gz
 *     allowed; any regular file that is not .json): its network metrics
 *     (compare/compare-networks.ts) against the per-run values of the same
 *     metrics in the folder's final.csv, per arm (`--attribute`, default
 *     `value`, names the binary node label; `--nodes` joins a node table
 *     to an edge list; `--louvain-restarts` sets Louvain's restarts).
 * Writes <out>/compare.csv, compare.md and compare.html and prints the
 * tables. Bad input (missing folder, no cascades.csv or final.csv, unknown
 * label, arm or attribute, a label that is not binary) is a UsageError:
 * exit code 2, naming the input.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CASCADE_FEATURES, type CascadeFeature } from '../compare/cascade-features.js';
import { compareCsv, compareFeatureTables, compareHtml, compareMarkdown, compareText, canMatchOnSize, type ArmComparison, type CompareReport, type FeatureTable } from '../compare/compare-report.js';
import { REFERENCE_FEATURES, approximateSample, type ReferenceFile, type ReferenceGroup } from '../compare/reference-distribution.js';
import { defaultSelection, describeSelection, parseSelect, selectCascades, sumCounts, type CascadeSelection, type SelectionCounts, type SimulatedCascade } from '../compare/cascade-selection.js';
import type { SizeBins } from '../compare/compare-cascades.js';
import type { CascadeInfo } from '../experiment/experiment-types.js';
import { archiveCascadeFeatures, archiveMinSize, detectArchive, readCascadeArchive, type CascadeArchive, type NotACascadeArchive } from '../io/read-cascade-archive.js';
import type { CascadeTree } from '../sim/cascade-record.js';
import { detectFormat, parseNetworkText, readText } from '../io/read-network-file.js';
import { parseCsv } from '../io/parse-csv.js';
import { DEFAULT_LOUVAIN_RESTARTS, LABEL_MODULARITY, NETWORK_COMPARE_METRICS, archiveNetworkSummary, compareNetworkMetrics, controversyNote, weightsNote } from '../compare/compare-networks.js';
import { labelledNetwork } from '../compare/labelled-network.js';
import { networkCompareCsv, networkCompareHtml, networkCompareMarkdown, networkCompareText, type NetworkCompareReport } from '../compare/network-compare-report.js';
import { InputError } from '../model/errors.js';
import { formatNumber } from '../report/format-number.js';
import { columnName } from '../io/column-name.js';
import { PACKAGE_ROOT } from '../runner/load-experiment.js';
import { makeOutDir } from '../runner/out-dir.js';
import { UsageError, flagValue, type ParsedArgs } from './parse-args.js';
import type { ProgressStream } from '../runner/progress.js';
import { displayDir } from '../runner/run-folder.js';

/** Column of cascades.csv holding each feature (the names `echolab import` writes too; io/column-name.ts). */
export const FEATURE_COLUMNS: Readonly<Record<CascadeFeature, string>> = {
  size: 'size',
  depth: 'depth',
  'max-breadth': 'max_breadth',
  'structural-virality': 'structural_virality',
  'time-to-k': 'time_to_k',
  'time-to-90pct': 'time_to_90pct',
  'top-k-reach-share': 'top_k_reach_share',
};

/** The column of a feature in a header: today's name, or the metric's own name (`cascade.size`) in folders written before table names were made identifiers. */
function featureColumn(header: readonly string[], f: CascadeFeature): number {
  const i = header.indexOf(FEATURE_COLUMNS[f]);
  return i >= 0 ? i : header.indexOf(`cascade.${f}`);
}

/** The shipped reference of `echolab compare <dir> twitter15`. */
export function shippedReference(): string {
  return path.join(PACKAGE_ROOT, 'reference', 'twitter15.json');
}

export interface CompareOptions {
  readonly results: string;
  readonly archive: string;
  readonly label?: string;
  /** An arm label (e.g. `p=0.1`), a bare value when one parameter is swept, or `all` to pool. */
  readonly arm?: string;
  readonly out?: string;
  /** Leave out size-matched rows. */
  readonly noMatch?: boolean;
  /** `--select` parts over the archive's selection (cascade-selection.ts). */
  readonly select?: readonly string[];
  /** Size groups of the matched rows (default exact sizes). */
  readonly sizeBins?: SizeBins;
  readonly cwd: string;
}

export interface CompareOutcome {
  readonly dir: string;
  readonly report: CompareReport;
}

function csvNumber(cell: string): number {
  if (cell === '') return NaN;
  if (cell === 'Inf') return Infinity;
  if (cell === '-Inf') return -Infinity;
  return Number(cell);
}

/** Header and rows of a CSV written by tableCsv, cells as the writer was given them (formula neutralisation undone). */
export function readCsv(text: string): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = parseCsv(text);
  return { header, rows };
}

/** Swept parameter names of a results folder (manifest.json), or none. */
function varyKeys(dir: string): string[] {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return [];
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as { spec?: { vary?: Record<string, unknown> } };
    return Object.keys(m.spec?.vary ?? {});
  } catch {
    return [];
  }
}

interface SimArm {
  readonly arm: string;
  readonly cascades: readonly SimulatedCascade[];
}

/**
 * Rows of a results table grouped by arm (the swept parameters of
 * manifest.json), in order of first appearance; `arm` picks one (`all`
 * pools them).
 */
export function rowsByArm(results: string, shown: string, header: readonly string[], rows: readonly string[][], arm: string | undefined): Array<[string, string[][]]> {
  // Parameter columns by their table name (network.n → network_n), or as named in folders of older versions.
  const keys = varyKeys(results).filter((k) => header.includes(columnName(k)) || header.includes(k));
  const keyIdx = keys.map((k) => (header.includes(columnName(k)) ? header.indexOf(columnName(k)) : header.indexOf(k)));
  const groups = new Map<string, string[][]>();
  const pooled = arm === 'all' || keys.length === 0;
  for (const r of rows) {
    const label = pooled ? 'all' : keyIdx.map((i, k) => `${keys[k]}=${r[i]}`).join(', ');
    const list = groups.get(label) ?? [];
    list.push(r);
    groups.set(label, list);
  }
  let chosen = [...groups.entries()];
  if (arm !== undefined && arm !== 'all') {
    const hit = chosen.filter(([label]) => label === arm || (keys.length === 1 && label === `${keys[0]}=${arm}`));
    if (hit.length === 0) throw new UsageError(`echolab compare: unknown arm \`${arm}\` in ${shown}; arms: ${chosen.map(([l]) => l).join('; ')} (or \`all\`)`);
    chosen = hit;
  }
  return chosen;
}

/** Kept trees of a results folder (trees.csv), by `<run index>/<cascade id>`; empty without the file. */
function readTrees(results: string): Map<string, CascadeTree> {
  const file = path.join(results, 'trees.csv');
  const out = new Map<string, CascadeTree>();
  if (!existsSync(file)) return out;
  const { header, rows } = readCsv(readFileSync(file, 'utf8'));
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new UsageError(`echolab compare: ${file} has no \`${name}\` column: expected run_index,cascade,node,parent,delay`);
    return i;
  };
  const [ri, ci, pi, di] = [col('run_index'), col('cascade'), col('parent'), col('delay')];
  const parts = new Map<string, { parent: number[]; time: number[] }>();
  for (const r of rows) {
    const key = `${r[ri]}/${r[ci]}`;
    const t = parts.get(key) ?? { parent: [], time: [] };
    t.parent.push(Number(r[pi]));
    t.time.push(csvNumber(r[di] ?? ''));
    parts.set(key, t);
  }
  for (const [key, t] of parts) out.set(key, { node: new Int32Array(t.parent.length), parent: Int32Array.from(t.parent), time: Float64Array.from(t.time) });
  return out;
}

const ROOT_KINDS = new Set(['claim', 'organic', 'bot']);
const VERACITIES = new Set(['false', 'true', 'none']);

/** The cascades of a results folder's cascades.csv (with their root kind and kept tree), one list per arm, in order of first appearance. */
export function simulatedArms(results: string, shown: string, arm: string | undefined): SimArm[] {
  const file = path.join(results, 'cascades.csv');
  if (!existsSync(file)) throw new UsageError(`echolab compare: no cascades.csv in ${shown}: expected a results folder of \`echolab run\``);
  const { header, rows } = readCsv(readFileSync(file, 'utf8'));
  if (rows.length === 0) throw new UsageError(`echolab compare: no cascade rows in ${shown}/cascades.csv: the experiment's model makes no cascades`);
  const featIdx = CASCADE_FEATURES.map((f) => [f, featureColumn(header, f)] as const).filter(([, i]) => i >= 0);
  const [kindI, verI, topicI, runI, idI] = ['root_kind', 'veracity', 'topic', 'run_index', 'cascade'].map((c) => header.indexOf(c));
  const trees = readTrees(results);
  return rowsByArm(results, shown, header, rows, arm).map(([label, list]) => ({
    arm: label,
    cascades: list.map((r): SimulatedCascade => {
      const features: Partial<Record<CascadeFeature, number>> = {};
      for (const [f, i] of featIdx) features[f] = csvNumber(r[i] ?? '');
      const kind = kindI >= 0 ? r[kindI] : undefined;
      const veracity = verI >= 0 ? r[verI] : undefined;
      const info: CascadeInfo | undefined =
        kind !== undefined && ROOT_KINDS.has(kind) && veracity !== undefined && VERACITIES.has(veracity)
          ? { root: kind as CascadeInfo['root'], veracity: veracity as CascadeInfo['veracity'], topic: topicI >= 0 && r[topicI] !== '' ? r[topicI] : null }
          : undefined;
      const tree = runI >= 0 && idI >= 0 ? trees.get(`${r[runI]}/${r[idI]}`) : undefined;
      return { features, ...(info ? { info } : {}), ...(tree ? { tree } : {}) };
    }),
  }));
}

/** A feature table of the selected cascades' features. */
function featureTable(list: ReadonlyArray<Partial<Record<CascadeFeature, number>>>): FeatureTable {
  const values: Partial<Record<CascadeFeature, number[]>> = {};
  for (const f of CASCADE_FEATURES) {
    if (list.length > 0 && list.every((c) => c[f] === undefined)) continue;
    values[f] = list.map((c) => c[f] ?? NaN);
  }
  return { perCascade: true, values };
}

/** The archive's features: per cascade, or an approximate sample rebuilt from a reference's percentiles. */
function archiveTable(a: CascadeArchive, label: string | undefined): FeatureTable {
  if (a.cascades === null) {
    const ref = a.reference as ReferenceFile;
    const g: ReferenceGroup = label !== undefined ? (ref.byLabel[label] as ReferenceGroup) : ref.overall;
    const values: Partial<Record<CascadeFeature, number[]>> = {};
    for (const [, feature] of REFERENCE_FEATURES) {
      const s = g[feature];
      if (s !== undefined) values[feature] = Array.from(approximateSample(s));
    }
    return { perCascade: false, values };
  }
  const values: Partial<Record<CascadeFeature, number[]>> = {};
  for (const f of CASCADE_FEATURES) values[f] = [];
  for (const c of a.cascades) {
    const m = archiveCascadeFeatures(c);
    for (const f of CASCADE_FEATURES) (values[f] as number[]).push(m[f]);
  }
  return { perCascade: true, values };
}

/** Fewer matched simulated cascades than this (Kish effective size) and a comparison says little: warn. */
export const MIN_MATCHED = 30;

function knownLabels(labels: Iterable<string>): string {
  const list = [...new Set(labels)].sort();
  return list.length > 0 ? list.join(', ') : '(none: the archive has no labels)';
}

/** Reads both sides, selects the simulated cascades as the archive's were selected, compares them and writes compare.csv, compare.md and compare.html. */
export async function compareResults(o: CompareOptions): Promise<CompareOutcome> {
  const results = path.resolve(o.cwd, o.results);
  const shownResults = displayDir(results, o.cwd);
  if (!existsSync(results) || !statSync(results).isDirectory()) throw new UsageError(`echolab compare: no such results directory: ${o.results}`);
  const sim = simulatedArms(results, shownResults, o.arm);
  let read: CascadeArchive | NotACascadeArchive;
  try {
    read = await readCascadeArchive(o.archive, o.cwd, shippedReference(), o.label);
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(`echolab compare: ${err.message}`);
    throw err;
  }
  if (read.kind === 'network') throw new UsageError(`echolab compare: ${o.archive} is a network file, not a cascade archive`);
  const archive = read;
  if (archive.reference !== null && o.label !== undefined && archive.reference.byLabel[o.label] === undefined) {
    throw new UsageError(`echolab compare: unknown label \`${o.label}\` in ${o.archive}; labels: ${knownLabels(Object.keys(archive.reference.byLabel))}`);
  }
  const minSize = archiveMinSize(archive, o.label);
  let selection: CascadeSelection;
  try {
    selection = parseSelect(o.select ?? [], defaultSelection(archive.selection, minSize, o.label), archive.selection, minSize);
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(`echolab compare: ${err.message}`);
    throw err;
  }
  const archiveFeatures = archiveTable(archive, o.label);
  const archiveName = `${archive.name}${o.label !== undefined ? ` (label ${o.label})` : ''}`;
  const sizeBins = o.sizeBins ?? 'exact';
  const warnings: string[] = [];
  const counts: SelectionCounts[] = [];
  const arms: ArmComparison[] = sim.map((s) => {
    const picked = selectCascades(s.cascades, selection);
    counts.push(picked.counts);
    const table = featureTable(picked.features);
    const rows = picked.features.length === 0 ? [] : compareFeatureTables(table, archiveFeatures, { matchOnSize: o.noMatch !== true, sizeBins });
    const matched = rows.find((r) => r.matching === 'size-matched' && r.feature === 'size');
    if (picked.features.length === 0) warnings.push(`${s.arm}: no simulated cascade passes the selection (${picked.counts.total} before it): nothing to compare.`);
    else if (matched !== undefined && matched.nSimEffective < MIN_MATCHED) {
      warnings.push(`${s.arm}: only ${matched.nSim} simulated cascades are size-matched (effective ${formatNumber(matched.nSimEffective, 3)}), fewer than ${MIN_MATCHED}: the matched rows say little; run more replicates or a larger network.`);
    }
    return { arm: s.arm, cascades: picked.features.length, simulated: table, rows };
  });
  const notes: string[] = [];
  if (archive.reference !== null) {
    notes.push(
      'The archive is a summary of percentiles, not per-cascade data: its samples are approximations (a piecewise-linear quantile function through min, p10, p25, p50, p75, p90, p99, max), so D, p and W are approximate.',
      'Size-matched comparison unavailable: the reference file has no per-cascade sizes.',
    );
  } else if (o.noMatch === true) notes.push('Size-matched rows left out (--no-match).');
  else {
    notes.push(
      sizeBins === 'exact'
        ? 'Size-matched rows: simulated cascades reweighted to the archive\'s distribution of exact sizes (Juul & Ugander, PNAS 2021); a size only one side holds joins the nearest size both hold; "eff." is the Kish effective number of simulated cascades.'
        : 'Size-matched rows: simulated cascades reweighted to the archive\'s size-bin distribution (--size-bins log2); "eff." is the Kish effective number of simulated cascades.',
    );
    if (!sim.every((s) => s.cascades.every((c) => c.features.size !== undefined))) notes.push('Size-matched comparison unavailable: the results have no cascade.size column.');
  }
  const missing = CASCADE_FEATURES.filter((f) => sim.every((s) => s.cascades.every((c) => c.features[f] === undefined)));
  if (missing.length > 0) notes.push(`Not in the results' cascades.csv (re-run with a newer echolab to get them): ${missing.join(', ')}.`);
  notes.push('Times: the archive in minutes; simulated zoo models in steps, scenarios in minutes. time-to-k (k = 10) counts only cascades that reached 10 accounts.');
  const report: CompareReport = {
    resultsName: path.basename(results),
    archiveName,
    archive: archiveFeatures,
    arms,
    notes,
    selection: describeSelection(selection, archive.selection, sumCounts(counts)),
    warnings,
  };
  const dir = path.resolve(o.cwd, o.out ?? path.join(results, `compare-${archive.name}${o.label !== undefined ? `-${o.label}` : ''}`));
  makeOutDir(dir, { command: 'compare', ...(o.out !== undefined ? { flag: o.out } : {}) });
  writeFileSync(path.join(dir, 'compare.csv'), compareCsv(report));
  writeFileSync(path.join(dir, 'compare.md'), compareMarkdown(report));
  writeFileSync(path.join(dir, 'compare.html'), compareHtml(report));
  return { dir, report };
}


export interface NetworkCompareOptions {
  readonly results: string;
  /** GML / GEXF / GraphML / edge-list file with a binary node attribute. */
  readonly network: string;
  /** Node attribute holding the label (default `value`, as in polblogs). */
  readonly attribute?: string;
  readonly arm?: string;
  readonly out?: string;
  /** Seed of Louvain on the archive network (default: the registry's). */
  readonly louvainSeed?: string;
  /** Louvain restarts on the archive, canonical node order (default 10). */
  readonly louvainRestarts?: number;
  /** Node table (id column + attributes) for an edge-list network. */
  readonly nodes?: string;
  readonly cwd: string;
}

export interface NetworkCompareOutcome {
  readonly dir: string;
  readonly report: NetworkCompareReport;
  /** Metrics the results' final.csv lacks (label-modularity excluded: it never is there). */
  readonly missing: readonly string[];
}

/** How the runs computed network.modularity, from the metricOptions in manifest.json. */
function runsLouvain(dir: string): string {
  let o: Record<string, unknown> = {};
  try {
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { spec?: { metricOptions?: Record<string, Record<string, unknown>> } };
    o = m.spec?.metricOptions?.['network.modularity'] ?? {};
  } catch {
    return 'network.modularity with the options of their experiment (manifest.json unreadable)';
  }
  const restarts = typeof o.restarts === 'number' ? o.restarts : 1;
  const order = o.order === 'canonical' ? 'a canonical node order' : 'the simulated node order';
  return restarts === 1
    ? `one seeded Louvain run each, on ${order} (set \`metricOptions: { 'network.modularity': { restarts: ${DEFAULT_LOUVAIN_RESTARTS}, order: 'canonical' } }\` in the experiment to record the best of ${DEFAULT_LOUVAIN_RESTARTS} as here)`
    : `the best of ${restarts} seeded Louvain restarts each, on ${order}`;
}

/** Network name without directory and format extensions (`polblogs.gml.gz` -> `polblogs`). */
function networkName(file: string): string {
  return path.basename(file).replace(/\.gz$/i, '').replace(/\.[^.]+$/, '');
}

/**
 * `echolab compare <results> <network file>`: the labelled network's
 * metrics (compare-networks.ts) against the per-run values of the same
 * metrics in the results' final.csv, per arm. Writes compare.csv,
 * compare.md and compare.html.
 */
export function compareNetworkResults(o: NetworkCompareOptions): NetworkCompareOutcome {
  const results = path.resolve(o.cwd, o.results);
  const shownResults = displayDir(results, o.cwd);
  if (!existsSync(results) || !statSync(results).isDirectory()) throw new UsageError(`echolab compare: no such results directory: ${o.results}`);
  const finalFile = path.join(results, 'final.csv');
  if (!existsSync(finalFile)) throw new UsageError(`echolab compare: no final.csv in ${shownResults}: expected a results folder of \`echolab run\``);
  const { header, rows } = readCsv(readFileSync(finalFile, 'utf8'));
  if (rows.length === 0) throw new UsageError(`echolab compare: no runs in ${shownResults}/final.csv`);
  const arms = rowsByArm(results, shownResults, header, rows, o.arm);

  const file = path.resolve(o.cwd, o.network);
  const attribute = o.attribute ?? 'value';
  const nodes = o.nodes === undefined ? undefined : path.resolve(o.cwd, o.nodes);
  let labelled;
  try {
    const text = readText(file);
    if (nodes !== undefined && detectFormat(file, text) !== 'edgelist') {
      throw new UsageError(`echolab compare: \`--nodes\` joins a node table to an edge list; ${o.network} is ${detectFormat(file, text).toUpperCase()}, which carries its node attributes itself`);
    }
    // Messages name both files as given on the command line.
    labelled = labelledNetwork(parseNetworkText(o.network, text, { nodes, nodesName: o.nodes }), attribute);
  } catch (err) {
    if (err instanceof InputError) {
      const hint = /no node attribute/.test(err.message) ? '; choose it with `--attribute`' : '';
      throw new UsageError(`echolab compare: cannot use the network ${o.network}: ${err.message}${hint}`);
    }
    throw err;
  }
  const { view } = labelled;
  const graph = view.graph;
  const summary = archiveNetworkSummary(view, { louvainSeed: o.louvainSeed, louvainRestarts: o.louvainRestarts });
  const archive = summary.metrics;
  const [c0, c1] = labelled.categories;
  const mapping = `${attribute}: ${c0} → −1, ${c1} → +1`;

  // A metric's column by its table name (io/column-name.ts), or by the metric's own name in folders of older versions.
  const byHeader = new Map(header.map((h, i) => [h, i] as const));
  const columnOf = new Map(NETWORK_COMPARE_METRICS.flatMap((m) => {
    const i = byHeader.get(columnName(m)) ?? byHeader.get(m);
    return i === undefined ? [] : [[m, i] as const];
  }));
  const missing = NETWORK_COMPARE_METRICS.filter((m) => !columnOf.has(m));
  const armRows = arms.map(([label, list]) => {
    const simulated: Record<string, number[] | undefined> = {};
    for (const m of NETWORK_COMPARE_METRICS) {
      const i = columnOf.get(m);
      simulated[m] = i === undefined ? undefined : list.map((r) => csvNumber(r[i] ?? ''));
    }
    return { arm: label, runs: list.length, rows: compareNetworkMetrics(archive, simulated) };
  });

  const notes: string[] = [
    `Label mapping: ${mapping}. attribute = 0/1 for the E-I index, majority illusion and label modularity; opinions = ±1 for neighbour leaning correlation and opinion assortativity (Pearson correlations, unchanged by rescaling, so a model with opinions on [0, 1] is comparable).`,
    `${LABEL_MODULARITY}: modularity of the partition the label defines; the runs do not record it (no registry metric), so it is shown for the archive only. Compare it with network.modularity (Louvain).`,
  ];
  if (missing.length > 0) {
    notes.push(
      `Not in ${shownResults}/final.csv: ${missing.join(', ')}. Add them to the experiment's \`metrics\` list (e.g. \`metrics: [${missing.map((m) => `'${m}'`).join(', ')}]\`) and re-run \`echolab run\`; the attribute metrics need a model whose view carries a 0/1 attribute.`,
    );
  }
  const undefinedEverywhere = NETWORK_COMPARE_METRICS.filter((m) => !missing.includes(m) && armRows.every((a) => (a.rows.find((r) => r.metric === m)?.nSim ?? 0) === 0));
  if (undefinedEverywhere.length > 0) notes.push(`Undefined (empty) in every run: ${undefinedEverywhere.join(', ')}: the model's view lacks the opinions or attribute these metrics need.`);
  const dropped = labelled.dropped.selfLoops + labelled.dropped.duplicates;
  notes.push(
    `The archive network is read as the file declares (${graph.directed ? 'directed: u → v read as "u follows / links to v"' : 'undirected'})${dropped > 0 ? `, ${labelled.dropped.selfLoops} self-loop(s) and ${labelled.dropped.duplicates} repeated edge record(s) dropped` : ''}${nodes !== undefined ? `, its nodes and labels from ${o.nodes}` : ''}; isolated nodes are kept: they belong to the label partition, and the metrics over neighbours leave them out.`,
  );
  const lv = summary.louvain;
  const f = (x: number): string => formatNumber(x);
  notes.push(
    `network.modularity on the archive: the best of ${lv.values.length} seeded Louvain restarts (seed ${summary.louvainSeed}) on a canonical node order, so it does not depend on how the file numbers its nodes: ${f(lv.modularity)} with ${lv.count} communities; the restarts ranged ${f(lv.min)}–${f(lv.max)} (SD ${f(lv.sd)}). The runs recorded ${runsLouvain(results)}.`,
    weightsNote(summary, path.basename(o.network)),
    controversyNote(),
  );
  for (const [m, why] of Object.entries(summary.skipped)) notes.push(`${m} on the archive: ${why}.`);
  const report: NetworkCompareReport = {
    resultsName: path.basename(results),
    archiveName: `${networkName(file)} (${mapping})`,
    archiveSize: `${graph.n} nodes, ${graph.m} ${graph.directed ? 'directed' : 'undirected'} edges`,
    arms: armRows,
    notes,
  };
  const dir = path.resolve(o.cwd, o.out ?? path.join(results, `compare-${networkName(file)}`));
  makeOutDir(dir, { command: 'compare', ...(o.out !== undefined ? { flag: o.out } : {}) });
  writeFileSync(path.join(dir, 'compare.csv'), networkCompareCsv(report));
  writeFileSync(path.join(dir, 'compare.md'), networkCompareMarkdown(report));
  writeFileSync(path.join(dir, 'compare.html'), networkCompareHtml(report));
  return { dir, report, missing };
}

export async function compareCommand(args: ParsedArgs, io: { readonly stdout: ProgressStream; readonly stderr: ProgressStream; readonly cwd: string }): Promise<number> {
  if (args.positionals.length !== 2) {
    throw new UsageError(
      'echolab compare: give a results directory and an archive (a Twitter15-style folder, an `echolab import` folder, a CSV of posts, a Twitter API v2 export, a reference JSON, `twitter15`, or a labelled network file), e.g. `echolab compare results/spread/quick-1a2b3c4d twitter15`',
    );
  }
  const attribute = flagValue(args, 'attribute');
  const nodes = flagValue(args, 'nodes');
  const restartsFlag = flagValue(args, 'louvain-restarts');
  let kind: string;
  try {
    kind = detectArchive(args.positionals[1], io.cwd, shippedReference()).kind;
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(`echolab compare: ${err.message}`);
    throw err;
  }
  if (kind === 'network') {
    if (flagValue(args, 'label') !== undefined) throw new UsageError('echolab compare: `--label` selects archive cascades; for a labelled network give the node attribute with `--attribute` (default `value`)');
    if ((args.values.get('select') ?? []).length > 0 || flagValue(args, 'size-bins') !== undefined) throw new UsageError('echolab compare: `--select` and `--size-bins` apply to cascade archives, not to a labelled network');
    const louvainRestarts = restartsFlag === undefined ? undefined : Number(restartsFlag);
    if (louvainRestarts !== undefined && (!/^\d+$/.test(restartsFlag!) || louvainRestarts < 1 || louvainRestarts > 1000)) {
      throw new UsageError(`echolab compare: invalid \`--louvain-restarts\` (${restartsFlag}): expected an integer from 1 to 1000`);
    }
    const net = compareNetworkResults({ results: args.positionals[0], network: args.positionals[1], attribute, nodes, louvainRestarts, arm: flagValue(args, 'arm'), out: flagValue(args, 'out'), cwd: io.cwd });
    io.stdout.write(networkCompareText(net.report));
    io.stderr.write(`echolab: wrote compare.csv, compare.md and compare.html in ${displayDir(net.dir, io.cwd)}/\n`);
    return 0;
  }
  for (const [flag, value] of [['attribute', attribute], ['nodes', nodes], ['louvain-restarts', restartsFlag]] as const) {
    if (value !== undefined) throw new UsageError(`echolab compare: \`--${flag}\` applies to a labelled network file (GML, GEXF, GraphML or an edge list), not to a cascade archive`);
  }
  const bins = flagValue(args, 'size-bins');
  if (bins !== undefined && bins !== 'exact' && bins !== 'log2') throw new UsageError(`echolab compare: invalid \`--size-bins\` (${JSON.stringify(bins)}): expected exact (the default) or log2`);
  const out = await compareResults({
    results: args.positionals[0],
    archive: args.positionals[1],
    label: flagValue(args, 'label'),
    arm: flagValue(args, 'arm'),
    out: flagValue(args, 'out'),
    noMatch: args.switches.has('no-match'),
    select: args.values.get('select') ?? [],
    ...(bins !== undefined ? { sizeBins: bins } : {}),
    cwd: io.cwd,
  });
  io.stdout.write(compareText(out.report));
  for (const w of out.report.warnings ?? []) io.stderr.write(`echolab: warning: ${w}\n`);
  io.stderr.write(`echolab: wrote compare.csv, compare.md and compare.html in ${displayDir(out.dir, io.cwd)}/\n`);
  return 0;
}
