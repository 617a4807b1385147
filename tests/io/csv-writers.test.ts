/**
 * Every CSV writer of echolab, with hostile text and arbitrary numbers:
 * read as RFC 4180, no cell begins with a formula trigger unless it is a
 * number; number cells are written as before (shortest round-trip form,
 * `Inf` / `-Inf`, missing empty); and echolab's own reader (`readCsv`, used
 * by `echolab compare`) gets back the text the writer was given.
 *
 * Writers: tableCsv (final, series, cascades and timings of a run, and the
 * cascades.csv of `echolab import`), compareCsv, networkCompareCsv and the
 * demo's seriesToCsv (numbers only).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/cli/compare-command.js';
import { tableCsv, type Cell, type Column } from '../../src/runner/result-tables.js';
import { CASCADE_FEATURES } from '../../src/compare/cascade-features.js';
import type { ComparisonRow } from '../../src/compare/compare-cascades.js';
import type { NetworkMetricRow } from '../../src/compare/compare-networks.js';
import { compareCsv, type CompareReport } from '../../src/compare/compare-report.js';
import { networkCompareCsv, type NetworkCompareReport } from '../../src/compare/network-compare-report.js';
import type { DemoMetrics } from '../../src/viz/engine/demo-protocol.js';
import { SERIES_COLUMNS, seriesToCsv } from '../../src/viz/engine/series-csv.js';
import { isFormulaRisk, rfc4180 } from '../support/csv-oracle.js';
import { hostileText, numberCell } from './csv-arbitraries.js';

/** How numeric columns have always been written. */
function numberAsWritten(v: number | null): string {
  if (v === null || Number.isNaN(v)) return '';
  return Number.isFinite(v) ? String(v) : v > 0 ? 'Inf' : '-Inf';
}

function expectNoFormula(records: readonly string[][]): void {
  for (const [r, record] of records.entries()) {
    for (const [k, cell] of record.entries()) expect(isFormulaRisk(cell), `record ${r}, cell ${k}: ${JSON.stringify(cell)}`).toBe(false);
  }
}

const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { freq: 5, nil: null });

const column: fc.Arbitrary<Omit<Column, 'values'> & { gen: fc.Arbitrary<Cell> }> = fc.oneof(
  hostileText.map((name) => ({ name, type: 'STRING' as const, gen: optional(hostileText) as fc.Arbitrary<Cell> })),
  hostileText.map((name) => ({ name, type: 'DOUBLE' as const, gen: optional(numberCell) as fc.Arbitrary<Cell> })),
  hostileText.map((name) => ({ name, type: 'INT32' as const, gen: optional(fc.integer({ min: -5, max: 1000 })) as fc.Arbitrary<Cell> })),
  hostileText.map((name) => ({ name, type: 'BOOLEAN' as const, gen: optional(fc.boolean()) as fc.Arbitrary<Cell> })),
);

/** A table as the result writers build it: a run index first (never missing), then arbitrary columns. */
const table = fc
  .tuple(fc.array(column, { minLength: 1, maxLength: 5 }), fc.nat(4))
  .chain(([cols, rows]) =>
    fc.tuple(...cols.map((c) => fc.array(c.gen, { minLength: rows, maxLength: rows }))).map((values) => ({
      name: 'final',
      rows,
      columns: [
        { name: 'run_index', type: 'INT32' as const, values: Array.from({ length: rows }, (_, i) => i) },
        ...cols.map((c, k) => ({ name: c.name, type: c.type, values: values[k] })),
      ],
    })),
  );

