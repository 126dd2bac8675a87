import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../src/store/database.ts';
import { askForHelp } from '../../src/store/help-desk/ask-for-help.ts';
import { findHelpAsker } from '../../src/store/help-desk/find-help-asker.ts';

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let sequence = 0;

/** A participant writes to the help desk from chat (optionally with a photo kept under `mediaDir`). */
export async function askTheHelpDesk(
  db: Database,
  personId: string,
  message: { text: string | null; at: Date; photoIn?: string },
): Promise<{ conversationId: string; mediaFileId: string | null }> {
  const asker = await findHelpAsker(db, personId);
  if (!asker) throw new Error(`${personId} cannot ask the help desk`);
  let mediaFileId: string | null = null;
  if (message.photoIn) {
    const relative = path.join('photo', `help-${sequence++}-${personId}.png`);
    await mkdir(path.join(message.photoIn, 'photo'), { recursive: true });
    await writeFile(path.join(message.photoIn, relative), PNG);
    const file = await db.mediaFile.create({
      data: {
        personId,
        channel: 'simulator',
        platformFileId: `help-photo-${sequence++}-${personId}`,
        path: relative,
        mimeType: 'image/png',
        sizeBytes: PNG.length,
        sha256: 'test',
      },
      select: { id: true },
    });
    mediaFileId = file.id;
  }
  const result = await db.$transaction((tx) =>
    askForHelp(tx, asker, { text: message.text, mediaFileId, sentAt: message.at }, message.at),
  );
  if (!result) throw new Error(`${personId}'s question was not kept`);
  return { conversationId: result.conversationId, mediaFileId };
}

/** A multipart form body as a browser sends it, for `inject`. */
export async function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', file ? new Blob([file.data], { type: file.type }) : new Blob([]), file?.name ?? '');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}
