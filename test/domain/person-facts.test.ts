import { describe, expect, it } from 'vitest';
import { personLanguage } from '../../src/domain/person-language.ts';
import { personTimeZone } from '../../src/domain/person-time-zone.ts';
import {
  InvalidProgrammeSettingsError,
  parseProgrammeSettings,
} from '../../src/domain/programme/programme-settings.ts';

describe("a person's time zone", () => {
  const antananarivo = { timeZone: 'Indian/Antananarivo' };

  it('is their own when they set one, else their hub’s, else the programme’s', () => {
    expect(personTimeZone({ timeZone: 'Africa/Tunis', hub: antananarivo }, 'Europe/Paris')).toBe('Africa/Tunis');
    expect(personTimeZone({ timeZone: null, hub: antananarivo }, 'Europe/Paris')).toBe('Indian/Antananarivo');
    expect(personTimeZone({ timeZone: null, hub: null }, 'Europe/Paris')).toBe('Europe/Paris');
    expect(personTimeZone({ timeZone: null }, undefined)).toBe('UTC');
  });
});

describe("a person's language", () => {
  it('is their own when Compagnon speaks it, else the programme’s first, else the installation’s', () => {
    expect(personLanguage({ locale: 'en' }, { defaultLocale: 'fr' }, 'fr')).toBe('en');
    expect(personLanguage({ locale: null }, { defaultLocale: 'en' }, 'fr')).toBe('en');
    expect(personLanguage({ locale: 'sw' }, { defaultLocale: 'en' }, 'fr')).toBe('en');
    expect(personLanguage({ locale: null }, null, 'en')).toBe('en');
    expect(personLanguage({ locale: null }, { defaultLocale: 'de' }, 'fr')).toBe('fr');
  });
});

describe('programme settings as stored', () => {
  const firstRelease = { timeZone: 'Europe/Paris', consent: { version: '2027-01', text: { fr: 'Texte' } } };

  it('read settings stored before retention, scores and action plans existed, with their defaults', () => {
    expect(parseProgrammeSettings(firstRelease)).toEqual({
      ...firstRelease,
      quietHours: null,
      retention: null,
      checkIns: null,
      slipping: { missedInARow: 2, silentForMinutes: 14_400 },
      helpDesk: { escalateAfterMinutes: 1_440 },
      pauses: { moveDeadlines: false },
      actionPlan: { startsOn: null, reminderOffsetsMinutes: [4_320], followUpAfterMinutes: 1_440, milestones: [] },
      whatsappTemplates: {},
      scores: {
        weights: { motivation: 1, reactivity: 1, teamwork: 1, rubric: 1 },
        rubricScale: 5,
        attendance: { weight: 0, rsvpKept: false },
      },
      selectionNotices: {},
    });
  });

  it('refuse what the import never writes, naming the field', () => {
    expect(() => parseProgrammeSettings({ consent: firstRelease.consent })).toThrow(InvalidProgrammeSettingsError);
    expect(() => parseProgrammeSettings({ ...firstRelease, quietHours: { from: 21 } })).toThrow(/quietHours/);
  });
});
