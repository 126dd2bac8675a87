import type { Language } from '../../domain/programme/language.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';

/** The parts of a question an answer is shown against. */
interface ShownQuestion {
  type: string;
  options: unknown;
  max: number | null;
}

/** The parts of an answer the dashboard shows. */
interface ShownAnswer {
  value: unknown;
  skipped: boolean;
  mediaFile: { id: string; mimeType: string; sizeBytes: number } | null;
}

/**
 * A submission's answers, each under its question in the exercise's order, as a list a grading
 * form can sit right under.
 */
export function answersList(
  questions: readonly (ShownQuestion & { id: string; prompt: unknown })[],
  answers: readonly (ShownAnswer & { questionId: string })[],
  t: AdminTranslate,
  language: Language,
): SafeHtml {
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  return html`<dl class="answers">${questions.map(
    (question) =>
      html`<dt>${localizedText(question.prompt, language)}</dt><dd>${answerView(question, byQuestion.get(question.id), t, language)}</dd>`,
  )}</dl>`;
}

/**
 * One answer as staff read it: text as written, choices by their label in the viewer's language,
 * numbers and scales ("4 / 5"), photos inline, voice notes and videos playable, documents to
 * download. Media come from the access-checked media route.
 */
export function answerView(
  question: ShownQuestion,
  answer: ShownAnswer | undefined,
  t: AdminTranslate,
  language: Language,
): SafeHtml {
  if (!answer) return html`<span class="muted">${t('dashboard-people:answer_none')}</span>`;
  if (answer.skipped) return html`<span class="muted">${t('dashboard-people:answer_skipped')}</span>`;
  const value = (answer.value ?? {}) as { text?: unknown; choices?: unknown; number?: unknown };
  if (answer.mediaFile) return mediaView(answer.mediaFile, question.type, t);
  if (typeof value.text === 'string') return html`<p class="answer-text">${value.text}</p>`;
  if (Array.isArray(value.choices)) {
    const options = Array.isArray(question.options) ? (question.options as { key: string; label: unknown }[]) : [];
    const labels = value.choices.map(
      (key) => localizedText(options.find((option) => option.key === key)?.label, language) || String(key),
    );
    return html`<ul class="answer-choices">${labels.map((label) => html`<li>${label}</li>`)}</ul>`;
  }
  if (typeof value.number === 'number') {
    return question.type === 'scale' && question.max !== null
      ? html`<strong>${value.number}</strong> / ${question.max}`
      : html`<strong>${value.number.toLocaleString(language)}</strong>`;
  }
  return html`<span class="muted">${t('dashboard-people:answer_media_missing')}</span>`;
}

function mediaView(
  media: { id: string; mimeType: string; sizeBytes: number },
  questionType: string,
  t: AdminTranslate,
): SafeHtml {
  const source = `/admin/media/${encodeURIComponent(media.id)}`;
  const family = media.mimeType.split('/')[0];
  const download = html`<a href="${source}?download=1" download>${t('dashboard-people:answer_download', { kilobytes: Math.max(1, Math.round(media.sizeBytes / 1024)) })}</a>`;
  if (questionType !== 'document' && family === 'image') {
    return html`<a href="${source}"><img class="answer-photo" src="${source}" alt="${t('dashboard-people:answer_photo_alt')}" loading="lazy"></a>`;
  }
  if (questionType !== 'document' && family === 'audio')
    return html`<audio controls preload="none" src="${source}"></audio> ${download}`;
  if (questionType !== 'document' && family === 'video')
    return html`<video controls preload="metadata" src="${source}"></video> ${download}`;
  return download;
}
