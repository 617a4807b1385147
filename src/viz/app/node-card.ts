/** The card of one account: what it thinks, who follows it, what it has seen, what it believes others think. */
import type { Lang, NodeCard } from '../engine/demo-protocol.js';
import { opinionColour } from './palette.js';
import { formatNumber, t, type TextKey } from './ui-text.js';

const TIER_TEXT: Readonly<Record<NodeCard['tier'], TextKey>> = { verified: 'tierVerified', unverified: 'tierUnverified', new: 'tierNew' };

function row(label: string, value: string): string {
  return `<dt>${label}</dt><dd>${value}</dd>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export function renderCard(card: NodeCard | null, lang: Lang): string {
  if (!card) return `<p class="muted">${t('cardHint', lang)}</p>`;
  const pct = (x: number): string => (Number.isFinite(x) ? `${formatNumber(100 * x, lang, 0)}\u00a0%` : t('nothingSeen', lang));
  const swatch = `<span class="swatch" style="background:${opinionColour(card.opinion)}"></span>`;
  return (
    `<h3>${t('card', lang)} #${card.node}</h3><dl>` +
    row(t('opinion', lang), `${swatch}${formatNumber(card.opinion, lang, 2)}`) +
    row(t('followers', lang), String(card.followers)) +
    row(t('following', lang), String(card.following)) +
    row(t('bot', lang), card.bot ? t('yes', lang) : t('no', lang)) +
    row(t('tier', lang), t(TIER_TEXT[card.tier], lang)) +
    row(t('group', lang), esc(card.group)) +
    row(t('sessions', lang), String(card.sessions)) +
    row(t('seen', lang), `${card.seen.total} ${t('posts', lang)} (${card.seen.right} ${t('leaningRight', lang)}, ${card.seen.left} ${t('leaningLeft', lang)})`) +
    row(t('believes', lang), `${pct(card.believedRightShare)} (${t('truly', lang)} ${pct(card.trueRightShare)})`) +
    row(t('sawHoax', lang), card.sawHoax ? t('yes', lang) : t('no', lang)) +
    (card.suspended ? row(t('suspended', lang), t('yes', lang)) : '') +
    `</dl>`
  );
}
