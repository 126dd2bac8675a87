import type { FastifyInstance } from 'fastify';
import { segmentFilterSchema, type SegmentFilter } from '../../domain/segment.ts';
import {
  broadcastDeliveryReport,
  type BroadcastDeliveryReport,
} from '../../store/broadcasts/broadcast-delivery-report.ts';
import { cancelBroadcast } from '../../store/broadcasts/cancel-broadcast.ts';
import { scheduleDashboardBroadcast } from '../../store/broadcasts/schedule-dashboard-broadcast.ts';
import { NotFoundError } from '../../store/errors.ts';
import { listBroadcasts } from '../../store/broadcasts/list-broadcasts.ts';
import { previewBroadcast, type BroadcastPreview } from '../../store/broadcasts/preview-broadcast.ts';
import { countAudience } from '../../store/broadcasts/segment-query.ts';
import { assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html } from '../html.ts';
import { adminTranslate, renderPage } from '../layout.ts';
import type { Viewer } from '../viewer.ts';
import {
  BROADCAST_STYLE,
  BROADCAST_TEXT_MAX_CHARS,
  broadcastForm,
  emptyDraft,
  loadProgrammeChoices,
  readDraft,
  readyBroadcast,
  type BroadcastDraft,
  type ProgrammeChoices,
} from './broadcast-form.ts';
import { previewView } from './broadcast-preview-view.ts';
import { reportView } from './broadcast-report-view.ts';
import { broadcastTable } from './broadcast-table.ts';

type Form = Record<string, unknown>;

/**
 * Broadcasts, for staff: the list (GET /admin/broadcasts), the compose form
 * (GET /admin/broadcasts/new), its preview (POST /admin/broadcasts/preview), scheduling
 * (POST /admin/broadcasts, created as the chat flow creates them and fanned out when due, the
 * segment evaluated then), the delivery report (GET /admin/broadcasts/:id) and cancelling a
 * broadcast not sent yet (POST /admin/broadcasts/:id/cancel).
 */
export function registerBroadcastsPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get('/admin/broadcasts', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const t = adminTranslate(deps, viewer);
    const broadcasts = await listBroadcasts(deps.db, { programmeIds: viewer.programmeIds });
    const programmes = await Promise.all(viewer.programmeIds.map((id) => loadProgrammeChoices(deps.db, viewer, id)));
    const body = html`${BROADCAST_STYLE}
<p class="actions">${programmes.map(
      (programme) =>
        html`<a class="button" href="/admin/broadcasts/new?programme=${encodeURIComponent(programme.id)}">${programmes.length > 1 ? t('dashboard-broadcasts:new_in', { programme: programme.name }) : t('dashboard-broadcasts:new')}</a>`,
    )}</p>
${broadcasts.length === 0 ? html`<p class="muted">${t('dashboard-broadcasts:none')}</p>` : broadcastTable(broadcasts, programmes, viewer.language, t)}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-broadcasts:title'), body, section: 'broadcasts' }));
  });

  app.get<{ Querystring: { programme?: string } }>('/admin/broadcasts/new', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const programmeId = request.query.programme ?? viewer.programmeIds[0];
    if (!programmeId) throw new NotFoundError('the viewer has no programme');
    const programme = await loadProgrammeChoices(deps.db, viewer, programmeId);
    return reply
      .type('text/html; charset=utf-8')
      .send(composePage(viewer, deps, programme, emptyDraft(), { errors: [] }));
  });

  app.post('/admin/broadcasts/preview', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { programme, draft } = await readForm(deps, viewer, request.body);
    const ready = readyBroadcast(draft, programme, deps.now());
    if (!ready.ok)
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(composePage(viewer, deps, programme, draft, { errors: ready.errors }));
    const preview = await previewBroadcast(deps.db, {
      programmeId: programme.id,
      ...ready.broadcast,
      defaultLanguage: deps.defaultLanguage,
    });
    return reply.type('text/html; charset=utf-8').send(
      composePage(viewer, deps, programme, draft, {
        errors: [],
        preview: {
          ...preview,
          filter: ready.broadcast.filter,
          at: ready.broadcast.at,
          timesZone: ready.broadcast.timesZone,
        },
      }),
    );
  });

  app.post('/admin/broadcasts', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { programme, draft } = await readForm(deps, viewer, request.body);
    const now = deps.now();
    const ready = readyBroadcast(draft, programme, now);
    if (!ready.ok)
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(composePage(viewer, deps, programme, draft, { errors: ready.errors }));
    const { filter, texts, timesZone, at } = ready.broadcast;
    // A form sent twice (a double click, a resent request) schedules one broadcast.
    const created = await scheduleDashboardBroadcast(deps.db, {
      draftId: draft.draftId,
      programmeId: programme.id,
      filter,
      texts,
      timesZone,
      scheduledAt: at,
      staffId: viewer.personId,
      now,
    });
    if (created.isNew) {
      await deps.queues.fanOutBroadcasts([{ id: created.id, scheduledAt: at }], now);
      request.log.info(
        { broadcastId: created.id, scheduledAt: at, personId: viewer.personId },
        'broadcast scheduled from the dashboard',
      );
    }
    return reply.redirect(`/admin/broadcasts/${created.id}`, 303);
  });

  app.get<{ Params: { broadcastId: string } }>('/admin/broadcasts/:broadcastId', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const report = await visibleReport(deps, viewer, request.params.broadcastId);
    const programme = await loadProgrammeChoices(deps.db, viewer, report.broadcast.programmeId);
    const t = adminTranslate(deps, viewer);
    const filter = segmentFilterSchema.safeParse(report.broadcast.filter);
    const audienceNow =
      report.broadcast.status === 'scheduled' && filter.success
        ? await countAudience(deps.db, programme.id, filter.data, report.broadcast.scheduledAt ?? deps.now())
        : null;
    const body = html`${BROADCAST_STYLE}${reportView(report, programme, audienceNow, viewer, t)}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-broadcasts:report_title'), body, section: 'broadcasts' }));
  });

  app.post<{ Params: { broadcastId: string } }>('/admin/broadcasts/:broadcastId/cancel', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { broadcastId } = request.params;
    const cancelled = await cancelBroadcast(deps.db, {
      broadcastId,
      programmeIds: viewer.programmeIds,
      actorId: viewer.personId,
    });
    if (!cancelled)
      throw new BadRequestError(`broadcast ${broadcastId} is no longer scheduled`, {
        key: 'dashboard-broadcasts:cannot_cancel',
      });
    return reply.redirect(`/admin/broadcasts/${broadcastId}`, 303);
  });
}

