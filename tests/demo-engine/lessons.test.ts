/**
 * Predict–observe–explain lessons (src/viz/engine/lessons.ts): one per
 * preset, on a variant the preset has; run on the default seed, exactly one
 * choice is borne out (the verdict comes from the run's numbers, not a
 * stored answer), and the explanation quotes the run's own numbers in
 * both languages, with nothing left unfilled.
 */
import { describe, expect, it } from 'vitest';
import { listPresets, presetInfo } from '../../src/viz/engine/demo-presets.js';
import type { DemoMetrics } from '../../src/viz/engine/demo-protocol.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { explainLesson, lessonOf, lessonVerdict, listLessons } from '../../src/viz/engine/lessons.js';

function run(preset: string, arm: string | null): DemoMetrics[] {
  const { session } = DemoSession.create({ preset, arm, seed: '1', params: {} });
  while (!session.done) session.step(50);
  return session.series();
}

describe('lessons', () => {
  it('one per preset, each on one of its variants, with 3 choices in both languages', () => {
    expect(listLessons().map((l) => l.preset).sort()).toEqual(listPresets().map((p) => p.id).sort());
    for (const l of listLessons()) {
      const info = presetInfo(l.preset);
      expect(l.arm === null || info.arms.some((a) => a.id === l.arm)).toBe(true);
      expect(l.choices).toHaveLength(3);
      for (const lang of ['en', 'fr'] as const) {
        expect(l.predict[lang].length).toBeGreaterThan(20);
        for (const c of l.choices) expect(c.text[lang].length).toBeGreaterThan(0);
      }
      expect(lessonOf(l.preset)).toBe(l);
    }
  });

  for (const lesson of listLessons()) {
    it(`${lesson.preset}: one choice borne out by the run, and the explanation quotes its numbers`, () => {
      const rows = run(lesson.preset, lesson.arm);
      expect(lessonVerdict(lesson, rows)).toHaveLength(1);
      const n = lesson.numbers(rows);
      for (const lang of ['en', 'fr'] as const) {
        const text = explainLesson(lesson, rows, lang);
        expect(text).not.toMatch(/[{}]|NaN|undefined/);
        // Every quoted whole number of the run appears as written.
        for (const v of Object.values(n)) if (Number.isInteger(v) && v >= 10) expect(text, `${lang}: ${v}`).toContain(String(v));
        if (lang === 'fr') expect(text).not.toMatch(/ [:;?!]/);
      }
    });
  }
});
