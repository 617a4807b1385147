/**
 * Builds cascades from the records of a plain CSV of posts, one row per
 * post:
 *   post_id,parent_id,user_id,timestamp[,label][,group][,protected]
 * (header required, column order free, names case-insensitive, other
 * columns ignored; fields are trimmed of surrounding blanks). The records
 * come from an RFC 4180 reader (src/io/csv-records.ts, csv-parse), so a
 * quoted field may hold commas, quotes and line breaks; a row is numbered
 * by the line it starts on. Pure: records in, cascades out.
 *
 * A source post has no parent: its parent_id is empty, `ROOT` (any case)
 * or `-1`, so those cannot be post ids (such a row is malformed). Every
 * source roots one cascade. Timestamps are numbers in any unit, or ISO 8601
 * dates (converted to minutes since 1970-01-01; do not mix the two in one
 * file); cascade times are then counted from the source post. A post's
 * user, time, label and group come from its first row. Rows that do not
 * parse (too few fields, empty ids, a timestamp that is neither, a row that
 * is not valid CSV, bytes that are not UTF-8) are skipped and reported with
 * line and field but never their content (which may hold raw ids), or with
 * `strict` throw an InputError at the first; a header that is not UTF-8 or
 * not valid CSV is an InputError. A parent_id naming no post that has a row
 * (and was not dropped for privacy, below) is explained in the problems
 * (line, field parent_id) and counted in `unknownParents`; it is not
 * malformed, so `strict` does not stop there. Cleaning: a row giving a post
 * a parent when another row makes it a source is an edge into the root;
 * the rest follows clean-cascade.ts (self-loops, repeated rows, several
 * parents: earliest reachable one kept; posts whose parent chain never
 * reaches a source are dropped, as are parents named but never given a
 * row). Times before the parent's are raised to the parent's. The source's
 * label is the cascade's.
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
  /** Lines (split at \n only) that were not valid UTF-8 (line → first bad byte): a row on any of them is malformed. */
  readonly invalidUtf8?: ReadonlyMap<number, number>;
}

/** Posts dropped to respect their authors (rows, counted once per post). */
export interface PrivacyCounts {
  protectedDropped: number;
  deletedDropped: number;
}

export interface PostTableReport extends CleaningReport {
  readonly privacy: PrivacyCounts;
  /** Rows whose parent_id names no post that has a row (nor one dropped for privacy); each is also in `problems` (up to the cap). */
  unknownParents: number;
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
/** A parent_id that means "no parent": the row is a source post. */
export const NO_PARENT = /^(?:|root|-1)$/i;

function parseTime(s: string): number {
  if (NUMBER.test(s)) return Number(s);
  if (ISO_DATE.test(s)) return Date.parse(s.replace(' ', 'T')) / 60_000;
  return Number.NaN;
}

interface Columns {
  readonly post: number;
  readonly parent: number;
  readonly user: number;
  readonly time: number;
  readonly label: number;
  readonly group: number;
  readonly protected: number;
  /** Fields a row needs at least. */
  readonly needed: number;
}

/**
 * Feed it the table's records in order (`record`, and `unreadable` for
 * those the CSV reader could not read), then call `finish` once.
 */
export class PostTableBuilder {
  private readonly file: string;
  private readonly privacy: PrivacyCounts = { protectedDropped: 0, deletedDropped: 0 };
  private readonly report: PostTableReport;
  private columns: Columns | undefined;
  private readonly dropped = new Set<string>();
  private readonly ids = new Map<string, number>();
  private readonly idOf: string[] = [];
  private readonly hasRow: boolean[] = [];
  /** Distinct user ids, numbered in order of first row; each post's user by number (-1 before its row). */
  private readonly userIds = new Map<string, number>();
  private readonly userName: string[] = [];
  private readonly userOf: number[] = [];
  private readonly timeOf: number[] = [];
  private readonly labelOf: string[] = [];
  private readonly groupOf: string[] = [];
  private readonly isSource: boolean[] = [];
  private readonly rows: { post: number; parent: number; line: number }[] = [];

