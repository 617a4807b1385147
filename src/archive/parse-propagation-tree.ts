/**
 * Parser for one propagation tree in the Twitter15/16 format (Ma, Gao &
 * Wong, "Detect Rumors in Microblog Posts Using Propagation Structure via
 * Kernel Learning", ACL 2017): one edge per line,
 *   ['parent_uid', 'parent_tweet_id', 'parent_delay']->['uid', 'tweet_id', 'delay']
 * with delays in minutes since the source; the line whose parent is
 * ['ROOT', 'ROOT', ...] names the source. Reply-tree files whose lines run
 * child -> parent (the same triples the other way round, the ROOT line
 * `[source]->['ROOT', 'ROOT', ...]`) read with `direction: 'child-parent'`
 * into the same cascade. A node is identified by
 * (uid, tweet_id) (retweets repeat the source's tweet id); its raw delay is
 * the one on its first line as a child (as a parent, if never a child).
 * Lines that do not parse (wrong shape, empty ids, a delay that is not a
 * finite decimal number, ROOT as a child, half-ROOT triples, bytes that are
 * not UTF-8) are skipped and reported with file, line and the field that
 * failed (`parent.uid`, `child.delay`, ...), never with their content,
 * which holds raw ids; with `strict` the first throws an InputError. A later ROOT line naming the same source is a duplicate; one
 * naming another node is dropped as an extra root line. The cascade is
 * keyed by the source id the caller gives (the label file's), when given:
 * a ROOT line naming another post (8 of the 1,490 Twitter15 trees) does
 * not re-key it, since that post may be another labelled tree's source;
 * the ROOT line's post is kept apart as `rootPost` and the mismatch is
 * listed in the problems (a documented quirk, so `strict` does not stop). The raw edges are
 * then cleaned into a tree by the rule of clean-cascade.ts (a negative delay
 * of the source itself becomes 0). A file without
 * a ROOT line gives no cascade (lenient) or an InputError (strict).
 * Pure: text in, cascade out (no fs), so it runs in the browser too.
 */
import { InputError } from '../model/errors.js';
import type { ArchiveCascade } from './archive-cascade.js';
import { cleanCascade } from './clean-cascade.js';
import { addProblem, newReport, type CleaningReport } from './cleaning-report.js';
import type { IdMapper } from './pseudonymise.js';
import { invalidUtf8Message } from './utf8-lines.js';

export interface ParseTreeOptions {
  /** File name used in reports and errors. */
  readonly file?: string;
  /** Expected source id (e.g. from the label file); a different root is reported. */
  readonly sourceId?: string;
  readonly label?: string;
  /** Stop with an InputError at the first malformed line (default false: skip and report). */
  readonly strict?: boolean;
  /** How user ids are stored (see makeIdMapper). */
  readonly mapId: IdMapper;
  /** Lines that were not valid UTF-8 (line → first bad byte, see decodeUtf8Lines): malformed. */
  readonly invalidUtf8?: ReadonlyMap<number, number>;
  /** Which way each line runs (default `parent-child`: `[parent]->[child]`). */
  readonly direction?: EdgeDirection;
}

export const EDGE_DIRECTIONS = ['parent-child', 'child-parent'] as const;
export type EdgeDirection = (typeof EDGE_DIRECTIONS)[number];

export interface ParsedTree {
  /** Absent when the file names no root. */
  readonly cascade?: ArchiveCascade;
  readonly report: CleaningReport;
}

const Q = String.raw`'([^'\r\n]*)'`;
const TRIPLE = String.raw`\[\s*${Q}\s*,\s*${Q}\s*,\s*${Q}\s*\]`;
const LINE = new RegExp(String.raw`^\s*${TRIPLE}\s*->\s*${TRIPLE}\s*$`);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function isRoot(uid: string, tweet: string): boolean {
  return uid === 'ROOT' && tweet === 'ROOT';
}

interface Problem {
  readonly field: string;
  readonly message: string;
}

const FIELDS = ['uid', 'tweet_id', 'delay'] as const;

/** Why the triple is unusable, or undefined if it is fine. */
function tripleProblem(uid: string, tweet: string, delay: string, side: string): Problem | undefined {
  if (uid === '') return { field: `${side}.uid`, message: 'empty' };
  if (tweet === '') return { field: `${side}.tweet_id`, message: 'empty' };
  if ((uid === 'ROOT') !== (tweet === 'ROOT')) return { field: side, message: 'ROOT must be both uid and tweet_id' };
  if (!DECIMAL.test(delay) || !Number.isFinite(Number(delay))) return { field: `${side}.delay`, message: 'not a finite decimal number' };
  return undefined;
}

/**
 * Where a line that LINE rejects goes wrong, found by reading it as the
 * format reads (only on that slow path): the field and why, not the text.
 */
function shapeProblem(s: string, sides: readonly [string, string]): Problem {
  let i = 0;
  const blanks = (): void => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  for (const side of sides) {
    blanks();
    if (side === sides[1]) {
      if (!s.startsWith('->', i)) return { field: '->', message: `expected \`->\` between the ${sides[0]} and the ${sides[1]} triple` };
      i += 2;
      blanks();
    }
    if (s[i] !== '[') return { field: side, message: "expected a triple ['uid', 'tweet_id', 'delay']" };
    i++;
    for (let k = 0; k < 3; k++) {
      const field = `${side}.${FIELDS[k]}`;
      blanks();
      if (s[i] !== "'") return { field, message: 'expected a value in single quotes' };
      const close = s.indexOf("'", i + 1);
      if (close < 0) return { field, message: 'no closing quote' };
      i = close + 1;
      blanks();
      const sep = k < 2 ? ',' : ']';
      if (s[i] !== sep) return { field, message: `expected \`${sep}\` after the value` };
      i++;
    }
  }
  blanks();
  if (i < s.length) return { field: sides[1], message: `unexpected text after the ${sides[1]} triple` };
  return { field: 'line', message: "expected ['uid', 'tweet_id', 'delay']->['uid', 'tweet_id', 'delay']" };
}

