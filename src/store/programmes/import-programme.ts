import { z } from 'zod';
import { consentFor, type ProgrammeConsent } from '../../domain/programme/consent-for-role.ts';
import { SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import type { ExerciseDefinition, ProgrammeDefinition } from '../../domain/programme/programme-definition.ts';
import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import { markConsentAsked } from '../people/pending-consent.ts';
import { saveSession } from '../sessions/save-session.ts';
import { sha256, stableJson } from '../stable-json.ts';
import { syncApplicationCall } from './sync-application-call.ts';

export interface ImportReport {
  programmeId: string;
  outcome: 'created' | 'updated' | 'unchanged';
  /** What was written, one line each: "exercise semaine-2 updated". */
  changes: string[];
  /** What the file asks for but was not applied, or what the database has that the file no longer does. */
  warnings: string[];
}

/** Where an import came from, kept with the file as a ProgrammeImport row (its version history). */
export interface ImportRecord {
  via: 'cli' | 'dashboard';
  fileName: string | null;
  /** Who imported it from the dashboard; null from the command line. */
  importedById: string | null;
}

export interface ImportOptions {
  /** The file as it was read: its hash says whether anything changed, and it is kept when `record` is given. */
  source: string;
  now: Date;
  actorId?: string;
  record?: ImportRecord;
  /** Runs the whole import and rolls it back: the report says what applying the file would do. */
  dryRun?: boolean;
}

type Tx = Prisma.TransactionClient;
type Json = Prisma.InputJsonValue;

/** Thrown inside a dry run's transaction so that PostgreSQL undoes it; carries the report out. */
class DryRunRollback extends Error {
  override readonly name = 'DryRunRollback';
  constructor(readonly report: ImportReport) {
    super('dry run: rolled back');
  }
}

/**
 * Creates or updates a programme from its validated file, in one transaction.
 * Re-importing the same file writes nothing. An exercise already released to participants
 * is never changed by an import: its edits are reported as warnings instead.
 * Sessions are saved as the dashboard saves them (a venue moved after the announcement gets its
 * change notice); a session the file no longer has is kept, with a warning. The call for
 * applications follows the file's `applications:` (see sync-application-call.ts).
 * With `record`, the file is kept as a version in the same transaction; with `dryRun`, the same
 * writes are made and rolled back, so a preview cannot disagree with the import itself.
 */
export async function importProgramme(
  db: Database,
  programme: ProgrammeDefinition,
  options: ImportOptions,
): Promise<ImportReport> {
  const sourceHash = sha256(options.source);
  const existing = await db.programme.findUnique({
    where: { key: programme.key },
    select: { id: true, sourceHash: true, settings: true },
  });
  if (existing?.sourceHash === sourceHash) {
    return { programmeId: existing.id, outcome: 'unchanged', changes: [], warnings: [] };
  }
  const writes = db.$transaction(
    async (tx) => {
      const report: ImportReport = {
        programmeId: '',
        outcome: existing ? 'updated' : 'created',
        changes: [],
        warnings: [],
      };
      const fields = {
        name: programme.name as Json,
        version: programme.version,
        defaultLocale: programme.defaultLanguage,
        locales: programme.languages,
        settings: programme.settings as unknown as Json,
        sourceHash,
        importedAt: options.now,
      };
      const saved = await tx.programme.upsert({
        where: { key: programme.key },
        create: { key: programme.key, ...fields },
        update: fields,
        select: { id: true },
      });
      report.programmeId = saved.id;
      report.changes.push(`programme ${programme.key} ${report.outcome} (version ${programme.version})`);

      // A new consent text: everyone who agreed to an earlier one is asked again before anything else reaches them.
      const previous = existing ? consentOf(existing.settings) : null;
      if (previous) reportConsentChanges(previous, programme.settings.consent, report);
      const renewed = previous ? renewedConsents(previous, programme.settings.consent) : [];
      if (renewed.length > 0) {
        const asked = await markConsentAsked(tx, saved.id, options.now);
        report.changes.push(
          `${renewed.join(' and ')}: ${asked} ${asked === 1 ? 'person' : 'people'} asked to consent again`,
        );
      }

      await syncPhases(tx, saved.id, programme, report);
      await syncHubs(tx, saved.id, programme, report);
      await syncCohorts(tx, saved.id, programme, report);
      await syncExercises(tx, saved.id, programme, report);
      await syncSessions(tx, saved.id, programme, options, report);
      await syncApplicationCall(tx, saved.id, programme, options.now, report);

      if (options.record) {
        await tx.programmeImport.create({
          data: {
            programmeId: saved.id,
            version: programme.version,
            sourceHash,
            source: options.source,
            fileName: options.record.fileName,
            via: options.record.via,
            importedById: options.record.importedById,
            changes: report.changes,
            importedAt: options.now,
          },
        });
      }
      await recordStaffAction(tx, {
        actorId: options.actorId ?? null,
        action: 'programme.import',
        entity: 'Programme',
        entityId: saved.id,
        details: {
          version: programme.version,
          sourceHash,
          changes: report.changes,
          warnings: report.warnings,
          ...(options.record && { via: options.record.via, file: options.record.fileName }),
        },
      });
      if (options.dryRun) throw new DryRunRollback(report);
      return report;
    },
    { timeout: 60_000 },
  );
  if (!options.dryRun) return writes;
  return writes.then(
    (report) => report,
    (error: unknown) => {
      if (error instanceof DryRunRollback) return error.report;
      throw error;
    },
  );
}

async function syncPhases(tx: Tx, programmeId: string, programme: ProgrammeDefinition, report: ImportReport) {
  const current = await tx.phase.findMany({ where: { programmeId } });
  for (const phase of programme.phases) {
    const wanted = {
      position: phase.position,
      name: phase.name as Json,
      startsOn: new Date(`${phase.startsOn}T00:00:00Z`),
      endsOn: new Date(`${phase.endsOn}T00:00:00Z`),
    };
    const found = current.find((row) => row.key === phase.key);
    if (!found) {
      await tx.phase.create({ data: { programmeId, key: phase.key, ...wanted } });
      report.changes.push(`phase ${phase.key} created`);
    } else if (!sameFields(found, wanted)) {
      await tx.phase.update({ where: { id: found.id }, data: wanted });
      report.changes.push(`phase ${phase.key} updated`);
    }
  }
  warnAboutRemoved('phase', current, programme.phases, report);
}

async function syncHubs(tx: Tx, programmeId: string, programme: ProgrammeDefinition, report: ImportReport) {
  const current = await tx.hub.findMany({ where: { programmeId } });
  for (const hub of programme.hubs) {
    const wanted = { name: hub.name as Json, timeZone: hub.timeZone, country: hub.country };
    const found = current.find((row) => row.key === hub.key);
    if (!found) {
      await tx.hub.create({ data: { programmeId, key: hub.key, ...wanted } });
      report.changes.push(`hub ${hub.key} created`);
    } else if (!sameFields(found, wanted)) {
      await tx.hub.update({ where: { id: found.id }, data: wanted });
      report.changes.push(`hub ${hub.key} updated`);
    }
  }
  warnAboutRemoved('hub', current, programme.hubs, report);
}

async function syncCohorts(tx: Tx, programmeId: string, programme: ProgrammeDefinition, report: ImportReport) {
  const current = await tx.cohort.findMany({ where: { programmeId } });
  for (const cohort of programme.cohorts) {
    const wanted = { name: cohort.name as Json };
    const found = current.find((row) => row.key === cohort.key);
    if (!found) {
      await tx.cohort.create({ data: { programmeId, key: cohort.key, ...wanted } });
      report.changes.push(`cohort ${cohort.key} created`);
    } else if (!sameFields(found, wanted)) {
      await tx.cohort.update({ where: { id: found.id }, data: wanted });
      report.changes.push(`cohort ${cohort.key} updated`);
    }
  }
  warnAboutRemoved('cohort', current, programme.cohorts, report);
}

async function syncExercises(tx: Tx, programmeId: string, programme: ProgrammeDefinition, report: ImportReport) {
  const phases = await tx.phase.findMany({ where: { programmeId }, select: { id: true, key: true } });
  const phaseId = new Map(phases.map((phase) => [phase.key, phase.id]));
  const current = await tx.exercise.findMany({ where: { programmeId } });
  for (const exercise of programme.exercises) {
    const contentHash = sha256(stableJson(exercise));
    const found = current.find((row) => row.key === exercise.key);
    if (found?.contentHash === contentHash) continue;
    if (found?.releasedAt) {
      report.warnings.push(
        `exercise ${exercise.key} was released on ${found.releasedAt.toISOString()}; ` +
          'its changes in the file were not applied (add a new exercise instead, or edit it in the dashboard)',
      );
      continue;
    }
    const wanted = {
      phaseId: phaseId.get(exercise.phaseKey) ?? '',
      position: exercise.position,
      title: exercise.title as Json,
      intro: exercise.intro as Json,
      releaseRule: exercise.releaseRule.text,
      deadlineRule: exercise.deadlineRule.text,
      reminderOffsets: exercise.reminderOffsetsMinutes,
      graceMinutes: exercise.graceMinutes,
      closesAfterMinutes: exercise.closesAfterMinutes,
      teamExercise: exercise.teamExercise,
      contentHash,
    };
    const saved = found
      ? await tx.exercise.update({ where: { id: found.id }, data: wanted, select: { id: true } })
      : await tx.exercise.create({ data: { programmeId, key: exercise.key, ...wanted }, select: { id: true } });
    await syncQuestions(tx, saved.id, exercise);
    report.changes.push(`exercise ${exercise.key} ${found ? 'updated' : 'created'}`);
  }
  warnAboutRemoved('exercise', current, programme.exercises, report);
}

/** Through the dashboard's own door (saveSession), so a venue moved after the announcement gets its change notice. */
async function syncSessions(
  tx: Tx,
  programmeId: string,
  programme: ProgrammeDefinition,
  options: { now: Date; actorId?: string },
  report: ImportReport,
) {
  for (const session of programme.sessions) {
    const saved = await saveSession(tx, programmeId, session, { now: options.now, fromFile: true });
    report.changes.push(...saved.changes);
    report.warnings.push(...saved.warnings);
  }
  const keys = new Set(programme.sessions.map((session) => session.key));
  // Sessions made in the dashboard (createdById set) were never in the file: nothing to warn about.
  const current = await tx.session.findMany({
    where: { programmeId, createdById: null },
    select: { key: true, status: true },
  });
  for (const row of current.filter((session) => !keys.has(session.key) && session.status !== 'cancelled')) {
    report.warnings.push(
      `session ${row.key} is not in the file; it was kept, with its invitations (cancel it on the dashboard if it will not take place)`,
    );
  }
}

/** Only for exercises not yet released, so no answer can point at a question removed here. */
async function syncQuestions(tx: Tx, exerciseId: string, exercise: ExerciseDefinition) {
  const keys = exercise.questions.map((question) => question.key);
  await tx.question.deleteMany({ where: { exerciseId, key: { notIn: keys } } });
  for (const question of exercise.questions) {
    const data = {
      position: question.position,
      type: question.type,
      required: question.required,
      peerFeedback: question.peerFeedback ?? false,
      prompt: question.prompt as Json,
      options: question.options ? (question.options as unknown as Json) : Prisma.DbNull,
      min: question.min,
      max: question.max,
    };
    await tx.question.upsert({
      where: { exerciseId_key: { exerciseId, key: question.key } },
      create: { exerciseId, key: question.key, ...data },
      update: data,
    });
  }
}

const consentText = z.object({ version: z.string(), text: z.partialRecord(z.enum(SUPPORTED_LANGUAGES), z.string()) });
const storedConsent = z.object({
  consent: consentText.extend({ mentor: consentText.optional(), staff: consentText.optional() }),
});

function consentOf(settings: unknown): ProgrammeConsent | null {
  return storedConsent.safeParse(settings).data?.consent ?? null;
}

const CONSENT_ROLES = ['participant', 'mentor', 'staff'] as const;

/** "consent version 2027-06" for the participants' text, "mentor consent version 2027-02" for a role's own. */
function consentLabel(consent: ProgrammeConsent, role: (typeof CONSENT_ROLES)[number]): string | null {
  if (role === 'participant') return `consent version ${consent.version}`;
  const own = consent[role];
  return own ? `${role} consent version ${own.version}` : null;
}

/** The texts whose version changed (a role reading the participants' text is named with it). */
function renewedConsents(previous: ProgrammeConsent, next: ProgrammeConsent): string[] {
  return CONSENT_ROLES.flatMap((role) => {
    const renewed = consentFor(previous, role).version !== consentFor(next, role).version;
    const label = consentLabel(next, role);
    return renewed && label ? [label] : [];
  });
}

/** A text reworded under the same version asks nobody: the report says so. */
function reportConsentChanges(previous: ProgrammeConsent, next: ProgrammeConsent, report: ImportReport): void {
  for (const role of CONSENT_ROLES) {
    const label = consentLabel(next, role);
    const before = consentFor(previous, role);
    const after = consentFor(next, role);
    if (label && before.version === after.version && stableJson(before.text) !== stableJson(after.text)) {
      const [text, version] = label.split(' version ') as [string, string];
      const field = role === 'participant' ? 'consent.version' : `consent.${role}.version`;
      report.warnings.push(
        `the ${text} text changed but its version (${version}) did not: nobody is asked to agree to the new text; give ${field} a new value to ask them`,
      );
    }
  }
}

function sameFields(row: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).every(([key, value]) => stableJson(row[key]) === stableJson(value));
}

function warnAboutRemoved(what: string, rows: { key: string }[], inFile: { key: string }[], report: ImportReport) {
  const keys = new Set(inFile.map((item) => item.key));
  for (const row of rows) {
    if (!keys.has(row.key)) {
      report.warnings.push(`${what} ${row.key} is no longer in the file; it was kept, with its data`);
    }
  }
}
