import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../store/errors.ts';
import { findVisibleMediaFile } from '../store/media/find-visible-media-file.ts';
import type { AdminDependencies } from './admin-dependencies.ts';

/** Types a browser shows in the page; anything else (documents, SVG, HTML…) is only downloaded. */
const SHOWN_INLINE = /^(image\/(jpeg|png|webp|gif)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/**
 * GET /admin/media/:mediaFileId — a photo, voice note, video or document a participant sent, with
 * its own Content-Type. A file is served only as the answer to an exercise in an enrolment the
 * viewer may see, or as a message of a help-desk conversation they may see (either way): seeing
 * its owner is not enough, since the same person may answer in another
 * programme or to another mentor (404 for anyone else, as for a file that does not exist).
 * `?download=1` asks for it as a download.
 */
export function registerMediaRoute(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Params: { mediaFileId: string }; Querystring: { download?: string } }>(
    '/admin/media/:mediaFileId',
    async (request, reply) => {
      const media = await findVisibleMediaFile(deps.db, request.viewer, request.params.mediaFileId);
      const root = path.resolve(deps.mediaDir);
      const file = path.resolve(root, media.path);
      // The path comes from our own database, but a file outside MEDIA_DIR is never served.
      if (!file.startsWith(root + path.sep))
        throw new NotFoundError(`media file ${media.id} is outside the media folder`);
      const size = await stat(file).then(
        (stats) => stats.size,
        () => null,
      );
      if (size === null) {
        request.log.warn({ mediaFileId: media.id, path: media.path }, 'media file missing from the media folder');
        throw new NotFoundError(`media file ${media.id} is missing`);
      }
      const mimeType = media.mimeType.split(';')[0]!.trim().toLowerCase();
      const inline = SHOWN_INLINE.test(mimeType) && request.query.download === undefined;
      return (
        reply
          .header('content-type', mimeType)
          .header('content-length', size)
          .header(
            'content-disposition',
            `${inline ? 'inline' : 'attachment'}; filename="${media.id}${path.extname(media.path)}"`,
          )
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          // Personal data: not kept by the browser or any cache, so access ends with the session or the assignment.
          .header('cache-control', 'private, no-store')
          .send(createReadStream(file))
      );
    },
  );
}
