/** Flags and help texts of every `echolab` command, with examples. */
import type { FlagSpec } from './parse-args.js';

export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly description: string;
  readonly flags: readonly FlagSpec[];
  readonly examples: readonly string[];
}

const HELP: FlagSpec = { name: 'help', kind: 'boolean', help: 'show this help' };
const DEBUG: FlagSpec = { name: 'debug', kind: 'boolean', help: 'show the stack trace of an error (any command)' };
const WAIT: FlagSpec = { name: 'wait', kind: 'boolean', help: 'if another command is writing the results folder, wait for it instead of refusing' };

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    usage: 'echolab list',
    summary: 'list the bundled experiments and their questions',
    description: 'Lists every experiment file in experiments/ with its id, title and the question it answers.',
    flags: [HELP, DEBUG],
    examples: ['echolab list'],
  },
  {
    name: 'run',
    usage: 'echolab run <file or id> [flags]',
    summary: 'run (or resume) an experiment on every core',
    description: [
      'Expands the experiment into runs (the `vary` grid × replicates), runs them on a pool of worker',
      'threads and writes results/<id>/<label>/ (label: quick|full plus a hash of the resolved spec):',
      'runs.jsonl, final/series/cascades as CSV and Parquet, manifest.json, summary.md, report.html.',
      'Everything is checked before the first run; bad input exits with code 2.',
      '',
      'Resume: re-run the same command. Finished runs are kept and skipped; a run cut off by a crash',
      'or Ctrl-C is redone. Results are identical whatever the number of workers or shards.',
      '',
      'Shards (clusters): --shard i/n, with shards numbered from 1 to n, runs the runs whose index',
      'is i − 1 modulo n into <results dir>/shard-i-of-n/; `echolab merge` combines them into tables',
      'equal to a single run\'s. Without --shard, the shard comes',
      'from a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN)',
      'or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based; Kubernetes does not expose the',
      'number of completions, so pass --shard-count N or set JOB_COMPLETION_COUNT).',
      '',
      'One command at a time per results folder: the folder is locked (<dir>/.echolab-lock: pid, host,',
      'start, command) while a run writes it. A second run on it exits with code 2 naming the holder\'s',
      'pid, or waits for it with --wait. A lock left by a killed process is taken over; one from another',
      'host cannot be checked, so the command refuses: remove the lock file if nothing uses the folder.',
      '--out must be a folder to create or an existing, writable folder (not a file, FIFO or device, not',
      'under /proc, /sys or /dev except /dev/shm); errors are one line, with stack traces only under --debug.',
      '',
      'Exit codes: 0 done, 1 a run failed, 2 bad input (or the folder is in use), 130 interrupted',
      '(Ctrl-C), 143 terminated.',
    ].join('\n'),
    flags: [
      { name: 'replicates', kind: 'value', arg: 'N', help: 'replicates per grid point (default: the experiment\'s)' },
      { name: 'workers', kind: 'value', arg: 'N', help: 'worker threads (default: all cores)' },
      { name: 'set', kind: 'repeat', arg: 'key=value', help: 'override a base parameter; repeatable' },
      { name: 'quick', kind: 'boolean', help: 'the experiment\'s quick size: runs in seconds' },
      { name: 'out', kind: 'value', arg: 'DIR', help: 'results directory (default results/<id>/<label>)' },
      { name: 'shard', kind: 'value', arg: 'i/n', help: 'run shard i of n (1 ≤ i ≤ n)' },
      { name: 'shard-count', kind: 'value', arg: 'N', help: 'number of shards for JOB_COMPLETION_INDEX (Kubernetes)' },
      { name: 'snapshot-at', kind: 'repeat', arg: 'T', help: 'export each run\'s network at time T (steps or hours) as GEXF; repeatable' },
      WAIT,
      HELP,
      DEBUG,
    ],
    examples: [
      'echolab run deffuant-threshold --quick',
      'echolab run experiments/read-caps.ts --replicates 20 --workers 8',
      'echolab run my-experiment.ts --set mu=0.3 --set n=500 --out results/mu-0.3',
      'echolab run echo-chambers-by-ranker --shard 2/4          # then: echolab merge results/echo-chambers-by-ranker/full-*/shard-*',
      'echolab run coevolving-voter-rewiring --quick --snapshot-at 0 --snapshot-at 50',
    ],
  },
  {
    name: 'report',
    usage: 'echolab report <results dir>',
    summary: 'rebuild tables, summary.md and report.html from runs.jsonl',
    description:
      'Rebuilds final/series/cascades (CSV and Parquet), summary.md and report.html of a results directory\nfrom its runs.jsonl and manifest.json (e.g. after an interruption, or with a newer echolab).\nRefuses a folder another command is writing (see `echolab run --help`), or waits with --wait.',
    flags: [WAIT, HELP, DEBUG],
    examples: ['echolab report results/read-caps/quick-1a2b3c4d'],
  },
  {
    name: 'merge',
    usage: 'echolab merge <dirs...> [--out DIR]',
    summary: 'combine shard directories into one results directory',
    description: [
      'Combines results directories of the same experiment and the same resolved spec (shards, or',
      'partial runs) into one whose tables equal those of a single full run. Refuses directories of',
      'different specs, and a merge that misses runs unless --partial is given.',
      'Default --out: the shards\' common parent directory, locked while the merge writes it (--wait',
      'waits for another command writing it instead of refusing).',
    ].join('\n'),
    flags: [
      { name: 'out', kind: 'value', arg: 'DIR', help: 'merged results directory' },
      { name: 'partial', kind: 'boolean', help: 'merge even if some runs are missing' },
      WAIT,
      HELP,
      DEBUG,
    ],
    examples: ['echolab merge results/read-caps/full-1a2b3c4d/shard-*', 'echolab merge run-a/ run-b/ --out results/read-caps/merged'],
  },
  {
    name: 'import',
    usage: 'echolab import <folder or file> [flags]',
    summary: 'clean a real propagation archive into cascade tables',
    description: [
      'Reads a Twitter15/16-style folder (label.txt and tree/<id>.txt[.gz]), a CSV table of posts',
      '(post_id,parent_id,user_id,timestamp[,label][,group][,protected]), or a Twitter API v2 export',
      '(a .json page {data, includes}, a .jsonl/.ndjson file of pages or tweets, or a folder of them,',
      'each optionally .gz; JSON Lines are streamed, with a progress bar on stderr), repairs it',
      '(duplicate lines, self-loops, edges into the root, extra parents, unreachable nodes, negative',
      'delays) and writes <out>/cascades.csv (source id, label, size, depth, max breadth, structural',
      'virality per cascade) and <out>/report.json (how many of each defect were fixed or skipped, what',
      'was dropped for privacy, and the malformed lines with file:line).',
      'The cleaning report is printed, with up to 20 problems. Default --out: results/import/<input name>.',
      'Default --format: twitter15 for a folder with label.txt, twitter-v2 for a .json/.jsonl/.ndjson',
      'file or a folder of them, posts-csv for any other file.',
      '',
      'Twitter v2: replies hang under the tweet they reply to; quotes root cascades of their own;',
      'retweets hang under the retweeted tweet, or with --followers under the latest earlier',
      'retweeter (or the original author) the retweeter follows (time-respecting follower rule).',
      'Originals found only in includes.tweets serve as roots and parents.',
      '',
      'Privacy: user ids are pseudonymised with a keyed hash (a fresh random key unless --key is given)',
      'and are never written; source post ids are kept. Posts of protected accounts (v2 user field,',
      'CSV `protected` column true/1/yes) are dropped unless --keep-protected is given; posts listed in',
      'a --deletions file are always dropped. Their replies and retweets become unreachable (counted).',
      '',
      'Exit codes: 0 done, 2 bad input (missing folder or file, or a malformed line with --strict).',
    ].join('\n'),
    flags: [
      { name: 'format', kind: 'value', arg: 'twitter15|posts-csv|twitter-v2', help: 'input format (default: by folder or file)' },
      { name: 'out', kind: 'value', arg: 'DIR', help: 'output directory (default results/import/<input name>)' },
      { name: 'strict', kind: 'boolean', help: 'stop at the first malformed line or missing tree file' },
      { name: 'raw-ids', kind: 'boolean', help: 'keep raw user ids instead of pseudonyms while reading' },
      { name: 'key', kind: 'value', arg: 'K', help: 'secret key for stable user pseudonyms' },
      { name: 'deletions', kind: 'value', arg: 'FILE', help: 'drop the posts whose ids are listed, one per line (twitter-v2, posts-csv)' },
      { name: 'followers', kind: 'value', arg: 'FILE', help: 'follower graph, line `a b` = a follows b: attach retweets by the follower rule (twitter-v2)' },
      { name: 'keep-protected', kind: 'boolean', help: 'keep posts of protected accounts (default: dropped)' },
      HELP,
      DEBUG,
    ],
    examples: [
      'echolab import ../shared/data/twitter15/twitter15',
      'echolab import tests/fixtures/archive/mini15 --out results/import/mini15',
      'echolab import posts.csv --format posts-csv --strict',
      'echolab import export/ --format twitter-v2 --deletions deleted-ids.txt',
      'echolab import tweets.jsonl.gz --followers follows.tsv --key "$ECHOLAB_KEY"',
    ],
  },
  {
    name: 'compare',
    usage: 'echolab compare <results dir> <archive> [flags]',
    summary: 'compare simulated cascades or networks with real ones',
    description: [
      'Compares the cascades of a results directory (its cascades.csv, one sample per arm of the',
      'swept parameters) with real ones, feature by feature (size, depth, max breadth, structural',
      'virality, time to 10 accounts, time to 90 % of the final size, top-5 reach share): two-sample',
      'Kolmogorov–Smirnov D and p, 1-Wasserstein distance and medians, raw and matched on cascade size.',
      '<archive> is a Twitter15/16-style folder, a reference JSON of percentiles (reference/twitter15.json',
      'layout: an approximate sample is rebuilt from the percentiles, so no size matching), or the word',
      '`twitter15` for the shipped reference. Writes compare.csv, compare.md and compare.html (with CCDF',
      'overlays) and prints the tables. Default --out: <results dir>/compare-<archive name>[-<label>].',
      '',
      'When <archive> is a labelled network file (GML, GEXF, GraphML or an edge list, optionally .gz, with',
      'a binary node attribute: --attribute, default `value` as in polblogs), its network metrics are',
      'compared with the per-run values in the results\' final.csv instead: neighbour leaning correlation,',
      'opinion assortativity, Louvain modularity, E-I index and majority illusion (plus the modularity of',
      'the label partition, archive only). The two label values map to attribute 0/1 and opinions −1/+1',
      '(in sorted order). Per metric: the archive value, the runs\' mean, 95 % interval, min/max, the',
      'archive\'s percentile among the runs and |archive − mean| in SDs. A metric missing from final.csv',
      'is named, with how to add it to the experiment\'s `metrics`.',
      '',
      'Exit codes: 0 done, 2 bad input (missing directory, no cascades.csv or final.csv, unknown label,',
      'arm or attribute, a label that is not binary).',
    ].join('\n'),
    flags: [
      { name: 'label', kind: 'value', arg: 'L', help: 'only the archive cascades with this label (e.g. false)' },
      { name: 'arm', kind: 'value', arg: 'NAME', help: 'one arm (e.g. p=0.1, or the value when one parameter is swept); all: pool every arm' },
      { name: 'out', kind: 'value', arg: 'DIR', help: 'output directory' },
      { name: 'no-match', kind: 'boolean', help: 'leave out the size-matched rows' },
      { name: 'attribute', kind: 'value', arg: 'NAME', help: 'labelled network archives: the binary node attribute (default value)' },
      HELP,
      DEBUG,
    ],
    examples: [
      'echolab compare results/independent-cascade/quick-1a2b3c4d twitter15 --label false',
      'echolab compare results/my-deffuant-run ../shared/data/polblogs/polblogs.gml.gz --attribute value',
      'echolab compare results/my-run ../shared/data/twitter15/twitter15 --arm all',
      'echolab compare results/my-run tests/fixtures/archive/mini15 --no-match --out cmp',
    ],
  },
  {
    name: 'calibrate',
    usage: 'echolab calibrate <file or id> --archive <folder|reference|twitter15> [flags]',
    summary: 'fit parameters to a real archive by approximate Bayesian computation',
    description: [
      'Approximate Bayesian computation over the uniform prior ranges the experiment declares in',
      '`calibrate` (e.g. `calibrate: { p: [0, 0.5] }`). Each draw takes parameters from the prior, runs',
      'the experiment once with them as --set overrides and scores its cascades by the mean two-sample',
      'Kolmogorov–Smirnov distance of cascade size and depth to the archive\'s. <archive> is a',
      'Twitter15/16-style folder, a reference JSON of percentiles (an approximate sample is rebuilt from',
      'them) or the word `twitter15`.',
      '',
      'Rejection (default): --samples draws, the closest --accept fraction kept. Draws run on --workers',
      'threads (default: all cores; the result is the same for any count) and are appended to',
      '<out>/draws.jsonl; re-running the same command resumes, skipping the draws already there.',
      'By default every draw runs replicate 0 of the first grid point (common random numbers: all draws',
      'share the network and random streams, so distances are smooth in the parameters, but the posterior',
      'is conditional on that one network). --no-common-random-numbers gives each draw its own replicate:',
      'the posterior then reflects the model\'s run-to-run noise, at the price of noisier distances.',
      '',
      '--method smc: ABC-SMC (Beaumont et al. 2009) with --particles, --generations and --accept as the',
      'tolerance quantile (default 0.5); simulations on the --workers pool, same result for any count.',
      'Each completed generation is appended to <out>/smc-generations.jsonl; re-running the same command',
      'resumes after the last complete generation with the result of an uninterrupted run (a cut-off last',
      'line is redone; any other bad line stops the command, naming file:line).',
      '',
      'Writes posterior.json (accepted draws, best, mean/median/q05/q95 per parameter, tolerance),',
      'posterior.md and posterior.html (histograms of the accepted samples over the prior range, distance',
      'against each parameter, CCDFs of cascade size and depth: archive vs the best draw) and prints the',
      'table. Default --out: results/<id>/calibrate-<archive name>[-<label>].',
      '',
      'Exit codes: 0 done, 2 bad input (no `calibrate` ranges, unknown parameter, bad --samples,',
      '--accept, --workers, --method, --particles or --generations, missing archive, a corrupt',
      'smc-generations.jsonl), before the first draw.',
    ].join('\n'),
    flags: [
      { name: 'archive', kind: 'value', arg: 'A', help: 'Twitter15-style folder, reference JSON, or twitter15' },
      { name: 'label', kind: 'value', arg: 'L', help: 'only the archive cascades with this label (e.g. false)' },
      { name: 'samples', kind: 'value', arg: 'N', help: 'rejection: draws from the prior (default 200)' },
      { name: 'accept', kind: 'value', arg: 'F', help: 'rejection: fraction kept, in (0, 1] (default 0.05); smc: tolerance quantile (default 0.5)' },
      { name: 'workers', kind: 'value', arg: 'N', help: 'worker threads for the draws (default: all cores)' },
      { name: 'no-common-random-numbers', kind: 'boolean', help: 'each draw runs its own replicate instead of replicate 0' },
      { name: 'method', kind: 'value', arg: 'M', help: 'rejection (default) or smc' },
      { name: 'particles', kind: 'value', arg: 'N', help: 'smc: population size (default 50)' },
      { name: 'generations', kind: 'value', arg: 'G', help: 'smc: populations, the first included (default 3)' },
      { name: 'out', kind: 'value', arg: 'DIR', help: 'output directory' },
      { name: 'seed', kind: 'value', arg: 'S', help: 'seed of the prior draws (default: the experiment\'s)' },
      HELP,
      DEBUG,
    ],
    examples: [
      'echolab calibrate my-cascades.ts --archive twitter15 --label false',
      'echolab calibrate my-cascades.ts --archive ../shared/data/twitter15/twitter15 --samples 500 --accept 0.02 --workers 4',
      'echolab calibrate my-cascades.ts --archive twitter15 --method smc --particles 40 --generations 4',
    ],
  },
];

export const COMMAND_NAMES = [...COMMANDS.map((c) => c.name), 'help'];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export function commandHelp(spec: CommandSpec): string {
  const flagLines = spec.flags.map((f) => {
    const left = `  --${f.name}${f.arg ? ` ${f.arg}` : ''}`;
    return `${left.padEnd(28)} ${f.help}`;
  });
  return [
    `usage: ${spec.usage}`,
    '',
    spec.summary.charAt(0).toUpperCase() + spec.summary.slice(1) + '.',
    '',
    spec.description,
    '',
    'flags:',
    ...flagLines,
    '',
    'examples:',
    ...spec.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

export function mainHelp(): string {
  return [
    'usage: echolab <command> [flags]',
    '',
    'Experiments on echo chambers and misinformation: run sweeps on every core, resume, shard, report.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`),
    '',
    '`echolab <command> --help` tells more; `--debug` (any command) shows stack traces. Examples:',
    '  echolab list',
    '  echolab run deffuant-threshold --quick',
    '  echolab report results/deffuant-threshold/quick-1a2b3c4d',
    '',
  ].join('\n');
}
