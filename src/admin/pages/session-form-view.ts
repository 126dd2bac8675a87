import { CHANNEL_NAMES } from '../../domain/inbound-event.ts';
import { ENROLMENT_STATUSES } from '../../domain/segment.ts';
import { ATTENDANCE_MODES, AUDIENCE_ROLES, SESSION_KINDS } from '../../domain/sessions/session-definition.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import type { Viewer } from '../viewer.ts';
import type { SessionChoices } from './session-choices.ts';
import type { FieldErrors } from './session-draft-check.ts';
import type { SessionDraft } from './session-draft.ts';
import { sessionFields, type SessionFields } from './session-form-fields.ts';
import { whereAndWhen } from './session-venue-fields.ts';

/** Statuses a session can invite; people who stopped are never invited. */
const AUDIENCE_STATUSES = ENROLMENT_STATUSES.filter((status) => status !== 'stopped');

/**
 * The one form that creates and edits a session, laid out in one column for a phone: what, who,
 * where and when, answers and attendance, the announcement. `sessionId` null: a new session.
 */
export function sessionForm(
  viewer: Viewer,
  t: AdminTranslate,
  programme: SessionChoices,
  draft: SessionDraft,
  state: { sessionId: string | null; errors: FieldErrors; changeNotice: { count: number } | null },
): SafeHtml {
  const f = sessionFields(t, state.errors);
  const s = (key: string, values?: Record<string, unknown>) => t(`dashboard-sessions:form.${key}`, values);
  const action = state.sessionId ? `/admin/sessions/${state.sessionId}/edit` : '/admin/sessions/new';
  return html`<form method="post" action="${action}" class="session-form" novalidate>${csrfField(viewer)}
<input type="hidden" name="programme" value="${programme.id}">
<h2>${s('what')}</h2>
${
  state.sessionId
    ? html`<p>${s('key')} : <code>${draft.key}</code></p>`
    : f.text('key', s('key'), draft.key, { hint: s('key_hint') })
}
<div class="field${state.errors.kind ? ' invalid' : ''}"><label for="kind">${s('kind')}</label><select id="kind" name="kind">${SESSION_KINDS.map(
    (kind) => html`<option value="${kind}"${draft.kind === kind ? raw(' selected') : ''}>${s(`kind_${kind}`)}</option>`,
  )}</select>${f.error('kind')}</div>
${programme.languages.map(
  (language, index) => html`${f.text(
    `title_${language}`,
    s('title_in', { language: t(`dashboard-broadcasts:language_${language}`) }),
    draft.title[language] ?? '',
    {
      required: index === 0,
      ...(index > 0 && { hint: s('same_if_empty') }),
    },
  )}
${f.area(
  `description_${language}`,
  s('description_in', { language: t(`dashboard-broadcasts:language_${language}`) }),
  draft.description[language] ?? '',
  {
    required: index === 0,
    ...(index > 0 && { hint: s('same_if_empty') }),
  },
)}`,
)}
<h2>${s('who')}</h2>
${f.group(
  'role',
  s('roles'),
  '',
  AUDIENCE_ROLES.map((role) => f.box('role', role, s(`role_${role}`), draft.role.includes(role))),
)}
<details${audienceNarrowed(draft) ? raw(' open') : ''}><summary>${s('narrow')}</summary>
<p class="hint">${t('dashboard-broadcasts:audience_hint')}</p>
${audienceGroups(f, t, programme, draft, viewer)}
</details>
${whereAndWhen(f, t, programme, draft)}
<h2>${s('follow_up')}</h2>
<fieldset><legend>${s('answers')}</legend>${f.box('rsvp', 'yes', s('rsvp'), draft.rsvp)}<br>${f.box('feedback', 'yes', s('feedback'), draft.feedback)}
${f.text('reminders', s('reminders'), draft.reminders, { hint: s('reminders_hint') })}</fieldset>
${f.group(
  'attendance',
  s('attendance'),
  '',
  ATTENDANCE_MODES.map((mode) => f.box('attendance', mode, s(`attendance_${mode}`), draft.attendance.includes(mode))),
)}
<h2>${s('announce')}</h2>
${f.group(
  'announce_when',
  s('announce_when'),
  '',
  html`${f.radio('announce_when', 'now', s('announce_now'), draft.announce.when === 'now')}<br>
${f.radio('announce_when', 'at', s('announce_at'), draft.announce.when === 'at')}
${f.dateTime('announce_at', s('announce_at_label', { zone: programme.timeZone }), draft.announce.at)}
${f.radio('announce_when', 'before', s('announce_before'), draft.announce.when === 'before')}
${f.text('announce_before', s('announce_before_label'), draft.announce.before, { hint: s('announce_before_hint') })}`,
)}
${state.changeNotice ? html`<p class="notice" role="note">${s('change_notice', { count: state.changeNotice.count })}</p>` : ''}
<p class="actions"><button type="submit">${s(state.sessionId ? 'save' : 'create')}</button></p>
</form>`;
}

function audienceNarrowed(draft: SessionDraft): boolean {
  return [draft.cohort, draft.hub, draft.country, draft.channel, draft.status].some((list) => list.length > 0);
}

/** The broadcast form's groups: cohorts, hubs, countries, channels, statuses. */
function audienceGroups(
  f: SessionFields,
  t: AdminTranslate,
  programme: SessionChoices,
  draft: SessionDraft,
  viewer: Viewer,
): SafeHtml[] {
  const countries = [...new Set(programme.hubs.map((hub) => hub.country))];
  const countryNames = new Intl.DisplayNames([viewer.language], { type: 'region', fallback: 'code' });
  const b = (key: string) => t(`dashboard-broadcasts:${key}`);
  return [
    f.group(
      'cohort',
      b('cohorts'),
      programme.seesAllCohorts ? b('any_cohort') : b('your_cohorts'),
      programme.cohorts.map((c) => f.box('cohort', c.id, c.name, draft.cohort.includes(c.id))),
    ),
    f.group(
      'hub',
      b('hubs'),
      b('any_hub'),
      programme.hubs.map((h) => f.box('hub', h.id, h.name, draft.hub.includes(h.id))),
    ),
    f.group(
      'country',
      b('countries'),
      b('any_country'),
      countries.map((code) => f.box('country', code, countryNames.of(code) ?? code, draft.country.includes(code))),
    ),
    f.group(
      'channel',
      b('channels'),
      b('any_channel'),
      CHANNEL_NAMES.map((c) => f.box('channel', c, b(`channel_${c}`), draft.channel.includes(c))),
    ),
    f.group(
      'status',
      b('statuses'),
      t('dashboard-sessions:form.default_statuses'),
      AUDIENCE_STATUSES.map((st) => f.box('status', st, b(`status_${st}`), draft.status.includes(st))),
    ),
  ];
}
