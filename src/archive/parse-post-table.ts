/**
 * Parser for a plain CSV of posts, one row per post:
 *   post_id,parent_id,user_id,timestamp[,label][,group]
 * (header required, column order free, names case-insensitive, other
 * columns ignored). An empty parent_id marks a source post; every source
 * roots one cascade. Timestamps are numbers in any unit, or ISO 8601 dates
 * (converted to minutes since 1970-01-01; do not mix the two in one file);
 * cascade times are then counted from the source post. A post's user, time,
 * label and group come from its first row. Rows that do not parse (too few
 * fields, empty ids, a timestamp that is neither, an unterminated quote,
 * bytes that are not UTF-8) are skipped and reported with line and field
 * but never their content (which may hold raw ids), or with `strict` throw
 * an InputError at the first; a header that is not UTF-8 is an InputError. Cleaning: a row giving a post a parent when
 * another row makes it a source is an edge into the root; the rest follows
 * clean-cascade.ts (self-loops, repeated rows, several parents: earliest
 * reachable one kept; posts whose parent chain never reaches a source are
 * dropped, as are parents named but never given a row). Times before the
 * parent's are raised to the parent's. The source's label is the cascade's.
 *
 * Personal data. An optional `protected` column marks posts of protected
 * accounts (true/1/yes, case-insensitive; empty, false/0/no otherwise, any
 * other value is a malformed row): they are dropped by default, as are the
 * posts whose id is in `deletions`. A dropped post counts as a post never
 * given a row, so its replies and reshares become unreachable (dropped,
 * counted); the drops themselves are counted once, in `report.privacy`. As for user and
 * time, a post's first row decides whether it is protected.
 */
import { InputError } from '../model/errors.js';
import { isBlankOrComment, lines, splitFields } from '../model/import/delimited-fields.js';
import { splitCascades } from '../sim/cascade-record.js';
import type { ArchiveCascade } from './archive-cascade.js';
import { cleanCascade } from './clean-cascade.js';
import { addProblem, newReport, type CleaningReport } from './cleaning-report.js';
import type { IdMapper } from './pseudonymise.js';
import { invalidUtf8Message } from './utf8-lines.js';

export interface ParsePostsOptions {
  readonly file?: string;
  readonly strict?: boolean;
  readonly mapId: IdMapper;
  /** Ids of posts deleted since collection: dropped. */
  readonly deletions?: ReadonlySet<string>;
  /** Keep posts marked in the `protected` column (default false: drop them). */
  readonly keepProtected?: boolean;
  /** Lines (split at \n only, as `lines()` does) that were not valid UTF-8 (line → first bad byte): malformed. */
  readonly invalidUtf8?: ReadonlyMap<number, number>;
}

/** Posts dropped to respect their authors (rows, counted once per post). */
export interface PrivacyCounts {
  protectedDropped: number;
  deletedDropped: number;
}

export interface PostTableReport extends CleaningReport {
  readonly privacy: PrivacyCounts;
}

/** A cascade from a post table: also the group column per entry, when the table has one. */
export interface PostCascade extends ArchiveCascade {
  readonly groups?: readonly string[];
}

export interface ParsedPosts {
  readonly cascades: PostCascade[];
  readonly report: PostTableReport;
}

const REQUIRED = ['post_id', 'parent_id', 'user_id', 'timestamp'] as const;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE = /^(?:true|1|yes)$/i;
const FALSE = /^(?:false|0|no|)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function parseTime(s: string): number {
  if (NUMBER.test(s)) return Number(s);
  if (ISO_DATE.test(s)) return Date.parse(s.replace(' ', 'T')) / 60_000;
  return Number.NaN;
}

