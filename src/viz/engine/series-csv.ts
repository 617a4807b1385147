/**
 * The demo's time series as CSV: one row per tick, one column per field of
 * `DemoMetrics`, in declaration order. Missing values (NaN) are empty cells,
 * booleans are 0/1, numbers are printed exactly (shortest round-trip form).
 */
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
  'hoaxReach',
  'hoaxVolume',
  'topicVolume',
  'alertZ',
  'alertFired',
  'pollYes',
  'follows',
  'posts',
];

function cell(v: number | boolean): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return Number.isFinite(v) ? String(v) : '';
}

export function seriesToCsv(rows: readonly DemoMetrics[]): string {
  const lines = [SERIES_COLUMNS.join(',')];
  for (const r of rows) lines.push(SERIES_COLUMNS.map((c) => cell(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}
