import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { mentorIntroduction } from '../../conversation/notices/mentor-introduction.ts';
import { planStartDate } from '../../domain/programme/plan-start-date.ts';
import { assertCanSeePerson } from '../../store/access/assert-can-see-person.ts';
import { assignMentor, InvalidAssignmentError } from '../../store/mentoring/assign-mentor.ts';
import { findCohortToAssignIn } from '../../store/mentoring/find-cohort-to-assign-in.ts';
import { findMentorAssignment } from '../../store/mentoring/find-mentor-assignment.ts';
import { loadCohortMentors } from '../../store/mentoring/load-cohort-mentors.ts';
import { unassignMentor } from '../../store/mentoring/unassign-mentor.ts';
import { assertCanSeeCohort, assertStaff, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html } from '../html.ts';
import { adminTranslate, csrfField, renderPage } from '../layout.ts';
import { cohortPicker } from './cohort-picker.ts';
import { PEOPLE_STYLE } from './people-style.ts';

const ASSIGN_FORM = z.object({
  menteeId: z.string().min(1),
  mentorId: z.string().min(1),
  /** Empty: the plan starts on the assignment day, or the programme's start for plans when later. */
  startsOn: z.string().optional(),
});

/**
 * GET /admin/mentors?cohort=… (staff) — the cohort's mentors and their current mentees, a form to
 * assign a participant to a mentor (and, if staff choose, the day their action plan starts), and a
 * button to end each assignment. Mentor and mentee are each sent an introduction.
 * POST /admin/mentors/assign and POST /admin/mentors/assignments/:assignmentId/end, audited.
 */
export function registerMentorsPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: { cohort?: string } }>('/admin/mentors', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const cohortId = await viewerCohort(deps.db, viewer, request.query.cohort);
    const t = adminTranslate(deps, viewer);
    const { mentors, participants, planStartsOn } = await loadCohortMentors(deps.db, cohortId);
    const unnamed = t('dashboard-people:unnamed');
    const body = html`${PEOPLE_STYLE}${await cohortPicker(deps.db, viewer, cohortId, '/admin/mentors')}
${mentors.length === 0 ? html`<p class="notice">${t('dashboard-people:no_mentors')}</p>` : ''}
<div class="side-by-side">${mentors.map(
      (mentor) => html`<article class="card mentor"><h2>${mentor.displayName ?? unnamed}</h2>
${
  mentor.mentoring.length === 0
    ? html`<p class="muted">${t('dashboard-people:no_mentees')}</p>`
    : html`<ul class="plain">${mentor.mentoring.map(
        (
          assignment,
        ) => html`<li><a href="/admin/people/${assignment.mentee.id}">${assignment.mentee.displayName ?? unnamed}</a>
<form method="post" action="/admin/mentors/assignments/${assignment.id}/end" class="inline-form">${csrfField(viewer)}<button type="submit" class="secondary" aria-label="${t('dashboard-people:end_assignment_of', { mentee: assignment.mentee.displayName ?? unnamed })}">${t('dashboard-people:end_assignment')}</button></form></li>`,
      )}</ul>`
}
</article>`,
    )}</div>
<section><h2>${t('dashboard-people:assign_title')}</h2>
<form method="post" action="/admin/mentors/assign" class="card">${csrfField(viewer)}
<p><label>${t('dashboard-people:assign_participant')}<br><select name="menteeId" required>${participants.map(
      (enrolment) =>
        html`<option value="${enrolment.person.id}">${enrolment.person.displayName ?? unnamed}${enrolment.person.mentoredBy.length === 0 ? html` — ${t('dashboard-people:without_mentor')}` : ''}</option>`,
    )}</select></label></p>
<p><label>${t('dashboard-people:assign_mentor')}<br><select name="mentorId" required>${mentors.map((mentor) => html`<option value="${mentor.id}">${mentor.displayName ?? unnamed}</option>`)}</select></label></p>
<p><label>${t('dashboard-people:assign_starts')}<br><input type="date" name="startsOn" aria-describedby="starts-hint"></label><br><small id="starts-hint" class="muted">${
      planStartsOn
        ? t('dashboard-people:assign_starts_hint_programme', {
            date: DateTime.fromISO(planStartsOn).setLocale(viewer.language).toFormat('d LLLL yyyy'),
          })
        : t('dashboard-people:assign_starts_hint')
    }</small></p>
<button type="submit">${t('dashboard-people:assign')}</button>
</form></section>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-people:mentors_title'), body, section: 'mentors' }));
  });

  app.post('/admin/mentors/assign', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const form = ASSIGN_FORM.safeParse(request.body ?? {});
    if (!form.success)
      throw new BadRequestError('choose a participant and a mentor', { key: 'dashboard:error_assign_form' });
    const { menteeId, mentorId } = form.data;
    const startsOn = form.data.startsOn ? planStartDate(form.data.startsOn) : null;
    if (form.data.startsOn && !startsOn)
      throw new BadRequestError('the start of the action plan is not a date', { key: 'dashboard:error_assign_starts' });
    await assertCanSeePerson(deps.db, viewer, menteeId);
    const cohortId = await findCohortToAssignIn(deps.db, { menteeId, mentorId, cohortIds: viewer.cohortIds });
    if (!cohortId)
      throw new BadRequestError(`${mentorId} is not a mentor of this participant's cohort`, {
        key: 'dashboard:error_not_mentor_here',
      });
    try {
      // assignMentor writes the audit line itself, with the viewer as actor.
      // In the cohort checked above, never in another programme the mentee may also be part of.
      const now = deps.now();
      const { outbox } = await assignMentor(deps.db, {
        mentorId,
        menteeId,
        defaultLanguage: deps.defaultLanguage,
        cohortId,
        actorId: viewer.personId,
        startsOn,
        introduce: (facts) => mentorIntroduction(facts, deps),
        now,
      });
      // After the commit: a delivery job never looks for a row that is not there yet.
      await deps.queues.deliverOutbound(outbox, now);
    } catch (error) {
      if (error instanceof InvalidAssignmentError)
        throw new BadRequestError(error.message, { key: 'dashboard:error_assignment_invalid' });
      throw error;
    }
    return reply.redirect(`/admin/mentors?cohort=${encodeURIComponent(cohortId)}`, 303);
  });

  app.post<{ Params: { assignmentId: string } }>(
    '/admin/mentors/assignments/:assignmentId/end',
    async (request, reply) => {
      const { viewer } = request;
      assertStaff(viewer);
      const assignment = await findMentorAssignment(deps.db, request.params.assignmentId);
      assertCanSeeCohort(viewer, assignment.cohortId);
      await unassignMentor(deps.db, { assignment, actorId: viewer.personId, now: deps.now() });
      return reply.redirect(`/admin/mentors?cohort=${encodeURIComponent(assignment.cohortId)}`, 303);
    },
  );
}
