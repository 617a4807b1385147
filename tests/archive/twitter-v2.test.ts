/**
 * Twitter API v2 importer on hand-written fixtures (tests/fixtures/archive/v2).
 *
 * page.json (users 10 alice, 20 bob, 30 carol, 40 dave protected, 50 erin, 60 frank;
 * minutes after 2020-01-01T00:00Z):
 *   100 alice source 0; 101 bob reply→100 at 5; 102 carol RT 100 at 10;
 *   103 dave (protected) reply→100 at 3: dropped; 104 erin reply→101 at 4: raised to 5;
 *   105 frank RT 100 at 20; 106 bob reply→103 at 30: unreachable (parent dropped);
 *   107 carol quotes 100 at 15: roots its own cascade; 108 alice reply→107 at 25;
 *   109 erin source at 1: deleted; 110 frank RT 109 at 40: unreachable;
 *   second record of 100: duplicate; id 111 a number: malformed (data[12].id);
 *   112 carol reply→107 at 10, before the root 107 at 15: negative delay, raised to 15.
 * Cascade 100 by (time, depth, order): 100 (0), 101 (5), 104 (5, depth 2), 102 (10), 105 (20).
 * Cascade 107: 107 (0), 112 (0), 108 (10).
 *
 * tweets.jsonl (minutes after 12:00): L1 a page: 200 u1 source 0, 201 u2 RT 200 at 1;
 *   L2 blank; L3 202 u3 RT 200 at 3 (author inlined); L4 truncated JSON;
 *   L5 204 u4 RT 200 at 5; L6 205 u5 reply→202 at 6; L7 206 u6 RT 200 at 7 with a
 *   `__proto__` key; L8 created_at a number: malformed.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../src/archive/cleaning-report.js';
import { parseTwitterV2, type ParseTwitterV2Options } from '../../src/archive/parse-twitter-v2.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { InputError } from '../../src/model/errors.js';
import { treeDefect } from './tree-checks.js';
import { thrown } from '../support/thrown.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pageText = readFileSync(path.resolve(here, '../fixtures/archive/v2/page.json'), 'utf8');
const jsonlText = readFileSync(path.resolve(here, '../fixtures/archive/v2/tweets.jsonl'), 'utf8');
const raw = makeIdMapper('t', { keepRawIds: true });
const deletions = new Set(['109']);

function followsFrom(pairs: readonly (readonly [string, string])[]): (a: string, b: string) => boolean {
  const s = new Set(pairs.map(([a, b]) => `${a}>${b}`));
  return (a, b) => s.has(`${a}>${b}`);
}

function shape(c: { tree: { parent: Int32Array; time: Float64Array; node: Int32Array }; users: readonly string[] }): unknown {
  return { users: [...c.users], node: [...c.tree.node], parent: [...c.tree.parent], time: [...c.tree.time] };
}

describe('Twitter v2 page', () => {
  const { cascades, report, retweetAttachment } = parseTwitterV2(pageText, { file: 'page.json', format: 'page', mapId: raw, deletions });

  it('drops protected and deleted tweets, counts every repair exactly', () => {
    expect(retweetAttachment).toBe('root');
    expect(report.counts).toEqual({
      ...emptyCounts(),
      lines: 28, // non-blank lines of page.json
      malformedLines: 1,
      duplicateLines: 1,
      unreachableNodesDropped: 2,
      negativeDelaysFixed: 1,
      delaysRaisedToParent: 1,
    });
    expect(report.twitter).toEqual({ tweets: 14, includedTweets: 0, users: 6, protectedDropped: 1, deletedDropped: 1, retweetsByFollowerRule: 0, retweetsToRoot: 2, quotesAsRoots: 1 });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ file: 'page.json', line: undefined });
    expect(report.problems[0].message).toMatch(/^data\[12\]\.id: /);
  });

  it('builds exact reply trees, retweets under the root, quotes as new cascades', () => {
    expect(cascades.map((c) => c.sourceId)).toEqual(['100', '107']);
    expect(shape(cascades[0])).toEqual({ users: ['10', '20', '50', '30', '60'], node: [0, 1, 2, 3, 4], parent: [-1, 0, 1, 0, 0], time: [0, 5, 5, 10, 20] });
    expect(shape(cascades[1])).toEqual({ users: ['30', '10'], node: [0, 0, 1], parent: [-1, 0, 0], time: [0, 0, 10] });
    for (const c of cascades) expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
  });

  it('follower rule: frank follows carol, so his retweet hangs under carol’s', () => {
    const r = parseTwitterV2(pageText, { format: 'page', mapId: raw, deletions, followers: followsFrom([['60', '30']]) });
    expect(r.retweetAttachment).toBe('follower-rule');
    expect([...r.cascades[0].tree.parent]).toEqual([-1, 0, 1, 0, 3]);
    expect(r.report.twitter.retweetsByFollowerRule).toBe(1);
    expect(r.report.twitter.retweetsToRoot).toBe(1);
  });

  it('keepProtected keeps dave’s reply and with it bob’s reply to it; no deletions keeps 109 and 110', () => {
    const r = parseTwitterV2(pageText, { format: 'page', mapId: raw, keepProtected: true });
    expect(r.report.twitter.protectedDropped).toBe(0);
    expect(r.report.twitter.deletedDropped).toBe(0);
    expect(r.report.counts.unreachableNodesDropped).toBe(0);
    // 100 (0), 103 dave (3), 101 (5), 104 (5, depth 2), 102 (10), 105 (20), 106 bob (30, under 103).
    expect(shape(r.cascades[0])).toEqual({ users: ['10', '40', '20', '50', '30', '60'], node: [0, 1, 2, 3, 4, 5, 2], parent: [-1, 0, 0, 2, 0, 0, 1], time: [0, 3, 5, 5, 10, 20, 30] });
    // 109 erin at 1 and its retweet 110 at 40; cascades in order of their roots' first appearance.
    expect(r.cascades.map((c) => c.sourceId)).toEqual(['100', '107', '109']);
    expect(shape(r.cascades[2])).toEqual({ users: ['50', '60'], node: [0, 1], parent: [-1, 0], time: [0, 39] });
  });

  it('strict mode throws an InputError naming the file and the record', () => {
    const err = thrown(() => parseTwitterV2(pageText, { file: 'page.json', format: 'page', strict: true, mapId: raw }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe('page.json');
    expect((err as InputError).field).toBe('data[12].id');
  });

  it('a page that is not JSON is one malformed input (lenient) or an InputError (strict)', () => {
    const r = parseTwitterV2('{"data": [\n{"id": "1",', { file: 'bad.json', format: 'page', mapId: raw });
    expect(r.cascades).toEqual([]);
    expect(r.report.counts.malformedLines).toBe(1);
    expect(thrown(() => parseTwitterV2('[1, 2]', { file: 'bad.json', format: 'page', strict: true, mapId: raw }))).toBeInstanceOf(InputError);
  });

  it('pseudonymises users by default', () => {
    const r = parseTwitterV2(pageText, { format: 'page', mapId: makeIdMapper('t', { key: 'k' }), deletions });
    expect(r.cascades[0].users.every((u) => /^u[0-9a-f]{16}$/.test(u))).toBe(true);
    expect(r.cascades[0].users).not.toContain('10');
  });
});

describe('Twitter v2 JSONL', () => {
  it('reads pages and single tweets per line, reports bad lines with their numbers', () => {
    const { cascades, report } = parseTwitterV2(jsonlText, { file: 'tweets.jsonl', format: 'jsonl', mapId: raw });
    expect(report.counts).toEqual({ ...emptyCounts(), lines: 7, malformedLines: 2 });
    expect(report.problems.map((p) => [p.file, p.line])).toEqual([
      ['tweets.jsonl', 4],
      ['tweets.jsonl', 8],
    ]);
    expect(report.problems[1].message).toMatch(/^created_at: /);
    // Tweet records: 2 on L1, one each on L3, L5–L8 (L8 malformed) = 7; users: 2 on L1, 1 inlined on L3.
    expect(report.twitter).toEqual({ tweets: 7, includedTweets: 0, users: 3, protectedDropped: 0, deletedDropped: 0, retweetsByFollowerRule: 0, retweetsToRoot: 4, quotesAsRoots: 0 });
    expect(cascades).toHaveLength(1);
    expect(shape(cascades[0])).toEqual({ users: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'], node: [0, 1, 2, 3, 4, 5], parent: [-1, 0, 0, 0, 2, 0], time: [0, 1, 3, 5, 6, 7] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('follower rule on a hand example: most recent followed earlier retweeter, replies never candidates', () => {
    // u3 follows u2 → under 201; u4 follows u1 and u3 → the more recent, 202; u6 follows only the replier u5 → root; u2 follows nobody → root.
    const followers = followsFrom([['u3', 'u2'], ['u4', 'u1'], ['u4', 'u3'], ['u6', 'u5']]);
    const r = parseTwitterV2(jsonlText, { format: 'jsonl', mapId: raw, followers });
    expect([...r.cascades[0].tree.parent]).toEqual([-1, 0, 1, 2, 2, 0]);
    expect(r.report.twitter.retweetsByFollowerRule).toBe(2);
    expect(r.report.twitter.retweetsToRoot).toBe(2);
    expect(treeDefect(r.cascades[0].tree, r.cascades[0].users.length)).toBeUndefined();
  });

  it('follower rule respects time: a later retweeter is never a parent', () => {
    // u2 (RT at 1) follows u6 (RT at 7): still under the root.
    const r = parseTwitterV2(jsonlText, { format: 'jsonl', mapId: raw, followers: followsFrom([['u2', 'u6']]) });
    expect([...r.cascades[0].tree.parent]).toEqual([-1, 0, 0, 0, 2, 0]);
    expect(r.report.twitter.retweetsByFollowerRule).toBe(0);
  });

  it('strict mode throws at the first bad line', () => {
    const err = thrown(() => parseTwitterV2(jsonlText, { file: 'tweets.jsonl', format: 'jsonl', strict: true, mapId: raw }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).line).toBe(4);
    expect((err as InputError).message).toMatch(/^tweets\.jsonl:4: /);
  });
});

describe('Twitter v2 JSONL on mangled input', () => {
  const ids = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('1', '2', '3', '4', '5', '6') }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', '', '9'.repeat(30)) });
  const idValue = fc.oneof({ weight: 30, arbitrary: ids.map((s) => JSON.stringify(s)) }, { weight: 1, arbitrary: fc.constantFrom('1e999', '-1', 'null', '[]', '{}', 'true', '123456789012345678901234567890') });
  const date = fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 0, max: 600 }).map((m) => JSON.stringify(new Date(Date.UTC(2020, 0, 1, 0, m)).toISOString())) },
    { weight: 1, arbitrary: fc.constantFrom('1e308', '"2020-13-45T99:99:99Z"', '"yesterday"', 'null', '""', '"2020-01-01"', '{"__proto__": 1}') },
  );
  const ref = fc.tuple(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('"retweeted"', '"retweeted"', '"replied_to"', '"quoted"') }, { weight: 1, arbitrary: fc.constantFrom('"mentioned"', '1', 'null') }), idValue).map(([t, i]) => `{"type": ${t}, "id": ${i}}`);
  const refs = fc.oneof({ weight: 8, arbitrary: fc.array(ref, { minLength: 1, maxLength: 2 }).map((a) => `[${a.join(', ')}]`) }, { weight: 1, arbitrary: fc.constantFrom('null', '{}', '"x"') });
  const extra = fc.constantFrom('', ', "__proto__": {"polluted": true}', ', "constructor": {"prototype": {"polluted": true}}', ', "public_metrics": {"retweet_count": 1e999}');
  const tweet = fc
    .record({ id: idValue, a: idValue, d: date, r: fc.option(refs, { nil: undefined }), x: extra })
    .map(({ id, a, d, r, x }) => `{"id": ${id}, "author_id": ${a}, "created_at": ${d}${r === undefined ? '' : `, "referenced_tweets": ${r}`}${x}}`);
  const user = fc.tuple(idValue, fc.constantFrom('true', 'false', 'false', 'false', 'false', '"yes"', 'null')).map(([i, p]) => `{"id": ${i}, "protected": ${p}, "followers_count": 1e308}`);
  const page = fc.tuple(fc.array(tweet, { maxLength: 4 }), fc.array(user, { maxLength: 3 })).map(([t, u]) => `{"data": [${t.join(', ')}], "includes": {"users": [${u.join(', ')}]}}`);
  const line = fc.oneof(
    { weight: 12, arbitrary: tweet },
    { weight: 2, arbitrary: page },
    { weight: 1, arbitrary: fc.tuple(tweet, fc.nat(60)).map(([s, k]) => s.slice(0, k)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom('[]', 'null', '42', '{"__proto__": {"polluted": true}}', '{"data": 5}', '{"data": [], "includes": []}') },
  );
  const junkText = fc.array(line, { maxLength: 30 }).map((ls) => ls.join('\n'));
  // Mostly valid threads with distinct ids (references may point forward, to themselves or nowhere), a few lines mangled.
  const threadTweet = fc.record({
    author: fc.constantFrom('1', '2', '3', '4', '__proto__'),
    minute: fc.integer({ min: 0, max: 100 }),
    type: fc.constantFrom('', 'retweeted', 'retweeted', 'retweeted', 'replied_to', 'quoted'),
    target: fc.nat(40),
    mangle: fc.oneof({ weight: 12, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(80) }),
  });
  const thread = fc.array(threadTweet, { minLength: 1, maxLength: 40, size: 'medium' }).map((ts) =>
    ts
      .map((t, k) => {
        const created = new Date(Date.UTC(2021, 5, 1, 0, t.minute)).toISOString();
        const ref = t.type === '' || k === 0 ? '' : `, "referenced_tweets": [{"type": "${t.type}", "id": "t${t.target % (k + 1)}"}]`;
        const s = `{"id": "t${k}", "author_id": "${t.author}", "created_at": "${created}"${ref}}`;
        return t.mangle < 0 ? s : s.slice(0, t.mangle);
      })
      .join('\n'),
  );
  const text = fc.oneof(junkText, thread);
  const mapId = makeIdMapper('t', { key: 'property' });
  // A fixed, arbitrary follow relation on raw ids.
  const followers = (a: string, b: string): boolean => {
    let h = 7;
    for (const ch of `${a}>${b}`) h = (h * 31 + ch.charCodeAt(0)) % 1009;
    return h % 2 === 0;
  };
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  it('never crashes leniently, throws InputError in strict mode exactly when something was malformed, never pollutes, always valid trees', () => {
    fc.assert(
      fc.property(text, (t) => {
        const opts: ParseTwitterV2Options = { file: 'm.jsonl', format: 'jsonl', mapId, deletions: new Set(['2', 't3']) };
        const r = parseTwitterV2(t, opts);
        const nonBlank = t.split(/\r\n|\n|\r/).filter((s) => s.trim() !== '').length;
        expect(r.report.counts.lines).toBe(nonBlank);
        expect(r.report.problems.length + r.report.problemsOmitted).toBe(r.report.counts.malformedLines);
        for (const p of r.report.problems) expect(p.line).toBeGreaterThan(0);
        let entries = 0;
        for (const c of r.cascades) {
          expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
          expect(c.users.every((u) => /^u[0-9a-f]{16}$/.test(u))).toBe(true);
          entries += c.tree.parent.length;
        }
        const tw = r.report.twitter;
        // Each tweet record ends in at most one place: a cascade or a drop count (malformed ones only among the problems).
        expect(entries + tw.protectedDropped + tw.deletedDropped + r.report.counts.unreachableNodesDropped + r.report.counts.duplicateLines).toBeLessThanOrEqual(tw.tweets);
        expect(tw.retweetsByFollowerRule).toBe(0);
        expect(tw.retweetsToRoot).toBeLessThanOrEqual(entries - r.cascades.length);
        expect(r.retweetAttachment).toBe('root');

        const err = thrown(() => parseTwitterV2(t, { ...opts, strict: true }));
        if (r.report.counts.malformedLines > 0) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).file).toBe('m.jsonl');
          expect((err as InputError).line).toBe(r.report.problems[0].line);
        } else expect(err).toBeUndefined();

        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it('the follower rule only moves retweets, to earlier entries whose author the retweeter follows', () => {
    fc.assert(
      fc.property(text, (t) => {
        const opts: ParseTwitterV2Options = { format: 'jsonl', mapId: raw, deletions: new Set(['t3']) };
        const byRoot = parseTwitterV2(t, opts);
        const byRule = parseTwitterV2(t, { ...opts, followers });
        expect(byRule.retweetAttachment).toBe('follower-rule');
        expect(byRule.cascades.length).toBe(byRoot.cascades.length);
        const a = byRoot.report.twitter;
        const b = byRule.report.twitter;
        expect(b.retweetsByFollowerRule + b.retweetsToRoot).toBe(a.retweetsToRoot);
        let moved = 0;
        byRule.cascades.forEach((c, k) => {
          const c0 = byRoot.cascades[k];
          expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
          expect(c.users).toEqual(c0.users);
          expect([...c.tree.node]).toEqual([...c0.tree.node]);
          expect([...c.tree.time]).toEqual([...c0.tree.time]);
          for (let i = 1; i < c.tree.parent.length; i++) {
            const p = c.tree.parent[i];
            if (p === c0.tree.parent[i]) continue;
            moved++;
            // Moved under an earlier retweet of the same tweet (a sibling in the root-rule tree).
            expect(c0.tree.parent[p]).toBe(c0.tree.parent[i]);
            expect(followers(c.users[c.tree.node[i]], c.users[c.tree.node[p]])).toBe(true);
          }
        });
        // Moves are follower-rule attachments other than to the retweeted tweet itself.
        expect(moved).toBeLessThanOrEqual(b.retweetsByFollowerRule);
      }),
      { numRuns: 150 },
    );
  });
});
