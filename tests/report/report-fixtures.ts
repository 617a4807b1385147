/**
 * Hand-made experiments and results for the report tests: a resolved
 * experiment with its grid of runs (in grid order, then replicate, with the
 * seed keys the runner would give), and results built from given numbers.
 */
import type { ParamValue, RunResult, RunSpec } from '../../src/experiment/experiment-types.js';
import type { ReportExperiment } from '../../src/report/report-input.js';

export interface FixtureOptions {
  readonly id?: string;
  readonly title?: string;
  readonly question?: string;
  readonly vary?: Readonly<Record<string, readonly ParamValue[]>>;
  readonly base?: Readonly<Record<string, ParamValue>>;
  readonly replicates?: number;
  readonly finalColumns?: readonly string[];
  readonly metrics?: readonly string[];
  readonly model?: string;
}

function grid(vary: Readonly<Record<string, readonly ParamValue[]>>): Array<Record<string, ParamValue>> {
  let combos: Array<Record<string, ParamValue>> = [{}];
  for (const [key, values] of Object.entries(vary)) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  return combos;
}

export function fixtureExperiment(o: FixtureOptions = {}): ReportExperiment {
  const id = o.id ?? 'fixture';
  const vary = o.vary ?? {};
  const replicates = o.replicates ?? 3;
  const runs: RunSpec[] = [];
  for (const params of grid(vary)) {
    for (let r = 0; r < replicates; r++) {
      const name = `${Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(',') || 'base'}__r${r}`;
      runs.push({ index: runs.length, name, params, replicate: r, seedKey: `${id}|s|${JSON.stringify(params)}|${r}`, crnKey: `${id}|s|${r}` });
    }
  }
  const metrics = o.metrics ?? ['m'];
  return {
    definition: { id, title: o.title ?? 'Fixture experiment', question: o.question ?? 'Does x change y?', model: o.model ?? 'voter', replicates, steps: 100, seed: 's', metrics },
    id,
    replicates,
    base: o.base ?? {},
    vary,
    steps: 100,
    durationHours: null,
    sampleEvery: 10,
    metrics,
    runs,
    options: {},
    finalColumns: o.finalColumns ?? metrics,
  };
}

export function fixtureResult(
  run: RunSpec,
  final: Readonly<Record<string, number>>,
  extra: { series?: RunResult['series']; cascades?: RunResult['cascades']; converged?: boolean | null } = {},
): RunResult {
  return { run, final, series: extra.series ?? [], cascades: extra.cascades ?? [], steps: 100, converged: extra.converged ?? null };
}

/** The runs of the arm whose swept values are `params`, by replicate. */
export function runsOf(resolved: ReportExperiment, params: Readonly<Record<string, ParamValue>>): RunSpec[] {
  return resolved.runs.filter((r) => Object.entries(params).every(([k, v]) => r.params[k] === v));
}

/** Mean, sample SD and the half-width of the 95 % t interval, written out from the textbook formulas with a given t. */
export function handInterval(values: readonly number[], t975: number): { mean: number; sd: number; lower: number; upper: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = (t975 * sd) / Math.sqrt(n);
  return { mean, sd, lower: mean - half, upper: mean + half };
}
