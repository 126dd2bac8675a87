import { DateTime } from 'luxon';
import { z } from 'zod';
import { countryName } from '../../domain/countries.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { zoneCity } from '../../domain/zone-city.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import { flowData } from '../flow-data.ts';
import type { AccountStore } from '../stores/account-store.ts';
import type { CountryStore } from '../stores/country-store.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { JoiningStore } from '../stores/joining-store.ts';
import { speakerFor, text } from '../speaker.ts';
import {
  countryQuestion,
  isCountryChoice,
  readCountryAnswer,
  readZoneAnswer,
  zoneQuestion,
} from './country-question.ts';

/**
 * PAYS / COUNTRY: a person sees the country and time zone Compagnon writes to them by, and
 * changes both; the new local time confirms it.
 */
export const COUNTRY = 'country';

/** The tag of this flow's buttons ("country-country:CM", "country-zone:Africa/Kinshasa", "country-keep:yes"). */
const TAG = 'country';
const KEEP_CHOICE = `${TAG}-keep:yes`;
const CHANGE_CHOICE = `${TAG}-keep:no`;

export const COUNTRY_STATES = {
  [COUNTRY]: z.object({
    /** The country chosen, while its time zone is asked (step `zone`). */
    country: z.string().optional(),
  }),
};

type CountryContext = ConversationContext<AccountStore & CountryStore & DialogueStateStore & JoiningStore>;

/** Shows the current country and zone with the local time, and asks whether to change them. */
export async function askCountry(context: CountryContext): Promise<Outgoing[]> {
  const { store, person } = context;
  const speaker = speakerFor(context);
  const own = await store.ownCountry(person.id);
  const zone = person.timeZone;
  const time = localTime(zone, context);
  const current = own.country
    ? speaker.t('country:current', { country: countryName(own.country, speaker.language), zone: zoneCity(zone), time })
    : speaker.t('country:current_none', { zone: zoneCity(zone), time });
  await store.setState(person.id, { flow: COUNTRY, step: 'keep', data: {} });
  return [
    {
      payload: {
        kind: 'choices',
        text: `${current}\n\n${speaker.t('country:change')}`,
        choices: [
          { id: CHANGE_CHOICE, label: speaker.t('country:change_it') },
          { id: KEEP_CHOICE, label: speaker.t('country:keep') },
        ],
      },
    },
  ];
}

export async function continueCountry(
  state: FlowState,
  event: InboundEvent,
  context: CountryContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const speaker = speakerFor(context);
  const data = flowData(COUNTRY_STATES[COUNTRY], state);
  if (event.kind === 'choice' && event.choiceId === KEEP_CHOICE) {
    await store.clearState(person.id);
    return [text(speaker.t('country:kept'))];
  }
  if (event.kind === 'choice' && event.choiceId === CHANGE_CHOICE) {
    await store.setState(person.id, { flow: COUNTRY, step: 'country', data: {} });
    return [countryQuestion(TAG, speaker, await suggested(context))];
  }
  if (event.kind === 'choice' && !isCountryChoice(TAG, event.choiceId)) {
    return [text(speaker.t('country:answer_expected'))];
  }
  if (state.step === 'zone' && data.country) {
    const reading = readZoneAnswer(TAG, data.country, event, speaker);
    if (reading.kind === 'ask') return reading.reply;
    return changed(data.country, reading.zone, context);
  }
  // At the first question, typing a country's name goes straight to it.
  const reading = readCountryAnswer(TAG, event, speaker, await suggested(context));
  if (reading.kind === 'ask') return reading.reply;
  if (reading.zone) return changed(reading.country, reading.zone, context);
  await store.setState(person.id, { flow: COUNTRY, step: 'zone', data: { country: reading.country } });
  return [zoneQuestion(TAG, reading.country, speaker)];
}

async function changed(country: string, zone: string, context: CountryContext): Promise<Outgoing[]> {
  const { store, person } = context;
  const speaker = speakerFor(context);
  await store.setCountry(person.id, country, zone);
  await store.clearState(person.id);
  person.timeZone = zone;
  return [
    text(
      speaker.t('country:changed', {
        country: countryName(country, speaker.language),
        zone: zoneCity(zone),
        time: localTime(zone, context),
      }),
    ),
  ];
}

/** The countries of the hubs of the person's programmes, their own hub's first. */
async function suggested(context: CountryContext): Promise<string[]> {
  const { store, person } = context;
  const programmes = [...new Set((await store.enrolments(person.id)).map((e) => e.programme.id))];
  const hubs = (await Promise.all(programmes.map((id) => store.hubs(id)))).flat();
  const own = hubs.filter((hub) => hub.id === person.hubId);
  return [...new Set([...own, ...hubs].map((hub) => hub.country))];
}

function localTime(zone: string, context: ConversationContext<unknown>): string {
  return DateTime.fromJSDate(context.now()).setZone(zone).toFormat('HH:mm');
}
