import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from '../../src/admin/admin-routes.ts';
import type { AdminDependencies } from '../../src/admin/admin-dependencies.ts';
import type { SessionOptions } from '../../src/admin/sign-in-routes.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import { createTranslate } from '../../src/i18n.ts';
import type { Logger } from '../../src/logger.ts';
import type { Database } from '../../src/store/database.ts';
import type { Prisma, SubmissionStatus } from '../../src/store/generated/client.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { importSample } from './sample-programme.ts';
import { startTestApp, type TestApp } from './test-app.ts';

/**
 * The whole pipeline with the dashboard at /admin, listening on 127.0.0.1 on a port of its own
 * so that a browser can reach it. `deps` are the dashboard's dependencies; `now` is the clock of
 * the dashboard and of the rest of the app (`context.now`); `options` change the session and link
 * lifetimes.
 */
export async function startAdminTestApp(
  options: Partial<SessionOptions> & {
    publicUrl?: string;
    secureCookies?: boolean;
    now?: () => Date;
    logger?: Logger;
    /** Whether the repeating jobs are registered (see startTestApp); no by default. */
    schedules?: boolean;
    /** The Telegram bot and WhatsApp number invites link to; none by default. */
    chatAccounts?: AdminDependencies['chatAccounts'];
    /** Chat channels and their routes (a webhook), as startTestApp takes them; the simulator only by default. */
    channels?: NonNullable<Parameters<typeof startTestApp>[0]>['channels'];
    routes?: NonNullable<Parameters<typeof startTestApp>[0]>['routes'];
  } = {},
): Promise<TestApp & { baseUrl: string; deps: AdminDependencies }> {
  let deps: AdminDependencies | undefined;
  const started: { app?: TestApp } = {};
  const translate = createTranslate({ defaultLanguage: 'fr' });
  const t = await startTestApp({
    ...(options.logger && { logger: options.logger }),
    ...(options.now && { now: options.now }),
    ...(options.schedules !== undefined && { schedules: options.schedules }),
    ...(options.channels && { channels: options.channels }),
    routes: [
      ...(options.routes ?? []),
      (app, { db, queues }) => {
        deps = {
          db,
          queues,
          translate,
          defaultLanguage: 'fr',
          logger: app.log as AdminDependencies['logger'],
          now: options.now ?? (() => new Date()),
          // The media folder is made by startTestApp after the routes are given; read it when used.
          get mediaDir() {
            return started.app!.mediaDir;
          },
          publicUrl: options.publicUrl ?? null,
          secureCookies: options.secureCookies ?? false,
          ...(options.chatAccounts && { chatAccounts: options.chatAccounts }),
        };
        registerAdminRoutes(app, deps, options);
      },
    ],
  });
  started.app = t;
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test server is not listening on a port');
  return { ...t, baseUrl: `http://127.0.0.1:${address.port}`, deps: deps! };
}

/**
 * Signs a person in through the real one-time link flow (link, then POST), and returns the
 * session cookie (`name=value`, for a `cookie` header) and the CSRF token of their forms.
 */
export async function signInAs(
  app: FastifyInstance,
  db: Database,
  personId: string,
  /** The app's clock, when the test gives it one far from today. */
  now: Date = new Date(),
): Promise<{ cookie: string; csrfToken: string }> {
  const link = await createSignInLink(db, { personId, now, validMinutes: 15 });
  if (!link.ok) throw new Error(`${personId} cannot sign in: ${link.reason}`);
  const response = await app.inject({ method: 'POST', url: `/admin/sign-in/${link.token}` });
  if (response.statusCode !== 303) throw new Error(`sign-in failed (${response.statusCode}): ${response.body}`);
  const setCookie = [response.headers['set-cookie']]
    .flat()
    .find((header): header is string => typeof header === 'string' && header.startsWith('compagnon_session='));
  if (!setCookie) throw new Error('sign-in set no session cookie');
  const cookie = setCookie.split(';')[0]!;
  const page = await app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrfToken) throw new Error(`no CSRF token on /admin (${page.statusCode})`);
  return { cookie, csrfToken };
}

