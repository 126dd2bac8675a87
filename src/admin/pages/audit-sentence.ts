import type { Language } from '../../domain/programme/language.ts';
import type { AuditSubject } from '../../store/audit/list-audit-entries.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { applicationAuditSentence } from './application-audit-sentence.ts';
import { importChangeText } from './import-change-text.ts';

/** An audit entry as the page reads it. */
interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  details: unknown;
  actor: { id: string; displayName: string | null } | null;
  subject: AuditSubject;
}

/** The actions the page words in a sentence (`dashboard:audit_do_<action>`); any other reads as a general sentence. */
const WORDED_ACTIONS = new Set([
  'submission.grade',
  'enrolment.select',
  'enrolment.not_select',
  'enrolment.reactivate',
  'mentor.assign',
  'mentor.unassign',
  'broadcast.compose',
  'broadcast.schedule',
  'broadcast.cancel',
  'export.csv',
  'export.xlsx',
  'person.export',
  'person.erase',
  'programme.import',
  'programme.retention_erase',
  'invite.create',
  'invite.revoke',
  'dashboard.sign_in',
  'dashboard.sign_out',
  'dashboard.link',
  'dashboard.language',
  'queue.change',
  'cohort.pause',
  'cohort.resume',
  'session.create',
  'session.update',
  'session.announce',
  'session.cancel',
  'session.roll_call',
  'sessions.export',
  'help.reply',
  'help.start',
  'help.assign',
  'help.close',
  'help.reopen',
  'staff.add',
  'invite.join_code',
  'exercise.release',
  'offline_period.create',
  'offline_period.end',
  'offline_period.cancel',
  'person.unlink_chat',
]);

/**
 * One audit entry as a sentence in the reader's language: "Aïcha Diallo graded Awa's exercise 1
 * « Your project »: 4", with the names of the people, exercise, cohort or programme it is about
 * and the details that matter in words. An action the page does not know still reads as a
 * sentence naming it, with its details listed.
 */
export function auditSentence(entry: AuditEntry, t: AdminTranslate, language: Language): SafeHtml {
  const details = isRecord(entry.details) ? entry.details : {};
  const someone = t('dashboard:audit_someone');
  const subject = entry.subject;
  const values = {
    actor: entry.actor ? (entry.actor.displayName ?? someone) : t('dashboard:audit_system'),
    person: subject.person ?? someone,
    mentor: subject.mentor ?? someone,
    mentee: subject.mentee ?? someone,
    exercise: subject.exercise
      ? t('dashboard:audit_exercise', {
          number: subject.exercise.position + 1,
          title: localizedText(subject.exercise.title, language),
        })
      : '',
    name: subject.name ? localizedText(subject.name, language) : '',
    venue: subject.venueHub ? localizedText(subject.venueHub, language) : t('dashboard:audit_venue_online'),
    score: details.score,
    count: typeof details.count === 'number' ? details.count : 0,
    present: typeof details.present === 'number' ? details.present : 0,
    erased: typeof details.erased === 'number' ? details.erased : 0,
    file: details.file,
    version: details.version,
    path: details.path,
    code: details.code,
    exerciseKey: details.exercise,
  };
  const application = entry.action.startsWith('application.')
    ? applicationAuditSentence(entry, details, t, values)
    : null;
  if (application) return application;
  if (!WORDED_ACTIONS.has(entry.action))
    return html`${t('dashboard:audit_do_other', { ...values, entity: entry.entity })} <code>${entry.action}</code>${detailsList(details, t)}`;
  if (entry.action.startsWith('help.')) return helpSentence(entry, details, t, values);
  // A chat detached from a person by a staff member (dashboard-links namespace).
  if (entry.action === 'person.unlink_chat')
    return html`${t('dashboard-links:audit_unlink', { ...values, channel: t(`dashboard-links:channel_${String(details.channel)}`) })}`;
  const key = `dashboard:audit_do_${entry.action.replace('.', '_')}`;
  const extra = [
    details.commented === true ? t('dashboard:audit_with_comment') : '',
    details.notified === true ? t('dashboard:audit_notified') : '',
  ].filter(Boolean);
  const changes =
    entry.action === 'programme.import' ? listed(details.changes).map((change) => importChangeText(change, t)) : [];
  return html`${t(key, values)}${extra.map((part) => ` ${part}`)}${changes.length > 0 ? html`<details><summary>${t('dashboard:audit_changes', { count: changes.length })}</summary><ul>${changes.map((change) => html`<li>${change}</li>`)}</ul></details>` : ''}`;
}

/** A help-desk action (dashboard-inbox namespace): whose conversation, whom it was given to, whether a file went. */
function helpSentence(
  entry: AuditEntry,
  details: Record<string, unknown>,
  t: AdminTranslate,
  values: Record<string, unknown>,
): SafeHtml {
  const action = entry.action.slice('help.'.length);
  const given = entry.action === 'help.assign' && typeof details.assigneeId === 'string';
  const key = entry.action === 'help.assign' && !given ? 'assign_anyone' : action;
  const sentence = t(`dashboard-inbox:audit.${key}`, {
    ...values,
    assignee: entry.subject.assignee ?? t('dashboard:audit_someone'),
  });
  return html`${sentence}${details.file === true ? ` ${t('dashboard-inbox:audit.with_file')}` : ''}`;
}

/** The details of an action the page does not know, one per line, in words rather than JSON. */
function detailsList(details: Record<string, unknown>, t: AdminTranslate): SafeHtml | '' {
  const entries = Object.entries(details);
  if (entries.length === 0) return '';
  return html`<ul class="audit-details">${entries.map(([key, value]) => html`<li>${key} : ${inWords(value, t)}</li>`)}</ul>`;
}

function inWords(value: unknown, t: AdminTranslate): string {
  if (value === true) return t('dashboard:audit_yes');
  if (value === false) return t('dashboard:audit_no');
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((item) => inWords(item, t)).join(', ');
  if (isRecord(value))
    return Object.entries(value)
      .map(([key, item]) => `${key} ${inWords(item, t)}`)
      .join(', ');
  return String(value as string | number);
}

function listed(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
