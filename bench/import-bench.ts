/**
 * Twitter v2 import throughput and memory, printed, never asserted. Budget
 * (issue: real archives): a 1 GB JSONL export imports in bounded memory,
 * with a progress bar; aim for a peak RSS well under 1 GB.
 *
 * A synthetic export of about `sizeMb` MiB is written to the OS temporary
 * folder: tweet objects of 600–900 bytes as the v2 API returns them (text,
 * entities, public_metrics, lang, conversation_id, edit history, an inlined
 * author on some), about 15 % sources, 50 % retweets, 20 % replies, 10 %
 * quotes and 5 % retweets of originals that are not in the file, one line
 * in 200 a page {data, includes} of five tweets whose retweeted originals
 * are only in includes.tweets, 1 % of authors protected, and one line in
 * 20,000 malformed (truncated, or a numeric created_at). It is then
 * imported through `importArchive`, the code path of `echolab import`
 * (auto-detected format, pseudonymised ids, cascades.csv and report.json
 * written), with the out-of-core engine first, then the in-memory one, and
 * MB/s, tweets/s and peak RSS (process.resourceUsage().maxRSS, so the
 * second figure is the larger of the two) are printed; the files are
 * deleted. The 20-million-tweet run is bench/import-scale-bench.ts.
 *
 * Run alone: `npx tsx bench/import-bench.ts [--size-mb N]` (default 1024).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importArchive } from '../src/cli/import-command.js';
import { Rng } from '../src/model/rng.js';

export interface ImportBenchOptions {
  readonly sizeMb: number;
}

const MB = 1024 * 1024;
const USERS = 200_000;
const WORDS = 'the a vote news claim report says new video watch breaking thread why how they we you election vaccine study shows true false fake real share read this now today people'.split(' ');
const T0 = Date.UTC(2022, 0, 1);

const tweetId = (i: number): string => `15${String(i).padStart(17, '0')}`;
const userId = (u: number): string => `${1000 + u}`;

function sentence(rng: Rng, chars: number): string {
  let s = '';
  while (s.length < chars) s += `${WORDS[rng.int(WORDS.length)]} `;
  return s.slice(0, chars).replace(/"/g, '');
}

/** One tweet object as JSON text; `ref` names the referenced tweet, if any. */
function tweetJson(rng: Rng, i: number, author: number, minute: number, type: string | undefined, ref: string | undefined, inlineAuthor: boolean): string {
  const id = tweetId(i);
  const text = sentence(rng, 180 + rng.int(240));
  const created = new Date(T0 + minute * 60_000).toISOString();
  const refs = type !== undefined && ref !== undefined ? `,"referenced_tweets":[{"type":"${type}","id":"${ref}"}]` : '';
  const metrics = `"public_metrics":{"retweet_count":${rng.int(500)},"reply_count":${rng.int(50)},"like_count":${rng.int(2000)},"quote_count":${rng.int(20)},"impression_count":${rng.int(100000)}}`;
  const entities = `"entities":{"hashtags":[{"start":${rng.int(100)},"end":${100 + rng.int(20)},"tag":"${WORDS[rng.int(WORDS.length)]}"}],"urls":[{"start":0,"end":23,"url":"https://t.co/${id.slice(-10)}","expanded_url":"https://example.org/a/${id.slice(-8)}"}]}`;
  const user = inlineAuthor
    ? `,"author":{"id":"${userId(author)}","username":"user${author}","followers_count":${rng.int(100000)},"verified":${rng.chance(0.02)},"protected":${author % 100 === 7}}`
    : '';
  return `{"id":"${id}","author_id":"${userId(author)}","created_at":"${created}","conversation_id":"${ref ?? id}","lang":"en","possibly_sensitive":false,"reply_settings":"everyone","edit_history_tweet_ids":["${id}"],"text":"${text}"${refs},${metrics},${entities}${user}}`;
}

