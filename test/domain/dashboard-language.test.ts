import { describe, expect, it } from 'vitest';
import { acceptedLanguage, dashboardLanguage, otherLanguage } from '../../src/domain/dashboard-language.ts';
import { pageAddress, safeBackPath } from '../../src/admin/back-path.ts';

describe('the dashboard’s language', () => {
  it('is the one chosen on the dashboard, else the chat language, else the default', () => {
    expect(dashboardLanguage({ dashboardLocale: 'en', locale: 'fr' }, 'fr')).toBe('en');
    expect(dashboardLanguage({ dashboardLocale: null, locale: 'en' }, 'fr')).toBe('en');
    expect(dashboardLanguage({ dashboardLocale: 'xx', locale: null }, 'fr')).toBe('fr');
    expect(otherLanguage('fr')).toBe('en');
    expect(otherLanguage('en')).toBe('fr');
  });

  it('reads the browser’s Accept-Language by weight, among the languages Compagnon speaks', () => {
    expect(acceptedLanguage('fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('fr');
    expect(acceptedLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(acceptedLanguage('de-DE,de;q=0.9,en;q=0.5,fr;q=0.6')).toBe('fr');
    expect(acceptedLanguage('FR')).toBe('fr');
    expect(acceptedLanguage('en;q=0,fr;q=0.1')).toBe('fr');
    expect(acceptedLanguage('de, es')).toBeNull();
    expect(acceptedLanguage('*')).toBeNull();
    expect(acceptedLanguage(undefined)).toBeNull();
    expect(acceptedLanguage('')).toBeNull();
  });
});

describe('the address a form brings the viewer back to', () => {
  it('keeps a dashboard path with its query', () => {
    expect(safeBackPath('/admin')).toBe('/admin');
    expect(safeBackPath('/admin/participants?q=a%C3%AFcha&page=2')).toBe('/admin/participants?q=a%C3%AFcha&page=2');
    expect(safeBackPath('/admin?cohort=c1')).toBe('/admin?cohort=c1');
  });

  it('sends anything else home', () => {
    for (const value of [
      undefined,
      42,
      '',
      '/',
      'admin',
      '/administration',
      '//evil.example/admin',
      '/admin//evil.example',
      'https://evil.example/admin',
      '/\\evil.example',
      '/admin\\..\\x',
      '/admin\r\nset-cookie: x',
      '/admin/' + 'a'.repeat(2001),
    ])
      expect(safeBackPath(value), String(value)).toBe('/admin');
  });
});

describe('the page the language switch comes back to', () => {
  it('is the page itself when it was asked for, the page above it when it answers a form', () => {
    expect(pageAddress('GET', '/admin/participants?q=awa')).toBe('/admin/participants?q=awa');
    expect(pageAddress('POST', '/admin/broadcasts/preview')).toBe('/admin/broadcasts');
    expect(pageAddress('POST', '/admin/inbox/c1/reply?x=1')).toBe('/admin/inbox/c1');
    expect(pageAddress('POST', '/admin/selection')).toBe('/admin');
    expect(pageAddress('POST', '/admin')).toBe('/admin');
  });
});
