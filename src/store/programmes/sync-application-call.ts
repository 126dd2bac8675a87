import { applicationCallJson } from '../../domain/applications/application-call.ts';
import { nextApplicationReminder } from '../../domain/applications/next-application-reminder.ts';
import type { ProgrammeDefinition } from '../../domain/programme/programme-definition.ts';
import type { Prisma } from '../generated/client.ts';
import { sha256, stableJson } from '../stable-json.ts';

type Tx = Prisma.TransactionClient;
type Json = Prisma.InputJsonValue;

/** What the import tells of the call, in its report's words (the dashboard's preview reads them back). */
interface CallReport {
  changes: string[];
  warnings: string[];
}

/**
 * Creates, updates or removes the programme's call for applications (one per programme) from the
 * file's `applications:`. A call someone has applied to is never deleted, and its questions keep
 * their shape (ids, order, types, options, bounds; their wording may change): the answers point at
 * them. Changing the closing or the reminders moves the next reminder of everyone still applying.
 */
export async function syncApplicationCall(
  tx: Tx,
  programmeId: string,
  programme: ProgrammeDefinition,
  now: Date,
  report: CallReport,
): Promise<void> {
  const existing = await tx.applicationCall.findUnique({
    where: { programmeId },
    select: {
      id: true,
      contentHash: true,
      questions: true,
      closesAt: true,
      reminderOffsets: true,
      _count: { select: { applications: true } },
    },
  });
  const applied = existing?._count.applications ?? 0;
  const call = programme.applications;
  if (!call) {
    if (!existing) return;
    if (applied === 0) {
      await tx.applicationCall.delete({ where: { id: existing.id } });
      report.changes.push('call for applications deleted');
    } else {
      report.warnings.push(
        `call for applications is no longer in the file; it was kept, with its ${applied} ${applied === 1 ? 'application' : 'applications'}`,
      );
    }
    return;
  }
  const contentHash = sha256(stableJson(call));
  if (existing?.contentHash === contentHash) return;

  const cohort = await tx.cohort.findUniqueOrThrow({
    where: { programmeId_key: { programmeId, key: call.cohortKey } },
    select: { id: true },
  });
  const keepQuestions = applied > 0 && questionShape(existing?.questions) !== questionShape(call.questions);
  // With its questions kept, the call holds the hash of the rest: a re-import applies nothing, and warns again.
  const keptHash = `kept:${sha256(stableJson({ ...call, questions: null }))}`;
  const fields = {
    cohortId: cohort.id,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    reminderOffsets: call.reminderOffsets,
    intro: call.intro as Json,
    thanks: call.thanks as Json,
    consent: call.consent as unknown as Json,
    notices: call.notices as Json,
    keepDeclinedDays: call.keepDeclinedDays,
    contentHash,
  };
  if (!existing) {
    await tx.applicationCall.create({
      data: { programmeId, ...fields, questions: call.questions as unknown as Json },
    });
    report.changes.push('call for applications created');
    return;
  }
  if (!keepQuestions || existing.contentHash !== keptHash) {
    await tx.applicationCall.update({
      where: { id: existing.id },
      data: keepQuestions
        ? { ...fields, contentHash: keptHash }
        : { ...fields, questions: call.questions as unknown as Json },
    });
    report.changes.push('call for applications updated');
  }
  const remindersMoved =
    existing.closesAt.getTime() !== call.closesAt.getTime() ||
    stableJson(existing.reminderOffsets) !== stableJson(call.reminderOffsets);
  if (remindersMoved) {
    await tx.application.updateMany({
      where: { callId: existing.id, status: 'started' },
      data: { nextReminderAt: nextApplicationReminder(call.closesAt, call.reminderOffsets, now) },
    });
  }
  if (keepQuestions) {
    report.warnings.push(
      `call for applications has ${applied} ${applied === 1 ? 'application' : 'applications'}; ` +
        'its questions were not changed (the answers given point at them: only their wording may change); the other changes were applied',
    );
  }
}

/** The questions without their wording: what answers depend on. Unreadable stored questions match nothing. */
function questionShape(questions: unknown): string {
  const parsed = applicationCallJson.questions.safeParse(questions);
  if (!parsed.success) return 'unreadable';
  return stableJson(
    parsed.data.map(({ prompt: _prompt, options, ...rest }) => ({
      ...rest,
      options: options?.map((option) => option.key) ?? null,
    })),
  );
}
