import { DateTime } from 'luxon';
import type { Config } from '../../config.ts';
import { applicationLinks, APPLY_WORDS } from '../../domain/application-links.ts';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import type { Database } from '../../store/database.ts';
import { findApplicationCall } from '../../store/programmes/find-application-call.ts';
import { CommandError, type Output } from '../output.ts';

/**
 * `compagnon applications links`: the call's opening and closing in the programme's time zone,
 * the public links that open an application (no invite code: anyone may apply), and the word to
 * send, in French and in English, on a channel with no link configured.
 */
export async function runApplicationLinks(
  options: { programme?: string },
  deps: {
    db: Database;
    out: Output;
    now: () => Date;
    config: Pick<Config, 'TELEGRAM_BOT_USERNAME' | 'WHATSAPP_BUSINESS_NUMBER'>;
  },
): Promise<void> {
  const result = await findApplicationCall(deps.db, options.programme);
  if (!result.found) {
    const known = result.programmeKeys.join(', ');
    throw new CommandError(
      result.reason === 'no_programme'
        ? 'there is no programme yet: import one first (compagnon import <file>)'
        : result.reason === 'several'
          ? `there are several programmes: name one with --programme (${known})`
          : `no programme has the id or key "${options.programme ?? ''}" (programmes: ${known})`,
    );
  }
  const { programmeKey, timeZone, call } = result.programme;
  if (!call) {
    throw new CommandError(
      `programme ${programmeKey} has no call for applications: add an applications: section to its file and import it again`,
    );
  }
  const now = deps.now();
  const state = now < call.opensAt ? 'not open yet' : now < call.closesAt ? 'open now' : 'closed';
  deps.out.info(
    `Call for applications of ${programmeKey} (accepted applicants join cohort ${call.cohortKey}), ${state}:`,
  );
  deps.out.info(`  opens  ${localTime(call.opensAt, timeZone)}`);
  deps.out.info(`  closes ${localTime(call.closesAt, timeZone)}`);

  const accounts = {
    telegramBotUsername: deps.config.TELEGRAM_BOT_USERNAME,
    whatsappBusinessNumber: deps.config.WHATSAPP_BUSINESS_NUMBER,
  };
  const words = SUPPORTED_LANGUAGES.map((language) => `"${APPLY_WORDS[language]}" (${LANGUAGE_NAMES[language]})`);
  deps.out.info(`To apply, send ${words.join(' or ')} to the bot or the WhatsApp number.`);
  // The Telegram link is the same in every language: the applicant chooses theirs first.
  const telegram = applicationLinks('fr', accounts).telegram;
  if (telegram) deps.out.info(`  Telegram: ${telegram}`);
  for (const language of SUPPORTED_LANGUAGES) {
    const whatsapp = applicationLinks(language, accounts).whatsapp;
    if (whatsapp) deps.out.info(`  WhatsApp (${LANGUAGE_NAMES[language]}): ${whatsapp}`);
  }
  const missing = [
    !telegram && 'Telegram (set TELEGRAM_BOT_USERNAME)',
    !accounts.whatsappBusinessNumber && 'WhatsApp (set WHATSAPP_BUSINESS_NUMBER)',
  ].filter((name): name is string => typeof name === 'string');
  if (missing.length > 0) {
    deps.out.info(`  no link for ${missing.join(' or ')}: give people the word to send instead`);
  }
}

function localTime(instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone }).setLocale('en-GB');
  return `${local.toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${timeZone} time)`;
}
