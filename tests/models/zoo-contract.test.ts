/**
 * What every model of the zoo promises, checked generically over the
 * registry: documented conventions, parameter validation, seeded
 * reproducibility, and a caller's network left untouched.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/model/fingerprint.js';
import { Rng } from '../../src/model/rng.js';
import { getZooEntry, modelZoo, runZooModel } from '../../src/sim/model-zoo.js';

const ids = Object.keys(modelZoo);

function trajectory(id: string, key: string): string[] {
  const prints: string[] = [];
  const run = runZooModel(id, { key, onStep: (s) => prints.push(fingerprint(getZooEntry(id).nodeValues(s as never), [s.time])) });
  prints.push(fingerprint([run.result.steps]));
  return prints;
}

describe('model zoo contract', () => {
  it('lists the ten classic models', () => {
    expect(ids.sort()).toEqual(
      ['algorithmic-bias', 'baumann', 'coevolving-voter', 'deffuant', 'hegselmann-krause', 'hoax-fact-checking', 'independent-cascade', 'sasahara', 'sir', 'voter'].sort(),
    );
  });

  describe.each(ids)('%s', (id) => {
    const e = modelZoo[id];

    it('states its citation, opinion domain and time unit, in the registry and in the file banner', () => {
      expect(e.model.id).toBe(id);
      for (const field of [e.model.title, e.model.citation, e.model.timeUnit]) expect(field.length).toBeGreaterThan(3);
      expect(e.model.opinionDomain.length).toBeGreaterThan(0);
      const file = fileURLToPath(new URL(`../../src/sim/models/${id}.ts`, import.meta.url));
      const banner = readFileSync(file, 'utf8').split('*/')[0];
      expect(banner.startsWith('/**')).toBe(true);
      // A citation names a year.
      expect(banner).toMatch(/(19|20)\d\d/);
    });

    it('same key gives the identical trajectory; another key a different one', () => {
      const a = trajectory(id, 'contract/a');
      expect(a.length).toBeGreaterThan(1);
      expect(trajectory(id, 'contract/a')).toEqual(a);
      expect(trajectory(id, 'contract/b')).not.toEqual(a);
    });

    it('rejects an unknown parameter, naming it', () => {
      expect(() => e.model.validate({ notAParameter: 1 } as never)).toThrow(/notAParameter/);
    });

    it('rejects a wrongly typed value of each numeric parameter, naming the field', () => {
      for (const [field, value] of Object.entries(e.model.defaults)) {
        if (typeof value !== 'number') continue;
        expect(() => e.model.validate({ [field]: 'abc' } as never), `${id}.${field}`).toThrow(new RegExp(`\`${field}\``));
        expect(() => e.model.validate({ [field]: Number.NaN } as never), `${id}.${field}`).toThrow(new RegExp(`\`${field}\``));
      }
    });

    it('leaves the caller\'s network unchanged', () => {
      const net = e.exampleNetwork(new Rng(`contract/${id}/net`));
      const before = fingerprint(net.toEdgeList().src, net.toEdgeList().dst);
      runZooModel(id, { key: 'contract/net', network: net });
      expect(fingerprint(net.toEdgeList().src, net.toEdgeList().dst)).toBe(before);
    });

    it('stops at maxSteps when not converged', () => {
      const run = runZooModel(id, { key: 'contract/max', maxSteps: 3, untilConverged: false });
      expect(run.result.steps).toBe(3);
      expect(run.state.steps).toBe(3);
    });
  });

  it('names the closest model for a typo', () => {
    expect(() => getZooEntry('defuant')).toThrow(/did you mean `deffuant`/);
  });
});