/** What `seedCohort` created. Participants are listed in the order of the table in `seedCohort`. */
export interface SeededCohort {
  programmeId: string;
  cohortId: string;
  staffId: string;
  /** [Mme Diallo, M. Rakoto]. */
  mentorIds: [string, string];
  /** Mentees of each mentor: Diallo has the first three participants, Rakoto the last three. */
  menteesOf: Record<string, string[]>;
  /** [Awa, Boubacar, Salma, Espoir, Rivo, Fatou]. */
  participantIds: string[];
  enrolmentIds: Record<string, string>;
  /** The six exercises in programme order; the first five are past their deadline, the sixth is open. */
  exerciseIds: string[];
  /** Every submission, with whose and of which exercise. */
  submissions: { id: string; personId: string; exerciseId: string; status: SubmissionStatus; late: boolean }[];
  submissionIds: string[];
  /** Awa's photo (first exercise); voice, video and document files are in `mediaFileIds`. */
  photoMediaFileId: string;
  mediaFileIds: string[];
  checkInIds: string[];
  actionPlanId: string;
  milestoneIds: string[];
}

/** A 1×1 PNG, so that the photo can be shown. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const DAY = 24 * 3600_000;

/**
 * Per participant: hub, status, and for each of the five past exercises T (on time), L (late) or
 * M (missed). Awa answers every question, with a photo, a document, a voice note and a video.
 */
const PARTICIPANTS = [
  { name: 'Awa', hub: 'abidjan', status: 'active', record: 'TTTTT', locale: 'fr' },
  { name: 'Boubacar', hub: 'ouagadougou', status: 'active', record: 'TLTML', locale: 'fr' },
  { name: 'Salma', hub: 'tunis', status: 'active', record: 'TTLMM', locale: 'fr', slipping: true },
  { name: 'Espoir', hub: 'bukavu', status: 'paused', record: 'TLMMM', locale: 'fr' },
  { name: 'Rivo', hub: 'antananarivo', status: 'stopped', record: 'TMMMM', locale: 'en' },
  { name: 'Fatou', hub: 'abidjan', status: 'selected', record: 'TTTTL', locale: 'en' },
] as const;

const MEDIA = {
  photo: { mimeType: 'image/png', extension: 'png', data: PNG },
  document: { mimeType: 'application/pdf', extension: 'pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') },
  voice: { mimeType: 'audio/ogg', extension: 'ogg', data: Buffer.from('OggS') },
  video: { mimeType: 'video/mp4', extension: 'mp4', data: Buffer.from('\0\0\0\x18ftypmp42') },
} as const;

/**
 * Imports examples/connexions-citoyennes.yaml and fills its cohort: one staff member (Claire),
 * two mentors, six participants across the hubs with submissions on time, late and missed (the
 * five past deadlines fall 35, 28, 21, 14 and 7 days before `now`), check-ins and an action plan.
 * With `mediaDir`, Awa's media files are written there too (so they can be served).
 */
