/**
 * Languages: each country group posts in its language, and a post is read
 * (liked, reshared, replied to) at full rate only by those who read its
 * language: the group's own speakers and, for English, the share of each
 * group that also reads English (`groupEnglishReaders`). For a reader who
 * does not read the post's language, the like, reshare and reply
 * probabilities are multiplied by `foreignLanguageFactor` (images and
 * names still carry some of a post across a language barrier).
 *
 *   odds(i, p) = odds(i, p) · (reads(i, lang(p)) ? 1 : foreignLanguageFactor)
 *   reads(i, L) = L = lang(group(i))  or  (L = en and i reads English)
 *
 * The CrowdStrike hoax was posted in English by a French-speaking account
 * and relayed mostly in the US, Japan and France (VISION.md): language is
 * one of the reasons mention shares need not follow account shares. Who
 * reads English is drawn once per account from the `language` stream of the
 * accounts, so runs without languages draw nothing.
 */
import type { Rng } from '../../model/rng.js';
import type { Agents } from './agents.js';
import type { PlatformParams } from './platform-params.js';

export const ENGLISH = 'en';

export interface LanguageModel {
  /** The distinct languages: the groups', then English if no group speaks it. */
  readonly names: readonly string[];
  /** Language index of each group. */
  readonly ofGroup: Uint8Array;
  /** Index of English in `names`. */
  readonly english: number;
  /** 1 if the account reads English (every account of an English-speaking group does). */
  readonly readsEnglish: Uint8Array;
}

/** The distinct languages of the groups, in order, then English if no group speaks it: what a post may be written in. */
export function languageNames(groupLanguages: readonly string[]): string[] {
  const names = [...new Set(groupLanguages)];
  if (!names.includes(ENGLISH)) names.push(ENGLISH);
  return names;
}

/** The run's language model, or null when `groupLanguages` is empty. */
export function languageModel(params: PlatformParams, agents: Agents, rng: Rng): LanguageModel | null {
  if (params.groupLanguages.length === 0) return null;
  const names = languageNames(params.groupLanguages);
  const ofGroup = Uint8Array.from(params.groupLanguages, (l) => names.indexOf(l));
  const english = names.indexOf(ENGLISH);
  const readers = params.groupEnglishReaders;
  const readsEnglish = new Uint8Array(agents.n);
  for (let i = 0; i < agents.n; i++) {
    const g = agents.group[i];
    const share = ofGroup[g] === english ? 1 : (readers[g] ?? 0);
    // One draw per account whatever its group, so one group's share never shifts another's draws.
    const u = rng.next();
    readsEnglish[i] = u < share ? 1 : 0;
  }
  return { names, ofGroup, english, readsEnglish };
}

/** Does account `i` (of group `group`) read language `language`? Accounts added after the start (bots) read every language. */
export function readsLanguage(m: LanguageModel, i: number, group: number, language: number): boolean {
  if (language === m.ofGroup[group]) return true;
  if (language === m.english) return i >= m.readsEnglish.length || m.readsEnglish[i] === 1;
  return i >= m.readsEnglish.length;
}

/** The index of a language code, or −1. */
export function languageIndex(m: LanguageModel, code: string): number {
  return m.names.indexOf(code);
}
