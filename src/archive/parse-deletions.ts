/**
 * A deletions file: the ids of posts deleted (or withdrawn) since the
 * archive was collected, one per line, which importers drop by default so
 * that deleted content is not reproduced. Surrounding blanks are ignored,
 * as are blank lines and `#` comment lines; a line holding blanks or commas
 * inside the id, or bytes that are not UTF-8, is reported (file, line, not
 * its content), or with `strict` is an InputError.
 * An optional first line `id`, `tweet_id` or `post_id` is a header.
 */
import { InputError } from '../model/errors.js';
import { addProblem, newReport, type CleaningReport } from './cleaning-report.js';
import { invalidUtf8Message } from './utf8-lines.js';

export interface ParsedDeletions {
  readonly ids: Set<string>;
  readonly report: CleaningReport;
}

const HEADERS = new Set(['id', 'tweet_id', 'post_id']);

export interface ParseDeletionsOptions {
  readonly file?: string;
  readonly strict?: boolean;
  /** Lines that were not valid UTF-8 (line → first bad byte, see decodeUtf8Lines): malformed. */
  readonly invalidUtf8?: ReadonlyMap<number, number>;
}

export function parseDeletions(text: string, options: ParseDeletionsOptions = {}): ParsedDeletions {
  const file = options.file ?? '<deletions>';
  const report = newReport(file);
  const ids = new Set<string>();
  const ls = text.split(/\r\n|\n|\r/);
  let first = true;
  for (let k = 0; k < ls.length; k++) {
    const s = ls[k].trim();
    const bad = options.invalidUtf8?.get(k + 1);
    if (bad === undefined && (s === '' || s.startsWith('#'))) continue;
    report.counts.lines++;
    if (bad === undefined && first && HEADERS.has(s.toLowerCase())) {
      first = false;
      continue;
    }
    first = false;
    if (bad !== undefined || /[\s,;]/.test(s)) {
      const message = bad !== undefined ? invalidUtf8Message(bad) : 'expected one post id per line (no blanks, commas or semicolons inside)';
      if (options.strict === true) throw new InputError(message, { file, line: k + 1 });
      report.counts.malformedLines++;
      addProblem(report, { file, line: k + 1, message });
      continue;
    }
    if (ids.has(s)) report.counts.duplicateLines++;
    else ids.add(s);
  }
  return { ids, report };
}