export async function seedCohort(db: Database, now: Date, options: { mediaDir?: string } = {}): Promise<SeededCohort> {
  await importSample(db);
  const programme = await db.programme.findUniqueOrThrow({
    where: { key: 'connexions-citoyennes' },
    select: {
      id: true,
      cohorts: { select: { id: true } },
      hubs: { select: { id: true, key: true } },
      exercises: { orderBy: { position: 'asc' }, select: { id: true, questions: { orderBy: { position: 'asc' } } } },
    },
  });
  const cohortId = programme.cohorts[0]!.id;
  const hubId = (key: string) => programme.hubs.find((hub) => hub.key === key)!.id;
  let platformSeq = 0;
  const person = (data: {
    name: string;
    roles: ('participant' | 'mentor' | 'staff')[];
    hub?: string;
    locale?: string;
  }) =>
    db.person.create({
      data: {
        displayName: data.name,
        roles: data.roles,
        locale: data.locale ?? 'fr',
        hubId: data.hub ? hubId(data.hub) : null,
        identities: {
          create: {
            channel: 'simulator',
            platformId: `seed-${now.getTime()}-${platformSeq++}`,
            lastInboundAt: new Date(now.getTime() - DAY),
          },
        },
      },
      select: { id: true },
    });

  const staff = await person({ name: 'Claire', roles: ['staff'] });
  await db.enrolment.create({ data: { personId: staff.id, cohortId, role: 'staff' } });
  const mentors = [
    await person({ name: 'Mme Diallo', roles: ['mentor'], hub: 'abidjan' }),
    await person({ name: 'M. Rakoto', roles: ['mentor'], hub: 'antananarivo' }),
  ];
  for (const mentor of mentors) await db.enrolment.create({ data: { personId: mentor.id, cohortId, role: 'mentor' } });

  // Deadlines a week apart, the last past one a week ago; the sixth exercise is open now.
  const deadlines = programme.exercises.map(
    (_, index) => new Date(now.getTime() - (5 - index) * 7 * DAY + (index === 5 ? 3 * DAY : 0)),
  );
  await Promise.all(
    programme.exercises.map((exercise, index) =>
      db.exercise.update({
        where: { id: exercise.id },
        data: { releasedAt: new Date(deadlines[index]!.getTime() - 6 * DAY) },
      }),
    ),
  );

  const participantIds: string[] = [];
  const enrolmentIds: Record<string, string> = {};
  const submissions: SeededCohort['submissions'] = [];
  const mediaFileIds: string[] = [];
  for (const [position, participant] of PARTICIPANTS.entries()) {
    const created = await person({
      name: participant.name,
      roles: ['participant'],
      hub: participant.hub,
      locale: participant.locale,
    });
    participantIds.push(created.id);
    const enrolment = await db.enrolment.create({
      data: {
        personId: created.id,
        cohortId,
        role: 'participant',
        status: participant.status,
        // Active since before the first release: every miss counts for slipping.
        statusChangedAt: new Date(now.getTime() - 42 * DAY),
        ...(participant.status === 'paused' && { pausedUntil: new Date(now.getTime() + 5 * DAY) }),
        ...(participant.status === 'stopped' && { statusBeforeStop: 'active' }),
        ...('slipping' in participant && { slippingAlertedAt: new Date(now.getTime() - 2 * DAY) }),
      },
      select: { id: true },
    });
    enrolmentIds[created.id] = enrolment.id;

    for (const [index, exercise] of programme.exercises.entries()) {
      const deadlineAt = deadlines[index]!;
      const mark =
        index < 5
          ? participant.record[index]!
          : position === 5
            ? 'T'
            : participant.status === 'stopped'
              ? 'P'
              : position === 0
                ? 'I'
                : 'O';
      const status: SubmissionStatus = {
        T: 'submitted',
        L: 'submitted',
        M: 'missed',
        P: 'planned',
        I: 'in_progress',
        O: 'open',
      }[mark] as SubmissionStatus;
      const late = mark === 'L';
      const submittedAt =
        mark === 'T'
          ? new Date(Math.min(deadlineAt.getTime() - DAY, now.getTime() - 3600_000))
          : late
            ? new Date(deadlineAt.getTime() + DAY)
            : null;
      const releaseAt = new Date(deadlineAt.getTime() - 6 * DAY);
      const submission = await db.submission.create({
        data: {
          exerciseId: exercise.id,
          enrolmentId: enrolment.id,
          status,
          releaseAt,
          deadlineAt,
          releasedAt: status === 'planned' ? null : releaseAt,
          startedAt: submittedAt ?? (status === 'in_progress' ? new Date(now.getTime() - 3600_000) : null),
          submittedAt,
          late,
          currentPosition: status === 'submitted' ? exercise.questions.length : 0,
        },
        select: { id: true },
      });
      submissions.push({ id: submission.id, personId: created.id, exerciseId: exercise.id, status, late });
      const answered =
        status === 'submitted' ? exercise.questions : status === 'in_progress' ? exercise.questions.slice(0, 1) : [];
      for (const question of answered) {
        const media = question.type in MEDIA ? MEDIA[question.type as keyof typeof MEDIA] : null;
        let mediaFileId: string | null = null;
        if (media && position === 0) {
          const relative = `seed/${question.key}.${media.extension}`;
          const file = await db.mediaFile.create({
            data: {
              personId: created.id,
              channel: 'simulator',
              platformFileId: `seed-${submission.id}-${question.key}`,
              path: relative,
              mimeType: media.mimeType,
              sizeBytes: media.data.length,
              sha256: question.key,
            },
            select: { id: true },
          });
          mediaFileId = file.id;
          mediaFileIds.push(file.id);
          if (options.mediaDir) {
            mkdirSync(path.join(options.mediaDir, 'seed'), { recursive: true });
            writeFileSync(path.join(options.mediaDir, relative), media.data);
          }
        }
        await db.answer.create({
          data: {
            submissionId: submission.id,
            questionId: question.id,
            value: answerValue(question, participant.name) ?? undefined,
            skipped: media !== null && mediaFileId === null,
            mediaFileId,
            answeredAt: submittedAt ?? now,
          },
        });
      }
    }
  }

  const menteesOf = { [mentors[0]!.id]: participantIds.slice(0, 3), [mentors[1]!.id]: participantIds.slice(3) };
  const assignments: { id: string; mentorId: string; menteeId: string }[] = [];
  for (const [mentorId, menteeIds] of Object.entries(menteesOf)) {
    for (const menteeId of menteeIds) {
      assignments.push(
        await db.mentorAssignment.create({
          data: { cohortId, mentorId, menteeId, nextCheckInAt: new Date(now.getTime() + 7 * DAY) },
          select: { id: true, mentorId: true, menteeId: true },
        }),
      );
    }
  }
  const checkInIds: string[] = [];
  for (const [index, assignment] of assignments.entries()) {
    const signal = (['on_track', 'on_track', 'needs_attention', 'no_contact', 'on_track', 'on_track'] as const)[index]!;
    const dueAt = new Date(now.getTime() - 10 * DAY);
    const checkIn = await db.checkIn.create({
      data: {
        assignmentId: assignment.id,
        mentorId: assignment.mentorId,
        menteeId: assignment.menteeId,
        status: 'answered',
        dueAt,
        promptedAt: dueAt,
        answeredAt: new Date(dueAt.getTime() + 3600_000),
        signal,
        note: signal === 'on_track' ? null : 'Pas de nouvelles depuis une semaine.',
      },
      select: { id: true },
    });
    checkInIds.push(checkIn.id);
  }

  const awa = participantIds[0]!;
  const plan = await db.actionPlan.create({
    data: {
      enrolmentId: enrolmentIds[awa]!,
      title: "Plan d'action d'Awa",
      milestones: {
        create: [
          {
            position: 1,
            title: "Premier jalon du plan d'action",
            dueOn: new Date(now.getTime() - 14 * DAY),
            status: 'done',
            reportedAt: new Date(now.getTime() - 15 * DAY),
            reportedById: awa,
          },
          {
            position: 2,
            title: 'Point à mi-parcours',
            dueOn: new Date(now.getTime() + 14 * DAY),
            status: 'in_progress',
            note: 'Budget en cours',
          },
          { position: 3, title: "Bilan de l'incubation", dueOn: new Date(now.getTime() + 60 * DAY), status: 'pending' },
        ],
      },
    },
    select: { id: true, milestones: { orderBy: { position: 'asc' }, select: { id: true } } },
  });

  const photo = submissions.find((s) => s.personId === awa && s.exerciseId === programme.exercises[0]!.id)!;
  const photoAnswer = await db.answer.findFirstOrThrow({
    where: { submissionId: photo.id, mediaFileId: { not: null } },
    select: { mediaFileId: true },
  });
  return {
    programmeId: programme.id,
    cohortId,
    staffId: staff.id,
    mentorIds: [mentors[0]!.id, mentors[1]!.id],
    menteesOf,
    participantIds,
    enrolmentIds,
    exerciseIds: programme.exercises.map((exercise) => exercise.id),
    submissions,
    submissionIds: submissions.map((s) => s.id),
    photoMediaFileId: photoAnswer.mediaFileId!,
    mediaFileIds,
    checkInIds,
    actionPlanId: plan.id,
    milestoneIds: plan.milestones.map((m) => m.id),
  };
}

