import { describe, expect, it } from 'vitest';
import { exerciseRulesText } from '../../src/admin/pages/exercise-rules-text.ts';
import { createTranslate } from '../../src/i18n.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });
const inLanguage = (language: 'fr' | 'en') => (key: string, values?: Record<string, unknown>) =>
  translate(language, key, values);

describe('exerciseRulesText', () => {
  it('says a week rule in English too', () => {
    expect(
      exerciseRulesText(
        { releaseRule: 'week 2, monday 09:00', deadlineRule: 'week 2, sunday 23:59' },
        inLanguage('en'),
        'en',
      ),
    ).toBe('Released on Monday of week 2 at 09:00, local time of each participant; due on Sunday of week 2 at 23:59.');
  });

  it('counts a deadline after the release in days, at a time, or in hours', () => {
    const fr = (deadlineRule: string) =>
      exerciseRulesText({ releaseRule: 'semaine 1, mardi 8h30', deadlineRule }, inLanguage('fr'), 'fr');
    expect(fr('release + 6d at 23:59')).toBe(
      "Envoi le mardi de la semaine 1 à 08:30, heure locale de chaque participant ; à rendre 6 jours après l'envoi, à 23:59.",
    );
    expect(fr('release + 1d')).toContain("à rendre 1 jour après l'envoi.");
    expect(fr('release + 48h')).toContain("à rendre 2 jours après l'envoi.");
    expect(fr('release + 30h')).toContain("à rendre 30 heures après l'envoi.");
  });
});
