/** echolab for Node: the pure library plus file reading (gzip included). */
export * from './index.js';
export { readNetworkFile, detectFormat } from './io/read-network-file.js';
export { readPropagationArchive, readPostTable } from './io/read-archive.js';
