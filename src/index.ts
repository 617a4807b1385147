/**
 * echolab's public surface for experiments, scripts and the browser demo.
 * Everything here is pure (no file system, no DOM, no clock), so it runs the
 * same in Node, worker threads and browsers. File reading lives in
 * `echolab/node` (src/node.ts).
 */

// Seeded randomness and deterministic arithmetic
export { Rng, AliasTable, seedKey, canonicalJson, type RngState } from './model/rng.js';
export { detMath } from './model/det-math.js';
export { fingerprint } from './model/fingerprint.js';
export { InputError, ParamError } from './model/errors.js';

// Networks
export type { EdgeList } from './model/edge-list.js';
export { CsrGraph, type CsrBuildOptions } from './model/csr-graph.js';
export { toGraphology } from './model/to-graphology.js';
export { fromGraphology } from './model/from-graphology.js';
export { erdosRenyi } from './model/generators/erdos-renyi.js';
export { preferentialAttachment } from './model/generators/preferential-attachment.js';
export { stochasticBlockModel } from './model/generators/stochastic-block-model.js';
export { wattsStrogatz } from './model/generators/watts-strogatz.js';
export { configurationModel } from './model/generators/configuration-model.js';
export { completeGraph } from './model/generators/complete-graph.js';
export type { ImportedNetwork, AttributeValue } from './model/import/imported-network.js';
export { parseEdgeList } from './model/import/parse-edge-list.js';
export { parseGml } from './model/import/parse-gml.js';
export { parseGexf } from './model/import/parse-gexf.js';
export { parseGraphml } from './model/import/parse-graphml.js';
export { toCsr } from './model/import/to-csr.js';
export { labelVector, categoryCodes } from './model/import/label-vector.js';
export { writeEdgeList } from './model/import/write-edge-list.js';
export { writeGml } from './model/import/write-gml.js';

// Models
export { defineModel, runUntilConverged, createRun, type ModelDefinition, type ModelState, type RunResult } from './sim/model.js';
export { modelZoo, getZooEntry, runZooModel, type ZooEntry, type ZooRun, type ZooRunOptions } from './sim/model-zoo.js';
export { deffuant, deffuantInteract } from './sim/models/deffuant.js';
export { hegselmannKrause } from './sim/models/hegselmann-krause.js';
export { algorithmicBias, type AlgorithmicBiasSampler } from './sim/models/algorithmic-bias.js';
export { SortedPartnerSampler, OpinionOrder } from './sim/models/algorithmic-bias-sorted.js';
export { voter } from './sim/models/voter.js';
export { coevolvingVoter } from './sim/models/coevolving-voter.js';
export { sasahara, sasaharaCascade, sasaharaFollowGraph } from './sim/models/sasahara.js';
export { baumann } from './sim/models/baumann.js';
export { independentCascade, independentCascadeTree, runCascade, CascadeScratch } from './sim/models/independent-cascade.js';
export { sir, sirCascadeTree } from './sim/models/sir.js';
export { hoaxFactChecking, hoaxShares, hoaxVerifyThreshold } from './sim/models/hoax-fact-checking.js';
export { CascadeRecorder, splitCascades, type CascadeTree } from './sim/cascade-record.js';

// Metrics
export type { NetworkView, CascadeView, MetricDefinition, MetricOptions } from './sim/metric-view.js';
export { metricsRegistry, getMetric, listMetrics, computeMetrics } from './sim/metrics/metrics-registry.js';
export { modularityOf } from './sim/metrics/modularity.js';
export { louvainCommunities, AUTO_CSR_ABOVE, type CommunityAlgorithmChoice } from './sim/metrics/louvain-communities.js';
export { louvainCsr } from './sim/metrics/louvain-csr.js';
export { leidenCsr } from './sim/metrics/leiden-csr.js';
export { type CsrCommunitiesDetail, type CsrCommunityOptions, type LeidenOptions, type CommunityAlgorithm } from './sim/metrics/csr-communities.js';
export { csrCommunityRestarts, type CsrRestartsDetail } from './sim/metrics/csr-community-restarts.js';
export { symmetricAdjacency, type SymmetricAdjacency } from './sim/metrics/symmetric-adjacency.js';
export { louvainRestarts, type LouvainRestartsDetail } from './sim/metrics/louvain-restarts.js';
export { randomWalkControversy } from './sim/metrics/random-walk-controversy.js';
export { boundaryPolarization } from './sim/metrics/boundary-polarization.js';
export { betweennessControversy, edgeBetweenness } from './sim/metrics/betweenness-controversy.js';
export type { ExposureCounts } from './sim/metric-view.js';
export { exposureDiversity } from './sim/metrics/exposure-diversity.js';
export { crossCuttingExposure } from './sim/metrics/cross-cutting-exposure.js';
export { estebanRay, estebanRayOfGroups } from './sim/metrics/esteban-ray.js';
export { amplificationRatio, type ExposureTotals, type AmplificationRatio } from './sim/metrics/amplification-ratio.js';

