import { describe, expect, it } from 'vitest';
import { localizeTimes, type LocalizeTimesOptions } from '../../src/domain/localize-times.ts';

const WINTER = '2027-01-25'; // Paris UTC+1
const SUMMER = '2027-06-14'; // Paris UTC+2

function localize(
  text: string,
  targetZone: string,
  date: string,
  overrides: Partial<LocalizeTimesOptions> = {},
): string {
  return localizeTimes(text, { sourceZone: 'Europe/Paris', targetZone, date, language: 'fr', ...overrides });
}

describe("rewriting Paris times in each hub's time", () => {
  const text = 'Session en ligne à 15h00 (heure de Paris)';

  it.each([
    ['Africa/Abidjan', WINTER, 'Session en ligne à 14h00 (heure locale)'],
    ['Africa/Ouagadougou', WINTER, 'Session en ligne à 14h00 (heure locale)'],
    ['Africa/Lubumbashi', WINTER, 'Session en ligne à 16h00 (heure locale)'],
    ['Indian/Antananarivo', WINTER, 'Session en ligne à 17h00 (heure locale)'],
    ['Africa/Abidjan', SUMMER, 'Session en ligne à 13h00 (heure locale)'],
    ['Africa/Tunis', SUMMER, 'Session en ligne à 14h00 (heure locale)'],
    ['Indian/Antananarivo', SUMMER, 'Session en ligne à 16h00 (heure locale)'],
  ])('in %s on %s', (zone, date, expected) => {
    expect(localize(text, zone, date)).toBe(expected);
  });

  it('leaves the text as written where the clock shows the same time', () => {
    expect(localize(text, 'Africa/Tunis', WINTER)).toBe(text);
    expect(localize(text, 'Africa/Lubumbashi', SUMMER)).toBe(text);
    expect(localize(text, 'Europe/Paris', SUMMER)).toBe(text);
  });

  it("keeps the author's notation", () => {
    const written = 'Ouverture 09:00, pause 9:45, reprise 10h, fin 11h30, puis 12 h 15 ; dîner 09h.';
    expect(localize(written, 'Africa/Abidjan', WINTER)).toBe(
      'Ouverture 08:00 (heure locale), pause 8:45 (heure locale), reprise 9h (heure locale), fin 10h30 (heure locale), puis 11 h 15 (heure locale) ; dîner 08h (heure locale).',
    );
  });

  it('writes the minutes when the zones differ by a fraction of an hour', () => {
    expect(localize('à 15h', 'Asia/Kolkata', WINTER)).toBe('à 19h30 (heure locale)');
    expect(localize('at 3pm', 'Asia/Kolkata', WINTER, { language: 'en' })).toBe('at 7:30pm (local time)');
  });

  it('labels a range once', () => {
    expect(localize("Atelier de 14h à 16h30, à l'heure de Paris.", 'Indian/Antananarivo', WINTER)).toBe(
      'Atelier de 16h à 18h30 (heure locale).',
    );
    expect(localize('Atelier 14:00-16:00 (heure française)', 'Africa/Abidjan', SUMMER)).toBe(
      'Atelier 12:00-14:00 (heure locale)',
    );
  });

  it('says when a time falls on the next or the previous day', () => {
    expect(localize('Dernier délai : 23h30 (heure de Paris)', 'Indian/Antananarivo', WINTER)).toBe(
      'Dernier délai : 1h30 (le lendemain, heure locale)',
    );
    expect(localize('Dernier délai : 23:30', 'Indian/Antananarivo', WINTER)).toBe(
      'Dernier délai : 01:30 (le lendemain, heure locale)',
    );
    expect(localize('Live at 00:30', 'Africa/Abidjan', SUMMER, { language: 'en' })).toBe(
      'Live at 22:30 (previous day, local time)',
    );
    expect(localize('de 22h à 23h30', 'Indian/Antananarivo', WINTER)).toBe(
      'de 0h (le lendemain) à 1h30 (le lendemain, heure locale)',
    );
    expect(localize('Deadline 11:30 pm', 'Indian/Antananarivo', WINTER, { language: 'en' })).toBe(
      'Deadline 1:30 am (next day, local time)',
    );
  });

  it('replaces a note naming Paris anywhere in the text once its times are local', () => {
    expect(localize('Toutes les heures sont en heure de Paris. Début à 9h.', 'Africa/Lubumbashi', WINTER)).toBe(
      'Toutes les heures sont en heure locale. Début à 10h (heure locale).',
    );
    expect(
      localize('Starts at 9:00, Paris time. Times below are (Paris time).', 'Africa/Abidjan', WINTER, {
        language: 'en',
      }),
    ).toBe('Starts at 8:00 (local time). Times below are (local time).');
  });

  it('leaves "(Paris)" that does not follow a time', () => {
    expect(localize('Réunion au siège (Paris) à 9h', 'Africa/Abidjan', WINTER)).toBe(
      'Réunion au siège (Paris) à 8h (heure locale)',
    );
    expect(localize('Réunion à 9h (Paris)', 'Africa/Abidjan', WINTER)).toBe('Réunion à 8h (heure locale)');
  });

  it("names the reader's time as asked", () => {
    expect(localize('à 15h (heure de Paris)', 'Africa/Lubumbashi', WINTER, { targetLabel: 'heure de Bukavu' })).toBe(
      'à 16h (heure de Bukavu)',
    );
  });

  it('leaves numbers and durations alone', () => {
    expect(
      localize(
        '15 participants, 3,5 points, en 2027 ; la session dure 1h30 et commence à 15h.',
        'Africa/Abidjan',
        WINTER,
      ),
    ).toBe('15 participants, 3,5 points, en 2027 ; la session dure 1h30 et commence à 14h (heure locale).');
    expect(localize("Pas d'heure ici : 15 participants.", 'Indian/Antananarivo', WINTER)).toBe(
      "Pas d'heure ici : 15 participants.",
    );
  });

  it("writes English times back in the author's style", () => {
    expect(
      localize('Online session at 3pm Paris time, then 11:30 A.M.', 'Africa/Abidjan', WINTER, { language: 'en' }),
    ).toBe('Online session at 2pm (local time), then 10:30 A.M. (local time)');
    expect(localize('at 11 am', 'Indian/Antananarivo', WINTER, { language: 'en' })).toBe('at 1 pm (local time)');
  });

  it('uses the offsets of the given day around a daylight-saving change', () => {
    // Paris moves to UTC+2 at 02:00 on Sunday 28 March 2027.
    expect(localize('à 15h', 'Africa/Abidjan', '2027-03-27')).toBe('à 14h (heure locale)');
    expect(localize('à 15h', 'Africa/Abidjan', '2027-03-28')).toBe('à 13h (heure locale)');
    // 02:30 does not exist in Paris that night: it is read as 03:30, the first time that does.
    expect(localize('à 02:30', 'Africa/Abidjan', '2027-03-28')).toBe('à 01:30 (heure locale)');
  });

  it('reads the times on the day the text names, not the day it is sent', () => {
    // Written on Friday 26 March 2027, when Paris is UTC+1, for days after Paris moves to UTC+2.
    const sent = '2027-03-26';
    expect(localize("L'atelier du 6 avril commence à 15h.", 'Africa/Abidjan', sent)).toBe(
      "L'atelier du 6 avril commence à 13h (heure locale).",
    );
    expect(localize('Atelier dimanche à 15h', 'Africa/Abidjan', sent)).toBe('Atelier dimanche à 13h (heure locale)');
    expect(localize('Atelier le 06/04/2027 à 15h', 'Indian/Antananarivo', sent)).toBe(
      'Atelier le 06/04/2027 à 16h (heure locale)',
    );
    // Each time is read on the day written before it; with no day written, on the day it is sent.
    expect(localize('Le 26 mars à 15h, puis le 6 avril à 15h.', 'Africa/Abidjan', sent)).toBe(
      'Le 26 mars à 14h (heure locale), puis le 6 avril à 13h (heure locale).',
    );
    expect(localize('Atelier à 15h', 'Africa/Abidjan', sent)).toBe('Atelier à 14h (heure locale)');
  });

  it("converts the author's times from a hub's zone to the programme's and other hubs'", () => {
    // Written for Abidjan in Abidjan's time, read in Paris after its change to summer time.
    const options = { sourceZone: 'Africa/Abidjan' };
    expect(localize('Atelier le 6 avril à 15h00', 'Europe/Paris', '2027-03-26', options)).toBe(
      'Atelier le 6 avril à 17h00 (heure locale)',
    );
    expect(localize('Atelier le 6 avril à 15h00', 'Africa/Ouagadougou', '2027-03-26', options)).toBe(
      'Atelier le 6 avril à 15h00',
    );
  });

  it('takes another source zone', () => {
    expect(localize('Session à 10h (heure de Tunis)', 'Africa/Abidjan', WINTER, { sourceZone: 'Africa/Tunis' })).toBe(
      'Session à 9h (heure locale)',
    );
  });

  it('refuses a day or a zone it cannot read', () => {
    expect(() => localize('à 15h', 'Africa/Abidjan', '25/01/2027')).toThrow(RangeError);
    expect(() => localize('à 15h', 'Africa/Atlantis', WINTER)).toThrow(RangeError);
  });
});
