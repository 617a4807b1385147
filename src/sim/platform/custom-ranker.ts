/**
 * A ranker defined outside the built-in list (rankers.ts): an experiment
 * passes `{ name, description, score(w, reader, post) }` and gets a Ranker
 * that feeds use in place of the one `ranker` names (PlatformOptions.ranker).
 * It is checked like the built-ins are by construction: a name not taken by
 * a built-in, a non-empty explanation (`description`, what "why did I see
 * this post?" answers), and a score that is a finite number for every post
 * it is asked about — a NaN or ±Infinity stops the run with an error naming
 * the ranker, the reader and the post. Its explanation is one term, the
 * score itself: score = max(0, s) × moderation like every ranker (the floor
 * applies only to what the explanation reports; the feed sorts by s ×
 * moderation, so negative scores order as given).
 */
import { InputError } from '../../model/errors.js';
import { rankers, type Ranker, type RankTerm } from './rankers.js';
import type { World } from './world.js';

export interface CustomRankerSpec {
  readonly name: string;
  /** What the score rewards, in a sentence: the ranker's explanation. */
  readonly description: string;
  /** Whether feeds add out-of-network (trending) candidates (default false). */
  readonly outOfNetwork?: boolean;
  /** Higher first; must be a finite number. Read the world, never change it. */
  score(w: World, reader: number, post: number): number;
}

/** Validate a user-defined ranker and wrap its score with the finiteness check. */
export function defineRanker(spec: CustomRankerSpec, where = 'ranker'): Ranker {
  if (spec === null || typeof spec !== 'object') throw new InputError(`${where} is ${JSON.stringify(spec)}; allowed: { name, description, score(world, reader, post) }`, { field: where });
  const { name, description } = spec;
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) throw new InputError(`${where}.name is ${JSON.stringify(name)}; allowed: a name of letters, digits, '-' and '_' starting with a letter`, { field: `${where}.name` });
  if (Object.prototype.hasOwnProperty.call(rankers, name)) throw new InputError(`${where}.name "${name}" is a built-in ranker; allowed: a name other than ${Object.keys(rankers).map((r) => JSON.stringify(r)).join(', ')}`, { field: `${where}.name` });
  if (typeof description !== 'string' || description.trim() === '') throw new InputError(`${where}.description of ranker "${name}" is ${JSON.stringify(description)}; allowed: a non-empty explanation of what the score rewards`, { field: `${where}.description` });
  if (typeof spec.score !== 'function') throw new InputError(`${where}.score of ranker "${name}" is ${typeof spec.score}; allowed: a function (world, reader, post) => finite number`, { field: `${where}.score` });
  if (spec.outOfNetwork !== undefined && typeof spec.outOfNetwork !== 'boolean') throw new InputError(`${where}.outOfNetwork of ranker "${name}" is ${JSON.stringify(spec.outOfNetwork)}; allowed: true or false`, { field: `${where}.outOfNetwork` });
  const user = spec.score;
  const score = (w: World, reader: number, post: number): number => {
    const s = user(w, reader, post);
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      throw new InputError(`ranker "${name}": score(reader ${reader}, post ${post}) returned ${typeof s === 'number' ? String(s) : JSON.stringify(s)}; allowed: a finite number`, { field: `${where}.score` });
    }
    return s;
  };
  return {
    name,
    description,
    outOfNetwork: spec.outOfNetwork ?? false,
    score,
    terms: (w, reader, post): { combine: 'sum' | 'product'; terms: RankTerm[] } => {
      const s = score(w, reader, post);
      return { combine: 'sum', terms: [{ term: name, value: s, detail: description }] };
    },
  };
}
