import type { AdminTranslate } from '../layout.ts';

/** What an import's report says it did to one part of the programme, as `importProgramme` writes it. */
const PART_CHANGE = /^(programme|phase|hub|cohort|exercise|session) (\S+) (created|updated)(?: \(version (.+)\))?$/;
const VENUE_CHANGE = /^session (\S+) venue (\S+) (added|removed|moved|changed place)$/;
const CALL_CHANGE = /^call for applications (created|updated|deleted)$/;

/**
 * One change of a programme import in the reader's language. The import reports its changes as
 * the command line prints them, in English, and the audit log keeps them so; the dashboard says
 * the usual ones in words. Any other change is shown as it was recorded.
 */
export function importChangeText(change: string, t: AdminTranslate): string {
  const part = PART_CHANGE.exec(change);
  if (part) {
    const [, kind, key, outcome, version] = part;
    const thing = t(`dashboard:import_thing_${kind}`, { key });
    const sentence = t(`dashboard:import_change_${outcome}`, { thing });
    return version === undefined ? sentence : `${sentence} ${t('dashboard:import_change_version', { version })}`;
  }
  const venue = VENUE_CHANGE.exec(change);
  if (venue) {
    const [, key, place, outcome] = venue;
    return t(`dashboard:import_venue_${outcome!.replace(' ', '_')}`, { key, venue: place });
  }
  const call = CALL_CHANGE.exec(change);
  if (call) return t(`application-call:import.history_${call[1]}`);
  return change;
}