// Platform simulator
export { createPlatform, Platform, PHASES, DAILY_RHYTHM, type PlatformOptions, type PlatformHooks, type TickCounts } from './sim/platform/platform.js';
export { PLATFORM_SCHEMA, PLATFORM_DEFAULTS, validatePlatformParams, type PlatformParams, type ParamSpec } from './sim/platform/platform-params.js';
export { rankers, explainRanking, HEAVY_RANKER_WEIGHTS, type Ranker, type RankExplanation } from './sim/platform/rankers.js';
export { recommenders, type Recommender } from './sim/platform/recommenders.js';
export { outletCatalogue, outletOf, sourceFactor, type OutletCatalogue } from './sim/platform/outlets.js';
export { ExposureLog, type ExposureLogOptions } from './sim/platform/exposure-log.js';
export { defineRanker, type CustomRankerSpec } from './sim/platform/custom-ranker.js';
export { validatePuppets, puppetOutcomes, PUPPET_POLICIES, PUPPET_OUTCOME_HELP, type PuppetSpec, type PuppetPolicy, type FeedLog, type ResolvedPuppet } from './sim/platform/puppets.js';
export { opinionRules, type OpinionRule } from './sim/platform/opinion-rules.js';
export { chooseAccounts, validateTimeline, timelineHours, type TimelineEvent, type EventTime, type AccountRule, type ChooseOptions } from './sim/platform/timeline.js';
export { runClock, eventHours, dateAtHours, type RunClock } from './sim/platform/run-clock.js';
export { localHour } from './sim/platform/local-hour.js';
export { Observer, perceptionSummary, MONITORS, type PerceptionSummary } from './sim/platform/observers.js';
export { openPoll, Poll, expectedYesShare, botShareForYesShare, botVoteShareFor, type PollOptions, type PollTally } from './sim/platform/poll.js';
export { defineScenario, runScenario, runPaired, buildScenario, armNames, type Scenario, type ScenarioDefinition, type ScenarioRun } from './sim/platform/scenario.js';
export { FALSE_CLAIM, TRUE_CLAIM, NOT_A_CLAIM, KIND_ORIGINAL, KIND_RESHARE, KIND_REPLY } from './sim/platform/post-store.js';
export { attachExodus, Exodus, STAYED, LEFT, CROSS_POSTED, type ExodusOptions, type MoveKind, type MoveRecord } from './sim/platform/exodus.js';
export { EXODUS_SCHEMA, EXODUS_DEFAULTS, validateExodusParams, type ExodusParams, type DestinationKind } from './sim/platform/exodus-params.js';
export { Federation } from './sim/platform/federation.js';
export { inducedView } from './sim/platform/induced-view.js';

// Experiments (pure parts; the runner and the command line are in src/cli)
export { defineExperiment, toExperiment, resolveExperiment, type ResolvedExperiment, type ResolveOptions } from './experiment/define-experiment.js';
export { executeRun } from './experiment/execute-run.js';
export { SPEC_VERSION, definitionToSpec, parseExperimentSpec, specText, specToDefinition, type ExperimentSpec } from './experiment/experiment-spec.js';
export { shardRuns } from './experiment/shard.js';
export type { ExperimentDefinition, RunSpec, RunResult as ExperimentRunResult, NetworkSpec } from './experiment/experiment-types.js';

// Archives (pure parsers; file reading in src/node.ts)
export { parsePropagationTree } from './archive/parse-propagation-tree.js';
export { parseLabelFile } from './archive/parse-label-file.js';
export { PostTableBuilder } from './archive/post-table-builder.js';
export { cleanCascade } from './archive/clean-cascade.js';
export { makeIdMapper } from './archive/pseudonymise.js';
export type { ArchiveCascade } from './archive/archive-cascade.js';
export type { CleaningReport, CleaningCounts } from './archive/cleaning-report.js';
export { ksTwoSample, wasserstein1 } from './compare/distances.js';
export { cascadeFeatures, CASCADE_FEATURES } from './compare/cascade-features.js';
export { compareCascades } from './compare/compare-cascades.js';
export { abcRejection, abcSample, abcPosterior } from './calibrate/abc.js';
export { abcSmc, abcSmcBatched, type SmcGenerationRecord } from './calibrate/abc-smc.js';
export { posteriorHtml } from './calibrate/posterior-html.js';
export { compareNetworkMetrics, archiveNetworkMetrics, archiveNetworkSummary, labelledView, networkMetricRow, NETWORK_COMPARE_METRICS } from './compare/compare-networks.js';
export { summariseCascades, cascadeKsDistance, makeCascadeDistance } from './calibrate/cascade-distance.js';
export { parseTwitterV2, TwitterV2Accumulator } from './archive/parse-twitter-v2.js';
export { parseDeletions } from './archive/parse-deletions.js';
export { followerPredicate } from './archive/follower-predicate.js';
export { bounded, COUNT, CONTINUOUS, PROPORTION, outcomeKindOf, kindRange, type OutcomeKind } from './report/outcome-kind.js';
export { describeOutcome, wilsonInterval, bootstrapMeanInterval, type OutcomeStats } from './report/outcome-interval.js';
export { latinHypercube, saltelliDesign, designPoints, sobolIndices, type SaltelliDesign, type SobolIndex } from './report/sensitivity.js';
