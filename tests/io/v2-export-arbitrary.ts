/**
 * Generated Twitter v2 exports for the out-of-core import tests: a small
 * pool of post ids (so records repeat, in data and in includes, and
 * references hit missing, deleted and self ids), six accounts, minutes
 * with ties and tweets timed before their parent, pages with includes
 * (tweets and users marked protected or not), inline authors, and
 * malformed lines of several kinds.
 */
import fc from 'fast-check';

export const IDS = ['10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23'];
export const USERS = ['a', 'b', 'c', 'd', 'e', 'f'];
export const at = (minute: number): string => new Date(Date.UTC(2022, 2, 1, 12, 0) + minute * 60_000).toISOString();

export const tweet = fc.record({
  id: fc.constantFrom(...IDS),
  author: fc.constantFrom(...USERS),
  minute: fc.integer({ min: -5, max: 12 }),
  type: fc.constantFrom('', '', 'retweeted', 'retweeted', 'replied_to', 'quoted', 'reply+quote'),
  // References mostly into the pool (self, cycles), sometimes to a tweet that is nowhere.
  ref: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...IDS) }, { weight: 1, arbitrary: fc.constant('99') }),
  inlineAuthor: fc.option(fc.boolean(), { nil: undefined }),
});
export type Tw = typeof tweet extends fc.Arbitrary<infer A> ? A : never;

export function tweetObject(t: Tw): Record<string, unknown> {
  const o: Record<string, unknown> = { id: t.id, author_id: t.author, created_at: at(t.minute), text: 'x' };
  if (t.type === 'reply+quote') o.referenced_tweets = [{ type: 'quoted', id: t.ref }, { type: 'replied_to', id: t.ref }];
  else if (t.type !== '') o.referenced_tweets = [{ type: t.type, id: t.ref }];
  if (t.inlineAuthor !== undefined) o.author = { id: t.author, protected: t.inlineAuthor };
  return o;
}

export const line = fc.oneof(
  { weight: 6, arbitrary: tweet.map((t) => JSON.stringify(tweetObject(t))) },
  {
    weight: 2,
    arbitrary: fc
      .record({ data: fc.array(tweet, { maxLength: 3 }), included: fc.array(tweet, { maxLength: 3 }), users: fc.array(fc.record({ id: fc.constantFrom(...USERS), protected: fc.boolean() }), { maxLength: 2 }) })
      .map((p) => JSON.stringify({ data: p.data.map(tweetObject), includes: { tweets: p.included.map(tweetObject), users: p.users } })),
  },
  { weight: 1, arbitrary: fc.constantFrom('{"id":"12","author_id":"a","created_at":1650000000}', '{"id":"13","created_at":"2022-03-01T12:00:00Z"}', '{"data":[{"id":"14"', 'not json', '', '{"data":7}') },
);

