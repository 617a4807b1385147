import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/report/format-number.js';
import { summaryMarkdown } from '../../src/report/summary-markdown.js';
import { fixtureExperiment, fixtureResult, runsOf } from './report-fixtures.js';

/** The table rows under a `### heading` (up to the next blank line). */
function tableAfter(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  let i = lines.indexOf(heading);
  expect(i, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  while (!lines[i].startsWith('|')) i++;
  const rows: string[][] = [];
  for (; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(
      lines[i]
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('formatNumber', () => {
  it('four significant digits, no trailing zeros, exponents for the very large and very small', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(1.036757)).toBe('1.037');
    expect(formatNumber(-0.0004567)).toBe('-0.0004567');
    expect(formatNumber(0.00001234)).toBe('1.234e-5');
    expect(formatNumber(9999.7)).toBe('10000');
    expect(formatNumber(123456)).toBe('123456');
    expect(formatNumber(2.5e7)).toBe('2.5e7');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(null)).toBe('—');
  });
});

describe('summaryMarkdown', () => {
  const resolved = fixtureExperiment({
    title: 'Rule change',
    question: 'Does the new rule raise m?',
    vary: { rule: ['old', 'new'] },
    base: { n: 100 },
    replicates: 5,
    metrics: ['m'],
  });
  const oldValues = [1, 2, 3, 4, 5];
  const newValues = [3, 4, 5, 6, 8];
  const results = [
    ...runsOf(resolved, { rule: 'old' }).map((run, r) => fixtureResult(run, { m: oldValues[r] })),
    ...runsOf(resolved, { rule: 'new' }).map((run, r) => fixtureResult(run, { m: newValues[r] })),
  ];
  const md = summaryMarkdown(resolved, results);

  it('has the title, the question and the setup', () => {
    expect(md.startsWith('# Rule change\n')).toBe(true);
    expect(md).toContain('> Does the new rule raise m?');
    expect(md).toContain('## Setup');
    expect(md).toContain('**Swept parameters (vary):** `rule`: old, new');
    expect(md).toContain('**Fixed parameters (base):** `n = 100`');
    expect(md).toContain('**Replicates:** 5 per arm');
    expect(md).toContain('**Seed:** `s`');
    expect(md).toContain('**Runs:** 10 planned, 10 with results');
  });

  it('per-arm table: n, mean, SD and the 95 % CI computed by hand', () => {
    const rows = tableAfter(md, '### `m`');
    expect(rows[0]).toEqual(['arm', 'n', 'mean', 'SD', '95 % CI']);
    // old: mean 3, s = √2.5 = 1.5811, half-width 2.776445·1.5811/√5 = 1.963243 -> [1.037, 4.963].
    expect(rows[2]).toEqual(['rule=old (reference)', '5', '3', '1.581', '[1.037, 4.963]']);
    // new: mean 5.2, s = √3.7 = 1.9235, half-width 2.776445·1.9235/√5 = 2.388374 -> [2.812, 7.588].
    expect(rows[3]).toEqual(['rule=new', '5', '5.2', '1.924', '[2.812, 7.588]']);
  });

  it('paired differences: new − old per replicate, with the paired t interval', () => {
    expect(md).toContain('## Paired differences vs rule=old');
    const lines = md.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| metric | arm | pairs'));
    expect(header).toBeGreaterThan(0);
    // Differences 2, 2, 2, 2, 3: mean 2.2, s = √0.2, half-width 2.776445·√0.2/√5 = 0.555289 -> [1.645, 2.755].
    expect(lines[header + 2]).toBe('| `m` | rule=new | 5 | 2.2 | [1.645, 2.755] |');
  });

  it('notes non-finite values and shows a single replicate without an interval', () => {
    const one = fixtureExperiment({ vary: { rule: ['old', 'new'] }, replicates: 2, metrics: ['m'] });
    const rs = one.runs.map((run) => fixtureResult(run, { m: run.params.rule === 'old' && run.replicate === 0 ? Number.NaN : run.replicate + 1 }));
    const text = summaryMarkdown(one, rs);
    const rows = tableAfter(text, '### `m`');
    expect(rows[0]).toContain('non-finite');
    expect(rows[2]).toEqual(['rule=old (reference)', '1', '2', '—', '—', '1']);
    expect(text).toContain('## Notes');
    expect(text).toContain('1 of 2 values non-finite (1 NaN)');
  });

  it('escapes pipes in cells', () => {
    const odd = fixtureExperiment({ vary: { rule: ['a|b', 'c'] }, replicates: 2 });
    const text = summaryMarkdown(odd, odd.runs.map((run) => fixtureResult(run, { m: 1 })));
    expect(text).toContain('| rule=a\\|b (reference) |');
  });
});

describe('summary.md: text from an experiment stays text', () => {
  it('markup in the title, question and arm values is shown, not rendered; a title stays one heading', () => {
    const resolved = fixtureExperiment({
      title: 'Hostile <script>alert(1)</script>\n# injected heading',
      question: 'Does <img src=x onerror=alert(1)> & co. render?',
      vary: { rule: ['<b>old</b>', 'new|pipe'] },
      replicates: 2,
      metrics: ['m'],
    });
    const results = [
      ...runsOf(resolved, { rule: '<b>old</b>' }).map((run, r) => fixtureResult(run, { m: r })),
      ...runsOf(resolved, { rule: 'new|pipe' }).map((run, r) => fixtureResult(run, { m: r + 1 })),
    ];
    const md = summaryMarkdown(resolved, results);
    expect(md).not.toMatch(/<script|<img|<b>/);
    expect(md.split('\n')[0]).toBe('# Hostile &lt;script&gt;alert(1)&lt;/script&gt; # injected heading');
    expect(md).toContain('> Does &lt;img src=x onerror=alert(1)&gt; &amp; co. render?');
    expect(md.split('\n').filter((l) => l.startsWith('# '))).toHaveLength(1);
  });
});