  constructor(private readonly options: ParsePostsOptions) {
    this.file = options.file ?? '<posts>';
    this.report = { ...newReport(this.file), privacy: this.privacy, unknownParents: 0 };
  }

  /** The first line in [line, lastLine] that is not valid UTF-8, with its first bad byte. */
  private invalidLine(line: number, lastLine: number): [number, number] | undefined {
    const invalid = this.options.invalidUtf8;
    if (invalid === undefined || invalid.size === 0) return undefined;
    for (let l = line; l <= lastLine; l++) {
      const bad = invalid.get(l);
      if (bad !== undefined) return [l, bad];
    }
    return undefined;
  }

  private malformed(line: number, field: string | undefined, why: string): void {
    const message = field === undefined ? why : `${field}: ${why}`;
    if (this.options.strict === true) throw new InputError(`malformed post row: ${message}`, { file: this.file, line, field });
    this.report.counts.malformedLines++;
    addProblem(this.report, field === undefined ? { file: this.file, line, message } : { file: this.file, line, field, message });
  }

  private header(fields: string[], line: number, lastLine: number): void {
    const file = this.file;
    const bad = this.invalidLine(line, lastLine);
    if (bad !== undefined) throw new InputError(`header: ${invalidUtf8Message(bad[1])}`, { file, line: bad[0] });
    const header = fields.map((h) => h.trim().toLowerCase());
    const col = (name: string): number => header.indexOf(name);
    for (const name of REQUIRED) {
      if (col(name) === -1) throw new InputError(`missing column \`${name}\` in the header: expected post_id, parent_id, user_id, timestamp (label, group, protected optional)`, { file, line, field: name });
    }
    const [post, parent, user, time] = REQUIRED.map(col);
    this.columns = { post, parent, user, time, label: col('label'), group: col('group'), protected: col('protected'), needed: Math.max(post, parent, user, time) + 1 };
  }

  private intern(id: string): number {
    let v = this.ids.get(id);
    if (v === undefined) {
      v = this.hasRow.length;
      this.ids.set(id, v);
      this.idOf.push(id);
      this.hasRow.push(false);
      this.userOf.push(-1);
      this.timeOf.push(Number.NaN);
      this.labelOf.push('');
      this.groupOf.push('');
      this.isSource.push(false);
    }
    return v;
  }

  private rowSeen(id: string): boolean {
    const v = this.ids.get(id);
    return v !== undefined && this.hasRow[v];
  }

  /** A record the CSV reader could not read (see csvErrorMessage), starting on `line`. */
  unreadable(line: number, message: string): void {
    if (this.columns === undefined) throw new InputError(`header: ${message}`, { file: this.file, line });
    this.report.counts.lines++;
    this.malformed(line, undefined, message);
  }

