import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/conversation/conversation-context.ts';
import {
  countryQuestion,
  readCountryAnswer,
  readZoneAnswer,
  zoneQuestion,
} from '../../src/conversation/flows/country-question.ts';
import type { Speaker } from '../../src/conversation/speaker.ts';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import type { Language } from '../../src/domain/programme/language.ts';
import { createTranslate } from '../../src/i18n.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });
const speaker = (language: Language): Speaker => ({
  language,
  t: (key, values) => translate(language, key, values),
  pick: (text) => text[language] ?? '',
});
const fr = speaker('fr');
const HUB_COUNTRIES = ['CI', 'BF', 'TN', 'CD', 'MG'];

const base = {
  channel: 'whatsapp' as const,
  platformEventId: 'e1',
  sender: { channel: 'whatsapp' as const, platformId: '22500000001' },
  sentAt: '2027-01-11T09:00:00Z',
};
const typed = (text: string): InboundEvent => ({ ...base, kind: 'text', text });
const tapped = (choiceId: string): InboundEvent => ({ ...base, kind: 'choice', choiceId });

function choicesOf(outgoing: Outgoing | undefined) {
  if (outgoing?.payload.kind !== 'choices') throw new Error(`expected choices, got ${JSON.stringify(outgoing)}`);
  return outgoing.payload;
}

describe('the country question', () => {
  it("suggests the hubs' countries as buttons tagged by the flow, within a WhatsApp list", () => {
    const question = choicesOf(countryQuestion('join', fr, [...HUB_COUNTRIES, 'CI']));
    expect(question.text).toContain('écrivez son nom');
    expect(question.choices.map((c) => c.id)).toEqual([
      'join-country:CI',
      'join-country:BF',
      'join-country:TN',
      'join-country:CD',
      'join-country:MG',
    ]);
    // WhatsApp list rows hold 24 characters: the DRC is shown by its short name.
    expect(question.choices.find((c) => c.id === 'join-country:CD')?.label).toBe('RD Congo');
    expect(question.choices.every((c) => c.label.length <= 24)).toBe(true);
    const many = choicesOf(
      countryQuestion('apply', fr, ['BJ', 'BF', 'CM', 'CI', 'GN', 'MG', 'ML', 'NE', 'CG', 'CD', 'SN', 'TD']),
    );
    expect(many.choices).toHaveLength(10);
  });

  it('reads a button of its own tag, and asks again for a button of another', () => {
    expect(readCountryAnswer('join', tapped('join-country:CM'), fr, HUB_COUNTRIES)).toEqual({
      kind: 'chosen',
      country: 'CM',
      zone: 'Africa/Douala',
    });
    const other = readCountryAnswer('join', tapped('apply-country:CM'), fr, HUB_COUNTRIES);
    expect(other.kind).toBe('ask');
  });

  it('reads a typed name, with the zone when the country has one, none when it has several', () => {
    expect(readCountryAnswer('join', typed('Cameroun'), fr, HUB_COUNTRIES)).toEqual({
      kind: 'chosen',
      country: 'CM',
      zone: 'Africa/Douala',
    });
    expect(readCountryAnswer('join', typed('RDC'), fr, HUB_COUNTRIES)).toEqual({
      kind: 'chosen',
      country: 'CD',
      zone: null,
    });
  });

  it("reads the number of a suggestion, as WhatsApp's numbered text shows them", () => {
    expect(readCountryAnswer('join', typed('2'), fr, HUB_COUNTRIES)).toMatchObject({ country: 'BF' });
  });

  it('offers several matches as buttons', () => {
    const reading = readCountryAnswer('country', typed('Congo'), fr, HUB_COUNTRIES);
    if (reading.kind !== 'ask') throw new Error('expected a question');
    const asked = choicesOf(reading.reply[0]);
    expect(asked.text).toContain('Plusieurs pays');
    expect(asked.choices.map((c) => c.id)).toEqual(['country-country:CD', 'country-country:CG']);
  });

  it('says what it did not find, and invites to type the name', () => {
    const reading = readCountryAnswer('join', typed('Atlantide'), speaker('en'), HUB_COUNTRIES);
    if (reading.kind !== 'ask') throw new Error('expected a question');
    const asked = choicesOf(reading.reply[0]);
    expect(asked.text).toContain('I did not find the country “Atlantide”. Type the name of your country');
    expect(asked.choices).toHaveLength(HUB_COUNTRIES.length);
  });
});

describe('the time zone question', () => {
  it("shows the DRC's two zones by region, and reads a button, a city or a number", () => {
    const question = choicesOf(zoneQuestion('join', 'CD', fr));
    expect(question.text).toContain('plusieurs fuseaux horaires');
    expect(question.choices).toEqual([
      { id: 'join-zone:Africa/Kinshasa', label: 'Ouest · Kinshasa' },
      { id: 'join-zone:Africa/Lubumbashi', label: 'Est · Bukavu, Goma' },
    ]);
    expect(readZoneAnswer('join', 'CD', tapped('join-zone:Africa/Lubumbashi'), fr)).toEqual({
      kind: 'chosen',
      zone: 'Africa/Lubumbashi',
    });
    expect(readZoneAnswer('join', 'CD', typed('Bukavu'), fr)).toEqual({ kind: 'chosen', zone: 'Africa/Lubumbashi' });
    expect(readZoneAnswer('join', 'CD', typed('kinshasa'), fr)).toEqual({ kind: 'chosen', zone: 'Africa/Kinshasa' });
    expect(readZoneAnswer('join', 'CD', typed('1'), fr)).toEqual({ kind: 'chosen', zone: 'Africa/Kinshasa' });
  });

  it('asks again for anything else', () => {
    const reading = readZoneAnswer('join', 'CD', typed('Paris'), fr);
    expect(reading.kind).toBe('ask');
    if (reading.kind === 'ask') expect(choicesOf(reading.reply[1]).choices).toHaveLength(2);
    expect(readZoneAnswer('join', 'CD', tapped('apply-zone:Africa/Kinshasa'), fr).kind).toBe('ask');
  });
});
