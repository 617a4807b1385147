/**
 * The import of bench/import-scale-bench.ts, in a process of its own so
 * that its peak RSS is the import's alone: imports argv[2] into argv[3]
 * (out-of-core engine; argv[4], if given, is --memory-limit) and prints one
 * JSON line of figures.
 */
import path from 'node:path';
import { importArchive } from '../src/cli/import-command.js';

const [input, out, memoryLimit] = process.argv.slice(2);
const r = await importArchive({ input, out, key: 'bench', cwd: path.dirname(out), progress: process.stderr, ...(memoryLimit !== undefined ? { memoryLimit } : {}) });
const report = JSON.parse((await import('node:fs')).readFileSync(path.join(out, 'report.json'), 'utf8')) as { entries: number };
const tw = r.twitter;
console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, tweets: (tw?.tweets ?? 0) + (tw?.includedTweets ?? 0), cascades: r.cascades, entries: report.entries }));
