import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/index.ts';
import { promptCheckIn } from '../../src/jobs/prompt-check-in.ts';
import { releaseExercise, type ReleaseDependencies } from '../../src/jobs/release-exercise.ts';
import { createLogger } from '../../src/logger.ts';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { gradeSubmission } from '../../src/store/submissions/grade-submission.ts';
import { startEmulator, type Emulator } from '../channels/telegram/emulator.ts';
import { ACCESS_TOKEN, APP_SECRET, createTestChannel } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { metaJson, signAsMeta } from '../channels/whatsapp/support/meta-json.ts';
import { contactOf, messageFrom, messagesChange, webhookBody } from '../channels/whatsapp/support/meta-payloads.ts';
import { waitFor } from '../support/processes.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { REDIS_URL } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const TOKEN = '123456:erasure-test-token';
/** The participant as the platforms know her: a Telegram chat and username, a WhatsApp user id and number. */
const TELEGRAM = { chatId: 7391846052, userName: 'zenabou_tg', firstName: 'Zénabou' };
const WHATSAPP = {
  user_id: 'CI.8812736450019283746',
  wa_id: '2250799887766',
  name: 'Zénabou Wa',
  username: 'zenabou.wa',
};
const NAME = 'Zénabou Kaboré-Ouédraogo';

/**
 * A participant who used every feature erases her data: afterwards no table, file, log line or
 * Redis key holds her name, usernames, platform ids, phone number or anything she wrote.
 */
