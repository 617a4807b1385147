/**
 * Hoax with fact-checking over the verification probability.
 *
 * Question: does the hoax die out once the probability p_verify that a
 * believer checks it exceeds the threshold p_v* = 2α·p_f / ((1 − α)(1 − p_f))
 * (src/sim/models/hoax-fact-checking.ts; Tambuscio, Ruffo, Flammini &
 * Menczer, WWW'15 Companion, 977–982, 2015), and how does the final share of
 * believers fall as p_verify approaches it?
 *
 * Setting: the model's defaults (credibility α = 0.3, spreading rate
 * β = 0.5, forgetting p_f = 0.1, so p_v* = 0.06/0.63 ≈ 0.0952) on an
 * Erdős–Rényi network with mean degree 20 (close to the homogeneous mixing
 * of the mean-field threshold); 10 % of the accounts start as believers.
 * p_verify is swept as multiples of p_v*, from 0 to 2 p_v*. A run stops when
 * no believer is left or after the step budget (one step = one synchronous
 * update of every account); every p_verify of a replicate starts from the
 * same network and the same initial believers.
 *
 * Outcomes: `believers` (final share; the mean-field stationary share below
 * the threshold is s_B* = β/(β+p_f) · (p_f(1+α) − c(1−α)) / (2αc) with
 * c = p_f + (1−p_f)p_v: 0.833 at p_v = 0, 0.515 at 0.25 p_v*, 0.292 at
 * 0.5 p_v*, 0.127 at 0.75 p_v*, 0.047 at 0.9 p_v*, 0 from p_v* on), `fact-checkers`, `susceptible`, and `steps` (time to
 * eradication, longest near the threshold). In a finite network a small
 * believer share near the threshold can die out by chance, so the curve
 * reaches 0 slightly below p_v*.
 */
import { defineExperiment } from '../src/experiment/define-experiment.js';
import { hoaxVerifyThreshold } from '../src/sim/models/hoax-fact-checking.js';

const ALPHA = 0.3;
const P_FORGET = 0.1;
const THRESHOLD = hoaxVerifyThreshold(ALPHA, P_FORGET);
/** Multiples of the threshold, rounded to 4 decimals so run names stay short. */
const at = (factors: readonly number[]) => factors.map((f) => Math.round(f * THRESHOLD * 1e4) / 1e4);

export default defineExperiment({
  id: 'hoax-verification',
  title: 'Hoax with fact-checking: believers over the verification probability',
  question:
    'Does a hoax die out once the verification probability exceeds the mean-field threshold p_v* = 2α·p_f / ((1 − α)(1 − p_f)) (Tambuscio et al. 2015), and how does the final share of believers fall as p_verify approaches it?',
  model: 'hoax-fact-checking',
  network: { kind: 'erdos-renyi', params: { n: 10_000, p: 20 / 9999 } },
  base: { alpha: ALPHA, pForget: P_FORGET, beta: 0.5, believerCount: 1000 },
  vary: { pVerify: at([0, 0.25, 0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2]) },
  replicates: 10,
  steps: 2000,
  sampleEvery: 10,
  metrics: [],
  outcomes: ['believers', 'fact-checkers', 'susceptible'],
  seed: 'tambuscio-2015',
  quick: {
    replicates: 2,
    steps: 400,
    base: { 'network.n': 1000, 'network.p': 20 / 999, believerCount: 100 },
    vary: { pVerify: at([0, 0.5, 1, 1.5]) },
  },
});