export function parsePostTable(text: string, options: ParsePostsOptions): ParsedPosts {
  const file = options.file ?? '<posts>';
  const privacy: PrivacyCounts = { protectedDropped: 0, deletedDropped: 0 };
  const report: PostTableReport = { ...newReport(file), privacy };
  const counts = report.counts;
  const iter = lines(text);
  let header: string[] | undefined;
  let headerLine = 0;
  // Step by hand: leaving a for-of would close the generator.
  for (let r = iter.next(); !r.done; r = iter.next()) {
    const [s, n] = r.value;
    const bad = options.invalidUtf8?.get(n);
    if (bad !== undefined) throw new InputError(`header: ${invalidUtf8Message(bad)}`, { file, line: n });
    if (isBlankOrComment(s)) continue;
    header = splitFields(s, 'comma', { file, line: n }).map((h) => h.trim().toLowerCase());
    headerLine = n;
    break;
  }
  if (header === undefined) throw new InputError('empty post table: expected a header with post_id,parent_id,user_id,timestamp', { file });
  const col = (name: string): number => header.indexOf(name);
  for (const name of REQUIRED) {
    if (col(name) === -1) throw new InputError(`missing column \`${name}\` in the header: expected post_id, parent_id, user_id, timestamp (label, group, protected optional)`, { file, line: headerLine, field: name });
  }
  const [cPost, cParent, cUser, cTime] = REQUIRED.map(col);
  const cLabel = col('label');
  const cGroup = col('group');
  const cProtected = col('protected');
  const dropped = new Set<string>();
  const needed = Math.max(cPost, cParent, cUser, cTime) + 1;

  const ids = new Map<string, number>();
  const idOf: string[] = [];
  const hasRow: boolean[] = [];
  const userOf: string[] = [];
  const timeOf: number[] = [];
  const labelOf: string[] = [];
  const groupOf: string[] = [];
  const isSource: boolean[] = [];
  const rows: { post: number; parent: number; line: number }[] = [];
  const intern = (id: string): number => {
    let v = ids.get(id);
    if (v === undefined) {
      v = hasRow.length;
      ids.set(id, v);
      idOf.push(id);
      hasRow.push(false);
      userOf.push('');
      timeOf.push(Number.NaN);
      labelOf.push('');
      groupOf.push('');
      isSource.push(false);
    }
    return v;
  };
  const rowSeen = (id: string): boolean => {
    const v = ids.get(id);
    return v !== undefined && hasRow[v];
  };
  const malformed = (line: number, field: string | undefined, why: string): void => {
    const message = field === undefined ? why : `${field}: ${why}`;
    if (options.strict === true) throw new InputError(`malformed post row: ${message}`, { file, line, field });
    counts.malformedLines++;
    addProblem(report, field === undefined ? { file, line, message } : { file, line, field, message });
  };

  const invalid = options.invalidUtf8;
  for (const [s, n] of iter) {
    const bad = invalid?.get(n);
    if (bad !== undefined) {
      counts.lines++;
      malformed(n, undefined, invalidUtf8Message(bad));
      continue;
    }
    if (isBlankOrComment(s)) continue;
    counts.lines++;
    let f: string[];
    try {
      f = splitFields(s, 'comma', { file, line: n }).map((x) => x.trim());
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      malformed(n, undefined, err.message.replace(/^.*?: (?=malformed)/, ''));
      continue;
    }
    if (f.length < needed) {
      malformed(n, undefined, `${f.length} fields, expected at least ${needed}`);
      continue;
    }
    const post = f[cPost];
    const parentId = f[cParent];
    const user = f[cUser];
    const t = parseTime(f[cTime]);
    const prot = cProtected >= 0 && cProtected < f.length ? f[cProtected] : '';
    if (post === '') malformed(n, 'post_id', 'empty');
    else if (user === '') malformed(n, 'user_id', 'empty');
    else if (!Number.isFinite(t)) malformed(n, 'timestamp', 'neither a finite number nor an ISO 8601 date');
    else if (!TRUE.test(prot) && !FALSE.test(prot)) malformed(n, 'protected', 'expected true/1/yes or false/0/no (or empty)');
    else if (dropped.has(post)) continue;
    else if (options.deletions?.has(post) === true) {
      dropped.add(post);
      privacy.deletedDropped++;
    } else if (options.keepProtected !== true && TRUE.test(prot) && !rowSeen(post)) {
      dropped.add(post);
      privacy.protectedDropped++;
    } else {
      const v = intern(post);
      if (!hasRow[v]) {
        hasRow[v] = true;
        userOf[v] = user;
        timeOf[v] = t;
        labelOf[v] = cLabel >= 0 && cLabel < f.length ? f[cLabel] : '';
        groupOf[v] = cGroup >= 0 && cGroup < f.length ? f[cGroup] : '';
      }
      if (parentId === '') isSource[v] = true;
      rows.push({ post: v, parent: parentId === '' ? -1 : intern(parentId), line: n });
    }
  }

  // One tree under a virtual root at −∞ whose children are the sources.
  const n = hasRow.length;
  const virtual = n;
  const rawTime = new Float64Array(n + 1);
  for (let v = 0; v < n; v++) rawTime[v] = hasRow[v] ? timeOf[v] : 0;
  rawTime[virtual] = Number.NEGATIVE_INFINITY;
  const edgeParent: number[] = [];
  const edgeChild: number[] = [];
  const edgeLine: number[] = [];
  for (const r of rows) {
    if (r.parent !== r.post && r.parent !== -1 && isSource[r.post]) {
      counts.edgesIntoRoot++;
      continue;
    }
    edgeParent.push(r.parent === -1 ? virtual : r.parent);
    edgeChild.push(r.post);
    edgeLine.push(r.line);
  }
  // Parents named but never given a row cannot be placed: drop their edges (their children then count as unreachable).
  let w = 0;
  for (let e = 0; e < edgeParent.length; e++) {
    if (edgeParent[e] !== virtual && !hasRow[edgeParent[e]]) continue;
    edgeParent[w] = edgeParent[e];
    edgeChild[w] = edgeChild[e];
    edgeLine[w] = edgeLine[e];
    w++;
  }
  edgeParent.length = edgeChild.length = edgeLine.length = w;
  const all = cleanCascade({ nodeCount: n + 1, root: virtual, rawTime, edgeParent, edgeChild, edgeLine }, counts);
  // A dropped post named as a parent is a row-less node: counted already as protected or deleted, not again as unreachable.
  for (const id of dropped) if (ids.has(id)) counts.unreachableNodesDropped--;
  const size = all.parent.length - 1;
  const forest = {
    node: all.node.slice(1),
    parent: all.parent.slice(1).map((p) => (p === 0 ? -1 : p - 1)),
    time: all.time.slice(1),
  };
  const hasGroups = cGroup >= 0;
  const cascades: PostCascade[] = [];
  for (const tree of size > 0 ? splitCascades(forest) : []) {
    const root = tree.node[0];
    const t0 = tree.time[0];
    const userIndex = new Map<string, number>();
    const users: string[] = [];
    const groups: string[] = [];
    for (let i = 0; i < tree.node.length; i++) {
      const v = tree.node[i];
      if (hasGroups) groups.push(groupOf[v]);
      let u = userIndex.get(userOf[v]);
      if (u === undefined) {
        u = users.length;
        userIndex.set(userOf[v], u);
        users.push(options.mapId(userOf[v]));
      }
      tree.node[i] = u;
      tree.time[i] -= t0;
    }
    const sourceId = idOf[root];
    const base = { sourceId, tree, users, report };
    const withLabel = labelOf[root] !== '' ? { ...base, label: labelOf[root] } : base;
    cascades.push(hasGroups ? { ...withLabel, groups } : withLabel);
  }
  return { cascades, report };
}
