import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { MEDIA_KINDS, type InboundEvent, type Sender } from '../../domain/inbound-event.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import type { Database } from '../../store/database.ts';
import { listHubs } from '../../store/hubs/list-hubs.ts';
import { createSimulatorPerson } from '../../store/people/create-simulator-person.ts';
import { loadSimulatorTranscript } from '../../store/people/load-simulator-transcript.ts';
import { findErasedSimulatorSession } from '../../store/people/find-erased-simulator-session.ts';
import { findSimulatorPerson } from '../../store/people/find-simulator-person.ts';
import { listSimulatorPeople } from '../../store/people/list-simulator-people.ts';
import { loadHeldByQuietHours, type HeldForPerson } from '../../store/outbox/load-held-by-quiet-hours.ts';
import type { InboundSink } from '../inbound-sink.ts';
import { uploadName } from '../../store/media/simulator-uploads.ts';
import { registerSimulatorMediaRoute } from './media-route.ts';
import { SIMULATOR_SCRIPT, simulatorPage } from './page.ts';
import { requireSimulatorKey, setSecurityHeaders } from './simulator-access.ts';

const ROLES = ['participant', 'mentor', 'trainer', 'staff'] as const;
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
        data: z
          .string()
          .min(1)
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be base64' }),
        caption: z.string().optional(),
      })
      .optional(),
    /** When the person "sent" it; defaults to now. Only a recent instant, unless `anySentAt` (tests). */
    sentAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((m) => [m.text, m.choice, m.media].filter(Boolean).length === 1, {
    message: 'give exactly one of text, choice or media',
  });

/** A `sentAt` may be this far in the past: a script may note when a message was written, not rewrite history. */
const SENT_AT_PAST_LIMIT_MS = 2 * 60_000;
/** …and this far ahead, for clocks slightly apart. */
const SENT_AT_FUTURE_LIMIT_MS = 5_000;
/** Requests one address may make per minute unless told otherwise: ample for the page (one poll a second) and scripts. */
const DEFAULT_SIMULATOR_REQUESTS_PER_MINUTE = 1200;

interface SimulatorRouteDependencies {
  db: Database;
  sink: InboundSink;
  uploadsDir: string;
  maxMediaBytes: number;
  now: () => Date;
  /** What the page and API require (SIMULATOR_KEY, or the one made at start-up). */
  key: string;
  translate: Translate;
  defaultLanguage: Language;
  /** SIMULATOR_REQUESTS_PER_MINUTE. */
  requestsPerMinute?: number;
  /** Mark the key's cookie Secure (PUBLIC_URL is https); unset, it is Secure on https requests. */
  secureCookies?: boolean;
  /**
   * Telegram or WhatsApp is configured: real people use this deployment, so the simulator is for
   * trying the participants' side and creates no mentor or staff (who would see real people's data).
   */
  participantsOnly?: boolean;
  /** Tests only: accept any `sentAt`, to replay answers around a deadline. */
  anySentAt?: boolean;
}

/**
 * The simulator's web chat and JSON API, in a scope of their own: a rate limit per address, then
 * the key check, on every request; security headers on every answer. The API acts only for the
 * people the simulator made (simulator identities of people with no other channel).
 */
export function registerSimulatorRoutes(app: FastifyInstance, deps: SimulatorRouteDependencies): void {
  void app.register(
    async (scope) => {
      await scope.register(rateLimit, {
        max: deps.requestsPerMinute ?? DEFAULT_SIMULATOR_REQUESTS_PER_MINUTE,
        timeWindow: 60_000,
        errorResponseBuilder: (_request, context) =>
          Object.assign(
            new Error(
              `too many requests to the simulator: at most ${context.max} a minute from one address; try again in ${context.after}`,
            ),
            {
              statusCode: context.statusCode,
            },
          ),
      });
      await scope.register(fastifyCookie);
      scope.addHook('onRequest', async (request, reply) => setSecurityHeaders(request, reply));
      // Added to each route after the rate limit's own hook, so that requests without the key count too.
      const checkKey = requireSimulatorKey(deps);
      scope.addHook('onRoute', (route) => {
        route.onRequest = [...asArray(route.onRequest), checkKey];
      });
      registerRoutes(scope, deps);
    },
    // No log serializer of its own: the logger's (logger.ts) takes the key out of the address, however it is spelt.
  );
}