describe('CSV writers never write a live formula, and keep numbers as numbers', () => {
  it('tableCsv: final, series, cascades, timings and the import cascades (property)', () => {
    fc.assert(
      fc.property(table, (t) => {
        const csv = tableCsv(t);
        const records = rfc4180(csv);
        expect(records).toHaveLength(t.rows + 1);
        expectNoFormula(records);
        t.columns.forEach((c, k) => {
          for (let i = 0; i < t.rows; i++) {
            const v = c.values[i];
            if (c.type === 'DOUBLE' || c.type === 'INT32') expect(records[i + 1][k]).toBe(numberAsWritten(v as number | null));
            if (c.type === 'BOOLEAN') expect(records[i + 1][k]).toBe(v === null ? '' : String(v));
          }
        });
        // echolab's reader gets the header and every text back.
        const back = readCsv(csv);
        expect(back.header).toEqual(t.columns.map((c) => c.name));
        expect(back.rows).toHaveLength(t.rows);
        t.columns.forEach((c, k) => {
          for (let i = 0; i < t.rows; i++) if (c.type === 'STRING') expect(back.rows[i][k]).toBe(c.values[i] ?? '');
        });
      }),
      { numRuns: 200 },
    );
  });

  const stat = numberCell;
  const comparisonRow: fc.Arbitrary<ComparisonRow> = fc.record({
    feature: fc.constantFrom(...CASCADE_FEATURES),
    matching: fc.constantFrom('raw' as const, 'size-matched' as const),
    nSim: fc.nat(1000),
    nArchive: fc.nat(1000),
    nSimEffective: stat,
    simDropped: fc.nat(9),
    archiveDropped: fc.nat(9),
    simOutsideMatch: fc.nat(9),
    archiveOutsideMatch: fc.nat(9),
    ks: stat,
    ksPValue: stat,
    wasserstein: stat,
    simMedian: stat,
    archiveMedian: stat,
  });

  it('compareCsv: the compare.csv of cascades (property)', () => {
    const report = fc.array(fc.record({ arm: hostileText, rows: fc.array(comparisonRow, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(report, (arms) => {
        const r: CompareReport = {
          resultsName: 'r',
          archiveName: 'a',
          archive: { perCascade: true, values: {} },
          notes: [],
          arms: arms.map((a) => ({ arm: a.arm, cascades: 1, rows: a.rows, simulated: { perCascade: true, values: {} } })),
        };
        const csv = compareCsv(r);
        const records = rfc4180(csv);
        expectNoFormula(records);
        const rows = arms.flatMap((a) => a.rows.map((row) => ({ arm: a.arm, row })));
        expect(records).toHaveLength(rows.length + 1);
        rows.forEach(({ row }, i) => {
          const nums = [row.nSim, row.nArchive, row.nSimEffective, row.simDropped, row.archiveDropped, row.simOutsideMatch, row.archiveOutsideMatch, row.ks, row.ksPValue, row.wasserstein, row.simMedian, row.archiveMedian];
          expect(records[i + 1].slice(1)).toEqual([row.feature, row.matching, ...nums.map(numberAsWritten)]);
        });
        expect(readCsv(csv).rows.map((rec) => rec[0])).toEqual(rows.map((x) => x.arm));
      }),
      { numRuns: 100 },
    );
  });

  it('networkCompareCsv: the compare.csv of networks (property)', () => {
    const metricRow: fc.Arbitrary<NetworkMetricRow> = fc.record({
      metric: hostileText,
      archive: stat,
      nSim: fc.nat(100),
      simDropped: fc.nat(9),
      simMean: stat,
      simSd: stat,
      simLow: stat,
      simHigh: stat,
      simMin: stat,
      simMax: stat,
      percentile: stat,
      sdDistance: stat,
      missing: fc.boolean(),
      archiveOnly: fc.boolean(),
    });
    const report = fc.array(fc.record({ arm: hostileText, rows: fc.array(metricRow, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(report, (arms) => {
        const r: NetworkCompareReport = { resultsName: 'r', archiveName: 'a', archiveSize: '1 node', notes: [], arms: arms.map((a) => ({ arm: a.arm, runs: 1, rows: a.rows })) };
        const csv = networkCompareCsv(r);
        const records = rfc4180(csv);
        expectNoFormula(records);
        const rows = arms.flatMap((a) => a.rows.map((row) => ({ arm: a.arm, row })));
        expect(records).toHaveLength(rows.length + 1);
        rows.forEach(({ row }, i) => {
          const nums = [row.archive, row.nSim, row.simDropped, row.simMean, row.simSd, row.simLow, row.simHigh, row.simMin, row.simMax, row.percentile, row.sdDistance];
          expect(records[i + 1].slice(2)).toEqual([...nums.map(numberAsWritten), row.missing ? 'false' : 'true']);
        });
        expect(readCsv(csv).rows.map((rec) => [rec[0], rec[1]])).toEqual(rows.map((x) => [x.arm, x.row.metric]));
      }),
      { numRuns: 100 },
    );
  });

  it("seriesToCsv: the demo's export, numbers only (property)", () => {
    const row = fc.record(
      Object.fromEntries(SERIES_COLUMNS.map((c) => [c, c === 'alertFired' ? fc.boolean() : numberCell])) as unknown as { [K in keyof DemoMetrics]: fc.Arbitrary<DemoMetrics[K]> },
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 4 }), (rows) => {
        const records = rfc4180(seriesToCsv(rows));
        expect(records[0]).toEqual([...SERIES_COLUMNS]);
        expectNoFormula(records);
        rows.forEach((r, i) => {
          expect(records[i + 1]).toEqual(SERIES_COLUMNS.map((c) => {
            const v = r[c];
            return typeof v === 'boolean' ? (v ? '1' : '0') : Number.isFinite(v) ? String(v) : '';
          }));
        });
      }),
      { numRuns: 100 },
    );
  });
});
