/** echolab for Node: the pure library plus file reading (gzip included). */
export * from './index.js';
export { readNetworkFile, detectFormat } from './io/read-network-file.js';
export { readPropagationArchive, readPostTable, readDeletions } from './io/read-archive.js';
export { parsePostTable } from './io/parse-post-table.js';
export { readTwitterV2, readFollowers } from './io/read-twitter-v2.js';
export { DeffuantThreads } from './parallel/deffuant-threads.js';
export { loadExperiment, loadExperimentSpec } from './runner/load-experiment.js';
export { runExperiment, tableRows } from './runner/run-experiment.js';
export type { ExperimentRows, Row, RunExperimentOptions } from './runner/run-experiment.js';
export { httpRanker, prcRequest, checkRankedIds } from './io/http-ranker.js';
export type { HttpRanker, HttpRankerOptions, PrcRequest, PrcItem, RankerRecording } from './io/http-ranker.js';
