import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseProgrammeFile, type ProgrammeFileProblem } from '../../domain/programme/parse-programme-file.ts';
import type { ProgrammeDefinition } from '../../domain/programme/programme-definition.ts';
import { importProgramme } from '../../store/programmes/import-programme.ts';
import { listProgrammeVersions, type ProgrammeVersions } from '../../store/programmes/list-programme-versions.ts';
import { sha256 } from '../../store/stable-json.ts';
import { NotFoundError } from '../../store/errors.ts';
import { assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import {
  PROGRAMME_FILE_STYLE,
  previewBody,
  problemsBody,
  uploadForm,
  type PendingImport,
} from './programme-file-view.ts';
import { importPreviewLines } from './programme-import-lines.ts';

/** A programme file is text of a few dozen kilobytes (the sample: 25 KB); a megabyte is something else. */
const MAX_PROGRAMME_FILE_BYTES = 1024 * 1024;
/** The apply form carries the file in base64 (4/3), URL-encoded (some characters ×3). */
const APPLY_BODY_LIMIT = 6 * MAX_PROGRAMME_FILE_BYTES;

type ProgrammeParams = { Params: { programmeId: string } };

/** The file of the upload form, as read from the request (`truncated`: it was over the limit). */
interface UploadedFile {
  data: Buffer;
  fileName: string;
  truncated: boolean;
}

/**
 * POST /admin/programme/:id/check (a file) and …/apply (staff of that programme). Check validates
 * the whole file — every problem shown with its line — then runs the very import the command line
 * runs, rolled back, and shows what it would create, change and refuse; nothing is written, so
 * nothing is audited. Apply carries the same file back, checks it again, imports it in one
 * transaction that keeps the version and writes the `programme.import` audit entry.
 */
export function registerProgrammeUploadRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  // In a scope of its own, as the inbox's: only this form takes a file, and the dashboard's CSRF
  // check (a preHandler) reads the token from the fields parsed here.
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { files: 1, fields: 4, fieldSize: 1024, fileSize: MAX_PROGRAMME_FILE_BYTES + 1 },
      async onFile(part: MultipartFile & { value?: unknown }) {
        const data = await part.toBuffer();
        const file: UploadedFile = { data, fileName: part.filename, truncated: part.file.truncated };
        part.value = file;
      },
    });

    scope.post<ProgrammeParams>('/admin/programme/:programmeId/check', async (request, reply) => {
      const { viewer } = request;
      assertStaff(viewer);
      // The language switch on the preview or the problems goes back to the programme file page.
      viewer.path = '/admin/programme';
      const programme = await viewerProgramme(deps, viewer, request.params.programmeId);
      const t = adminTranslate(deps, viewer);
      const file = (request.body as { file?: unknown } | undefined)?.file;
      const upload = isUploadedFile(file) && file.data.length > 0 ? file : null;
      if (!upload || upload.truncated) {
        const error = upload
          ? t('dashboard-programme:errors.too_large', { max: MAX_PROGRAMME_FILE_BYTES / 1024 })
          : t('dashboard-programme:errors.no_file');
        request.log.info({ programmeId: programme.id, tooLarge: Boolean(upload) }, 'programme file refused');
        return formAgain(reply.code(upload ? 413 : 400), t, viewer, programme, error);
      }
      const fileName = upload.fileName || `${programme.key}.yaml`;
      return checkedFile(reply, t, viewer, programme, { fileName, source: upload.data.toString('utf8') }, false);
    });

    scope.post<ProgrammeParams>(
      '/admin/programme/:programmeId/apply',
      { bodyLimit: APPLY_BODY_LIMIT },
      async (request, reply) => {
        const { viewer } = request;
        assertStaff(viewer);
        viewer.path = '/admin/programme';
        const programme = await viewerProgramme(deps, viewer, request.params.programmeId);
        const t = adminTranslate(deps, viewer);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const source = typeof body.file === 'string' ? Buffer.from(body.file, 'base64').toString('utf8') : '';
        const fileName = typeof body.fileName === 'string' && body.fileName ? body.fileName : `${programme.key}.yaml`;
        if (!source || sha256(source) !== body.sha256) {
          request.log.warn({ programmeId: programme.id }, 'programme file to apply does not match its preview');
          return formAgain(reply.code(400), t, viewer, programme, t('dashboard-programme:errors.tampered'));
        }
        // Another import since the preview: what was shown is no longer what applying would do.
        if (body.base !== programme.sourceHash)
          return checkedFile(reply.code(409), t, viewer, programme, { fileName, source }, true);
        const valid = validFile(source, programme);
        if (!valid.ok) return checkedFile(reply.code(400), t, viewer, programme, { fileName, source }, false);
        const report = await importProgramme(deps.db, valid.definition, {
          source,
          now: deps.now(),
          actorId: viewer.personId,
          record: { via: 'dashboard', fileName, importedById: viewer.personId },
        });
        request.log.info(
          { programmeId: programme.id, outcome: report.outcome, changes: report.changes.length },
          'programme file imported from the dashboard',
        );
        const done = report.outcome === 'unchanged' ? 'unchanged' : 'applied';
        const version = encodeURIComponent(valid.definition.version);
        return reply.redirect(`/admin/programme?done=${done}&version=${version}`, 303);
      },
    );

    /** The problems, the wrong programme, "already in force", or the preview of a valid file. */
    async function checkedFile(
      reply: FastifyReply,
      t: AdminTranslate,
      viewer: Viewer,
      programme: ProgrammeVersions,
      upload: { fileName: string; source: string },
      changedMeanwhile: boolean,
    ): Promise<FastifyReply> {
      const valid = validFile(upload.source, programme);
      if (!valid.ok && valid.problems) {
        reply.log.info({ programmeId: programme.id, problems: valid.problems.length }, 'programme file refused');
        const body = problemsBody(t, { ...upload, problems: valid.problems }, uploadForm(t, viewer, programme.id));
        const title = t('dashboard-programme:refused.title', { file: upload.fileName });
        return send(reply.code(400), t, viewer, title, body);
      }
      if (!valid.ok)
        return formAgain(
          reply.code(400),
          t,
          viewer,
          programme,
          t('dashboard-programme:errors.wrong_programme', { fileKey: valid.fileKey, key: programme.key }),
        );
      const sourceHash = sha256(upload.source);
      if (sourceHash === programme.sourceHash)
        return formAgain(reply, t, viewer, programme, t('dashboard-programme:unchanged'), 'notice');
      const report = await importProgramme(deps.db, valid.definition, {
        source: upload.source,
        now: deps.now(),
        actorId: viewer.personId,
        dryRun: true,
      });
      const pending: PendingImport = {
        programmeId: programme.id,
        ...upload,
        sourceHash,
        baseHash: programme.sourceHash,
      };
      const body = previewBody(t, viewer, pending, importPreviewLines(report, t, viewer), {
        changedMeanwhile,
        versionWarning: versionWarning(valid.definition.version, programme.version, t),
      });
      const title = t('dashboard-programme:preview.title', {
        name: localizedText(valid.definition.name, viewer.language) || valid.definition.key,
        version: valid.definition.version,
      });
      return send(reply, t, viewer, title, body);
    }
  });
}

