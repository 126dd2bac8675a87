import { describe, expect, it } from 'vitest';
import {
  currentDigestExercise,
  digestWeek,
  mentorDigestText,
  type DigestMentee,
  type DigestSubmission,
} from '../../src/domain/mentor-digest.ts';
import { createTranslate } from '../../src/i18n.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the weekly digest', () => {
  it('is due on Monday 08:00 in the mentor time zone, keyed by the ISO week there', () => {
    // Sunday 22:30 UTC is already Monday in Antananarivo, still Sunday in Abidjan.
    const sunday = new Date('2027-01-24T22:30:00Z');
    expect(digestWeek(sunday, 'Indian/Antananarivo')).toEqual({
      week: '2027-W04',
      dueAt: new Date('2027-01-25T05:00:00Z'),
    });
    expect(digestWeek(sunday, 'Africa/Abidjan')).toEqual({ week: '2027-W03', dueAt: new Date('2027-01-18T08:00:00Z') });
    // Friday 1 January 2027 belongs to the last ISO week of 2026.
    expect(digestWeek(new Date('2027-01-01T12:00:00Z'), 'Europe/Paris').week).toBe('2026-W53');
    // Paris moves to summer time on Sunday 28 March 2027: Monday 08:00 is 06:00 UTC.
    expect(digestWeek(new Date('2027-03-31T12:00:00Z'), 'Europe/Paris')).toEqual({
      week: '2027-W13',
      dueAt: new Date('2027-03-29T06:00:00Z'),
    });
  });

  it('says where each mentee is, in the mentor language', () => {
    const now = new Date('2027-01-25T07:00:00Z');
    const mentee: DigestMentee = {
      name: 'Awa',
      status: 'paused',
      released: 3,
      submitted: 2,
      missed: 0,
      open: 1,
      current: { title: 'Données et sécurité', started: false, answered: 0, questions: 3, late: false },
      lastMessageAt: new Date('2027-01-24T06:00:00Z'),
      slipping: false,
    };
    const text = mentorDigestText([mentee], {
      language: 'fr',
      translate: createTranslate({ defaultLanguage: 'fr' }),
      now,
    });
    expect(text).toBe(
      [
        'Votre point de la semaine sur votre mentoré :',
        '• Awa (en pause) : 2 rendu(s), 0 manqué(s), 1 en cours, sur 3 exercices publiés\n' +
          '  Exercice en cours : « Données et sécurité », pas encore commencé.\n' +
          '  Dernier message : il y a 1 jour.',
        'Envoyez MENTORÉS à tout moment pour un court résumé.',
      ].join('\n\n'),
    );
  });

  it('says when the current exercise is past its deadline but still taken, and names someone without a name', () => {
    const now = new Date('2027-01-25T07:00:00Z');
    const mentee: DigestMentee = {
      name: null,
      status: 'selected',
      released: 1,
      submitted: 0,
      missed: 1,
      open: 0,
      current: { title: 'Your community', started: true, answered: 1, questions: 3, late: true },
      lastMessageAt: null,
      slipping: false,
    };
    const text = mentorDigestText([mentee], {
      language: 'en',
      translate: createTranslate({ defaultLanguage: 'fr' }),
      now,
    });
    expect(text.split('\n\n')[1]).toBe(
      '• (no name) (selected): 0 handed in, 1 missed, 0 open, of 1 exercise released\n' +
        '  Current exercise (past its deadline, still accepted late): “Your community”, 1 of 3 questions answered.\n' +
        '  No message received yet.',
    );
  });

  it('picks as current the exercise still taking answers that is due soonest, as the conversation does', () => {
    const now = new Date('2027-01-26T07:00:00Z');
    const week = (n: number, status: DigestSubmission['status']) => {
      const deadlineAt = new Date(Date.UTC(2027, 0, 17 + 7 * (n - 1), 23, 59));
      return {
        key: `semaine-${n}`,
        status,
        releaseAt: new Date(deadlineAt.getTime() - 6.5 * DAY_MS),
        deadlineAt,
        graceEndsAt: new Date(deadlineAt.getTime() + DAY_MS / 2),
        closesAt: new Date(deadlineAt.getTime() + 7 * DAY_MS),
      };
    };
    // Week 1 closed, week 2 past its deadline and grace but still taken, week 3 open: week 2 first, late.
    const current = currentDigestExercise([week(3, 'in_progress'), week(2, 'open'), week(1, 'open')], now);
    expect(current && { key: current.submission.key, late: current.late }).toEqual({ key: 'semaine-2', late: true });
    // Once week 2 is handed in, week 3, on time.
    const next = currentDigestExercise([week(3, 'open'), week(2, 'submitted'), week(1, 'missed')], now);
    expect(next && { key: next.submission.key, late: next.late }).toEqual({ key: 'semaine-3', late: false });
    expect(currentDigestExercise([week(4, 'open')], now)).toBeNull(); // not released yet
  });
});
