import { html, raw, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import type { FieldErrors } from './session-draft-check.ts';

/**
 * The inputs of the session form, each with its label, an optional hint and, when the last try
 * was refused, what is wrong with it right beside it (linked by aria-describedby, so that a screen
 * reader says it too). A field's name is its id.
 */
export interface SessionFields {
  text(
    name: string,
    label: string,
    value: string,
    options?: { hint?: string; type?: string; required?: boolean; list?: string },
  ): SafeHtml;
  area(name: string, label: string, value: string, options?: { hint?: string; required?: boolean }): SafeHtml;
  dateTime(name: string, label: string, value: string, options?: { hint?: string }): SafeHtml;
  box(name: string, value: string, label: string, checked: boolean): SafeHtml;
  radio(name: string, value: string, label: string, checked: boolean): SafeHtml;
  group(name: string, legend: string, hint: string, content: SafeHtml | SafeHtml[]): SafeHtml;
  /** What is wrong with a field (or a group of them), or nothing. */
  error(name: string): SafeHtml | '';
}

export function sessionFields(t: AdminTranslate, errors: FieldErrors): SessionFields {
  const error = (name: string) => {
    const found = errors[name];
    return found
      ? html`<span class="field-error" id="${name}-error">${t(`dashboard-sessions:${found.key}`, found.values)}</span>`
      : '';
  };
  const described = (name: string, hint: string | undefined) => {
    const ids = [hint ? `${name}-hint` : '', errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors[name] ? raw(' aria-invalid="true"') : ''}`;
  };
  const hintOf = (name: string, hint: string | undefined) =>
    hint ? html`<span class="hint" id="${name}-hint">${hint}</span>` : '';
  const wrap = (name: string, label: string, control: SafeHtml, hint: string | undefined) =>
    html`<div class="field${errors[name] ? ' invalid' : ''}"><label for="${name}">${label}</label>${hintOf(name, hint)}${control}${error(name)}</div>`;
  return {
    text: (name, label, value, options = {}) =>
      wrap(
        name,
        label,
        html`<input type="${options.type ?? 'text'}" id="${name}" name="${name}" value="${value}"${options.list ? html` list="${options.list}"` : ''}${options.required ? raw(' required') : ''}${described(name, options.hint)}>`,
        options.hint,
      ),
    area: (name, label, value, options = {}) =>
      wrap(
        name,
        label,
        html`<textarea id="${name}" name="${name}" rows="3"${options.required ? raw(' required') : ''}${described(name, options.hint)}>${value}</textarea>`,
        options.hint,
      ),
    dateTime: (name, label, value, options = {}) =>
      wrap(
        name,
        label,
        html`<input type="datetime-local" id="${name}" name="${name}" value="${value}"${described(name, options.hint)}>`,
        options.hint,
      ),
    box: (name, value, label, checked) =>
      html`<label class="choice"><input type="checkbox" name="${name}" value="${value}"${checked ? raw(' checked') : ''}> ${label}</label>`,
    radio: (name, value, label, checked) =>
      html`<label class="choice"><input type="radio" name="${name}" value="${value}"${checked ? raw(' checked') : ''}> ${label}</label>`,
    group: (name, legend, hint, content) =>
      html`<fieldset id="${name}"${errors[name] ? raw(' class="invalid"') : ''}><legend>${legend}</legend>${hint ? html`<p class="hint">${hint}</p>` : ''}${content}${error(name)}</fieldset>`,
    error,
  };
}

/** The session pages' styling beyond the layout's: one column of fields, full width on a phone. */
export const SESSION_FORM_STYLE = html`<style>
.session-form fieldset{border:1px solid #dde1e7;border-radius:6px;margin:0 0 .75rem;padding:.5rem .75rem;background:#fff;min-width:0}
.session-form legend{font-weight:600;padding:0 .25rem}
.field{margin:.5rem 0}
.field label{display:block;font-weight:500}
.field input:not([type=checkbox]):not([type=radio]),.field select,.field textarea{display:block;width:100%}
.hint{display:block;color:#5b6573;font-size:.875rem}
.field-error{display:block;color:#b3261e;font-weight:500;margin-top:.15rem}
.invalid input,.invalid textarea,.invalid select{border:2px solid #b3261e;border-radius:4px}
fieldset.invalid{border-color:#b3261e}
.choice{display:inline-block;margin:.25rem 1rem .25rem 0;min-height:1.75rem}
.venue legend .choice{margin:0}
.venues{list-style:none;margin:.75rem 0;padding:0}
.venues li{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.5rem .75rem;margin:0 0 .5rem}
.two{display:grid;grid-template-columns:1fr 1fr;gap:0 .75rem}
@media (max-width:30rem){.two{grid-template-columns:1fr}}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.actions form{margin:0}
.session-form .actions button{flex:1 1 auto}
/* No script: where the browser can tell (:has), the parts that do not apply are folded away. */
.session-form:has(input[name=where][value=online]:checked) .in-person{display:none}
.session-form:has(input[name=where][value=venues]:checked) .online-part{display:none}
.session-form:has(input[name=same_time]:checked) .venue .hours{display:none}
.session-form:has(input[name=same_time]:not(:checked)) #same .two{display:none}
.venue:has(legend input:not(:checked)) > :not(legend){display:none}
.venue:has(legend input:not(:checked)){padding-bottom:0}
.session-form:has(input[name=announce_when][value=at]:not(:checked)) .field:has(> #announce_at){display:none}
.session-form:has(input[name=announce_when][value=before]:not(:checked)) .field:has(> #announce_before){display:none}
</style>`;
