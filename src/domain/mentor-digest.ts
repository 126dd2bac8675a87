import { DateTime } from 'luxon';
import type { Language } from './programme/language.ts';

/** Translates an interface string into a language (the process's i18next, passed in). */
type Translate = (language: Language, key: string, values?: Record<string, unknown>) => string;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Local day and hour the weekly digest is due: Monday 08:00 in the mentor's time zone. */
const DIGEST_WEEKDAY = 1;
const DIGEST_HOUR = 8;

/** One mentee as the weekly digest shows them. */
export interface DigestMentee {
  name: string | null;
  /** Enrolment status; anything but `active` is said next to the name. */
  status: 'active' | 'paused' | 'stopped' | 'selected' | 'not_selected';
  /** Null when the person has no name (erased, or never gave one). */
  released: number;
  submitted: number;
  /** Past the deadline without a submission (some may still be taken late). */
  missed: number;
  /** Released, deadline still ahead, not submitted. */
  open: number;
  /** The exercise they would work on now (see currentDigestExercise), and how far they are in it. */
  current: { title: string; started: boolean; answered: number; questions: number; late: boolean } | null;
  lastMessageAt: Date | null;
  slipping: boolean;
}

/**
 * The digest week `instant` falls in, in `timeZone`: its ISO week ("2027-W03", the key that
 * makes the digest once a week) and the instant it is due (that week's Monday 08:00 local).
 */
export function digestWeek(instant: Date, timeZone: string): { week: string; dueAt: Date } {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  const monday = local.set({ weekday: DIGEST_WEEKDAY }).startOf('day');
  return {
    week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`,
    dueAt: monday.set({ hour: DIGEST_HOUR }).toJSDate(),
  };
}

/** One of a mentee's submissions, as the digest picks the current exercise from them. */
export interface DigestSubmission {
  status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
  releaseAt: Date;
  deadlineAt: Date;
  /** The end of the grace: answers after it are late. */
  graceEndsAt: Date;
  /** The last instant answers are taken (see exerciseClosesAt). */
  closesAt: Date;
}

/**
 * The exercise a mentee would work on now, as the conversation picks it when they write: released,
 * not handed in, still taking answers (late ones included), soonest deadline first. `late` when
 * its grace has passed: answers still go in, but late.
 */
export function currentDigestExercise<T extends DigestSubmission>(
  submissions: readonly T[],
  now: Date,
): { submission: T; late: boolean } | null {
  const time = now.getTime();
  const current = submissions
    .filter(
      (s) =>
        (s.status === 'open' || s.status === 'in_progress') &&
        s.releaseAt.getTime() <= time &&
        time <= s.closesAt.getTime(),
    )
    .sort((a, b) => a.deadlineAt.getTime() - b.deadlineAt.getTime())[0];
  return current ? { submission: current, late: time > current.graceEndsAt.getTime() } : null;
}

/** The text of a mentor's weekly digest, one paragraph per mentee, in the mentor's language. */
export function mentorDigestText(
  mentees: readonly DigestMentee[],
  options: { language: Language; translate: Translate; now: Date },
): string {
  const { language, translate, now } = options;
  const t = (key: string, values?: Record<string, unknown>) => translate(language, `digest:${key}`, values);
  const paragraphs = mentees.map((mentee) => {
    const current = mentee.current;
    const late = current?.late ? '_late' : '';
    const lines = [
      t(mentee.status === 'active' ? 'mentee' : 'mentee_with_status', {
        name: mentee.name ?? t('no_name'),
        status: t(`status_${mentee.status}`),
        submitted: mentee.submitted,
        missed: mentee.missed,
        open: mentee.open,
        count: mentee.released,
      }),
      current
        ? !current.started
          ? t(`current_not_started${late}`, { title: current.title })
          : t(`current_in_progress${late}`, {
              title: current.title,
              answered: current.answered,
              count: current.questions,
            })
        : t('current_none'),
      lastMessageLine(mentee.lastMessageAt, now, t),
    ];
    if (mentee.slipping) lines.push(t('slipping'));
    return lines.join('\n');
  });
  return [t('title', { count: mentees.length }), ...paragraphs, t('footer')].join('\n\n');
}

function lastMessageLine(
  lastMessageAt: Date | null,
  now: Date,
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  if (!lastMessageAt) return t('last_message_never');
  const days = Math.max(0, Math.floor((now.getTime() - lastMessageAt.getTime()) / DAY_MS));
  return days === 0 ? t('last_message_today') : t('last_message_days', { count: days });
}
