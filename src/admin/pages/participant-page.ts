import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { countryName } from '../../domain/countries.ts';
import { personCountry } from '../../domain/segment.ts';
import type { Language } from '../../domain/programme/language.ts';
import { isWindowOpen } from '../../domain/whatsapp-window.ts';
import { loadCohortScores } from '../../store/cohorts/load-cohort-scores.ts';
import { assertCanSeePerson } from '../../store/access/assert-can-see-person.ts';
import { loadParticipantRecord, type ParticipantRecord } from '../../store/people/load-participant-record.ts';
import { listPersonInvitations } from '../../store/sessions/list-person-invitations.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { timelineChart } from '../charts/timeline-chart.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { listPersonChats } from '../../store/links/list-person-chats.ts';
import { participantChats } from './participant-chats-view.ts';
import { participantSessions } from './participant-sessions-view.ts';
import { participantTimeline } from './participant-timeline.ts';
import { PEOPLE_STYLE } from './people-style.ts';
import { scoresView } from './scores-view.ts';
import { submissionCard } from './submission-card.ts';

/**
 * GET /admin/people/:personId — one participant: profile, channels, local time, every submission
 * with its answers, check-ins, action plan, scores and a timeline. Staff see their cohorts'
 * participants, a mentor only their mentees; anyone else gets 404.
 */
export function registerParticipantPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Params: { personId: string }; Querystring: { chats?: string } }>(
    '/admin/people/:personId',
    async (request, reply) => {
      const { viewer } = request;
      const { personId } = request.params;
      await assertCanSeePerson(deps.db, viewer, personId);
      // Only the enrolments the viewer may see: the same person may be in another programme, or mentored there by someone else.
      const record = await loadParticipantRecord(deps.db, personId, viewer);
      const t = adminTranslate(deps, viewer);
      const now = deps.now();
      const rankings = await Promise.all(
        record.enrolments.map((enrolment) =>
          loadCohortScores(deps.db, { cohortId: enrolment.cohortId, now, personIds: [personId] }),
        ),
      );
      const invitations = await listPersonInvitations(deps.db, personId, viewer);
      const chats = await listPersonChats(deps.db, personId);
      const language = viewer.language;
      const timeZone = record.localTimeZone;
      const name = record.displayName ?? t('dashboard-people:unnamed');
      const body = html`${PEOPLE_STYLE}
${profile(record, { t, language, timeZone, now })}
${participantChats(chats, { t, language, timeZone, viewer, personId, notice: request.query.chats })}
${record.enrolments.some((e) => e.status !== 'stopped') ? html`<p><a class="write-link" href="/admin/inbox/write/${personId}">${t('dashboard-inbox:write.link', { name })}</a></p>` : ''}
${viewer.role === 'staff' ? record.enrolments.map((e) => html`<p><a href="/admin/cohorts/${e.cohortId}/operations?person=${personId}#offline">${t('dashboard-operations:participant_link')}</a></p>`) : ''}
${viewer.role === 'staff' ? html`<p><a class="export-link" href="/admin/people/${personId}/export.json" download>${t('dashboard-people:find.person_export')}</a> <span class="muted">${t('dashboard-people:find.person_export_hint')}</span></p>` : ''}
<section><h2>${t('dashboard-people:timeline')}</h2>
<figure>${timelineChart({
        events: participantTimeline(record, t, language),
        now,
        labels: {
          title: t('dashboard-people:timeline_title', { name }),
          exercises: t('dashboard-people:timeline_exercises'),
          checkIns: t('dashboard-people:timeline_check_ins'),
          now: t('dashboard-people:timeline_now'),
          release: t('dashboard-people:timeline_release'),
          on_time: t('dashboard-people:submission_on_time'),
          late: t('dashboard-people:submission_late'),
          missed: t('dashboard-people:submission_missed'),
          check_in: t('dashboard-people:timeline_check_in'),
        },
        formatDate: (instant) => DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(language).toFormat('d LLL'),
      })}</figure>
</section>
${record.enrolments.map((enrolment, index) => {
  const ranking = rankings[index]!;
  const ranked = ranking.participants.find((participant) => participant.personId === personId);
  const submissions = [...enrolment.submissions].sort((a, b) => a.exercise.position - b.exercise.position);
  return html`<section><h2>${t('dashboard-people:scores')}</h2>${ranked ? scoresView(ranked, ranking.counted, t) : html`<p class="muted">${t('dashboard-people:no_scores')}</p>`}</section>
<section><h2>${t('dashboard-people:submissions')}</h2>
${submissions.length === 0 ? html`<p class="muted">${t('dashboard-people:no_submissions')}</p>` : ''}
${submissions.map((submission) => submissionCard(submission, { viewer, page: `/admin/people/${personId}`, cohortId: enrolment.cohortId, timeZone, language, rubricScale: ranking.rubricScale, t }))}
</section>
${actionPlan(enrolment.actionPlan, t, language)}`;
})}
${participantSessions(invitations, { t, language, timeZone, now, linkSessions: viewer.role === 'staff' })}
${checkIns(record, { t, language, timeZone })}`;
      return reply
        .type('text/html; charset=utf-8')
        .send(
          renderPage(viewer, t, { title: name, body, section: viewer.role === 'mentor' ? 'mentees' : 'participants' }),
        );
    },
  );
}

interface View {
  t: AdminTranslate;
  language: Language;
  timeZone: string;
}