/** Writes the synthetic export, until `bytes` are written or `maxRecords` tweet records; returns the number of tweet records (data and includes). */
export async function writeExport(file: string, bytes: number, maxRecords = Infinity): Promise<number> {
  const rng = new Rng('bench/import');
  const out = createWriteStream(file);
  const sources: number[] = [];
  let written = 0;
  let i = 0;
  let minute = 0;
  let records = 0;
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    const chunk = batch.join('');
    batch = [];
    batchBytes = 0;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  // Half the tweets from a heavy-tailed few (Pareto ranks), half from anyone.
  const author = (): number => (rng.chance(0.5) ? Math.min(USERS - 1, Math.floor(rng.pareto(1, 1.2)) - 1) : rng.int(USERS));
  const recentSource = (): number => sources[Math.max(0, sources.length - 1 - Math.floor(rng.exponential(1 / 300)))];
  while (written < bytes && records < maxRecords) {
    minute += rng.chance(0.3) ? 1 : 0;
    let line: string;
    const roll = rng.next();
    if (sources.length === 0 || roll < 0.15) {
      sources.push(i);
      if (sources.length > 100_000) sources.splice(0, 50_000);
      line = tweetJson(rng, i++, author(), minute, undefined, undefined, rng.chance(0.1));
      records++;
    } else if (rng.chance(1 / 200)) {
      // A page: retweets of originals that appear only in includes.tweets.
      const data: string[] = [];
      const included: string[] = [];
      for (let k = 0; k < 5; k++) {
        const orig = i++;
        included.push(tweetJson(rng, orig, author(), minute - 5, undefined, undefined, false));
        data.push(tweetJson(rng, i++, author(), minute, 'retweeted', tweetId(orig), false));
      }
      line = `{"data":[${data.join(',')}],"includes":{"tweets":[${included.join(',')}],"users":[{"id":"${userId(7)}","protected":true}]},"meta":{"result_count":5}}`;
      records += 10;
    } else {
      const r = rng.next();
      const type = r < 0.6 ? 'retweeted' : r < 0.84 ? 'replied_to' : r < 0.96 ? 'quoted' : 'retweeted';
      const ref = r >= 0.96 ? tweetId(i + 1_000_000_000) : tweetId(type === 'replied_to' ? Math.max(0, i - 1 - Math.floor(rng.exponential(1 / 2000))) : recentSource());
      line = tweetJson(rng, i++, author(), minute, type, ref, rng.chance(0.1));
      records++;
    }
    if (rng.chance(1 / 20_000)) line = rng.chance(0.5) ? line.slice(0, rng.int(line.length)) : line.replace(/"created_at":"[^"]*"/, '"created_at":1650000000');
    line += '\n';
    batch.push(line);
    batchBytes += line.length;
    written += line.length;
    if (batchBytes >= MB) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return records;
}

export async function runImportBench(options: ImportBenchOptions): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'echolab-import-bench-'));
  const file = path.join(dir, 'tweets.jsonl');
  try {
    let t = performance.now();
    const records = await writeExport(file, options.sizeMb * MB);
    const size = statSync(file).size;
    console.log(`  generate ${(size / MB).toFixed(0)} MiB synthetic v2 JSONL (${records.toLocaleString('en-US')} tweet records): ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const engine of ['duckdb', 'memory'] as const) {
      global.gc?.();
      t = performance.now();
      const out = await importArchive({ input: file, out: path.join(dir, `out-${engine}`), key: 'bench', cwd: dir, progress: process.stderr, engine });
      const s = (performance.now() - t) / 1000;
      const tw = out.twitter;
      const tweets = (tw?.tweets ?? 0) + (tw?.includedTweets ?? 0);
      console.log(`  import --engine ${engine} (echolab import code path): ${s.toFixed(1)} s, ${(size / MB / s).toFixed(1)} MiB/s, ${Math.round(tweets / s).toLocaleString('en-US')} tweets/s`);
      console.log(`  cascades ${out.cascades.toLocaleString('en-US')}, malformed lines ${out.counts.malformedLines}, unreachable ${out.counts.unreachableNodesDropped.toLocaleString('en-US')}, protected dropped ${out.privacy.protectedDropped.toLocaleString('en-US')}`);
      console.log(`  peak RSS so far (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB   (aim: well under 1 GiB)`);
      rmSync(path.join(dir, `out-${engine}`), { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--size-mb');
  const sizeMb = i >= 0 ? Number(process.argv[i + 1]) : 1024;
  if (!(sizeMb > 0)) throw new Error(`--size-mb: expected a positive number, got ${process.argv[i + 1]}`);
  console.log(`echolab import bench — Node ${process.version}, ${os.availableParallelism()} cores`);
  await runImportBench({ sizeMb });
}
