/**
 * Interventions against misinformation: accuracy prompts, prebunking and
 * friction against a hoax.
 *
 * Question: a hoax (a false claim of high appeal) is posted at hour 1 while
 * a stream of other claims, half false and half true, runs all day. How
 * much does each intervention cut the reshares of false posts, what does
 * it cost the true ones (sharing discernment: the reshare rate per view of
 * true claims minus that of false claims), how far does the hoax reach,
 * and how far do opinions move toward it?
 *
 * The interventions (src/sim/platform/interventions.ts, where the
 * articles' figures and the mapping are given in full):
 *
 * - accuracy-prompt: Pennycook et al., Nature 592, 590–595 (2021): a subtle
 *   prompt to think about accuracy raised sharing discernment, chiefly by
 *   lowering the sharing of false headlines. Here every account is prompted
 *   (`accuracyPromptShare` 1, as a platform would show it to all) and its
 *   reshare probability of a false claim is multiplied by 1 − 0.1
 *   (`accuracyPromptEffect`: the 10 % drop in false-sharing intentions
 *   pooled over 20 experiments by Pennycook & Rand, Nature Communications
 *   13, 2333, 2022).
 * - prebunking: Roozenbeek et al., Science Advances 8, eabo6254 (2022):
 *   inoculation videos, six RCTs (n = 6464) and a YouTube field study
 *   (n = 22,632), improved technique recognition, discernment and sharing
 *   decisions. Here half of the accounts are inoculated before the hoax
 *   (`prebunkingShare` 0.5, an ad campaign reaching half of the users): a
 *   false claim's pull on their opinion is multiplied by 1 − 0.48
 *   (`prebunkingBeliefEffect`: the pooled d = −0.36 on the credibility of
 *   misinformation over 42 studies, Lu et al., J Med Internet Res 2023, as
 *   an odds ratio of 0.52), and their resharing falls only through that
 *   (`prebunkingReshareEffect` 0: no pooled effect on sharing false content).
 * - friction: Twitter's 2020 confirmation step before every Retweet cut
 *   sharing by 20 %, and a warning before sharing a Tweet labelled
 *   misleading came with 29 % fewer shares of it. Here every account is
 *   prompted (`frictionShare` 1): any reshare × (1 − 0.2), a false claim's
 *   further × (1 − 0.1125), 0.71 in all.
 *
 * Arms are paired: same seed, same network, accounts, hoax author and
 * claim stream; who is treated is a hash of the account and the run's own
 * salt, the same in every arm.
 *
 * The hoax is posted by the most-followed account (appeal 4, stance +0.8)
 * among 6 claims an hour (half false, appeal 2). Belief in the hoax is the
 * move toward its stance that its own posts cause under bounded confidence
 * (`belief.hoax-pull`: μ·|s − x| per showing within the reader's
 * tolerance, × (1 − e_b) if inoculated); `belief.shift`, the move of all
 * opinions toward +0.8 over the run, mixes in every other post. Scaling: the effects are relative (shares
 * of the reshare probability), so they carry over to any population; the
 * counts are those of 3,000 accounts over 24 hours.
 */
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import { ACCURACY_PROMPT, beliefFactor, FRICTION, PREBUNKING, treatedCount } from '../src/sim/platform/interventions.js';
import { FALSE_CLAIM, KIND_RESHARE, TRUE_CLAIM } from '../src/sim/platform/post-store.js';
import { defineScenario, injectedPost } from '../src/sim/platform/scenario.js';

/** The hoax's stance: belief is the move of opinions toward it. */
export const HOAX_STANCE = 0.8;

/** Opinions before the run, and each account's pull toward the hoax so far. */
interface Start {
  readonly opinion: Float64Array;
  readonly pull: Float64Array;
}

