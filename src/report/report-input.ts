/**
 * What the report reads of a resolved experiment: a subset of
 * `ResolvedExperiment`, so a resolved experiment is accepted as is, and a
 * test (or a tool rebuilding a report from a manifest) need only supply
 * these fields.
 */
import type { ResolvedExperiment } from '../experiment/define-experiment.js';

export type ReportExperiment = Pick<
  ResolvedExperiment,
  'definition' | 'id' | 'replicates' | 'base' | 'vary' | 'steps' | 'durationHours' | 'sampleEvery' | 'metrics' | 'runs' | 'options' | 'finalColumns'
> &
  Partial<Pick<ResolvedExperiment, 'kind' | 'untilConverged' | 'columnHelp' | 'finalMetrics' | 'design'>>;

export type { ResolvedExperiment };
