import { describe, expect, it } from 'vitest';
import { extractTimes } from '../../src/domain/time-mention.ts';

const times = (text: string) => extractTimes(text).map(({ text: written, hour, minute }) => [written, hour, minute]);

describe('finding times of day in an announcement', () => {
  it('finds the ways French and English authors write them', () => {
    expect(times('15:00, 9:30, 09:05, 15h, 15H, 15h30, 9h, 09h00, 15 h, 15 h 30')).toEqual([
      ['15:00', 15, 0],
      ['9:30', 9, 30],
      ['09:05', 9, 5],
      ['15h', 15, 0],
      ['15H', 15, 0],
      ['15h30', 15, 30],
      ['9h', 9, 0],
      ['09h00', 9, 0],
      ['15 h', 15, 0],
      ['15 h 30', 15, 30],
    ]);
    expect(times('at 3pm, 3 PM, 3:30 p.m., 11am, 12am and 12pm')).toEqual([
      ['3pm', 15, 0],
      ['3 PM', 15, 0],
      ['3:30 p.m.', 15, 30],
      ['11am', 11, 0],
      ['12am', 0, 0],
      ['12pm', 12, 0],
    ]);
  });

  it('says where each time is, for previews', () => {
    const text = 'Session à 15h (heure de Paris)';
    const [mention] = extractTimes(text);
    expect(mention).toMatchObject({
      text: '15h',
      index: 10,
      hour: 15,
      minute: 0,
      notation: { kind: 'h', minutes: false },
    });
    expect(text.slice(mention?.index, (mention?.index ?? 0) + (mention?.text.length ?? 0))).toBe('15h');
  });

  it('leaves numbers that are not times', () => {
    for (const text of [
      '15 participants',
      'en 2027',
      '3,5 points',
      '15.00 €',
      'le 25/01',
      '2027-01-25',
      '+33 1 45 67 89 00',
      'Il y a 15 hommes',
      '15hrs',
      '5 amis',
      'version 1.15:00',
      '15:00:00',
      '24h00',
      '23h60',
      '25:00',
      '13pm',
      '0am',
    ]) {
      expect(times(text), text).toEqual([]);
    }
  });

  it('leaves durations', () => {
    for (const text of [
      'La session dure 1h30.',
      'Durée : 2h',
      'pendant 2h',
      'en 1h',
      '2h de formation',
      "1h d'échange",
      'plus de 3h',
      'au moins 1h30',
      'for 2h',
      'about 1:30',
    ]) {
      expect(times(text), text).toEqual([]);
    }
  });

  it('reads a time after "à", "de" or "vers" even when "de" follows', () => {
    expect(times('de 14h à 16h')).toEqual([
      ['14h', 14, 0],
      ['16h', 16, 0],
    ]);
    expect(times("rendez-vous à 3h de l'après-midi")).toEqual([['3h', 3, 0]]);
    expect(times('vers 9h du matin')).toEqual([['9h', 9, 0]]);
    expect(times('14h-16h')).toEqual([
      ['14h', 14, 0],
      ['16h', 16, 0],
    ]);
  });
});
