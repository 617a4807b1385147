/**
 * The demo's time series as CSV: one row per tick, one column per field of
 * `DemoMetrics`, in declaration order. Missing values (NaN) are empty cells,
 * booleans are 0/1, numbers are printed exactly (shortest round-trip form).
 */
import { csvLine } from '../../io/csv-cell.js';
import type { DemoMetrics } from './demo-protocol.js';

export const SERIES_COLUMNS: readonly (keyof DemoMetrics)[] = [
  'tick',
  'hours',
  'opinionMean',
  'polarisation',
  'bimodality',
  'leaningCorrelation',
  'trueShare',
  'perceivedShare',
  'illusionShare',
  'perceivedOwnRight',
  'perceivedOwnLeft',
  'hoaxReach',
  'hoaxVolume',
  'topicVolume',
  'alertZ',
  'alertFired',
  'pollYes',
  'follows',
  'posts',
];

function cell(v: number | boolean): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number.isFinite(v) ? v : null;
}

/** Written with the cells every echolab CSV uses (src/io/csv-cell.ts). */
export function seriesToCsv(rows: readonly DemoMetrics[]): string {
  const lines = [csvLine(SERIES_COLUMNS)];
  for (const r of rows) lines.push(csvLine(SERIES_COLUMNS.map((c) => cell(r[c]))));
  return `${lines.join('\n')}\n`;
}
