/**
 * What cleaning the Twitter15-format fixture (tests/fixtures/archive/mini15)
 * must report in all, worked out by hand from its four trees (each defect is
 * listed per tree in tests/archive/twitter-fixture.test.ts). The library and
 * the `echolab import` report are both checked against it.
 */
export const MINI15_TOTAL_COUNTS = Object.freeze({
  lines: 29,
  malformedLines: 4,
  duplicateLines: 2,
  selfLoops: 1,
  edgesIntoRoot: 1,
  extraRootLines: 1,
  extraParentsDropped: 3,
  unreachableNodesDropped: 3,
  negativeDelaysFixed: 1,
  delaysRaisedToParent: 1,
});
