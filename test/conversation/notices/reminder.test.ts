import { describe, expect, it } from 'vitest';
import { reminderNotice } from '../../../src/conversation/notices/reminder.ts';
import { createTranslate } from '../../../src/i18n.ts';

const deps = { translate: createTranslate({ defaultLanguage: 'fr' }), defaultLanguage: 'fr' as const };
const reminder = {
  status: 'open' as const,
  exerciseTitle: { fr: 'Mon marché', en: 'My market' },
  // 09:00 in Paris, 08:00 in Dakar (winter).
  deadlineAt: new Date('2027-01-25T08:00:00Z'),
  questionsLeft: 3,
};

describe('the reminder of an exercise not handed in', () => {
  it('is written in the language the person chose, with the deadline in their own zone', () => {
    const notice = reminderNotice(reminder, { locale: 'en', timeZone: 'Africa/Dakar' }, { defaultLocale: 'fr' }, deps);
    expect(notice).toEqual({
      kind: 'text',
      text: expect.stringContaining('"My market" is due by Monday 25 January 2027, 08:00'),
    });
  });

  it("falls back on the programme's language for someone who chose none", () => {
    const notice = reminderNotice(reminder, { locale: null, timeZone: 'Europe/Paris' }, { defaultLocale: 'en' }, deps);
    expect(notice.kind === 'text' && notice.text).toContain('"My market" is due by Monday 25 January 2027, 09:00');
  });

  it('nudges someone who started, with the questions left', () => {
    const notice = reminderNotice(
      { ...reminder, status: 'in_progress' },
      { locale: 'fr', timeZone: 'Europe/Paris' },
      { defaultLocale: 'fr' },
      deps,
    );
    expect(notice.kind === 'text' && notice.text).toContain('« Mon marché » : il reste 3 question(s)');
  });
});
