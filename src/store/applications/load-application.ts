import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { averageGrade, type ApplicationDecision } from './list-applications.ts';

/** One application as its review page shows it. */
export interface ApplicationDetail {
  id: string;
  callId: string;
  status: 'started' | 'submitted';
  city: string | null;
  submittedAt: Date | null;
  shortlisted: boolean;
  decision: ApplicationDecision | null;
  decidedAt: Date | null;
  decisionToldAt: Date | null;
  eraseAfter: Date | null;
  decidedBy: string | null;
  person: {
    id: string;
    name: string | null;
    locale: string | null;
    country: string | null;
    channels: string[];
  };
  answers: {
    questionKey: string;
    value: unknown;
    skipped: boolean;
    mediaFile: { id: string; mimeType: string; sizeBytes: number } | null;
  }[];
  reviews: {
    reviewerId: string;
    reviewerName: string | null;
    score: number;
    comment: string | null;
    updatedAt: Date;
  }[];
  average: number | null;
}

/** An application of one of the calls given, with its answers and reviews; NotFoundError otherwise. */
export async function loadApplication(db: Database, applicationId: string, callId: string): Promise<ApplicationDetail> {
  const row = await db.application.findFirst({
    where: { id: applicationId, callId, person: { erasedAt: null } },
    include: {
      person: {
        select: {
          id: true,
          displayName: true,
          locale: true,
          country: true,
          identities: { select: { channel: true }, orderBy: { createdAt: 'asc' } },
        },
      },
      decidedBy: { select: { displayName: true } },
      answers: { include: { mediaFile: { select: { id: true, mimeType: true, sizeBytes: true } } } },
      reviews: { include: { reviewer: { select: { displayName: true } } }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!row) throw new NotFoundError(`application ${applicationId} is not one the viewer may see`);
  return {
    id: row.id,
    callId: row.callId,
    status: row.status,
    city: row.city,
    submittedAt: row.submittedAt,
    shortlisted: row.shortlisted,
    decision: row.decision,
    decidedAt: row.decidedAt,
    decisionToldAt: row.decisionToldAt,
    eraseAfter: row.eraseAfter,
    decidedBy: row.decidedBy?.displayName ?? null,
    person: {
      id: row.person.id,
      name: row.person.displayName,
      locale: row.person.locale,
      country: row.person.country,
      channels: [...new Set(row.person.identities.map((identity) => identity.channel))],
    },
    answers: row.answers.map((answer) => ({
      questionKey: answer.questionKey,
      value: answer.value,
      skipped: answer.skipped,
      mediaFile: answer.mediaFile,
    })),
    reviews: row.reviews.map((review) => ({
      reviewerId: review.reviewerId,
      reviewerName: review.reviewer.displayName,
      score: review.score,
      comment: review.comment,
      updatedAt: review.updatedAt,
    })),
    average: averageGrade(row.reviews.map((review) => review.score)),
  };
}

/** The call an application answers, to check the viewer may see it; NotFoundError when there is no such application. */
export async function applicationCallId(db: Database, applicationId: string): Promise<string> {
  const row = await db.application.findUnique({ where: { id: applicationId }, select: { callId: true } });
  if (!row) throw new NotFoundError(`application ${applicationId} does not exist`);
  return row.callId;
}
