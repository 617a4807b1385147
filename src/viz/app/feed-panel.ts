/**
 * "Why did I see this post?": a reader's feed, each item with its ranking
 * score and the score's terms as small bars (length = |value| relative to
 * the largest term of the feed), so the dominant reason is visible at once.
 * Terms show in plain words; their code names and formulas sit in a tooltip.
 */
import type { FeedItem, Lang } from '../engine/demo-protocol.js';
import { opinionColour } from './palette.js';
import { choiceLabel, formatNumber, t, termLabel, topicLabel } from './ui-text.js';

/** A colon in the page's language (French: a no-break space before it). */
function colon(lang: Lang): string {
  return lang === 'fr' ? '\u00a0:' : ':';
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export function renderFeed(node: number, items: readonly FeedItem[], lang: Lang): string {
  if (items.length === 0) return `<p class="muted">${t('feedOf', lang)} #${node}${colon(lang)} ${t('feedEmpty', lang)}</p>`;
  let maxTerm = 1e-12;
  for (const it of items) for (const term of it.terms) maxTerm = Math.max(maxTerm, Math.abs(term.value));
  const head = `<p class="feed-head">${t('feedOf', lang)} #${node} — ${esc(choiceLabel(items[0].ranker, lang))} · ${t(items[0].combine === 'sum' ? 'combineSum' : 'combineProduct', lang)}</p>`;
  const rows = items
    .map((it, k) => {
      const tags = [
        it.veracity === 'false' ? `<span class="tag tag-false">${t('veracityFalse', lang)}</span>` : it.veracity === 'true' ? `<span class="tag">${t('veracityTrue', lang)}</span>` : '',
        it.labelled ? `<span class="tag tag-label">${t('labelled', lang)}</span>` : '',
        it.reshareOf !== null ? `<span class="tag">${t('reshareOf', lang)} ${it.reshareOf}</span>` : '',
        it.moderation !== 1 ? `<span class="tag">${t('moderationFactor', lang)}${formatNumber(it.moderation, lang, 2)}</span>` : '',
      ].join('');
      const terms = it.terms
        .map(
          (term) =>
            `<tr title="${esc(`${term.term}: ${term.detail}`)}"><th scope="row">${esc(termLabel(term.term, lang))}</th><td class="bar-cell"><span class="bar${term.value < 0 ? ' neg' : ''}" style="width:${((100 * Math.abs(term.value)) / maxTerm).toFixed(1)}%"></span></td><td class="num">${formatNumber(term.value, lang, 3)}</td></tr>`,
        )
        .join('');
      return (
        `<li class="feed-item"><div class="feed-line"><strong>${k + 1}.</strong> ${t('post', lang)} ${it.post} · ${t('author', lang)} #${it.author} · ` +
        `<span class="swatch" style="background:${opinionColour(it.stance)}"></span>${t('stance', lang)} ${formatNumber(it.stance, lang, 2)} · ${t('topic', lang)} ${esc(topicLabel(it.topic, lang))} · ${t('age', lang)} ${formatNumber(it.ageHours, lang, 1)}\u00a0${t('hours', lang)} ` +
        `· <strong>${t('score', lang)} ${formatNumber(it.score, lang, 3)}</strong> ${tags}</div>` +
        (terms ? `<table class="terms" aria-label="${t('termsCaption', lang)}">${terms}</table>` : '') +
        `</li>`
      );
    })
    .join('');
  return `${head}<ol class="feed">${rows}</ol>`;
}