/** The country the person lives in, and whether they gave it or it is their hub's (not asked yet). */
function countryFact(record: ParticipantRecord, language: Language, t: AdminTranslate): string {
  const country = personCountry(record);
  if (!country) return t('country:dashboard_none');
  const name = countryName(country, language);
  return record.country ? name : t('country:dashboard_hub_country', { country: name });
}

function profile(record: ParticipantRecord, { t, language, timeZone, now }: View & { now: Date }): SafeHtml {
  return html`<dl class="profile">
  <dt>${t('dashboard-people:language')}</dt><dd>${record.locale ? t(`dashboard-people:language_${record.locale}`) : t('dashboard-people:language_unset')}</dd>
  <dt>${t('dashboard-people:hub')}</dt><dd>${record.hub ? localizedText(record.hub.name, language) : t('dashboard-people:no_hub')}</dd>
  <dt>${t('country:dashboard_country')}</dt><dd>${countryFact(record, language, t)}</dd>
  <dt>${t('dashboard-people:local_time')}</dt><dd class="local-time">${formatLocalDateTime(now, timeZone, language)} <span class="muted">(${timeZone})</span></dd>
  <dt>${t('dashboard-people:channels')}</dt><dd><ul class="plain">${record.identities.map((identity) => html`<li>${t(`dashboard-people:channel_${identity.channel}`)}${identity.username ? html` <span class="muted">@${identity.username}</span>` : ''} — ${identity.unreachableAt ? html`<span class="badge status-missed">${t('dashboard-people:unreachable')}</span>` : t('dashboard-people:reachable')}${identity.channel === 'whatsapp' ? html` — ${isWindowOpen(identity.lastInboundAt, now) ? t('dashboard-people:window_open') : t('dashboard-people:window_closed')}` : ''}</li>`)}</ul></dd>
  ${record.enrolments.map((e) => html`<dt>${t('dashboard-people:cohort')}</dt><dd>${localizedText(e.cohort.name, language)}${e.team ? html` · ${t('dashboard-people:team', { team: e.team.name })}` : ''}</dd><dt>${t('dashboard-people:status')}</dt><dd><span class="badge enrolment-${e.status}">${t(`dashboard-people:enrolment_${e.status}`)}</span></dd>`)}
  <dt>${t('dashboard-people:mentors')}</dt><dd>${record.mentoredBy.length === 0 ? t('dashboard-people:no_mentor') : record.mentoredBy.map((assignment, index) => html`${index > 0 ? ', ' : ''}${assignment.mentor.displayName ?? '—'}`)}</dd>
  ${record.optedOutAt ? html`<dt>${t('dashboard-people:opted_out')}</dt><dd>${formatLocalDateTime(record.optedOutAt, timeZone, language)}</dd>` : ''}
</dl>
<p class="muted">${t('dashboard-people:times_in_zone', { zone: timeZone })}</p>`;
}

function actionPlan(
  plan: ParticipantRecord['enrolments'][number]['actionPlan'],
  t: AdminTranslate,
  language: Language,
): SafeHtml {
  if (!plan)
    return html`<section><h2>${t('dashboard-people:action_plan')}</h2><p class="muted">${t('dashboard-people:no_action_plan')}</p></section>`;
  const day = (date: Date) =>
    DateTime.fromJSDate(date, { zone: 'UTC' }).setLocale(language).toLocaleString(DateTime.DATE_MED);
  return html`<section><h2>${t('dashboard-people:action_plan')}${plan.title ? html` — ${plan.title}` : ''}</h2>
<div class="table"><table class="milestones"><thead><tr><th>${t('dashboard-people:milestone')}</th><th>${t('dashboard-people:due_on')}</th><th>${t('dashboard-people:status')}</th><th>${t('dashboard-people:note')}</th></tr></thead><tbody>
${plan.milestones.map((milestone) => html`<tr><td>${milestone.title}</td><td>${day(milestone.dueOn)}</td><td><span class="badge milestone-${milestone.status}">${t(`dashboard-people:milestone_${milestone.status}`)}</span></td><td>${milestone.note ?? ''}</td></tr>`)}
</tbody></table></div></section>`;
}

function checkIns(record: ParticipantRecord, { t, language, timeZone }: View): SafeHtml {
  const rows = record.checkInsReceived;
  return html`<section><h2>${t('dashboard-people:check_ins')}</h2>
${
  rows.length === 0
    ? html`<p class="muted">${t('dashboard-people:no_check_ins')}</p>`
    : html`<div class="table"><table class="check-ins"><thead><tr><th>${t('dashboard-people:due')}</th><th>${t('dashboard-people:mentor')}</th><th>${t('dashboard-people:status')}</th><th>${t('dashboard-people:signal')}</th><th>${t('dashboard-people:note')}</th></tr></thead><tbody>
${rows.map((checkIn) => html`<tr><td>${formatLocalDateTime(checkIn.answeredAt ?? checkIn.dueAt, timeZone, language)}</td><td>${checkIn.mentor.displayName ?? ''}</td><td>${t(`dashboard-people:check_in_${checkIn.status}`)}</td><td>${checkIn.signal ? html`<span class="badge signal-${checkIn.signal}">${t(`dashboard-people:signal_${checkIn.signal}`)}</span>` : ''}</td><td>${checkIn.note ?? ''}</td></tr>`)}
</tbody></table></div>`
}
</section>`;
}
