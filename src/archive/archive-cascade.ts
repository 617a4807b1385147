/**
 * One imported cascade: the same `CascadeTree` the simulator records (so
 * every cascade metric applies unchanged), plus what the archive says about
 * it. Times are in the archive's unit (Twitter15/16: minutes since the
 * source post).
 */
import type { CascadeTree } from '../sim/cascade-record.js';
import type { CleaningReport } from './cleaning-report.js';

export interface ArchiveCascade {
  /** Id of the source post (the root), as in the archive: `echolab import` writes it as a keyed pseudonym unless --keep-ids. */
  readonly sourceId: string;
  /**
   * Twitter15/16: the post the tree file's ROOT line names. It is `sourceId`
   * except in trees whose ROOT line names another post than the label file
   * (the cascade keeps the label's id; see parse-propagation-tree.ts).
   * Written as `root_post` by `echolab import`, pseudonymised like sourceId.
   */
  readonly rootPost?: string;
  /** Veracity or other label from the archive's label file, if any. */
  readonly label?: string;
  /**
   * Entry 0 = root; `tree.node[i]` indexes `users`. The arrays may be views
   * into one buffer shared by all cascades of an import (the Twitter v2
   * importer does this to save memory): `slice()` them before transferring
   * them to a worker, as a structured clone copies the whole buffer.
   */
  readonly tree: CascadeTree;
  /** User id per distinct user of the tree: pseudonymised unless `keepRawIds`. */
  readonly users: readonly string[];
  readonly report: CleaningReport;
}
