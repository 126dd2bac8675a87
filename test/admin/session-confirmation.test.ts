import { describe, expect, it } from 'vitest';
import { sessionConfirmation } from '../../src/admin/pages/session-edit-routes.ts';
import { createTranslate } from '../../src/i18n.ts';

/** What a session's page says after the form, the announcement or the cancellation sent Claire back to it. */
describe("the line a session's page shows after an action", () => {
  const translate = createTranslate({ defaultLanguage: 'fr' });
  const t = (key: string, values?: Record<string, unknown>) => translate('fr', key, values);

  it('says what was done, in the staff member language', () => {
    expect(String(sessionConfirmation(t, { done: 'created' }))).toBe(
      '<p class="notice" role="status">Session créée.</p>',
    );
    expect(String(sessionConfirmation(t, { done: 'announced', count: '3' }))).toContain(
      'Annonce envoyée à 3 personnes.',
    );
    expect(String(sessionConfirmation(t, { done: 'cancelled' }))).toContain('Session annulée');
    expect(String(sessionConfirmation((key, values) => translate('en', key, values), { done: 'updated' }))).toContain(
      'Changes saved.',
    );
  });

  it('says nothing for anything else', () => {
    expect(sessionConfirmation(t, {})).toBe('');
    expect(sessionConfirmation(t, { done: '<script>' })).toBe('');
  });
});
