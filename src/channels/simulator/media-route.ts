import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { findSimulatorSentMedia } from '../../store/media/find-simulator-sent-media.ts';
import { findSimulatorPerson } from '../../store/people/find-simulator-person.ts';

/** Types a browser shows in the page; anything else (documents, SVG, HTML…) is only downloaded. */
const SHOWN_INLINE = /^(image\/(jpeg|png|webp|gif)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/**
 * GET /simulator/api/media/:messageId?person=<simulator person> — the file of a message Compagnon
 * sent that simulated person (a photo shown in the chat, a voice note or video played there, a
 * document downloaded), served as the dashboard serves media (admin/media-route.ts): only under
 * MEDIA_DIR, with its own type, never sniffed or cached. 404 for a message sent to anyone else,
 * as for one that does not exist; 403 for a person the simulator does not act for.
 */
export function registerSimulatorMediaRoute(app: FastifyInstance, deps: { db: Database; mediaDir: string }): void {
  app.get<{ Params: { messageId: string } }>('/simulator/api/media/:messageId', async (request, reply) => {
    const query = z.object({ person: z.string().min(1) }).safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'give ?person=<simulator person id>' });
    const found = await findSimulatorPerson(deps.db, query.data.person);
    if (found.status === 'elsewhere') {
      request.log.warn(
        { platformId: query.data.person },
        'simulator request refused: the person also uses another channel',
      );
      return reply.code(403).send({ error: 'the simulator acts only for the people it created' });
    }
    const media =
      found.status === 'ok' ? await findSimulatorSentMedia(deps.db, found.identity.id, request.params.messageId) : null;
    if (!media) return reply.code(404).send({ error: 'no file sent to this person under that message' });
    const root = path.resolve(deps.mediaDir);
    const file = path.resolve(root, media.path);
    const size = file.startsWith(root + path.sep)
      ? await stat(file).then(
          (stats) => stats.size,
          () => null,
        )
      : null;
    if (size === null) return reply.code(404).send({ error: 'the file is no longer kept' });
    const mimeType = (media.mimeType.split(';')[0] ?? '').trim().toLowerCase();
    const inline = SHOWN_INLINE.test(mimeType);
    return reply
      .header('content-type', mimeType || 'application/octet-stream')
      .header('content-length', size)
      .header(
        'content-disposition',
        `${inline ? 'inline' : 'attachment'}; filename="${media.id}${path.extname(media.path)}"`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(createReadStream(file));
  });
}
