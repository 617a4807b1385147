/** The page's own texts and colours (no browser needed). */
import { describe, expect, it } from 'vitest';
import { TEXT_KEYS, followsLimitText, formatNumber, loadingText, t } from '../../src/viz/app/ui-text.js';
import { communityColours, opinionColour } from '../../src/viz/app/palette.js';

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

describe('ui-text', () => {
  it('every text exists in English and French', () => {
    for (const key of TEXT_KEYS) {
      expect(t(key, 'en').trim(), key).not.toBe('');
      expect(t(key, 'fr').trim(), key).not.toBe('');
    }
  });

  it('the texts a class reads first are translated, not copied', () => {
    for (const key of ['title', 'play', 'reset', 'lookFor', 'why', 'problems', 'won'] as const) expect(t(key, 'fr'), key).not.toBe(t(key, 'en'));
  });

  it('the build\'s progress line and Cancel, in both languages, with a no-break space before % and French colons', () => {
    expect(loadingText(45, 'en')).toBe('Building the network… 45\u00a0%');
    expect(loadingText(45, 'fr')).toBe('Construction du réseau… 45\u00a0%');
    expect(loadingText(null, 'fr')).toBe('Construction du réseau…');
    expect(t('cancel', 'fr')).toBe('Annuler');
    expect(t('cancelledPrevious', 'fr')).toBe('Construction du réseau annulée\u00a0: les réglages précédents sont rétablis.');
    for (const key of ['cancelledPrevious', 'cancelledDefaults'] as const) expect(t(key, 'fr'), key).not.toMatch(/ [:;!?%]/);
  });

  it('the follows note under the accounts and follows controls names the bound and the maximum here', () => {
    expect(followsLimitText(1_000_000, 'followsPerAccount', 500, 'en')).toBe('At most 1,000,000 follows in all (accounts × follows per account), so that the page builds the network in about 10 s: here at most 500 follows per account.');
    const fr = followsLimitText(1_000_000, 'agents', 20_000, 'fr');
    expect(fr).toBe('Au plus 1\u202f000\u202f000 abonnements en tout (comptes × abonnements par compte), pour que la page construise le réseau en 10\u00a0s environ\u00a0: ici, au plus 20\u202f000 comptes.');
  });

  it('French numbers use a decimal comma', () => {
    expect(formatNumber(0.25, 'fr')).toBe('0,25');
    expect(formatNumber(0.25, 'en')).toBe('0.25');
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
  });
});

describe('palette', () => {
  it('opinions run from blue (left) through grey to red (right)', () => {
    const [lr, , lb] = rgb(opinionColour(-1));
    const [rr, , rb] = rgb(opinionColour(1));
    const [mr, mg, mb] = rgb(opinionColour(0));
    expect(lb).toBeGreaterThan(lr);
    expect(rr).toBeGreaterThan(rb);
    expect(Math.max(mr, mg, mb) - Math.min(mr, mg, mb)).toBeLessThan(10);
    // Visible on white: the neutral grey is not near-white.
    expect(mr).toBeLessThan(200);
  });

  it('the side of an opinion is readable from its hue, and out-of-range values clamp', () => {
    for (let k = 1; k <= 20; k++) {
      const x = k / 20;
      const [r1, , b1] = rgb(opinionColour(x));
      const [r2, , b2] = rgb(opinionColour(-x));
      expect(r1, `+${x}`).toBeGreaterThan(b1);
      expect(b2, `-${x}`).toBeGreaterThan(r2);
    }
    expect(opinionColour(5)).toBe(opinionColour(1));
    expect(opinionColour(-5)).toBe(opinionColour(-1));
  });

  it('the biggest community gets the first colour whatever its number', () => {
    const a = communityColours(Int32Array.from([7, 7, 7, 2, 2, 9]));
    const b = communityColours(Int32Array.from([0, 0, 0, 5, 5, 3]));
    expect(a.get(7)).toBe(b.get(0));
    expect(a.get(2)).toBe(b.get(5));
    expect(new Set(a.values()).size).toBe(3);
  });
});

describe('chart tick labels follow the language', () => {
  it('French charts write decimals with a comma, English with a point, and leave words alone', async () => {
    const { localiseNumbers } = await import('../../src/viz/app/live-charts.js');
    const svg = '<svg><text>0.25</text><text>-1.5</text><text>10</text><text>Polarisation 0.5 here</text></svg>';
    expect(localiseNumbers(svg, 'fr')).toBe('<svg><text>0,25</text><text>-1,5</text><text>10</text><text>Polarisation 0.5 here</text></svg>');
    expect(localiseNumbers(svg, 'en')).toBe(svg);
  });
});

