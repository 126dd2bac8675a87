import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatProblems, parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';

const sample = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
const result = parseProgrammeFile(sample);
if (!result.ok) throw new Error(formatProblems('sample', result.problems));
const programme = result.programme;
const session = (key: string) => {
  const found = programme.sessions.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`the sample has no session ${key}`);
  return found;
};
const local = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');

/** The sample programme's calendar: the workshop week in the five cities, online experts, the closing event. */
describe('the sample programme calendar', () => {
  it('holds each workshop of the workshop week at 09:00 local time in the five cities', () => {
    const workshops = programme.sessions.filter((candidate) => candidate.kind === 'workshop');
    expect(workshops.map((workshop) => workshop.key)).toEqual([
      'atelier-ouverture',
      'atelier-donnees',
      'atelier-pitch',
    ]);
    for (const workshop of workshops) {
      expect(workshop.venues.map((venue) => venue.key).sort()).toEqual([
        'abidjan',
        'antananarivo',
        'bukavu',
        'ouagadougou',
        'tunis',
      ]);
      for (const venue of workshop.venues) {
        const starts = local(venue.startsAt, venue.timeZone);
        expect(starts.slice(11), `${workshop.key} ${venue.key}`).toBe('09:00');
        // Within the phase `ateliers` (2027-03-08 to 2027-03-14).
        expect(starts.slice(0, 10) >= '2027-03-08' && starts.slice(0, 10) <= '2027-03-14').toBe(true);
        expect(venue.place?.fr && venue.place.en && venue.address && venue.capacity).toBeTruthy();
      }
      expect(new Set(workshop.venues.map((venue) => venue.startsAt.getTime())).size).toBe(4);
    }
    expect(local(session('atelier-ouverture').venues[0]!.startsAt, 'Africa/Abidjan')).toBe('2027-03-08 09:00');
  });

  it('gives the two expert sessions from Paris at 14:00, before and after Paris changes to summer time', () => {
    const security = session('expert-securite').venues[0]!;
    const freeSoftware = session('expert-logiciel-libre').venues[0]!;
    expect([security.timeZone, freeSoftware.timeZone]).toEqual(['Europe/Paris', 'Europe/Paris']);
    expect(security.startsAt.toISOString()).toMatch(/T13:00:00/);
    expect(security.startsAt < new Date('2027-02-22T00:00:00Z')).toBe(true);
    expect(freeSoftware.startsAt.toISOString()).toMatch(/T12:00:00/);
    expect(freeSoftware.startsAt > new Date('2027-03-28T01:00:00Z')).toBe(true);
    // The same hour in Antananarivo (UTC+3 all year): 16:00, then 15:00.
    expect(local(security.startsAt, 'Indian/Antananarivo').slice(11)).toBe('16:00');
    expect(local(freeSoftware.startsAt, 'Indian/Antananarivo').slice(11)).toBe('15:00');
  });

  it('has a collective session during the incubation and the closing event, mentors invited', () => {
    const collective = session('session-collective-juin');
    expect(collective.kind).toBe('collective');
    expect(collective.audience.roles).toEqual(['participant', 'mentor']);
    const day = local(collective.venues[0]!.startsAt, collective.venues[0]!.timeZone).slice(0, 10);
    expect(day >= '2027-03-15' && day <= '2027-09-12').toBe(true);
    const closing = session('cloture');
    expect(closing.kind).toBe('closing');
    expect(closing.audience.roles).toEqual(['participant', 'mentor', 'staff']);
    expect(closing.feedback).toBe(true);
  });

  it('announces every session before it starts, in French and English, with a WhatsApp template for sessions', () => {
    for (const candidate of programme.sessions) {
      expect(candidate.announce, candidate.key).not.toBeNull();
      expect(
        candidate.title.fr && candidate.title.en && candidate.description.fr && candidate.description.en,
      ).toBeTruthy();
    }
    expect(programme.settings.whatsappTemplates.session).toEqual({
      fr: { name: 'cc_session', language: 'fr' },
      en: { name: 'cc_session_en', language: 'en' },
    });
  });

  it('no longer fakes an RSVP with a question in week 6', () => {
    const week6 = programme.exercises.find((exercise) => exercise.key === 'semaine-6');
    expect(week6?.questions.map((question) => question.key)).toEqual(['apprentissage', 'satisfaction', 'plan-action']);
  });
});
