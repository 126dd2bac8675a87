import { z } from 'zod';
import type { ExerciseDefinition, ProgrammeDefinition } from '../../domain/programme/programme-definition.ts';
import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';
import { markConsentAsked } from '../people/pending-consent.ts';
import { sha256, stableJson } from '../stable-json.ts';

export interface ImportReport {
  programmeId: string;
  outcome: 'created' | 'updated' | 'unchanged';
  /** What was written, one line each: "exercise semaine-2 updated". */
  changes: string[];
  /** What the file asks for but was not applied, or what the database has that the file no longer does. */
  warnings: string[];
}

type Tx = Prisma.TransactionClient;
type Json = Prisma.InputJsonValue;

/**
 * Creates or updates a programme from its validated file, in one transaction.
 * Re-importing the same file writes nothing. An exercise already released to participants
 * is never changed by an import: its edits are reported as warnings instead.
 */
export async function importProgramme(
  db: Database,
  programme: ProgrammeDefinition,
  options: { source: string; now: Date; actorId?: string },
): Promise<ImportReport> {
  const sourceHash = sha256(options.source);
  const existing = await db.programme.findUnique({
    where: { key: programme.key },
    select: { id: true, sourceHash: true, settings: true },
  });
  if (existing?.sourceHash === sourceHash) {
    return { programmeId: existing.id, outcome: 'unchanged', changes: [], warnings: [] };
  }
  return db.$transaction(
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
      const { consent } = programme.settings;
      if (previous && previous.version !== consent.version) {
        const asked = await markConsentAsked(tx, saved.id, options.now);
        report.changes.push(
          `consent version ${consent.version}: ${asked} ${asked === 1 ? 'person' : 'people'} asked to consent again`,
        );
      } else if (previous && stableJson(previous.text) !== stableJson(consent.text)) {
        report.warnings.push(
          `the consent text changed but its version (${consent.version}) did not: nobody is asked to agree to the new text; give consent.version a new value to ask them`,
        );
      }

      await syncPhases(tx, saved.id, programme, report);
      await syncHubs(tx, saved.id, programme, report);
      await syncCohorts(tx, saved.id, programme, report);
      await syncExercises(tx, saved.id, programme, report);

      await tx.auditLog.create({
        data: {
          actorId: options.actorId ?? null,
          action: 'programme.import',
          entity: 'Programme',
          entityId: saved.id,
          details: { version: programme.version, sourceHash, changes: report.changes, warnings: report.warnings },
        },
      });
      return report;
    },
    { timeout: 60_000 },
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

const storedConsent = z.object({ consent: z.object({ version: z.string(), text: z.record(z.string(), z.string()) }) });

function consentOf(settings: unknown): { version: string; text: Record<string, string> } | null {
  return storedConsent.safeParse(settings).data?.consent ?? null;
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
