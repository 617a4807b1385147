/**
 * The plain tables both compare reports print: Markdown (a title, one table
 * per arm, the notes) and aligned text for the terminal. The first
 * `leftColumns` columns are names (left-aligned), the rest numbers.
 */

export interface TableSection {
  readonly title: string;
  readonly rows: readonly (readonly string[])[];
}

export interface TablesDocument {
  /** Lines before the first section (title, preface). */
  readonly head: readonly string[];
  readonly columns: readonly string[];
  readonly leftColumns: number;
  readonly sections: readonly TableSection[];
  readonly notes: readonly string[];
}

export function tablesMarkdown(doc: TablesDocument): string {
  const out = [...doc.head];
  const { columns, leftColumns } = doc;
  for (const s of doc.sections) {
    out.push(`## ${s.title}`, '', `| ${columns.join(' | ')} |`, `| ${columns.map((_, i) => (i < leftColumns ? '---' : '---:')).join(' | ')} |`);
    for (const r of s.rows) out.push(`| ${r.join(' | ')} |`);
    out.push('');
  }
  if (doc.notes.length > 0) {
    out.push('## Notes', '');
    for (const n of doc.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}

export function tablesText(doc: TablesDocument): string {
  const out: string[] = [];
  const { columns, leftColumns } = doc;
  for (const s of doc.sections) {
    const widths = columns.map((h, i) => Math.max(h.length, ...s.rows.map((c) => c[i].length)));
    const line = (cells: readonly string[]): string => cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
    out.push(s.title, line(columns), ...s.rows.map(line), '');
  }
  for (const n of doc.notes) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}
