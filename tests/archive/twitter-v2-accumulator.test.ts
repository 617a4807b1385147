/**
 * The incremental Twitter v2 parser: originals known only from
 * `includes.tweets`, input spread over lines, pages and files, and the
 * metamorphic relation "where a tweet's record comes from (data or
 * includes, which line, which file, repeated or not) does not change the
 * cascades" when every tweet has its own minute (so no tie needs the input
 * order to break it).
 *
 * Hand example (minutes after 12:00; users a–h; JSONL lines):
 *   L1 page: data 301 b RT 300 at 2, 302 c reply→300 at 3, 304 d RT 303 at 4;
 *      includes.tweets 300 a source at 0, 303 e reply→300 at 1.
 *   L2 page: data 305 f RT 300 at 5, 306 g RT 310 at 6; includes.tweets
 *      300 again (a repeat, not a duplicate), 310 h quotes 300 at −60.
 *   L3 300 in data (first seen in includes: not a duplicate).
 *   L4 302 again in data: a duplicate.
 * Cascade 300 by (time, depth, order): 300 (0), 303 (1), 301 (2), 302 (3),
 * 304 (4, under 303 = entry 1), 305 (5). Cascade 310 (a quote roots its own
 * cascade): 310 (0), 306 (66). Roots are found in record order: 301 leads to
 * 300 first, 306 to 310. Records: 7 in data (3 + 2 + 1 + 1), 4 in includes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchiveCascade } from '../../src/archive/archive-cascade.js';
import { emptyCounts } from '../../src/archive/cleaning-report.js';
import { TwitterV2Accumulator, parseTwitterV2, type TwitterV2Options } from '../../src/archive/parse-twitter-v2.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { InputError } from '../../src/model/errors.js';
import { treeDefect } from './tree-checks.js';

const raw = makeIdMapper('t', { keepRawIds: true });
const at = (minute: number): string => new Date(Date.UTC(2021, 5, 1, 12, minute)).toISOString();

interface T {
  id: string;
  author_id: string;
  created_at: string;
  referenced_tweets?: { type: string; id: string }[];
}

function tw(id: string, author: string, minute: number, type?: string, ref?: string): T {
  const t: T = { id, author_id: author, created_at: at(minute) };
  if (type !== undefined && ref !== undefined) t.referenced_tweets = [{ type, id: ref }];
  return t;
}

const L1 = JSON.stringify({
  data: [tw('301', 'b', 2, 'retweeted', '300'), tw('302', 'c', 3, 'replied_to', '300'), tw('304', 'd', 4, 'retweeted', '303')],
  includes: { tweets: [tw('300', 'a', 0), tw('303', 'e', 1, 'replied_to', '300')], users: [{ id: 'a', protected: false }] },
});
const L2 = JSON.stringify({
  data: [tw('305', 'f', 5, 'retweeted', '300'), tw('306', 'g', 6, 'retweeted', '310')],
  includes: { tweets: [tw('300', 'a', 0), tw('310', 'h', -60, 'quoted', '300')] },
});
const L3 = JSON.stringify(tw('300', 'a', 0));
const L4 = JSON.stringify(tw('302', 'c', 3, 'replied_to', '300'));

function shape(c: ArchiveCascade): unknown {
  return { id: c.sourceId, users: [...c.users], node: [...c.tree.node], parent: [...c.tree.parent], time: [...c.tree.time] };
}

function feed(lines: readonly string[], options: TwitterV2Options): TwitterV2Accumulator {
  const acc = new TwitterV2Accumulator(options);
  lines.forEach((l, k) => acc.addLine(l, k + 1));
  return acc;
}

describe('Twitter v2: originals only in includes.tweets', () => {
  it('uses them as roots and parents; repeats there and their later data records are not duplicates', () => {
    const { cascades, report } = feed([L1, L2, L3, L4], { file: 'x.jsonl', mapId: raw }).finish();
    expect(cascades.map(shape)).toEqual([
      { id: '300', users: ['a', 'e', 'b', 'c', 'd', 'f'], node: [0, 1, 2, 3, 4, 5], parent: [-1, 0, 0, 0, 1, 0], time: [0, 1, 2, 3, 4, 5] },
      { id: '310', users: ['h', 'g'], node: [0, 1], parent: [-1, 0], time: [0, 66] },
    ]);
    expect(report.counts).toEqual({ ...emptyCounts(), lines: 4, duplicateLines: 1 });
    expect(report.twitter).toEqual({ tweets: 7, includedTweets: 4, users: 1, protectedDropped: 0, deletedDropped: 0, retweetsByFollowerRule: 0, retweetsToRoot: 4, quotesAsRoots: 1 });
    for (const c of cascades) expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
  });

  it('without includes.tweets the same data loses the replies and retweets of the missing originals', () => {
    const strip = (s: string): string => {
      const o = JSON.parse(s) as { data: T[] };
      return JSON.stringify({ data: o.data });
    };
    const { cascades, report } = feed([strip(L1), strip(L2), L3, L4], { mapId: raw }).finish();
    // 300 comes only from L3 now: 301, 302, 305 hang under it; 304 (RT of 303) and 306 (RT of 310) are unreachable.
    expect(cascades.map(shape)).toEqual([{ id: '300', users: ['a', 'b', 'c', 'f'], node: [0, 1, 2, 3], parent: [-1, 0, 0, 0], time: [0, 2, 3, 5] }]);
    expect(report.counts.unreachableNodesDropped).toBe(2);
    expect(report.twitter.includedTweets).toBe(0);
  });

  it('an included tweet of a protected account or listed as deleted is dropped, and its subtree with it', () => {
    const prot = JSON.stringify({ data: [], includes: { users: [{ id: 'e', protected: true }] } });
    const r = feed([L1, L2, L3, prot], { mapId: raw, deletions: new Set(['310']) }).finish();
    expect(r.cascades.map((c) => c.sourceId)).toEqual(['300']);
    // 303 (e, protected) and its retweet 304 go; 310 (deleted) and its retweet 306 go.
    expect(shape(r.cascades[0])).toEqual({ id: '300', users: ['a', 'b', 'c', 'f'], node: [0, 1, 2, 3], parent: [-1, 0, 0, 0], time: [0, 2, 3, 5] });
    expect(r.report.twitter.protectedDropped).toBe(1);
    expect(r.report.twitter.deletedDropped).toBe(1);
    expect(r.report.counts.unreachableNodesDropped).toBe(2);
  });

  it('reports a malformed included tweet by its path and line', () => {
    const bad = JSON.stringify({ data: [tw('401', 'x', 1, 'retweeted', '400')], includes: { tweets: [{ id: '400', author_id: 7, created_at: at(0) }] } });
    const r = feed([bad], { file: 'b.jsonl', mapId: raw }).finish();
    expect(r.report.problems).toEqual([{ file: 'b.jsonl', line: 1, field: 'includes.tweets[0].author_id', message: expect.stringMatching(/^includes\.tweets\[0\]\.author_id: /) as unknown }]);
    expect(r.cascades).toEqual([]);
    const err = (() => {
      try {
        feed([bad], { file: 'b.jsonl', mapId: raw, strict: true });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('includes.tweets[0].author_id');
  });
});

describe('TwitterV2Accumulator input in pieces', () => {
  it('names each line’s own file in problems; addPage equals addPageText but counts no lines; finish once', () => {
    const acc = new TwitterV2Accumulator({ file: 'export/', mapId: raw });
    acc.addLine(L1, 1, 'export/a.jsonl');
    acc.addLine('{"id": ', 2, 'export/a.jsonl');
    acc.addLine('', 1, 'export/b.jsonl');
    acc.addLine('[]', 2, 'export/b.jsonl');
    acc.addPageText(`${L2}\n`, 'export/c.json');
    acc.addPage(JSON.parse(L3) as unknown, 'export/d.json');
    const r = acc.finish();
    expect(r.report.file).toBe('export/');
    expect(r.report.problems.map((p) => [p.file, p.line])).toEqual([
      ['export/a.jsonl', 2],
      ['export/b.jsonl', 2],
      ['export/d.json', undefined],
    ]);
    // A single tweet is not a page: addPage rejects what a JSONL line accepts.
    expect(r.report.problems[2].message).toMatch(/expected a page object/);
    expect(r.report.counts.lines).toBe(4); // a.jsonl 2, b.jsonl 1 (the blank line is not counted), c.json 1
    expect(() => acc.finish()).toThrow(/already/);
    expect(() => acc.addLine(L3, 9)).toThrow(/already/);

    const viaText = new TwitterV2Accumulator({ mapId: raw });
    viaText.addPageText(L1);
    const viaObject = new TwitterV2Accumulator({ mapId: raw });
    viaObject.addPage(JSON.parse(L1) as unknown);
    const a = viaText.finish();
    const b = viaObject.finish();
    expect(b.cascades.map(shape)).toEqual(a.cascades.map(shape));
    expect(a.report.counts.lines).toBe(1);
    expect(b.report.counts.lines).toBe(0);
  });

  it('finishEach visits the cascades finish returns, in order', () => {
    const seen: unknown[] = [];
    const summary = feed([L1, L2, L3, L4], { mapId: raw }).finishEach((c) => seen.push(shape(c)));
    const all = feed([L1, L2, L3, L4], { mapId: raw }).finish();
    expect(seen).toEqual(all.cascades.map(shape));
    expect(summary.report.twitter).toEqual(all.report.twitter);
  });
});

describe('where a record comes from does not change the cascades (distinct minutes)', () => {
  // Tweet k at minute 3k; a reference goes to an earlier tweet (or to a missing id).
  const tweetSpec = fc.record({
    author: fc.constantFrom('1', '2', '3', '4', '5'),
    type: fc.constantFrom('', 'retweeted', 'retweeted', 'replied_to', 'quoted'),
    target: fc.nat(),
    missing: fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    // Where the record goes: its line, whether in includes, and an extra copy in another line's includes.
    line: fc.nat(6),
    included: fc.boolean(),
    copy: fc.option(fc.nat(6), { nil: undefined }),
    rank: fc.nat(),
  });
  const scenario = fc.record({
    tweets: fc.array(tweetSpec, { minLength: 1, maxLength: 30 }),
    deleted: fc.array(fc.nat(40), { maxLength: 3 }),
    protectedAuthor: fc.option(fc.constantFrom('1', '2', '3', '4', '5'), { nil: undefined }),
  });

  const build = (specs: readonly { author: string; type: string; target: number; missing: boolean }[]): T[] =>
    specs.map((s, k) => {
      if (s.type === '' || k === 0) return tw(`t${k}`, s.author, 3 * k);
      return tw(`t${k}`, s.author, 3 * k, s.type, s.missing ? `gone${k}` : `t${s.target % k}`);
    });

  const follows = (a: string, b: string): boolean => (Number(a) * 7 + Number(b) * 3) % 4 === 1;

  it('one tweet per line in time order ≡ pages with records shuffled across data, includes and repeats', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ tweets: specs, deleted, protectedAuthor }, withFollowers) => {
        const tweets = build(specs);
        const users = protectedAuthor === undefined ? [] : [{ id: protectedAuthor, protected: true }];
        const options: TwitterV2Options = {
          mapId: raw,
          deletions: new Set(deleted.map((d) => `t${d}`)),
          followers: withFollowers ? follows : undefined,
        };
        const plainLines = tweets.map((t) => JSON.stringify(t));
        if (users.length > 0) plainLines.push(JSON.stringify({ data: [], includes: { users } }));
        const plain = feed(plainLines, options).finish();

        const pages = Array.from({ length: 7 }, () => ({ data: [] as { t: T; rank: number }[], included: [] as { t: T; rank: number }[] }));
        specs.forEach((s, k) => {
          (s.included ? pages[s.line].included : pages[s.line].data).push({ t: tweets[k], rank: s.rank });
          if (s.copy !== undefined) pages[s.copy].included.push({ t: tweets[k], rank: s.rank + 1 });
        });
        const byRank = (a: { rank: number }, b: { rank: number }): number => a.rank - b.rank;
        const pageLines = pages.map((p, k) =>
          JSON.stringify({ data: p.data.sort(byRank).map((x) => x.t), includes: { tweets: p.included.sort(byRank).map((x) => x.t), ...(k === 6 ? { users } : {}) } }),
        );
        // Half the pages in one file as JSONL, the rest as page texts of other files.
        const acc = new TwitterV2Accumulator(options);
        pageLines.slice(0, 4).forEach((l, k) => acc.addLine(l, k + 1, 'a.jsonl'));
        pageLines.slice(4).forEach((l, k) => acc.addPageText(l, `p${k}.json`));
        const shuffled = acc.finish();

        const sorted = (cs: readonly ArchiveCascade[]): unknown[] => cs.map(shape).sort((x, y) => ((x as { id: string }).id < (y as { id: string }).id ? -1 : 1));
        expect(sorted(shuffled.cascades)).toEqual(sorted(plain.cascades));
        for (const c of shuffled.cascades) expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
        const a = plain.report;
        const b = shuffled.report;
        for (const k of ['protectedDropped', 'deletedDropped', 'retweetsByFollowerRule', 'retweetsToRoot', 'quotesAsRoots'] as const) expect(b.twitter[k]).toBe(a.twitter[k]);
        expect(b.counts.unreachableNodesDropped).toBe(a.counts.unreachableNodesDropped);
        expect(b.counts.duplicateLines).toBe(0);
        expect(b.twitter.tweets + b.twitter.includedTweets).toBe(specs.length + specs.filter((s) => s.copy !== undefined).length);
      }),
      { numRuns: 150 },
    );
  });

  it('parseTwitterV2 on the joined lines equals the accumulator fed line by line', () => {
    fc.assert(
      fc.property(scenario, ({ tweets: specs }) => {
        const lines = build(specs).map((t) => JSON.stringify(t));
        const whole = parseTwitterV2(lines.join('\r\n'), { format: 'jsonl', mapId: raw });
        const pieces = feed(lines, { mapId: raw }).finish();
        expect(whole.cascades.map(shape)).toEqual(pieces.cascades.map(shape));
        expect(whole.report.counts).toEqual(pieces.report.counts);
      }),
      { numRuns: 50 },
    );
  });
});