type ValidFile =
  | { ok: true; definition: ProgrammeDefinition }
  | { ok: false; problems: ProgrammeFileProblem[]; fileKey?: undefined }
  | { ok: false; problems?: undefined; fileKey: string };

/** Parsed as the command line parses it; a file for another programme is refused (new ones are made on the command line). */
function validFile(source: string, programme: ProgrammeVersions): ValidFile {
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  if (parsed.programme.key !== programme.key) return { ok: false, fileKey: parsed.programme.key };
  return { ok: true, definition: parsed.programme };
}

/** 404 unless the viewer is staff of this programme. */
async function viewerProgramme(deps: AdminDependencies, viewer: Viewer, programmeId: string) {
  const [programme] = viewer.programmeIds.includes(programmeId)
    ? await listProgrammeVersions(deps.db, [programmeId])
    : [];
  if (!programme) throw new NotFoundError(`programme ${programmeId} is not visible`);
  return programme;
}

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data);
}

/** The upload form again, with why (an error beside it, or a plain notice). */
function formAgain(
  reply: FastifyReply,
  t: AdminTranslate,
  viewer: Viewer,
  programme: ProgrammeVersions,
  message: string,
  kind: 'error' | 'notice' = 'error',
): FastifyReply {
  const body = html`${PROGRAMME_FILE_STYLE}<p class="notice${kind === 'error' ? ' error' : ''}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</p>
${uploadForm(t, viewer, programme.id)}
<p><a href="/admin/programme">${t('dashboard-programme:preview.cancel')}</a></p>`;
  return send(reply, t, viewer, t('dashboard-programme:title'), body);
}

function send(reply: FastifyReply, t: AdminTranslate, viewer: Viewer, title: string, body: SafeHtml): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(renderPage(viewer, t, { title, body, section: 'programme' }));
}

/**
 * A file whose `version` was not raised, or is older than the one in force: most often the wrong
 * file, or a forgotten bump (the history would show two versions with the same number).
 */
function versionWarning(fileVersion: string, current: string, t: AdminTranslate): string | null {
  const order = fileVersion.localeCompare(current, 'en', { numeric: true });
  if (order === 0) return t('dashboard-programme:preview.version_same', { version: fileVersion });
  if (order < 0) return t('dashboard-programme:preview.version_older', { version: fileVersion, current });
  return null;
}