function answerValue(
  question: { type: string; options: Prisma.JsonValue; min: number | null; max: number | null; key: string },
  name: string,
): Prisma.InputJsonValue | null {
  const keys = ((question.options ?? []) as { key: string }[]).map((option) => option.key);
  switch (question.type) {
    case 'text':
      return { text: `${name} : réponse à « ${question.key} ».` };
    case 'choice':
      return { choices: keys.slice(0, 1) };
    case 'multi_choice':
      return { choices: keys.slice(0, 2) };
    case 'scale':
      return { number: question.max ?? 4 };
    case 'number':
      return { number: 120 };
    default:
      return { media: true };
  }
}

/** What `seedSecondProgramme` created. */
export interface SeededSecondProgramme {
  programmeId: string;
  cohortId: string;
  /** Bernard, staff of the second programme only. */
  staffId: string;
  /** Mme Okafor, Awa's mentor in the second programme. */
  mentorId: string;
  /** Kofi, enrolled in the second programme only, mentored there by Mme Diallo. */
  kofiId: string;
  /** Awa's enrolment in the second programme. */
  awaEnrolmentId: string;
  /** The second programme's first exercise. */
  exerciseId: string;
  /** Awa's and Kofi's submissions to it, both handed in. */
  awaSubmissionId: string;
  kofiSubmissionId: string;
  /** Awa's text answer there, and the photo she sent with it. */
  awaAnswerText: string;
  awaPhotoMediaFileId: string;
  /** A file Awa sent that answers no question. */
  awaLooseMediaFileId: string;
}

