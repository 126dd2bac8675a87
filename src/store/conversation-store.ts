import type {
  CohortStats,
  ConversationStore,
  EnrolmentView,
  FlowState,
  MilestoneView,
  Role,
  SubmissionView,
} from '../conversation/conversation-context.ts';
import { milestoneTitles } from '../domain/milestone-title.ts';
import { isLanguage, type LocalizedText } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { normalizeInviteCode } from '../domain/invite-code.ts';
import type { Prisma } from './generated/client.ts';
import type { ErasedAddress } from './outbox/outbox.ts';
import { erasePerson } from './people/erase-person.ts';
import { pendingConsent } from './people/pending-consent.ts';
import { countAudience } from './broadcasts/segment-query.ts';
import { createSignInLink, signInPath } from './access/sign-in-links.ts';
import { hasPlatformIdentity } from './people/simulator-people.ts';

type Tx = Prisma.TransactionClient;

const enrolmentInclude = {
  cohort: { select: { name: true, programme: { select: { id: true, name: true, locales: true, settings: true } } } },
} as const;

const milestoneInclude = {
  actionPlan: {
    select: {
      enrolment: { select: { cohortId: true, cohort: { select: { programme: { select: { settings: true } } } } } },
    },
  },
} as const;

function milestoneView(row: Prisma.MilestoneGetPayload<{ include: typeof milestoneInclude }>): MilestoneView {
  const { id, position, title, status, note, followedUpAt, reportedAt } = row;
  const { enrolment } = row.actionPlan;
  // A programme imported before action plans existed has no `actionPlan` settings.
  const definitions = (enrolment.cohort.programme.settings as unknown as Partial<ProgrammeSettings>).actionPlan
    ?.milestones;
  const titles = milestoneTitles(row, definitions);
  return {
    id,
    position,
    title,
    titles,
    dueOn: row.dueOn.toISOString().slice(0, 10),
    status,
    cohortId: enrolment.cohortId,
    note,
    followedUpAt,
    reportedAt,
  };
}

/** Outbound statuses of a message that reached the platform. */
/** An exercise and its questions as the conversation reads them. */
export function exerciseView(
  row: Prisma.ExerciseGetPayload<{ include: { questions: true } }>,
): SubmissionView['exercise'] {
  return {
    id: row.id,
    key: row.key,
    title: row.title as LocalizedText,
    intro: row.intro as LocalizedText,
    graceMinutes: row.graceMinutes,
    closesAfterMinutes: row.closesAfterMinutes,
    questions: row.questions.map((q) => ({
      id: q.id,
      key: q.key,
      position: q.position,
      type: q.type,
      required: q.required,
      prompt: q.prompt as LocalizedText,
      options: q.options as { key: string; label: LocalizedText }[] | null,
      min: q.min,
      max: q.max,
    })),
  };
}

const WENT_OUT = new Set(['sent', 'delivered', 'read']);

