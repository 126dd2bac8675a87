import type { FastifyInstance, FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { listProgrammeVersions, type ProgrammeVersions } from '../../store/programmes/list-programme-versions.ts';
import { loadProgrammeFile } from '../../store/programmes/load-programme-file.ts';
import { assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { PROGRAMME_FILE_STYLE, uploadForm } from './programme-file-view.ts';
import { registerProgrammeUploadRoutes } from './programme-upload-routes.ts';

type PageQuery = { Querystring: { done?: string; version?: string } };

/**
 * GET /admin/programme (staff): for each programme the viewer is staff of, the version in force
 * (who imported it, when, from where), its file to download, the versions kept, and the upload
 * form whose check, preview and apply are in programme-upload-routes.ts. Downloads give the file
 * exactly as it was imported.
 */
export function registerProgrammePages(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<PageQuery>('/admin/programme', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const t = adminTranslate(deps, viewer);
    const programmes = await listProgrammeVersions(deps.db, viewer.programmeIds);
    const { done, version } = request.query;
    const notice =
      done === 'applied' || done === 'unchanged'
        ? html`<p class="notice" role="status">${t(`dashboard-programme:done.${done}`, { version })}</p>`
        : '';
    const body = html`${PROGRAMME_FILE_STYLE}${notice}<p class="muted">${t('dashboard-programme:intro')}</p>
${programmes.length === 0 ? html`<p>${t('dashboard-programme:none')}</p>` : programmes.map((programme) => programmeSection(t, viewer, programme, programmes.length > 1))}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-programme:title'), body, section: 'programme' }));
  });

  app.get<{ Params: { programmeId: string } }>('/admin/programme/:programmeId/file', async (request, reply) => {
    assertStaff(request.viewer);
    const file = await loadProgrammeFile(
      deps.db,
      { programmeId: request.params.programmeId },
      request.viewer.programmeIds,
    );
    return sendFile(reply, file);
  });

  app.get<{ Params: { importId: string } }>('/admin/programme/versions/:importId/file', async (request, reply) => {
    assertStaff(request.viewer);
    const file = await loadProgrammeFile(deps.db, { importId: request.params.importId }, request.viewer.programmeIds);
    return sendFile(reply, file);
  });

  registerProgrammeUploadRoutes(app, deps);
}

function sendFile(
  reply: FastifyReply,
  file: { programmeKey: string; version: string; fileName: string | null; source: string },
): FastifyReply {
  const name = (file.fileName ?? `${file.programmeKey}-${file.version}.yaml`).replace(/[^\w.-]/g, '_');
  return reply
    .type('text/yaml; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(file.source);
}

function programmeSection(t: AdminTranslate, viewer: Viewer, programme: ProgrammeVersions, several: boolean): SafeHtml {
  const when = (at: Date) =>
    DateTime.fromJSDate(at, { zone: viewer.timeZone }).setLocale(viewer.language).toLocaleString(DateTime.DATETIME_MED);
  const current = programme.versions.find((version) => version.sourceHash === programme.sourceHash);
  const by = (version: ProgrammeVersions['versions'][number]) =>
    version.via === 'cli'
      ? t('dashboard-programme:by_cli')
      : version.importedBy
        ? t('dashboard-programme:by_person', { name: version.importedBy })
        : t('dashboard-programme:by_unknown');
  return html`<section data-programme="${programme.key}">
${several ? html`<h2>${localizedText(programme.name, viewer.language) || programme.key}</h2>` : ''}
<p>${t('dashboard-programme:current', { version: programme.version, when: when(programme.importedAt) })}${current ? html` ${by(current)}${current.fileName ? html` · <code>${current.fileName}</code>` : ''}` : ''}</p>
<p>${current ? html`<a class="button secondary" href="/admin/programme/${programme.id}/file" download>${t('dashboard-programme:download_current')}</a>` : html`<span class="muted">${t('dashboard-programme:no_file_kept')}</span>`}</p>
<h2>${t('dashboard-programme:upload.heading')}</h2>
${uploadForm(t, viewer, programme.id)}
<h2>${t('dashboard-programme:history.heading')}</h2>
${
  programme.versions.length === 0
    ? html`<p class="muted">${t('dashboard-programme:history.none')}</p>`
    : html`<ul class="versions">${programme.versions.map(
        (version) =>
          html`<li data-version="${version.version}"><b>${version.version}</b>${version === current ? html`<span class="muted">(${t('dashboard-programme:history.current')})</span>` : ''}<br><time datetime="${version.importedAt.toISOString()}">${when(version.importedAt)}</time> · ${by(version)} · ${t('dashboard-programme:history.changes_count', { count: version.changeCount })}<br><a href="/admin/programme/versions/${version.id}/file" download>${t('dashboard-programme:history.download')}${version.fileName ? html` <code>${version.fileName}</code>` : ''}</a></li>`,
      )}</ul>`
}
</section>`;
}
