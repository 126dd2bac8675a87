import { DateTime } from 'luxon';
import type { ImportReport } from '../../store/programmes/import-programme.ts';
import type { AdminTranslate } from '../layout.ts';
import type { Viewer } from '../viewer.ts';

/** What an import would do, sorted the way the preview shows it, each line in the viewer's language. */
export interface ImportPreviewLines {
  created: string[];
  changed: string[];
  /** Exercises already released: the file's changes to them are not applied. */
  refused: string[];
  /** Everything else the import warns about (kept rows, consent texts…). */
  notes: string[];
}

const ROW = /^(phase|hub|cohort|exercise|session) (\S+) (created|updated)$/;
const VENUE = /^session (\S+) venue (\S+) (.+)$/;
/** What saveSession says of a venue. */
const VENUE_CHANGES = new Set(['added', 'removed', 'moved', 'changed place']);
const PROGRAMME = /^programme \S+ (?:created|updated) \(version (.+)\)$/;
const RELEASED = /^exercise (\S+) was released on (\S+);/;
const KEPT = /^(phase|hub|cohort|exercise) (\S+) is no longer in the file/;
const KEPT_SESSION = /^session (\S+) is not in the file/;
const CALL = /^call for applications (created|updated|deleted)$/;
const KEPT_CALL = /^call for applications is no longer in the file; it was kept, with its (\d+) /;
const CALL_QUESTIONS_KEPT = /^call for applications has (\d+) applications?; its questions were not changed/;

/**
 * Sorts the import report's lines (written for the command line, in English) into created,
 * changed, refused and notes, and words the ones it knows in the viewer's language; a line of
 * another shape is shown as the import wrote it, so nothing it says is hidden.
 */
export function importPreviewLines(report: ImportReport, t: AdminTranslate, viewer: Viewer): ImportPreviewLines {
  const lines: ImportPreviewLines = { created: [], changed: [], refused: [], notes: [] };
  for (const change of report.changes) {
    const row = ROW.exec(change);
    const venue = VENUE.exec(change);
    const programme = PROGRAMME.exec(change);
    const call = CALL.exec(change);
    if (row) {
      const [, kind, key, outcome] = row;
      lines[outcome === 'created' ? 'created' : 'changed'].push(t(`dashboard-programme:item.${kind}`, { key }));
    } else if (venue) {
      const [, key, name, what] = venue as unknown as [string, string, string, string];
      const known = VENUE_CHANGES.has(what);
      lines[what === 'added' ? 'created' : 'changed'].push(
        known
          ? t('dashboard-programme:item.venue', {
              key,
              venue: name,
              what: t(`dashboard-programme:item.venue_what.${what.replace(' ', '_')}`),
            })
          : change,
      );
    } else if (programme) {
      lines.changed.push(t('dashboard-programme:item.programme', { version: programme[1] }));
    } else if (call) {
      lines[call[1] === 'created' ? 'created' : 'changed'].push(t(`application-call:import.${call[1]}`));
    } else {
      lines.changed.push(change);
    }
  }
  for (const warning of report.warnings) {
    const released = RELEASED.exec(warning);
    const kept = KEPT.exec(warning);
    const keptSession = KEPT_SESSION.exec(warning);
    const keptCall = KEPT_CALL.exec(warning);
    const callQuestionsKept = CALL_QUESTIONS_KEPT.exec(warning);
    if (released) {
      const when = DateTime.fromISO(released[2]!, { zone: viewer.timeZone })
        .setLocale(viewer.language)
        .toLocaleString(DateTime.DATE_FULL);
      lines.refused.push(t('dashboard-programme:item.released', { key: released[1], when }));
    } else if (kept) {
      const what = t(`dashboard-programme:item.kind_${kept[1]}`);
      lines.notes.push(t('dashboard-programme:item.kept', { what, key: kept[2] }));
    } else if (keptSession) {
      lines.notes.push(t('dashboard-programme:item.kept_session', { key: keptSession[1] }));
    } else if (keptCall) {
      lines.notes.push(t('application-call:import.kept', { count: Number(keptCall[1]) }));
    } else if (callQuestionsKept) {
      lines.notes.push(t('application-call:import.questions_kept', { count: Number(callQuestionsKept[1]) }));
    } else {
      lines.notes.push(warning);
    }
  }
  return lines;
}
