import { DateTime } from 'luxon';
import { parseInviteExpiry } from '../../domain/invite-code.ts';
import type { Language } from '../../domain/programme/language.ts';
import { INVITE_ROLES, type InviteRole } from '../../store/invites/create-invite-codes.ts';
import type { InviteCohortChoice, InviteHubChoice } from '../../store/invites/list-invite-choices.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';

/** More codes at once is almost certainly a typo; a workshop room of 200 is the largest there is. */
export const MAX_CODES_AT_ONCE = 200;
/** The command line's limit too. */
const MAX_USES_PER_CODE = 100_000;

/** The fields as typed, to show the form again with them. */
export type InviteFormValues = Partial<Record<'cohort' | 'role' | 'hub' | 'count' | 'max_uses' | 'expires', string>>;
/** A message (a `dashboard-invites:errors.*` key, with its values) beside the field it is about. */
export type InviteFormErrors = Partial<
  Record<keyof InviteFormValues, { key: string; values?: Record<string, unknown> }>
>;

export interface InviteRequest {
  cohort: InviteCohortChoice;
  role: InviteRole;
  hubId: string | null;
  count: number;
  maxUses: number;
  expiresAt: Date | null;
}

type ReadForm =
  { ok: true; request: InviteRequest } | { ok: false; values: InviteFormValues; errors: InviteFormErrors };

/**
 * Reads the invite form: a cohort of the viewer's, a role, a hub for a trainer and for no one else
 * (the form cannot hide the hub without a script, so the server says it), the numbers within their
 * limits, and an expiry date to come (the end of that day in the programme's time zone).
 */
export function readInviteForm(
  body: unknown,
  choices: { cohorts: InviteCohortChoice[]; hubs: InviteHubChoice[] },
  now: Date,
  language: Language,
): ReadForm {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: keyof InviteFormValues) =>
    typeof fields[name] === 'string' ? (fields[name] as string).trim() : '';
  const values: InviteFormValues = {
    cohort: text('cohort'),
    role: text('role'),
    hub: text('hub'),
    count: text('count'),
    max_uses: text('max_uses'),
    expires: text('expires'),
  };
  const errors: InviteFormErrors = {};
  const cohort = choices.cohorts.find((choice) => choice.id === values.cohort);
  if (!cohort) errors.cohort = { key: 'cohort' };
  const role = INVITE_ROLES.find((candidate) => candidate === values.role);
  if (!role) errors.role = { key: 'role' };
  const hub = choices.hubs.find((choice) => choice.id === values.hub);
  if (role === 'trainer' && !values.hub) errors.hub = { key: 'hub_required' };
  else if (role && role !== 'trainer' && values.hub) errors.hub = { key: 'hub_not_for_role' };
  else if (values.hub && (!hub || (cohort && hub.programmeId !== cohort.programmeId)))
    errors.hub = { key: 'hub_unknown' };
  const count = wholeNumber(values.count, MAX_CODES_AT_ONCE);
  if (count === null) errors.count = { key: 'count' };
  const maxUses = wholeNumber(values.max_uses, MAX_USES_PER_CODE);
  if (maxUses === null) errors.max_uses = { key: 'max_uses' };
  let expiresAt: Date | null = null;
  if (values.expires) {
    const timeZone = cohort?.timeZone ?? choices.cohorts[0]?.timeZone ?? 'UTC';
    // A date only: the date and time with an offset the command line takes is not what the form sends.
    expiresAt = /^\d{4}-\d{2}-\d{2}$/.test(values.expires) ? parseInviteExpiry(values.expires, timeZone) : null;
    if (!expiresAt) errors.expires = { key: 'expires_invalid' };
    else if (expiresAt <= now)
      errors.expires = { key: 'expires_past', values: { today: localDate(now, timeZone, language) } };
  }
  if (!cohort || !role || count === null || maxUses === null || Object.keys(errors).length > 0)
    return { ok: false, values, errors };
  return { ok: true, request: { cohort, role, hubId: hub?.id ?? null, count, maxUses, expiresAt } };
}