describe('French typography', () => {
  /** Every French text the page shows: its own table, choices, units, ranking terms, presets, parameters, puzzles and rendered panels. */
  async function frenchTexts(): Promise<Array<[string, string]>> {
    const ui = await import('../../src/viz/app/ui-text.js');
    const { listPresets, paramHelp, paramLabel, paramSpecs } = await import('../../src/viz/engine/demo-presets.js');
    const { listPuzzles } = await import('../../src/viz/engine/puzzles.js');
    const { renderCard } = await import('../../src/viz/app/node-card.js');
    const { renderFeed } = await import('../../src/viz/app/feed-panel.js');
    const out: Array<[string, string]> = [];
    for (const key of TEXT_KEYS) out.push([key, t(key, 'fr')]);
    for (const [name, spec] of Object.entries(paramSpecs())) {
      out.push([`label ${name}`, paramLabel(name, 'fr')], [`help ${name}`, paramHelp(name, 'fr')], [`unit ${name}`, ui.unitLabel(spec.unit, 'fr')]);
      if (spec.kind === 'choice') for (const value of spec.options) out.push([`choice ${value}`, ui.choiceLabel(value, 'fr')]);
    }
    for (const [term, label] of Object.entries(ui.RANK_TERM_LABELS)) out.push([`term ${term}`, label.fr]);
    for (const topic of ['general', 'hoax', 'claims', 'brand', 'poll']) out.push([`topic ${topic}`, ui.topicLabel(topic, 'fr')]);
    for (const p of listPresets()) {
      for (const field of ['title', 'question', 'lookFor'] as const) out.push([`${p.id} ${field}`, p[field].fr]);
      for (const arm of p.arms) out.push([`${p.id} arm ${arm.id}`, arm.label.fr]);
    }
    for (const p of listPuzzles()) for (const field of ['title', 'goal', 'hint'] as const) out.push([`puzzle ${p.id} ${field}`, p[field].fr]);
    out.push(['loading', loadingText(45, 'fr')], ['follows limit', followsLimitText(1_000_000, 'agents', 20_000, 'fr')]);
    out.push(['empty feed', renderFeed(3, [], 'fr').replace(/<[^>]*>/g, '')]);
    const card = { node: 3, opinion: 0.25, followers: 4, following: 5, bot: false, tier: 'new', group: '0', sessions: 2, seen: { total: 4, right: 1, left: 3 }, believedRightShare: 0.25, trueRightShare: 0.5, sawHoax: false, suspended: true } as const;
    out.push(['card', renderCard(card, 'fr').replace(/<[^>]*>/g, ' ')]);
    return out;
  }

  it('a no-break space (U+00A0, or narrow U+202F) comes before every French colon, semicolon, question and exclamation mark', async () => {
    const bad = (await frenchTexts()).filter(([, text]) => /(^|[^\u00a0\u202f])[:;?!]/m.test(text));
    expect(bad).toEqual([]);
  });

  it('French text uses the typographic apostrophe ’, never the straight one', async () => {
    const bad = (await frenchTexts()).filter(([, text]) => text.includes("'"));
    expect(bad).toEqual([]);
  });
});

describe('texts drawn on one SVG line fit the chart', () => {
  it('the histogram and cascade titles, subtitles and empty note are not cut at the chart\'s edge', async () => {
    const { CHART_WIDTH } = await import('../../src/viz/app/live-charts.js');
    const { textWidth } = await import('../../src/viz/charts/svg-text.js');
    const sizes = { chartHistogram: 14, chartHistogramSub: 11, chartCascade: 14, chartCascadeSub: 11, cascadeEmpty: 12 } as const;
    for (const lang of ['en', 'fr'] as const) {
      for (const [key, size] of Object.entries(sizes) as Array<[keyof typeof sizes, number]>) expect(textWidth(t(key, lang), size), `${key} (${lang})`).toBeLessThanOrEqual(CHART_WIDTH - 10);
    }
  });
});

describe('choice values are shown in plain words in both languages', () => {
  it('names every choice the demo exposes, differently in French, keeping the value itself out of sight', async () => {
    const { choiceLabel } = await import('../../src/viz/app/ui-text.js');
    const { paramSpecs } = await import('../../src/viz/engine/demo-presets.js');
    for (const spec of Object.values(paramSpecs())) {
      if (spec.kind !== 'choice') continue;
      for (const value of spec.options) {
        expect(choiceLabel(value, 'en')).not.toBe('');
        expect(choiceLabel(value, 'fr'), value).not.toBe(value);
      }
    }
    expect(choiceLabel('no-such-value', 'fr')).toBe('no-such-value');
  });
});
