import { describe, expect, it } from 'vitest';
import { broadcastWording, timesZoneOf } from '../../src/domain/broadcast-wording.ts';

describe('how a broadcast reads to each person', () => {
  const texts = { fr: 'Session en ligne à 15h00 (heure de Paris)' };

  it("falls back to the programme's language and shows Paris times in the reader's zone, on the day it goes out", () => {
    const winter = broadcastWording({
      texts,
      fallbackLanguage: 'fr',
      timesZone: 'Europe/Paris',
      sendsAt: new Date('2027-01-25T08:00:00Z'),
    });
    expect(winter({ locale: 'en', timeZone: 'Indian/Antananarivo' })).toEqual({
      language: 'fr',
      text: 'Session en ligne à 17h00 (heure locale)',
    });
    expect(winter({ locale: null, timeZone: 'Africa/Abidjan' })).toEqual({
      language: 'fr',
      text: 'Session en ligne à 14h00 (heure locale)',
    });
    // In June Paris is an hour further ahead: the same text reads an hour earlier in Abidjan.
    const summer = broadcastWording({
      texts,
      fallbackLanguage: 'fr',
      timesZone: 'Europe/Paris',
      sendsAt: new Date('2027-06-14T08:00:00Z'),
    });
    expect(summer({ locale: 'fr', timeZone: 'Africa/Abidjan' }).text).toBe('Session en ligne à 13h00 (heure locale)');
  });

  it("uses the reader's own language when the broadcast has it", () => {
    const wording = broadcastWording({
      texts: { ...texts, en: 'Online session at 3 pm' },
      fallbackLanguage: 'fr',
      timesZone: 'Europe/Paris',
      sendsAt: new Date('2027-01-25T08:00:00Z'),
    });
    expect(wording({ locale: 'en', timeZone: 'Africa/Abidjan' }).language).toBe('en');
  });
});

describe("the zone an author's times are in", () => {
  const programme = {
    timeZone: 'Europe/Paris',
    hubs: [
      { id: 'abidjan', timeZone: 'Africa/Abidjan' },
      { id: 'tunis', timeZone: 'Africa/Tunis' },
    ],
  };

  it("is the hub's when the author writes in the audience's time to one hub", () => {
    expect(timesZoneOf('audience', { hubIds: ['abidjan'] }, programme)).toBe('Africa/Abidjan');
    expect(timesZoneOf('programme', { hubIds: ['abidjan'] }, programme)).toBe('Europe/Paris');
    expect(timesZoneOf('audience', { hubIds: ['abidjan', 'tunis'] }, programme)).toBe('Europe/Paris');
    expect(timesZoneOf('audience', {}, programme)).toBe('Europe/Paris');
  });

  it("leaves Abidjan's times to Abidjan readers and converts them for the others", () => {
    const wording = broadcastWording({
      texts: { fr: "L'atelier commence à 15h00." },
      fallbackLanguage: 'fr',
      timesZone: 'Africa/Abidjan',
      sendsAt: new Date('2027-01-25T08:00:00Z'),
    });
    expect(wording({ locale: 'fr', timeZone: 'Africa/Abidjan' }).text).toBe("L'atelier commence à 15h00.");
    expect(wording({ locale: 'fr', timeZone: 'Europe/Paris' }).text).toBe("L'atelier commence à 16h00 (heure locale).");
  });
});