/**
 * A second, separate programme next to `seedCohort`'s: the sample file imported again under
 * another id (Programme Sud, cohort "Promotion Sud"), with its own staff member (Bernard). Awa,
 * of the first cohort, is enrolled here too, mentored by Mme Okafor, and answers the first
 * exercise with a text and a photo; Kofi is enrolled here only, mentored by Mme Diallo — who
 * thus mentors people in two cohorts. Consents to each programme and a check-in here for Awa.
 * It has no call for applications.
 */
export async function seedSecondProgramme(
  db: Database,
  now: Date,
  first: SeededCohort,
  options: { mediaDir?: string } = {},
): Promise<SeededSecondProgramme> {
  const source = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8')
    .replace(/^id: connexions-citoyennes$/m, 'id: programme-sud')
    .replace(
      /^ {2}fr: Connexions citoyennes\n {2}en: Civic Connections$/m,
      '  fr: Programme Sud\n  en: Southern Programme',
    )
    .replace('name: { fr: Promotion 2027, en: 2027 cohort }', 'name: { fr: Promotion Sud, en: Southern cohort }')
    // No call for applications: the sample's is the first programme's.
    .replace(/\napplications:\n(?:[ #].*\n|\n)*/, '\n');
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error('the second programme is invalid');
  const { programmeId } = await importProgramme(db, parsed.programme, { source, now });
  const programme = await db.programme.findUniqueOrThrow({
    where: { id: programmeId },
    select: {
      cohorts: { select: { id: true } },
      hubs: { select: { id: true, key: true } },
      exercises: {
        orderBy: { position: 'asc' },
        take: 1,
        select: { id: true, questions: { orderBy: { position: 'asc' } } },
      },
    },
  });
  const cohortId = programme.cohorts[0]!.id;
  const exercise = programme.exercises[0]!;
  const person = (name: string, roles: ('participant' | 'mentor' | 'staff')[], hub: string | null) =>
    db.person.create({
      data: {
        displayName: name,
        roles,
        locale: 'fr',
        hubId: hub ? programme.hubs.find((h) => h.key === hub)!.id : null,
        identities: {
          create: {
            channel: 'simulator',
            platformId: `sud-${now.getTime()}-${name}`,
            lastInboundAt: new Date(now.getTime() - DAY),
          },
        },
      },
      select: { id: true },
    });
  const staff = await person('Bernard', ['staff'], null);
  await db.enrolment.create({ data: { personId: staff.id, cohortId, role: 'staff' } });
  const okafor = await person('Mme Okafor', ['mentor'], 'abidjan');
  const diallo = first.mentorIds[0];
  for (const mentorId of [okafor.id, diallo])
    await db.enrolment.create({ data: { personId: mentorId, cohortId, role: 'mentor' } });
  const kofi = await person('Kofi', ['participant'], 'tunis');
  const awa = first.participantIds[0]!;

  const awaAnswerText = 'Awa, au Sud : réponse réservée au Programme Sud.';
  const deadlineAt = new Date(now.getTime() - 2 * DAY);
  const submissionIds: Record<string, string> = {};
  let photoId = '';
  for (const [personId, text] of [
    [awa, awaAnswerText],
    [kofi.id, 'Kofi : réponse au Programme Sud.'],
  ] as const) {
    const enrolment = await db.enrolment.create({
      data: { personId, cohortId, role: 'participant' },
      select: { id: true },
    });
    const submission = await db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId: enrolment.id,
        status: 'submitted',
        releaseAt: new Date(deadlineAt.getTime() - 6 * DAY),
        releasedAt: new Date(deadlineAt.getTime() - 6 * DAY),
        deadlineAt,
        submittedAt: new Date(deadlineAt.getTime() - DAY),
        currentPosition: exercise.questions.length,
      },
      select: { id: true },
    });
    submissionIds[personId] = submission.id;
    for (const question of exercise.questions) {
      let mediaFileId: string | null = null;
      if (question.type === 'photo' && personId === awa) {
        mediaFileId = (await mediaFileOf(db, awa, `sud/${question.key}.png`, options.mediaDir)).id;
        photoId = mediaFileId;
      }
      const value =
        question.type === 'text'
          ? { text }
          : question.type === 'photo'
            ? mediaFileId
              ? { media: true }
              : null
            : answerValue(question, 'Sud');
      await db.answer.create({
        data: {
          submissionId: submission.id,
          questionId: question.id,
          value: value ?? undefined,
          skipped: value === null,
          mediaFileId,
          answeredAt: deadlineAt,
        },
      });
    }
  }
  const loose = await mediaFileOf(db, awa, 'sud/loose.png', options.mediaDir);

  const okaforAssignment = await db.mentorAssignment.create({
    data: { cohortId, mentorId: okafor.id, menteeId: awa },
    select: { id: true },
  });
  await db.mentorAssignment.create({ data: { cohortId, mentorId: diallo, menteeId: kofi.id } });
  const dueAt = new Date(now.getTime() - 5 * DAY);
  await db.checkIn.create({
    data: {
      assignmentId: okaforAssignment.id,
      mentorId: okafor.id,
      menteeId: awa,
      status: 'answered',
      dueAt,
      answeredAt: dueAt,
      signal: 'needs_attention',
      note: 'Note de Mme Okafor, Programme Sud.',
    },
  });
  await db.consent.createMany({
    data: [
      { personId: awa, programmeId: first.programmeId, given: true, textVersion: '2027-01', locale: 'fr' },
      { personId: awa, programmeId, given: true, textVersion: 'sud-2027', locale: 'fr' },
    ],
  });
  const awaEnrolment = await db.enrolment.findUniqueOrThrow({
    where: { personId_cohortId: { personId: awa, cohortId } },
    select: { id: true },
  });
  return {
    programmeId,
    cohortId,
    staffId: staff.id,
    mentorId: okafor.id,
    kofiId: kofi.id,
    awaEnrolmentId: awaEnrolment.id,
    exerciseId: exercise.id,
    awaSubmissionId: submissionIds[awa]!,
    kofiSubmissionId: submissionIds[kofi.id]!,
    awaAnswerText,
    awaPhotoMediaFileId: photoId,
    awaLooseMediaFileId: loose.id,
  };
}

/** A PNG sent by a person, written under `mediaDir` when given. */
async function mediaFileOf(db: Database, personId: string, relative: string, mediaDir: string | undefined) {
  if (mediaDir) {
    mkdirSync(path.dirname(path.join(mediaDir, relative)), { recursive: true });
    writeFileSync(path.join(mediaDir, relative), PNG);
  }
  return db.mediaFile.create({
    data: {
      personId,
      channel: 'simulator',
      platformFileId: `file-${relative}`,
      path: relative,
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      sha256: relative,
    },
    select: { id: true },
  });
}
