/**
 * Problems never quote the input. Archive lines hold raw user and post ids,
 * so every parser reports a malformed line by file, line and field only:
 * whatever the mangling (cut lines, ids where numbers or dates belong,
 * stray quotes, broken JSON), no problem message, field or strict error
 * carries a marker id planted in every value of the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeletions } from '../../src/archive/parse-deletions.js';
import { parseLabelFile } from '../../src/archive/parse-label-file.js';
import { parsePostTable } from '../../src/io/parse-post-table.js';
import { parsePropagationTree } from '../../src/archive/parse-propagation-tree.js';
import { TwitterV2Accumulator } from '../../src/archive/parse-twitter-v2.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import type { LineProblem } from '../../src/archive/cleaning-report.js';
import { InputError } from '../../src/model/errors.js';

const MARK = 'Qz';
const mapId = makeIdMapper('t', { keepRawIds: true });
const id = fc.nat(999).map((n) => `${MARK}${n}`);
/** A value where any field may be: a marker id, or something well-formed. */
const value = fc.oneof(id, fc.constantFrom('1', '0.5', '2021-06-01T00:00:00Z', 'ROOT', '', 'true'));
/** Mangles a well-formed line: cut it, drop or double a character, swap quotes. */
const mangle = (line: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    line,
    fc.tuple(line, fc.nat(200)).map(([s, k]) => s.slice(0, k % (s.length + 1))),
    fc.tuple(line, fc.nat(200)).map(([s, k]) => s.slice(0, k % (s.length + 1)) + s.slice((k % (s.length + 1)) + 1)),
    fc.tuple(line, fc.nat(200), fc.constantFrom("'", '"', ',', '[', '{', '->', ':')).map(([s, k, c]) => s.slice(0, k % (s.length + 1)) + c + s.slice(k % (s.length + 1))),
  );

function quotesNothing(problems: readonly LineProblem[], err: unknown): void {
  for (const p of problems) {
    expect(p.message).not.toContain(MARK);
    expect(p.field ?? '').not.toContain(MARK);
  }
  if (err !== undefined) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).not.toContain(MARK);
    expect((err as InputError).field ?? '').not.toContain(MARK);
  }
}

function strictError(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('problems name where, never what', () => {
  it('propagation trees and label files', () => {
    const triple = fc.tuple(value, value, value).map(([a, b, c]) => `['${a}', '${b}', '${c}']`);
    const line = mangle(fc.tuple(triple, triple).map(([p, c]) => `${p}->${c}`));
    const labelLine = mangle(fc.tuple(fc.constantFrom('true', 'false', MARK), value).map(([l, s]) => `${l}:${s}`));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(labelLine, { maxLength: 6 }), (lines, labels) => {
        const text = lines.join('\n');
        quotesNothing(parsePropagationTree(text, { file: 't.txt', mapId, sourceId: `${MARK}x` }).report.problems, strictError(() => parsePropagationTree(text, { file: 't.txt', mapId, strict: true })));
        const l = labels.join('\n');
        quotesNothing(parseLabelFile(l, { file: 'label.txt' }).report.problems, strictError(() => parseLabelFile(l, { file: 'label.txt', strict: true })));
      }),
      { numRuns: 200 },
    );
  });

  it('post tables and deletions files', () => {
    const row = mangle(fc.array(value, { minLength: 3, maxLength: 6 }).map((f) => f.join(',')));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const text = ['post_id,parent_id,user_id,timestamp,protected', ...rows].join('\n');
        quotesNothing(parsePostTable(text, { file: 'p.csv', mapId }).report.problems, strictError(() => parsePostTable(text, { file: 'p.csv', mapId, strict: true })));
        const d = rows.join('\n');
        quotesNothing(parseDeletions(d, { file: 'd.txt' }).report.problems, strictError(() => parseDeletions(d, { file: 'd.txt', strict: true })));
      }),
      { numRuns: 200 },
    );
  });

  it('Twitter v2 lines and pages, broken JSON included', () => {
    const json = (v: string): string => (/^\d/.test(v) && v !== '2021-06-01T00:00:00Z' ? v : JSON.stringify(v));
    const tweet = fc
      .tuple(value, value, value, fc.option(fc.tuple(fc.constantFrom('retweeted', 'replied_to', MARK), value), { nil: undefined }))
      .map(([i, a, t, r]) => `{"id": ${json(i)}, "author_id": ${json(a)}, "created_at": ${json(t)}${r === undefined ? '' : `, "referenced_tweets": [{"type": "${r[0]}", "id": ${json(r[1])}}]`}}`);
    // Also ids left unquoted, which JSON.parse quotes back in its messages.
    const line = mangle(fc.oneof(tweet, tweet.map((s) => `{"data": [${s}]}`), id.map((m) => `{"id": ${m}}`)));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const run = (strict: boolean): LineProblem[] => {
          const acc = new TwitterV2Accumulator({ file: 'x', mapId, strict });
          lines.forEach((l, k) => acc.addLine(l, k + 1, 'x.jsonl'));
          acc.addPageText(lines.join('\n'), 'page.json');
          return acc.finish().report.problems;
        };
        quotesNothing(run(false), strictError(() => run(true)));
      }),
      { numRuns: 200 },
    );
  });
});