describe('erasure leaves nothing personal', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  const logLines: string[] = [];
  let emulator: Emulator;
  let polling: { stop: () => Promise<void> };
  let t: TestApp;
  let release: ReleaseDependencies;
  let zenabou: SimulatedPerson;
  let mentor: SimulatedPerson;
  /** Every text she sent, and the contents of her files: none may be left. */
  const written: string[] = [];
  let textCount = 0;
  let eventsSent = 0;

  beforeAll(async () => {
    await graph.start();
    emulator = await startEmulator();
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    const whatsapp = createTestChannel(graph.url);
    const telegram = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: emulator.config.apiURL, mode: 'polling' },
      logger: createLogger({ LOG_LEVEL: 'silent' }),
    });
    t = await startTestApp({
      logger,
      channels: { telegram: telegram.adapter, whatsapp: whatsapp.adapter },
      routes: [(app, { sink }) => whatsapp.registerWebhook(app, sink)],
      now: clockFrom(SAMPLE_DAYTIME),
    });
    await importSample(t.test.db);
    polling = telegram.startPolling(t.sink);
    release = { ...t.context, mediaDir: t.mediaDir };
  }, 60_000);

  afterAll(async () => {
    await polling.stop();
    await t.close();
    await emulator.stop();
    await graph.stop();
  });

  /** A text of hers no one else could have written. */
  function unique(what: string): string {
    const value = `${what} n°${++textCount} de Zénabou, quartier Gounghin`;
    written.push(value);
    return value;
  }

  /** Waits until everything she sent is handled and every message to anyone has gone out. */
  async function settle() {
    await waitFor(
      async () => {
        const [events, pending, queued] = await Promise.all([
          t.test.db.inboundEvent.count({ where: { personId: zenabou.personId } }),
          t.test.db.inboundEvent.count({ where: { status: 'received' } }),
          t.test.db.outboundMessage.count({ where: { status: { in: ['queued', 'sending'] } } }),
        ]);
        return events >= eventsSent && pending === 0 && queued === 0 ? true : undefined;
      },
      20_000,
      'everything handled and sent',
    );
  }

  async function bySimulator(
    message: string | { choice: string } | { media: { kind: string; mimeType: string; data: string } },
  ) {
    eventsSent++;
    const body =
      typeof message === 'string'
        ? { text: message }
        : 'choice' in message
          ? { choice: { id: message.choice } }
          : message;
    const response = await t.app.inject({
      method: 'POST',
      url: '/simulator/api/messages',
      headers: { 'x-simulator-key': t.simulatorKey },
      payload: { person: zenabou.id, ...body },
    });
    expect(response.statusCode).toBe(202);
    await settle();
  }

  async function byTelegram(text: string) {
    eventsSent++;
    const client = emulator.getClient(TOKEN, {
      chatId: TELEGRAM.chatId,
      userId: TELEGRAM.chatId,
      firstName: TELEGRAM.firstName,
      userName: TELEGRAM.userName,
    });
    await client.sendMessage(client.makeMessage(text));
    await settle();
  }

  let waMessages = 0;
  async function byWhatsapp(message: Record<string, unknown>) {
    eventsSent++;
    const payload = metaJson(
      webhookBody(
        messagesChange({
          contacts: [contactOf(WHATSAPP)],
          messages: [
            {
              ...messageFrom(
                WHATSAPP,
                `wamid.erasure-${++waMessages}`,
                String(Math.floor(t.context.now().getTime() / 1000)),
              ),
              ...message,
            },
          ],
        }),
      ),
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
      payload,
    });
    expect(response.statusCode).toBe(200);
    await settle();
  }

  /** A file of hers, sent through the simulator (kept raw under its uploads) or WhatsApp (downloaded from the Graph API). */
  async function sendMedia(kind: string, via: 'simulator' | 'whatsapp') {
    const content = unique(`contenu du fichier ${kind}`);
    const mimeType = { photo: 'image/jpeg', voice: 'audio/ogg', video: 'video/mp4', document: 'application/pdf' }[
      kind
    ]!;
    if (via === 'simulator')
      return bySimulator({ media: { kind, mimeType, data: Buffer.from(content).toString('base64') } });
    const mediaId = `media-erasure-${kind}`;
    graph.addMedia(mediaId, { data: Buffer.from(content), mimeType });
    const type = kind === 'photo' ? 'image' : kind === 'voice' ? 'audio' : kind;
    return byWhatsapp({
      type,
      [type]: { id: mediaId, mime_type: mimeType, sha256: 'x', ...(kind === 'voice' && { voice: true }) },
    });
  }

  /** The first answer choice of the last message she received. */
  async function firstChoice(): Promise<string> {
    const last = await t.test.db.outboundMessage.findFirstOrThrow({
      where: { personId: zenabou.personId },
      orderBy: { sequence: 'desc' },
    });
    const choices = (last.payload as { choices?: { id: string }[] }).choices ?? [];
    return choices.find((c) => c.id.startsWith('a:'))!.id;
  }

  /** Answers an exercise question by question, each kind of answer by a channel of hers. */
  async function answerExercise(key: string) {
    await releaseExercise(release, { exercise: key });
    await settle();
    for (let step = 0; step < 30; step++) {
      const submission = await t.test.db.submission.findFirstOrThrow({
        where: { enrolment: { personId: zenabou.personId }, exercise: { key } },
        include: { exercise: { include: { questions: { orderBy: { position: 'asc' } } } }, answers: true },
      });
      if (submission.status === 'submitted') return;
      const question = submission.exercise.questions[submission.currentPosition];
      if (!question) {
        await bySimulator({ choice: 'ex:confirm' });
        continue;
      }
      switch (question.type) {
        case 'text':
          if (submission.answers.some((a) => a.questionId === question.id)) await bySimulator({ choice: 'ex:next' });
          else await bySimulator(unique('réponse'));
          break;
        case 'number':
          await bySimulator('42');
          break;
        case 'choice':
        case 'scale':
          await bySimulator({ choice: await firstChoice() });
          break;
        case 'multi_choice':
          await bySimulator({ choice: await firstChoice() });
          await bySimulator({ choice: 'a!done' });
          break;
        default:
          await sendMedia(question.type, 'simulator');
      }
    }
    throw new Error(`exercise ${key} was not handed in`);
  }

  it('erases a participant who used every feature, on two platforms', async () => {
    const cohort = await t.test.db.cohort.findFirstOrThrow();
    const [code] = (await createInviteCodes(t.test.db, { cohortId: cohort.id, role: 'participant', count: 1 })) as [
      string,
    ];
    mentor = await SimulatedPerson.create(t, { name: 'Mme Diallo', role: 'mentor', hub: 'ouagadougou' });
    zenabou = await SimulatedPerson.create(t, { name: 'Zéna (simulateur)', role: 'newcomer' });
    written.push('Zéna (simulateur)');

    // She joins in the simulator and answers every question type there, media included.
    await bySimulator(`REJOINDRE ${code}`);
    await bySimulator({ choice: 'lang:fr' });
    await bySimulator({ choice: 'consent:yes' });
    await bySimulator({ choice: 'hub:ouagadougou' });
    await bySimulator({ choice: 'join-country:BF' });
    await bySimulator(NAME);
    for (const key of ['semaine-1', 'semaine-2', 'semaine-3', 'semaine-4', 'semaine-5']) await answerExercise(key);

    // Then she writes from Telegram and WhatsApp too (one person, three identities; the simulator
    // acts no more for someone reached on another channel), a file included.
    await t.test.db.channelIdentity.create({
      data: {
        personId: zenabou.personId,
        channel: 'telegram',
        platformId: String(TELEGRAM.chatId),
        username: TELEGRAM.userName,
      },
    });
    await t.test.db.channelIdentity.create({
      data: {
        personId: zenabou.personId,
        channel: 'whatsapp',
        platformId: WHATSAPP.user_id,
        phoneNumber: WHATSAPP.wa_id,
      },
    });
    await byTelegram('progrès');
    await byTelegram(unique('réponse'));
    await byWhatsapp({ type: 'text', text: { body: 'aide' } });
    await sendMedia('photo', 'whatsapp');
    await sendMedia('document', 'whatsapp');

    // A mentor, a check-in prompt naming her and the mentor's note about her.
    const assignment = await t.test.db.mentorAssignment.create({
      data: { cohortId: cohort.id, mentorId: mentor.personId, menteeId: zenabou.personId },
    });
    const checkInId = (await promptCheckIn(release, assignment.id, t.context.now()))!;
    await settle();
    await mentor.replies(1);
    await mentor.send({ choice: `ci:${checkInId}:needs_attention` });
    const note = unique('note de la mentore : Zénabou traverse un deuil');
    await mentor.send(note);

    // A message to her mentor, relayed with her name and words.
    await byTelegram('MENTOR');
    await byTelegram(unique('message pour ma mentore'));
    // The mentor answers with the button under it: words addressed to her.
    await mentor.replies(1);
    await mentor.send({ choice: `reply:${zenabou.personId}` });
    await mentor.send(unique('réponse de la mentore à Zénabou'));
    await settle();

    // A graded submission, with a comment; an audit entry of the older kind copied the comment.
    const graded = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: zenabou.personId }, status: 'submitted' },
    });
    const comment = unique('commentaire de note sur Zénabou');
    const grade = await gradeSubmission(t.test.db, {
      submissionId: graded.id,
      graderId: mentor.personId,
      score: 4,
      comment,
    });
    await t.test.db.auditLog.create({
      data: {
        actorId: mentor.personId,
        action: 'submission.grade',
        entity: 'Submission',
        entityId: graded.id,
        details: { gradeId: grade.id, score: 4, comment },
      },
    });

    // A broadcast she receives.
    const programme = await t.test.db.programme.findFirstOrThrow();
    const segment = await t.test.db.segment.create({ data: { programmeId: programme.id, filter: {} } });
    const broadcast = await t.test.db.broadcast.create({
      data: {
        programmeId: programme.id,
        segmentId: segment.id,
        texts: { fr: 'Atelier samedi', en: 'Workshop on Saturday' },
        status: 'scheduled',
        scheduledAt: t.context.now(),
      },
    });
    await t.queues.fanOutBroadcasts([broadcast.id], t.context.now());
    await waitFor(
      () =>
        t.test.db.outboundMessage
          .findFirst({ where: { broadcastId: broadcast.id, personId: zenabou.personId, status: 'sent' } })
          .then((m) => m ?? undefined),
      15_000,
      'the broadcast sent',
    );

    // Before: the search finds her everywhere (the search works).
    const personal = [
      NAME,
      TELEGRAM.userName,
      String(TELEGRAM.chatId),
      WHATSAPP.user_id,
      WHATSAPP.wa_id,
      WHATSAPP.name,
      WHATSAPP.username,
      TELEGRAM.firstName,
      ...written,
    ];
    expect(logLines.length).toBeGreaterThan(0);
    const before = await findings(personal);
    expect(before.length).toBeGreaterThan(10);
    for (const place of [
      'table OutboundMessage',
      'table InboundEvent',
      'table RubricGrade',
      'table AuditLog',
      'table CheckIn',
      'table ChannelIdentity',
      'simulator-uploads',
      'file ',
    ]) {
      expect(
        before.some((finding) => finding.includes(` in ${place}`) || finding.includes(place)),
        place,
      ).toBe(true);
    }

    // She erases her data from Telegram, and confirms with the button.
    await byTelegram('EFFACER');
    const question = emulator.storage.botMessages
      .filter((m) => String(m.message.chat_id) === String(TELEGRAM.chatId))
      .at(-1)!;
    const client = emulator.getClient(TOKEN, {
      chatId: TELEGRAM.chatId,
      userId: TELEGRAM.chatId,
      firstName: TELEGRAM.firstName,
      userName: TELEGRAM.userName,
    });
    eventsSent++;
    await client.sendCallback(
      client.makeCallbackQuery('c:erase:yes', {
        message: {
          message_id: question.messageId,
          text: question.message.text,
          reply_markup: question.message.reply_markup,
        },
      }),
    );
    const confirmation = await waitFor(
      async () =>
        emulator.storage.botMessages.find(
          (m) =>
            String(m.message.chat_id) === String(TELEGRAM.chatId) &&
            m.message.text?.includes('vos données personnelles et vos réponses sont effacées'),
        ),
      15_000,
      'the confirmation in her Telegram chat',
    );
    expect(confirmation).toBeDefined();
    await settle();

    const found = await findings(personal);
    console.info(
      `personal strings found after erasure: ${found.length}${found.length > 0 ? `\n${found.join('\n')}` : ''}`,
    );
    expect(found).toEqual([]);

    // What erasure does besides: enrolment stopped, mentoring ended, her files and uploads gone.
    const person = await t.test.db.person.findUniqueOrThrow({
      where: { id: zenabou.personId },
      include: { enrolments: true, mentoredBy: true },
    });
    expect(person.enrolments.map((e) => e.status)).toEqual(['stopped']);
    expect(person.mentoredBy.every((a) => a.endedAt !== null)).toBe(true);
    expect(await t.test.db.rubricGrade.findUniqueOrThrow({ where: { id: grade.id } })).toMatchObject({
      score: 4,
      comment: null,
    });
  }, 240_000);

  it('treats her as a new person when she writes again', async () => {
    const before = await t.test.db.person.count();
    const client = emulator.getClient(TOKEN, {
      chatId: TELEGRAM.chatId,
      userId: TELEGRAM.chatId,
      firstName: TELEGRAM.firstName,
    });
    await client.sendMessage(client.makeMessage('Bonjour'));
    const identity = await waitFor(
      () =>
        t.test.db.channelIdentity
          .findFirst({ where: { channel: 'telegram', platformId: String(TELEGRAM.chatId) } })
          .then((i) => i ?? undefined),
      15_000,
      'a new identity',
    );
    expect(identity.personId).not.toBe(zenabou.personId);
    expect(await t.test.db.person.count()).toBe(before + 1);
    const newcomer = await t.test.db.person.findUniqueOrThrow({ where: { id: identity.personId } });
    expect(newcomer).toMatchObject({ roles: [], displayName: null, erasedAt: null });
  });

  /** Where each personal string still is: every table's rows, the media folder, the log lines, the app's Redis keys. */
  async function findings(strings: string[]): Promise<string[]> {
    const haystacks: { where: string; text: string }[] = [];
    const tables = await t.test.db.$queryRaw<
      { name: string }[]
    >`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`;
    for (const { name } of tables) {
      const rows = await t.test.db.$queryRawUnsafe<{ row: string }[]>(
        `SELECT row_to_json(t)::text AS row FROM "${name}" AS t`,
      );
      for (const { row } of rows) haystacks.push({ where: `table ${name}`, text: row });
    }
    for (const file of filesUnder(t.mediaDir)) {
      haystacks.push({ where: `file ${file}`, text: `${file}\n${readFileSync(file, 'utf8')}` });
    }
    logLines.forEach((line, index) => haystacks.push({ where: `log line ${index}`, text: line }));
    const redis = new Redis(REDIS_URL);
    try {
      for (const key of await redis.keys(`${t.prefix}:*`))
        haystacks.push({ where: `redis ${key}`, text: `${key}\n${await redisValue(redis, key)}` });
    } finally {
      redis.disconnect();
    }
    const found: string[] = [];
    for (const value of strings) {
      for (const haystack of haystacks) {
        if (haystack.text.includes(value) || haystack.text.includes(JSON.stringify(value).slice(1, -1)))
          found.push(`${JSON.stringify(value)} in ${haystack.where}`);
      }
    }
    return found;
  }
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function redisValue(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return (await redis.lrange(key, 0, -1)).join('\n');
    case 'set':
      return (await redis.smembers(key)).join('\n');
    case 'zset':
      return (await redis.zrange(key, 0, -1)).join('\n');
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
