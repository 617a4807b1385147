/**
 * The CrowdStrike-style hoax at full scale: a million accounts, 20 million
 * follows, and the two relaying hubs at the articles' follower counts,
 * 300K and 200K (19 July 2024; ../shared/docs/VISION.md). The scenario is
 * experiments/crowdstrike-hoax.ts unchanged (its banner lists the figures
 * and how it scales them); only the population changes, so the hubs'
 * followers are the articles' own numbers rather than their shares.
 *
 * Question: at the articles' own scale, how far does the hoax reach in 24
 * hours, and how do its country shares of mentions and relays compare with
 * the countries' shares of accounts, with the hubs and with them muted?
 *
 * One run takes about a minute on one core (measured: see the README); the
 * registry's network metrics are left out because Louvain modularity on 20
 * million follows would take longer than the run itself, and the hourly
 * series keep the hoax's own reach and volume only.
 */
import { defineExperiment } from '../src/experiment/define-experiment.js';
import crowdstrike from './crowdstrike-hoax.js';

export default defineExperiment({
  id: 'crowdstrike-hoax-full',
  title: 'CrowdStrike-style hoax at full scale (1M accounts, hubs of 300K and 200K)',
  question:
    'At a million accounts, with the two relaying hubs at the articles\' 300K and 200K followers, how far does the hoax reach in 24 hours, and how do the countries\' shares of mentions and relays compare with their shares of accounts, with the hubs and with them muted?',
  scenario: crowdstrike,
  base: { agents: 1_000_000 },
  vary: { arm: ['with-hubs', 'hubs-muted'] },
  replicates: 3,
  sampleEvery: 1,
  metrics: [],
  finalMetrics: [],
  seed: 'full-scale',
  // The quick size is a smoke test of the set-up (and the regression guard's case), at the scenario's own size.
  quick: { replicates: 1, base: { agents: 5000 } },
});
