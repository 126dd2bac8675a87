import type { ProgrammeFileProblem } from '../../domain/programme/parse-programme-file.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import type { Viewer } from '../viewer.ts';
import type { ImportPreviewLines } from './programme-import-lines.ts';

/**
 * What the programme-file pages add to the layout's stylesheet: each problem's line quoted in a
 * box that scrolls on its own on a phone, the column marked; the preview's lists as cards.
 */
export const PROGRAMME_FILE_STYLE = raw(`<style>
.problems{list-style:none;margin:0;padding:0;overflow-wrap:anywhere}
.problems>li{background:#fff;border:1px solid #dde1e7;border-left:4px solid #b3261e;border-radius:6px;padding:.5rem .75rem;margin:0 0 .75rem}
.problems .at{font-weight:600}
.problems pre{margin:.4rem 0 0;padding:.4rem;background:#f6f7f9;overflow-x:auto;font-size:.875rem;line-height:1.35}
.problems mark{background:#ffd9d6;color:#1d2430;outline:1px solid #b3261e}
.problems .ln{color:#5b6573;user-select:none}
.upload{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.75rem}
.upload label{display:block;font-weight:600;margin-bottom:.25rem}
.upload input[type=file]{display:block;width:100%;margin:.25rem 0 .75rem}
.preview-list{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:0;padding:.5rem .75rem .5rem 2rem}
.preview-list li{margin:.2rem 0}
.refused{border-left:4px solid #b3261e}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1.25rem 0}
.versions{list-style:none;margin:0;padding:0}
.versions li{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.5rem .75rem;margin:0 0 .5rem}
.versions b{margin-right:.5rem}
</style>`);

/** The upload form of one programme: a file, checked first (nothing is written before "apply"). */
export function uploadForm(t: AdminTranslate, viewer: Viewer, programmeId: string): SafeHtml {
  return html`<form method="post" action="/admin/programme/${programmeId}/check" enctype="multipart/form-data" class="upload">
${csrfField(viewer)}
<label for="file-${programmeId}">${t('dashboard-programme:upload.label')}</label>
<input type="file" id="file-${programmeId}" name="file" accept=".yaml,.yml,text/yaml,application/yaml" required>
<p class="muted">${t('dashboard-programme:upload.hint')}</p>
<button type="submit">${t('dashboard-programme:upload.button')}</button>
</form>`;
}

/** Every problem of a refused file, each with its place and its line quoted, the column marked. */
export function problemsBody(
  t: AdminTranslate,
  upload: { fileName: string; source: string; problems: ProgrammeFileProblem[] },
  form: SafeHtml,
): SafeHtml {
  const lines = upload.source.split(/\r?\n/);
  const count = upload.problems.length;
  return html`${PROGRAMME_FILE_STYLE}<p class="notice error" role="alert">${t('dashboard-programme:refused.summary', { count })}</p>
<p class="muted">${t('dashboard-programme:refused.messages_language')}</p>
<ol class="problems">${upload.problems.map(
    (problem) => html`<li data-line="${problem.line}" data-column="${problem.column}">
<span class="at">${t('dashboard-programme:refused.at', { line: problem.line, column: problem.column })}</span>${problem.path ? html` <span class="muted">${t('dashboard-programme:refused.where', { path: problem.path })}</span>` : ''}
<div>${problem.message}</div>
${quotedLine(lines, problem)}
</li>`,
  )}</ol>
<h2>${t('dashboard-programme:upload.heading')}</h2>
${form}`;
}

/**
 * The line as it is in the file, a caret under the column and the rest of the line from there
 * marked: the checker points at the start of a value ("week 1, sundy 23:59"), and the mistake may
 * be anywhere in it.
 */
function quotedLine(lines: string[], problem: ProgrammeFileProblem): SafeHtml | '' {
  const text = lines[problem.line - 1]?.trimEnd();
  if (text === undefined) return '';
  const start = Math.max(0, Math.min(problem.column - 1, text.length));
  const rest = text.slice(start);
  const number = `${problem.line} | `;
  return html`<pre><span class="ln">${number}</span>${text.slice(0, start)}<mark>${rest === '' ? ' ' : rest}</mark>
<span class="ln" aria-hidden="true">${' '.repeat(number.length + start)}^</span></pre>`;
}

/** What the preview page carries to "apply": the file itself (base64, so no byte changes on the way) and its hashes. */
export interface PendingImport {
  programmeId: string;
  fileName: string;
  source: string;
  sourceHash: string;
  /** The programme's file hash the preview was made against: another import in between shows the preview again. */
  baseHash: string;
}

/** The preview of a valid file: what will be created, changed and refused, and the "apply" button. */
export function previewBody(
  t: AdminTranslate,
  viewer: Viewer,
  pending: PendingImport,
  lines: ImportPreviewLines,
  options: { changedMeanwhile: boolean; versionWarning?: string | null },
): SafeHtml {
  const section = (key: string, items: string[], extra: SafeHtml | '' = '', className = '') =>
    items.length === 0
      ? ''
      : html`<h2>${t(`dashboard-programme:preview.${key}`)} (${items.length})</h2>${extra}<ul class="preview-list ${className}" data-preview="${key}">${items.map((item) => html`<li>${item}</li>`)}</ul>`;
  const nothing = lines.created.length + lines.refused.length + lines.notes.length === 0 && lines.changed.length <= 1;
  return html`${PROGRAMME_FILE_STYLE}${options.changedMeanwhile ? html`<p class="notice error" role="alert">${t('dashboard-programme:preview.changed_meanwhile')}</p>` : ''}
${options.versionWarning ? html`<p class="notice error" role="alert">${options.versionWarning}</p>` : ''}
<p class="notice">${t('dashboard-programme:preview.intro', { file: pending.fileName })}</p>
${section('created', lines.created)}
${section('changed', lines.changed)}
${section('refused', lines.refused, html`<p class="muted">${t('dashboard-programme:preview.refused_hint')}</p>`, 'refused')}
${section('notes', lines.notes)}
${nothing ? html`<p>${t('dashboard-programme:preview.nothing')}</p>` : ''}
<form method="post" action="/admin/programme/${pending.programmeId}/apply" class="actions">
${csrfField(viewer)}
<input type="hidden" name="file" value="${Buffer.from(pending.source, 'utf8').toString('base64')}">
<input type="hidden" name="fileName" value="${pending.fileName}">
<input type="hidden" name="sha256" value="${pending.sourceHash}">
<input type="hidden" name="base" value="${pending.baseHash}">
<button type="submit">${t('dashboard-programme:preview.apply')}</button>
<a href="/admin/programme">${t('dashboard-programme:preview.cancel')}</a>
</form>`;
}
