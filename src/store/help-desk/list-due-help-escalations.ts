import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** An open conversation whose question has waited unanswered past the programme's delay. */
export interface DueHelpEscalation {
  conversationId: string;
  /** The instant due: what the claim compares, so two workers never both pass it up. */
  escalateAt: Date;
  programme: { defaultLocale: string | null; settings: ProgrammeSettings };
}

/** Up to `limit` open conversations whose `escalateAt` has come, the oldest first. */
export async function listDueHelpEscalations(db: Database, now: Date, limit: number): Promise<DueHelpEscalation[]> {
  const due = await db.helpConversation.findMany({
    where: { status: 'open', escalateAt: { lte: now } },
    orderBy: { escalateAt: 'asc' },
    take: limit,
    select: {
      id: true,
      escalateAt: true,
      programme: { select: { id: true, defaultLocale: true, settings: true } },
    },
  });
  const settings = new Map<string, ProgrammeSettings>();
  return due.map(({ id, escalateAt, programme }) => {
    if (!settings.has(programme.id)) settings.set(programme.id, parseProgrammeSettings(programme.settings));
    return {
      conversationId: id,
      escalateAt: escalateAt!,
      programme: { defaultLocale: programme.defaultLocale, settings: settings.get(programme.id)! },
    };
  });
}
