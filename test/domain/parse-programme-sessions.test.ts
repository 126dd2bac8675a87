import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatProblems,
  parseProgrammeFile,
  type ProgrammeFileProblem,
} from '../../src/domain/programme/parse-programme-file.ts';
import type { ProgrammeDefinition } from '../../src/domain/programme/programme-definition.ts';

const sample = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');

/** The sample with its `sessions:` replaced by these (indented as list items under `sessions:`). */
function withSessions(sessions: string): string {
  const start = sample.indexOf('\nsessions:\n');
  const end = sample.indexOf('\nexercises:');
  return `${sample.slice(0, start)}\nsessions:\n${sessions}${sample.slice(end)}`;
}

/** The number of the first line of `source` holding `text` (after the line holding `after`, if given). */
function lineOf(source: string, text: string, after?: string): number {
  const lines = source.split('\n');
  const from = after === undefined ? 0 : lines.findIndex((line) => line.includes(after));
  const index = lines.findIndex((line, i) => i >= from && line.includes(text));
  if (index < 0) throw new Error(`no line holds ${text}`);
  return index + 1;
}

function parsed(source: string): ProgrammeDefinition {
  const result = parseProgrammeFile(source);
  if (!result.ok) throw new Error(formatProblems('test', result.problems));
  return result.programme;
}