function registerRoutes(app: FastifyInstance, deps: SimulatorRouteDependencies): void {
  const { db } = deps;

  const page = simulatorPage({ participantsOnly: deps.participantsOnly ?? false });
  app.get('/simulator', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/simulator/app.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(SIMULATOR_SCRIPT),
  );

  app.get('/simulator/api/hubs', async () => ({ hubs: await listHubs(db) }));

  app.get('/simulator/api/people', async () => ({ people: await listSimulatorPeople(db) }));

  app.post('/simulator/api/people', async (request, reply) => {
    const parsed = newPerson.safeParse(request.body);
    if (!parsed.success)
      return reply.code(400).send({ error: 'invalid person', issues: parsed.error.issues.map(describe) });
    const { name, role, hub, cohort } = parsed.data;
    if (deps.participantsOnly && (role === 'mentor' || role === 'trainer' || role === 'staff')) {
      request.log.warn({ role }, 'simulator request refused: no mentor or staff where real people are');
      return reply.code(403).send({
        error: `the simulator creates no ${role} here: Telegram or WhatsApp is configured, so real people use this deployment and the simulator is for trying the participants' side (role participant or newcomer)`,
      });
    }
    const platformId = `sim-${randomUUID().slice(0, 8)}`;
    const created = await createSimulatorPerson(db, {
      platformId,
      name,
      kind: role,
      ...(hub && { hub }),
      ...(cohort && { cohort }),
    });
    if (created.status === 'no_hub') return reply.code(404).send({ error: `no hub has the key or id "${hub}"` });
    if (created.status === 'no_cohort')
      return reply.code(404).send({ error: `no cohort has the key or id "${cohort}"` });
    if (created.status === 'trainer_without_hub') {
      return reply.code(400).send({ error: 'a trainer runs a hub: choose the hub (and a cohort must exist)' });
    }
    request.log.info({ personId: created.personId, role }, 'simulator person created');
    return reply.code(201).send({ id: platformId, personId: created.personId, name, role, hub: created.hubKey });
  });

  // Base64 takes 4 bytes for 3; the limit is checked as the body streams in (413 beyond it).
  app.post(
    '/simulator/api/messages',
    { bodyLimit: Math.ceil(deps.maxMediaBytes * 1.4) + 64 * 1024 },
    async (request, reply) => {
      const parsed = newMessage.safeParse(request.body);
      if (!parsed.success)
        return reply.code(400).send({ error: 'invalid message', issues: parsed.error.issues.map(describe) });
      const message = parsed.data;
      const found = await findSimulatorPerson(db, message.person);
      if (found.status === 'missing')
        return reply
          .code(404)
          .send({ error: `no simulator person "${message.person}"; create one with POST /simulator/api/people` });
      if (found.status === 'elsewhere') return refuseElsewhere(request, message.person);
      const { identity } = found;

      const now = deps.now();
      const sentAt = message.sentAt ? new Date(message.sentAt) : now;
      if (
        !deps.anySentAt &&
        (sentAt.getTime() < now.getTime() - SENT_AT_PAST_LIMIT_MS ||
          sentAt.getTime() > now.getTime() + SENT_AT_FUTURE_LIMIT_MS)
      ) {
        return reply.code(400).send({
          error: `sentAt must be within the last ${SENT_AT_PAST_LIMIT_MS / 60_000} minutes (got ${message.sentAt})`,
        });
      }

      const shownName = identity.person.displayName ?? identity.username;
      const sender: Sender = {
        channel: 'simulator',
        platformId: message.person,
        ...(shownName && { displayName: shownName }),
      };
      const base = {
        channel: 'simulator' as const,
        platformEventId: message.id ?? randomUUID(),
        sender,
        sentAt: sentAt.toISOString(),
      };
      let event: InboundEvent;
      let upload: string | null = null;
      if (message.media) {
        const data = Buffer.from(message.media.data, 'base64');
        const ref = uploadName(base.platformEventId, randomUUID().slice(0, 8));
        // A file over the limit is not kept: the conversation answers it politely (see downloadMedia).
        if (data.length <= deps.maxMediaBytes) {
          await mkdir(deps.uploadsDir, { recursive: true });
          upload = path.join(deps.uploadsDir, ref);
          await writeFile(upload, data);
        }
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
        event = {
          ...base,
          kind: 'choice',
          choiceId: message.choice.id,
          ...(message.choice.label && { label: message.choice.label }),
        };
      } else {
        event = { ...base, kind: 'text', text: message.text ?? '' };
      }
      const result = await deps.sink.record([event]).catch(async (error: unknown) => {
        if (upload) await rm(upload, { force: true });
        throw error;
      });
      // A redelivery's file is already kept; an event set aside is never handled, so its file would stay for nobody.
      if (upload && (result.duplicates > 0 || result.rejected > 0)) await rm(upload, { force: true });
      return reply.code(202).send({ id: base.platformEventId, duplicate: result.duplicates > 0 });
    },
  );

  // Uploads live in `<mediaDir>/simulator-uploads` (see index.ts): the media folder is its parent.
  registerSimulatorMediaRoute(app, { db, mediaDir: path.dirname(deps.uploadsDir) });

  app.get('/simulator/api/messages', async (request, reply) => {
    const query = z.object({ person: z.string().min(1) }).safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'give ?person=<simulator person id>' });
    const found = await findSimulatorPerson(db, query.data.person);
    if (found.status === 'elsewhere') return refuseElsewhere(request, query.data.person);
    const identity = found.status === 'ok' ? found.identity : await findErasedSimulatorSession(db, query.data.person);
    if (!identity) return reply.code(404).send({ error: `no simulator person "${query.data.person}"` });
    const messages = await loadSimulatorTranscript(db, identity.id);
    // Without this, a release at night looks, in the simulator, like it did nothing.
    const held = await loadHeldByQuietHours(db, identity.id, deps.now());
    return { messages, ...(held && { held: describeHeld(held, deps) }) };
  });
}

/** What the quiet hours hold for a person, in their language and local time, for the page to show under the chat. */
function describeHeld(
  held: HeldForPerson,
  deps: { translate: Translate; defaultLanguage: Language },
): { messages: number; at: Date; text: string } {
  const language = held.locale ?? deps.defaultLanguage;
  const at = DateTime.fromJSDate(held.first, { zone: held.timeZone })
    .setLocale(language)
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
  return {
    messages: held.messages,
    at: held.first,
    text: deps.translate(language, 'simulator:held_by_quiet_hours', {
      count: held.messages,
      from: held.quietHours.from,
      to: held.quietHours.to,
      at,
      timeZone: held.timeZone,
    }),
  };
}

function refuseElsewhere(request: FastifyRequest, platformId: string): never {
  request.log.warn({ platformId }, 'simulator request refused: the person also uses another channel');
  throw Object.assign(
    new Error(`"${platformId}" also uses Telegram or WhatsApp: the simulator acts only for the people it created`),
    { statusCode: 403 },
  );
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function describe(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
