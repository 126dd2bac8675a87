import type { PrivacyStore } from '../../conversation/stores/privacy-store.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Prisma } from '../generated/client.ts';
import type { ErasedAddress } from '../outbox/outbox.ts';
import { erasePerson } from '../people/erase-person.ts';

export interface PrivacyStoreOptions {
  mediaDir?: string;
  /**
   * Called once a person is erased, with the addresses their identities had (by identity id)
   * and the files to delete once the transaction has committed (see `deleteErasedFiles`).
   */
  onErase?: (addresses: Map<string, ErasedAddress>, files: string[]) => void;
}

/** A person's data shown and erased, and their participation stopped, paused or resumed. */
export function createPrivacyStore(tx: Prisma.TransactionClient, options: PrivacyStoreOptions = {}): PrivacyStore {
  return {
    personalData: async (personId) => {
      const person = await tx.person.findUniqueOrThrow({
        where: { id: personId },
        include: {
          hub: true,
          identities: true,
          enrolments: {
            orderBy: { createdAt: 'asc' },
            include: { cohort: { include: { programme: { select: { settings: true } } } } },
          },
          consents: { orderBy: { createdAt: 'asc' } },
          _count: { select: { checkInsReceived: true, inboundEvents: true, outboundMessages: true } },
        },
      });
      const submissions = await tx.submission.findMany({
        where: { enrolment: { personId } },
        include: { exercise: { select: { title: true } }, _count: { select: { answers: true } } },
        orderBy: [{ releasedAt: { sort: 'asc', nulls: 'last' } }, { exercise: { position: 'asc' } }],
      });
      const sessions = await tx.sessionInvitation.findMany({
        where: { personId },
        orderBy: { venue: { startsAt: 'asc' } },
        select: {
          rsvp: true,
          attendedAt: true,
          feedbackScore: true,
          feedbackComment: true,
          session: { select: { title: true } },
        },
      });
      const applications = await tx.application.findMany({
        where: { personId },
        orderBy: { createdAt: 'asc' },
        select: {
          status: true,
          city: true,
          call: { select: { programme: { select: { name: true } } } },
          answers: { select: { mediaFileId: true } },
        },
      });
      const [conversations, helpMessages, written] = await Promise.all([
        tx.helpConversation.aggregate({ where: { personId }, _count: true, _max: { lastMessageAt: true } }),
        tx.helpMessage.count({ where: { conversation: { personId } } }),
        tx.helpMessage.count({ where: { authorId: personId, fromPerson: false } }),
      ]);
      // The programme a person's time zone falls back on is that of their first enrolment, as in personView.
      const programme = person.enrolments[0]?.cohort.programme;
      return {
        displayName: person.displayName,
        locale: person.locale,
        hub: person.hub ? (person.hub.name as LocalizedText) : null,
        timeZone: personTimeZone(person, programme && parseProgrammeSettings(programme.settings).timeZone),
        channels: person.identities.map((i) => ({
          channel: i.channel,
          platformId: i.platformId,
          phoneNumber: i.phoneNumber,
          username: i.username,
        })),
        enrolments: person.enrolments.map((e) => ({
          cohort: e.cohort.name as LocalizedText,
          role: e.role,
          status: e.status,
        })),
        consents: person.consents.map((c) => ({ given: c.given, version: c.textVersion, at: c.createdAt })),
        submissions: submissions.map((s) => ({
          title: s.exercise.title as LocalizedText,
          status: s.status,
          late: s.late,
          answers: s._count.answers,
        })),
        sessions: sessions.map((s) => ({
          title: s.session.title as LocalizedText,
          rsvp: s.rsvp,
          attended: s.attendedAt !== null,
          feedbackScore: s.feedbackScore,
          feedbackComment: s.feedbackComment,
        })),
        checkIns: person._count.checkInsReceived,
        country: person.country,
        applications: applications.map((a) => ({
          programme: a.call.programme.name as LocalizedText,
          status: a.status,
          answers: a.answers.length,
          files: a.answers.filter((answer) => answer.mediaFileId !== null).length,
          city: a.city,
        })),
        helpDesk: {
          conversations: conversations._count,
          messages: helpMessages,
          lastMessageAt: conversations._max.lastMessageAt,
          written,
        },
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
    setOptedOut: async (personId, at) => {
      await tx.person.update({ where: { id: personId }, data: { optedOutAt: at } });
    },
    setEnrolmentStatus: async (personId, status, pausedUntil) => {
      const changedAt = new Date();
      // STOP and PAUSE keep a selection decision aside and RESUME (or the pause's end) gives it
      // back, so that a selected participant who stops and comes back is still selected. A PAUSE
      // while paused only moves the pause's end, keeping the status held before the first one. STOP
      // during a pause forgets its end: RESUME then brings the person fully back, as they ask.
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
          SET "statusBeforeStop" = CASE WHEN status = 'paused' THEN "statusBeforeStop" ELSE status END,
              status = 'paused', "pausedUntil" = ${pausedUntil},
              "statusChangedAt" = ${changedAt}, "updatedAt" = ${changedAt}
          WHERE "personId" = ${personId} AND status IN ('active', 'selected', 'paused')`;
      }
      const { count } = await tx.enrolment.updateMany({
        where: { personId, status: { in: ['active', 'paused', 'selected', 'not_selected'] } },
        data: { status, pausedUntil, statusChangedAt: changedAt },
      });
      return count;
    },
  };
}
