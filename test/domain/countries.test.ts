import { describe, expect, it } from 'vitest';
import { COUNTRIES, countryName, findCountries } from '../../src/domain/countries.ts';

const PROGRAMME_COUNTRIES = ['BJ', 'BF', 'CM', 'CI', 'GN', 'MG', 'ML', 'NE', 'CG', 'CD', 'SN', 'TD', 'TG', 'TN'];
const codes = (typed: string, language: 'fr' | 'en' = 'fr') => findCountries(typed, language).map((c) => c.code);

describe('the list of countries', () => {
  it("covers the programme's 14 countries and France, once each, every zone a real one", () => {
    const listed = COUNTRIES.map((c) => c.code);
    expect(listed).toEqual(expect.arrayContaining([...PROGRAMME_COUNTRIES, 'FR']));
    expect(new Set(listed).size).toBe(listed.length);
    for (const country of COUNTRIES) {
      expect(country.zones.length).toBeGreaterThan(0);
      for (const zone of country.zones) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
    }
  });

  it('gives the DRC its two time zones and Cameroon one', () => {
    expect(COUNTRIES.find((c) => c.code === 'CD')?.zones).toEqual(['Africa/Kinshasa', 'Africa/Lubumbashi']);
    expect(COUNTRIES.find((c) => c.code === 'CM')?.zones).toEqual(['Africa/Douala']);
  });

  it('names a country in each language, and an unknown code as itself', () => {
    expect(countryName('CM', 'fr')).toBe('Cameroun');
    expect(countryName('CM', 'en')).toBe('Cameroon');
    expect(countryName('TD', 'en')).toBe('Chad');
    expect(countryName('XX', 'fr')).toBe('XX');
  });
});

describe('finding a country by what people type', () => {
  it('ignores case and accents, in either language', () => {
    expect(codes('cameroun')).toEqual(['CM']);
    expect(codes('CAMEROON', 'en')).toEqual(['CM']);
    expect(codes('senegal')).toEqual(['SN']);
    expect(codes('Bénin')).toEqual(['BJ']);
    expect(codes('  tchad ')).toEqual(['TD']);
  });

  it('reads the code and the names people use', () => {
    expect(codes('ci')).toEqual(['CI']);
    expect(codes('RDC')).toEqual(['CD']);
    expect(codes('ivory coast', 'en')).toEqual(['CI']);
    expect(codes("cote d'ivoire")).toEqual(['CI']);
    expect(codes('cote divoire')).toEqual(['CI']);
  });

  it('offers both Congos for "Congo", and the right Guinea for "Guinée"', () => {
    expect(codes('congo')).toEqual(['CD', 'CG']);
    expect(codes('Guinée')).toEqual(['GN']);
    expect(codes('Niger')).toEqual(['NE']);
  });

  it('finds a country by the start of its name', () => {
    expect(codes('burk')).toEqual(['BF']);
    expect(codes('mada')).toEqual(['MG']);
  });

  it('finds nothing for a name it does not know, nor for a single letter', () => {
    expect(codes('Atlantide')).toEqual([]);
    expect(codes('a')).toEqual([]);
    expect(codes('')).toEqual([]);
  });
});
