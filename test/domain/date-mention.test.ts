import { describe, expect, it } from 'vitest';
import { extractDates } from '../../src/domain/date-mention.ts';

/** Written on Friday 26 March 2027. */
const SENT = '2027-03-26';

function dates(text: string, sent = SENT): string[] {
  return extractDates(text, sent).map((mention) => mention.date);
}

describe('finding the days an announcement names', () => {
  it('reads dates written in words, in French and English', () => {
    expect(dates('Atelier le 1er avril à 15h')).toEqual(['2027-04-01']);
    expect(dates('Atelier le mardi 6 avril 2027 à 15h')).toEqual(['2027-04-06']);
    expect(dates('Workshop on April 6th at 3pm, then 13 April')).toEqual(['2027-04-06', '2027-04-13']);
    expect(dates('Rendez-vous le 2 août')).toEqual(['2027-08-02']);
    expect(dates('See you on the 2nd of August')).toEqual(['2027-08-02']);
  });

  it('reads dates written in figures, day first', () => {
    expect(dates('Atelier le 06/04/2027 à 15h')).toEqual(['2027-04-06']);
    expect(dates('Atelier le 6/4 à 15h')).toEqual(['2027-04-06']);
    expect(dates('Atelier le 2027-04-06 à 15h')).toEqual(['2027-04-06']);
  });

  it('places a day without a year in the year nearest the day the text is sent', () => {
    expect(dates('Reprise le 4 janvier', '2027-12-20')).toEqual(['2028-01-04']);
    expect(dates('Merci pour le 20 décembre', '2028-01-03')).toEqual(['2027-12-20']);
  });

  it('reads today, tomorrow and the days of the week from the day the text is sent', () => {
    expect(dates("Atelier aujourd'hui à 15h, et demain à 16h")).toEqual(['2027-03-26', '2027-03-27']);
    expect(dates('Workshop tomorrow at 3pm')).toEqual(['2027-03-27']);
    expect(dates('Atelier dimanche à 15h')).toEqual(['2027-03-28']);
    expect(dates('Workshop on Monday at 3pm')).toEqual(['2027-03-29']);
  });

  it('says where each day is written', () => {
    expect(extractDates('Atelier le 6 avril à 15h', SENT)).toEqual([
      { text: '6 avril', index: 11, date: '2027-04-06' },
    ]);
  });

  it('leaves numbers and days that do not exist', () => {
    expect(dates('15 participants, 3,5 points, en 2027, 15h30, 31/02, le 30 février')).toEqual([]);
    expect(dates('Mars est une planète ; 12 mai-juin')).toEqual(['2027-05-12']);
  });
});