export default defineScenario<Start>({
  id: 'misinformation-interventions',
  title: 'Accuracy prompts, prebunking and friction against a hoax',
  question:
    'A hoax is posted at hour 1 among a day-long stream of claims, half false and half true, on a platform of 3,000 accounts. Compared with no intervention, how much do an accuracy prompt shown to everyone (Pennycook et al., Nature 2021: false reshares × 0.9, the 10 % drop in false-sharing intentions pooled over 20 experiments by Pennycook & Rand, Nature Communications 2022), prebunking of half of the accounts before the hoax (Roozenbeek et al., Science Advances 2022: a false claim\'s pull on opinion × 0.52, the pooled d = −0.36 on the credibility of misinformation by Lu et al., J Med Internet Res 2023) and sharing friction for everyone (Twitter 2020: a confirmation step cut all sharing by 20 %, a warning cut shares of misleading Tweets by 29 %) cut the reshares of false posts, what do they cost true posts, how far does the hoax reach, and how far do opinions move toward it?',
  lookFor:
    'the reshare rate per view of false claims falling by about the published effect (10 % with the prompt, 29 % with friction, which also cuts true claims by about 20 %) and not with prebunking, whose published effect is on belief; discernment (true minus false rate per view) rising with the prompt but falling with friction, which cuts every share; the hoax reaching fewer accounts (about 1,150 in control, about 950 with the prompt and 800 with friction, over 10 paired runs); belief.hoax-pull (the move of opinions toward the hoax its own posts caused) falling in every arm, with prebunking by lowering the pull directly (about a quarter, half of the readers × 0.52). Arms share network, accounts, hoax author and claim stream.',
  params: {
    agents: 3000,
    durationHours: 24,
    network: 'preferential-attachment',
    followsPerAccount: 20,
    activityPerHour: 0.3,
    claimsPerHour: 6,
    claimFalseShare: 0.5,
    claimAppeal: 2,
  },
  quick: { agents: 800 },
  topics: ['hoax'],
  timeline: [{ at: 1, type: 'inject', name: 'hoax', author: { pick: 'most-followed' }, stance: HOAX_STANCE, veracity: 'false', topic: 'hoax', appeal: 4 }],
  arms: {
    control: { description: 'No intervention.' },
    'accuracy-prompt': { description: 'Every account is prompted to think about accuracy: false reshares × (1 − 0.1).', params: { accuracyPromptShare: 1 } },
    prebunking: { description: 'Half of the accounts are inoculated from the start: the pull of false claims on their opinion × (1 − 0.48); their resharing falls only through that.', params: { prebunkingShare: 0.5 } },
    friction: { description: 'Every account must confirm before resharing: reshares × (1 − 0.2), false ones further × (1 − 0.1125), 0.71 in all.', params: { frictionShare: 1 } },
  },
  figures: [
    'Accuracy prompt (Pennycook et al., Nature 2021): a prompt to think about accuracy raised sharing discernment, chiefly by lowering false sharing; here all accounts prompted, false reshares × 0.9: the 10 % drop in false-sharing intentions pooled over 20 experiments (N = 26,863) by Pennycook & Rand, Nature Communications 2022.',
    'Prebunking (Roozenbeek et al., Science Advances 2022): inoculation videos improved recognition, discernment and sharing decisions in 6 RCTs (n = 6464) and a YouTube field study (n = 22,632). Pooled over 42 studies (42,530 people; Lu et al., J Med Internet Res 2023) inoculation lowered the credibility of misinformation by d = −0.36, an odds ratio of 0.52: here half of the accounts inoculated, a false claim\'s pull on their opinion × 0.52, their resharing lower only through that.',
    'Friction (Twitter, 2020): a confirmation step before every Retweet cut sharing by 20 % (Retweets −23 %, Quote Tweets +26 %); a warning before sharing Tweets labelled misleading came with 29 % fewer shares of them. Here all accounts prompted: any reshare × 0.8, a false one × 0.71.',
    'Effects are relative, so they carry over to any population; counts are among 3,000 accounts over 24 hours.',
  ],
  prepare(platform) {
    platform.trackReach();
    const w = platform.world;
    const pull = new Float64Array(w.agents.n);
    const previous = platform.hooks.onExpose;
    // The hoax's own pull on opinion: each time a post of its cascade is shown to a human within its tolerance,
    // bounded confidence moves the reader μ·(1 − e_b if inoculated)·|s − x| toward it (x at the showing, before the session's update).
    platform.hooks = {
      ...platform.hooks,
      onExpose(reader, post, time) {
        previous?.(reader, post, time);
        const hoax = platform.injected.get('hoax');
        if (hoax === undefined || reader >= pull.length || w.agents.bot[reader] !== 0 || w.posts.rootOf(post) !== hoax) return;
        const d = Math.abs(HOAX_STANCE - w.agents.opinion[reader]);
        if (d < w.agents.tolerance[reader]) pull[reader] += w.params.influence * beliefFactor(w, reader) * d;
      },
    };
    return { opinion: Float64Array.from(w.agents.opinion), pull };
  },
  outcomes(platform, start) {
    const w = platform.world;
    const posts = w.posts;
    let resharesFalse = 0;
    let resharesTrue = 0;
    let viewsFalse = 0;
    let viewsTrue = 0;
    for (let p = 0; p < posts.count; p++) {
      const v = posts.veracityOf(p);
      if (v !== FALSE_CLAIM && v !== TRUE_CLAIM) continue;
      const reshare = posts.kindOf(p) === KIND_RESHARE ? 1 : 0;
      if (v === FALSE_CLAIM) {
        resharesFalse += reshare;
        viewsFalse += posts.viewsOf(p);
      } else {
        resharesTrue += reshare;
        viewsTrue += posts.viewsOf(p);
      }
    }
    const rateTrue = viewsTrue > 0 ? resharesTrue / viewsTrue : 0;
    const rateFalse = viewsFalse > 0 ? resharesFalse / viewsFalse : 0;
    const hoax = injectedPost(platform, 'hoax');
    // Belief: how much closer to the hoax's stance opinions end than they began (humans).
    let shift = 0;
    let humans = 0;
    for (let i = 0; i < w.agents.n; i++) {
      if (w.agents.bot[i] !== 0) continue;
      humans++;
      shift += Math.abs(start.opinion[i] - HOAX_STANCE) - Math.abs(w.agents.opinion[i] - HOAX_STANCE);
    }
    const reached = platform.reachedAccounts(hoax);
    let pull = 0;
    let pulled = 0;
    for (let i = 0; i < start.pull.length; i++) {
      pull += start.pull[i];
      if (start.pull[i] > 0) pulled++;
    }
    return {
      'reshares.false': resharesFalse,
      'reshares.true': resharesTrue,
      'reshare-rate.false': rateFalse,
      'reshare-rate.true': rateTrue,
      discernment: rateTrue - rateFalse,
      'false-share-of-claim-reshares': resharesFalse + resharesTrue > 0 ? resharesFalse / (resharesFalse + resharesTrue) : 0,
      'hoax.reach': reached.size,
      'hoax.reach-share': reached.size / w.agents.n,
      'hoax.reshares': platform.cascade(hoax).node.length - 1,
      'belief.shift': humans > 0 ? shift / humans : 0,
      'belief.hoax-pull': humans > 0 ? pull / humans : 0,
      'belief.pulled-share': humans > 0 ? pulled / humans : 0,
      'treated.accuracy-prompt': treatedCount(w, ACCURACY_PROMPT),
      'treated.prebunking': treatedCount(w, PREBUNKING),
      'treated.friction': treatedCount(w, FRICTION),
    };
  },
  outcomeHelp: {
    'reshares.false': 'Reshares of false claims (the hoax and the stream\'s false claims).',
    'reshares.true': 'Reshares of true claims.',
    'reshare-rate.false': 'Reshares of false claims per view of a false claim (original or reshare).',
    'reshare-rate.true': 'Reshares of true claims per view of a true claim.',
    discernment: 'Sharing discernment: reshare rate of true claims minus that of false claims (per view).',
    'false-share-of-claim-reshares': 'False claims\' share of all claim reshares.',
    'hoax.reach': 'Accounts that saw the hoax or any reshare of it.',
    'hoax.reach-share': 'Hoax reach as a share of all accounts.',
    'hoax.reshares': 'Reshares in the hoax\'s cascade.',
    'belief.hoax-pull': 'Belief in the hoax: mean over humans of the opinion move toward the hoax\'s stance (+0.8) that its own posts caused (bounded confidence: μ·|s − x| per showing within the reader\'s tolerance, × (1 − e_b) if inoculated).',
    'belief.pulled-share': 'Share of humans moved toward the hoax by at least one of its posts.',
    'belief.shift': 'Mean move of human opinions toward +0.8 over the whole run, from every post (start distance minus end distance): mostly the other posts, not the hoax.',
    'treated.accuracy-prompt': 'Accounts shown the accuracy prompt.',
    'treated.prebunking': 'Accounts inoculated (prebunking).',
    'treated.friction': 'Accounts under read-before-share friction.',
  },
  keyOutcomes: ['reshares.false', 'reshares.true', 'discernment', 'hoax.reach', 'belief.hoax-pull', 'belief.pulled-share'],
  outcomeKinds: {
    'reshares.false': COUNT,
    'reshares.true': COUNT,
    'reshare-rate.false': bounded(0, 1),
    'reshare-rate.true': bounded(0, 1),
    discernment: bounded(-1, 1),
    'false-share-of-claim-reshares': bounded(0, 1),
    'hoax.reach': COUNT,
    'hoax.reach-share': bounded(0, 1),
    'hoax.reshares': COUNT,
    'belief.shift': bounded(-2, 2),
    'belief.hoax-pull': bounded(0, 2),
    'belief.pulled-share': bounded(0, 1),
    'treated.accuracy-prompt': COUNT,
    'treated.prebunking': COUNT,
    'treated.friction': COUNT,
  },
  metrics: [],
  finalMetrics: [],
});
