/**
 * Countries in the hoax: planted hubs at the articles' follower ratio,
 * time zones and languages, so that the country shares of mentions come out
 * of the model instead of echoing the account shares typed into it.
 *
 * Oracles: exact follower counts and hub placement (planted-hubs.ts), the
 * rest of the network untouched (metamorphic: the generator's own edges
 * minus those of the hubs), the rhythm of each group at its local hour, who
 * reads what. Then the claims of the scenario: with EQUAL account shares,
 * (1) the hubs' country and (2) the hour of posting tilt the mention shares,
 * and (3) a country that reads no English mentions an English hoax less
 * than its share of accounts. Each is a paired comparison over seeds (same
 * network and accounts in both arms), decided by the sign of every pair
 * and the mean, so that chance alone would need all pairs to agree.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { preferentialAttachment } from '../../src/model/generators/preferential-attachment.js';
import { drawGroups } from '../../src/sim/platform/agents.js';
import { languageModel, readsLanguage } from '../../src/sim/platform/languages.js';
import { plantHubs } from '../../src/sim/platform/planted-hubs.js';
import { DAILY_RHYTHM, createPlatform, groupRhythms } from '../../src/sim/platform/platform.js';
import { validatePlatformParams } from '../../src/sim/platform/platform-params.js';
import type { TimelineEvent } from '../../src/sim/platform/timeline.js';
import { createWorld } from '../../src/sim/platform/world.js';
import crowdstrike from '../../experiments/crowdstrike-hoax.js';
import { runScenario } from '../../src/sim/platform/scenario.js';

const GROUPS = ['A', 'B', 'C', 'D'];

describe('planted hubs', () => {
  it('give each hub round(share · (n − 1)) followers, in its group, and leave every other follow as generated', () => {
    const n = 3000;
    const params = validatePlatformParams({ agents: n, groups: 4, groupNames: GROUPS, plantedHubs: [0.3, 0.2], plantedHubGroup: 'C', plantedHubHomeShare: 0.8 });
    const groups = drawGroups(params, n, new Rng('hubs').fork('agents'));
    const rng = new Rng('hubs').fork('network');
    const edges = preferentialAttachment({ n, m: 20, exponent: 2.5 }, new Rng('hubs').fork('network'));
    const { edges: planted, hubs } = plantHubs(edges, { shares: [0.3, 0.2], group: 2, homeShare: 0.8 }, groups, rng);
    const indeg = new Int32Array(n);
    for (let e = 0; e < planted.m; e++) indeg[planted.dst[e]]++;
    expect(hubs.map((h) => indeg[h])).toEqual([Math.round(0.3 * (n - 1)), Math.round(0.2 * (n - 1))]);
    expect(hubs.map((h) => groups[h])).toEqual([2, 2]);
    // Before planting, the hubs were the two most-followed of group C.
    const before = new Int32Array(n);
    for (let e = 0; e < edges.m; e++) before[edges.dst[e]]++;
    const inC = [...Array(n).keys()].filter((i) => groups[i] === 2).sort((a, b) => before[b] - before[a] || a - b);
    expect(hubs).toEqual(inC.slice(0, 2));
    // Every follow not pointing at a hub is the generator's, in the generator's order; no follow appears twice.
    const key = (u: number, v: number): string => `${u}>${v}`;
    const notHub = (src: Int32Array, dst: Int32Array, m: number): string[] => [...Array(m).keys()].filter((e) => !hubs.includes(dst[e])).map((e) => key(src[e], dst[e]));
    expect(notHub(planted.src, planted.dst, planted.m)).toEqual(notHub(edges.src, edges.dst, edges.m));
    const all = [...Array(planted.m).keys()].map((e) => key(planted.src[e], planted.dst[e]));
    expect(new Set(all).size).toBe(all.length);
    // The added followers: round(0.8 · needed) from the hub's own group.
    hubs.forEach((h) => {
      const had = new Set([...Array(edges.m).keys()].filter((e) => edges.dst[e] === h).map((e) => edges.src[e]));
      const added = [...Array(planted.m).keys()].filter((e) => planted.dst[e] === h && !had.has(planted.src[e])).map((e) => planted.src[e]);
      expect(added.filter((u) => groups[u] === 2).length).toBe(Math.round(0.8 * added.length));
      expect(added.includes(h)).toBe(false);
    });
  });

  it('keep the articles\' ratio 1.5 (300K / 200K) at every scale, in the scenario as built', () => {
    for (const agents of [1500, 5000, 20_000]) {
      const params = validatePlatformParams({ ...crowdstrike.params, agents });
      const w = createWorld(params, { seed: `ratio-${agents}` });
      const [h1, h2] = w.hubs.map((h) => w.graph.inDegree(h));
      expect(h1).toBe(Math.round(0.3 * (agents - 1)));
      expect(h2).toBe(Math.round(0.2 * (agents - 1)));
      expect(h1 / h2).toBeCloseTo(1.5, 2);
      expect(w.hubs.every((h) => params.groupNames[w.agents.group[h]] === 'US')).toBe(true);
    }
  });

  it('refuse what cannot be planted, naming the parameter', () => {
    expect(() => validatePlatformParams({ plantedHubs: [0.2, 0.3] })).toThrow(/plantedHubs.*largest hub down/);
    expect(() => validatePlatformParams({ plantedHubs: [1.2] })).toThrow(/plantedHubs.*each in \(0, 1\)/);
    expect(() => validatePlatformParams({ groups: 2, plantedHubs: [0.3], plantedHubGroup: 'XX' })).toThrow(/plantedHubGroup.*one of "G1", "G2"/);
    expect(() => validatePlatformParams({ plantedHubs: [0.3], network: 'two-camps' })).toThrow(/plantedHubs.*preferential-attachment/);
    expect(() => validatePlatformParams({ groups: 2, groupUtcOffsets: [0, 5.1] })).toThrow(/groupUtcOffsets.*multiple of 0\.25/);
    expect(() => validatePlatformParams({ groups: 2, groupLanguages: ['en'] })).toThrow(/groupLanguages.*2 language codes/);
    expect(() => validatePlatformParams({ groups: 2, groupEnglishReaders: [1, 0.5] })).toThrow(/groupEnglishReaders.*unless `groupLanguages`/);
  });
});

describe('time zones and languages', () => {
  it('each group follows the rhythm of its local hour', () => {
    const out = new Float64Array(4);
    groupRhythms(0, [0, 9, -4, 5.5], out);
    expect([...out]).toEqual([DAILY_RHYTHM[0], DAILY_RHYTHM[9], DAILY_RHYTHM[20], DAILY_RHYTHM[5]]);
    groupRhythms(23 * 60 + 30, [0, 9, -4, 5.5], out);
    expect([...out]).toEqual([DAILY_RHYTHM[23], DAILY_RHYTHM[8], DAILY_RHYTHM[19], DAILY_RHYTHM[5]]);
    // With all offsets 0 the platform is the one-rhythm platform, draw for draw.
    const plain = createPlatform({ agents: 400, groups: 2, durationHours: 30 }, { seed: 'tz' }).run();
    const zeros = createPlatform({ agents: 400, groups: 2, durationHours: 30, groupUtcOffsets: [0, 0] }, { seed: 'tz' }).run();
    expect(zeros.totals).toEqual(plain.totals);
  });

  it('sessions of a group peak at its local evening', () => {
    const p = createPlatform({ agents: 4000, groups: 2, groupNames: ['West', 'East'], groupUtcOffsets: [0, 12], durationHours: 48, postProbability: 1 }, { seed: 'tz-peak' });
    const byHour = [new Array<number>(24).fill(0), new Array<number>(24).fill(0)];
    p.run();
    const w = p.world;
    for (let post = 0; post < w.posts.count; post++) byHour[w.agents.group[w.posts.authorOf(post)]][Math.floor(w.posts.timeOf(post) / 60) % 24]++;
    const peak = (h: number[]): number => h.indexOf(Math.max(...h));
    // DAILY_RHYTHM peaks at 20:00–21:00 local (1.6 and 1.55): 20–21 UTC in the West, 08–09 UTC in the East.
    expect([20, 21]).toContain(peak(byHour[0]));
    expect([8, 9]).toContain(peak(byHour[1]));
    // And each group's quietest hour is its local 04:00 (0.22), give or take an hour: 04 UTC in the West, 16 UTC in the East.
    const trough = (h: number[]): number => h.indexOf(Math.min(...h));
    expect([3, 4, 5]).toContain(trough(byHour[0]));
    expect([15, 16, 17]).toContain(trough(byHour[1]));
  });

  it('reads a post in one\'s own language, in English when one reads it, and not otherwise', () => {
    const params = validatePlatformParams({ agents: 20_000, groups: 3, groupNames: ['US', 'JP', 'FR'], groupShares: [1, 1, 1], groupLanguages: ['en', 'ja', 'fr'], groupEnglishReaders: [1, 0.25, 0.5] });
    const w = createWorld(params, { seed: 'readers' });
    const m = languageModel(params, w.agents, new Rng('readers').fork('agents').fork('language'));
    expect(m).not.toBeNull();
    const lm = m!;
    expect(lm.names).toEqual(['en', 'ja', 'fr']);
    for (const [g, share] of [[0, 1], [1, 0.25], [2, 0.5]] as const) {
      const members = [...Array(w.agents.n).keys()].filter((i) => w.agents.group[i] === g);
      const readers = members.filter((i) => readsLanguage(lm, i, g, lm.english)).length / members.length;
      // Binomial: within 4 standard errors of the share.
      expect(Math.abs(readers - share)).toBeLessThanOrEqual(4 * Math.sqrt((share * (1 - share)) / members.length) + 1e-12);
      for (const i of members.slice(0, 50)) {
        expect(readsLanguage(lm, i, g, lm.ofGroup[g])).toBe(true);
        for (let other = 0; other < 3; other++) if (other !== g && other !== lm.english) expect(readsLanguage(lm, i, g, other)).toBe(false);
      }
    }
  });
});

/** The hoax on a platform of 4 equal countries: mention share per country. */
function mentionShares(seed: string, o: { hubGroup: string; postAt: number; hours?: number; offsets?: number[]; languages?: string[]; readers?: number[]; factor?: number }): number[] {
  const timeline: TimelineEvent[] = [
    { at: o.postAt, type: 'inject', name: 'hoax', author: { maxFollowers: 20 }, stance: 0, veracity: 'false', topic: 'hoax', appeal: 3, ...(o.languages ? { language: 'en' } : {}) },
    { at: o.postAt + 2, type: 'reshare', post: 'hoax', accounts: { ...(o.hubGroup === 'any' ? {} : { group: o.hubGroup }), pick: 'most-followed', count: 2 } },
  ];
  const p = createPlatform(
    {
      agents: 2500,
      durationHours: o.postAt + (o.hours ?? 20),
      groups: 4,
      groupNames: GROUPS,
      groupShares: [1, 1, 1, 1],
      credulity: 0.4,
      activityPerHour: 0.15,
      plantedHubs: [0.3, 0.2],
      plantedHubGroup: o.hubGroup === 'any' ? '' : o.hubGroup,
      plantedHubHomeShare: 0.8,
      ...(o.offsets ? { groupUtcOffsets: o.offsets } : {}),
      ...(o.languages ? { groupLanguages: o.languages, groupEnglishReaders: o.readers ?? [], foreignLanguageFactor: o.factor ?? 0.1 } : {}),
    },
    { seed, timeline, topics: ['hoax'] },
  ).run();
  const topic = p.world.topics.indexOf('hoax');
  const counts = GROUPS.map((_, g) => (p.observer.byGroup[topic]?.[g] ?? []).reduce((a, b) => a + b, 0));
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

const SEEDS = ['s1', 's2', 's3', 's4', 's5', 's6'];

describe('with equal account shares, mention shares still tilt', () => {
  it("toward the hubs' country", () => {
    const diffs = SEEDS.map((s) => mentionShares(s, { hubGroup: 'A', postAt: 1 })[0] - mentionShares(s, { hubGroup: 'C', postAt: 1 })[0]);
    expect(diffs.every((d) => d > 0)).toBe(true);
    // And, on average over the seeds, above A's share of accounts (1/4) when the hubs are A's.
    const shares = SEEDS.map((s) => mentionShares(s, { hubGroup: 'A', postAt: 1 })[0]);
    expect(shares.reduce((a, b) => a + b, 0) / shares.length).toBeGreaterThan(0.25);
  }, 120_000);

  it('toward the country where it is day when the hoax is posted', () => {
    // A and B at UTC, C and D at UTC+12; hubs followed from everywhere alike. Posting at 14:00 UTC is A's
    // afternoon and C's 02:00; posting at 02:00 UTC the reverse. Mentions over the 8 hours after posting.
    const offsets = [0, 0, 12, 12];
    const diffs = SEEDS.map((s) => {
      const day = mentionShares(s, { hubGroup: 'any', postAt: 14, hours: 8, offsets });
      const night = mentionShares(s, { hubGroup: 'any', postAt: 26, hours: 8, offsets });
      return day[0] + day[1] - day[2] - day[3] - (night[0] + night[1] - night[2] - night[3]);
    });
    expect(diffs.every((d) => d > 0)).toBe(true);
  }, 120_000);

  it('away from a country that reads no English, for a hoax in English', () => {
    const languages = ['en', 'en', 'ja', 'en'];
    const shares = SEEDS.map((s) => mentionShares(s, { hubGroup: 'B', postAt: 1, languages, readers: [1, 1, 0, 1] })[2]);
    const noBarrier = SEEDS.map((s) => mentionShares(s, { hubGroup: 'B', postAt: 1, languages, readers: [1, 1, 0, 1], factor: 1 })[2]);
    expect(shares.every((x, k) => x < noBarrier[k])).toBe(true);
    expect(shares.every((x) => x < 0.25)).toBe(true);
  }, 120_000);
});

describe('the crowdstrike-hoax scenario', () => {
  it('reports mention shares against account shares, and the hubs at the articles\' ratio', () => {
    const out = runScenario(crowdstrike, { seed: 'countries', arm: 'with-hubs', overrides: { agents: 1500 } }).outcomes;
    const groups = ['US', 'TR', 'JP', 'FR', 'GB', 'DE', 'BR', 'IN'];
    for (const g of groups) expect(out[`mentions-minus-accounts.${g}`]).toBeCloseTo(out[`mentions.${g}`]! - out[`accounts.${g}`]!, 12);
    expect(groups.reduce((a, g) => a + out[`accounts.${g}`]!, 0)).toBeCloseTo(1, 12);
    expect(out['hubs.larger']).toBe(Math.round(0.3 * 1499));
    expect(out['hubs.smaller']).toBe(Math.round(0.2 * 1499));
  });
});
