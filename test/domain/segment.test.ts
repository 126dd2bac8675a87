import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEGMENT_STATUSES,
  describeSegment,
  matchesSegment,
  segmentFilterSchema,
  type SegmentRecipient,
} from '../../src/domain/segment.ts';

const abidjan: SegmentRecipient = {
  role: 'participant',
  cohortId: 'c2027',
  hubId: 'abidjan',
  country: 'CI',
  channel: 'whatsapp',
  status: 'active',
};
const tana: SegmentRecipient = {
  role: 'participant',
  cohortId: 'c2027',
  hubId: 'tana',
  country: 'MG',
  channel: 'telegram',
  status: 'selected',
};
const noHub: SegmentRecipient = {
  role: 'participant',
  cohortId: 'c2026',
  hubId: null,
  country: null,
  channel: 'simulator',
  status: 'paused',
};

describe('matching recipients', () => {
  it('reaches everyone but people who stopped or paused when nothing narrows it', () => {
    expect([abidjan, tana].every((recipient) => matchesSegment({}, recipient))).toBe(true);
    expect(matchesSegment({}, noHub)).toBe(false);
    expect(matchesSegment({ statuses: ['paused'] }, noHub)).toBe(true);
    expect(matchesSegment({}, { ...abidjan, status: 'stopped' })).toBe(false);
    expect(DEFAULT_SEGMENT_STATUSES).toEqual(['active', 'selected', 'not_selected']);
  });

  it('narrows by each field', () => {
    expect(matchesSegment({ cohortIds: ['c2027'] }, abidjan)).toBe(true);
    expect(matchesSegment({ cohortIds: ['c2027'] }, noHub)).toBe(false);
    expect(matchesSegment({ hubIds: ['tana', 'tunis'] }, tana)).toBe(true);
    expect(matchesSegment({ hubIds: ['tana', 'tunis'] }, abidjan)).toBe(false);
    expect(matchesSegment({ countries: ['CI', 'BF'] }, abidjan)).toBe(true);
    expect(matchesSegment({ countries: ['CI', 'BF'] }, tana)).toBe(false);
    expect(matchesSegment({ channels: ['telegram'] }, tana)).toBe(true);
    expect(matchesSegment({ channels: ['telegram'] }, abidjan)).toBe(false);
    expect(matchesSegment({ statuses: ['selected'] }, tana)).toBe(true);
    expect(matchesSegment({ statuses: ['selected'] }, abidjan)).toBe(false);
  });

  it('needs every field to match', () => {
    const filter = { cohortIds: ['c2027'], countries: ['CI'], channels: ['whatsapp' as const] };
    expect(matchesSegment(filter, abidjan)).toBe(true);
    expect(matchesSegment(filter, { ...abidjan, channel: 'telegram' })).toBe(false);
    expect(matchesSegment(filter, { ...abidjan, cohortId: 'c2026' })).toBe(false);
  });

  it('leaves out people without a hub when hubs or countries are named', () => {
    expect(matchesSegment({ hubIds: ['abidjan'] }, noHub)).toBe(false);
    expect(matchesSegment({ countries: ['CI'] }, noHub)).toBe(false);
  });

  it('reaches people who stopped only when asked for by name', () => {
    const stopped = { ...abidjan, status: 'stopped' as const };
    expect(matchesSegment({ statuses: ['active', 'paused', 'selected', 'not_selected'] }, stopped)).toBe(false);
    expect(matchesSegment({ statuses: ['stopped'] }, stopped)).toBe(true);
  });

  it('matches no one on an empty list', () => {
    expect(matchesSegment({ cohortIds: [] }, abidjan)).toBe(false);
    expect(matchesSegment({ statuses: [] }, abidjan)).toBe(false);
  });
});

describe('the stored filter', () => {
  it('accepts a filter and writes country codes in upper case', () => {
    expect(
      segmentFilterSchema.parse({
        cohortIds: ['c2027'],
        countries: ['ci', 'MG'],
        channels: ['whatsapp'],
        statuses: ['active'],
      }),
    ).toEqual({
      cohortIds: ['c2027'],
      countries: ['CI', 'MG'],
      channels: ['whatsapp'],
      statuses: ['active'],
    });
    expect(segmentFilterSchema.parse({})).toEqual({});
  });

  it('refuses empty lists, unknown values and unknown fields', () => {
    for (const filter of [
      { cohortIds: [] },
      { countries: ['CIV'] },
      { channels: ['sms'] },
      { statuses: ['gone'] },
      { roles: ['student'] },
      { roles: [] },
      { hubIds: [''] },
      { cohortIds: 'c2027' },
    ]) {
      expect(segmentFilterSchema.safeParse(filter).success, JSON.stringify(filter)).toBe(false);
    }
    expect(segmentFilterSchema.safeParse({ cohortIds: [] }).error?.issues[0]?.message).toBe(
      'must list at least one value, or be left out',
    );
  });
});

describe('describing a segment', () => {
  const names = { cohorts: { c2027: 'Promo 2027' }, hubs: { abidjan: 'Abidjan', tunis: 'Tunis' } };

  it('says who gets a broadcast with no filter', () => {
    expect(describeSegment({}, names, 'fr')).toBe('Tout le monde sauf les personnes désinscrites');
    expect(describeSegment({}, names, 'en')).toBe('Everyone except people who stopped');
  });

  it('names cohorts, hubs, countries, channels and statuses', () => {
    const filter = {
      cohortIds: ['c2027'],
      hubIds: ['abidjan', 'tunis'],
      countries: ['CI', 'TN'],
      channels: ['whatsapp' as const],
      statuses: ['active' as const, 'not_selected' as const],
    };
    expect(describeSegment(filter, names, 'fr')).toBe(
      'cohorte Promo 2027 · hub Abidjan ou Tunis · pays Côte d’Ivoire ou Tunisie · canal WhatsApp · statut actif ou non sélectionné',
    );
    expect(describeSegment(filter, names, 'en')).toBe(
      'cohort Promo 2027 · hub Abidjan or Tunis · country Côte d’Ivoire or Tunisia · channel WhatsApp · status active or not selected',
    );
  });

  it('reminds that people who stopped are left out', () => {
    expect(describeSegment({ channels: ['telegram'] }, names, 'fr')).toBe(
      'canal Telegram (sauf les personnes désinscrites)',
    );
    expect(describeSegment({ statuses: ['stopped'] }, names, 'en')).toBe(
      'status stopped (people who stopped will get nothing)',
    );
  });

  it('shows an id it has no name for', () => {
    expect(describeSegment({ cohortIds: ['ckx9'], hubIds: ['bukavu'] }, names, 'en')).toBe(
      'cohort ckx9 · hub bukavu (except people who stopped)',
    );
  });
});
