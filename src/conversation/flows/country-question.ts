import {
  type Country,
  countryByCode,
  countryLabel,
  countryName,
  findCountries,
  zoneLabel,
} from '../../domain/countries.ts';
import { foldText } from '../../domain/fold-text.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { Choice } from '../../domain/outbound-message.ts';
import type { Outgoing } from '../conversation-context.ts';
import type { Speaker } from '../speaker.ts';

/**
 * The question "which country do you live in?" (and, in a country with several time zones, "which
 * one?"), asked inside joining, applying and PAYS. Each caller tags its buttons ("join-country:CM")
 * so that it knows its own.
 */

/** What an answer to the country question gave. `zone` is null when the country has several: ask it. */
export type CountryReading =
  { kind: 'chosen'; country: string; zone: string | null } | { kind: 'ask'; reply: Outgoing[] };

export type ZoneReading = { kind: 'chosen'; zone: string } | { kind: 'ask'; reply: Outgoing[] };

/**
 * A WhatsApp list holds 10 rows (render.ts, LIST_ROWS_MAX); beyond, it becomes numbered text.
 * Suggestions and matches stay within it, and a typed number picks the suggestion it names.
 */
const CHOICES_MAX = 10;

const countryChoiceId = (tag: string, code: string) => `${tag}-country:${code}`;
const zoneChoiceId = (tag: string, zone: string) => `${tag}-zone:${zone}`;

/** Whether a button is one of the country or zone buttons of the flow tagged `tag`. */
export function isCountryChoice(tag: string, choiceId: string): boolean {
  return choiceId.startsWith(`${tag}-country:`) || choiceId.startsWith(`${tag}-zone:`);
}

/** The suggested countries that are in the list, once each, at most as many as a list holds. */
function suggestions(suggested: string[]): Country[] {
  const codes = [...new Set(suggested.map((code) => code.toUpperCase()))];
  return codes.flatMap((code) => countryByCode(code) ?? []).slice(0, CHOICES_MAX);
}

function countryChoices(tag: string, countries: Country[], speaker: Speaker): Choice[] {
  return countries.map((country) => ({
    id: countryChoiceId(tag, country.code),
    label: countryLabel(country.code, speaker.language),
  }));
}

function choices(body: string, list: Choice[], speaker: Speaker): Outgoing {
  if (list.length === 0) return { payload: { kind: 'text', text: body } };
  return { payload: { kind: 'choices', text: body, choices: list, menuLabel: speaker.t('country:menu') } };
}

/** Buttons for the suggested countries (the programme's hubs' countries) and an invitation to type another. */
export function countryQuestion(tag: string, speaker: Speaker, suggested: string[]): Outgoing {
  const key = suggestions(suggested).length > 0 ? 'country:question' : 'country:question_typed';
  return choices(speaker.t(key), countryChoices(tag, suggestions(suggested), speaker), speaker);
}

/** The country a button or a typed name gives, or what to ask next (which of several, or another try). */
export function readCountryAnswer(
  tag: string,
  event: InboundEvent,
  speaker: Speaker,
  suggested: string[],
): CountryReading {
  if (event.kind === 'choice') {
    const code = event.choiceId.startsWith(`${tag}-country:`) ? event.choiceId.slice(`${tag}-country:`.length) : '';
    const country = countryByCode(code);
    if (country) return chosen(country);
    return { kind: 'ask', reply: [countryQuestion(tag, speaker, suggested)] };
  }
  if (event.kind !== 'text') return { kind: 'ask', reply: [countryQuestion(tag, speaker, suggested)] };
  const typed = event.text.trim();
  // Where WhatsApp shows the suggestions as numbered text, the number picks one.
  const numbered = /^\d{1,2}$/.test(typed) ? suggestions(suggested)[Number(typed) - 1] : undefined;
  if (numbered) return chosen(numbered);
  const found = findCountries(typed, speaker.language);
  const [only] = found;
  if (only && found.length === 1) return chosen(only);
  if (found.length > 1) {
    const shown = found.slice(0, CHOICES_MAX);
    const key = found.length > CHOICES_MAX ? 'country:several_more' : 'country:several';
    return { kind: 'ask', reply: [choices(speaker.t(key, { typed }), countryChoices(tag, shown, speaker), speaker)] };
  }
  const notFound = speaker.t('country:not_found', { typed: typed.slice(0, 60) });
  return {
    kind: 'ask',
    reply: [choices(notFound, countryChoices(tag, suggestions(suggested), speaker), speaker)],
  };
}

function chosen(country: Country): CountryReading {
  const [zone] = country.zones;
  return { kind: 'chosen', country: country.code, zone: country.zones.length === 1 && zone ? zone : null };
}

/** Which of the country's time zones is the person's, one button each. */
export function zoneQuestion(tag: string, country: string, speaker: Speaker): Outgoing {
  const found = countryByCode(country);
  const zones = found?.zones ?? [];
  return choices(
    speaker.t('country:zone_question', { country: countryName(country, speaker.language) }),
    zones.map((zone) => ({
      id: zoneChoiceId(tag, zone),
      label: found ? zoneLabel(found, zone, speaker.language) : zone,
    })),
    speaker,
  );
}

/** The zone a button, its number or a typed city gives, or the question again. */
export function readZoneAnswer(tag: string, country: string, event: InboundEvent, speaker: Speaker): ZoneReading {
  const found = countryByCode(country);
  const zones = found?.zones ?? [];
  const again: ZoneReading = {
    kind: 'ask',
    reply: [
      { payload: { kind: 'text', text: speaker.t('country:zone_expected') } },
      zoneQuestion(tag, country, speaker),
    ],
  };
  if (!found) return again;
  let zone: string | undefined;
  if (event.kind === 'choice' && event.choiceId.startsWith(`${tag}-zone:`)) {
    zone = zones.find((z) => zoneChoiceId(tag, z) === event.choiceId);
  } else if (event.kind === 'text') {
    const typed = foldText(event.text);
    zone = /^\d{1,2}$/.test(typed)
      ? zones[Number(typed) - 1]
      : zones.find((z) =>
          [zoneLabel(found, z, 'fr'), zoneLabel(found, z, 'en'), z.split('/').at(-1) ?? z]
            .map(foldText)
            .some((label) => label === typed || label.split(' ').includes(typed)),
        );
  }
  return zone ? { kind: 'chosen', zone } : again;
}