function problemsOf(source: string): ProgrammeFileProblem[] {
  const result = parseProgrammeFile(source);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

/** A workshop in the given hubs at the same local hours in each. */
function workshop(id: string, hubs: string[], starts: string, ends: string, extra = ''): string {
  const venues = hubs
    .map(
      (hub) => `      - hub: ${hub}\n        place: Salle ${hub}\n        starts: ${starts}\n        ends: ${ends}\n`,
    )
    .join('');
  return (
    `  - id: ${id}\n    kind: workshop\n    title: { fr: Atelier, en: Workshop }\n` +
    `    description: { fr: Une matinée., en: A morning. }\n${extra}    venues:\n${venues}`
  );
}

function online(id: string, starts: string, ends: string, extra = ''): string {
  return (
    `  - id: ${id}\n    kind: online\n    title: { fr: Sécurité, en: Security }\n` +
    `    description: { fr: Avec une experte., en: With an expert. }\n${extra}` +
    `    online:\n      url: https://visio.example.org/securite\n      starts: ${starts}\n      ends: ${ends}\n`
  );
}

const FIVE_HUBS = ['abidjan', 'ouagadougou', 'tunis', 'bukavu', 'antananarivo'];

describe('sessions in the programme file', () => {
  it('holds five workshops at 09:00 local time at four distinct instants in UTC', () => {
    const [session] = parsed(
      withSessions(workshop('atelier', FIVE_HUBS, '2027-03-08 09:00', '2027-03-08 12:30')),
    ).sessions;
    expect(session?.venues.map((venue) => [venue.key, venue.timeZone, venue.startsAt.toISOString()])).toEqual([
      ['abidjan', 'Africa/Abidjan', '2027-03-08T09:00:00.000Z'],
      ['ouagadougou', 'Africa/Ouagadougou', '2027-03-08T09:00:00.000Z'],
      ['tunis', 'Africa/Tunis', '2027-03-08T08:00:00.000Z'],
      ['bukavu', 'Africa/Lubumbashi', '2027-03-08T07:00:00.000Z'],
      ['antananarivo', 'Indian/Antananarivo', '2027-03-08T06:00:00.000Z'],
    ]);
    expect(new Set(session?.venues.map((venue) => venue.startsAt.getTime())).size).toBe(4);
    expect(session?.venues[0]?.endsAt.toISOString()).toBe('2027-03-08T12:30:00.000Z');
  });

  it('reads an online session at 14:00 in Paris as 13:00 UTC in winter and 12:00 UTC after 28 March 2027', () => {
    const { sessions } = parsed(
      withSessions(
        online('hiver', '2027-03-24 14:00', '2027-03-24 15:30') +
          online('ete', '2027-03-31T14:00', '2027-03-31T15:30', '    announce: 2w\n'),
      ),
    );
    expect(sessions.map((session) => [session.key, session.venues[0]?.startsAt.toISOString()])).toEqual([
      ['hiver', '2027-03-24T13:00:00.000Z'],
      ['ete', '2027-03-31T12:00:00.000Z'],
    ]);
    expect(sessions[0]?.venues[0]).toMatchObject({
      key: 'online',
      hubKey: null,
      place: null,
      url: 'https://visio.example.org/securite',
      timeZone: 'Europe/Paris',
    });
  });

  it('fills in the defaults: RSVP, reminders a day and two hours before, both ways of taking attendance, no feedback', () => {
    const [session] = parsed(
      withSessions(workshop('atelier', ['tunis'], '2027-03-08 09:00', '2027-03-08 12:30')),
    ).sessions;
    expect(session).toMatchObject({
      rsvp: true,
      announce: null,
      reminderOffsetsMinutes: [1440, 120],
      attendance: ['code', 'roll_call'],
      feedback: false,
      audience: { roles: ['participant'] },
    });
    // One plain string names the place in every language.
    expect(session?.venues[0]?.place).toEqual({ fr: 'Salle tunis', en: 'Salle tunis' });
    expect(session?.venues[0]?.capacity).toBeNull();
  });

  it('reads the audience, capacity, announcement, reminders and attendance written in the file', () => {
    const extra =
      '    audience: { hub: [tunis], cohort: promo-2027, roles: [participant, mentor] }\n' +
      '    announce: 2027-02-22 09:00\n    reminders: [2h, 2d]\n    attendance: code\n    feedback: true\n';
    const source = withSessions(
      workshop('atelier', ['tunis'], '2027-03-08 09:00', '2027-03-08 12:30', extra).replace(
        '        place: Salle tunis\n',
        '        place: { fr: Institut français, en: French Institute }\n        capacity: 30\n',
      ),
    );
    const [session] = parsed(source).sessions;
    expect(session).toMatchObject({
      audience: { hubKeys: ['tunis'], cohortKeys: ['promo-2027'], roles: ['participant', 'mentor'] },
      // 09:00 in Paris, in winter.
      announce: { at: new Date('2027-02-22T08:00:00Z') },
      reminderOffsetsMinutes: [2880, 120],
      attendance: ['code'],
      feedback: true,
    });
    expect(session?.venues[0]).toMatchObject({
      place: { fr: 'Institut français', en: 'French Institute' },
      capacity: 30,
    });
    const before = parsed(source.replace('announce: 2027-02-22 09:00', 'announce: 2w')).sessions[0];
    expect(before?.announce).toEqual({ beforeMinutes: 14 * 24 * 60 });
    const instant = parsed(source.replace('announce: 2027-02-22 09:00', 'announce: 2027-02-22T09:00+01:00'))
      .sessions[0];
    expect(instant?.announce).toEqual({ at: new Date('2027-02-22T08:00:00Z') });
  });
});

describe('a malformed session is refused, naming the line and the problem', () => {
  it('a venue in a hub that does not exist', () => {
    const source = withSessions(workshop('atelier', ['tunis', 'dakar'], '2027-03-08 09:00', '2027-03-08 12:30'));
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, '- hub: dakar'),
        path: 'sessions[0].venues[1].hub',
        message: expect.stringContaining('no hub has the id "dakar"'),
      }),
    ]);
  });

  it('a session that ends before it starts', () => {
    const source = withSessions(workshop('atelier', ['tunis'], '2027-03-08 09:00', '2027-03-08 08:00'));
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, 'ends: 2027-03-08 08:00'),
        path: 'sessions[0].venues[0].ends',
        message: 'ends (2027-03-08 08:00) before it starts (2027-03-08 09:00), in Africa/Tunis',
      }),
    ]);
  });

  it('a session both at venues and online', () => {
    const source = withSessions(
      workshop('atelier', ['tunis'], '2027-03-08 09:00', '2027-03-08 12:30') +
        '    online:\n      url: https://visio.example.org/a\n      starts: 2027-03-08 09:00\n      ends: 2027-03-08 10:00\n',
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, 'url: https://visio.example.org/a'),
        path: 'sessions[0].online',
        message: expect.stringContaining('either at `venues` (one per hub) or `online`, not both'),
      }),
    ]);
  });

  it('an hour skipped when the clocks go forward in Paris', () => {
    const source = withSessions(online('nuit', '2027-03-28 02:30', '2027-03-28 04:00'));
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, 'starts: 2027-03-28 02:30'),
        path: 'sessions[0].online.starts',
        message: expect.stringContaining('2027-03-28 02:30 does not exist in Europe/Paris: the clocks go forward'),
      }),
    ]);
  });

  it('a date-time not written YYYY-MM-DD HH:MM', () => {
    const source = withSessions(workshop('atelier', ['tunis'], '8 mars 2027 9h', '2027-03-08 12:30'));
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, 'starts: 8 mars 2027 9h'),
        path: 'sessions[0].venues[0].starts',
        message: expect.stringContaining('must be a local date and time written YYYY-MM-DD HH:MM'),
      }),
    ]);
  });

  it('two venues in the same hub, and a session id used twice', () => {
    const source = withSessions(
      workshop('atelier', ['tunis', 'tunis'], '2027-03-08 09:00', '2027-03-08 12:30') +
        workshop('atelier', ['abidjan'], '2027-03-09 09:00', '2027-03-09 12:30'),
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, '- hub: tunis', 'place: Salle tunis'),
        path: 'sessions[0].venues[1].hub',
        message: expect.stringContaining('already has a venue in this session'),
      }),
      expect.objectContaining({
        line: lineOf(source, '- id: atelier', 'place: Salle tunis'),
        path: 'sessions[1].id',
        message: expect.stringContaining('duplicate session id "atelier"'),
      }),
    ]);
  });

  it('an audience naming an unknown cohort or role, and an announcement after the start', () => {
    const source = withSessions(
      workshop(
        'atelier',
        ['tunis'],
        '2027-03-08 09:00',
        '2027-03-08 12:30',
        '    audience: { cohort: [promo-2030], roles: [coach] }\n    announce: 2027-03-09 09:00\n',
      ),
    );
    const problems = problemsOf(source);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'sessions[0].audience.roles[0]',
        message: 'unknown role "coach"; use one of participant, mentor, trainer, staff',
      }),
    ]);
    const fixed = source.replace('roles: [coach]', 'roles: [staff]');
    expect(problemsOf(fixed)).toEqual([
      expect.objectContaining({
        line: lineOf(fixed, 'audience: { cohort'),
        path: 'sessions[0].audience.cohort[0]',
        message: expect.stringContaining('no cohort has the id "promo-2030"'),
      }),
      expect.objectContaining({
        line: lineOf(fixed, 'announce: 2027-03-09 09:00'),
        path: 'sessions[0].announce',
        message: expect.stringContaining('would come after the session starts'),
      }),
    ]);
  });

  it("an announcement at an hour skipped in the programme's zone", () => {
    const source = withSessions(
      online('nuit', '2027-04-07 14:00', '2027-04-07 15:00', '    announce: 2027-03-28 02:15\n'),
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, 'announce: 2027-03-28 02:15'),
        path: 'sessions[0].announce',
        message: expect.stringContaining('2027-03-28 02:15 does not exist in Europe/Paris'),
      }),
    ]);
  });

  it('an announcement that is neither a duration nor a date-time', () => {
    const source = withSessions(online('jour', '2027-04-08 14:00', '2027-04-08 15:00', '    announce: la veille\n'));
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, 'announce: la veille'),
        path: 'sessions[0].announce',
        message: expect.stringContaining('must be a duration before the start (such as 2w or 3d)'),
      }),
    ]);
  });

  it('a session with neither venues nor a link', () => {
    const source = withSessions(
      '  - id: vide\n    kind: other\n    title: { fr: Vide, en: Empty }\n    description: { fr: Rien., en: Nothing. }\n',
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line: lineOf(source, '- id: vide'),
        path: 'sessions[0].id',
        message: 'a session needs `venues` (one per hub) or `online` (a link)',
      }),
    ]);
  });
});
