/**
 * The lesson of a preset on the page (predict, observe, explain) and the
 * teachers' list of lessons. The texts and verdicts come from
 * engine/lessons.ts; this module only builds the DOM (with textContent:
 * nothing here is parsed as HTML) and reports the class's choice.
 */
import type { DemoMetrics, Lang } from '../engine/demo-protocol.js';
import { explainLesson, lessonVerdict, listLessons, type Lesson } from '../engine/lessons.js';
import { listPresets } from '../engine/demo-presets.js';
import { t } from './ui-text.js';

export interface LessonState {
  /** The choice the class locked in, or null. */
  readonly picked: number | null;
  /** The run has finished: time to explain. */
  readonly done: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** Fills `box` with the lesson's three steps; `onPick` gets the choice locked in. */
export function renderLesson(box: HTMLElement, lesson: Lesson, lang: Lang, state: LessonState, rows: readonly DemoMetrics[], onPick: (choice: number) => void): void {
  const parts: HTMLElement[] = [];
  parts.push(el('h2', t('lessonPredict', lang)));
  parts.push(el('p', lesson.predict[lang]));
  const form = el('form', undefined, 'lesson-choices');
  form.setAttribute('aria-label', t('lessonPredict', lang));
  lesson.choices.forEach((c, i) => {
    const label = el('label', undefined, 'lesson-choice');
    const input = el('input');
    input.type = 'radio';
    input.name = 'lesson-choice';
    input.value = String(i);
    input.checked = state.picked === i;
    input.disabled = state.picked !== null;
    label.append(input, document.createTextNode(` ${c.text[lang]}`));
    form.append(label);
  });
  const lock = el('button', t('lessonLock', lang));
  lock.type = 'submit';
  lock.id = 'lesson-lock';
  lock.disabled = state.picked !== null;
  form.append(lock);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[name="lesson-choice"]:checked');
    if (chosen) onPick(Number(chosen.value));
  });
  parts.push(form);
  parts.push(el('h2', t('lessonObserve', lang)));
  parts.push(el('p', state.picked === null ? t('lessonPickFirst', lang) : state.done ? t('lessonRunDone', lang) : t('lessonRunNow', lang), 'muted'));
  if (state.done && rows.length > 1) {
    parts.push(el('h2', t('lessonExplain', lang)));
    const verdict = lessonVerdict(lesson, rows);
    const shown = verdict.map((i) => lesson.choices[i].text[lang]).join(' / ');
    if (state.picked !== null) {
      const right = verdict.includes(state.picked);
      const p = el('p', `${t(right ? 'lessonRight' : 'lessonWrong', lang)} ${t('lessonRunShows', lang)} ${shown}.`, right ? 'lesson-right' : 'lesson-wrong');
      p.dataset.verdict = right ? 'right' : 'wrong';
      parts.push(p);
    }
    const explanation = el('p', explainLesson(lesson, rows, lang), 'lesson-explain');
    explanation.id = 'lesson-explanation';
    parts.push(explanation);
  }
  box.replaceChildren(...parts);
}

/** The teachers' page: every lesson with its question and a link that opens it. */
export function renderLessonList(box: HTMLElement, lang: Lang, linkOf: (lesson: Lesson) => string): void {
  const titles = new Map(listPresets().map((p) => [p.id, p.title[lang]]));
  const parts: HTMLElement[] = [el('h2', t('lessonsTitle', lang)), el('p', t('lessonsIntro', lang))];
  const list = el('ol', undefined, 'lesson-list');
  for (const lesson of listLessons()) {
    const item = el('li');
    const a = el('a', titles.get(lesson.preset) ?? lesson.preset);
    a.href = linkOf(lesson);
    item.append(a, el('p', lesson.predict[lang], 'muted'));
    list.append(item);
  }
  parts.push(list);
  box.replaceChildren(...parts);
}
