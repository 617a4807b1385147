/**
 * The HTTP ranker (http-ranker.ts) against a local reference service that
 * speaks the Prosocial Ranking Challenge API and ranks oldest first
 * (tests/fixtures/prc-reference-ranker.mjs, a child process on 127.0.0.1):
 * the feeds equal those of an in-process ranker with the same rule; a
 * replay from the recording, service stopped, gives the same run; and
 * misbehaving services give errors naming the URL and what was wrong.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { defineRanker } from '../../src/sim/platform/custom-ranker.js';
import { checkRankedIds, httpRanker } from '../../src/io/http-ranker.js';
import { createPlatform } from '../../src/sim/platform/platform.js';
import { defineScenario, runScenario } from '../../src/sim/platform/scenario.js';

const service = fileURLToPath(new URL('../fixtures/prc-reference-ranker.mjs', import.meta.url));
let child: ChildProcess | null = null;
let base = '';
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'echolab-prc-'));
  child = spawn(process.execPath, [service], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child!.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child!.once('error', reject);
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  if (child !== null && child.exitCode === null) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

const params = { agents: 200, followsPerAccount: 10, activityPerHour: 1, postProbability: 0.3, dailyRhythm: false, ranker: 'chronological', durationHours: 6, opinionRule: 'bounded-confidence' };
const puppets = [
  { account: 150, kind: 'left', opinion: -0.7, policy: 'like-aligned' as const, sessionsPerHour: 2 },
  { account: 160, kind: 'right', opinion: 0.7, policy: 'like-aligned' as const, sessionsPerHour: 2 },
];
const oldestFirst = defineRanker({ name: 'oldest-first', description: 'Lower post ids first.', score: (_w, _i, post) => -post });

describe('a ranker served over HTTP (PRC API)', () => {
  it('gives the feeds of the in-process ranker with the same rule, and replays without the service', () => {
    const record = join(dir, 'answers.json');
    const live = httpRanker({ url: `${base}/rank`, record, timeoutMs: 5000 });
    const a = createPlatform(params, { seed: 'prc/live', puppets, ranker: live });
    try {
      a.run();
    } finally {
      live.close();
    }
    const b = createPlatform(params, { seed: 'prc/live', puppets, ranker: oldestFirst }).run();
    expect(live.requests).toBeGreaterThan(100);
    expect(a.feedLog!.post.length).toBeGreaterThan(20);
    expect(a.feedLog!.post).toEqual(b.feedLog!.post);
    expect(a.world.agents.opinion).toEqual(b.world.agents.opinion);
    expect(a.totals).toEqual(b.totals);
    // Not vacuous: newest first shows the puppets other feeds.
    expect(createPlatform(params, { seed: 'prc/live', puppets }).run().feedLog!.post).not.toEqual(a.feedLog!.post);
    const saved = JSON.parse(readFileSync(record, 'utf8')) as { answers: Record<string, string[]> };
    expect(Object.keys(saved.answers).length).toBe(live.answers.size);

    // Replay: no service needed (the URL is not even given).
    const replay = httpRanker({ mode: 'replay', record });
    const c = createPlatform(params, { seed: 'prc/live', puppets, ranker: replay }).run();
    expect(c.feedLog).toEqual(a.feedLog);
    expect(c.world.agents.opinion).toEqual(a.world.agents.opinion);
    expect(replay.requests).toBe(live.requests);

    // Another seed asks other questions: replay refuses.
    const other = createPlatform(params, { seed: 'prc/other', puppets, ranker: httpRanker({ mode: 'replay', record }) });
    expect(() => other.run()).toThrow(/the recording has no answer for this request \(sha256 [0-9a-f]{64}\); record it with a live run/);
  });

  it('in a scenario arm: the run records at its end, and an arm replaying the file gives the same outcomes', () => {
    const record = join(dir, 'scenario-answers.json');
    const make = (ranker: ReturnType<typeof httpRanker>) =>
      defineScenario({
        id: 'prc-arm',
        title: 'PRC arm',
        question: 'Same run from the recording?',
        lookFor: 'equal outcomes',
        params,
        accounts: { left: { pick: 'random' } },
        puppets: { left: { kind: 'left', opinion: -0.7, policy: 'like-aligned', sessionsPerHour: 2 } },
        arms: { prc: { ranker } },
        outcomes: (p) => ({ shown: p.feedLog!.post.length, likes: p.totals.likes, first: p.feedLog!.post[0] ?? -1 }),
        outcomeHelp: { shown: 'rows', likes: 'likes', first: 'first post shown' },
      });
    const live = httpRanker({ url: `${base}/rank`, record });
    const a = runScenario(make(live), { seed: 3 });
    // Written at the run's end, before anyone closes the ranker.
    expect(existsSync(record)).toBe(true);
    live.close();
    const b = runScenario(make(httpRanker({ mode: 'replay', record })), { seed: 3 });
    expect(a.outcomes.shown).toBeGreaterThan(0);
    expect(b.outcomes).toEqual(a.outcomes);
    expect(b.platform.feedLog).toEqual(a.platform.feedLog);
  });

  const cases: Array<[string, RegExp]> = [
    ['/fail', /answered HTTP 500 \(expected 200\): internal error/],
    ['/bad-json', /the answer is not JSON/],
    ['/unknown-id', /ranked id "999999" is not among the \d+ items sent/],
    ['/missing-id', /1 of the \d+ items sent are missing from ranked_ids/],
    ['/duplicate-id', /ranked id "\d+" appears twice/],
  ];
  for (const [path, message] of cases) {
    it(`stops with a clear error when the service misbehaves: ${path}`, () => {
      const r = httpRanker({ url: `${base}${path}`, timeoutMs: 5000 });
      const p = createPlatform(params, { seed: 'prc/bad', ranker: r });
      let error: unknown;
      try {
        p.run(2);
      } catch (e) {
        error = e;
      } finally {
        r.close();
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toContain(`http ranker "http" (${base}${path}), session of account`);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('stops with a clear error when the service does not answer in time', () => {
    const r = httpRanker({ url: `${base}/slow`, timeoutMs: 300 });
    const p = createPlatform(params, { seed: 'prc/slow', ranker: r });
    expect(() => p.run(1)).toThrow(new RegExp(`${base.replace(/[.:/]/g, '\\$&')}/slow.*no answer within 300 ms`));
    r.close();
  });

  it('checks answers and options with the field named', () => {
    expect(() => checkRankedIds({ ids: [] }, ['1'], 'svc')).toThrow(/svc: the answer has no "ranked_ids" array/);
    expect(checkRankedIds({ ranked_ids: ['2', '1'] }, ['1', '2'], 'svc')).toEqual(['2', '1']);
    expect(() => httpRanker({ url: 'ftp://x' })).toThrow(/url is "ftp:\/\/x"; allowed: an http\(s\) URL/);
    expect(() => httpRanker({ mode: 'replay' })).toThrow(/replay mode needs `record`/);
    expect(() => httpRanker({ url: `${base}/rank`, timeoutMs: 0 })).toThrow(/timeoutMs is 0/);
  });
});
