/**
 * Column names of the tables echolab writes (CSV and Parquet): identifiers
 * that work unquoted in pandas (`df.opinion_variance`), R (`d$opinion_variance`,
 * formulas) and polars / SQL (`select opinion_variance`): letters, digits
 * and `_`, not starting with a digit. Metric and parameter names keep their
 * dots and hyphens everywhere else (experiment files, reports, the CLI);
 * only table headers are rewritten, every other character becoming `_`:
 * `opinion.variance` → `opinion_variance`, `network.n` → `network_n`,
 * `largest-cluster` → `largest_cluster`, `volume.h07` → `volume_h07`.
 *
 * Cascade tables drop the `cascade.` prefix of the cascade metrics, so
 * that `echolab run` and `echolab import` write the same names: `size`,
 * `depth`, `max_breadth`, `structural_virality`, `time_to_k`, ...
 */

/** A table column's name for a metric, outcome or parameter name. */
export function columnName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(safe) ? safe : `x${safe}`;
}

/** A cascades table's column for a cascade metric (`cascade.max-breadth` → `max_breadth`). */
export function cascadeColumnName(metric: string): string {
  return columnName(metric.startsWith('cascade.') ? metric.slice('cascade.'.length) : metric);
}

/**
 * Names for a list of columns, in order: each as `name` gives it, a later
 * one that would repeat an earlier name (`a.b` and `a_b`) suffixed `_2`,
 * `_3`, ... so that no two columns share a name.
 */
export function uniqueColumnNames(names: readonly string[], name: (n: string) => string = columnName, taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  return names.map((n) => {
    const base = name(n);
    let out = base;
    for (let k = 2; used.has(out); k++) out = `${base}_${k}`;
    used.add(out);
    return out;
  });
}