async function readForm(
  deps: AdminDependencies,
  viewer: Viewer,
  body: unknown,
): Promise<{ programme: ProgrammeChoices; draft: BroadcastDraft }> {
  const form = (body && typeof body === 'object' ? body : {}) as Form;
  const programmeId = typeof form.programme === 'string' ? form.programme : '';
  if (!programmeId) throw new BadRequestError('the programme is missing', { key: 'dashboard:error_programme_missing' });
  const programme = await loadProgrammeChoices(deps.db, viewer, programmeId);
  return { programme, draft: readDraft(form, programme) };
}

/** 404 unless the broadcast belongs to one of the viewer's programmes. */
async function visibleReport(
  deps: AdminDependencies,
  viewer: Viewer,
  broadcastId: string,
): Promise<BroadcastDeliveryReport> {
  const report = await broadcastDeliveryReport(deps.db, broadcastId);
  if (!viewer.programmeIds.includes(report.broadcast.programmeId))
    throw new NotFoundError(`broadcast ${broadcastId} is not visible`);
  return report;
}

function composePage(
  viewer: Viewer,
  deps: AdminDependencies,
  programme: ProgrammeChoices,
  draft: BroadcastDraft,
  state: { errors: string[]; preview?: BroadcastPreview & { filter: SegmentFilter; at: Date; timesZone: string } },
): string {
  const t = adminTranslate(deps, viewer);
  const errors =
    state.errors.length === 0
      ? ''
      : html`<div class="notice error" role="alert"><ul>${state.errors.map((key) => html`<li>${t(`dashboard-broadcasts:${key}`, { max: BROADCAST_TEXT_MAX_CHARS, zone: programme.timeZone })}</li>`)}</ul></div>`;
  const preview = state.preview ? previewView(state.preview, programme, viewer.language, t) : '';
  const body = html`${BROADCAST_STYLE}<p class="muted">${t('dashboard-broadcasts:programme', { programme: programme.name })}</p>${errors}${preview}${broadcastForm(viewer, t, programme, draft, { previewed: Boolean(state.preview) })}`;
  return renderPage(viewer, t, {
    title: t(state.preview ? 'dashboard-broadcasts:preview_title' : 'dashboard-broadcasts:compose_title'),
    body,
    section: 'broadcasts',
  });
}
