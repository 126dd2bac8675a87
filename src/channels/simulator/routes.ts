import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MEDIA_KINDS, type InboundEvent, type Sender } from '../../domain/inbound-event.ts';
import type { Database } from '../../store/database.ts';
import type { InboundSink } from '../inbound-sink.ts';
import { SIMULATOR_PAGE } from './page.ts';
import { uploadName } from './uploads.ts';

const ROLES = ['participant', 'mentor', 'staff'] as const;
/** `newcomer`: a person with no role and no enrolment yet, who joins with an invite code in chat. */
const PERSON_KINDS = [...ROLES, 'newcomer'] as const;

const newPerson = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(PERSON_KINDS).default('participant'),
  /** A hub's key (e.g. abidjan) or id. */
  hub: z.string().trim().min(1).optional(),
  /** A cohort's key or id; defaults to the only or first cohort. */
  cohort: z.string().trim().min(1).optional(),
});

const newMessage = z
  .object({
    person: z.string().min(1),
    /** Optional client-chosen id: sending the same id twice records the message once. */
    id: z.string().min(1).max(100).optional(),
    text: z.string().min(1).optional(),
    choice: z.object({ id: z.string().min(1), label: z.string().optional() }).optional(),
    media: z
      .object({
        kind: z.enum(MEDIA_KINDS),
        mimeType: z.string().min(1),
        fileName: z.string().max(200).optional(),
        /** The file's bytes, base64-encoded. */
        data: z.string().min(1),
        caption: z.string().optional(),
      })
      .optional(),
    /** When the person "sent" it; defaults to now. Lets tests replay messages written offline. */
    sentAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((m) => [m.text, m.choice, m.media].filter(Boolean).length === 1, {
    message: 'give exactly one of text, choice or media',
  });

/** The simulator's web chat and JSON API. */
export function registerSimulatorRoutes(
  app: FastifyInstance,
  deps: { db: Database; sink: InboundSink; uploadsDir: string; maxMediaBytes: number; now: () => Date },
): void {
  const { db } = deps;

  app.get('/simulator', async (_request, reply) => reply.type('text/html; charset=utf-8').send(SIMULATOR_PAGE));

  app.get('/simulator/api/hubs', async () => {
    const hubs = await db.hub.findMany({ orderBy: { key: 'asc' }, select: { key: true, name: true, timeZone: true } });
    return { hubs };
  });

  app.get('/simulator/api/people', async () => {
    const identities = await db.channelIdentity.findMany({
      where: { channel: 'simulator' },
      orderBy: { createdAt: 'asc' },
      select: { platformId: true, username: true, person: { select: { id: true, displayName: true, roles: true, hub: { select: { key: true } } } } },
    });
    return {
      people: identities.map(({ platformId, username, person }) => ({
        id: platformId,
        personId: person.id,
        name: person.displayName ?? username,
        roles: person.roles,
        hub: person.hub?.key ?? null,
      })),
    };
  });

  app.post('/simulator/api/people', async (request, reply) => {
    const parsed = newPerson.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid person', issues: parsed.error.issues.map(describe) });
    const { name, role, hub, cohort } = parsed.data;
    const hubRow = hub ? await db.hub.findFirst({ where: { OR: [{ id: hub }, { key: hub }] } }) : null;
    if (hub && !hubRow) return reply.code(404).send({ error: `no hub has the key or id "${hub}"` });
    const cohortRow = cohort
      ? await db.cohort.findFirst({ where: { OR: [{ id: cohort }, { key: cohort }] } })
      : await db.cohort.findFirst({ orderBy: { createdAt: 'asc' } });
    if (cohort && !cohortRow) return reply.code(404).send({ error: `no cohort has the key or id "${cohort}"` });
    const platformId = `sim-${randomUUID().slice(0, 8)}`;
    const person = await db.person.create({
      data: {
        displayName: role === 'newcomer' ? null : name,
        roles: role === 'newcomer' ? [] : [role],
        hubId: hubRow?.id ?? null,
        // A newcomer's name is only the one their "app" shows, offered when they join.
        identities: { create: { channel: 'simulator', platformId, ...(role === 'newcomer' && { username: name }) } },
        ...(cohortRow && role !== 'newcomer' && { enrolments: { create: { cohortId: cohortRow.id, role } } }),
      },
      select: { id: true },
    });
    return reply.code(201).send({ id: platformId, personId: person.id, name, role, hub: hubRow?.key ?? null });
  });

  app.post('/simulator/api/messages', { bodyLimit: Math.ceil(deps.maxMediaBytes * 1.4) + 64 * 1024 }, async (request, reply) => {
    const parsed = newMessage.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid message', issues: parsed.error.issues.map(describe) });
    const message = parsed.data;
    const identity = await db.channelIdentity.findUnique({
      where: { channel_platformId: { channel: 'simulator', platformId: message.person } },
      select: { username: true, person: { select: { displayName: true } } },
    });
    if (!identity) return reply.code(404).send({ error: `no simulator person "${message.person}"; create one with POST /simulator/api/people` });

    const shownName = identity.person.displayName ?? identity.username;
    const sender: Sender = { channel: 'simulator', platformId: message.person, ...(shownName && { displayName: shownName }) };
    const base = {
      channel: 'simulator' as const,
      platformEventId: message.id ?? randomUUID(),
      sender,
      sentAt: message.sentAt ? new Date(message.sentAt).toISOString() : deps.now().toISOString(),
    };
    let event: InboundEvent;
    if (message.media) {
      const data = Buffer.from(message.media.data, 'base64');
      const ref = uploadName(base.platformEventId);
      await mkdir(deps.uploadsDir, { recursive: true });
      await writeFile(path.join(deps.uploadsDir, ref), data);
      event = {
        ...base,
        kind: 'media',
        media: {
          kind: message.media.kind,
          ref,
          mimeType: message.media.mimeType,
          sizeBytes: data.length,
          ...(message.media.fileName && { fileName: message.media.fileName }),
          ...(message.media.caption && { caption: message.media.caption }),
        },
      };
    } else if (message.choice) {
      event = { ...base, kind: 'choice', choiceId: message.choice.id, ...(message.choice.label && { label: message.choice.label }) };
    } else {
      event = { ...base, kind: 'text', text: message.text ?? '' };
    }
    const result = await deps.sink.record([event]);
    return reply.code(202).send({ id: base.platformEventId, duplicate: result.duplicates > 0 });
  });

  app.get('/simulator/api/messages', async (request, reply) => {
    const query = z.object({ person: z.string().min(1) }).safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'give ?person=<simulator person id>' });
    const identity = await transcriptIdentity(db, query.data.person);
    if (!identity) return reply.code(404).send({ error: `no simulator person "${query.data.person}"` });
    const [inbound, outbound] = await Promise.all([
      db.inboundEvent.findMany({ where: { channelIdentityId: identity.id }, select: { platformEventId: true, payload: true, sentAt: true, status: true } }),
      db.outboundMessage.findMany({
        where: { channelIdentityId: identity.id },
        select: { id: true, payload: true, status: true, createdAt: true, sentAt: true },
      }),
    ]);
    const messages = [
      ...inbound.map((e) => ({ direction: 'in' as const, id: e.platformEventId, at: e.sentAt, status: e.status, message: e.payload })),
      ...outbound.map((m) => ({ direction: 'out' as const, id: m.id, at: m.sentAt ?? m.createdAt, status: m.status, message: m.payload })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1));
    return { messages };
  });
}

/** The identity whose transcript a session id shows: an erased session's lost its id, but the erasure's confirmation still names it. */
async function transcriptIdentity(db: Database, person: string): Promise<{ id: string } | null> {
  const identity = await db.channelIdentity.findUnique({ where: { channel_platformId: { channel: 'simulator', platformId: person } }, select: { id: true } });
  if (identity) return identity;
  const confirmation = await db.outboundMessage.findFirst({
    where: { channel: 'simulator', address: { path: ['platformId'], equals: person } },
    select: { channelIdentityId: true },
  });
  return confirmation && { id: confirmation.channelIdentityId };
}

function describe(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