  /** One record: the header first, then one post per row; `line`..`lastLine` are the lines it spans. */
  record(fields: string[], line: number, lastLine: number): void {
    const c = this.columns;
    if (c === undefined) {
      this.header(fields, line, lastLine);
      return;
    }
    const counts = this.report.counts;
    counts.lines++;
    const bad = this.invalidLine(line, lastLine);
    if (bad !== undefined) {
      this.malformed(bad[0], undefined, invalidUtf8Message(bad[1]));
      return;
    }
    const f = fields;
    if (f.length < c.needed) {
      this.malformed(line, undefined, `${f.length} fields, expected at least ${c.needed}`);
      return;
    }
    // The CSV reader trims blanks; trim() also drops other white space (a stray \r, a no-break space).
    const post = f[c.post].trim();
    const parentId = f[c.parent].trim();
    const user = f[c.user].trim();
    const t = parseTime(f[c.time].trim());
    const prot = c.protected >= 0 && c.protected < f.length ? f[c.protected].trim() : '';
    const options = this.options;
    if (post === '') this.malformed(line, 'post_id', 'empty');
    else if (NO_PARENT.test(post)) this.malformed(line, 'post_id', 'ROOT and -1 mean "no parent" in parent_id and cannot be post ids');
    else if (user === '') this.malformed(line, 'user_id', 'empty');
    else if (!Number.isFinite(t)) this.malformed(line, 'timestamp', 'neither a finite number nor an ISO 8601 date');
    else if (!TRUE.test(prot) && !FALSE.test(prot)) this.malformed(line, 'protected', 'expected true/1/yes or false/0/no (or empty)');
    else if (this.dropped.has(post)) return;
    else if (options.deletions?.has(post) === true) {
      this.dropped.add(post);
      this.privacy.deletedDropped++;
    } else if (options.keepProtected !== true && TRUE.test(prot) && !this.rowSeen(post)) {
      this.dropped.add(post);
      this.privacy.protectedDropped++;
    } else {
      const v = this.intern(post);
      if (!this.hasRow[v]) {
        this.hasRow[v] = true;
        let u = this.userIds.get(user);
        if (u === undefined) {
          u = this.userName.length;
          this.userIds.set(user, u);
          this.userName.push(user);
        }
        this.userOf[v] = u;
        this.timeOf[v] = t;
        this.labelOf[v] = c.label >= 0 && c.label < f.length ? f[c.label].trim() : '';
        this.groupOf[v] = c.group >= 0 && c.group < f.length ? f[c.group].trim() : '';
      }
      const source = NO_PARENT.test(parentId);
      if (source) this.isSource[v] = true;
      this.rows.push({ post: v, parent: source ? -1 : this.intern(parentId), line });
    }
  }

  /** The cascades, once every record was given. */
  finish(): ParsedPosts {
    if (this.columns === undefined) throw new InputError('empty post table: expected a header with post_id,parent_id,user_id,timestamp', { file: this.file });
    const { report, hasRow, isSource, rows, ids, dropped, idOf, userOf, userName, timeOf, labelOf, groupOf, options, file } = this;
    const counts = report.counts;
    // Parents that never got a row (and were not dropped for privacy, counted there): say where, once per row.
    const unknown: number[] = [];
    for (const r of rows) if (r.parent !== -1 && !hasRow[r.parent] && !dropped.has(idOf[r.parent])) unknown.push(r.line);
    if (unknown.length > 0) {
      report.unknownParents = unknown.length;
      for (const line of unknown) {
        addProblem(report, { file, line, field: 'parent_id', message: 'parent_id: names no post that has a row of its own, so the row is left out with its replies (a source post has an empty parent_id, ROOT or -1)' });
      }
      report.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
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
    const hasGroups = this.columns.group >= 0;
    const cascades: PostCascade[] = [];
    // Users numbered per cascade in entry order; each user's pseudonym is computed once for the whole table.
    const pseudonym: (string | undefined)[] = new Array<string | undefined>(userName.length);
    const localOf = new Int32Array(userName.length);
    const stamp = new Int32Array(userName.length);
    let cascade = 0;
    for (const tree of size > 0 ? splitCascades(forest) : []) {
      cascade++;
      const root = tree.node[0];
      const t0 = tree.time[0];
      const users: string[] = [];
      const groups: string[] = [];
      for (let i = 0; i < tree.node.length; i++) {
        const v = tree.node[i];
        if (hasGroups) groups.push(groupOf[v]);
        const a = userOf[v];
        if (stamp[a] !== cascade) {
          stamp[a] = cascade;
          localOf[a] = users.length;
          users.push((pseudonym[a] ??= options.mapId(userName[a])));
        }
        tree.node[i] = localOf[a];
        tree.time[i] -= t0;
      }
      const sourceId = idOf[root];
      const base = { sourceId, tree, users, report };
      const withLabel = labelOf[root] !== '' ? { ...base, label: labelOf[root] } : base;
      cascades.push(hasGroups ? { ...withLabel, groups } : withLabel);
    }
    return { cascades, report };
  }
}
