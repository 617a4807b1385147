/**
 * A deletions file: the ids of posts deleted (or withdrawn) since the
 * archive was collected, one per line, which importers drop by default so
 * that deleted content is not reproduced. Surrounding blanks are ignored,
 * as are blank lines and `#` comment lines; a line holding blanks or commas
 * inside the id is reported (file, line), or with `strict` is an InputError.
 * An optional first line `id`, `tweet_id` or `post_id` is a header.
 */
import { InputError } from '../model/errors.js';
import { addProblem, newReport, type CleaningReport } from './cleaning-report.js';

export interface ParsedDeletions {
  readonly ids: Set<string>;
  readonly report: CleaningReport;
}

const HEADERS = new Set(['id', 'tweet_id', 'post_id']);

export function parseDeletions(text: string, options: { readonly file?: string; readonly strict?: boolean } = {}): ParsedDeletions {
  const file = options.file ?? '<deletions>';
  const report = newReport(file);
  const ids = new Set<string>();
  const ls = text.split(/\r\n|\n|\r/);
  let first = true;
  for (let k = 0; k < ls.length; k++) {
    const s = ls[k].trim();
    if (s === '' || s.startsWith('#')) continue;
    report.counts.lines++;
    if (first && HEADERS.has(s.toLowerCase())) {
      first = false;
      continue;
    }
    first = false;
    if (/[\s,;]/.test(s)) {
      const message = `expected one post id per line, got ${JSON.stringify(s.slice(0, 40))}`;
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
