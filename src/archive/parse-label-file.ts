/**
 * Parser for a Twitter15/16 `label.txt`: one `label:source_id` per line
 * (labels such as true, false, unverified, non-rumor). Lines that do not
 * match (or are not UTF-8), and repeats of a source id already labelled,
 * are skipped and reported with file, line and field but not their content
 * (source ids identify posts); with `strict`, the first throws an
 * InputError. Pure: text in, entries out.
 */
import { InputError } from '../model/errors.js';
import { addProblem, newReport, type CleaningReport } from './cleaning-report.js';
import { invalidUtf8Message } from './utf8-lines.js';

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

/** Why a line LABEL_LINE rejects is wrong: the field and what is allowed. */
function lineProblem(s: string): { field?: string; message: string } {
  const colon = s.indexOf(':');
  if (colon < 0) return { message: 'expected label:source_id (no `:`)' };
  if (!/^\s*[A-Za-z][\w-]*\s*$/.test(s.slice(0, colon))) return { field: 'label', message: 'expected a word such as true, false or unverified' };
  return { field: 'source_id', message: 'expected letters, digits, `_` or `-`' };
}

export interface ParseLabelOptions {
  readonly file?: string;
  readonly strict?: boolean;
  /** Lines that were not valid UTF-8 (line → first bad byte, see decodeUtf8Lines): malformed. */
  readonly invalidUtf8?: ReadonlyMap<number, number>;
}

export function parseLabelFile(text: string, options: ParseLabelOptions = {}): ParsedLabels {
  const file = options.file ?? 'label.txt';
  const report = newReport(file);
  const entries: LabelEntry[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i];
    const bad = options.invalidUtf8?.get(i + 1);
    if (bad === undefined && s.trim() === '') continue;
    report.counts.lines++;
    const m = bad === undefined ? LABEL_LINE.exec(s) : null;
    let problem: { field?: string; message: string } | undefined;
    if (bad !== undefined) problem = { message: invalidUtf8Message(bad) };
    else if (m === null) problem = lineProblem(s);
    else if (seen.has(m[2])) problem = { field: 'source_id', message: 'labelled twice (the first label is kept)' };
    if (problem !== undefined || m === null) {
      const field = problem?.field;
      const message = problem === undefined ? 'malformed label line' : field === undefined ? problem.message : `${field}: ${problem.message}`;
      if (options.strict === true) throw new InputError(message, { file, line: i + 1, field });
      report.counts.malformedLines++;
      addProblem(report, field === undefined ? { file, line: i + 1, message } : { file, line: i + 1, field, message });
      continue;
    }
    seen.add(m[2]);
    entries.push({ label: m[1], sourceId: m[2], line: i + 1 });
  }
  return { entries, report };
}