export function parsePropagationTree(text: string, options: ParseTreeOptions): ParsedTree {
  const file = options.file ?? '<tree>';
  const report = newReport(file);
  const counts = report.counts;
  const ids = new Map<string, number>();
  const uidOf: string[] = [];
  const tweetOf: string[] = [];
  const rawTime: number[] = [];
  const timeFromChild: boolean[] = [];
  const edgeParent: number[] = [];
  const edgeChild: number[] = [];
  const edgeLine: number[] = [];
  let root = -1;
  let rootLine = 0;

  const intern = (uid: string, tweet: string, delay: number, asChild: boolean): number => {
    const key = `${uid}\u0000${tweet}`;
    let v = ids.get(key);
    if (v === undefined) {
      v = uidOf.length;
      ids.set(key, v);
      uidOf.push(uid);
      tweetOf.push(tweet);
      rawTime.push(delay);
      timeFromChild.push(asChild);
    } else if (asChild && !timeFromChild[v]) {
      rawTime[v] = delay;
      timeFromChild[v] = true;
    }
    return v;
  };

  const malformed = (line: number, field: string | undefined, why: string): void => {
    const message = field === undefined ? why : `${field}: ${why}`;
    if (options.strict === true) throw new InputError(`malformed propagation-tree line: ${message}`, { file, line, field });
    counts.malformedLines++;
    addProblem(report, field === undefined ? { file, line, message } : { file, line, field, message });
  };
  const invalid = options.invalidUtf8;
  const childFirst = options.direction === 'child-parent';
  const sides: readonly [string, string] = childFirst ? ['child', 'parent'] : ['parent', 'child'];

  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i];
    const lineNo = i + 1;
    const bad = invalid?.get(lineNo);
    if (bad !== undefined) {
      counts.lines++;
      malformed(lineNo, undefined, invalidUtf8Message(bad));
      continue;
    }
    if (s.trim() === '') continue;
    counts.lines++;
    const m = LINE.exec(s);
    if (m === null) {
      const p = shapeProblem(s, sides);
      malformed(lineNo, p.field, p.message);
      continue;
    }
    // Triples in file order, then by role.
    const problem = tripleProblem(m[1], m[2], m[3], sides[0]) ?? tripleProblem(m[4], m[5], m[6], sides[1]);
    if (problem !== undefined) {
      malformed(lineNo, problem.field, problem.message);
      continue;
    }
    const [pu, pt, pd, cu, ct, cd] = childFirst ? [m[4], m[5], m[6], m[1], m[2], m[3]] : [m[1], m[2], m[3], m[4], m[5], m[6]];
    if (isRoot(cu, ct)) {
      malformed(lineNo, 'child', 'ROOT cannot be a child');
      continue;
    }
    if (isRoot(pu, pt)) {
      if (root === -1) {
        root = intern(cu, ct, Number(cd), true);
        rootLine = lineNo;
      } else if (ids.get(`${cu}\u0000${ct}`) === root) counts.duplicateLines++;
      else counts.extraRootLines++;
      continue;
    }
    const p = intern(pu, pt, Number(pd), false);
    const c = intern(cu, ct, Number(cd), true);
    edgeParent.push(p);
    edgeChild.push(c);
    edgeLine.push(lineNo);
  }

  if (root === -1) {
    const rootLineShape = childFirst ? "[source]->['ROOT', 'ROOT', '0.0']" : "['ROOT', 'ROOT', '0.0']->[source]";
    if (options.strict === true) throw new InputError(`no ROOT line (${rootLineShape}): cannot tell the source`, { file });
    addProblem(report, { file, message: 'no ROOT line: no cascade' });
    counts.unreachableNodesDropped += uidOf.length;
    return { report };
  }
  const rootPost = tweetOf[root];
  const sourceId = options.sourceId ?? rootPost;
  if (sourceId !== rootPost) {
    // Not malformed: a documented quirk, kept apart in rootPost (see the banner).
    const message = "child.tweet_id: the ROOT line names another post than the label file's id for this tree (the cascade keeps the label's id; root_post gives the ROOT line's)";
    addProblem(report, { file, line: rootLine, field: 'child.tweet_id', message });
  }

  // Delays count from the source, so the source itself is at 0 at the earliest.
  if (rawTime[root] < 0) {
    rawTime[root] = 0;
    counts.negativeDelaysFixed++;
  }
  const tree = cleanCascade({ nodeCount: uidOf.length, root, rawTime, edgeParent, edgeChild, edgeLine }, counts);
  // Users: one per distinct uid, in entry order.
  const userIndex = new Map<string, number>();
  const users: string[] = [];
  for (let i = 0; i < tree.node.length; i++) {
    const uid = uidOf[tree.node[i]];
    let u = userIndex.get(uid);
    if (u === undefined) {
      u = users.length;
      userIndex.set(uid, u);
      users.push(options.mapId(uid));
    }
    tree.node[i] = u;
  }
  const cascade: ArchiveCascade = options.label === undefined ? { sourceId, rootPost, tree, users, report } : { sourceId, rootPost, label: options.label, tree, users, report };
  return { cascade, report };
}
