import type { ApplicationCallView } from '../../conversation/stores/application-store.ts';
import { applicationCallJson } from '../../domain/applications/application-call.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Prisma } from '../generated/client.ts';

/** Every programme's call for applications as the chat reads it, opening soonest first. */
export async function listApplicationCalls(tx: Prisma.TransactionClient): Promise<ApplicationCallView[]> {
  const calls = await tx.applicationCall.findMany({
    orderBy: [{ opensAt: 'asc' }, { createdAt: 'asc' }],
    include: {
      programme: {
        select: { name: true, settings: true, hubs: { select: { country: true }, orderBy: { key: 'asc' } } },
      },
    },
  });
  return calls.map((call) => ({
    id: call.id,
    programmeId: call.programmeId,
    programmeName: call.programme.name as LocalizedText,
    programmeTimeZone: parseProgrammeSettings(call.programme.settings).timeZone,
    cohortId: call.cohortId,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    reminderOffsets: call.reminderOffsets,
    intro: applicationCallJson.text.parse(call.intro),
    thanks: applicationCallJson.text.parse(call.thanks),
    consent: applicationCallJson.consent.parse(call.consent),
    questions: applicationCallJson.questions.parse(call.questions),
    hubCountries: [...new Set(call.programme.hubs.map((hub) => hub.country))],
  }));
}