/** The form to create codes, with the values typed and each error beside its field. */
export function inviteForm(
  t: AdminTranslate,
  viewer: Viewer,
  choices: { cohorts: InviteCohortChoice[]; hubs: InviteHubChoice[] },
  state: { values?: InviteFormValues; errors?: InviteFormErrors; cohortId?: string },
): SafeHtml {
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const several = new Set(choices.cohorts.map((cohort) => cohort.programmeId)).size > 1;
  const selectedCohort = values.cohort ?? state.cohortId ?? choices.cohorts[0]?.id;
  const zones = [...new Set(choices.cohorts.map((cohort) => cohort.timeZone))].join(', ');
  const programmeName = (programmeId: string) =>
    localizedText(choices.cohorts.find((cohort) => cohort.programmeId === programmeId)?.programmeName, viewer.language);
  /** A labelled control; `control` is given the attributes tying it to its hint and error. */
  const field = (
    name: keyof InviteFormValues,
    label: string,
    control: (attributes: SafeHtml) => SafeHtml,
    hint?: string,
  ) => {
    const error = errors[name];
    const described = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ');
    const attributes = html`id="invite-${name}" name="${name}"${described ? html` aria-describedby="${described}"` : ''}${error ? raw(' aria-invalid="true"') : ''}`;
    return html`<p class="field${error ? ' invalid' : ''}"><label for="invite-${name}">${label}</label>
${control(attributes)}
${hint ? html`<small id="${name}-hint" class="muted">${hint}</small>` : ''}
${error ? html`<strong id="${name}-error" class="field-error">${t(`dashboard-invites:errors.${error.key}`, error.values)}</strong>` : ''}</p>`;
  };
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? raw(' selected') : ''}>${label}</option>`;
  return html`<form method="post" action="/admin/invites" class="invite-form">
${csrfField(viewer)}
${Object.keys(errors).length > 0 ? html`<p class="notice error" role="alert">${t('dashboard-invites:form.refused')}</p>` : ''}
${field(
  'cohort',
  t('dashboard-invites:form.cohort'),
  (attributes) =>
    html`<select ${attributes}>${choices.cohorts.map((cohort) =>
      option(
        cohort.id,
        several
          ? `${localizedText(cohort.programmeName, viewer.language)} — ${localizedText(cohort.name, viewer.language)}`
          : localizedText(cohort.name, viewer.language),
        cohort.id === selectedCohort,
      ),
    )}</select>`,
)}
${field(
  'role',
  t('dashboard-invites:form.role'),
  (attributes) =>
    html`<select ${attributes}>${INVITE_ROLES.map((role) =>
      option(role, t(`dashboard-invites:role.${role}`), role === (values.role ?? 'participant')),
    )}</select>`,
)}
${field(
  'hub',
  t('dashboard-invites:form.hub'),
  (attributes) =>
    html`<select ${attributes}>${option('', t('dashboard-invites:form.hub_none'), !values.hub)}${choices.hubs.map(
      (hub) =>
        option(
          hub.id,
          several
            ? `${localizedText(hub.name, viewer.language)} (${programmeName(hub.programmeId)})`
            : localizedText(hub.name, viewer.language),
          hub.id === values.hub,
        ),
    )}</select>`,
  t('dashboard-invites:form.hub_hint'),
)}
${field(
  'count',
  t('dashboard-invites:form.count'),
  (attributes) =>
    html`<input ${attributes} type="number" inputmode="numeric" min="1" max="${MAX_CODES_AT_ONCE}" required value="${values.count ?? '1'}">`,
  t('dashboard-invites:form.count_hint'),
)}
${field(
  'max_uses',
  t('dashboard-invites:form.max_uses'),
  (attributes) =>
    html`<input ${attributes} type="number" inputmode="numeric" min="1" max="${MAX_USES_PER_CODE}" required value="${values.max_uses ?? '1'}">`,
  t('dashboard-invites:form.max_uses_hint'),
)}
${field(
  'expires',
  t('dashboard-invites:form.expires'),
  (attributes) => html`<input ${attributes} type="date" value="${values.expires ?? ''}">`,
  t('dashboard-invites:form.expires_hint', { zones }),
)}
<p><button type="submit">${t('dashboard-invites:form.submit')}</button></p>
</form>`;
}

/** "2 décembre 2026": a day as people of the programme read it. */
function localDate(at: Date, timeZone: string, language: Language): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale(language).toLocaleString(DateTime.DATE_FULL);
}

function wholeNumber(text: string | undefined, max: number): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 && value <= max ? value : null;
}