/** The conversation's reads and changes, in the transaction that handles the event. */
export function createConversationStore(
  tx: Tx,
  options: {
    mediaDir?: string;
    onBroadcast?: (broadcast: { id: string; scheduledAt: Date }) => void;
    /** Called when what the event being handled says is about other people (a check-in note about a mentee). */
    onAbout?: (personIds: string[]) => void;
    /**
     * Called once a person is erased, with the addresses their identities had (by identity id)
     * and the files to delete once the transaction has committed (see `deleteErasedFiles`).
     */
    onErase?: (addresses: Map<string, ErasedAddress>, files: string[]) => void;
    /** For dashboard sign-in links sent in chat (PUBLIC_URL, SIGN_IN_LINK_MINUTES). */
    dashboard?: { publicUrl: string | null; linkMinutes: number };
  } = {},
): ConversationStore {
  const enrolmentView = (row: Prisma.EnrolmentGetPayload<{ include: typeof enrolmentInclude }>): EnrolmentView => {
    const settings = row.cohort.programme.settings as unknown as ProgrammeSettings;
    return {
      id: row.id,
      cohortId: row.cohortId,
      cohortName: row.cohort.name as LocalizedText,
      role: row.role,
      status: row.status,
      pausedUntil: row.pausedUntil,
      programme: {
        id: row.cohort.programme.id,
        name: row.cohort.programme.name as LocalizedText,
        languages: row.cohort.programme.locales.filter(isLanguage),
        timeZone: settings.timeZone,
        consent: settings.consent,
      },
    };
  };

  return {
    setLocale: async (personId, locale) => {
      await tx.person.update({ where: { id: personId }, data: { locale } });
    },
    setDisplayName: async (personId, name) => {
      await tx.person.update({ where: { id: personId }, data: { displayName: name } });
    },
    setHub: async (personId, hubId) => {
      await tx.person.update({ where: { id: personId }, data: { hubId } });
    },

    getState: async (personId) => {
      const row = await tx.conversationState.findUnique({ where: { personId } });
      return row ? { flow: row.flow, step: row.step, data: row.data as Record<string, unknown> } : null;
    },
    setState: async (personId, state: FlowState) => {
      const data = state.data as Prisma.InputJsonValue;
      await tx.conversationState.upsert({
        where: { personId },
        create: { personId, flow: state.flow, step: state.step, data },
        update: { flow: state.flow, step: state.step, data },
      });
    },
    clearState: async (personId) => {
      await tx.conversationState.deleteMany({ where: { personId } });
    },

    enrolments: async (personId) => {
      const rows = await tx.enrolment.findMany({
        where: { personId },
        include: enrolmentInclude,
        orderBy: { createdAt: 'asc' },
      });
      return rows.map(enrolmentView);
    },
    findInvite: async (code) => {
      const row = await tx.inviteCode.findUnique({ where: { code: normalizeInviteCode(code) } });
      return (
        row && {
          id: row.id,
          cohortId: row.cohortId,
          role: row.role,
          expiresAt: row.expiresAt,
          revokedAt: row.revokedAt,
          uses: row.uses,
          maxUses: row.maxUses,
        }
      );
    },
    redeemInvite: async (invite, personId) => {
      // Conditional increment: two people racing for the last use cannot both get it.
      const used =
        await tx.$executeRaw`UPDATE "InviteCode" SET uses = uses + 1 WHERE id = ${invite.id} AND uses < "maxUses"`;
      if (used === 0) return null;
      const previous = await tx.enrolment.findUnique({
        where: { personId_cohortId: { personId, cohortId: invite.cohortId } },
        select: { status: true },
      });
      const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { roles: true } });
      const roles = [...new Set<Role>([...person.roles, invite.role])];
      await tx.person.update({ where: { id: personId }, data: { roles, optedOutAt: null } });
      const row = await tx.enrolment.upsert({
        where: { personId_cohortId: { personId, cohortId: invite.cohortId } },
        // Joined once language, consent, hub and name are given (finishJoining); a returning
        // member keeps the date they first joined.
        create: { personId, cohortId: invite.cohortId, role: invite.role, joinedAt: null },
        update: { role: invite.role, status: 'active', pausedUntil: null, statusChangedAt: new Date() },
        include: enrolmentInclude,
      });
      return { ...enrolmentView(row), previousStatus: previous?.status ?? null };
    },
    finishJoining: async (enrolmentId, at) => {
      await tx.enrolment.updateMany({ where: { id: enrolmentId, joinedAt: null }, data: { joinedAt: at } });
    },
    cancelJoin: async (enrolmentId, inviteId, previousStatus) => {
      const enrolment = await tx.enrolment.findUnique({
        where: { id: enrolmentId },
        select: { personId: true, role: true },
      });
      if (!enrolment) return;
      if (previousStatus) {
        await tx.enrolment.update({ where: { id: enrolmentId }, data: { status: previousStatus } });
        if (inviteId) await tx.$executeRaw`UPDATE "InviteCode" SET uses = GREATEST(uses - 1, 0) WHERE id = ${inviteId}`;
        return;
      }
      await tx.enrolment.delete({ where: { id: enrolmentId } });
      const others = await tx.enrolment.findMany({ where: { personId: enrolment.personId }, select: { role: true } });
      await tx.person.update({
        where: { id: enrolment.personId },
        data: { roles: [...new Set(others.map((o) => o.role))] },
      });
      if (inviteId) await tx.$executeRaw`UPDATE "InviteCode" SET uses = GREATEST(uses - 1, 0) WHERE id = ${inviteId}`;
    },
    recordConsent: async (personId, programmeId, given, version, locale) => {
      await tx.consent.create({ data: { personId, programmeId, given, textVersion: version, locale } });
    },
    pendingConsent: (personId) => pendingConsent(tx, personId),
    setConsentAsked: async (personId, at) => {
      await tx.person.update({ where: { id: personId }, data: { consentAskedAt: at } });
    },
    hubs: async (programmeId) => {
      const rows = await tx.hub.findMany({ where: { programmeId }, orderBy: { createdAt: 'asc' } });
      return rows.map((h) => ({
        id: h.id,
        key: h.key,
        name: h.name as LocalizedText,
        timeZone: h.timeZone,
        country: h.country,
      }));
    },

    setEnrolmentStatus: async (personId, status, pausedUntil) => {
      const changedAt = new Date();
      // STOP and PAUSE keep a selection decision aside and RESUME (or the pause's end) gives it
      // back, so that a selected participant who stops and comes back is still selected.
      if (status === 'stopped') {
        return tx.$executeRaw`
          UPDATE "Enrolment"
          SET "statusBeforeStop" = CASE WHEN status IN ('selected', 'not_selected') THEN status
                                        WHEN status = 'paused' THEN COALESCE("statusBeforeStop", 'active'::"EnrolmentStatus")
                                        ELSE 'active'::"EnrolmentStatus" END,
              status = 'stopped', "pausedUntil" = NULL, "statusChangedAt" = ${changedAt}, "updatedAt" = ${changedAt}
          WHERE "personId" = ${personId} AND status IN ('active', 'paused', 'selected', 'not_selected')`;
      }
      if (status === 'active') {
        return tx.$executeRaw`
          UPDATE "Enrolment"
          SET status = COALESCE("statusBeforeStop", 'active'::"EnrolmentStatus"), "statusBeforeStop" = NULL,
              "pausedUntil" = NULL, "statusChangedAt" = ${changedAt}, "updatedAt" = ${changedAt}
          WHERE "personId" = ${personId} AND status IN ('paused', 'stopped')`;
      }
      if (status === 'paused') {
        return tx.$executeRaw`
          UPDATE "Enrolment"
          SET "statusBeforeStop" = status, status = 'paused', "pausedUntil" = ${pausedUntil},
              "statusChangedAt" = ${changedAt}, "updatedAt" = ${changedAt}
          WHERE "personId" = ${personId} AND status IN ('active', 'selected')`;
      }
      const { count } = await tx.enrolment.updateMany({
        where: { personId, status: { in: ['active', 'paused', 'selected', 'not_selected'] } },
        data: { status, pausedUntil, statusChangedAt: changedAt },
      });
      return count;
    },
    setOptedOut: async (personId, at) => {
      await tx.person.update({ where: { id: personId }, data: { optedOutAt: at } });
    },

    submissions: async (personId) => {
      const rows = await tx.submission.findMany({
        where: { enrolment: { personId } },
        include: { exercise: { include: { questions: { orderBy: { position: 'asc' } } } }, answers: true },
        orderBy: { releaseAt: 'asc' },
      });
      return rows.map((s): SubmissionView => ({
        id: s.id,
        status: s.status,
        late: s.late,
        currentPosition: s.currentPosition,
        releaseAt: s.releaseAt,
        deadlineAt: s.deadlineAt,
        submittedAt: s.submittedAt,
        exercise: exerciseView(s.exercise),
        answers: s.answers.map((a) => ({
          questionId: a.questionId,
          value: a.value,
          skipped: a.skipped,
          mediaFileId: a.mediaFileId,
        })),
      }));
    },
    saveAnswer: async (submissionId, questionId, answer) => {
      const data = {
        value: (answer.value ?? undefined) as Prisma.InputJsonValue | undefined,
        skipped: answer.skipped,
        mediaFileId: answer.mediaFileId,
        answeredAt: answer.answeredAt,
      };
      await tx.answer.upsert({
        where: { submissionId_questionId: { submissionId, questionId } },
        create: { submissionId, questionId, ...data },
        update: data,
      });
      await tx.submission.updateMany({
        where: { id: submissionId, startedAt: null },
        data: { startedAt: answer.answeredAt, status: 'in_progress' },
      });
    },
    moveTo: async (submissionId, position, status) => {
      await tx.submission.update({ where: { id: submissionId }, data: { currentPosition: position, status } });
    },
    submit: async (submissionId, at, late) => {
      await tx.submission.update({
        where: { id: submissionId },
        data: { status: 'submitted', submittedAt: at, late, nextReminderAt: null },
      });
    },
    mediaFileFor: async (channel, platformFileId) => {
      const file = await tx.mediaFile.findUnique({
        where: { channel_platformFileId: { channel, platformFileId } },
        select: { id: true },
      });
      return file?.id ?? null;
    },

    mentorsOf: async (menteeId, cohortId) => {
      const rows = await tx.mentorAssignment.findMany({
        where: { menteeId, endedAt: null, ...(cohortId && { cohortId }), mentor: { optedOutAt: null, erasedAt: null } },
        select: { mentor: { select: { id: true, displayName: true, locale: true } } },
      });
      return rows.map(({ mentor }) => ({
        id: mentor.id,
        displayName: mentor.displayName,
        locale: isLanguage(mentor.locale) ? mentor.locale : null,
      }));
    },
    localeOf: async (personId) => {
      const person = await tx.person.findUnique({ where: { id: personId }, select: { locale: true } });
      return isLanguage(person?.locale) ? person.locale : null;
    },
    isMentorOf: async (mentorId, menteeId) =>
      (await tx.mentorAssignment.count({ where: { mentorId, menteeId, endedAt: null } })) > 0,
    menteesOf: async (mentorId) => {
      const assignments = await tx.mentorAssignment.findMany({
        where: { mentorId, endedAt: null },
        select: {
          mentee: {
            select: {
              id: true,
              displayName: true,
              enrolments: { select: { submissions: { select: { status: true, late: true, deadlineAt: true } } } },
              identities: { select: { lastInboundAt: true } },
              checkInsReceived: {
                where: { mentorId, signal: { not: null } },
                orderBy: { answeredAt: 'desc' },
                take: 1,
                select: { signal: true },
              },
            },
          },
        },
      });
      const now = new Date();
      return assignments.map(({ mentee }) => {
        const submissions = mentee.enrolments.flatMap((e) => e.submissions);
        const last = mentee.identities
          .map((i) => i.lastInboundAt)
          .filter((d): d is Date => d !== null)
          .sort((a, b) => b.getTime() - a.getTime())[0];
        return {
          id: mentee.id,
          displayName: mentee.displayName,
          done: submissions.filter((s) => s.status === 'submitted').length,
          late: submissions.filter((s) => s.status === 'submitted' && s.late).length,
          missing: submissions.filter(
            (s) => s.status === 'missed' || ((s.status === 'open' || s.status === 'in_progress') && s.deadlineAt < now),
          ).length,
          lastMessageAt: last ?? null,
          lastSignal: mentee.checkInsReceived[0]?.signal ?? null,
        };
      });
    },
    answerCheckIn: async (checkInId, mentorId, signal, at) => {
      const { count } = await tx.checkIn.updateMany({
        where: { id: checkInId, mentorId },
        data: { signal, answeredAt: at, status: 'answered' },
      });
      if (count === 0) return null;
      const checkIn = await tx.checkIn.findUniqueOrThrow({
        where: { id: checkInId },
        select: { mentee: { select: { id: true, displayName: true } } },
      });
      return { menteeId: checkIn.mentee.id, menteeName: checkIn.mentee.displayName };
    },
    addCheckInNote: async (checkInId, note) => {
      const { menteeId } = await tx.checkIn.update({
        where: { id: checkInId },
        data: { note },
        select: { menteeId: true },
      });
      // The mentor's message carrying the note is about the mentee: their erasure scrubs it too.
      options.onAbout?.([menteeId]);
    },
    milestones: async (personId) => {
      const rows = await tx.milestone.findMany({
        where: { actionPlan: { enrolment: { personId, role: 'participant' } } },
        include: milestoneInclude,
        orderBy: [{ dueOn: 'asc' }, { position: 'asc' }],
      });
      return rows.map(milestoneView);
    },
    reportMilestone: async (milestoneId, personId, status, at) => {
      const before = await tx.milestone.findFirst({
        where: { id: milestoneId, actionPlan: { enrolment: { personId } } },
        select: { status: true },
      });
      if (!before) return null;
      // A new blocker starts without the old note; a later "in progress" keeps it for the record.
      const clearNote = status === 'blocked' && before.status !== 'blocked';
      const row = await tx.milestone.update({
        where: { id: milestoneId },
        data: { status, reportedAt: at, reportedById: personId, ...(clearNote && { note: null }) },
        include: milestoneInclude,
      });
      return { ...milestoneView(row), previousStatus: before.status };
    },
    addMilestoneNote: async (milestoneId, note) => {
      await tx.milestone.update({ where: { id: milestoneId }, data: { note } });
    },
    latestOutbound: async (personId) => {
      const row = await tx.outboundMessage.findFirst({
        where: { personId },
        orderBy: { sequence: 'desc' },
        select: { purpose: true, payload: true, status: true, sentAt: true },
      });
      if (!row) return null;
      const choices = (row.payload as { choices?: { id: string }[] }).choices ?? [];
      return {
        purpose: row.purpose,
        choiceIds: choices.map((c) => c.id),
        sentAt: WENT_OUT.has(row.status) ? (row.sentAt ?? null) : null,
      };
    },

    staffProgrammes: async (personId) => {
      const rows = await tx.programme.findMany({
        where: { cohorts: { some: { enrolments: { some: { personId, role: 'staff', status: { not: 'stopped' } } } } } },
        include: { cohorts: { orderBy: { createdAt: 'asc' } }, hubs: { orderBy: { createdAt: 'asc' } } },
      });
      return rows.map((p) => ({
        id: p.id,
        name: p.name as LocalizedText,
        languages: p.locales.filter(isLanguage),
        timeZone: (p.settings as unknown as ProgrammeSettings).timeZone,
        cohorts: p.cohorts.map((c) => ({ id: c.id, name: c.name as LocalizedText })),
        hubs: p.hubs.map((h) => ({ id: h.id, key: h.key, name: h.name as LocalizedText, country: h.country })),
      }));
    },
    previewAudience: (programmeId, filter, now) => countAudience(tx, programmeId, filter, now),
    createBroadcast: async (broadcast) => {
      const segment = await tx.segment.create({
        data: { programmeId: broadcast.programmeId, filter: broadcast.filter as Prisma.InputJsonValue },
      });
      const row = await tx.broadcast.create({
        data: {
          programmeId: broadcast.programmeId,
          segmentId: segment.id,
          createdById: broadcast.createdById,
          texts: broadcast.texts,
          status: 'scheduled',
          scheduledAt: broadcast.scheduledAt,
        },
      });
      await tx.auditLog.create({
        data: {
          actorId: broadcast.createdById,
          action: 'broadcast.schedule',
          entity: 'Broadcast',
          entityId: row.id,
          details: {
            filter: broadcast.filter as Prisma.InputJsonValue,
            scheduledAt: broadcast.scheduledAt.toISOString(),
          },
        },
      });
      options.onBroadcast?.({ id: row.id, scheduledAt: broadcast.scheduledAt });
      return row.id;
    },
    cohortStats: async (programmeId) => {
      const cohorts = await tx.cohort.findMany({ where: { programmeId }, orderBy: { createdAt: 'asc' } });
      const exercises = await tx.exercise.findMany({ where: { programmeId }, orderBy: { position: 'asc' } });
      const now = new Date();
      const result: CohortStats[] = [];
      for (const cohort of cohorts) {
        const byStatus = await tx.enrolment.groupBy({
          by: ['status'],
          where: { cohortId: cohort.id, role: 'participant' },
          _count: true,
        });
        const submissions = await tx.submission.findMany({
          where: { enrolment: { cohortId: cohort.id } },
          select: { exerciseId: true, status: true, late: true, deadlineAt: true },
        });
        result.push({
          name: cohort.name as LocalizedText,
          byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s._count])),
          exercises: exercises
            .map((e) => {
              const rows = submissions.filter((s) => s.exerciseId === e.id);
              return {
                title: e.title as LocalizedText,
                submitted: rows.filter((s) => s.status === 'submitted').length,
                late: rows.filter((s) => s.status === 'submitted' && s.late).length,
                missing: rows.filter(
                  (s) =>
                    s.status === 'missed' || (s.status !== 'submitted' && s.status !== 'planned' && s.deadlineAt < now),
                ).length,
                open: rows.filter((s) => (s.status === 'open' || s.status === 'in_progress') && s.deadlineAt >= now)
                  .length,
              };
            })
            .filter((e) => e.submitted + e.missing + e.open > 0),
        });
      }
      return result;
    },

    personalData: async (personId) => {
      const person = await tx.person.findUniqueOrThrow({
        where: { id: personId },
        include: {
          hub: true,
          identities: true,
          enrolments: { include: { cohort: true } },
          consents: { orderBy: { createdAt: 'asc' } },
          _count: { select: { checkInsReceived: true, inboundEvents: true, outboundMessages: true } },
        },
      });
      const submissions = await tx.submission.findMany({
        where: { enrolment: { personId } },
        include: { exercise: { select: { key: true } }, _count: { select: { answers: true } } },
      });
      const language = isLanguage(person.locale) ? person.locale : 'fr';
      const name = (text: unknown) =>
        (text as LocalizedText)[language] ?? Object.values(text as Record<string, string>)[0];
      return {
        displayName: person.displayName,
        locale: person.locale,
        hub: person.hub ? String(name(person.hub.name)) : null,
        timeZone: person.timeZone ?? person.hub?.timeZone ?? 'UTC',
        channels: person.identities.map((i) => ({
          channel: i.channel,
          platformId: i.platformId,
          phoneNumber: i.phoneNumber,
          username: i.username,
        })),
        enrolments: person.enrolments.map((e) => ({
          cohort: String(name(e.cohort.name)),
          role: e.role,
          status: e.status,
        })),
        consents: person.consents.map((c) => ({ given: c.given, version: c.textVersion, at: c.createdAt })),
        submissions: submissions.map((s) => ({
          exercise: s.exercise.key,
          status: s.status,
          late: s.late,
          answers: s._count.answers,
        })),
        checkIns: person._count.checkInsReceived,
        messagesReceived: person._count.inboundEvents,
        messagesSent: person._count.outboundMessages,
      };
    },
    erase: async (personId, at) => {
      // The confirmation is written after the erasure: it takes the address its identity loses here.
      const identities = await tx.channelIdentity.findMany({
        where: { personId },
        select: { id: true, platformId: true, phoneNumber: true },
      });
      const files = await erasePerson(tx, {
        personId,
        at,
        ...(options.mediaDir && { mediaDir: options.mediaDir }),
        reason: 'request',
      });
      options.onErase?.(
        new Map(identities.map((i) => [i.id, { platformId: i.platformId, phoneNumber: i.phoneNumber }])),
        files,
      );
    },

    dashboardLink: async (personId, now, via) => {
      const { publicUrl, linkMinutes } = options.dashboard ?? { publicUrl: null, linkMinutes: 15 };
      if (via === 'simulator' && (await hasPlatformIdentity(tx, personId))) {
        return { ok: false, reason: 'not_in_simulator' };
      }
      const link = await createSignInLink(tx, { personId, now, validMinutes: linkMinutes });
      if (!link.ok) return link;
      await tx.auditLog.create({
        data: {
          actorId: personId,
          action: 'dashboard.link',
          entity: 'Person',
          entityId: personId,
          details: { via: 'chat', channel: via },
        },
      });
      const linkPath = signInPath(link.token);
      return {
        ok: true,
        url: publicUrl ? `${publicUrl.replace(/\/+$/, '')}${linkPath}` : linkPath,
        minutes: linkMinutes,
      };
    },
  };
}
