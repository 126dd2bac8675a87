import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { applicationDecisionNotice } from '../../conversation/notices/application-decision-notice.ts';
import { applicationCallJson } from '../../domain/applications/application-call.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { acceptedJoiningMessages } from '../../store/applications/accepted-joining.ts';
import {
  decideApplication,
  DecisionNotAllowedError,
  nextDecisions,
} from '../../store/applications/decide-application.ts';
import { findViewerCall, type ReviewedCall } from '../../store/applications/find-viewer-call.ts';
import { APPLICATION_DECISIONS, type ApplicationDecision } from '../../store/applications/list-applications.ts';
import {
  applicationCallId,
  loadApplication,
  type ApplicationDetail,
} from '../../store/applications/load-application.ts';
import { ApplicationNotSubmittedError, reviewApplication } from '../../store/applications/review-application.ts';
import { shortlistApplication } from '../../store/applications/shortlist-application.ts';
import { assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, csrfField, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { answerView } from './answer-view.ts';
import { countryLabel } from './application-filters.ts';
import { APPLICATIONS_STYLE, averageText, decisionBadge } from './application-style.ts';

/** A review's comment longer than this is refused: a note, not an essay. */
const COMMENT_MAX_LENGTH = 2000;

type Params = { Params: { applicationId: string } };

/** What a review form sent, and what is wrong with it, to show again beside its fields. */
interface ReviewFormState {
  values: { score: string; comment: string };
  errors: { score?: string; comment?: string };
}

const DECISION_FORM = z.object({ decision: z.enum(APPLICATION_DECISIONS), confirm: z.literal('yes').optional() });

/**
 * GET /admin/applications/:id (staff) — one application: the applicant, each answer under its
 * question (photos shown, voice notes and videos played, documents linked), every reviewer's grade
 * and comment with the average, the viewer's own review form, the shortlist mark and the decision.
 * POST …/review, …/shortlist, …/decision (a decision is shown first with the exact message the
 * applicant will read, then confirmed). An application of another programme's call is not found.
 */
export function registerApplicationPage(app: FastifyInstance, deps: AdminDependencies): void {
  async function load(
    viewer: Viewer,
    applicationId: string,
  ): Promise<{ call: ReviewedCall; application: ApplicationDetail }> {
    assertStaff(viewer);
    const call = await findViewerCall(deps.db, viewer.programmeIds, await applicationCallId(deps.db, applicationId));
    return { call, application: await loadApplication(deps.db, applicationId, call.id) };
  }

  app.get<Params & { Querystring: { done?: string } }>('/admin/applications/:applicationId', async (request, reply) => {
    const { call, application } = await load(request.viewer, request.params.applicationId);
    return page(reply, request.viewer, call, application, { done: request.query.done });
  });

  app.post<Params>('/admin/applications/:applicationId/review', async (request, reply) => {
    const { viewer } = request;
    const { call, application } = await load(viewer, request.params.applicationId);
    viewer.path = `/admin/applications/${application.id}`;
    const form = readReviewForm(request.body, call.rubricScale, adminTranslate(deps, viewer));
    if (!form.ok) return page(reply.code(400), viewer, call, application, { review: form.state });
    try {
      await reviewApplication(deps.db, {
        applicationId: application.id,
        callId: call.id,
        reviewerId: viewer.personId,
        ...form.review,
      });
    } catch (error) {
      if (error instanceof ApplicationNotSubmittedError)
        throw new BadRequestError(error.message, { key: 'dashboard-applications:error.not_submitted' });
      throw error;
    }
    return reply.redirect(`/admin/applications/${application.id}?done=reviewed#reviews`, 303);
  });

  app.post<Params>('/admin/applications/:applicationId/shortlist', async (request, reply) => {
    const { viewer } = request;
    const { call, application } = await load(viewer, request.params.applicationId);
    const body = z.object({ shortlisted: z.enum(['yes', 'no']) }).safeParse(request.body ?? {});
    if (!body.success)
      throw new BadRequestError('shortlisted must be yes or no', { key: 'dashboard-applications:error.form' });
    await shortlistApplication(deps.db, {
      applicationId: application.id,
      callId: call.id,
      actorId: viewer.personId,
      shortlisted: body.data.shortlisted === 'yes',
    });
    return reply.redirect(`/admin/applications/${application.id}?done=shortlist#shortlist`, 303);
  });

  app.post<Params>('/admin/applications/:applicationId/decision', async (request, reply) => {
    const { viewer } = request;
    const { call, application } = await load(viewer, request.params.applicationId);
    viewer.path = `/admin/applications/${application.id}`;
    const form = DECISION_FORM.safeParse(request.body ?? {});
    const t = adminTranslate(deps, viewer);
    if (!form.success)
      return page(reply.code(400), viewer, call, application, {
        decisionError: t('dashboard-applications:error.decision_missing'),
      });
    const { decision, confirm } = form.data;
    if (!nextDecisions(application.decision).includes(decision) || application.status !== 'submitted')
      return page(reply.code(409), viewer, call, application, {
        decisionError: t('dashboard-applications:error.decision_final'),
      });
    if (confirm !== 'yes') return confirmation(reply, viewer, call, application, decision);
    const now = deps.now();
    let outbox;
    try {
      ({ outbox } = await decideApplication(deps.db, {
        applicationId: application.id,
        callId: call.id,
        actorId: viewer.personId,
        decision,
        now,
        notice: (facts) => applicationDecisionNotice(facts, deps),
        joining: (tx, accepted) =>
          acceptedJoiningMessages(tx, accepted, {
            translate: deps.translate,
            defaultLanguage: deps.defaultLanguage,
            now: deps.now,
            mediaDir: deps.mediaDir,
          }),
      }));
    } catch (error) {
      if (error instanceof DecisionNotAllowedError)
        return page(reply.code(409), viewer, call, await loadApplication(deps.db, application.id, call.id), {
          decisionError: t('dashboard-applications:error.decision_final'),
        });
      throw error;
    }
    // After the commit: a delivery job never looks for a row that is not there yet.
    await deps.queues.deliverOutbound(outbox, now);
    return reply.redirect(`/admin/applications/${application.id}?done=${decision}#decision`, 303);
  });

  function page(
    reply: FastifyReply,
    viewer: Viewer,
    call: ReviewedCall,
    application: ApplicationDetail,
    options: { done?: string | undefined; review?: ReviewFormState; decisionError?: string },
  ): FastifyReply {
    const t = adminTranslate(deps, viewer);
    const questions = applicationCallJson.questions.parse(call.questions);
    const byKey = new Map(application.answers.map((answer) => [answer.questionKey, answer]));
    const done = options.done && /^[a-z_]+$/.test(options.done) ? options.done : null;
    const body = html`${APPLICATIONS_STYLE}<p><a href="/admin/applications">${t('dashboard-applications:back')}</a></p>
${done ? html`<p class="notice" role="status">${t(`dashboard-applications:done.${done}`)}</p>` : ''}
${facts(application, call, viewer, t)}
<h2>${t('dashboard-applications:answers')}</h2>
<dl class="answers">${questions.map(
      (question) =>
        html`<dt>${localizedText(question.prompt, viewer.language)}</dt><dd>${answerView(question, byKey.get(question.key), t, viewer.language)}</dd>`,
    )}</dl>
${reviewsSection(application, call, viewer, t, options.review)}
${shortlistSection(application, viewer, t)}
${decisionSection(application, call, viewer, t, options.decisionError)}`;
    return reply.type('text/html; charset=utf-8').send(
      renderPage(viewer, t, {
        title: application.person.name ?? t('dashboard-applications:no_name'),
        body,
        section: 'applications',
      }),
    );
  }

  /** The decision's second step: what will happen, the exact message, and a button to confirm. */
  function confirmation(
    reply: FastifyReply,
    viewer: Viewer,
    call: ReviewedCall,
    application: ApplicationDetail,
    decision: ApplicationDecision,
  ): FastifyReply {
    const t = adminTranslate(deps, viewer);
    const name = application.person.name ?? t('dashboard-applications:no_name');
    const body = html`${APPLICATIONS_STYLE}<section class="card" id="confirm">
<p>${t(`dashboard-applications:confirm.${decision}`, { name, days: call.keepDeclinedDays })}</p>
<p>${t('dashboard-applications:confirm.message')}</p>
<p class="preview" lang="${noticeLanguage(application)}">${noticeText(application, call, decision)}</p>
<form method="post" action="/admin/applications/${application.id}/decision">${csrfField(viewer)}<input type="hidden" name="decision" value="${decision}"><input type="hidden" name="confirm" value="yes">
<p><button type="submit"${decision === 'declined' ? raw(' class="danger"') : ''}>${t(`dashboard-applications:confirm.button_${decision}`)}</button> <a href="/admin/applications/${application.id}#decision">${t('dashboard-applications:confirm.cancel')}</a></p></form></section>`;
    return reply.type('text/html; charset=utf-8').send(
      renderPage(viewer, t, {
        title: t('dashboard-applications:confirm.title', { name }),
        body,
        section: 'applications',
      }),
    );
  }

  function noticeLanguage(application: ApplicationDetail): string {
    return application.person.locale ?? deps.defaultLanguage;
  }

  function noticeText(application: ApplicationDetail, call: ReviewedCall, decision: ApplicationDecision): string {
    const notice = applicationDecisionNotice(
      {
        decision,
        recipient: { locale: application.person.locale, displayName: application.person.name },
        programme: { name: call.programmeName, defaultLocale: call.defaultLocale },
        notices: applicationCallJson.notices.parse(call.notices),
      },
      deps,
    );
    return notice.kind === 'text' ? notice.text : '';
  }

  function decisionSection(
    application: ApplicationDetail,
    call: ReviewedCall,
    viewer: Viewer,
    t: AdminTranslate,
    error: string | undefined,
  ): SafeHtml {
    const allowed = application.status === 'submitted' ? nextDecisions(application.decision) : [];
    const decided = application.decision
      ? html`<p>${decisionBadge(application.decision, t)} ${t('dashboard-applications:decided_by', {
          name: application.decidedBy ?? t('dashboard-applications:no_name'),
          when: application.decidedAt ? formatLocalDateTime(application.decidedAt, call.timeZone, viewer.language) : '',
        })}</p>
${application.decisionToldAt ? html`<p class="muted">${t('dashboard-applications:told')}</p>` : html`<p class="muted">${t('dashboard-applications:not_told')}</p>`}
${application.eraseAfter ? html`<p class="muted">${t('dashboard-applications:erased_on', { when: formatLocalDateTime(application.eraseAfter, call.timeZone, viewer.language) })}</p>` : ''}`
      : html`<p>${decisionBadge(null, t)}</p>`;
    const form =
      allowed.length === 0
        ? html`${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}<p class="muted">${t(application.status === 'submitted' ? 'dashboard-applications:decision_final' : 'dashboard-applications:not_submitted')}</p>`
        : html`<form method="post" action="/admin/applications/${application.id}/decision" class="decisions${error ? ' invalid' : ''}">${csrfField(viewer)}
<fieldset><legend>${t('dashboard-applications:decide')}</legend>
${allowed.map((decision) => html`<label><input type="radio" name="decision" value="${decision}" required> ${t(`dashboard-applications:decision.${decision}`)}</label>`)}
${error ? html`<span class="field-error" role="alert">${error}</span>` : ''}
</fieldset>
<p class="muted">${t('dashboard-applications:decide_hint')}</p>
<button type="submit">${t('dashboard-applications:decide_next')}</button></form>`;
    return html`<section class="card" id="decision"><h2>${t('dashboard-applications:decision_title')}</h2>${decided}${form}</section>`;
  }
}

function facts(application: ApplicationDetail, call: ReviewedCall, viewer: Viewer, t: AdminTranslate): SafeHtml {
  const { person } = application;
  const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<dl class="facts">
${row(t('dashboard-applications:facts.language'), person.locale ? t(`dashboard-applications:language.${person.locale}`) : '—')}
${row(t('dashboard-applications:facts.country'), countryLabel(person.country, viewer.language, '—'))}
${row(t('dashboard-applications:facts.city'), application.city ?? '—')}
${row(t('dashboard-applications:facts.channel'), person.channels.map((channel) => t(`dashboard-applications:channel.${channel}`)).join(', ') || '—')}
${row(
  t('dashboard-applications:facts.state'),
  application.submittedAt
    ? t('dashboard-applications:submitted_at', {
        when: formatLocalDateTime(application.submittedAt, call.timeZone, viewer.language),
      })
    : t('dashboard-applications:state.started'),
)}
</dl>`;
}

function reviewsSection(
  application: ApplicationDetail,
  call: ReviewedCall,
  viewer: Viewer,
  t: AdminTranslate,
  state: ReviewFormState | undefined,
): SafeHtml {
  const own = application.reviews.find((review) => review.reviewerId === viewer.personId);
  const values = state?.values ?? { score: own ? String(own.score) : '', comment: own?.comment ?? '' };
  const errors = state?.errors ?? {};
  const scores = Array.from({ length: call.rubricScale }, (_, index) => String(index + 1));
  const list =
    application.reviews.length === 0
      ? html`<p class="muted">${t('dashboard-applications:reviews.none')}</p>`
      : html`<p><strong>${t('dashboard-applications:reviews.average', { average: averageText(application.average, call.rubricScale, viewer.language), count: application.reviews.length })}</strong></p>
<ul class="reviews">${application.reviews.map(
          (review) =>
            html`<li><strong>${review.reviewerName ?? t('dashboard-applications:no_name')}</strong> : ${review.score} / ${call.rubricScale}${review.comment ? html`<br><q>${review.comment}</q>` : ''}</li>`,
        )}</ul>`;
  const form =
    application.status !== 'submitted'
      ? html`<p class="muted">${t('dashboard-applications:not_submitted')}</p>`
      : html`<form method="post" action="/admin/applications/${application.id}/review">${csrfField(viewer)}
<p class="${errors.score ? 'invalid' : ''}"><label>${t('dashboard-applications:reviews.score', { scale: call.rubricScale })}<br><select name="score"${errors.score ? raw(' aria-invalid="true" aria-describedby="score-error"') : ''}><option value="">${t('dashboard-applications:reviews.choose')}</option>${scores.map((score) => html`<option value="${score}"${values.score === score ? raw(' selected') : ''}>${score}</option>`)}</select></label>${errors.score ? html`<span class="field-error" id="score-error">${errors.score}</span>` : ''}</p>
<p class="${errors.comment ? 'invalid' : ''}"><label>${t('dashboard-applications:reviews.comment')}<br><textarea name="comment" rows="3" maxlength="${COMMENT_MAX_LENGTH}"${errors.comment ? raw(' aria-invalid="true" aria-describedby="comment-error"') : ''}>${values.comment}</textarea></label>${errors.comment ? html`<span class="field-error" id="comment-error">${errors.comment}</span>` : ''}</p>
<button type="submit">${own ? t('dashboard-applications:reviews.update') : t('dashboard-applications:reviews.save')}</button></form>`;
  return html`<section class="card" id="reviews"><h2>${t('dashboard-applications:reviews.title')}</h2>${list}${form}</section>`;
}

function shortlistSection(application: ApplicationDetail, viewer: Viewer, t: AdminTranslate): SafeHtml {
  if (application.status !== 'submitted') return html``;
  const next = application.shortlisted ? 'no' : 'yes';
  return html`<section class="card" id="shortlist"><h2>${t('dashboard-applications:shortlist.title')}</h2>
<p>${application.shortlisted ? html`<span class="star">★</span> ${t('dashboard-applications:shortlist.on')}` : t('dashboard-applications:shortlist.off')}</p>
<form method="post" action="/admin/applications/${application.id}/shortlist">${csrfField(viewer)}<input type="hidden" name="shortlisted" value="${next}"><button type="submit" class="secondary">${t(`dashboard-applications:shortlist.${next === 'yes' ? 'add' : 'remove'}`)}</button></form></section>`;
}

/** Reads a review form: a grade on the rubric scale (never a default one) and an optional comment. */
function readReviewForm(
  body: unknown,
  scale: number,
  t: AdminTranslate,
): { ok: true; review: { score: number; comment: string | null } } | { ok: false; state: ReviewFormState } {
  const fields = z.object({ score: z.string().optional(), comment: z.string().optional() }).safeParse(body ?? {});
  const score = fields.success ? (fields.data.score ?? '').trim() : '';
  const comment = fields.success ? (fields.data.comment ?? '') : '';
  const errors: ReviewFormState['errors'] = {};
  const number = Number(score);
  if (!score) errors.score = t('dashboard-applications:error.score_missing');
  else if (!Number.isInteger(number) || number < 1 || number > scale)
    errors.score = t('dashboard-applications:error.score_range', { scale });
  if (comment.length > COMMENT_MAX_LENGTH)
    errors.comment = t('dashboard-applications:error.comment_long', { max: COMMENT_MAX_LENGTH });
  if (errors.score || errors.comment) return { ok: false, state: { values: { score, comment }, errors } };
  return { ok: true, review: { score: number, comment: comment.trim() || null } };
}
