import { isLanguage, type Language } from '../../domain/programme/language.ts';
import type { Database } from '../../store/database.ts';
import { NotFoundError } from '../../store/errors.ts';
import { loadSessionProgramme } from '../../store/sessions/load-session-programme.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';

/** What a programme offers to the session form, limited to what the viewer may see, names in their language. */
export interface SessionChoices {
  id: string;
  name: string;
  languages: Language[];
  timeZone: string;
  cohorts: { id: string; key: string; name: string }[];
  hubs: { id: string; key: string; name: string; country: string; timeZone: string }[];
  /** False when the viewer is staff of only some of the programme's cohorts: their sessions stay in those. */
  seesAllCohorts: boolean;
}

/** A programme of the viewer's for the session form; 404 when it is not theirs. */
export async function loadSessionChoices(db: Database, viewer: Viewer, programmeId: string): Promise<SessionChoices> {
  if (!viewer.programmeIds.includes(programmeId)) throw new NotFoundError(`programme ${programmeId} is not visible`);
  const programme = await loadSessionProgramme(db, programmeId);
  const visible = programme.cohorts.filter((cohort) => viewer.cohortIds.includes(cohort.id));
  const languages = programme.locales.filter(isLanguage);
  return {
    id: programme.id,
    name: localizedText(programme.name, viewer.language),
    languages: languages.length > 0 ? languages : [viewer.language],
    timeZone: programme.timeZone,
    cohorts: visible.map((cohort) => ({
      id: cohort.id,
      key: cohort.key,
      name: localizedText(cohort.name, viewer.language),
    })),
    hubs: programme.hubs.map((hub) => ({ ...hub, name: localizedText(hub.name, viewer.language) })),
    seesAllCohorts: visible.length === programme.cohorts.length,
  };
}
