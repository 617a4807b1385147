/**
 * Parser for a Twitter15/16 `label.txt`: one `label:source_id` per line
 * (labels such as true, false, unverified, non-rumor). Lines that do not
 * match, and repeats of a source id already labelled, are skipped and
 * reported with file and line (with `strict`, the first throws an
 * InputError). Pure: text in, entries out.
 */
import { InputError } from '../model/errors.js';
import { addProblem, newReport, type CleaningReport } from './cleaning-report.js';

export interface LabelEntry {
  readonly label: string;
  readonly sourceId: string;
  /** 1-based line in the label file. */
  readonly line: number;
}

export interface ParsedLabels {
  readonly entries: LabelEntry[];
  /** Counts `lines` and `malformedLines` (duplicates included). */
  readonly report: CleaningReport;
}

const LABEL_LINE = /^\s*([A-Za-z][\w-]*)\s*:\s*([\w-]+)\s*$/;

export function parseLabelFile(text: string, options: { file?: string; strict?: boolean } = {}): ParsedLabels {
  const file = options.file ?? 'label.txt';
  const report = newReport(file);
  const entries: LabelEntry[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i];
    if (s.trim() === '') continue;
    report.counts.lines++;
    const m = LABEL_LINE.exec(s);
    let message: string | undefined;
    if (m === null) message = `expected label:source_id, got ${JSON.stringify(s.slice(0, 80))}`;
    else if (seen.has(m[2])) message = `source id ${m[2]} is labelled twice (the first label is kept)`;
    if (message !== undefined || m === null) {
      if (options.strict === true) throw new InputError(message ?? 'malformed label line', { file, line: i + 1 });
      report.counts.malformedLines++;
      addProblem(report, { file, line: i + 1, message: message ?? 'malformed label line' });
      continue;
    }
    seen.add(m[2]);
    entries.push({ label: m[1], sourceId: m[2], line: i + 1 });
  }
  return { entries, report };
}
