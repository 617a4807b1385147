/**
 * The bundled experiments (experiments/*.ts), imported statically so that a
 * browser bundle or a worker has them without a file system: the golden
 * regression layer runs every one of them at its `--quick` size. A test
 * checks that this list matches the files in experiments/, so a new
 * experiment cannot be left out of the regression checks.
 */
import { toExperiment } from '../experiment/define-experiment.js';
import type { ExperimentDefinition } from '../experiment/experiment-types.js';
import algorithmicBias from '../../experiments/algorithmic-bias.js';
import algorithmicBiasFragmentation from '../../experiments/algorithmic-bias-fragmentation.js';
import botsAndPoll from '../../experiments/bots-and-poll.js';
import brandCrisis from '../../experiments/brand-crisis.js';
import communityNotes from '../../experiments/community-notes.js';
import coevolvingVoterRewiring from '../../experiments/coevolving-voter-rewiring.js';
import crowdstrikeHoax from '../../experiments/crowdstrike-hoax.js';
import crowdstrikeHoaxFull from '../../experiments/crowdstrike-hoax-full.js';
import deffuantThreshold from '../../experiments/deffuant-threshold.js';
import echoChambersByRanker from '../../experiments/echo-chambers-by-ranker.js';
import exodus from '../../experiments/exodus.js';
import falseConsensus from '../../experiments/false-consensus.js';
import hoaxVerification from '../../experiments/hoax-verification.js';
import majorityIllusion from '../../experiments/majority-illusion.js';
import misinformationInterventions from '../../experiments/misinformation-interventions.js';
import moderationOff from '../../experiments/moderation-off.js';
import rankerAudit from '../../experiments/ranker-audit.js';
import readCaps from '../../experiments/read-caps.js';
import rumourCascades from '../../experiments/rumour-cascades.js';
import sasaharaRegimes from '../../experiments/sasahara-regimes.js';
import sourceReliability from '../../experiments/source-reliability.js';

/** Module default exports by experiment file name (without `.ts`), sorted. */
const MODULES: ReadonlyArray<readonly [string, unknown]> = [
  ['algorithmic-bias', algorithmicBias],
  ['algorithmic-bias-fragmentation', algorithmicBiasFragmentation],
  ['bots-and-poll', botsAndPoll],
  ['brand-crisis', brandCrisis],
  ['coevolving-voter-rewiring', coevolvingVoterRewiring],
  ['community-notes', communityNotes],
  ['crowdstrike-hoax', crowdstrikeHoax],
  ['crowdstrike-hoax-full', crowdstrikeHoaxFull],
  ['deffuant-threshold', deffuantThreshold],
  ['echo-chambers-by-ranker', echoChambersByRanker],
  ['exodus', exodus],
  ['false-consensus', falseConsensus],
  ['hoax-verification', hoaxVerification],
  ['majority-illusion', majorityIllusion],
  ['misinformation-interventions', misinformationInterventions],
  ['moderation-off', moderationOff],
  ['ranker-audit', rankerAudit],
  ['read-caps', readCaps],
  ['rumour-cascades', rumourCascades],
  ['sasahara-regimes', sasaharaRegimes],
  ['source-reliability', sourceReliability],
];

/** File names (without `.ts`) of the bundled experiments this registry holds, sorted. */
export const goldenExperimentIds: readonly string[] = Object.freeze(MODULES.map(([id]) => id));

let cache: ReadonlyMap<string, ExperimentDefinition> | null = null;

/** The bundled experiments as definitions (a scenario becomes an experiment over its arms), by file name. */
export function goldenExperiments(): ReadonlyMap<string, ExperimentDefinition> {
  if (cache === null) {
    cache = new Map(MODULES.map(([id, mod]) => [id, toExperiment(mod, `experiments/${id}.ts`)] as const));
  }
  return cache;
}
