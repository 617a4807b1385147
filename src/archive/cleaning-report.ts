/**
 * What an archive importer fixed or skipped, per file and summed over an
 * archive, so every repair of the raw data is visible and countable. The
 * rules behind each count are in clean-cascade.ts and the format parsers.
 */

export interface CleaningCounts {
  /** Non-blank lines read. */
  lines: number;
  /** Lines that could not be parsed (skipped; listed in `problems`). */
  malformedLines: number;
  /** Lines repeating an earlier edge between the same two nodes. */
  duplicateLines: number;
  /** Edges from a node to itself. */
  selfLoops: number;
  /** Edges pointing back into the root (the source). */
  edgesIntoRoot: number;
  /** Further ROOT lines naming a different source than the first. */
  extraRootLines: number;
  /** Edges into a node that kept another parent. */
  extraParentsDropped: number;
  /** Nodes not reachable from the root (dropped with their edges). */
  unreachableNodesDropped: number;
  /** Kept nodes with a negative delay, raised to their parent's time. */
  negativeDelaysFixed: number;
  /** Kept nodes with a non-negative delay earlier than their parent's, raised to the parent's time. */
  delaysRaisedToParent: number;
}

export interface LineProblem {
  readonly file: string;
  /** 1-based line number (absent for problems of a whole file). */
  readonly line?: number;
  /** The field that failed, e.g. `child.delay` or `data[3].created_at` (also named at the start of `message`). */
  readonly field?: string;
  /** What is wrong, never the offending content (which may hold raw ids). */
  readonly message: string;
}

export interface CleaningReport {
  readonly file: string;
  readonly counts: CleaningCounts;
  /** The first problems found (at most `MAX_PROBLEMS`); the rest are counted in `problemsOmitted`. */
  readonly problems: LineProblem[];
  problemsOmitted: number;
}

export const MAX_PROBLEMS = 50;

export function emptyCounts(): CleaningCounts {
  return {
    lines: 0,
    malformedLines: 0,
    duplicateLines: 0,
    selfLoops: 0,
    edgesIntoRoot: 0,
    extraRootLines: 0,
    extraParentsDropped: 0,
    unreachableNodesDropped: 0,
    negativeDelaysFixed: 0,
    delaysRaisedToParent: 0,
  };
}

export function newReport(file: string): CleaningReport {
  return { file, counts: emptyCounts(), problems: [], problemsOmitted: 0 };
}

export function addProblem(report: CleaningReport, problem: LineProblem): void {
  if (report.problems.length < MAX_PROBLEMS) report.problems.push(problem);
  else report.problemsOmitted++;
}

/** Adds `b` into `a` (field by field). */
export function addCounts(a: CleaningCounts, b: Readonly<CleaningCounts>): CleaningCounts {
  for (const k of Object.keys(a) as (keyof CleaningCounts)[]) a[k] += b[k];
  return a;
}
